/**
 * `npm run bench [--quick] [name...]`: runs the benchmarks in bench/ (each exports `run()` and
 * prints its own table). Benchmarks measure; they assert nothing.
 *
 * --quick runs every bench at a small size (BENCH_QUICK=1, one round, the size knobs below) so that
 * the whole set finishes in about two minutes: CI checks that the benches still run, not their
 * figures. A size set in the environment wins over the quick default.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const wanted = argv.filter((a) => !a.startsWith('--'));

/** Small sizes for --quick; each bench reads its own knob (and isQuick() from _util). */
const QUICK_ENV: Record<string, string> = {
  BENCH_QUICK: '1',
  BENCH_ROUNDS: '1',
  HISOPS_BENCH_ROUNDS: '1',
  BENCH_RUNS: '3',
  BENCH_SEED_SIZES: 'small',
  BENCH_SEED_SIZE: 'small',
  BENCH_CATALOG_ROWS: '20000',
  BENCH_MAPPINGS: '5000',
  BENCH_CALLS: '200',
  BENCH_CELL_MS: '300',
  BENCH_STUCK_SETTLEMENTS: '20000',
  BENCH_TRACE_RECORDS: '1000',
  HISOPS_BENCH_RECONCILE_SIZE: 'small',
};
if (quick) for (const [k, v] of Object.entries(QUICK_ENV)) process.env[k] ??= v;

const names = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .map((f) => f.replace(/\.js$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort((a, b) => (a === 'startup' ? -1 : b === 'startup' ? 1 : a.localeCompare(b)));

const started = Date.now();
const times: Array<[string, string]> = [];
for (const name of names) {
  console.log(
    `\n## bench/${name}${quick ? ' (quick)' : ''} — load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const mod = (await import(path.join(here, name + '.js'))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.log('(no run() exported)');
    continue;
  }
  const t0 = Date.now();
  try {
    await mod.run();
  } catch (e) {
    // One broken bench must not hide the others; the exit code still says something failed.
    console.log(`bench/${name} failed: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  }
  const s = ((Date.now() - t0) / 1000).toFixed(1);
  times.push([name, s]);
  console.log(`(${s} s)`);
}
console.log(
  `\nall benches: ${((Date.now() - started) / 1000).toFixed(1)} s (${times.map(([n, s]) => `${n} ${s} s`).join(', ')})`,
);
// A bench that failed may leave a pool or a server open; the run ends here all the same.
process.exit(process.exitCode ?? 0);
