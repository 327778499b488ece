/**
 * `hisops status`: the last result of every cron job per institution — when it ended, its verdict,
 * its findings and how long it took — from the journal, without asking the HIS or the center.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { defineMessages } from '../cli/i18n.js';
import { EXPIRING_DAYS, pendingCountsOf, pendingNow } from './notifyPending.js';

defineMessages({
  'status.describe': {
    en: 'state at a glance: the last run of every cron job per institution',
    zh: '状态一览：各机构每个定时作业的最近一次运行',
  },
  'status.col.institution': { en: 'institution', zh: '机构' },
  'status.col.job': { en: 'job', zh: '作业' },
  'status.col.when': { en: 'ended', zh: '结束时间' },
  'status.col.verdict': { en: 'verdict', zh: '结论' },
  'status.col.findings': { en: 'findings', zh: '差异' },
  'status.col.duration': { en: 'duration', zh: '耗时' },
  'status.ok': { en: 'ok', zh: '正常' },
  'status.findings': { en: 'needs attention', zh: '需处理' },
  'status.failed': { en: 'failed (exit {exit})', zh: '失败（退出码 {exit}）' },
  'status.tracePending': {
    en: '{name}: traceability records pending / rejected / held',
    zh: '{name}：追溯码记录 待上传 / 拒收 / 暂缓',
  },
  'status.stuckOpen': {
    en: '{name}: settlements with an unknown outcome at the center (stuck, open)',
    zh: '{name}：中心结果未知、尚未处理的结算（待确认）',
  },
  'status.mappingsExpiring': {
    en: '{name}: mappings ending within {days} days with no later period',
    zh: '{name}：{days} 天内到期且无后续期间的对照',
  },
  'status.notCounted': { en: 'not counted (catalog store not readable)', zh: '未统计（无法读取目录库）' },
  'status.none': { en: 'No cron job has run yet with this journal.', zh: '此日志库中尚无定时作业运行记录。' },
});

export function registerStatus(program: Command, app: App): Command {
  const cmd = program
    .command('status')
    .description(app.t('status.describe'))
    .action(
      app.action(async (ctx) => {
        const n = await import('../core/notify/index.js');
        const jobs = (await n.loadJobMetrics(await ctx.journal())).map((m) => ({
          institution: m.institution,
          job: m.job,
          run_id: m.run_id,
          ended_at: m.ended_at,
          duration_ms: m.duration_ms,
          exit_code: m.exit_code,
          verdict: m.exit_code === 0 ? 'ok' : m.exit_code === 3 ? 'findings' : 'failure',
          findings: Object.values(m.counts).reduce((s, x) => s + x, 0),
          counts: m.counts,
        }));
        // What waits for people, from the journal (and the catalog store for expiring mappings).
        const pending = await pendingNow(ctx, { mappings: true });
        await n.savePendingCounts(await ctx.journal(), pending.institution, pendingCountsOf(pending), ctx.now());
        return {
          data: { jobs, pending },
          human: (out) => {
            out.kv([
              [
                ctx.t('status.tracePending', { name: pending.institution }),
                `${pending.trace_pending} / ${pending.trace_rejected} / ${pending.trace_held}`,
              ],
              [ctx.t('status.stuckOpen', { name: pending.institution }), pending.stuck_open],
              [
                ctx.t('status.mappingsExpiring', { name: pending.institution, days: EXPIRING_DAYS }),
                pending.mappings_expiring ?? ctx.t('status.notCounted'),
              ],
            ]);
            if (!jobs.length) return out.line(ctx.t('status.none'));
            const verdict = (j: (typeof jobs)[number]) =>
              j.verdict === 'ok'
                ? ctx.t('status.ok')
                : j.verdict === 'findings'
                  ? ctx.t('status.findings')
                  : ctx.t('status.failed', { exit: j.exit_code });
            out.table(
              [
                'status.col.institution',
                'status.col.job',
                'status.col.when',
                'status.col.verdict',
                'status.col.findings',
                'status.col.duration',
              ].map((k) => ctx.t(k)),
              jobs.map((j) => [
                j.institution,
                j.job,
                j.ended_at.replace('T', ' ').slice(0, 19) + 'Z',
                verdict(j),
                j.findings,
                `${(j.duration_ms / 1000).toFixed(1)}s`,
              ]),
            );
          },
        };
      }),
    );
  app.examples(cmd, ['hisops status', 'hisops status --json']);
  return cmd;
}
