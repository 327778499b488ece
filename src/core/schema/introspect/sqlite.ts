/**
 * SQLite introspection: sqlite_master plus the table-valued pragma functions joined against it
 * (one query each for columns, indexes, index columns and foreign keys, over all tables), and the
 * CREATE TABLE text for what the pragmas do not tell (constraint names, CHECKs, AUTOINCREMENT).
 * Query → rows (sqliteQueries.ts) → model, one step per object kind (sqliteModel.ts).
 */
import type { Db } from '../../db/index.js';
import { makeMatcher } from '../filter.js';
import type { SchemaModel } from '../model.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import { query, str } from './query.js';
import { addColumns, addForeignKeys, addIndexes, addKeysAndChecks, sqliteObjects } from './sqliteModel.js';
import { readSqliteRows } from './sqliteQueries.js';

export async function introspectSqlite(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const ok = makeMatcher(opts.filter);
  const rows = await readSqliteRows(db, opts);
  const read = sqliteObjects(rows.master, ok, opts);
  addColumns(read, rows.colRows);
  addKeysAndChecks(read);
  addIndexes(read, rows.idxRows, rows.idxColRows);
  addForeignKeys(read, rows.fkRows);

  const [ver] = await query(db, 'SELECT sqlite_version() AS v');
  const model: SchemaModel = {
    source: {
      dialect: 'sqlite',
      display: db.target.display,
      database: db.target.file,
      serverVersion: str(ver?.v),
      charset: 'utf8mb4',
    },
    tables: [...read.tables.values()],
    views: read.views,
    sequences: [],
    routines: read.routines,
    others: [],
  };
  return { model, warnings };
}
