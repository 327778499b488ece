/**
 * Dates and times as people in the institution write them: "2025-03-03 14:05:09" in the
 * institution's time zone (setting `timezone`, default Asia/Shanghai), never UTC ISO. JSON keeps
 * ISO text with the zone's offset ("2025-03-03T14:05:09+08:00"). The one place that turns an
 * instant into local text; pure (the instant is passed in).
 */
import { inputError } from '../errors.js';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw inputError(
        'CONFIG_BAD_TIMEZONE',
        `"${tz}" is not a time zone`,
        'Set timezone to an IANA zone name, e.g. timezone: Asia/Shanghai (or Asia/Urumqi).',
        "Reports write dates and times in the institution's zone.",
      ).zh(
        `"${tz}" 不是有效的时区`,
        '把 timezone 设为 IANA 时区名，例如 timezone: Asia/Shanghai（或 Asia/Urumqi）。',
        '报告中的日期和时间按本机构所在时区书写。',
      );
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Does Intl know the zone? (the configuration checks `timezone` with it when the file is read) */
export function isTimeZone(tz: string): boolean {
  if (tz === '') return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Throws CONFIG_BAD_TIMEZONE when the zone is unknown; returns it otherwise. */
export function checkTimeZone(tz: string): string {
  formatter(tz);
  return tz;
}

/** An ISO instant (with Z or an offset) or a Date; other text (already local) is returned as is. */
function instant(at: string | Date): Date | null {
  if (at instanceof Date) return Number.isNaN(at.getTime()) ? null : at;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(at)) return null;
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? null : d;
}

function parts(d: Date, tz: string): Record<string, string> {
  const p: Record<string, string> = {};
  for (const x of formatter(tz).formatToParts(d)) p[x.type] = x.value;
  return p;
}

/** "2025-03-03 14:05:09" in the zone. Text that is not an ISO instant is returned unchanged. */
export function localDateTime(at: string | Date, tz: string = DEFAULT_TIMEZONE): string {
  const d = instant(at);
  if (!d) return String(at);
  const p = parts(d, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2025-03-03" in the zone. */
export function localDate(at: string | Date, tz: string = DEFAULT_TIMEZONE): string {
  return localDateTime(at, tz).slice(0, 10);
}

/** ISO text with the zone's offset: "2025-03-03T14:05:09+08:00" (for JSON). */
export function isoWithOffset(at: string | Date, tz: string = DEFAULT_TIMEZONE): string {
  const d = instant(at);
  if (!d) return String(at);
  const local = localDateTime(d, tz);
  const asUtc = Date.parse(`${local.replace(' ', 'T')}Z`);
  const minutes = Math.round((asUtc - Math.floor(d.getTime() / 1000) * 1000) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${local.replace(' ', 'T')}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
