/**
 * Small SQL helpers shared by the catalog and mapping stores, with their dialect differences in
 * one table each.
 */
import type { Db, Dialect, Knex } from '../../db/index.js';

/** Whether INSERT … RETURNING works through knex for the dialect (MySQL reports the id instead). */
const RETURNING: Record<Dialect, boolean> = { postgres: true, sqlite: true, mssql: true, oracle: true, mysql: false };

/** Insert one row and return its generated id. */
export async function insertReturningId(
  k: Knex | Knex.Transaction,
  dialect: Dialect,
  table: string,
  idColumn: string,
  row: Record<string, unknown>,
): Promise<number> {
  const res = (RETURNING[dialect] ? await k(table).insert(row, [idColumn]) : await k(table).insert(row)) as unknown[];
  const first = res[0];
  return Number(typeof first === 'object' && first !== null ? (first as Record<string, unknown>)[idColumn] : first);
}

/** Restrict a query to a batch of (med_list_codg, begndate) keys: (c = ? AND b = ?) OR … — portable to every dialect. */
export function keyBatchWhere<Q extends Knex.QueryBuilder>(
  qb: Q,
  keys: ReadonlyArray<{ code: string; begndate: string }>,
  codeCol = 'med_list_codg',
  begnCol = 'begndate',
): Q {
  return qb.where((w) => {
    for (const k of keys) w.orWhere((x) => x.where(codeCol, k.code).andWhere(begnCol, k.begndate));
  }) as Q;
}

/** Split a list into chunks (for IN lists and OR chains that must stay under bind limits). */
export function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** How each dialect refreshes a table's planner statistics after a bulk load. */
const ANALYZE: Record<Dialect, ((t: string) => string) | undefined> = {
  postgres: (t) => `ANALYZE ${t}`,
  mysql: (t) => `ANALYZE TABLE ${t}`,
  sqlite: (t) => `ANALYZE ${t}`,
  oracle: undefined,
  mssql: (t) => `UPDATE STATISTICS ${t}`,
};

/** Refresh a table's planner statistics after a big load (best effort: a missing right is no failure). */
export async function refreshStats(db: Db, table: string): Promise<void> {
  const sql = ANALYZE[db.dialect];
  if (sql) await db.knex.raw(sql(table)).catch(() => undefined);
}
