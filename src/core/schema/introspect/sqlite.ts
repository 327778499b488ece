/**
 * SQLite introspection: sqlite_master plus the table-valued pragma functions joined against it
 * (one query each for columns, indexes, index columns and foreign keys, over all tables), and the
 * CREATE TABLE text for what the pragmas do not tell (constraint names, CHECKs, AUTOINCREMENT).
 */
import type { Db } from '../../db/index.js';
import { parseSqliteDefault } from '../defaults.js';
import { sourceDigest } from '../digest.js';
import { makeMatcher } from '../filter.js';
import type { Column, FkRule, Index, Routine, SchemaModel, Table, View } from '../model.js';
import { parseSqliteType } from '../types.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import { optStr, query, str } from './query.js';
import { parenBody, parseCreateTable, type SqliteTableText } from './sqliteDdl.js';

const RULES: Record<string, FkRule> = {
  'NO ACTION': 'NO ACTION',
  RESTRICT: 'RESTRICT',
  CASCADE: 'CASCADE',
  'SET NULL': 'SET NULL',
  'SET DEFAULT': 'SET DEFAULT',
};

export async function introspectSqlite(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const ok = makeMatcher(opts.filter);
  const master = await query(
    db,
    `SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
  );
  // Only some tables (a journaled apply re-reading what a statement touched): narrowed in SQL.
  const only = opts.tables?.map((t) => `'${t.toLowerCase().replace(/'/g, "''")}'`);
  const tableFilter = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'${only ? ` AND lower(m.name) IN (${only.join(', ') || "''"})` : ''}`;
  const colRows = await query(
    db,
    `SELECT m.name AS tbl, p.cid, p.name, p.type, p."notnull" AS nn, p.dflt_value AS dflt, p.pk, p.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p WHERE ${tableFilter} ORDER BY m.name, p.cid`,
  );
  const idxRows = await query(
    db,
    `SELECT m.name AS tbl, il.name, il."unique" AS uniq, il.origin, il.partial FROM sqlite_master m JOIN pragma_index_list(m.name) il WHERE ${tableFilter}`,
  );
  const idxColRows = await query(
    db,
    `SELECT m.name AS tbl, il.name AS idx, ii.seqno, ii.cid, ii.name, ii."desc" AS descending FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii WHERE ${tableFilter} AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno`,
  );
  const fkRows = await query(
    db,
    `SELECT m.name AS tbl, fk.id, fk.seq, fk."table" AS rtable, fk."from" AS col, fk."to" AS rcol, fk.on_update AS upd, fk.on_delete AS del FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) fk WHERE ${tableFilter} ORDER BY m.name, fk.id, fk.seq`,
  );

  const tables = new Map<string, Table>();
  const texts = new Map<string, SqliteTableText>();
  const indexSql = new Map<string, string>();
  const views: View[] = [];
  const routines: Routine[] = [];
  for (const r of master) {
    const name = str(r.name);
    const type = str(r.type);
    if (type === 'table') {
      if (!ok(name) || (opts.tables && !opts.tables.some((t) => t.toLowerCase() === name.toLowerCase()))) continue;
      tables.set(name, { name, columns: [], indexes: [], foreignKeys: [], checks: [] });
      texts.set(name, parseCreateTable(str(r.sql)));
    } else if (type === 'index' && r.sql) indexSql.set(name, str(r.sql));
    else if (type === 'view' && ok(name)) {
      const sql = str(r.sql);
      const m =
        /^CREATE\s+(?:TEMP(?:ORARY)?\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(?:"(?:[^"]|"")*"|`[^`]*`|\S+)\s*(?:\([^)]*\)\s*)?AS\s+([\s\S]*)$/i.exec(
          sql.trim(),
        );
      const def = m ? m[1]! : sql;
      views.push({ name, definition: def.trim(), digest: sourceDigest(def) });
    } else if (type === 'trigger' && ok(name)) {
      const tbl = str(r.tbl);
      routines.push({ kind: 'trigger', name, table: tbl, source: str(r.sql), digest: sourceDigest(str(r.sql)) });
    }
  }

  for (const r of colRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const text = texts.get(t.name)!;
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
  for (const t of tables.values()) {
    const text = texts.get(t.name)!;
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

  const idx = new Map<string, Index>();
  for (const r of idxRows) {
    const t = tables.get(str(r.tbl));
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
      const sql = indexSql.get(name) ?? '';
      const w = /\bWHERE\b([\s\S]*)$/i.exec(sql);
      if (w) index.where = w[1]!.trim();
    }
    idx.set(`${t.name}\u0000${name}`, index);
    t.indexes.push(index);
  }
  for (const r of idxColRows) {
    const index = idx.get(`${str(r.tbl)}\u0000${str(r.idx)}`);
    if (!index) continue;
    const cid = Number(r.cid);
    if (cid === -2) {
      // expression part: take it from the CREATE INDEX text
      const sql = indexSql.get(index.name) ?? '';
      const body = parenBody(sql, sql.search(/\bON\b/i));
      const parts = body ? body.body.split(',') : [];
      index.columns.push({ expression: (parts[Number(r.seqno)] ?? '').trim().replace(/\s+(ASC|DESC)$/i, '') });
    } else index.columns.push({ name: str(r.name), ...(Number(r.descending) === 1 ? { desc: true } : {}) });
  }
  // Unique constraints named in the table text keep their names.
  for (const t of tables.values()) {
    const text = texts.get(t.name)!;
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

  const fks = new Map<
    string,
    { tbl: string; id: number; cols: string[]; rtable: string; rcols: string[]; upd: string; del: string }
  >();
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
  for (const e of [...fks.values()].sort((a, b) => (a.tbl < b.tbl ? -1 : a.tbl > b.tbl ? 1 : a.id - b.id))) {
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

  const [ver] = await query(db, 'SELECT sqlite_version() AS v');
  const model: SchemaModel = {
    source: {
      dialect: 'sqlite',
      display: db.target.display,
      database: db.target.file,
      serverVersion: str(ver?.v),
      charset: 'utf8mb4',
    },
    tables: [...tables.values()],
    views,
    sequences: [],
    routines,
    others: [],
  };
  return { model, warnings };
}
