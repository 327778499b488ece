/**
 * Which days a run reconciles, and the periods it sends to the center. Dates are calendar days
 * of the center's clock (`yyyy-MM-dd`); a period covers whole days, and the HIS is asked for
 * settlements whose center setl_time is in [first day 00:00:00, day after the last 00:00:00).
 * Pure: "today" is an argument.
 */
import { inputError } from '../errors.js';
import type { PeriodMode } from './rules.js';

export interface Period {
  /** First and last day, inclusive (3201/3202 stmt_begndate / stmt_enddate). */
  begndate: string;
  enddate: string;
  /** HIS bounds by setl_time: [from, to). */
  from: string;
  to: string;
  days: string[];
}

export interface PeriodRequest {
  date?: string;
  from?: string;
  to?: string;
  /** Today in the center's clock, yyyy-MM-dd. */
  today: string;
  maxDays: number;
  mode: PeriodMode;
}

export interface PeriodPlan {
  begndate: string;
  enddate: string;
  days: string[];
  periods: Period[];
}

export { addDays, daysBetween, isDay } from '../time/index.js';
import { addDays, daysBetween, isDay } from '../time/index.js';

function dayArg(flag: string, v: string, today: string): string {
  const s = v.trim().toLowerCase();
  if (s === 'today') return today;
  if (s === 'yesterday') return addDays(today, -1);
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : s;
  if (!isDay(iso)) {
    throw inputError(
      'RECONCILE_DATE',
      `${flag} "${v}" is not a date`,
      `Write the day as yyyy-MM-dd (e.g. ${flag} ${addDays(today, -1)}), or today / yesterday.`,
    ).zh(
      `${flag} "${v}" 不是日期`,
      `请将日期写成 yyyy-MM-dd（例如 ${flag} ${addDays(today, -1)}），或 today / yesterday。`,
    );
  }
  return iso;
}

export function periodOf(begndate: string, enddate: string): Period {
  const days: string[] = [];
  for (let d = begndate; d <= enddate; d = addDays(d, 1)) days.push(d);
  return { begndate, enddate, from: `${begndate} 00:00:00`, to: `${addDays(enddate, 1)} 00:00:00`, days };
}

/**
 * Resolve --date / --from / --to (default: yesterday) into the days of the run and the periods
 * sent to the center: one per day, or one for the whole range (`mode: range`, month-end totals).
 */
export function resolvePeriods(req: PeriodRequest): PeriodPlan {
  if (!isDay(req.today)) throw new RangeError(`today must be yyyy-MM-dd, not ${req.today}`);
  if (req.date !== undefined && (req.from !== undefined || req.to !== undefined)) {
    throw inputError(
      'RECONCILE_DATE_CONFLICT',
      '--date cannot be combined with --from/--to',
      'Give either --date D for one day, or --from D --to D for a range.',
    ).zh('--date 不能与 --from/--to 同时使用', '单日用 --date D，日期范围用 --from D --to D，二选一。');
  }
  if ((req.from === undefined) !== (req.to === undefined)) {
    throw inputError(
      'RECONCILE_RANGE_INCOMPLETE',
      `${req.from === undefined ? '--to' : '--from'} was given without ${req.from === undefined ? '--from' : '--to'}`,
      'Give both ends of the range, e.g. --from 2025-03-01 --to 2025-03-31 (or --date D for one day).',
    ).zh(
      `给出了 ${req.from === undefined ? '--to' : '--from'} 但没有 ${req.from === undefined ? '--from' : '--to'}`,
      '请给出范围的两端，例如 --from 2025-03-01 --to 2025-03-31（单日用 --date D）。',
    );
  }
  let begndate: string;
  let enddate: string;
  if (req.date !== undefined) begndate = enddate = dayArg('--date', req.date, req.today);
  else if (req.from !== undefined) {
    begndate = dayArg('--from', req.from, req.today);
    enddate = dayArg('--to', req.to!, req.today);
  } else begndate = enddate = addDays(req.today, -1);
  if (enddate < begndate) {
    throw inputError(
      'RECONCILE_RANGE_BACKWARDS',
      `The range ends (${enddate}) before it starts (${begndate})`,
      `Swap them: --from ${enddate} --to ${begndate}.`,
    ).zh(`范围的结束日（${enddate}）早于开始日（${begndate}）`, `请交换两者：--from ${enddate} --to ${begndate}。`);
  }
  if (enddate > req.today) {
    throw inputError(
      'RECONCILE_RANGE_FUTURE',
      `${enddate} is after today (${req.today}) in the center's clock`,
      'Reconcile days up to today; today itself works as an early warning (settlements keep arriving until midnight).',
    ).zh(
      `按医保中心时钟，${enddate} 晚于今天（${req.today}）`,
      '只能对账到今天为止；对今天对账可作为预警（结算会持续到午夜）。',
    );
  }
  const n = daysBetween(begndate, enddate) + 1;
  if (n > req.maxDays) {
    throw inputError(
      'RECONCILE_RANGE_TOO_LONG',
      `The range ${begndate}…${enddate} covers ${n} days; the limit is ${req.maxDays}`,
      `Split it into runs of at most ${req.maxDays} days, or raise reconcile.maxDays in hisops.yaml.`,
    ).zh(
      `范围 ${begndate}…${enddate} 共 ${n} 天，上限为 ${req.maxDays} 天`,
      `请拆分为每次不超过 ${req.maxDays} 天，或调大 hisops.yaml 中的 reconcile.maxDays。`,
    );
  }
  const whole = periodOf(begndate, enddate);
  const periods = req.mode === 'range' ? [whole] : whole.days.map((d) => periodOf(d, d));
  return { begndate, enddate, days: whole.days, periods };
}
