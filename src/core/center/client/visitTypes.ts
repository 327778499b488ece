/**
 * Inputs and answers of the visit flow before settlement (2201–2206, 2301–2303, 2401/2402, 5204).
 * Field names are the national ones; amounts in are Decimal, number or text.
 */
import type { MoneyIn, SettleHead } from './types.js';

export interface OutpatientRegisterData {
  psn_no: string;
  insutype: string;
  /** yyyy-MM-dd HH:mm:ss */
  begntime: string;
  mdtrt_cert_type: string;
  mdtrt_cert_no: string;
  /** The HIS's own visit number. */
  ipt_otp_no: string;
  atddr_no: string;
  dr_name: string;
  dept_code: string;
  dept_name: string;
  caty: string;
  psn_cert_type?: string;
  certno?: string;
  psn_name?: string;
  exp_content?: string;
}

/** The platform's visit: mdtrt_id is what every later call of the visit names. */
export interface VisitAnswer {
  mdtrt_id: string;
  psn_no: string;
  ipt_otp_no: string;
}

export interface FeeLineData {
  feedetl_sn: string;
  mdtrt_id: string;
  psn_no: string;
  fee_ocur_time: string;
  med_list_codg: string;
  medins_list_codg: string;
  det_item_fee_sumamt: MoneyIn;
  cnt: MoneyIn;
  pric: MoneyIn;
  bilg_dept_codg: string;
  bilg_dept_name: string;
  bilg_dr_codg: string;
  bilg_dr_name: string;
  hosp_appr_flag: string;
  /** 2204 only. */
  chrg_bchno?: string;
  rx_circ_flag?: string;
  rxno?: string;
  dise_codg?: string;
  /** 2301 only. */
  med_type?: string;
  init_feedetl_sn?: string;
  drord_no?: string;
  [field: string]: unknown;
}

/** 2204/2301 answer per line (amounts as the center sent them). */
export type FeeLineResult = Record<string, unknown> & { feedetl_sn: string };

export interface PresettleData extends SettleHead {
  /** 2206 */
  med_type?: string;
  chrg_bchno?: string;
  /** 2303 */
  mid_setl_flag?: string;
}

export interface AdmissionData {
  psn_no: string;
  insutype: string;
  begntime: string;
  mdtrt_cert_type: string;
  mdtrt_cert_no: string;
  med_type: string;
  ipt_no: string;
  atddr_no: string;
  chfpdr_name: string;
  adm_dept_codg: string;
  adm_dept_name: string;
  dscg_maindiag_code: string;
  dscg_maindiag_name: string;
  [field: string]: unknown;
}

export interface DischargeData {
  mdtrt_id: string;
  psn_no: string;
  insutype: string;
  endtime: string;
  dscg_way: string;
  dscg_dept_codg: string;
  dscg_dept_name: string;
  [field: string]: unknown;
}

export interface FeeDetailQuery {
  psn_no: string;
  mdtrt_id: string;
  setl_id?: string;
}
