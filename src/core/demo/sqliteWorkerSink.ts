/**
 * The SQLite bulk path on two threads: the generator fills parameter batches on the main thread
 * and a worker thread, with its own better-sqlite3 connection to the same file, binds and inserts
 * them. Binding each value costs about as much as generating it, so overlapping the two nearly
 * halves a large seed. Batches travel as plain arrays (structured clone) of at most BATCH_VALUES
 * values; at most MAX_IN_FLIGHT batches wait, so memory stays flat.
 *
 * The worker's code is plain JavaScript kept in this file, so it runs the same from the sources
 * (tests) and from the build. It loads the driver from the path resolved here.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RefTable } from '../his/index.js';
import type { Row } from './rowSink.js';
import { compilePush, SECONDARY_INDEXES, SEEDED_TABLES, type CountingSink } from './sinks.js';

const MAX_IN_FLIGHT = 12;
/**
 * Values per batch. A batch's rows stay alive on the generator's thread until it is sent; with
 * 30,000 values a batch (400 rows) more of the rows outlived the young generation and were copied
 * by its collections, then promoted (a medium seed: 134 MB survived on the generator's thread,
 * 101 MB with 4,000 values; the writer's collection pauses a quarter of what they were).
 */
const BATCH_VALUES = 4000;
const RESUME_AT = 4;

const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = OFF');
// Rows are appended with the secondary indexes dropped: the pages in use are the tables' last ones,
// and a 16 MB cache is as fast as a larger one (a large seed's memory is what it costs).
db.pragma('cache_size = -16384');
for (const name of workerData.dropIndexes) db.exec('DROP INDEX IF EXISTS ' + name);
const stmts = {};
for (const t of workerData.tables) {
  const one = '(' + t.columns.map(() => '?').join(',') + ')';
  const head = 'INSERT INTO ' + t.name + ' (' + t.columns.join(',') + ') VALUES ';
  stmts[t.name] = { many: db.prepare(head + new Array(t.batch).fill(one).join(',')), one: db.prepare(head + one), width: t.columns.length, batch: t.batch };
}
db.exec('BEGIN');
parentPort.on('message', (m) => {
  try {
    if (m.type === 'rows') {
      const s = stmts[m.table];
      const values = m.values;
      if (m.rows === s.batch) s.many.run(values);
      else for (let r = 0; r < m.rows; r++) s.one.run(values.slice(r * s.width, (r + 1) * s.width));
    } else if (m.type === 'commit') {
      db.exec('COMMIT');
      db.exec('BEGIN');
    } else if (m.type === 'finish') {
      db.exec('COMMIT');
      // One sorter thread and an 8 MB cache: each sorter thread keeps a cache-sized list, and with
      // the center's index build beside this one (a large seed's memory peak) two cores are busy anyway.
      db.pragma('cache_size = -8192');
      db.pragma('threads = 1');
      for (const q of m.indexSql) db.exec(q);
      db.pragma('synchronous = NORMAL');
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      parentPort.postMessage({ type: 'ack', id: m.id });
      parentPort.close();
      return;
    }
    parentPort.postMessage({ type: 'ack', id: m.id });
  } catch (e) {
    try { if (db.inTransaction) db.exec('ROLLBACK'); } catch {}
    parentPort.postMessage({ type: 'error', id: m.id, message: String((e && e.message) || e) });
  }
});
`;

interface TableBuf {
  def: RefTable;
  push: (row: Row, buf: unknown[]) => void;
  batch: number;
  buf: unknown[];
  rows: number;
}

export class SqliteWorkerSink implements CountingSink {
  readonly counts: Record<string, number> = {};
  private tables = new Map<string, TableBuf>();
  private worker: Worker;
  private nextId = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private waiters: Array<() => void> = [];
  private finished: Promise<void> | undefined;
  private exited: Promise<number>;

  constructor(file: string) {
    const require = createRequire(import.meta.url);
    const tables = SEEDED_TABLES.map((def) => {
      const batch = Math.max(1, Math.min(400, Math.floor(BATCH_VALUES / def.columns.length)));
      this.tables.set(def.name, { def, push: compilePush(def), batch, buf: [], rows: 0 });
      this.counts[def.name] = 0;
      return { name: def.name, columns: def.columns.map((c) => c.name), batch };
    });
    // The thread holds one batch at a time; a small heap makes it collect the batches it is done
    // with instead of growing (V8 otherwise lets a busy thread's heap grow by hundreds of MB).
    const resourceLimits = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 };
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      resourceLimits,
      workerData: { file, driver: require.resolve('better-sqlite3'), tables, dropIndexes: SECONDARY_INDEXES },
    });
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'error') this.fail(new Error(m.message));
      this.inFlight--;
      this.wake();
    });
    this.worker.on('error', (e) => this.fail(e));
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', (code) => {
        if (code !== 0 || !this.finished) this.fail(new Error(`the SQLite writer thread stopped (exit ${code})`));
        resolve(code);
      }),
    );
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.wake(true);
  }

  private wake(all = false): void {
    if (all || this.inFlight <= RESUME_AT) {
      const w = this.waiters;
      this.waiters = [];
      for (const f of w) f();
    }
  }

  private post(msg: Record<string, unknown>): void {
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.worker.postMessage({ id: ++this.nextId, ...msg });
  }

  add(table: string, row: Row): void {
    const t = this.tables.get(table)!;
    t.push(row, t.buf);
    this.counts[table]!++;
    if (++t.rows === t.batch) this.send(t);
  }

  private send(t: TableBuf): void {
    this.post({ type: 'rows', table: t.def.name, rows: t.rows, values: t.buf });
    t.buf = [];
    t.rows = 0;
  }

  /** Wait while too many batches are in flight (call between chunks of generation). */
  async drain(limit: number = MAX_IN_FLIGHT): Promise<void> {
    while (this.inFlight > limit && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
    if (this.failure) throw this.failure;
  }

  /** End a transaction (the worker keeps one open between commits). */
  async flush(): Promise<void> {
    this.post({ type: 'commit' });
    await this.drain();
  }

  /** Send what is left, build the indexes, checkpoint and close; resolves when the file is complete. */
  async finish(indexSql: string[]): Promise<void> {
    if (!this.finished) {
      this.finished = (async () => {
        for (const t of this.tables.values()) if (t.rows > 0) this.send(t);
        this.post({ type: 'finish', indexSql });
        await this.drain(0);
        await this.exited;
        if (this.failure) throw this.failure;
      })();
    }
    return this.finished;
  }

  /** Stop the worker without finishing (after a failure elsewhere). */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
