/**
 * The client's bookkeeping in hisops's journal database:
 *
 * - `hisops_center_calls`: one row per state-changing call, written *before* the request is sent
 *   (status `pending`) and updated after (`ok`, `failed`, or `unknown` when the center may have
 *   carried it out but no answer came). The stuck-settlement job resolves `unknown` rows — and
 *   `pending` rows left by a killed process, which mean the same — by msgid.
 * - `hisops_center_signins`: today's sign_no per institution and operator, shared by every
 *   process that uses the same journal.
 * - `hisops_center_msgid_blocks`: msgid sequence blocks reserved per second (see msgidAllocator.ts).
 *
 * Rows never hold secrets; request inputs are stored redacted (see redact.ts).
 */
import { isNativeSqlite, sqliteInsert, sqliteUpdate, withSqliteGrouped } from '../../db/index.js';
import { widenColumns, type Journal, type JournalTable } from '../../journal/index.js';

/** What the client needs of a Journal (structural, so tests and other stores can pass their own). */
export type JournalLike = Pick<Journal, 'ensure' | 'knex'>;

export type CallStatus = 'pending' | 'ok' | 'failed' | 'unknown';

export const CENTER_CALLS_TABLE: JournalTable = {
  name: 'hisops_center_calls',
  build: (t) => {
    t.string('msgid', 30).primary();
    t.string('infno', 10).notNullable();
    t.string('fixmedins_code', 30).notNullable();
    t.string('opter', 30).nullable();
    t.string('run_id', 40).nullable();
    t.string('request_digest', 64).notNullable();
    t.text('request').notNullable();
    t.string('status', 10).notNullable();
    // Values the center issues get room beyond the published lengths: a center that sends a
    // longer one must not make every later call fail (see docs/locks.md, journal migrations).
    t.string('psn_no', 64).nullable();
    t.string('mdtrt_id', 64).nullable();
    t.string('setl_id', 64).nullable();
    t.string('ref_msgid', 30).nullable();
    t.string('infcode', 40).nullable();
    t.text('err_msg').nullable();
    t.text('error').nullable();
    t.text('output').nullable();
    t.string('inf_refmsgid', 64).nullable();
    t.integer('http_status').nullable();
    t.string('created_at', 30).notNullable();
    t.string('finished_at', 30).nullable();
    t.integer('duration_ms').nullable();
    t.text('resolution').nullable();
    t.string('resolved_at', 30).nullable();
    t.index(['status'], 'hisops_center_calls_status');
    t.index(['infno', 'created_at'], 'hisops_center_calls_infno');
    t.index(['setl_id'], 'hisops_center_calls_setl');
    t.index(['mdtrt_id'], 'hisops_center_calls_mdtrt');
  },
  migrations: [
    widenColumns('001-widen-center-values', 'hisops_center_calls', [
      { name: 'psn_no', length: 64, nullable: true },
      { name: 'mdtrt_id', length: 64, nullable: true },
      { name: 'setl_id', length: 64, nullable: true },
      { name: 'infcode', length: 40, nullable: true },
      { name: 'inf_refmsgid', length: 64, nullable: true },
    ]),
  ],
};

export const CENTER_SIGNINS_TABLE: JournalTable = {
  name: 'hisops_center_signins',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('opter', 30).notNullable();
    t.string('sign_day', 10).notNullable();
    // The protocol says 30; a real center issued 32 characters.
    t.string('sign_no', 100).notNullable();
    t.string('sign_time', 40).nullable();
    t.string('signed_in_at', 30).notNullable();
    t.string('signed_out_at', 30).nullable();
    t.primary(['fixmedins_code', 'opter', 'sign_day']);
  },
  migrations: [
    widenColumns('001-widen-sign-no', 'hisops_center_signins', [
      { name: 'sign_no', length: 100, nullable: false },
      { name: 'sign_time', length: 40, nullable: true },
    ]),
  ],
};

export const CENTER_MSGID_BLOCKS_TABLE: JournalTable = {
  name: 'hisops_center_msgid_blocks',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('stamp', 14).notNullable();
    t.integer('block').notNullable();
    t.string('reserved_at', 30).notNullable();
    t.primary(['fixmedins_code', 'stamp', 'block']);
  },
};

export interface CenterCallRecord {
  msgid: string;
  infno: string;
  fixmedins_code: string;
  opter: string | null;
  run_id: string | null;
  request_digest: string;
  /** Redacted request input, JSON. */
  request: string;
  status: CallStatus;
  psn_no: string | null;
  mdtrt_id: string | null;
  setl_id: string | null;
  /** For 2601: the reversed call's msgid (omsgid). */
  ref_msgid: string | null;
  infcode: string | null;
  err_msg: string | null;
  /** JSON {code, summary, why} of the failure. */
  error: string | null;
  /** The center's `output`, JSON. */
  output: string | null;
  inf_refmsgid: string | null;
  http_status: number | null;
  created_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  resolution: string | null;
  resolved_at: string | null;
}

