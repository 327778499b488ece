/**
 * Compare two models and list what it takes to bring `current` up to `target`. Pure; linear in
 * the size of the schemas (lookups by name in maps).
 *
 * Renames are never guessed: only the rename map (decisions file, or answers to a prompt) turns a
 * dropped and an added object into a rename.
 */
import type { Change, ColumnAspect } from './changes.js';
import { changeDirection, changeObject } from './changes.js';
import { checkKey, columnKeys, exprKey, fkKey, indexKey, pkKey, sequenceKey, type CompareContext } from './compare.js';
import { filterModel, type NameFilter } from './filter.js';
import { byName, nameKey, type Column, type Index, type SchemaModel, type SchemaSource, type Table } from './model.js';
import { compareTypes } from './types.js';

export interface RenameMap {
  /** old table name → new table name */
  tables?: Record<string, string>;
  /** "table.oldColumn" → "newColumn" (table named as in either side) */
  columns?: Record<string, string>;
}

export interface DiffOptions {
  renames?: RenameMap;
  filter?: Partial<NameFilter>;
}

export type DiffCounts = Record<string, { missing: number; extra: number; changed: number }>;

export interface DiffResult {
  current: SchemaSource;
  target: SchemaSource;
  changes: Change[];
  counts: DiffCounts;
  equal: boolean;
}

export function diffModels(currentIn: SchemaModel, targetIn: SchemaModel, opts: DiffOptions = {}): DiffResult {
  const current = filterModel(currentIn, opts.filter);
  const target = filterModel(targetIn, opts.filter);
  const ctx: CompareContext = { dialects: [current.source.dialect, target.source.dialect] };
  const changes: Change[] = [];

  // ---- tables (with renames from the decisions)
  const cur = byName(current.tables);
  const tgt = byName(target.tables);
  const renamedFrom = new Map<string, Table>(); // target key → current table
  for (const [oldName, newName] of Object.entries(opts.renames?.tables ?? {})) {
    const from = cur.get(nameKey(oldName));
    const to = tgt.get(nameKey(newName));
    if (from && to && !cur.has(nameKey(newName)) && !tgt.has(nameKey(oldName))) {
      renamedFrom.set(nameKey(newName), from);
      cur.delete(nameKey(oldName));
      changes.push({ kind: 'table.rename', from: from.name, to: to.name });
    }
  }
  for (const t of sortByName(target.tables)) {
    const k = nameKey(t.name);
    const c = cur.get(k) ?? renamedFrom.get(k);
    if (!c) changes.push({ kind: 'table.add', table: t });
    else changes.push(...diffTable(c, t, ctx, opts.renames?.columns ?? {}));
  }
  for (const c of sortByName(current.tables))
    if (!tgt.has(nameKey(c.name)) && cur.has(nameKey(c.name))) changes.push({ kind: 'table.drop', table: c });

  // ---- views, routines, sequences, other objects
  const cv = byName(current.views);
  const tv = byName(target.views);
  for (const v of sortByName(target.views)) {
    const c = cv.get(nameKey(v.name));
    if (!c) changes.push({ kind: 'view.add', view: v });
    else if (c.digest !== v.digest) changes.push({ kind: 'view.alter', from: c, to: v });
  }
  for (const v of sortByName(current.views)) if (!tv.has(nameKey(v.name))) changes.push({ kind: 'view.drop', view: v });

  const rk = (r: { kind: string; name: string }) => `${r.kind}:${nameKey(r.name)}`;
  const cr = new Map(current.routines.map((r) => [rk(r), r]));
  const tr = new Map(target.routines.map((r) => [rk(r), r]));
  for (const r of [...target.routines].sort(cmpKind)) {
    const c = cr.get(rk(r));
    if (!c) changes.push({ kind: 'routine.add', routine: r });
    else if (c.digest !== r.digest) changes.push({ kind: 'routine.alter', from: c, to: r });
  }
  for (const r of [...current.routines].sort(cmpKind))
    if (!tr.has(rk(r))) changes.push({ kind: 'routine.drop', routine: r });

  const cs = byName(current.sequences);
  const ts = byName(target.sequences);
  for (const s of sortByName(target.sequences)) {
    const c = cs.get(nameKey(s.name));
    if (!c) changes.push({ kind: 'sequence.add', sequence: s });
    else if (sequenceKey(c) !== sequenceKey(s)) changes.push({ kind: 'sequence.alter', from: c, to: s });
  }
  for (const s of sortByName(current.sequences))
    if (!ts.has(nameKey(s.name))) changes.push({ kind: 'sequence.drop', sequence: s });

  const co = new Map(current.others.map((o) => [rk(o), o]));
  const to = new Map(target.others.map((o) => [rk(o), o]));
  for (const o of [...target.others].sort(cmpKind)) {
    const c = co.get(rk(o));
    if (!c) changes.push({ kind: 'other.add', object: o });
    else if ((c.digest ?? '') !== (o.digest ?? '')) changes.push({ kind: 'other.alter', from: c, to: o });
  }
  for (const o of [...current.others].sort(cmpKind))
    if (!to.has(rk(o))) changes.push({ kind: 'other.drop', object: o });

  return {
    current: current.source,
    target: target.source,
    changes,
    counts: countChanges(changes),
    equal: changes.length === 0,
  };
}

