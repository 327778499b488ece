/**
 * Ledger rows to and from the database: the column lists, amounts as stored text, JSON columns
 * revived. Pure.
 */
import { D, money, round2, type Decimal } from '../../money.js';
import { STMT_UPLOAD_COLUMNS } from '../protocol/stmtFile.js';
import { LEDGER_AMOUNTS } from './ledgerSchema.js';
import type { MappingRow, SettlementBrief, SettlementRow, SettlementStatus, TraceRecordRow } from './ledgerTypes.js';
import type { Person } from './roster.js';

/** Which clearing type a medical type falls under (national codes; local ones → 99). */
export function clrTypeForMedType(med_type: string): string {
  if (/^1\d$/.test(med_type) || med_type.startsWith('14')) return '11';
  if (/^2\d/.test(med_type)) return '21';
  if (med_type === '41') return '41';
  if (med_type === '51' || med_type === '81') return '11';
  if (med_type === '52') return '21';
  return '99';
}

export function amountText(d: Decimal | string): string {
  // A string is amount text already in its stored form (the bulk seed's fast path checked it).
  return typeof d === 'string' ? d : round2(d).toFixed(2);
}

export function num(v: Decimal.Value | undefined): Decimal | undefined {
  return v === undefined ? undefined : money(v);
}

export type DbRow = Record<string, unknown>;

function statusOf(r: DbRow): SettlementStatus {
  if (r.reversed_by) return 'reversed';
  if (r.orig_setl_id) return 'cancellation';
  if (r.cancelled_by) return 'cancelled';
  return 'settled';
}

export function settlementFromDb(r: DbRow): SettlementRow {
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
 * What a 3202 comparison reads of a settlement, in the order listBrief selects it: the fields of
 * the detail file's line (STMT_UPLOAD_COLUMNS), the msgid the result echoes (medins_setl_id) and
 * setl_time, which orders the rows. SettlementBrief is made of this list.
 */
export const BRIEF_COLUMNS = [...STMT_UPLOAD_COLUMNS, 'medins_setl_id', 'setl_time'] as const;
export type BriefColumn = (typeof BRIEF_COLUMNS)[number];

/** A brief from its row read as an array (the columns of BRIEF_COLUMNS, in that order). */
export function briefFromDb(r: unknown[]): SettlementBrief {
  const brief: Record<string, unknown> = {};
  for (let i = 0; i < BRIEF_COLUMNS.length; i++) brief[BRIEF_COLUMNS[i]!] = r[i];
  return brief as SettlementBrief;
}

export const SETTLEMENT_COLUMNS = [
  'setl_id',
  'fixmedins_code',
  'fixmedins_name',
  'infno',
  'medins_setl_id',
  'mdtrt_id',
  'psn_no',
  'psn_name',
  'psn_cert_type',
  'certno',
  'gend',
  'naty',
  'brdy',
  'age',
  'insutype',
  'psn_type',
  'cvlserv_flag',
  'med_type',
  'mdtrt_cert_type',
  'psn_setlway',
  'chrg_bchno',
  'mid_setl_flag',
  'invono',
  'clr_type',
  'clr_way',
  'clr_optins',
  'setl_time',
  'refd_setl_flag',
  'orig_setl_id',
  'cancelled_by',
  'reversed_by',
  'reversed_at',
  ...LEDGER_AMOUNTS,
  'pool_prop_selfpay',
  'setldetail',
  'opter',
  'opter_name',
  'source',
  'memo',
  'created_at',
] as const;

export function settlementToDb(r: SettlementRow): DbRow {
  const out: DbRow = {};
  for (const c of SETTLEMENT_COLUMNS) out[c] = (r as unknown as DbRow)[c] ?? null;
  for (const a of LEDGER_AMOUNTS) out[a] = amountText(r[a]);
  out.pool_prop_selfpay = r.pool_prop_selfpay.toDecimalPlaces(4).toFixed(4);
  out.setldetail = JSON.stringify(
    r.setldetail.map((d) => ({
      ...d,
      inscp_scp_amt: amountText(d.inscp_scp_amt),
      crt_payb_lmt_amt: amountText(d.crt_payb_lmt_amt),
      fund_payamt: amountText(d.fund_payamt),
    })),
  );
  return out;
}

export function revivePerson(data: string): Person {
  const o = JSON.parse(data) as Person & { initial_balc: string };
  return { ...o, initial_balc: new D(o.initial_balc) };
}

export function reviveMapping(r: DbRow): MappingRow {
  return { ...(r as unknown as MappingRow), record: JSON.parse(r.record as string) as Record<string, unknown> };
}

export function reviveTrace(r: DbRow): TraceRecordRow {
  return { ...(r as unknown as TraceRecordRow), record: JSON.parse(r.record as string) as Record<string, unknown> };
}

export function isDateTimeText(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(s);
}
