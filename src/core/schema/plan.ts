/**
 * The sync plan: every change of a diff classified as safe (applied by the script) or needs
 * review (written as commented SQL with the reason), put in an order that works (sequences,
 * renames, new tables by their foreign keys, columns, indexes, foreign keys, views, routines) and
 * rendered for one dialect. Pure: `now` comes from the caller.
 *
 * Safe means it cannot lose data and cannot fail on existing rows: new tables, new columns that
 * can be filled, widening type changes, relaxing NOT NULL, defaults and comments, new non-unique
 * indexes, constraints on columns that are new (and so hold only NULLs), views and routines
 * re-created from the target. Everything else needs a person: drops, narrowing and type-family
 * changes, NOT NULL on existing columns, new UNIQUE / foreign keys / checks on existing data,
 * charset changes, primary key changes, objects hisops does not manage.
 */
import type { Dialect } from '../db/index.js';
import { DIALECT_LABEL } from './labels.js';
import { adaptModel } from './adapt.js';
import { changeTitle, type Change, type ColumnAspect } from './changes.js';
import { sha256 } from './digest.js';
import { wrapDependents } from './dependents.js';
import { diffModels, type DiffResult, type RenameMap } from './diff.js';
import type { NameFilter } from './filter.js';
import { fingerprint } from './fingerprint.js';
import { nameKey, type Column, type SchemaModel, type Table } from './model.js';
import { RENDERERS } from './sql/index.js';
import type { RenderContext } from './sql/common.js';
import { opObjects, opTable, type Op, type Stmt } from './sql/ops.js';
import { tableAfter } from './sql/tableAfter.js';
import { oracleLobChange } from './sql/oracle.js';
import { compareTypes } from './types.js';

export type Section = 'safe' | 'review';

/** Execution order. Review items use the same order so that uncommenting them top-down works. */
export const PHASE = {
  dropObject: 10,
  dropForeignKey: 20,
  dropIndex: 25,
  sequence: 30,
  rename: 35,
  createTable: 40,
  alterTable: 50,
  index: 60,
  foreignKey: 70,
  view: 80,
  routine: 90,
  /** Package and type bodies: Oracle compiles a body only once its specification exists. */
  routineBody: 92,
  trigger: 95,
  dropTable: 100,
  manual: 110,
} as const;

export interface PlanItem {
  section: Section;
  phase: number;
  table?: string;
  title: string;
  reasons: string[];
  ops: Op[];
}

export interface PlannedStatement {
  seq: number;
  section: Section;
  sql: string;
  block: boolean;
  titles: string[];
  reasons: string[];
  /** The objects the statement changes (objectKey form), for resuming exactly. */
  objects: string[];
}

export interface PlanSide {
  display: string;
  dialect: Dialect;
  fingerprint: string;
}

export interface Plan {
  planId: string;
  dialect: Dialect;
  createdAt: string;
  hisopsVersion: string;
  current: PlanSide;
  target: PlanSide;
  diff: DiffResult;
  items: PlanItem[];
  statements: PlannedStatement[];
  counts: { changes: number; safeItems: number; reviewItems: number; safeStatements: number; reviewStatements: number };
  warnings: string[];
}

export interface PlanOptions {
  now: Date;
  hisopsVersion: string;
  /** Dialect to write the script for (default: the current database's). */
  dialect?: Dialect;
  renames?: RenameMap;
  filter?: Partial<NameFilter>;
  /** Longest Oracle identifier (30 before 12.2, 128 after; default 30): generated names are shortened to it. */
  oracleMaxIdentifier?: number;
}

/** Dialects whose UNIQUE allows many NULLs (a unique index on a new, all-NULL column cannot fail). */
const UNIQUE_MANY_NULLS: Record<Dialect, boolean> = { mysql: true, postgres: true, oracle: true, sqlite: true, mssql: false };
/** Dialects that fill a new NOT NULL column without default with the type's zero value. */
const IMPLICIT_DEFAULTS: Record<Dialect, boolean> = { mysql: true, postgres: false, oracle: false, sqlite: false, mssql: false };
/** Changes to one table in these phases are merged into one statement (one table rebuild). */
const MERGED_PHASES: Record<Dialect, number[][]> = {
  mysql: [[PHASE.alterTable, PHASE.index]],
  postgres: [],
  sqlite: [[PHASE.alterTable, PHASE.index]],
  oracle: [],
  mssql: [],
};

function mergedPhase(dialect: Dialect, phase: number): number {
  const group = MERGED_PHASES[dialect].find((g) => g.includes(phase));
  return group ? group[0]! : phase;
}

const SAFE_ASPECTS: ReadonlySet<ColumnAspect> = new Set(['default', 'comment', 'onUpdate']);

