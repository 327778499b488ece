/**
 * kill -9 in the middle of an upload, then run again: the center must end up with every code
 * exactly once, and both journal tables with nothing left open — every record accepted (or held
 * by a finding), every write-ahead row of a 35xx request with an outcome or a resolution. The
 * upload is the real binary (`bin/hisops.js trace upload --apply`, built first) in a child
 * process against a sandbox in this process, whose ledger outlives the child. The moments of the
 * kills are drawn from a seeded generator (HISOPS_KILL_SEED to try others).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import { TraceJournal } from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { CODE, expectedAtCenter, ledgerCodes, openWorld, seededHisFile, tmpDir, type World } from './helpers.js';

const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'bin', 'hisops.js');
let seed: { file: string; manifest: SeedManifest };
let seedDir: string;
let world: World;
const events: SandboxEvent[] = [];
let onEvent: ((e: SandboxEvent) => void) | undefined;

/** mulberry32: the same kill moments on every run of the same seed. */
function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(Number(process.env.HISOPS_KILL_SEED ?? 20261206));

beforeAll(async () => {
  seedDir = tmpDir('kill-seed');
  seed = await seededHisFile(seedDir);
  world = await openWorld(
    seed.file,
    {
      seed: 5,
      onEvent: (e) => {
        events.push(e);
        onEvent?.(e);
      },
    },
    'kill',
  );
  fs.writeFileSync(
    path.join(world.dir, 'hisops.yaml'),
    `journal:
  url: sqlite:${path.basename(world.journalFile)}
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 示例医院
    his:
      url: sqlite:${path.basename(world.hisFile)}
    center:
      url: ${world.sb.url}
      timeoutMs: 60000
trace:
  concurrency: 3
  rate: 0
  batchSize: 8
  retries: 0
  backoffMs: 20
`,
  );
});

afterAll(async () => {
  await world?.close();
  fs.rmSync(seedDir, { recursive: true, force: true });
});

