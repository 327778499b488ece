/**
 * cmpD, plusD and minusD (money.ts) stand in for decimal.js's cmp, plus and minus on the engine's
 * hot path, the sums worked in integer fen: over seeded values (whole fen and not, zeros of both
 * signs, signs, long values, beyond 10^13 yuan, NaN and the infinities for the comparison) each
 * must give what decimal.js gives, the Decimals equal in every digit (sign, exponent, words).
 */
import { describe, expect, it } from 'vitest';
import { cmpD, D, minusD, plusD, type Decimal } from '../../../src/core/money.js';

let seed = 12345;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return Math.floor((seed / 2147483648) * n);
};

const FIXED = ['0', '-0', '0.01', '-0.01', '1', '-1', '0.5', '99999999.99', '1e13', '9999999999999.99', '-1e15'];

/** A value as the engine meets them: mostly whole fen, some with more decimals, some very large. */
function value(): string {
  const k = rnd(10);
  if (k === 0) return FIXED[rnd(FIXED.length)]!;
  const sign = rnd(4) === 0 ? '-' : '';
  const int = String(rnd(k < 3 ? 100 : k < 6 ? 1_000_000 : k < 8 ? 2_000_000_000 : 10));
  const big = k === 9 ? String(rnd(10_000_000)) + String(rnd(10_000_000)).padStart(7, '0') : '';
  const places = rnd(3) === 0 ? rnd(7) : rnd(3);
  const frac = places === 0 ? '' : `.${String(rnd(10 ** places)).padStart(places, '0')}`;
  return `${sign}${big}${int}${frac}`;
}

const parts = (x: Decimal): [number, number, number[] | null] => [
  x.s,
  x.e,
  (x as unknown as { d: number[] | null }).d?.slice() ?? null,
];

describe('Decimal operations without decimal.js copies', () => {
  it('plusD and minusD equal plus and minus in every digit, cmpD equals cmp', () => {
    let fen = 0;
    let oneZero = 0;
    let plusZero = 0;
    for (let i = 0; i < 40_000; i++) {
      const a = new D(value());
      const b = new D(value());
      expect(parts(plusD(a, b)), `${a} + ${b}`).toEqual(parts(a.plus(b)));
      expect(parts(minusD(a, b)), `${a} - ${b}`).toEqual(parts(a.minus(b)));
      expect(cmpD(a, b), `${a} cmp ${b}`).toBe(a.cmp(b));
      expect(cmpD(a, a)).toBe(0);
      // Zero sums (x − x, x + −x): decimal.js's +0, which plusD and minusD now make in fen.
      expect(parts(minusD(a, a)), `${a} - ${a}`).toEqual(parts(a.minus(a)));
      expect(parts(plusD(a, a.neg())), `${a} + -${a}`).toEqual(parts(a.plus(a.neg())));
      if (a.decimalPlaces() <= 2 && !a.isNeg() && a.isZero()) plusZero++;
      if (a.decimalPlaces() <= 2 && b.decimalPlaces() <= 2 && !a.isZero() && !b.isZero()) fen++;
      if (a.decimalPlaces() <= 2 && b.decimalPlaces() <= 2 && a.isZero() !== b.isZero()) oneZero++;
    }
    // Both ways taken: most pairs are whole fen; a zero beside whole fen (sums in fen too) is met.
    expect(fen).toBeGreaterThan(10_000);
    expect(oneZero).toBeGreaterThan(500);
    expect(plusZero).toBeGreaterThan(100);
  });

  it('a zero sum is +0 for every pair of zeros, as decimal.js gives it', () => {
    const zeros = [new D(0), new D('-0'), new D('0.00'), new D(0).minus(new D(0))];
    for (const a of zeros)
      for (const b of zeros) {
        expect(parts(plusD(a, b)), `${a} + ${b}`).toEqual(parts(a.plus(b)));
        expect(parts(minusD(a, b)), `${a} - ${b}`).toEqual(parts(a.minus(b)));
        expect(Object.is(plusD(a, b).toNumber(), a.plus(b).toNumber())).toBe(true);
        expect(Object.is(minusD(a, b).toNumber(), a.minus(b).toNumber())).toBe(true);
      }
  });

  it('cmpD leaves NaN and the infinities to cmp', () => {
    const odd = [new D(NaN), new D(Infinity), new D(-Infinity), new D(0), new D('-0'), new D('1.5')];
    for (const a of odd) for (const b of odd) expect(Object.is(cmpD(a, b), a.cmp(b)), `${a} cmp ${b}`).toBe(true);
  });
});
