/**
 * The sandbox ledger's row and option shapes (ledger.ts keeps the books; these are what it reads
 * and writes).
 */
import type { Decimal } from '../../money.js';
import type { BriefColumn } from './ledgerRows.js';
import type { LedgerAmount } from './ledgerSchema.js';
import type { SetlDetail, SplitFn } from './simpleSplit.js';

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

/**
 * What a 3202 comparison reads of a center row (the columns of BRIEF_COLUMNS); amounts as the ledger
 * stores them (two-decimal text), medins_setl_id may be null. (The scope's filter has chosen the
 * institution, agency, clearing type and unreversed rows.)
 */
export type SettlementBrief = { [K in BriefColumn]: K extends 'medins_setl_id' ? string | null : string };

/**
 * The rows of a brief listing as one piece of UTF-8 (ledger `briefBytes`): each row's
 * BRIEF_COLUMNS joined by 0x1F, a null msgid as '', the rows joined by 0x1E; `count` rows. A row
 * with another null value is left out by SQLite's concatenation (the count tells).
 */
export interface BriefBytes {
  count: number;
  bytes: Buffer;
}

/** Everything a settlement row needs besides what the ledger fills in (status, setldetail defaults). */
export type NewSettlement = Omit<
  SettlementRow,
  'status' | 'cancelled_by' | 'reversed_by' | 'reversed_at' | 'orig_setl_id'
> & { orig_setl_id?: string | null };
