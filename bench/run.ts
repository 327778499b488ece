/**
 * `npm run bench [name...]`: runs the benchmarks in bench/ (each exports `run()` and prints its
 * own table). Benchmarks measure; they assert nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = fs
  .readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js' && !f.startsWith('_'))
  .map((f) => f.replace(/\.js$/, ''))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort((a, b) => (a === 'startup' ? -1 : b === 'startup' ? 1 : a.localeCompare(b)));

for (const name of names) {
  console.log(`\n## bench/${name}`);
  const mod = (await import(path.join(here, name + '.js'))) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.log('(no run() exported)');
    continue;
  }
  const t0 = Date.now();
  await mod.run();
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
