/**
 * Write-ahead rows an earlier run left without an outcome. A state-changing call is journaled
 * `pending` before it leaves and gets its outcome after; a row still `pending` belongs to a run
 * that died between the two (kill -9, power, OOM) — or to a run still waiting for its answer. It
 * counts as left over when
 *
 *   - its run is known to be gone (the job settling it says so: e.g. the trace job settles the
 *     records that run left `sending`, which it does only for runs that are over), or
 *   - its run has ended (hisops_runs.ended_at is set: the run finished but never wrote the outcome), or
 *   - it is older than the request timeout plus a margin: a live client has given up on it by then
 *     and written `unknown`.
 *
 * Rows `unknown` (the call ended without a usable answer) are left over as soon as they exist.
 * Jobs resolve the rows of their own transactions — by the center's answer to a later request,
 * or by marking them `unknown` with the reason — and write `resolution` and `resolved_at`, so no
 * row stays pending for ever. Reading creates nothing (a dry run may call this).
 */
import { RUNS_TABLE } from '../../journal/index.js';
import {
  CENTER_CALLS_TABLE,
  CenterCallJournal,
  type CallStatus,
  type CenterCallRecord,
  type JournalLike,
} from './callJournal.js';

/** Margin over the request timeout before a pending row is taken as abandoned. */
export const STALE_MARGIN_MS = 60_000;

export interface LeftOverQuery {
  infnos: readonly string[];
  /** Only this institution's rows (all when absent). */
  fixmedins_code?: string;
  /** The run asking: its own rows are never left over. */
  runId: string;
  now: Date;
  /** The longest request timeout of these transactions (ms); STALE_MARGIN_MS is added. */
  timeoutMs: number;
  /** Runs the caller knows to be gone. */
  deadRuns?: ReadonlySet<string>;
}

export type LeftOverWhy = 'dead_run' | 'run_ended' | 'stale' | 'unknown';

export interface LeftOverCall extends CenterCallRecord {
  /** Why the row counts as left over. */
  why: LeftOverWhy;
}

/** Unresolved pending/unknown rows of these transactions that no live run will finish. */
export async function leftOverCalls(journal: JournalLike, q: LeftOverQuery): Promise<LeftOverCall[]> {
  if (!(await journal.knex.schema.hasTable(CENTER_CALLS_TABLE.name))) return [];
  const rows = (await journal
    .knex(CENTER_CALLS_TABLE.name)
    .whereIn('infno', [...q.infnos])
    .modify((b) => {
      if (q.fixmedins_code) b.where({ fixmedins_code: q.fixmedins_code });
    })
    .whereIn('status', ['pending', 'unknown'])
    .whereNull('resolved_at')
    .orderBy('created_at', 'asc')
    .orderBy('msgid', 'asc')) as CenterCallRecord[];
  if (!rows.length) return [];
  const ended = new Set<string>();
  const runIds = [...new Set(rows.filter((r) => r.status === 'pending' && r.run_id).map((r) => r.run_id!))];
  if (runIds.length && (await journal.knex.schema.hasTable(RUNS_TABLE.name))) {
    for (let i = 0; i < runIds.length; i += 400) {
      const done = (await journal
        .knex(RUNS_TABLE.name)
        .whereIn('run_id', runIds.slice(i, i + 400))
        .whereNotNull('ended_at')
        .select('run_id')) as Array<{ run_id: string }>;
      for (const d of done) ended.add(d.run_id);
    }
  }
  const staleBefore = new Date(q.now.getTime() - q.timeoutMs - STALE_MARGIN_MS).toISOString();
  const out: LeftOverCall[] = [];
  for (const r of rows) {
    if (r.run_id === q.runId) continue;
    let why: LeftOverWhy | undefined;
    if (r.status === 'unknown') why = 'unknown';
    else if (r.run_id && q.deadRuns?.has(r.run_id)) why = 'dead_run';
    else if (r.run_id && ended.has(r.run_id)) why = 'run_ended';
    else if (r.created_at < staleBefore) why = 'stale';
    if (why) out.push({ ...r, why });
  }
  return out;
}

/** Write how a left-over row was settled; a pending row becomes `unknown` unless a status is given. */
export async function resolveLeftOver(
  journal: JournalLike,
  call: Pick<CenterCallRecord, 'msgid' | 'status'>,
  resolution: string,
  now: Date,
  status?: Exclude<CallStatus, 'pending'>,
): Promise<void> {
  await new CenterCallJournal(journal).resolve(call.msgid, {
    resolution,
    now,
    status: status ?? (call.status === 'pending' ? 'unknown' : undefined),
  });
}

/**
 * Mark a left-over row while its settling is under way (e.g. its records are being sent again):
 * `unknown` with what is being done, but not yet resolved — should this run stop too, the next
 * one takes the row up again.
 */
export async function noteLeftOver(
  journal: JournalLike,
  call: Pick<CenterCallRecord, 'msgid'>,
  resolution: string,
): Promise<void> {
  await journal
    .knex(CENTER_CALLS_TABLE.name)
    .where({ msgid: call.msgid })
    .whereIn('status', ['pending', 'unknown'])
    .update({ status: 'unknown', resolution });
}

/** How a left-over row is described in a resolution: "pending (run R stopped before the answer)". */
export function leftOverText(c: LeftOverCall): string {
  // A row an earlier settling run noted (and then stopped too) keeps its first description.
  if (c.resolution && !c.resolved_at) return c.resolution.split('; ')[0]!;
  switch (c.why) {
    case 'unknown':
      return 'no answer came (outcome unknown)';
    case 'dead_run':
      return `no outcome recorded: run ${c.run_id} stopped before the answer`;
    case 'run_ended':
      return `no outcome recorded although run ${c.run_id} ended`;
    default:
      return `no outcome recorded ${c.run_id ? `by run ${c.run_id} ` : ''}long after its timeout`;
  }
}
