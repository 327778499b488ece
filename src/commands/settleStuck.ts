/**
 * `hisops settle stuck | reverse | log`: find one-sided settlements, repair them (plan first,
 * `--apply` to carry out, asking per item at a terminal, `--yes` otherwise), and show the audit
 * trail (settleLog.ts). Registered on the `settle` group by `registerStuck(settle, app)`.
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { centerCallLog, stepLog } from '../cli/verbose.js';
import { localDateTime } from '../core/time/index.js';
import type * as SettleModule from '../core/settle/index.js';
import { registerLog } from './settleLog.js';
import { checkDayOptions } from './settleShared.js';

type Settle = typeof SettleModule;

defineMessages({
  'stuck.describe': {
    en: 'find one-sided (stuck) settlements: asks the center (5203) about each (单边账)',
    zh: '查找单边账：逐笔向医保中心查询（5203）（单边账）',
  },
  'stuck.reverse.describe': {
    en: 'repair stuck settlements: complete, cancel (2208/2305), reverse (2601) or void; a plan unless --apply',
    zh: '处理单边账：补记、撤销（2208/2305）、冲正（2601）或作废；不加 --apply 时只列计划',
  },
  'stuck.none': { en: 'No stuck settlements ({n} candidates checked).', zh: '没有单边账（已核对 {n} 笔候选）。' },
  'stuck.found': { en: '{n} stuck settlement(s) need attention.', zh: '{n} 笔单边账需要处理。' },
  'stuck.sources': {
    en: 'sources: client journal {cj} · HIS pending {hp} · HIS log {hl} · reconciliation {rc} · 5203 queries {q} (concurrency {c})',
    zh: '来源：客户端日志 {cj} · HIS 待确认 {hp} · HIS 日志 {hl} · 对账 {rc} · 5203 查询 {q}（并发 {c}）',
  },
  'stuck.plan.none': { en: 'Nothing to repair.', zh: '没有需要处理的单边账。' },
  'stuck.note': { en: 'note: {note}', zh: '说明：{note}' },
  'stuck.plan.hint': {
    en: 'This is a plan. Run again with --apply to carry it out (--yes when nobody can answer prompts).',
    zh: '以上为计划。加 --apply 执行（无人应答提示时加 --yes）。',
  },
  'stuck.confirm': { en: 'Repair {id} ({cls}): {steps}?', zh: '处理 {id}（{cls}）：{steps}？' },
  'stuck.apply.sum': { en: '{done} done, {other} not done of {n}.', zh: '共 {n} 笔：完成 {done}，未完成 {other}。' },
  'stuck.col.id': { en: 'msgid / id', zh: '报文ID / 标识' },
  'stuck.col.class': { en: 'class', zh: '类别' },
  'stuck.col.his': { en: 'HIS', zh: 'HIS' },
  'stuck.col.center': { en: 'center', zh: '中心' },
  'stuck.col.at': { en: 'sent', zh: '发送时间' },
  'stuck.col.why': { en: 'why', zh: '原因' },
  'stuck.col.repair': { en: 'repair', zh: '处理' },
  'stuck.col.steps': { en: 'steps (center call, HIS change)', zh: '步骤（中心交易、HIS 变更）' },
  'stuck.col.outcome': { en: 'outcome', zh: '结果' },
});

const CLASS_ZH: Record<string, string> = {
  center_only: 'center_only 中心单边',
  his_only: 'his_only HIS单边',
  cancel_unrecorded: 'cancel_unrecorded 撤销未入账',
  amounts_differ: 'amounts_differ 金额不符',
  neither: 'neither 双方均无',
  unconfirmed: 'unconfirmed 待冲正确认',
  unreachable: 'unreachable 中心未应答',
  consistent: 'consistent 一致',
};

interface PeriodOpts {
  from?: string;
  to?: string;
  olderThan?: string;
  db?: string;
}

async function loadCore(): Promise<Settle> {
  return import('../core/settle/index.js');
}

/** Settings from hisops.yaml (stuck:) with --older-than on top; dates checked. */
async function settingsOf(ctx: Ctx, s: Settle, o: PeriodOpts) {
  const { inputError } = await import('../core/errors.js');
  const settings = s.parseStuckSettings(ctx.config().sections['stuck']);
  checkDayOptions(o);
  if (o.from && o.to && o.from > o.to)
    throw inputError('BAD_PERIOD', `--from ${o.from} is after --to ${o.to}`, 'Give the earlier day with --from.').zh(
      `--from ${o.from} 晚于 --to ${o.to}`,
      '请用 --from 给出较早的日期。',
    );
  const olderThanMs = o.olderThan !== undefined ? s.parseDuration(o.olderThan) : settings.olderThanMs;
  return { settings, olderThanMs };
}

