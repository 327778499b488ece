/**
 * SQLite dictionary rows (sqliteQueries.ts) turned into the schema model, one step per object
 * kind: tables, views and triggers from sqlite_master; columns; the primary key and table CHECKs;
 * indexes and their columns; foreign keys. The CREATE TABLE text (sqliteDdl.ts) tells what the
 * pragmas do not: constraint names, CHECKs, AUTOINCREMENT.
 */
import { parseSqliteDefault } from '../defaults.js';
import { sourceDigest } from '../digest.js';
import type { Column, FkRule, Index, Routine, Table, View } from '../model.js';
import { parseSqliteType } from '../types.js';
import type { IntrospectOptions } from './index.js';
import { optStr, type Row, str } from './query.js';
import { parenBody, parseCreateTable, type SqliteTableText } from './sqliteDdl.js';

const RULES: Record<string, FkRule> = {
  'NO ACTION': 'NO ACTION',
  RESTRICT: 'RESTRICT',
  CASCADE: 'CASCADE',
  'SET NULL': 'SET NULL',
  'SET DEFAULT': 'SET DEFAULT',
};

/** What sqlite_master holds: the selected tables with their parsed CREATE text, index texts, views, triggers. */
interface SqliteRead {
  tables: Map<string, Table>;
  texts: Map<string, SqliteTableText>;
  indexSql: Map<string, string>;
  views: View[];
  routines: Routine[];
}

export function sqliteObjects(master: Row[], ok: (name: string) => boolean, opts: IntrospectOptions): SqliteRead {
  const read: SqliteRead = { tables: new Map(), texts: new Map(), indexSql: new Map(), views: [], routines: [] };
  for (const r of master) {
    const name = str(r.name);
    const type = str(r.type);
    if (type === 'table') {
      if (!ok(name) || (opts.tables && !opts.tables.some((t) => t.toLowerCase() === name.toLowerCase()))) continue;
      read.tables.set(name, { name, columns: [], indexes: [], foreignKeys: [], checks: [] });
      read.texts.set(name, parseCreateTable(str(r.sql)));
    } else if (type === 'index' && r.sql) read.indexSql.set(name, str(r.sql));
    else if (type === 'view' && ok(name)) read.views.push(sqliteView(name, str(r.sql)));
    else if (type === 'trigger' && ok(name)) {
      const tbl = str(r.tbl);
      read.routines.push({ kind: 'trigger', name, table: tbl, source: str(r.sql), digest: sourceDigest(str(r.sql)) });
    }
  }
  return read;
}

