import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import {
  assertInvariants,
  checkInvariants,
  compareSettlement,
  splitBill,
  type SetlinfoLike,
} from '../../../src/core/rules/index.js';
import { inscope, input, line, testPolicy } from './fixtures.js';

/** A consistent setlinfo as the center returns it: 1000 = fund 700 + person 300; 300 = acct 100 + cash 200. */
function center(over: Record<string, string> = {}): SetlinfoLike {
  const base: Record<string, string> = {
    medfee_sumamt: '1000.00',
    fulamt_ownpay_amt: '50.00',
    overlmt_selfpay: '0.00',
    preselfpay_amt: '30.00',
    inscp_scp_amt: '920.00',
    act_pay_dedc: '100.00',
    hifp_pay: '600.00',
    cvlserv_pay: '60.00',
    hifes_pay: '0.00',
    hifmi_pay: '0.00',
    hifob_pay: '0.00',
    maf_pay: '40.00',
    oth_pay: '0.00',
    hifdm_pay: '0.00',
    fund_pay_sumamt: '700.00',
    psn_part_amt: '300.00',
    hosp_part_amt: '0.00',
    acct_pay: '100.00',
    acct_mulaid_pay: '20.00',
    psn_cash_pay: '200.00',
    balc: '0.00',
    ...over,
  };
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, new D(v)]));
}

describe('invariants I1–I7', () => {
  it('accepts a consistent settlement', () => {
    expect(checkInvariants(center())).toEqual([]);
  });

  const broken: Array<[string, Record<string, string>, string]> = [
    ['I1', { psn_part_amt: '300.02', psn_cash_pay: '200.02' }, 'error'],
    ['I2', { maf_pay: '45.00' }, 'error'],
    ['I3', { acct_mulaid_pay: '120.00' }, 'error'],
    ['I4', { psn_cash_pay: '210.00' }, 'warning'],
    ['I5', { fulamt_ownpay_amt: '60.00' }, 'error'],
    ['I6', { act_pay_dedc: '950.00' }, 'error'],
    ['I7', { balc: '-5.00' }, 'error'],
  ];
  for (const [id, over, severity] of broken) {
    it(`flags ${id}`, () => {
      const v = checkInvariants(center(over));
      expect(v.map((x) => x.id)).toContain(id);
      expect(v.find((x) => x.id === id)!.severity).toBe(severity);
    });
  }

  it('tolerates 0.01 by default and nothing with tolerance 0', () => {
    const off = center({ psn_part_amt: '300.01', psn_cash_pay: '200.01' });
    expect(checkInvariants(off)).toEqual([]);
    expect(checkInvariants(off, { tolerance: 0 }).map((x) => x.id)).toEqual(['I1']);
  });

  it('accepts hifdm_pay inside oth_pay (variant b of I2)', () => {
    expect(
      checkInvariants(
        center({
          oth_pay: '10.00',
          hifdm_pay: '10.00',
          fund_pay_sumamt: '710.00',
          medfee_sumamt: '1010.00',
          inscp_scp_amt: '930.00',
        }),
      ),
    ).toEqual([]);
  });

  it('skips I5 for fixed-amount clearing', () => {
    const drg = center({ inscp_scp_amt: '800.00' });
    expect(checkInvariants(drg).map((x) => x.id)).toContain('I5');
    expect(checkInvariants(drg, { fixedAmount: true }).map((x) => x.id)).not.toContain('I5');
  });

  it('reports a fee line whose parts do not add up, with tolerance 0 and 0.01, whole fen or not', () => {
    const r = splitBill(input({ lines: [inscope('2000'), inscope('30.5')] }), testPolicy);
    expect(checkInvariants(r, { tolerance: 0 })).toEqual([]);
    const l = r.lines[1]!;
    for (const [inscp, tol, broken] of [
      ['30.51', 0, true],
      ['30.505', 0, true],
      ['30.505', '0.01', false],
      ['30.52', '0.01', true],
      ['1e20', 0, true],
    ] as const) {
      const lines = [r.lines[0]!, { ...l, inscp_scp_amt: new D(inscp) }];
      const v = checkInvariants({ ...r, lines }, { tolerance: tol });
      expect(
        v.some((x) => x.id === 'LINE'),
        `${inscp} ${tol}`,
      ).toBe(broken);
    }
  });

  it('treats a broken engine result as an internal error (exit 1)', () => {
    const r = splitBill(input({ lines: [inscope('2000')] }), testPolicy);
    const tampered = { ...r, setlinfo: { ...r.setlinfo, hifp_pay: r.setlinfo.hifp_pay.plus('0.01') } };
    try {
      assertInvariants(tampered);
      throw new Error('accepted');
    } catch (e) {
      const h = e as HisopsError;
      expect(h.code).toBe('RULES_INVARIANT');
      expect(h.exit).toBe(1);
      // fund_pay_sumamt no longer matches the fund fields; I6 still holds (880.01 ≤ 2000 − 900)
      expect(h.summary).toMatch(/breaks I2 — a bug/);
    }
  });

  it('lists the fields where a recorded settlement differs from the policy, with the explanation', () => {
    // in scope 2000: deductible 900, fund 1100 × 0.80 = 880.00, patient 1120.00
    const r = splitBill(input({ lines: [inscope('2000'), line({ lv: '03', pric: '0' })] }), testPolicy);
    const recorded: SetlinfoLike = {
      medfee_sumamt: new D('2000'),
      hifp_pay: new D('900.00'),
      psn_part_amt: new D('1100.00'),
      acct_pay: new D('0.01'),
    };
    const diff = compareSettlement(recorded, r);
    expect(diff.map((x) => [x.field, x.recorded.toFixed(2), x.computed.toFixed(2), x.difference.toFixed(2)])).toEqual([
      ['hifp_pay', '900.00', '880.00', '20.00'],
      ['psn_part_amt', '1100.00', '1120.00', '-20.00'],
    ]);
    expect(diff[0]!.explanation!.inputs.act_pay_dedc).toBe('900.00');
  });
});
