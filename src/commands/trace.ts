/**
 * `hisops trace check | upload | status | retry`: drug traceability codes (药品追溯码) — check
 * them, upload what is due to the center (3505/3506/3502 and their batch variants), see what is
 * pending or rejected, and send rejected records again after a fix. See docs/trace.md.
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx, Progress } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { centerCallLog, stepLog } from '../cli/verbose.js';
import { registerTraceInvoice } from './traceInvoice.js';
import { EXIT, HisopsError, type ExitCode } from '../core/errors.js';
import type * as TraceModule from '../core/trace/index.js';
import { registerTraceLibrary } from './traceLibrary.js';
import { registerTraceCheck } from './traceCheck.js';
import { registerTraceRelation } from './traceRelation.js';
import { registerTraceStatus } from './traceStatus.js';
import { renderUpload } from './traceUploadRender.js';
import {
  collect,
  fixmedins,
  parseKinds,
  settingsFrom,
  windowFrom,
  windowOptions,
  type SendSettingsOpts,
  type WindowOpts,
} from './traceShared.js';

type Trace = typeof TraceModule;

defineMessages({
  'trace.describe': {
    en: 'drug traceability codes: check, upload, status, retry (药品追溯码)',
    zh: '药品追溯码：校验、上传、状态、重传（药品追溯码）',
  },
  'trace.check.describe': {
    en: 'check the codes of dispensing and stock records (or of a file) before anything is sent',
    zh: '上传前校验发药与出入库记录（或文件）中的追溯码',
  },
  'trace.upload.describe': {
    en: 'upload due records to the center (3505/3506, 3501/3502 and their batch variants), safely resumable; a plan unless --apply',
    zh: '向医保中心上传待上传记录（3505/3506、3501/3502 及其批量交易），可安全续传；不加 --apply 只显示计划',
  },
  'trace.status.describe': {
    en: 'what is pending, accepted and rejected (by reason), per day and kind',
    zh: '按日期和类型显示待上传、已接收、拒收（按原因）的记录',
  },
  'trace.retry.describe': {
    en: 're-send the records the center rejected, after a fix',
    zh: '修正后重新上传医保中心拒收的记录',
  },
  'trace.window': { en: 'days', zh: '日期' },
  'trace.records': { en: 'records', zh: '记录数' },
  'trace.codes': { en: 'codes', zh: '追溯码数' },
  'trace.clean': { en: 'without findings', zh: '无问题' },
  'trace.none': {
    en: 'No dispensing or stock records from {from} to {to}: nothing to {what}.',
    zh: '{from} 至 {to} 没有发药或出入库记录：无需{what}。',
  },
  'trace.noneCheck': { en: 'check', zh: '校验' },
  'trace.noneUpload': { en: 'upload', zh: '上传' },
  'trace.allGood': { en: 'All {n} records pass every check.', zh: '全部 {n} 条记录通过校验。' },
  'trace.findings': {
    en: '{n} finding(s) in {r} record(s); an upload holds these records back whole until they are fixed.',
    zh: '{r} 条记录有 {n} 个问题；上传时这些记录整条暂缓，修正后再传。',
  },
  'trace.more': { en: '… and {n} more (--json lists them all)', zh: '… 另有 {n} 条（--json 列出全部）' },
  'trace.whatToDo': { en: 'What to do', zh: '处理办法' },
  'trace.skipped': { en: 'not checked: {what}', zh: '未校验：{what}' },
  'trace.line': { en: 'line {n}', zh: '第 {n} 行' },
  'trace.resolved': {
    en: 'Earlier run left {n} record(s) without an outcome: {a} accepted, {r} rejected (from the write-ahead journal), {s} sent again.',
    zh: '上次运行有 {n} 条记录结果未知：{a} 条已接收、{r} 条被拒收（据预写日志），{s} 条重新发送。',
  },
  'trace.callsResolved': {
    en: '{n} 35xx request(s) that earlier runs left without an outcome in the center-call journal are resolved (hisops trace status shows how).',
    zh: '中心调用日志中上次运行遗留、结果未知的 {n} 个 35xx 请求已处理（hisops trace status 显示处理方式）。',
  },
  'trace.callsDeferred': {
    en: '{n} 35xx request(s) left without an outcome carry records of kinds this run does not upload; the next upload of those kinds resolves them.',
    zh: '{n} 个遗留无结果的 35xx 请求含本次未上传类型的记录；下次上传这些类型时处理。',
  },
  'trace.callsLeft': {
    en: '{n} 35xx request(s) of earlier runs have no outcome in the center-call journal; --apply resolves them first.',
    zh: '中心调用日志中有 {n} 个以前运行的 35xx 请求没有结果；加 --apply 时先处理它们。',
  },
  'trace.notInHis': {
    en: '{n} record(s) without an outcome are no longer in the HIS: they stay unknown (reason not_in_his) — the center may hold them and the interface has no query of uploaded records. Restore them in the HIS and upload again, or ask the center.',
    zh: '{n} 条结果未知的记录已不在 HIS 中：保持"未知"（原因 not_in_his）——中心可能已收到，接口没有已上传记录的查询交易。请在 HIS 中恢复后重新上传，或向医保中心核实。',
  },
  'trace.callsOpen': {
    en: '{n} 35xx request(s) without an outcome in the center-call journal (a run is sending them, or the next trace upload --apply resolves them).',
    zh: '中心调用日志中有 {n} 个 35xx 请求没有结果（正在发送，或由下次 trace upload --apply 处理）。',
  },
  'trace.callsTitle': {
    en: 'Requests left without an outcome, and how they were resolved:',
    zh: '遗留无结果的请求及其处理方式：',
  },
  'trace.col.msgid': { en: 'msgid', zh: '报文ID' },
  'trace.col.run': { en: 'run', zh: '运行' },
  'trace.col.resolvedAt': { en: 'resolved', zh: '处理时间' },
  'trace.col.resolution': { en: 'resolution', zh: '处理方式' },
  'trace.sentAll': {
    en: 'Uploaded: {a} record(s) accepted ({c} codes), {r} rejected, {p} to retry.',
    zh: '已上传：{a} 条记录被接收（{c} 个追溯码），{r} 条被中心拒收，{p} 条待重试。',
  },
  'trace.pendingFix': {
    en: '{n} record(s) could not be delivered or have an unknown outcome; run hisops trace upload again (nothing accepted is sent twice).',
    zh: '{n} 条记录未送达或结果未知；请再次运行 hisops trace upload（已接收的不会重复上传）。',
  },
  'trace.rejectedFix': {
    en: 'Fix the rejected records in the HIS, then: hisops trace retry --apply (or --reason <reason>).',
    zh: '在 HIS 中修正被中心拒收的记录后运行：hisops trace retry --apply（或 --reason <原因>）。',
  },
  'trace.stopped': {
    en: 'Sending stopped early: {why}. Check the center (hisops doctor).',
    zh: '已提前停止发送：{why}。请检查医保中心（hisops doctor）。',
  },
  'trace.planTitle': { en: 'Would send:', zh: '将发送：' },
  'trace.nothingToRetry': {
    en: 'No rejected records{reason}: nothing to retry.',
    zh: '没有被中心拒收的记录{reason}：无需重传。',
  },
  'trace.statusEmpty': {
    en: 'The journal holds no trace uploads{window} yet.',
    zh: '日志中还没有追溯码上传记录{window}。',
  },
  'trace.col.day': { en: 'day', zh: '日期' },
  'trace.col.record': { en: 'record', zh: '记录' },
  'trace.col.kind': { en: 'kind', zh: '类型' },
  'trace.col.code': { en: 'drug_trac_codg', zh: '追溯码' },
  'trace.col.finding': { en: 'finding', zh: '问题' },
  'trace.col.detail': { en: 'detail', zh: '详情' },
  'trace.col.infno': { en: 'infno', zh: '交易' },
  'trace.col.requests': { en: 'requests', zh: '请求数' },
  'trace.col.already': { en: 'accepted before', zh: '此前已接收' },
  'trace.col.held': { en: 'held', zh: '暂缓' },
  'trace.col.waiting': { en: 'rejected, unchanged', zh: '拒收未修改' },
  'trace.col.due': { en: 'due', zh: '待上传' },
  'trace.col.accepted': { en: 'accepted', zh: '已接收' },
  'trace.col.rejected': { en: 'rejected', zh: '拒收' },
  'trace.col.toRetry': { en: 'to retry', zh: '待重试' },
  'trace.col.pending': { en: 'pending', zh: '待上传' },
  'trace.col.new': { en: 'never sent', zh: '未上传' },
  'trace.col.status': { en: 'status', zh: '状态' },
  'trace.col.reason': { en: 'reason', zh: '原因' },
  'trace.col.message': { en: 'message', zh: '信息' },
  'trace.notesTitle': { en: '{n} note(s) — nothing is held back for these:', zh: '{n} 条提示——以下情况不暂缓上传：' },
  'trace.libraryUsed': { en: 'four-code library', zh: '四码合一库' },
  'trace.libraryVersion': { en: 'version {v} ({n} entries)', zh: '第 {v} 版（{n} 条）' },
});

/** Exit 5 of an upload: the center stopped it, or records were left without a known outcome. */
function uploadError(r: TraceModule.UploadResult): HisopsError | undefined {
  if (uploadExit(r) !== EXIT.external) return undefined;
  return new HisopsError({
    code: 'TRACE_UPLOAD_INCOMPLETE',
    summary: r.stopped
      ? `The upload stopped: ${r.stopped}`
      : `${r.pending.length} record(s) were left to retry or with an unknown outcome`,
    fix: 'Run the same command again when the center answers; nothing the center accepted is sent twice (hisops trace status shows what is left).',
    details: { pending: r.pending.length },
    exit: EXIT.external,
  }).zh(
    r.stopped ? `上传已中止：${r.stopped}` : `${r.pending.length} 条记录待重试或结果未知`,
    '请在医保中心恢复应答后再次运行同一命令；中心已接收的记录不会重复发送（hisops trace status 显示剩余内容）。',
  );
}