/** A view's definition is its CREATE VIEW text after AS. */
function sqliteView(name: string, sql: string): View {
  const m =
    /^CREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`[^`]*`|\S+)\s*(?:\([^)]*\)\s*)?AS\s+([\s\S]*)$/i.exec(
      sql.trim(),
    );
  const def = m ? m[1]! : sql;
  return { name, definition: def.trim(), digest: sourceDigest(def) };
}

/** Columns, each with its default or generation, its place in the primary key and its column CHECKs. */
export function addColumns(read: SqliteRead, colRows: Row[]): void {
  for (const r of colRows) {
    const t = read.tables.get(str(r.tbl));
    if (!t) continue;
    const text = read.texts.get(t.name)!;
    const type = parseSqliteType(str(r.type));
    const name = str(r.name);
    const col: Column = { name, type, nullable: Number(r.nn) === 0 && Number(r.pk) === 0 };
    const hidden = Number(r.hidden);
    const extra = text.columns.get(name.toLowerCase());
    if ((hidden === 2 || hidden === 3) && extra?.generated)
      col.generated = { expression: extra.generated.expr, stored: hidden === 3 };
    else {
      const d = parseSqliteDefault(optStr(r.dflt) ?? null, type);
      if (d) col.default = d;
    }
    if (Number(r.pk) > 0) {
      t.primaryKey ??= { columns: [] };
      t.primaryKey.columns[Number(r.pk) - 1] = name;
    }
    for (const c of extra?.checks ?? [])
      t.checks.push({
        name: c.name ?? `${t.name}_${name}_check`,
        expression: c.expr,
        ...(c.name ? {} : { generatedName: true }),
      });
    t.columns.push(col);
  }
}

/** The primary key's name and auto-increment, and the table-level CHECKs, from the table text. */
export function addKeysAndChecks(read: SqliteRead): void {
  for (const t of read.tables.values()) {
    const text = read.texts.get(t.name)!;
    if (t.primaryKey) {
      t.primaryKey.columns = t.primaryKey.columns.filter(Boolean);
      const named = text.constraints.find((c) => c.kind === 'primary' && c.name);
      if (named) t.primaryKey.name = named.name;
      // INTEGER PRIMARY KEY AUTOINCREMENT is SQLite's auto-increment; a plain INTEGER PRIMARY KEY
      // also assigns rowids, but only the keyword makes it part of the declared schema.
      if (text.autoincrement && t.primaryKey.columns.length === 1) {
        const c = t.columns.find((x) => x.name === t.primaryKey!.columns[0]);
        if (c) c.autoIncrement = true;
      }
    }
    let n = 0;
    for (const c of text.constraints) {
      if (c.kind !== 'check') continue;
      n++;
      t.checks.push({
        name: c.name ?? `${t.name}_check${n}`,
        expression: c.body,
        ...(c.name ? {} : { generatedName: true }),
      });
    }
  }
}

/** Indexes (not the primary key's), then their columns, then the names unique constraints have in the table text. */
export function addIndexes(read: SqliteRead, idxRows: Row[], idxColRows: Row[]): void {
  const idx = indexesOf(read, idxRows);
  for (const r of idxColRows) {
    const index = idx.get(`${str(r.tbl)}\u0000${str(r.idx)}`);
    if (!index) continue;
    const cid = Number(r.cid);
    if (cid === -2) {
      // expression part: take it from the CREATE INDEX text
      const sql = read.indexSql.get(index.name) ?? '';
      const body = parenBody(sql, sql.search(/\bON\b/i));
      const parts = body ? body.body.split(',') : [];
      index.columns.push({ expression: (parts[Number(r.seqno)] ?? '').trim().replace(/\s+(ASC|DESC)$/i, '') });
    } else index.columns.push({ name: str(r.name), ...(Number(r.descending) === 1 ? { desc: true } : {}) });
  }
  nameUniqueConstraints(read);
}

/** The indexes of each table, keyed by table and index name. */
function indexesOf(read: SqliteRead, idxRows: Row[]): Map<string, Index> {
  const idx = new Map<string, Index>();
  for (const r of idxRows) {
    const t = read.tables.get(str(r.tbl));
    if (!t) continue;
    const origin = str(r.origin);
    if (origin === 'pk') continue;
    const name = str(r.name);
    const index: Index = { name, columns: [], unique: Number(r.uniq) === 1 };
    if (origin === 'u') {
      index.constraint = true;
      if (name.startsWith('sqlite_autoindex_')) index.generatedName = true;
    }
    if (Number(r.partial) === 1) {
      const sql = read.indexSql.get(name) ?? '';
      const w = /\bWHERE\b([\s\S]*)$/i.exec(sql);
      if (w) index.where = w[1]!.trim();
    }
    idx.set(`${t.name}\u0000${name}`, index);
    t.indexes.push(index);
  }
  return idx;
}

/** Unique constraints named in the table text keep their names. */
function nameUniqueConstraints(read: SqliteRead): void {
  for (const t of read.tables.values()) {
    const text = read.texts.get(t.name)!;
    for (const c of text.constraints.filter((x) => x.kind === 'unique' && x.name)) {
      const i = t.indexes.find(
        (x) => x.generatedName && x.columns.map((k) => (k.name ?? '').toLowerCase()).join(',') === c.columns.join(','),
      );
      if (i) {
        i.name = c.name!;
        delete i.generatedName;
      }
    }
  }
}

interface SqliteFk {
  tbl: string;
  id: number;
  cols: string[];
  rtable: string;
  rcols: string[];
  upd: string;
  del: string;
}

/** Foreign keys, one per pragma id, in table then id order; named from the table text when it names them. */
export function addForeignKeys(read: SqliteRead, fkRows: Row[]): void {
  const { tables, texts } = read;
  for (const e of groupForeignKeys(fkRows)) {
    const t = tables.get(e.tbl);
    if (!t) continue;
    const text = texts.get(t.name)!;
    const named = text.constraints.find(
      (c) => c.kind === 'foreign' && c.name && c.columns.join(',') === e.cols.map((x) => x.toLowerCase()).join(','),
    );
    const rt = tables.get(e.rtable);
    // REFERENCES t without a column list means t's primary key.
    const rcols = e.rcols.every((x) => x === '') ? (rt?.primaryKey?.columns ?? e.rcols) : e.rcols;
    t.foreignKeys.push({
      name: named?.name ?? `fk_${t.name}_${e.cols.join('_')}`,
      columns: e.cols,
      refTable: e.rtable,
      refColumns: rcols,
      onDelete: RULES[e.del.toUpperCase()] ?? 'NO ACTION',
      onUpdate: RULES[e.upd.toUpperCase()] ?? 'NO ACTION',
      ...(named ? {} : { generatedName: true }),
    });
  }
}

/** The pragma's rows (one per column) gathered per foreign key, sorted by table then id. */
function groupForeignKeys(fkRows: Row[]): SqliteFk[] {
  const fks = new Map<string, SqliteFk>();
  for (const r of fkRows) {
    const k = `${str(r.tbl)}\u0000${str(r.id)}`;
    let e = fks.get(k);
    if (!e) {
      e = {
        tbl: str(r.tbl),
        id: Number(r.id),
        cols: [],
        rtable: str(r.rtable),
        rcols: [],
        upd: str(r.upd),
        del: str(r.del),
      };
      fks.set(k, e);
    }
    e.cols.push(str(r.col));
    e.rcols.push(optStr(r.rcol) ?? '');
  }
  return [...fks.values()].sort((a, b) => (a.tbl < b.tbl ? -1 : a.tbl > b.tbl ? 1 : a.id - b.id));
}
