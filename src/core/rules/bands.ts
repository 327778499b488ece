/**
 * Band arithmetic: the part of an interval [start, end) that falls in each band, times the
 * band's ratio. Used for the pool's segmented ratios and the supplements' segments.
 */
import { cmpD, D, minusD, plusD, type Decimal } from '../money.js';
import { roundCents } from './rounding.js';
import type { Band, RoundMode } from './types.js';

const ZERO = new D(0);

interface BandPiece {
  band: number;
  from: Decimal;
  to: Decimal;
  ratio: Decimal;
  /** ratio × (to − from), unrounded. */
  exact: Decimal;
}

const ONE = new D(1);

export function clamp01(d: Decimal): Decimal {
  return cmpD(d, ZERO) < 0 ? ZERO : cmpD(d, ONE) > 0 ? ONE : d;
}

/** Pieces of [start, end) by band; bands are contiguous from 0 and open-ended. */
export function bandPieces(
  bands: readonly Band[],
  start: Decimal,
  end: Decimal,
  ratioOf: (i: number) => Decimal,
): BandPiece[] {
  const out: BandPiece[] = [];
  if (!(cmpD(end, start) > 0)) return out;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    const lo = maxD(b.from, start);
    const hi = b.to === null ? end : minD(b.to, end);
    if (!(cmpD(hi, lo) > 0)) continue;
    const ratio = ratioOf(i);
    out.push({ band: i, from: lo, to: hi, ratio, exact: minusD(hi, lo).times(ratio) });
  }
  return out;
}

/** Sum of the pieces, rounded per band or once. */
export function sumPieces(pieces: readonly BandPiece[], mode: RoundMode, per: 'per_band' | 'total'): Decimal {
  let acc = ZERO;
  if (per === 'per_band') {
    for (const p of pieces) acc = plusD(acc, roundCents(p.exact, mode));
    return acc;
  }
  for (const p of pieces) acc = acc.plus(p.exact);
  return roundCents(acc, mode);
}

/**
 * The point where the running amount reaches `target` (the in-scope amount at which the fund hits
 * its ceiling); the end of the last piece when it never does.
 */
export function backCompute(pieces: readonly BandPiece[], target: Decimal): Decimal {
  let acc = ZERO;
  for (const p of pieces) {
    if (p.ratio.gt(0) && acc.plus(p.exact).gte(target)) return p.from.plus(target.minus(acc).div(p.ratio));
    acc = acc.plus(p.exact);
  }
  return pieces.length > 0 ? pieces[pieces.length - 1]!.to : ZERO;
}

/** Index of the band holding the amount just below `x` (the band of the last yuan); 0 for x = 0. */
export function bandAt(bands: readonly Band[], x: Decimal): number {
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i]!;
    if (b.to === null || cmpD(x, b.to) <= 0) return i;
  }
  return bands.length - 1;
}

export function maxD(a: Decimal, b: Decimal): Decimal {
  return cmpD(a, b) > 0 ? a : b;
}

export function minD(a: Decimal, b: Decimal): Decimal {
  return cmpD(a, b) < 0 ? a : b;
}
