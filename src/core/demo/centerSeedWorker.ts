/**
 * The center's writer thread of `seedHis` (centerSide.ts): it opens the sandbox ledger file again
 * and runs a CenterSeeder over the days the generator's thread sends — the same code, over the
 * same rows, as when the center's side is written on the generator's thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openLedger, type LedgerOptions } from '../center/sandbox/ledger.js';
import { HisopsError } from '../errors.js';
import type { PlantedAnomaly } from './anomalies.js';
import type { ThreadFailure } from './centerSide.js';
import { DayRows, seedDay } from './dayTee.js';
import { CenterSeeder } from './seedCenter.js';

type Message =
  | { type: 'plan'; anomalies: PlantedAnomaly[] }
  | { type: 'rows'; rows: unknown[][] }
  | { type: 'day'; day: string }
  | { type: 'end' };

const port = parentPort!;
const data = workerData as { file: string; options: LedgerOptions; fixmedins_code: string };
const ledger = openLedger(data.file, data.options);
const seeder = new CenterSeeder(ledger, data.fixmedins_code);
seeder.begin();
const gathered = new DayRows();

port.on('message', (m: Message) => {
  try {
    if (m.type === 'plan') seeder.plan(m.anomalies);
    else if (m.type === 'rows') gathered.push(m.rows);
    else if (m.type === 'day') {
      seedDay(seeder, gathered, m.day);
      port.postMessage({ type: 'day' });
    } else {
      seeder.end();
      ledger.close();
      port.postMessage({ type: 'done', summary: seeder.summary() });
      port.close();
    }
  } catch (e) {
    // The indexes come back whatever happened, so the ledger file keeps its schema.
    try {
      seeder.end();
      ledger.close();
    } catch {
      // the first failure is the one reported
    }
    const failure: ThreadFailure =
      e instanceof HisopsError
        ? {
            hisops: {
              code: e.code,
              summary: e.summary,
              why: e.why,
              fix: e.fix,
              details: e.details,
              exit: e.exit,
              zh: e.zhText,
            },
          }
        : { message: String((e as Error)?.message ?? e) };
    port.postMessage({ type: 'error', failure });
    port.close();
  }
});
