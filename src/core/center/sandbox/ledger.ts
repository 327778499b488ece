/**
 * The sandbox's own books, in one SQLite file: settlements (and their cancellations and
 * reversals), the messages that created them, sign-ins, persons and balances, uploaded and
 * produced files, catalog mappings and drug trace codes. Synchronous (better-sqlite3): the server
 * runs every request inside one transaction, so 32 concurrent clients cannot lose a write.
 *
 * `Ledger` is the whole: LedgerBooks (ledgerBooks.ts: the connection, messages, sign-ins, files,
 * mappings, trace codes), LedgerSettlements (ledgerSettlements.ts: settlements, persons,
 * balances, the bulk mode) and, here, the seeding API: the demo plants history and reconciliation anomalies with
 * insertSettlement / insertCancellation / reverseSettlement, and tests read the state back with
 * listSettlements / totals / countTraceCodes. See docs/sandbox.md.
 */
import { money, ZERO, type Decimal } from '../../money.js';
import { inputError } from '../../errors.js';
import { fundLines, seededPoolInfo, type FundAmounts } from './fundLines.js';
import { LedgerSettlements } from './ledgerSettlements.js';
import { amountText, clrTypeForMedType, isDateTimeText, num } from './ledgerRows.js';
import { LEDGER_AMOUNTS } from './ledgerSchema.js';
import type {
  LedgerOptions,
  SeedCancellation,
  SeedSettlement,
  SettlementAmounts,
  SettlementRow,
} from './ledgerTypes.js';
import { personAge, withInsutype, type Person } from './roster.js';
import type { SetlDetail } from './simpleSplit.js';

export type * from './ledgerTypes.js';
export { clrTypeForMedType } from './ledgerRows.js';
export { totalsSql } from './ledgerSql.js';

/** What a seeded settlement's row takes from the split and the call, beside the person. */
interface SeedRowParts {
  med_type: string;
  clr_type: string;
  pool: Decimal;
  setldetail: SetlDetail[];
  today: string;
}

export class Ledger extends LedgerSettlements {
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
      // Given amounts are the history's: its fund lines say what they say, not what the split paid.
      const setldetail = s.amounts
        ? fundLines(person.insutype, amounts as FundAmounts, before, seededPoolInfo(amountText(amounts.act_pay_dedc!)))
        : split.setldetail;
      const fields = this.seedFields(s, person, { med_type, clr_type, pool: pool_prop_selfpay, setldetail, today });
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
}

/** Open (creating if needed) a sandbox ledger file; `:memory:` for a throwaway one. */
export function openLedger(file: string, opts: LedgerOptions = {}): Ledger {
  return new Ledger(file, opts);
}
