/**
 * The split of one fee line in integer fen (分), the engine's side of the money boundary
 * (docs/architecture.md "One money boundary"): quantity, price, limit and ratio are read from
 * their Decimals as scaled integers, every product is rounded to fen by money.roundFen (the
 * policy's mode, the same cents as toDecimalPlaces), and the parts come back as Decimals equal in
 * every digit to those of the Decimal way. The bill's category sums are added up here in fen.
 * A line whose values do not fit (more than 6 decimals, a product beyond 2^53) returns null and
 * takes the Decimal way in splitLine; the sums then take its parts as they are.
 */
import { D, decimalOfFen, roundFen, scaledOf, type Decimal } from '../money.js';
import type { RoundMode } from './types.js';

const ZERO = new D(0);

/** Fen parts of a line: set by fenParts, read at once (one object for every line). */
export interface FenParts {
  fee: number;
  over: number;
  pre: number;
}

/** The category sums of a bill in fen; `exact` false when a part could not be read (the Decimal sums are used then). */
export interface FenSums {
  medfee: number;
  fulamt: number;
  overlmt: number;
  pre: number;
  inscp: number;
  hospOver: number;
  hospFul: number;
  /** Σ |fee|: the sums stay exact while it is below 2^53. */
  size: number;
  exact: boolean;
}

export function newFenSums(): FenSums {
  return { medfee: 0, fulamt: 0, overlmt: 0, pre: 0, inscp: 0, hospOver: 0, hospFul: 0, size: 0, exact: true };
}

const CNT = { units: 0, places: 0 };
const PRIC = { units: 0, places: 0 };
const LIMIT = { units: 0, places: 0 };
const PROP = { units: 0, places: 0 };
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6];

/**
 * fee = cnt × pric; over = (pric − limit) × cnt when the price is above the limit; pre = (fee −
 * over) × prop (prop null: none). Each rounded to fen. False when a value is outside the fen path.
 */
export function fenParts(
  cnt: Decimal,
  pric: Decimal,
  limit: Decimal | null,
  prop: Decimal | null,
  mode: RoundMode,
  out: FenParts,
): boolean {
  if (!scaledOf(cnt, CNT) || !scaledOf(pric, PRIC)) return false;
  const fee = roundFen(CNT.units * PRIC.units, CNT.places + PRIC.places, mode);
  if (Number.isNaN(fee)) return false;
  let over = 0;
  if (limit !== null) {
    if (!scaledOf(limit, LIMIT)) return false;
    const places = PRIC.places > LIMIT.places ? PRIC.places : LIMIT.places;
    const above = PRIC.units * POW10[places - PRIC.places]! - LIMIT.units * POW10[places - LIMIT.places]!;
    if (above > 0) {
      over = roundFen(above * CNT.units, places + CNT.places, mode);
      if (Number.isNaN(over)) return false;
    }
  }
  let pre = 0;
  if (prop !== null && !prop.isZero()) {
    if (!scaledOf(prop, PROP)) return false;
    pre = roundFen((fee - over) * PROP.units, 2 + PROP.places, mode);
    if (Number.isNaN(pre)) return false;
  }
  out.fee = fee;
  out.over = over;
  out.pre = pre;
  return true;
}

/** Fen as the Decimal of a line part: the shared zero for 0, as the Decimal way has it. */
export function partOf(f: number): Decimal {
  return f === 0 ? ZERO : decimalOfFen(f);
}

/** Add a line's parts, in fen, to the bill's sums. */
export function addFen(
  s: FenSums,
  fee: number,
  fulamt: number,
  over: number,
  pre: number,
  inscp: number,
  hosp: number,
  unmapped: boolean,
): void {
  s.medfee += fee;
  s.fulamt += fulamt;
  s.overlmt += over;
  s.pre += pre;
  s.inscp += inscp;
  if (hosp !== 0) {
    if (unmapped) s.hospFul += hosp;
    else s.hospOver += hosp;
  }
  s.size += fee < 0 ? -fee : fee;
}

const PART = { units: 0, places: 0 };

/** Fen of a two-decimal part split the Decimal way; NaN when it is not one. */
export function fenOfPart(d: Decimal): number {
  if (d.isZero()) return 0;
  if (!scaledOf(d, PART) || PART.places > 2) return NaN;
  return PART.units * POW10[2 - PART.places]!;
}
