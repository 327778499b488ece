/**
 * Run one DDL statement exactly as written. knex rewrites `?` into driver placeholders ($1, :1,
 * @p0) even when a raw statement has no bindings, which corrupts comments, defaults and routine
 * bodies that contain a question mark; so statements go to the driver connection knex pooled,
 * one table entry per driver.
 */
import type { Db, Dialect } from '../db/index.js';

type Conn = Record<string, unknown>;
type Runner = (conn: Conn, sql: string) => Promise<unknown>;

const callback = (conn: Conn, sql: string) =>
  new Promise((resolve, reject) => (conn.query as (s: string, cb: (e: unknown, r: unknown) => void) => void).call(conn, sql, (e, r) => (e ? reject(e) : resolve(r))));

const RUNNERS: Record<Dialect, Runner | undefined> = {
  postgres: callback, // pg: simple-query protocol, no parameters
  mysql: callback, // mysql2 (callback API, as knex holds it): no values, no formatting
  sqlite: async (conn, sql) => (conn.exec as (s: string) => unknown).call(conn, sql), // better-sqlite3
  oracle: async (conn, sql) => (conn.execute as (s: string) => Promise<unknown>).call(conn, sql), // node-oracledb
  mssql: undefined, // tedious needs a Request object: knex.raw is used (no `?` rewriting without bindings there)
};

export async function execStatement(db: Db, sql: string): Promise<unknown> {
  const run = RUNNERS[db.dialect];
  if (!run) return db.knex.raw(sql);
  const client = db.knex.client as unknown as { acquireConnection(): Promise<Conn>; releaseConnection(c: Conn): Promise<unknown> };
  const conn = await client.acquireConnection();
  try {
    return await run(conn, sql);
  } finally {
    await client.releaseConnection(conn);
  }
}
