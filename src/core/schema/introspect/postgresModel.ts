/**
 * PostgreSQL catalog rows (postgresQueries.ts) turned into the schema model, one step per object
 * kind: relations, columns, constraints, indexes, sequences, views, routines and triggers, types.
 */
import { parsePgDefault } from '../defaults.js';
import { sha256, sourceDigest, stripOwnSchema } from '../digest.js';
import type { Column, FkRule, Index, OtherObject, Routine, Sequence, Table, View } from '../model.js';
import { parsePgType } from '../types.js';
import { optStr, str, type Row } from './query.js';

/** What the steps need: the schema read, the name filter and the tables asked for (lower-cased). */
export interface PgRead {
  schema: string;
  ok: (name: string) => boolean;
  only: string[] | undefined;
}

const FK_RULES: Record<string, FkRule> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** pg returns int2[]/name[] as JS arrays, but some setups return the text form `{a,b}`. */
function arr(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  const s = str(v);
  if (!s || s === '{}') return [];
  return s
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((x) => x.replace(/^"|"$/g, ''));
}

/** Tables (and the names of every selected one, read or not: triggers follow these); foreign tables as other objects. */
export function pgTables(
  relRows: Row[],
  c: PgRead,
): { tables: Map<string, Table>; present: Set<string>; others: OtherObject[] } {
  const { ok, only } = c;
  const tables = new Map<string, Table>();
  /** Every table the filter selects, read or not: triggers follow these. */
  const present = new Set<string>();
  const others: OtherObject[] = [];
  for (const r of relRows) {
    const name = str(r.name);
    if (!ok(name) || r.part === true) continue;
    const kind = str(r.kind);
    if (kind === 'r' || kind === 'p') present.add(name);
    if ((kind === 'r' || kind === 'p') && only && !only.includes(name.toLowerCase())) continue;
    if (kind === 'r' || kind === 'p')
      tables.set(name, {
        name,
        columns: [],
        indexes: [],
        foreignKeys: [],
        checks: [],
        ...(optStr(r.comment) ? { comment: str(r.comment) } : {}),
      });
    else if (kind === 'f') others.push({ kind: 'FOREIGN TABLE', name });
  }
  return { tables, present, others };
}

