/**
 * The reconciliation run (effectful): read the hospital's settlements of each period through the
 * HIS profile, send 3201 per group, run the 3202 detail flow (9101 → 3202 → 9102) for the scopes
 * of unbalanced groups, gather evidence for every difference (HIS rows, the HIS's write-ahead log,
 * hisops's call journal, 5203), classify, and record the run and its findings in the journal.
 *
 * Memory stays bounded by one day of settlements: rows are summed as they come from the database
 * and dropped; a one-day run keeps the day's rows for its details, a longer run reads the rows of a
 * scope again when it needs details. Reading, 3201 and 3202 overlap (runPeriods.ts). 3201 and 5203
 * go out a few at a time (reconcile.concurrency). A center or database failure stops the run; what
 * was done so far is recorded and returned with the error (exit 5). Re-running any period is safe:
 * it only reads and asks.
 *
 * The run is a record (ReconcileRun, reconcileRun.ts) that its phases fill in turn:
 * startRun → reconcilePeriods (read, sendTotals, detailPeriod: compareScope, gatherEvidence,
 * classify) → askLateGroups → finishRun.
 */
import { isHisopsError } from '../errors.js';
import { finishRun, startRun } from './finishRun.js';
import { resolvePeriods } from './period.js';
import { ReconcileRun } from './reconcileRun.js';
import { askLateGroups, reconcilePeriods } from './runPeriods.js';
import type { ReconcileDeps, ReconcileOptions, ReconcileResult } from './runTypes.js';

export async function runReconcile(deps: ReconcileDeps, opts: ReconcileOptions): Promise<ReconcileResult> {
  const rules = opts.rules;
  const plan = resolvePeriods({
    date: opts.date,
    from: opts.from,
    to: opts.to,
    today: opts.today,
    maxDays: rules.maxDays,
    mode: rules.period,
  });
  const run = new ReconcileRun(deps, opts, plan);
  // The HTTP client loads while the run starts and the first day is read, not before the first 3201.
  const warm = deps.center.warm();
  await startRun(run);
  try {
    await reconcilePeriods(run);
    await askLateGroups(run);
  } catch (e) {
    // (Every stage still running has ended: the caller may close the database.)
    if (!isHisopsError(e)) throw e;
    run.error = e;
  } finally {
    await warm;
  }
  return finishRun(run);
}
