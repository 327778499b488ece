/**
 * Properties over random bills for each policy shape of templates/policies/shapes (patient
 * categories, group points by level, a shared cap, chronic diseases, home ward, fixed maternity
 * amounts, injury, the account-first order): the national sums hold, interim settlements add up
 * to one settlement, and pools sharing a cap never pay more than it together.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, type Decimal } from '../../../src/core/money.js';
import {
  AMOUNT_FIELDS,
  checkInvariants,
  parsePolicy,
  splitBill,
  type FeeLine,
  type SettleInput,
  type SettleResult,
  type VisitType,
} from '../../../src/core/rules/index.js';

const provinceText = readFileSync('templates/policies/shapes/province-employee.yaml', 'utf8');
const province = parsePolicy(provinceText, 'province-employee.yaml');
const shanghaiText = readFileSync('templates/policies/shapes/shanghai-employee.yaml', 'utf8');
const shanghai = parsePolicy(shanghaiText, 'shanghai-employee.yaml');
// The account-first order on the inpatient pool too, so interim settlements cover it.
const shanghaiIp = parsePolicy(
  shanghaiText
    .replace('inpatient:\n  deductible:', 'inpatient:\n  segments: [account, own, copay]\n  deductible:')
    .replace('visits: [outpatient]', 'visits: [outpatient, inpatient]'),
  'shanghai-ip.yaml',
);

const cents = (min: number, max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min, max }).map((c) => new D(c).div(100));
let seq = 0;
const lineArb: fc.Arbitrary<FeeLine> = fc
  .record({
    lv: fc.constantFrom<'01' | '02' | '03' | null>('01', '01', '01', '02', '03', null),
    cnt: fc.integer({ min: 1, max: 4 }).map((n) => new D(n)),
    pric: cents(0, 2_000_000),
    limitPct: fc.option(fc.integer({ min: 60, max: 140 }), { nil: null }),
  })
  .map((x) => ({
    feedetl_sn: `S${++seq}`,
    med_list_codg: x.lv === null ? null : 'X1',
    chrgitm_lv: x.lv,
    cnt: x.cnt,
    pric: x.pric,
    fee_ocur_time: '2025-03-01',
    pric_uplmt_amt: x.limitPct === null ? null : x.pric.times(x.limitPct).div(100).toDecimalPlaces(2),
    selfpay_prop: null,
    list_type: '101',
  }));

const caseArb = fc.record({
  lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
  type: fc.constantFrom<VisitType>(
    'inpatient',
    'inpatient',
    'outpatient',
    'chronic',
    'home_ward',
    'maternity',
    'injury',
  ),
  category: fc.constantFrom<string | undefined>(
    undefined,
    'in_area',
    'in_province',
    'cross_province',
    'cross_province_unfiled',
    'county_referral',
  ),
  disease: fc.constantFrom('M03900', 'M07800'),
  item: fc.constantFrom('vaginal', 'cesarean'),
  zhongren: fc.boolean(),
  lv: fc.constantFrom('1', '2', '3'),
  inArea: fc.boolean(),
  acct: fc.boolean(),
  balc: cents(0, 500_000),
  ytd: fc.record(
    {
      ip_hifp_pay: cents(0, 25_000_000),
      cap_basic_fund: cents(0, 31_000_000),
      chronic_M07800_hifp_pay: cents(0, 400_000),
      chronic_M03900_hifp_pay: cents(0, 300_000),
      injury_hifp_pay: cents(0, 1_100_000),
      home_ward_hifp_pay: cents(0, 2_100_000),
      op_dedc: cents(0, 200_000),
    },
    { requiredKeys: [] },
  ),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function input(c: Case, lines: FeeLine[], type: VisitType = c.type, own = true): SettleInput {
  return {
    insutype: '310',
    setl_time: '2025-03-02',
    hosp_lv: c.lv,
    person: {
      age: 50,
      retired: false,
      psn_groups: c.zhongren && own ? ['zhongren_1'] : [],
      acct_balc: c.balc,
      mulaid_balc: new D(0),
      ytd: c.ytd as Record<string, Decimal>,
    },
    visit: {
      type,
      admission_count: 1,
      in_area: c.inArea,
      acct_used_flag: c.acct,
      ...(c.category && own ? { category: c.category } : {}),
      ...(type === 'chronic' ? { disease: c.disease } : {}),
      ...(type === 'maternity' ? { fixed_item: c.item } : {}),
    },
    lines,
  };
}

/** Interim settlements of the lines cut at `cuts`, each from the previous result's state. */
function interim(
  policy: typeof province,
  base: SettleInput,
  cuts: number[],
): { parts: SettleResult[]; single: SettleResult } {
  const single = splitBill(base, policy, { explain: false });
  const points = [...new Set(cuts.map((x) => x % (base.lines.length + 1)))].sort((a, b) => a - b);
  const parts: SettleResult[] = [];
  let from = 0;
  for (const p of [...points, base.lines.length]) {
    const prev = parts[parts.length - 1];
    const lines = base.lines.slice(from, p);
    from = p;
    parts.push(
      splitBill(
        {
          ...base,
          lines,
          ...(prev
            ? {
                state: prev.state,
                person: {
                  ...base.person,
                  acct_balc: prev.state.acct_balc,
                  mulaid_balc: prev.state.mulaid_balc,
                  ytd: prev.state.accumulators,
                },
              }
            : {}),
          visit: { ...base.visit, interim_no: parts.length + 1 },
        },
        policy,
        { explain: false },
      ),
    );
  }
  return { parts, single };
}

