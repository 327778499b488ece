/**
 * The money boundary (docs/architecture.md, "One money boundary"): the integer-fen paths of the hot
 * loops — `number` fen (money.fenOfText / textOfFen, the sandbox's 3202 comparison; the demo
 * seeder's shareBp / fenToString) and `bigint` fen (reconcile/fen.ts) — agree with decimal.js on
 * every sum and on half-up rounding to cents. Seeded, so a failure names amounts that repeat.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, fenOfText, fmt, money, round2, textOfFen } from '../../../src/core/money.js';
import { fenDecimal, fenText, parseFen } from '../../../src/core/reconcile/fen.js';
import { fenToString, shareBp } from '../../../src/core/demo/split.js';

const SEED = 22;
const RUNS = 300;

/** An amount as a HIS or the center writes it: up to 10 integer digits, 0–2 decimals, either sign. */
const amountText = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 9_999_999_999n }),
    fc.constantFrom(0, 1, 2),
    fc.integer({ min: 0, max: 99 }),
  )
  .map(([neg, yuan, places, cents]) => {
    const dec = places === 0 ? '' : places === 1 ? `.${Math.floor(cents / 10)}` : `.${String(cents).padStart(2, '0')}`;
    return `${neg ? '-' : ''}${yuan}${dec}`;
  });

describe('the fen paths agree with decimal.js', () => {
  it('read every amount to the same value', () => {
    fc.assert(
      fc.property(amountText, (t) => {
        const n = fenOfText(t)!;
        const b = parseFen(t)!;
        expect(BigInt(n)).toBe(b);
        expect(textOfFen(n)).toBe(fmt(t));
        expect(fenText(b)).toBe(fmt(t));
        expect(fenToString(n)).toBe(fmt(t));
        expect(fenDecimal(b).equals(money(t))).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('sum a day of amounts to the same total', () => {
    fc.assert(
      fc.property(fc.array(amountText, { minLength: 0, maxLength: 400 }), (ts) => {
        let n = 0;
        let b = 0n;
        let d = new D(0);
        for (const t of ts) {
          n += fenOfText(t)!;
          b += parseFen(t)!;
          d = d.plus(money(t));
        }
        // 400 amounts below 10^10 yuan stay below 2^53 fen: the number path is exact here.
        expect(textOfFen(n)).toBe(fmt(d));
        expect(fenText(b)).toBe(fmt(d));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('round a share half-up to cents the same way (the seeder’s split of a line)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 10_000 }), (fen, bp) => {
        const byDecimal = round2(new D(fen).div(100).times(bp).div(10_000));
        expect(textOfFen(shareBp(fen, bp))).toBe(byDecimal.toFixed(2));
      }),
      { seed: SEED, numRuns: RUNS * 3 },
    );
  });

  it('rounds the halves up, as the center does', () => {
    // 0.05 × 50% = 0.025 → 0.03; 1.01 × 50% = 0.505 → 0.51
    expect(shareBp(5, 5000)).toBe(3);
    expect(round2(new D('0.025')).toFixed(2)).toBe('0.03');
    expect(shareBp(101, 5000)).toBe(51);
  });
});
