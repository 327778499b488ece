/**
 * Test policy and builders for the rules tests. The numbers of TEST_POLICY are the ones the
 * hand-worked cases use; change them and the cases' arithmetic must change too.
 */
import { D } from '../../../src/core/money.js';
import {
  parsePolicy,
  type FeeLine,
  type Person,
  type Policy,
  type SettleInput,
  type Visit,
} from '../../../src/core/rules/index.js';

export const TEST_POLICY = `
name: test
version: "1"
insutype: ["310", "390"]
effective: { from: 2024-01-01, to: 2024-12-31 }
levels: ["1", "2", "3"]
person_groups: [poverty, civil_servant, low_income]
price_rules:
  child_markup: { under_age: 6, rate: 0.20, scope: listed, items: ["S100"], prefixes: ["S2"] }
items:
  b_class:
    default_selfpay_prop: 0.10
    by_person_group: { poverty: 0.05 }
inpatient:
  deductible:
    by_level: { "1": 300, "2": 600, "3": 900 }
    out_of_area_by_level: { "1": 500, "2": 1000, "3": 1500 }
    by_admission: [ { from: 2, factor: 0.5 }, { from: 3, factor: 0 } ]
    factor_by_person_group: { poverty: 0, low_income: 0.5 }
  ratio:
    by_level: { "1": 0.90, "2": 0.85, "3": 0.80 }
    retired_plus: 0.05
    age_bands: [ { from: 0, to: 70, plus: 0 }, { from: 70, plus: 0.03 } ]
    plus_by_person_group: { poverty: 0.05 }
    out_of_area_plus: -0.10
  bands:
    - { from: 0, to: 10000, plus: 0 }
    - { from: 10000, plus: 0.05 }
  ceiling: 50000
outpatient:
  deductible: { per: year, by_level: { "1": 200, "2": 200, "3": 200 } }
  ratio: { by_level: { "1": 0.60, "2": 0.50, "3": 0.50 } }
  ceiling: 1000
supplements:
  - fund: hifob_pay
    visits: [inpatient]
    base: over_ceiling
    segments: [ { from: 0, ratio: 0.90 } ]
    cap: 100000
  - fund: hifmi_pay
    visits: [inpatient]
    base: personal_inscp
    period: year
    threshold: { default: 5000, by_person_group: { poverty: 2500 } }
    segments:
      - { from: 0, to: 10000, ratio: 0.50 }
      - { from: 10000, ratio: 0.70 }
    plus_by_person_group: { poverty: 0.10 }
    cap: { default: 20000, by_person_group: { poverty: null } }
  - fund: cvlserv_pay
    groups: [civil_servant]
    base: personal_inscp
    period: stay
    segments: [ { from: 0, ratio: 0.50 } ]
  - fund: maf_pay
    groups: [poverty]
    base: personal_inscp
    segments: [ { from: 0, ratio: 0.60 } ]
    cap: 3000
account:
  visits: [inpatient, outpatient]
  pays: [inscp_personal, preselfpay]
  mutual_aid: true
`;

export const testPolicy: Policy = parsePolicy(TEST_POLICY, 'test-policy.yaml');

/** Replace YAML fragments of TEST_POLICY (exact text; from, to, from, to, …) and parse the result. */
export function variant(...pairs: string[]): Policy {
  let text = TEST_POLICY;
  for (let i = 0; i < pairs.length; i += 2) {
    if (!text.includes(pairs[i]!)) throw new Error(`fragment not in TEST_POLICY: ${pairs[i]}`);
    text = text.replace(pairs[i]!, pairs[i + 1]!);
  }
  return parsePolicy(text, 'test-policy.yaml');
}

let sn = 0;
export interface LineSpec {
  code?: string | null;
  lv?: '01' | '02' | '03' | null;
  cnt?: string;
  pric: string;
  limit?: string;
  prop?: string;
  list_type?: string;
  refund?: string;
  sn?: string;
}

export function line(s: LineSpec): FeeLine {
  return {
    feedetl_sn: s.sn ?? `L${++sn}`,
    med_list_codg: s.code === undefined ? 'X0001' : s.code,
    chrgitm_lv: s.lv === undefined ? '01' : s.lv,
    cnt: new D(s.cnt ?? '1'),
    pric: new D(s.pric),
    fee_ocur_time: '2024-05-01',
    pric_uplmt_amt: s.limit === undefined ? null : new D(s.limit),
    selfpay_prop: s.prop === undefined ? null : new D(s.prop),
    list_type: s.list_type ?? '101',
    init_feedetl_sn: s.refund ?? null,
  };
}

/** An A-class line of exactly `amount` in scope. */
export function inscope(amount: string): FeeLine {
  return line({ pric: amount });
}

export interface InputSpec {
  lines: FeeLine[];
  insutype?: string;
  hosp_lv?: string;
  person?: Partial<Person>;
  visit?: Partial<Visit>;
}

export function input(s: InputSpec): SettleInput {
  return {
    insutype: s.insutype ?? '310',
    setl_time: '2024-05-02',
    hosp_lv: s.hosp_lv ?? '3',
    person: { age: 40, retired: false, psn_groups: [], acct_balc: new D(0), ytd: {}, ...s.person },
    visit: { type: 'inpatient', admission_count: 1, in_area: true, acct_used_flag: false, ...s.visit },
    lines: s.lines,
  };
}

export const d = (x: string): InstanceType<typeof D> => new D(x);
