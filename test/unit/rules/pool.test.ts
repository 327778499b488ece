/**
 * Deductible, fund ratio, bands and ceiling of the basic pool, worked by hand.
 * Test policy, inpatient: deductible 300/600/900 by level (out of area 500/1000/1500), 2nd
 * admission ×0.5, 3rd ×0, poverty ×0, low_income ×0.5; ratio 0.90/0.85/0.80, retired +0.05,
 * age ≥ 70 +0.03, poverty +0.05, out of area −0.10; bands [0, 10000) +0, [10000, ∞) +0.05;
 * annual ceiling 50,000.
 */
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { splitBill, type Person, type SettleResult, type Visit } from '../../../src/core/rules/index.js';
import { inscope, input, testPolicy, variant } from './fixtures.js';

function settle(
  amount: string,
  o: { lv?: string; person?: Partial<Person>; visit?: Partial<Visit> } = {},
  policy = testPolicy,
): SettleResult {
  return splitBill(input({ lines: [inscope(amount)], hosp_lv: o.lv, person: o.person, visit: o.visit }), policy);
}

const cases: Array<{
  name: string;
  amount: string;
  lv?: string;
  person?: Partial<Person>;
  visit?: Partial<Visit>;
  dedc: string;
  hifp: string;
}> = [
  // [900, 10000) × 0.80 = 7280.00; [10000, 20000) × 0.85 = 8500.00 → 15780.00
  { name: 'level 3, first admission', amount: '20000', dedc: '900.00', hifp: '15780.00' },
  // [300, 10000) × 0.90 = 8730.00; [10000, 20000) × 0.95 = 9500.00 → 18230.00
  { name: 'level 1', amount: '20000', lv: '1', dedc: '300.00', hifp: '18230.00' },
  // 900 × 0.5 = 450; [450, 10000) × 0.80 = 7640.00 + 8500.00 = 16140.00
  {
    name: 'second admission of the year: half deductible',
    amount: '20000',
    visit: { admission_count: 2 },
    dedc: '450.00',
    hifp: '16140.00',
  },
  // no deductible: 10000 × 0.80 = 8000.00 + 8500.00 = 16500.00
  { name: 'fourth admission: none', amount: '20000', visit: { admission_count: 4 }, dedc: '0.00', hifp: '16500.00' },
  // poverty: deductible × 0; ratio 0.85: 8500.00 + [10000, 20000) × 0.90 = 9000.00 → 17500.00
  {
    name: 'poverty group: no deductible, +5 points',
    amount: '20000',
    person: { psn_groups: ['poverty'] },
    dedc: '0.00',
    hifp: '17500.00',
  },
  // low_income: 900 × 0.5 = 450, no ratio change → 16140.00
  {
    name: 'low-income group: half deductible',
    amount: '20000',
    person: { psn_groups: ['low_income'] },
    dedc: '450.00',
    hifp: '16140.00',
  },
  // two groups: the lowest deductible factor (poverty 0) and the largest plus (poverty +0.05)
  {
    name: 'two groups: the most favourable applies',
    amount: '20000',
    person: { psn_groups: ['low_income', 'poverty'] },
    dedc: '0.00',
    hifp: '17500.00',
  },
  // out of area: 1500; ratio 0.70: [1500, 10000) × 0.70 = 5950.00; × 0.75 → 7500.00 → 13450.00
  { name: 'out of area', amount: '20000', visit: { in_area: false }, dedc: '1500.00', hifp: '13450.00' },
  // retired 0.85: 9100 × 0.85 = 7735.00; 10000 × 0.90 = 9000.00 → 16735.00
  { name: 'retired', amount: '20000', person: { retired: true }, dedc: '900.00', hifp: '16735.00' },
  // retired and 72: 0.88: 9100 × 0.88 = 8008.00; 10000 × 0.93 = 9300.00 → 17308.00
  {
    name: 'retired, age band 70+',
    amount: '20000',
    person: { retired: true, age: 72 },
    dedc: '900.00',
    hifp: '17308.00',
  },
  // in scope below the deductible: all of it is deductible, nothing from the fund
  { name: 'below the deductible', amount: '500', dedc: '500.00', hifp: '0.00' },
  // [900, 1234.57) × 0.80 = 267.656 → 267.66
  { name: 'band amount rounded half-up', amount: '1234.57', dedc: '900.00', hifp: '267.66' },
  // ceiling: 40,000 paid this year, 10,000 left of 50,000 → 10000.00 instead of 15780.00
  {
    name: 'annual ceiling',
    amount: '20000',
    person: { ytd: { ip_hifp_pay: new D(40000) } },
    dedc: '900.00',
    hifp: '10000.00',
  },
  // ceiling reached earlier in the year
  {
    name: 'ceiling already reached',
    amount: '20000',
    person: { ytd: { ip_hifp_pay: new D(50000) } },
    dedc: '900.00',
    hifp: '0.00',
  },
];

