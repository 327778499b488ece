/**
 * `hisops reconcile`: balance the hospital's settlements with the center (对账) — 3201 totals per
 * insutype × clr_type × setl_optins, the 3202 detail flow for unbalanced groups, every difference
 * classified with its evidence and suggested repair; a report for finance; the run and its
 * findings in the journal. `hisops reconcile history`: the last runs and each day's state.
 * See docs/reconcile.md.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import type { App } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import './reconcileReport.js';
import type { Out } from '../cli/output.js';
import { centerCallLog, stepLog } from '../cli/verbose.js';
import { EXIT, HisopsError, inputError, type ExitCode } from '../core/errors.js';
import { writeFileAtomicSync } from '../core/files/index.js';
import { checkTimeZone, localDateTime } from '../core/time/index.js';
import type * as ReconcileModule from '../core/reconcile/index.js';

type Rc = typeof ReconcileModule;

defineMessages({
  'rc.describe': {
    en: 'reconcile settlements with the center: totals, details, classified differences (对账)',
    zh: '与医保中心对账：总账、明细、差异分类（对账）',
  },
  'rc.history.describe': {
    en: 'the last reconciliation runs and whether each day balanced',
    zh: '最近的对账记录及每日是否平账',
  },
  'rc.title': { en: 'Reconciliation {range} · {code} · {n} group(s)', zh: '对账 {range} · {code} · {n} 组' },
  'rc.balanced': { en: 'Balanced (平): every group agrees with the center.', zh: '平：所有分组与医保中心一致。' },
  'rc.empty': {
    en: 'No settlements from {from} to {to} in the HIS, and the center holds none in the {n} group(s) asked: nothing to reconcile.',
    zh: '{from} 至 {to} 医院没有结算，医保中心在所核对的 {n} 个分组中也没有：无需对账。',
  },
  'rc.because.configured': { en: 'configured', zh: '配置文件指定' },
  'rc.because.known': { en: 'known', zh: '本机构已知分组' },
  'rc.because.his_rows': { en: 'his_rows', zh: 'HIS 有结算' },
  'rc.because.run': { en: 'run', zh: '本次对账其他日期出现' },
  'rc.asked': {
    en: 'Asked the center about {n} group(s) a day ({why}).',
    zh: '每日向医保中心核对 {n} 个分组（{why}）。',
  },
  'rc.askedNone': {
    en: 'No group was asked: none is configured or known, and the HIS counted no settlement.',
    zh: '未核对任何分组：没有配置或已知的分组，医院也没有计入的结算。',
  },
  'rc.unbalanced': {
    en: 'Not balanced (不平): {g} group(s) differ; {f} finding(s).',
    zh: '不平：{g} 组不一致；差异 {f} 条。',
  },
  'rc.findingsOnly': {
    en: 'Totals balance, but {f} finding(s) need attention.',
    zh: '总账已平，但有 {f} 条差异需要处理。',
  },
  'rc.hidden': {
    en: '{n} balanced group(s) not shown (--json or --report lists them all).',
    zh: '另有 {n} 个已平分组未显示（--json 或 --report 列出全部）。',
  },
  'rc.findingsTitle': { en: 'Findings ({n}):', zh: '差异（{n} 条）：' },
  'rc.pending': { en: 'pending', zh: '待确认' },
  'rc.phase.read': { en: 'read', zh: '读取 HIS' },
  'rc.phase.totals': { en: 'totals', zh: '总额对账' },
  'rc.phase.detail': { en: 'detail', zh: '明细对账' },
  'rc.phase.classify': { en: 'classify', zh: '差异分类' },
  'rc.phase.record': { en: 'record', zh: '记录' },
  'rc.more': {
    en: '… and {n} more finding(s) (--json or --report lists them all)',
    zh: '… 另有 {n} 条差异（--json 或 --report 列出全部）',
  },
  'rc.report': { en: 'report written: {file}', zh: '报告已写入：{file}' },
  'rc.applied': {
    en: '--apply: {n} certain repair(s) handed to the stuck-settlement job (pending in the journal).',
    zh: '--apply：{n} 项确定的修复已交给单边账处理（在日志中为待确认）。',
  },
  'rc.applyHint': {
    en: 'Nothing was changed. {n} repair(s) are certain: --apply hands them to the stuck-settlement job.',
    zh: '未做任何修改。{n} 项修复是确定的：加 --apply 交给单边账处理。',
  },
  'rc.next': {
    en: 'Next: hisops settle stuck (one-sided settlements), then reconcile the day again.',
    zh: '下一步：hisops settle stuck（处理单边账），然后再次对账。',
  },
  'rc.col.period': { en: 'day', zh: '日期' },
  'rc.col.insutype': { en: 'insutype', zh: '险种' },
  'rc.col.clr': { en: 'clr_type', zh: '清算类别' },
  'rc.col.optins': { en: 'setl_optins', zh: '经办机构' },
  'rc.col.count': { en: 'count', zh: '笔数' },
  'rc.col.medfee': { en: 'medfee_sumamt', zh: '医疗费总额' },
  'rc.col.fund': { en: 'fund_pay_sumamt', zh: '基金支付' },
  'rc.col.acct': { en: 'acct_pay', zh: '个人账户' },
  'rc.col.hisCount': { en: 'settlements (HIS)', zh: '医院笔数' },
  'rc.his': { en: 'HIS', zh: '医院' },
  'rc.center': { en: 'center', zh: '中心' },
  'rc.col.diff': { en: 'difference', zh: '差额' },
  'rc.col.result': { en: 'result', zh: '结果' },
  'rc.col.kind': { en: 'finding', zh: '差异类型' },
  'rc.col.setl': { en: 'setl_id', zh: '结算ID' },
  'rc.col.psn': { en: 'psn_no', zh: '人员编号' },
  'rc.col.amount': { en: 'center − HIS', zh: '中心−医院' },
  'rc.col.detail': { en: 'detail', zh: '说明' },
  'rc.col.repair': { en: 'repair', zh: '处理建议' },
  'rc.col.groups': { en: 'groups', zh: '组数' },
  'rc.col.unbalanced': { en: 'unbalanced', zh: '不平' },
  'rc.col.findings': { en: 'findings', zh: '差异' },
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

const RESULT = { true: '平', false: '不平', null: '—' } as const;
const DAY_STATUS: Record<string, string> = {
  balanced: '平',
  unbalanced: '不平',
  empty: '无结算',
  failed: '未完成',
  running: '进行中',
};

const collect = (v: string, prev: string[] = []) => [...prev, v];
const codes = (v: string[] | undefined) =>
  (v ?? [])
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);

/** The reconcile rules of hisops.yaml, validated. */
function rulesOf(ctx: Ctx, rc: Rc) {
  const cfg = ctx.config();
  return rc.parseReconcileRules(cfg.sections['reconcile'], {
    file: cfg.file ? path.relative(ctx.cwd, cfg.file) || cfg.file : 'hisops.yaml',
    setl_optins: String(ctx.get('center.setl_optins')),
  });
}