function uploadExit(r: TraceModule.UploadResult): ExitCode {
  if (r.pending.length || r.stopped) return EXIT.external;
  if (r.findings.length || r.rejected.length) return EXIT.findings;
  return EXIT.ok;
}

/** Progress on a TTY: one bar per day, ticking by records sent. */
function progressFor(ctx: Ctx): { onEvent: (e: TraceModule.UploadEvent) => void; done: () => void } {
  let bar: Progress | undefined;
  const step = stepLog(ctx);
  return {
    onEvent: (e) => {
      if (e.type === 'day') {
        bar?.done();
        step(ctx.t('verbose.traceDay', { day: e.day, index: e.index, days: e.days, due: e.due }));
        bar = e.due ? ctx.progress(`${e.day} (${e.index}/${e.days})`, e.due, ctx.t('progress.records')) : undefined;
      } else if (e.type === 'sent') bar?.tick(e.records);
      else if (e.type === 'retry') ctx.debug(ctx.t('verbose.retry', { infno: e.infno, code: e.code, ms: e.delayMs }));
    },
    done: () => {
      bar?.done();
      bar = undefined;
    },
  };
}

async function uploadWith(
  ctx: Ctx,
  trace: Trace,
  o: SendOpts,
  extra: {
    window?: TraceModule.Window;
    targets?: Map<string, Set<string>>;
    kinds: TraceModule.TraceKind[];
    force?: boolean;
  },
) {
  const settings = settingsFrom(ctx, trace, o);
  const { db, profile } = await ctx.his();
  const journal = await ctx.journal();
  const center = centerSettings(ctx);
  const progress = progressFor(ctx);
  try {
    return await trace.runUpload({
      source: trace.profileSource(db, profile),
      journal,
      fixmedins_code: fixmedins(ctx),
      center,
      window: extra.window,
      targets: extra.targets,
      kinds: extra.kinds,
      apply: !!o.apply,
      force: extra.force,
      settings,
      runId: ctx.runId,
      now: () => ctx.now(),
      onEvent: progress.onEvent,
      centerDeps: { onEvent: centerCallLog(ctx) },
    });
  } finally {
    progress.done();
  }
}

