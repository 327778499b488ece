/**
 * The HIS's rows of a settlement call: its his_settlement row, its fee lines and write-ahead log
 * row, a natural cancellation's negative pair, and the center's record of a settlement the HIS
 * rolled back.
 */
import { SETTLEMENT_AMOUNTS } from '../his/canonical.js';
import type { CenterSettlementRecord } from './anomalies.js';
import { compact, stamp } from './dates.js';
import { OPERATORS } from './hisTables.js';
import { pad, type HisState } from './hisState.js';
import type { Rng } from './prng.js';
import type { Row, RowSink } from './rowSink.js';
import { bpToString, fenToString, type SettlementAmounts } from './split.js';
import type { Fees, Status, Visit } from './visitSteps.js';

/** The call to the center: its times, msgid and (when it settled or rolled back) setl_id. */
export interface Call {
  sec: number;
  reqSec: number;
  msgid: string;
  infno: string;
  settled: boolean;
  setl_id: string | null;
  setl_time: string;
}

/** The his_settlement row of the call (also what a rollback's center record is made of). */
export function settlementRow(
  g: HisState,
  rng: Rng,
  v: Visit,
  st: Status,
  f: Fees,
  amounts: SettlementAmounts,
  acctUsed: boolean,
  c: Call,
): Row {
  const pool = g.pool;
  const { pi, day, age, insutype, med_type, mdtrt_id, psn_no, ipt_otp_no, setl_optins, clr_way, clr_type, inArea } = v;
  const { isPending, isVoid, isCancelled, cancelSec } = st;
  const { his_setl_no } = f;
  const { settled, setl_id, setl_time, msgid, infno, reqSec } = c;
  const base: Row = {
    his_setl_no,
    ipt_otp_no,
    setl_id: settled ? setl_id : null,
    mdtrt_id,
    psn_no,
    psn_name: pool.psn_name[pi],
    psn_cert_type: '01',
    certno: pool.certno[pi],
    gend: pool.gend[pi],
    naty: '01',
    brdy: pool.brdy[pi],
    age,
    insutype,
    psn_type: pool.psn_type[pi],
    cvlserv_flag: pool.cvlserv_flag[pi],
    setl_time: settled ? setl_time : null,
    mdtrt_cert_type: '03',
    med_type,
    psn_setlway: '01',
    acct_used_flag: acctUsed ? '1' : '0',
    // The amounts (SETTLEMENT_AMOUNTS) are set below.
    pool_prop_selfpay: bpToString(amounts.poolRatioBp),
    medins_setl_id: settled ? msgid : null,
    clr_optins: setl_optins,
    setl_optins,
    clr_way,
    clr_type,
    insuplc_admdvs: pool.insuplc_admdvs[pi],
    in_area_flag: inArea ? '1' : '0',
    his_status: isPending ? 'pending' : isVoid ? 'void' : isCancelled ? 'cancelled' : 'settled',
    refd_setl_flag: '0',
    init_setl_id: null,
    msgid,
    infno,
    void_reason: isVoid ? '医保中心返回失败：参保人当前状态不允许结算' : null,
    opter_id: OPERATORS[rng.int(OPERATORS.length)],
    created_at: settled ? setl_time : stamp(day, reqSec),
    updated_at: isCancelled
      ? stamp(day, cancelSec)
      : settled
        ? setl_time
        : isVoid
          ? stamp(day, Math.min(86_399, reqSec + 30))
          : stamp(day, reqSec),
  };
  setAmounts(base, amounts);
  return base;
}

/**
 * base[a] = amounts[a] for each of SETTLEMENT_AMOUNTS, in that order, compiled with the names
 * written out: a fixed store per amount instead of a keyed one (a million rows).
 */
const setAmounts = new Function('b', 'a', SETTLEMENT_AMOUNTS.map((k) => `b.${k} = a.${k};`).join('\n')) as (
  base: Row,
  amounts: SettlementAmounts,
) => void;

/** The call's fee lines and write-ahead log row (the account balance moves when it settled). */
export function writeCall(
  g: HisState,
  sink: RowSink,
  v: Visit,
  st: Status,
  f: Fees,
  amounts: SettlementAmounts,
  c: Call,
  base: Row,
): void {
  const pool = g.pool;
  const { pi, day, mdtrt_id, psn_no } = v;
  const { isVoid } = st;
  const { feeRows, his_setl_no } = f;
  const { settled, setl_id, setl_time, msgid, infno, reqSec } = c;
  if (settled) pool.balance[pi] = amounts.balc;
  for (const f of feeRows) {
    if (settled) f.setl_id = setl_id;
    sink.add('his_fee_detail', f);
  }
  // Write-ahead log row of the settlement call.
  sink.add('his_center_log', {
    msgid,
    infno,
    his_setl_no,
    mdtrt_id,
    psn_no,
    setl_id: settled ? setl_id : null,
    request_time: stamp(day, reqSec),
    response_time: settled || isVoid ? setl_time : null,
    log_status: settled ? 'answered' : isVoid ? 'failed' : 'sent',
    infcode: settled ? '0' : isVoid ? '-1' : null,
    err_msg: isVoid ? base.void_reason : null,
  });
}

