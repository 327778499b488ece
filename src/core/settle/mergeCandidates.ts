/**
 * Candidates from the three sources, merged (pure): one per settlement call, keyed by the
 * original msgid — the one id every source can carry — and by setl_id for a reconciliation
 * finding without a msgid. The ids of a candidate come from whichever part knows them.
 */
import { formatDateTime } from '../his/index.js';
import type { CallRow, Candidate, HisRow, LogRow, OneSidedFinding, PriorCall, SourceName } from './types.js';

export interface SourceRows {
  /** 2207/2304 rows of the client journal with no known outcome (pending / unknown). */
  calls: CallRow[];
  /** HIS settlements pending past the threshold. */
  pending: HisRow[];
  /** HIS center-log rows without a settlement row. */
  orphans: LogRow[];
  /** One-sided settlements of the latest reconciliation. */
  findings: OneSidedFinding[];
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** setl_id of a settlement call's answer, when the journal kept one. */
export function setlIdOfOutput(output: string | null): string | null {
  if (!output) return null;
  try {
    const o = JSON.parse(output) as Record<string, unknown>;
    const s = (o.setlinfo ?? o) as Record<string, unknown>;
    return str(s.setl_id);
  } catch {
    return null;
  }
}

function empty(id: string): Candidate {
  return {
    id,
    msgid: null,
    setl_id: null,
    infno: null,
    psn_no: null,
    mdtrt_id: null,
    his_setl_no: null,
    at: null,
    sources: [],
    his: null,
    call: null,
    log: null,
    finding: null,
    prior: [],
  };
}

function addSource(c: Candidate, s: SourceName): void {
  if (!c.sources.includes(s)) c.sources.push(s);
}

/** Fill the ids and the time of a candidate from its parts (HIS row first: it is what people see). */
export function deriveIds(c: Candidate): Candidate {
  const h = c.his;
  const pick = (...vals: unknown[]) => {
    for (const v of vals) {
      const s = str(v);
      if (s) return s;
    }
    return null;
  };
  c.msgid = pick(c.msgid, h?.msgid, c.call?.msgid, c.log?.msgid, c.finding?.msgid);
  c.setl_id = pick(
    h?.setl_id,
    c.call?.setl_id,
    setlIdOfOutput(c.call?.output ?? null),
    c.log?.setl_id,
    c.finding?.setl_id,
    c.setl_id,
  );
  c.infno = pick(h?.infno, c.call?.infno, c.log?.infno, c.finding?.infno);
  c.psn_no = pick(h?.psn_no, c.call?.psn_no, c.log?.psn_no, c.finding?.psn_no);
  c.mdtrt_id = pick(h?.mdtrt_id, c.call?.mdtrt_id, c.log?.mdtrt_id, c.finding?.mdtrt_id);
  c.his_setl_no = pick(h?.his_setl_no, c.log?.his_setl_no);
  const callAt = c.call ? formatDateTime(new Date(c.call.created_at)) : null;
  c.at = pick(h?.created_at, c.log?.request_time, callAt, c.finding?.day ? `${c.finding.day} 00:00:00` : null);
  c.id = c.msgid ?? c.setl_id ?? c.id;
  return c;
}

export function mergeCandidates(rows: SourceRows): Candidate[] {
  const byMsgid = new Map<string, Candidate>();
  const bySetlId = new Map<string, Candidate>();
  const order: Candidate[] = [];
  const get = (msgid: string | null, setl_id: string | null): Candidate => {
    let c = (msgid ? byMsgid.get(msgid) : undefined) ?? (setl_id ? bySetlId.get(setl_id) : undefined);
    if (!c) {
      c = empty(msgid ?? setl_id ?? `candidate-${order.length + 1}`);
      order.push(c);
    }
    if (msgid && !c.msgid) c.msgid = msgid;
    if (msgid) byMsgid.set(msgid, c);
    if (setl_id) bySetlId.set(setl_id, c);
    return c;
  };
  for (const h of rows.pending) {
    const c = get(str(h.msgid), str(h.setl_id));
    c.his = h;
    addSource(c, 'his_pending');
  }
  for (const l of rows.orphans) {
    const c = get(l.msgid, l.setl_id);
    c.log = l;
    addSource(c, 'his_log');
  }
  for (const r of rows.calls) {
    const c = get(r.msgid, r.setl_id ?? setlIdOfOutput(r.output));
    c.call = r;
    addSource(c, 'client_journal');
  }
  // Findings that know the msgid first: a finding with only the setl_id (a cancellation's refund
  // day) then joins the candidate its original's day made, whatever order the runs came in.
  for (const f of [...rows.findings].sort((a, b) => (a.msgid ? 0 : 1) - (b.msgid ? 0 : 1))) {
    const c = get(f.msgid, f.setl_id);
    c.finding = f;
    if (f.related_setl_id) c.refund_setl_id = f.related_setl_id;
    if (f.cause) c.cause = f.cause;
    addSource(c, 'reconcile');
  }
  return order.map(deriveIds);
}

/** Attach hisops's earlier 2208/2305/2601 calls to the candidates they concern. */
export function attachPrior(
  cands: Candidate[],
  prior: Array<PriorCall & { omsgid: string | null; setl_id: string | null }>,
): void {
  const byMsgid = new Map<string, Candidate>();
  const bySetl = new Map<string, Candidate>();
  for (const c of cands) {
    if (c.msgid) byMsgid.set(c.msgid, c);
    if (c.setl_id) bySetl.set(c.setl_id, c);
  }
  for (const p of prior) {
    const c = (p.omsgid ? byMsgid.get(p.omsgid) : undefined) ?? (p.setl_id ? bySetl.get(p.setl_id) : undefined);
    if (c && !c.prior.some((x) => x.msgid === p.msgid))
      c.prior.push({
        infno: p.infno,
        msgid: p.msgid,
        status: p.status,
        err_msg: p.err_msg,
        created_at: p.created_at,
        output: p.output ?? null,
      });
  }
  for (const c of cands) c.prior.sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** Keep candidates whose time falls in [from, to] (days, inclusive); no bound keeps all. */
export function inPeriod(c: Candidate, from: string | undefined, to: string | undefined): boolean {
  if (!from && !to) return true;
  if (!c.at) return true;
  const day = c.at.slice(0, 10);
  if (from && day < from) return false;
  if (to && day > to) return false;
  return true;
}