function sendOptions(cmd: Command): Command {
  return cmd
    .option('--kind <kind>', 'sale, return, stock-in, stock-change or stock-count (repeatable; default all)', collect)
    .option('--apply', 'send to the center (without it: show what would be sent)')
    .option('--concurrency <n>', 'requests in flight at once (trace.concurrency, default 4)')
    .option('--rate <n>', 'requests per second at most, 0 = no limit (trace.rate, default 10)')
    .option('--batch-size <n>', 'records per 3505A/3502A request, 1 = one per request (trace.batchSize, default 50)')
    .option('--retries <n>', 'further attempts after a transient failure (trace.retries, default 4)');
}

/** The options of the commands that send (upload, retry). */
interface SendOpts extends SendSettingsOpts {
  kind?: string[];
  apply?: boolean;
}

interface UploadOpts extends SendOpts, WindowOpts {}

interface RetryOpts extends SendOpts {
  reason?: string;
}

export function registerTrace(program: Command, app: App): Command {
  const group = program.command('trace').description(app.t('trace.describe'));
  registerTraceCheck(group, app);
  registerUpload(group, app);
  registerTraceStatus(group, app);
  registerRetry(group, app);
  registerTraceInvoice(group, app);
  registerTraceLibrary(group, app);
  registerTraceRelation(group, app);
  app.examples(group, [
    'hisops trace check',
    'hisops trace upload --apply',
    'hisops trace status',
    'hisops trace retry --apply',
  ]);
  return group;
}

