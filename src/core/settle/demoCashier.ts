/**
 * The demo's HIS cashier: settles a visit through the center client as a HIS's own settlement
 * code would, and writes the reference HIS tables directly (his_settlement and its
 * his_center_log row) — settled with the center's answer, or pending when none came. The stuck
 * demo and the tests make one-sided settlements with it.
 */
import type { Center } from '../center/index.js';
import type { Db } from '../db/index.js';
import { isHisopsError } from '../errors.js';
import { formatDateTime, SETTLEMENT_AMOUNTS } from '../his/index.js';
import { fmt, money, type Money } from '../money.js';

export interface DemoPerson {
  psn_no: string;
  certno: string;
  insutype: string;
}

export interface CashierVisit {
  person: DemoPerson;
  medfee_sumamt: string;
  inpatient?: boolean;
  /** Visit id (default a new one). */
  mdtrt_id?: string;
  /** Outpatient charge batch (default `<mdtrt_id>B1`); a visit's second batch needs another. */
  chrg_bchno?: string;
}

export interface CashierResult {
  msgid: string;
  his_setl_no: string;
  mdtrt_id: string;
  /** settled: the HIS stored the answer; pending: no answer came. */
  his_status: 'settled' | 'pending';
  setl_id: string | null;
  error: string | null;
}

let visitSeq = 0;

/**
 * Open the visit at the center as a HIS does before settling it: register (2201) or admit (2401)
 * under the HIS's own visit number, then upload the bill as one fee line (2204/2301), so that the
 * settlement's total equals the uploaded lines; an inpatient is discharged (2402) before settling.
 * Returns the center's mdtrt_id.
 */
async function openVisit(
  center: Center,
  v: CashierVisit,
  local_no: string,
  chrg_bchno: string,
  at: string,
): Promise<string> {
  const p = v.person;
  const cert = { mdtrt_cert_type: '02', mdtrt_cert_no: p.certno };
  const mdtrt_id = v.inpatient
    ? (
        await center.admit({
          psn_no: p.psn_no,
          insutype: p.insutype,
          begntime: at,
          ...cert,
          med_type: '21',
          ipt_no: local_no,
          atddr_no: 'D001',
          chfpdr_name: '值班医生',
          adm_dept_codg: 'ZY01',
          adm_dept_name: '住院部',
          dscg_maindiag_code: 'R69.x00',
          dscg_maindiag_name: '待诊',
        })
      ).result.mdtrt_id
    : (
        await center.outpatientRegister({
          psn_no: p.psn_no,
          insutype: p.insutype,
          begntime: at,
          ...cert,
          ipt_otp_no: local_no,
          atddr_no: 'D001',
          dr_name: '门诊医生',
          dept_code: 'MZ01',
          dept_name: '门诊部',
          caty: 'A03',
        })
      ).result.mdtrt_id;
  const line = {
    feedetl_sn: `${local_no}-1`,
    mdtrt_id,
    psn_no: p.psn_no,
    fee_ocur_time: at,
    med_list_codg: '001101000010000',
    medins_list_codg: 'DEMO-FEE',
    det_item_fee_sumamt: money(v.medfee_sumamt),
    cnt: 1,
    pric: money(v.medfee_sumamt),
    bilg_dept_codg: 'MZ01',
    bilg_dept_name: '门诊部',
    bilg_dr_codg: 'D001',
    bilg_dr_name: '门诊医生',
    hosp_appr_flag: '0',
  };
  if (!v.inpatient) {
    await center.outpatientFeeUpload([{ ...line, chrg_bchno, rx_circ_flag: '0' }]);
    return mdtrt_id;
  }
  await center.inpatientFeeUpload([{ ...line, med_type: '21' }]);
  // Discharged before the bill is settled, as most wards do: the bed is free for the next stay.
  await center.discharge({
    mdtrt_id,
    psn_no: p.psn_no,
    insutype: p.insutype,
    endtime: at,
    dscg_way: '1',
    dscg_dept_codg: 'ZY01',
    dscg_dept_name: '住院部',
  });
  return mdtrt_id;
}

/**
 * Settle one visit as a HIS cashier does: open it at the center (2201/2401 and its fee line) unless
 * the caller names an existing visit, call 2207/2304 through the client and write the HIS
 * settlement and its center-log row — settled with the center's answer, or pending when none came.
 */
export async function settleAtCashier(
  center: Center,
  hisDb: Db,
  v: CashierVisit,
  clock: () => Date = () => new Date(),
): Promise<CashierResult> {
  const local_no = `DM${Date.now().toString(36).toUpperCase()}${String(++visitSeq).padStart(4, '0')}`;
  const chrg_bchno = v.chrg_bchno ?? `${v.mdtrt_id ?? local_no}B1`;
  const mdtrt_id = v.mdtrt_id ?? (await openVisit(center, v, local_no, chrg_bchno, formatDateTime(clock())));
  const medfee = money(v.medfee_sumamt);
  const requestTime = formatDateTime(clock());
  const { msgid, setl, error } = await callSettle(center, v, mdtrt_id, chrg_bchno, medfee);
  const his_setl_no = `HS${msgid.slice(-18)}`;
  const at = formatDateTime(clock());
  const row = cashierRow(v, { his_setl_no, mdtrt_id, msgid, medfee, setl, requestTime, at });
  await storeSettlement(hisDb, row, { answered: !!setl, requestTime, at, error });
  return {
    msgid,
    his_setl_no,
    mdtrt_id,
    his_status: setl ? 'settled' : 'pending',
    setl_id: (row.setl_id as string | null) ?? null,
    error,
  };
}

