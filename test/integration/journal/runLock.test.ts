/**
 * The run lock in one process, on SQLite journals (the lock row, its lease and heartbeat), plus
 * the journal's own error when its file stays locked.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import {
  acquireRunLock,
  journalErrorOf,
  openJournal,
  parseWait,
  RUN_LOCK_EVENTS_TABLE,
  RUN_LOCKS_TABLE,
  type Journal,
  type LockHolder,
} from '../../../src/core/journal/index.js';
import { tmpDir } from '../trace/helpers.js';
import { createTempDatabase, describeWithPg } from '../../helpers/servers.js';

let dir: string;
let journals: Journal[] = [];
const open = async (o: { busyTimeoutMs?: number } = {}) => {
  const j = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`, o);
  journals.push(j);
  return j;
};

beforeEach(() => {
  dir = tmpDir('runlock');
});
afterEach(async () => {
  for (const j of journals) await j.close().catch(() => undefined);
  journals = [];
  fs.rmSync(dir, { recursive: true, force: true });
});

const KEY = 'trace upload@H43010000001';

describe('run lock', () => {
  it('a second holder gets LOCK_HELD (exit 5) naming the first; after release it gets the lock', async () => {
    const [a, b] = [await open(), await open()];
    const la = await acquireRunLock(a, { key: KEY, runId: 'run-a', command: 'hisops trace upload' });
    const err = await acquireRunLock(b, { key: KEY, runId: 'run-b', command: 'hisops trace upload' }).catch(
      (e: unknown) => e,
    );
    expect(isHisopsError(err) && err.code).toBe('LOCK_HELD');
    if (!isHisopsError(err)) throw err;
    expect(err.exit).toBe(5);
    expect((err.details.holder as LockHolder).run_id).toBe('run-a');
    expect(err.summary).toContain(`pid ${process.pid}`);
    await la.release();
    const lb = await acquireRunLock(b, { key: KEY, runId: 'run-b', command: 'hisops trace upload' });
    expect(lb.holder.run_id).toBe('run-b');
    await lb.release();
    // Other jobs and institutions have locks of their own.
    const other = await acquireRunLock(a, { key: 'trace upload@H43010000002', runId: 'run-c', command: 'x' });
    const same = await acquireRunLock(b, { key: 'settle reverse@H43010000001', runId: 'run-d', command: 'y' });
    await other.release();
    await same.release();
  });

  it('waits for the holder (--wait) and takes the lock when it ends; gives up after the wait', async () => {
    const [a, b, c] = [await open(), await open(), await open()];
    const la = await acquireRunLock(a, { key: KEY, runId: 'run-a', command: 'a' });
    const short = await acquireRunLock(c, { key: KEY, runId: 'run-c', command: 'c', waitMs: 200, pollMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(isHisopsError(short) && short.code).toBe('LOCK_HELD');
    expect(isHisopsError(short) && (short.details.waited_ms as number)).toBeGreaterThanOrEqual(200);
    let waited = 0;
    const pending = acquireRunLock(b, {
      key: KEY,
      runId: 'run-b',
      command: 'b',
      waitMs: Infinity,
      pollMs: 50,
      onWait: () => waited++,
    });
    await new Promise((r) => setTimeout(r, 300));
    await la.release();
    const lb = await pending;
    expect(lb.holder.run_id).toBe('run-b');
    expect(waited).toBe(1);
    await lb.release();
  });

  it('takes over a lock whose holder on another host stopped renewing its lease, and only then', async () => {
    const j = await open();
    await j.ensure(RUN_LOCKS_TABLE);
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await j.knex(RUN_LOCKS_TABLE.name).insert({
      lock_key: KEY,
      run_id: 'far-run',
      command: 'hisops trace upload',
      pid: 1,
      host: 'other-host',
      started_at: old,
      heartbeat_at: new Date().toISOString(),
      lease_ms: 60_000,
    });
    // Renewed just now: alive, whatever its pid means here.
    const held = await acquireRunLock(j, { key: KEY, runId: 'run-a', command: 'a' }).catch((e: unknown) => e);
    expect(isHisopsError(held) && held.code).toBe('LOCK_HELD');
    await j.knex(RUN_LOCKS_TABLE.name).where({ lock_key: KEY }).update({ heartbeat_at: old });
    const seen: string[] = [];
    const l = await acquireRunLock(j, {
      key: KEY,
      runId: 'run-a',
      command: 'a',
      onTakeover: (p, why) => seen.push(`${p.run_id}: ${why}`),
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^far-run: its lease was last renewed at .* on other-host, 6\d\d s ago \(lease 60 s\)$/);
    const events = (await j.knex(RUN_LOCK_EVENTS_TABLE.name).select('*')) as Array<Record<string, unknown>>;
    expect(events.map((e) => [e.event, e.run_id, e.prev_run_id, e.prev_host])).toEqual([
      ['takeover', 'run-a', 'far-run', 'other-host'],
    ]);
    await l.release();
  });

  it('takes over a lock whose pid on this host now belongs to another program', async () => {
    const j = await open();
    await j.ensure(RUN_LOCKS_TABLE);
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      await new Promise((r) => other.once('spawn', r));
      const at = new Date().toISOString();
      await j.knex(RUN_LOCKS_TABLE.name).insert({
        lock_key: KEY,
        run_id: 'reused-pid',
        command: 'hisops trace upload',
        pid: other.pid,
        host: os.hostname(),
        started_at: at,
        heartbeat_at: at,
        lease_ms: 120_000,
      });
      const seen: string[] = [];
      const l = await acquireRunLock(j, {
        key: KEY,
        runId: 'run-a',
        command: 'a',
        onTakeover: (_p, why) => seen.push(why),
      });
      expect(seen).toEqual([
        `process ${other.pid} on ${os.hostname()} is no longer hisops (the pid now belongs to another program)`,
      ]);
      await l.release();
    } finally {
      other.kill();
    }
  });

  it('renews its lease while it runs and notices when it was taken from it', async () => {
    const j = await open();
    let lostTo: string | undefined = 'none';
    const l = await acquireRunLock(j, {
      key: KEY,
      runId: 'run-a',
      command: 'a',
      heartbeatMs: 30,
      onLost: (h) => (lostTo = h?.run_id),
    });
    const first = l.holder.heartbeat_at;
    // (Waited for rather than slept on: a loaded machine runs the 30 ms heartbeats late.)
    await vi.waitFor(
      async () => {
        const row = (await j.knex(RUN_LOCKS_TABLE.name).where({ lock_key: KEY }).first()) as LockHolder;
        expect(row.heartbeat_at > first).toBe(true);
      },
      { timeout: 10_000, interval: 30 },
    );
    await j.knex(RUN_LOCKS_TABLE.name).where({ lock_key: KEY }).update({ run_id: 'thief' });
    await vi.waitFor(() => expect(l.lost).toBe(true), { timeout: 10_000, interval: 30 });
    expect(lostTo).toBe('thief');
    await l.release();
    // Releasing does not remove the lock of the run that took it over.
    expect(
      ((await j.knex(RUN_LOCKS_TABLE.name).select('run_id')) as Array<{ run_id: string }>).map((r) => r.run_id),
    ).toEqual(['thief']);
  });

  it('reads --wait durations', () => {
    expect(parseWait(undefined)).toBe(0);
    expect(parseWait(true)).toBe(Infinity);
    expect(parseWait('90')).toBe(90_000);
    expect(parseWait('90s')).toBe(90_000);
    expect(parseWait('10m')).toBe(600_000);
    expect(parseWait('1h')).toBe(3_600_000);
    expect(() => parseWait('soon')).toThrow(/--wait "soon" is not a duration/);
  });
});

describe('a locked SQLite journal', () => {
  it('ends with JOURNAL_BUSY (exit 5) naming the journal file, not an SQL error', async () => {
    const file = path.join(dir, 'journal.db');
    const j = await open({ busyTimeoutMs: 150 });
    await j.startRun({ runId: 'r1', command: 'trace upload', args: [], now: new Date() });
    const other = await connect(`sqlite:${file}`);
    try {
      await other.knex.raw('BEGIN EXCLUSIVE');
      const e = await j
        .startRun({ runId: 'r2', command: 'trace upload', args: [], now: new Date() })
        .catch((x: unknown) => x);
      const err = journalErrorOf(e);
      expect(err?.code).toBe('JOURNAL_BUSY');
      expect(err?.exit).toBe(5);
      expect(err?.summary).toBe(`The journal ${file} stayed locked by another process`);
      expect(err?.why).toContain('0.15 s');
      expect(JSON.stringify(err?.toJSON())).not.toMatch(/insert into/i);
      // An error of another database is not the journal's.
      expect(
        journalErrorOf(Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' })),
      ).toBeUndefined();
      await other.knex.raw('COMMIT');
    } finally {
      await other.close();
    }
  });
});

describeWithPg('run lock on a PostgreSQL journal', (base) => {
  it('holds pg_try_advisory_lock on a session of its own, and notices when that session ends', async () => {
    const t = await createTempDatabase('postgres', base, 'hisops_rl');
    const [a, b] = [await openJournal(t.url), await openJournal(t.url)];
    let l: Awaited<ReturnType<typeof acquireRunLock>> | undefined;
    try {
      let lostTo: string | undefined = 'none';
      l = await acquireRunLock(a, {
        key: KEY,
        runId: 'run-a',
        command: 'a',
        heartbeatMs: 50,
        onLost: (h) => (lostTo = h?.run_id),
      });
      const held = await acquireRunLock(b, { key: KEY, runId: 'run-b', command: 'b' }).catch((e: unknown) => e);
      expect(isHisopsError(held) && held.code).toBe('LOCK_HELD');
      // This database's advisory locks only: other suites hold theirs on the same server meanwhile.
      const sessions = (
        await b.knex.raw(
          "SELECT l.pid FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()",
        )
      ).rows as Array<{ pid: number }>;
      expect(sessions).toHaveLength(1);
      // The server ends the holder's session (a restart, a killed backend): the lock is gone with it.
      await b.knex.raw('SELECT pg_terminate_backend(?)', [sessions[0]!.pid]);
      // The next heartbeats notice (every 50 ms; a loaded machine may take longer to run them).
      await vi.waitFor(() => expect(l!.lost).toBe(true), { timeout: 10_000, interval: 50 });
      expect(lostTo).toBe('run-a');
      const lb = await acquireRunLock(b, { key: KEY, runId: 'run-b', command: 'b' });
      await lb.release();
    } finally {
      // Released whatever happened above: a journal closed while its lock's connection is out waits for it.
      await l?.release();
      await a.close();
      await b.close();
      await t.drop();
    }
  });
});
