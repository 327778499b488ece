import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simpleSplit } from '../../../src/core/center/sandbox/index.js';
import { D, round2 } from '../../../src/core/money.js';

const cents = (max: number) => fc.integer({ min: 0, max }).map((n) => new D(n).div(100));

describe('simpleSplit', () => {
  it('keeps the settlement invariants I1, I3, I4, I6 and never overdraws the account', () => {
    fc.assert(
      fc.property(
        cents(1_000_000),
        cents(100_000),
        cents(100_000),
        cents(100_000),
        cents(500_000),
        fc.constantFrom('310', '390'),
        fc.constantFrom('11', '21'),
        fc.constantFrom('11', '12', '15'),
        fc.constantFrom('0', '1'),
        (inscp, fulamt, overlmt, presel, balc, insutype, clr_type, psn_type, acct_used_flag) => {
          const medfee = inscp.plus(fulamt).plus(overlmt).plus(presel);
          const r = simpleSplit({
            psn_no: 'P',
            setl_time: '2026-01-01 10:00:00',
            cvlserv_flag: '0',
            insutype,
            clr_type,
            med_type: clr_type,
            psn_type,
            age: 40,
            medfee_sumamt: medfee,
            fulamt_ownpay_amt: fulamt,
            overlmt_selfpay: overlmt,
            preselfpay_amt: presel,
            inscp_scp_amt: inscp,
            acct_used_flag,
            balc,
            out_of_area: false,
          });
          expect(r.medfee_sumamt.eq(r.fund_pay_sumamt.plus(r.psn_part_amt).plus(r.hosp_part_amt))).toBe(true);
          expect(r.psn_part_amt.eq(r.acct_pay.plus(r.psn_cash_pay))).toBe(true);
          expect(r.acct_mulaid_pay.lte(r.acct_pay)).toBe(true);
          expect(r.act_pay_dedc.gte(0) && r.act_pay_dedc.lte(inscp)).toBe(true);
          expect(r.hifp_pay.lte(inscp.minus(r.act_pay_dedc))).toBe(true);
          expect(r.acct_pay.lte(balc)).toBe(true);
          expect(r.balc.eq(balc.minus(r.acct_pay))).toBe(true);
          expect(r.hifp_pay.eq(round2(r.hifp_pay))).toBe(true);
          if (acct_used_flag === '0' || insutype === '390') expect(r.acct_pay.eq(0)).toBe(true);
        },
      ),
    );
  });

  it('uses the documented figures', () => {
    const base = {
      psn_no: 'P',
      setl_time: '2026-01-01 10:00:00',
      cvlserv_flag: '0',
      med_type: '21',
      age: 50,
      fulamt_ownpay_amt: new D(0),
      overlmt_selfpay: new D(0),
      preselfpay_amt: new D(0),
      acct_used_flag: '1',
      out_of_area: false,
    };
    const ip = simpleSplit({
      ...base,
      insutype: '310',
      clr_type: '21',
      psn_type: '11',
      medfee_sumamt: new D(10000),
      inscp_scp_amt: new D(10000),
      balc: new D(100),
    });
    expect(ip.act_pay_dedc.toFixed(2)).toBe('800.00');
    expect(ip.hifp_pay.toFixed(2)).toBe('7820.00');
    expect(ip.acct_pay.toFixed(2)).toBe('100.00');
    expect(ip.psn_cash_pay.toFixed(2)).toBe('2080.00');
    const op = simpleSplit({
      ...base,
      insutype: '390',
      clr_type: '11',
      psn_type: '15',
      medfee_sumamt: new D('99.99'),
      inscp_scp_amt: new D('99.99'),
      balc: new D(0),
    });
    expect(op.hifp_pay.toFixed(2)).toBe('50.00');
    expect(op.setldetail[0]!.fund_pay_type).toBe('390100');
  });
});
