/**
 * The sandbox's visits and their fee lines (tables `visits` and `fee_lines` of ledgerSchema.ts):
 * what 2201/2401 register, 2203/2402 describe, 2204/2301 upload and 2207/2304 book. Storage only;
 * the center's rules live in handlers/visitRules.ts and the handlers.
 */
import type Database from 'better-sqlite3';
import { D, type Decimal } from '../../money.js';

/** open: registered or admitted; discharged (2402); cancelled (2202/2404); reversed (2601 of a 2401). */
export type VisitStatus = 'open' | 'discharged' | 'cancelled' | 'reversed';

export interface VisitRow {
  mdtrt_id: string;
  fixmedins_code: string;
  psn_no: string;
  insutype: string;
  inpatient: boolean;
  /** The HIS's own visit number (2201 ipt_otp_no, 2401 ipt_no). */
  ipt_otp_no: string;
  med_type: string | null;
  begntime: string;
  endtime: string | null;
  dise_codg: string | null;
  dise_name: string | null;
  status: VisitStatus;
  /** The registration, visit information and discharge as sent (registration, mdtrtinfo, diseinfo, dscginfo). */
  info: Record<string, unknown>;
  msgid: string;
  created_at: string;
  closed_at: string | null;
  closed_msgid: string | null;
}

/** The center's pricing of one line (2204/2301 `result`). */
export interface LinePricing {
  fulamt_ownpay_amt: Decimal;
  overlmt_amt: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
  selfpay_prop: Decimal;
  chrgitm_lv: string;
}

export interface FeeLineRow extends LinePricing {
  mdtrt_id: string;
  feedetl_sn: string;
  psn_no: string;
  chrg_bchno: string | null;
  med_type: string | null;
  fee_ocur_time: string;
  med_list_codg: string;
  medins_list_codg: string;
  det_item_fee_sumamt: Decimal;
  cnt: Decimal;
  pric: Decimal;
  /** Digest of the line as sent: the same line again is no change, another under the same sn is refused. */
  digest: string;
  record: Record<string, unknown>;
  /** The settlement that booked the line; null while unsettled. */
  setl_id: string | null;
  msgid: string;
  uploaded_at: string;
}

const DECIMALS = [
  'det_item_fee_sumamt',
  'cnt',
  'pric',
  'fulamt_ownpay_amt',
  'overlmt_amt',
  'preselfpay_amt',
  'inscp_scp_amt',
  'selfpay_prop',
] as const;
const LINE_COLUMNS = [
  'mdtrt_id',
  'feedetl_sn',
  'psn_no',
  'chrg_bchno',
  'med_type',
  'fee_ocur_time',
  'med_list_codg',
  'medins_list_codg',
  ...DECIMALS,
  'chrgitm_lv',
  'digest',
  'record',
  'setl_id',
  'msgid',
  'uploaded_at',
];
const VISIT_COLUMNS = [
  'mdtrt_id',
  'fixmedins_code',
  'psn_no',
  'insutype',
  'inpatient',
  'ipt_otp_no',
  'med_type',
  'begntime',
  'endtime',
  'dise_codg',
  'dise_name',
  'status',
  'info',
  'msgid',
  'created_at',
  'closed_at',
  'closed_msgid',
];

type DbRow = Record<string, unknown>;

function visitFromDb(r: DbRow): VisitRow {
  return {
    ...(r as unknown as VisitRow),
    inpatient: r.inpatient === 1,
    info: JSON.parse(r.info as string) as Record<string, unknown>,
  };
}

function lineFromDb(r: DbRow): FeeLineRow {
  const out = { ...(r as unknown as FeeLineRow), record: JSON.parse(r.record as string) as Record<string, unknown> };
  for (const k of DECIMALS) out[k] = new D(r[k] as string);
  return out;
}

function lineToDb(l: FeeLineRow): DbRow {
  const out: DbRow = { ...l, record: JSON.stringify(l.record) };
  for (const k of DECIMALS)
    out[k] =
      k === 'cnt'
        ? l.cnt.toFixed(4)
        : k === 'pric'
          ? l.pric.toFixed(6)
          : k === 'selfpay_prop'
            ? l.selfpay_prop.toFixed(4)
            : l[k].toFixed(2);
  return out;
}

interface LineFilter {
  chrg_bchno?: string;
  feedetl_sn?: string;
  /** true: only lines no settlement booked; false: only booked ones. */
  unsettled?: boolean;
  setl_id?: string;
}

export class VisitStore {
  constructor(private readonly db: Database.Database) {}

  get(mdtrt_id: string): VisitRow | undefined {
    const r = this.db.prepare('SELECT * FROM visits WHERE mdtrt_id = ?').get(mdtrt_id) as DbRow | undefined;
    return r ? visitFromDb(r) : undefined;
  }

