/**
 * roundCents hands back an amount already in whole cents as it is: over seeded values (whole cents
 * and not, zeros of both signs, large and small) and every rounding mode, the Decimal must equal
 * decimal.js's toDecimalPlaces(2, mode) in every digit (sign, exponent, words).
 */
import { describe, expect, it } from 'vitest';
import { D, type Decimal } from '../../../src/core/money.js';
import { roundCents } from '../../../src/core/rules/rounding.js';

let seed = 4242;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
};

const FIXED = ['0', '-0', '0.01', '-0.005', '0.5', '12.3', '99999999.99', '1e13', '9999999999999.99', '1e15', '-1e20'];

function value(): string {
  if (rnd(8) === 0) return FIXED[rnd(FIXED.length)]!;
  const sign = rnd(4) === 0 ? '-' : '';
  const places = rnd(2) === 0 ? rnd(3) : rnd(9);
  const frac = places === 0 ? '' : `.${String(rnd(10 ** places)).padStart(places, '0')}`;
  return `${sign}${rnd(rnd(2) === 0 ? 1000 : 2_000_000_000)}${frac}`;
}

const parts = (x: Decimal): [number, number, number[] | null] => [
  x.s,
  x.e,
  (x as unknown as { d: number[] | null }).d?.slice() ?? null,
];

const MODES = { half_up: D.ROUND_HALF_UP, half_even: D.ROUND_HALF_EVEN, down: D.ROUND_DOWN } as const;

describe('roundCents', () => {
  it('equals toDecimalPlaces(2, mode) in every digit, in cents already or not', () => {
    let inCents = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = new D(value());
      if (x.decimalPlaces() <= 2) inCents++;
      for (const [mode, rm] of Object.entries(MODES))
        expect(parts(roundCents(x, mode as keyof typeof MODES)), `${x} ${mode}`).toEqual(
          parts(x.toDecimalPlaces(2, rm)),
        );
    }
    // Both ways taken.
    expect(inCents).toBeGreaterThan(5_000);
    expect(inCents).toBeLessThan(15_000);
  });
});
