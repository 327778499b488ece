/**
 * Read the candidates (effectful, no center calls): the client's write-ahead journal, the HIS's
 * pending settlements and orphaned center-log rows through the profile, and the latest
 * reconciliation's one-sided settlements; then look up what each candidate lacks (its HIS row, its
 * journal row, hisops's earlier repairs of it).
 */
import { CENTER_CALLS_TABLE, CenterCallJournal, type CenterCallRecord, type JournalLike } from '../center/index.js';
import type { Db } from '../db/index.js';
import { formatDateTime, runStatement, type Profile } from '../his/index.js';
import { hisState } from './classifyStuck.js';
import { attachPrior, deriveIds, inPeriod, mergeCandidates } from './mergeCandidates.js';
import { loadOneSidedFindings, type ReconcileSource } from './reconcileFindings.js';
import type { CallRow, Candidate, HisRow, LogRow, PriorCall } from './types.js';

export interface StuckEnv {
  /** The HIS database. */
  db: Db;
  profile: Profile;
  /** hisops's journal (client calls, actions). */
  journal: JournalLike;
  now: Date;
}

export interface GatherOptions {
  /** yyyy-MM-dd, inclusive. */
  from?: string;
  to?: string;
  olderThanMs: number;
  /** Where the reconciliation's findings come from (default: core/reconcile when it is there). */
  reconcile?: ReconcileSource;
}

export interface SourceCounts {
  client_journal: number;
  his_pending: number;
  his_log: number;
  /** null when no reconciliation module is there to ask. */
  reconcile: number | null;
}

export interface Gathered {
  candidates: Candidate[];
  sources: SourceCounts;
  notes: string[];
  timings: { hisMs: number; journalMs: number; reconcileMs: number; lookupMs: number };
}

const CHUNK = 500;
const SETTLE_INFNOS = ['2207', '2304'];

function chunks<T>(a: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
}

function toCallRow(r: CenterCallRecord): CallRow {
  return {
    msgid: r.msgid,
    infno: r.infno,
    status: r.status,
    psn_no: r.psn_no,
    mdtrt_id: r.mdtrt_id,
    setl_id: r.setl_id,
    created_at: r.created_at,
    err_msg: r.err_msg,
    output: r.output,
    resolved_at: r.resolved_at,
  };
}

function toLogRow(r: HisRow): LogRow {
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  return {
    msgid: String(r.msgid),
    infno: String(r.infno),
    his_setl_no: s('his_setl_no'),
    mdtrt_id: s('mdtrt_id'),
    psn_no: s('psn_no'),
    setl_id: s('setl_id'),
    request_time: s('request_time'),
    response_time: s('response_time'),
    log_status: s('log_status'),
    infcode: s('infcode'),
  };
}

/** ISO bounds of local days, a day wider on each side (the exact filter runs on the merged rows). */
function isoBounds(from?: string, to?: string): { since?: string; until?: string } {
  const day = (d: string, add: number) => {
    const [y, m, dd] = d.split('-').map(Number);
    return new Date(y!, m! - 1, dd! + add).toISOString();
  };
  return { since: from ? day(from, -1) : undefined, until: to ? day(to, 2) : undefined };
}

export async function gatherCandidates(env: StuckEnv, o: GatherOptions): Promise<Gathered> {
  const notes: string[] = [];
  const before = new Date(env.now.getTime() - o.olderThanMs);
  const beforeText = formatDateTime(before);
  const calls = new CenterCallJournal(env.journal);

  let t = performance.now();
  const pending = (await runStatement(env.db, env.profile, 'pending_settlements', { before: beforeText })) as HisRow[];
  const orphans = (await runStatement(env.db, env.profile, 'orphan_center_calls', { before: beforeText })).map((r) =>
    toLogRow(r as HisRow),
  );
  const hisMs = performance.now() - t;

  t = performance.now();
  const b = isoBounds(o.from, o.to);
  const until = b.until && b.until < before.toISOString() ? b.until : before.toISOString();
  const unknownCalls = (
    await calls.list({ infno: SETTLE_INFNOS, status: ['pending', 'unknown'], unresolved: true, since: b.since, until })
  ).map(toCallRow);
  const journalMs = performance.now() - t;

  t = performance.now();
  const rec = await loadOneSidedFindings(env.journal, { from: o.from, to: o.to }, o.reconcile);
  if (rec.note) notes.push(rec.note);
  const reconcileMs = performance.now() - t;

  const candidates = mergeCandidates({ calls: unknownCalls, pending, orphans, findings: rec.findings }).filter((c) =>
    inPeriod(c, o.from, o.to),
  );

  t = performance.now();
  await lookUpMissing(env, candidates);
  const lookupMs = performance.now() - t;

  return {
    candidates: candidates.filter((c) => inPeriod(c, o.from, o.to)),
    sources: {
      client_journal: unknownCalls.length,
      his_pending: pending.length,
      his_log: orphans.length,
      reconcile: rec.available ? rec.findings.length : null,
    },
    notes,
    timings: { hisMs, journalMs, reconcileMs, lookupMs },
  };
}

/** Fill each candidate's HIS row, journal row and earlier repairs. */
export async function lookUpMissing(env: StuckEnv, candidates: Candidate[]): Promise<void> {
  await fillHisRows(env, candidates);
  await env.journal.ensure(CENTER_CALLS_TABLE);
  await fillJournalRows(env.journal, candidates);
  for (const c of candidates) deriveIds(c);
  // hisops's own cancellations and reversals of these settlements.
  const prior = [
    ...(await priorReversals(env.journal, candidates)),
    ...(await priorCancellations(env.journal, candidates)),
  ];
  attachPrior(candidates, prior);
  await fillHisRefunds(env, candidates);
}

