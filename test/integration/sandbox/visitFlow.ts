/**
 * The visit flow as a HIS cashier sends it, over raw HTTP: register (2201) or admit (2401), upload
 * fee lines (2204/2301), pre-settle (2206/2303) and settle (2207/2304) with the pre-settlement's
 * amounts echoed. Each step returns what the center answered.
 */
import { formatDateTime } from '../../../src/core/center/protocol/index.js';
import { call, envelope, post, type Answer } from './helpers.js';

export interface Who {
  psn_no: string;
  certno: string;
  insutype: string;
  insuplc_admdvs: string;
}

export interface FlowCtx {
  url: string;
  sign_no: string;
}

let seq = 0;
const now = () => formatDateTime(new Date(), 480);

/** Post one transaction for a person (insuplc_admdvs set from them). */
export function send(
  c: FlowCtx,
  infno: string,
  input: Record<string, unknown>,
  p: Who,
  msgid?: string,
): Promise<Answer> {
  return post(
    c.url,
    envelope(infno, input, c.sign_no, { insuplc_admdvs: p.insuplc_admdvs, ...(msgid ? { msgid } : {}) }),
  );
}

export async function ok(
  c: FlowCtx,
  infno: string,
  input: Record<string, unknown>,
  p: Who,
): Promise<Record<string, unknown>> {
  return call(c.url, envelope(infno, input, c.sign_no, { insuplc_admdvs: p.insuplc_admdvs }));
}

export function registration(p: Who, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    data: {
      psn_no: p.psn_no,
      insutype: p.insutype,
      begntime: now(),
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      ipt_otp_no: `MZ${String(++seq).padStart(8, '0')}`,
      atddr_no: 'D001',
      dr_name: '王医生',
      dept_code: 'NK01',
      dept_name: '内科',
      caty: 'A03',
      ...over,
    },
  };
}

export async function register(c: FlowCtx, p: Who): Promise<string> {
  const out = await ok(c, '2201', registration(p), p);
  return (out.data as { mdtrt_id: string }).mdtrt_id;
}

export function visitInfo(p: Who, mdtrt_id: string): Record<string, unknown> {
  return {
    mdtrtinfo: {
      mdtrt_id,
      psn_no: p.psn_no,
      med_type: '11',
      begntime: now(),
      dise_codg: 'J06.900',
      dise_name: '急性上呼吸道感染',
    },
    diseinfo: [
      {
        diag_type: '1',
        diag_srt_no: 1,
        diag_code: 'J06.900',
        diag_name: '急性上呼吸道感染',
        diag_dept: '内科',
        dise_dor_no: 'D001',
        dise_dor_name: '王医生',
        diag_time: now(),
        vali_flag: '1',
      },
    ],
  };
}

/** One fee line; `inpatient` swaps the 2204 fields for the 2301 ones. */
export function line(
  p: Who,
  mdtrt_id: string,
  sn: string,
  cnt: number,
  pric: number,
  o: { inpatient?: boolean; chrg_bchno?: string; over?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const own = o.inpatient ? { med_type: '21' } : { chrg_bchno: o.chrg_bchno ?? 'B1', rx_circ_flag: '0' };
  return {
    feedetl_sn: sn,
    mdtrt_id,
    psn_no: p.psn_no,
    fee_ocur_time: now(),
    med_list_codg: 'XJ01CAA040A001010100028',
    medins_list_codg: `H-${sn}`,
    det_item_fee_sumamt: Number((cnt * pric).toFixed(2)),
    cnt,
    pric,
    bilg_dept_codg: 'NK01',
    bilg_dept_name: '内科',
    bilg_dr_codg: 'D001',
    bilg_dr_name: '王医生',
    hosp_appr_flag: '0',
    ...own,
    ...o.over,
  };
}

export function settleData(
  p: Who,
  mdtrt_id: string,
  medfee: number | string,
  o: { inpatient?: boolean; chrg_bchno?: string; parts?: Record<string, unknown> } = {},
): Record<string, unknown> {
  const own = o.inpatient ? { mid_setl_flag: '0' } : { med_type: '11', chrg_bchno: o.chrg_bchno ?? 'B1' };
  return {
    data: {
      psn_no: p.psn_no,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      medfee_sumamt: medfee,
      psn_setlway: '01',
      mdtrt_id,
      insutype: p.insutype,
      acct_used_flag: '1',
      ...own,
      ...o.parts,
    },
  };
}

/** The four parts a pre-settlement answered, to echo on 2207/2304. */
export function partsOf(setlinfo: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    ['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'].map((k) => [k, setlinfo[k]]),
  );
}

export function admission(p: Who, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    mdtrtinfo: {
      psn_no: p.psn_no,
      insutype: p.insutype,
      begntime: now(),
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      med_type: '21',
      ipt_no: `ZY${String(++seq).padStart(8, '0')}`,
      atddr_no: 'D002',
      chfpdr_name: '李主任',
      adm_dept_codg: 'WK01',
      adm_dept_name: '外科',
      dscg_maindiag_code: 'K35.800',
      dscg_maindiag_name: '急性阑尾炎',
      ...over,
    },
    diseinfo: [],
  };
}
