/**
 * `hisops trace status`: what is pending, accepted and rejected (by reason), per day and kind, and
 * the 35xx requests left without an outcome.
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { EXIT } from '../core/errors.js';
import { localDateTime } from '../core/time/index.js';
import type * as TraceModule from '../core/trace/index.js';
import { FINDING_ZH, fixmedins, settingsFrom, windowFrom, type WindowOpts } from './traceShared.js';

export function registerTraceStatus(group: Command, app: App): void {
  const status = group
    .command('status')
    .description(app.t('trace.status.describe'))
    .option('--from <day>', 'first day; with --from/--to the HIS is read too, to count records never sent')
    .option('--to <day>', 'last day')
    .action(app.action(runStatus));
  app.examples(status, [
    'hisops trace status',
    'hisops trace status --from 2026-01-01 --to 2026-01-07',
    'hisops trace status --json',
  ]);
}

async function runStatus(ctx: Ctx, _a: unknown[], o: WindowOpts): Promise<CommandResult> {
  const trace = await import('../core/trace/index.js');
  const journal = await ctx.journal();
  let window: TraceModule.Window | undefined;
  let source: TraceModule.TraceSource | undefined;
  if (o.from || o.to) {
    const settings = settingsFrom(ctx, trace, {});
    window = windowFrom(ctx, trace, o, settings);
    const { db, profile } = await ctx.his();
    source = trace.profileSource(db, profile);
  }
  const r = await trace.traceStatus({ journal, fixmedins_code: fixmedins(ctx), window, source });
  const attention = r.totals.rejected + r.totals.held > 0;
  return {
    data: r,
    exit: attention ? EXIT.findings : EXIT.ok,
    findings: {
      summary: `${r.totals.rejected} rejected and ${r.totals.held} held record(s) need attention`,
      count: r.totals.rejected + r.totals.held,
    },
    human: (out) => {
      if (!r.lines.length) {
        out.line(ctx.t('trace.statusEmpty', { window: window ? ` (${window.from} … ${window.to})` : '' }));
        renderCalls(out, ctx, r.calls);
        return;
      }
      const head = [
        ctx.t('trace.col.day'),
        ctx.t('trace.col.kind'),
        ctx.t('trace.col.accepted'),
        ctx.t('trace.codes'),
        ...(r.hisRead ? [ctx.t('trace.col.new')] : []),
        ctx.t('trace.col.pending'),
        ctx.t('trace.col.rejected'),
        ctx.t('trace.col.held'),
      ];
      out.table(
        head,
        r.lines.map((l) => [
          l.day,
          l.kind,
          l.accepted,
          l.acceptedCodes,
          ...(r.hisRead ? [l.new] : []),
          l.pending,
          l.rejected,
          l.held,
        ]),
        { align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'] },
      );
      if (r.reasons.length) {
        out.table(
          [ctx.t('trace.col.status'), ctx.t('trace.col.reason'), ctx.t('trace.records'), ctx.t('trace.col.message')],
          r.reasons.map((x) => [
            x.status,
            `${x.reason} ${FINDING_ZH[x.reason] ?? ''}`.trim(),
            x.records,
            x.message ?? '',
          ]),
        );
      }
      if (r.totals.rejected) out.line(ctx.t('trace.rejectedFix'));
      renderCalls(out, ctx, r.calls);
    },
  };
}

/** The 35xx requests left without an outcome: how many are still open, how the latest were resolved. */
function renderCalls(out: Out, ctx: Ctx, calls: TraceModule.StatusReport['calls']): void {
  if (calls.open.length) out.note(ctx.t('trace.callsOpen', { n: calls.open.length }));
  if (!calls.resolved.length) return;
  out.line(ctx.t('trace.callsTitle'));
  out.table(
    [
      ctx.t('trace.col.msgid'),
      ctx.t('trace.col.infno'),
      ctx.t('trace.col.run'),
      ctx.t('trace.col.status'),
      ctx.t('trace.col.resolvedAt'),
      ctx.t('trace.col.resolution'),
    ],
    calls.resolved.map((c) => [
      c.msgid,
      c.infno,
      c.run_id ?? '',
      c.status,
      c.resolved_at ? localDateTime(c.resolved_at, String(ctx.get('timezone'))) : '',
      c.resolution ?? '',
    ]),
  );
}
