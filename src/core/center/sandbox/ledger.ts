/**
 * The sandbox's own books, in one SQLite file: settlements (and their cancellations and
 * reversals), the messages that created them, sign-ins, persons and balances, uploaded and
 * produced files, catalog mappings and drug trace codes. Synchronous (better-sqlite3): the server
 * runs every request inside one transaction, so 32 concurrent clients cannot lose a write.
 *
 * The same class is the seeding API: the demo plants history and reconciliation anomalies with
 * insertSettlement / insertCancellation / reverseSettlement, and tests read the state back with
 * listSettlements / totals / countTraceCodes. See docs/sandbox.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { D, fenOfText, money, round2, textOfFen, ZERO, type Decimal } from '../../money.js';
import { inputError } from '../../errors.js';
import { LEDGER_AMOUNTS, LEDGER_DDL, SCHEMA_VERSION, type LedgerAmount } from './ledgerSchema.js';
import { personAge, personFromCertno, personFromPsnNo, withInsutype, type Person } from './roster.js';
import { simpleSplit, type SetlDetail, type SplitFn } from './simpleSplit.js';
import { VisitStore } from './visits.js';

export type SettlementStatus = 'settled' | 'cancelled' | 'cancellation' | 'reversed';

export type SettlementAmounts = Record<LedgerAmount, Decimal>;

export interface SettlementRow extends SettlementAmounts {
  setl_id: string;
  fixmedins_code: string;
  fixmedins_name: string | null;
  /** 2207 / 2304 for settlements, 2208 / 2305 for cancellations. */
  infno: string;
  /** The request msgid of the call that created the row (echoed to the client as medins_setl_id). */
  medins_setl_id: string | null;
  mdtrt_id: string;
  psn_no: string;
  psn_name: string | null;
  psn_cert_type: string | null;
  certno: string | null;
  gend: string | null;
  naty: string | null;
  brdy: string | null;
  age: number | null;
  insutype: string;
  psn_type: string | null;
  cvlserv_flag: string | null;
  med_type: string | null;
  mdtrt_cert_type: string | null;
  psn_setlway: string | null;
  chrg_bchno: string | null;
  mid_setl_flag: string | null;
  invono: string | null;
  clr_type: string;
  clr_way: string;
  /** The settlement agency (setl_optins in 3201/3202). */
  clr_optins: string;
  setl_time: string;
  /** '1' on a cancellation row (a refund settlement), '0' otherwise. */
  refd_setl_flag: string;
  /** On a cancellation: the settlement it cancels. */
  orig_setl_id: string | null;
  /** On a cancelled settlement: its cancellation row. */
  cancelled_by: string | null;
  /** The 2601 msgid that reversed the row (a reversed row no longer counts anywhere). */
  reversed_by: string | null;
  reversed_at: string | null;
  pool_prop_selfpay: Decimal;
  setldetail: SetlDetail[];
  opter: string | null;
  opter_name: string | null;
  /** 'wire' (created by a request) or 'seed' (planted through this API). */
  source: string;
  memo: string | null;
  created_at: string;
  status: SettlementStatus;
}

export interface SettlementFilter {
  fixmedins_code?: string;
  /** `yyyy-MM-dd`, inclusive, on setl_time. */
  from?: string;
  to?: string;
  insutype?: string;
  clr_type?: string;
  /** The settlement agency (clr_optins). */
  setl_optins?: string;
  psn_no?: string;
  mdtrt_id?: string;
  /** '0' leaves out cancellation rows (3201 semantics); '1' or absent keeps them. */
  refd_setl_flag?: string;
  /** Reversed rows are left out unless asked for. */
  includeReversed?: boolean;
}

export interface LedgerTotals {
  medfee_sumamt: Decimal;
  fund_pay_sumamt: Decimal;
  acct_pay: Decimal;
  psn_cash_pay: Decimal;
  count: number;
}

/** A settlement planted as history (by the demo seeder or a test). */
export interface SeedSettlement {
  /** `yyyy-MM-dd HH:mm:ss` in the center's clock; decides the reconciliation period. */
  setl_time: string;
  mdtrt_id: string;
  psn_no: string;
  medfee_sumamt: Decimal.Value;
  /** Default: the person's insurance type. */
  insutype?: string;
  /** Default: from med_type (1x → 11, 2x → 21, 41 → 41), else 11. */
  clr_type?: string;
  /** Default: 11 for outpatient, 21 for inpatient. */
  med_type?: string;
  /** Default: the person's insured place. */
  clr_optins?: string;
  clr_way?: string;
  /** Default: generated like the server does. */
  setl_id?: string;
  /** The msgid of the settlement call; default a well-formed one stamped with setl_time. 2601 can reverse by it. */
  medins_setl_id?: string;
  /** Default 2207 for outpatient clearing types, 2304 for 21. */
  infno?: string;
  fixmedins_code?: string;
  fixmedins_name?: string;
  psn_name?: string;
  certno?: string;
  memo?: string;
  /** Bill parts for the split; default: everything in scope. */
  fulamt_ownpay_amt?: Decimal.Value;
  overlmt_selfpay?: Decimal.Value;
  preselfpay_amt?: Decimal.Value;
  inscp_scp_amt?: Decimal.Value;
  acct_used_flag?: string;
  /** Explicit results override the split (dependent totals are recomputed unless given too). */
  amounts?: Partial<Record<LedgerAmount | 'pool_prop_selfpay', Decimal.Value>>;
}

export interface SeedCancellation {
  /** The settlement to cancel. */
  setl_id: string;
  setl_time: string;
  /** The new (negative) row's id; default generated. */
  new_setl_id?: string;
  medins_setl_id?: string;
  memo?: string;
}

export interface MessageRow {
  msgid: string;
  infno: string;
  fixmedins_code: string;
  psn_no: string | null;
  digest: string;
  received_at: string;
  output: unknown;
  /** What the message created: settlements, cancellations, trace records, mappings. */
  created: { settlements?: string[]; cancellations?: string[]; [k: string]: unknown } | null;
  reversed_by: string | null;
  reversed_at: string | null;
  source: string;
}

export interface SigninRow {
  sign_no: string;
  fixmedins_code: string;
  opter: string;
  opter_no: string | null;
  ip: string | null;
  mac: string | null;
  sign_time: string;
  expires_at: string;
  signed_out_at: string | null;
}

