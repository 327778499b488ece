/**
 * SELECTs on a SQLite file run on a thread of their own. better-sqlite3 answers synchronously on
 * the calling thread: a query of a tenth of a second stops everything else in the process for that
 * long. A job that runs many such queries while it also talks to a server (a month's reconciliation
 * sums each day of settlements while its 3201 calls are out) runs them here instead, so that both
 * go on at once on a machine with more than one core.
 *
 * The thread opens its own connection to the same file (sqliteThreadWorker.ts) and runs one query
 * at a time; the rows come back as arrays of the values the driver gives (bytes come back as
 * Buffers, as on the caller's connection). A thread that cannot start or dies answers every query
 * with a ThreadGone error, and queryEach then runs the query on the caller's own connection.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from './connect.js';
import type { ArrayRows } from './queryArrays.js';

/** The thread is not there (it could not start, or ended): run the query elsewhere. */
export class ThreadGone extends Error {}

interface Answer {
  id: number;
  columns?: string[];
  rows?: unknown[][];
  error?: { message: string; code?: unknown; name?: unknown };
}

export class SqliteThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { ok: (r: ArrayRows) => void; fail: (e: unknown) => void }>();
  private next = 0;
  private gone: Error | undefined;

  private constructor(file: string) {
    this.worker = new Worker(new URL('./sqliteThreadWorker.js', import.meta.url), { workerData: { file } });
    // Waiting for a query keeps the process alive, not the idle thread.
    this.worker.unref();
    this.worker.on('message', (a: Answer) => this.answer(a));
    this.worker.on('error', (e) => this.end(e));
    this.worker.on('exit', () => this.end(new Error('the SQLite thread ended')));
  }

  /** A thread for the database's file; undefined for an in-memory database or another dialect. */
  static start(db: Db): SqliteThread | undefined {
    const file = (db.knex.client as { config?: { connection?: { filename?: string } } }).config?.connection?.filename;
    if (db.dialect !== 'sqlite' || !file || file === ':memory:') return undefined;
    return new SqliteThread(file);
  }

  /** Every row of a SELECT (knex's native SQL and bindings for better-sqlite3). */
  all(sql: string, values: readonly unknown[]): Promise<ArrayRows> {
    if (this.gone) return Promise.reject(new ThreadGone(this.gone.message));
    const id = this.next++;
    return new Promise<ArrayRows>((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      if (this.waiting.size === 1) this.worker.ref();
      this.worker.postMessage({ id, sql, values });
    });
  }

  async close(): Promise<void> {
    this.gone ??= new Error('the SQLite thread was closed');
    await this.worker.terminate();
  }

  private answer(a: Answer): void {
    const w = this.waiting.get(a.id);
    if (!w) return;
    this.waiting.delete(a.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (a.error) {
      // The driver's error as the caller's connection would throw it (its code and message are classified).
      const e = new Error(a.error.message) as Error & { code?: unknown };
      if (typeof a.error.name === 'string') e.name = a.error.name;
      if (a.error.code !== undefined) e.code = a.error.code;
      w.fail(e);
    } else w.ok({ columns: a.columns!, rows: a.rows!.map(asBuffers) });
  }

  private end(e: Error): void {
    this.gone ??= e;
    for (const w of this.waiting.values()) w.fail(new ThreadGone(e.message));
    this.waiting.clear();
  }
}

/** Bytes cross the thread as Uint8Array: a Buffer again, as the driver gives them. */
function asBuffers(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[i] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}
