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

/**
 * fenOfText of the bytes [s, e) when they are in the form hisops and the ledger write amounts
 * (-?digits.dd, at most 13 digits before the point): read in place, no string made (a 3202 file's
 * lines are tens of thousands). Any other form is undefined; the caller reads it as text if it may
 * be an amount all the same.
 */
export function fenOfBytes(b: Uint8Array, s: number, e: number): number | undefined {
  const neg = b[s] === 45; /* - */
  let i = neg ? s + 1 : s;
  const start = i;
  let yuan = 0;
  for (; i < e - 3; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) return undefined;
    yuan = yuan * 10 + (c - 48);
  }
  const d1 = b[e - 2]! - 48;
  const d2 = b[e - 1]! - 48;
  if (i === start || i - start > 13 || b[i] !== 46 /* . */ || !(d1 >= 0 && d1 <= 9 && d2 >= 0 && d2 <= 9))
    return undefined;
  const f = yuan * 100 + d1 * 10 + d2;
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

/** The center's rounding modes, symmetric around zero (policy `rounding.mode`). */
export type CentRounding = 'half_up' | 'half_even' | 'down';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];
const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * The one place where a product of exact decimals becomes fen with the center's rounding:
 * `units` counts 10^-places yuan (a quantity × price, an amount × ratio, both as scaled integers),
 * the result is whole fen rounded by `mode` (half-up and half-even at the half away from zero or
 * to the even fen, down toward zero), exactly as decimal.js's toDecimalPlaces(2, mode) of the same
 * value. NaN when `units` is not a safe integer or `places` is beyond 12: the caller takes the
 * Decimal way. The fee lines of settle calc split through it (rules/fenLine.ts).
 */
export function roundFen(units: number, places: number, mode: CentRounding): number {
  if (!(units >= -SAFE && units <= SAFE) || places > 12) return NaN;
  if (places <= 2) {
    const f = units * POW10[2 - places]!;
    return f >= -SAFE && f <= SAFE ? f : NaN;
  }
  const k = POW10[places - 2]!;
  const a = units < 0 ? -units : units;
  let q = Math.floor(a / k);
  let r = a - q * k;
  // a / k in doubles may be one off near a whole quotient: the remainder puts it right.
  if (r < 0) {
    q--;
    r += k;
  } else if (r >= k) {
    q++;
    r -= k;
  }
  if (mode === 'half_up' ? 2 * r >= k : mode === 'half_even' ? 2 * r > k || (2 * r === k && q % 2 === 1) : false) q++;
  return units < 0 && q !== 0 ? -q : q;
}

/**
 * A Decimal with at most 6 decimals as a scaled integer: sets `out.units` and `out.places` (the
 * fewest decimals that hold it) and returns true; false for anything else (more decimals, not a
 * safe integer when scaled, NaN, infinite, −0). Read from the documented digits (`d`: base-10^7
 * words, the first holding the units at word ⌊e / 7⌋; `e`; `s`), as rounding.ts's fixedText.
 */
export function scaledOf(x: Decimal, out: { units: number; places: number }): boolean {
  const w = x.d;
  const e = x.e;
  if (!w || e >= 15) return false;
  const top = Math.floor(e / 7);
  let int = 0;
  let frac = 0;
  let places = 0;
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const place = top - i;
    const word = w[i]!;
    if (place >= 0) int = int * 1e7 + word;
    else if (place === -1) {
      let t = word;
      places = 7;
      while (places > 0 && t % 10 === 0) {
        t /= 10;
        places--;
      }
      if (places > 6) return false;
      frac = t;
    } else return false;
  }
  const last = top - (n - 1);
  if (last > 0) int *= last === 1 ? 1e7 : 1e14;
  if (int === 0 && frac === 0 && x.s < 0) return false;
  const units = int * POW10[places]! + frac;
  if (units > SAFE) return false;
  out.units = x.s < 0 ? -units : units;
  out.places = places;
  return true;
}

/**
 * Whole fen as a Decimal equal in every digit to `new D(textOfFen(f))`, built from its words
 * rather than parsed (a split bill hands back several amounts per fee line). |f| below 10^15.
 */