type Prior = PriorCall & { omsgid: string | null; setl_id: string | null };

/** HIS rows of candidates that came from the journal or a reconciliation. */
async function fillHisRows(env: StuckEnv, candidates: Candidate[]): Promise<void> {
  for (const c of candidates) {
    if (c.his || c.sources.includes('his_log')) continue;
    let rows: HisRow[] = [];
    if (c.msgid)
      rows = (await runStatement(env.db, env.profile, 'settlement_by_msgid', { msgid: c.msgid })) as HisRow[];
    if (!rows.length && c.setl_id)
      rows = (await runStatement(env.db, env.profile, 'settlement_by_setl_id', { setl_id: c.setl_id })) as HisRow[];
    if (rows.length) c.his = rows[0]!;
  }
}

/** Journal rows of candidates that came from the HIS (an answered call whose HIS write failed shows its setl_id here). */
async function fillJournalRows(journal: JournalLike, candidates: Candidate[]): Promise<void> {
  const need = candidates.filter((c) => !c.call && c.msgid).map((c) => c.msgid!);
  const byMsgid = new Map(candidates.filter((c) => c.msgid).map((c) => [c.msgid!, c]));
  for (const part of chunks(need)) {
    const rows = (await journal
      .knex(CENTER_CALLS_TABLE.name)
      .whereIn('msgid', part)
      .whereIn('infno', SETTLE_INFNOS)) as CenterCallRecord[];
    for (const r of rows) {
      const c = byMsgid.get(r.msgid);
      if (c) c.call = toCallRow(r);
    }
  }
}

/** hisops's 2601 reversals of the candidates' calls. */
async function priorReversals(journal: JournalLike, candidates: Candidate[]): Promise<Prior[]> {
  const prior: Prior[] = [];
  const msgids = candidates.filter((c) => c.msgid).map((c) => c.msgid!);
  for (const part of chunks(msgids)) {
    const rows = (await journal
      .knex(CENTER_CALLS_TABLE.name)
      .where('infno', '2601')
      .whereIn('ref_msgid', part)) as CenterCallRecord[];
    for (const r of rows)
      prior.push({
        infno: '2601',
        msgid: r.msgid,
        status: r.status,
        err_msg: r.err_msg,
        created_at: r.created_at,
        omsgid: r.ref_msgid,
        setl_id: null,
      });
  }
  return prior;
}

/** hisops's 2208/2305 cancellations of the candidates' settlements. */
async function priorCancellations(journal: JournalLike, candidates: Candidate[]): Promise<Prior[]> {
  const prior: Prior[] = [];
  const setlIds = new Set(candidates.filter((c) => c.setl_id).map((c) => c.setl_id!));
  if (!setlIds.size) return prior;
  // A cancellation names the cancelled setl_id only in its request; read those sent since the oldest candidate.
  const since = oldestOf(candidates);
  const q = journal
    .knex(CENTER_CALLS_TABLE.name)
    .select('msgid', 'infno', 'status', 'err_msg', 'created_at', 'request', 'output')
    .whereIn('infno', ['2208', '2305']);
  if (since) q.where('created_at', '>=', new Date(new Date(since).getTime() - 86_400_000).toISOString());
  for (const r of (await q) as Array<
    Pick<CenterCallRecord, 'msgid' | 'infno' | 'status' | 'err_msg' | 'created_at' | 'request' | 'output'>
  >) {
    const setl_id = cancelledSetlId(r.request);
    if (setl_id && setlIds.has(setl_id))
      prior.push({
        infno: r.infno as '2208' | '2305',
        msgid: r.msgid,
        status: r.status,
        err_msg: r.err_msg,
        created_at: r.created_at,
        output: r.output,
        omsgid: null,
        setl_id,
      });
  }
  return prior;
}

/** When the oldest candidate's call was made (else its settlement time), as ISO text. */
function oldestOf(candidates: Candidate[]): string | undefined {
  const oldest = candidates.reduce<string | null>(
    (m, c) => (c.call?.created_at && (!m || c.call.created_at < m) ? c.call.created_at : m),
    null,
  );
  return (
    oldest ??
    (candidates.some((c) => c.at)
      ? new Date(
          candidates
            .map((c) => c.at!)
            .filter(Boolean)
            .sort()[0]!
            .replace(' ', 'T'),
        ).toISOString()
      : undefined)
  );
}

/**
 * The HIS's refund row of a settlement it marks cancelled: with it, the HIS books hold the
 * cancellation as the center's do (the classifier's test for "recorded").
 */
async function fillHisRefunds(env: StuckEnv, candidates: Candidate[]): Promise<void> {
  for (const c of candidates) {
    if (hisState(c) !== 'cancelled' || !c.setl_id || !c.mdtrt_id) continue;
    const visit = (await runStatement(env.db, env.profile, 'settlements_by_mdtrt_id', {
      mdtrt_id: c.mdtrt_id,
    })) as HisRow[];
    c.hisRefund =
      visit.find((r) => String(r.refd_setl_flag ?? '') === '1' && String(r.init_setl_id ?? '') === c.setl_id) ?? null;
  }
}

function cancelledSetlId(request: string): string | null {
  try {
    const o = JSON.parse(request) as { data?: { setl_id?: unknown } };
    return o.data?.setl_id ? String(o.data.setl_id) : null;
  } catch {
    return null;
  }
}
