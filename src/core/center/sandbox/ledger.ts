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
import { D, fenOfText, money, round2, textOfFen, ZERO, type Decimal } from '../../money.js';
import { inputError } from '../../errors.js';
import { LedgerBooks } from './ledgerBooks.js';
import { BulkSeed } from './ledgerBulkSeed.js';
import {
  amountText,
  briefFromDb,
  BRIEF_COLUMNS,
  clrTypeForMedType,
  isDateTimeText,
  num,
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
  SeedCancellation,
  SeedSettlement,
  SettlementAmounts,
  SettlementBrief,
  SettlementFilter,
  SettlementRow,
} from './ledgerTypes.js';
import { personAge, personFromCertno, personFromPsnNo, withInsutype, type Person } from './roster.js';
import { simpleSplit, type SetlDetail, type SplitFn } from './simpleSplit.js';
import { VisitStore } from './visits.js';

export type * from './ledgerTypes.js';
export { clrTypeForMedType } from './ledgerRows.js';
export { totalsSql } from './ledgerSql.js';

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

/** What a seeded settlement's row takes from the split and the call, beside the person. */
interface SeedRowParts {
  med_type: string;
  clr_type: string;
  pool: Decimal;
  setldetail: SetlDetail[];
  today: string;
}
export class Ledger extends LedgerBooks {
  readonly admdvs: string;
  readonly fixmedins_code: string;
  readonly fixmedins_name: string;
  private readonly split: SplitFn;
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
  private bulk: BulkSeed | undefined;

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

  // ---------------------------------------------------------------- seeding API

  /** Plant a settlement as history. Returns the stored row. */
  insertSettlement(s: SeedSettlement): SettlementRow {
    return this.plantSettlement(s, true)!;
  }

  /**
   * The same as insertSettlement without returning the row: what the demo's month-long seed calls.
   * In a bulk seed, when every amount is given as stored text, the row is built in integer fen
   * (BulkSeed.plant) and the amounts go to the table as given.
   */
  seedSettlement(s: SeedSettlement): void {
    this.plantSettlement(s, false);
  }

  private plantSettlement(s: SeedSettlement, wantRow: boolean): SettlementRow | undefined {
    return this.transaction(() => {
      if (!isDateTimeText(s.setl_time))
        throw inputError(
          'SANDBOX_SEED',
          `setl_time "${s.setl_time}" is not yyyy-MM-dd HH:mm:ss`,
          'Give setl_time in the center clock as yyyy-MM-dd HH:mm:ss.',
        ).zh(
          `setl_time "${s.setl_time}" 不是 yyyy-MM-dd HH:mm:ss 格式`,
          '请按医保中心时钟将 setl_time 写成 yyyy-MM-dd HH:mm:ss。',
        );
      const today = s.setl_time.slice(0, 10);
      if (!wantRow && this.bulk?.plant(s, today)) return undefined;
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
        const others = ['cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay'].reduce(
          (acc, k) => acc.plus(amounts[k]!),
          ZERO,
        );
        amounts.hifp_pay = amounts.fund_pay_sumamt!.minus(others);
      }
      if (given.psn_part_amt === undefined)
        amounts.psn_part_amt = medfee.minus(amounts.fund_pay_sumamt!).minus(amounts.hosp_part_amt!);
      if (given.psn_cash_pay === undefined) amounts.psn_cash_pay = amounts.psn_part_amt!.minus(amounts.acct_pay!);
      if (given.balc === undefined) amounts.balc = before.minus(amounts.acct_pay!);
      const fields = this.seedFields(s, person, {
        med_type,
        clr_type,
        pool: pool_prop_selfpay,
        setldetail: split.setldetail,
        today,
      });
      const row = this.putSettlement({ ...(amounts as SettlementAmounts), ...fields });
      this.setBalance(s.psn_no, amounts.balc!);
      this.recordSeedMessage(s, fields);
      return row;
    });
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
  private recordSeedMessage(
    s: SeedSettlement,
    f: { medins_setl_id: string; infno: string; fixmedins_code: string; setl_id: string },
  ): void {
    this.recordMessage({
      msgid: f.medins_setl_id,
      infno: f.infno,
      fixmedins_code: f.fixmedins_code,
      psn_no: s.psn_no,
      digest: 'seed',
      received_at: s.setl_time,
      output: null,
      created: { settlements: [f.setl_id] },
      source: 'seed',
    });
  }

  /** Plant a cancellation (2208/2305) of a settlement: a negative row with its own setl_id. */
  insertCancellation(c: SeedCancellation): SettlementRow {
    return this.transaction(() => {
      const orig = this.getSettlement(c.setl_id);
      if (!orig)
        throw inputError(
          'SANDBOX_SEED',
          `No settlement ${c.setl_id} in the sandbox ledger`,
          'Insert the settlement first, then its cancellation.',
        ).zh(`沙箱账本中没有结算 ${c.setl_id}`, '请先写入结算，再写入其撤销。');
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
      if (!row)
        throw inputError(
          'SANDBOX_SEED',
          `No settlement ${setl_id} in the sandbox ledger`,
          'Insert the settlement first.',
        ).zh(`沙箱账本中没有结算 ${setl_id}`, '请先写入结算。');
      const msgid = by ?? this.newSeedMsgid(row.fixmedins_code, at);
      this.markReversed(setl_id, msgid, at);
      if (row.medins_setl_id) this.st.markMessageReversed!.run(msgid, at, row.medins_setl_id);
      this.setBalance(row.psn_no, this.balance(row.psn_no, at.slice(0, 10)).plus(row.acct_pay));
      return this.bulk
        ? { ...row, reversed_by: msgid, reversed_at: at, status: 'reversed' }
        : this.getSettlement(setl_id)!;
    });
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

/** Open (creating if needed) a sandbox ledger file; `:memory:` for a throwaway one. */
export function openLedger(file: string, opts: LedgerOptions = {}): Ledger {
  return new Ledger(file, opts);
}
