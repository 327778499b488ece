/**
 * Carried state (docs/rules.md "Carried state"): a result's `state` is accepted whole by the next
 * settlement; balances or accumulators that do not follow it are input errors naming the field.
 */
import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import { AMOUNT_FIELDS, parseBill, resultToJson, splitBill, type SettleResult } from '../../../src/core/rules/index.js';
import { inscope, input, testPolicy } from './fixtures.js';

function caught(f: () => unknown): HisopsError {
  try {
    f();
  } catch (e) {
    return e as HisopsError;
  }
  throw new Error('accepted');
}

// Worked by hand (test policy, level 3: deductible 900, ratio 0.80; the account pays the personal
// in-scope part): #1 in scope 1000 → fund 80, personal 920; account 100 + mutual aid 350 = 450,
// cash 470; state after: balance 0, mutual aid 0.
const first = (): SettleResult =>
  splitBill(
    input({
      lines: [inscope('1000')],
      person: { acct_balc: new D(100), mulaid_balc: new D(350) },
      visit: { interim_no: 1, acct_used_flag: true, mdtrt_id: 'M1' },
    }),
    testPolicy,
  );

describe('carried state', () => {
  it('returns the state after the settlement: stay, accumulators, both balances', () => {
    const r = first();
    expect([r.setlinfo.acct_pay, r.setlinfo.acct_mulaid_pay, r.setlinfo.psn_cash_pay].map((x) => x.toFixed(2))).toEqual(
      ['450.00', '350.00', '470.00'],
    );
    expect(r.state.acct_balc.toFixed(2)).toBe('0.00');
    expect(r.state.mulaid_balc.toFixed(2)).toBe('0.00');
    expect(r.state.stay?.settlements).toBe(1);
    expect(r.state.stay?.mdtrt_id).toBe('M1');
    expect(r.state.accumulators.ip_dedc!.toFixed(2)).toBe('900.00');
  });

  it('a second interim settlement from the state alone adds up to the single settlement', () => {
    const a = first();
    // #2: stay 1500 → fund 480, personal 1020; account 100 + mutual aid 350 for the stay, so this
    // settlement: personal 100, account 0, cash 100.
    const b = splitBill(
      {
        ...input({
          lines: [inscope('500')],
          person: { acct_balc: a.state.acct_balc, mulaid_balc: a.state.mulaid_balc, ytd: a.state.accumulators },
          visit: { interim_no: 2, acct_used_flag: true },
        }),
        state: a.state,
      },
      testPolicy,
    );
    expect(b.setlinfo.psn_cash_pay.toFixed(2)).toBe('100.00');
    const single = splitBill(
      input({
        lines: [inscope('1000'), inscope('500')],
        person: { acct_balc: new D(100), mulaid_balc: new D(350) },
        visit: { acct_used_flag: true },
      }),
      testPolicy,
    );
    for (const f of AMOUNT_FIELDS)
      expect(`${f} ${a.setlinfo[f].plus(b.setlinfo[f]).toFixed(2)}`).toBe(`${f} ${single.setlinfo[f].toFixed(2)}`);
    expect(b.state.mulaid_balc.toFixed(2)).toBe(single.state.mulaid_balc.toFixed(2));
  });

  it('the docs example that kept the first mutual-aid balance is an input error naming person.mulaid_balc, not an engine bug', () => {
    const a = first();
    const e = caught(() =>
      splitBill(
        input({
          lines: [inscope('500')],
          person: { acct_balc: a.setlinfo.balc, mulaid_balc: new D(350), ytd: a.accumulators },
          visit: { carry: a.stay, interim_no: 2, acct_used_flag: true },
        }),
        testPolicy,
      ),
    );
    expect(e.code).toBe('BILL_STATE_INCONSISTENT');
    expect(e.exit).toBe(2);
    expect(e.summary).toMatch(/person\.mulaid_balc/);
    expect(e.summary).toMatch(/psn_cash_pay -250\.00/);
  });

  it('with the state, a balance that differs from it is an input error naming the field', () => {
    const a = first();
    const base = { lines: [inscope('500')], visit: { interim_no: 2, acct_used_flag: true } };
    const withState = (person: object) => ({
      ...input({ ...base, person: { ytd: a.state.accumulators, mulaid_balc: a.state.mulaid_balc, ...person } }),
      state: a.state,
    });
    const e = caught(() => splitBill(withState({ acct_balc: new D(100) }), testPolicy));
    expect(e.code).toBe('BILL_STATE_INCONSISTENT');
    expect(e.exit).toBe(2);
    expect((e.details as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual([
      'person.acct_balc',
    ]);
    const m = caught(() => splitBill(withState({ acct_balc: a.state.acct_balc, mulaid_balc: new D(350) }), testPolicy));
    expect((m.details as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toEqual([
      'person.mulaid_balc',
    ]);
    const y = caught(() => splitBill(withState({ acct_balc: a.state.acct_balc, ytd: {} }), testPolicy));
    expect((y.details as { issues: Array<{ field: string }> }).issues.map((i) => i.field)).toContain(
      'person.ytd.ip_dedc',
    );
  });

  it('a state without interim_no starts a new stay: only the year and the balances carry', () => {
    const a = first();
    const r = splitBill(
      {
        ...input({
          lines: [inscope('1000')],
          person: { ytd: a.state.accumulators, acct_balc: a.state.acct_balc, mulaid_balc: a.state.mulaid_balc },
          visit: { admission_count: 2 },
        }),
        state: a.state,
      },
      testPolicy,
    );
    expect(r.stay.settlements).toBe(1);
    // 2nd admission: deductible 900 × 0.5 = 450, fund (1000 − 450) × 0.80 = 440
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('440.00');
    expect(r.accumulators.ip_dedc!.toFixed(2)).toBe('1350.00');
  });

  it('a bill file takes the previous --json state whole and leaves the person fields to it', () => {
    const a = first();
    const json = resultToJson(a) as { state: unknown };
    const text = JSON.stringify({
      insutype: '310',
      hosp_lv: '3',
      setl_time: '2024-05-02',
      person: { age: 40, psn_groups: [] },
      visit: { type: 'inpatient', interim_no: 2, acct_used_flag: true },
      state: json.state,
      lines: [
        {
          feedetl_sn: 'B1',
          med_list_codg: 'X1',
          chrgitm_lv: '01',
          cnt: 1,
          pric: '500.00',
          fee_ocur_time: '2024-05-02',
        },
      ],
    });
    const bill = parseBill(text, 'second.json');
    expect(bill.person.psn_groups).toEqual([]);
    const b = splitBill(bill, testPolicy);
    expect([b.setlinfo.act_pay_dedc, b.setlinfo.hifp_pay, b.setlinfo.psn_cash_pay].map((x) => x.toFixed(2))).toEqual([
      '0.00',
      '400.00',
      '100.00',
    ]);
    expect(b.stay.settlements).toBe(2);
    // the same bill continues the stay by its mdtrt_id too
    const byId = splitBill(parseBill(text.replace('"interim_no":2', '"mdtrt_id":"M1"'), 'second.json'), testPolicy);
    expect(byId.stay.settlements).toBe(2);
  });
});

describe('interim numbering with a carried state', () => {
  it("names state (not visit.carry) when the number does not follow the state's stay", () => {
    const a = first();
    const e = caught(() =>
      splitBill(
        {
          ...input({
            lines: [inscope('500')],
            person: { acct_balc: a.state.acct_balc, mulaid_balc: a.state.mulaid_balc, ytd: a.state.accumulators },
            visit: { interim_no: 3, acct_used_flag: true, mdtrt_id: 'M1' },
          }),
          state: a.state,
        },
        testPolicy,
      ),
    );
    expect(e.code).toBe('BILL_INVALID');
    expect(e.exit).toBe(2);
    const issue = (
      e.details as {
        issues: Array<{ field: string; message: string; fix: string; zh?: { message: string; fix: string } }>;
      }
    ).issues[0]!;
    expect(issue.field).toBe('visit.interim_no');
    expect(issue.message).toMatch(/state\.stay holds 1 earlier settlement/);
    expect(issue.fix).toMatch(/give visit\.interim_no 2/);
    expect(issue.fix).not.toMatch(/visit\.carry/);
    expect(issue.zh?.fix).toMatch(/state/);
    expect(issue.zh?.fix).not.toMatch(/visit\.carry/);
  });
});
