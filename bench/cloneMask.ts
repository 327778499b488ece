/**
 * `schema clone --mask` on a seeded demo HIS (SQLite → SQLite, every table copied): wall and CPU
 * time, with and without masking, beside the machine's load (a shared machine's figures are only
 * comparable at similar load). HISOPS_BENCH_CLONE_DAYS sets the seed's days at the medium rate
 * (default 10: about 240,000 rows, 30,000 settlements; one round each under --quick).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../src/core/db/index.js';
import { seedHis } from '../src/core/demo/index.js';
import { openJournal } from '../src/core/journal/index.js';
import { cloneDatabase, compileRules } from '../src/core/schema/index.js';
import { median, printTable, isQuick } from './_util.js';

export async function run(): Promise<void> {
  const days = Number(process.env.HISOPS_BENCH_CLONE_DAYS ?? (isQuick() ? 2 : 10));
  const rounds = isQuick() ? 1 : 3;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-clone-'));
  try {
    const src = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
    await seedHis({ db: src, size: 'medium', days, seed: 1 });
    const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    const rows: Array<Array<string | number>> = [];
    for (const masked of [false, true]) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let copied = 0;
      let originals = 0;
      for (let i = 0; i < rounds; i++) {
        const file = path.join(dir, `copy-${masked}-${i}.db`);
        const dest = await connect(`sqlite:${file}`, { create: true });
        const c0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const res = await cloneDatabase(src, dest, {
          journal,
          clock: () => new Date(),
          tables: ['*'],
          ...(masked ? { mask: { rules: compileRules(), key: 'bench' } } : {}),
        });
        wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1e6);
        copied = res.copiedRows;
        originals = res.verification?.originals ?? 0;
        await dest.close();
        fs.rmSync(file, { force: true });
      }
      rows.push([
        masked ? 'mask + verify' : 'no mask',
        copied,
        originals,
        median(wall).toFixed(1),
        median(cpu).toFixed(1),
        os.loadavg()[0]!.toFixed(1),
      ]);
    }
    await journal.close();
    await src.close();
    printTable(['clone', 'rows', 'originals', `wall s (median of ${rounds})`, 'cpu s (median)', 'load (1 min)'], rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