export function decimalOfFen(f: number): Decimal {
  const x = Object.create(D.prototype) as Decimal & { constructor: typeof D; s: number; e: number; d: number[] };
  // The own fields of a constructed Decimal, in its order (one object shape for all).
  x.constructor = D;
  x.s = f < 0 ? -1 : 1;
  const a = f < 0 ? -f : f;
  const cents = a % 100;
  const yuan = (a - cents) / 100;
  if (yuan === 0) {
    x.e = cents === 0 ? 0 : cents >= 10 ? -1 : -2;
    x.d = [cents * 100000];
    return x;
  }
  const hi = Math.floor(yuan / 1e7);
  const lo = yuan - hi * 1e7;
  x.e = hi > 0 ? 7 + digitsOf(hi) - 1 : digitsOf(lo) - 1;
  x.d =
    cents > 0 ? (hi > 0 ? [hi, lo, cents * 100000] : [lo, cents * 100000]) : hi > 0 ? (lo > 0 ? [hi, lo] : [hi]) : [lo];
  return x;
}

function digitsOf(n: number): number {
  let d = 1;
  while (n >= POW10[d]!) d++;
  return d;
}

/**
 * x.cmp(y) (1, 0, −1) for two Decimals, without the copy of `y` decimal.js makes for every
 * comparison: the engine compares a few hundred values per bill. The same steps as decimal.js's
 * comparedTo on the documented digits (`s`, `e`, `d`); NaN and the infinities go to cmp itself.
 */
export function cmpD(x: Decimal, y: Decimal): number {
  const xd = x.d;
  const yd = y.d;
  if (!xd || !yd) return x.cmp(y);
  const xs = x.s;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -y.s : 0;
  if (xs !== y.s) return xs;
  const neg = xs < 0;
  if (x.e !== y.e) return x.e > y.e !== neg ? 1 : -1;
  const xl = xd.length;
  const yl = yd.length;
  const n = xl < yl ? xl : yl;
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return xd[i]! > yd[i]! !== neg ? 1 : -1;
  return xl === yl ? 0 : xl > yl !== neg ? 1 : -1;
}

const TERM_A = { units: 0, places: 0 };
const TERM_B = { units: 0, places: 0 };

/**
 * x + sign·y in fen when both are whole fen (at most 2 decimals, neither −0) and the sum is an
 * amount below 10^13 yuan; NaN otherwise. One +0 among them is fine: decimal.js gives a copy of
 * the other term (negated for 0 − y), which is the Decimal of the same fen. A zero sum (0 + 0,
 * x − x, the stay's many zero funds) is +0 in decimal.js under every rounding mode but
 * ROUND_FLOOR, which D is not configured with; decimalOfFen(0) is that +0.
 */
function fenSum(x: Decimal, y: Decimal, sign: 1 | -1): number {
  if (!scaledOf(x, TERM_A) || !scaledOf(y, TERM_B) || TERM_A.places > 2 || TERM_B.places > 2) return NaN;
  const a = TERM_A.units * POW10[2 - TERM_A.places]!;
  const b = TERM_B.units * POW10[2 - TERM_B.places]!;
  const f = sign === 1 ? a + b : a - b;
  if (!(a < 1e15 && a > -1e15 && b < 1e15 && b > -1e15 && f < 1e15 && f > -1e15)) return NaN;
  if (f === 0 && D.rounding === Decimal.ROUND_FLOOR) return NaN;
  return f;
}

/**
 * x.plus(y) for the settlement's amounts, worked in integer fen when both are whole fen: the
 * Decimal of the sum, equal in every digit to decimal.js's (its form is canonical, and 15
 * digits are far inside its 40), made by decimalOfFen without decimal.js's copies. Anything
 * else (more decimals, −0) takes plus itself.
 */
export function plusD(x: Decimal, y: Decimal): Decimal {
  const f = fenSum(x, y, 1);
  return Number.isNaN(f) ? x.plus(y) : decimalOfFen(f);
}

/** x.minus(y) the same way (plusD). */
export function minusD(x: Decimal, y: Decimal): Decimal {
  const f = fenSum(x, y, -1);
  return Number.isNaN(f) ? x.minus(y) : decimalOfFen(f);
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
