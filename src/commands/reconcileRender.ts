/**
 * What `hisops reconcile` prints of a run: the days, the groups (HIS over center in each cell),
 * one block per finding with its detail and repair, then the verdict and what to do next.
 */
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import type * as ReconcileModule from '../core/reconcile/index.js';

type Rc = typeof ReconcileModule;

defineMessages({
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
});

const RESULT = { true: '平', false: '不平', null: '—' } as const;
/** A day's status in the words finance uses (history shows them too). */
export const DAY_STATUS: Record<string, string> = {
  balanced: '平',
  unbalanced: '不平',
  empty: '无结算',
  failed: '未完成',
  running: '进行中',
};

export function renderRun(
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
  if (r.days.length > 1) renderDays(out, ctx, r.days);
  renderGroups(out, ctx, rc, r);
  if (r.findings.length) renderFindings(out, ctx, rc, r.findings);
  renderVerdict(out, ctx, rc, r);
  if (report) out.note(ctx.t('rc.report', { file: report }));
}

/** A run of several days: one line per day (or per range, month-end). */
function renderDays(out: Out, ctx: Ctx, days: ReconcileModule.ReconcileResult['days']): void {
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
    days.map((d) => [
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

/** The groups, HIS over center in each cell. */
function renderGroups(out: Out, ctx: Ctx, rc: Rc, r: ReconcileModule.ReconcileResult): void {
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
}

/** One block per finding (the first 50): a wide table would not fit a terminal with the detail and the repair. */
function renderFindings(out: Out, ctx: Ctx, rc: Rc, findings: readonly ReconcileModule.Finding[]): void {
  out.heading(ctx.t('rc.findingsTitle', { n: findings.length }));
  for (const f of findings.slice(0, 50)) {
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
  if (findings.length > 50) out.note(ctx.t('rc.more', { n: findings.length - 50 }));
}

/** Balanced or not, what --apply did or would do, and the next step. */
function renderVerdict(out: Out, ctx: Ctx, rc: Rc, r: ReconcileModule.ReconcileResult): void {
  const unbalanced = r.groups.filter((g) => g.balanced === false).length;
  if (r.status === 'balanced') out.ok(ctx.t('rc.balanced'));
  else if (unbalanced === 0) out.bad(ctx.t('rc.findingsOnly', { f: r.findings.length }));
  else out.bad(ctx.t('rc.unbalanced', { g: unbalanced, f: r.findings.length }));
  const certain = r.findings.filter((f) => rc.handedOff(f.kind, f.repair) || f.repair.status === 'pending').length;
  if (r.apply.requested) out.line(ctx.t('rc.applied', { n: r.apply.handed_off }));
  else if (certain) out.note(ctx.t('rc.applyHint', { n: certain }));
  if (r.findings.some((f) => f.kind === 'center_only' || f.kind === 'his_only')) out.note(ctx.t('rc.next'));
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
