/**
 * Supplements after the basic pool, worked by hand. Test policy, in order:
 *   hifob_pay  over the ceiling, 0.90, cap 100,000;
 *   hifmi_pay  personal in-scope burden of the year above 5,000 (poverty 2,500), segments
 *              [0, 10000) 0.50 and [10000, ∞) 0.70 above the threshold, poverty +0.10,
 *              cap 20,000 (poverty: none);
 *   cvlserv_pay civil_servant, 0.50 of the stay's remaining personal burden;
 *   maf_pay    poverty, 0.60 of the remaining burden, cap 3,000.
 * In scope 30,000 at level 3 (no groups): deductible 900; fund [900, 10000) × 0.80 = 7280.00 +
 * [10000, 30000) × 0.85 = 17000.00 → 24280.00; personal in-scope burden 30000 − 24280 = 5720.
 */
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { splitBill, type Person, type SettleResult } from '../../../src/core/rules/index.js';
import { inscope, input, line, testPolicy, variant } from './fixtures.js';

function settle(amount: string, person: Partial<Person> = {}): SettleResult {
  return splitBill(input({ lines: [inscope(amount)], person }), testPolicy);
}

const ytd = (o: Record<string, string>): Record<string, InstanceType<typeof D>> =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, new D(v)]));

describe('supplements', () => {
  const cases: Array<{ name: string; person?: Partial<Person>; want: Record<string, string> }> = [
    // base 5720, above 5000: 720 × 0.50 = 360.00
    {
      name: 'serious illness above its threshold',
      want: { hifp_pay: '24280.00', hifmi_pay: '360.00', fund_pay_sumamt: '24640.00', psn_part_amt: '5360.00' },
    },
    // year base before 8000 → after 13720: S(13720) = 8720 × 0.5 = 4360; S(8000) = 3000 × 0.5 = 1500; 2860.00
    {
      name: 'serious illness counts the year',
      person: { ytd: ytd({ hifmi_pay_base: '8000', hifmi_pay: '1500' }) },
      want: { hifmi_pay: '2860.00' },
    },
    // 14000 → 19720: S = 10000 × 0.5 + 4720 × 0.7 = 8304; S(14000) = 9000 × 0.5 = 4500; 3804.00
    {
      name: 'serious illness across segments',
      person: { ytd: ytd({ hifmi_pay_base: '14000', hifmi_pay: '4500' }) },
      want: { hifmi_pay: '3804.00' },
    },
    // 3804 due but only 20000 − 19000 = 1000 left of the cap
    {
      name: 'serious illness stops at its cap',
      person: { ytd: ytd({ hifmi_pay_base: '14000', hifmi_pay: '19000' }) },
      want: { hifmi_pay: '1000.00' },
    },
    // poverty: no deductible, ratio 0.85: 8500 + 20000 × 0.90 = 26500; burden 3500; threshold 2500,
    // ratio 0.60: 1000 × 0.60 = 600.00; medical assistance (3500 − 600) × 0.60 = 1740.00;
    // fund 26500 + 600 + 1740 = 28840.00; patient 30000 − 28840 = 1160.00
    {
      name: 'poverty group: lower threshold, more points, medical assistance',
      person: { psn_groups: ['poverty'] },
      want: {
        hifp_pay: '26500.00',
        hifmi_pay: '600.00',
        maf_pay: '1740.00',
        fund_pay_sumamt: '28840.00',
        psn_part_amt: '1160.00',
      },
    },
    // poverty has no cap: 25,000 already paid this year does not stop it
    {
      name: 'poverty group has no cap',
      person: { psn_groups: ['poverty'], ytd: ytd({ hifmi_pay: '25000' }) },
      want: { hifmi_pay: '600.00' },
    },
    // medical assistance cap: 2,500 of 3,000 used → 500.00
    {
      name: 'medical assistance stops at its cap',
      person: { psn_groups: ['poverty'], ytd: ytd({ maf_pay: '2500' }) },
      want: { maf_pay: '500.00' },
    },
    // civil servant: (5720 − 360) × 0.50 = 2680.00
    {
      name: 'civil-servant subsidy on what is left',
      person: { psn_groups: ['civil_servant'] },
      want: { hifmi_pay: '360.00', cvlserv_pay: '2680.00', fund_pay_sumamt: '27320.00' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = settle('30000', c.person);
      for (const [f, v] of Object.entries(c.want))
        expect(`${f} ${r.setlinfo[f as 'hifp_pay'].toFixed(2)}`).toBe(`${f} ${v}`);
    });
  }

  it('pays the over-ceiling supplement before the ones that share the burden', () => {
    // ceiling left 10,000 → over the ceiling 6800 (see pool.test.ts); hifob 6120.00;
    // burden 20000 − 10000 − 6120 = 3880 < 5000: no hifmi
    const r = splitBill(
      input({ lines: [inscope('20000')], person: { ytd: ytd({ ip_hifp_pay: '40000' }) } }),
      testPolicy,
    );
    expect(r.setlinfo.hifob_pay.toFixed(2)).toBe('6120.00');
    expect(r.setlinfo.hifmi_pay.toFixed(2)).toBe('0.00');
    // hifob cap: 99,000 of 100,000 used → 1000.00
    const capped = splitBill(
      input({ lines: [inscope('20000')], person: { ytd: ytd({ ip_hifp_pay: '40000', hifob_pay: '99000' }) } }),
      testPolicy,
    );
    expect(capped.setlinfo.hifob_pay.toFixed(2)).toBe('1000.00');
  });

  it('updates the year-to-date accumulators', () => {
    const r = settle('30000', { ytd: ytd({ hifmi_pay_base: '8000', hifmi_pay: '1500', ip_hifp_pay: '100' }) });
    expect(r.accumulators.hifmi_pay_base!.toFixed(2)).toBe('13720.00');
    expect(r.accumulators.hifmi_pay!.toFixed(2)).toBe('4360.00');
    expect(r.accumulators.ip_hifp_pay!.toFixed(2)).toBe('24380.00');
    expect(r.accumulators.ip_dedc!.toFixed(2)).toBe('900.00');
  });

  it('can count 乙类 pre-self-pay in the base', () => {
    // 乙类 line 10,000 at 0.10: pre 1000, in scope 9000; plus 21,000 in scope → 30,000 in scope, fund 24280,
    // burden 5720 + pre 1000 = 6720; above 5000: 1720 × 0.50 = 860.00
    const p = variant(
      '    period: year\n    threshold: { default: 5000',
      '    period: year\n    include_preselfpay: true\n    threshold: { default: 5000',
    );
    const r = splitBill(input({ lines: [line({ lv: '02', pric: '10000' }), inscope('21000')] }), p);
    expect(r.setlinfo.inscp_scp_amt.toFixed(2)).toBe('30000.00');
    expect(r.setlinfo.hifmi_pay.toFixed(2)).toBe('860.00');
  });
});
