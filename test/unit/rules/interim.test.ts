/**
 * Interim settlements (中途结算) of one stay: each computes the stay so far and subtracts what the
 * earlier ones settled, so the deductible paid earlier is carried and the parts add up.
 */
import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import { AMOUNT_FIELDS, splitBill, type SettleResult } from '../../../src/core/rules/index.js';
import { inscope, input, line, testPolicy } from './fixtures.js';

function next(prev: SettleResult, lines: ReturnType<typeof inscope>[]): SettleResult {
  return splitBill(
    input({
      lines,
      person: { ytd: prev.accumulators, acct_balc: prev.setlinfo.balc },
      visit: { carry: prev.stay, interim_no: prev.stay.settlements + 1, acct_used_flag: true },
    }),
    testPolicy,
  );
}

describe('interim settlements', () => {
  it('carries the deductible paid by an earlier interim settlement (worked by hand)', () => {
    // #1: in scope 500 < deductible 900 → all 500 is deductible, fund 0
    const first = splitBill(
      input({
        lines: [inscope('500')],
        person: { acct_balc: new D(2000) },
        visit: { interim_no: 1, acct_used_flag: true },
      }),
      testPolicy,
    );
    expect(first.setlinfo.act_pay_dedc.toFixed(2)).toBe('500.00');
    expect(first.setlinfo.hifp_pay.toFixed(2)).toBe('0.00');
    // #2: stay so far 3500 → deductible 900, fund (3500 − 900) × 0.80 = 2080;
    // this settlement: deductible 900 − 500 = 400, fund 2080 − 0 = 2080, patient 3000 − 2080 = 920
    const second = next(first, [inscope('3000')]);
    expect(second.setlinfo.act_pay_dedc.toFixed(2)).toBe('400.00');
    expect(second.setlinfo.hifp_pay.toFixed(2)).toBe('2080.00');
    expect(second.setlinfo.psn_part_amt.toFixed(2)).toBe('920.00');
    expect(second.stay.settlements).toBe(2);
    expect(second.accumulators.ip_dedc!.toFixed(2)).toBe('900.00');
    // the account: 500 at #1, 920 at #2; balance 2000 → 1500 → 580
    expect([first.setlinfo.acct_pay, second.setlinfo.acct_pay, second.setlinfo.balc].map((x) => x.toFixed(2))).toEqual([
      '500.00',
      '920.00',
      '580.00',
    ]);
    // the single settlement of the same stay
    const single = splitBill(
      input({
        lines: [inscope('500'), inscope('3000')],
        person: { acct_balc: new D(2000) },
        visit: { acct_used_flag: true },
      }),
      testPolicy,
    );
    for (const f of AMOUNT_FIELDS)
      expect(`${f} ${first.setlinfo[f].plus(second.setlinfo[f]).toFixed(2)}`).toBe(
        `${f} ${single.setlinfo[f].toFixed(2)}`,
      );
    expect(second.setlinfo.balc.eq(single.setlinfo.balc)).toBe(true);
  });

  it('explains this settlement as the stay total less the earlier ones', () => {
    const first = splitBill(input({ lines: [inscope('500')] }), testPolicy);
    const e = next(first, [inscope('3000')]).explanation!.find((x) => x.field === 'act_pay_dedc')!;
    expect(e.amount.toFixed(2)).toBe('400.00');
    expect(e.inputs).toMatchObject({ stay_total: '900.00', 'earlier 1 interim settlement(s)': '500.00' });
  });

  it('rejects an interim number that does not follow the carry', () => {
    expect(() => splitBill(input({ lines: [inscope('1')], visit: { interim_no: 2 } }), testPolicy)).toThrow(
      /interim settlement #2 but carry holds 0/,
    );
  });

  it('rejects year-to-date figures lower than the earlier interim settlements', () => {
    const first = splitBill(input({ lines: [inscope('5000')] }), testPolicy);
    try {
      splitBill(input({ lines: [inscope('1')], visit: { carry: first.stay } }), testPolicy);
      throw new Error('accepted');
    } catch (e) {
      expect((e as HisopsError).code).toBe('BILL_YTD_INCONSISTENT');
      expect((e as HisopsError).exit).toBe(2);
    }
  });

  it('rejects refunding a line settled in an earlier interim settlement', () => {
    const first = splitBill(input({ lines: [line({ sn: 'A', pric: '5000' })] }), testPolicy);
    try {
      next(first, [line({ sn: 'R', cnt: '-1', pric: '4000', refund: 'A' })]);
      throw new Error('accepted');
    } catch (e) {
      expect((e as HisopsError).code).toBe('BILL_REFUND_EARLIER');
      expect((e as HisopsError).fix).toMatch(/2305/);
    }
  });

  it('has no interim settlements for outpatient visits', () => {
    const first = splitBill(input({ lines: [inscope('100')] }), testPolicy);
    expect(() =>
      splitBill(input({ lines: [inscope('1')], visit: { type: 'outpatient', carry: first.stay } }), testPolicy),
    ).toThrow(/only inpatient stays have interim settlements/);
  });
});
