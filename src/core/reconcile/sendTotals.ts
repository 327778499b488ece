/**
 * The 3201 phase of a period: each group to ask about gets its result record (HIS sums as text,
 * the center's verdict to come), recorded in the run, and the totals go out a few at a time
 * (reconcile.concurrency: 3201 is a query, and a few in flight hide the round trips; the run's
 * slots are shared by its periods, so one period's calls fill those the period before has freed).
 */
import { groupKey, groupOfKey, scopeKey, totalsRequest, totalsText, type AskReason, type GroupBook } from './groups.js';
import type { ReconcileRun } from './reconcileRun.js';
import type { Period } from './period.js';
import type { GroupResult } from './summary.js';

export async function sendTotals(
  run: ReconcileRun,
  pi: number,
  period: Period,
  asks: ReadonlyArray<{ key: string; because: AskReason[] }>,
  book: GroupBook,
): Promise<GroupResult[]> {
  const out: GroupResult[] = asks.map(({ key: k, because }) => {
    const r: GroupResult = {
      begndate: period.begndate,
      enddate: period.enddate,
      ...groupOfKey(k),
      his: totalsText(book.get(k)),
      center: null,
      diff: null,
      stmt_rslt: null,
      stmt_rslt_dscr: null,
      balanced: null,
      detail: 'not_reached',
      findings: 0,
      msgid: null,
      asked_because: because,
    };
    run.groups.push(r);
    run.hisTotals.set(r, book.get(k));
    run.sentPerPeriod[pi]!.add(k);
    return r;
  });
  let n = 0;
  const detail = run.detail;
  // Each call takes one of the run's slots in turn; after a failure nothing more goes out, and
  // the calls already out are awaited before the first error is thrown.
  await run.asking.map(out, async (r) => {
    const reply = await run.centerCall('3201', () =>
      run.deps.center.stmtTotal(totalsRequest(period, r, run.hisTotals.get(r)!, run.rules)),
    );
    run.calls['3201']++;
    run.progress('totals', period, ++n, out.length);
    r.msgid = reply.msgid;
    r.stmt_rslt = reply.result.stmt_rslt;
    r.stmt_rslt_dscr = reply.result.stmt_rslt_dscr;
    r.balanced = reply.result.balanced;
    r.detail = r.balanced && detail !== 'always' ? 'not_needed' : detail === 'never' ? 'never' : 'not_reached';
  });
  return out;
}

/** The scopes (clr_type|setl_optins) of a period whose details are wanted: unbalanced ones, or every scope with rows under detail "always". */
export function detailScopesFor(run: ReconcileRun, results: readonly GroupResult[], book: GroupBook): string[] {
  if (run.detail === 'never') return [];
  const scopes = new Set<string>();
  for (const r of results) {
    if (r.balanced === false || (run.detail === 'always' && book.get(groupKey(r)).count > 0)) scopes.add(scopeKey(r));
  }
  return [...scopes].sort();
}
