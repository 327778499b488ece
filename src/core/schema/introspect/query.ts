/**
 * Run a dictionary query through knex and get plain rows whatever the driver (mysql2 returns
 * [rows, fields], pg returns {rows}, better-sqlite3 and oracledb return the array). A refused
 * dictionary query becomes a precise error instead of an empty schema.
 */
import type { Db } from '../../db/index.js';
import { classifyDbError } from '../../db/index.js';
import { externalError } from '../../errors.js';

export type Row = Record<string, unknown>;

export function rowsOf(res: unknown): Row[] {
  if (Array.isArray(res)) {
    if (res.length === 2 && Array.isArray(res[0]) && (Array.isArray(res[1]) || res[1] === undefined))
      return res[0] as Row[];
    return res as Row[];
  }
  if (res && typeof res === 'object' && Array.isArray((res as { rows?: unknown }).rows))
    return (res as { rows: Row[] }).rows;
  return [];
}

const DENIED =
  /permission denied|ER_(TABLEACCESS|DBACCESS|SPECIFIC_ACCESS)_DENIED|ORA-00942|ORA-01031|ORA-00904|command denied|Access denied|EREQUEST.*permission/i;

export async function query(
  db: Db,
  sql: string,
  bindings: readonly unknown[] = [],
  what = 'the data dictionary',
): Promise<Row[]> {
  try {
    return rowsOf(await db.knex.raw(sql, bindings as never));
  } catch (e) {
    const err = e as { code?: string; message?: string; sqlMessage?: string };
    const reason = String(err.sqlMessage ?? err.message ?? e);
    if (DENIED.test(`${err.code ?? ''} ${reason}`)) {
      throw externalError(
        'SCHEMA_DICTIONARY_DENIED',
        `The ${db.info.label} user "${db.target.user ?? ''}" may not read ${what}`,
        db.dialect === 'oracle'
          ? 'Grant SELECT_CATALOG_ROLE (or SELECT ANY DICTIONARY) to the user, or connect as the schema owner, then run again.'
          : db.dialect === 'postgres'
            ? 'Grant USAGE on the schema and connect as a user that may read pg_catalog, then run again.'
            : 'Grant the user SELECT (and SHOW VIEW for views, SELECT on mysql.proc for routines) on the database, then run again.',
        reason,
        { target: db.target.display },
      ).zh(
        `${db.info.label} 用户 "${db.target.user ?? ''}" 无权读取 ${what}`,
        db.dialect === 'oracle'
          ? '请授予该用户 SELECT_CATALOG_ROLE（或 SELECT ANY DICTIONARY），或以模式所有者连接，然后再次运行。'
          : db.dialect === 'postgres'
            ? '请授予该模式的 USAGE 权限，并以可读取 pg_catalog 的用户连接，然后再次运行。'
            : '请授予该用户对数据库的 SELECT 权限（视图还需 SHOW VIEW，例程需 mysql.proc 的 SELECT），然后再次运行。',
      );
    }
    throw classifyDbError(e, db.target);
  }
}

export const str = (v: unknown): string =>
  v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
export const optStr = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : str(v));
export const optNum = (v: unknown): number | undefined =>
  v === null || v === undefined || v === '' ? undefined : Number(v);
