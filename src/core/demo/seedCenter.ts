/**
 * `seedCenter`: give the center sandbox the history that matches a seeded HIS, with the
 * reconciliation anomalies seedHis planned. It reads the HIS back through the profile (day by
 * day, `settlements_in_period`), so it streams however large the seed, and writes through the
 * sandbox ledger's seeding API. What differs from the HIS is exactly what the manifest lists:
 *
 *   his_only          not written (or written and reversed at the center, 2601)
 *   amount_mismatch   written with the planned deltas
 *   center_duplicate  written twice (the second under the center's own setl_id and msgid)
 *   cross_midnight    written with the center's time, a few seconds after midnight
 *   refund_pair       written, then cancelled (a negative row) at the center
 *   center_only       timeouts (the HIS row is still pending), the HIS rollback, a test row
 *
 * Everything else — settlements, the HIS's own cancellations — is written as the HIS has it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LedgerOptions, SeedCancellation, SeedSettlement } from '../center/sandbox/index.js';
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { writeFileAtomicSync } from '../files/index.js';
import {
  loadProfile,
  referenceProfilePath,
  runStatement,
  SETTLEMENT_AMOUNTS,
  type Profile,
  type Row,
} from '../his/index.js';
import { D, fenOfText, fmt, textOfFen } from '../money.js';
import type { CenterSettlementRecord, PlantedAnomaly } from './anomalies.js';
import { addDays } from './dates.js';
import type { SeedManifest } from './manifest.js';

/** What seedCenter needs from a ledger: the sandbox Ledger's seeding API. */
export interface CenterLedgerTarget {
  insertSettlement(s: SeedSettlement): unknown;
  /** Optional: insertSettlement without returning the row (the ledger's faster seeding call). */
  seedSettlement?(s: SeedSettlement): void;
  insertCancellation(c: SeedCancellation): unknown;
  reverseSettlement(setl_id: string, at: string, by?: string): unknown;
  transaction<T>(fn: () => T): T;
  /** Optional: a load of many rows begins / ends (the sandbox ledger drops and rebuilds its indexes). */
  beginBulkSeed?(): void;
  endBulkSeed?(): void;
  /** Optional: the file and options another thread opens the same ledger with (undefined: it cannot). */
  reopenOptions?(): { file: string; options: LedgerOptions } | undefined;
}

export interface SeedCenterOptions {
  /** The seeded HIS. */
  his: Db;
  /** Read it through this profile (default: the reference profile). */
  profile?: Profile;
  ledger: CenterLedgerTarget;
  /** The manifest seedHis returned (or read from seed.json). */
  manifest: SeedManifest;
  /** Folder whose seed.json gets the center summary (not written when absent). */
  out?: string;
  onProgress?: (p: { day: string; done: number; days: number }) => void;
}

export interface SeedCenterResult {
  manifest: SeedManifest;
  settlements: number;
  files: string[];
}

