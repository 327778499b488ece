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
import { centerSettings, centerUtcOffset } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import './reconcileReport.js';
import type { Out } from '../cli/output.js';
import { centerCallLog, stepLog } from '../cli/verbose.js';
import { EXIT, HisopsError, inputError, type ExitCode } from '../core/errors.js';
import { writeFileAtomicSync } from '../core/files/index.js';
import { checkTimeZone } from '../core/time/index.js';
import type * as ReconcileModule from '../core/reconcile/index.js';
import { registerReconcileHistory } from './reconcileHistory.js';
import { renderRun } from './reconcileRender.js';

type Rc = typeof ReconcileModule;
type Rules = ReturnType<Rc['parseReconcileRules']>;

defineMessages({
  'rc.describe': {
    en: 'reconcile settlements with the center: totals, details, classified differences (对账)',
    zh: '与医保中心对账：总账、明细、差异分类（对账）',
  },
});

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

export function registerReconcile(program: Command, app: App): Command {
  const rc = reconcileOptions(program.command('reconcile').description(app.t('rc.describe'))).action(
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
  registerReconcileHistory(rc, app);
  return rc;
}

/** The options of a reconciliation run: the days, the groups, the detail flow, the report, --apply. */
function reconcileOptions(cmd: Command): Command {
  return cmd
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
    .option('--db <db>', 'HIS database instead of the configured one (URL or connection name)');
}

async function runCommand(ctx: Ctx, o: RunOpts) {
  const rc = await import('../core/reconcile/index.js');
  const { withCenter, formatDate } = await import('../core/center/index.js');
  const rules = rulesOf(ctx, rc);
  if (o.period) rules.period = o.period;
  const insutypes = codes(o.insutype);
  const clrTypes = codes(o.clrType);
  checkCodes(rc, rules, insutypes, clrTypes);
  if (o.report) {
    rc.reportFormat(o.report);
    // A bad zone stops the run before the center is asked, not after.
    checkTimeZone(String(ctx.get('timezone')));
  }
  // Today is the center's day (its clock, center.utcOffsetMinutes), whatever the host's zone: the
  // center dates settlements by it, so at 00:30 in China a UTC host must already reconcile the new day.
  const today = formatDate(ctx.now(), centerUtcOffset(ctx));
  // Check the dates before anything is opened: a bad range is a usage error, not a failed run.
  rc.resolvePeriods({ date: o.date, from: o.from, to: o.to, today, maxDays: rules.maxDays, mode: rules.period });
  const { db, profile } = await ctx.his();
  const journal = await ctx.journal();
  const settings = {
    ...centerSettings(ctx),
    extraCodes: { insutype: rules.extraInsutypes, clr_type: rules.extraClrTypes },
  };
  const code = String(ctx.get('fixmedins_code'));
  const onProgress = progressOf(ctx);
  const result = await withCenter(settings, { journal, runId: ctx.runId, onEvent: centerCallLog(ctx) }, (center) =>
    rc.runReconcile(
      { db, profile, center, journal, runId: ctx.runId, fixmedins_code: code, now: () => ctx.now(), onProgress },
      { rules, date: o.date, from: o.from, to: o.to, today, insutypes, clrTypes, detail: o.detail, apply: !!o.apply },
    ),
  );
  onProgress.done();
  const report = o.report ? await writeReport(ctx, rc, o.report, result) : undefined;
  // The run is recorded (history shows how far it got); the command fails with the center's or database's error.
  if (result.error) throw failedRunError(result, result.error, report);
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

/** --insutype and --clr-type name codes the rules know (national ones, or the province's extra ones). */
function checkCodes(rc: Rc, rules: Rules, insutypes: readonly string[], clrTypes: readonly string[]): void {
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
}

/** One progress bar per period and phase, and the step it is in the verbose log. */
function progressOf(ctx: Ctx) {
  let progress: ReturnType<Ctx['progress']> | undefined;
  let phase = '';
  const step = stepLog(ctx);
  const onProgress = (p: ReconcileModule.ReconcileProgress) => {
    const label = `${p.period} ${ctx.t(`progress.reconcile.${p.phase}`)}`;
    step(label);
    if (label !== phase) {
      progress?.done();
      phase = label;
      progress = ctx.progress(label, p.total);
    }
    progress?.tick();
  };
  return Object.assign(onProgress, { done: () => progress?.done() });
}

/** A run that stopped on the center's or the database's error: that error, saying a rerun is safe. */
function failedRunError(
  result: ReconcileModule.ReconcileResult,
  e: NonNullable<ReconcileModule.ReconcileResult['error']>,
  report: string | undefined,
): HisopsError {
  return new HisopsError({
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
