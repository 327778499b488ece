/**
 * The trace job's bookkeeping in hisops's journal:
 *
 * - `hisops_trace_uploads`: one row per record (sale, return, stock movement) and institution —
 *   its state (held, sending, accepted, rejected, retry, unknown), the reason and the center's
 *   message, the transaction and msgid it went in, the digest of its content, attempts, times.
 *   A record is written `sending`, with the digest of the request it travels in, *before* the
 *   request leaves; the center client's own write-ahead row (hisops_center_calls) carries that
 *   same request digest and the msgid, so a run killed in mid-flight leaves nothing unaccounted.
 * - `hisops_trace_upload_codes`: the codes of each record, to answer "was this code sold before?"
 *   for later windows.
 */
import { isNativeSqlite, withSqliteGrouped, type Knex, type SqliteConn } from '../db/index.js';
import { widenColumns, type Journal, type JournalTable } from '../journal/index.js';
import { D } from '../money.js';
import type { HistoryMovement, KnownSale } from './traceChecker.js';
import type { CheckedRecord, KnownRecord, TraceKind, UploadStatus } from './types.js';

/**
 * InnoDB (and PostgreSQL) may pick one of two concurrent journal transactions as a deadlock victim
 * (gap locks of inserts beside updates, with many requests in flight). The victim was rolled back
 * whole, so running it again is safe; it is retried a few times before the error stands.
 */
async function retryDeadlock<T>(fn: () => Promise<T>, tries = 4): Promise<T> {
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

export const TRACE_UPLOADS_TABLE: JournalTable = {
  name: 'hisops_trace_uploads',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('record_key', 60).notNullable();
    t.string('kind', 15).notNullable();
    t.string('record_id', 40).notNullable();
    t.string('day', 10).notNullable();
    t.string('op_time', 19).notNullable();
    t.string('fixmedins_hilist_id', 30).nullable();
    t.string('med_list_codg', 50).nullable();
    t.string('cnt', 24).nullable();
    t.string('orig_record_id', 40).nullable();
    t.string('trdn_flag', 3).nullable();
    t.integer('code_cnt').notNullable();
    t.string('content_digest', 64).nullable();
    t.string('status', 10).notNullable();
    // A held record's reason lists its finding kinds (all of them: 197 characters).
    t.string('reason', 250).nullable();
    t.text('message').nullable();
    t.string('infno', 6).nullable();
    t.string('msgid', 30).nullable();
    t.string('request_digest', 64).nullable();
    t.integer('batch_pos').nullable();
    t.integer('attempts').notNullable();
    t.string('run_id', 40).nullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('sent_at', 30).nullable();
    t.string('accepted_at', 30).nullable();
    t.primary(['fixmedins_code', 'record_key']);
    t.index(['status'], 'hisops_trace_uploads_status');
    t.index(['day', 'kind'], 'hisops_trace_uploads_day');
    t.index(['request_digest'], 'hisops_trace_uploads_request');
    t.index(['fixmedins_code', 'record_id'], 'hisops_trace_uploads_record');
    t.index(['orig_record_id'], 'hisops_trace_uploads_orig');
  },
  migrations: [widenColumns('001-widen-reason', 'hisops_trace_uploads', [{ name: 'reason', length: 250, nullable: true }])],
};

export const TRACE_CODES_TABLE: JournalTable = {
  name: 'hisops_trace_upload_codes',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('record_key', 60).notNullable();
    t.integer('seq').notNullable();
    t.string('drug_trac_codg', 100).notNullable();
    t.string('kind', 15).notNullable();
    t.string('op_time', 19).notNullable();
    t.primary(['fixmedins_code', 'record_key', 'seq']);
    t.index(['drug_trac_codg'], 'hisops_trace_upload_codes_code');
  },
};

/** States in which the center has, or may have, the record: they count as "sold" for later checks. */
const AT_CENTER: UploadStatus[] = ['accepted', 'sending', 'unknown'];

const CHUNK = 400;