/** Run the binary; SIGKILL it when `killWhen` says so (counting the 35xx requests the center answered). */
function hisops(args: string[], killWhen?: (e: SandboxEvent, n: number) => boolean): Promise<{ code: number | null; out: string; err: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const p: ChildProcess = spawn(process.execPath, [bin, ...args], { cwd: world.dir, env: { PATH: process.env.PATH ?? '', HOME: world.dir, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let n = 0;
    let killed = false;
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    onEvent = (e) => {
      if (!killWhen || !e.infno?.startsWith('35')) return;
      n++;
      if (!killed && killWhen(e, n)) {
        killed = true;
        p.kill('SIGKILL');
      }
    };
    p.on('error', reject);
    p.on('exit', (code) => {
      onEvent = undefined;
      resolve({ code, out, err, killed });
    });
  });
}

const window = () => ['--from', seed.manifest.startDate, '--to', seed.manifest.endDate];
const upload = (killWhen?: (e: SandboxEvent, n: number) => boolean) => hisops(['trace', 'upload', '--apply', ...window(), '--json'], killWhen);
const callRows = async () => (await world.journal.knex('hisops_center_calls').where('infno', 'like', '35%')) as Array<{ msgid: string; infno: string; status: string; run_id: string; resolution: string | null; resolved_at: string | null }>;

describe('trace upload (the binary) killed with SIGKILL', () => {
  it('is built', () => {
    expect(fs.existsSync(path.join(repo, 'dist', 'main.js'))).toBe(true);
  });

  it('resumes: nothing left pending or sending in either journal table, nothing accepted sent twice, every code once at the center', async () => {
    // First kill: the center has stored a batch but holds its answer back — the child dies not knowing.
    world.sb.setFaults('35*:latency=15ms,3505A:timeout-after-commit@0.2', 3);
    const first = await upload((e) => e.fault === 'timeout-after-commit');
    expect(first.killed).toBe(true);
    const tj = new TraceJournal(world.journal, CODE);
    const open1 = await tj.unresolved();
    expect(open1.length).toBeGreaterThan(0);
    const committedUnknown = world.sb.ledger.listTraceRecords({ fixmedins_code: CODE }).filter((r) => open1.some((o) => o.record_id === r.record_key.split('|')[0]));
    expect(committedUnknown.length).toBeGreaterThan(0); // the center holds records the journal has as "sending"
    expect((await callRows()).filter((c) => c.status === 'pending').length).toBeGreaterThan(0);

    // Two more kills at drawn moments further on: each resumed child dies again mid-upload.
    world.sb.setFaults('35*:latency=15ms', 4);
    const moments = [3 + Math.floor(random() * 10), 1 + Math.floor(random() * 6)];
    for (const at of moments) {
      const before = events.filter((e) => e.infno?.startsWith('35')).length;
      const r = await upload((_e, n) => n >= at);
      expect(r.killed, `killed after ${at} answered requests`).toBe(true);
      expect(events.filter((e) => e.infno?.startsWith('35')).length).toBeGreaterThan(before);
    }
    const leftPending = (await callRows()).filter((c) => c.status === 'pending');
    expect(leftPending.length).toBeGreaterThan(0);

    // The run that is not killed: first it settles what the killed ones left.
    world.sb.setFaults('');
    const last = await upload();
    expect(last.killed).toBe(false);
    const r = JSON.parse(last.out) as { data: { pending: unknown[]; rejected: unknown[]; resolved: { unresolved: number }; calls: { leftOver: number; resolved: Array<{ msgid: string; resolution: string }> } } };
    expect(last.code, last.err).toBe(3); // the seed's planted findings are held back
    expect(r.data.pending).toEqual([]);
    expect(r.data.rejected).toEqual([]);
    expect(r.data.resolved.unresolved).toBeGreaterThan(0);
    expect(r.data.calls.resolved.map((c) => c.msgid)).toEqual(expect.arrayContaining(leftPending.map((c) => c.msgid)));

    // The center holds every code exactly once.
    expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
    const records = world.sb.ledger.listTraceRecords({ fixmedins_code: CODE });
    expect(new Set(records.map((x) => `${x.infno}|${x.record_key}`)).size).toBe(records.length);

    // hisops_trace_uploads: every record accepted or held — none sending, unknown or to retry.
    const states = (await world.journal.knex('hisops_trace_uploads').groupBy('status').select('status').count({ n: '*' })) as Array<{ status: string; n: number }>;
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({ accepted: records.length, held: 6 });

    // hisops_center_calls: no 35xx row pending; every row without an answer says how it was resolved.
    const calls = await callRows();
    expect(calls.filter((c) => c.status === 'pending')).toEqual([]);
    const noAnswer = calls.filter((c) => c.status === 'unknown');
    expect(noAnswer.length).toBeGreaterThanOrEqual(leftPending.length);
    for (const c of noAnswer) {
      expect(c.resolved_at, c.msgid).not.toBeNull();
      expect(c.resolution, c.msgid).toMatch(/sent again by run .*: \d+ accepted|answered in msgid|outcomes since|other requests/);
    }
    for (const c of leftPending) expect(calls.find((x) => x.msgid === c.msgid)!.resolution).toMatch(/stopped before the answer/);

    // trace status shows what was resolved and how, and that nothing is open.
    const status = await hisops(['trace', 'status', '--json']);
    const st = JSON.parse(status.out) as { data: { totals: { pending: number }; calls: { open: unknown[]; resolved: Array<{ msgid: string; resolution: string }> } } };
    expect(st.data.totals.pending).toBe(0);
    expect(st.data.calls.open).toEqual([]);
    expect(st.data.calls.resolved.length).toBeGreaterThan(0);
    const human = await hisops(['trace', 'status']);
    expect(human.out).toContain('how they were resolved');
    expect(human.out).toMatch(/stopped before the answer/);
  }, 180_000);
});