  /** The institution's visits of a person that are still open or discharged (not cancelled or reversed). */
  liveOfPerson(fixmedins_code: string, psn_no: string): VisitRow[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM visits WHERE fixmedins_code = ? AND psn_no = ? AND status IN ('open', 'discharged') ORDER BY created_at, mdtrt_id",
      )
      .all(fixmedins_code, psn_no);
    return (rows as DbRow[]).map(visitFromDb);
  }

  /** The institution's live visit under a HIS visit number, if any. */
  liveByIptOtpNo(fixmedins_code: string, ipt_otp_no: string): VisitRow | undefined {
    const r = this.db
      .prepare(
        "SELECT * FROM visits WHERE fixmedins_code = ? AND ipt_otp_no = ? AND status IN ('open', 'discharged') LIMIT 1",
      )
      .get(fixmedins_code, ipt_otp_no) as DbRow | undefined;
    return r ? visitFromDb(r) : undefined;
  }

  put(v: VisitRow): void {
    const row: DbRow = { ...v, inpatient: v.inpatient ? 1 : 0, info: JSON.stringify(v.info) };
    this.db
      .prepare(
        `INSERT INTO visits (${VISIT_COLUMNS.join(', ')}) VALUES (${VISIT_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      )
      .run(row);
  }

  update(mdtrt_id: string, patch: Partial<Omit<VisitRow, 'mdtrt_id' | 'inpatient'>>): void {
    const keys = Object.keys(patch) as (keyof typeof patch)[];
    if (!keys.length) return;
    const row: DbRow = { ...patch, mdtrt_id };
    if (patch.info) row.info = JSON.stringify(patch.info);
    this.db
      .prepare(`UPDATE visits SET ${keys.map((k) => `${k} = @${k}`).join(', ')} WHERE mdtrt_id = @mdtrt_id`)
      .run(row);
  }

  /** A visit's fee lines in upload order. */
  lines(mdtrt_id: string, f: LineFilter = {}): FeeLineRow[] {
    const where = ['mdtrt_id = ?'];
    const args: unknown[] = [mdtrt_id];
    if (f.chrg_bchno !== undefined) where.push('chrg_bchno = ?'), args.push(f.chrg_bchno);
    if (f.feedetl_sn !== undefined) where.push('feedetl_sn = ?'), args.push(f.feedetl_sn);
    if (f.setl_id !== undefined) where.push('setl_id = ?'), args.push(f.setl_id);
    if (f.unsettled === true) where.push('setl_id IS NULL');
    if (f.unsettled === false) where.push('setl_id IS NOT NULL');
    return (
      this.db.prepare(`SELECT * FROM fee_lines WHERE ${where.join(' AND ')} ORDER BY rowid`).all(...args) as DbRow[]
    ).map(lineFromDb);
  }

  line(mdtrt_id: string, feedetl_sn: string): FeeLineRow | undefined {
    return this.lines(mdtrt_id, { feedetl_sn })[0];
  }

  putLine(l: FeeLineRow): void {
    this.db
      .prepare(
        `INSERT INTO fee_lines (${LINE_COLUMNS.join(', ')}) VALUES (${LINE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
      )
      .run(lineToDb(l));
  }

  /** Delete unsettled lines (2205/2302); returns how many went. */
  deleteUnsettled(mdtrt_id: string, f: { chrg_bchno?: string; feedetl_sn?: string }): number {
    const where = ['mdtrt_id = ?', 'setl_id IS NULL'];
    const args: unknown[] = [mdtrt_id];
    if (f.chrg_bchno !== undefined) where.push('chrg_bchno = ?'), args.push(f.chrg_bchno);
    if (f.feedetl_sn !== undefined) where.push('feedetl_sn = ?'), args.push(f.feedetl_sn);
    return this.db.prepare(`DELETE FROM fee_lines WHERE ${where.join(' AND ')}`).run(...args).changes;
  }

  /** A settlement books these lines. */
  book(mdtrt_id: string, feedetl_sns: readonly string[], setl_id: string): void {
    const st = this.db.prepare('UPDATE fee_lines SET setl_id = ? WHERE mdtrt_id = ? AND feedetl_sn = ?');
    for (const sn of feedetl_sns) st.run(setl_id, mdtrt_id, sn);
  }

  /** A cancelled or reversed settlement gives its lines back: unsettled again, to settle anew or delete. */
  release(setl_id: string): number {
    return this.db.prepare('UPDATE fee_lines SET setl_id = NULL WHERE setl_id = ?').run(setl_id).changes;
  }
}
