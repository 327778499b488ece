/**
 * Oracle dictionary rows (oracleQueries.ts, or the DDL reader's dictionary) turned into the schema
 * model, one step per object kind: the source's character sets and version, tables, columns,
 * constraints (primary key, unique, foreign keys, checks), indexes, views, sequences, routines and
 * triggers, other objects. Pure.
 */
import { parseOracleDefault } from '../defaults.js';
import { sha256, sourceDigest, stripOwnSchema } from '../digest.js';
import type {
  Column,
  FkRule,
  Index,
  OtherObject,
  Routine,
  RoutineKind,
  SchemaSource,
  Sequence,
  Table,
  View,
} from '../model.js';
import { parseOracleColumnType } from '../types.js';
import type { Row } from './query.js';

/** What every step needs: the owner read, the name filter, and where warnings go. */
export interface OracleRead {
  owner: string;
  ok: (name: string) => boolean;
  warnings: string[];
}

/** Read a column whatever case the driver used for the key (oracledb: upper case). */
function g(r: Row, k: string): unknown {
  return r[k.toUpperCase()] ?? r[k] ?? r[k.toLowerCase()];
}
const s = (r: Row, k: string): string => {
  const v = g(r, k);
  return v === null || v === undefined ? '' : String(v);
};
const n = (r: Row, k: string): number | null => {
  const v = g(r, k);
  return v === null || v === undefined || v === '' ? null : Number(v);
};

const RULES: Record<string, FkRule> = {
  CASCADE: 'CASCADE',
  'SET NULL': 'SET NULL',
  'NO ACTION': 'NO ACTION',
  RESTRICT: 'RESTRICT',
};
const NOT_NULL_CHECK = /^\s*"?([^"]+)"?\s+IS\s+NOT\s+NULL\s*$/i;
const MANAGED_OBJECTS = new Set([
  'TABLE',
  'VIEW',
  'SEQUENCE',
  'PROCEDURE',
  'FUNCTION',
  'PACKAGE',
  'PACKAGE BODY',
  'TRIGGER',
  'TYPE',
  'TYPE BODY',
  'INDEX',
  'LOB',
  'TABLE PARTITION',
  'TABLE SUBPARTITION',
  'INDEX PARTITION',
  'INDEX SUBPARTITION',
  'LOB PARTITION',
  'LOB SUBPARTITION',
]);

/** The database character sets (NLS parameters) and the version banner. */
export function readSource(source: SchemaSource, params: Row[], version: Row[] | undefined): void {
  for (const r of params) {
    if (s(r, 'parameter') === 'NLS_CHARACTERSET') source.charset = s(r, 'value');
    if (s(r, 'parameter') === 'NLS_NCHAR_CHARACTERSET') source.ncharCharset = s(r, 'value');
  }
  const banner = version?.[0] ? s(version[0], 'banner') : '';
  if (banner) source.serverVersion = banner;
}

/** The selected tables; a global temporary table is compared as an ordinary one, with a warning. */
export function oracleTables(tableRows: Row[], c: OracleRead): Map<string, Table> {
  const { ok, warnings } = c;
  const tables = new Map<string, Table>();
  for (const r of tableRows) {
    const name = s(r, 'table_name');
    if (!ok(name)) continue;
    if (s(r, 'temporary') === 'Y')
      warnings.push(`table ${name} is a global temporary table; compared as an ordinary table`);
    tables.set(name, {
      name,
      columns: [],
      indexes: [],
      foreignKeys: [],
      checks: [],
      ...(s(r, 'comments') ? { comment: s(r, 'comments') } : {}),
    });
  }
  return tables;
}

/** Columns with their types, identity, virtual expression or default, and comment. */
export function addColumns(tables: Map<string, Table>, columnRows: Row[]): void {
  for (const r of columnRows) {
    const t = tables.get(s(r, 'table_name'));
    if (!t) continue;
    const type = parseOracleColumnType({
      dataType: s(r, 'data_type'),
      dataLength: n(r, 'data_length'),
      charLength: n(r, 'char_length'),
      charUsed: s(r, 'char_used') || null,
      precision: n(r, 'data_precision'),
      scale: n(r, 'data_scale'),
      typeOwner: s(r, 'data_type_owner') || null,
    });
    const col: Column = { name: s(r, 'column_name'), type, nullable: s(r, 'nullable') !== 'N' };
    const dflt = g(r, 'data_default');
    if (s(r, 'identity_column') === 'YES') col.autoIncrement = true;
    else if (s(r, 'virtual_column') === 'YES' && dflt)
      col.generated = { expression: String(dflt).trim(), stored: false };
    else {
      const d = parseOracleDefault(dflt === null || dflt === undefined ? null : String(dflt), type);
      if (d) col.default = d;
    }
    if (s(r, 'comments')) col.comment = s(r, 'comments');
    t.columns.push(col);
  }
}