export interface FileRow {
  file_qury_no: string;
  filename: string;
  fixmedins_code: string;
  /** upload (9101), result (3202), catalog (13xx). */
  kind: string;
  bytes: Buffer;
  msgid: string | null;
  created_at: string;
  dld_endtime: string;
}

export interface MappingRow {
  fixmedins_code: string;
  fixmedins_hilist_id: string;
  list_type: string;
  med_list_codg: string;
  fixmedins_hilist_name: string;
  begndate: string;
  enddate: string;
  record: Record<string, unknown>;
  msgid: string;
  uploaded_at: string;
  revoked_at: string | null;
  revoked_msgid: string | null;
}

export interface TraceRecordRow {
  id: number;
  fixmedins_code: string;
  infno: string;
  msgid: string;
  record_key: string;
  content_digest: string;
  med_list_codg: string | null;
  fixmedins_hilist_id: string | null;
  fixmedins_bchno: string | null;
  mdtrt_sn: string | null;
  setl_id: string | null;
  psn_no: string | null;
  cnt: string | null;
  opt_time: string | null;
  ret_rslt: string;
  msg_rslt: string | null;
  record: Record<string, unknown>;
  created_at: string;
}

export type TraceMovement = 'sale' | 'return' | 'stock' | 'stocktake';

export interface TraceCodeRow {
  id: number;
  drug_trac_codg: string;
  record_id: number;
  fixmedins_code: string;
  infno: string;
  movement: TraceMovement;
  trdn_flag: string | null;
  accepted: boolean;
  created_at: string;
}

export interface TraceCodeFilter {
  fixmedins_code?: string;
  infno?: string;
  drug_trac_codg?: string;
  movement?: TraceMovement;
  /** Default true: only codes of accepted records. */
  accepted?: boolean;
}

export interface LedgerOptions {
  /** The center's own division: generated ids and local persons (default 430100). */
  admdvs?: string;
  /** The institution seeded rows belong to when they do not say (default H00000000001). */
  fixmedins_code?: string;
  fixmedins_name?: string;
  /** The split used by insertSettlement when explicit amounts are not given (default simpleSplit). */
  split?: SplitFn;
}

/** Which clearing type a medical type falls under (national codes; local ones → 99). */
export function clrTypeForMedType(med_type: string): string {
  if (/^1\d$/.test(med_type) || med_type.startsWith('14')) return '11';
  if (/^2\d/.test(med_type)) return '21';
  if (med_type === '41') return '41';
  if (med_type === '51' || med_type === '81') return '11';
  if (med_type === '52') return '21';
  return '99';
}

/** The indexes a bulk seed drops and builds again afterwards (all but primary keys). */
const BULK_DROPPED_INDEXES = ['settlements_period', 'settlements_brief', 'settlements_fen_totals', 'settlements_mdtrt', 'settlements_msgid', 'settlements_psn', 'persons_certno'];

const p2 = (n: number, w = 2) => String(n).padStart(w, '0');

function amountText(d: Decimal | string): string {
  // A string is amount text already in its stored form (the bulk seed's fast path checked it).
  return typeof d === 'string' ? d : round2(d).toFixed(2);
}

/** Every ledger amount given, as text already in its stored two-decimal form ("12.30", "-0.05")? */
function storedAmountTexts(given: Partial<Record<string, Decimal.Value>>): given is Record<string, string> {
  for (const a of LEDGER_AMOUNTS) {
    const v = given[a];
    if (typeof v !== 'string') return false;
    const f = fenOfText(v);
    if (f === undefined || textOfFen(f) !== v) return false;
  }
  return true;
}

function num(v: Decimal.Value | undefined): Decimal | undefined {
  return v === undefined ? undefined : money(v);
}

type DbRow = Record<string, unknown>;

function statusOf(r: DbRow): SettlementStatus {
  if (r.reversed_by) return 'reversed';
  if (r.orig_setl_id) return 'cancellation';
  if (r.cancelled_by) return 'cancelled';
  return 'settled';
}

function settlementFromDb(r: DbRow): SettlementRow {
  const out: Record<string, unknown> = { ...r };
  for (const a of LEDGER_AMOUNTS) out[a] = new D(r[a] as string);
  out.pool_prop_selfpay = new D(r.pool_prop_selfpay as string);
  out.setldetail = (JSON.parse(r.setldetail as string) as Array<Record<string, unknown>>).map((d) => ({
    ...d,
    inscp_scp_amt: new D(d.inscp_scp_amt as string),
    crt_payb_lmt_amt: new D(d.crt_payb_lmt_amt as string),
    fund_payamt: new D(d.fund_payamt as string),
  }));
  out.status = statusOf(r);
  return out as unknown as SettlementRow;
}

/**
 * What a 3202 comparison reads of a center row; amounts as the ledger stores them (two-decimal
 * text). (The scope's filter has chosen the institution, agency, clearing type and unreversed rows.)
 */
export interface SettlementBrief {
  setl_id: string;
  psn_no: string;
  mdtrt_id: string;
  medins_setl_id: string | null;
  refd_setl_flag: string;
  setl_time: string;
  medfee_sumamt: string;
  fund_pay_sumamt: string;
  acct_pay: string;
}

