/**
 * Two `hisops trace upload --apply` at once (real processes of bin/hisops.js, the sandbox center in
 * this process): no request reaches the center twice. The second run either exits 5 with
 * LOCK_HELD naming the first, or waits (--wait) and then finds nothing left to send. A lock left
 * by a dead process is taken over with a warning and a journal row. The same on a PostgreSQL
 * journal and a MariaDB one, where the server's advisory lock decides. Needs the build (dist/).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { connect } from '../../src/core/db/index.js';
import type { SeedManifest } from '../../src/core/demo/manifest.js';
import { CODE, seededHisFile, tmpDir } from '../integration/trace/helpers.js';
import { createTempDatabase, describeWithMysql, describeWithPg } from '../helpers/servers.js';
import { memoryIo } from '../../src/cli/io.js';
import { main } from '../../src/main.js';

const repo = path.resolve(__dirname, '../..');
const bin = path.join(repo, 'bin', 'hisops.js');

let seedDir: string;
let seed: { file: string; manifest: SeedManifest };

beforeAll(async () => {
  seedDir = tmpDir('lock-seed');
  seed = await seededHisFile(seedDir, { days: 2 });
});

afterAll(() => {
  fs.rmSync(seedDir, { recursive: true, force: true });
});

interface Run {
  pid: number;
  done: Promise<{ code: number; out: string; err: string }>;
}

function hisops(dir: string, args: string[]): Run {
  const p = spawn(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', HISOPS_LANG: 'en' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  p.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  p.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  return {
    pid: p.pid!,
    done: new Promise((resolve) => p.on('close', (code) => resolve({ code: code ?? -1, out, err }))),
  };
}

interface Place {
  dir: string;
  sb: Sandbox;
  /** 35xx requests the sandbox received. */
  traceRequests: () => number;
  close(): Promise<void>;
}

/**
 * A fresh folder with a copy of the seeded HIS, its own sandbox (slowed down so runs overlap: by
 * `latencyMs` per 35xx request) and hisops.yaml.
 */