export async function seedCenter(opts: SeedCenterOptions): Promise<SeedCenterResult> {
  const m = opts.manifest;
  if (m.center)
    throw inputError(
      'DEMO_CENTER_SEEDED',
      'The center side of this seed was already written',
      'Seed a new HIS and sandbox ledger (hisops demo seed --out NEW_DIR).',
    ).zh('本次演示数据的医保中心部分已写入过', '请生成新的 HIS 和沙箱账本（hisops demo seed --out NEW_DIR）。');
  const profile = opts.profile ?? (await loadProfile(referenceProfilePath()));
  const seeder = new CenterSeeder(opts.ledger, m.institution.fixmedins_code);
  seeder.plan(m.anomalies);
  const days: string[] = [];
  for (let d = m.startDate; d <= m.endDate; d = addDays(d, 1)) days.push(d);
  seeder.begin();
  try {
    for (const [i, day] of days.entries()) {
      const rows = await runStatement(opts.his, profile, 'settlements_in_period', {
        from: `${day} 00:00:00`,
        to: `${addDays(day, 1)} 00:00:00`,
      });
      const byMsgid = new Map<string, Row>();
      for (const msgid of seeder.msgidsWanted(day)) {
        const row = (await runStatement(opts.his, profile, 'settlement_by_msgid', { msgid }))[0];
        if (row) byMsgid.set(msgid, row);
      }
      seeder.day(day, rows, byMsgid);
      opts.onProgress?.({ day, done: i + 1, days: days.length });
    }
  } finally {
    // The indexes come back whatever happened, so the ledger file keeps its schema.
    seeder.end();
  }
  const manifest: SeedManifest = { ...m, center: seeder.summary() };
  const files: string[] = [];
  if (opts.out) {
    const file = path.join(opts.out, 'seed.json');
    fs.mkdirSync(opts.out, { recursive: true });
    writeFileAtomicSync(file, JSON.stringify(manifest, null, 2) + '\n', 'the seed manifest');
    files.push(file);
  }
  return { manifest, settlements: count(manifest), files };
}

const count = (m: SeedManifest) => m.center!.settlements;

/**
 * Writes the center's side one day at a time from the HIS's settlement rows of that day (in the
 * order settlements_in_period gives them: setl_time, his_setl_no) and the planted anomalies. Two
 * feeders: seedCenter reads the days back from a seeded HIS through the profile; seedHis, given a
 * ledger, hands over each day's rows as it generates them (nothing is read back, and the center
 * is written while the HIS writer thread writes the HIS). Only the month's totals (integer fen)
 * and the anomaly plans are kept across days.
 */
export class CenterSeeder {
  private readonly plans = new CenterPlans();
  private count = 0;
  // Hot path (a million rows): the month's totals are kept in integer fen, read from the
  // two-decimal amount text (fenOfText), and turned back into amounts once at the end; a Decimal
  // per amount per row held for the month was most of the seed's memory.
  private readonly totals = { medfee: 0, fund: 0, acct: 0, cash: 0 };

  constructor(
    private readonly ledger: CenterLedgerTarget,
    private readonly fixmedins_code: string,
  ) {}

  /** Take in planted anomalies (all at once, or as the generator plants them). */
  plan(anomalies: Iterable<PlantedAnomaly>): void {
    this.plans.plan(anomalies);
  }

  begin(): void {
    this.ledger.beginBulkSeed?.();
  }

  end(): void {
    this.ledger.endBulkSeed?.();
  }

  /** The msgids of HIS rows a day's center-only anomalies copy (settlements the HIS still shows pending). */
  msgidsWanted(day: string): string[] {
    return this.plans.msgidsWanted(day);
  }

  private fen(s: string): number {
    const f = fenOfText(s);
    if (f === undefined)
      throw inputError(
        'DEMO_CENTER_PLAN',
        `The seeded HIS has an amount "${s}" that is not two-decimal money`,
        'Seed the center from a HIS written by hisops demo seed.',
      ).zh(`演示 HIS 中的金额 "${s}" 不是两位小数的金额`, '请用 hisops demo seed 写入的 HIS 生成医保中心数据。');
    return f;
  }

  /** Add a row the center counts (sign -1: the negative row of a cancellation; rows -1: a reversed row stops counting). */
  private tally(amounts: Record<string, string>, sign = 1, rows = 1): void {
    this.count += rows;
    this.totals.medfee += sign * this.fen(amounts.medfee_sumamt!);
    this.totals.fund += sign * this.fen(amounts.fund_pay_sumamt!);
    this.totals.acct += sign * this.fen(amounts.acct_pay!);
    this.totals.cash += sign * this.fen(amounts.psn_cash_pay!);
  }