/** The HIS, its profile, the journal and (unless told not to) the center client, closed with the run. */
async function open(ctx: Ctx, s: Settle, withCenter: boolean) {
  const journal = await ctx.journal();
  const ref = ctx.resolveDb();
  const env = await s.openStuckEnv({
    his: { url: ref.url, password: ref.password, baseDir: ref.baseDir },
    profile: String(ctx.get('his.profile')),
    binds: ctx.hisBinds(),
    journal,
    center: withCenter ? centerSettings(ctx) : undefined,
    runId: ctx.runId,
    onCenterEvent: centerCallLog(ctx),
  });
  ctx.onClose(() => env.close());
  return env;
}

/** The two sides' states as the glossary names them, next to the code (zh-CN only; JSON keeps the code). */

function findingRows(ctx: Ctx, s: Settle, findings: readonly SettleModule.Finding[]): Array<Array<string | null>> {
  return findings.map((f) => [
    f.id,
    CLASS_ZH[f.classification] ?? f.classification,
    s.hisStateWord(ctx.lang, f.his_state),
    s.centerStateWord(ctx.lang, f.center_state, f.center_via),
    f.setl_id,
    f.psn_no,
    f.medfee_sumamt,
    f.at === null ? null : localDateTime(f.at, String(ctx.get('timezone'))),
    ctx.lang === 'zh-CN' ? s.stuckWhyZh(f) : f.why,
  ]);
}

function renderFindings(out: Out, ctx: Ctx, s: Settle, r: SettleModule.StuckReport): void {
  if (r.findings.length) {
    out.table(
      [
        ctx.t('stuck.col.id'),
        ctx.t('stuck.col.class'),
        ctx.t('stuck.col.his'),
        ctx.t('stuck.col.center'),
        'setl_id',
        'psn_no',
        'medfee_sumamt',
        ctx.t('stuck.col.at'),
        ctx.t('stuck.col.why'),
      ],
      findingRows(ctx, s, r.findings),
      { align: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'left', 'left'] },
    );
    out.bad(ctx.t('stuck.found', { n: r.findings.length }));
  } else out.ok(ctx.t('stuck.none', { n: r.candidates }));
  out.note(
    ctx.t('stuck.sources', {
      cj: r.sources.client_journal,
      hp: r.sources.his_pending,
      hl: r.sources.his_log,
      rc: r.sources.reconcile ?? '—',
      q: r.timings.center_queries,
      c: r.concurrency,
    }),
  );
  for (const n of r.notes) out.note(s.centerNoteWords(ctx.lang, n) ?? n);
}

function reportJson(s: Settle, r: SettleModule.StuckReport) {
  return {
    period: r.period,
    older_than_ms: r.older_than_ms,
    concurrency: r.concurrency,
    sources: r.sources,
    notes: r.notes,
    candidates: r.candidates,
    counts: r.counts,
    timings: r.timings,
    findings: r.findings.map(s.findingToJson),
  };
}

type StuckOpen = Awaited<ReturnType<typeof open>>;

/** The options every stuck command shares: the period and the HIS. */
function periodOptions(c: Command): Command {
  return c
    .option('--from <day>', 'first day (yyyy-MM-dd) of the period the settlements were sent in')
    .option('--to <day>', 'last day (yyyy-MM-dd), inclusive')
    .option(
      '--older-than <duration>',
      'only settlements pending longer than this (30s, 10m, 2h; default stuck.olderThan, 10m)',
    )
    .option('--db <url|name>', 'the HIS database (default his.url)');
}

interface ReverseOpts extends PeriodOpts {
  all?: boolean;
  apply?: boolean;
  centerOnly?: string;
}

export function registerStuck(settle: Command, app: App): void {
  registerFind(settle, app);
  registerReverse(settle, app);
  registerLog(settle, app);
}

function registerFind(settle: Command, app: App): void {
  const stuck = periodOptions(settle.command('stuck').description(app.t('stuck.describe'))).action(
    app.action(runStuck, { record: true, keyFlags: (o) => ({ 'his.url': o.db }), notify: true }),
  );
  app.examples(stuck, [
    'hisops settle stuck',
    'hisops settle stuck --from 2026-01-05 --to 2026-01-05 --older-than 30m',
    'hisops settle stuck --json | jq .data.findings',
  ]);
}

async function runStuck(ctx: Ctx, _a: unknown[], o: PeriodOpts): Promise<CommandResult> {
  const s = await loadCore();
  const { settings, olderThanMs } = await settingsOf(ctx, s, o);
  const env = await open(ctx, s, true);
  stepLog(ctx)(ctx.t('verbose.stuckDetect'));
  const r = await s.detectStuck(
    { db: env.db, profile: env.profile, journal: env.journal, center: env.center, now: ctx.now() },
    { from: o.from, to: o.to, olderThanMs, settings },
  );
  return {
    data: reportJson(s, r),
    exit: r.findings.length ? 3 : 0,
    findings: { summary: `${r.findings.length} stuck settlement(s) need attention`, count: r.findings.length },
    human: (out) => renderFindings(out, ctx, s, r),
  };
}