function sortByName<T extends { name: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => (nameKey(a.name) < nameKey(b.name) ? -1 : nameKey(a.name) > nameKey(b.name) ? 1 : 0));
}

function cmpKind(a: { kind: string; name: string }, b: { kind: string; name: string }): number {
  const x = `${a.kind}:${nameKey(a.name)}`;
  const y = `${b.kind}:${nameKey(b.name)}`;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function countChanges(changes: Change[]): DiffCounts {
  const counts: DiffCounts = {};
  for (const c of changes) {
    const o = changeObject(c);
    const e = (counts[o] ??= { missing: 0, extra: 0, changed: 0 });
    e[changeDirection(c)]++;
  }
  return counts;
}

/** Aspects in which two columns differ (type by relation, the rest by normalised keys). */
function columnAspects(from: Column, to: Column, ft: Table, tt: Table): ColumnAspect[] {
  const a = columnKeys(from, ft);
  const b = columnKeys(to, tt);
  const out: ColumnAspect[] = [];
  const charsets = { fromCharset: from.charset ?? ft.options?.charset, toCharset: to.charset ?? tt.options?.charset };
  if (compareTypes(from.type, to.type, charsets) !== 'equal') out.push('type');
  if (a.nullable !== b.nullable) out.push('nullable');
  if (a.default !== b.default && !from.autoIncrement && !to.autoIncrement) out.push('default');
  if (a.autoIncrement !== b.autoIncrement) out.push('autoIncrement');
  if (a.onUpdate !== b.onUpdate) out.push('onUpdate');
  if (a.generated !== b.generated) out.push('generated');
  // Only columns that hold text have a charset: an int or date column of a table whose default
  // collation changes has none to compare (its key falls back to the table's).
  if (from.charset && to.charset && a.charset !== b.charset && a.charset !== '' && b.charset !== '')
    out.push('charset');
  if (a.comment !== b.comment) out.push('comment');
  return out;
}

function diffTable(c: Table, t: Table, ctx: CompareContext, colRenames: Record<string, string>): Change[] {
  const out: Change[] = [];
  const table = t.name;
  const options = optionsChange(c, t);
  if (options) out.push(options);
  const renamedFrom = diffColumns(c, t, colRenames, out);

  // primary key
  if (!c.primaryKey && t.primaryKey) out.push({ kind: 'pk.add', table, to: t.primaryKey });
  else if (c.primaryKey && !t.primaryKey) out.push({ kind: 'pk.drop', table, from: c.primaryKey });
  else if (c.primaryKey && t.primaryKey && pkKey(renameCols(c.primaryKey.columns, renamedFrom)) !== pkKey(t.primaryKey))
    out.push({ kind: 'pk.alter', table, from: c.primaryKey, to: t.primaryKey });

  out.push(...diffKeys(c, t, ctx, renamedFrom));
  return out;
}

/** The table's options (engine, charset, comment), when they differ. */
function optionsChange(c: Table, t: Table): Change | undefined {
  const aspects: Array<'engine' | 'charset' | 'comment'> = [];
  const ce = c.options?.engine?.toLowerCase();
  const te = t.options?.engine?.toLowerCase();
  if (ce && te && ce !== te) aspects.push('engine');
  const cc = c.options?.charset ? `${c.options.charset}/${c.options.collation ?? ''}` : '';
  const tc = t.options?.charset ? `${t.options.charset}/${t.options.collation ?? ''}` : '';
  if (cc && tc && cc.toLowerCase() !== tc.toLowerCase()) aspects.push('charset');
  if ((c.comment ?? '') !== (t.comment ?? '')) aspects.push('comment');
  if (!aspects.length) return undefined;
  return {
    kind: 'table.options',
    table: t.name,
    from: { ...c.options, comment: c.comment },
    to: { ...t.options, comment: t.comment },
    aspects,
  };
}

/**
 * Columns, with renames from the decisions: renamed, added (after their predecessor), altered,
 * dropped, pushed onto `out`. Returns the renamed columns by their new name's key.
 */
function diffColumns(c: Table, t: Table, colRenames: Record<string, string>, out: Change[]): Map<string, Column> {
  const table = t.name;
  const ccols = byName(c.columns);
  const tcols = byName(t.columns);
  const renamedFrom = new Map<string, Column>();
  for (const [key, newName] of Object.entries(colRenames)) {
    const dot = key.lastIndexOf('.');
    const tn = nameKey(key.slice(0, dot));
    if (tn !== nameKey(c.name) && tn !== nameKey(t.name)) continue;
    const oldName = key.slice(dot + 1);
    const from = ccols.get(nameKey(oldName));
    const to = tcols.get(nameKey(newName));
    if (from && to && !ccols.has(nameKey(newName)) && !tcols.has(nameKey(oldName))) {
      renamedFrom.set(nameKey(newName), from);
      ccols.delete(nameKey(oldName));
      out.push({ kind: 'column.rename', table, from: from.name, to: to.name, column: to });
    }
  }
  let prev: string | null = null;
  for (const col of t.columns) {
    const k = nameKey(col.name);
    const cur = ccols.get(k) ?? renamedFrom.get(k);
    if (!cur) out.push({ kind: 'column.add', table, column: col, after: prev });
    else {
      const as = columnAspects(cur, col, c, t);
      if (as.length) out.push({ kind: 'column.alter', table, from: cur, to: col, aspects: as });
    }
    prev = col.name;
  }
  for (const col of c.columns)
    if (!tcols.has(nameKey(col.name)) && ccols.has(nameKey(col.name)))
      out.push({ kind: 'column.drop', table, column: col });
  return renamedFrom;
}

/** Indexes, foreign keys and checks: by name; then generated names and same-definition pairs by definition. */
function diffKeys(c: Table, t: Table, ctx: CompareContext, colMap: Map<string, Column>): Change[] {
  const table = t.name;
  const out: Change[] = [];
  const ci = c.indexes.map((i) => ({
    i,
    key: indexKey({ ...i, columns: i.columns.map((x) => ({ ...x, name: x.name && renamedName(x.name, colMap) })) }),
  }));
  const ti = t.indexes.map((i) => ({ i, key: indexKey(i) }));
  out.push(...matchByNameThenDefinition(ci, ti, table, 'index'));

  const cf = c.foreignKeys.map((f) => ({
    i: f,
    key: fkKey({ ...f, columns: renameCols(f.columns, colMap).columns }, ctx),
  }));
  const tf = t.foreignKeys.map((f) => ({ i: f, key: fkKey(f, ctx) }));
  out.push(...matchByNameThenDefinition(cf, tf, table, 'fk'));

  const cch = c.checks.map((x) => ({ i: x, key: checkKey(x) }));
  const tch = t.checks.map((x) => ({ i: x, key: checkKey(x) }));
  out.push(...matchByNameThenDefinition(cch, tch, table, 'check'));
  return out;
}

function renamedName(name: string, renamedFrom: Map<string, Column>): string {
  for (const [newKey, col] of renamedFrom) if (nameKey(col.name) === nameKey(name)) return newKey;
  return name;
}

function renameCols(columns: string[], renamedFrom: Map<string, Column>): { columns: string[] } {
  return { columns: columns.map((n) => renamedName(n, renamedFrom)) };
}

type Named = { name: string; generatedName?: boolean };

function matchByNameThenDefinition<T extends Named>(
  cur: Array<{ i: T; key: string }>,
  tgt: Array<{ i: T; key: string }>,
  table: string,
  what: 'index' | 'fk' | 'check',
): Change[] {
  const out: Change[] = [];
  const cByName = new Map(cur.filter((x) => !x.i.generatedName).map((x) => [nameKey(x.i.name), x]));
  const usedCur = new Set<{ i: T; key: string }>();
  const leftTgt: Array<{ i: T; key: string }> = [];
  for (const t of tgt) {
    const c = t.i.generatedName ? undefined : cByName.get(nameKey(t.i.name));
    if (!c) {
      leftTgt.push(t);
      continue;
    }
    usedCur.add(c);
    if (c.key !== t.key) out.push(alter(what, table, c.i, t.i));
  }
  const leftCur = cur.filter((x) => !usedCur.has(x));
  const curByKey = new Map<string, Array<{ i: T; key: string }>>();
  for (const c of leftCur) {
    const l = curByKey.get(c.key) ?? [];
    l.push(c);
    curByKey.set(c.key, l);
  }
  for (const t of leftTgt) {
    const l = curByKey.get(t.key);
    const c = l?.shift();
    if (c) {
      usedCur.add(c);
      // Same definition under another name: only an index name is worth changing (names of
      // generated or FK/check constraints carry no meaning for the application).
      if (what === 'index' && !t.i.generatedName && !c.i.generatedName && nameKey(c.i.name) !== nameKey(t.i.name))
        out.push({ kind: 'index.rename', table, from: c.i as unknown as Index, to: t.i as unknown as Index });
      continue;
    }
    out.push(add(what, table, t.i));
  }
  for (const c of cur) if (!usedCur.has(c)) out.push(drop(what, table, c.i));
  return out;
}

function add(what: 'index' | 'fk' | 'check', table: string, x: unknown): Change {
  if (what === 'index') return { kind: 'index.add', table, index: x as Index };
  if (what === 'fk') return { kind: 'fk.add', table, fk: x as never };
  return { kind: 'check.add', table, check: x as never };
}
function drop(what: 'index' | 'fk' | 'check', table: string, x: unknown): Change {
  if (what === 'index') return { kind: 'index.drop', table, index: x as Index };
  if (what === 'fk') return { kind: 'fk.drop', table, fk: x as never };
  return { kind: 'check.drop', table, check: x as never };
}
function alter(what: 'index' | 'fk' | 'check', table: string, from: unknown, to: unknown): Change {
  if (what === 'index') return { kind: 'index.alter', table, from: from as Index, to: to as Index };
  if (what === 'fk') return { kind: 'fk.alter', table, from: from as never, to: to as never };
  return { kind: 'check.alter', table, from: from as never, to: to as never };
}

/** Re-exported for reports: an expression key helper used by tests. */
export { exprKey };
