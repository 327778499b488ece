/**
 * The world a kill -9 test of `trace upload` runs in: a seeded HIS file, a sandbox in this
 * process whose ledger outlives the child, a hisops.yaml for the child, and the real binary in a
 * child process that is SIGKILLed when `killWhen` says so (counting the 35xx requests the center
 * answered). Used by kill.test.ts (dispensing) and killStock.test.ts (stock-in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { CODE, openWorld, seededHisFile, tmpDir, type World } from './helpers.js';

export const repo = path.resolve(__dirname, '../../..');
const bin = path.join(repo, 'bin', 'hisops.js');

export type KillWhen = (e: SandboxEvent, n: number) => boolean;
export interface ChildRun {
  code: number | null;
  out: string;
  err: string;
  killed: boolean;
}
export interface CallRow {
  msgid: string;
  infno: string;
  status: string;
  run_id: string;
  resolution: string | null;
  resolved_at: string | null;
}

/** mulberry32: the same kill moments on every run of the same seed. */
export function prng(s: number): () => number {
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface KillHarness {
  readonly world: World;
  readonly seed: { file: string; manifest: SeedManifest };
  /** Every event the sandbox has seen, in order. */
  readonly events: SandboxEvent[];
  /** `trace upload --apply` over the seeded window (with `extra` arguments), killed when `killWhen` says so. */
  upload(killWhen?: KillWhen): Promise<ChildRun>;
  /** Any hisops command in the world's folder, as a child process. */
  hisops(args: string[], killWhen?: KillWhen): Promise<ChildRun>;
  /** The journal's write-ahead rows of 35xx requests. */
  callRows(): Promise<CallRow[]>;
}

/** Registers its own beforeAll/afterAll; the harness's fields are ready inside the tests. */
export function killHarness(tag: string, o: { batchSize: number; extraArgs?: string[] }): KillHarness {
  let seed!: { file: string; manifest: SeedManifest };
  let seedDir = '';
  let world!: World;
  const events: SandboxEvent[] = [];
  let onEvent: ((e: SandboxEvent) => void) | undefined;

  beforeAll(async () => {
    seedDir = tmpDir(`${tag}-seed`);
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
      tag,
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
  batchSize: ${o.batchSize}
  retries: 0
  backoffMs: 20
`,
    );
  });

  afterAll(async () => {
    await world?.close();
    fs.rmSync(seedDir, { recursive: true, force: true });
  });

  function hisops(args: string[], killWhen?: KillWhen): Promise<ChildRun> {
    return new Promise((resolve, reject) => {
      const p: ChildProcess = spawn(process.execPath, [bin, ...args], {
        cwd: world.dir,
        env: { PATH: process.env.PATH ?? '', HOME: world.dir, CI: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
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

  return {
    get world() {
      return world;
    },
    get seed() {
      return seed;
    },
    events,
    hisops,
    upload: (killWhen) =>
      hisops(
        [
          'trace',
          'upload',
          '--apply',
          '--from',
          seed.manifest.startDate,
          '--to',
          seed.manifest.endDate,
          ...(o.extraArgs ?? []),
          '--json',
        ],
        killWhen,
      ),
    callRows: async () => (await world.journal.knex('hisops_center_calls').where('infno', 'like', '35%')) as CallRow[],
  };
}
