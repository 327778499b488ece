/**
 * plusOrSame / minusOrSame skip the Decimal only when plus/minus would give `a` back: same value
 * and same sign of zero, for every pair of signed zeros and non-zero amounts.
 */
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { minusOrSame, plusOrSame } from '../../../src/core/rules/plusOrSame.js';

const VALUES = ['0', '-0', '0.01', '-0.01', '12.30', '-7', '99999999.99'].map((v) => new D(v));
const show = (d: { toString(): string; isZero(): boolean; isNeg(): boolean }): string =>
  d.isZero() ? (d.isNeg() ? '-0' : '+0') : d.toString();

describe('plusOrSame / minusOrSame', () => {
  for (const a of VALUES) {
    for (const b of VALUES) {
      it(`${show(a)} ± ${show(b)}`, () => {
        expect(show(plusOrSame(a, b))).toBe(show(a.plus(b)));
        expect(show(minusOrSame(a, b))).toBe(show(a.minus(b)));
        if (b.isZero() && !a.isZero()) expect(plusOrSame(a, b)).toBe(a);
      });
    }
  }
});
