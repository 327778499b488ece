/**
 * Seed sizes. `days` is the default window; `perDay` the mean number of settlements a day (a
 * weekday gets more, a Sunday fewer). `large` is fixed at one million settlements in total.
 */
export type SeedSize = 'small' | 'medium' | 'large';

export interface SizeSpec {
  days: number;
  /** Settlements over the default window. */
  total: number;
  /** Distinct patients. */
  persons: number;
}

export const SIZES: Record<SeedSize, SizeSpec> = {
  small: { days: 3, total: 900, persons: 600 },
  medium: { days: 30, total: 90_000, persons: 30_000 },
  large: { days: 30, total: 1_000_000, persons: 100_000 },
};

export function isSeedSize(s: string): s is SeedSize {
  return s in SIZES;
}

/** Settlements for a window of `days` (the size's daily rate; `large` stays at one million). */
export function totalFor(size: SeedSize, days: number): number {
  const spec = SIZES[size];
  if (size === 'large') return spec.total;
  return Math.round((spec.total * days) / spec.days);
}
