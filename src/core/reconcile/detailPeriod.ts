/**
 * The details of one period: for each scope whose totals did not balance (or every scope under
 * detail "always"), its 3202 comparison, then each difference with its evidence, classified. The
 * period's rows come from its read when kept (a one-day run), else that scope's rows are read
 * again. Each group's detail state is settled at the end. In three steps, so that a run keeps the
 * center busy with one period while it reads the next periods' rows and classifies the period
 * before: `prepareDetails` (the rows, each scope's file), `compareDetails` (the center: 3202 and
 * the match, after which the rows are no longer needed) and `classifyDetails` (evidence, findings).
 */
import { performance } from 'node:perf_hooks';
import { mapPool } from '../shared/index.js';
import { classify } from './classify.js';
import { compareScope, prepareScope, type PreparedScope } from './detailCompare.js';
import { gatherEvidence } from './gatherEvidence.js';
import { scopeKey, type GroupFilter } from './groups.js';
import type { Period } from './period.js';
import type { PeriodRead, ReconcileRun } from './reconcileRun.js';
import type { GroupResult } from './summary.js';
import type { DetailScope, Difference, Finding, HisRowProblem } from './types.js';

export async function detailPeriod(
  run: ReconcileRun,
  period: Period,
  results: readonly GroupResult[],
  read: PeriodRead,
  scopes: readonly string[],
): Promise<void> {
  const prepared = await prepareDetails(run, period, read, scopes);
  await classifyDetails(run, period, results, read, await compareDetails(run, period, prepared));
}

/** Each scope's rows (read again unless the period kept them) and its detail file. */
export async function prepareDetails(
  run: ReconcileRun,
  period: Period,
  read: PeriodRead,
  scopes: readonly string[],
): Promise<PreparedScope[]> {
  if (scopes.length === 0) return [];
  const rows = read.rows ?? (await run.readPeriod(period, new Set(scopes), false)).rows!;
  const out: PreparedScope[] = [];
  for (const sk of scopes) {
    const [clr_type, setl_optins] = sk.split('|') as [string, string];
    const scope: DetailScope = { begndate: period.begndate, enddate: period.enddate, clr_type, setl_optins };
    out.push(
      await prepareScope(
        run,
        scope,
        rows.filter((s) => s.clr_type === clr_type && s.setl_optins === setl_optins),
      ),
    );
  }
  return out;
}

/** A period's scopes as compared by the center: each scope's differences (its rows no longer held). */
export type ComparedScope = { scope: DetailScope; differences: Difference[] };

/** Each prepared scope compared by the center (3202) and matched against its rows. */
export async function compareDetails(
  run: ReconcileRun,
  period: Period,
  prepared: readonly PreparedScope[],
): Promise<ComparedScope[]> {
  const out: ComparedScope[] = [];
  for (const p of prepared) out.push({ scope: p.scope, differences: await compareScope(run, period, p) });
  return out;
}

/** Each compared scope's differences classified into findings, and the groups' detail state settled. */
export async function classifyDetails(
  run: ReconcileRun,
  period: Period,
  results: readonly GroupResult[],
  read: Pick<PeriodRead, 'problems'>,
  compared: readonly ComparedScope[],
): Promise<void> {
  if (compared.length > 0) {
    const problemsByKey = problemsByKeyOf(read.problems);
    for (const { scope, differences } of compared) {
      const fs = await classifyScope(run, period, scope, differences, problemsByKey);
      run.findings.push(...fs.filter((f) => findingAllowed(f, run.filter)));
      const sk = scopeKey(scope);
      for (const r of results) if (scopeKey(r) === sk) r.detail = 'done';
    }
  }
  for (const r of results)
    if (r.detail === 'not_reached' && r.balanced !== null) r.detail = r.balanced ? 'not_needed' : 'done';
}

/** The period's uncountable rows by setl_id (`s:`) and msgid (`m:`), for the differences that name them. */
function problemsByKeyOf(problems: readonly HisRowProblem[]): Map<string, HisRowProblem> {
  const out = new Map<string, HisRowProblem>();
  for (const p of problems) {
    const sid = p.row.setl_id;
    const mid = p.row.msgid;
    if (sid !== null && sid !== undefined && String(sid) !== '') out.set(`s:${String(sid)}`, p);
    if (mid !== null && mid !== undefined && String(mid) !== '') out.set(`m:${String(mid)}`, p);
  }
  return out;
}

/** Each difference with its evidence (HIS rows, logs, 5203), classified; a few at a time. */
async function classifyScope(
  run: ReconcileRun,
  period: Period,
  scope: DetailScope,
  differences: Difference[],
  problemsByKey: ReadonlyMap<string, HisRowProblem>,
): Promise<Finding[]> {
  let n = 0;
  const { results } = await mapPool(differences, run.rules.concurrency, async (d) => {
    const ev = await gatherEvidence(run, d, problemsByKey);
    run.progress('classify', period, ++n, differences.length);
    const c1 = performance.now();
    const f = classify(d, ev, { scope, rules: run.rules });
    run.timings.classify_ms += performance.now() - c1;
    return f;
  });
  return results;
}

/** A finding passes the --insutype / --clr-type filters (one whose insurance type is unknown always does). */
function findingAllowed(f: Finding, filter: GroupFilter): boolean {
  if (filter.clrTypes?.length && f.clr_type !== null && !filter.clrTypes.includes(f.clr_type)) return false;
  if (filter.insutypes?.length && f.insutype !== null && !filter.insutypes.includes(f.insutype)) return false;
  return true;
}
