/**
 * Notifying after a cron job: the app frame calls notifyAfterRun with the run's result. The rules
 * of `notify:` (or --notify) pick the channels; the repeat limit and quiet hours decide per
 * channel; delivery failures become warnings and are retried on the next run. Nothing here ever
 * changes the job's exit code.
 */
import path from 'node:path';
import type { Channel, NotifySettings, Rule, Verdict } from '../core/notify/index.js';
import { EVENT_KINDS } from '../core/notify/index.js';
import type { RunOutcome } from '../cli/app.js';
import { centerUtcOffset } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { buildMessage, countsOf, fingerprintOf, type RunFacts } from './notifyMessage.js';
import { pendingCountsOf, pendingNow } from './notifyPending.js';

defineMessages({
  'notify.sent': { en: 'Notified: {channels}', zh: '已通知：{channels}' },
  'notify.failedWarn': {
    en: 'The {channel} notification failed and will be retried on the next run: {why}',
    zh: '{channel} 通知失败，下次运行时重试：{why}',
  },
  'notify.noChannels': {
    en: '--notify was given but no notification channel is configured (see docs/notify.md).',
    zh: '指定了 --notify，但未配置任何通知渠道（见 docs/notify.md）。',
  },
  'notify.badConfig': { en: 'Notifications are off for this run: {why}', zh: '本次运行未发送通知：{why}' },
  'notify.metricsFailed': {
    en: 'The metrics file {file} was not written: {why}',
    zh: '未能写入指标文件 {file}：{why}',
  },
  'notify.held': { en: 'Notification held back on {channel}: {reason}', zh: '{channel} 暂不通知：{reason}' },
});

export async function notifySettingsOf(ctx: Ctx): Promise<NotifySettings> {
  const { parseNotifySettings } = await import('../core/notify/index.js');
  const cfg = ctx.config();
  return parseNotifySettings(cfg.sections['notify'], {
    institution: cfg.institution,
    env: ctx.env,
    baseDir: cfg.baseDir,
    file: cfg.file ?? 'hisops.yaml',
  });
}

/** The rule for a job: its own, or (with --notify) every event on the channels named or all. */
function ruleFor(s: NotifySettings, job: string, flag: string | boolean | undefined): Rule | undefined {
  const own = s.rules[job];
  if (!flag) return own;
  const named =
    typeof flag === 'string'
      ? flag
          .split(',')
          .map((c) => c.trim())
          .filter(Boolean)
      : undefined;
  return { on: own?.on ?? [...EVENT_KINDS], channels: named ?? own?.channels };
}

export function factsOf(ctx: Ctx, job: string, r: RunOutcome): Omit<RunFacts, 'event'> {
  const verdict: Verdict = r.exit === 0 ? 'ok' : r.exit === 3 ? 'findings' : 'failure';
  return {
    institution: ctx.config().institution,
    fixmedins_code: String(ctx.get('fixmedins_code') ?? ''),
    fixmedins_name: String(ctx.get('fixmedins_name') ?? ''),
    job,
    runId: ctx.runId,
    exit: r.exit,
    verdict,
    data: r.data,
    opts: r.opts,
    errorSummary: r.errorSummary,
    errorCode: r.errorCode,
    now: ctx.now(),
  };
}

export async function notifyAfterRun(
  ctx: Ctx,
  job: string,
  r: RunOutcome,
  flag: string | boolean | undefined,
): Promise<void> {
  let settings: NotifySettings;
  try {
    settings = await notifySettingsOf(ctx);
  } catch (e) {
    // A configuration the job itself could not load is the job's error already; a bad notify: is a warning.
    if (flag || (e as { code?: string }).code === 'NOTIFY_CONFIG')
      ctx.warn(ctx.t('notify.badConfig', { why: e instanceof Error ? e.message : String(e) }));
    return;
  }
  const rule = ruleFor(settings, job, flag);
  if (!rule) return;
  const channels = settings.channels.filter((c) => !rule.channels || rule.channels.includes(c.name));
  if (channels.length === 0) {
    if (flag) ctx.warn(ctx.t('notify.noChannels'));
    return;
  }
  const n = await import('../core/notify/index.js');
  const facts = factsOf(ctx, job, r);
  const fingerprint = fingerprintOf(facts);
  const j = await ctx.journal();
  const key = { institution: facts.institution, job };
  const states = await n.loadNotifyState(j, key.institution, job);
  const quiet = n.inQuietHours(facts.now, settings.quietHours, centerUtcOffset(ctx));
  const sent: string[] = [];
  for (const ch of channels) {
    const d = n.decide(states.get(ch.name), { verdict: facts.verdict, fingerprint }, rule, quiet);
    if (!d.send) {
      if (d.reason !== 'nothing-to-say' && d.reason !== 'not-a-rule')
        ctx.debug(ctx.t('notify.held', { channel: ch.name, reason: d.reason }));
      await n.saveNotifyState(j, { ...key, channel: ch.name }, d.next, { now: facts.now, sent: false });
      continue;
    }
    if (await sendOne(ctx, ch, buildMessage({ ...facts, event: d.event! }, ctx.lang))) {
      sent.push(ch.name);
      await n.saveNotifyState(j, { ...key, channel: ch.name }, d.next, { now: facts.now, sent: true });
    } else {
      const prev = states.get(ch.name);
      await n.saveNotifyState(
        j,
        { ...key, channel: ch.name },
        { sent_fingerprint: prev?.sent_fingerprint ?? null, last_verdict: prev?.last_verdict ?? null },
        { now: facts.now, sent: false, error: ctx.warnings[ctx.warnings.length - 1] },
      );
    }
  }
  if (sent.length) ctx.log(ctx.t('notify.sent', { channels: sent.join(', ') }));
}

