/**
 * Shared pieces of the SQL renderers: literals and defaults per dialect (one table), identifier
 * quoting, and the renderer interface every dialect implements.
 */
import type { Dialect } from '../../db/index.js';
import { canonicalNumber } from '../defaults.js';
import type { Column, ColumnType, DefaultValue, Table } from '../model.js';
import type { Op, Stmt } from './ops.js';

export interface RenderContext {
  /** Tables as they are before the script (for SQLite rebuilds and MySQL placement). */
  currentTables: Map<string, Table>;
  /** Tables as the target has them. */
  targetTables: Map<string, Table>;
}

export interface DdlRenderer {
  dialect: Dialect;
  id(name: string): string;
  /** Statements for operations on one table (same section, in order). */
  tableOps(table: string, ops: Op[], ctx: RenderContext): Stmt[];
  /** Statements for an operation on no table (views, routines, sequences, notes). */
  objectOp(op: Op, ctx: RenderContext): Stmt[];
  /** How a statement ends in a script file (`;`, `/` for PL/SQL, `GO` for SQL Server…). */
  terminate(stmt: Stmt): string;
}

const NUMERIC_BASES = new Set([
  'tinyint',
  'smallint',
  'mediumint',
  'int',
  'bigint',
  'decimal',
  'float',
  'double',
  'year',
]);

/** A standard SQL string literal ('' doubling). */
export function stdString(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/** A MySQL string literal: backslashes and control characters escaped as mysqldump does. */
export function mysqlString(s: string): string {
  return (
    "'" +
    s.replace(/[\\'\0\n\r\x1a]/g, (c) =>
      c === '\\' ? '\\\\' : c === "'" ? "''" : c === '\0' ? '\\0' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\Z',
    ) +
    "'"
  );
}

const NUM = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** Clock expressions per dialect: canonical name → spelling (by column type where it matters). */
const CLOCK: Record<Dialect, (expr: string, t: ColumnType) => string> = {
  mysql: (e) =>
    e
      .replace(/^CURRENT_TIMESTAMP(\((\d+)\))?$/, (_m, _p, d) =>
        d ? `current_timestamp(${d})` : 'current_timestamp()',
      )
      .replace(/^CURRENT_DATE$/, 'curdate()')
      .replace(/^CURRENT_TIME(\((\d+)\))?$/, (_m, _p, d) => (d ? `curtime(${d})` : 'curtime()')),
  postgres: (e) => e,
  sqlite: (e) =>
    e.replace(/^CURRENT_TIMESTAMP\(\d+\)$/, 'CURRENT_TIMESTAMP').replace(/^CURRENT_TIME\(\d+\)$/, 'CURRENT_TIME'),
  oracle: (e, t) =>
    /^CURRENT_TIMESTAMP/.test(e)
      ? t.native === 'DATE' || t.base === 'date'
        ? 'SYSDATE'
        : 'SYSTIMESTAMP'
      : e === 'CURRENT_DATE'
        ? 'TRUNC(SYSDATE)'
        : e,
  mssql: (e) =>
    /^CURRENT_TIMESTAMP/.test(e) ? 'sysdatetime()' : e === 'CURRENT_DATE' ? 'CAST(sysdatetime() AS date)' : e,
};

const HEX: Record<Dialect, (hex: string) => string> = {
  mysql: (h) => (h ? `X'${h}'` : "''"),
  postgres: (h) => `'\\x${h}'::bytea`,
  sqlite: (h) => `X'${h}'`,
  oracle: (h) => `HEXTORAW('${h.toUpperCase()}')`,
  mssql: (h) => `0x${h.toUpperCase()}`,
};

const BOOL: Record<Dialect, (v: boolean) => string> = {
  mysql: (v) => (v ? '1' : '0'),
  postgres: (v) => (v ? 'true' : 'false'),
  sqlite: (v) => (v ? '1' : '0'),
  oracle: (v) => (v ? '1' : '0'),
  mssql: (v) => (v ? '1' : '0'),
};

/** The expression after DEFAULT, or undefined for none. */
export function renderDefault(dialect: Dialect, d: DefaultValue | undefined, t: ColumnType): string | undefined {
  if (!d) return undefined;
  if (d.kind === 'null') return 'NULL';
  if (d.kind === 'expr') {
    const clock = CLOCK[dialect](d.sql, t);
    if (clock !== d.sql || /^CURRENT_(TIMESTAMP|DATE|TIME)/.test(d.sql)) return clock;
    // MySQL 8 / MariaDB 10.2+ accept an expression default in parentheses.
    return dialect === 'mysql' && !/^\(.*\)$/.test(d.sql) ? `(${d.sql})` : d.sql;
  }
  if (d.hex) return HEX[dialect](d.value);
  if (t.base === 'boolean' && (d.value === '0' || d.value === '1')) return BOOL[dialect](d.value === '1');
  if (NUMERIC_BASES.has(t.base) && NUM.test(d.value)) return canonicalNumber(d.value);
  if (t.base === 'bit' && dialect === 'mysql' && /^\d+$/.test(d.value)) return `b'${BigInt(d.value).toString(2)}'`;
  return dialect === 'mysql' ? mysqlString(d.value) : stdString(d.value);
}

/** Column default clause, with a leading space, or ''. */
export function defaultClause(dialect: Dialect, c: Column): string {
  if (c.autoIncrement || c.generated) return '';
  // DEFAULT NULL is what a nullable column has anyway; only MySQL's own dumps spell it out.
  if (c.default?.kind === 'null' && dialect !== 'mysql') return '';
  const v = renderDefault(dialect, c.default, c.type);
  return v === undefined ? '' : ` DEFAULT ${v}`;
}

export const dq = (id: string) => `"${id.replace(/"/g, '""')}"`;
export const bq = (id: string) => '`' + id.replace(/`/g, '``') + '`';

/** Columns of a list, quoted and comma-joined. */
export function colList(cols: string[], id: (s: string) => string): string {
  return cols.map(id).join(', ');
}

export function stmt(sql: string, block = false): Stmt {
  return block ? { sql, block } : { sql };
}
