import { describe, expect, it } from 'vitest';
import { isHisopsError } from '../../../src/core/errors.js';
import { addDays, daysBetween, isDay, resolvePeriods, type PeriodRequest } from '../../../src/core/reconcile/index.js';

const base: PeriodRequest = { today: '2025-03-10', maxDays: 31, mode: 'day' };

describe('periods', () => {
  it('knows calendar days', () => {
    expect([isDay('2024-02-29'), isDay('2025-02-29'), isDay('2025-13-01'), isDay('20250301')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(daysBetween('2025-02-27', '2025-03-02')).toBe(3);
  });

  it.each([
    [{}, '2025-03-09', '2025-03-09', 1],
    [{ date: 'today' }, '2025-03-10', '2025-03-10', 1],
    [{ date: 'yesterday' }, '2025-03-09', '2025-03-09', 1],
    [{ date: '20250304' }, '2025-03-04', '2025-03-04', 1],
    [{ from: '2025-02-27', to: '2025-03-02' }, '2025-02-27', '2025-03-02', 4],
    [{ from: '2025-02-27', to: '2025-03-02', mode: 'range' as const }, '2025-02-27', '2025-03-02', 1],
  ])('%j → %s … %s in %i period(s)', (req, begn, end, n) => {
    const p = resolvePeriods({ ...base, ...req });
    expect([p.begndate, p.enddate, p.periods.length]).toEqual([begn, end, n]);
    expect(p.periods[0]!.from).toBe(`${begn} 00:00:00`);
    expect(p.periods[p.periods.length - 1]!.to).toBe(`${addDays(end, 1)} 00:00:00`);
  });

  it.each([
    [{ date: '2025-02-30' }, 'RECONCILE_DATE', '"2025-02-30" is not a date'],
    [
      { date: '2025-03-04', from: '2025-03-01', to: '2025-03-02' },
      'RECONCILE_DATE_CONFLICT',
      '--date cannot be combined',
    ],
    [{ from: '2025-03-01' }, 'RECONCILE_RANGE_INCOMPLETE', '--from was given without --to'],
    [
      { from: '2025-03-05', to: '2025-03-01' },
      'RECONCILE_RANGE_BACKWARDS',
      'ends (2025-03-01) before it starts (2025-03-05)',
    ],
    [{ date: '2025-03-11' }, 'RECONCILE_RANGE_FUTURE', 'after today'],
    [{ from: '2025-01-01', to: '2025-03-01' }, 'RECONCILE_RANGE_TOO_LONG', '60 days; the limit is 31'],
  ])('%j → %s', (req, code, text) => {
    try {
      resolvePeriods({ ...base, ...req });
      throw new Error('no error');
    } catch (e) {
      if (!isHisopsError(e)) throw e;
      expect(e.code).toBe(code);
      expect(e.summary).toContain(text);
      expect(e.fix).toBeTruthy();
    }
  });
});