/**
 * Primary keys, unique constraints, foreign keys and checks (a generated NOT NULL check is the
 * column's nullability, left out); returns the names of the indexes constraints own.
 */
export function addConstraints(
  tables: Map<string, Table>,
  constraintRows: Row[],
  consColumnRows: Row[],
  c: OracleRead,
): Set<string> {
  const { owner, warnings } = c;
  // constraint columns, keyed by owner + constraint name
  const consCols = new Map<string, string[]>();
  for (const r of consColumnRows) {
    const k = `${s(r, 'owner') || owner}\u0000${s(r, 'constraint_name')}`;
    const l = consCols.get(k) ?? [];
    l[(n(r, 'position') ?? l.length + 1) - 1] = s(r, 'column_name');
    consCols.set(k, l);
  }
  const colsOf = (own: string, name: string) =>
    (consCols.get(`${own}\u0000${name}`) ?? []).filter((x) => x !== undefined);

  const constraintIndexes = new Set<string>();
  for (const r of constraintRows) {
    const t = tables.get(s(r, 'table_name'));
    if (!t) continue;
    const type = s(r, 'constraint_type');
    const name = s(r, 'constraint_name');
    const generatedName = s(r, 'generated') === 'GENERATED NAME';
    if (s(r, 'index_name')) constraintIndexes.add(s(r, 'index_name'));
    if (s(r, 'status') === 'DISABLED')
      warnings.push(`constraint ${t.name}.${name} is disabled; compared as if enabled`);
    if (type === 'P') t.primaryKey = { name, columns: colsOf(owner, name) };
    else if (type === 'U')
      t.indexes.push({
        name,
        columns: colsOf(owner, name).map((c) => ({ name: c })),
        unique: true,
        constraint: true,
        ...(generatedName ? { generatedName } : {}),
      });
    else if (type === 'R') {
      const rOwner = s(r, 'r_owner') || owner;
      t.foreignKeys.push({
        name,
        columns: colsOf(owner, name),
        refTable: s(r, 'r_table_name'),
        ...(rOwner !== owner ? { refSchema: rOwner } : {}),
        refColumns: colsOf(rOwner, s(r, 'r_constraint_name')),
        onDelete: RULES[s(r, 'delete_rule')] ?? 'NO ACTION',
        onUpdate: 'NO ACTION',
        ...(generatedName ? { generatedName } : {}),
      });
    } else if (type === 'C') {
      const cond = s(r, 'search_condition').trim();
      // NOT NULL is a column property in the model; Oracle stores it as a generated check.
      if (NOT_NULL_CHECK.test(cond) && generatedName) continue;
      t.checks.push({ name, expression: cond, ...(generatedName ? { generatedName } : {}) });
    }
  }
  return constraintIndexes;
}