const BRIEF_COLUMNS = ['setl_id', 'psn_no', 'mdtrt_id', 'medins_setl_id', 'refd_setl_flag', 'setl_time', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay'] as const;

function briefFromDb(r: unknown[]): SettlementBrief {
  const t = (i: number) => r[i] as string;
  return {
    setl_id: t(0),
    psn_no: t(1),
    mdtrt_id: t(2),
    medins_setl_id: r[3] as string | null,
    refd_setl_flag: t(4),
    setl_time: t(5),
    medfee_sumamt: t(6),
    fund_pay_sumamt: t(7),
    acct_pay: t(8),
  };
}

const SETTLEMENT_COLUMNS = [
  'setl_id', 'fixmedins_code', 'fixmedins_name', 'infno', 'medins_setl_id', 'mdtrt_id', 'psn_no', 'psn_name', 'psn_cert_type', 'certno',
  'gend', 'naty', 'brdy', 'age', 'insutype', 'psn_type', 'cvlserv_flag', 'med_type', 'mdtrt_cert_type', 'psn_setlway', 'chrg_bchno',
  'mid_setl_flag', 'invono', 'clr_type', 'clr_way', 'clr_optins', 'setl_time', 'refd_setl_flag', 'orig_setl_id', 'cancelled_by',
  'reversed_by', 'reversed_at', ...LEDGER_AMOUNTS, 'pool_prop_selfpay', 'setldetail', 'opter', 'opter_name', 'source', 'memo', 'created_at',
] as const;

function settlementToDb(r: SettlementRow): DbRow {
  const out: DbRow = {};
  for (const c of SETTLEMENT_COLUMNS) out[c] = (r as unknown as DbRow)[c] ?? null;
  for (const a of LEDGER_AMOUNTS) out[a] = amountText(r[a]);
  out.pool_prop_selfpay = r.pool_prop_selfpay.toDecimalPlaces(4).toFixed(4);
  out.setldetail = JSON.stringify(
    r.setldetail.map((d) => ({ ...d, inscp_scp_amt: amountText(d.inscp_scp_amt), crt_payb_lmt_amt: amountText(d.crt_payb_lmt_amt), fund_payamt: amountText(d.fund_payamt) })),
  );
  return out;
}

/** Everything a settlement row needs besides what the ledger fills in (status, setldetail defaults). */
export type NewSettlement = Omit<SettlementRow, 'status' | 'cancelled_by' | 'reversed_by' | 'reversed_at' | 'orig_setl_id'> & { orig_setl_id?: string | null };


/** What a seeded settlement's row takes from the split and the call, beside the person. */
interface SeedRowParts {
  med_type: string;
  clr_type: string;
  pool: Decimal;
  setldetail: SetlDetail[];
  today: string;
}
export class Ledger {
  readonly db: Database.Database;
  readonly admdvs: string;
  readonly fixmedins_code: string;
  readonly fixmedins_name: string;
  private readonly split: SplitFn;
  private readonly st: Record<string, Database.Statement>;
  /** Visits and fee lines (visits.ts). */
  readonly visits: VisitStore;

  constructor(
    readonly file: string,
    opts: LedgerOptions = {},
  ) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(LEDGER_DDL);
    const v = this.db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
    if (!v) this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    else if (Number(v.value) > SCHEMA_VERSION) {
      this.db.close();
      throw inputError('SANDBOX_LEDGER_VERSION', `The sandbox ledger ${file} was written by a newer hisops (schema ${v.value})`, 'Use the hisops version that wrote it, or start the sandbox with a new --data file.').zh(`沙箱账本 ${file} 由更新版本的 hisops 写入（结构版本 ${v.value}）`, '请使用写入它的 hisops 版本，或用新的 --data 文件启动沙箱。');
    }
    this.admdvs = opts.admdvs ?? '430100';
    this.fixmedins_code = opts.fixmedins_code ?? 'H00000000001';
    this.fixmedins_name = opts.fixmedins_name ?? '示例医院';
    this.split = opts.split ?? simpleSplit;
    this.visits = new VisitStore(this.db);
    const cols = SETTLEMENT_COLUMNS.join(', ');
    const binds = SETTLEMENT_COLUMNS.map((c) => `@${c}`).join(', ');
    this.st = {
      serial: this.db.prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value'),
      insertSettlement: this.db.prepare(`INSERT INTO settlements (${cols}) VALUES (${binds})`),
      getSettlement: this.db.prepare('SELECT * FROM settlements WHERE setl_id = ?'),
      settlementsByMsgid: this.db.prepare('SELECT * FROM settlements WHERE medins_setl_id = ? ORDER BY setl_time, setl_id'),
      markCancelled: this.db.prepare('UPDATE settlements SET cancelled_by = ? WHERE setl_id = ?'),
      markReversed: this.db.prepare('UPDATE settlements SET reversed_by = ?, reversed_at = ? WHERE setl_id = ?'),
      getMessage: this.db.prepare('SELECT * FROM messages WHERE msgid = ?'),
      insertMessage: this.db.prepare(
        'INSERT INTO messages (msgid, infno, fixmedins_code, psn_no, digest, received_at, output, created, source) VALUES (@msgid, @infno, @fixmedins_code, @psn_no, @digest, @received_at, @output, @created, @source)',
      ),
      markMessageReversed: this.db.prepare('UPDATE messages SET reversed_by = ?, reversed_at = ? WHERE msgid = ?'),
      getPerson: this.db.prepare('SELECT data FROM persons WHERE psn_no = ?'),
      personByCertno: this.db.prepare('SELECT data FROM persons WHERE certno = ? ORDER BY rowid LIMIT 1'),
      putPerson: this.db.prepare('INSERT OR IGNORE INTO persons (psn_no, certno, data) VALUES (?, ?, ?)'),
      replacePerson: this.db.prepare('INSERT OR REPLACE INTO persons (psn_no, certno, data) VALUES (?, ?, ?)'),
      getBalance: this.db.prepare('SELECT balc FROM accounts WHERE psn_no = ?'),
      putBalance: this.db.prepare('INSERT INTO accounts (psn_no, balc) VALUES (?, ?) ON CONFLICT(psn_no) DO UPDATE SET balc = excluded.balc'),
      insertSignin: this.db.prepare(
        'INSERT INTO signins (sign_no, fixmedins_code, opter, opter_no, ip, mac, sign_time, expires_at) VALUES (@sign_no, @fixmedins_code, @opter, @opter_no, @ip, @mac, @sign_time, @expires_at)',
      ),
      getSignin: this.db.prepare('SELECT * FROM signins WHERE sign_no = ?'),
      signOut: this.db.prepare('UPDATE signins SET signed_out_at = ? WHERE sign_no = ?'),
      insertFile: this.db.prepare(
        'INSERT INTO files (file_qury_no, filename, fixmedins_code, kind, bytes, msgid, created_at, dld_endtime) VALUES (@file_qury_no, @filename, @fixmedins_code, @kind, @bytes, @msgid, @created_at, @dld_endtime)',
      ),
      getFile: this.db.prepare('SELECT * FROM files WHERE file_qury_no = ?'),
      getMapping: this.db.prepare('SELECT * FROM mappings WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND list_type = ? AND med_list_codg = ?'),
      activeMappingsOf: this.db.prepare('SELECT * FROM mappings WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND revoked_at IS NULL'),
      upsertMapping: this.db.prepare(
        `INSERT INTO mappings (fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg, fixmedins_hilist_name, begndate, enddate, record, msgid, uploaded_at)
         VALUES (@fixmedins_code, @fixmedins_hilist_id, @list_type, @med_list_codg, @fixmedins_hilist_name, @begndate, @enddate, @record, @msgid, @uploaded_at)
         ON CONFLICT(fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg) DO UPDATE SET
           fixmedins_hilist_name = excluded.fixmedins_hilist_name, begndate = excluded.begndate, enddate = excluded.enddate,
           record = excluded.record, msgid = excluded.msgid, uploaded_at = excluded.uploaded_at, revoked_at = NULL, revoked_msgid = NULL`,
      ),
      revokeMapping: this.db.prepare('UPDATE mappings SET revoked_at = ?, revoked_msgid = ? WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND list_type = ? AND med_list_codg = ?'),
      getTraceRecord: this.db.prepare('SELECT * FROM trace_records WHERE fixmedins_code = ? AND infno = ? AND record_key = ?'),
      insertTraceRecord: this.db.prepare(
        `INSERT INTO trace_records (fixmedins_code, infno, msgid, record_key, content_digest, med_list_codg, fixmedins_hilist_id, fixmedins_bchno, mdtrt_sn, setl_id, psn_no, cnt, opt_time, ret_rslt, msg_rslt, record, created_at)
         VALUES (@fixmedins_code, @infno, @msgid, @record_key, @content_digest, @med_list_codg, @fixmedins_hilist_id, @fixmedins_bchno, @mdtrt_sn, @setl_id, @psn_no, @cnt, @opt_time, @ret_rslt, @msg_rslt, @record, @created_at)`,
      ),
      updateTraceRecord: this.db.prepare('UPDATE trace_records SET msgid = @msgid, content_digest = @content_digest, ret_rslt = @ret_rslt, msg_rslt = @msg_rslt, record = @record, created_at = @created_at WHERE id = @id'),
      deleteTraceCodes: this.db.prepare('DELETE FROM trace_codes WHERE record_id = ?'),
      insertTraceCode: this.db.prepare(
        'INSERT INTO trace_codes (drug_trac_codg, record_id, fixmedins_code, infno, movement, trdn_flag, accepted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      codeMovements: this.db.prepare(
        `SELECT c.movement, c.trdn_flag, r.record_key, r.msgid, r.created_at, r.fixmedins_code FROM trace_codes c JOIN trace_records r ON r.id = c.record_id
          WHERE c.drug_trac_codg = ? AND c.accepted = 1 AND c.movement IN ('sale', 'return') ORDER BY c.id`,
      ),
    };
  }

  private readonly cache = new Map<string, Database.Statement>();

  /** A prepared statement, kept for reuse (filters produce a handful of distinct texts). */
  private stmt(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.cache.size < 500) this.cache.set(sql, st);
    }
    return st;
  }

  /** Every row of one visit (any status), oldest first. */
  settlementsOfVisit(mdtrt_id: string): SettlementRow[] {
    return (this.stmt('SELECT * FROM settlements WHERE mdtrt_id = ? ORDER BY setl_time, setl_id').all(mdtrt_id) as DbRow[]).map(settlementFromDb);
  }

  /** Run `fn` in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    // A bulk seed runs a day in one transaction; a savepoint per planted row cost more than the
    // row (a failure abandons the whole seed anyway).
    if (this.bulk && this.db.inTransaction) return fn();
    this.tx ??= this.db.transaction((f: () => unknown) => f());
    return this.tx(fn) as T;
  }

  private tx: ((f: () => unknown) => unknown) | undefined;

  // ---------------------------------------------------------------- bulk seeding

  /** While a month is seeded: the balances, written to the table at the end. */
  private bulk: { balances: Map<string, Decimal> } | undefined;

  /**
   * Seeding a month (a million settlements) through the seeding API. Every settlement index but
   * the primary key is dropped until endBulkSeed builds them again in one sort each: maintaining
   * six indexes row by row made the load grow faster than the data (the pages of a large index stop
   * fitting in the cache). Balances are held in memory and written once at the end (persons are
   * not: a hundred thousand of them held as objects cost more memory than reading them back); rows get no savepoint each; and the insert calls return the row as built instead of reading it back. Nothing else may write
   * the ledger meanwhile (the sandbox is not serving it).
   */
  beginBulkSeed(): void {
    if (this.bulk) return;
    this.bulk = { balances: new Map() };
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -16384'); // rows are appended: a small cache is enough
    for (const name of BULK_DROPPED_INDEXES) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
  }

  /** Builds the indexes beginBulkSeed dropped (the schema's own statements) and ends the bulk mode. */
  endBulkSeed(): void {
    if (!this.bulk) return;
    const { balances } = this.bulk;
    this.bulk = undefined;
    this.transaction(() => {
      for (const [psn_no, balc] of balances) this.setBalance(psn_no, balc);
    });
    this.db.pragma('threads = 2');
    this.db.exec(LEDGER_DDL);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** A per-name serial number that survives restarts. */
  nextSerial(name: string): number {
    return (this.st.serial!.get(name) as { value: number }).value;
  }

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- persons and balances

  /** The person behind a psn_no: the one seen before, or one derived from the number. */
  person(psn_no: string, today: string): Person {
    const row = this.st.getPerson!.get(psn_no) as { data: string } | undefined;
    if (row) return revivePerson(row.data);
    const p = personFromPsnNo(psn_no, this.admdvs, today);
    this.rememberPerson(p);
    return p;
  }

  /** The person behind a resident ID (derived; remembered so that later calls by psn_no agree). */
  personByCertno(certno: string, today: string): Person {
    const row = this.st.personByCertno!.get(certno) as { data: string } | undefined;
    if (row) return revivePerson(row.data);
    const p = personFromCertno(certno, this.admdvs, today);
    this.rememberPerson(p);
    return p;
  }

  /** Store a person (first writer wins); a seeded person may set its own insurance type. */
  rememberPerson(p: Person): void {
    this.st.putPerson!.run(p.psn_no, p.certno, JSON.stringify({ ...p, initial_balc: p.initial_balc.toFixed(2) }));
  }

  /** Has the sandbox met this person before (1101, a settlement, or seeding)? */
  hasPerson(psn_no: string): boolean {
    return this.st.getPerson!.get(psn_no) !== undefined;
  }

  /** Replace a stored person (a seeded person whose insurance type the seeder chose). */
  updatePerson(p: Person): void {
    this.st.replacePerson!.run(p.psn_no, p.certno, JSON.stringify({ ...p, initial_balc: p.initial_balc.toFixed(2) }));
  }

  balance(psn_no: string, today: string): Decimal {
    const held = this.bulk?.balances.get(psn_no);
    if (held) return held;
    const row = this.st.getBalance!.get(psn_no) as { balc: string } | undefined;
    return row ? new D(row.balc) : this.person(psn_no, today).initial_balc;
  }

  setBalance(psn_no: string, balc: Decimal): void {
    if (this.bulk) {
      // Written once per person at endBulkSeed (the last balance; a Map keeps the first-write order).
      this.bulk.balances.set(psn_no, round2(balc));
      return;
    }
    this.st.putBalance!.run(psn_no, amountText(balc));
  }

  // ---------------------------------------------------------------- settlements

  /** A new settlement id: admdvs (6) + yyyyMMdd (8) + serial (10) = 24 characters. */
  newSetlId(setl_time: string): string {
    for (;;) {
      const id = `${this.admdvs}${setl_time.slice(0, 10).replace(/-/g, '')}${String(this.nextSerial('setl_id')).padStart(10, '0')}`;
      if (!this.st.getSettlement!.get(id)) return id;
    }
  }

  putSettlement(row: NewSettlement): SettlementRow {
    const full = { ...row, orig_setl_id: row.orig_setl_id ?? null, cancelled_by: null, reversed_by: null, reversed_at: null, status: 'settled' } as SettlementRow;
    this.st.insertSettlement!.run(settlementToDb(full));
    return this.bulk ? full : this.getSettlement(row.setl_id)!;
  }

  getSettlement(setl_id: string): SettlementRow | undefined {
    const r = this.st.getSettlement!.get(setl_id) as DbRow | undefined;
    return r ? settlementFromDb(r) : undefined;
  }

  /** Rows created by a settlement call's msgid (medins_setl_id). */
  settlementsByMsgid(msgid: string): SettlementRow[] {
    return (this.st.settlementsByMsgid!.all(msgid) as DbRow[]).map(settlementFromDb);
  }

  markCancelled(setl_id: string, cancellation_setl_id: string): void {
    this.st.markCancelled!.run(cancellation_setl_id, setl_id);
  }

  markReversed(setl_id: string, by: string, at: string): void {
    this.st.markReversed!.run(by, at, setl_id);
  }

  listSettlements(f: SettlementFilter = {}): SettlementRow[] {
    const { sql, args } = filterSql(f);
    return (this.stmt(`SELECT * FROM settlements ${sql} ORDER BY setl_time, setl_id`).all(...args) as DbRow[]).map(settlementFromDb);
  }

  /**
   * Sums over the rows a filter selects (cancellation rows count with their negative amounts).
   * Summed in SQL as integer fen: every stored amount is two-decimal text, so ROUND(x × 100) is
   * its exact fen and the integer sum is exact; a group's rows and their fen come from the index
   * settlements_fen_totals alone (its expressions are these, written the same way).
   */
  totals(f: SettlementFilter = {}): LedgerTotals {
    const { sql, args } = totalsSql(f);
    const r = this.stmt(sql)
      .safeIntegers(true)
      .get(...args) as Record<string, bigint>;
    const yuan = (v: bigint) => new D(v.toString()).div(100);
    return { medfee_sumamt: yuan(r.medfee_sumamt!), fund_pay_sumamt: yuan(r.fund_pay_sumamt!), acct_pay: yuan(r.acct_pay!), psn_cash_pay: yuan(r.psn_cash_pay!), count: Number(r.n) };
  }

  /** The rows a filter selects with only what a 3202 comparison reads (no split, no person). */
  listBrief(f: SettlementFilter = {}): SettlementBrief[] {
    const { sql, args } = filterSql(f);
    // Arrays, not objects: a day of a large hospital is tens of thousands of rows, and
    // better-sqlite3's row objects cost more than the (covering-index) query.
    const rows = this.stmt(`SELECT ${BRIEF_COLUMNS.join(', ')} FROM settlements ${sql} ORDER BY setl_time, setl_id`).raw(true).all(...args) as unknown[][];
    return rows.map(briefFromDb);
  }

  // ---------------------------------------------------------------- seeding API

  /** Plant a settlement as history. Returns the stored row. */
  insertSettlement(s: SeedSettlement): SettlementRow {
    return this.plantSettlement(s, true)!;
  }

  /**
   * The same as insertSettlement without returning the row: what the demo's month-long seed calls.
   * In a bulk seed, when every amount is given as stored text, the amounts go to the table as
   * given (no Decimal per amount; the split still runs, for setldetail).
   */
  seedSettlement(s: SeedSettlement): void {
    this.plantSettlement(s, false);
  }

  private plantSettlement(s: SeedSettlement, wantRow: boolean): SettlementRow | undefined {
    return this.transaction(() => {
      if (!isDateTimeText(s.setl_time)) throw inputError('SANDBOX_SEED', `setl_time "${s.setl_time}" is not yyyy-MM-dd HH:mm:ss`, 'Give setl_time in the center clock as yyyy-MM-dd HH:mm:ss.').zh(`setl_time "${s.setl_time}" 不是 yyyy-MM-dd HH:mm:ss 格式`, '请按医保中心时钟将 setl_time 写成 yyyy-MM-dd HH:mm:ss。');
      const today = s.setl_time.slice(0, 10);
      let person = this.person(s.psn_no, today);
      if (s.insutype && s.insutype !== person.insutype) {
        person = withInsutype(person, s.insutype, today);
        this.updatePerson(person);
      }
      const med_type = s.med_type ?? (s.clr_type === '21' ? '21' : '11');
      const clr_type = s.clr_type ?? clrTypeForMedType(med_type);
      const medfee = money(s.medfee_sumamt);
      const fulamt = num(s.fulamt_ownpay_amt) ?? ZERO;
      const overlmt = num(s.overlmt_selfpay) ?? ZERO;
      const presel = num(s.preselfpay_amt) ?? ZERO;
      const inscp = num(s.inscp_scp_amt) ?? medfee.minus(fulamt).minus(overlmt).minus(presel);
      const before = this.balance(s.psn_no, today);
      const split = this.split({
        psn_no: s.psn_no,
        insutype: person.insutype,
        setl_time: s.setl_time,
        cvlserv_flag: person.cvlserv_flag,
        clr_type,
        med_type,
        psn_type: person.psn_type,
        age: personAge(person, today),
        medfee_sumamt: medfee,
        fulamt_ownpay_amt: fulamt,
        overlmt_selfpay: overlmt,
        preselfpay_amt: presel,
        inscp_scp_amt: inscp,
        acct_used_flag: s.acct_used_flag ?? '1',
        balc: before,
        out_of_area: person.insuplc_admdvs !== this.admdvs,
      });
      const given = s.amounts ?? {};
      if (!wantRow && this.bulk && storedAmountTexts(given)) {
        this.writeSeedRow(s, given, person, { med_type, clr_type, pool: given.pool_prop_selfpay === undefined ? split.pool_prop_selfpay : money(given.pool_prop_selfpay), setldetail: split.setldetail, today });
        return undefined;
      }
      const amounts: Record<string, Decimal> = {};
      for (const a of LEDGER_AMOUNTS) amounts[a] = (split as unknown as Record<string, Decimal>)[a] ?? ZERO;
      let pool_prop_selfpay = split.pool_prop_selfpay;
      for (const [k, v] of Object.entries(given)) {
        if (v === undefined) continue;
        if (k === 'pool_prop_selfpay') pool_prop_selfpay = money(v);
        else amounts[k] = money(v);
      }
      // Keep I1/I4 true unless the caller set the dependent totals too.
      if (given.fund_pay_sumamt !== undefined && given.hifp_pay === undefined) {
        const others = ['cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay'].reduce((acc, k) => acc.plus(amounts[k]!), ZERO);
        amounts.hifp_pay = amounts.fund_pay_sumamt!.minus(others);
      }
      if (given.psn_part_amt === undefined) amounts.psn_part_amt = medfee.minus(amounts.fund_pay_sumamt!).minus(amounts.hosp_part_amt!);
      if (given.psn_cash_pay === undefined) amounts.psn_cash_pay = amounts.psn_part_amt!.minus(amounts.acct_pay!);
      if (given.balc === undefined) amounts.balc = before.minus(amounts.acct_pay!);
      const fields = this.seedFields(s, person, { med_type, clr_type, pool: pool_prop_selfpay, setldetail: split.setldetail, today });
      const row = this.putSettlement({ ...(amounts as SettlementAmounts), ...fields });
      this.setBalance(s.psn_no, amounts.balc!);
      this.recordSeedMessage(s, fields);
      return row;
    });
  }

  /**
   * The fast path of seedSettlement: the row insertSettlement would store when every amount is
   * given (none is derived), with the given texts as the stored amounts.
   */
  private writeSeedRow(s: SeedSettlement, amounts: Record<string, string>, person: Person, d: SeedRowParts): void {
    const fields = this.seedFields(s, person, d);
    const row = { ...(amounts as unknown as SettlementAmounts), ...fields, orig_setl_id: null, cancelled_by: null, reversed_by: null, reversed_at: null, status: 'settled' } as SettlementRow;
    this.st.insertSettlement!.run(settlementToDb(row));
    this.setBalance(s.psn_no, new D(amounts.balc!));
    this.recordSeedMessage(s, fields);
  }

  /** The columns of a seeded settlement other than its amounts, as both seeding paths store them. */
  private seedFields(s: SeedSettlement, person: Person, d: SeedRowParts) {
    const fixmedins_code = s.fixmedins_code ?? this.fixmedins_code;
    const infno = s.infno ?? (d.clr_type === '21' ? '2304' : '2207');
    return {
      setl_id: s.setl_id ?? this.newSetlId(s.setl_time),
      fixmedins_code,
      fixmedins_name: s.fixmedins_name ?? this.fixmedins_name,
      infno,
      medins_setl_id: s.medins_setl_id ?? this.newSeedMsgid(fixmedins_code, s.setl_time),
      mdtrt_id: s.mdtrt_id,
      psn_no: s.psn_no,
      psn_name: s.psn_name ?? person.psn_name,
      psn_cert_type: person.psn_cert_type,
      certno: s.certno ?? person.certno,
      gend: person.gend,
      naty: person.naty,
      brdy: person.brdy,
      age: personAge(person, d.today),
      insutype: person.insutype,
      psn_type: person.psn_type,
      cvlserv_flag: person.cvlserv_flag,
      med_type: d.med_type,
      mdtrt_cert_type: '02',
      psn_setlway: '01',
      chrg_bchno: null,
      mid_setl_flag: infno === '2304' ? '0' : null,
      invono: null,
      clr_type: d.clr_type,
      clr_way: s.clr_way ?? '01',
      clr_optins: s.clr_optins ?? person.insuplc_admdvs,
      setl_time: s.setl_time,
      refd_setl_flag: '0',
      pool_prop_selfpay: d.pool,
      setldetail: d.setldetail,
      opter: null,
      opter_name: null,
      source: 'seed' as const,
      memo: s.memo ?? null,
      created_at: s.setl_time,
    };
  }

  /** The message a seeded settlement came in with (its msgid is medins_setl_id). */
  private recordSeedMessage(s: SeedSettlement, f: { medins_setl_id: string; infno: string; fixmedins_code: string; setl_id: string }): void {
    this.recordMessage({ msgid: f.medins_setl_id, infno: f.infno, fixmedins_code: f.fixmedins_code, psn_no: s.psn_no, digest: 'seed', received_at: s.setl_time, output: null, created: { settlements: [f.setl_id] }, source: 'seed' });
  }

  /** Plant a cancellation (2208/2305) of a settlement: a negative row with its own setl_id. */
  insertCancellation(c: SeedCancellation): SettlementRow {
    return this.transaction(() => {
      const orig = this.getSettlement(c.setl_id);
      if (!orig) throw inputError('SANDBOX_SEED', `No settlement ${c.setl_id} in the sandbox ledger`, 'Insert the settlement first, then its cancellation.').zh(`沙箱账本中没有结算 ${c.setl_id}`, '请先写入结算，再写入其撤销。');
      const row = this.cancelSettlement(orig, {
        setl_time: c.setl_time,
        setl_id: c.new_setl_id ?? this.newSetlId(c.setl_time),
        medins_setl_id: c.medins_setl_id ?? this.newSeedMsgid(orig.fixmedins_code, c.setl_time),
        source: 'seed',
        memo: c.memo ?? null,
        opter: null,
        opter_name: null,
      });
      this.recordMessage({
        msgid: row.medins_setl_id!,
        infno: row.infno,
        fixmedins_code: row.fixmedins_code,
        psn_no: row.psn_no,
        digest: 'seed',
        received_at: c.setl_time,
        output: null,
        created: { cancellations: [row.setl_id] },
        source: 'seed',
      });
      return row;
    });
  }

  /**
   * Mark a settlement reversed at the center (as a 2601 would): it stops counting anywhere. Used
   * to plant "HIS-only" settlements; `by` is the reversing msgid (default a generated one).
   */
  reverseSettlement(setl_id: string, at: string, by?: string): SettlementRow {
    return this.transaction(() => {
      const row = this.getSettlement(setl_id);
      if (!row) throw inputError('SANDBOX_SEED', `No settlement ${setl_id} in the sandbox ledger`, 'Insert the settlement first.').zh(`沙箱账本中没有结算 ${setl_id}`, '请先写入结算。');
      const msgid = by ?? this.newSeedMsgid(row.fixmedins_code, at);
      this.markReversed(setl_id, msgid, at);
      if (row.medins_setl_id) this.st.markMessageReversed!.run(msgid, at, row.medins_setl_id);
      this.setBalance(row.psn_no, this.balance(row.psn_no, at.slice(0, 10)).plus(row.acct_pay));
      return this.bulk ? { ...row, reversed_by: msgid, reversed_at: at, status: 'reversed' } : this.getSettlement(setl_id)!;
    });
  }

  /**
   * Write the cancellation row of `orig` and link both. Shared by 2208/2305 and the seeding API.
   * The negative row repeats every amount with its sign turned and gives the account back.
   */
  cancelSettlement(
    orig: SettlementRow,
    a: { setl_time: string; setl_id: string; medins_setl_id: string; source: string; memo: string | null; opter: string | null; opter_name: string | null },
  ): SettlementRow {
    const neg = {} as SettlementAmounts;
    for (const k of LEDGER_AMOUNTS) neg[k] = orig[k].negated();
    const balcAfter = this.balance(orig.psn_no, a.setl_time.slice(0, 10)).plus(orig.acct_pay);
    neg.balc = balcAfter;
    const row = this.putSettlement({
      ...orig,
      ...neg,
      setl_id: a.setl_id,
      infno: orig.infno === '2304' ? '2305' : '2208',
      medins_setl_id: a.medins_setl_id,
      setl_time: a.setl_time,
      refd_setl_flag: '1',
      orig_setl_id: orig.setl_id,
      setldetail: orig.setldetail.map((d) => ({ ...d, inscp_scp_amt: d.inscp_scp_amt.negated(), fund_payamt: d.fund_payamt.negated() })),
      source: a.source,
      memo: a.memo,
      opter: a.opter,
      opter_name: a.opter_name,
      created_at: a.setl_time,
    });
    this.markCancelled(orig.setl_id, row.setl_id);
    this.setBalance(orig.psn_no, balcAfter);
    return row;
  }

  /** A well-formed msgid for seeded rows: institution + stamp of the time + a serial. */
  private newSeedMsgid(fixmedins_code: string, at: string): string {
    const stamp = at.replace(/[-: ]/g, '').slice(0, 14);
    for (;;) {
      const id = `${fixmedins_code}${stamp}${p2(this.nextSerial(`seedmsg:${stamp}`) % 10000, 4)}`;
      if (!this.st.getMessage!.get(id)) return id;
    }
  }

  // ---------------------------------------------------------------- messages

  getMessage(msgid: string): MessageRow | undefined {
    const r = this.st.getMessage!.get(msgid) as DbRow | undefined;
    if (!r) return undefined;
    return { ...(r as unknown as MessageRow), output: r.output ? JSON.parse(r.output as string) : null, created: r.created ? JSON.parse(r.created as string) : null };
  }

  recordMessage(m: Omit<MessageRow, 'reversed_by' | 'reversed_at'>): void {
    this.st.insertMessage!.run({ ...m, output: m.output === null ? null : JSON.stringify(m.output), created: m.created ? JSON.stringify(m.created) : null });
  }

  markMessageReversed(msgid: string, by: string, at: string): void {
    this.st.markMessageReversed!.run(by, at, msgid);
  }

  // ---------------------------------------------------------------- sign-ins

  putSignin(s: Omit<SigninRow, 'signed_out_at'>): void {
    this.st.insertSignin!.run(s);
  }

  /**
   * Does the ledger hold anything of this institution (its own default institution, a sign-in,
   * a call, a settlement, a file, a mapping or a trace record)? Such an institution is known.
   */
  hasInstitution(fixmedins_code: string): boolean {
    if (fixmedins_code === this.fixmedins_code) return true;
    const q = ['signins', 'messages', 'settlements', 'files', 'mappings', 'trace_records'].map((t) => `SELECT 1 FROM ${t} WHERE fixmedins_code = @c`).join(' UNION ALL ');
    return (this.db.prepare(`SELECT EXISTS (${q}) AS found`).get({ c: fixmedins_code }) as { found: number }).found === 1;
  }

  getSignin(sign_no: string): SigninRow | undefined {
    return this.st.getSignin!.get(sign_no) as SigninRow | undefined;
  }

  signOut(sign_no: string, at: string): void {
    this.st.signOut!.run(at, sign_no);
  }

  // ---------------------------------------------------------------- files

  putFile(f: FileRow): void {
    this.st.insertFile!.run(f);
  }

  getFile(file_qury_no: string): FileRow | undefined {
    return this.st.getFile!.get(file_qury_no) as FileRow | undefined;
  }

  // ---------------------------------------------------------------- mappings

  getMapping(fixmedins_code: string, fixmedins_hilist_id: string, list_type: string, med_list_codg: string): MappingRow | undefined {
    const r = this.st.getMapping!.get(fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg) as DbRow | undefined;
    return r ? reviveMapping(r) : undefined;
  }

  activeMappingsOf(fixmedins_code: string, fixmedins_hilist_id: string): MappingRow[] {
    return (this.st.activeMappingsOf!.all(fixmedins_code, fixmedins_hilist_id) as DbRow[]).map(reviveMapping);
  }

  upsertMapping(m: Omit<MappingRow, 'revoked_at' | 'revoked_msgid'>): void {
    this.st.upsertMapping!.run({ ...m, record: JSON.stringify(m.record) });
  }

  revokeMapping(fixmedins_code: string, fixmedins_hilist_id: string, list_type: string, med_list_codg: string, at: string, msgid: string): void {
    this.st.revokeMapping!.run(at, msgid, fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg);
  }

  listMappings(opts: { fixmedins_code?: string; includeRevoked?: boolean } = {}): MappingRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.fixmedins_code) {
      where.push('fixmedins_code = ?');
      args.push(opts.fixmedins_code);
    }
    if (!opts.includeRevoked) where.push('revoked_at IS NULL');
    const sql = `SELECT * FROM mappings ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg`;
    return (this.db.prepare(sql).all(...args) as DbRow[]).map(reviveMapping);
  }

  // ---------------------------------------------------------------- trace codes

  getTraceRecord(fixmedins_code: string, infno: string, record_key: string): TraceRecordRow | undefined {
    const r = this.st.getTraceRecord!.get(fixmedins_code, infno, record_key) as DbRow | undefined;
    return r ? reviveTrace(r) : undefined;
  }

  /** Insert (or, for a record rejected before, replace) a trace record with its codes. */
  putTraceRecord(
    r: Omit<TraceRecordRow, 'id'>,
    codes: readonly string[],
    movement: TraceMovement,
    trdn_flag: string | null,
    replaceId?: number,
  ): number {
    let id: number;
    if (replaceId !== undefined) {
      this.st.updateTraceRecord!.run({ id: replaceId, msgid: r.msgid, content_digest: r.content_digest, ret_rslt: r.ret_rslt, msg_rslt: r.msg_rslt, record: JSON.stringify(r.record), created_at: r.created_at });
      this.st.deleteTraceCodes!.run(replaceId);
      id = replaceId;
    } else {
      id = Number(this.st.insertTraceRecord!.run({ ...r, record: JSON.stringify(r.record) }).lastInsertRowid);
    }
    const accepted = r.ret_rslt === '1' ? 1 : 0;
    for (const c of codes) this.st.insertTraceCode!.run(c, id, r.fixmedins_code, r.infno, movement, trdn_flag, accepted, r.created_at);
    return id;
  }

  /** Accepted sales and returns of one code, oldest first (for the sold-twice check). */
  codeMovements(drug_trac_codg: string): { movement: TraceMovement; trdn_flag: string | null; record_key: string; msgid: string; created_at: string; fixmedins_code: string }[] {
    return this.st.codeMovements!.all(drug_trac_codg) as { movement: TraceMovement; trdn_flag: string | null; record_key: string; msgid: string; created_at: string; fixmedins_code: string }[];
  }

  countTraceCodes(f: TraceCodeFilter = {}): number {
    const { sql, args } = traceFilterSql(f);
    return (this.stmt(`SELECT COUNT(*) AS n FROM trace_codes ${sql}`).get(...args) as { n: number }).n;
  }

  listTraceCodes(f: TraceCodeFilter = {}): TraceCodeRow[] {
    const { sql, args } = traceFilterSql(f);
    return (this.stmt(`SELECT * FROM trace_codes ${sql} ORDER BY id`).all(...args) as DbRow[]).map((r) => ({ ...(r as unknown as TraceCodeRow), accepted: r.accepted === 1 }));
  }

  listTraceRecords(opts: { fixmedins_code?: string; infno?: string } = {}): TraceRecordRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.fixmedins_code) {
      where.push('fixmedins_code = ?');
      args.push(opts.fixmedins_code);
    }
    if (opts.infno) {
      where.push('infno = ?');
      args.push(opts.infno);
    }
    return (this.db.prepare(`SELECT * FROM trace_records ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`).all(...args) as DbRow[]).map(reviveTrace);
  }

  /** Row counts per table (for reports and tests). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of ['settlements', 'messages', 'signins', 'files', 'mappings', 'trace_records', 'trace_codes', 'persons', 'visits', 'fee_lines']) {
      out[t] = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    return out;
  }
}

/** The 3201 sums of Ledger.totals (see there; exported so that its use of the index is checked). */
export function totalsSql(f: SettlementFilter): { sql: string; args: unknown[] } {
  const { sql, args } = filterSql(f);
  const fen = (c: string) => `COALESCE(SUM(CAST(ROUND(${c} * 100) AS INTEGER)), 0) AS ${c}`;
  return { sql: `SELECT COUNT(*) AS n, ${fen('medfee_sumamt')}, ${fen('fund_pay_sumamt')}, ${fen('acct_pay')}, ${fen('psn_cash_pay')} FROM settlements ${sql}`, args };
}

