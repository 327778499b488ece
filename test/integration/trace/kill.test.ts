/**
 * kill -9 in the middle of an upload, then run again: the center must end up with every code
 * exactly once, and the journal with every record accepted. The upload runs in a child process
 * (bundled with esbuild) against a sandbox in this process, whose ledger outlives the child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import { profileSource, runUpload, traceSettings, TraceJournal, TRACE_KINDS } from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { CODE, expectedAtCenter, ledgerCodes, openWorld, seededHisFile, tmpDir, type World } from './helpers.js';

const repo = path.resolve(__dirname, '../../..');
// Bundled next to node_modules so that knex and better-sqlite3 resolve from the repository.
const outDir = path.join(repo, 'node_modules', '.cache', `hisops-trace-test-${process.pid}`);
const child = path.join(outDir, 'uploadChild.mjs');
let seed: { file: string; manifest: SeedManifest };
let seedDir: string;
let world: World;
const events: SandboxEvent[] = [];
let onEvent: ((e: SandboxEvent) => void) | undefined;

beforeAll(async () => {
  await build({ entryPoints: [path.join(__dirname, 'fixtures/uploadChild.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: child, logLevel: 'silent' });
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
});

afterAll(async () => {
  await world?.close();
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(seedDir, { recursive: true, force: true });
});

/** Run the child until `killWhen` says so, then SIGKILL it. Resolves with what it printed. */
function runAndKill(killWhen: (e: SandboxEvent, n: number) => boolean): Promise<{ out: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const p: ChildProcess = spawn(process.execPath, [child, world.hisFile, world.journalFile, world.sb.url, seed.manifest.startDate, seed.manifest.endDate], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let n = 0;
    let killed = false;
    p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    onEvent = (e) => {
      if (!e.infno?.startsWith('35')) return;
      n++;
      if (!killed && killWhen(e, n)) {
        killed = true;
        p.kill('SIGKILL');
      }
    };
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      onEvent = undefined;
      if (signal === 'SIGKILL') resolve({ out, killed: true });
      else if (code === 0) resolve({ out, killed: false });
      else reject(new Error(`the upload child exited ${code}: ${err}`));
    });
  });
}

describe('trace upload killed with SIGKILL', () => {
  it('resumes: everything not accepted is sent, nothing accepted is sent twice, every code once at the center', async () => {
    // First kill: the center has stored a batch but its answer is held back — the child dies not knowing.
    world.sb.setFaults('35*:latency=15ms,3505A:timeout-after-commit@0.2', 3);
    const first = await runAndKill((e) => e.fault === 'timeout-after-commit');
    expect(first.killed).toBe(true);
    const tj = new TraceJournal(world.journal, CODE);
    const open1 = await tj.unresolved();
    expect(open1.length).toBeGreaterThan(0);
    const committedUnknown = world.sb.ledger.listTraceRecords({ fixmedins_code: CODE }).filter((r) => open1.some((o) => o.record_id === r.record_key.split('|')[0]));
    expect(committedUnknown.length).toBeGreaterThan(0); // the center holds records the journal has as "sending"

    // Second kill: at an arbitrary moment further on, the resumed child dies again.
    world.sb.setFaults('35*:latency=15ms', 4);
    const before = events.filter((e) => e.infno?.startsWith('35')).length;
    const second = await runAndKill((_e, n) => n >= 12);
    expect(second.killed).toBe(true);
    expect(events.filter((e) => e.infno?.startsWith('35')).length).toBeGreaterThan(before);
    expect(second.out).not.toContain('finished');

    // Resume in this process.
    world.sb.setFaults('');
    const r = await runUpload({
      source: profileSource(world.db, world.profile),
      journal: world.journal,
      fixmedins_code: CODE,
      center: world.center,
      window: { from: seed.manifest.startDate, to: seed.manifest.endDate },
      kinds: TRACE_KINDS,
      apply: true,
      settings: traceSettings({ concurrency: 4, rate: 0, backoffMs: 20 }),
      runId: 'RESUME',
    });
    expect(r.pending).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.resolved.unresolved).toBeGreaterThan(0);
    expect(r.byKind.reduce((n, s) => n + s.already, 0)).toBeGreaterThan(0);

    // The center holds every code exactly once; the journal has every record accepted (or held by a finding).
    expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
    const records = world.sb.ledger.listTraceRecords({ fixmedins_code: CODE });
    expect(new Set(records.map((x) => `${x.infno}|${x.record_key}`)).size).toBe(records.length);
    const states = (await world.journal.knex('hisops_trace_uploads').groupBy('status').select('status').count({ n: '*' })) as Array<{ status: string; n: number }>;
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({ accepted: records.length, held: 6 });
    expect((await tj.unresolved()).length).toBe(0);
  }, 120_000);
});
