/**
 * Waiting for an HIS row another session holds: how long (one statement per dialect, run at the
 * start of the repair's transaction) and how each database says it gave up.
 */
import type { Dialect, Knex } from '../db/index.js';

/** SQL that bounds lock waits inside the current transaction/connection, per dialect. */
const LOCK_TIMEOUT_SQL: Record<Dialect, ((ms: number) => string) | undefined> = {
  sqlite: (ms) => `PRAGMA busy_timeout = ${ms}`,
  postgres: (ms) => `SET LOCAL lock_timeout = '${ms}ms'`,
  mysql: (ms) => `SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.ceil(ms / 1000))}`,
  mssql: (ms) => `SET LOCK_TIMEOUT ${ms}`,
  // Oracle waits for row locks without a session bound; DDL_LOCK_TIMEOUT does not apply to DML.
  oracle: undefined,
};

export async function boundLockWait(trx: Knex.Transaction, dialect: Dialect, ms: number): Promise<void> {
  const sql = LOCK_TIMEOUT_SQL[dialect];
  if (sql) await trx.raw(sql(Math.max(0, Math.round(ms))));
}

/** "Another session holds it" on every dialect hisops speaks. */
const LOCK_ERROR =
  /SQLITE_BUSY|database is locked|55P03|lock timeout|lock_not_available|could not obtain lock|ER_LOCK_WAIT_TIMEOUT|Lock wait timeout|\b1205\b|ORA-00054|ORA-30006|\b1222\b|Lock request time out/i;

export function isLockError(e: unknown): boolean {
  const o = e as { code?: unknown; why?: unknown; message?: unknown; cause?: unknown };
  const text = `${String(o?.code ?? '')} ${String(o?.why ?? '')} ${String(o?.message ?? '')} ${o?.cause ? String((o.cause as { message?: unknown }).message ?? o.cause) : ''}`;
  return LOCK_ERROR.test(text);
}
