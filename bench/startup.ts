/**
 * Start-up cost: `hisops --help` against bare `node -e 0`, side by side. Drivers and heavy modules
 * load lazily, so the target is at most 3× bare Node.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, printTable, timeCommand } from './_util.js';

export async function run(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const bin = path.join(root, 'bin', 'hisops.js');
  const runs = Number(process.env.BENCH_RUNS ?? 21);
  timeCommand(process.execPath, [bin, '--help'], 2); // warm the file cache
  const bare = median(timeCommand(process.execPath, ['-e', '0'], runs));
  const help = median(timeCommand(process.execPath, [bin, '--help'], runs));
  const version = median(timeCommand(process.execPath, [bin, '--version'], runs));
  printTable(
    ['command', `median ms (${runs} runs)`, '× bare node'],
    [
      ['node -e 0', bare.toFixed(1), '1.00'],
      ['hisops --help', help.toFixed(1), (help / bare).toFixed(2)],
      ['hisops --version', version.toFixed(1), (version / bare).toFixed(2)],
    ],
  );
  console.log(`target: hisops --help ≤ 3.00× bare node → ${help / bare <= 3 ? 'met' : 'NOT met'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
