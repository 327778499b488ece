/**
 * Demo seed speed: `seedHis` size large (one million settlements with their visits, fee lines,
 * log rows, pharmacy sales, stock-in and traceability codes) into a new SQLite file. Targets:
 * under 60 s wall time, peak memory under 500 MB. The seed runs in its own process so the peak
 * RSS is the seed's alone (the writer thread included). BENCH_SEED_SIZE picks another size.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from '../src/core/db/index.js';
import { seedHis, type SeedSize } from '../src/core/demo/index.js';
import { printTable } from './_util.js';

interface ChildResult {
  ms: number;
  peakRssMb: number;
  settlements: number;
  rows: number;
  dbMb: number;
}

async function child(dir: string, size: SeedSize): Promise<void> {
  const file = path.join(dir, 'his.db');
  const t0 = process.hrtime.bigint();
  const db = await connect(`sqlite:${file}`, { create: true });
  const { manifest } = await seedHis({ db, size, seed: 1, out: dir });
  await db.close();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const result: ChildResult = {
    ms,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    settlements: manifest.counts.his_settlement!,
    rows: Object.values(manifest.counts).reduce((a, b) => a + b, 0),
    dbMb: fs.statSync(file).size / 1048576,
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

export async function run(): Promise<void> {
  const size = (process.env.BENCH_SEED_SIZE ?? 'large') as SeedSize;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-seed-'));
  try {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir, size], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
    printTable(
      ['size', 'settlements', 'rows (all tables)', 'wall s', 'rows/s', 'peak RSS MB', 'SQLite file MB'],
      [[size, res.settlements, res.rows, (res.ms / 1000).toFixed(1), Math.round(res.rows / (res.ms / 1000)), res.peakRssMb.toFixed(0), res.dbMb.toFixed(0)]],
    );
    if (size === 'large') console.log(`targets: wall < 60 s → ${res.ms < 60_000 ? 'met' : 'NOT met'}; peak RSS < 500 MB → ${res.peakRssMb < 500 ? 'met' : 'NOT met'} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]!, process.argv[4] as SeedSize);
else if (import.meta.url === `file://${process.argv[1]}`) await run();
