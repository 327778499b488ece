/**
 * Rounding to cents with the policy's mode. Lines are always rounded per line (the center returns
 * two-decimal line splits); fund amounts per band or once per total (policy `rounding.fund`).
 * All modes are symmetric around zero, so a refund line splits as the exact negative of its charge.
 */
import { Decimal, scaledOf } from '../money.js';
import type { RoundMode } from './types.js';

const MODES: Record<RoundMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
};

const SCALED = { units: 0, places: 0 };

export function roundCents(d: Decimal, mode: RoundMode): Decimal {
  // Already whole cents (most amounts are): toDecimalPlaces would hand back a copy of the same
  // digits (the value is below 10^13 yuan, far inside the 40 significant digits it keeps).
  if (scaledOf(d, SCALED) && SCALED.places <= 2) return d;
  return d.toDecimalPlaces(2, MODES[mode]);
}

/** Two decimals for explanations. */
export function f2(d: Decimal): string {
  const fast = fixedText(d, 2);
  if (fast !== null) return fast;
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

/**
 * The text of a value with at most `places` decimals (2, 4 or 6) below 10^15, read from the
 * Decimal's documented digits (`d`: base-10^7 words, the first holding the units at word position
 * ⌊e / 7⌋; `e`; `s`) instead of toString/toFixed; null for anything else (more decimals, larger,
 * NaN, the infinities, −0), which takes the general way. A batch writes hundreds per bill.
 */
function fixedText(x: Decimal, places: 2 | 4 | 6): string | null {
  const w = x.d;
  const e = x.e;
  if (!w || e >= 15 || e < -places) return null;
  const unit = places === 2 ? 100000 : places === 4 ? 1000 : 10;
  const top = Math.floor(e / 7);
  let int = 0;
  let frac = 0;
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const place = top - i;
    const word = w[i]!;
    if (place >= 0) int = int * 1e7 + word;
    else if (place === -1 && word % unit === 0) frac = word / unit;
    else return null;
  }
  const last = top - (n - 1);
  if (last > 0) int *= last === 1 ? 1e7 : 1e14;
  if (int === 0 && frac === 0) return x.s < 0 ? null : places === 2 ? '0.00' : places === 4 ? '0.0000' : '0.000000';
  if (places === 2) return `${x.s < 0 ? '-' : ''}${int}${CENTS[frac]!}`;
  const f = String(frac);
  return `${x.s < 0 ? '-' : ''}${int}.${f.length < places ? '00000'.slice(0, places - f.length) : ''}${f}`;
}

/** `.00` … `.99`: the cents of an amount's text, made once. */
const CENTS = Array.from({ length: 100 }, (_, i) => `.${i < 10 ? '0' : ''}${i}`);

/** Four decimals, the form of pool_prop_selfpay (num 5,4). */
export function f4(d: Decimal): string {
  return fixedText(d, 4) ?? d.toFixed(4);
}

/**
 * toString() of a quantity or price as written (up to 6 decimals, below 10^15), read from its
 * digits like f2; anything else through toString.
 */
export function exactText(d: Decimal): string {
  const t = fixedText(d, 6);
  if (t === null) return d.toString();
  let end = t.length;
  while (t.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (t.charCodeAt(end - 1) === 46 /* . */) end--;
  return t.slice(0, end);
}
