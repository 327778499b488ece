import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpToString, fenToString, shareBp, splitLine, splitSettlement } from '../../../src/core/demo/index.js';
import { amountOfFen, fenOfAmount } from '../../../src/core/demo/rulesSplit.js';
import { D } from '../../../src/core/money.js';

describe('splitLine', () => {
  const cases: Array<
    [
      string,
      number,
      number,
      string,
      number | undefined,
      number,
      { ful: number; overlmt: number; pre: number; inscp: number },
    ]
  > = [
    ['甲类 all in scope', 1250, 2, '01', undefined, 0, { ful: 0, overlmt: 0, pre: 0, inscp: 2500 }],
    ['乙类 10 % self-pay first', 2860, 1, '02', undefined, 1000, { ful: 0, overlmt: 0, pre: 286, inscp: 2574 }],
    ['丙类 all self-pay', 980, 3, '03', undefined, 0, { ful: 2940, overlmt: 0, pre: 0, inscp: 0 }],
    ['price above the cap', 6880, 2, '02', 6000, 1000, { ful: 0, overlmt: 1760, pre: 1200, inscp: 10800 }],
    ['half-up rounding of the share', 1005, 1, '02', undefined, 1000, { ful: 0, overlmt: 0, pre: 101, inscp: 904 }],
  ];
  for (const [name, pric, cnt, lv, cap, bp, want] of cases) {
    it(name, () => {
      expect(splitLine(pric, cnt, lv, cap, bp)).toEqual({ det: pric * cnt, ...want });
    });
  }
});