function filterSql(f: SettlementFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined && v !== '') {
      where.push(`${col} = ?`);
      args.push(v);
    }
  };
  eq('fixmedins_code', f.fixmedins_code);
  eq('insutype', f.insutype);
  eq('clr_type', f.clr_type);
  eq('clr_optins', f.setl_optins);
  eq('psn_no', f.psn_no);
  eq('mdtrt_id', f.mdtrt_id);
  if (f.from) {
    where.push('setl_time >= ?');
    args.push(`${f.from} 00:00:00`);
  }
  if (f.to) {
    where.push('setl_time <= ?');
    args.push(`${f.to} 23:59:59`);
  }
  if (f.refd_setl_flag === '0') where.push("refd_setl_flag = '0'");
  if (!f.includeReversed) where.push('reversed_by IS NULL');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

function traceFilterSql(f: TraceCodeFilter): { sql: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.fixmedins_code) {
    where.push('fixmedins_code = ?');
    args.push(f.fixmedins_code);
  }
  if (f.infno) {
    where.push('infno = ?');
    args.push(f.infno);
  }
  if (f.drug_trac_codg) {
    where.push('drug_trac_codg = ?');
    args.push(f.drug_trac_codg);
  }
  if (f.movement) {
    where.push('movement = ?');
    args.push(f.movement);
  }
  if (f.accepted !== false) where.push('accepted = 1');
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

function revivePerson(data: string): Person {
  const o = JSON.parse(data) as Person & { initial_balc: string };
  return { ...o, initial_balc: new D(o.initial_balc) };
}

function reviveMapping(r: DbRow): MappingRow {
  return { ...(r as unknown as MappingRow), record: JSON.parse(r.record as string) as Record<string, unknown> };
}

function reviveTrace(r: DbRow): TraceRecordRow {
  return { ...(r as unknown as TraceRecordRow), record: JSON.parse(r.record as string) as Record<string, unknown> };
}

function isDateTimeText(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s);
}

/** Open (creating if needed) a sandbox ledger file; `:memory:` for a throwaway one. */
export function openLedger(file: string, opts: LedgerOptions = {}): Ledger {
  return new Ledger(file, opts);
}