/** HIS over center in one cell: two short lines keep the table inside a terminal. */
const stack = (a: string | number, b: string | number | undefined | null) => `${a}\n${b ?? '?'}`;

function groupRows(
  rc: Rc,
  groups: readonly ReconcileModule.GroupResult[],
  withDay: boolean,
  sides: string,
  lang: Ctx['lang'],
): Array<Array<string | number>> {
  return groups.map((g) => [
    ...(withDay ? [g.begndate === g.enddate ? g.begndate : `${g.begndate}…${g.enddate}`] : []),
    rc.codeLabel('insutype', g.insutype, lang),
    rc.codeLabel('clr_type', g.clr_type, lang),
    g.setl_optins,
    sides,
    stack(g.his.count, g.center?.count),
    stack(g.his.medfee_sumamt, g.center?.medfee_sumamt),
    stack(g.his.fund_pay_sumamt, g.center?.fund_pay_sumamt),
    stack(g.his.acct_pay, g.center?.acct_pay),
    g.diff ? stack(`${g.diff.count >= 0 ? '+' : ''}${g.diff.count}`, g.diff.medfee_sumamt) : '',
    RESULT[String(g.balanced) as 'true' | 'false' | 'null'],
  ]);
}

function renderRun(
  out: Out,
  ctx: Ctx,
  rc: Rc,
  r: ReconcileModule.ReconcileResult,
  code: string,
  report: string | undefined,
): void {
  const range = r.begndate === r.enddate ? r.begndate : `${r.begndate} … ${r.enddate}`;
  out.heading(ctx.t('rc.title', { range, code, n: r.groups.length }));
  // "Nothing to reconcile" only when the HIS returned no row and the center agreed on none in every group asked.
  if (
    r.counts.his_rows === 0 &&
    r.findings.length === 0 &&
    r.groups.every((g) => g.balanced === true && g.his.count === 0)
  ) {
    out.line(ctx.t('rc.empty', { from: r.begndate, to: r.enddate, n: askedPerDay(r.groups) }));
    return;
  }
  out.note(
    r.groups.length
      ? ctx.t('rc.asked', { n: askedPerDay(r.groups), why: askedWhy(ctx, r.groups) })
      : ctx.t('rc.askedNone'),
  );
  if (r.days.length > 1) {
    out.table(
      [
        ctx.t('rc.col.period'),
        ctx.t('rc.col.result'),
        ctx.t('rc.col.groups'),
        ctx.t('rc.col.unbalanced'),
        ctx.t('rc.col.hisCount'),
        ctx.t('rc.col.diff'),
        ctx.t('rc.col.findings'),
      ],
      r.days.map((d) => [
        d.begndate === d.enddate ? d.day : `${d.begndate}…${d.enddate}`,
        DAY_STATUS[d.status] ?? d.status,
        d.groups,
        d.unbalanced,
        d.his_count,
        `${d.diff_count >= 0 ? '+' : ''}${d.diff_count} · ${d.diff_medfee_sumamt}`,
        d.findings,
      ]),
      { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right'] },
    );
  }
  // A month has hundreds of groups: past a screenful only the unbalanced ones are listed.
  const shown = r.groups.length > 30 ? r.groups.filter((g) => g.balanced !== true) : r.groups;
  if (shown.length) {
    const withDay = r.days.length > 1;
    out.table(
      [
        ...(withDay ? [ctx.t('rc.col.period')] : []),
        ctx.t('rc.col.insutype'),
        ctx.t('rc.col.clr'),
        ctx.t('rc.col.optins'),
        '',
        ctx.t('rc.col.count'),
        ctx.t('rc.col.medfee'),
        ctx.t('rc.col.fund'),
        ctx.t('rc.col.acct'),
        ctx.t('rc.col.diff'),
        ctx.t('rc.col.result'),
      ],
      groupRows(rc, shown, withDay, `${ctx.t('rc.his')}\n${ctx.t('rc.center')}`, ctx.lang),
      {
        align: [
          ...(withDay ? ['left' as const] : []),
          'left',
          'left',
          'left',
          'left',
          'right',
          'right',
          'right',
          'right',
          'right',
          'center',
        ],
      },
    );
  }
  if (shown.length < r.groups.length) out.note(ctx.t('rc.hidden', { n: r.groups.length - shown.length }));
  if (r.findings.length) {
    // One block per finding: a wide table would not fit a terminal with the detail and the repair.
    out.heading(ctx.t('rc.findingsTitle', { n: r.findings.length }));
    for (const f of r.findings.slice(0, 50)) {
      const when = f.begndate === f.enddate ? f.begndate : `${f.begndate}…${f.enddate}`;
      const ids = [
        f.setl_id ? `setl_id ${f.setl_id}` : f.related_setl_id ? `→ ${f.related_setl_id}` : '',
        f.psn_no ? `psn_no ${f.psn_no}` : '',
        f.insutype
          ? `${rc.codeLabel('insutype', f.insutype, ctx.lang)} / ${rc.codeLabel('clr_type', f.clr_type, ctx.lang)} / ${f.setl_optins ?? ''}`
          : '',
      ]
        .filter(Boolean)
        .join('  ');
      out.line(
        `${out.c.bold(ctx.t(`rcr.kind.${f.kind}`))} ${out.c.dim(`${f.kind} · ${f.cause}`)}  ${when}  ${ids}  ${ctx.t('rc.col.amount')} ${effectText(rc, f)}`,
      );
      const zh = ctx.lang === 'zh-CN';
      out.line(indent(wrap(zh ? rc.findingDetailZh(f) : f.detail, 100), '    '));
      out.line(
        indent(
          wrap(
            `→ ${zh ? rc.repairHowZh(f) : f.repair.how}${f.repair.status === 'pending' ? ` [${ctx.t('rc.pending')}]` : ''}`,
            100,
          ),
          '    ',
        ),
      );
      if (f.repair.command) out.line(`      $ ${f.repair.command}`);
    }
    if (r.findings.length > 50) out.note(ctx.t('rc.more', { n: r.findings.length - 50 }));
  }
  const unbalanced = r.groups.filter((g) => g.balanced === false).length;
  if (r.status === 'balanced') out.ok(ctx.t('rc.balanced'));
  else if (unbalanced === 0) out.bad(ctx.t('rc.findingsOnly', { f: r.findings.length }));
  else out.bad(ctx.t('rc.unbalanced', { g: unbalanced, f: r.findings.length }));
  const certain = r.findings.filter((f) => rc.handedOff(f.kind, f.repair) || f.repair.status === 'pending').length;
  if (r.apply.requested) out.line(ctx.t('rc.applied', { n: r.apply.handed_off }));
  else if (certain) out.note(ctx.t('rc.applyHint', { n: certain }));
  if (r.findings.some((f) => f.kind === 'center_only' || f.kind === 'his_only')) out.note(ctx.t('rc.next'));
  if (report) out.note(ctx.t('rc.report', { file: report }));
}

/** The most groups asked on one day (period). */
function askedPerDay(groups: readonly ReconcileModule.GroupResult[]): number {
  const per = new Map<string, number>();
  for (const g of groups) per.set(g.begndate, (per.get(g.begndate) ?? 0) + 1);
  return Math.max(0, ...per.values());
}

/** How many groups were asked for each reason (over the run; a group may have several). */
function askedWhy(ctx: Ctx, groups: readonly ReconcileModule.GroupResult[]): string {
  const by = new Map<string, Set<string>>();
  for (const g of groups) {
    for (const why of g.asked_because ?? []) {
      let s = by.get(why);
      if (!s) by.set(why, (s = new Set()));
      s.add(`${g.insutype}|${g.clr_type}|${g.setl_optins}`);
    }
  }
  // English keeps the reason codes (known, his_rows …); Chinese says what each means.
  return [...by]
    .map(([why, s]) => (ctx.lang === 'zh-CN' ? `${ctx.t(`rc.because.${why}`)} ${s.size}` : `${why} ${s.size}`))
    .join(ctx.lang === 'zh-CN' ? '，' : ', ');
}

/** What a finding does to the totals: settlements and medfee_sumamt, center minus HIS. */
function effectText(rc: Rc, f: ReconcileModule.Finding): string {
  let count = 0;
  let medfee = 0n;
  for (const e of f.effects) {
    count += e.count;
    medfee += rc.parseFen(e.medfee_sumamt) ?? 0n;
  }
  return `${count >= 0 ? '+' : ''}${count} · ${rc.fenText(medfee)}`;
}

const indent = (s: string, pad: string) =>
  s
    .split('\n')
    .map((l) => pad + l)
    .join('\n');

/** Break long text at spaces so that it stays readable in a terminal. */
function wrap(s: string, width: number): string {
  const out: string[] = [];
  for (const para of s.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}

async function writeReport(ctx: Ctx, rc: Rc, file: string, r: ReconcileModule.ReconcileResult): Promise<string> {
  const format = rc.reportFormat(file);
  const optins = ctx.get('center.setl_optins');
  const optinsName = ctx.get('center.setl_optins_name');
  const input: ReconcileModule.ReportInput = {
    runId: r.runId,
    fixmedins_code: String(ctx.get('fixmedins_code')),
    fixmedins_name: String(ctx.get('fixmedins_name')),
    setl_optins: optins === undefined ? undefined : String(optins),
    setl_optins_name: optinsName === undefined ? undefined : String(optinsName),
    begndate: r.begndate,
    enddate: r.enddate,
    status: r.status,
    generated_at: ctx.now().toISOString(),
    days: r.days,
    groups: r.groups,
    findings: r.findings,
    lang: ctx.lang,
    t: (key, vars) => ctx.t(key, vars),
    timezone: String(ctx.get('timezone')),
  };
  const data =
    format === 'xlsx'
      ? await rc.reportXlsx(input)
      : format === 'csv'
        ? rc.reportCsv(input)
        : format === 'json'
          ? rc.reportJson(input)
          : rc.reportHtml(input);
  const abs = path.resolve(ctx.cwd, file);
  // Whole or not at all: finance must never open a truncated report (exit 2 or 5 naming the path).
  writeFileAtomicSync(abs, data, 'the report');
  return path.relative(ctx.cwd, abs) || abs;
}

interface RunOpts {
  date?: string;
  from?: string;
  to?: string;
  insutype?: string[];
  clrType?: string[];
  detail?: 'auto' | 'always' | 'never';
  period?: 'day' | 'range';
  report?: string;
  apply?: boolean;
  db?: string;
}

async function runCommand(ctx: Ctx, o: RunOpts) {
  const rc = await import('../core/reconcile/index.js');
  const { withCenter, formatDate } = await import('../core/center/index.js');
  const rules = rulesOf(ctx, rc);
  if (o.period) rules.period = o.period;
  const insutypes = codes(o.insutype);
  const clrTypes = codes(o.clrType);
  for (const c of insutypes)
    if (!rc.isInsutype(rules, c))
      throw inputError(
        'RECONCILE_BAD_INSUTYPE',
        `--insutype ${c} is not an insurance type`,
        "Use a national code (310, 390, 510 …) or add the province's code to reconcile.extraInsutypes in hisops.yaml.",
      ).zh(
        `--insutype ${c} 不是险种代码`,
        '请使用国家编码（310、390、510 等），或将本省的代码加入 hisops.yaml 的 reconcile.extraInsutypes。',
      );
  for (const c of clrTypes)
    if (!rc.isClrType(rules, c))
      throw inputError(
        'RECONCILE_BAD_CLR_TYPE',
        `--clr-type ${c} is not a clearing type`,
        "Use 11, 21, 41 or 99, or add the province's code to reconcile.extraClrTypes in hisops.yaml.",
      ).zh(
        `--clr-type ${c} 不是清算类别代码`,
        '请使用 11、21、41 或 99，或将本省的代码加入 hisops.yaml 的 reconcile.extraClrTypes。',
      );
  if (o.report) {
    rc.reportFormat(o.report);
    // A bad zone stops the run before the center is asked, not after.
    checkTimeZone(String(ctx.get('timezone')));
  }
  const today = formatDate(ctx.now());
  // Check the dates before anything is opened: a bad range is a usage error, not a failed run.
  rc.resolvePeriods({ date: o.date, from: o.from, to: o.to, today, maxDays: rules.maxDays, mode: rules.period });
  const { db, profile } = await ctx.his();
  const journal = await ctx.journal();
  const settings = {
    ...centerSettings(ctx),
    extraCodes: { insutype: rules.extraInsutypes, clr_type: rules.extraClrTypes },
  };
  const code = String(ctx.get('fixmedins_code'));
  let progress: ReturnType<Ctx['progress']> | undefined;
  let phase = '';
  const step = stepLog(ctx);
  const result = await withCenter(settings, { journal, runId: ctx.runId, onEvent: centerCallLog(ctx) }, (center) =>
    rc.runReconcile(
      {
        db,
        profile,
        center,
        journal,
        runId: ctx.runId,
        fixmedins_code: code,
        now: () => ctx.now(),
        onProgress: (p) => {
          const label = `${p.period} ${ctx.t(`progress.reconcile.${p.phase}`)}`;
          step(label);
          if (label !== phase) {
            progress?.done();
            phase = label;
            progress = ctx.progress(label, p.total);
          }
          progress?.tick();
        },
      },
      { rules, date: o.date, from: o.from, to: o.to, today, insutypes, clrTypes, detail: o.detail, apply: !!o.apply },
    ),
  );
  progress?.done();
  const report = o.report ? await writeReport(ctx, rc, o.report, result) : undefined;
  if (result.error) {
    // The run is recorded (history shows how far it got); the command fails with the center's or database's error.
    const e = result.error;
    throw new HisopsError({
      code: e.code,
      summary: e.summary,
      why: e.why,
      fix: `${e.fix ?? ''} Reconciliation is safe to run again for the same dates.`.trim(),
      details: { ...e.details, runId: result.runId, days: result.days, report: report ?? null },
      exit: e.exit,
      zh: {
        summary: e.zhText?.summary ?? e.summary,
        why: e.zhText?.why,
        fix: `${e.zhText?.fix ?? e.fix ?? ''} 对同一日期再次对账是安全的。`.trim(),
      },
    });
  }
  const { error: _error, ...data } = result;
  void _error;
  return {
    data: { ...data, report: report ?? null },
    exit: (result.exit === 3 ? EXIT.findings : EXIT.ok) as ExitCode,
    findings: {
      summary: `${result.status}: ${result.findings.length} finding(s) need attention`,
      count: result.findings.length,
    },
    human: (out: Out) => renderRun(out, ctx, rc, result, code, report),
  };
}

async function historyCommand(ctx: Ctx, o: { limit?: string; days?: string }) {
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
    human: (out: Out) => {
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
    },
  };
}

export function registerReconcile(program: Command, app: App): Command {
  const rc = program
    .command('reconcile')
    .description(app.t('rc.describe'))
    .option('--date <day>', 'one day: yyyy-MM-dd, today or yesterday (default: yesterday)')
    .option('--from <day>', 'first day of a range (with --to)')
    .option('--to <day>', 'last day of a range, inclusive')
    .option('--insutype <codes>', 'only these insurance types (repeatable or comma-separated, e.g. 310,390)', collect)
    .option('--clr-type <codes>', 'only these clearing types (e.g. 11,21)', collect)
    .addOption(
      new Option(
        '--detail <when>',
        '3202 detail reconciliation: auto (unbalanced groups), always, never (default: reconcile.detail)',
      ).choices(['auto', 'always', 'never']),
    )
    .addOption(
      new Option(
        '--period <mode>',
        'day: one 3201 per day and group; range: one for the whole range (month-end) (default: reconcile.period)',
      ).choices(['day', 'range']),
    )
    .option('--report <file>', 'write the 对账单 for finance: .html (printable A4), .xlsx, .csv or .json')
    .option('--apply', 'hand the repairs that are certain to the stuck-settlement job (nothing else is ever changed)')
    .option('--db <db>', 'HIS database instead of the configured one (URL or connection name)')
    .action(
      app.action<RunOpts>((ctx, _a, o) => runCommand(ctx, o), {
        record: true,
        keyFlags: (o) => ({ 'his.url': o.db }),
        lock: (o) => !!o.apply && 'reconcile',
        notify: true,
      }),
    );
  app.examples(rc, [
    'hisops reconcile                                   # yesterday',
    'hisops reconcile --date today --json               # cron, every few minutes: early warning',
    'hisops reconcile --from 2025-03-01 --to 2025-03-31 --report 对账-2025-03.html',
    'hisops reconcile --date 2025-03-04 --insutype 310 --clr-type 21 --detail always',
    'hisops reconcile --from 2025-03-01 --to 2025-03-31 --period range   # month-end totals',
    'hisops reconcile history',
  ]);
  const history = rc
    .command('history')
    .description(app.t('rc.history.describe'))
    .option('--limit <n>', 'how many runs to list', '20')
    .option('--days <n>', 'how many days to list', '14')
    .action(app.action<{ limit?: string; days?: string }>((ctx, _a, o) => historyCommand(ctx, o)));
  app.examples(history, ['hisops reconcile history', 'hisops reconcile history --days 31 --json']);
  return rc;
}
