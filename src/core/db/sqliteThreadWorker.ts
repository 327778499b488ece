/**
 * The thread behind SqliteThread (sqliteThread.ts): a connection of its own to the database file,
 * opened as knex opens it, running the SELECTs it is sent one at a time and answering with their
 * rows as arrays (better-sqlite3's raw mode, its default number and text values).
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

interface Ask {
  id: number;
  sql: string;
  values: unknown[];
}

const conn = new Database((workerData as { file: string }).file, { fileMustExist: true });
conn.pragma('busy_timeout = 5000');
const prepared = new Map<string, Database.Statement>();

parentPort!.on('message', ({ id, sql, values }: Ask) => {
  try {
    let st = prepared.get(sql);
    if (!st) {
      st = conn.prepare(sql);
      prepared.set(sql, st);
    }
    if (!st.reader) throw new Error('queryEach runs a SELECT only');
    const columns = st.columns().map((c) => c.name);
    parentPort!.postMessage({ id, columns, rows: st.raw(true).all(...values) });
  } catch (e) {
    const err = e as { message?: unknown; code?: unknown; name?: unknown };
    parentPort!.postMessage({
      id,
      error: { message: String(err?.message ?? e), code: err?.code, name: err?.name },
    });
  }
});
