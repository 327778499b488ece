/**
 * `hisops center watch`: sign in and probe the center on a schedule (9001, then a 5203 of a
 * made-up settlement — a refusal is an answer), keep every call's latency in the journal, and
 * notify through the `notify:` rules (job `center watch`) when the p95 latency over the window or
 * the consecutive failures cross `watch:` thresholds, and once when it recovers.
 */
import type { Command } from 'commander';
import type { App, RunOutcome } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { EXIT, inputError, isHisopsError } from '../core/errors.js';
import type { Probe, WatchSettings, WatchVerdict } from '../core/center/index.js';
import { registerCenterStats } from './centerStats.js';

defineMessages({
  'watch.describe': {
    en: 'probe the center on a schedule, keep its latency and notify when it is slow or failing',
    zh: '定时探测医保中心，记录响应时间，变慢或连续失败时通知',
  },
  'watch.alert': { en: 'The center needs attention: {what}', zh: '医保中心异常：{what}' },
  'watch.recovered': { en: 'The center has recovered (p95 {p95} ms).', zh: '医保中心已恢复（p95 {p95} 毫秒）。' },
  'watch.slow': { en: 'p95 {p95} ms over {limit} ms', zh: 'p95 {p95} 毫秒，超过 {limit} 毫秒' },
  'watch.failing': { en: '{n} failed probes in a row ({code})', zh: '连续 {n} 次探测失败（{code}）' },
  'watch.rounds': { en: 'probe rounds', zh: '探测轮数' },
  'watch.failedRounds': { en: 'failed rounds', zh: '失败轮数' },
  'watch.p95': { en: 'p95 of the last window (ms)', zh: '最近窗口 p95（毫秒）' },
  'watch.state': { en: 'state at the end', zh: '结束时状态' },
  'watch.ok': { en: 'ok', zh: '正常' },
  'watch.attention': { en: 'needs attention', zh: '需处理' },
});

const JOB = 'center watch';
const PROBE_PSN = 'HISOPSPROBE000000000';
const PROBE_SETL = 'HISOPSPROBE';

/** `30s`, `200ms`, `5m`, `1h`; a bare number is seconds. */
function watchDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(String(text).trim());
  const ms = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's').toLowerCase() as 'ms']! : NaN;
  if (!(ms > 0))
    throw inputError(
      'WATCH_DURATION',
      `${flag} "${text}" is not a duration`,
      `Write it as a number and a unit: ${flag} 30s, 500ms, 5m or 1h.`,
    ).zh(`${flag} "${text}" 不是时长`, `请写成数字加单位：${flag} 30s、500ms、5m 或 1h。`);
  return Math.round(ms);
}

type ProbeCenter = {
  signIn(): Promise<unknown>;
  querySettlement(q: { psn_no: string; setl_id: string }): Promise<unknown>;
  close(): Promise<void>;
};

/** One round: 9001 must succeed; 5203 may be refused (the center answered), anything else fails. */
async function probeRound(center: ProbeCenter, durations: number[], now: () => number): Promise<Probe> {
  durations.length = 0;
  try {
    await center.signIn();
    await center.querySettlement({ psn_no: PROBE_PSN, setl_id: PROBE_SETL }).catch((e) => {
      if (!(isHisopsError(e) && e.code === 'CENTER_REFUSED')) throw e;
    });
    return { at: now(), ok: true, durations: [...durations] };
  } catch (e) {
    return { at: now(), ok: false, durations: [...durations], code: isHisopsError(e) ? e.code : 'INTERNAL' };
  }
}

function describeFindings(ctx: Ctx, v: WatchVerdict, s: WatchSettings): string {
  return v.findings
    .map((f) =>
      f.kind === 'center_slow'
        ? ctx.t('watch.slow', { p95: f.p95_ms, limit: s.p95Ms })
        : ctx.t('watch.failing', { n: f.failures, code: f.code ?? '' }),
    )
    .join('; ');
}

function outcomeOf(v: WatchVerdict, startedAt: Date, opts: Record<string, unknown>): RunOutcome {
  return {
    exit: v.findings.length ? EXIT.findings : EXIT.ok,
    data: { findings: v.findings, p95_ms: v.p95_ms, consecutive_failures: v.consecutive_failures },
    opts,
    startedAt,
  };
}

/** Sleep until the next round or until stopped (Ctrl-C, SIGTERM). */
function pause(ms: number, stopped: { now: boolean; wake?: () => void }): Promise<void> {
  return new Promise((r) => {
    const t = setTimeout(r, ms);
    stopped.wake = () => {
      clearTimeout(t);
      r();
    };
  });
}