interface ClassifyContext {
  dialect: Dialect;
  cur: Map<string, Table>;
  tgt: Map<string, Table>;
  newTables: Set<string>;
  /** table key → column keys added by this plan */
  addedColumns: Map<string, Set<string>>;
  charsetOf: (t: Table | undefined, c: Column) => string | undefined;
}

function describeType(c: Column): string {
  return c.type.native;
}

/** Columns that are new in this plan, nullable and without a non-NULL default: they hold only NULLs. */
function allNullColumns(table: string, cols: string[], ctx: ClassifyContext): boolean {
  const added = ctx.addedColumns.get(nameKey(table));
  const t = ctx.tgt.get(nameKey(table));
  return cols.length > 0 && cols.every((c) => {
    if (!added?.has(nameKey(c))) return false;
    const col = t?.columns.find((x) => nameKey(x.name) === nameKey(c));
    return !!col && col.nullable && (!col.default || col.default.kind === 'null') && !col.autoIncrement;
  });
}

/**
 * A check `COL IN (v1, v2, …)` (an enum's or a boolean's allowed values, as carried to Oracle) on
 * a column this plan adds cannot fail: the new column holds its default, or NULL, everywhere.
 */
function valueListFits(table: string, expression: string, ctx: ClassifyContext): boolean {
  const list = valueList(expression);
  if (!list || !ctx.addedColumns.get(nameKey(table))?.has(list.column)) return false;
  const col = ctx.tgt.get(nameKey(table))?.columns.find((x) => nameKey(x.name) === list.column);
  if (!col || col.autoIncrement) return false;
  const d = col.default;
  if (!d || d.kind === 'null') return col.nullable;
  return d.kind === 'literal' && list.values.includes(d.value);
}

