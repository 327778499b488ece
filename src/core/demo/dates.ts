/**
 * Calendar helpers on `yyyy-MM-dd` strings (UTC arithmetic, so no daylight-saving surprises), and
 * a table of the 86,400 `HH:mm:ss` strings so a timestamp costs one concatenation.
 */
const p2 = (n: number) => (n < 10 ? '0' : '') + n;

export { addDays } from '../time/index.js';
import { addDays } from '../time/index.js';

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)))).getUTCDay();
}

export function isIsoDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && addDays(s, 0) === s;
}

let times: string[] | undefined;

/** `HH:mm:ss` of a second of the day. */
export function clock(sec: number): string {
  if (!times) {
    times = new Array<string>(86_400);
    for (let s = 0; s < 86_400; s++)
      times[s] = `${p2(Math.floor(s / 3600))}:${p2(Math.floor(s / 60) % 60)}:${p2(s % 60)}`;
  }
  return times[sec]!;
}

/** `yyyy-MM-dd HH:mm:ss` of a day and a second of it. */
export function stamp(day: string, sec: number): string {
  return day + ' ' + clock(sec);
}

/** `yyyyMMdd`. */
export function compact(day: string): string {
  return day.slice(0, 4) + day.slice(5, 7) + day.slice(8, 10);
}
