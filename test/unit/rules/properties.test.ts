/**
 * Properties over random bills (fast-check): the sums always hold, no ceiling or cap is ever
 * exceeded, adding an in-scope line never lowers the fund's share, and interim settlements of a
 * stay add up to the single settlement of the same stay.
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
  splitTotals,
  type FeeLine,
  type Policy,
  type SettleInput,
  type SettleResult,
} from '../../../src/core/rules/index.js';
import { testPolicy } from './fixtures.js';

const employee = parsePolicy(readFileSync('templates/policies/employee.yaml', 'utf8'), 'employee.yaml');
const resident = parsePolicy(readFileSync('templates/policies/resident.yaml', 'utf8'), 'resident.yaml');
const POLICIES: Array<{ policy: Policy; insutype: string; groups: string[] }> = [
  { policy: testPolicy, insutype: '310', groups: ['poverty', 'civil_servant', 'low_income'] },
  { policy: employee, insutype: '310', groups: ['civil_servant', 'enterprise_plan'] },
  { policy: resident, insutype: '390', groups: ['poverty', 'low_income', 'student'] },
];

const cents = (min: number, max: number): fc.Arbitrary<Decimal> =>
  fc.integer({ min, max }).map((c) => new D(c).div(100));

let seq = 0;
const lineArb: fc.Arbitrary<FeeLine> = fc
  .record({
    lv: fc.constantFrom<'01' | '02' | '03' | null>('01', '01', '02', '02', '03', null),
    unmapped: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    cnt: fc.oneof(
      fc.integer({ min: 1, max: 5 }).map((n) => new D(n)),
      fc.integer({ min: 1, max: 999 }).map((n) => new D(n).div(100)),
    ),
    pric: cents(0, 800000),
    limitPct: fc.option(fc.integer({ min: 50, max: 150 }), { nil: null }),
    prop: fc.option(fc.constantFrom('0', '0.05', '0.1', '0.2', '0.3'), { nil: null }),
    service: fc.boolean(),
    code: fc.constantFrom('X1', 'S100', 'S2001', '0012001', '0031002'),
  })
  .map((x) => ({
    feedetl_sn: `F${++seq}`,
    med_list_codg: x.unmapped ? null : x.code,
    chrgitm_lv: x.lv,
    cnt: x.cnt,
    pric: x.pric,
    fee_ocur_time: '2024-05-01',
    pric_uplmt_amt: x.limitPct === null ? null : x.pric.times(x.limitPct).div(100).toDecimalPlaces(2),
    selfpay_prop: x.prop === null ? null : new D(x.prop),
    list_type: x.service ? '201' : '101',
  }));

/** Refund part of an earlier line of the same bill. */
function withRefunds(lines: FeeLine[], picks: number[]): FeeLine[] {
  const out = [...lines];
  for (const p of new Set(picks.map((x) => x % lines.length))) {
    const orig = lines[p]!;
    if (!orig.cnt.gte(1)) continue;
    out.push({ ...orig, feedetl_sn: `R${++seq}`, cnt: new D(-1), init_feedetl_sn: orig.feedetl_sn });
  }
  return out;
}

const ytdArb = fc.record(
  {
    ip_hifp_pay: cents(0, 6_000_000),
    ip_dedc: cents(0, 100_000),
    op_dedc: cents(0, 100_000),
    op_hifp_pay: cents(0, 600_000),
    hifmi_pay_base: cents(0, 3_000_000),
    hifmi_pay: cents(0, 3_000_000),
    hifob_pay: cents(0, 10_000_000),
    maf_pay: cents(0, 400_000),
    hifes_pay_base: cents(0, 500_000),
    hifes_pay: cents(0, 500_000),
    cvlserv_pay: cents(0, 500_000),
  },
  { requiredKeys: [] },
);

