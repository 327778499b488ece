/**
 * a + b and a − b that hand back `a` itself when b is zero and the result would be `a` anyway
 * (a non-zero, or a +0; decimal.js turns −0 ± 0 into +0 or −0 by sign rules, so −0 takes the
 * general way). Most fee lines have no over-limit, pre-self-pay or fully self-paid part: the sums
 * of a bill's lines and the checks of every line skip a Decimal per zero part. Values are the
 * same as plus/minus (already finalised amounts: the engine's own results and rounded cents).
 */
import { minusD, plusD, type Decimal } from '../money.js';

function same(a: Decimal, b: Decimal): boolean {
  return b.isZero() && (!a.isZero() || !a.isNeg());
}

export function plusOrSame(a: Decimal, b: Decimal): Decimal {
  return same(a, b) ? a : plusD(a, b);
}

export function minusOrSame(a: Decimal, b: Decimal): Decimal {
  return same(a, b) ? a : minusD(a, b);
}
