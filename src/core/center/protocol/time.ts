/**
 * The center's clock formats. All take `now` as an argument and an optional UTC offset in
 * minutes: hospitals run in China time (+480), but a server or container may run in UTC, and
 * msgid stamps, inf_time and the sign-in day must follow the center's clock, not the host's.
 * Without an offset the host's local time is used.
 */
import { isCalendarDay } from '../../time/index.js';

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parts(now: Date, utcOffsetMinutes?: number): Parts {
  if (utcOffsetMinutes === undefined) {
    return {
      y: now.getFullYear(),
      mo: now.getMonth() + 1,
      d: now.getDate(),
      h: now.getHours(),
      mi: now.getMinutes(),
      s: now.getSeconds(),
      ms: now.getMilliseconds(),
    };
  }
  const t = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  return {
    y: t.getUTCFullYear(),
    mo: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    h: t.getUTCHours(),
    mi: t.getUTCMinutes(),
    s: t.getUTCSeconds(),
    ms: t.getUTCMilliseconds(),
  };
}

const p = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `yyyyMMddHHmmss` — the 14-digit stamp inside msgid and inf_refmsgid. */
export function stamp14(now: Date, utcOffsetMinutes?: number): string {
  const t = parts(now, utcOffsetMinutes);
  return `${p(t.y, 4)}${p(t.mo)}${p(t.d)}${p(t.h)}${p(t.mi)}${p(t.s)}`;
}

/** `yyyyMMddHHmmssSSS` — refmsg_time / respond_time. */
export function stamp17(now: Date, utcOffsetMinutes?: number): string {
  const t = parts(now, utcOffsetMinutes);
  return `${stamp14(now, utcOffsetMinutes)}${p(t.ms, 3)}`;
}

/** `yyyy-MM-dd HH:mm:ss` — inf_time and every `dt` field. */
export function formatDateTime(now: Date, utcOffsetMinutes?: number): string {
  const t = parts(now, utcOffsetMinutes);
  return `${p(t.y, 4)}-${p(t.mo)}-${p(t.d)} ${p(t.h)}:${p(t.mi)}:${p(t.s)}`;
}

/** `yyyy-MM-dd` — every `date` field, and the sign-in day. */
export function formatDate(now: Date, utcOffsetMinutes?: number): string {
  return formatDateTime(now, utcOffsetMinutes).slice(0, 10);
}

export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATETIME_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/;

/** A real calendar date in `yyyy-MM-dd` (rejects 2024-02-30). */
export function isDate(s: string): boolean {
  if (!DATE_RE.test(s)) return false;
  // Digits read in place (every field of every item of a batch passes here). Years 0–99 are
  // refused, as a round trip through Date.UTC (which reads them as 1900–1999) always did.
  const digit = (i: number) => s.charCodeAt(i) - 48;
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  return y >= 100 && isCalendarDay(y, m, d);
}

/** A real `yyyy-MM-dd HH:mm:ss`. */
export function isDateTime(s: string): boolean {
  return DATETIME_RE.test(s) && isDate(s.slice(0, 10));
}
