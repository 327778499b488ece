/**
 * The fee-line split in integer fen (money.roundFen, scaledOf, decimalOfFen; rules/fenLine.ts)
 * agrees with decimal.js: the same cents in every rounding mode, the same Decimal digits, over
 * random quantities, prices, limits and ratios. Seeded, so a failure names values that repeat.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, Decimal, decimalOfFen, roundFen, scaledOf, textOfFen, type CentRounding } from '../../../src/core/money.js';
import { fenParts, type FenParts } from '../../../src/core/rules/fenLine.js';

const SEED = 7;
const MODES: Record<CentRounding, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
};
const mode = fc.constantFrom<CentRounding>('half_up', 'half_even', 'down');
const cents = (d: Decimal, m: CentRounding): string => d.toDecimalPlaces(2, MODES[m]).toFixed(2);

/** A decimal with up to `places` decimals and `digits` integer digits, either sign when `signed`. */
const decimal = (digits: number, places: number, signed = false) =>
  fc
    .tuple(
      fc.boolean(),
      fc.bigInt({ min: 0n, max: 10n ** BigInt(digits) - 1n }),
      fc.integer({ min: 0, max: places }),
      fc.bigInt({ min: 0n, max: 10n ** BigInt(places) - 1n }),
    )
    .map(
      ([neg, int, p, frac]) =>
        new D(`${signed && neg ? '-' : ''}${int}${p ? `.${String(frac).padStart(places, '0').slice(0, p)}` : ''}`),
    );

describe('integer fen of a fee line', () => {
  it('rounds scaled units to the cents decimal.js rounds them to, in every mode', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 53n) + 1n, max: 2n ** 53n - 1n }),
        fc.integer({ min: 0, max: 12 }),
        mode,
        (u, places, m) => {
          const exact = new D(u.toString()).div(new D(10).pow(places));
          const f = roundFen(Number(u), places, m);
          // Beyond the safe integers it declines (NaN), and the caller takes the Decimal way.
          if (Number.isNaN(f)) expect(exact.abs().times(100).gt(Number.MAX_SAFE_INTEGER)).toBe(true);
          else expect(textOfFen(f)).toBe(cents(exact, m).replace(/^-0\.00$/, '0.00'));
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('rounds the halves as the center does', () => {
    expect(roundFen(25, 3, 'half_up')).toBe(3); // 0.025 → 0.03
    expect(roundFen(-25, 3, 'half_up')).toBe(-3);
    expect(roundFen(25, 3, 'half_even')).toBe(2);
    expect(roundFen(35, 3, 'half_even')).toBe(4);
    expect(roundFen(29, 3, 'down')).toBe(2);
    expect(roundFen(-29, 3, 'down')).toBe(-2);
    expect(roundFen(2 ** 53, 2, 'half_up')).toBeNaN();
  });

  it('reads a Decimal of up to 6 decimals as scaled units, and refuses more', () => {
    const out = { units: 0, places: 0 };
    fc.assert(
      fc.property(decimal(9, 6, true), (d) => {
        // −0 takes the Decimal way (its sign would be lost in an integer).
        expect(scaledOf(d, out)).toBe(!(d.isZero() && d.isNeg()));
        if (d.isZero() && d.isNeg()) return;
        expect(new D(out.units).div(new D(10).pow(out.places)).eq(d)).toBe(true);
        expect(out.places).toBe(d.decimalPlaces());
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(scaledOf(new D('1.0000001'), out)).toBe(false);
    expect(scaledOf(new D('1e20'), out)).toBe(false);
  });

  it('builds the Decimal of whole fen digit for digit as parsing its text does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (f) => {
        const built = decimalOfFen(f);
        const parsed = new D(textOfFen(f));
        expect({ s: built.s, e: built.e, d: built.d }).toEqual({ s: parsed.s, e: parsed.e, d: parsed.d });
        expect(built.plus(parsed).toFixed(2)).toBe(parsed.times(2).toFixed(2));
      }),
      { seed: SEED, numRuns: 3000 },
    );
    for (const f of [0, 1, 10, 99, 100, 1000000000, 1000000001, 123456789012345])
      expect(decimalOfFen(f).toFixed(2)).toBe(textOfFen(f));
  });

  it('splits a line into the parts the Decimal way gives: fee, over-limit, pre-self-pay', () => {
    const out: FenParts = { fee: 0, over: 0, pre: 0 };
    fc.assert(
      fc.property(
        decimal(4, 4, true),
        decimal(6, 6),
        fc.option(decimal(6, 6)),
        fc.option(decimal(0, 4)),
        mode,
        (cnt, pric, limit, prop, m) => {
          if (!fenParts(cnt, pric, limit, prop, m, out)) return;
          const md = MODES[m];
          const fee = cnt.times(pric).toDecimalPlaces(2, md);
          const over =
            limit !== null && pric.gt(limit) ? pric.minus(limit).times(cnt).toDecimalPlaces(2, md) : new D(0);
          const pre = prop === null || prop.isZero() ? new D(0) : fee.minus(over).times(prop).toDecimalPlaces(2, md);
          expect([textOfFen(out.fee), textOfFen(out.over), textOfFen(out.pre)]).toEqual(
            [fee.toFixed(2), over.toFixed(2), pre.toFixed(2)].map((t) => (t === '-0.00' ? '0.00' : t)),
          );
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });
});
