/**
 * The policy shapes beyond the golden cases: the account-first order before the own segment is
 * reached, categories left to the pool, and the new policy and bill errors (file:line field, fix,
 * Chinese).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { D } from '../../../src/core/money.js';
import {
  explainRows,
  parseBill,
  parsePolicy,
  splitBill,
  type Issue,
  type SettleInput,
} from '../../../src/core/rules/index.js';

const provinceText = readFileSync('templates/policies/shapes/province-employee.yaml', 'utf8');
const province = parsePolicy(provinceText, 'province-employee.yaml');
const shanghai = parsePolicy(
  readFileSync('templates/policies/shapes/shanghai-employee.yaml', 'utf8'),
  'shanghai-employee.yaml',
);

const bill = (
  o: Partial<SettleInput['visit']>,
  person: Partial<SettleInput['person']> = {},
  amount = '1000',
  lv = '3',
): SettleInput => ({
  insutype: '310',
  setl_time: '2025-03-02',
  hosp_lv: lv,
  person: { age: 40, retired: false, psn_groups: [], acct_balc: new D(0), ytd: {}, ...person },
  visit: { type: 'outpatient', admission_count: 1, in_area: true, acct_used_flag: false, ...o },
  lines: [
    {
      feedetl_sn: '1',
      med_list_codg: 'X1',
      chrgitm_lv: '01',
      cnt: new D(1),
      pric: new D(amount),
      fee_ocur_time: '2025-03-01',
    },
  ],
});

function issuesOf(f: () => unknown): Issue[] {
  try {
    f();
  } catch (e) {
    return ((e as HisopsError).details as { issues: Issue[] }).issues;
  }
  throw new Error('accepted');
}

describe('policy shapes', () => {
  it('account first, own segment not yet reached: account 300, 自负段 300, co-pay (400 × 0.60) 240 (worked by hand)', () => {
    // 1,000 with 300 on the current-year account and 1,200 of the 1,500 自负段 paid this year:
    // the account pays 300 first; of the 700 left the own segment takes 300, the fund 60 % of 400.
    const r = splitBill(
      bill({ acct_used_flag: true }, { acct_balc: new D(300), ytd: { op_dedc: new D(1200) } }),
      shanghai,
    );
    expect(
      [r.setlinfo.acct_pay, r.setlinfo.act_pay_dedc, r.setlinfo.hifp_pay, r.setlinfo.psn_cash_pay].map((x) =>
        x.toFixed(2),
      ),
    ).toEqual(['300.00', '300.00', '240.00', '460.00']);
    expect(r.accumulators.op_dedc!.toFixed(2)).toBe('1500.00');
    // Without the account: 自负段 300, fund (1000 − 300) × 0.60 = 420
    const noAcct = splitBill(bill({}, { ytd: { op_dedc: new D(1200) } }), shanghai);
    expect(noAcct.setlinfo.hifp_pay.toFixed(2)).toBe('420.00');
  });

  it('the explanation of an account-first settlement shows what the account paid first', () => {
    const r = splitBill(
      bill({ acct_used_flag: true }, { acct_balc: new D(300), ytd: { op_dedc: new D(1500) } }),
      shanghai,
    );
    expect(r.explanation!.find((e) => e.field === 'hifp_pay')!.inputs).toMatchObject({ account_first: '300.00' });
  });

  it('a category the pool does not define falls back to the pool (in_area and out-of-area as before)', () => {
    const inArea = splitBill(bill({ type: 'inpatient', category: 'in_area' }, {}, '10900'), province);
    expect(inArea.setlinfo.hifp_pay.toFixed(2)).toBe('6000.00');
    // county_referral at level 1: deductible 200, ratio 0.75 + 中人一档 0.10 = 0.85
    const county = splitBill(
      bill({ type: 'inpatient', category: 'county_referral' }, { psn_groups: ['zhongren_1'] }, '10200', '1'),
      province,
    );
    expect(county.setlinfo.hifp_pay.toFixed(2)).toBe('8500.00');
    expect(
      county
        .explanation!.find((e) => e.field === 'hifp_pay')!
        .clauses!.map((c) => c.clause)
        .slice(0, 2),
    ).toEqual(['inpatient.categories.county_referral.ratio', 'inpatient.ratio.plus_by_person_group.zhongren_1.1']);
  });

  it('a bill naming an unknown category, disease or fixed item is exit 2 naming the field, in Chinese too', () => {
    const cat = issuesOf(() => splitBill(bill({ type: 'inpatient', category: 'abroad' }), province));
    expect(cat.map((i) => i.field)).toEqual(['visit.category']);
    expect(cat[0]!.fix).toMatch(/in_province/);
    expect(cat[0]!.zh!.message).toMatch(/就医类别/);
    expect(issuesOf(() => splitBill(bill({ type: 'chronic', disease: 'X' }), province)).map((i) => i.field)).toEqual([
      'visit.disease',
    ]);
    expect(issuesOf(() => splitBill(bill({ type: 'maternity' }), province)).map((i) => i.field)).toEqual([
      'visit.fixed_item',
    ]);
    const text = JSON.stringify({
      insutype: '310',
      hosp_lv: '3',
      person: { age: 30 },
      visit: { type: 'chronic', disease: 'M03900' },
      lines: [{ med_list_codg: 'X1', chrgitm_lv: '01', cnt: 1, pric: '100', fee_ocur_time: '2025-03-01' }],
    });
    expect(splitBill(parseBill(text, 'c.json'), province).setlinfo.hifp_pay.toFixed(2)).toBe('80.00');
  });

  it('policy errors of the new keys name file, line, field and fix (and Chinese)', () => {
    const lineOf = (t: string, s: string): number => t.split('\n').findIndex((l) => l.includes(s)) + 1;
    const bad1 = provinceText.replace(
      '  shared_cap: basic_fund\n\n# 门诊慢特病',
      '  shared_cap: hospital_fund\n\n# 门诊慢特病',
    );
    const i1 = issuesOf(() => parsePolicy(bad1, 'p.yaml'));
    expect(i1[0]).toMatchObject({
      file: 'p.yaml',
      line: lineOf(bad1, 'shared_cap: hospital_fund'),
      field: 'inpatient.shared_cap',
    });
    expect(i1[0]!.fix).toMatch(/shared_caps: \{ hospital_fund/);
    const bad2 = provinceText.replace(
      'in_province:            { deductible: 1000',
      'in_provnce:            { deductible: 1000',
    );
    const i2 = issuesOf(() => parsePolicy(bad2, 'p.yaml'));
    expect(i2[0]).toMatchObject({ field: 'inpatient.categories.in_provnce', line: lineOf(bad2, 'in_provnce') });
    expect(i2[0]!.fix).toMatch(/did you mean 'in_province'/);
    const sh = readFileSync('templates/policies/shapes/shanghai-employee.yaml', 'utf8').replace(
      'segments: [account, own, copay]',
      'segments: [own, account, copay]',
    );
    const i3 = issuesOf(() => parsePolicy(sh, 's.yaml'));
    expect(i3[0]).toMatchObject({ field: 'outpatient.segments', line: lineOf(sh, 'segments:') });
    expect(i3[0]!.zh!.fix).toMatch(/当年账户段/);
    const bad4 = provinceText.replace(
      'zhongren_1: { "1": 0.10, "2": 0.10, "3": 0.20 }',
      'zhongren_1: { "1": 0.10, "3": 0.20 }',
    );
    expect(issuesOf(() => parsePolicy(bad4, 'p.yaml'))[0]).toMatchObject({
      field: 'inpatient.ratio.plus_by_person_group.zhongren_1',
    });
  });
});

describe('explanation inputs under zh-CN', () => {
  it('carry no English words of the engine (level, category, group, shared cap, admission …)', () => {
    const ytd = { ip_hifp_pay: new D('100000'), cap_basic_fund: new D('298000') };
    const english = /\b(level|category|retired|age|group|shared cap|out of area|admission|left|none)\b/;
    for (const visit of [
      { type: 'inpatient' as const, category: 'in_province' },
      { type: 'inpatient' as const, in_area: false },
    ]) {
      const r = splitBill(bill(visit, { retired: true, age: 75, psn_groups: ['zhongren_1'], ytd }, '10900'), province);
      const rows = explainRows(r).filter((x) => x.field === 'hifp_pay' || x.field === 'act_pay_dedc');
      expect(rows).toHaveLength(2);
      for (const x of rows) {
        expect(x.inputs, x.field).toMatch(english);
        expect(x.inputs_zh, x.field).not.toMatch(english);
      }
    }
  });
});

describe('chronic.shared_cap that names no declared cap', () => {
  it('offers the declared names, as the pools do', () => {
    const bad = provinceText.replace('chronic:\n  shared_cap: basic_fund', 'chronic:\n  shared_cap: basic_fnd');
    const i = issuesOf(() => parsePolicy(bad, 'p.yaml')).find((x) => x.field === 'chronic.shared_cap')!;
    expect(i.fix).toMatch(/or use one of basic_fund/);
    expect(i.zh?.message).toMatch(/basic_fund/);
    expect(i.zh?.fix).toMatch(/或使用 basic_fund 之一/);
  });
});
