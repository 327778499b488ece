/**
 * `mapping upload`: send new and changed mappings to the center (3301) and withdraw replaced or
 * removed ones (3302), one row at a time, each recorded in the journal before the call and again
 * with the center's verdict after it. A run that is stopped part-way loses nothing: the next run
 * plans again from what the center has accepted, so accepted rows are not sent twice and rows
 * whose outcome is unknown (a timeout) are sent again — 3301 replaces a mapping with itself.
 */
import {
  DEFAULT_TIMEOUT_MS,
  leftOverCalls,
  leftOverText,
  noteLeftOver,
  resolveLeftOver,
  type LeftOverCall,
} from '../center/index.js';
import { isHisopsError, type ErrorCode, type ErrorText } from '../errors.js';
import type { Db } from '../db/index.js';
import type { Journal } from '../journal/index.js';
import { allStoredMappings } from './store/catalogQuery.js';
import { insertReturningId } from './store/sql.js';
import { ensureMappingTables, MAPPING_UPLOAD_TABLE, presentTables } from './store/tables.js';
import {
  planUpload,
  type AcceptedState,
  type MappingPayload,
  type RejectedState,
  type UploadItem,
  type UploadPlan,
} from './uploadPlan.js';

/** What upload needs from the center client (3301 / 3302). Errors are the client's HisopsErrors. */
export interface MappingCenter {
  upload(d: MappingPayload): Promise<{ msgid: string }>;
  withdraw(d: { fixmedins_hilist_id: string; list_type: string; med_list_codg: string }): Promise<{ msgid: string }>;
}

export type Verdict = 'accepted' | 'rejected' | 'unknown' | 'not sent';

export interface UploadOutcome extends UploadItem {
  verdict: Verdict | 'planned';
  msgid: string | null;
  infcode: string | null;
  err_msg: string | null;
}

export interface UploadResult {
  applied: boolean;
  runId: string;
  plan: { items: number; upToDate: number; heldBack: UploadPlan['heldBack'] };
  outcomes: UploadOutcome[];
  counts: Record<Verdict | 'planned', number>;
  /** Set when the run stopped early (the center could not be reached). */
  stoppedBy: { code: ErrorCode; summary: string; fix: string | undefined; zh?: ErrorText } | null;
  /**
   * 3301/3302 calls earlier runs left without an outcome (pending: the run was killed; unknown: no
   * answer came), and how each was resolved (a dry run only counts them).
   */
  leftOver: {
    calls: number;
    resolved: Array<{ msgid: string; infno: string; run_id: string | null; resolution: string }>;
  };
}

interface UploadRow {
  id: number;
  run_id: string;
  msgid: string | null;
  infno: string;
  fixmedins_hilist_id: string;
  begndate: string;
  list_type: string;
  med_list_codg: string;
  payload_hash: string;
  state: string;
  err_msg: string | null;
}

/** The latest accepted and rejected state of every key, from the journal. */
export async function uploadState(
  journal: Journal,
  o: { create?: boolean } = {},
): Promise<{ accepted: AcceptedState[]; rejected: RejectedState[] }> {
  if (o.create === false && !(await journal.knex.schema.hasTable(MAPPING_UPLOAD_TABLE.name)))
    return { accepted: [], rejected: [] };
  await journal.ensure(MAPPING_UPLOAD_TABLE);
  const rows = (await journal
    .knex(MAPPING_UPLOAD_TABLE.name)
    .select([
      'id',
      'infno',
      'fixmedins_hilist_id',
      'begndate',
      'list_type',
      'med_list_codg',
      'payload_hash',
      'state',
      'err_msg',
    ])
    .whereIn('state', ['accepted', 'rejected'])
    .orderBy('id')) as UploadRow[];
  const accepted = new Map<string, AcceptedState>();
  const rejected = new Map<string, RejectedState>();
  for (const r of rows) {
    const k = `${r.fixmedins_hilist_id}\u0001${r.begndate}`;
    if (r.state === 'accepted') {
      // A withdrawal of a code the mapping no longer has does not undo the current upload.
      const cur = accepted.get(k);
      if (r.infno === '3302' && cur && (cur.med_list_codg !== r.med_list_codg || cur.list_type !== r.list_type))
        continue;
      accepted.set(k, {
        fixmedins_hilist_id: r.fixmedins_hilist_id,
        begndate: r.begndate,
        infno: r.infno as '3301' | '3302',
        list_type: r.list_type,
        med_list_codg: r.med_list_codg,
        payload_hash: r.payload_hash,
      });
      rejected.delete(k);
    } else
      rejected.set(k, {
        fixmedins_hilist_id: r.fixmedins_hilist_id,
        begndate: r.begndate,
        payload_hash: r.payload_hash,
        err_msg: r.err_msg,
      });
  }
  return { accepted: [...accepted.values()], rejected: [...rejected.values()] };
}

