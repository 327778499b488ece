/**
 * The trace journal's writes: records in a state (held before anything, `sending` before the
 * request leaves) and their outcomes. On SQLite they run on its own connection, one prepared
 * statement per row, in the group commit of sqliteNative.ts (knex spent far longer building each
 * multi-row statement than SQLite spent running it); elsewhere through knex, in a transaction
 * retried when the database picks it as a deadlock victim.
 */
import type { Knex, SqliteConn } from '../db/index.js';
import { TRACE_CODES_TABLE, TRACE_UPLOADS_TABLE } from './traceTables.js';
import type { CheckedRecord, UploadStatus } from './types.js';

/** A state change to write for one record. */
export interface RecordWrite {
  checked: CheckedRecord;
  status: UploadStatus;
  reason?: string | null;
  message?: string | null;
  infno?: string | null;
  request_digest?: string | null;
  batch_pos?: number | null;
}

export interface Outcome {
  record_key: string;
  status: UploadStatus;
  reason?: string | null;
  message?: string | null;
  msgid?: string | null;
}

const CHUNK = 400;

export function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * InnoDB (and PostgreSQL) may pick one of two concurrent journal transactions as a deadlock victim
 * (gap locks of inserts beside updates, with many requests in flight). The victim was rolled back
 * whole, so running it again is safe; it is retried a few times before the error stands.
 */
export async function retryDeadlock<T>(fn: () => Promise<T>, tries = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const err = e as { code?: unknown; errno?: unknown };
      const deadlock = err.code === 'ER_LOCK_DEADLOCK' || err.errno === 1213 || err.code === '40P01';
      if (!deadlock || i >= tries) throw e;
      await new Promise((r) => setTimeout(r, 20 * i));
    }
  }
}

/** A record's columns that a write sets from the record and its state (native path: in this order). */
const FIELD_COLUMNS = [
  'kind',
  'record_id',
  'day',
  'op_time',
  'fixmedins_hilist_id',
  'med_list_codg',
  'cnt',
  'orig_record_id',
  'trdn_flag',
  'code_cnt',
  'content_digest',
  'status',
  'reason',
  'message',
  'infno',
  'request_digest',
  'batch_pos',
  'run_id',
  'updated_at',
];
/** A new record's row: its key, the fields, then msgid, attempts, created_at, sent_at, accepted_at. */
const UPLOAD_COLUMNS = [
  'fixmedins_code',
  'record_key',
  ...FIELD_COLUMNS,
  'msgid',
  'attempts',
  'created_at',
  'sent_at',
  'accepted_at',
];

/** The values of FIELD_COLUMNS, in order. */
function fieldValues(w: RecordWrite, runId: string, at: string): unknown[] {
  const c = w.checked;
  const r = c.record;
  const trdn = r.fields.trdn_flag;
  return [
    r.kind,
    r.id,
    r.day,
    r.time,
    r.fixmedins_hilist_id || null,
    c.med_list_codg ?? null,
    r.cnt ?? null,
    r.origId ?? null,
    trdn === null || trdn === undefined ? null : String(trdn),
    c.codes.length,
    c.digest ?? null,
    w.status,
    w.reason ?? null,
    w.message ?? null,
    w.infno ?? null,
    w.request_digest ?? null,
    w.batch_pos ?? null,
    runId,
    at,
  ];
}

/** What a write decides from: the record's row as the journal holds it. */
interface Prior {
  content_digest: string | null;
  attempts: number;
  request_digest: string | null;
  batch_pos: number | null;
}

/** Unchanged and sent again in the same request (a retry): only its state and attempt change. */
const isResend = (w: RecordWrite, p: Prior) =>
  w.status === 'sending' &&
  p.content_digest === (w.checked.digest ?? null) &&
  p.request_digest === (w.request_digest ?? null) &&
  Number(p.batch_pos) === w.batch_pos;

/**
 * Records on SQLite's own connection. A new record (the common case) is inserted straight away
 * (the insert itself finds an existing row, and only then is the row read back to decide).
 */
