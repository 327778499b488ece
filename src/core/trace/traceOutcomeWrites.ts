/**
 * The trace journal's outcome writes: what became of each record of a request (the center's
 * answer, or what became of the attempt). Records that share an outcome — a whole accepted batch,
 * the usual case — are updated by one statement over their keys; on SQLite it runs on the
 * connection itself, in the group commit (sqliteNative.ts), elsewhere through knex.
 */
import type { Knex, SqliteConn } from '../db/index.js';
import { TRACE_UPLOADS_TABLE } from './traceTables.js';
import { chunks, retryDeadlock, type Outcome } from './traceJournalWrites.js';

/** Outcomes to write: record key → its (last) outcome and when it came. */
export type Outcomes = ReadonlyMap<string, { o: Outcome; at: string }>;

interface Group {
  o: Outcome;
  at: string;
  keys: string[];
}

/** Records with the same outcome (state, reason, message, msgid — or none — and time), in the order they came. */
function outcomeGroups(last: Outcomes): Group[] {
  const groups = new Map<string, Group>();
  for (const [key, { o, at }] of last) {
    const k = JSON.stringify([
      o.status,
      o.reason ?? null,
      o.message ?? null,
      o.msgid === undefined,
      o.msgid ?? null,
      at,
    ]);
    const g = groups.get(k) ?? { o, at, keys: [] };
    g.keys.push(key);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** The largest IN list one native statement takes; smaller groups go in power-of-two pieces. */
const MOST = 64;

/**
 * Outcomes on SQLite's own connection. A group's keys go in pieces of 64, 32, 16 … 1 keys, so
 * that a handful of prepared statements (kept per connection) serve every group size; the rows
 * written are those of one update per record.
 */
export function writeOutcomesNative(conn: SqliteConn, code: string, last: Outcomes): void {
  const T = TRACE_UPLOADS_TABLE.name;
  const base = `UPDATE ${T} SET status = ?, reason = ?, message = ?, updated_at = ?, accepted_at = CASE WHEN ? THEN ? ELSE accepted_at END`;
  for (const { o, at, keys } of outcomeGroups(last)) {
    const head = [o.status, o.reason ?? null, o.message ?? null, at, o.status === 'accepted' ? 1 : 0, at];
    if (o.msgid !== undefined) head.push(o.msgid);
    const set = o.msgid !== undefined ? `${base}, msgid = ?` : base;
    for (let i = 0; i < keys.length; ) {
      let n = MOST;
      while (n > keys.length - i) n >>= 1;
      const where = n === 1 ? 'record_key = ?' : `record_key IN (${Array<string>(n).fill('?').join(', ')})`;
      conn.prepare(`${set} WHERE fixmedins_code = ? AND ${where}`).run(...head, code, ...keys.slice(i, i + n));
      i += n;
    }
  }
}

/** Outcomes through knex: records that share an outcome with one statement. */
export async function writeOutcomesKnex(knex: Knex, code: string, last: Outcomes): Promise<void> {
  const groups = outcomeGroups(last);
  await retryDeadlock(() =>
    knex.transaction(async (trx: Knex.Transaction) => {
      for (const { o, at, keys } of groups) {
        for (const part of chunks(keys)) {
          await trx(TRACE_UPLOADS_TABLE.name)
            .where({ fixmedins_code: code })
            .whereIn('record_key', part)
            .update({
              status: o.status,
              reason: o.reason ?? null,
              message: o.message ?? null,
              ...(o.msgid !== undefined ? { msgid: o.msgid } : {}),
              updated_at: at,
              ...(o.status === 'accepted' ? { accepted_at: at } : {}),
            });
        }
      }
    }),
  );
}