/** Indexes not owned by a constraint, with their columns (an expression column when Oracle hides one as SYS_NC…$). */
export function addIndexes(
  tables: Map<string, Table>,
  indexRows: Row[],
  indColumnRows: Row[],
  indExpressionRows: Row[],
  constraintIndexes: Set<string>,
): void {
  const exprs = new Map<string, string>();
  for (const r of indExpressionRows)
    exprs.set(`${s(r, 'index_name')}\u0000${n(r, 'column_position')}`, String(g(r, 'column_expression') ?? '').trim());
  const indexes = new Map<string, Index>();
  for (const r of indexRows) {
    const name = s(r, 'index_name');
    const t = tables.get(s(r, 'table_name'));
    const type = s(r, 'index_type');
    if (!t || constraintIndexes.has(name) || type === 'LOB' || type === 'IOT - TOP' || type === 'CLUSTER') continue;
    const method = /BITMAP/.test(type) ? 'bitmap' : /DOMAIN/.test(type) ? 'domain' : undefined;
    const index: Index = {
      name,
      columns: [],
      unique: s(r, 'uniqueness') === 'UNIQUE',
      ...(method ? { method } : {}),
      ...(s(r, 'generated') === 'Y' ? { generatedName: true } : {}),
    };
    indexes.set(name, index);
    t.indexes.push(index);
  }
  for (const r of indColumnRows) {
    const index = indexes.get(s(r, 'index_name'));
    if (!index) continue;
    const pos = n(r, 'column_position') ?? index.columns.length + 1;
    const desc = s(r, 'descend') === 'DESC';
    const expr = exprs.get(`${index.name}\u0000${pos}`);
    const col = s(r, 'column_name');
    if (expr !== undefined && /^SYS_NC\d+\$$/.test(col)) {
      const quoted = /^"([^"]+)"$/.exec(expr);
      index.columns[pos - 1] = quoted
        ? { name: quoted[1]!, ...(desc ? { desc } : {}) }
        : { expression: expr, ...(desc ? { desc } : {}) };
    } else index.columns[pos - 1] = { name: col, ...(desc ? { desc } : {}) };
  }
}

export function oracleViews(viewRows: Row[], c: OracleRead): View[] {
  const { ok, owner } = c;
  const views: View[] = [];
  for (const r of viewRows) {
    const name = s(r, 'view_name');
    if (!ok(name)) continue;
    const def = stripOwnSchema(String(g(r, 'text') ?? '').trim(), owner);
    views.push({ name, definition: def, digest: sourceDigest(def, owner) });
  }
  return views;
}

export function oracleSequences(sequenceRows: Row[], c: OracleRead): Sequence[] {
  const { ok } = c;
  const sequences: Sequence[] = [];
  for (const r of sequenceRows) {
    const name = s(r, 'sequence_name');
    if (!ok(name)) continue;
    sequences.push({
      name,
      increment: s(r, 'increment_by'),
      min: s(r, 'min_value'),
      max: s(r, 'max_value'),
      cycle: s(r, 'cycle_flag') === 'Y',
      cache: s(r, 'cache_size'),
    });
  }
  return sequences;
}

/** Routines and triggers from their source lines; a trigger follows its table, the others the filter. */
export function oracleRoutines(
  sourceRows: Row[],
  triggerRows: Row[],
  tables: Map<string, Table>,
  c: OracleRead,
): Routine[] {
  const { ok, owner } = c;
  const trigTable = new Map<string, string>();
  for (const r of triggerRows) trigTable.set(s(r, 'trigger_name'), s(r, 'table_name'));
  const routines: Routine[] = [];
  const grouped = new Map<string, { name: string; type: string; lines: string[] }>();
  for (const r of sourceRows) {
    const k = `${s(r, 'type')}\u0000${s(r, 'name')}`;
    let e = grouped.get(k);
    if (!e) {
      e = { name: s(r, 'name'), type: s(r, 'type'), lines: [] };
      grouped.set(k, e);
    }
    e.lines.push(String(g(r, 'text') ?? ''));
  }
  for (const e of grouped.values()) {
    const table = trigTable.get(e.name);
    if (e.type === 'TRIGGER' ? table !== undefined && !tables.has(table) : !ok(e.name)) continue;
    const body = stripOwnSchema(e.lines.join('').replace(/\s+$/, ''), owner);
    const src = `CREATE OR REPLACE ${body}`;
    routines.push({
      kind: e.type.toLowerCase() as RoutineKind,
      name: e.name,
      ...(table ? { table } : {}),
      source: src,
      digest: sourceDigest(src, owner),
    });
  }
  return routines;
}

/** Objects of kinds hisops does not manage: listed, never changed. */
export function oracleOthers(objectRows: Row[], c: OracleRead): OtherObject[] {
  const { ok } = c;
  const others: OtherObject[] = [];
  for (const r of objectRows) {
    const kind = s(r, 'object_type');
    const name = s(r, 'object_name');
    if (MANAGED_OBJECTS.has(kind) || !ok(name)) continue;
    others.push({ kind, name, digest: sha256(`${kind}:${name}`) });
  }
  return others;
}
