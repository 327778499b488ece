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
  /**
   * Read only these tables (names compared case-insensitively); views, routines, sequences and
   * other objects are read in full. A journaled apply re-reads what each statement touched.
   */
  tables?: string[];
  /** With `tables`: read tables only (no views, routines, sequences, other objects). */
  tablesOnly?: boolean;
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
    ).zh(
      `hisops 暂不能读取 ${db.info.label} 数据库的结构`,
      '请在 MySQL/MariaDB、PostgreSQL、Oracle 或 SQLite 中的副本上做快照，或用 --dialect mssql 从快照生成其脚本。',
    );
  }
  const res = await reader(db, opts);
  if (opts.tables) {
    // Readers that cannot narrow their queries read everything; keep the tables asked for.
    const wanted = new Set(opts.tables.map((t) => t.toLowerCase()));
    res.model = { ...res.model, tables: res.model.tables.filter((t) => wanted.has(t.name.toLowerCase())) };
  }
  return res;
}
