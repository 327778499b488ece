/** Calendar days as `yyyy-MM-dd` text (the HIS's wall clock). Pure. */
import { inputError } from '../errors.js';

/** Days of the HIS's wall clock: the shared day arithmetic, and today as the machine's clock has it. */
export { addDays, isDay, calendarDay as dayOf } from '../time/index.js';
import { addDays, isDay } from '../time/index.js';

export interface Window {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** Every day of a window, in order. */
export function daysOf(w: Window): string[] {
  const out: string[] = [];
  for (let d = w.from; d <= w.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The window a command works on: --from/--to when given (either alone means that one day … today
 * or that day only), else today and the `lookbackDays` before it.
 */
export function resolveWindow(o: {
  from?: string;
  to?: string;
  today: string;
  lookbackDays: number;
  maxDays?: number;
}): Window {
  for (const [flag, v] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const) {
    if (v !== undefined && !isDay(v))
      throw inputError(
        'TRACE_BAD_DATE',
        `${flag} ${v} is not a date`,
        `Write the day as yyyy-MM-dd, e.g. ${flag} ${o.today}.`,
      ).zh(`${flag} ${v} 不是日期`, `请将日期写成 yyyy-MM-dd，例如 ${flag} ${o.today}。`);
  }
  const from = o.from ?? (o.to ? o.to : addDays(o.today, -o.lookbackDays));
  const to = o.to ?? (o.from ? (o.from > o.today ? o.from : o.today) : o.today);
  if (from > to)
    throw inputError(
      'TRACE_BAD_WINDOW',
      `--from ${from} is after --to ${to}`,
      'Give the earlier day as --from and the later one as --to.',
    ).zh(`--from ${from} 晚于 --to ${to}`, '请用 --from 给出较早的日期，用 --to 给出较晚的日期。');
  const n = daysOf({ from, to }).length;
  const max = o.maxDays ?? 366;
  if (n > max)
    throw inputError(
      'TRACE_BAD_WINDOW',
      `The window ${from} … ${to} has ${n} days`,
      `Work on at most ${max} days at a time (split the window).`,
    ).zh(`日期范围 ${from} … ${to} 共 ${n} 天`, `每次最多处理 ${max} 天（请拆分日期范围）。`);
  return { from, to };
}
