/**
 * bench/traceLibrary: the four-code library and package relations on a SQLite journal.
 * A generated library of N entries (BENCH_TLIB_N, default 100,000; 10,000 under --quick) is imported as a dry run, as
 * a first version and as a second version over the first (which compares every entry); package
 * relations of N/10 cases × 10 medium packages × 10 boxes are imported; then look-ups as
 * `trace check` makes them (1,000 product codes at once; the relations around 1,000 boxes) and
 * one expandPackage of a case. Median of BENCH_RUNS (default 3) runs, with the peak RSS seen.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openJournal } from '../src/core/journal/index.js';
import {
  expandPackage,
  importLibrary,
  importRelations,
  libraryEntries,
  relationsAround,
} from '../src/core/trace/index.js';
import { isQuick, median, printTable } from './_util.js';

function writeFiles(dir: string, n: number): { lib: string; rel: string; cases: number } {
  const lib = path.join(dir, 'library.csv');
  const lines = ['药品标识码,医保编码,药品名称,本位码,批准文号,生产企业,包装级别,包装比例'];
  for (let i = 0; i < n; i++)
    lines.push(
      `${8000000 + i},XA${String(i).padStart(18, '0')},药品名称${i},869${String(i).padStart(11, '0')},国药准字H${String(i).padStart(8, '0')},示例制药有限公司,${(i % 3) + 1},1:10:100`,
    );
  fs.writeFileSync(lib, lines.join('\n') + '\n');
  const rel = path.join(dir, 'relations.csv');
  const r = ['父码,子码,级别'];
  const cases = Math.max(1, Math.floor(n / 110));
  for (let c = 0; c < cases; c++) {
    const box = `8399999${String(c).padStart(13, '0')}`;
    for (let m = 0; m < 10; m++) {
      const mid = `8388888${String(c * 10 + m).padStart(13, '0')}`;
      r.push(`${box},${mid},2`);
      for (let b = 0; b < 10; b++) r.push(`${mid},8123456${String((c * 10 + m) * 10 + b).padStart(13, '0')},1`);
    }
  }
  fs.writeFileSync(rel, r.join('\n') + '\n');
  return { lib, rel, cases };
}

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_TLIB_N ?? (isQuick() ? 10_000 : 100_000));
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-tlib-'));
  const files = writeFiles(dir, n);
  const times: Record<string, number[]> = {};
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const time = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = process.hrtime.bigint();
    const r = await fn();
    (times[name] ??= []).push(Number(process.hrtime.bigint() - t0) / 1e6);
    return r;
  };
  const now = new Date();
  try {
    for (let i = 0; i < runs; i++) {
      const journal = await openJournal(`sqlite:${path.join(dir, `journal-${i}.db`)}`);
      try {
        await time('library import, dry run', () =>
          importLibrary({ journal, file: files.lib, apply: false, runId: null, now }),
        );
        await time('library import, version 1', () =>
          importLibrary({ journal, file: files.lib, apply: true, runId: null, now }),
        );
        await time('library import, version 2 over 1', () =>
          importLibrary({ journal, file: files.lib, apply: true, runId: null, now }),
        );
        await time(`relation import (${files.cases * 110} relations)`, () =>
          importRelations({ journal, file: files.rel, apply: true, runId: null, now }),
        );
        const prefixes = Array.from({ length: 1000 }, (_, k) => String(8000000 + ((k * 97) % n)));
        await time('libraryEntries, 1,000 product codes', () => libraryEntries(journal, prefixes));
        const boxes = Array.from(
          { length: 1000 },
          (_, k) => `8123456${String((k * 37) % (files.cases * 100)).padStart(13, '0')}`,
        );
        await time('relationsAround, 1,000 boxes', () => relationsAround(journal, boxes));
        await time('expandPackage, one case', () => expandPackage(journal, `8399999${'0'.repeat(13)}`));
      } finally {
        await journal.close();
      }
    }
  } finally {
    clearInterval(timer);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `${n.toLocaleString('en')} library entries, ${runs} run(s), SQLite journal; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  printTable(
    ['step', 'median ms', 'min ms', 'max ms'],
    Object.entries(times).map(([k, v]) => [
      k,
      median(v).toFixed(0),
      Math.min(...v).toFixed(0),
      Math.max(...v).toFixed(0),
    ]),
  );
  console.log(`peak RSS ${(peak / 1048576).toFixed(0)} MB`);
}
