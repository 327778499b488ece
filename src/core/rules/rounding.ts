/**
 * Rounding to cents with the policy's mode. Lines are always rounded per line (the center returns
 * two-decimal line splits); fund amounts per band or once per total (policy `rounding.fund`).
 * All modes are symmetric around zero, so a refund line splits as the exact negative of its charge.
 */
import { Decimal } from '../money.js';
import type { RoundMode } from './types.js';

const MODES: Record<RoundMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
};

export function roundCents(d: Decimal, mode: RoundMode): Decimal {
  return d.toDecimalPlaces(2, MODES[mode]);
}

/** Two decimals for explanations. */
export function f2(d: Decimal): string {
  // Most amounts are already in cents: their text padded is toFixed(2), without the rounding copy.
  // (toFixed(2) of zero is 0.00 whatever its sign; large exponents are left to toFixed, and so
  // are NaN and the infinities, whose decimalPlaces() is NaN.)
  const dp = d.decimalPlaces();
  if (dp <= 2 && d.e < 20) {
    if (d.isZero()) return '0.00';
    const s = d.toString();
    return dp === 2 ? s : dp === 1 ? `${s}0` : `${s}.00`;
  }
  return d.toFixed(2);
}

/** Four decimals, the form of pool_prop_selfpay (num 5,4). */
export function f4(d: Decimal): string {
  return d.toFixed(4);
}
