/**
 * kill -9 in the middle of a stock-in upload (3502A), then run again: as for dispensing
 * (kill.test.ts), the center ends up with every stock-in code exactly once and neither journal
 * table keeps anything open. The real binary in a child process, the sandbox in this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import { TraceJournal } from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { CODE, openWorld, seededHisFile, tmpDir, type World } from './helpers.js';

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
const random = prng(Number(process.env.HISOPS_KILL_SEED ?? 20261207));

beforeAll(async () => {
  seedDir = tmpDir('kill-stock-seed');
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
    'kill-stock',
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
  batchSize: 4
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
const upload = (killWhen?: (e: SandboxEvent, n: number) => boolean) => hisops(['trace', 'upload', '--apply', ...window(), '--kind', 'stock-in', '--json'], killWhen);
const callRows = async () => (await world.journal.knex('hisops_center_calls').where('infno', 'like', '35%')) as Array<{ msgid: string; infno: string; status: string; run_id: string; resolution: string | null; resolved_at: string | null }>;

describe('stock-in upload (the binary) killed with SIGKILL', () => {
  it('resumes: every stock-in code once at the center, nothing left open in either journal table', async () => {
    expect(fs.existsSync(path.join(repo, 'dist', 'main.js'))).toBe(true);
    // The center stores a 3502A batch but holds its answer back; the child dies not knowing.
    world.sb.setFaults('35*:latency=15ms,3502A:timeout-after-commit@0.3', 3);
    const first = await upload((e) => e.fault === 'timeout-after-commit');
    expect(first.killed).toBe(true);
    const open1 = await new TraceJournal(world.journal, CODE).unresolved();
    expect(open1.length).toBeGreaterThan(0);
    // Once more at a drawn moment.
    world.sb.setFaults('35*:latency=15ms', 4);
    const at = 1 + Math.floor(random() * 3);
    const second = await upload((_e, n) => n >= at);
    expect(second.code === null || second.killed).toBe(true);

    world.sb.setFaults('');
    const last = await upload();
    expect(last.killed).toBe(false);
    const r = JSON.parse(last.out) as { data: { pending: unknown[]; rejected: unknown[]; resolved: { unresolved: number } } };
    expect(last.code, last.err).toBe(0);
    expect(r.data.pending).toEqual([]);
    expect(r.data.rejected).toEqual([]);

    // Every code of the seeded days' stock-ins exactly once at the center.
    const want = ((await world.db.knex('his_stock_trac as t').join('his_stock as k', 'k.stock_id', 't.stock_id').where('k.inv_chg_time', '<', `${seed.manifest.endDate} 23:59:59`).select('t.drug_trac_codg')) as Array<{ drug_trac_codg: string }>).map((x) => x.drug_trac_codg).sort();
    const got = world.sb.ledger.listTraceCodes({ fixmedins_code: CODE, movement: 'stock' }).map((c) => c.drug_trac_codg).sort();
    expect(got).toEqual(want);
    const records = world.sb.ledger.listTraceRecords({ fixmedins_code: CODE });
    expect(new Set(records.map((x) => `${x.infno}|${x.record_key}`)).size).toBe(records.length);
    const states = (await world.journal.knex('hisops_trace_uploads').groupBy('status').select('status').count({ n: '*' })) as Array<{ status: string; n: number }>;
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({ accepted: records.length });
    const calls = await callRows();
    expect(calls.filter((c) => c.status === 'pending')).toEqual([]);
    for (const c of calls.filter((x) => x.status === 'unknown')) expect(c.resolved_at, c.msgid).not.toBeNull();
  }, 180_000);
});
