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
  return d.toFixed(2);
}

/** Four decimals, the form of pool_prop_selfpay (num 5,4). */
export function f4(d: Decimal): string {
  return d.toFixed(4);
}