function registerUpload(group: Command, app: App): void {
  const upload = sendOptions(windowOptions(group.command('upload').description(app.t('trace.upload.describe')))).action(
    app.action(runUploadCommand, { record: true, lock: (o) => !!o.apply && 'trace upload', notify: true }),
  );
  app.examples(upload, [
    'hisops trace upload',
    'hisops trace upload --apply',
    'hisops trace upload --from 2026-01-05 --to 2026-01-05 --kind sale --apply --rate 5',
    'hisops trace upload --apply --json',
  ]);
}

async function runUploadCommand(ctx: Ctx, _a: unknown[], o: UploadOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const settings = settingsFrom(ctx, trace, o);
  const window = windowFrom(ctx, trace, o, settings);
  const r = await uploadWith(ctx, trace, o, { window, kinds: parseKinds(o.kind) });
  return { data: r, exit: uploadExit(r), error: uploadError(r), human: (out) => renderUpload(out, ctx, trace, r) };
}

function registerRetry(group: Command, app: App): void {
  const retry = sendOptions(
    group
      .command('retry')
      .description(app.t('trace.retry.describe'))
      .option(
        '--reason <reason>',
        'only records rejected for this reason (a reason of trace status, or a piece of the center message)',
      ),
  ).action(app.action(runRetry, { record: true, lock: (o) => !!o.apply && 'trace upload', notify: true }));
  app.examples(retry, ['hisops trace retry', 'hisops trace retry --reason center_sold_before --apply']);
}

async function runRetry(ctx: Ctx, _a: unknown[], o: RetryOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const journal = await ctx.journal();
  const t = await trace.retryTargets({
    journal,
    fixmedins_code: fixmedins(ctx),
    reason: o.reason,
    kinds: o.kind ? parseKinds(o.kind) : undefined,
  });
  if (t.records === 0) {
    return {
      data: { records: 0, reason: o.reason ?? null },
      human: (out) => out.line(ctx.t('trace.nothingToRetry', { reason: o.reason ? ` (${o.reason})` : '' })),
    };
  }
  const r = await uploadWith(ctx, trace, o, { targets: t.targets, kinds: t.kinds, force: true });
  return {
    data: { ...r, reasons: t.reasons },
    exit: uploadExit(r),
    error: uploadError(r),
    human: (out) => renderUpload(out, ctx, trace, r),
  };
}
