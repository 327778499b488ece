/**
 * Canonical columns: the national field names hisops reads from and writes to a HIS, with the
 * kind of value each holds. The runner uses the kinds to hand every job the same shapes whatever
 * the database returned (SQLite gives 12.3 for a NUMERIC 12.30, PostgreSQL "12.30", Oracle and
 * MySQL a Date for a timestamp): money as a string with two decimals, other decimals as plain
 * strings, times as `yyyy-MM-dd HH:mm:ss`, dates as `yyyy-MM-dd`.
 */
import {
  SETTLEMENT_AMOUNTS as STORED_AMOUNTS,
  SETTLEMENT_TOTALS as STORED_TOTALS,
} from '../center/protocol/transactions.js';
import { D, fmt } from '../money.js';

export type ColumnKind = 'text' | 'money' | 'decimal' | 'int' | 'datetime' | 'date';

/** Settlement amount fields of §5.S (num 16,2), in the order the national tables list them. */
export const SETTLEMENT_AMOUNTS = STORED_AMOUNTS;
export type SettlementAmount = (typeof SETTLEMENT_AMOUNTS)[number];
/** medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay: the totals every job compares. */
export const SETTLEMENT_TOTALS = STORED_TOTALS;
export type SettlementTotal = (typeof SETTLEMENT_TOTALS)[number];

/** Fund fields whose sum is fund_pay_sumamt (invariant I2, variant a). */
export const FUND_FIELDS = [
  'hifp_pay',
  'cvlserv_pay',
  'hifes_pay',
  'hifmi_pay',
  'hifob_pay',
  'maf_pay',
  'oth_pay',
  'hifdm_pay',
] as const;

const MONEY = [
  ...SETTLEMENT_AMOUNTS,
  'bill_amt',
  'det_item_fee_sumamt',
  'fulamt_ownpay_amt',
  'overlmt_amt',
  'preselfpay_amt',
  'inscp_scp_amt',
];
const DECIMAL = [
  'pool_prop_selfpay',
  'selfpay_prop',
  'cnt',
  'pric',
  'pric_uplmt_amt',
  'sel_retn_cnt',
  'finl_trns_pric',
  'age',
  'inv_cnt',
];
const INT = ['trac_seq', 'bill_cnt', 'map_cnt', 'trac_cnt'];
const DATETIME = [
  'setl_time',
  'fee_ocur_time',
  'sel_retn_time',
  'inv_chg_time',
  'created_at',
  'updated_at',
  'begntime',
  'endtime',
  'request_time',
  'response_time',
  'last_billed_time',
];
const DATE = ['begndate', 'enddate', 'brdy', 'manu_date', 'expy_end', 'invdate'];

/** Kind of every canonical column that is not plain text. */
const kinds = (names: string[], kind: ColumnKind): Array<[string, ColumnKind]> => names.map((c) => [c, kind]);
export const COLUMN_KINDS: Readonly<Record<string, ColumnKind>> = Object.freeze(
  Object.fromEntries([
    ...kinds(MONEY, 'money'),
    ...kinds(DECIMAL, 'decimal'),
    ...kinds(INT, 'int'),
    ...kinds(DATETIME, 'datetime'),
    ...kinds(DATE, 'date'),
  ]),
);

export function columnKind(name: string): ColumnKind {
  return COLUMN_KINDS[name] ?? 'text';
}

const p2 = (n: number) => (n < 10 ? '0' : '') + n;

/** A Date as the wall-clock `yyyy-MM-dd HH:mm:ss` it was read as (drivers build Dates in local time). */
export function formatDateTime(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
}

export function formatDate(d: Date): string {
  return `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
}

/** One value in its canonical form; null stays null. */
export function normalizeValue(kind: ColumnKind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'money':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? fmt(String(v)) : v;
    case 'decimal':
      return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' ? new D(String(v)).toString() : v;
    case 'int':
      return typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v;
    case 'datetime':
      if (v instanceof Date) return formatDateTime(v);
      return typeof v === 'string' ? v.replace('T', ' ').slice(0, 19) : v;
    case 'date':
      if (v instanceof Date) return formatDate(v);
      return typeof v === 'string' ? v.slice(0, 10) : v;
    default:
      if (v instanceof Date) return formatDateTime(v);
      return typeof v === 'number' || typeof v === 'bigint' ? String(v) : v;
  }
}

export type Row = Record<string, unknown>;

/** Lower-case the keys (Oracle upper-cases unquoted aliases) and normalize each canonical value. */
export function normalizeRow(raw: Record<string, unknown>): Row {
  const out: Row = {};
  for (const k of Object.keys(raw)) {
    const name = k.toLowerCase();
    out[name] = normalizeValue(columnKind(name), raw[k]);
  }
  return out;
}
