/**
 * `trace status`: per day and kind, how many records the center accepted, how many are pending
 * (never sent, to retry, or with an unknown outcome), rejected by the center and held back by
 * findings — and the reasons. With a source and a window, records of the HIS that no run has
 * touched yet count as pending too.
 */
import { daysOf, type Window } from './days.js';
import { groupDispensing, groupStock } from './groupRows.js';
import { TraceJournal, type StatusGroup } from './traceJournal.js';
import type { TraceSource } from './traceSource.js';
import { TRACE_INFNOS, type TraceKind, type UploadStatus } from './types.js';
import { CENTER_CALLS_TABLE, type JournalLike } from '../center/index.js';

export interface StatusLine {
  day: string;
  kind: TraceKind;
  accepted: number;
  acceptedCodes: number;
  /** Not in the journal yet (only counted when the HIS was read). */
  new: number;
  /** retry, unknown or sending. */
  pending: number;
  rejected: number;
  held: number;
}

export interface ReasonLine {
  status: UploadStatus;
  reason: string;
  records: number;
  codes: number;
  /** One of the messages (the center's, or the finding's). */
  message: string | null;
}

/** A write-ahead row of a 35xx request that a run left without an outcome, and how it was resolved. */
export interface CallResolution {
  msgid: string;
  infno: string;
  run_id: string | null;
  status: string;
  created_at: string;
  resolved_at: string | null;
  resolution: string | null;
}

export interface StatusReport {
  window: Window | null;
  lines: StatusLine[];
  reasons: ReasonLine[];
  totals: { accepted: number; acceptedCodes: number; new: number; pending: number; rejected: number; held: number };
  /** Whether never-sent HIS records were counted. */
  hisRead: boolean;
  /**
   * The center client's rows of 35xx requests: those still without an outcome (pending: a run is
   * sending them, or stopped before the answer and the next upload resolves them; unknown), and
   * the latest ones resolved, with how.
   */
  calls: { open: CallResolution[]; resolved: CallResolution[] };
}

const CALL_COLUMNS = ['msgid', 'infno', 'run_id', 'status', 'created_at', 'resolved_at', 'resolution'];

async function callResolutions(
  journal: JournalLike,
  fixmedins_code: string,
  limit: number,
): Promise<StatusReport['calls']> {
  if (!(await journal.knex.schema.hasTable(CENTER_CALLS_TABLE.name))) return { open: [], resolved: [] };
  const base = () =>
    journal
      .knex(CENTER_CALLS_TABLE.name)
      .where({ fixmedins_code })
      .whereIn('infno', [...TRACE_INFNOS])
      .select(CALL_COLUMNS);
  const open = (await base()
    .whereIn('status', ['pending', 'unknown'])
    .whereNull('resolved_at')
    .orderBy('created_at', 'asc')) as CallResolution[];
  const resolved = (await base()
    .whereNotNull('resolved_at')
    .orderBy('resolved_at', 'desc')
    .orderBy('msgid', 'desc')
    .limit(limit)) as CallResolution[];
  return { open, resolved };
}

export async function traceStatus(o: {
  journal: JournalLike;
  fixmedins_code: string;
  window?: Window;
  source?: TraceSource;
}): Promise<StatusReport> {
  const tj = new TraceJournal(o.journal, o.fixmedins_code, { readOnly: true });
  const groups: StatusGroup[] = await tj.summary(o.window);
  const lines = new Map<string, StatusLine>();
  const line = (day: string, kind: TraceKind) => {
    const k = `${day}|${kind}`;
    let l = lines.get(k);
    if (!l) {
      l = { day, kind, accepted: 0, acceptedCodes: 0, new: 0, pending: 0, rejected: 0, held: 0 };
      lines.set(k, l);
    }
    return l;
  };
  const reasons = new Map<string, ReasonLine>();
  for (const g of groups) {
    const l = line(g.day, g.kind);
    switch (g.status) {
      case 'accepted':
        l.accepted += g.records;
        l.acceptedCodes += g.codes;
        break;
      case 'rejected':
        l.rejected += g.records;
        break;
      case 'held':
        l.held += g.records;
        break;
      default:
        l.pending += g.records;
    }
    if (g.status !== 'accepted') {
      // A held record lists every finding kind it has; count it under each.
      for (const reason of (g.reason ?? g.status).split(',')) {
        const k = `${g.status}|${reason}`;
        const r = reasons.get(k) ?? { status: g.status, reason, records: 0, codes: 0, message: g.message };
        r.records += g.records;
        r.codes += g.codes;
        reasons.set(k, r);
      }
    }
  }
  let hisRead = false;
  if (o.source && o.window) {
    hisRead = true;
    for (const day of daysOf(o.window)) {
      const records = [...groupDispensing(await o.source.dispensing(day)), ...groupStock(await o.source.stock(day))];
      const known = await tj.known(records.map((r) => r.key));
      for (const r of records) if (!known.has(r.key)) line(day, r.kind).new++;
    }
  }
  const sorted = [...lines.values()].sort((a, b) =>
    a.day !== b.day ? a.day.localeCompare(b.day) : a.kind.localeCompare(b.kind),
  );
  const totals = { accepted: 0, acceptedCodes: 0, new: 0, pending: 0, rejected: 0, held: 0 };
  for (const l of sorted) {
    totals.accepted += l.accepted;
    totals.acceptedCodes += l.acceptedCodes;
    totals.new += l.new;
    totals.pending += l.pending;
    totals.rejected += l.rejected;
    totals.held += l.held;
  }
  return {
    window: o.window ?? null,
    lines: sorted,
    reasons: [...reasons.values()].sort((a, b) => b.records - a.records || a.reason.localeCompare(b.reason)),
    totals,
    hisRead,
    calls: await callResolutions(o.journal, o.fixmedins_code, 20),
  };
}
