/**
 * The SQL renderers, one per dialect (a table, not branches). Pure: they turn operations into
 * statements and never touch a database.
 */
import type { Dialect } from '../../db/index.js';
import type { DdlRenderer } from './common.js';
import { mssqlRenderer } from './mssql.js';
import { mysqlRenderer } from './mysql.js';
import { oracleRenderer } from './oracle.js';
import { postgresRenderer } from './postgres.js';
import { sqliteRenderer } from './sqlite.js';

export const RENDERERS: Record<Dialect, DdlRenderer> = {
  mysql: mysqlRenderer,
  postgres: postgresRenderer,
  sqlite: sqliteRenderer,
  oracle: oracleRenderer,
  mssql: mssqlRenderer,
};

export { renderType, TYPE_MAPPERS } from './types.js';
export { tableAfter } from './tableAfter.js';
export { renderDefault, type DdlRenderer, type RenderContext } from './common.js';
export { opTable, type Op, type Stmt } from './ops.js';