const caseArb = fc.record({
  which: fc.integer({ min: 0, max: POLICIES.length - 1 }),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 25 }),
  age: fc.integer({ min: 0, max: 95 }),
  retired: fc.boolean(),
  groupPicks: fc.subarray([0, 1, 2]),
  balc: cents(0, 2_000_000),
  mulaid: cents(0, 200_000),
  ytd: ytdArb,
  type: fc.constantFrom<'inpatient' | 'outpatient'>('inpatient', 'inpatient', 'outpatient'),
  admission: fc.integer({ min: 1, max: 4 }),
  inArea: fc.boolean(),
  acct: fc.boolean(),
  lv: fc.constantFrom('1', '2', '3'),
});
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case, lines = c.lines): { input: SettleInput; policy: Policy } {
  const p = POLICIES[c.which]!;
  return {
    policy: p.policy,
    input: {
      insutype: p.insutype,
      setl_time: '2024-05-02',
      hosp_lv: c.lv,
      person: {
        age: c.age,
        retired: c.retired,
        psn_groups: c.groupPicks.filter((i) => i < p.groups.length).map((i) => p.groups[i]!),
        acct_balc: c.balc,
        mulaid_balc: c.mulaid,
        ytd: c.ytd as Record<string, Decimal>,
      },
      visit: { type: c.type, admission_count: c.admission, in_area: c.inArea, acct_used_flag: c.acct },
      lines,
    },
  };
}

function run(c: Case, lines = c.lines): SettleResult {
  const b = build(c, lines);
  return splitBill(b.input, b.policy, { explain: false });
}

const sumOf = (
  r: SettleResult,
  f: 'det_item_fee_sumamt' | 'fulamt_ownpay_amt' | 'overlmt_amt' | 'preselfpay_amt' | 'inscp_scp_amt',
): Decimal => r.lines.reduce((a, l) => a.plus(l[f]), new D(0));