/** Deliver one message; a failure is a warning (true when delivered). */
export async function sendOne(
  ctx: Ctx,
  ch: Channel,
  m: import('../core/notify/index.js').NotifyMessage,
): Promise<boolean> {
  const { deliver } = await import('../core/notify/index.js');
  try {
    await deliver(ch, m, ctx.now());
    return true;
  } catch (e) {
    const why =
      e && typeof (e as { text?: unknown }).text === 'function'
        ? (e as import('../core/errors.js').HisopsError).text(ctx.lang).summary
        : e instanceof Error
          ? e.message
          : String(e);
    ctx.warn(ctx.t('notify.failedWarn', { channel: ch.name, why }));
    return false;
  }
}

/** The metrics file of this run: --metrics-file, HISOPS_METRICS_FILE or metrics.file (relative to hisops.yaml). */
function metricsFileOf(ctx: Ctx): string | undefined {
  const cfg = ctx.config();
  const fromFile = (cfg.sections['metrics'] as { file?: unknown } | undefined)?.file;
  if (ctx.flags.metricsFile) return path.resolve(ctx.cwd, ctx.flags.metricsFile);
  if (ctx.env['HISOPS_METRICS_FILE']) return path.resolve(ctx.cwd, ctx.env['HISOPS_METRICS_FILE']);
  return typeof fromFile === 'string' && fromFile ? path.resolve(cfg.baseDir, fromFile) : undefined;
}

/** Keep the job's last result and rewrite the metrics file from every job's (atomically). */
export async function recordJobMetrics(ctx: Ctx, job: string, r: RunOutcome): Promise<void> {
  const n = await import('../core/notify/index.js');
  const file = metricsFileOf(ctx);
  try {
    const j = await ctx.journal();
    const now = ctx.now();
    await n.saveJobMetric(j, {
      institution: ctx.config().institution,
      job,
      run_id: ctx.runId,
      ended_at: now.toISOString(),
      duration_ms: Math.max(0, now.getTime() - r.startedAt.getTime()),
      exit_code: r.exit,
      counts: countsOf(r.data),
    });
    if (file) {
      // Pending counts of this institution from the journal; expiring mappings as `hisops status` last counted them.
      await n.savePendingCounts(
        j,
        ctx.config().institution,
        pendingCountsOf(await pendingNow(ctx, { mappings: false })),
        now,
      );
      const { writeFileAtomic } = await import('../core/files/index.js');
      await writeFileAtomic(
        file,
        n.renderPrometheus(await n.loadJobMetrics(j), await n.loadPendingCounts(j)),
        'the metrics file',
      );
    }
  } catch (e) {
    // Without a metrics file nobody asked for this: a run that could not open its journal says so itself.
    if (file)
      ctx.warn(
        ctx.t('notify.metricsFailed', {
          file,
          why:
            e && typeof (e as { text?: unknown }).text === 'function'
              ? (e as import('../core/errors.js').HisopsError).text(ctx.lang).summary
              : e instanceof Error
                ? e.message
                : String(e),
        }),
      );
  }
}

/** What the app frame runs after a cron job: its metrics, then its notifications. */
export async function afterJob(
  ctx: Ctx,
  job: string,
  r: RunOutcome,
  flag: string | boolean | undefined,
): Promise<void> {
  await recordJobMetrics(ctx, job, r);
  await notifyAfterRun(ctx, job, r, flag);
}
