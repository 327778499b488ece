/**
 * The sandbox ledger's settlements, persons and balances, and the bulk mode a month-long seed
 * runs in. `Ledger` (ledger.ts) adds the seeding API on top.
 */
import { D, fenOfText, round2, textOfFen, type Decimal } from '../../money.js';
import { LedgerBooks } from './ledgerBooks.js';
import { BulkSeed } from './ledgerBulkSeed.js';
import {
  amountText,
  briefFromDb,
  BRIEF_COLUMNS,
  revivePerson,
  settlementFromDb,
  settlementToDb,
  type DbRow,
} from './ledgerRows.js';
import { LEDGER_AMOUNTS, LEDGER_DDL } from './ledgerSchema.js';
import { filterSql, totalsSql } from './ledgerSql.js';
import type {
  LedgerOptions,
  LedgerTotals,
  NewSettlement,
  SettlementAmounts,
  BriefBytes,
  SettlementBrief,
  SettlementFilter,
  SettlementRow,
} from './ledgerTypes.js';
import { personFromCertno, personFromPsnNo, type Person } from './roster.js';
import { simpleSplit, type SplitFn } from './simpleSplit.js';
import { VisitStore } from './visits.js';

/** The indexes a bulk seed drops and builds again afterwards (all but primary keys). */
const BULK_DROPPED_INDEXES = [
  'settlements_period',
  'settlements_brief',
  'settlements_fen_totals',
  'settlements_mdtrt',
  'settlements_msgid',
  'settlements_psn',
  'persons_certno',
];

const p2 = (n: number, w = 2) => String(n).padStart(w, '0');

export class LedgerSettlements extends LedgerBooks {
  readonly admdvs: string;
  readonly fixmedins_code: string;
  readonly fixmedins_name: string;
  protected readonly split: SplitFn;
  /** Visits and fee lines (visits.ts). */
  readonly visits: VisitStore;

  constructor(file: string, opts: LedgerOptions = {}) {
    super(file);
    this.admdvs = opts.admdvs ?? '430100';
    this.fixmedins_code = opts.fixmedins_code ?? 'H00000000001';
    this.fixmedins_name = opts.fixmedins_name ?? '示例医院';
    this.split = opts.split ?? simpleSplit;
    this.visits = new VisitStore(this.db);
  }

