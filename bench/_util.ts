/**
 * Helpers the benchmarks share: medians, timing, table printing, and the fair-comparison harness.
 *
 * The harness times whole commands as child processes — the CLI as a user runs it
 * (`node bin/hisops.js …`, its defaults) and the native tools it is compared with (`sqlite3`,
 * `psql -c "\copy …"`, `mysql … LOAD DATA`) — so both sides pay for process start, parsing and
 * writing alike. Each run records wall time, CPU time (user + sys of the child and its
 * descendants), the child's peak RSS and the machine's 1-minute load average when it started.
 * The cases are interleaved (A, B, B, A, A, B …) so a change in load hits both sides, and the
 * table shows medians.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Wall time of a spawned command, in milliseconds, over `runs` runs. */
export function timeCommand(cmd: string, args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { env, stdio: 'ignore' });
    if (r.status !== 0 && r.status !== null) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

export function printTable(head: string[], rows: Array<Array<string | number>>): void {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(head));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of cells.slice(1)) console.log(line(r));
}

// ---------------------------------------------------------------------------------------------
// Quick mode and paths

/** True under `npm run bench -- --quick` (bench/run.ts sets BENCH_QUICK=1): every bench at a small size. */
export function isQuick(): boolean {
  return process.env.BENCH_QUICK === '1';
}

/** Number of interleaved rounds: BENCH_ROUNDS, else 3 (the least that gives a median of A,B,B,A…). */
export function rounds(): number {
  return Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
}

/** The repository root (bench files run from dist-bench/bench/). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The CLI a user runs, as argv for `measure`: `node bin/hisops.js …`. */
export function hisopsCmd(...args: string[]): [string, string[]] {
  return [process.execPath, [path.join(repoRoot, 'bin', 'hisops.js'), ...args]];
}

/** Whether a command-line tool is on the PATH. */
export function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// ---------------------------------------------------------------------------------------------
// One measured run of a child process

export interface Measurement {
  wallMs: number;
  /** user + sys CPU of the child and everything it waited for, ms (NaN when not measurable). */
  cpuMs: number;
  userMs: number;
  sysMs: number;
  /** Peak resident set of the child (its largest descendant when it starts others), MB. */
  peakRssMb: number;
  /** 1-minute load average when the run started. */
  load1: number;
  stdout: string;
  stderr: string;
}

const TIME = '/usr/bin/time';
const haveGnuTime = (() => {
  try {
    return spawnSync(TIME, ['-f', '%M', 'true'], { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
})();

export interface MeasureOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string | Buffer;
  /** Accept a non-zero exit (e.g. a check that reports findings with exit 1). */
  okCodes?: number[];
}

/**
 * Runs `cmd args` once under GNU time (`/usr/bin/time -f`), which reports the child's own user and
 * system CPU and peak RSS from wait4(). Without GNU time: wall time from here, CPU from /proc is not
 * available after exit, so CPU and RSS are NaN and the table says "-".
 */
export function measure(cmd: string, args: string[], opts: MeasureOptions = {}): Measurement {
  const load1 = os.loadavg()[0]!;
  const spawnOpts: SpawnSyncOptions = {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    input: opts.input,
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  };
  let statFile: string | null = null;
  let argv0 = cmd;
  let argv = args;
  if (haveGnuTime) {
    statFile = path.join(
      os.tmpdir(),
      `hisops-bench-time-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    );
    argv0 = TIME;
    argv = ['-q', '-o', statFile, '-f', '%e %U %S %M', cmd, ...args];
  }
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv0, argv, spawnOpts);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const ok = opts.okCodes ?? [0];
  if (r.error) throw r.error;
  if (r.status === null || !ok.includes(r.status)) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal}:\n${String(r.stderr).slice(-4000)}`);
  }
  let userMs = NaN;
  let sysMs = NaN;
  let peakRssMb = NaN;
  if (statFile) {
    try {
      const last = fs.readFileSync(statFile, 'utf8').trim().split('\n').pop()!.split(' ');
      userMs = Number(last[1]) * 1000;
      sysMs = Number(last[2]) * 1000;
      peakRssMb = Number(last[3]) / 1024;
    } finally {
      fs.rmSync(statFile, { force: true });
    }
  }
  return {
    wallMs,
    cpuMs: userMs + sysMs,
    userMs,
    sysMs,
    peakRssMb,
    load1,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
  };
}

// ---------------------------------------------------------------------------------------------
// Interleaved comparison

export interface Case {
  label: string;
  /** The command to time (argv[0], args). */
  cmd: [string, string[]];
  /** Untimed set-up before each run (fresh database, dropped table …). */
  before?: () => void | Promise<void>;
  /** Untimed check after each run (e.g. the row count), throws when the work was not done. */
  after?: (m: Measurement) => void | Promise<void>;
  options?: MeasureOptions;
}

export interface CaseResult {
  label: string;
  runs: Measurement[];
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  load1: number;
}

/**
 * Runs the cases interleaved for `n` rounds — A, B, B, A, A, B … (the order reverses every round,
 * so neither side always runs first on a warm cache) — and returns each case's medians.
 */
export async function compare(cases: Case[], n = rounds()): Promise<CaseResult[]> {
  const runs = new Map<string, Measurement[]>(cases.map((c) => [c.label, []]));
  for (let round = 0; round < n; round++) {
    const order = round % 2 === 0 ? cases : [...cases].reverse();
    for (const c of order) {
      await c.before?.();
      const m = measure(c.cmd[0], c.cmd[1], c.options);
      await c.after?.(m);
      runs.get(c.label)!.push(m);
    }
  }
  return cases.map((c) => summarize(c.label, runs.get(c.label)!));
}

export function summarize(label: string, ms: Measurement[]): CaseResult {
  return {
    label,
    runs: ms,
    wallMs: median(ms.map((m) => m.wallMs)),
    cpuMs: median(ms.map((m) => m.cpuMs)),
    peakRssMb: median(ms.map((m) => m.peakRssMb)),
    load1: median(ms.map((m) => m.load1)),
  };
}

const fmtS = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : '-');
const fmtMb = (mb: number) => (Number.isFinite(mb) ? mb.toFixed(0) : '-');

/**
 * Prints the medians of a comparison: wall s, CPU s, peak RSS MB, load average at start, and the
 * ratio of wall and CPU to the `baseline` case (by label) when one is named.
 */
export function printComparison(title: string, results: CaseResult[], baseline?: string): void {
  const base = baseline ? results.find((r) => r.label === baseline) : undefined;
  console.log(`\n${title} — medians of ${results[0]?.runs.length ?? 0} interleaved rounds on ${os.cpus().length} CPUs`);
  printTable(
    ['case', 'wall s', 'CPU s', 'peak RSS MB', 'load 1m', ...(base ? ['× wall', '× CPU'] : [])],
    results.map((r) => [
      r.label,
      fmtS(r.wallMs),
      fmtS(r.cpuMs),
      fmtMb(r.peakRssMb),
      r.load1.toFixed(2),
      ...(base
        ? [
            (r.wallMs / base.wallMs).toFixed(2),
            Number.isFinite(r.cpuMs / base.cpuMs) ? (r.cpuMs / base.cpuMs).toFixed(2) : '-',
          ]
        : []),
    ]),
  );
}

/** One target line: `label: value vs limit → met / NOT met`. */
export function target(label: string, ok: boolean, detail: string): void {
  console.log(`target: ${label} → ${ok ? 'met' : 'NOT met'} (${detail}; load ${os.loadavg()[0]!.toFixed(2)})`);
}
