/**
 * The month-long seed's hot path (a million settlements): a seeded settlement whose amounts are
 * all given as stored two-decimal text is written without a Decimal, an object per row or a
 * person read back — amounts are integer fen at the money boundary (docs/architecture.md), the
 * person is remembered in a compact form, the row's fund lines (setldetail) are written from the
 * given amounts' text as fundLines makes them, and the row is bound by position. The row stored
 * is the one the general seeding path (`Ledger.insertSettlement`) stores;
 * test/unit/sandbox/ledger.test.ts holds the two equal.
 */
import type Database from 'better-sqlite3';
import { D, fenOfText, textOfFen } from '../../money.js';
import { ACCOUNT_NAME, ACCOUNT_TYPE, FUND_TYPES, POOL_NAME, poolType, seededPoolInfo } from './fundLines.js';
import { LEDGER_AMOUNTS } from './ledgerSchema.js';
import { clrTypeForMedType, SETTLEMENT_COLUMNS } from './ledgerRows.js';
import type { SeedSettlement } from './ledgerTypes.js';
import { personAge, type Person } from './roster.js';

/** What a seeded row takes from its person (kept per person for the month: a few strings). */
interface SeedPerson {
  psn_name: string;
  psn_cert_type: string;
  certno: string;
  gend: string;
  naty: string;
  brdy: string;
  insutype: string;
  psn_type: string;
  cvlserv_flag: string;
  insuplc_admdvs: string;
  initial_fen: number;
}

/** What the bulk seed needs of the ledger besides its connection. */
interface BulkSeedHost {
  readonly db: Database.Database;
  readonly admdvs: string;
  readonly fixmedins_code: string;
  readonly fixmedins_name: string;
  /** The ledger splits with simpleSplit, which the fast path repeats in fen (another split: no fast path). */
  readonly fenSplit: boolean;
  /** The person as the ledger knows it (read, or derived and stored on first sight). */
  person(psn_no: string, today: string): Person;
  /** The stored balance of a person outside this seed (undefined: none yet). */
  storedBalance(psn_no: string): string | undefined;
  newSetlId(setl_time: string): string;
  newSeedMsgid(fixmedins_code: string, at: string): string;
}

/** The JSON head of the pool's fund line, up to its amounts (fundLines' pool line). */
function poolHead(insutype: string): string {
  return `{"fund_pay_type":${JSON.stringify(poolType(insutype))},"fund_pay_type_name":${JSON.stringify(POOL_NAME)},`;
}

const MESSAGE_COLUMNS = [
  'msgid',
  'infno',
  'fixmedins_code',
  'psn_no',
  'digest',
  'received_at',
  'output',
  'created',
  'source',
];

const ACCOUNT_HEAD = `{"fund_pay_type":${JSON.stringify(ACCOUNT_TYPE)},"fund_pay_type_name":${JSON.stringify(ACCOUNT_NAME)},`;

/** A given amount as integer fen when it is exact two-decimal (or shorter) text. */
function givenFen(v: unknown): number | undefined {
  return typeof v === 'string' ? fenOfText(v) : undefined;
}

/** Every ledger amount given as text in its stored form ("12.30", "-0.05")? */
function storedAmountTexts(given: Partial<Record<string, unknown>>): given is Record<string, string> {
  for (const a of LEDGER_AMOUNTS) {
    const v = given[a];
    if (typeof v !== 'string') return false;
    const f = fenOfText(v);
    if (f === undefined || textOfFen(f) !== v) return false;
  }
  return true;
}

export class BulkSeed {
  /** Balances in fen, written once per person at the end (a Map keeps the first-write order). */
  readonly balances = new Map<string, number>();
  private readonly persons = new Map<string, SeedPerson>();
  private readonly poolTexts = new Map<string, string>();
  private readonly heads = new Map<string, string>();
  private readonly insertRow: Database.Statement;
  private readonly insertMessage: Database.Statement;

  constructor(private readonly host: BulkSeedHost) {
    const marks = (n: number) => new Array(n).fill('?').join(', ');
    this.insertRow = host.db.prepare(
      `INSERT INTO settlements (${SETTLEMENT_COLUMNS.join(', ')}) VALUES (${marks(SETTLEMENT_COLUMNS.length)})`,
    );
    this.insertMessage = host.db.prepare(
      `INSERT INTO messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${marks(MESSAGE_COLUMNS.length)})`,
    );
  }

  /** The balance before a settlement, in fen (held, stored, or the person's opening balance). */
  balanceFen(psn_no: string, today: string): number {
    const held = this.balances.get(psn_no);
    if (held !== undefined) return held;
    const stored = this.host.storedBalance(psn_no);
    if (stored !== undefined) return fenOfText(stored)!;
    return this.person(psn_no, today).initial_fen;
  }

  private person(psn_no: string, today: string): SeedPerson {
    let p = this.persons.get(psn_no);
    if (!p) {
      const full = this.host.person(psn_no, today);
      p = compactPerson(full);
      this.persons.set(psn_no, p);
    }
    return p;
  }

  /** A person the ledger replaced (a seeded insurance type): the compact form follows. */
  forget(psn_no: string): void {
    this.persons.delete(psn_no);
  }

