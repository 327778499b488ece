/**
 * `hisops settle audit`: recompute the settlements the HIS recorded in a period with the policy in
 * force and list those whose split differs by more than 0.01 (exit 3 when any), with the
 * explanation of each differing amount. Registered on the `settle` group by `registerAudit`.
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { collect, policyPaths, readText } from '../cli/policyFiles.js';
import type { AuditDifference, AuditFinding, AuditReport } from '../core/audit/index.js';
import { calendarDay } from '../core/time/index.js';
import { checkDayOptions } from './settleShared.js';

defineMessages({
  'audit.describe': {
    en: 'recompute recorded settlements with the policy and list those whose split differs (exit 3 when any)',
    zh: '按政策重算 HIS 已结算记录，列出基金/个人分担与记录不一致的结算（有则退出码 3）',
  },
  'audit.period': { en: 'period', zh: '期间' },
  'audit.counts': {
    en: '{read} read · {recomputed} recomputed ({lines} from fee lines, {totals} from totals) · {skipped} skipped · {unchecked} unchecked · {rest} not examined (--limit)',
    zh: '读取 {read} · 重算 {recomputed}（明细 {lines}，汇总 {totals}）· 跳过 {skipped} · 未能核对 {unchecked} · 未检查 {rest}（--limit）',
  },
  'audit.none': {
    en: 'Every recomputed settlement agrees with the policy (within 0.01).',
    zh: '所有重算的结算均与政策一致（误差 0.01 以内）。',
  },
  'audit.found': {
    en: '{n} settlement(s) differ from the policy. Check the assumed inputs above before correcting anything; --explain shows how each amount was computed.',
    zh: '{n} 笔结算与政策不一致。更正前请核对下列假定输入；--explain 显示每个金额的计算依据。',
  },
  'audit.assumed': { en: 'assumed (not in the HIS): {list}', zh: '假定输入（HIS 中没有）：{list}' },
  'audit.skipped': { en: 'skipped: {list}', zh: '跳过：{list}' },
  'audit.unchecked': {
    en: 'Could not recompute (fix the cause, then audit again):',
    zh: '未能重算（排除原因后重新核对）：',
  },
  'audit.violations': { en: 'Recorded rows that break the settlement sums:', zh: '不满足结算恒等式的记录：' },
  'audit.col.recorded': { en: 'recorded', zh: '记录值' },
  'audit.col.policy': { en: 'policy', zh: '政策值' },
  'audit.col.clause': { en: 'policy line', zh: '政策条款' },
  'audit.col.difference': { en: 'difference', zh: '差额' },
  'audit.col.reason': { en: 'reason', zh: '原因' },
});

/** The skip reasons of the report (SkipReason), as the zh-CN summary names them. */
const SKIP_REASON_ZH: Record<string, string> = { cancellation: '撤销', fixed_amount: '定额结算' };

interface AuditOpts {
  from?: string;
  to?: string;
  limit?: string;
  policy?: string[];
  explain?: boolean;
  hospLv?: string;
  age?: string;
  group?: string[];
  admissionCount?: string;
  db?: string;
}

/** The period: --from/--to days (inclusive); one alone means that day; neither means yesterday. */
async function periodOf(ctx: Ctx, o: AuditOpts): Promise<{ from: string; to: string }> {
  const { inputError } = await import('../core/errors.js');
  checkDayOptions(o);
  const yesterday = calendarDay(new Date(ctx.now().getTime() - 86_400_000));
  const from = o.from ?? o.to ?? yesterday;
  const to = o.to ?? o.from ?? yesterday;
  if (from > to)
    throw inputError(
      'BAD_PERIOD',
      `--from ${from} is after --to ${to}`,
      'Give the earlier day with --from and the later with --to.',
    ).zh(`--from ${from} 晚于 --to ${to}`, '请用 --from 给出较早的日期，用 --to 给出较晚的日期。');
  return { from, to };
}

async function wholeNumber(flag: string, v: string | undefined, min: number): Promise<number | undefined> {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) {
    const { inputError } = await import('../core/errors.js');
    throw inputError(
      'BAD_NUMBER',
      `${flag} ${v} is not a whole number of at least ${min}`,
      `Write it like ${flag} ${Math.max(min, 1) * 100}.`,
    ).zh(`${flag} ${v} 不是不小于 ${min} 的整数`, `请写成 ${flag} ${Math.max(min, 1) * 100} 这样的形式。`);
  }
  return Number(v);
}

