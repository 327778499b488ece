/**
 * `hisops trace check`: the codes of dispensing and stock records (from the HIS over days, or a
 * file) checked before anything is sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { EXIT, inputError } from '../core/errors.js';
import type { Journal } from '../core/journal/index.js';
import type * as TraceModule from '../core/trace/index.js';
import {
  collect,
  fixmedins,
  parseKinds,
  renderFindings,
  settingsFrom,
  windowFrom,
  windowOptions,
  type SendSettingsOpts,
  type WindowOpts,
} from './traceShared.js';

type Trace = typeof TraceModule;

interface CheckOpts extends WindowOpts, SendSettingsOpts {
  kind?: string[];
}

export function registerTraceCheck(group: Command, app: App): void {
  const check = windowOptions(
    group
      .command('check')
      .description(app.t('trace.check.describe'))
      .argument(
        '[file]',
        'a .json or .csv of dispensing/stock rows, or a .txt with one code per line (instead of the HIS)',
      ),
  )
    .option('--kind <kind>', 'sale, return, stock-in, stock-change or stock-count (repeatable; default all)', collect)
    .action(app.action(runCheck, { notify: true }));
  app.examples(check, [
    'hisops trace check',
    'hisops trace check --from 2026-01-05 --to 2026-01-06 --kind sale',
    'hisops trace check scanned.txt',
    'hisops trace check export.csv --json',
  ]);
}

async function runCheck(ctx: Ctx, args: unknown[], o: CheckOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const settings = settingsFrom(ctx, trace, o);
  const file = args[0] as string | undefined;
  const journal = await ctx.journal();
  const tj = new trace.TraceJournal(journal, fixmedins(ctx), { readOnly: true });
  const { report, shown } =
    file !== undefined
      ? await checkFile(ctx, trace, file, o, { settings, journal, tj })
      : await checkHis(ctx, trace, o, { settings, journal, tj });
  return {
    data: report,
    exit: report.findings.length ? EXIT.findings : EXIT.ok,
    findings: {
      summary: `${report.findings.length} traceability-code finding(s) need attention`,
      count: report.findings.length,
    },
    human: (out) => renderCheck(out, ctx, trace, report, shown),
  };
}

/** What both checks read: the settings, the journal (stores, four-code library) and the trace journal. */
interface CheckInput {
  settings: TraceModule.TraceSettings;
  journal: Journal;
  tj: TraceModule.TraceJournal;
}

/** The report and how its source is shown: the file, or the days. */
interface Checked {
  report: TraceModule.CheckReport;
  shown: string;
}

async function checkFile(ctx: Ctx, trace: Trace, file: string, o: CheckOpts, c: CheckInput): Promise<Checked> {
  if (o.from || o.to)
    throw inputError(
      'TRACE_FILE_AND_WINDOW',
      'Give either a file or --from/--to, not both',
      'Check a file (hisops trace check codes.csv) or the HIS over days (hisops trace check --from 2026-01-05 --to 2026-01-06).',
    ).zh(
      '请给出文件或 --from/--to，二者不能同时给出',
      '请校验一个文件（hisops trace check codes.csv）或按日期校验 HIS（hisops trace check --from 2026-01-05 --to 2026-01-06）。',
    );
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw inputError(
      'TRACE_FILE_UNREADABLE',
      `Cannot read ${full}`,
      'Check the path; see docs/trace.md for the file formats.',
    ).zh(`无法读取 ${full}`, '请检查路径；文件格式见 docs/trace.md。');
  }
  const shown = path.relative(ctx.cwd, full) || full;
  const report = await trace.checkFile({
    file: shown,
    rows: trace.parseTraceFile(text, full),
    settings: c.settings,
    journal: c.tj,
    stores: await trace.checkStores(c.journal),
  });
  return { report, shown };
}

async function checkHis(ctx: Ctx, trace: Trace, o: CheckOpts, c: CheckInput): Promise<Checked> {
  const window = windowFrom(ctx, trace, o, c.settings);
  const { db, profile } = await ctx.his();
  const report = await trace.checkWindow({
    source: trace.profileSource(db, profile),
    journal: c.tj,
    window,
    kinds: parseKinds(o.kind),
    settings: c.settings,
    stores: await trace.checkStores(c.journal),
  });
  return { report, shown: `${window.from} … ${window.to}` };
}

function renderCheck(out: Out, ctx: Ctx, trace: Trace, report: TraceModule.CheckReport, shown: string): void {
  if (report.records === 0) {
    if (report.window)
      out.line(ctx.t('trace.none', { from: report.window.from, to: report.window.to, what: ctx.t('trace.noneCheck') }));
    else out.line(ctx.t('trace.none', { from: shown, to: shown, what: ctx.t('trace.noneCheck') }));
    return;
  }
  out.kv([
    [ctx.t('trace.window'), shown],
    [ctx.t('trace.records'), report.records],
    [ctx.t('trace.codes'), report.codes],
    [ctx.t('trace.clean'), report.clean],
    ...(report.library
      ? ([
          [
            ctx.t('trace.libraryUsed'),
            ctx.t('trace.libraryVersion', { v: report.library.version, n: report.library.entries }),
          ],
        ] as Array<[string, string]>)
      : []),
  ]);
  for (const s of report.skipped)
    out.note(ctx.t('trace.skipped', { what: ctx.lang === 'zh-CN' ? trace.skippedZh(s) : s }));
  if (report.notes.length) {
    out.line(ctx.t('trace.notesTitle', { n: report.notes.length }));
    renderFindings(out, ctx, trace, report.notes);
  }
  if (!report.findings.length) {
    out.ok(ctx.t('trace.allGood', { n: report.records }));
    return;
  }
  renderFindings(out, ctx, trace, report.findings);
  const affected = new Set(report.findings.map((f) => f.record_key + '|' + (f.line ?? ''))).size;
  out.bad(ctx.t('trace.findings', { n: report.findings.length, r: affected }));
}
