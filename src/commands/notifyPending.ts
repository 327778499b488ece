/**
 * What waits for people, per institution, read without asking the HIS or the center: traceability
 * records pending / rejected / held (trace journal), settlements whose outcome at the center is
 * unknown and that the stuck job has not resolved (call journal), and — for `hisops status` only,
 * since the catalog store may live in the HIS database — mappings ending within 30 days.
 */
import { centerUtcOffset } from '../cli/centerSettings.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';

defineMessages({
  'status.noCatalog': {
    en: 'Mappings expiring not counted: the catalog store could not be read ({why})',
    zh: '未统计即将到期的对照：无法读取目录库（{why}）',
  },
});

/** The settlements the stuck job resolves (see core/settle/gatherCandidates). */
const SETTLE_INFNOS = ['2207', '2304'];
export const EXPIRING_DAYS = 30;

interface PendingNow {
  institution: string;
  trace_pending: number;
  trace_rejected: number;
  trace_held: number;
  stuck_open: number;
  /** null when the catalog store was not read (not asked, or not reachable). */
  mappings_expiring: number | null;
}

export async function pendingNow(ctx: Ctx, o: { mappings: boolean }): Promise<PendingNow> {
  const journal = await ctx.journal();
  const code = String(ctx.get<string | undefined>('fixmedins_code') ?? '');
  const trace = await import('../core/trace/index.js');
  const { leftOverCalls, DEFAULT_TIMEOUT_MS } = await import('../core/center/index.js');
  const t = (await trace.traceStatus({ journal, fixmedins_code: code })).totals;
  const stuck = await leftOverCalls(journal, {
    infnos: SETTLE_INFNOS,
    fixmedins_code: code || undefined,
    runId: ctx.runId,
    now: ctx.now(),
    timeoutMs: Number(ctx.get('center.timeoutMs') ?? DEFAULT_TIMEOUT_MS),
  });
  return {
    institution: ctx.config().institution,
    trace_pending: t.pending,
    trace_rejected: t.rejected,
    trace_held: t.held,
    stuck_open: stuck.length,
    mappings_expiring: o.mappings ? await mappingsExpiring(ctx) : null,
  };
}

async function mappingsExpiring(ctx: Ctx): Promise<number | null> {
  // Read before the store is opened: a wrong offset is the user's to fix, not a missing store.
  const utcOffset = centerUtcOffset(ctx);
  try {
    const cat = await import('../core/catalog/index.js');
    const { connect } = await import('../core/db/index.js');
    const configured = ctx.get<string | undefined>('catalog.url');
    const ref = ctx.resolveDb(configured ? String(configured) : undefined);
    // create: false — status must not leave an empty SQLite file where no store was.
    const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir, create: false });
    ctx.onClose(() => db.close());
    return (await cat.expiringMappings(db.knex, cat.dayOf(ctx.now(), utcOffset), EXPIRING_DAYS)).length;
  } catch (e) {
    // No catalog store here (no HIS configured, or it is down): status still shows the rest.
    ctx.debug(ctx.t('status.noCatalog', { why: e instanceof Error ? e.message : String(e) }));
    return null;
  }
}

/** The counts as the metrics file's `hisops_pending` wants them (null: keep the last count). */
export function pendingCountsOf(p: PendingNow): Record<string, number | null> {
  return {
    trace_pending: p.trace_pending,
    trace_rejected: p.trace_rejected,
    trace_held: p.trace_held,
    stuck_open: p.stuck_open,
    mappings_expiring: p.mappings_expiring,
  };
}
