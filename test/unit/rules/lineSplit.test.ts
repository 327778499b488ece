/**
 * The per-item split, one rule per row, worked by hand. Test policy: 乙类 default ratio 0.10,
 * poverty group 0.05; child markup +20% under 6 for service items S100 and prefix S2.
 */
import { describe, expect, it } from 'vitest';
import { splitBill, type LineSplit } from '../../../src/core/rules/index.js';
import { input, line, testPolicy, variant, type LineSpec } from './fixtures.js';

type Parts = [fee: string, fulamt: string, overlmt: string, pre: string, inscp: string];

function split(spec: LineSpec, person: { age?: number; psn_groups?: string[] } = {}): LineSplit {
  // A second, large in-scope line keeps the bill well above the deductible; we look at line 0 only.
  const r = splitBill(
    input({ lines: [line(spec), line({ pric: '5000' })], person: { age: 40, ...person } }),
    testPolicy,
  );
  return r.lines[0]!;
}

function parts(l: LineSplit): Parts {
  return [l.det_item_fee_sumamt, l.fulamt_ownpay_amt, l.overlmt_amt, l.preselfpay_amt, l.inscp_scp_amt].map((x) =>
    x.toFixed(2),
  ) as Parts;
}

const cases: Array<{ name: string; spec: LineSpec; person?: { age?: number; psn_groups?: string[] }; want: Parts }> = [
  // 2 × 15.50 = 31.00, all in scope
  { name: '甲类: all in scope', spec: { cnt: '2', pric: '15.50' }, want: ['31.00', '0.00', '0.00', '0.00', '31.00'] },
  // 100 × 0.20 (catalog ratio) = 20.00 pre-self-pay; 100 − 20 = 80.00 in scope
  {
    name: '乙类 with the catalog ratio',
    spec: { lv: '02', pric: '100', prop: '0.20' },
    want: ['100.00', '0.00', '0.00', '20.00', '80.00'],
  },
  // no ratio on the line → policy default 0.10: 10.00; 90.00 in scope
  {
    name: '乙类 with the policy default',
    spec: { lv: '02', pric: '100' },
    want: ['100.00', '0.00', '0.00', '10.00', '90.00'],
  },
  // poverty overrides the catalog's 0.20 with 0.05: 5.00; 95.00
  {
    name: '乙类 ratio overridden by person group',
    spec: { lv: '02', pric: '100', prop: '0.20' },
    person: { psn_groups: ['poverty'] },
    want: ['100.00', '0.00', '0.00', '5.00', '95.00'],
  },
  // 丙类: 50.00 fully self-paid
  { name: '丙类 fully self-paid', spec: { lv: '03', pric: '50' }, want: ['50.00', '50.00', '0.00', '0.00', '0.00'] },
  // no national code: fully self-paid whatever the category says
  {
    name: 'no valid mapping (no code)',
    spec: { code: null, lv: '01', pric: '50' },
    want: ['50.00', '50.00', '0.00', '0.00', '0.00'],
  },
  {
    name: 'no valid mapping (no category)',
    spec: { lv: null, pric: '50' },
    want: ['50.00', '50.00', '0.00', '0.00', '0.00'],
  },
  // 3 × 120 = 360; over limit (120 − 100) × 3 = 60; 300 in scope
  {
    name: 'price above the limit',
    spec: { cnt: '3', pric: '120', limit: '100' },
    want: ['360.00', '0.00', '60.00', '0.00', '300.00'],
  },
  // price at the limit: nothing over
  {
    name: 'price at the limit',
    spec: { pric: '100', limit: '100' },
    want: ['100.00', '0.00', '0.00', '0.00', '100.00'],
  },
  // 2 × 80 = 160; over (80 − 50) × 2 = 60; pre (160 − 60) × 0.20 = 20; in scope 80
  {
    name: '乙类 above the limit: limit first, then ratio',
    spec: { lv: '02', cnt: '2', pric: '80', limit: '50', prop: '0.20' },
    want: ['160.00', '0.00', '60.00', '20.00', '80.00'],
  },
  // 3 × 3.335 = 10.005 → 10.01 (half-up); pre 10.01 × 0.15 = 1.5015 → 1.50; in scope 8.51
  {
    name: 'rounding half-up per line',
    spec: { lv: '02', cnt: '3', pric: '3.335', prop: '0.15' },
    want: ['10.01', '0.00', '0.00', '1.50', '8.51'],
  },
  // child markup: listed S100, service item, age 3: 50 × 1.20 = 60.00
  {
    name: 'child markup on a listed service item',
    spec: { code: 'S100', pric: '50', list_type: '201' },
    person: { age: 3 },
    want: ['60.00', '0.00', '0.00', '0.00', '60.00'],
  },
  // by prefix S2: 2 × 12.5 × 1.2 = 30.00
  {
    name: 'child markup by code prefix',
    spec: { code: 'S2001', cnt: '2', pric: '12.5', list_type: '201' },
    person: { age: 5 },
    want: ['30.00', '0.00', '0.00', '0.00', '30.00'],
  },
  // the limit rises with the price: 50 → 60, limit 45 → 54, over (60 − 54) × 1 = 6
  {
    name: 'child markup raises the limit too',
    spec: { code: 'S100', pric: '50', limit: '45', list_type: '201' },
    person: { age: 3 },
    want: ['60.00', '0.00', '6.00', '0.00', '54.00'],
  },
  // age 6 is not under 6: no markup
  {
    name: 'no child markup at 6',
    spec: { code: 'S100', pric: '50', list_type: '201' },
    person: { age: 6 },
    want: ['50.00', '0.00', '0.00', '0.00', '50.00'],
  },
  // S300 is not listed
  {
    name: 'no child markup for an unlisted item',
    spec: { code: 'S300', pric: '50', list_type: '201' },
    person: { age: 3 },
    want: ['50.00', '0.00', '0.00', '0.00', '50.00'],
  },
  // a drug (list_type 101) with a listed code is not a service item
  {
    name: 'no child markup for a drug',
    spec: { code: 'S100', pric: '50', list_type: '101' },
    person: { age: 3 },
    want: ['50.00', '0.00', '0.00', '0.00', '50.00'],
  },
];

