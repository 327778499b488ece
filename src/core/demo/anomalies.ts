/**
 * Planted anomalies: every irregularity the seed puts into the data on purpose, with the ids a
 * test needs to check that a job finds exactly these (and nothing in the natural data).
 *
 * side "his"    — in the seeded HIS itself (trace codes, mappings, stuck settlements).
 * side "center" — decided by seedHis, written into the center's ledger by seedCenter
 *                 (reconciliation anomalies); `center` holds what seedCenter needs.
 */

export type AnomalyJob = 'trace' | 'mapping' | 'settle' | 'reconcile' | 'invoice';

export type AnomalyKind =
  // trace (HIS)
  | 'trace_invalid_length'
  | 'trace_invalid_chars'
  | 'trace_duplicate_in_record'
  | 'trace_sold_twice'
  | 'trace_return_never_sold'
  | 'dispense_no_mapping'
  // supplier code list (trace import-invoice)
  | 'invoice_code_on_two_invoices'
  | 'invoice_code_other_drug'
  | 'invoice_code_missing'
  // mapping (HIS)
  | 'mapping_overlap'
  | 'mapping_unknown_code'
  // settle (HIS)
  | 'settlement_pending'
  | 'log_without_settlement'
  // reconcile (center ledger vs HIS)
  | 'center_only'
  | 'his_only'
  | 'amount_mismatch'
  | 'center_duplicate'
  | 'cross_midnight'
  | 'refund_pair';

/** A settlement as the center's ledger holds it (amounts as strings with two decimals). */
export interface CenterSettlementRecord {
  fixmedins_code: string;
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  psn_name: string | null;
  psn_cert_type: string | null;
  certno: string | null;
  gend: string | null;
  naty: string | null;
  brdy: string | null;
  age: string | null;
  insutype: string;
  psn_type: string | null;
  cvlserv_flag: string | null;
  med_type: string | null;
  mdtrt_cert_type: string | null;
  clr_type: string;
  clr_way: string | null;
  clr_optins: string;
  setl_optins: string;
  setl_time: string;
  infno: string;
  /** The request msgid the center echoes (medins_setl_id). */
  medins_setl_id: string;
  refd_setl_flag: '0' | '1';
  /** For a cancellation: the settlement it cancels. */
  orig_setl_id: string | null;
  medfee_sumamt: string;
  fulamt_ownpay_amt: string;
  overlmt_selfpay: string;
  preselfpay_amt: string;
  inscp_scp_amt: string;
  act_pay_dedc: string;
  hifp_pay: string;
  pool_prop_selfpay: string;
  cvlserv_pay: string;
  hifes_pay: string;
  hifmi_pay: string;
  hifob_pay: string;
  maf_pay: string;
  oth_pay: string;
  hifdm_pay: string;
  fund_pay_sumamt: string;
  psn_part_amt: string;
  acct_pay: string;
  psn_cash_pay: string;
  hosp_part_amt: string;
  balc: string;
  acct_mulaid_pay: string;
}

export interface CenterPlan {
  /** center_only (timeout) / center_duplicate / refund_pair: the center's own setl_id and time. */
  setl_id?: string;
  setl_time?: string;
  /** cross_midnight: the center's time of the same settlement (next day). */
  center_setl_time?: string;
  /** amount_mismatch: what the center has minus what the HIS has, per field ("0.01"). */
  deltas?: Record<string, string>;
  /** center_only without any HIS settlement row: the full record the center holds. */
  record?: CenterSettlementRecord;
  /** his_only: when the center reversed it (absent: the center never had it). */
  reverse_at?: string;
  /** settlement_pending: whether the center settled it (a timeout) or never did. */
  center_has_it?: boolean;
}

export interface PlantedAnomaly {
  id: string;
  job: AnomalyJob;
  kind: AnomalyKind;
  side: 'his' | 'center';
  /** The day it shows in (yyyy-MM-dd), when it has one. */
  day: string | null;
  /** Ids to look the anomaly up by (setl_id, msgid, disp_id, drug_trac_codg, fixmedins_hilist_id …). */
  keys: Record<string, string | string[] | null>;
  detail: string;
  center?: CenterPlan;
}