/** A record's columns that write() sets from the record and its state (native path: in this order). */
const FIELD_COLUMNS = ['kind', 'record_id', 'day', 'op_time', 'fixmedins_hilist_id', 'med_list_codg', 'cnt', 'orig_record_id', 'trdn_flag', 'code_cnt', 'content_digest', 'status', 'reason', 'message', 'infno', 'request_digest', 'batch_pos', 'run_id', 'updated_at'];
/** A new record's row: its key, the fields, then msgid, attempts, created_at, sent_at, accepted_at. */
const UPLOAD_COLUMNS = ['fixmedins_code', 'record_key', ...FIELD_COLUMNS, 'msgid', 'attempts', 'created_at', 'sent_at', 'accepted_at'];

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export interface UploadRow {
  fixmedins_code: string;
  record_key: string;
  kind: TraceKind;
  record_id: string;
  day: string;
  op_time: string;
  fixmedins_hilist_id: string | null;
  med_list_codg: string | null;
  cnt: string | null;
  orig_record_id: string | null;
  trdn_flag: string | null;
  code_cnt: number;
  content_digest: string | null;
  status: UploadStatus;
  reason: string | null;
  message: string | null;
  infno: string | null;
  msgid: string | null;
  request_digest: string | null;
  batch_pos: number | null;
  attempts: number;
  run_id: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  accepted_at: string | null;
}

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

export interface StatusGroup {
  day: string;
  kind: TraceKind;
  status: UploadStatus;
  reason: string | null;
  records: number;
  codes: number;
  /** One of the center's messages for the group (rejections). */
  message: string | null;
}

export class TraceJournal {
  private ensured = false;

  constructor(
    readonly journal: Pick<Journal, 'ensure' | 'knex'>,
    readonly fixmedins_code: string,
    /** Reads only (a dry run, a check, status): tables not there yet are read as empty, never created. */
    readonly opts: { readOnly?: boolean } = {},
  ) {}

  /** Whether there is anything to read (creating the tables first unless read-only). */
  private async readable(): Promise<boolean> {
    if (!this.opts.readOnly) {
      await this.ensure();
      return true;
    }
    if (this.ensured) return true;
    this.ensured = (await this.knex.schema.hasTable(TRACE_UPLOADS_TABLE.name)) && (await this.knex.schema.hasTable(TRACE_CODES_TABLE.name));
    return this.ensured;
  }

  private get knex(): Knex {
    return this.journal.knex;
  }

  /**
   * A table to read through one of its indexes. SQLite, without statistics, prefers the primary
   * key whenever fixmedins_code (its first column) is compared, and then walks every row of the
   * institution for each lookup: a run's lookups grew with the journal (most of a 100k-code
   * upload went into them). Told the index, each lookup is a few index probes. Other databases
   * plan from statistics and get the plain table.
   */
  private tableBy(table: string, alias: string, index: string): string | Knex.Raw {
    const dialect = String((this.knex.client as { dialect?: unknown }).dialect ?? '');
    return dialect.includes('sqlite') ? this.knex.raw(`?? as ${alias} indexed by ??`, [table, index]) : `${table} as ${alias}`;
  }

  async ensure(): Promise<void> {
    if (this.ensured) return;
    await this.journal.ensure(TRACE_UPLOADS_TABLE);
    await this.journal.ensure(TRACE_CODES_TABLE);
    this.ensured = true;
  }

  /** What the journal holds of these records. */
  async known(keys: readonly string[]): Promise<Map<string, KnownRecord & { row: UploadRow }>> {
    if (!(await this.readable())) return new Map<string, KnownRecord & { row: UploadRow }>();
    const out = new Map<string, KnownRecord & { row: UploadRow }>();
    for (const part of chunks(keys)) {
      const rows = (await this.knex(TRACE_UPLOADS_TABLE.name).where({ fixmedins_code: this.fixmedins_code }).whereIn('record_key', part)) as UploadRow[];
      for (const r of rows) out.set(r.record_key, { status: r.status, content_digest: r.content_digest, row: r });
    }
    return out;
  }

