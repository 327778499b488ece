/**
 * Settling from category totals (the 2304 request's fields) and the setldetail block the sandbox
 * answers with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import {
  AMOUNT_FIELDS,
  parseBill,
  parsePolicy,
  setldetailOf,
  splitBill,
  splitTotals,
} from '../../../src/core/rules/index.js';
import { input, testPolicy } from './fixtures.js';

const employee = parsePolicy(readFileSync('templates/policies/employee.yaml', 'utf8'), 'employee.yaml');
const bill = parseBill(
  readFileSync('test/golden/rules/employee-inpatient.bill.json', 'utf8'),
  'employee-inpatient.bill.json',
);

describe('settling from totals', () => {
  it('gives the same settlement as the lines the totals came from', () => {
    const byLines = splitBill(bill, employee);
    const s = byLines.setlinfo;
    const { lines: _lines, ...rest } = bill;
    const byTotals = splitTotals(
      {
        ...rest,
        totals: {
          medfee_sumamt: s.medfee_sumamt,
          fulamt_ownpay_amt: s.fulamt_ownpay_amt,
          overlmt_selfpay: s.overlmt_selfpay,
          preselfpay_amt: s.preselfpay_amt,
          inscp_scp_amt: s.inscp_scp_amt,
        },
      },
      employee,
    );
    for (const f of AMOUNT_FIELDS) expect(`${f} ${byTotals.setlinfo[f].toFixed(2)}`).toBe(`${f} ${s[f].toFixed(2)}`);
    expect(byTotals.lines).toEqual([]);
    expect(byTotals.explanation!.find((e) => e.field === 'inscp_scp_amt')!.rule).toMatch(
      /given with the settlement request/,
    );
  });

  it('refuses totals that do not add up', () => {
    const { lines: _l, ...rest } = input({ lines: [] });
    const t = {
      medfee_sumamt: new D('100'),
      fulamt_ownpay_amt: new D('10'),
      overlmt_selfpay: new D(0),
      preselfpay_amt: new D(0),
      inscp_scp_amt: new D('80'),
    };
    try {
      splitTotals({ ...rest, totals: t }, testPolicy);
      throw new Error('accepted');
    } catch (e) {
      expect((e as HisopsError).code).toBe('BILL_TOTALS_INVALID');
      expect((e as HisopsError).summary).toContain('= 90.00');
    }
  });
});

describe('setldetail', () => {
  it('lists the funds that paid with their national codes and limits', () => {
    // golden case: ceiling left 10000 (all used), 大额 cap 400000, account balance 3000
    const r = splitBill(bill, employee);
    const rows = setldetailOf(r, bill.person.acct_balc).map((x) => [
      x.fund_pay_type,
      x.fund_payamt.toFixed(2),
      x.crt_payb_lmt_amt.toFixed(2),
    ]);
    expect(rows).toEqual([
      ['310100', '10000.00', '10000.00'],
      ['330100', '7174.53', '400000.00'],
      ['320100', '1041.28', '100000.00'],
      ['310200', '2794.19', '3000.00'],
    ]);
  });

  it('uses the outpatient pooling code for outpatient visits', () => {
    const r = splitBill(input({ lines: [], visit: { type: 'outpatient' } }), testPolicy);
    expect(setldetailOf(r)[0]!.fund_pay_type).toBe('310102');
  });
});
