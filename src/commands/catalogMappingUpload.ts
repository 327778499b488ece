/**
 * `hisops mapping upload`: send new and changed mappings to the center (3301; 3302 to withdraw),
 * dry run unless --apply; left-over calls of earlier runs are settled first.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import { centerSettings } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, type ExitCode } from '../core/errors.js';
import type * as CatalogModule from '../core/catalog/index.js';
import { openCatalogDb, stoppedError } from './catalogShared.js';
import { first, mappingDbOption } from './catalogMappingShared.js';

defineMessages({
  'mapping.upload.describe': {
    en: 'send new and changed mappings to the center (3301; 3302 to withdraw); dry run unless --apply',
    zh: '向医保中心上传新增和变更的对照（3301；撤销用 3302）；不加 --apply 为演练',
  },
  'mapping.upload.leftOver': {
    en: '{n} 3301/3302 call(s) that earlier runs left without an outcome, resolved:',
    zh: '以前运行遗留、结果未知的 {n} 个 3301/3302 调用已处理：',
  },
  'mapping.upload.leftOverDry': {
    en: '{n} 3301/3302 call(s) of earlier runs have no outcome; --apply settles them first (their mappings are planned again).',
    zh: '有 {n} 个以前运行的 3301/3302 调用没有结果；加 --apply 时先处理（其对照重新排入计划）。',
  },
  'mapping.upload.plan': {
    en: '{n} row(s) to send · {ok} already at the center · {held} refused before and unchanged (--retry-rejected sends them)',
    zh: '待发送 {n} 行 · 中心已有 {ok} 行 · {held} 行曾被拒收且未修改（--retry-rejected 重新发送）',
  },
  'mapping.upload.done': {
    en: 'accepted {accepted} · rejected {rejected} · unknown {unknown} · not sent {notSent}',
    zh: '接受 {accepted} · 拒收 {rejected} · 结果未知 {unknown} · 未发送 {notSent}',
  },
  'mapping.upload.stopped': {
    en: 'Stopped: {summary}. The rows not sent go with the next run.',
    zh: '已停止：{summary}。未发送的行在下次运行时发送。',
  },
  'mapping.upload.unknownHint': {
    en: 'Rows with an unknown outcome are sent again by the next run (3301 replaces a mapping with itself).',
    zh: '结果未知的行会在下次运行时重新发送（3301 重复上传会覆盖同一对照）。',
  },
  'mapping.upload.nothing': {
    en: 'Nothing to send: the center has every mapping as it is.',
    zh: '无需发送：中心的对照已是最新。',
  },
});

interface UploadOpts {
  apply?: boolean;
  retryRejected?: boolean;
  limit?: string;
  db?: string;
}

type UploadResult = CatalogModule.UploadResult;

export function registerMappingUpload(mapping: Command, app: App): void {
  const upload = mapping
    .command('upload')
    .description(app.t('mapping.upload.describe'))
    .option('--apply', 'send (default: show what would be sent)')
    .option('--retry-rejected', 'send again rows the center refused before, even unchanged')
    .option('--limit <n>', 'send at most n rows this run')
    .addOption(mappingDbOption())
    .action(
      app.action<UploadOpts>((ctx, _a, o) => runUpload(ctx, o), {
        record: true,
        lock: (o) => !!o.apply && 'mapping upload',
      }),
    );
  app.examples(upload, [
    'hisops mapping upload',
    'hisops mapping upload --apply',
    'hisops mapping upload --apply --json   # cron: exit 3 when the center refused rows',
  ]);
}

async function runUpload(ctx: Ctx, o: UploadOpts) {
  const r = await uploadMappings(ctx, o);
  const exit: ExitCode = r.stoppedBy
    ? EXIT.external
    : r.counts.rejected + r.counts.unknown > 0
      ? EXIT.findings
      : EXIT.ok;
  return {
    data: r,
    exit,
    error: r.stoppedBy ? stoppedError(r.stoppedBy, EXIT.external) : undefined,
    human: (out: Out) => renderUpload(out, ctx, r),
  };
}

/** Plan and (with --apply) send, through the center only when sending; a progress bar meanwhile. */
async function uploadMappings(ctx: Ctx, o: UploadOpts): Promise<UploadResult> {
  const cat = await import('../core/catalog/index.js');
  const { withCenter } = await import('../core/center/index.js');
  const db = await openCatalogDb(ctx, o.db);
  const journal = await ctx.journal();
  const limit = o.limit === undefined ? undefined : Number(o.limit);
  // The number of rows to send is known at the first report.
  let progress: ReturnType<Ctx['progress']> | undefined;
  const settings = centerSettings(ctx);
  const timeoutMs = settings.timeouts.defaultMs || undefined;
  const upload = (center: CatalogModule.MappingCenter | undefined) =>
    cat.uploadMappings(db, journal, center, {
      apply: o.apply,
      runId: ctx.runId,
      now: () => ctx.now(),
      retryRejected: o.retryRejected,
      limit,
      onProgress: (done, total) => (progress ??= ctx.progress('3301/3302', total, ctx.t('progress.rows'))).update(done),
      fixmedins_code: String(ctx.get('fixmedins_code')),
      timeoutMs,
    });
  const r = o.apply
    ? await withCenter(settings, { journal, runId: ctx.runId }, (center) => upload(cat.centerMappings(center)))
    : await upload(undefined);
  progress?.done();
  return r;
}