  /**
   * Plant `s` when the fast path applies (every amount given as stored text, the bill parts as
   * fen text, the split is simpleSplit); false leaves it to the general path.
   */
  plant(s: SeedSettlement, today: string): boolean {
    const given = s.amounts;
    if (!this.host.fenSplit || !given || !storedAmountTexts(given)) return false;
    // (The general path splits these first; it refuses what is not money, so the fast path takes only fen text.)
    if (givenFen(s.medfee_sumamt) === undefined || givenFen(s.inscp_scp_amt) === undefined) return false;
    const p = this.person(s.psn_no, today);
    if (s.insutype && s.insutype !== p.insutype) return false;
    const med_type = s.med_type ?? (s.clr_type === '21' ? '21' : '11');
    const clr_type = s.clr_type ?? clrTypeForMedType(med_type);
    const before = this.balanceFen(s.psn_no, today);
    const pool =
      given.pool_prop_selfpay === undefined ? `0.${poolRatio(p, clr_type)}` : String(given.pool_prop_selfpay);
    const host = this.host;
    const fixmedins_code = s.fixmedins_code ?? host.fixmedins_code;
    const infno = s.infno ?? (clr_type === '21' ? '2304' : '2207');
    const setl_id = s.setl_id ?? host.newSetlId(s.setl_time);
    const medins_setl_id = s.medins_setl_id ?? host.newSeedMsgid(fixmedins_code, s.setl_time);
    const values: unknown[] = [
      setl_id,
      fixmedins_code,
      s.fixmedins_name ?? host.fixmedins_name,
      infno,
      medins_setl_id,
      s.mdtrt_id,
      s.psn_no,
      s.psn_name ?? p.psn_name,
      p.psn_cert_type,
      s.certno ?? p.certno,
      p.gend,
      p.naty,
      p.brdy,
      personAge(p, today),
      p.insutype,
      p.psn_type,
      p.cvlserv_flag,
      med_type,
      '02',
      '01',
      null,
      infno === '2304' ? '0' : null,
      null,
      clr_type,
      s.clr_way ?? '01',
      s.clr_optins ?? p.insuplc_admdvs,
      s.setl_time,
      '0',
      null,
      null,
      null,
      null,
    ];
    for (const a of LEDGER_AMOUNTS) values.push(given[a]);
    values.push(
      this.poolText(pool),
      this.setldetail(p.insutype, given, before),
      null,
      null,
      'seed',
      s.memo ?? null,
      s.setl_time,
    );
    this.insertRow.run(values);
    this.balances.set(s.psn_no, fenOfText(given.balc!)!);
    this.insertMessage.run(
      medins_setl_id,
      infno,
      fixmedins_code,
      s.psn_no,
      'seed',
      s.setl_time,
      null,
      `{"settlements":[${JSON.stringify(setl_id)}]}`,
      'seed',
    );
    return true;
  }

  /** pool_prop_selfpay as stored: four decimals (a few distinct values, each formatted once). */
  private poolText(v: string): string {
    let t = this.poolTexts.get(v);
    if (t === undefined) {
      t = new D(v).toDecimalPlaces(4).toFixed(4);
      this.poolTexts.set(v, t);
    }
    return t;
  }

  /**
   * fundLines (fundLines.ts) of the given amounts as the ledger stores them (settlementToDb's JSON):
   * the given texts are the stored ones already (storedAmountTexts), so they are written as they are.
   */
  private setldetail(insutype: string, given: Record<string, string>, before: number): string {
    let head = this.heads.get(insutype);
    if (head === undefined) this.heads.set(insutype, (head = poolHead(insutype)));
    const inscp = given.inscp_scp_amt!;
    const dedc = given.act_pay_dedc!;
    const limit = dedc === '0.00' ? inscp : textOfFen(fenOfText(inscp)! - fenOfText(dedc)!);
    const scope = `"inscp_scp_amt":"${inscp}"`;
    // (An amount's text is digits, a point and maybe a minus: nothing in it needs escaping.)
    let out = `[${head}${scope},"crt_payb_lmt_amt":"${limit}","fund_payamt":"${given.hifp_pay}","setl_proc_info":"${seededPoolInfo(dedc)}"}`;
    for (const [k, type, name] of FUND_TYPES) {
      const paid = given[k]!;
      if (isPositive(paid))
        out += `,{"fund_pay_type":"${type}","fund_pay_type_name":"${name}",${scope},"crt_payb_lmt_amt":"${paid}","fund_payamt":"${paid}","setl_proc_info":""}`;
    }
    if (isPositive(given.acct_pay!))
      out += `,${ACCOUNT_HEAD}${scope},"crt_payb_lmt_amt":"${textOfFen(before)}","fund_payamt":"${given.acct_pay}","setl_proc_info":""}`;
    return out + ']';
  }
}

/** A stored amount text (textOfFen's form: "0.00" is its only zero) above zero. */
const isPositive = (t: string): boolean => t !== '0.00' && t[0] !== '-';

function compactPerson(p: Person): SeedPerson {
  return {
    psn_name: p.psn_name,
    psn_cert_type: p.psn_cert_type,
    certno: p.certno,
    gend: p.gend,
    naty: p.naty,
    brdy: p.brdy,
    insutype: p.insutype,
    psn_type: p.psn_type,
    cvlserv_flag: p.cvlserv_flag,
    insuplc_admdvs: p.insuplc_admdvs,
    initial_fen: fenOfText(p.initial_balc.toFixed(2))!,
  };
}

/** simpleSplit's pool ratio in hundredths (60 = 0.60): a seeded row's pool_prop_selfpay when none is given. */
function poolRatio(p: SeedPerson, clr_type: string): number {
  const inpatient = clr_type === '21';
  const employee = p.insutype === '310';
  const retired = p.psn_type === '12';
  return inpatient ? (employee ? (retired ? 90 : 85) : 70) : employee ? (retired ? 70 : 60) : 50;
}
