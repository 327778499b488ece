/**
 * One table per concern for dialect differences: the knex client, quoting, default port, the
 * probe query and type names. Code elsewhere looks things up here instead of branching on the
 * dialect name.
 */
export type Dialect = 'oracle' | 'postgres' | 'mysql' | 'mssql' | 'sqlite';

export interface DialectInfo {
  name: Dialect;
  label: string;
  knexClient: string;
  /** Module that must be importable for the driver. */
  driver: string;
  defaultPort?: number;
  example: string;
  quote(id: string): string;
  /** A statement that proves the connection works. */
  probeSql: string;
  /** Wrap a SELECT so it returns no rows (used to check a profile statement's columns). */
  limitZero(sql: string): string;
  /** Canonical type names for the types hisops itself creates. */
  types: {
    text: (n: number) => string;
    money: string;
    int: string;
    bigint: string;
    timestamp: string;
    date: string;
    clob: string;
  };
}

const dq = (id: string) => `"${id.replace(/"/g, '""')}"`;

export const DIALECTS: Record<Dialect, DialectInfo> = {
  oracle: {
    name: 'oracle',
    label: 'Oracle',
    knexClient: 'oracledb',
    driver: 'oracledb',
    defaultPort: 1521,
    example: 'oracle://user@host:1521/SERVICE',
    quote: (id) => dq(id.toUpperCase()),
    probeSql: 'SELECT 1 FROM DUAL',
    limitZero: (sql) => `SELECT * FROM (${sql}) WHERE 1 = 0`,
    types: {
      text: (n) => `VARCHAR2(${n} CHAR)`,
      money: 'NUMBER(16,2)',
      int: 'NUMBER(10)',
      bigint: 'NUMBER(19)',
      timestamp: 'TIMESTAMP',
      date: 'DATE',
      clob: 'CLOB',
    },
  },
  postgres: {
    name: 'postgres',
    label: 'PostgreSQL',
    knexClient: 'pg',
    driver: 'pg',
    defaultPort: 5432,
    example: 'postgres://user@host:5432/db',
    quote: dq,
    probeSql: 'SELECT 1',
    limitZero: (sql) => `SELECT * FROM (${sql}) q LIMIT 0`,
    types: {
      text: (n) => `varchar(${n})`,
      money: 'numeric(16,2)',
      int: 'integer',
      bigint: 'bigint',
      timestamp: 'timestamp',
      date: 'date',
      clob: 'text',
    },
  },
  mysql: {
    name: 'mysql',
    label: 'MySQL/MariaDB',
    knexClient: 'mysql2',
    driver: 'mysql2',
    defaultPort: 3306,
    example: 'mysql://user@host:3306/db',
    quote: (id) => '`' + id.replace(/`/g, '``') + '`',
    probeSql: 'SELECT 1',
    limitZero: (sql) => `SELECT * FROM (${sql}) q LIMIT 0`,
    types: {
      text: (n) => `varchar(${n})`,
      money: 'decimal(16,2)',
      int: 'int',
      bigint: 'bigint',
      timestamp: 'datetime',
      date: 'date',
      clob: 'longtext',
    },
  },
  mssql: {
    name: 'mssql',
    label: 'SQL Server',
    knexClient: 'mssql',
    driver: 'tedious',
    defaultPort: 1433,
    example: 'mssql://user@host:1433/db',
    quote: (id) => `[${id.replace(/]/g, ']]')}]`,
    probeSql: 'SELECT 1',
    limitZero: (sql) => `SELECT TOP 0 * FROM (${sql}) q`,
    types: {
      text: (n) => `nvarchar(${n})`,
      money: 'decimal(16,2)',
      int: 'int',
      bigint: 'bigint',
      timestamp: 'datetime2',
      date: 'date',
      clob: 'nvarchar(max)',
    },
  },
  sqlite: {
    name: 'sqlite',
    label: 'SQLite',
    knexClient: 'better-sqlite3',
    driver: 'better-sqlite3',
    example: 'sqlite:path/to/his.db',
    quote: dq,
    probeSql: 'SELECT 1',
    limitZero: (sql) => `SELECT * FROM (${sql}) q LIMIT 0`,
    types: {
      text: (n) => `varchar(${n})`,
      money: 'numeric(16,2)',
      int: 'integer',
      bigint: 'integer',
      timestamp: 'datetime',
      date: 'date',
      clob: 'text',
    },
  },
};