  /** Sales and returns of these codes before `before` that the center has or may have. */
  async history(codes: readonly string[], before: string): Promise<HistoryMovement[]> {
    if (!(await this.readable())) return [];
    const out: HistoryMovement[] = [];
    for (const part of chunks(codes)) {
      const rows = (await this.knex
        .from(this.tableBy(TRACE_CODES_TABLE.name, 'c', 'hisops_trace_upload_codes_code'))
        .join(`${TRACE_UPLOADS_TABLE.name} as u`, function (this: Knex.JoinClause) {
          this.on('u.fixmedins_code', '=', 'c.fixmedins_code').andOn('u.record_key', '=', 'c.record_key');
        })
        .where('c.fixmedins_code', this.fixmedins_code)
        .whereIn('c.drug_trac_codg', part)
        .whereIn('c.kind', ['sale', 'return'])
        .where('c.op_time', '<', before)
        .whereIn('u.status', AT_CENTER)
        .select('c.drug_trac_codg', 'c.kind', 'u.record_id', 'c.op_time', 'u.trdn_flag')) as Array<{ drug_trac_codg: string; kind: 'sale' | 'return'; record_id: string; op_time: string; trdn_flag: string | null }>;
      out.push(...rows);
    }
    return out;
  }

  /** Sales before `before` (by record id) with what was returned of them before `before`. */
  async knownSales(ids: readonly string[], before: string): Promise<KnownSale[]> {
    if (!(await this.readable())) return [];
    const out: KnownSale[] = [];
    for (const part of chunks(ids)) {
      const sales = (await this.knex(TRACE_UPLOADS_TABLE.name)
        .where({ fixmedins_code: this.fixmedins_code, kind: 'sale' })
        .whereIn('record_id', part)
        .where('op_time', '<', before)
        .whereIn('status', AT_CENTER)
        .select('record_id', 'cnt')) as Array<{ record_id: string; cnt: string | null }>;
      if (!sales.length) continue;
      const returns = (await this.knex
        .from(this.tableBy(TRACE_UPLOADS_TABLE.name, 'r', 'hisops_trace_uploads_orig'))
        .where({ fixmedins_code: this.fixmedins_code, kind: 'return' })
        .whereIn('orig_record_id', sales.map((s) => s.record_id))
        .where('op_time', '<', before)
        .whereIn('status', AT_CENTER)
        .select('orig_record_id', 'cnt')) as Array<{ orig_record_id: string; cnt: string | null }>;
      for (const s of sales) {
        const returned = returns.filter((r) => r.orig_record_id === s.record_id).reduce((acc, r) => acc.plus(D(r.cnt ?? '0')), D(0));
        out.push({ record_id: s.record_id, cnt: s.cnt, returned: returned.toString() });
      }
    }
    return out;
  }