export interface UploadOptions {
  apply?: boolean;
  runId: string;
  now: () => Date;
  retryRejected?: boolean;
  /** Send at most this many rows. */
  limit?: number;
  onProgress?: (done: number, total: number) => void;
  /** The institution whose calls are resolved (default: every institution in the journal). */
  fixmedins_code?: string;
  /** The center's request timeout for 3301/3302 (a pending row older than it, plus a margin, was abandoned). */
  timeoutMs?: number;
}

export async function uploadMappings(
  db: Db,
  journal: Journal,
  center: MappingCenter | undefined,
  o: UploadOptions,
): Promise<UploadResult> {
  // A dry run reads what is there and creates no table, in the HIS or in the journal.
  if (o.apply) await ensureMappingTables(db);
  const stored = await allStoredMappings(db.knex, await presentTables(db));
  const { accepted, rejected } = await uploadState(journal, { create: !!o.apply });
  const plan = planUpload(stored, accepted, rejected, { retryRejected: o.retryRejected });
  const items = o.limit !== undefined ? plan.items.slice(0, o.limit) : plan.items;
  const outcomes: UploadOutcome[] = items.map((i) => ({
    ...i,
    verdict: 'planned',
    msgid: null,
    infcode: null,
    err_msg: null,
  }));
  const result: UploadResult = {
    applied: false,
    runId: o.runId,
    plan: { items: plan.items.length, upToDate: plan.upToDate, heldBack: plan.heldBack },
    outcomes,
    counts: { planned: 0, accepted: 0, rejected: 0, unknown: 0, 'not sent': 0 },
    stoppedBy: null,
    leftOver: { calls: 0, resolved: [] },
  };
  const left = await leftOverMappingCalls(journal, o);
  result.leftOver.calls = left.calls.length;
  if (o.apply && center) {
    await noteLeftOverCalls(journal, left, o);
    result.applied = true;
    await sendAll(journal, center, result, o);
  }
  if (result.applied) await resolveLeftOverCalls(journal, left, outcomes, o, result);
  for (const out of outcomes) result.counts[out.verdict]++;
  return result;
}

/** Each planned row in turn: journal row, call, verdict; an unreachable center stops the run. */
async function sendAll(journal: Journal, center: MappingCenter, result: UploadResult, o: UploadOptions): Promise<void> {
  const table = MAPPING_UPLOAD_TABLE.name;
  const outcomes = result.outcomes;
  let seq = 0;
  for (const out of outcomes) {
    // Written before the call: a run killed now leaves "sending", which the next run sends again.
    const rowId = await insertReturningId(journal.knex, journal.db.dialect, table, 'id', {
      run_id: o.runId,
      seq: ++seq,
      infno: out.infno,
      fixmedins_hilist_id: out.fixmedins_hilist_id,
      begndate: out.begndate,
      list_type: out.list_type,
      med_list_codg: out.med_list_codg,
      payload: JSON.stringify(out.payload),
      payload_hash: out.payload_hash,
      state: 'sending',
      updated_at: o.now().toISOString(),
    });
    try {
      const r =
        out.infno === '3301'
          ? await center.upload(out.payload as MappingPayload)
          : await center.withdraw(
              out.payload as { fixmedins_hilist_id: string; list_type: string; med_list_codg: string },
            );
      out.verdict = 'accepted';
      out.msgid = r.msgid;
      out.infcode = '0';
    } catch (e) {
      result.stoppedBy = judgeFailure(out, e);
    }
    await journal.knex(table).where({ id: rowId }).update({
      state: out.verdict,
      msgid: out.msgid,
      infcode: out.infcode,
      err_msg: out.err_msg,
      updated_at: o.now().toISOString(),
    });
    o.onProgress?.(seq, outcomes.length);
    // An unreachable center fails every row alike: stop and let the next run pick up.
    if (result.stoppedBy) break;
  }
}

/**
 * The verdict of a failed call, written on its outcome: refused by the center, not sent, or
 * unknown (it may have arrived). Returns what stops the run when the center could not be reached.
 */
function judgeFailure(out: UploadOutcome, e: unknown): UploadResult['stoppedBy'] {
  if (!isHisopsError(e)) throw e;
  const d = e.details as { msgid?: string; infcode?: number | null; err_msg?: string | null; delivery?: string };
  out.msgid = d.msgid ?? null;
  out.err_msg = d.err_msg ?? e.summary;
  if (e.code === 'CENTER_REFUSED' || e.code === 'CENTER_REJECTED') {
    out.verdict = 'rejected';
    out.infcode = d.infcode === null || d.infcode === undefined ? null : String(d.infcode);
    return null;
  }
  if (d.delivery === 'maybe') {
    out.verdict = 'unknown';
    return null;
  }
  out.verdict = 'not sent';
  return { code: e.code, summary: e.summary, fix: e.fix, zh: e.zhText };
}

interface LeftOver {
  calls: LeftOverCall[];
  /** The upload row of each call (by msgid): the row a killed run left `sending`, or the row holding the call's msgid. */
  rows: Map<string, UploadRow>;
  /** Rows left `sending` by killed runs. */
  sending: UploadRow[];
}

