/**
 * Seeding a month: the command a user runs, with its defaults (HIS and center),
 *
 *   node bin/hisops.js demo seed --size <size> --out <new folder>
 *
 * at each size of BENCH_SEED_SIZES (default small,medium,large; --quick: small), with the HIS half
 * alone (`--no-center`) beside it, interleaved (A, B, B, A …) for BENCH_ROUNDS rounds (default 3;
 * large runs once unless BENCH_ROUNDS says otherwise — it takes a minute or more). Prints wall and
 * CPU time, peak RSS and load average per case, and the cost per settlement so that linear growth
 * shows (the per-settlement figure should stay level from small to large). Targets at large: wall
 * < 60 s, peak RSS < 500 MB.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compare, hisopsCmd, isQuick, printComparison, printTable, target, type CaseResult } from './_util.js';

const SETTLEMENTS: Record<string, number> = { small: 900, medium: 90_000, large: 1_000_000 };

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_SEED_SIZES ?? (isQuick() ? 'small' : 'small,medium,large'))
    .split(',')
    .filter(Boolean);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-seed-'));
  const perSize: Array<{ size: string; full: CaseResult; his: CaseResult; settlements: number }> = [];
  try {
    for (const size of sizes) {
      const out = path.join(dir, size);
      const fresh = () => fs.rmSync(out, { recursive: true, force: true });
      let settlements = SETTLEMENTS[size] ?? 0;
      const n = process.env.BENCH_ROUNDS ? Number(process.env.BENCH_ROUNDS) : size === 'large' ? 1 : 3;
      const [full, his] = await compare(
        [
          {
            label: `demo seed --size ${size}`,
            before: fresh,
            cmd: hisopsCmd('demo', 'seed', '--size', size, '--out', out, '--json'),
            after: (m) => {
              const doc = JSON.parse(m.stdout) as {
                data: { manifest: { counts: Record<string, number>; center?: { settlements: number } } };
              };
              settlements = doc.data.manifest.counts.his_settlement ?? settlements;
              if (!doc.data.manifest.center) throw new Error('demo seed wrote no center side');
            },
          },
          {
            label: `demo seed --size ${size} --no-center`,
            before: fresh,
            cmd: hisopsCmd('demo', 'seed', '--size', size, '--no-center', '--out', out, '--json'),
          },
        ],
        n,
      );
      fresh();
      printComparison(`demo seed, ${size} (${settlements} settlements)`, [full!, his!]);
      perSize.push({ size, full: full!, his: his!, settlements });
    }
    printTable(
      [
        'size',
        'settlements',
        'HIS + center wall s',
        'µs per settlement (wall)',
        'µs per settlement (CPU)',
        'HIS only µs (wall)',
        'peak RSS MB',
      ],
      perSize.map((p) => [
        p.size,
        p.settlements,
        (p.full.wallMs / 1000).toFixed(1),
        ((p.full.wallMs * 1000) / p.settlements).toFixed(0),
        ((p.full.cpuMs * 1000) / p.settlements).toFixed(0),
        ((p.his.wallMs * 1000) / p.settlements).toFixed(0),
        p.full.peakRssMb.toFixed(0),
      ]),
    );
    const large = perSize.find((p) => p.size === 'large');
    if (large) {
      target('demo seed --size large < 60 s', large.full.wallMs < 60_000, `${(large.full.wallMs / 1000).toFixed(1)} s`);
      target(
        'demo seed --size large peak RSS < 500 MB',
        large.full.peakRssMb < 500,
        `${large.full.peakRssMb.toFixed(0)} MB`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
