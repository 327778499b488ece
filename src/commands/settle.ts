/**
 * `hisops settle`: the settle commands together — calc (settleCalc.ts), audit, and the
 * stuck-settlement commands. A run of `settle calc` loads settleCalc.ts alone (main.ts).
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { registerSettleCalc } from './settleCalc.js';
import { registerStuck } from './settleStuck.js';
import { registerAudit } from './settleAudit.js';

export function registerSettle(program: Command, app: App): Command {
  const settle = registerSettleCalc(program, app);
  registerAudit(settle, app);
  registerStuck(settle, app);
  app.examples(settle, [
    'hisops settle calc bill.json --explain',
    'hisops settle audit --from 2026-11-01 --to 2026-11-22',
    'hisops settle stuck --older-than 10m',
    'hisops settle reverse --all --apply --yes',
    'hisops settle log',
  ]);
  return settle;
}
