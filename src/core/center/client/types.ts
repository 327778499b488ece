/**
 * Inputs of the typed transactions, with the national field names. Amounts may be given as
 * Decimal, number or string; they go on the wire as numbers rounded to the field's scale.
 */
import type { Decimal } from 'decimal.js';
import type { StmtUploadRow } from '../protocol/stmtFile.js';
import type { TransactionKind } from '../protocol/transactions.js';

export type MoneyIn = Decimal | number | string;

export interface CallOptions {
  /** The person's insured-place division (from 1101 insuinfo); default: center.insuplc_admdvs. */
  insuplc_admdvs?: string;
  /** Receiver system code for this call (e.g. LXXT for insutype 340); default from config. */
  recer_sys_code?: string;
  timeoutMs?: number;
  /** 35xx: return a rejected result (ok: false) instead of throwing CENTER_REJECTED. */
  acceptRejection?: boolean;
  /** Skip the field-table check of the input. */
  skipValidation?: boolean;
  /** The input is in wire form already (made by toWireInput, as trace items are): not converted again. */
  wireReady?: boolean;
  /** Kind of a transaction the tables do not know (default: change — journaled, never retried). */
  kind?: TransactionKind;
  /**
   * requestDigest(infno, input) already computed by the caller over an input in wire form (a 35xx
   * batch is digested when it is planned): the write-ahead row takes it instead of digesting again.
   */
  requestDigest?: string;
}

export interface CenterReply<T> {
  infno: string;
  msgid: string;
  inf_refmsgid: string | null;
  warn_msg: string | null;
  /** Attempts made (queries retry on transport failures). */
  attempts: number;
  durationMs: number;
  result: T;
}

export interface PersonInfoQuery {
  mdtrt_cert_type: string;
  mdtrt_cert_no: string;
  card_sn?: string;
  begntime?: string;
  psn_cert_type: string;
  certno?: string;
  psn_name?: string;
}

/** The head that pre-settlement (2206/2303) and settlement (2207/2304) send alike. */
export interface SettleHead {
  psn_no: string;
  mdtrt_cert_type: string;
  mdtrt_cert_no: string;
  medfee_sumamt: MoneyIn;
  psn_setlway: string;
  mdtrt_id: string;
  insutype: string;
  acct_used_flag: string;
}

interface SettleCommon extends SettleHead {
  invono?: string;
  fulamt_ownpay_amt: MoneyIn;
  overlmt_selfpay: MoneyIn;
  preselfpay_amt: MoneyIn;
  inscp_scp_amt: MoneyIn;
  exp_content?: string;
}

export interface OutpatientSettleData extends SettleCommon {
  med_type: string;
  chrg_bchno: string;
}

export interface InpatientSettleData extends SettleCommon {
  mid_setl_flag: string;
}

export interface SettlementCancelData {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  exp_content?: string;
}

export interface ReverseData {
  psn_no: string;
  /** msgid of the call to reverse. */
  omsgid: string;
  /** Its infno: 2207 or 2304 (2102, 2401 also allowed by the rule). */
  oinfno: string;
}

/**
 * 5203. By `setl_id` (with psn_no; mdtrt_id narrows it), or by visit — `psn_no` + `mdtrt_id`
 * without setl_id — when the settlement answer was lost and only the visit is known: the center
 * answers the visit's live settlement (else its latest cancelled one), and its `medins_setl_id`
 * is the msgid of the call that made it, so the caller must check that it is the one it asks about
 * (a visit may hold several). Not every center answers by visit (docs/center.md).
 */
export type SettlementQuery =
  | { psn_no: string; setl_id: string; mdtrt_id?: string }
  | { psn_no: string; setl_id?: undefined; mdtrt_id: string };

export interface StmtTotalData {
  insutype: string;
  clr_type: string;
  /** Default: center.setl_optins. */
  setl_optins?: string;
  stmt_begndate: string;
  stmt_enddate: string;
  medfee_sumamt: MoneyIn;
  fund_pay_sumamt: MoneyIn;
  acct_pay: MoneyIn;
  fixmedins_setl_cnt: number;
  refd_setl_flag?: string;
  exp_content?: string;
}

