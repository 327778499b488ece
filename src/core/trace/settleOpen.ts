/**
 * Step 0 of an upload: what earlier runs left open. Records left `sending`/`unknown` are settled
 * from the center client's write-ahead rows of their request (hisops_center_calls); the 35xx rows
 * those runs left pending or unknown are resolved, or noted as being sent again by this run.
 */
import {
  CENTER_CALLS_TABLE,
  DEFAULT_TIMEOUT_MS,
  leftOverText,
  noteLeftOver,
  resolveCenterConfig,
  resolveLeftOver,
  timeoutFor,
  type JournalLike,
  type LeftOverCall,
} from '../center/index.js';
import { recordResults, rejectionReason } from './readResults.js';
import type { TraceJournal, Outcome, UploadRow } from './traceJournal.js';
import { TRACE_INFNOS, type TraceKind, type UploadStatus } from './types.js';
import type { UploadOptions, UploadResult } from './uploadTypes.js';

interface CenterCallRow {
  msgid: string;
  status: string;
  output: string | null;
  request: string;
  err_msg: string | null;
  created_at: string;
}

/** The center client's latest write-ahead row for a request, sent at or after `since`. */
async function centerCallFor(
  journal: JournalLike,
  infno: string | null,
  digest: string,
  since: string | null,
): Promise<CenterCallRow | undefined> {
  const q = journal.knex(CENTER_CALLS_TABLE.name).where({ request_digest: digest });
  if (infno) q.where({ infno });
  if (since) q.where('created_at', '>=', since);
  return (await q.orderBy('created_at', 'desc').first()) as CenterCallRow | undefined;
}

function requestSize(call: CenterCallRow, fallback: number): number {
  try {
    const input = JSON.parse(call.request) as Record<string, unknown>;
    for (const v of Object.values(input)) if (Array.isArray(v)) return v.length;
    return 1;
  } catch {
    return fallback;
  }
}

/**
 * Settle records left `sending`/`unknown` from the center client's write-ahead rows. Returns the
 * records whose outcome is still not known (to be sent again).
 */
export async function resolveFromCalls(
  journal: JournalLike,
  tj: TraceJournal,
  rows: readonly UploadRow[],
  now: () => Date,
  result: UploadResult,
): Promise<{ still: UploadRow[]; answered: Map<string, Answered> }> {
  const answered = new Map<string, Answered>();
  const hasCalls = await journal.knex.schema.hasTable(CENTER_CALLS_TABLE.name);
  const byRequest = new Map<string, UploadRow[]>();
  const still: UploadRow[] = [];
  for (const r of rows) {
    if (!r.request_digest) {
      still.push(r);
      continue;
    }
    const list = byRequest.get(r.request_digest) ?? [];
    list.push(r);
    byRequest.set(r.request_digest, list);
  }
  const outcomes: Outcome[] = [];
  for (const [digest, list] of byRequest) {
    const since = list.reduce<string | null>((m, r) => (r.sent_at && (!m || r.sent_at < m) ? r.sent_at : m), null);
    const call = hasCalls ? await centerCallFor(journal, list[0]!.infno, digest, since) : undefined;
    if (call?.status === 'ok') {
      const results = recordResults(
        call.output === null ? null : safeJson(call.output),
        requestSize(call, list.length),
      );
      if (results) {
        for (const r of list) {
          const rr = r.batch_pos !== null ? results[r.batch_pos] : undefined;
          if (!rr) {
            still.push(r);
            continue;
          }
          const a = answered.get(digest) ?? { msgid: call.msgid, accepted: 0, rejected: 0 };
          answered.set(digest, a);
          if (rr.accepted) a.accepted++;
          else a.rejected++;
          if (rr.accepted) result.resolved.accepted++;
          else result.resolved.rejected++;
          outcomes.push(
            rr.accepted
              ? { record_key: r.record_key, status: 'accepted', reason: null, message: null, msgid: call.msgid }
              : {
                  record_key: r.record_key,
                  status: 'rejected',
                  reason: rejectionReason(rr.message),
                  message: rr.message,
                  msgid: call.msgid,
                },
          );
        }
        continue;
      }
    }
    // Never left (no write-ahead row), refused, or no answer: what the center holds is unknown or
    // nothing; the record is sent again unchanged and the center's answer settles it.
    const status: UploadStatus = call?.status === 'failed' ? 'retry' : 'unknown';
    for (const r of list) {
      outcomes.push({
        record_key: r.record_key,
        status,
        reason: r.reason,
        message: r.message,
        msgid: call?.msgid ?? r.msgid,
      });
      still.push(r);
    }
  }
  await tj.outcomes(outcomes, now());
  return { still, answered };
}

