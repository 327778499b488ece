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
 * loops that pass tens of thousands of file lines or a million HIS rows, where a Decimal per
 * amount costs more than the rest of the work. At most 13 integer digits: below 10^15 fen, far
 * inside the safe integers, so sums stay exact. Anything else (more decimals, not a number) is
 * undefined: the caller reports it. The text is read digit by digit (a regular expression and
 * Number() cost five times as much); text with spaces around it takes the slower way.
 */
export function fenOfText(s: string): number | undefined {
  const end = s.length;
  let i = 0;
  let neg = false;
  if (s.charCodeAt(0) === 45 /* - */) {
    neg = true;
    i = 1;
  }
  let yuan = 0;
  const start = i;
  for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) yuan = yuan * 10 + (c - 48);
  const digits = i - start;
  if (digits === 0 || digits > 13) return fenOfSpacedText(s);
  let cents = 0;
  if (i < end) {
    if (s.charCodeAt(i) !== 46 /* . */ || i + 1 === end || end - i > 3) return fenOfSpacedText(s);
    const d1 = s.charCodeAt(i + 1) - 48;
    const d2 = end - i === 3 ? s.charCodeAt(i + 2) - 48 : 0;
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return fenOfSpacedText(s);
    cents = d1 * 10 + d2;
  }
  const f = yuan * 100 + cents;
  return neg && f !== 0 ? -f : f;
}

/** The same with spaces around the number (or not an amount at all: undefined). */
function fenOfSpacedText(s: string): number | undefined {
  const m = FEN_TEXT.exec(s);
  if (!m) return undefined;
  const f = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] && f !== 0 ? -f : f;
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
