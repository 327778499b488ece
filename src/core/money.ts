/**
 * Money is decimal.js, never `number`. hisops's own JSON and reports carry amounts as strings with
 * two decimals; `toWire` keeps the form the center's protocol expects (a JSON number with at most
 * two decimals), built from the exact decimal.
 */
import { Decimal } from 'decimal.js';

// One configured constructor for the whole program: 40 significant digits, half-up rounding.
export const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Money = Decimal;

export const ZERO = new D(0);

/** Parse an amount from text, a number or a Decimal; throws on anything that is not a finite number. */
export function money(v: Decimal.Value | null | undefined): Decimal {
  if (v === null || v === undefined || v === '') return ZERO;
  const d = new D(typeof v === 'string' ? v.trim() : v);
  if (!d.isFinite()) throw new RangeError(`not a finite amount: ${String(v)}`);
  return d;
}

/** Try to parse an amount; undefined when it is not a number (for validators that report, not throw). */
export function parseMoney(v: unknown): Decimal | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const s = typeof v === 'string' ? v.trim().replace(/,/g, '') : v;
  if (s === '') return undefined;
  try {
    const d = new D(s);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}

/** Round half-up to cents (the center's default). */
export function round2(d: Decimal): Decimal {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** hisops's own format: a string with exactly two decimals ("12.30", "-0.50"). */
export function fmt(d: Decimal.Value): string {
  return round2(d instanceof Decimal ? d : money(d)).toFixed(2);
}

const FEN_TEXT = /^\s*(-)?(\d{1,13})(?:\.(\d{1,2}))?\s*$/;

/**
 * Amount text with at most two decimals ("12.3", "-0.05") as exact integer fen (分) — for the few
 * loops that pass tens of thousands of file lines, where a Decimal per amount costs more than the
 * rest of the work. Below 10^15 fen, far inside the safe integers, so sums stay exact. Anything
 * else (more decimals, not a number) is undefined: the caller reports it.
 */
export function fenOfText(s: string): number | undefined {
  if (!FEN_TEXT.test(s)) return undefined;
  // The nearest double × 100, rounded, is the exact fen: below 2^51 the two roundings together
  // stay under half a fen (and this text is below 10^15 fen).
  return Math.round(Number(s) * 100);
}

/** Integer fen as amount text with two decimals ("12.30", "-0.05"). */
export function textOfFen(f: number): string {
  const a = Math.abs(f);
  const cents = a % 100;
  return `${f < 0 ? '-' : ''}${(a - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/** The form on the wire: a JSON number rounded to cents. */
export function toWire(d: Decimal.Value): number {
  return Number(round2(money(d)).toFixed(2));
}

export function sum(values: Iterable<Decimal.Value>): Decimal {
  let acc = ZERO;
  for (const v of values) acc = acc.plus(money(v));
  return acc;
}

export { Decimal };
