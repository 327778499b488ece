/**
 * Run DDL statements exactly as written. knex rewrites `?` into driver placeholders ($1, :1,
 * @p0) even when a raw statement has no bindings, which corrupts comments, defaults and routine
 * bodies that contain a question mark; so statements go to the driver connection knex pooled,
 * one table entry per driver. Session statements (`SET SESSION innodb_strict_mode = 0`) run first
 * on the same connection, so that they hold for the statement after them.
 */
import type { Db, Dialect } from '../db/index.js';

type Conn = Record<string, unknown>;
type Runner = (conn: Conn, sql: string) => Promise<unknown>;

const callback = (conn: Conn, sql: string) =>
  new Promise((resolve, reject) =>
    (conn.query as (s: string, cb: (e: unknown, r: unknown) => void) => void).call(conn, sql, (e, r) =>
      e ? reject(e) : resolve(r),
    ),
  );

const RUNNERS: Record<Dialect, Runner | undefined> = {
  postgres: callback, // pg: simple-query protocol, no parameters
  mysql: callback, // mysql2 (callback API, as knex holds it): no values, no formatting
  sqlite: async (conn, sql) => (conn.exec as (s: string) => unknown).call(conn, sql), // better-sqlite3
  oracle: async (conn, sql) => (conn.execute as (s: string) => Promise<unknown>).call(conn, sql), // node-oracledb
  mssql: undefined, // tedious needs a Request object: knex.raw is used (no `?` rewriting without bindings there)
};

/** A session statement the server refused (the step itself did not run). */
export class SessionStatementError extends Error {
  constructor(
    readonly statement: string,
    readonly failure: unknown,
  ) {
    super(
      `the session statement "${statement}" failed: ${String((failure as { sqlMessage?: string; message?: string }).sqlMessage ?? (failure as Error).message ?? failure)}`,
    );
  }
}

export async function execStatement(db: Db, sql: string, session: readonly string[] = []): Promise<unknown> {
  const run = RUNNERS[db.dialect];
  if (!run) {
    for (const s of session)
      await db.knex.raw(s).catch((e: unknown) => Promise.reject(new SessionStatementError(s, e)));
    return db.knex.raw(sql);
  }
  const client = db.knex.client as unknown as {
    acquireConnection(): Promise<Conn>;
    releaseConnection(c: Conn): Promise<unknown>;
  };
  const conn = await client.acquireConnection();
  try {
    for (const s of session) await run(conn, s).catch((e: unknown) => Promise.reject(new SessionStatementError(s, e)));
    return await run(conn, sql);
  } finally {
    await client.releaseConnection(conn);
  }
}
