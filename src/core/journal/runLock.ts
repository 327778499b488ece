/**
 * Run locks: one run at a time per job and institution for everything that writes or sends, so
 * that two overlapping cron runs never send the same request twice.
 *
 * - On SQLite (and on Oracle / SQL Server journals) the lock *is* the row in `hisops_run_locks`:
 *   taking it is an INSERT on the primary key, which only one process can win. The holder renews
 *   `heartbeat_at` while it runs. A holder is dead when it ran on this host and its pid is gone, or
 *   when it ran on another host and its lease was not renewed for `leaseMs`; its row is then
 *   deleted (only if it is still that holder's row) and the lock taken over, with a warning and a
 *   row in `hisops_run_lock_events`.
 * - On PostgreSQL and MySQL/MariaDB the server's advisory lock (pg_try_advisory_lock / GET_LOCK)
 *   decides, on a connection kept for the run: the server releases it when the holder's session
 *   ends, however the process died. The row still says who holds it.
 *
 * A second run either waits (`waitMs`) or fails with LOCK_HELD (exit 5) naming the holder.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import type { Dialect } from '../db/index.js';
import type { Journal } from './journal.js';
import { DEFAULT_LEASE_MS, deadHolderReason, type LockHolder, lockHeldError } from './lockHolder.js';
import { RUN_LOCK_EVENTS_TABLE, RUN_LOCKS_TABLE } from './runLockTables.js';

export interface RunLockOptions {
  /** What is locked: the job and the institution, e.g. `trace upload@H43010000001`. */
  key: string;
  runId: string;
  command: string;
  /** How long to wait for a running holder: undefined or 0 = not at all, Infinity = until it ends. */
  waitMs?: number;
  /** A holder on another host whose heartbeat is older than this is dead (default 120 s). */
  leaseMs?: number;
  /** How often the holder renews its lease (default a quarter of the lease). */
  heartbeatMs?: number;
  /** How often a waiting run looks again (default 500 ms). */
  pollMs?: number;
  /** A dead holder's lock was taken over. */
  onTakeover?: (previous: LockHolder, reason: string) => void;
  /** Called once when the run starts waiting. */
  onWait?: (holder: LockHolder | undefined) => void;
  /** The lock was taken from this run (its lease ran out while it was stalled). */
  onLost?: (by: LockHolder | undefined) => void;
  /** For tests: this process's pid and host, and the clock. */
  pid?: number;
  host?: string;
  clock?: () => Date;
}

export interface RunLock {
  readonly key: string;
  readonly holder: LockHolder;
  /** True once another run took the lock over (this run's lease had expired). */
  readonly lost: boolean;
  release(): Promise<void>;
}

/** How each dialect takes and releases a server-side advisory lock; null: the lock row decides. */
const ADVISORY: Record<Dialect, { take: string; release: string; name: (key: string) => string | bigint } | null> = {
  postgres: {
    take: 'SELECT pg_try_advisory_lock(CAST(? AS bigint)) AS got',
    release: 'SELECT pg_advisory_unlock(CAST(? AS bigint)) AS released',
    name: (key) => crypto.createHash('sha256').update(`hisops:${key}`).digest().readBigInt64BE(0),
  },
  mysql: {
    take: 'SELECT GET_LOCK(?, 0) AS got',
    release: 'SELECT RELEASE_LOCK(?) AS released',
    // GET_LOCK names are at most 64 characters.
    name: (key) => `hisops:${crypto.createHash('sha256').update(key).digest('hex').slice(0, 48)}`,
  },
  sqlite: null,
  oracle: null,
  mssql: null,
};