describe('basic pool: deductible, ratio, bands, ceiling', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = settle(c.amount, c);
      expect(r.setlinfo.act_pay_dedc.toFixed(2)).toBe(c.dedc);
      expect(r.setlinfo.hifp_pay.toFixed(2)).toBe(c.hifp);
    });
  }

  it('back-computes the over-ceiling part for the over-ceiling supplement', () => {
    // 10,000 left: [900, 10000) pays 7280, so 2720 more at 0.85 → 3200 of in-scope: the fund
    // reaches the ceiling at 13,200; over the ceiling: 20000 − 13200 = 6800; hifob 0.90 × 6800 = 6120.00
    const r = settle('20000', { person: { ytd: { ip_hifp_pay: new D(40000) } } });
    expect(r.stay.over_ceiling_amt.toFixed(2)).toBe('6800.00');
    expect(r.setlinfo.hifob_pay.toFixed(2)).toBe('6120.00');
    // nothing left: everything above the deductible is over the ceiling: 19100 × 0.90 = 17190.00
    const none = settle('20000', { person: { ytd: { ip_hifp_pay: new D(50000) } } });
    expect(none.stay.over_ceiling_amt.toFixed(2)).toBe('19100.00');
    expect(none.setlinfo.hifob_pay.toFixed(2)).toBe('17190.00');
  });

  it('reports the ratio of the band of the last in-scope yuan as pool_prop_selfpay', () => {
    expect(settle('20000').setlinfo.pool_prop_selfpay.toFixed(4)).toBe('0.8500');
    expect(settle('10000').setlinfo.pool_prop_selfpay.toFixed(4)).toBe('0.8000');
    expect(settle('20000', { person: { retired: true, age: 80 } }).setlinfo.pool_prop_selfpay.toFixed(4)).toBe(
      '0.9300',
    );
  });

  it('keeps every band ratio within 1', () => {
    // level 1 retired 75 poverty: 0.90 + 0.05 + 0.03 + 0.05 = 1.03 → 1 (band 0) and 1.08 → 1 (band 1);
    // poverty: no deductible → the fund pays all 20000.00
    const r = settle('20000', { lv: '1', person: { retired: true, age: 75, psn_groups: ['poverty'] } });
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('20000.00');
    expect(r.setlinfo.pool_prop_selfpay.toFixed(4)).toBe('1.0000');
  });

  it('rounds per band or once, as the policy says', () => {
    // bands [0, 1000.01) × 0.80 and [1000.01, ∞) × 0.85; 4th admission (no deductible); in scope 1000.04:
    //   per band: 1000.01 × 0.80 = 800.008 → 800.01; 0.03 × 0.85 = 0.0255 → 0.03; sum 800.04
    //   once:     800.008 + 0.0255 = 800.0335 → 800.03
    const bands = '    - { from: 0, to: 10000, plus: 0 }\n    - { from: 10000, plus: 0.05 }';
    const odd = '    - { from: 0, to: 1000.01, plus: 0 }\n    - { from: 1000.01, plus: 0.05 }';
    const perBand = variant(bands, odd);
    const total = variant(bands, odd, 'items:\n  b_class:', 'rounding: { fund: total }\nitems:\n  b_class:');
    expect(settle('1000.04', { visit: { admission_count: 4 } }, perBand).setlinfo.hifp_pay.toFixed(2)).toBe('800.04');
    expect(settle('1000.04', { visit: { admission_count: 4 } }, total).setlinfo.hifp_pay.toFixed(2)).toBe('800.03');
    // mode down: [900, 1234.57) × 0.80 = 267.656 → 267.65
    const down = variant(`items:\n  b_class:`, `rounding: { mode: down }\nitems:\n  b_class:`);
    expect(settle('1234.57', {}, down).setlinfo.hifp_pay.toFixed(2)).toBe('267.65');
  });
});

describe('outpatient pooling', () => {
  // outpatient: deductible 200 a year, ratio 0.50 at level 3, annual cap 1,000
  const op = (amount: string, ytd: Record<string, string>): SettleResult =>
    settle(amount, {
      visit: { type: 'outpatient' },
      person: { ytd: Object.fromEntries(Object.entries(ytd).map(([k, v]) => [k, new D(v)])) },
    });

  it('takes the rest of the annual deductible and pays the ratio', () => {
    // 150 of 200 paid this year → 50 left; (300 − 50) × 0.50 = 125.00
    const r = op('300', { op_dedc: '150' });
    expect(r.setlinfo.act_pay_dedc.toFixed(2)).toBe('50.00');
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('125.00');
    expect(r.accumulators.op_dedc!.toFixed(2)).toBe('200.00');
    expect(r.accumulators.op_hifp_pay!.toFixed(2)).toBe('125.00');
  });

  it('stops at the annual cap', () => {
    // 950 of 1,000 paid this year: 125 due, 50 paid
    const r = op('300', { op_dedc: '150', op_hifp_pay: '950' });
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('50.00');
    expect(r.accumulators.op_hifp_pay!.toFixed(2)).toBe('1000.00');
  });

  it('does not apply the inpatient supplements', () => {
    const r = op('30000', { op_dedc: '200' });
    expect(r.setlinfo.hifmi_pay.toFixed(2)).toBe('0.00');
    expect(r.setlinfo.hifob_pay.toFixed(2)).toBe('0.00');
  });

  it('pays nothing when the policy has no section for the visit type', () => {
    const noOp = variant(
      'outpatient:\n  deductible: { per: year, by_level: { "1": 200, "2": 200, "3": 200 } }\n  ratio: { by_level: { "1": 0.60, "2": 0.50, "3": 0.50 } }\n  ceiling: 1000\n',
      '',
    );
    const r = settle('300', { visit: { type: 'outpatient' } }, noOp);
    expect(r.setlinfo.fund_pay_sumamt.toFixed(2)).toBe('0.00');
    expect(r.setlinfo.psn_part_amt.toFixed(2)).toBe('300.00');
  });
});
