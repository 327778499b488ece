/**
 * The start and the end of a run in the journal. At the start: the institution's known groups
 * (seen in the HIS, the center's answers or hisops's own settlement calls within
 * reconcile.knownGroupDays) and the run's record. At the end: the findings merged (and handed off
 * with --apply), each group's findings counted and its sums settled, the day summaries, the
 * groups seen recorded, and the run's record closed with its status.
 */
import { performance } from 'node:perf_hooks';
import { mergeFindings } from './mergeFindings.js';
import { groupKey, groupOfKey, knownGroupKeys } from './groups.js';
import type { Period } from './period.js';
import type { ReconcileRun } from './reconcileRun.js';
import { handedOff } from './repair.js';
import { APPLY_NOTE, type ReconcileResult } from './runTypes.js';
import { groupsOfCalls, knownGroups, recordKnownGroups, type GroupSighting } from './knownGroups.js';
import { recordRunEnd, recordRunStart } from './store.js';
import { daySummaries, settleGroupSums, type GroupResult, type RunStatus } from './summary.js';
import { addDays } from './period.js';
import type { Finding } from './types.js';

export async function startRun(run: ReconcileRun): Promise<void> {
  const { deps, rules, plan, opts } = run;
  if (rules.knownGroupDays > 0) {
    const since = addDays(plan.begndate, -rules.knownGroupDays);
    const fromCalls = await groupsOfCalls(deps.journal, { fixmedins_code: deps.fixmedins_code, since });
    run.sightings.push(...fromCalls);
    run.known = knownGroupKeys(
      [...(await knownGroups(deps.journal, { fixmedins_code: deps.fixmedins_code, since })), ...fromCalls],
      rules,
    );
  }
  await recordRunStart(deps.journal, {
    run_id: deps.runId,
    fixmedins_code: deps.fixmedins_code,
    begndate: plan.begndate,
    enddate: plan.enddate,
    period_mode: rules.period,
    started_at: deps.now(),
    options: {
      detail: run.detail,
      insutypes: opts.insutypes ?? [],
      clrTypes: opts.clrTypes ?? [],
      apply: !!opts.apply,
      rules,
    },
  });
}

export async function finishRun(run: ReconcileRun): Promise<ReconcileResult> {
  const { deps, plan, groups, error, opts } = run;
  for (const { p, f } of run.problemFindings) if (!run.consumedProblems.has(p)) run.findings.push(f);
  // Rows read but all left out, or values outside the documented ones: never a silent zero.
  if (!error) run.findings.push(...run.census.findings(run.rules));
  const { findings, handed } = handOff(mergeFindings(run.findings), !!opts.apply);
  for (const g of groups)
    g.findings = findings.filter((f) =>
      f.effects.some(
        (e) =>
          e.begndate === g.begndate &&
          e.enddate === g.enddate &&
          e.insutype === g.insutype &&
          e.clr_type === g.clr_type &&
          e.setl_optins === g.setl_optins,
      ),
    ).length;
  settleGroupSums(groups, run.hisTotals, findings);
  groups.sort((a, b) => (a.begndate + groupKey(a) < b.begndate + groupKey(b) ? -1 : 1));
  const days = daySummaries(
    plan.periods,
    groups,
    findings,
    error ? firstFailedPeriod(plan.periods, groups) : undefined,
  );
  const unbalanced = groups.some((g) => g.balanced === false) || findings.some((f) => f.repair.action !== 'none');
  const status: RunStatus = error ? 'failed' : unbalanced ? 'unbalanced' : 'balanced';
  const errors = error ? [{ code: error.code, summary: error.summary, why: error.why }] : [];
  run.progress('record', plan.periods[plan.periods.length - 1]!, 0, 1);
  await recordKnownGroups(
    deps.journal,
    deps.fixmedins_code,
    [...run.sightings, ...hisSightings(run), ...centerSightings(findings)],
    deps.now(),
  );
  await recordRunEnd(deps.journal, {
    run_id: deps.runId,
    finished_at: deps.now(),
    status,
    days,
    groups,
    findings,
    errors,
  });
  return {
    runId: deps.runId,
    begndate: plan.begndate,
    enddate: plan.enddate,
    period: run.rules.period,
    status,
    exit: error ? 5 : status === 'unbalanced' ? 3 : 0,
    days,
    groups,
    findings,
    counts: run.counts,
    calls: run.calls,
    apply: { requested: !!opts.apply, handed_off: handed, note: opts.apply ? APPLY_NOTE : null },
    error,
    timings: roundedTimings(run),
  };
}

/** With --apply, the certain repairs become pending hand-offs to the stuck-settlement job. */
function handOff(merged: Finding[], apply: boolean): { findings: Finding[]; handed: number } {
  if (!apply) return { findings: merged, handed: 0 };
  let handed = 0;
  const findings = merged.map((f) => {
    if (!handedOff(f.kind, f.repair)) return f;
    handed++;
    return { ...f, repair: { ...f.repair, status: 'pending' as const } };
  });
  return { findings, handed };
}

function roundedTimings(run: ReconcileRun): ReconcileResult['timings'] {
  const t = run.timings;
  t.total_ms = performance.now() - run.t0;
  for (const k of ['read_ms', 'center_ms', 'classify_ms', 'total_ms'] as const) t[k] = Math.round(t[k]);
  for (const k of ['3201', '3202', '5203'] as const) t.center_by[k] = Math.round(t.center_by[k]);
  return t;
}

/** The groups of each period's book, seen in the HIS on its first and last day. */
function hisSightings(run: ReconcileRun): GroupSighting[] {
  const out: GroupSighting[] = [];
  for (const [pi, period] of run.plan.periods.entries()) {
    for (const k of run.books[pi]?.keys() ?? []) {
      const g = groupOfKey(k);
      out.push({ ...g, day: period.begndate, source: 'his' }, { ...g, day: period.enddate, source: 'his' });
    }
  }
  return out;
}

/**
 * The groups the center's answers name: where a center-side finding puts its settlement (its
 * effects on a group the HIS does not hold it in) and what 5203 said (setlinfo).
 */
function centerSightings(findings: readonly Finding[]): GroupSighting[] {
  const out: GroupSighting[] = [];
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
  for (const f of findings) {
    if (f.kind === 'center_only' || f.kind === 'center_duplicate' || f.kind === 'group_mismatch') {
      for (const e of f.effects) {
        if (e.count > 0 && e.insutype && e.clr_type && e.setl_optins)
          out.push({
            insutype: e.insutype,
            clr_type: e.clr_type,
            setl_optins: e.setl_optins,
            day: e.begndate,
            source: 'center',
          });
      }
    }
    const q = f.evidence.center_query;
    if (q && q.ok) {
      const time = str(q.setlinfo.setl_time);
      out.push({
        insutype: str(q.setlinfo.insutype),
        clr_type: str(q.setlinfo.clr_type),
        setl_optins: str(q.setlinfo.clr_optins),
        day: time.slice(0, 10) || f.begndate,
        source: 'center',
      });
    }
  }
  return out;
}

/** The first period the failure left unfinished (for the day summary). */
function firstFailedPeriod(periods: readonly Period[], groups: readonly GroupResult[]): string | undefined {
  for (const p of periods) {
    const gs = groups.filter((g) => g.begndate === p.begndate);
    if (gs.length === 0 || gs.some((g) => g.balanced === null || g.detail === 'not_reached')) return p.begndate;
  }
  return undefined;
}