describe('per-item split', () => {
  for (const c of cases) {
    it(c.name, () => {
      const l = split(c.spec, c.person);
      expect(parts(l)).toEqual(c.want);
      // every line adds up
      expect(
        l.fulamt_ownpay_amt.plus(l.overlmt_amt).plus(l.preselfpay_amt).plus(l.inscp_scp_amt).eq(l.det_item_fee_sumamt),
      ).toBe(true);
    });
  }

  it('splits a refund as the exact negative of its charge', () => {
    // charge 3 × 3.335 (乙类 0.15) = 10.01 / pre 1.50 / in scope 8.51; refund 1 unit: 3.335 → 3.34 (half-up,
    // away from zero for −3.335 → −3.34), pre −3.34 × 0.15 = −0.501 → −0.50, in scope −2.84
    const r = splitBill(
      input({
        lines: [
          line({ sn: 'A', lv: '02', cnt: '3', pric: '3.335', prop: '0.15' }),
          line({ sn: 'R', lv: '02', cnt: '-1', pric: '3.335', prop: '0.15', refund: 'A' }),
        ],
      }),
      testPolicy,
    );
    expect(parts(r.lines[1]!)).toEqual(['-3.34', '0.00', '0.00', '-0.50', '-2.84']);
    expect(r.setlinfo.medfee_sumamt.toFixed(2)).toBe('6.67');
    expect(r.setlinfo.preselfpay_amt.toFixed(2)).toBe('1.00');
  });

  it('makes the hospital bear over-limit and unmapped parts when the policy says so', () => {
    const p = variant(
      'items:\n  b_class:',
      'items:\n  hospital_borne: { over_limit: true, unmapped: true }\n  b_class:',
    );
    // over-limit (120 − 100) × 3 = 60 and the unmapped 50 go to hosp_part_amt; 丙类 stays personal
    const r = splitBill(
      input({
        lines: [
          line({ cnt: '3', pric: '120', limit: '100' }),
          line({ code: null, pric: '50' }),
          line({ lv: '03', pric: '30' }),
        ],
      }),
      p,
    );
    expect(r.lines.map((l) => l.hosp_part_amt.toFixed(2))).toEqual(['60.00', '50.00', '0.00']);
    expect(r.setlinfo.hosp_part_amt.toFixed(2)).toBe('110.00');
    expect(r.setlinfo.overlmt_selfpay.toFixed(2)).toBe('60.00');
    // in scope 300 < deductible 900: the fund pays nothing; the patient pays 440 − 110 = 330
    expect(r.setlinfo.psn_part_amt.toFixed(2)).toBe('330.00');
  });

  it('explains each line', () => {
    const l = splitBill(
      input({ lines: [line({ lv: '02', cnt: '2', pric: '80', limit: '50', prop: '0.20' })] }),
      testPolicy,
    ).lines[0]!;
    expect(l.rule).toBe(
      'chrgitm_lv 02: fee 2 × 80 = 160.00; over limit (80 − 50) × 2 = 60.00; 乙类 pre-self-pay 100.00 × 0.2 (catalog) = 20.00; in scope 80.00',
    );
  });
});