/** A request of records left open that the center had answered (its write-ahead row says so). */
export interface Answered {
  msgid: string;
  accepted: number;
  rejected: number;
}

/** The longest wait for a 35xx answer: a pending row older than that (plus a margin) was abandoned. */
export function longestTimeout(o: Pick<UploadOptions, 'center' | 'settings'>): number {
  let ms = o.settings.timeoutMs ?? 0;
  try {
    const c = resolveCenterConfig(o.center);
    for (const i of TRACE_INFNOS) ms = Math.max(ms, timeoutFor(c, i));
  } catch {
    ms = Math.max(ms, DEFAULT_TIMEOUT_MS);
  }
  return ms;
}

/**
 * Resolve the write-ahead rows of 35xx requests that earlier runs left pending or unknown. The
 * records they carried are settled in hisops_trace_uploads (from another answer to the same
 * request, or by sending them again, unchanged); each row says which. Returns the rows whose
 * records this run sends again: their resolution is completed with the outcome at the end.
 */
export async function settleLeftOverCalls(
  journal: JournalLike,
  tj: TraceJournal,
  calls: readonly LeftOverCall[],
  open: readonly UploadRow[],
  answered: ReadonlyMap<string, Answered>,
  kinds: ReadonlySet<TraceKind>,
  runId: string,
  now: () => Date,
  result: UploadResult,
): Promise<Array<{ call: LeftOverCall; keys: string[] }>> {
  const resend: Array<{ call: LeftOverCall; keys: string[] }> = [];
  const byDigest = new Map<string, UploadRow[]>();
  for (const r of open) {
    if (!r.request_digest) continue;
    const list = byDigest.get(r.request_digest) ?? [];
    list.push(r);
    byDigest.set(r.request_digest, list);
  }
  for (const c of calls) {
    const a = answered.get(c.request_digest);
    const group = byDigest.get(c.request_digest) ?? [];
    let text: string;
    if (a && a.msgid !== c.msgid) {
      text = `${leftOverText(c)}; the same request was answered in msgid ${a.msgid}: ${a.accepted} accepted, ${a.rejected} rejected`;
    } else if (group.length && !a && group.some((r) => !kinds.has(r.kind))) {
      // Records of kinds this run does not upload (--kind): the next upload of those kinds settles them.
      text = `${leftOverText(c)}; its records are of a kind this run (${runId}) does not upload: the next upload of ${[...new Set(group.map((r) => r.kind))].join(', ')} sends them again`;
      await noteLeftOver(journal, c, text);
      result.calls.resolved.push(resolution(c, text, false));
      continue;
    } else if (group.length && !a) {
      resend.push({ call: c, keys: group.map((r) => r.record_key) });
      text = `${leftOverText(c)}; its ${group.length} record(s) are being sent again by run ${runId} (the center answers a record it holds as before and does not store it twice)`;
      // Resolved when their outcome is known, at the end of this run; a run that stops before
      // leaves the row to the next one.
      await noteLeftOver(journal, c, text);
      result.calls.resolved.push(resolution(c, text, false));
      continue;
    } else {
      const later = await tj.byRequest(c.request_digest);
      const counts = new Map<string, number>();
      for (const r of later) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      text = later.length
        ? `${leftOverText(c)}; its records have outcomes since: ${[...counts].map(([st, n]) => `${n} ${st}`).join(', ')}`
        : `${leftOverText(c)}; its records have since gone in other requests (hisops_trace_uploads holds their outcome)`;
    }
    await resolveLeftOver(journal, c, text, now());
    result.calls.resolved.push(resolution(c, text, true));
  }
  return resend;
}

/** What the run says of a left-over call: resolved now (`done`), or when its records' outcome is known. */
function resolution(c: LeftOverCall, text: string, done: boolean): UploadResult['calls']['resolved'][number] {
  return {
    msgid: c.msgid,
    infno: c.infno,
    run_id: c.run_id,
    created_at: c.created_at,
    was: c.status,
    resolution: text,
    done,
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
