/**
 * The planted anomalies of settlement calls: a call the HIS rolled back after the center settled
 * it, a call left pending, the reconciliation targets the plan gives to settled calls, and a test
 * settlement only the center holds.
 */
import type { CenterSettlementRecord } from './anomalies.js';
import { compact, stamp } from './dates.js';
import { pad, type HisState } from './hisState.js';
import type { Rng } from './prng.js';
import type { Row } from './rowSink.js';
import { centerRecord, type Call } from './settlementRows.js';
import { fenToString } from './split.js';
import type { Status, Visit } from './visitSteps.js';

export interface SettledRef {
  his_setl_no: string;
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  msgid: string;
  day: string;
  sec: number;
}

/** The center settled; the HIS transaction that would have stored it rolled back. */
export function plantRollback(g: HisState, v: Visit, c: Call, base: Row): void {
  const { day, mdtrt_id, psn_no } = v;
  const { setl_id, setl_time, msgid, infno } = c;
  const his_setl_no = base.his_setl_no as string;
  g.addAnomaly({
    job: 'settle',
    kind: 'log_without_settlement',
    side: 'his',
    day,
    keys: { msgid, his_setl_no, mdtrt_id, psn_no },
    detail: 'the write-ahead log has a 2207/2304 call with no settlement row; the center settled it',
  });
  g.addAnomaly({
    job: 'reconcile',
    kind: 'center_only',
    side: 'center',
    day,
    keys: { setl_id, msgid, mdtrt_id, psn_no, cause: 'his_rollback' },
    detail: 'the center has a settlement the HIS rolled back after the answer',
    center: { record: centerRecord(g, base, setl_id!, setl_time, msgid, infno), setl_id: setl_id!, setl_time },
  });
}

/** A call the HIS still shows as pending (the center settled it or never did). */
export function plantPending(g: HisState, v: Visit, st: Status, c: Call, his_setl_no: string): void {
  const { day, mdtrt_id, psn_no } = v;
  const { pendingCenter } = st;
  const { msgid, reqSec } = c;
  const center = pendingCenter === true;
  const centerSetlId = center ? g.setlId(day, true) : null;
  const centerTime = stamp(day, Math.min(86_399, reqSec + 2));
  g.addAnomaly({
    job: 'settle',
    kind: 'settlement_pending',
    side: 'his',
    day,
    keys: { msgid, his_setl_no, mdtrt_id, psn_no },
    detail: center
      ? 'sent to the center with no answer recorded; the center settled it (timeout)'
      : 'sent to the center with no answer recorded; the center never settled it',
    center: { center_has_it: center, ...(center ? { setl_id: centerSetlId!, setl_time: centerTime } : {}) },
  });
  if (center) {
    g.addAnomaly({
      job: 'reconcile',
      kind: 'center_only',
      side: 'center',
      day,
      keys: { setl_id: centerSetlId, msgid, mdtrt_id, psn_no, cause: 'timeout' },
      detail: 'the center settled a call the HIS still shows as pending',
      center: { setl_id: centerSetlId!, setl_time: centerTime },
    });
  }
}

/**
 * Give the first waiting reconciliation target of the plan (his_only, an amount mismatch, a
 * duplicate or a refund pair at the center) to this settled call.
 */
