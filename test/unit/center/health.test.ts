/** The watch's verdict, percentiles, watch settings and hourly stats: pure functions. */
import { describe, expect, it } from 'vitest';
import {
  hourlyStats,
  parseWatchSettings,
  percentile,
  watchVerdict,
  type Probe,
} from '../../../src/core/center/health/index.js';

const s = { p95Ms: 100, failures: 2, windowMs: 1000 };
const probe = (at: number, ok: boolean, durations: number[]): Probe => ({
  at,
  ok,
  durations,
  code: ok ? undefined : 'CENTER_REFUSED',
});

describe('center health', () => {
  it('percentile is nearest-rank', () => {
    expect(percentile([], 95)).toBeNull();
    expect(percentile([5], 99)).toBe(5);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
  });

  it('slow over the window, not before it; failures must be consecutive', () => {
    expect(watchVerdict([probe(0, true, [500]), probe(5000, true, [20])], s, 5000).findings).toEqual([]);
    expect(
      watchVerdict([probe(4500, true, [500]), probe(5000, true, [20])], s, 5000).findings.map((f) => f.kind),
    ).toEqual(['center_slow']);
    expect(
      watchVerdict([probe(1, false, []), probe(2, true, [1]), probe(3, false, [])], s, 3).consecutive_failures,
    ).toBe(1);
    const v = watchVerdict([probe(1, false, []), probe(2, false, [])], s, 3);
    expect(v.findings).toMatchObject([{ kind: 'center_failing', failures: 2, code: 'CENTER_REFUSED' }]);
  });

  it('the words of a lasting problem stay the same (one alert, not one per round)', () => {
    const a = watchVerdict([probe(1, true, [300])], s, 1).findings[0]!;
    const b = watchVerdict([probe(1, true, [900])], s, 1).findings[0]!;
    expect(a.message).toBe(b.message);
    expect([a.p95_ms, b.p95_ms]).toEqual([300, 900]);
  });

  it('settings: defaults, a window duration, bad values', () => {
    expect(parseWatchSettings(undefined)).toEqual({ p95Ms: 3000, failures: 3, windowMs: 300_000 });
    expect(parseWatchSettings({ p95Ms: 800, window: '2m' })).toMatchObject({ p95Ms: 800, windowMs: 120_000 });
    expect(() => parseWatchSettings({ failures: 0 })).toThrow(/watch\.failures/);
  });

  it('hourly stats group by local hour and infno', () => {
    const row = (at: string, infno: string, d: number, status = 'ok') => ({
      at,
      infno,
      fixmedins_code: 'H1',
      run_id: null,
      duration_ms: d,
      status,
      code: null,
    });
    const h = hourlyStats(
      [
        row('2026-03-04T00:10:00Z', '5203', 10),
        row('2026-03-04T00:50:00Z', '5203', 30, 'failed'),
        row('2026-03-04T01:05:00Z', '5203', 20, 'refused'),
        row('2026-03-04T00:20:00Z', '9001', 5),
      ],
      'Asia/Shanghai',
    );
    expect(h.map((x) => [x.hour, x.infno, x.count, x.failures, x.p50_ms, x.max_ms])).toEqual([
      ['2026-03-04 08:00', '5203', 2, 1, 10, 30],
      ['2026-03-04 08:00', '9001', 1, 0, 5, 5],
      ['2026-03-04 09:00', '5203', 1, 0, 20, 20],
    ]);
    expect(h.map((x) => x.refused)).toEqual([0, 0, 1]);
  });
});