function renderUpload(out: Out, ctx: Ctx, r: UploadResult): void {
  if (r.leftOver.resolved.length) {
    out.note(ctx.t('mapping.upload.leftOver', { n: r.leftOver.resolved.length }));
    for (const c of r.leftOver.resolved.slice(0, 20)) out.line(`  ${c.infno} ${c.msgid}: ${c.resolution}`);
  } else if (r.leftOver.calls && !r.applied) out.note(ctx.t('mapping.upload.leftOverDry', { n: r.leftOver.calls }));
  out.line(ctx.t('mapping.upload.plan', { n: r.plan.items, ok: r.plan.upToDate, held: r.plan.heldBack.length }));
  if (r.outcomes.length === 0) {
    out.line(ctx.t('mapping.upload.nothing'));
    return;
  }
  renderOutcomes(out, ctx, r.outcomes);
  if (r.applied) renderSent(out, ctx, r);
  else out.note(ctx.t('common.dryRun'));
}

/** One row per mapping planned or sent (the first 100), its verdict coloured. */
function renderOutcomes(out: Out, ctx: Ctx, outcomes: UploadResult['outcomes']): void {
  const colour = (v: string) => (v === 'accepted' ? out.c.green(v) : v === 'planned' ? v : out.c.red(v));
  out.table(
    ['infno', 'why', ctx.t('mapping.col.item'), ctx.t('mapping.col.code'), 'begndate', 'verdict', 'msgid / err_msg'],
    first(outcomes, 100).map((x) => [
      x.infno,
      x.why,
      x.fixmedins_hilist_id,
      x.med_list_codg,
      x.begndate,
      colour(x.verdict),
      x.err_msg ? x.err_msg : (x.msgid ?? ''),
    ]),
  );
  if (outcomes.length > 100) out.note(ctx.t('mapping.more', { n: outcomes.length - 100 }));
}

/** The counts of a run that sent, and why it stopped when it did. */
function renderSent(out: Out, ctx: Ctx, r: UploadResult): void {
  out.line(
    ctx.t('mapping.upload.done', {
      accepted: r.counts.accepted,
      rejected: r.counts.rejected,
      unknown: r.counts.unknown,
      notSent: r.counts['not sent'] + r.counts.planned,
    }),
  );
  if (r.counts.unknown) out.note(ctx.t('mapping.upload.unknownHint'));
  if (r.stoppedBy)
    out.line(
      out.c.red(ctx.t('mapping.upload.stopped', { summary: r.stoppedBy.summary })) +
        (r.stoppedBy.fix ? `\n  ${r.stoppedBy.fix}` : ''),
    );
}