export function takeTarget(g: HisState, idx: number, d: number, ref: SettledRef, rng: Rng): void {
  const k = g.pendingRoles.findIndex((r) => r.day < d || r.from <= idx);
  if (k < 0) return;
  const { role } = g.pendingRoles.splice(k, 1)[0]!;
  const keys = {
    setl_id: ref.setl_id,
    msgid: ref.msgid,
    mdtrt_id: ref.mdtrt_id,
    psn_no: ref.psn_no,
    his_setl_no: ref.his_setl_no,
  };
  const day = ref.day;
  if (role === 'his_only') {
    const reversed = g.anomalies.some((a) => a.kind === 'his_only');
    g.addAnomaly({
      job: 'reconcile',
      kind: 'his_only',
      side: 'center',
      day,
      keys,
      detail: reversed
        ? 'settled in the HIS; reversed at the center (2601) a few minutes later, so it no longer counts there'
        : 'settled in the HIS; the center never committed it',
      center: reversed ? { reverse_at: stamp(day, Math.min(86_399, ref.sec + 300)) } : {},
    });
  } else if (role === 'mismatch_rounding') {
    g.addAnomaly({
      job: 'reconcile',
      kind: 'amount_mismatch',
      side: 'center',
      day,
      keys,
      detail: 'the center paid 0.01 more from the fund and 0.01 less in cash (rounding)',
      center: { deltas: { hifp_pay: '0.01', fund_pay_sumamt: '0.01', psn_part_amt: '-0.01', psn_cash_pay: '-0.01' } },
    });
  } else if (role === 'mismatch_fee') {
    const extra = fenToString(1250 + rng.int(20) * 100);
    g.addAnomaly({
      job: 'reconcile',
      kind: 'amount_mismatch',
      side: 'center',
      day,
      keys,
      detail: `the center has a self-pay fee line of ${extra} the HIS dropped (medfee_sumamt differs)`,
      center: {
        deltas: { medfee_sumamt: extra, fulamt_ownpay_amt: extra, psn_part_amt: extra, psn_cash_pay: extra },
      },
    });
  } else if (role === 'center_duplicate') {
    g.addAnomaly({
      job: 'reconcile',
      kind: 'center_duplicate',
      side: 'center',
      day,
      keys,
      detail: 'the center holds this settlement twice (a retry after a timeout was settled again)',
      center: { setl_id: g.setlId(day, true), setl_time: stamp(day, Math.min(86_399, ref.sec + 40)) },
    });
  } else {
    g.addAnomaly({
      job: 'reconcile',
      kind: 'refund_pair',
      side: 'center',
      day,
      keys,
      detail:
        'cancelled at the center from another terminal: the center has the settlement and its negative reversal; the HIS shows it settled',
      center: { setl_id: g.setlId(day, true), setl_time: stamp(day, Math.min(86_399, ref.sec + 1800)) },
    });
  }
}

/** A settlement the center holds with no counterpart in the HIS at all (test data entered at the center). */
export function plantCenterTestRow(g: HisState, rng: Rng, d: number): void {
  const day = g.days[d]!;
  const sec = rng.range(10 * 3600, 11 * 3600);
  const setl_id = g.setlId(day, true);
  const zero = '0.00';
  const medfee = fenToString(100 * rng.range(1, 9));
  const record: CenterSettlementRecord = {
    fixmedins_code: g.opts.fixmedins_code,
    setl_id,
    mdtrt_id: `${g.opts.admdvs}${compact(day)}99${pad(rng.int(1_000_000), 6)}`,
    psn_no: `${g.opts.admdvs}0000000000000001`,
    psn_name: '测试人员',
    psn_cert_type: '01',
    certno: null,
    gend: null,
    naty: null,
    brdy: null,
    age: null,
    insutype: '310',
    psn_type: '11',
    cvlserv_flag: '0',
    med_type: '11',
    mdtrt_cert_type: '02',
    clr_type: '11',
    clr_way: '01',
    clr_optins: g.opts.admdvs,
    setl_optins: g.opts.admdvs,
    setl_time: stamp(day, sec),
    infno: '2207',
    medins_setl_id: `${g.opts.fixmedins_code}${compact(day)}000000TEST`,
    refd_setl_flag: '0',
    orig_setl_id: null,
    medfee_sumamt: medfee,
    fulamt_ownpay_amt: medfee,
    overlmt_selfpay: zero,
    preselfpay_amt: zero,
    inscp_scp_amt: zero,
    act_pay_dedc: zero,
    hifp_pay: zero,
    pool_prop_selfpay: '0.0000',
    cvlserv_pay: zero,
    hifes_pay: zero,
    hifmi_pay: zero,
    hifob_pay: zero,
    maf_pay: zero,
    oth_pay: zero,
    hifdm_pay: zero,
    fund_pay_sumamt: zero,
    psn_part_amt: medfee,
    acct_pay: zero,
    psn_cash_pay: medfee,
    hosp_part_amt: zero,
    balc: zero,
    acct_mulaid_pay: zero,
  };
  g.addAnomaly({
    job: 'reconcile',
    kind: 'center_only',
    side: 'center',
    day,
    keys: {
      setl_id,
      msgid: record.medins_setl_id,
      mdtrt_id: record.mdtrt_id,
      psn_no: record.psn_no,
      cause: 'center_test_data',
    },
    detail: 'a test settlement entered at the center; no visit or call exists in the HIS',
    center: { record, setl_id, setl_time: record.setl_time },
  });
}