  /** Every row of one visit (any status), oldest first. */
  settlementsOfVisit(mdtrt_id: string): SettlementRow[] {
    return (
      this.stmt('SELECT * FROM settlements WHERE mdtrt_id = ? ORDER BY setl_time, setl_id').all(mdtrt_id) as DbRow[]
    ).map(settlementFromDb);
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
  protected bulk: BulkSeed | undefined;

  /**
   * Seeding a month (a million settlements) through the seeding API. Every settlement index but
   * the primary key is dropped until endBulkSeed builds them again in one sort each: maintaining
   * six indexes row by row made the load grow faster than the data (the pages of a large index stop
   * fitting in the cache). Balances are held in memory (integer fen) and written once at the end;
   * rows get no savepoint each; the insert calls return the row as built instead of reading it
   * back; and a row whose amounts are all given goes through BulkSeed's fen path
   * (ledgerBulkSeed.ts). Nothing else may write the ledger meanwhile (the sandbox is not serving it).
   */
  beginBulkSeed(): void {
    if (this.bulk) return;
    this.bulk = new BulkSeed({
      db: this.db,
      admdvs: this.admdvs,
      fixmedins_code: this.fixmedins_code,
      fixmedins_name: this.fixmedins_name,
      fenSplit: this.split === simpleSplit,
      person: (psn_no, today) => this.person(psn_no, today),
      storedBalance: (psn_no) => (this.st.getBalance!.get(psn_no) as { balc: string } | undefined)?.balc,
      newSetlId: (setl_time) => this.newSetlId(setl_time),
      newSeedMsgid: (code, at) => this.newSeedMsgid(code, at),
    });
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
      for (const [psn_no, fen] of balances) this.st.putBalance!.run(psn_no, textOfFen(fen));
    });
    // Two sorter threads, each keeping a cache-sized list: an 8 MB cache holds the build's memory
    // to about 24 MB (a seed's HIS file builds its own indexes at the same time).
    this.db.pragma('cache_size = -8192');
    this.db.pragma('threads = 2');
    this.db.exec(LEDGER_DDL);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * What another thread opens this ledger with to seed it (the demo's center writer thread): a
   * file, and no split but the default (a function does not cross threads).
   */
  reopenOptions(): { file: string; options: LedgerOptions } | undefined {
    if (this.file === ':memory:' || this.split !== simpleSplit) return undefined;
    return {
      file: this.file,
      options: { admdvs: this.admdvs, fixmedins_code: this.fixmedins_code, fixmedins_name: this.fixmedins_name },
    };
  }

  /**
   * Does the ledger hold anything of this institution (its own default institution, a sign-in,
   * a call, a settlement, a file, a mapping or a trace record)? Such an institution is known.
   */
  hasInstitution(fixmedins_code: string): boolean {
    if (fixmedins_code === this.fixmedins_code) return true;
    const q = ['signins', 'messages', 'settlements', 'files', 'mappings', 'trace_records']
      .map((t) => `SELECT 1 FROM ${t} WHERE fixmedins_code = @c`)
      .join(' UNION ALL ');
    return (
      (this.db.prepare(`SELECT EXISTS (${q}) AS found`).get({ c: fixmedins_code }) as { found: number }).found === 1
    );
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
    this.bulk?.forget(p.psn_no);
  }

  balance(psn_no: string, today: string): Decimal {
    if (this.bulk) return new D(textOfFen(this.bulk.balanceFen(psn_no, today)));
    const row = this.st.getBalance!.get(psn_no) as { balc: string } | undefined;
    return row ? new D(row.balc) : this.person(psn_no, today).initial_balc;
  }

  setBalance(psn_no: string, balc: Decimal): void {
    if (this.bulk) {
      // Written once per person at endBulkSeed (the last balance; a Map keeps the first-write order).
      this.bulk.balances.set(psn_no, fenOfText(round2(balc).toFixed(2))!);
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
    const full = {
      ...row,
      orig_setl_id: row.orig_setl_id ?? null,
      cancelled_by: null,
      reversed_by: null,
      reversed_at: null,
      status: 'settled',
    } as SettlementRow;
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
    return (this.stmt(`SELECT * FROM settlements ${sql} ORDER BY setl_time, setl_id`).all(...args) as DbRow[]).map(
      settlementFromDb,
    );
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
    return {
      medfee_sumamt: yuan(r.medfee_sumamt!),
      fund_pay_sumamt: yuan(r.fund_pay_sumamt!),
      acct_pay: yuan(r.acct_pay!),
      psn_cash_pay: yuan(r.psn_cash_pay!),
      count: Number(r.n),
    };
  }

  /** The rows a filter selects with only what a 3202 comparison reads (no split, no person). */
  listBrief(f: SettlementFilter = {}): SettlementBrief[] {
    const { sql, args } = filterSql(f);
    // Arrays, not objects: a day of a large hospital is tens of thousands of rows, and
    // better-sqlite3's row objects cost more than the (covering-index) query.
    const rows = this.stmt(`SELECT ${BRIEF_COLUMNS.join(', ')} FROM settlements ${sql} ORDER BY setl_time, setl_id`)
      .raw(true)
      .all(...args) as unknown[][];
    return rows.map(briefFromDb);
  }

  /**
   * The rows listBrief selects as one piece of UTF-8: each row's BRIEF_COLUMNS joined by 0x1F (a
   * null msgid as ''), the rows joined by 0x1E, in no particular order, and how many rows there
   * are. One value from the driver instead of nine a row: a day of a large hospital is ~30,000
   * rows, and making the driver's values took three times as long as the query (3202: see
   * detailCompare.ts `compareDetailsBytes`, which reads it, and says when it cannot).
   */
  briefBytes(f: SettlementFilter = {}): BriefBytes {
    const { sql, args } = filterSql(f);
    const row = BRIEF_COLUMNS.map((c) => (c === 'medins_setl_id' ? `coalesce(${c}, '')` : c)).join(' || char(31) || ');
    const r = this.stmt(`SELECT count(*), CAST(group_concat(${row}, char(30)) AS BLOB) FROM settlements ${sql}`)
      .raw(true)
      .get(...args) as [number, Buffer | null];
    return { count: r[0], bytes: r[1] ?? Buffer.alloc(0) };
  }

  /**
   * Write the cancellation row of `orig` and link both. Shared by 2208/2305 and the seeding API.
   * The negative row repeats every amount with its sign turned and gives the account back.
   */
  cancelSettlement(
    orig: SettlementRow,
    a: {
      setl_time: string;
      setl_id: string;
      medins_setl_id: string;
      source: string;
      memo: string | null;
      opter: string | null;
      opter_name: string | null;
    },
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
      setldetail: orig.setldetail.map((d) => ({
        ...d,
        inscp_scp_amt: d.inscp_scp_amt.negated(),
        fund_payamt: d.fund_payamt.negated(),
      })),
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
  newSeedMsgid(fixmedins_code: string, at: string): string {
    const stamp = at.replace(/[-: ]/g, '').slice(0, 14);
    for (;;) {
      const id = `${fixmedins_code}${stamp}${p2(this.nextSerial(`seedmsg:${stamp}`) % 10000, 4)}`;
      if (!this.st.getMessage!.get(id)) return id;
    }
  }
}
