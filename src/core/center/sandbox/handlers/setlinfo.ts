/** The settlement blocks of 2207/2208/2304/2305/5203 answers, built from a ledger row. */
import { toWire } from '../../../money.js';
import type { SettlementRow } from '../ledger.js';
import { LEDGER_AMOUNTS } from '../ledgerSchema.js';

export function setlinfoOf(r: SettlementRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    mdtrt_id: r.mdtrt_id,
    setl_id: r.setl_id,
    psn_no: r.psn_no,
    psn_name: r.psn_name,
    psn_cert_type: r.psn_cert_type,
    certno: r.certno,
    gend: r.gend,
    naty: r.naty,
    brdy: r.brdy,
    age: r.age,
    insutype: r.insutype,
    psn_type: r.psn_type,
    cvlserv_flag: r.cvlserv_flag,
    setl_time: r.setl_time,
    mdtrt_cert_type: r.mdtrt_cert_type,
    med_type: r.med_type,
  };
  for (const a of LEDGER_AMOUNTS) out[a] = toWire(r[a]);
  out.pool_prop_selfpay = Number(r.pool_prop_selfpay.toDecimalPlaces(4).toFixed(4));
  out.medins_setl_id = r.medins_setl_id;
  out.clr_optins = r.clr_optins;
  out.clr_way = r.clr_way;
  out.clr_type = r.clr_type;
  return out;
}

/** 5203's superset of the block. */
export function setlinfo5203Of(r: SettlementRow, admdvs: string): Record<string, unknown> {
  return {
    ...setlinfoOf(r),
    flxempe_flag: '0',
    nwb_flag: '0',
    insu_optins: r.clr_optins,
    emp_name: '',
    pay_loc: r.clr_optins === admdvs ? '2' : '3',
    fixmedins_code: r.fixmedins_code,
    fixmedins_name: r.fixmedins_name,
    hosp_lv: '3',
    fixmedins_poolarea: admdvs,
    lmtpric_hosp_lv: '3',
    dedc_hosp_lv: '3',
    begndate: r.setl_time.slice(0, 10),
    enddate: r.setl_time.slice(0, 10),
    psn_pay: toWire(r.psn_part_amt),
    cash_payamt: toWire(r.psn_cash_pay),
    refd_setl_flag: r.refd_setl_flag,
    year: r.setl_time.slice(0, 4),
    dise_codg: '',
    dise_name: '',
    invono: r.invono ?? '',
    opter_id: r.opter ?? '',
    opter_name: r.opter_name ?? '',
    opt_time: r.created_at,
  };
}

export function setldetailOf(r: SettlementRow): Record<string, unknown>[] {
  return r.setldetail.map((d) => ({
    fund_pay_type: d.fund_pay_type,
    inscp_scp_amt: toWire(d.inscp_scp_amt),
    crt_payb_lmt_amt: toWire(d.crt_payb_lmt_amt),
    fund_payamt: toWire(d.fund_payamt),
    fund_pay_type_name: d.fund_pay_type_name,
    setl_proc_info: d.setl_proc_info,
  }));
}