export interface StmtDetailRequest {
  setl_optins?: string;
  stmt_begndate: string;
  stmt_enddate: string;
  clr_type?: string;
  refd_setl_flag?: string;
  /** The hospital's settlements, refunds as a positive and a negative row. */
  rows: readonly StmtUploadRow[];
  /**
   * Totals sent in 3202; default: sums over rows, count = rows, and cash_payamt =
   * medfee_sumamt − fund_pay_sumamt − acct_pay (what the patient paid in cash).
   */
  totals?: { medfee_sumamt?: MoneyIn; fund_pay_sumamt?: MoneyIn; cash_payamt?: MoneyIn; fixmedins_setl_cnt?: number };
  /** Name of the uploaded ZIP (default `<fixmedins_code>_<yyyyMMddHHmmss>_3202.zip`). */
  filename?: string;
}

export interface MappingData {
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  list_type: string;
  med_list_codg: string;
  begndate: string;
  enddate: string;
  aprvno?: string;
  dosform?: string;
  exct_cont?: string;
  item_cont?: string;
  prcunt?: string;
  spec?: string;
  pacspec?: string;
  memo?: string;
}

export interface MappingWithdrawData {
  fixmedins_hilist_id: string;
  list_type: string;
  med_list_codg: string;
  /** Default: the institution's code. */
  fixmedins_code?: string;
}

interface DrugTrace {
  drug_trac_codg: string;
}

/** 3501 stock-take. */
export interface StockTakeInfo {
  med_list_codg: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  rx_flag: string;
  invdate: string;
  inv_cnt: MoneyIn;
  manu_lotnum?: string;
  fixmedins_bchno: string;
  manu_date: string;
  expy_end: string;
  memo?: string;
  drugtracinfo?: DrugTrace[];
}

/** 3502 stock change. */
export interface StockChangeInfo {
  med_list_codg: string;
  inv_chg_type: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  fixmedins_bchno: string;
  pric: MoneyIn;
  cnt: MoneyIn;
  rx_flag: string;
  inv_chg_time: string;
  inv_chg_opter_name?: string;
  memo?: string;
  trdn_flag: string;
  drugtracinfo?: DrugTrace[];
}

/** 3505 sale / dispensing. */
export interface SaleInfo {
  med_list_codg: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  fixmedins_bchno: string;
  prsc_dr_cert_type?: string;
  prsc_dr_certno?: string;
  prsc_dr_name: string;
  phar_cert_type?: string;
  phar_certno?: string;
  phar_name: string;
  phar_prac_cert_no: string;
  hi_feesetl_type: string;
  setl_id?: string;
  mdtrt_sn: string;
  psn_no?: string;
  psn_cert_type: string;
  certno?: string;
  psn_name?: string;
  manu_lotnum: string;
  manu_date: string;
  expy_end: string;
  rx_flag: string;
  trdn_flag: string;
  finl_trns_pric?: MoneyIn;
  rxno?: string;
  rx_circ_flag: string;
  rtal_docno: string;
  stoout_no?: string;
  bchno?: string;
  drug_prod_barc?: string;
  shelf_posi?: string;
  sel_retn_cnt: MoneyIn;
  sel_retn_time: string;
  sel_retn_opter_name: string;
  memo?: string;
  mdtrt_setl_type?: string;
  drugtracinfo?: DrugTrace[];
}

/** 3506 sale return. */
export interface SaleReturnInfo {
  med_list_codg: string;
  fixmedins_hilist_id: string;
  fixmedins_hilist_name: string;
  fixmedins_bchno: string;
  setl_id?: string;
  psn_no?: string;
  psn_cert_type: string;
  certno?: string;
  psn_name?: string;
  manu_lotnum: string;
  manu_date: string;
  expy_end: string;
  rx_flag: string;
  trdn_flag: string;
  finl_trns_pric?: MoneyIn;
  sel_retn_cnt: MoneyIn;
  sel_retn_time: string;
  sel_retn_opter_name: string;
  memo?: string;
  medins_prod_sel_no?: string;
  mdtrt_sn: string;
  drugtracinfo?: DrugTrace[];
}

export interface HilistQuery {
  updt_time: string;
  page_num: number;
  page_size: number;
  query_date?: string;
  hilist_code?: string;
  insu_admdvs?: string;
  begndate?: string;
  hilist_name?: string;
  wubi?: string;
  pinyin?: string;
  med_chrgitm_type?: string;
  chrgitm_lv?: string;
  lmt_used_flag?: string;
  list_type?: string;
  med_use_flag?: string;
  matn_used_flag?: string;
  hilist_use_type?: string;
  lmt_cpnd_type?: string;
  vali_flag?: string;
}
