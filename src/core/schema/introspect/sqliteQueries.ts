/**
 * The queries of SQLite introspection: sqlite_master, and the table-valued pragma functions joined
 * against it (one query each for columns, indexes, index columns and foreign keys, over all
 * tables); narrowed in SQL to some tables when asked.
 */
import type { Db } from '../../db/index.js';
import type { IntrospectOptions } from './index.js';
import { query, type Row } from './query.js';

interface SqliteRows {
  master: Row[];
  colRows: Row[];
  idxRows: Row[];
  idxColRows: Row[];
  fkRows: Row[];
}

export async function readSqliteRows(db: Db, opts: IntrospectOptions): Promise<SqliteRows> {
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
  return { master, colRows, idxRows, idxColRows, fkRows };
}
