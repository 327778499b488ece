import { describe, expect, it } from 'vitest';
import { isHisopsError } from '../../../src/core/errors.js';
import { DEFAULT_SETTINGS, resolveWindow, traceSettings } from '../../../src/core/trace/index.js';

function fails(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isHisopsError(e)) return `${e.code}: ${e.summary} → ${e.fix}`;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('traceSettings', () => {
  it('defaults, then hisops.yaml, then flags', () => {
    expect(traceSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    const s = traceSettings(
      { concurrency: 8, rate: 2.5, defaults: { prsc_dr_name: '药师代开', rx_circ_flag: null, hi_feesetl_type: 1 } },
      { concurrency: '3', batchSize: '20' },
    );
    expect(s).toMatchObject({ concurrency: 3, rate: 2.5, batchSize: 20, retries: 4 });
    expect(s.defaults).toEqual({ prsc_dr_name: '药师代开', psn_cert_type: '99', trdn_flag: '0', hi_feesetl_type: '1' });
  });

  it('refuses bad values and unknown keys, saying what is allowed', () => {
    expect(fails(() => traceSettings({ concurrency: 0 }))).toMatch(
      /TRACE_SETTING: hisops.yaml trace.concurrency is 0 → Give a whole number from 1 to 64/,
    );
    expect(fails(() => traceSettings({}, { rate: 'fast' }))).toMatch(/--rate is "fast"/);
    expect(fails(() => traceSettings({}, { batchSize: '2.5' }))).toMatch(/--batch-size is "2.5"/);
    expect(fails(() => traceSettings({ speed: 3 }))).toMatch(/trace.speed is not a trace setting/);
    expect(fails(() => traceSettings(['x']))).toMatch(/not a mapping/);
    expect(fails(() => traceSettings({ defaults: { 'Bad-Name': 1 } }))).toMatch(/not a national field name/);
  });
});

describe('resolveWindow', () => {
  const today = '2026-01-10';
  it.each([
    [{}, { from: '2026-01-03', to: '2026-01-10' }],
    [{ from: '2026-01-08' }, { from: '2026-01-08', to: '2026-01-10' }],
    [{ to: '2026-01-05' }, { from: '2026-01-05', to: '2026-01-05' }],
    [
      { from: '2026-01-01', to: '2026-01-02' },
      { from: '2026-01-01', to: '2026-01-02' },
    ],
  ])('%j → %j', (flags, w) => expect(resolveWindow({ ...flags, today, lookbackDays: 7 })).toEqual(w));

  it('refuses bad dates and backwards windows', () => {
    expect(fails(() => resolveWindow({ from: '2026-02-30', today, lookbackDays: 7 }))).toMatch(
      /--from 2026-02-30 is not a date/,
    );
    expect(fails(() => resolveWindow({ from: '2026-01-09', to: '2026-01-01', today, lookbackDays: 7 }))).toMatch(
      /is after --to/,
    );
    expect(fails(() => resolveWindow({ from: '2024-01-01', to: '2026-01-01', today, lookbackDays: 7 }))).toMatch(
      /at most 366 days/,
    );
  });
});
