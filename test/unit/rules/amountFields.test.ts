/**
 * The rules' amount lists derive from the one declaration of the stored settlement amounts
 * (SETTLEMENT_AMOUNTS, docs/architecture.md "Shapes declared once"): same fields, the rules' order.
 */
import { describe, expect, it } from 'vitest';
import { SETTLEMENT_AMOUNTS } from '../../../src/core/center/protocol/transactions.js';
import { AMOUNT_FIELDS, checkInvariants } from '../../../src/core/rules/index.js';
import { D } from '../../../src/core/money.js';

describe('the rules amount fields', () => {
  it('are the stored amounts without the balance', () => {
    expect([...AMOUNT_FIELDS].sort()).toEqual(SETTLEMENT_AMOUNTS.filter((f) => f !== 'balc').sort());
  });

  it('keep the order the explanation and interim JSON are written in (a part after its whole)', () => {
    expect(AMOUNT_FIELDS).toEqual([
      'medfee_sumamt',
      'fulamt_ownpay_amt',
      'overlmt_selfpay',
      'preselfpay_amt',
      'inscp_scp_amt',
      'act_pay_dedc',
      'hifp_pay',
      'cvlserv_pay',
      'hifes_pay',
      'hifmi_pay',
      'hifob_pay',
      'maf_pay',
      'oth_pay',
      'hifdm_pay',
      'fund_pay_sumamt',
      'hosp_part_amt',
      'psn_part_amt',
      'acct_pay',
      'acct_mulaid_pay',
      'psn_cash_pay',
    ]);
  });

  it('give the invariants every fund, every part of the bill and every amount', () => {
    const zero = Object.fromEntries(SETTLEMENT_AMOUNTS.map((f) => [f, new D(0)]));
    // A fund left out of I2, a part left out of I5, or an amount left out of I7 would pass here.
    const funds = {
      ...zero,
      medfee_sumamt: new D(8),
      fund_pay_sumamt: new D(8),
      inscp_scp_amt: new D(8),
      hifp_pay: new D(1),
      cvlserv_pay: new D(1),
      hifes_pay: new D(1),
      hifmi_pay: new D(1),
      hifob_pay: new D(1),
      maf_pay: new D(1),
      oth_pay: new D(1),
      hifdm_pay: new D(1),
    };
    expect(checkInvariants(funds).map((v) => v.id)).toEqual([]);
    expect(checkInvariants({ ...funds, oth_pay: new D(0) }).map((v) => v.id)).toContain('I2');
    const parts = {
      ...zero,
      medfee_sumamt: new D(4),
      psn_part_amt: new D(4),
      psn_cash_pay: new D(4),
      fulamt_ownpay_amt: new D(1),
      overlmt_selfpay: new D(1),
      preselfpay_amt: new D(1),
      inscp_scp_amt: new D(1),
    };
    expect(checkInvariants(parts).map((v) => v.id)).toEqual([]);
    expect(checkInvariants({ ...parts, overlmt_selfpay: new D(0) }).map((v) => v.id)).toContain('I5');
    const negative = checkInvariants({ ...zero, balc: new D(-1), acct_mulaid_pay: new D(-1), maf_pay: new D(-1) }).find(
      (v) => v.id === 'I7',
    );
    expect(negative?.detail).toBe('maf_pay -1.00, acct_mulaid_pay -1.00, balc -1.00');
  });
});