export type CallOutcome = Partial<
  Pick<
    CenterCallRecord,
    | 'setl_id'
    | 'mdtrt_id'
    | 'psn_no'
    | 'infcode'
    | 'err_msg'
    | 'error'
    | 'output'
    | 'inf_refmsgid'
    | 'http_status'
    | 'duration_ms'
  >
> & {
  status: Exclude<CallStatus, 'pending'>;
  finished_at: string;
};

export interface CallQuery {
  status?: CallStatus | readonly CallStatus[];
  infno?: string | readonly string[];
  fixmedins_code?: string;
  /** created_at ≥ since (ISO). */
  since?: string;
  /** created_at < until (ISO). */
  until?: string;
  /** Only rows not yet resolved. */
  unresolved?: boolean;
  limit?: number;
}

/** Unique-key violation on any dialect hisops supports. */
export function isUniqueViolation(e: unknown): boolean {
  const o = e as { code?: unknown; errno?: unknown; number?: unknown; message?: unknown };
  const s = `${String(o?.code ?? '')} ${String(o?.errno ?? '')} ${String(o?.message ?? '')}`;
  return (
    /SQLITE_CONSTRAINT|UNIQUE constraint|23505|ER_DUP_ENTRY|\b1062\b|ORA-00001|duplicate key|Violation of PRIMARY KEY|\b2627\b|\b2601\b/i.test(
      s,
    ) || o?.number === 2627
  );
}

export class CenterCallJournal {
  constructor(readonly journal: JournalLike) {}

  async ensure(): Promise<void> {
    await this.journal.ensure(CENTER_CALLS_TABLE);
  }

  /** Write the pending row. Throws if it cannot be written — the call must then not be sent. */
  async begin(
    row: Omit<
      CenterCallRecord,
      | 'status'
      | 'infcode'
      | 'err_msg'
      | 'error'
      | 'output'
      | 'inf_refmsgid'
      | 'http_status'
      | 'finished_at'
      | 'duration_ms'
      | 'resolution'
      | 'resolved_at'
    >,
  ): Promise<void> {
    await this.ensure();
    // On SQLite past knex (db/sqliteNative.ts): one row per request of a busy upload.
    if (isNativeSqlite(this.journal.knex))
      await withSqliteGrouped(this.journal.knex, (conn) =>
        sqliteInsert(conn, CENTER_CALLS_TABLE.name, { ...row, status: 'pending' }),
      );
    else await this.journal.knex(CENTER_CALLS_TABLE.name).insert({ ...row, status: 'pending' });
  }

  async finish(msgid: string, outcome: CallOutcome): Promise<void> {
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(outcome)) if (v !== undefined) patch[k] = v;
    if (isNativeSqlite(this.journal.knex))
      await withSqliteGrouped(this.journal.knex, (conn) =>
        sqliteUpdate(conn, CENTER_CALLS_TABLE.name, patch, { msgid }),
      );
    else await this.journal.knex(CENTER_CALLS_TABLE.name).where({ msgid }).update(patch);
  }

  async get(msgid: string): Promise<CenterCallRecord | undefined> {
    await this.ensure();
    const row = await this.journal.knex(CENTER_CALLS_TABLE.name).where({ msgid }).first();
    return row ? normalizeRow(row) : undefined;
  }

  async list(q: CallQuery = {}): Promise<CenterCallRecord[]> {
    await this.ensure();
    const b = this.journal.knex(CENTER_CALLS_TABLE.name).select('*');
    if (q.status) b.whereIn('status', typeof q.status === 'string' ? [q.status] : [...q.status]);
    if (q.infno) b.whereIn('infno', typeof q.infno === 'string' ? [q.infno] : [...q.infno]);
    if (q.fixmedins_code) b.where('fixmedins_code', q.fixmedins_code);
    if (q.since) b.where('created_at', '>=', q.since);
    if (q.until) b.where('created_at', '<', q.until);
    if (q.unresolved) b.whereNull('resolved_at');
    b.orderBy('created_at', 'asc').orderBy('msgid', 'asc');
    if (q.limit) b.limit(q.limit);
    return (await b).map(normalizeRow);
  }

  /** Record how a pending/unknown call was settled (by the stuck-settlement job). Status may be corrected too. */
  async resolve(
    msgid: string,
    r: { resolution: string; now: Date; status?: Exclude<CallStatus, 'pending'> },
  ): Promise<void> {
    await this.ensure();
    const patch: Record<string, unknown> = { resolution: r.resolution, resolved_at: r.now.toISOString() };
    if (r.status) patch.status = r.status;
    await this.journal.knex(CENTER_CALLS_TABLE.name).where({ msgid }).update(patch);
  }
}

function normalizeRow(r: Record<string, unknown>): CenterCallRecord {
  return {
    ...(r as unknown as CenterCallRecord),
    http_status: r.http_status === null || r.http_status === undefined ? null : Number(r.http_status),
    duration_ms: r.duration_ms === null || r.duration_ms === undefined ? null : Number(r.duration_ms),
  };
}
