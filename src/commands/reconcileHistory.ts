/**
 * `hisops reconcile history`: the last reconciliation runs, and each day's state as its latest
 * run left it.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { inputError } from '../core/errors.js';
import { localDateTime } from '../core/time/index.js';
import type * as ReconcileModule from '../core/reconcile/index.js';
import { DAY_STATUS } from './reconcileRender.js';

defineMessages({
  'rc.history.describe': {
    en: 'the last reconciliation runs and whether each day balanced',
    zh: '最近的对账记录及每日是否平账',
  },
  'rc.col.run': { en: 'run', zh: '运行编号' },
  'rc.col.started': { en: 'started', zh: '开始时间' },
  'rc.col.range': { en: 'range', zh: '期间' },
  'rc.col.status': { en: 'status', zh: '状态' },
  'rc.history.empty': {
    en: 'No reconciliation has run yet. Start with: hisops reconcile --date yesterday',
    zh: '还没有对账记录。从这里开始：hisops reconcile --date yesterday',
  },
  'rc.history.days': { en: 'Each day (latest run):', zh: '每日（最近一次）：' },
  'rc.history.runs': { en: 'Last runs:', zh: '最近运行：' },
});

interface HistoryOpts {
  limit?: string;
  days?: string;
}

type HistoryDay = ReturnType<typeof ReconcileModule.latestPerDay>[number];

export function registerReconcileHistory(rc: Command, app: App): void {
  const history = rc
    .command('history')
    .description(app.t('rc.history.describe'))
    .option('--limit <n>', 'how many runs to list', '20')
    .option('--days <n>', 'how many days to list', '14')
    .action(app.action<HistoryOpts>((ctx, _a, o) => historyCommand(ctx, o)));
  app.examples(history, ['hisops reconcile history', 'hisops reconcile history --days 31 --json']);
}

async function historyCommand(ctx: Ctx, o: HistoryOpts) {
  const rc = await import('../core/reconcile/index.js');
  const limit = Number(o.limit ?? 20);
  const nDays = Number(o.days ?? 14);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw inputError(
      'RECONCILE_BAD_LIMIT',
      `--limit ${o.limit} is not a number of runs`,
      'Give a whole number from 1 to 1000, e.g. --limit 20.',
    ).zh(`--limit ${o.limit} 不是有效的运行次数`, '请给出 1 到 1000 之间的整数，例如 --limit 20。');
  if (!Number.isInteger(nDays) || nDays < 1 || nDays > 366)
    throw inputError(
      'RECONCILE_BAD_DAYS',
      `--days ${o.days} is not a number of days`,
      'Give a whole number from 1 to 366, e.g. --days 14.',
    ).zh(`--days ${o.days} 不是有效的天数`, '请给出 1 到 366 之间的整数，例如 --days 14。');
  const journal = await ctx.journal();
  const code = String(ctx.get('fixmedins_code'));
  const runs = await rc.reconcileHistory(journal, { limit, fixmedins_code: code });
  // Days come from a wider window of runs so that a day checked long ago still shows its state.
  const days = rc
    .latestPerDay(await rc.reconcileHistory(journal, { limit: Math.max(limit, 200), fixmedins_code: code }))
    .slice(0, nDays);
  return {
    data: { runs: runs.map(({ groups: _g, ...r }) => r), days },
    human: (out: Out) => renderHistory(out, ctx, runs, days),
  };
}

function renderHistory(out: Out, ctx: Ctx, runs: readonly ReconcileModule.RunRow[], days: readonly HistoryDay[]): void {
  if (runs.length === 0) {
    out.line(ctx.t('rc.history.empty'));
    return;
  }
  out.line(ctx.t('rc.history.days'));
  out.table(
    [
      ctx.t('rc.col.period'),
      ctx.t('rc.col.result'),
      ctx.t('rc.col.groups'),
      ctx.t('rc.col.unbalanced'),
      ctx.t('rc.col.diff'),
      ctx.t('rc.col.findings'),
      ctx.t('rc.col.run'),
    ],
    days.map((d) => [
      d.day,
      DAY_STATUS[d.status] ?? d.status,
      d.groups,
      d.unbalanced,
      `${d.diff_count >= 0 ? '+' : ''}${d.diff_count} · ${d.diff_medfee_sumamt}`,
      d.findings,
      d.run_id,
    ]),
    { align: ['left', 'left', 'right', 'right', 'right', 'right', 'left'] },
  );
  out.line(ctx.t('rc.history.runs'));
  out.table(
    [
      ctx.t('rc.col.run'),
      ctx.t('rc.col.started'),
      ctx.t('rc.col.range'),
      ctx.t('rc.col.status'),
      ctx.t('rc.col.groups'),
      ctx.t('rc.col.unbalanced'),
      ctx.t('rc.col.findings'),
    ],
    runs.map((r) => [
      r.run_id,
      localDateTime(r.started_at, String(ctx.get('timezone'))),
      r.begndate === r.enddate ? r.begndate : `${r.begndate}…${r.enddate}`,
      (DAY_STATUS[r.status] ?? r.status) + (r.errors.length ? ` (${r.errors[0]!.code})` : ''),
      r.groups_total ?? '',
      r.groups_unbalanced ?? '',
      r.findings_count ?? '',
    ]),
  );
}