  /**
   * Write records in a state (held before anything, sending before the request leaves). New
   * records get their row and codes; a record whose content changed gets its codes rewritten.
   */
  async write(writes: readonly RecordWrite[], runId: string, now: Date): Promise<void> {
    if (!writes.length) return;
    if (this.opts.readOnly) throw new Error('TraceJournal: write in a read-only run');
    await this.ensure();
    const at = now.toISOString();
    if (isNativeSqlite(this.knex)) {
      await withSqliteGrouped(this.knex, (conn) => this.writeNative(conn, writes, runId, at));
      return;
    }
    await retryDeadlock(() => this.knex.transaction(async (trx: Knex.Transaction) => {
      for (const part of chunks(writes, 200)) {
        type Prior = { record_key: string; content_digest: string | null; attempts: number; request_digest: string | null; batch_pos: number | null };
        const existing = new Map<string, Prior>();
        const rows = (await trx(TRACE_UPLOADS_TABLE.name)
          .where({ fixmedins_code: this.fixmedins_code })
          .whereIn(
            'record_key',
            part.map((w) => w.checked.record.key),
          )
          .select('record_key', 'content_digest', 'attempts', 'request_digest', 'batch_pos')) as Prior[];
        for (const r of rows) existing.set(r.record_key, r);
        const inserts: Record<string, unknown>[] = [];
        const codeRows: Record<string, unknown>[] = [];
        const rewriteCodes: string[] = [];
        // Unchanged records sent again in the same request (a retry) are updated together.
        const resend = new Map<string, RecordWrite[]>();
        for (const w of part) {
          const c = w.checked;
          const r = c.record;
          const sending = w.status === 'sending';
          const fields = {
            kind: r.kind,
            record_id: r.id,
            day: r.day,
            op_time: r.time,
            fixmedins_hilist_id: r.fixmedins_hilist_id || null,
            med_list_codg: c.med_list_codg,
            cnt: r.cnt,
            orig_record_id: r.origId,
            trdn_flag: r.fields.trdn_flag === null || r.fields.trdn_flag === undefined ? null : String(r.fields.trdn_flag),
            code_cnt: c.codes.length,
            content_digest: c.digest ?? null,
            status: w.status,
            reason: w.reason ?? null,
            message: w.message ?? null,
            infno: w.infno ?? null,
            request_digest: w.request_digest ?? null,
            batch_pos: w.batch_pos ?? null,
            run_id: runId,
            updated_at: at,
          };
          const prior = existing.get(r.key);
          if (!prior) {
            inserts.push({ fixmedins_code: this.fixmedins_code, record_key: r.key, ...fields, msgid: null, attempts: sending ? 1 : 0, created_at: at, sent_at: sending ? at : null, accepted_at: null });
            c.codes.forEach((code, i) => codeRows.push({ fixmedins_code: this.fixmedins_code, record_key: r.key, seq: i + 1, drug_trac_codg: code, kind: r.kind, op_time: r.time }));
          } else if (sending && prior.content_digest === (c.digest ?? null) && prior.request_digest === (w.request_digest ?? null) && Number(prior.batch_pos) === w.batch_pos) {
            const k = JSON.stringify([w.infno ?? null, w.request_digest ?? null]);
            const list = resend.get(k) ?? [];
            list.push(w);
            resend.set(k, list);
          } else {
            await trx(TRACE_UPLOADS_TABLE.name)
              .where({ fixmedins_code: this.fixmedins_code, record_key: r.key })
              .update({ ...fields, ...(sending ? { msgid: null, attempts: prior.attempts + 1, sent_at: at } : {}) });
            if (prior.content_digest !== (c.digest ?? null)) {
              rewriteCodes.push(r.key);
              c.codes.forEach((code, i) => codeRows.push({ fixmedins_code: this.fixmedins_code, record_key: r.key, seq: i + 1, drug_trac_codg: code, kind: r.kind, op_time: r.time }));
            }
          }
        }
        for (const list of resend.values()) {
          const keys = list.map((w) => w.checked.record.key);
          await trx(TRACE_UPLOADS_TABLE.name)
            .where({ fixmedins_code: this.fixmedins_code })
            .whereIn('record_key', keys)
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
        if (rewriteCodes.length) await trx(TRACE_CODES_TABLE.name).where({ fixmedins_code: this.fixmedins_code }).whereIn('record_key', rewriteCodes).delete();
        for (const p of chunks(inserts, 50)) await trx(TRACE_UPLOADS_TABLE.name).insert(p);
        for (const p of chunks(codeRows, 150)) await trx(TRACE_CODES_TABLE.name).insert(p);
      }
    }));
  }

  /**
   * write() on SQLite's own connection: the same rows and the same decisions, one prepared
   * statement per row (SQLite runs a prepared single-row statement in microseconds; knex spent
   * far longer building each multi-row statement than SQLite spent running it).
   */
  private writeNative(conn: SqliteConn, writes: readonly RecordWrite[], runId: string, at: string): void {
    const T = TRACE_UPLOADS_TABLE.name;
    const prior = conn.prepare(`SELECT content_digest, attempts, request_digest, batch_pos FROM ${T} WHERE fixmedins_code = ? AND record_key = ?`);
    const insert = conn.prepare(`INSERT INTO ${T} (${UPLOAD_COLUMNS.join(', ')}) VALUES (${UPLOAD_COLUMNS.map(() => '?').join(', ')})`);
    const insertCode = conn.prepare(`INSERT INTO ${TRACE_CODES_TABLE.name} (fixmedins_code, record_key, seq, drug_trac_codg, kind, op_time) VALUES (?, ?, ?, ?, ?, ?)`);
    const deleteCodes = conn.prepare(`DELETE FROM ${TRACE_CODES_TABLE.name} WHERE fixmedins_code = ? AND record_key = ?`);
    const update = conn.prepare(`UPDATE ${T} SET ${FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE fixmedins_code = ? AND record_key = ?`);
    const updateSent = conn.prepare(`UPDATE ${T} SET ${FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ')}, msgid = NULL, attempts = ?, sent_at = ? WHERE fixmedins_code = ? AND record_key = ?`);
    const resend = conn.prepare(`UPDATE ${T} SET status = 'sending', reason = NULL, message = NULL, msgid = NULL, infno = ?, attempts = attempts + 1, run_id = ?, updated_at = ?, sent_at = ? WHERE fixmedins_code = ? AND record_key = ?`);
    const code = this.fixmedins_code;
    for (const w of writes) {
      const c = w.checked;
      const r = c.record;
      const sending = w.status === 'sending';
      const digest = c.digest ?? null;
      const fields = [
        r.kind,
        r.id,
        r.day,
        r.time,
        r.fixmedins_hilist_id || null,
        c.med_list_codg ?? null,
        r.cnt ?? null,
        r.origId ?? null,
        r.fields.trdn_flag === null || r.fields.trdn_flag === undefined ? null : String(r.fields.trdn_flag),
        c.codes.length,
        digest,
        w.status,
        w.reason ?? null,
        w.message ?? null,
        w.infno ?? null,
        w.request_digest ?? null,
        w.batch_pos ?? null,
        runId,
        at,
      ];
      const p = prior.get(code, r.key) as { content_digest: string | null; attempts: number; request_digest: string | null; batch_pos: number | null } | undefined;
      if (!p) {
        insert.run(code, r.key, ...fields, null, sending ? 1 : 0, at, sending ? at : null, null);
        for (let i = 0; i < c.codes.length; i++) insertCode.run(code, r.key, i + 1, c.codes[i], r.kind, r.time);
        continue;
      }
      if (sending && p.content_digest === digest && p.request_digest === (w.request_digest ?? null) && Number(p.batch_pos) === w.batch_pos) {
        // Unchanged and sent again in the same request (a retry).
        resend.run(w.infno ?? null, runId, at, at, code, r.key);
        continue;
      }
      if (sending) updateSent.run(...fields, Number(p.attempts) + 1, at, code, r.key);
      else update.run(...fields, code, r.key);
      if (p.content_digest !== digest) {
        deleteCodes.run(code, r.key);
        for (let i = 0; i < c.codes.length; i++) insertCode.run(code, r.key, i + 1, c.codes[i], r.kind, r.time);
      }
    }
  }

  /** writeOutcomes on SQLite's own connection: one prepared update per record, one transaction. */
  private writeOutcomesNative(conn: SqliteConn, last: ReadonlyMap<string, { o: Outcome; at: string }>): void {
    const T = TRACE_UPLOADS_TABLE.name;
    const base = `UPDATE ${T} SET status = ?, reason = ?, message = ?, updated_at = ?, accepted_at = CASE WHEN ? THEN ? ELSE accepted_at END`;
    const plain = conn.prepare(`${base} WHERE fixmedins_code = ? AND record_key = ?`);
    const withMsgid = conn.prepare(`${base}, msgid = ? WHERE fixmedins_code = ? AND record_key = ?`);
    for (const [key, { o, at }] of last) {
      const head = [o.status, o.reason ?? null, o.message ?? null, at, o.status === 'accepted' ? 1 : 0, at];
      if (o.msgid !== undefined) withMsgid.run(...head, o.msgid, this.fixmedins_code, key);
      else plain.run(...head, this.fixmedins_code, key);
    }
  }

  /** Outcomes waiting for the transaction that writes them (see outcomes). */
  private waiting: Array<{ list: readonly Outcome[]; at: string; done: (e?: unknown) => void }> = [];
  private writing = false;

  /**
   * Record outcomes (the center's answer, or what became of the attempt). Answers that arrive
   * while an earlier write is running are written together, in the order they came, in the next
   * transaction: with many requests in flight that is one commit for several answers. Resolves
   * once this call's outcomes are committed.
   */
  async outcomes(list: readonly Outcome[], now: Date): Promise<void> {
    if (!list.length) return;
    if (this.opts.readOnly) throw new Error('TraceJournal: write in a read-only run');
    await this.ensure();
    const at = now.toISOString();
    await new Promise<void>((resolve, reject) => {
      this.waiting.push({ list, at, done: (e) => (e === undefined ? resolve() : reject(e)) });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length) {
        const batch = this.waiting.splice(0);
        try {
          await this.writeOutcomes(batch);
          for (const b of batch) b.done();
        } catch (e) {
          for (const b of batch) b.done(e ?? new Error('outcomes not written'));
        }
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeOutcomes(batch: ReadonlyArray<{ list: readonly Outcome[]; at: string }>): Promise<void> {
    // A record named twice gets the later outcome; records that share an outcome (a whole
    // accepted batch) are updated with one statement.
    const last = new Map<string, { o: Outcome; at: string }>();
    for (const { list, at } of batch) for (const o of list) last.set(o.record_key, { o, at });
    if (isNativeSqlite(this.knex)) {
      await withSqliteGrouped(this.knex, (conn) => this.writeOutcomesNative(conn, last));
      return;
    }
    const groups = new Map<string, { o: Outcome; at: string; keys: string[] }>();
    for (const [key, { o, at }] of last) {
      const k = JSON.stringify([o.status, o.reason ?? null, o.message ?? null, o.msgid ?? null, at]);
      const g = groups.get(k) ?? { o, at, keys: [] };
      g.keys.push(key);
      groups.set(k, g);
    }
    await retryDeadlock(() => this.knex.transaction(async (trx: Knex.Transaction) => {
      for (const { o, at, keys } of groups.values()) {
        for (const part of chunks(keys)) {
          await trx(TRACE_UPLOADS_TABLE.name)
            .where({ fixmedins_code: this.fixmedins_code })
            .whereIn('record_key', part)
            .update({
              status: o.status,
              reason: o.reason ?? null,
              message: o.message ?? null,
              ...(o.msgid !== undefined ? { msgid: o.msgid } : {}),
              updated_at: at,
              ...(o.status === 'accepted' ? { accepted_at: at } : {}),
            });
        }
      }
    }));
  }

  /** Records whose last request has no recorded outcome (a killed run) or an uncertain one. */
  async unresolved(): Promise<UploadRow[]> {
    if (!(await this.readable())) return [];
    return (await this.knex(TRACE_UPLOADS_TABLE.name)
      .where({ fixmedins_code: this.fixmedins_code })
      .whereIn('status', ['sending', 'unknown'])
      .orderBy(['request_digest', 'batch_pos'])) as UploadRow[];
  }

  /** The records that last went in a request (by its digest), whatever their state now. */
  async byRequest(request_digest: string): Promise<UploadRow[]> {
    if (!(await this.readable())) return [];
    return (await this.knex(TRACE_UPLOADS_TABLE.name).where({ fixmedins_code: this.fixmedins_code, request_digest }).orderBy('batch_pos')) as UploadRow[];
  }

  /** Rejected (or held) records, optionally of one reason (the code or a piece of the center's message). */
  async rejected(o: { reason?: string; statuses?: UploadStatus[] } = {}): Promise<UploadRow[]> {
    if (!(await this.readable())) return [];
    const q = this.knex(TRACE_UPLOADS_TABLE.name)
      .where({ fixmedins_code: this.fixmedins_code })
      .whereIn('status', o.statuses ?? ['rejected'])
      .orderBy(['day', 'op_time', 'record_key']);
    const rows = (await q) as UploadRow[];
    if (!o.reason) return rows;
    const want = o.reason.toLowerCase();
    return rows.filter((r) => (r.reason ?? '').toLowerCase() === want || (r.message ?? '').toLowerCase().includes(want) || (r.reason ?? '').toLowerCase().split(',').includes(want));
  }

  /** Counts per day, kind, state and reason (for `trace status`). */
  async summary(w?: { from: string; to: string }): Promise<StatusGroup[]> {
    if (!(await this.readable())) return [];
    const q = this.knex(TRACE_UPLOADS_TABLE.name)
      .where({ fixmedins_code: this.fixmedins_code })
      .groupBy('day', 'kind', 'status', 'reason')
      .select('day', 'kind', 'status', 'reason')
      .count({ records: '*' })
      .sum({ codes: 'code_cnt' })
      .max({ message: 'message' })
      .orderBy(['day', 'kind', 'status', 'reason']);
    if (w) q.where('day', '>=', w.from).where('day', '<=', w.to);
    const rows = (await q) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      day: String(r.day),
      kind: r.kind as TraceKind,
      status: r.status as UploadStatus,
      reason: r.reason === null || r.reason === undefined ? null : String(r.reason),
      records: Number(r.records),
      codes: Number(r.codes ?? 0),
      message: r.message === null || r.message === undefined ? null : String(r.message),
    }));
  }
}
