/**
 * Ledger rows to and from the database: the column lists, amounts as stored text, JSON columns
 * revived. Pure.
 */
import { D, money, round2, type Decimal } from '../../money.js';
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

export const BRIEF_COLUMNS = [
  'setl_id',
  'psn_no',
  'mdtrt_id',
  'medins_setl_id',
  'refd_setl_flag',
  'setl_time',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
] as const;

export function briefFromDb(r: unknown[]): SettlementBrief {
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
