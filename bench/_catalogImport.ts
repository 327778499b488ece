/**
 * Child process of bench/catalog: imports one catalog file into one database and prints a JSON
 * line with the wall time and memory, sampled while it runs (a separate process, so the figure is
 * the import's own and not the benchmark's).
 *
 *   node _catalogImport.js <db-url> <file> [archive-dir | --dry-run]
 */
import { connect } from '../src/core/db/index.js';
import { importCatalog } from '../src/core/catalog/index.js';

const [url, file, flag] = process.argv.slice(2) as [string, string, string | undefined];
const samples: number[] = [];
let peak = 0;
const timer = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, rss);
}, 50);
const db = await connect(url, { create: true });
const t0 = process.hrtime.bigint();
const r = await importCatalog(db, {
  files: [file],
  apply: flag !== '--dry-run',
  archiveDir: flag && flag !== '--dry-run' ? flag : undefined,
  now: new Date(),
  onProgress: (n) => {
    // RSS at every 10% of the rows shows whether memory grows with the file.
    if (n >= (samples.length + 1) * 100_000) samples.push(process.memoryUsage().rss);
  },
});
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
await db.close();
const k = r.kinds[0];
process.stdout.write(
  JSON.stringify({ ms, peakRss: peak, rssSamples: samples, added: k?.added ?? 0, unchanged: k?.unchanged ?? 0, problems: r.problems.total, applied: r.applied }) + '\n',
);
