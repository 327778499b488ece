/**
 * `hisops center stats --from --to`: latency percentiles per hour and infno from the latency
 * journal — every call every job made (reconcile, settle, catalog, trace…), not only the watch's
 * probes — in the institution's time zone.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { inputError } from '../core/errors.js';
import { localDate, localDateTime } from '../core/time/index.js';

defineMessages({
  'stats.describe': {
    en: "the center's latency per hour and transaction from the journal of every call (p50/p95/p99)",
    zh: '按小时、按交易统计医保中心响应时间（p50/p95/p99），取自所有调用的日志',
  },
  'stats.col.hour': { en: 'hour', zh: '小时' },
  'stats.col.count': { en: 'calls', zh: '调用数' },
  'stats.col.failures': { en: 'failures', zh: '失败' },
  'stats.col.refused': { en: 'refused', zh: '拒绝' },
  'stats.none': {
    en: 'No calls to the center were recorded from {from} to {to}.',
    zh: '{from} 至 {to} 没有医保中心调用记录。',
  },
});

/** The UTC instant of a local wall-clock time "yyyy-MM-dd[ HH:mm[:ss]]" in the zone. */
function instantOf(text: string, tz: string, flag: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2})?))?$/.exec(text.trim());
  const guess = m ? Date.parse(`${m[1]}T${m[2] ?? '00:00'}${m[2] && m[2].length === 5 ? ':00' : ''}Z`) : NaN;
  if (!m || Number.isNaN(guess)) {
    throw inputError(
      'STATS_PERIOD',
      `${flag} "${text}" is not a date or time`,
      `Write ${flag} 2026-03-04 or "2026-03-04 08:00" (the institution's time zone).`,
    ).zh(`${flag} "${text}" 不是日期或时间`, `请写成 ${flag} 2026-03-04 或 "2026-03-04 08:00"（机构所在时区）。`);
  }
  const offset = Date.parse(`${localDateTime(new Date(guess), tz).replace(' ', 'T')}Z`) - guess;
  return new Date(guess - offset);
}

async function runStats(ctx: Ctx, o: { from?: string; to?: string }) {
  const tz = String(ctx.get('timezone'));
  const today = localDate(ctx.now(), tz);
  const from = instantOf(o.from ?? today, tz, '--from');
  // A bare --to date means the whole day.
  const toText = o.to ?? o.from ?? today;
  const to = /^\d{4}-\d{2}-\d{2}$/.test(toText.trim())
    ? new Date(instantOf(toText, tz, '--to').getTime() + 86_400_000)
    : instantOf(toText, tz, '--to');
  if (to <= from)
    throw inputError(
      'STATS_PERIOD',
      `--to ${toText} is before --from ${o.from ?? today}`,
      'Give --to the same as or later than --from.',
    ).zh(`--to ${toText} 早于 --from ${o.from ?? today}`, '请让 --to 不早于 --from。');
  const { loadLatency } = await import('../core/center/index.js');
  const { hourlyStats } = await import('../core/center/index.js');
  const rows = await loadLatency(await ctx.journal(), {
    since: from.toISOString(),
    until: to.toISOString(),
    fixmedins_code: String(ctx.get('fixmedins_code') ?? '') || undefined,
  });
  const hours = hourlyStats(rows, tz);
  const period = { from: localDateTime(from, tz), to: localDateTime(to, tz), timezone: tz };
  return {
    data: { period, hours },
    human: (out: import('../cli/output.js').Out) => {
      if (!hours.length) return out.line(ctx.t('stats.none', { from: period.from, to: period.to }));
      out.table(
        [
          ctx.t('stats.col.hour'),
          'infno',
          ctx.t('stats.col.count'),
          ctx.t('stats.col.refused'),
          ctx.t('stats.col.failures'),
          'p50 ms',
          'p95 ms',
          'p99 ms',
          'max ms',
        ],
        hours.map((x) => [
          x.hour,
          x.infno,
          x.count,
          x.refused,
          x.failures,
          x.p50_ms ?? '',
          x.p95_ms ?? '',
          x.p99_ms ?? '',
          x.max_ms ?? '',
        ]),
      );
    },
  };
}

export function registerCenterStats(center: Command, app: App): void {
  const cmd = center
    .command('stats')
    .description(app.t('stats.describe'))
    .option('--from <date>', "first day or time, in the institution's time zone (default: today)")
    .option('--to <date>', 'last day (inclusive) or end time (default: --from)')
    .action(app.action<{ from?: string; to?: string }>((ctx, _a, o) => runStats(ctx, o)));
  app.examples(cmd, [
    'hisops center stats --from 2026-03-04',
    'hisops center stats --from "2026-03-04 07:00" --to "2026-03-04 10:00" --json',
  ]);
}