async function place(journalUrl = 'sqlite:journal.db', latencyMs = 40): Promise<Place> {
  const dir = tmpDir('lock');
  fs.copyFileSync(seed.file, path.join(dir, 'his.db'));
  let n = 0;
  const sb = await startSandbox({
    lenientVisits: true,
    dataFile: ':memory:',
    faults: `35*:latency=${latencyMs}ms`,
    onEvent: (e) => void (e.infno?.startsWith('35') && n++),
  });
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: ${journalUrl}
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
    center:
      url: ${sb.url}
      timeoutMs: 5000
trace:
  concurrency: 2
  rate: 0
  backoffMs: 20
  batchSize: 10
`,
  );
  return {
    dir,
    sb,
    traceRequests: () => n,
    async close() {
      await sb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Request contents (infno + input digest) the sandbox recorded more than once. */
function sentTwice(sb: Sandbox): Array<{ digest: string; n: number }> {
  return sb.ledger.db
    .prepare("SELECT digest, count(*) AS n FROM messages WHERE infno LIKE '35%' GROUP BY digest HAVING count(*) > 1")
    .all() as Array<{ digest: string; n: number }>;
}

function tracedMessages(sb: Sandbox): number {
  return (sb.ledger.db.prepare("SELECT count(*) AS n FROM messages WHERE infno LIKE '35%'").get() as { n: number }).n;
}

const window = () => ['--from', seed.manifest.startDate, '--to', seed.manifest.endDate];
const upload = (...extra: string[]) => ['trace', 'upload', ...window(), '--apply', '--json', ...extra];

async function until(cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A pid no process has: one that just ended. */
async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => p.on('close', r));
  return p.pid!;
}

function lockSuite(journalUrl: () => Promise<{ url: string; drop(): Promise<void> }>, label: string): void {
  it(`${label}: a second run exits 5 with LOCK_HELD naming the first, and nothing is sent twice`, async () => {
    const j = await journalUrl();
    // The second process must start while the first still sends: on a loaded machine starting node
    // takes seconds, so each request is slow enough for the first run to last well beyond that.
    const w = await place(j.url, 250);
    try {
      const first = hisops(w.dir, upload());
      await until(() => w.traceRequests() > 0);
      const second = await hisops(w.dir, upload()).done;
      expect(second.code, second.out + second.err).toBe(5);
      const doc = JSON.parse(second.out) as {
        ok: boolean;
        error: {
          code: string;
          summary: string;
          details: { holder: { pid: number; host: string; command: string; run_id: string } };
        };
      };
      expect(doc.ok).toBe(false);
      expect(doc.error.code).toBe('LOCK_HELD');
      expect(doc.error.details.holder.pid).toBe(first.pid);
      expect(doc.error.details.holder.host).toBe(os.hostname());
      expect(doc.error.details.holder.command).toBe('hisops trace upload');
      expect(doc.error.summary).toContain(`pid ${first.pid}`);
      const r1 = await first.done;
      expect([0, 3], r1.err).toContain(r1.code);
      const sent = (JSON.parse(r1.out) as { data: { requests: { sent: number } } }).data.requests.sent;
      expect(sent).toBeGreaterThan(5);
      expect(tracedMessages(w.sb)).toBe(sent);
      expect(sentTwice(w.sb)).toEqual([]);
    } finally {
      await w.close();
      await j.drop();
    }
  }, 120_000);

  it(`${label}: two runs started together with --wait: one sends, the other waits and finds nothing left`, async () => {
    const j = await journalUrl();
    const w = await place(j.url);
    try {
      const a = hisops(w.dir, upload('--wait', '2m'));
      const b = hisops(w.dir, upload('--wait', '2m'));
      const [ra, rb] = await Promise.all([a.done, b.done]);
      expect([0, 3], ra.err).toContain(ra.code);
      expect([0, 3], rb.err).toContain(rb.code);
      const sent = [ra, rb]
        .map((r) => (JSON.parse(r.out) as { data: { requests: { sent: number } } }).data.requests.sent)
        .sort((x, y) => x - y);
      expect(sent[0]).toBe(0);
      expect(sent[1]).toBeGreaterThan(5);
      expect(tracedMessages(w.sb)).toBe(sent[1]);
      expect(sentTwice(w.sb)).toEqual([]);
    } finally {
      await w.close();
      await j.drop();
    }
  }, 120_000);

  it(`${label}: a lock left by a dead process is taken over with a warning and a journal row`, async () => {
    const j = await journalUrl();
    const w = await place(j.url);
    try {
      // The lock table as hisops makes it, holding a row of a process that is gone.
      const db = await connect(j.url.startsWith('sqlite:') ? `sqlite:${path.join(w.dir, 'journal.db')}` : j.url, {
        create: true,
      });
      const pid = await deadPid();
      try {
        await db.knex.schema.createTable('hisops_run_locks', (t) => {
          t.string('lock_key', 200).primary();
          t.string('run_id', 40).notNullable();
          t.string('command', 200).notNullable();
          t.integer('pid').notNullable();
          t.string('host', 255).notNullable();
          t.string('started_at', 30).notNullable();
          t.string('heartbeat_at', 30).notNullable();
          t.integer('lease_ms').notNullable();
        });
        const at = new Date().toISOString();
        await db.knex('hisops_run_locks').insert({
          lock_key: `trace upload@${CODE}`,
          run_id: 'dead-run',
          command: 'hisops trace upload',
          pid,
          host: os.hostname(),
          started_at: at,
          heartbeat_at: at,
          lease_ms: 120_000,
        });
      } finally {
        await db.close();
      }
      const r = await hisops(w.dir, ['trace', 'upload', ...window(), '--apply']).done;
      expect([0, 3], r.err).toContain(r.code);
      expect(r.err).toContain(`Took over the trace upload lock of run dead-run (pid ${pid} on ${os.hostname()}`);
      expect(r.err).toContain('is no longer running');
      expect(w.traceRequests()).toBeGreaterThan(5);
      const check = await connect(j.url.startsWith('sqlite:') ? `sqlite:${path.join(w.dir, 'journal.db')}` : j.url);
      try {
        const events = (await check.knex('hisops_run_lock_events').select('*')) as Array<Record<string, unknown>>;
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          lock_key: `trace upload@${CODE}`,
          event: 'takeover',
          prev_run_id: 'dead-run',
          prev_host: os.hostname(),
        });
        expect(Number(events[0]!.prev_pid)).toBe(pid);
        // Released at the end of the run.
        expect(await check.knex('hisops_run_locks').select('*')).toEqual([]);
      } finally {
        await check.close();
      }
    } finally {
      await w.close();
      await j.drop();
    }
  }, 120_000);
}

describe('run locks on a SQLite journal', () => {
  lockSuite(async () => ({ url: 'sqlite:journal.db', drop: async () => undefined }), 'SQLite');

  it('a dry run takes no lock and never waits for a writer', async () => {
    const w = await place();
    try {
      const writer = hisops(w.dir, upload());
      await until(() => w.traceRequests() > 0);
      const dry = await hisops(w.dir, ['trace', 'upload', ...window(), '--json']).done;
      expect([0, 3], dry.err).toContain(dry.code);
      expect((JSON.parse(dry.out) as { data: { apply: boolean } }).data.apply).toBe(false);
      const r = await writer.done;
      expect([0, 3], r.err).toContain(r.code);
    } finally {
      await w.close();
    }
  }, 120_000);
});

describe('a SQLite journal another process keeps locked', () => {
  it('ends the run with JOURNAL_BUSY (exit 5) naming the journal, not exit 1 with SQL', async () => {
    const w = await place();
    try {
      fs.writeFileSync(
        path.join(w.dir, 'hisops.yaml'),
        fs
          .readFileSync(path.join(w.dir, 'hisops.yaml'), 'utf8')
          .replace('journal:\n  url: sqlite:journal.db', 'journal:\n  url: sqlite:journal.db\n  busyTimeoutMs: 200'),
      );
      const file = path.join(w.dir, 'journal.db');
      const first = memoryIo({ cwd: w.dir, env: { CI: 'true' } });
      expect(await main(['trace', 'status', '--json'], first)).toBe(0);
      const other = await connect(`sqlite:${file}`);
      try {
        await other.knex.raw('BEGIN EXCLUSIVE');
        const io = memoryIo({ cwd: w.dir, env: { CI: 'true' } });
        const code = await main(['trace', 'upload', ...window(), '--json'], io);
        const doc = JSON.parse(io.out()) as { ok: boolean; error: { code: string; summary: string; why: string } };
        expect(code, io.out()).toBe(5);
        expect(doc.error.code).toBe('JOURNAL_BUSY');
        expect(doc.error.summary).toBe(`The journal ${file} stayed locked by another process`);
        expect(io.out()).not.toMatch(/insert into/i);
        await other.knex.raw('COMMIT');
      } finally {
        await other.close();
      }
    } finally {
      await w.close();
    }
  }, 60_000);
});

describeWithPg('run locks on a PostgreSQL journal (advisory locks)', (base) => {
  lockSuite(() => createTempDatabase('postgres', base, 'hisops_lock'), 'PostgreSQL');
});

describeWithMysql('run locks on a MariaDB journal (GET_LOCK)', (base) => {
  lockSuite(() => createTempDatabase('mysql', base, 'hisops_lock'), 'MariaDB');
});