/** `COL IN ('a', 'b')` → the column (name key) and the values; undefined for any other check. */
function valueList(expression: string): { column: string; values: string[] } | undefined {
  const m = /^\s*"?([\w$#]+)"?\s+IN\s*\(((?:\s*(?:'(?:[^']|'')*'|-?\d+)\s*,?)*)\)\s*$/is.exec(expression);
  if (!m) return undefined;
  const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'|(-?\d+)/g)].map((v) => (v[1] !== undefined ? v[1].replace(/''/g, "'") : v[2]!));
  return { column: nameKey(m[1]!), values };
}

/** A value-list check that only allows more values (an enum with members appended) cannot fail on existing rows. */
function valueListWidens(from: string, to: string): boolean {
  const a = valueList(from);
  const b = valueList(to);
  return !!a && !!b && a.column === b.column && a.values.every((v) => b.values.includes(v));
}

function classify(c: Change, ctx: ClassifyContext): PlanItem[] {
  const title = changeTitle(c);
  const safe = (phase: number, ops: Op[], table?: string): PlanItem => ({ section: 'safe', phase, ...(table ? { table } : {}), title, reasons: [], ops });
  const review = (phase: number, ops: Op[], reasons: string[], table?: string): PlanItem => ({ section: 'review', phase, ...(table ? { table } : {}), title, reasons, ops });
  const d = ctx.dialect;
  switch (c.kind) {
    case 'table.add':
      return [safe(PHASE.createTable, [{ op: 'createTable', table: c.table, deferFks: [] }], c.table.name)];
    case 'table.drop':
      return [review(PHASE.dropTable, [{ op: 'dropTable', table: c.table.name }], ['drops the table and every row in it'], c.table.name)];
    case 'table.rename':
      return [safe(PHASE.rename, [{ op: 'renameTable', from: c.from, to: c.to }], c.to)];
    case 'table.options': {
      const items: PlanItem[] = [];
      const safeAspects = c.aspects.filter((a) => a !== 'charset');
      if (safeAspects.length) items.push(safe(PHASE.alterTable, [{ op: 'tableOptions', table: c.table, from: c.from, to: c.to, aspects: safeAspects }], c.table));
      if (c.aspects.includes('charset'))
        items.push(review(PHASE.alterTable, [{ op: 'tableOptions', table: c.table, from: c.from, to: c.to, aspects: ['charset'] }], [`changes the table's default charset ${c.from.charset ?? '?'}/${c.from.collation ?? '?'} → ${c.to.charset ?? '?'}/${c.to.collation ?? '?'}: check the application's encoding and index key lengths first`], c.table));
      return items;
    }
    case 'column.add': {
      const col = c.column;
      const op: Op = { op: 'addColumn', table: c.table, column: col, after: c.after };
      if (col.autoIncrement) return [review(PHASE.alterTable, [op], ['adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)'], c.table)];
      if (!col.nullable && !col.generated && (!col.default || col.default.kind === 'null') && !IMPLICIT_DEFAULTS[d])
        return [review(PHASE.alterTable, [op], [`adds a NOT NULL column without a default: ${DIALECT_LABEL[d]} refuses it on a table that has rows; add a default or fill it in steps`], c.table)];
      return [safe(PHASE.alterTable, [op], c.table)];
    }
    case 'column.drop':
      return [review(PHASE.alterTable, [{ op: 'dropColumn', table: c.table, column: c.column }], ['drops the column and its data'], c.table)];
    case 'column.rename':
      return [safe(PHASE.rename, [{ op: 'renameColumn', table: c.table, from: c.from, to: c.to, column: c.column }], c.table)];
    case 'column.alter':
      return classifyColumnAlter(c, ctx, safe, review);
    case 'pk.add':
      if (ctx.newTables.has(nameKey(c.table))) return [];
      return [review(PHASE.alterTable, [{ op: 'addPrimaryKey', table: c.table, pk: c.to }], ['adds a primary key to a table with data: fails if rows repeat or hold NULLs in its columns'], c.table)];
    case 'pk.drop':
      return [review(PHASE.alterTable, [{ op: 'dropPrimaryKey', table: c.table, pk: c.from }], ['drops the primary key'], c.table)];
    case 'pk.alter':
      return [review(PHASE.alterTable, [{ op: 'dropPrimaryKey', table: c.table, pk: c.from }, { op: 'addPrimaryKey', table: c.table, pk: c.to }], [`changes the primary key (${c.from.columns.join(', ')}) → (${c.to.columns.join(', ')}): fails if rows repeat in the new columns`], c.table)];
    case 'index.add': {
      const op: Op = { op: 'createIndex', table: c.table, index: c.index };
      if (c.index.unique && !(UNIQUE_MANY_NULLS[d] && allNullColumns(c.table, c.index.columns.map((x) => x.name ?? ''), ctx)))
        return [review(PHASE.index, [op], ['new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)'], c.table)];
      return [safe(PHASE.index, [op], c.table)];
    }
    case 'index.drop':
      return [review(PHASE.dropIndex, [{ op: 'dropIndex', table: c.table, index: c.index }], ['drops an index the target does not have (it may be a local addition for performance)'], c.table)];
    case 'index.alter': {
      const ops: Op[] = [
        { op: 'dropIndex', table: c.table, index: c.from },
        { op: 'createIndex', table: c.table, index: c.to },
      ];
      if (c.to.unique) return [review(PHASE.index, ops, ['re-creates an index as UNIQUE on existing data: fails if rows repeat'], c.table)];
      return [safe(PHASE.index, ops, c.table)];
    }
    case 'index.rename':
      return [safe(PHASE.index, [{ op: 'renameIndex', table: c.table, from: c.from, to: c.to }], c.table)];
    case 'fk.add': {
      if (ctx.newTables.has(nameKey(c.table))) return [];
      const op: Op = { op: 'addForeignKey', table: c.table, fk: c.fk };
      if (allNullColumns(c.table, c.fk.columns, ctx)) return [safe(PHASE.foreignKey, [op], c.table)];
      return [review(PHASE.foreignKey, [op], ['new foreign key on existing data: fails if rows point to missing parents (check with a LEFT JOIN first)'], c.table)];
    }
    case 'fk.drop':
      return [review(PHASE.dropForeignKey, [{ op: 'dropForeignKey', table: c.table, fk: c.fk }], ['drops a foreign key'], c.table)];
    case 'fk.alter':
      return [review(PHASE.foreignKey, [{ op: 'dropForeignKey', table: c.table, fk: c.from }, { op: 'addForeignKey', table: c.table, fk: c.to }], ['changes a foreign key: it is dropped and re-created, which checks every existing row'], c.table)];
    case 'check.add':
      if (ctx.newTables.has(nameKey(c.table))) return [];
      // MariaDB's own check of a new json column is written in its ADD COLUMN (sql/mysql.ts).
      if (d === 'mysql' && nameKey(c.check.name) !== '' && ctx.addedColumns.get(nameKey(c.table))?.has(nameKey(c.check.name)) && c.check.expression.toLowerCase().includes(nameKey(c.check.name))) return [];
      if (valueListFits(c.table, c.check.expression, ctx)) return [safe(PHASE.alterTable, [{ op: 'addCheck', table: c.table, check: c.check }], c.table)];
      return [review(PHASE.alterTable, [{ op: 'addCheck', table: c.table, check: c.check }], ['new check on existing data: fails if a row violates it'], c.table)];
    case 'check.drop':
      // Before the column changes of its table: a dropped column takes its checks with it.
      return [review(PHASE.dropForeignKey, [{ op: 'dropCheck', table: c.table, check: c.check }], ['drops a check constraint'], c.table)];
    case 'check.alter':
      if (valueListWidens(c.from.expression, c.to.expression)) return [safe(PHASE.alterTable, [{ op: 'dropCheck', table: c.table, check: c.from }, { op: 'addCheck', table: c.table, check: c.to }], c.table)];
      return [review(PHASE.alterTable, [{ op: 'dropCheck', table: c.table, check: c.from }, { op: 'addCheck', table: c.table, check: c.to }], ['changes a check constraint: existing rows are checked again'], c.table)];
    case 'view.add':
    case 'view.alter': {
      const v = c.kind === 'view.add' ? c.view : c.to;
      const op: Op = { op: 'createView', view: v, replace: c.kind === 'view.alter' };
      if (v.dialect && v.dialect !== d) return [review(PHASE.view, [op], [`the view is written for ${DIALECT_LABEL[v.dialect]}: translate it by hand`])];
      return [safe(PHASE.view, [op])];
    }
    case 'view.drop':
      return [review(PHASE.dropObject, [{ op: 'dropView', view: c.view }], ['drops a view the target does not have'])];
    case 'routine.add':
    case 'routine.alter': {
      const r = c.kind === 'routine.add' ? c.routine : c.to;
      const phase = r.kind === 'trigger' ? PHASE.trigger : r.kind.endsWith(' body') ? PHASE.routineBody : PHASE.routine;
      const op: Op = { op: 'createRoutine', routine: r, replace: c.kind === 'routine.alter' };
      if (r.dialect && r.dialect !== d) return [review(phase, [op], [`the ${r.kind} is written for ${DIALECT_LABEL[r.dialect]}: translate it by hand`])];
      if (d === 'sqlite' && r.kind !== 'trigger') return [review(phase, [{ op: 'manual', note: `${r.kind} ${r.name}` }], ['SQLite has no stored routines'])];
      return [safe(phase, [op])];
    }
    case 'routine.drop':
      return [review(PHASE.dropObject, [{ op: 'dropRoutine', routine: c.routine }], [`drops a ${c.routine.kind} the target does not have`])];
    case 'sequence.add':
      return [safe(PHASE.sequence, [{ op: 'createSequence', sequence: c.sequence }])];
    case 'sequence.alter':
      return [safe(PHASE.sequence, [{ op: 'alterSequence', from: c.from, to: c.to }])];
    case 'sequence.drop':
      return [review(PHASE.dropTable, [{ op: 'dropSequence', sequence: c.sequence }], ['drops a sequence the target does not have'])];
    case 'other.add':
      return [review(PHASE.manual, [{ op: 'manual', note: `${c.object.kind} ${c.object.name}` }], [`hisops does not manage ${c.object.kind} objects: create it by hand from the target's definition`])];
    case 'other.drop':
      return [review(PHASE.manual, [{ op: 'manual', note: `${c.object.kind} ${c.object.name}` }], [`hisops does not manage ${c.object.kind} objects: it is kept; drop it by hand if the new version no longer uses it`])];
    case 'other.alter':
      return [review(PHASE.manual, [{ op: 'manual', note: `${c.to.kind} ${c.to.name}` }], [`hisops does not manage ${c.to.kind} objects and this one differs: compare it by hand`])];
  }
}

function classifyColumnAlter(
  c: Extract<Change, { kind: 'column.alter' }>,
  ctx: ClassifyContext,
  safe: (phase: number, ops: Op[], table?: string) => PlanItem,
  review: (phase: number, ops: Op[], reasons: string[], table?: string) => PlanItem,
): PlanItem[] {
  const safeAspects: ColumnAspect[] = [];
  const reviewAspects: ColumnAspect[] = [];
  const reasons: string[] = [];
  const ct = ctx.cur.get(nameKey(c.table));
  const tt = ctx.tgt.get(nameKey(c.table));
  for (const a of c.aspects) {
    if (SAFE_ASPECTS.has(a)) safeAspects.push(a);
    else if (a === 'type') {
      const rel = compareTypes(c.from.type, c.to.type, { fromCharset: ctx.charsetOf(ct, c.from), toCharset: ctx.charsetOf(tt, c.to) });
      if (rel === 'widen' && ctx.dialect === 'oracle' && oracleLobChange(c.from.type, c.to.type)) {
        reviewAspects.push(a);
        reasons.push(`Oracle cannot modify ${describeType(c.from)} into ${describeType(c.to)} (ORA-22858): the column is re-created (add, copy, drop, rename), which moves it to the end of the table and drops its indexes`);
      } else if (rel === 'widen') safeAspects.push(a);
      else {
        reviewAspects.push(a);
        reasons.push(
          rel === 'narrow'
            ? `narrows ${describeType(c.from)} → ${describeType(c.to)}: longer or larger values would be cut or rejected (check the longest value first)`
            : `changes the type ${describeType(c.from)} → ${describeType(c.to)}: existing values are converted and may fail or change`,
        );
      }
    } else if (a === 'nullable') {
      if (c.to.nullable) safeAspects.push(a);
      else {
        reviewAspects.push(a);
        reasons.push('makes the column NOT NULL: fails (or turns NULLs into zeros/empty strings) if rows hold NULL; fill them first');
      }
    } else if (a === 'charset') {
      reviewAspects.push(a);
      reasons.push(`changes the charset ${c.from.charset ?? '?'}/${c.from.collation ?? '?'} → ${c.to.charset ?? '?'}/${c.to.collation ?? '?'}: rewrites every value; check index key lengths and the application's encoding`);
    } else if (a === 'autoIncrement') {
      reviewAspects.push(a);
      reasons.push(c.to.autoIncrement ? 'makes the column auto-increment: it must be a key, and existing zero values are renumbered' : 'removes auto-increment: inserts must then supply the value');
    } else if (a === 'generated') {
      reviewAspects.push(a);
      reasons.push('changes a generated column: the column is rebuilt');
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
  if (safeAspects.length) items.push(safe(PHASE.alterTable, [{ op: 'alterColumn', table: c.table, from: c.from, to: mid, aspects: safeAspects }], c.table));
  if (reviewAspects.length) items.push(review(PHASE.alterTable, [{ op: 'alterColumn', table: c.table, from: mid, to: c.to, aspects: reviewAspects }], reasons, c.table));
  return items;
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

/**
 * Auto-increment columns and primary key changes on one table only work together: one review
 * item. A dropped column of the current primary key belongs there too: dropping it takes the key
 * with it (MySQL, PostgreSQL), so a separate `DROP PRIMARY KEY` after it would fail, and one
 * before it would leave the column drop to a key that is already gone.
 */
function bundleKeyChanges(items: PlanItem[], cur: Map<string, Table>): PlanItem[] {
  const out: PlanItem[] = [];
  const byTable = new Map<string, PlanItem[]>();
  const inCurrentKey = (table: string, column: string) => !!cur.get(nameKey(table))?.primaryKey?.columns.some((c) => nameKey(c) === nameKey(column));
  for (const it of items) {
    const keyish =
      it.section === 'review' &&
      it.table &&
      it.ops.some((o) => o.op === 'addPrimaryKey' || o.op === 'dropPrimaryKey' || (o.op === 'addColumn' && o.column.autoIncrement) || (o.op === 'alterColumn' && o.to.autoIncrement && !o.from.autoIncrement) || (o.op === 'dropColumn' && inCurrentKey(o.table, o.column.name)));
    if (!keyish) {
      out.push(it);
      continue;
    }
    const l = byTable.get(nameKey(it.table!)) ?? [];
    l.push(it);
    byTable.set(nameKey(it.table!), l);
  }
  for (const l of byTable.values()) {
    if (l.length === 1) {
      out.push(l[0]!);
      continue;
    }
    // Order inside the statement: drop the old key and its dropped columns, add/alter columns, add the new key.
    const rank = (o: Op) => (o.op === 'dropPrimaryKey' ? 0 : o.op === 'dropColumn' ? 1 : o.op === 'addPrimaryKey' ? 3 : 2);
    const ops = l.flatMap((i) => i.ops).sort((a, b) => rank(a) - rank(b));
    out.push({ section: 'review', phase: PHASE.alterTable, table: l[0]!.table, title: l.map((i) => i.title).join('; '), reasons: l.flatMap((i) => i.reasons), ops });
  }
  return out;
}

/**
 * MyISAM allows AUTO_INCREMENT on a column that is not first in a key, InnoDB does not: when the
 * target drops such an AUTO_INCREMENT (a review item), the engine change must go with it.
 */
function bundleEngineWithAutoIncrement(items: PlanItem[]): PlanItem[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const it = out[i]!;
    if (it.section !== 'safe' || !it.table) continue;
    const eng = it.ops.find((o) => o.op === 'tableOptions' && o.aspects.includes('engine'));
    if (!eng) continue;
    const j = out.findIndex((x) => x.section === 'review' && x.table && nameKey(x.table) === nameKey(it.table!) && x.ops.some((o) => o.op === 'alterColumn' && o.aspects.includes('autoIncrement')));
    if (j < 0) continue;
    const r = out[j]!;
    out[j] = { ...r, title: `${r.title}; ${it.title}`, reasons: [...r.reasons, 'the engine change goes with it: InnoDB refuses an auto-increment column that is not first in a key'], ops: [...r.ops, ...it.ops] };
    out.splice(i, 1);
    i--;
  }
  return out;
}

/** New tables in an order where every foreign key points to a table created before it; the rest are deferred. */
function orderNewTables(items: PlanItem[]): void {
  const creates = items.filter((i) => i.ops[0]?.op === 'createTable');
  const names = new Set(creates.map((i) => nameKey(i.table!)));
  const done = new Set<string>();
  const order: PlanItem[] = [];
  const pending = [...creates].sort((a, b) => (nameKey(a.table!) < nameKey(b.table!) ? -1 : 1));
  while (pending.length) {
    let progressed = false;
    for (let i = 0; i < pending.length; i++) {
      const it = pending[i]!;
      const t = (it.ops[0] as Extract<Op, { op: 'createTable' }>).table;
      const deps = t.foreignKeys.map((f) => nameKey(f.refTable)).filter((r) => names.has(r) && r !== nameKey(t.name));
      if (deps.every((r) => done.has(r))) {
        order.push(it);
        done.add(nameKey(t.name));
        pending.splice(i, 1);
        i--;
        progressed = true;
      }
    }
    if (!progressed) {
      // A cycle: create the first waiting table now and add its forward references afterwards.
      const it = pending.shift()!;
      const op = it.ops[0] as Extract<Op, { op: 'createTable' }>;
      const defer = op.table.foreignKeys.filter((f) => names.has(nameKey(f.refTable)) && !done.has(nameKey(f.refTable)) && nameKey(f.refTable) !== nameKey(op.table.name));
      op.deferFks = defer.map((f) => f.name);
      for (const f of defer) items.push({ section: 'safe', phase: PHASE.foreignKey, table: op.table.name, title: `foreign key ${op.table.name}.${f.name}`, reasons: [], ops: [{ op: 'addForeignKey', table: op.table.name, fk: f }] });
      order.push(it);
      done.add(nameKey(op.table.name));
    }
  }
  let k = 0;
  for (let i = 0; i < items.length; i++) if (items[i]!.ops[0]?.op === 'createTable') items[i] = order[k++]!;
}

export function makePlan(currentIn: SchemaModel, targetIn: SchemaModel, opts: PlanOptions): Plan {
  const dialect = opts.dialect ?? currentIn.source.dialect;
  const ca = adaptModel(currentIn, dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier });
  const ta = adaptModel(targetIn, dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier });
  const current = ca.model;
  const target = ta.model;
  const diff = diffModels(current, target, { renames: opts.renames, filter: opts.filter });
  const cur = new Map(current.tables.map((t) => [nameKey(t.name), t]));
  const tgt = new Map(target.tables.map((t) => [nameKey(t.name), t]));
  const ctx: ClassifyContext = {
    dialect,
    cur,
    tgt,
    newTables: new Set(diff.changes.filter((c) => c.kind === 'table.add').map((c) => nameKey((c as { table: Table }).table.name))),
    addedColumns: new Map(),
    charsetOf: (t, c) => c.charset ?? t?.options?.charset ?? (dialect === 'mysql' ? undefined : target.source.charset),
  };
  for (const c of diff.changes) {
    if (c.kind !== 'column.add') continue;
    const s = ctx.addedColumns.get(nameKey(c.table)) ?? new Set<string>();
    s.add(nameKey(c.column.name));
    ctx.addedColumns.set(nameKey(c.table), s);
  }

  let items = diff.changes.flatMap((c) => classify(c, ctx));
  items = bundleKeyChanges(items, cur);
  items = bundleEngineWithAutoIncrement(items);
  orderNewTables(items);
  holdBackNewTypeUsers(items, diff);
  holdBackDependents(items, cur, tgt);
  wrapDependents(items, current, target, dialect, { drop: PHASE.dropObject, view: PHASE.view, trigger: PHASE.trigger });
  orderViews(items);
  placeNewColumns(items, cur);

  const sectionRank = (s: Section) => (s === 'safe' ? 0 : 1);
  const createOrder = new Map<PlanItem, number>();
  items.forEach((it, i) => createOrder.set(it, i));
  items.sort(
    (a, b) =>
      sectionRank(a.section) - sectionRank(b.section) ||
      mergedPhase(dialect, a.phase) - mergedPhase(dialect, b.phase) ||
      (a.phase === PHASE.createTable ? createOrder.get(a)! - createOrder.get(b)! : 0) ||
      (nameKey(a.table ?? '') < nameKey(b.table ?? '') ? -1 : nameKey(a.table ?? '') > nameKey(b.table ?? '') ? 1 : 0) ||
      a.phase - b.phase ||
      createOrder.get(a)! - createOrder.get(b)!,
  );

  const statements = renderItems(items, dialect, current, target);
  const currentFp = fingerprint(current);
  const targetFp = fingerprint(target);
  const safeStatements = statements.filter((s) => s.section === 'safe');
  const planId = sha256([dialect, currentFp, targetFp, ...safeStatements.map((s) => s.sql)].join('\n')).slice(0, 32);
  return {
    planId,
    dialect,
    createdAt: opts.now.toISOString(),
    hisopsVersion: opts.hisopsVersion,
    current: { display: currentIn.source.display, dialect: currentIn.source.dialect, fingerprint: currentFp },
    target: { display: targetIn.source.display, dialect: targetIn.source.dialect, fingerprint: targetFp },
    diff,
    items,
    statements,
    counts: {
      changes: diff.changes.length,
      safeItems: items.filter((i) => i.section === 'safe').length,
      reviewItems: items.filter((i) => i.section === 'review').length,
      safeStatements: safeStatements.length,
      reviewStatements: statements.length - safeStatements.length,
    },
    warnings: [...ca.warnings.map((w) => `current: ${w}`), ...ta.warnings.map((w) => `target: ${w}`)],
  };
}

/** Views that read other views are created after them, in each section (a name mentioned in the definition counts as a use). */
function orderViews(items: PlanItem[]): void {
  orderViewsOf(items, 'safe');
  orderViewsOf(items, 'review');
}

function orderViewsOf(items: PlanItem[], section: Section): void {
  const idx = items.map((it, i) => ({ it, i })).filter(({ it }) => it.section === section && it.ops[0]?.op === 'createView');
  if (idx.length < 2) return;
  const viewOf = (it: PlanItem) => (it.ops[0] as Extract<Op, { op: 'createView' }>).view;
  const names = new Map(idx.map(({ it }) => [nameKey(viewOf(it).name), it]));
  const uses = (it: PlanItem) => {
    const words = new Set(viewOf(it).definition.toLowerCase().match(/[a-z0-9_$]+/g) ?? []);
    return [...names.keys()].filter((n) => n !== nameKey(viewOf(it).name) && words.has(n));
  };
  const done = new Set<string>();
  const order: PlanItem[] = [];
  const visit = (it: PlanItem, path: Set<string>) => {
    const k = nameKey(viewOf(it).name);
    if (done.has(k) || path.has(k)) return;
    path.add(k);
    for (const u of uses(it)) visit(names.get(u)!, path);
    done.add(k);
    order.push(it);
  };
  for (const { it } of idx) visit(it, new Set());
  idx.forEach(({ i }, n) => (items[i] = order[n]!));
}

/**
 * A safe column or table of a type hisops does not create (a PostgreSQL enum type or domain new in
 * the target: an `other.add`, made by hand from the review part) would fail: it waits for review.
 * Runs before holdBackDependents, so indexes and keys on what it moves wait too.
 */
function holdBackNewTypeUsers(items: PlanItem[], diff: DiffResult): void {
  const newTypes = new Set(diff.changes.flatMap((c) => (c.kind === 'other.add' ? [nameKey(c.object.name)] : [])));
  if (!newTypes.size) return;
  // `public.sex_t[]`, `"sex_t"` → sex_t
  const typeOf = (c: Column) => (c.type.base === 'other' ? nameKey(c.type.native.replace(/(\[\])+$/, '').replace(/"/g, '').split('.').pop()!) : '');
  for (const it of items) {
    if (it.section !== 'safe') continue;
    const used = new Set<string>();
    for (const o of it.ops) {
      const cols = o.op === 'createTable' ? o.table.columns : o.op === 'addColumn' ? [o.column] : o.op === 'alterColumn' ? [o.to] : [];
      for (const c of cols) if (newTypes.has(typeOf(c))) used.add(typeOf(c));
    }
    if (used.size) {
      it.section = 'review';
      it.reasons = [...it.reasons, `needs type ${[...used].join(', ')}, which only the review part adds (create it by hand first)`];
    }
  }
}

/** Safe indexes and constraints on columns that only the review part adds wait for review too. */
function holdBackDependents(items: PlanItem[], cur: Map<string, Table>, tgt: Map<string, Table>): void {
  const exists = new Map<string, Set<string>>();
  for (const [k, t] of cur) exists.set(k, new Set(t.columns.map((c) => nameKey(c.name))));
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops) {
      if (o.op === 'createTable') exists.set(nameKey(o.table.name), new Set(o.table.columns.map((c) => nameKey(c.name))));
      if (o.op === 'addColumn') (exists.get(nameKey(o.table)) ?? exists.set(nameKey(o.table), new Set()).get(nameKey(o.table))!).add(nameKey(o.column.name));
      if (o.op === 'renameColumn') exists.get(nameKey(o.table))?.add(nameKey(o.to));
    }
  }
  const missing = (table: string, cols: string[]) => cols.filter((c) => !exists.get(nameKey(table))?.has(nameKey(c)));
  for (const it of items) {
    if (it.section !== 'safe') continue;
    const lacking: string[] = [];
    for (const o of it.ops) {
      if (o.op === 'createIndex') lacking.push(...missing(o.table, o.index.columns.flatMap((c) => (c.name ? [c.name] : []))).map((c) => `${o.table}.${c}`));
      if (o.op === 'addForeignKey') lacking.push(...missing(o.table, o.fk.columns).map((c) => `${o.table}.${c}`), ...missing(o.fk.refTable, o.fk.refColumns).map((c) => `${o.fk.refTable}.${c}`));
      if (o.op === 'addPrimaryKey') lacking.push(...missing(o.table, o.pk.columns).map((c) => `${o.table}.${c}`));
      if (o.op === 'addCheck') {
        const used = new Set(o.check.expression.toLowerCase().match(/[a-z0-9_$#]+/g) ?? []);
        const cols = (tgt.get(nameKey(o.table))?.columns ?? []).map((c) => c.name).filter((n) => used.has(nameKey(n)));
        lacking.push(...missing(o.table, cols).map((c) => `${o.table}.${c}`));
      }
    }
    if (lacking.length) {
      it.section = 'review';
      it.reasons = [...it.reasons, `needs ${lacking.join(', ')}, which only the review part adds`];
    }
  }
}

/** Added columns go after their target neighbour, skipping neighbours only the review section adds. */
function placeNewColumns(items: PlanItem[], cur: Map<string, Table>): void {
  const safeAdded = new Map<string, Set<string>>();
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops) if (o.op === 'addColumn') (safeAdded.get(nameKey(o.table)) ?? safeAdded.set(nameKey(o.table), new Set()).get(nameKey(o.table))!).add(nameKey(o.column.name));
  }
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops) {
      if (o.op !== 'addColumn' || o.after === undefined || o.after === null) continue;
      const t = cur.get(nameKey(o.table));
      const exists = (n: string) => !!t?.columns.some((c) => nameKey(c.name) === nameKey(n)) || !!safeAdded.get(nameKey(o.table))?.has(nameKey(n));
      if (!exists(o.after)) o.after = undefined;
    }
  }
}

function renderItems(items: PlanItem[], dialect: Dialect, current: SchemaModel, target: SchemaModel): PlannedStatement[] {
  const r = RENDERERS[dialect];
  const ctx: RenderContext = { currentTables: new Map(current.tables.map((t) => [nameKey(t.name), t])), targetTables: new Map(target.tables.map((t) => [nameKey(t.name), t])) };
  const out: PlannedStatement[] = [];
  const push = (section: Section, stmts: Stmt[], group: PlanItem[]) => {
    const objects = [...new Set(group.flatMap((g) => g.ops.flatMap(opObjects)))].sort();
    for (const s of stmts) out.push({ seq: out.length + 1, section, sql: s.sql.trim(), block: !!s.block, titles: group.map((g) => g.title), reasons: group.flatMap((g) => g.reasons), objects });
  };
  const mergeKey = (phase: number) => mergedPhase(dialect, phase);
  const advance = (ops: Op[]) => {
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
  };

  // Safe part: consecutive items on one table in mergeable phases become one group.
  const safe = items.filter((i) => i.section === 'safe');
  for (let i = 0; i < safe.length; ) {
    const first = safe[i]!;
    if (!first.table || first.ops.every((o) => !opTable(o))) {
      push('safe', first.ops.flatMap((o) => r.objectOp(o, ctx)), [first]);
      i++;
      continue;
    }
    const group = [first];
    let j = i + 1;
    while (j < safe.length && safe[j]!.table && nameKey(safe[j]!.table!) === nameKey(first.table) && mergeKey(safe[j]!.phase) === mergeKey(first.phase) && first.phase !== PHASE.createTable) group.push(safe[j++]!);
    const ops = group.flatMap((g) => g.ops);
    push('safe', r.tableOps(first.table, ops, ctx), group);
    advance(ops);
    i = j;
  }
  // Review part: one item at a time, each against the state the safe part and the review items
  // above it leave (they are uncommented top-down; a SQLite rebuild restates the whole table).
  for (const it of items.filter((x) => x.section === 'review')) {
    if (it.ops.every((o) => o.op === 'manual')) {
      out.push({ seq: out.length + 1, section: 'review', sql: '', block: false, titles: [it.title], reasons: it.reasons, objects: [] });
      continue;
    }
    const stmts = it.table && it.ops.some((o) => opTable(o)) ? r.tableOps(it.table, it.ops, ctx) : it.ops.flatMap((o) => r.objectOp(o, ctx));
    push('review', stmts, [it]);
    advance(it.ops);
  }
  return out;
}

