/**
 * Calendar days as `yyyy-MM-dd` strings: they sort and compare as text, travel through every
 * database unchanged, and need no time zone. Catalog files and mapping sheets write dates in many
 * forms; `parseDay` accepts the ones seen in the wild and says what it expected otherwise. Pure.
 */

export type Day = string;

/** Dates on or after this are the "no end" sentinel hospitals and the center write (2099-12-31, 9999-12-31). */
export const OPEN_END: Day = '2099-12-31';
/** The start stored for catalog entries whose file gives none. */
export const NO_START: Day = '1900-01-01';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const p2 = (n: number) => String(n).padStart(2, '0');

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1000;
}
const num2 = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const num4 = (s: string, i: number) =>
  digit(s, i) * 1000 + digit(s, i + 1) * 100 + digit(s, i + 2) * 10 + digit(s, i + 3);

function make(y: number, m: number, d: number): Day | undefined {
  if (!(y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return undefined;
  return `${y}-${p2(m)}-${p2(d)}`;
}

/** Whether y-m-d is a real day of the years make() accepts (the same answer as its Date round trip). */
function isDay(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && isCalendarDay(y, m, d);
}

/** Excel's day serial (1900 system, with its phantom 1900-02-29) → day. */
function fromExcelSerial(n: number): Day | undefined {
  if (!(n >= 1 && n < 2958466)) return undefined;
  const ms = Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000;
  const t = new Date(ms);
  return make(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whether a `yyyy-MM-dd` is followed by a time: ` HH:mm:ss` (the usual, checked without a regular expression), ` H:mm`, …. */
function isTime(raw: string): boolean {
  if (
    raw.length === 19 &&
    raw.charCodeAt(13) === 58 &&
    raw.charCodeAt(16) === 58 &&
    num2(raw, 11) >= 0 &&
    num2(raw, 14) >= 0 &&
    num2(raw, 17) >= 0
  )
    return true;
  return /^ \d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(raw.slice(10));
}

/**
 * Text → day, or undefined when it is not a date. Accepts `2024-03-01`, `2024/3/1`, `2024.03.01`,
 * `20240301`, `2024年3月1日`, any of those followed by a time, Java's `Date.toString()`
 * (`Fri Mar 01 00:00:00 CST 2024`, what some center files carry) and, when `excelSerial` is set,
 * a spreadsheet day number (45352).
 */
export function parseDay(raw: string, opts: { excelSerial?: boolean } = {}): Day | undefined {
  // The common case, `yyyy-MM-dd` with or without a time, without a regular expression.
  if (
    raw.length >= 10 &&
    raw.charCodeAt(4) === 45 &&
    raw.charCodeAt(7) === 45 &&
    (raw.length === 10 || raw.charCodeAt(10) === 32)
  ) {
    const y = num4(raw, 0);
    const m = num2(raw, 5);
    const d = num2(raw, 8);
    if (y >= 0 && m >= 0 && d >= 0 && (raw.length === 10 || isTime(raw)))
      // The digits are already the day's own: no Date and no new string for a real day.
      return isDay(y, m, d) ? (raw.length === 10 ? raw : raw.slice(0, 10)) : undefined;
  }
  const s = raw.trim();
  let m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return make(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})(?:\s*\d{2}:?\d{2}:?\d{2})?$/.exec(s);
  if (m) return make(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})(\d{2})(\d{2})\d{6}$/.exec(s);
  if (m) return make(+m[1]!, +m[2]!, +m[3]!);
  m = /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(s);
  if (m) return make(+m[1]!, +m[2]!, +m[3]!);
  m = /^(?:[A-Za-z]{3} )?([A-Za-z]{3}) (\d{1,2}) \d{2}:\d{2}:\d{2} (?:[A-Z]{2,5} )?(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    return mo ? make(+m[3]!, mo, +m[2]!) : undefined;
  }
  if (opts.excelSerial && /^\d{1,7}(\.\d+)?$/.test(s)) return fromExcelSerial(Number(s));
  return undefined;
}

/** What `parseDay` accepts, for fix messages. */
export const DAY_FORMS = 'yyyy-MM-dd (also yyyyMMdd, yyyy/M/d, 2024年3月1日 or Java\'s "Fri Mar 01 00:00:00 CST 2024")';

export { addDays, daysBetween, dayOf } from '../time/index.js';
import { addDays, isCalendarDay } from '../time/index.js';

/** An end that means "until further notice": none, or the far-future sentinels. */
export function isOpenEnd(end: Day | null | undefined): boolean {
  return end === null || end === undefined || end >= OPEN_END;
}

/** An inclusive interval of days; `end` null means open. */
export interface Span {
  begin: Day;
  end: Day | null;
}

export function spanContains(s: Span, d: Day): boolean {
  return s.begin <= d && (s.end === null || d <= s.end);
}

export function spansOverlap(a: Span, b: Span): boolean {
  return a.begin <= (b.end ?? '9999-12-31') && b.begin <= (a.end ?? '9999-12-31');
}

/** `a` minus the union of `cover`: the parts of `a` no span of `cover` reaches, in order. */
export function uncovered(a: Span, cover: readonly Span[]): Span[] {
  const sorted = [...cover]
    .filter((c) => spansOverlap(a, c))
    .sort((x, y) => (x.begin < y.begin ? -1 : x.begin > y.begin ? 1 : 0));
  const out: Span[] = [];
  let cursor: Day | null = a.begin; // first day not yet known to be covered; null = past the end
  for (const c of sorted) {
    if (cursor === null) break;
    if (c.begin > cursor) {
      const gapEnd = addDays(c.begin, -1);
      out.push({ begin: cursor, end: a.end !== null && a.end < gapEnd ? a.end : gapEnd });
    }
    if (c.end === null) {
      cursor = null;
      break;
    }
    const next = addDays(c.end, 1);
    if (next > cursor) cursor = next;
    if (a.end !== null && cursor > a.end) cursor = null;
  }
  if (cursor !== null && (a.end === null || cursor <= a.end)) out.push({ begin: cursor, end: a.end });
  return out;
}

/** `2024-01-01..2024-03-31`, `2024-01-01` (one day), `from 2025-01-01 on`. */
export function formatSpan(s: Span): string {
  if (s.end === null) return `from ${s.begin} on`;
  return s.begin === s.end ? s.begin : `${s.begin}..${s.end}`;
}

/** "on 2024-04-01..2024-04-30 and from 2025-01-02 on" — uncovered days in a sentence. */
export function describeDays(spans: readonly Span[]): string {
  return spans.map((g) => (g.end === null ? `from ${g.begin} on` : `on ${formatSpan(g)}`)).join(' and ');
}
