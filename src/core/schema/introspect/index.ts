/**
 * Live introspection: one reader per dialect (a table, not branches), each returning the
 * dialect-neutral model plus warnings about what it could not see.
 */
import type { Db, Dialect } from '../../db/index.js';
import { inputError } from '../../errors.js';
import type { NameFilter } from '../filter.js';
import type { SchemaModel } from '../model.js';
import { introspectMysql } from './mysql.js';
import { introspectOracle } from './oracle.js';
import { introspectPostgres } from './postgres.js';
import { introspectSqlite } from './sqlite.js';

export interface IntrospectOptions {
  /** Oracle owner / PostgreSQL schema / MySQL database (default: the connection's). */
  schema?: string;
  filter?: Partial<NameFilter>;
}

export interface IntrospectResult {
  model: SchemaModel;
  warnings: string[];
}

type Reader = (db: Db, opts: IntrospectOptions) => Promise<IntrospectResult>;

const READERS: Record<Dialect, Reader | undefined> = {
  mysql: introspectMysql,
  postgres: introspectPostgres,
  sqlite: introspectSqlite,
  oracle: introspectOracle,
  mssql: undefined,
};

export async function introspect(db: Db, opts: IntrospectOptions = {}): Promise<IntrospectResult> {
  const reader = READERS[db.dialect];
  if (!reader) {
    throw inputError(
      'SCHEMA_DIALECT_UNSUPPORTED',
      `hisops cannot read the schema of a ${db.info.label} database yet`,
      'Snapshot it from a copy in MySQL/MariaDB, PostgreSQL, Oracle or SQLite, or use --dialect mssql to render scripts for it from a snapshot.',
    );
  }
  return reader(db, opts);
}