  /** One day: `rows` as settlements_in_period returns them, `byMsgid` the rows msgidsWanted(day) named. */
  day(day: string, rows: Iterable<Row>, byMsgid: Map<string, Row>): void {
    const { ledger, fixmedins_code } = this;
    const plans = this.plans.bySetlId;
    const pending: Array<{ a: PlantedAnomaly; row: Row | undefined }> = [];
    for (const a of this.plans.centerOnly(day))
      pending.push({ a, row: a.center?.record ? undefined : byMsgid.get(a.keys.msgid as string) });
    ledger.transaction(() => {
      for (const r of rows) {
        const setl_id = String(r.setl_id);
        const plan = plans.get(setl_id);
        if (r.refd_setl_flag === '1') {
          // The HIS's own cancellation: the center has it too.
          ledger.insertCancellation({
            setl_id: String(r.init_setl_id),
            setl_time: String(r.setl_time),
            new_setl_id: setl_id,
            medins_setl_id: String(r.msgid),
          });
          this.tally(amountsOf(r));
          continue;
        }
        if (plan?.kind === 'his_only' && !plan.center?.reverse_at) continue;
        const amounts = amountsOf(r);
        if (plan?.kind === 'amount_mismatch')
          for (const [k, v] of Object.entries(plan.center?.deltas ?? {})) amounts[k] = fmt(new D(amounts[k]!).plus(v));
        const setl_time = plan?.kind === 'cross_midnight' ? plan.center!.center_setl_time! : String(r.setl_time);
        this.put(seedFromRow(r, { setl_id, setl_time, medins_setl_id: String(r.msgid), amounts, fixmedins_code }));
        this.tally(amounts);
        if (plan?.kind === 'his_only') {
          ledger.reverseSettlement(setl_id, plan.center!.reverse_at!);
          this.tally(amounts, -1, -1);
        } else if (plan?.kind === 'center_duplicate') {
          this.put(
            seedFromRow(r, {
              setl_id: plan.center!.setl_id!,
              setl_time: plan.center!.setl_time!,
              amounts,
              fixmedins_code,
            }),
          );
          this.tally(amounts);
        } else if (plan?.kind === 'refund_pair') {
          ledger.insertCancellation({
            setl_id,
            setl_time: plan.center!.setl_time!,
            new_setl_id: plan.center!.setl_id!,
          });
          this.tally(amounts, -1, 1);
        }
      }
      for (const { a, row } of pending) {
        const rec = a.center?.record;
        if (rec) {
          this.put(seedFromRecord(rec));
          this.tally(recordAmounts(rec));
        } else if (row) {
          const amounts = amountsOf(row);
          this.put(
            seedFromRow(row, {
              setl_id: a.center!.setl_id!,
              setl_time: a.center!.setl_time!,
              medins_setl_id: String(row.msgid),
              amounts,
              fixmedins_code,
            }),
          );
          this.tally(amounts);
        } else {
          throw inputError(
            'DEMO_CENTER_PLAN',
            `The seeded HIS has no settlement with msgid ${String(a.keys.msgid)}`,
            'Seed the center from the HIS this manifest describes (the same --out folder).',
          ).zh(
            `演示 HIS 中没有 msgid 为 ${String(a.keys.msgid)} 的结算`,
            '请用该清单所描述的 HIS（同一个 --out 文件夹）生成医保中心数据。',
          );
        }
      }
    });
  }

  private put(s: SeedSettlement): void {
    if (this.ledger.seedSettlement) this.ledger.seedSettlement(s);
    else this.ledger.insertSettlement(s);
  }

  /** The center summary of the manifest. */
  summary(): NonNullable<SeedManifest['center']> {
    const t = this.totals;
    return {
      settlements: this.count,
      totals: {
        count: this.count,
        medfee_sumamt: textOfFen(t.medfee),
        fund_pay_sumamt: textOfFen(t.fund),
        acct_pay: textOfFen(t.acct),
        psn_cash_pay: textOfFen(t.cash),
      },
    };
  }
}