/**
 * The 3301/3302 write-ahead rows earlier runs left without an outcome, with the upload rows they
 * belong to. Rows go one at a time, so a killed run leaves at most one row `sending`, and its
 * pending call is that row's. Reads only.
 */
async function leftOverMappingCalls(journal: Journal, o: UploadOptions): Promise<LeftOver> {
  const empty: LeftOver = { calls: [], rows: new Map(), sending: [] };
  if (!(await journal.knex.schema.hasTable(MAPPING_UPLOAD_TABLE.name))) return empty;
  const sending = (await journal
    .knex(MAPPING_UPLOAD_TABLE.name)
    .where({ state: 'sending' })
    .whereNot({ run_id: o.runId })
    .orderBy('id')) as UploadRow[];
  const calls = await leftOverCalls(journal, {
    infnos: ['3301', '3302'],
    fixmedins_code: o.fixmedins_code,
    runId: o.runId,
    now: o.now(),
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    deadRuns: new Set(sending.map((r) => r.run_id)),
  });
  const rows = new Map<string, UploadRow>();
  for (const c of calls) {
    const row =
      sending.find((r) => r.run_id === c.run_id && r.infno === c.infno) ??
      ((await journal.knex(MAPPING_UPLOAD_TABLE.name).where({ msgid: c.msgid }).orderBy('id', 'desc').first()) as
        | UploadRow
        | undefined);
    if (row) rows.set(c.msgid, row);
  }
  return { calls, rows, sending };
}

const keyOf = (r: { infno: string; fixmedins_hilist_id: string; begndate: string }) =>
  `${r.infno}\u0001${r.fixmedins_hilist_id}\u0001${r.begndate}`;

/** Before sending: rows of killed runs become `unknown` (planned again), their calls say they are being settled. */
async function noteLeftOverCalls(journal: Journal, left: LeftOver, o: UploadOptions): Promise<void> {
  if (left.sending.length) {
    await journal
      .knex(MAPPING_UPLOAD_TABLE.name)
      .whereIn(
        'id',
        left.sending.map((r) => r.id),
      )
      .update({ state: 'unknown', err_msg: 'the run stopped before the answer', updated_at: o.now().toISOString() });
  }
  for (const c of left.calls) {
    const row = left.rows.get(c.msgid);
    // The row learns the msgid of the call it went in, so a later run still finds it by the call.
    if (row && row.msgid === null)
      await journal.knex(MAPPING_UPLOAD_TABLE.name).where({ id: row.id }).update({ msgid: c.msgid });
    await noteLeftOver(
      journal,
      c,
      `${leftOverText(c)}; ${row ? `${row.fixmedins_hilist_id} ${row.begndate} is planned again by run ${o.runId} (${c.infno} replaces a mapping with itself)` : 'no upload row refers to it'}`,
    );
  }
}

/** After sending: each left-over call gets its resolution — what became of its mapping in this run. */
async function resolveLeftOverCalls(
  journal: Journal,
  left: LeftOver,
  outcomes: readonly UploadOutcome[],
  o: UploadOptions,
  result: UploadResult,
): Promise<void> {
  const byKey = new Map(outcomes.map((x) => [keyOf(x), x]));
  for (const c of left.calls) {
    const row = left.rows.get(c.msgid);
    const out = row ? byKey.get(keyOf(row)) : undefined;
    let text: string;
    if (!row)
      text = `${leftOverText(c)}; no upload row refers to it (hisops_mapping_upload holds the latest state of every mapping)`;
    else if (!out)
      text = `${leftOverText(c)}; ${row.fixmedins_hilist_id} ${row.begndate} was not due again in run ${o.runId} (accepted since, changed, or no longer stored)`;
    else if (out.verdict === 'planned')
      continue; // not reached this run (--limit, or the run stopped): the next run settles it
    else
      text = `${leftOverText(c)}; ${row.fixmedins_hilist_id} ${row.begndate} was sent again by run ${o.runId}${out.msgid ? ` as msgid ${out.msgid}` : ''}: ${out.verdict}${out.err_msg ? ` (${out.err_msg})` : ''}`;
    if (out && (out.verdict === 'unknown' || out.verdict === 'not sent')) {
      // Still no answer: say so, and leave the row to the next run.
      await noteLeftOver(journal, c, text);
      continue;
    }
    await resolveLeftOver(journal, c, text, o.now());
    result.leftOver.resolved.push({ msgid: c.msgid, infno: c.infno, run_id: c.run_id, resolution: text });
  }
}

/** The center client as a MappingCenter (3301 mappingUpload, 3302 mappingWithdraw). */
export function centerMappings(center: {
  mappingUpload(d: MappingPayload): Promise<{ msgid: string }>;
  mappingWithdraw(d: {
    fixmedins_hilist_id: string;
    list_type: string;
    med_list_codg: string;
  }): Promise<{ msgid: string }>;
}): MappingCenter {
  return { upload: (d) => center.mappingUpload(d), withdraw: (d) => center.mappingWithdraw(d) };
}