function firstRow(r: unknown): Record<string, unknown> | undefined {
  // pg answers { rows: [...] }, mysql2 [rows, fields].
  const rows = Array.isArray(r) ? (r[0] as unknown[]) : ((r as { rows?: unknown[] }).rows ?? []);
  return rows?.[0] as Record<string, unknown> | undefined;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function isUnique(e: unknown): boolean {
  const o = e as { code?: unknown; errno?: unknown; message?: unknown };
  return /SQLITE_CONSTRAINT|UNIQUE constraint|23505|ER_DUP_ENTRY|\b1062\b|ORA-00001|duplicate key|Violation of PRIMARY KEY/i.test(
    `${String(o?.code ?? '')} ${String(o?.errno ?? '')} ${String(o?.message ?? '')}`,
  );
}

function normalize(r: Record<string, unknown>): LockHolder {
  return { ...(r as unknown as LockHolder), pid: Number(r.pid), lease_ms: Number(r.lease_ms) };
}

type Advisory = NonNullable<(typeof ADVISORY)[Dialect]>;

/** One run's attempt at a lock: the steps below share its table, clock, holder row and patience. */
interface Attempt {
  knex: Journal['knex'];
  o: RunLockOptions;
  clock: () => Date;
  me: { pid: number; host: string };
  leaseMs: number;
  /** This run's row, with a fresh heartbeat. */
  row(): LockHolder;
  holderNow(): Promise<LockHolder | undefined>;
  takeover(prev: LockHolder, reason: string): Promise<void>;
  /** Sleep a poll while the wait lasts, else throw LOCK_HELD. */
  waitOrFail(holder: LockHolder | undefined, why?: string): Promise<void>;
}

function attemptOf(journal: Journal, o: RunLockOptions): Attempt {
  const knex = journal.knex;
  const clock = o.clock ?? (() => new Date());
  const me = { pid: o.pid ?? process.pid, host: o.host ?? os.hostname() };
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const waitMs = o.waitMs ?? 0;
  const pollMs = o.pollMs ?? 500;
  const started = clock();
  const startedMs = Date.now();
  let waited = false;
  return {
    knex,
    o,
    clock,
    me,
    leaseMs,
    row: () => {
      const at = clock().toISOString();
      return {
        lock_key: o.key,
        run_id: o.runId,
        command: o.command.slice(0, 200),
        pid: me.pid,
        host: me.host.slice(0, 255),
        started_at: started.toISOString(),
        heartbeat_at: at,
        lease_ms: leaseMs,
      };
    },
    holderNow: async () => {
      const r = (await knex(RUN_LOCKS_TABLE.name).where({ lock_key: o.key }).first()) as
        | Record<string, unknown>
        | undefined;
      return r ? normalize(r) : undefined;
    },
    takeover: async (prev, reason) => {
      await knex(RUN_LOCK_EVENTS_TABLE.name).insert({
        lock_key: o.key,
        event: 'takeover',
        run_id: o.runId,
        at: clock().toISOString(),
        prev_run_id: prev.run_id,
        prev_command: prev.command,
        prev_pid: prev.pid,
        prev_host: prev.host,
        prev_started_at: prev.started_at,
        prev_heartbeat_at: prev.heartbeat_at,
        reason,
      });
      o.onTakeover?.(prev, reason);
    },
    waitOrFail: async (holder, why) => {
      const elapsed = Date.now() - startedMs;
      if (elapsed >= waitMs) throw lockHeldError(o.key, holder, waited ? elapsed : 0, why);
      if (!waited) {
        waited = true;
        o.onWait?.(holder);
      }
      await sleep(Math.min(pollMs, Math.max(1, waitMs - elapsed)));
    },
  };
}

/** Take the lock (waiting as told), or throw LOCK_HELD. The caller releases it. */
export async function acquireRunLock(journal: Journal, o: RunLockOptions): Promise<RunLock> {
  await journal.ensure(RUN_LOCKS_TABLE);
  await journal.ensure(RUN_LOCK_EVENTS_TABLE);
  const a = attemptOf(journal, o);
  const advisory = ADVISORY[journal.db.dialect];
  if (!advisory) return holdLock(a, await takeRow(a));
  const lockName = advisory.name(o.key);
  const { conn, mine } = await takeAdvisory(a, advisory, lockName);
  return holdLock(a, mine, { advisory, conn, lockName });
}

/** PostgreSQL, MySQL: the server's advisory lock on a connection of the run's own, then the row. */
async function takeAdvisory(
  a: Attempt,
  advisory: Advisory,
  lockName: string | bigint,
): Promise<{ conn: unknown; mine: LockHolder }> {
  const { knex, o, clock, me } = a;
  const bound = typeof lockName === 'bigint' ? lockName.toString() : lockName;
  // A connection of its own for the whole run: the server ties the lock to this session.
  const conn = await (knex.client as { acquireConnection(): Promise<unknown> }).acquireConnection();
  try {
    for (;;) {
      const got = Number(firstRow(await knex.raw(advisory.take, [bound]).connection(conn as never))?.got ?? 0);
      if (got === 1) break;
      const holder = await a.holderNow();
      const dead = holder ? deadHolderReason(holder, clock(), me) : undefined;
      await a.waitOrFail(
        holder,
        dead
          ? `Its holder looks dead (${dead}), but the database server still holds its session; the lock is released when the server drops that connection.`
          : undefined,
      );
    }
    // Holding the server's lock, any row left here is from a run whose session ended.
    const prev = await a.holderNow();
    if (prev) {
      await knex(RUN_LOCKS_TABLE.name).where({ lock_key: o.key }).delete();
      if (prev.run_id !== o.runId)
        await a.takeover(
          prev,
          deadHolderReason(prev, clock(), me) ?? `its database session ended (run ${prev.run_id})`,
        );
    }
    // The row is written when the lock is won, with a fresh heartbeat however long this run waited.
    const mine = a.row();
    await knex(RUN_LOCKS_TABLE.name).insert(mine);
    return { conn, mine };
  } catch (e) {
    await knex
      .raw(advisory.release, [bound])
      .connection(conn as never)
      .catch(() => undefined);
    (knex.client as { releaseConnection(c: unknown): Promise<void> }).releaseConnection(conn);
    throw e;
  }
}

/** SQLite, Oracle, SQL Server: the lock is the row; a dead holder's row is taken over. */
async function takeRow(a: Attempt): Promise<LockHolder> {
  const { knex, o, clock, me } = a;
  for (;;) {
    try {
      const mine = a.row();
      await knex(RUN_LOCKS_TABLE.name).insert(mine);
      return mine;
    } catch (e) {
      if (!isUnique(e)) throw e;
    }
    const holder = await a.holderNow();
    if (!holder) continue; // released in between
    const dead = deadHolderReason(holder, clock(), me);
    if (dead) {
      // Delete only that holder's row: of two runs taking over at once, one deletes, both insert, one wins.
      const n = await knex(RUN_LOCKS_TABLE.name)
        .where({ lock_key: o.key, run_id: holder.run_id, heartbeat_at: holder.heartbeat_at })
        .delete();
      if (n > 0) await a.takeover(holder, dead);
      continue;
    }
    await a.waitOrFail(holder);
  }
}

/** A lock won: renew its heartbeat while the run lasts, notice when it is lost, release it once. */
function holdLock(
  a: Attempt,
  mine: LockHolder,
  server?: { advisory: Advisory; conn: unknown; lockName: string | bigint },
): RunLock {
  const { knex, o, clock, leaseMs } = a;
  let lost = false;
  let released = false;
  const beat = setInterval(
    () => {
      void (async () => {
        // With an advisory lock, the session that holds it must still be there (a server restart ends it).
        const sessionGone = server
          ? await knex
              .raw('SELECT 1 AS one')
              .connection(server.conn as never)
              .then(
                () => false,
                () => true,
              )
          : false;
        const n = await knex(RUN_LOCKS_TABLE.name)
          .where({ lock_key: o.key, run_id: o.runId })
          .update({ heartbeat_at: clock().toISOString() });
        if ((n === 0 || sessionGone) && !released && !lost) {
          lost = true;
          o.onLost?.(await a.holderNow());
        }
      })().catch(() => undefined);
    },
    o.heartbeatMs ?? Math.max(1000, Math.floor(leaseMs / 4)),
  );
  beat.unref();

  return {
    key: o.key,
    holder: mine,
    get lost() {
      return lost;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      await knex(RUN_LOCKS_TABLE.name)
        .where({ lock_key: o.key, run_id: o.runId })
        .delete()
        .catch(() => undefined);
      if (server) {
        const { advisory, conn, lockName } = server;
        await knex
          .raw(advisory.release, [typeof lockName === 'bigint' ? lockName.toString() : lockName])
          .connection(conn as never)
          .catch(() => undefined);
        await (knex.client as { releaseConnection(c: unknown): Promise<void> }).releaseConnection(conn);
      }
    },
  };
}

/** The lock key of a job for an institution. */
export function runLockKey(job: string, institution: string | undefined): string {
  return institution ? `${job}@${institution}` : job;
}