async function runWatch(ctx: Ctx, o: { every?: string; for?: string }, app: App) {
  const h = await import('../core/center/index.js');
  const { openCenter } = await import('../core/center/index.js');
  const settings = h.parseWatchSettings(ctx.config().sections['watch']);
  const everyMs = watchDuration(o.every ?? '30s', '--every');
  const forMs = o.for === undefined ? undefined : watchDuration(o.for, '--for');
  const startedAt = ctx.now();
  const durations: number[] = [];
  const center = openCenter(centerSettings(ctx), {
    journal: await ctx.journal(),
    runId: ctx.runId,
    onEvent: (e) => e.type === 'answer' && e.durationMs !== undefined && durations.push(e.durationMs),
  });
  const stopped: { now: boolean; wake?: () => void } = { now: false };
  const stop = () => ((stopped.now = true), stopped.wake?.());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const probes: Probe[] = [];
  const events: Array<{ at: string; event: 'alert' | 'recovered'; findings: unknown[] }> = [];
  let verdict: WatchVerdict = { p95_ms: null, consecutive_failures: 0, findings: [] };
  let lastKinds = '';
  let rounds = 0;
  let failedRounds = 0;
  try {
    for (;;) {
      probes.push(await probeRound(center, durations, () => ctx.now().getTime()));
      const now = ctx.now().getTime();
      while (probes.length > 1 && probes[0]!.at <= now - Math.max(settings.windowMs, everyMs * (settings.failures + 1)))
        probes.shift();
      verdict = h.watchVerdict(probes, settings, now);
      rounds++;
      if (!probes[probes.length - 1]!.ok) failedRounds++;
      const kinds = verdict.findings.map((f) => f.kind).join();
      if (kinds && kinds !== lastKinds) {
        events.push({ at: new Date(now).toISOString(), event: 'alert', findings: verdict.findings });
        ctx.warn(ctx.t('watch.alert', { what: describeFindings(ctx, verdict, settings) }));
      } else if (!kinds && lastKinds) {
        events.push({ at: new Date(now).toISOString(), event: 'recovered', findings: [] });
        ctx.log(ctx.t('watch.recovered', { p95: verdict.p95_ms ?? '-' }));
      }
      lastKinds = kinds;
      await app.hooks?.notify(ctx, JOB, outcomeOf(verdict, startedAt, o), ctx.flags.notify);
      const left = forMs === undefined ? everyMs : forMs - (ctx.now().getTime() - startedAt.getTime());
      if (stopped.now || left <= 0) break;
      await pause(Math.min(everyMs, left), stopped);
      if (stopped.now) break;
    }
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    await center.close();
  }
  const final = outcomeOf(verdict, startedAt, o);
  await app.hooks?.metrics(ctx, JOB, final);
  const data = {
    rounds,
    failed_rounds: failedRounds,
    p95_ms: verdict.p95_ms,
    consecutive_failures: verdict.consecutive_failures,
    findings: verdict.findings,
    events,
    settings: { p95Ms: settings.p95Ms, failures: settings.failures, window_ms: settings.windowMs },
  };
  return {
    data,
    exit: final.exit as typeof EXIT.ok,
    human: (out: import('../cli/output.js').Out) =>
      out.kv([
        [ctx.t('watch.rounds'), rounds],
        [ctx.t('watch.failedRounds'), data.failed_rounds],
        [ctx.t('watch.p95'), verdict.p95_ms ?? '-'],
        [
          ctx.t('watch.state'),
          verdict.findings.length
            ? `${ctx.t('watch.attention')}: ${describeFindings(ctx, verdict, settings)}`
            : ctx.t('watch.ok'),
        ],
      ]),
  };
}

export function registerCenterWatch(center: Command, app: App): void {
  const cmd = center
    .command('watch')
    .description(app.t('watch.describe'))
    .option('--every <duration>', 'time between probe rounds (30s, 500ms, 5m)', '30s')
    .option('--for <duration>', 'stop after this long (default: until Ctrl-C)')
    .action(app.action<{ every?: string; for?: string }>((ctx, _a, o) => runWatch(ctx, o, app), { record: true }));
  app.examples(cmd, ['hisops center watch --every 30s --for 2h', 'hisops center watch --every 1m --notify wecom']);
  registerCenterStats(center, app);
}