function registerReverse(settle: Command, app: App): void {
  const reverse = periodOptions(
    settle
      .command('reverse')
      .description(app.t('stuck.reverse.describe'))
      .argument(
        '[id...]',
        'stuck settlements by msgid, setl_id, his_setl_no, mdtrt_id or psn_no (as settle stuck lists them)',
      )
      .option('--all', 'every stuck settlement found')
      .option('--apply', 'carry the plan out (asks per item at a terminal; needs --yes otherwise)')
      .option(
        '--center-only <how>',
        'center settled, HIS pending: complete the HIS row, or cancel at the center (default stuck.centerOnly: complete)',
      ),
  ).action(
    app.action(runReverse, {
      record: true,
      keyFlags: (o) => ({ 'his.url': o.db }),
      lock: (o) => !!o.apply && 'settle reverse',
    }),
  );
  app.examples(reverse, [
    'hisops settle reverse --all                       # the plan: each center call and HIS change',
    'hisops settle reverse H43010000001202601051000000001 --apply',
    'hisops settle reverse --all --apply --yes         # from cron',
    'hisops settle reverse --all --center-only cancel --apply --yes',
  ]);
}

async function runReverse(ctx: Ctx, args: unknown[], o: ReverseOpts): Promise<CommandResult> {
  const s = await loadCore();
  const { settings, olderThanMs } = await settingsOf(ctx, s, o);
  const centerOnly = s.centerOnlyMode(o.centerOnly ?? settings.centerOnly);
  // Consent first: without a terminal and without --yes, stop before anything is read or sent.
  if (o.apply && !ctx.yes && !ctx.interactive)
    await ctx.confirm('hisops settle reverse --apply changes the center and the HIS');
  const ids = ((args[0] as string[] | undefined) ?? []).filter(Boolean);
  const env = await open(ctx, s, true);
  const base = { db: env.db, profile: env.profile, journal: env.journal, center: env.center, now: ctx.now() };
  const plan = await s.planReverse(base, {
    from: o.from,
    to: o.to,
    olderThanMs,
    settings,
    ids,
    all: !!o.all,
    centerOnly,
    runId: ctx.runId,
  });
  if (!o.apply) return reversePlan(ctx, s, plan);
  return reverseApply(ctx, s, env, base, plan, settings);
}

function reversePlan(ctx: Ctx, s: Settle, plan: SettleModule.ReversePlan): CommandResult {
  return {
    data: {
      applied: false,
      items: plan.items.map(s.planItemToJson),
      findings: plan.report.findings.map(s.findingToJson),
    },
    human: (out) => {
      if (!plan.items.length) return out.ok(ctx.t('stuck.plan.none'));
      out.table(
        [ctx.t('stuck.col.id'), ctx.t('stuck.col.class'), ctx.t('stuck.col.repair'), ctx.t('stuck.col.steps')],
        plan.items.map((i) => {
          const note = ctx.lang === 'zh-CN' ? (i.note_zh ?? i.note) : i.note;
          return [
            i.id,
            CLASS_ZH[i.classification] ?? i.classification,
            i.repair,
            [...i.steps.map(s.describeStep), ...(note ? [ctx.t('stuck.note', { note })] : [])].join('\n'),
          ];
        }),
      );
      out.note(ctx.t('stuck.plan.hint'));
    },
  };
}

async function reverseApply(
  ctx: Ctx,
  s: Settle,
  env: StuckOpen,
  base: Parameters<Settle['planReverse']>[0],
  plan: SettleModule.ReversePlan,
  settings: SettleModule.StuckSettings,
): Promise<CommandResult> {
  const results = await s.applyRepairs(
    {
      ...base,
      center: env.center!,
      runId: ctx.runId,
      opter: { opter: String(ctx.get('center.opter') ?? ''), opter_name: String(ctx.get('center.opter_name') ?? '') },
      clock: () => ctx.now(),
    },
    plan.items,
    {
      lockTimeoutMs: settings.lockTimeoutMs,
      patterns: settings.patterns,
      confirm: (item) =>
        ctx.confirm(
          ctx.t('stuck.confirm', {
            id: item.id,
            cls: item.classification,
            steps: item.steps.map(s.describeStep).join('; '),
          }),
        ),
      onItem: (r) => ctx.log(`${r.id}: ${r.outcome} — ${r.message}`),
    },
  );
  const done = results.filter((r) => r.outcome === 'done').length;
  return {
    data: { applied: true, items: plan.items.map(s.planItemToJson), results },
    exit: done === results.length ? 0 : 3,
    human: (out) => {
      if (!results.length) return out.ok(ctx.t('stuck.plan.none'));
      out.table(
        [
          ctx.t('stuck.col.id'),
          ctx.t('stuck.col.class'),
          ctx.t('stuck.col.repair'),
          ctx.t('stuck.col.outcome'),
          ctx.t('stuck.col.why'),
        ],
        results.map((r) => [r.id, CLASS_ZH[r.classification] ?? r.classification, r.repair, r.outcome, r.message]),
      );
      (done === results.length ? out.ok : out.bad)(
        ctx.t('stuck.apply.sum', { done, other: results.length - done, n: results.length }),
      );
    },
  };
}
