/**
 * Plan items rendered as statements for one dialect. The safe part merges consecutive items on
 * one table in mergeable phases into one statement; the review part renders one item at a time.
 * Each statement is written against the table as the statements before it leave it.
 */
import type { Dialect } from '../db/index.js';
import { nameKey, type SchemaModel } from './model.js';
import { mergedPhase, PHASE, type PlanItem, type PlannedStatement, type Section } from './planTypes.js';
import type { RenderContext } from './sql/common.js';
import { RENDERERS } from './sql/index.js';
import { opObjects, opTable, type Op, type Stmt } from './sql/ops.js';
import { tableAfter } from './sql/tableAfter.js';

export function renderItems(
  items: PlanItem[],
  dialect: Dialect,
  current: SchemaModel,
  target: SchemaModel,
): PlannedStatement[] {
  const ctx: RenderContext = {
    currentTables: new Map(current.tables.map((t) => [nameKey(t.name), t])),
    targetTables: new Map(target.tables.map((t) => [nameKey(t.name), t])),
  };
  const out: PlannedStatement[] = [];
  renderSafe(
    items.filter((i) => i.section === 'safe'),
    dialect,
    ctx,
    out,
  );
  renderReview(
    items.filter((x) => x.section === 'review'),
    dialect,
    ctx,
    out,
  );
  return out;
}

function push(out: PlannedStatement[], section: Section, stmts: Stmt[], group: PlanItem[]): void {
  const objects = [...new Set(group.flatMap((g) => g.ops.flatMap(opObjects)))].sort();
  for (const s of stmts)
    out.push({
      seq: out.length + 1,
      section,
      sql: s.sql.trim(),
      block: !!s.block,
      titles: group.map((g) => g.title),
      reasons: group.flatMap((g) => g.reasons),
      objects,
    });
}

/** The current tables as the operations leave them, for the statements after them. */
function advance(ctx: RenderContext, ops: Op[]): void {
  for (const o of ops) {
    const t = opTable(o);
    if (!t) continue;
    if (o.op === 'dropTable') ctx.currentTables.delete(nameKey(o.table));
    else if (o.op === 'renameTable') {
      const before = ctx.currentTables.get(nameKey(o.from));
      ctx.currentTables.delete(nameKey(o.from));
      if (before) ctx.currentTables.set(nameKey(o.to), tableAfter(before, [o]));
    } else if (o.op === 'createTable') ctx.currentTables.set(nameKey(t), o.table);
    else {
      const before = ctx.currentTables.get(nameKey(t));
      if (before) ctx.currentTables.set(nameKey(t), tableAfter(before, [o]));
    }
  }
}

/** Safe part: consecutive items on one table in mergeable phases become one group. */
function renderSafe(safe: PlanItem[], dialect: Dialect, ctx: RenderContext, out: PlannedStatement[]): void {
  const r = RENDERERS[dialect];
  const mergeKey = (phase: number) => mergedPhase(dialect, phase);
  for (let i = 0; i < safe.length; ) {
    const first = safe[i]!;
    if (!first.table || first.ops.every((o) => !opTable(o))) {
      push(
        out,
        'safe',
        first.ops.flatMap((o) => r.objectOp(o, ctx)),
        [first],
      );
      i++;
      continue;
    }
    const group = [first];
    let j = i + 1;
    while (
      j < safe.length &&
      safe[j]!.table &&
      nameKey(safe[j]!.table!) === nameKey(first.table) &&
      mergeKey(safe[j]!.phase) === mergeKey(first.phase) &&
      first.phase !== PHASE.createTable
    )
      group.push(safe[j++]!);
    const ops = group.flatMap((g) => g.ops);
    push(out, 'safe', r.tableOps(first.table, ops, ctx), group);
    advance(ctx, ops);
    i = j;
  }
}

/**
 * Review part: one item at a time, each against the state the safe part and the review items
 * above it leave (they are uncommented top-down; a SQLite rebuild restates the whole table).
 */
function renderReview(review: PlanItem[], dialect: Dialect, ctx: RenderContext, out: PlannedStatement[]): void {
  const r = RENDERERS[dialect];
  for (const it of review) {
    if (it.ops.every((o) => o.op === 'manual')) {
      out.push({
        seq: out.length + 1,
        section: 'review',
        sql: '',
        block: false,
        titles: [it.title],
        reasons: it.reasons,
        objects: [],
      });
      continue;
    }
    const stmts =
      it.table && it.ops.some((o) => opTable(o))
        ? r.tableOps(it.table, it.ops, ctx)
        : it.ops.flatMap((o) => r.objectOp(o, ctx));
    push(out, 'review', stmts, [it]);
    advance(ctx, it.ops);
  }
}
