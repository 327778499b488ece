/**
 * SELECTs on a SQLite file run on a thread of their own (sqliteReadWorker.ts, its own connection
 * to the file), so that a query of a second or more — a day of a large hospital summed by the
 * database — does not stop this thread, which meanwhile talks to the center and writes its files:
 * the two share the machine's cores instead of taking turns. For queries whose answer is small
 * (the rows come back at once, copied between threads).
 *
 * A database's thread starts at its first query and stops when it has been idle a moment; it never
 * keeps the process alive. Each query is its own read, as on the main connection (which holds no
 * transaction across them either). Not available for an in-memory database (nothing to open
 * again) or when the build is not there (tests run the sources): the caller reads here then.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Db } from './connect.js';
import type { ArrayRows } from './queryArrays.js';

const WORKER_FILE = fileURLToPath(new URL('./sqliteReadWorker.js', import.meta.url));
/** A thread idle this long stops (a run asks again within seconds, even on a busy machine). */
const IDLE_MS = 10_000;

export interface ThreadQuery {
  id: number;
  sql: string;
  values: unknown[];
}

export type ThreadAnswer =
  | { id: number; columns: string[]; rows: unknown[][] }
  | { id: number; error: { message: string; code: string | undefined; name: string } };

interface Pending {
  ok: (r: ArrayRows) => void;
  fail: (e: Error) => void;
}

class ReadThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private idle: NodeJS.Timeout | undefined;
  stopped = false;

  constructor(
    file: string,
    private readonly onStop: () => void,
  ) {
    this.worker = new Worker(WORKER_FILE, { workerData: { file } });
    this.worker.unref();
    this.worker.on('message', (a: ThreadAnswer) => this.answer(a));
    const fail = (e: Error) => {
      this.stop();
      for (const p of this.pending.values()) p.fail(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('the SQLite reading thread stopped')));
  }

  query(sql: string, values: unknown[]): Promise<ArrayRows> {
    clearTimeout(this.idle);
    const id = this.next++;
    // Held while a query is out, so the process waits for its answer.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<ArrayRows>((ok, fail) => {
      this.pending.set(id, { ok, fail });
      this.worker.postMessage({ id, sql, values } satisfies ThreadQuery);
    });
  }

  /** No query is sent here from now on (a later one starts another thread). */
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop();
    void this.worker.terminate();
  }

  private answer(a: ThreadAnswer): void {
    const p = this.pending.get(a.id);
    if (!p) return;
    this.pending.delete(a.id);
    if (this.pending.size === 0) {
      this.worker.unref();
      this.idle = setTimeout(() => this.stop(), IDLE_MS).unref();
    }
    if ('error' in a) p.fail(Object.assign(new Error(a.error.message), { code: a.error.code, name: a.error.name }));
    else p.ok({ columns: a.columns, rows: a.rows.map(asDriverRow) });
  }
}

/** Bytes come across as a Uint8Array: made a Buffer again, as the driver gives them here. */
function asDriverRow(row: unknown[]): unknown[] {
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[i] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}

const threads = new WeakMap<Db, ReadThread>();

/**
 * The rows of a SELECT (native SQL and bindings) run on the database's reading thread, or
 * undefined when it cannot be (not a SQLite file, no build): then the caller reads here.
 */
export function sqliteRowsOnThread(db: Db, sql: string, values: unknown[]): Promise<ArrayRows> | undefined {
  const file = db.dialect === 'sqlite' ? db.target.file : undefined;
  if (!file || file === ':memory:' || !fs.existsSync(WORKER_FILE)) return undefined;
  let t = threads.get(db);
  if (!t || t.stopped) {
    const made = new ReadThread(resolvedFile(db), () => {
      if (threads.get(db) === made) threads.delete(db);
    });
    threads.set(db, made);
    t = made;
  }
  return t.query(sql, values);
}

/** The file the main connection opened (connect.ts resolved a relative path then). */
function resolvedFile(db: Db): string {
  const conn = (db.knex.client as { config?: { connection?: { filename?: string } } }).config?.connection;
  return conn?.filename ?? db.target.file!;
}