/** Columns; a serial's default (nextval of a sequence the column owns) makes it auto-increment. */
export function addPgColumns(tables: Map<string, Table>, colRows: Row[], owned: Set<string>): void {
  for (const r of colRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = parsePgType(str(r.type));
    const col: Column = { name: str(r.name), type, nullable: !r.notnull };
    const dflt = optStr(r.dflt);
    const ident = str(r.ident);
    if (ident === 'a' || ident === 'd') col.autoIncrement = true;
    if (str(r.gen) === 's' && dflt) col.generated = { expression: dflt, stored: true };
    else if (dflt) {
      const serial = /^nextval\('(?:"?[^".']+"?\.)?"?([^"']+)"?'::regclass\)$/.exec(dflt);
      if (serial && owned.has(serial[1]!)) col.autoIncrement = true;
      else {
        const d = parsePgDefault(dflt, type);
        if (d) col.default = d;
      }
    }
    if (optStr(r.comment)) col.comment = str(r.comment);
    t.columns.push(col);
  }
}

/** Primary keys, foreign keys and checks. */
export function addPgConstraints(tables: Map<string, Table>, conRows: Row[], schema: string): void {
  for (const r of conRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = str(r.type);
    const cols = arr(r.cols);
    if (type === 'p') t.primaryKey = { name: str(r.name), columns: cols };
    else if (type === 'f') {
      const rschema = str(r.rschema);
      t.foreignKeys.push({
        name: str(r.name),
        columns: cols,
        refTable: str(r.rtable),
        ...(rschema && rschema !== schema ? { refSchema: rschema } : {}),
        refColumns: arr(r.rcols),
        onDelete: FK_RULES[str(r.del)] ?? 'NO ACTION',
        onUpdate: FK_RULES[str(r.upd)] ?? 'NO ACTION',
      });
    } else if (type === 'c') {
      const def = str(r.def).replace(/\s+NOT VALID$/i, '');
      const m = /^CHECK\s*\((.*)\)$/is.exec(def);
      t.checks.push({ name: str(r.name), expression: m ? m[1]!.trim() : def });
    }
  }
}

export function addPgIndexes(tables: Map<string, Table>, idxRows: Row[]): void {
  for (const r of idxRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const keys = arr(r.keys).map(Number);
    const optsArr = arr(r.opts).map(Number);
    const parts = arr(r.parts);
    const index: Index = {
      name: str(r.name),
      unique: r.uniq === true,
      columns: parts.map((p, i) => {
        const desc = ((optsArr[i] ?? 0) & 1) === 1;
        const isCol = keys[i] !== 0;
        const name = isCol ? p.replace(/^"(.*)"$/, '$1').replace(/""/g, '"') : undefined;
        return { ...(isCol ? { name } : { expression: p }), ...(desc ? { desc: true } : {}) };
      }),
      ...(str(r.method) !== 'btree' ? { method: str(r.method) } : {}),
      ...(optStr(r.pred) ? { where: str(r.pred) } : {}),
      ...(r.is_con === true ? { constraint: true } : {}),
    };
    t.indexes.push(index);
  }
}

/** Sequences no column owns (a serial's is part of its column). */
export function pgSequences(seqRows: Row[], owned: Set<string>, ok: (name: string) => boolean): Sequence[] {
  const sequences: Sequence[] = [];
  for (const r of seqRows) {
    const name = str(r.name);
    if (owned.has(name) || !ok(name)) continue;
    sequences.push({
      name,
      start: str(r.start),
      increment: str(r.inc),
      min: str(r.min),
      max: str(r.max),
      cycle: r.cycle === true,
      cache: str(r.cache),
    });
  }
  return sequences;
}

/** Views; materialised views as other objects. */
export function pgViews(viewRows: Row[], others: OtherObject[], c: PgRead): View[] {
  const { ok, schema } = c;
  const views: View[] = [];
  for (const r of viewRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const def = stripOwnSchema(str(r.def).trim().replace(/;$/, ''), schema);
    if (str(r.kind) === 'm')
      others.push({ kind: 'MATERIALIZED VIEW', name, digest: sourceDigest(def, schema), source: def });
    else views.push({ name, definition: def, digest: sourceDigest(def, schema) });
  }
  return views;
}

/** Functions and procedures (overloads named with their arguments), aggregates as other objects, then triggers on the selected tables. */
export function pgRoutines(
  procRows: Row[],
  trgRows: Row[],
  present: Set<string>,
  others: OtherObject[],
  c: PgRead,
): Routine[] {
  const { ok, schema } = c;
  const routines: Routine[] = [];
  const byName = new Map<string, number>();
  for (const r of procRows) byName.set(str(r.name), (byName.get(str(r.name)) ?? 0) + 1);
  for (const r of procRows) {
    const base = str(r.name);
    if (!ok(base)) continue;
    const name = (byName.get(base) ?? 0) > 1 ? `${base}(${str(r.args)})` : base;
    const kind = str(r.kind);
    if (kind === 'a') {
      others.push({ kind: 'AGGREGATE', name });
      continue;
    }
    const source = stripOwnSchema(str(r.def).trim(), schema);
    routines.push({
      kind: kind === 'p' ? 'procedure' : 'function',
      name,
      source,
      digest: sourceDigest(source, schema),
    });
  }
  for (const r of trgRows) {
    const tbl = str(r.tbl);
    if (!present.has(tbl)) continue;
    const source = stripOwnSchema(str(r.def), schema);
    routines.push({ kind: 'trigger', name: str(r.name), table: tbl, source, digest: sourceDigest(source, schema) });
  }
  return routines;
}

/** Enum, domain, range and composite types: other objects, compared by digest. */
export function addPgTypes(others: OtherObject[], typeRows: Row[], ok: (name: string) => boolean): void {
  const TYPE_KINDS: Record<string, string> = {
    e: 'ENUM TYPE',
    d: 'DOMAIN',
    r: 'RANGE TYPE',
    m: 'MULTIRANGE TYPE',
    c: 'COMPOSITE TYPE',
  };
  for (const r of typeRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const desc = `${str(r.kind)} ${str(r.base)} ${arr(r.labels).join('|')}`;
    others.push({ kind: TYPE_KINDS[str(r.kind)] ?? 'TYPE', name, digest: sha256(desc) });
  }
}