/** The planted anomalies the center's side acts on: by HIS setl_id, and the center-only ones by day. */
class CenterPlans {
  readonly bySetlId = new Map<string, PlantedAnomaly>();
  private readonly byDay = new Map<string, PlantedAnomaly[]>();

  plan(anomalies: Iterable<PlantedAnomaly>): void {
    for (const a of anomalies) {
      if (a.job === 'reconcile' && typeof a.keys.setl_id === 'string') this.bySetlId.set(a.keys.setl_id, a);
      if (a.kind === 'center_only' && a.day) this.byDay.set(a.day, [...(this.byDay.get(a.day) ?? []), a]);
    }
  }

  centerOnly(day: string): PlantedAnomaly[] {
    return this.byDay.get(day) ?? [];
  }

  msgidsWanted(day: string): string[] {
    return this.centerOnly(day)
      .filter((a) => !a.center?.record)
      .map((a) => a.keys.msgid as string);
  }
}

function amountsOf(r: Row): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of SETTLEMENT_AMOUNTS) out[a] = (r[a] as string | null) ?? '0.00';
  out.pool_prop_selfpay = (r.pool_prop_selfpay as string | null) ?? '0';
  return out;
}

function recordAmounts(rec: CenterSettlementRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of SETTLEMENT_AMOUNTS) out[a] = rec[a];
  out.pool_prop_selfpay = rec.pool_prop_selfpay;
  return out;
}

function seedFromRow(
  r: Row,
  a: {
    setl_id: string;
    setl_time: string;
    medins_setl_id?: string;
    amounts: Record<string, string>;
    fixmedins_code: string;
  },
): SeedSettlement {
  return {
    setl_id: a.setl_id,
    setl_time: a.setl_time,
    medins_setl_id: a.medins_setl_id,
    mdtrt_id: String(r.mdtrt_id),
    psn_no: String(r.psn_no),
    psn_name: (r.psn_name as string | null) ?? undefined,
    certno: (r.certno as string | null) ?? undefined,
    insutype: String(r.insutype),
    clr_type: String(r.clr_type),
    med_type: (r.med_type as string | null) ?? undefined,
    clr_optins: String(r.setl_optins ?? r.clr_optins),
    clr_way: (r.clr_way as string | null) ?? undefined,
    infno: String(r.infno),
    fixmedins_code: a.fixmedins_code,
    medfee_sumamt: a.amounts.medfee_sumamt!,
    fulamt_ownpay_amt: a.amounts.fulamt_ownpay_amt,
    overlmt_selfpay: a.amounts.overlmt_selfpay,
    preselfpay_amt: a.amounts.preselfpay_amt,
    inscp_scp_amt: a.amounts.inscp_scp_amt,
    acct_used_flag: (r.acct_used_flag as string | undefined) ?? '1',
    amounts: a.amounts as SeedSettlement['amounts'],
  };
}

function seedFromRecord(rec: CenterSettlementRecord): SeedSettlement {
  const amounts = recordAmounts(rec);
  return {
    setl_id: rec.setl_id,
    setl_time: rec.setl_time,
    medins_setl_id: rec.medins_setl_id,
    mdtrt_id: rec.mdtrt_id,
    psn_no: rec.psn_no,
    psn_name: rec.psn_name ?? undefined,
    certno: rec.certno ?? undefined,
    insutype: rec.insutype,
    clr_type: rec.clr_type,
    med_type: rec.med_type ?? undefined,
    clr_optins: rec.setl_optins,
    clr_way: rec.clr_way ?? undefined,
    infno: rec.infno,
    fixmedins_code: rec.fixmedins_code,
    medfee_sumamt: rec.medfee_sumamt,
    fulamt_ownpay_amt: rec.fulamt_ownpay_amt,
    overlmt_selfpay: rec.overlmt_selfpay,
    preselfpay_amt: rec.preselfpay_amt,
    inscp_scp_amt: rec.inscp_scp_amt,
    amounts: amounts as SeedSettlement['amounts'],
  };
}