/** A natural cancellation (2208/2305): the original turns cancelled, a negative row follows. */
export function cancelSettlement(
  g: HisState,
  sink: RowSink,
  d: number,
  orig: Row,
  amounts: SettlementAmounts,
  pi: number,
  setl_id: string,
  csec: number,
): void {
  const day = g.days[d]!;
  const cancelTime = stamp(day, csec);
  const inpatient = orig.clr_type === '21';
  const msgid = g.msgid(day, Math.max(0, csec - 1));
  const newId = g.setlId(day, false);
  const his_setl_no = `JS${compact(day)}${pad(++g.seq.settle, 7)}`;
  g.pool.balance[pi] = g.pool.balance[pi]! + amounts.acct_pay;
  const rev: Row = {
    ...orig,
    his_setl_no,
    setl_id: newId,
    setl_time: cancelTime,
    his_status: 'settled',
    refd_setl_flag: '1',
    init_setl_id: setl_id,
    msgid,
    medins_setl_id: msgid,
    infno: inpatient ? '2305' : '2208',
    created_at: cancelTime,
    updated_at: cancelTime,
  };
  const neg: Record<string, number> = {};
  for (const k of SETTLEMENT_AMOUNTS) {
    if (k === 'balc') continue;
    rev[k] = -amounts[k];
    neg[k] = -amounts[k];
  }
  rev.balc = g.pool.balance[pi];
  sink.add('his_settlement', rev);
  sink.add('his_center_log', {
    msgid,
    infno: rev.infno,
    his_setl_no,
    mdtrt_id: orig.mdtrt_id,
    psn_no: orig.psn_no,
    setl_id: newId,
    request_time: stamp(day, Math.max(0, csec - 1)),
    response_time: cancelTime,
    log_status: 'answered',
    infcode: '0',
    err_msg: null,
  });
  g.addGroup(day, String(orig.insutype), String(orig.clr_type), String(orig.setl_optins), '1', neg, 1);
}

/** The center's record of a settlement row of the HIS (the center's side of a rolled-back call). */
export function centerRecord(
  g: HisState,
  row: Row,
  setl_id: string,
  setl_time: string,
  msgid: string,
  infno: string,
): CenterSettlementRecord {
  const s = (k: string) => (row[k] === null || row[k] === undefined ? null : String(row[k]));
  const m = (k: string) => fenToString(row[k] as number);
  return {
    fixmedins_code: g.opts.fixmedins_code,
    setl_id,
    mdtrt_id: String(row.mdtrt_id),
    psn_no: String(row.psn_no),
    psn_name: s('psn_name'),
    psn_cert_type: s('psn_cert_type'),
    certno: s('certno'),
    gend: s('gend'),
    naty: s('naty'),
    brdy: s('brdy'),
    age: s('age'),
    insutype: String(row.insutype),
    psn_type: s('psn_type'),
    cvlserv_flag: s('cvlserv_flag'),
    med_type: s('med_type'),
    mdtrt_cert_type: s('mdtrt_cert_type'),
    clr_type: String(row.clr_type),
    clr_way: s('clr_way'),
    clr_optins: String(row.clr_optins),
    setl_optins: String(row.setl_optins),
    setl_time,
    infno,
    medins_setl_id: msgid,
    refd_setl_flag: '0',
    orig_setl_id: null,
    medfee_sumamt: m('medfee_sumamt'),
    fulamt_ownpay_amt: m('fulamt_ownpay_amt'),
    overlmt_selfpay: m('overlmt_selfpay'),
    preselfpay_amt: m('preselfpay_amt'),
    inscp_scp_amt: m('inscp_scp_amt'),
    act_pay_dedc: m('act_pay_dedc'),
    hifp_pay: m('hifp_pay'),
    pool_prop_selfpay: String(row.pool_prop_selfpay),
    cvlserv_pay: m('cvlserv_pay'),
    hifes_pay: m('hifes_pay'),
    hifmi_pay: m('hifmi_pay'),
    hifob_pay: m('hifob_pay'),
    maf_pay: m('maf_pay'),
    oth_pay: m('oth_pay'),
    hifdm_pay: m('hifdm_pay'),
    fund_pay_sumamt: m('fund_pay_sumamt'),
    psn_part_amt: m('psn_part_amt'),
    acct_pay: m('acct_pay'),
    psn_cash_pay: m('psn_cash_pay'),
    hosp_part_amt: m('hosp_part_amt'),
    balc: m('balc'),
    acct_mulaid_pay: m('acct_mulaid_pay'),
  };
}
