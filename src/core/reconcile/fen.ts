/**
 * Amounts inside the reconciliation's hot loop are exact integers of fen (分) held as `bigint`:
 * a month of a large hospital is a million rows with four amounts each, and summing them as
 * Decimal objects costs four times the time and memory. `bigint` is exact like Decimal (it is
 * never a floating-point `number`); everything that leaves the loop (totals, findings, reports)
 * becomes a Decimal or a two-decimal string again.
 */
import { D, fenOfText, textOfFen, type Decimal } from '../money.js';

// (Zeros after the second decimal are no digits of the amount: a NUMERIC(18,4) column prints 12.3000.)
const AMOUNT = /^(-)?(\d+)(?:\.(\d{1,2})0*)?$/;

/**
 * Parse a canonical amount ("12.30", "-5", "0.1", "12.3000") into fen; undefined when it is not
 * an amount with at most two decimals (such a row is reported, never rounded silently).
 */
export function parseFen(v: unknown): bigint | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') {
    // A driver's number (SQLite REAL, a NUMERIC read as double) is exact when it is the double
    // nearest to a two-decimal amount: then round(v × 100) / 100 gives v back. Far below 2^53 fen.
    const f = Math.round(v * 100);
    if (Number.isSafeInteger(f) && f / 100 === v) return f === 0 ? 0n : BigInt(f);
  }
  const s =
    typeof v === 'string'
      ? v
      : typeof v === 'number' && Number.isFinite(v)
        ? String(v)
        : typeof v === 'bigint'
          ? String(v)
          : '';
  const f = fenOfText(s);
  // (Zero, common in the optional amounts, is the constant: no BigInt made.)
  if (f !== undefined) return f === 0 ? 0n : BigInt(f);
  // Beyond 13 integer digits, or zeros after the cents: by the pattern.
  const m = AMOUNT.exec(s.trim());
  if (!m) return undefined;
  const cents = (m[3] ?? '').padEnd(2, '0');
  const n = BigInt(m[2]! + cents);
  return m[1] ? -n : n;
}

const SAFE_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Fen as hisops's amount text: "12.30", "-0.05". */
export function fenText(f: bigint): string {
  // Every line of a 3202 upload prints three amounts: a safe integer is printed as a number
  // (money.textOfFen, exact below 2^53), digit for digit what the bigint way below gives.
  if (f <= SAFE_FEN && f >= -SAFE_FEN) return textOfFen(Number(f));
  return fenTextBig(f);
}

/** fenText through the bigint's digits (any size). */
function fenTextBig(f: bigint): string {
  const neg = f < 0n;
  const a = neg ? -f : f;
  const s = a.toString().padStart(3, '0');
  return `${neg ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
}

export function fenDecimal(f: bigint): Decimal {
  return new D(fenText(f));
}

/** A Decimal (or amount text) as fen; throws on more than two decimals (a programming error). */
export function decimalFen(d: Decimal | string): bigint {
  const f = parseFen(typeof d === 'string' ? d : d.toFixed());
  if (f === undefined) throw new RangeError(`not an amount in fen: ${String(d)}`);
  return f;
}
