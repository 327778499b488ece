/**
 * The evidence of one difference (classify.ts decides with it): the HIS rows by setl_id, by msgid
 * and of the visit, the HIS's write-ahead log, hisops's own call journal and the center's 5203
 * answer — the last bounded by reconcile.queryLimit, a refusal being an answer. A row the HIS
 * could not count that this difference names becomes its evidence (and is not reported apart).
 */
import { performance } from 'node:perf_hooks';
import { CenterCallJournal } from '../center/index.js';
import { isHisopsError } from '../errors.js';
import { runStatement, type Row } from '../his/index.js';
import { centerQueryOf, evidenceNeeds } from './classify.js';
import type { ReconcileRun } from './reconcileRun.js';
import type { Difference, Evidence, HisRowProblem } from './types.js';

const first = (rows: Row[]) => rows[0] ?? null;

export async function gatherEvidence(
  run: ReconcileRun,
  d: Difference,
  problemsByKey: ReadonlyMap<string, HisRowProblem>,
): Promise<Evidence> {
  const needs = evidenceNeeds(d);
  const ev: Evidence = {};
  if (d.type === 'bad_row') return ev;
  const oneSided = d.type === 'center_only' || d.type === 'duplicate';
  const problem =
    (needs.setl_id && problemsByKey.get(`s:${needs.setl_id}`)) ||
    (needs.msgid && problemsByKey.get(`m:${needs.msgid}`)) ||
    undefined;
  if (problem && oneSided) {
    ev.problem = problem;
    run.consumedProblems.add(problem);
  }
  const { db, profile } = run.deps;
  const r0 = performance.now();
  if (needs.setl_id)
    ev.hisBySetlId = first(await runStatement(db, profile, 'settlement_by_setl_id', { setl_id: needs.setl_id }));
  if (oneSided && !ev.hisBySetlId && needs.msgid)
    ev.hisByMsgid = first(await runStatement(db, profile, 'settlement_by_msgid', { msgid: needs.msgid }));
  if (needs.msgid && d.type !== 'mismatch') {
    ev.hisLog = first(await runStatement(db, profile, 'center_log_by_msgid', { msgid: needs.msgid }));
    if (oneSided) {
      const call = await new CenterCallJournal(run.deps.journal).get(needs.msgid);
      ev.call = call ? { ...call } : null;
    }
  }
  if (needs.visit && needs.mdtrt_id)
    ev.hisVisit = await runStatement(db, profile, 'settlements_by_mdtrt_id', { mdtrt_id: needs.mdtrt_id });
  run.timings.read_ms += performance.now() - r0;
  if (needs.query && needs.setl_id && needs.psn_no)
    ev.center = await askCenter(run, needs.psn_no, needs.setl_id, needs.mdtrt_id);
  return ev;
}

/** 5203 for one settlement, or NOT_ASKED past reconcile.queryLimit; a refusal is the center's answer, anything else a failure. */
async function askCenter(
  run: ReconcileRun,
  psn_no: string,
  setl_id: string,
  mdtrt_id: string | null,
): Promise<Evidence['center']> {
  const limit = run.rules.queryLimit;
  if (run.queries >= limit) return { ok: false, code: 'NOT_ASKED', err_msg: `reconcile.queryLimit (${limit}) reached` };
  run.queries++;
  run.calls['5203']++;
  try {
    const q = await run.centerCall('5203', () =>
      run.deps.center.querySettlement({ psn_no, setl_id, mdtrt_id: mdtrt_id ?? undefined }),
    );
    return centerQueryOf(q.result.setlinfo as unknown as Record<string, unknown>);
  } catch (e) {
    // A refusal is the center's answer ("no such settlement", "reversed"); anything else is a failure.
    if (isHisopsError(e) && e.code === 'CENTER_REFUSED')
      return { ok: false, code: e.code, err_msg: (e.details.err_msg as string | null | undefined) ?? e.summary };
    throw e;
  }
}