describe('properties over random bills', () => {
  it('the sums always hold (I1–I7, lines add up to the bill)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.nat(), { maxLength: 3 }), (c, picks) => {
        const r = run(c, withRefunds(c.lines, picks));
        expect(checkInvariants(r, { tolerance: 0 })).toEqual([]);
        expect(sumOf(r, 'det_item_fee_sumamt').eq(r.setlinfo.medfee_sumamt)).toBe(true);
        expect(sumOf(r, 'fulamt_ownpay_amt').eq(r.setlinfo.fulamt_ownpay_amt)).toBe(true);
        expect(sumOf(r, 'overlmt_amt').eq(r.setlinfo.overlmt_selfpay)).toBe(true);
        expect(sumOf(r, 'preselfpay_amt').eq(r.setlinfo.preselfpay_amt)).toBe(true);
        expect(sumOf(r, 'inscp_scp_amt').eq(r.setlinfo.inscp_scp_amt)).toBe(true);
        for (const f of AMOUNT_FIELDS) expect(r.setlinfo[f].decimalPlaces()).toBeLessThanOrEqual(2);
        // the account never pays more than the balances
        expect(r.setlinfo.acct_pay.minus(r.setlinfo.acct_mulaid_pay).lte(c.balc)).toBe(true);
        expect(r.setlinfo.acct_mulaid_pay.lte(c.mulaid)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('no ceiling or cap is ever exceeded', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { policy, input } = build(c);
        const r = splitBill(input, policy, { explain: false });
        const pool = policy.pools[c.type];
        const key = c.type === 'inpatient' ? 'ip_hifp_pay' : 'op_hifp_pay';
        const before = input.person.ytd[key] ?? new D(0);
        if (pool?.ceiling) {
          if (before.gte(pool.ceiling)) expect(r.setlinfo.hifp_pay.isZero()).toBe(true);
          else expect(r.accumulators[key]!.lte(pool.ceiling)).toBe(true);
        }
        for (const s of policy.supplements) {
          const groups = input.person.psn_groups.filter((g) => s.cap.by_person_group.has(g));
          // the most favourable cap of the person's groups (none = no cap), else the default
          const caps = groups.map((g) => s.cap.by_person_group.get(g) ?? null);
          let cap: Decimal | null = groups.length === 0 ? s.cap.default : caps[0]!;
          for (const c of caps) cap = cap === null || c === null ? null : c.gt(cap) ? c : cap;
          if (cap === null) continue;
          const paidBefore = input.person.ytd[s.fund] ?? new D(0);
          if (paidBefore.gte(cap)) expect(r.setlinfo[s.fund].isZero()).toBe(true);
          else expect(paidBefore.plus(r.setlinfo[s.fund]).lte(cap)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('adding an in-scope line never lowers the fund share (and it stays within the ceiling)', () => {
    fc.assert(
      fc.property(caseArb, cents(1, 3_000_000), (c, amount) => {
        const r1 = run(c);
        const extra: FeeLine = {
          feedetl_sn: 'EXTRA',
          med_list_codg: 'X1',
          chrgitm_lv: '01',
          cnt: new D(1),
          pric: amount,
          fee_ocur_time: '2024-05-01',
          list_type: '101',
        };
        const r2 = run(c, [...c.lines, extra]);
        expect(r2.setlinfo.hifp_pay.gte(r1.setlinfo.hifp_pay)).toBe(true);
        expect(r2.setlinfo.fund_pay_sumamt.gte(r1.setlinfo.fund_pay_sumamt)).toBe(true);
        expect(r2.setlinfo.inscp_scp_amt.minus(r1.setlinfo.inscp_scp_amt).eq(amount)).toBe(true);
        const pool = POLICIES[c.which]!.policy.pools[c.type];
        const key = c.type === 'inpatient' ? 'ip_hifp_pay' : 'op_hifp_pay';
        if (pool?.ceiling && (c.ytd as Record<string, Decimal>)[key]?.lt(pool.ceiling) !== false) {
          expect(r2.accumulators[key]!.lte(pool.ceiling)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('interim settlements of a stay add up to the single settlement of the same stay', () => {
    fc.assert(
      fc.property(caseArb, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (c0, cuts) => {
        const c = { ...c0, type: 'inpatient' as const };
        const single = run(c);
        // cut the lines into consecutive chunks (some may be empty)
        const points = [...new Set(cuts.map((x) => x % (c.lines.length + 1)))].sort((a, b) => a - b);
        const chunks: FeeLine[][] = [];
        let from = 0;
        for (const p of [...points, c.lines.length]) {
          chunks.push(c.lines.slice(from, p));
          from = p;
        }
        const { policy, input } = build(c);
        let prev: SettleResult | null = null;
        const totals = Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, new D(0)])) as Record<string, Decimal>;
        for (const chunk of chunks) {
          const r: SettleResult = splitBill(
            {
              ...input,
              lines: chunk,
              person: {
                ...input.person,
                ytd: prev ? prev.accumulators : input.person.ytd,
                acct_balc: prev ? prev.setlinfo.balc : input.person.acct_balc,
                mulaid_balc: prev
                  ? input.person.mulaid_balc!.minus(prev.stay.amounts.acct_mulaid_pay)
                  : input.person.mulaid_balc,
              },
              visit: { ...input.visit, carry: prev?.stay ?? null, interim_no: (prev?.stay.settlements ?? 0) + 1 },
            },
            policy,
            { explain: false },
          );
          for (const f of AMOUNT_FIELDS) totals[f] = totals[f]!.plus(r.setlinfo[f]);
          prev = r;
        }
        for (const f of AMOUNT_FIELDS)
          expect(`${f} ${totals[f]!.toFixed(2)}`).toBe(`${f} ${single.setlinfo[f].toFixed(2)}`);
        expect(prev!.setlinfo.balc.eq(single.setlinfo.balc)).toBe(true);
        for (const k of Object.keys(single.accumulators))
          expect(`${k} ${prev!.accumulators[k]!.toFixed(2)}`).toBe(`${k} ${single.accumulators[k]!.toFixed(2)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('settling from the category totals gives the same amounts as settling the lines', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { policy, input } = build(c);
        const r = splitBill(input, policy, { explain: false });
        const s = r.setlinfo;
        const { lines: _lines, ...rest } = input;
        const t = splitTotals(
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
          policy,
          { explain: false },
        );
        for (const f of AMOUNT_FIELDS) expect(`${f} ${t.setlinfo[f].toFixed(2)}`).toBe(`${f} ${s[f].toFixed(2)}`);
      }),
      { numRuns: 200 },
    );
  });
});