describe('splitSettlement', () => {
  const input = fc.record({
    insutype: fc.constantFrom('310', '390', '510'),
    inpatient: fc.boolean(),
    psn_type: fc.constantFrom('11', '12', '15', '16'),
    lines: fc.array(
      fc.record({
        pric: fc.integer({ min: 1, max: 500_000 }),
        cnt: fc.integer({ min: 1, max: 30 }),
        lv: fc.constantFrom('01', '02', '03'),
        cap: fc.option(fc.integer({ min: 1, max: 400_000 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    civilServant: fc.boolean(),
    assistance: fc.boolean(),
    hospitalBorne: fc.boolean(),
    acctUsed: fc.boolean(),
    balance: fc.integer({ min: 0, max: 1_000_000 }),
    mulaid: fc.boolean(),
  });

  it('always satisfies the settlement invariants I1–I7', () => {
    fc.assert(
      fc.property(input, (i) => {
        let medfee = 0,
          ful = 0,
          overlmt = 0,
          pre = 0,
          inscp = 0;
        for (const l of i.lines) {
          const s = splitLine(l.pric, l.cnt, l.lv, l.cap, 1000);
          expect(s.det).toBe(s.ful + s.overlmt + s.pre + s.inscp);
          medfee += s.det;
          ful += s.ful;
          overlmt += s.overlmt;
          pre += s.pre;
          inscp += s.inscp;
        }
        const a = splitSettlement({ ...i, medfee, ful, overlmt, pre, inscp });
        expect(a.medfee_sumamt).toBe(a.fund_pay_sumamt + a.psn_part_amt + a.hosp_part_amt); // I1
        expect(a.fund_pay_sumamt).toBe(
          a.hifp_pay + a.cvlserv_pay + a.hifes_pay + a.hifmi_pay + a.hifob_pay + a.maf_pay + a.oth_pay + a.hifdm_pay,
        ); // I2
        expect(a.acct_mulaid_pay).toBeLessThanOrEqual(a.acct_pay); // I3
        expect(a.psn_part_amt).toBe(a.acct_pay + a.psn_cash_pay); // I4
        expect(a.medfee_sumamt).toBe(a.fulamt_ownpay_amt + a.overlmt_selfpay + a.preselfpay_amt + a.inscp_scp_amt); // I5
        expect(a.act_pay_dedc).toBeLessThanOrEqual(a.inscp_scp_amt); // I6
        expect(a.hifp_pay).toBeLessThanOrEqual(a.inscp_scp_amt - a.act_pay_dedc);
        for (const [k, v] of Object.entries(a)) expect(v, k).toBeGreaterThanOrEqual(0); // I7
        expect(a.balc).toBe(i.balance - a.acct_pay);
        if (i.insutype === '390') expect(a.acct_pay).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it('uses the documented deductible and ratios', () => {
    const inpatient = splitSettlement({
      insutype: '310',
      inpatient: true,
      psn_type: '11',
      medfee: 1_000_000,
      ful: 0,
      overlmt: 0,
      pre: 0,
      inscp: 1_000_000,
      civilServant: false,
      assistance: false,
      hospitalBorne: false,
      acctUsed: false,
      balance: 0,
      mulaid: false,
    });
    expect(inpatient.act_pay_dedc).toBe(80_000);
    expect(inpatient.hifp_pay).toBe(782_000); // (10000.00 − 800.00) × 0.85
    expect(inpatient.poolRatioBp).toBe(8500);
    const outpatient = splitSettlement({
      insutype: '390',
      inpatient: false,
      psn_type: '15',
      medfee: 10_000,
      ful: 0,
      overlmt: 0,
      pre: 0,
      inscp: 10_000,
      civilServant: false,
      assistance: false,
      hospitalBorne: false,
      acctUsed: true,
      balance: 50_000,
      mulaid: false,
    });
    expect(outpatient.act_pay_dedc).toBe(0);
    expect(outpatient.hifp_pay).toBe(5_000);
    expect(outpatient.acct_pay).toBe(0);
  });
});

describe('number formatting', () => {
  it('formats fen and basis points exactly', () => {
    expect(fenToString(0)).toBe('0.00');
    expect(fenToString(5)).toBe('0.05');
    expect(fenToString(-123456)).toBe('-1234.56');
    expect(fenToString(100)).toBe('1.00');
    expect(bpToString(8500)).toBe('0.8500');
    expect(bpToString(10000)).toBe('1.0000');
    expect(shareBp(5, 1000)).toBe(1); // 0.5 fen rounds half up
    expect(shareBp(4, 1000)).toBe(0);
  });
});

describe("the rules split's amount conversions", () => {
  // The checked forms they stand for: Number(d.times(100).toFixed(0)) and new D(f).div(100).
  const checkedFen = (d: InstanceType<typeof D>) => Number(d.times(100).toFixed(0));
  const same = (a: number, b: number) => Object.is(a, b);

  it('give the fen of any amount as the Decimal multiplication does (half-up, -0 kept)', () => {
    const amount = fc
      .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
      .map(([n, scale]) => new D(n.toString()).div(10 ** scale));
    fc.assert(
      fc.property(amount, (d) => same(fenOfAmount(d), checkedFen(d))),
      { numRuns: 3000 },
    );
    for (const t of [
      '0',
      '-0',
      '-0.001',
      '0.004',
      '0.005',
      '-0.005',
      '1.005',
      '-1.005',
      '123.4449',
      '99999999999999.99',
    ])
      expect(same(fenOfAmount(new D(t)), checkedFen(new D(t))), t).toBe(true);
    // A broken fast path (e.g. truncating instead of rounding) fails here.
    expect(fenOfAmount(new D('0.125'))).toBe(13);
  });

  it('give the yuan of any fen as the Decimal division does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), (f) => {
        const a = amountOfFen(f);
        const b = new D(f).div(100);
        return a.eq(b) && a.isNeg() === b.isNeg() && a.toString() === b.toString();
      }),
      { numRuns: 3000 },
    );
    expect(amountOfFen(-0).isNeg()).toBe(new D(-0).div(100).isNeg());
    expect(amountOfFen(1234).toFixed(2)).toBe('12.34');
  });
});