/** The assumed inputs of core/audit/auditInput.ts ("hosp_lv=3 (…)") with their notes in Chinese. */
const ASSUMED_ZH: Array<[RegExp, string]> = [
  [/ \(given; the HIS row has no hospital level\)$/, '（命令行给定；HIS 记录中没有医院等级）'],
  [/ \(the policy's last level; the HIS row has no hospital level\)$/, '（政策的最后一级；HIS 记录中没有医院等级）'],
  [/ \(given; the row has none\)$/, '（命令行给定；记录中没有）'],
  [/ \(default; the row has none\)$/, '（默认值；记录中没有）'],
  [/ \(the row has no (\w+)\)$/, '（记录中没有 $1）'],
  [
    /^category totals from the record \(no fee lines\): (.*) agree by construction$/,
    '分类合计取自记录（没有费用明细）：$1 按构造一致',
  ],
  [/ \(given\)$/, '（命令行给定）'],
  [/ \(default\)$/, '（默认值）'],
  [/^ytd accumulators=0 \(the HIS keeps none: .*\)$/, '年度累计=0（HIS 不保存：起付线已付、封顶线和限额按年初计）'],
  [/ \(read from acct_pay > 0\)$/, '（按 acct_pay > 0 判断）'],
];

function assumedWords(ctx: Ctx, text: string): string {
  if (ctx.lang !== 'zh-CN') return text;
  for (const [re, zh] of ASSUMED_ZH) if (re.test(text)) return text.replace(re, zh);
  return text;
}

/** Why a settlement could not be recomputed, with the fix, in the run's language. */
function uncheckedWords(
  ctx: Ctx,
  u: { summary: string; fix: string | null; summary_zh?: string; fix_zh?: string },
): string {
  const zh = ctx.lang === 'zh-CN' && u.summary_zh;
  const summary = zh ? u.summary_zh! : u.summary;
  const fix = zh ? (u.fix_zh ?? null) : u.fix;
  return `${summary}${fix ? ` → ${fix}` : ''}`;
}

export function registerAudit(settle: Command, app: App): Command {
  const cmd = settle
    .command('audit')
    .description(app.t('audit.describe'))
    .option('--from <day>', 'first day (yyyy-MM-dd) of the center setl_time; default: yesterday')
    .option('--to <day>', 'last day (yyyy-MM-dd), inclusive; default: --from')
    .option('--limit <n>', 'recompute at most n settlements (default: all in the period)')
    .option(
      '--policy <file>',
      'policy file (repeatable); default: rules.policies in hisops.yaml, else the shipped examples',
      collect,
    )
    .option('--explain', 'print the explanation of every differing amount');
  assumptionOptions(cmd)
    .option('--db <url|name>', 'the HIS database (default his.url)')
    .action(app.action(runAuditCommand, { keyFlags: (o) => ({ 'his.url': o.db }) }));
  app.examples(cmd, [
    'hisops settle audit                                  # yesterday',
    'hisops settle audit --from 2026-03-01 --to 2026-03-31 --hosp-lv 2',
    'hisops settle audit --from 2026-03-04 --explain --limit 200',
    'hisops settle audit --from 2026-03-04 --json',
  ]);
  return cmd;
}

/** The inputs the HIS row lacks, assumed for every settlement recomputed. */
function assumptionOptions(cmd: Command): Command {
  return cmd
    .option(
      '--hosp-lv <level>',
      "the hospital's level as the policy names it (the HIS row has none); default: the policy's last level",
    )
    .option('--age <years>', 'age for rows without one (default 40)')
    .option('--group <name>', 'person group assumed for every settlement (repeatable)', collect)
    .option('--admission-count <n>', 'n-th admission of the year assumed for inpatient stays (default 1)');
}

async function runAuditCommand(ctx: Ctx, _args: unknown[], o: AuditOpts): Promise<CommandResult> {
  const { EXIT } = await import('../core/errors.js');
  const period = await periodOf(ctx, o);
  const limit = await wholeNumber('--limit', o.limit, 1);
  const age = await wholeNumber('--age', o.age, 0);
  const admission_count = await wholeNumber('--admission-count', o.admissionCount, 1);
  const rules = await import('../core/rules/index.js');
  const policies = await rules.loadPolicyFiles(policyPaths(ctx, o.policy), readText);
  const audit = await import('../core/audit/index.js');
  const ref = ctx.resolveDb();
  const his = await audit.openAudit({
    his: { url: ref.url, password: ref.password, baseDir: ref.baseDir },
    profile: String(ctx.get('his.profile')),
    binds: ctx.hisBinds(),
  });
  ctx.onClose(() => his.close());
  const report = await audit.runAudit({
    db: his.db,
    profile: his.profile,
    policies,
    ...period,
    limit,
    assume: { hosp_lv: o.hospLv, age, psn_groups: o.group, admission_count },
  });
  for (const u of report.unchecked)
    ctx.warn(`${u.setl_id}: ${ctx.lang === 'zh-CN' && u.summary_zh ? u.summary_zh : u.summary}`);
  return {
    data: report,
    exit: report.findings.length > 0 ? EXIT.findings : EXIT.ok,
    human: (out) => renderAudit(out, ctx, report, !!o.explain),
  };
}

type Difference = { f: AuditFinding; d: AuditDifference };

/** The report: what was read and assumed, the differing amounts, the broken sums, what could not be checked. */
function renderAudit(out: Out, ctx: Ctx, report: AuditReport, explain: boolean): void {
  renderCounts(out, ctx, report);
  const diffs = report.findings.flatMap((f) => f.differences.map((d) => ({ f, d })));
  if (diffs.length) {
    out.table(
      [
        'setl_id',
        ctx.t('col.field'),
        ctx.t('audit.col.recorded'),
        ctx.t('audit.col.policy'),
        ctx.t('audit.col.difference'),
      ],
      diffs.map(({ f, d }) => [f.setl_id, d.field, d.recorded, d.policy, d.difference]),
      { align: ['left', 'left', 'right', 'right', 'right'] },
    );
  }
  const viol = report.findings.flatMap((f) => f.violations.map((v) => [f.setl_id, v.id, `${v.check}: ${v.detail}`]));
  if (viol.length) {
    out.line(ctx.t('audit.violations'));
    out.table(['setl_id', 'check', ctx.t('audit.col.reason')], viol);
  }
  if (explain && diffs.length) renderExplanations(out, ctx, diffs);
  if (report.unchecked.length) {
    out.line(ctx.t('audit.unchecked'));
    out.table(
      ['setl_id', 'code', ctx.t('audit.col.reason')],
      report.unchecked.map((u) => [u.setl_id, u.code, uncheckedWords(ctx, u)]),
    );
  }
  if (report.findings.length) out.bad(ctx.t('audit.found', { n: report.findings.length }));
  else out.ok(ctx.t('audit.none'));
}

/** The period, the counts, the skip reasons and the assumed inputs. */
function renderCounts(out: Out, ctx: Ctx, report: AuditReport): void {
  out.kv([[ctx.t('audit.period'), report.from === report.to ? report.from : `${report.from} … ${report.to}`]]);
  out.note(
    ctx.t('audit.counts', {
      read: report.read,
      recomputed: report.recomputed,
      lines: report.by_basis.lines,
      totals: report.by_basis.totals,
      skipped: report.skipped.length,
      unchecked: report.unchecked.length,
      rest: report.not_examined,
    }),
  );
  const byReason = Object.entries(report.skipped_by_reason).map(
    ([k, n]) => `${ctx.lang === 'zh-CN' ? (SKIP_REASON_ZH[k] ?? k) : k} ${n}`,
  );
  if (byReason.length) out.note(ctx.t('audit.skipped', { list: byReason.join(ctx.lang === 'zh-CN' ? '、' : ', ') }));
  if (report.assumed.length) out.note(assumedNote(ctx, report.assumed));
}

/** "assumed (not in the HIS): …" in the run's language. */
function assumedNote(ctx: Ctx, assumed: readonly string[]): string {
  return ctx.t('audit.assumed', {
    list: assumed.map((x) => assumedWords(ctx, x)).join(ctx.lang === 'zh-CN' ? '；' : '; '),
  });
}

/** --explain: how each differing amount was computed, with the settlement's assumed inputs. */
function renderExplanations(out: Out, ctx: Ctx, diffs: Difference[]): void {
  out.table(
    [
      'setl_id',
      ctx.t('col.field'),
      ctx.t('audit.col.policy'),
      ctx.t('col.rule'),
      ctx.t('audit.col.clause'),
      ctx.t('col.inputs'),
    ],
    diffs.map(({ f, d }) => [
      f.setl_id,
      d.field,
      d.policy,
      (ctx.lang === 'zh-CN' ? d.explanation?.rule_zh : d.explanation?.rule) ?? '',
      d.explanation?.clauses ?? '',
      [
        ctx.lang === 'zh-CN' ? d.explanation?.inputs_zh : d.explanation?.inputs,
        f.assumed.length ? assumedNote(ctx, f.assumed) : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
    { align: ['left', 'left', 'right', 'left', 'left', 'left'] },
  );
}