/**
 * 2207/2304 through the client: the center's setlinfo, or — when no answer came — the msgid of the
 * call and the error's summary (any other failure is thrown).
 */
async function callSettle(
  center: Center,
  v: CashierVisit,
  mdtrt_id: string,
  chrg_bchno: string,
  medfee: Money,
): Promise<{ msgid: string; setl: Record<string, unknown> | null; error: string | null }> {
  const common = {
    psn_no: v.person.psn_no,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: v.person.certno,
    medfee_sumamt: medfee,
    psn_setlway: '01',
    mdtrt_id,
    insutype: v.person.insutype,
    acct_used_flag: '1',
    fulamt_ownpay_amt: 0,
    overlmt_selfpay: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: medfee,
  };
  try {
    const r = v.inpatient
      ? await center.inpatientSettle({ ...common, mid_setl_flag: '0' })
      : await center.outpatientSettle({ ...common, med_type: '11', chrg_bchno });
    return { msgid: r.msgid, setl: r.result.setlinfo as unknown as Record<string, unknown>, error: null };
  } catch (e) {
    if (!isHisopsError(e) || !e.details.msgid) throw e;
    return { msgid: String(e.details.msgid), setl: null, error: e.summary };
  }
}

/** The his_settlement row of the cashier's call: the center's amounts when it answered, pending otherwise. */
function cashierRow(
  v: CashierVisit,
  c: {
    his_setl_no: string;
    mdtrt_id: string;
    msgid: string;
    medfee: Money;
    setl: Record<string, unknown> | null;
    requestTime: string;
    at: string;
  },
): Record<string, unknown> {
  const { setl, medfee } = c;
  const inpatient = !!v.inpatient;
  const row: Record<string, unknown> = {
    his_setl_no: c.his_setl_no,
    ipt_otp_no: c.mdtrt_id,
    setl_id: setl ? String(setl.setl_id) : null,
    mdtrt_id: c.mdtrt_id,
    psn_no: v.person.psn_no,
    certno: v.person.certno,
    psn_cert_type: '01',
    insutype: v.person.insutype,
    setl_time: setl ? String(setl.setl_time) : null,
    mdtrt_cert_type: '02',
    med_type: inpatient ? '21' : '11',
    psn_setlway: '01',
    acct_used_flag: '1',
    medfee_sumamt: fmt(medfee),
    fulamt_ownpay_amt: '0.00',
    overlmt_selfpay: '0.00',
    preselfpay_amt: '0.00',
    inscp_scp_amt: fmt(medfee),
    medins_setl_id: setl ? String(setl.medins_setl_id ?? c.msgid) : null,
    clr_optins: setl ? String(setl.clr_optins ?? '') || null : null,
    setl_optins: setl ? String(setl.clr_optins ?? '') || null : null,
    clr_way: setl ? String(setl.clr_way ?? '') || null : null,
    clr_type: inpatient ? '21' : '11',
    his_status: setl ? 'settled' : 'pending',
    refd_setl_flag: '0',
    msgid: c.msgid,
    infno: inpatient ? '2304' : '2207',
    created_at: c.requestTime,
    updated_at: c.at,
  };
  if (setl) {
    for (const a of SETTLEMENT_AMOUNTS) if (setl[a] !== undefined && setl[a] !== null) row[a] = fmt(String(setl[a]));
    row.pool_prop_selfpay =
      setl.pool_prop_selfpay === null || setl.pool_prop_selfpay === undefined ? null : String(setl.pool_prop_selfpay);
  }
  return row;
}

/** The settlement row and its center-log row, in one transaction. */
async function storeSettlement(
  hisDb: Db,
  row: Record<string, unknown>,
  call: { answered: boolean; requestTime: string; at: string; error: string | null },
): Promise<void> {
  await hisDb.knex.transaction(async (trx) => {
    await trx('his_settlement').insert(row);
    await trx('his_center_log').insert({
      msgid: row.msgid,
      infno: row.infno,
      his_setl_no: row.his_setl_no,
      mdtrt_id: row.mdtrt_id,
      psn_no: row.psn_no,
      setl_id: row.setl_id,
      request_time: call.requestTime,
      response_time: call.answered ? call.at : null,
      log_status: call.answered ? 'answered' : 'sent',
      infcode: call.answered ? '0' : null,
      err_msg: call.error,
    });
  });
}
