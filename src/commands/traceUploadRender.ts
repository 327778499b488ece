/**
 * What `hisops trace upload` and `trace retry` print: what earlier runs left and how it was
 * resolved, the records per kind, the plan (without --apply), the findings and rejections, and
 * the outcome.
 */
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import type * as TraceModule from '../core/trace/index.js';
import { renderFindings } from './traceShared.js';

type UploadResult = TraceModule.UploadResult;

export function renderUpload(out: Out, ctx: Ctx, tm: typeof TraceModule, r: UploadResult): void {
  renderLeftOvers(out, ctx, r);
  if (r.records === 0 && r.window) {
    out.line(ctx.t('trace.none', { from: r.window.from, to: r.window.to, what: ctx.t('trace.noneUpload') }));
    return;
  }
  renderByKind(out, ctx, r);
  if (!r.apply && r.plan.length) {
    out.line(ctx.t('trace.planTitle'));
    out.table(
      [ctx.t('trace.col.infno'), ctx.t('trace.col.requests'), ctx.t('trace.records'), ctx.t('trace.codes')],
      r.plan.map((p) => [p.infno, p.requests, p.records, p.codes]),
      { align: ['left', 'right', 'right', 'right'] },
    );
  }
  renderFindings(out, ctx, tm, r.findings);
  if (r.rejected.length) {
    out.table(
      [
        ctx.t('trace.col.day'),
        ctx.t('trace.col.record'),
        ctx.t('trace.col.kind'),
        ctx.t('trace.col.reason'),
        ctx.t('trace.col.message'),
      ],
      r.rejected.slice(0, 50).map((n) => [n.day, n.record_id, n.kind, n.reason ?? '', n.message ?? '']),
    );
    if (r.rejected.length > 50) out.note(ctx.t('trace.more', { n: r.rejected.length - 50 }));
  }
  renderOutcome(out, ctx, r);
}

/** Records and 35xx requests earlier runs left without an outcome, and what became of them. */
function renderLeftOvers(out: Out, ctx: Ctx, r: UploadResult): void {
  if (r.resolved.unresolved)
    out.note(
      ctx.t('trace.resolved', {
        n: r.resolved.unresolved,
        a: r.resolved.accepted,
        r: r.resolved.rejected,
        s: r.resolved.resend,
      }),
    );
  const callsDone = r.calls.resolved.filter((c) => c.done).length;
  if (callsDone) out.note(ctx.t('trace.callsResolved', { n: callsDone }));
  if (r.calls.resolved.length > callsDone)
    out.note(ctx.t('trace.callsDeferred', { n: r.calls.resolved.length - callsDone }));
  else if (r.calls.leftOver && !r.apply) out.note(ctx.t('trace.callsLeft', { n: r.calls.leftOver }));
  if (r.resolved.notInHis) {
    out.bad(ctx.t('trace.notInHis', { n: r.resolved.notInHis }));
    const gone = r.pending.filter((n) => n.reason === 'not_in_his');
    out.table(
      [ctx.t('trace.col.day'), ctx.t('trace.col.record'), ctx.t('trace.col.kind')],
      gone.slice(0, 50).map((n) => [n.day, n.record_id, n.kind]),
    );
  }
}

/** One row per kind: what was read, held, due — and with --apply what the center answered. */
function renderByKind(out: Out, ctx: Ctx, r: UploadResult): void {
  out.table(
    [
      ctx.t('trace.col.kind'),
      ctx.t('trace.records'),
      ctx.t('trace.col.already'),
      ctx.t('trace.col.held'),
      ctx.t('trace.col.waiting'),
      ctx.t('trace.col.due'),
      ...(r.apply
        ? [ctx.t('trace.col.accepted'), ctx.t('trace.col.rejected'), ctx.t('trace.col.toRetry'), ctx.t('trace.codes')]
        : [ctx.t('trace.codes')]),
    ],
    r.byKind
      .filter((s) => s.records > 0)
      .map((s) => [
        s.kind,
        s.records,
        s.already,
        s.held,
        s.waiting,
        s.due,
        ...(r.apply ? [s.accepted, s.rejected, s.retry + s.unknown, s.acceptedCodes] : [s.dueCodes]),
      ]),
    { align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'] },
  );
}

function renderOutcome(out: Out, ctx: Ctx, r: UploadResult): void {
  if (!r.apply) {
    out.note(ctx.t('common.dryRun'));
    return;
  }
  const acc = r.byKind.reduce((n, s) => n + s.accepted, 0);
  const codes = r.byKind.reduce((n, s) => n + s.acceptedCodes, 0);
  out.ok(ctx.t('trace.sentAll', { a: acc, c: codes, r: r.rejected.length, p: r.pending.length }));
  if (r.stopped) out.bad(ctx.t('trace.stopped', { why: r.stopped }));
  if (r.pending.length) out.bad(ctx.t('trace.pendingFix', { n: r.pending.length }));
  if (r.rejected.length) out.line(ctx.t('trace.rejectedFix'));
}
