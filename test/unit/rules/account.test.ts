/**
 * Personal account, worked by hand. Bill: 甲类 3000, 乙类 1000 (default 0.10: pre 100, in scope
 * 900), 丙类 200 → medfee 4200, in scope 3900; deductible 900; fund (3900 − 900) × 0.80 = 2400.00;
 * the personal burden 4200 − 2400 = 1800 = in-scope part 1500 + pre-self-pay 100 + 丙类 200.
 * The test policy lets the account pay the in-scope part and pre-self-pay: 1600.
 */
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { splitBill, type Policy, type SettleResult } from '../../../src/core/rules/index.js';
import { input, line, testPolicy, variant } from './fixtures.js';

function settle(
  o: { flag?: boolean; balc?: string; mulaid?: string; type?: 'inpatient' | 'outpatient' },
  policy: Policy = testPolicy,
): SettleResult {
  return splitBill(
    input({
      lines: [line({ pric: '3000' }), line({ lv: '02', pric: '1000' }), line({ lv: '03', pric: '200' })],
      person: { acct_balc: new D(o.balc ?? '0'), mulaid_balc: new D(o.mulaid ?? '0'), ytd: { op_dedc: new D(200) } },
      visit: { acct_used_flag: o.flag ?? true, type: o.type ?? 'inpatient' },
    }),
    policy,
  );
}

function acct(r: SettleResult): [string, string, string, string] {
  const s = r.setlinfo;
  return [s.acct_pay, s.acct_mulaid_pay, s.psn_cash_pay, s.balc].map((x) => x.toFixed(2)) as [
    string,
    string,
    string,
    string,
  ];
}

describe('personal account', () => {
  it('is not used when acct_used_flag is 0', () => {
    expect(acct(settle({ flag: false, balc: '5000' }))).toEqual(['0.00', '0.00', '1800.00', '5000.00']);
  });

  it('pays the allowed parts when the balance covers them', () => {
    // 1600 from the account; cash 1800 − 1600 = 200 (the 丙类 line); balance 5000 − 1600 = 3400
    expect(acct(settle({ balc: '5000' }))).toEqual(['1600.00', '0.00', '200.00', '3400.00']);
  });

  it('stops at the balance, then uses mutual-aid balances', () => {
    // own 1000, mutual aid min(300, 600) = 300: acct_pay 1300 of which 300 mutual aid; cash 500; balance 0
    expect(acct(settle({ balc: '1000', mulaid: '300' }))).toEqual(['1300.00', '300.00', '500.00', '0.00']);
  });

  it('uses no mutual aid when the policy does not allow it', () => {
    const p = variant('  mutual_aid: true', '  mutual_aid: false');
    expect(acct(settle({ balc: '1000', mulaid: '300' }, p))).toEqual(['1000.00', '0.00', '800.00', '0.00']);
  });

  it('pays fully self-paid items only when the policy lists them', () => {
    const p = variant('  pays: [inscp_personal, preselfpay]', '  pays: [inscp_personal, preselfpay, fulamt]');
    // 1600 + 200 = 1800: nothing left in cash
    expect(acct(settle({ balc: '5000' }, p))).toEqual(['1800.00', '0.00', '0.00', '3200.00']);
  });

  it('is not used for a visit type the policy does not list', () => {
    const p = variant('  visits: [inpatient, outpatient]\n  pays', '  visits: [inpatient]\n  pays');
    // outpatient: deductible used up (op_dedc 200), fund (3900 × 0.50 = 1950) capped at 1,000; no account
    const r = settle({ balc: '5000', type: 'outpatient' }, p);
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('1000.00');
    expect(acct(r)).toEqual(['0.00', '0.00', '3200.00', '5000.00']);
  });

  it('explains where the account payment comes from', () => {
    const e = settle({ balc: '1000', mulaid: '300' }).explanation!.find((x) => x.field === 'acct_pay')!;
    expect(e.inputs).toMatchObject({
      inscp_personal: '1500.00',
      preselfpay: '100.00',
      payable: '1600.00',
      acct_balc: '1000.00',
      mulaid_balc: '300.00',
    });
    expect(e.source).toMatch(/^test-policy\.yaml:\d+$/);
  });
});
