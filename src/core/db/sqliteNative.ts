/**
 * Statements run on a SQLite database's own connection (better-sqlite3), past knex. knex builds
 * every statement from scratch — compiling a query builder, wrapping identifiers, promise and
 * pool round trips — which costs far more than SQLite running a small prepared statement. Jobs
 * that write many small rows (the trace journal, the center client's write-ahead rows) run their
 * statements here instead, prepared once per connection (connect.ts keeps them), and a group of
 * them as one transaction.
 *
 * The whole group runs synchronously while the connection is out of knex's pool (the pool holds
 * one SQLite connection), so no other statement of this process interleaves; a transaction begins
 * IMMEDIATE, as the journal's knex transactions do (journalErrors.ts). A failing statement is
 * reported to the knex instance's `query-error` listeners, as knex would, so that it is classified
 * the same way (JOURNAL_BUSY).
 */
import type { Knex } from 'knex';

export interface SqliteStatement {
  run(...values: unknown[]): { changes: number };
  get(...values: unknown[]): unknown;
  all(...values: unknown[]): unknown[];
}

export interface SqliteConn {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  readonly inTransaction: boolean;
}

interface PoolClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown> | unknown;
  emit(event: string, ...a: unknown[]): boolean;
  config?: { client?: unknown };
}

/** Whether this knex instance talks to SQLite through better-sqlite3 (the native path applies). */
export function isNativeSqlite(knex: Knex): boolean {
  const client = knex.client as unknown as PoolClient;
  return client.config?.client === 'better-sqlite3';
}

/**
 * Run `fn` on the SQLite connection, in one IMMEDIATE transaction when `transaction` is true
 * (committed when `fn` returns, rolled back when it throws). `fn` must be synchronous.
 */
export async function withSqlite<T>(
  knex: Knex,
  fn: (conn: SqliteConn) => T,
  opts: { transaction?: boolean } = {},
): Promise<T> {
  const client = knex.client as unknown as PoolClient;
  const conn = (await client.acquireConnection()) as SqliteConn;
  let sql = '';
  try {
    if (!opts.transaction || conn.inTransaction) return fn(conn);
    sql = 'BEGIN IMMEDIATE';
    conn.exec(sql);
    try {
      sql = '';
      const out = fn(conn);
      sql = 'COMMIT';
      conn.exec(sql);
      return out;
    } catch (e) {
      if (conn.inTransaction) conn.exec('ROLLBACK');
      throw e;
    }
  } catch (e) {
    client.emit('query-error', e, { sql, bindings: [] });
    throw e;
  } finally {
    await client.releaseConnection(conn);
  }
}

interface Job {
  fn: (conn: SqliteConn) => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

/** Writes waiting for the next group commit, per knex instance. */
const groups = new WeakMap<object, Job[]>();

/**
 * Run `fn` in a transaction committed together with the other grouped writes made in the same
 * turn of the event loop (group commit): a busy job's many small writes — a request's
 * write-ahead rows, the answers that came in together — cost one commit instead of one each.
 * Each write is its own savepoint, so one that throws is undone alone and only its caller sees
 * the error; every caller's promise resolves only after the commit holding its write, so what a
 * caller awaited is durable exactly as with a transaction of its own.
 */
export function withSqliteGrouped<T>(knex: Knex, fn: (conn: SqliteConn) => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let list = groups.get(knex);
    if (!list) {
      list = [];
      groups.set(knex, list);
      setImmediate(() => {
        groups.delete(knex);
        void commitGroup(knex, list!);
      });
    }
    list.push({ fn, resolve: resolve as (v: unknown) => void, reject });
  });
}

async function commitGroup(knex: Knex, jobs: Job[]): Promise<void> {
  const done: Array<{ job: Job; out: unknown }> = [];
  const refused = new Set<Job>();
  try {
    await withSqlite(
      knex,
      (conn) => {
        const save = conn.prepare('SAVEPOINT hisops_group_write');
        const release = conn.prepare('RELEASE hisops_group_write');
        const undo = conn.prepare('ROLLBACK TO hisops_group_write');
        for (const job of jobs) {
          save.run();
          try {
            done.push({ job, out: job.fn(conn) });
            release.run();
          } catch (e) {
            undo.run();
            release.run();
            refused.add(job);
            job.reject(e);
          }
        }
      },
      { transaction: true },
    );
  } catch (e) {
    // Nothing of the group was committed: every write not already refused on its own fails.
    for (const job of jobs) if (!refused.has(job)) job.reject(e);
    return;
  }
  for (const { job, out } of done) job.resolve(out);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** As knex binds for better-sqlite3: undefined is NULL, booleans and dates are numbers. */
const bindable = (v: unknown) =>
  v === undefined ? null : typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.valueOf() : v;

/** Insert one row (column names from its keys; the statement is kept prepared per column set). */
export function sqliteInsert(conn: SqliteConn, table: string, row: Record<string, unknown>): void {
  const cols = Object.keys(row);
  conn
    .prepare(`INSERT INTO ${ident(table)} (${cols.map(ident).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
    .run(...cols.map((c) => bindable(row[c])));
}

/** Update the rows matching every `where` column with `patch`; returns how many changed. */
export function sqliteUpdate(
  conn: SqliteConn,
  table: string,
  patch: Record<string, unknown>,
  where: Record<string, unknown>,
): number {
  const set = Object.keys(patch);
  const by = Object.keys(where);
  if (!set.length) return 0;
  const sql = `UPDATE ${ident(table)} SET ${set.map((c) => `${ident(c)} = ?`).join(', ')} WHERE ${by.map((c) => `${ident(c)} = ?`).join(' AND ')}`;
  return conn.prepare(sql).run(...set.map((c) => bindable(patch[c])), ...by.map((c) => bindable(where[c]))).changes;
}