export function writeRecordsNative(
  conn: SqliteConn,
  code: string,
  writes: readonly RecordWrite[],
  runId: string,
  at: string,
): void {
  const T = TRACE_UPLOADS_TABLE.name;
  const insert = conn.prepare(
    `INSERT INTO ${T} (${UPLOAD_COLUMNS.join(', ')}) VALUES (${UPLOAD_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (fixmedins_code, record_key) DO NOTHING`,
  );
  const insertCode = conn.prepare(
    `INSERT INTO ${TRACE_CODES_TABLE.name} (fixmedins_code, record_key, seq, drug_trac_codg, kind, op_time) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertCodes = (c: CheckedRecord) => {
    for (let i = 0; i < c.codes.length; i++)
      insertCode.run(code, c.record.key, i + 1, c.codes[i], c.record.kind, c.record.time);
  };
  for (const w of writes) {
    const sending = w.status === 'sending';
    const fields = fieldValues(w, runId, at);
    if (
      insert.run(code, w.checked.record.key, ...fields, null, sending ? 1 : 0, at, sending ? at : null, null)
        .changes === 1
    )
      insertCodes(w.checked);
    else rewriteNative(conn, code, w, fields, runId, at, insertCodes);
  }
}

/** A record the journal holds already: sent again, or its state (and, when changed, its codes) rewritten. */
function rewriteNative(
  conn: SqliteConn,
  code: string,
  w: RecordWrite,
  fields: unknown[],
  runId: string,
  at: string,
  insertCodes: (c: CheckedRecord) => void,
): void {
  const T = TRACE_UPLOADS_TABLE.name;
  const key = w.checked.record.key;
  const p = conn
    .prepare(
      `SELECT content_digest, attempts, request_digest, batch_pos FROM ${T} WHERE fixmedins_code = ? AND record_key = ?`,
    )
    .get(code, key) as Prior;
  if (isResend(w, p)) {
    conn
      .prepare(
        `UPDATE ${T} SET status = 'sending', reason = NULL, message = NULL, msgid = NULL, infno = ?, attempts = attempts + 1, run_id = ?, updated_at = ?, sent_at = ? WHERE fixmedins_code = ? AND record_key = ?`,
      )
      .run(w.infno ?? null, runId, at, at, code, key);
    return;
  }
  const set = FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ');
  if (w.status === 'sending')
    conn
      .prepare(
        `UPDATE ${T} SET ${set}, msgid = NULL, attempts = ?, sent_at = ? WHERE fixmedins_code = ? AND record_key = ?`,
      )
      .run(...fields, Number(p.attempts) + 1, at, code, key);
  else conn.prepare(`UPDATE ${T} SET ${set} WHERE fixmedins_code = ? AND record_key = ?`).run(...fields, code, key);
  if (p.content_digest !== (w.checked.digest ?? null)) {
    conn.prepare(`DELETE FROM ${TRACE_CODES_TABLE.name} WHERE fixmedins_code = ? AND record_key = ?`).run(code, key);
    insertCodes(w.checked);
  }
}

/** Records through knex (PostgreSQL, MySQL, …): the same rows and the same decisions, 200 records a round. */
export async function writeRecordsKnex(
  knex: Knex,
  code: string,
  writes: readonly RecordWrite[],
  runId: string,
  at: string,
): Promise<void> {
  await retryDeadlock(() =>
    knex.transaction(async (trx: Knex.Transaction) => {
      for (const part of chunks(writes, 200)) await writePartKnex(trx, code, part, runId, at);
    }),
  );
}

async function writePartKnex(
  trx: Knex.Transaction,
  code: string,
  part: readonly RecordWrite[],
  runId: string,
  at: string,
): Promise<void> {
  const existing = await priorsKnex(trx, code, part);
  const inserts: Record<string, unknown>[] = [];
  const codeRows: Record<string, unknown>[] = [];
  const rewriteCodes: string[] = [];
  // Unchanged records sent again in the same request (a retry) are updated together.
  const resend = new Map<string, RecordWrite[]>();
  for (const w of part) {
    const key = w.checked.record.key;
    const sending = w.status === 'sending';
    const values = fieldValues(w, runId, at);
    const fields = Object.fromEntries(FIELD_COLUMNS.map((c, i) => [c, values[i]]));
    const prior = existing.get(key);
    if (!prior) {
      inserts.push({
        fixmedins_code: code,
        record_key: key,
        ...fields,
        msgid: null,
        attempts: sending ? 1 : 0,
        created_at: at,
        sent_at: sending ? at : null,
        accepted_at: null,
      });
      pushCodeRows(codeRows, code, w.checked);
    } else if (isResend(w, prior)) {
      const k = JSON.stringify([w.infno ?? null, w.request_digest ?? null]);
      resend.set(k, [...(resend.get(k) ?? []), w]);
    } else {
      await trx(TRACE_UPLOADS_TABLE.name)
        .where({ fixmedins_code: code, record_key: key })
        .update({ ...fields, ...(sending ? { msgid: null, attempts: prior.attempts + 1, sent_at: at } : {}) });
      if (prior.content_digest !== (w.checked.digest ?? null)) {
        rewriteCodes.push(key);
        pushCodeRows(codeRows, code, w.checked);
      }
    }
  }
  for (const list of resend.values()) await resendKnex(trx, code, list, runId, at);
  if (rewriteCodes.length)
    await trx(TRACE_CODES_TABLE.name).where({ fixmedins_code: code }).whereIn('record_key', rewriteCodes).delete();
  for (const p of chunks(inserts, 50)) await trx(TRACE_UPLOADS_TABLE.name).insert(p);
  for (const p of chunks(codeRows, 150)) await trx(TRACE_CODES_TABLE.name).insert(p);
}

/** The journal's rows of the part's records that exist already, by record key. */
async function priorsKnex(
  trx: Knex.Transaction,
  code: string,
  part: readonly RecordWrite[],
): Promise<Map<string, Prior>> {
  const existing = new Map<string, Prior>();
  const rows = (await trx(TRACE_UPLOADS_TABLE.name)
    .where({ fixmedins_code: code })
    .whereIn(
      'record_key',
      part.map((w) => w.checked.record.key),
    )
    .select('record_key', 'content_digest', 'attempts', 'request_digest', 'batch_pos')) as Array<
    Prior & { record_key: string }
  >;
  for (const r of rows) existing.set(r.record_key, r);
  return existing;
}

/** One row per code of the record, in the record's order. */
function pushCodeRows(codeRows: Record<string, unknown>[], code: string, c: CheckedRecord): void {
  c.codes.forEach((drug_trac_codg, i) =>
    codeRows.push({
      fixmedins_code: code,
      record_key: c.record.key,
      seq: i + 1,
      drug_trac_codg,
      kind: c.record.kind,
      op_time: c.record.time,
    }),
  );
}

/** Unchanged records sent again in one request: one update marks them all `sending` once more. */
async function resendKnex(
  trx: Knex.Transaction,
  code: string,
  list: readonly RecordWrite[],
  runId: string,
  at: string,
): Promise<void> {
  await trx(TRACE_UPLOADS_TABLE.name)
    .where({ fixmedins_code: code })
    .whereIn(
      'record_key',
      list.map((w) => w.checked.record.key),
    )
    .update({
      status: 'sending',
      reason: null,
      message: null,
      msgid: null,
      infno: list[0]!.infno ?? null,
      attempts: trx.raw('attempts + 1'),
      run_id: runId,
      updated_at: at,
      sent_at: at,
    });
}
