import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import { AMOUNT_FIELDS, explainRows, resultToJson, splitBill } from '../../../src/core/rules/index.js';
import { TEST_POLICY, input, line, testPolicy } from './fixtures.js';

const bill = input({
  lines: [line({ pric: '20000' }), line({ lv: '02', pric: '1000', prop: '0.2' }), line({ lv: '03', pric: '150' })],
  person: { psn_groups: ['civil_servant'], acct_balc: new D('1000'), ytd: { ip_hifp_pay: new D('40000') } },
  visit: { acct_used_flag: true },
});

function policyLine(text: string): number {
  return TEST_POLICY.split('\n').findIndex((l) => l === text) + 1;
}

describe('explanation', () => {
  const r = splitBill(bill, testPolicy);
  const rows = explainRows(r);

  it('has one row per setlinfo field whose amount is the result', () => {
    for (const f of [...AMOUNT_FIELDS, 'balc', 'pool_prop_selfpay'] as const) {
      const mine = rows.filter((x) => x.field === f);
      expect(mine, f).toHaveLength(1);
      expect(mine[0]!.amount, f).toBe(f === 'pool_prop_selfpay' ? r.setlinfo[f].toFixed(4) : r.setlinfo[f].toFixed(2));
      expect(mine[0]!.rule.length, f).toBeGreaterThan(10);
    }
  });

  it('names the policy line of the clause that decided each amount, and the inputs', () => {
    const dedc = rows.find((x) => x.field === 'act_pay_dedc')!;
    expect(dedc.source).toBe(`test-policy.yaml:${policyLine('    by_level: { "1": 300, "2": 600, "3": 900 }')}`);
    expect(dedc.inputs).toContain('standard=900.00');
    const hifp = rows.find((x) => x.field === 'hifp_pay')!;
    // The ceiling cut in: its line decided the amount; the ratio, the bands and the deductible follow.
    expect(hifp.source).toBe(`test-policy.yaml:${policyLine('  ceiling: 50000')}`);
    expect(hifp.clauses.split('\n')).toEqual(
      [
        policyLine('  ceiling: 50000'),
        policyLine('    by_level: { "1": 0.90, "2": 0.85, "3": 0.80 }'),
        policyLine('  bands:'),
        policyLine('    by_level: { "1": 300, "2": 600, "3": 900 }'),
      ].map((n) => `test-policy.yaml:${n}`),
    );
    expect(hifp.inputs).toContain('ceiling=50000.00 − ytd ip_hifp_pay 40000.00 = 10000.00 left');
    expect(hifp.inputs).toMatch(/over_ceiling_amt=\d+\.\d\d/);
  });

  it('below the ceiling the ratio line decides the fund amount; the group and retired points are cited too', () => {
    const small = splitBill(
      input({ lines: [line({ pric: '2000' })], hosp_lv: '2', person: { retired: true, psn_groups: ['poverty'] } }),
      testPolicy,
    );
    const e = small.explanation!.find((x) => x.field === 'hifp_pay')!;
    expect(e.source).toBe(`test-policy.yaml:${policyLine('    by_level: { "1": 0.90, "2": 0.85, "3": 0.80 }')}`);
    expect(e.clauses!.map((c) => c.clause)).toEqual([
      'inpatient.ratio.by_level.2',
      'inpatient.ratio.retired_plus',
      'inpatient.ratio.plus_by_person_group.poverty',
      'inpatient.bands',
      'inpatient.deductible.by_level.2',
      'inpatient.ceiling',
    ]);
    const d = small.explanation!.find((x) => x.field === 'act_pay_dedc')!;
    expect(d.clauses!.map((c) => c.clause)).toEqual([
      'inpatient.deductible.by_level.2',
      'inpatient.deductible.factor_by_person_group.poverty',
    ]);
    const j = resultToJson(small) as { explanation: Array<{ field: string; clauses?: unknown[] }> };
    expect(j.explanation.find((x) => x.field === 'hifp_pay')!.clauses).toHaveLength(6);
  });

  it('lists accumulators and, on request, every line', () => {
    expect(rows.find((x) => x.field === 'ytd.ip_hifp_pay')).toMatchObject({
      amount: '50000.00',
      inputs: 'before=40000.00; this_settlement=10000.00',
    });
    const withLines = explainRows(r, { lines: true });
    expect(withLines.filter((x) => x.field.startsWith('line '))).toHaveLength(3);
    expect(withLines.find((x) => x.field === `line ${r.lines[2]!.feedetl_sn}`)!.rule).toBe(
      'chrgitm_lv 03 丙类 → fully self-paid 150.00',
    );
  });

  it('is optional and changes no amount', () => {
    const fast = splitBill(bill, testPolicy, { explain: false });
    expect(fast.explanation).toBeNull();
    expect(fast.lines[0]!.rule).toBeUndefined();
    for (const f of AMOUNT_FIELDS) expect(fast.setlinfo[f].eq(r.setlinfo[f])).toBe(true);
    expect(() => explainRows(fast)).toThrow(HisopsError);
  });

  it('prints as JSON with money as two-decimal strings', () => {
    const j = resultToJson(r) as {
      setlinfo: Record<string, string>;
      lines: Array<Record<string, unknown>>;
      explanation: Array<{ field: string; amount: string }>;
    };
    expect(j.setlinfo.medfee_sumamt).toBe('21150.00');
    expect(j.setlinfo.pool_prop_selfpay).toBe('0.8500');
    expect(j.lines[1]).toMatchObject({
      det_item_fee_sumamt: '1000.00',
      preselfpay_amt: '200.00',
      selfpay_prop: '0.2000',
      pric: '1000',
    });
    expect(j.explanation.find((e) => e.field === 'hifp_pay')!.amount).toBe(j.setlinfo.hifp_pay);
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});
