/**
 * The thread of sqliteReadThread.ts: a connection of its own to one SQLite file, running the
 * SELECTs it is sent one after another and sending back each one's rows as arrays, or its error
 * (message and SQLite code, so that it is classified as the same error on the main thread would be).
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadAnswer, ThreadQuery } from './sqliteReadThread.js';

const port = parentPort!;
// As connect.ts opens it (knex's better-sqlite3 client: no options), waiting for locks as it does.
const db = new Database((workerData as { file: string }).file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');

port.on('message', (q: ThreadQuery) => {
  let a: ThreadAnswer;
  try {
    const st = db.prepare(q.sql);
    if (!st.reader) throw new Error('a reading thread runs a SELECT only');
    const columns = st.columns().map((c) => c.name);
    a = { id: q.id, columns, rows: st.raw(true).all(...q.values) as unknown[][] };
  } catch (e) {
    const err = e as { message?: unknown; code?: unknown; name?: unknown };
    a = {
      id: q.id,
      error: {
        message: String(err?.message ?? e),
        code: typeof err?.code === 'string' ? err.code : undefined,
        name: typeof err?.name === 'string' ? err.name : 'Error',
      },
    };
  }
  port.postMessage(a);
});
