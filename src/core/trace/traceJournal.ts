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
import { isNativeSqlite, withSqlite, withSqliteGrouped, type Knex } from '../db/index.js';
import type { Journal } from '../journal/index.js';
import { D } from '../money.js';
import type { HistoryMovement, KnownSale } from './traceChecker.js';
import { TRACE_CODES_TABLE, TRACE_UPLOADS_TABLE } from './traceTables.js';
import { writeOutcomesKnex, writeOutcomesNative } from './traceOutcomeWrites.js';
import { chunks, writeRecordsKnex, writeRecordsNative, type Outcome, type RecordWrite } from './traceJournalWrites.js';
import type { KnownRecord, TraceKind, UploadStatus } from './types.js';

export { TRACE_CODES_TABLE, TRACE_UPLOADS_TABLE } from './traceTables.js';
export type { Outcome, RecordWrite } from './traceJournalWrites.js';

/** States in which the center has, or may have, the record: they count as "sold" for later checks. */
const AT_CENTER: UploadStatus[] = ['accepted', 'sending', 'unknown'];

const marks = (n: number) => Array<string>(n).fill('?').join(', ');

/**
 * history()'s query as knex writes it for SQLite (the same clauses in the same order, so the same
 * plan and row order), run on SQLite's own connection: an upload asks it for every 400 codes.
 */
const HISTORY_SQL = (n: number) =>
  `select c.drug_trac_codg, c.kind, u.record_id, c.op_time, u.trdn_flag from ${TRACE_CODES_TABLE.name} as c indexed by hisops_trace_upload_codes_code inner join ${TRACE_UPLOADS_TABLE.name} as u on u.fixmedins_code = c.fixmedins_code and u.record_key = c.record_key where c.fixmedins_code = ? and c.drug_trac_codg in (${marks(n)}) and c.kind in (?, ?) and c.op_time < ? and u.status in (${marks(AT_CENTER.length)})`;

/** A read on SQLite's own connection (db/sqliteNative.ts), its statement kept prepared. */
function nativeAll<T>(knex: Knex, sql: string, args: readonly unknown[]): Promise<T[]> {
  return withSqlite(knex, (conn) => conn.prepare(sql).all(...args) as T[]);
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
    this.ensured =
      (await this.knex.schema.hasTable(TRACE_UPLOADS_TABLE.name)) &&
      (await this.knex.schema.hasTable(TRACE_CODES_TABLE.name));
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
    return dialect.includes('sqlite')
      ? this.knex.raw(`?? as ${alias} indexed by ??`, [table, index])
      : `${table} as ${alias}`;
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
      const rows = isNativeSqlite(this.knex)
        ? await nativeAll<UploadRow>(
            this.knex,
            `select * from ${TRACE_UPLOADS_TABLE.name} where fixmedins_code = ? and record_key in (${marks(part.length)})`,
            [this.fixmedins_code, ...part],
          )
        : ((await this.knex(TRACE_UPLOADS_TABLE.name)
            .where({ fixmedins_code: this.fixmedins_code })
            .whereIn('record_key', part)) as UploadRow[]);
      for (const r of rows) out.set(r.record_key, { status: r.status, content_digest: r.content_digest, row: r });
    }
    return out;
  }

  /** Sales and returns of these codes before `before` that the center has or may have. */
  async history(codes: readonly string[], before: string): Promise<HistoryMovement[]> {
    if (!(await this.readable())) return [];
    const out: HistoryMovement[] = [];
    for (const part of chunks(codes)) {
      if (isNativeSqlite(this.knex)) {
        for (const r of await nativeAll<HistoryMovement>(this.knex, HISTORY_SQL(part.length), [
          this.fixmedins_code,
          ...part,
          'sale',
          'return',
          before,
          ...AT_CENTER,
        ]))
          out.push(r);
        continue;
      }
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
        .select('c.drug_trac_codg', 'c.kind', 'u.record_id', 'c.op_time', 'u.trdn_flag')) as Array<{
        drug_trac_codg: string;
        kind: 'sale' | 'return';
        record_id: string;
        op_time: string;
        trdn_flag: string | null;
      }>;
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
        .whereIn(
          'orig_record_id',
          sales.map((s) => s.record_id),
        )
        .where('op_time', '<', before)
        .whereIn('status', AT_CENTER)
        .select('orig_record_id', 'cnt')) as Array<{ orig_record_id: string; cnt: string | null }>;
      for (const s of sales) {
        const returned = returns
          .filter((r) => r.orig_record_id === s.record_id)
          .reduce((acc, r) => acc.plus(D(r.cnt ?? '0')), D(0));
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
      await withSqliteGrouped(this.knex, (conn) => writeRecordsNative(conn, this.fixmedins_code, writes, runId, at));
      return;
    }
    await writeRecordsKnex(this.knex, this.fixmedins_code, writes, runId, at);
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
      await withSqliteGrouped(this.knex, (conn) => writeOutcomesNative(conn, this.fixmedins_code, last));
      return;
    }
    await writeOutcomesKnex(this.knex, this.fixmedins_code, last);
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
    return (await this.knex(TRACE_UPLOADS_TABLE.name)
      .where({ fixmedins_code: this.fixmedins_code, request_digest })
      .orderBy('batch_pos')) as UploadRow[];
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
    return rows.filter(
      (r) =>
        (r.reason ?? '').toLowerCase() === want ||
        (r.message ?? '').toLowerCase().includes(want) ||
        (r.reason ?? '').toLowerCase().split(',').includes(want),
    );
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
