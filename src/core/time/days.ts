/**
 * Calendar days as `yyyy-MM-dd` text, in one zone rule: the day is the China calendar day
 * (Asia/Shanghai, UTC+8 all year, no daylight saving), whatever the machine's zone. Arithmetic is
 * done on UTC midnights so no zone or daylight-saving change can shift a day (pure).
 */

/** The offset of Asia/Shanghai from UTC, in minutes. */
export const CHINA_UTC_OFFSET_MINUTES = 480;

const p2 = (n: number) => (n < 10 ? '0' : '') + n;

function toUtc(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

function fromUtc(ms: number): string {
  const t = new Date(ms);
  return `${t.getUTCFullYear()}-${p2(t.getUTCMonth() + 1)}-${p2(t.getUTCDate())}`;
}

/** The day `n` days after `day` (before, for negative `n`). */
export function addDays(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * 86_400_000);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** The calendar day of an instant in China (or at another UTC offset, in minutes). */
export function dayOf(instant: Date, utcOffsetMinutes = CHINA_UTC_OFFSET_MINUTES): string {
  return fromUtc(instant.getTime() + utcOffsetMinutes * 60_000);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a real calendar day written yyyy-MM-dd (not 2026-02-30; years before 100 are refused)? */
export function isDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  return m !== null && +m[1]! >= 100 && isCalendarDay(+m[1]!, +m[2]!, +m[3]!);
}

/**
 * Whether month `m` (1–12) of year `y` (Gregorian) has a day `d`. Readers that have already cut a
 * date's digits ask this instead of a round trip through Date, which costs a Date per value.
 */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  if (!(m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}
