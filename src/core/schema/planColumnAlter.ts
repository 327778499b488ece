/** The plan items of one `column.alter` change (planClassify.ts hands them over). */
import type { Change, ColumnAspect } from './changes.js';
import type { Column } from './model.js';
import { nameKey } from './model.js';
import { type ClassifyContext, review, safe } from './planItem.js';
import { PHASE, type PlanItem } from './planTypes.js';
import { oracleLobChange } from './sql/oracle.js';
import { compareTypes } from './types.js';

const SAFE_ASPECTS: ReadonlySet<ColumnAspect> = new Set(['default', 'comment', 'onUpdate']);

function describeType(c: Column): string {
  return c.type.native;
}

type ColumnAlter = Extract<Change, { kind: 'column.alter' }>;

/**
 * A column change split by aspect: defaults, comments, widening types and relaxed NOT NULL are
 * safe; the rest waits for review, starting from the column as the safe step leaves it.
 */
export function classifyColumnAlter(c: ColumnAlter, ctx: ClassifyContext): PlanItem[] {
  const safeAspects: ColumnAspect[] = [];
  const reviewAspects: ColumnAspect[] = [];
  const reasons: string[] = [];
  for (const a of c.aspects) {
    const verdict = judgeAspect(c, a, ctx);
    if (verdict === 'safe') safeAspects.push(a);
    else if (verdict !== undefined) {
      reviewAspects.push(a);
      reasons.push(verdict.review);
    }
  }
  // A new default belongs to the new type: when the type change waits for review, so does the default
  // (a '' default on a column that is still FLOAT would be refused).
  if (reviewAspects.includes('type') && safeAspects.includes('default')) {
    safeAspects.splice(safeAspects.indexOf('default'), 1);
    reviewAspects.push('default');
  }
  // The safe step applies only the safe aspects; the review step takes the column from there to the target.
  const mid: Column = { ...c.from };
  for (const a of safeAspects) applyAspect(mid, c.to, a);
  const items: PlanItem[] = [];
  if (safeAspects.length)
    items.push(
      safe(
        c,
        PHASE.alterTable,
        [{ op: 'alterColumn', table: c.table, from: c.from, to: mid, aspects: safeAspects }],
        c.table,
      ),
    );
  if (reviewAspects.length)
    items.push(
      review(
        c,
        PHASE.alterTable,
        [{ op: 'alterColumn', table: c.table, from: mid, to: c.to, aspects: reviewAspects }],
        reasons,
        c.table,
      ),
    );
  return items;
}

/** What becomes of an aspect: 'safe', or why it waits for review; undefined for an aspect no step changes. */
type Verdict = 'safe' | { review: string } | undefined;

function judgeAspect(c: ColumnAlter, a: ColumnAspect, ctx: ClassifyContext): Verdict {
  if (SAFE_ASPECTS.has(a)) return 'safe';
  if (a === 'type') return judgeType(c, ctx);
  if (a === 'nullable')
    return c.to.nullable
      ? 'safe'
      : {
          review:
            'makes the column NOT NULL: fails (or turns NULLs into zeros/empty strings) if rows hold NULL; fill them first',
        };
  if (a === 'charset')
    return {
      review: `changes the charset ${c.from.charset ?? '?'}/${c.from.collation ?? '?'} → ${c.to.charset ?? '?'}/${c.to.collation ?? '?'}: rewrites every value; check index key lengths and the application's encoding`,
    };
  if (a === 'autoIncrement')
    return {
      review: c.to.autoIncrement
        ? 'makes the column auto-increment: it must be a key, and existing zero values are renumbered'
        : 'removes auto-increment: inserts must then supply the value',
    };
  if (a === 'generated') return { review: 'changes a generated column: the column is rebuilt' };
  return undefined;
}

/** A widening is safe, except an Oracle LOB change; a narrowing or a change of family waits for review. */
function judgeType(c: ColumnAlter, ctx: ClassifyContext): Verdict {
  const rel = compareTypes(c.from.type, c.to.type, {
    fromCharset: ctx.charsetOf(ctx.cur.get(nameKey(c.table)), c.from),
    toCharset: ctx.charsetOf(ctx.tgt.get(nameKey(c.table)), c.to),
  });
  if (rel === 'widen' && ctx.dialect === 'oracle' && oracleLobChange(c.from.type, c.to.type))
    return {
      review: `Oracle cannot modify ${describeType(c.from)} into ${describeType(c.to)} (ORA-22858): the column is re-created (add, copy, drop, rename), which moves it to the end of the table and drops its indexes`,
    };
  if (rel === 'widen') return 'safe';
  return {
    review:
      rel === 'narrow'
        ? `narrows ${describeType(c.from)} → ${describeType(c.to)}: longer or larger values would be cut or rejected (check the longest value first)`
        : `changes the type ${describeType(c.from)} → ${describeType(c.to)}: existing values are converted and may fail or change`,
  };
}

function applyAspect(col: Column, to: Column, a: ColumnAspect): void {
  const set = <K extends keyof Column>(k: K) => {
    if (to[k] === undefined) delete col[k];
    else col[k] = to[k];
  };
  if (a === 'type') set('type');
  else if (a === 'nullable') col.nullable = to.nullable;
  else if (a === 'default') set('default');
  else if (a === 'autoIncrement') set('autoIncrement');
  else if (a === 'onUpdate') set('onUpdate');
  else if (a === 'generated') set('generated');
  else if (a === 'charset') {
    set('charset');
    set('collation');
  } else if (a === 'comment') set('comment');
}
