export { connect, withDb, classifyDbError, type Db, type ConnectOptions } from './connect.js';
export { parenthesized } from './parenthesized.js';
export { queryArrays, queryEach, type ArrayOptions, type ArrayRows, type RowSink } from './queryArrays.js';
export { DIALECTS, type Dialect, type DialectInfo } from './dialects.js';
export { parseDbUrl, redactUrl, isDbUrl, type DbTarget } from './url.js';
export type { Knex } from 'knex';
export {
  isNativeSqlite,
  withSqlite,
  withSqliteGrouped,
  sqliteInsert,
  sqliteUpdate,
  type SqliteConn,
  type SqliteStatement,
} from './sqliteNative.js';
