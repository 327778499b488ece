/**
 * `hisops center serve`: run the local center sandbox — the published protocol over HTTP, its own
 * SQLite ledger, fault injection — until Ctrl-C (or for --for seconds), then print what it served.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { defineMessages } from '../cli/i18n.js';
import { registerCenterSeed } from './centerSeed.js';
import { registerCenterServe } from './centerServe.js';
import { registerCenterWatch } from './centerWatch.js';

defineMessages({
  'center.describe': {
    en: 'the insurance center: a local sandbox that speaks its protocol, a watch on the real one and its latency (医保中心)',
    zh: '医保中心：本地模拟中心（沙箱），按接口规范应答；监测真实中心及其响应时间',
  },
});

export function registerCenter(program: Command, app: App): void {
  const center = program.command('center').description(app.t('center.describe'));
  registerCenterServe(center, app);
  registerCenterSeed(center, app);
  registerCenterWatch(center, app);
  app.examples(center, [
    'hisops center serve --port 8700',
    'hisops center seed --from-his --date 2025-03-04 --plant 8',
    'hisops center watch --every 30s --for 4h --notify',
    'hisops center stats --from 2026-03-04',
  ]);
}