describe('properties of the policy shapes', () => {
  it('the national sums hold for every visit type, category and group (I1–I7)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const [policy, type] of [
          [province, c.type],
          [shanghai, c.type === 'inpatient' ? 'inpatient' : 'outpatient'],
        ] as const) {
          const r = splitBill(input(c, c.lines, type, policy === province), policy, { explain: false });
          expect(checkInvariants(r, { tolerance: 0 })).toEqual([]);
          expect(r.setlinfo.hifp_pay.lte(r.setlinfo.inscp_scp_amt)).toBe(true);
          if (type === 'maternity') expect(r.setlinfo.hifp_pay.lte(c.item === 'vaginal' ? 1100 : 1500)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('interim settlements add up to one settlement (categories, 中人 points, shared cap, account first)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), (c, cuts) => {
        for (const policy of [province, shanghaiIp]) {
          const base = input(
            { ...c, category: policy === province ? c.category : undefined },
            c.lines,
            'inpatient',
            policy === province,
          );
          const { parts, single } = interim(policy, base, cuts);
          for (const f of AMOUNT_FIELDS) {
            const sum = parts.reduce((a, r) => a.plus(r.setlinfo[f]), new D(0));
            expect(`${f} ${sum.toFixed(2)}`).toBe(`${f} ${single.setlinfo[f].toFixed(2)}`);
          }
          const last = parts[parts.length - 1]!;
          expect(last.state.acct_balc.eq(single.state.acct_balc)).toBe(true);
          for (const k of Object.keys(single.accumulators))
            expect(`${k} ${last.accumulators[k]!.toFixed(2)}`).toBe(`${k} ${single.accumulators[k]!.toFixed(2)}`);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('pools sharing a cap never pay more than it together, over a year of settlements', () => {
    const visit = fc.record({
      type: fc.constantFrom<VisitType>('inpatient', 'chronic'),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
      disease: fc.constantFrom('M03900', 'M07800'),
    });
    fc.assert(
      fc.property(cents(0, 30_000_000), fc.array(visit, { minLength: 2, maxLength: 12 }), (start, visits) => {
        const cap = province.shared_caps.get('basic_fund')!;
        let ytd: Record<string, Decimal> = { cap_basic_fund: start };
        let paid = new D(0);
        for (const v of visits) {
          const c = {
            lv: '3',
            inArea: true,
            acct: false,
            balc: new D(0),
            zhongren: false,
            category: undefined,
            item: 'vaginal',
            disease: v.disease,
            ytd,
          } as unknown as Case;
          const r = splitBill(input(c, v.lines, v.type), province, { explain: false });
          paid = paid.plus(r.setlinfo.hifp_pay);
          ytd = r.state.accumulators;
        }
        expect(paid.lte(D.max(0, cap.minus(start)))).toBe(true);
        expect(ytd.cap_basic_fund!.lte(D.max(cap, start))).toBe(true);
        expect(ytd.cap_basic_fund!.minus(start).eq(paid)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
