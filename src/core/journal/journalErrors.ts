/**
 * The journal under concurrent processes. On SQLite, several hisops processes (a cron upload, a
 * status query, a reconciliation) share one file:
 *
 * - a writer waits up to `BUSY_TIMEOUT_MS` for another writer instead of failing at once;
 * - transactions begin IMMEDIATE: a deferred transaction that reads first and writes later cannot
 *   wait for the write lock (SQLite answers SQLITE_BUSY at once when another process wrote
 *   meanwhile, since waiting could deadlock), so a journal transaction takes the write lock up front;
 * - should a journal statement still find the file locked, the run ends with JOURNAL_BUSY (exit 5)
 *   naming the journal file — not an internal error quoting the SQL.
 */
import { EXIT, HisopsError } from '../errors.js';
import type { Db } from '../db/index.js';

export const BUSY_TIMEOUT_MS = 30_000;

/** Errors raised by a journal's statements, with the journal they came from and how long it waited. */
const fromJournal = new WeakMap<object, { name: string; waitedMs: number }>();
const busyTimeouts = new WeakMap<object, number>();

type Trx = { begin(conn: unknown): Promise<unknown>; query(conn: unknown, sql: string): Promise<unknown> };

export async function sqliteJournalSettings(db: Db, busyTimeoutMs = BUSY_TIMEOUT_MS): Promise<void> {
  await db.knex.raw(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  busyTimeouts.set(db.knex, busyTimeoutMs);
  const client = db.knex.client as unknown as { transaction: (...a: unknown[]) => Trx };
  const make = client.transaction.bind(client);
  // knex begins every SQLite transaction with a plain (deferred) BEGIN; the journal's need the
  // write lock from the start. `begin` is looked up when the connection is acquired, after this.
  client.transaction = (...a: unknown[]) => {
    const trx = make(...a);
    trx.begin = (conn: unknown) => trx.query(conn, 'BEGIN IMMEDIATE;');
    return trx;
  };
}

function journalName(db: Db): string {
  if (db.dialect === 'sqlite') {
    const c = (db.knex.client as unknown as { config?: { connection?: { filename?: string } } }).config?.connection;
    return c?.filename ?? db.target.display;
  }
  return db.target.display;
}

/** Remember which errors came from this journal's statements. */
export function tagJournalErrors(db: Db): void {
  const name = journalName(db);
  db.knex.on('query-error', (err: unknown) => {
    if (err && typeof err === 'object')
      fromJournal.set(err, { name, waitedMs: busyTimeouts.get(db.knex) ?? BUSY_TIMEOUT_MS });
  });
}

function isBusy(e: unknown): boolean {
  const o = e as { code?: unknown; message?: unknown };
  return /^SQLITE_BUSY/.test(String(o?.code ?? '')) || /SQLITE_BUSY|database is locked/i.test(String(o?.message ?? ''));
}

/** A journal failure as the error a person can act on, or undefined when `e` is something else. */
export function journalErrorOf(e: unknown): HisopsError | undefined {
  if (!e || typeof e !== 'object' || e instanceof HisopsError) return undefined;
  const from = fromJournal.get(e);
  if (from === undefined || !isBusy(e)) return undefined;
  const name = from.name;
  return new HisopsError({
    code: 'JOURNAL_BUSY',
    summary: `The journal ${name} stayed locked by another process`,
    why: `SQLite waited ${from.waitedMs / 1000} s for another process writing to the journal and gave up (SQLITE_BUSY: database is locked).`,
    fix: `Run again when the other run has ended (the journal's hisops_run_locks table names the runs holding a lock); check that no other program keeps ${name} open (fuser ${name}); a journal on a network file system cannot be locked reliably — keep it on a local disk, or move it to PostgreSQL/MySQL with journal.url.`,
    details: { journal: name },
    exit: EXIT.external,
    cause: e,
  }).zh(
    `日志库 ${name} 一直被另一个进程锁定`,
    `请在另一次运行结束后再运行（日志库的 hisops_run_locks 表列出持有锁的运行）；确认没有其他程序打开 ${name}（fuser ${name}）；网络文件系统上的日志库无法可靠加锁——请放在本地磁盘，或用 journal.url 迁到 PostgreSQL/MySQL。`,
    `SQLite 等待另一个写日志库的进程 ${from.waitedMs / 1000} 秒后放弃（SQLITE_BUSY：database is locked）。`,
  );
}
