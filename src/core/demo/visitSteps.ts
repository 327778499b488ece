/**
 * The steps of one settlement call that draw what happened before the cashier: the patient, the
 * department and the visit (its his_visit row), what becomes of the call, the fee lines and their
 * totals, and the split of the bill. Each draws from the day's stream in the order the data
 * depends on.
 */
import { addDays, compact, stamp } from './dates.js';
import type { DemoItem, Usage } from './catalog.js';
import { EMERGENCY, IPT_DEPTS, OTP_DEPTS, type Dept } from './hisTables.js';
import { pad, type HisState } from './hisState.js';
import type { Rng } from './prng.js';
import type { Row, RowSink } from './rowSink.js';
import { bpToString, fenToString, splitLine, splitSettlement, type SettlementAmounts } from './split.js';
import type { DemoSplitInput } from './rulesSplit.js';

/** The patient, department and visit of one settlement call. */
export interface Visit {
  d: number;
  day: string;
  /** The person's index in the pool. */
  pi: number;
  age: number;
  insutype: string;
  inpatient: boolean;
  maternity: boolean;
  emergency: boolean;
  med_type: string;
  dept: Dept;
  drCode: string;
  drName: string;
  clr_type: string;
  clr_way: string;
  inArea: boolean;
  setl_optins: string;
  dayC: string;
  stay: number;
  admitDay: string;
  begnSec: number;
  ipt_otp_no: string;
  mdtrt_id: string;
  psn_no: string;
}

/** What becomes of the call: planted pending or rollback, a natural failure (void), a cancellation. */
export interface Status {
  pendingCenter: boolean | undefined;
  isPending: boolean;
  isRollback: boolean;
  isVoid: boolean;
  isCancelled: boolean;
  cancelSec: number;
}

/** The fee lines of a call and their totals (fen). */
export interface Fees {
  his_setl_no: string;
  chrg_bchno: string;
  rxno: string;
  medfee: number;
  ful: number;
  overlmt: number;
  pre: number;
  inscp: number;
  feeRows: Row[];
  drugLines: Array<{ item: DemoItem; cnt: number }>;
}

/** The patient, department and visit of a settlement call (its his_visit row is written). */
export function drawVisit(
  g: HisState,
  sink: RowSink,
  rng: Rng,
  d: number,
  sec: number,
  inpatient: boolean,
  crossMidnight: boolean,
): Visit {
  const o = g.opts;
  const day = g.days[d]!;
  const pool = g.pool;
  const pi = rng.int(pool.size);
  const birthYear = pool.birthYear[pi]!;
  const age = Number(day.slice(0, 4)) - birthYear;
  let insutype = pool.insutype[pi]!;
  const female = pool.gend[pi] === '2';
  const maternity = female && insutype === '310' && age >= 22 && age <= 42 && rng.chance(inpatient ? 0.3 : 0.05);
  if (maternity) insutype = '510';
  const night = sec < 7 * 3600 + 1800 || sec > 17 * 3600 + 1800;
  const emergency = !inpatient && (night || rng.chance(0.05) || crossMidnight);
  const dept = chooseDept(rng, inpatient, emergency, maternity);
  const med_type = medTypeOf(rng, inpatient, emergency, maternity, age);
  const [drCode, drName] = rng.pick(dept.doctors);
  const [diseCode, diseName] = rng.pick(dept.diseases);
  const clr_type = inpatient ? '21' : '11';
  const clr_way = inpatient && rng.chance(0.2) ? '05' : '01';
  const inArea = pool.insuplc_admdvs[pi] === o.admdvs;
  // Out-of-area (异地) settlements are cleared by the insured place's agency in this demo.
  const setl_optins = inArea ? o.admdvs : pool.insuplc_admdvs[pi]!;
  const dayC = compact(day);

  // Visit
  const stay = inpatient ? rng.range(2, 14) : 0;
  const admitDay = inpatient ? addDays(day, -stay) : day;
  const begnSec = inpatient ? rng.range(9 * 3600, 16 * 3600) : Math.max(0, sec - rng.range(600, 5400));
  const ipt_otp_no = `${inpatient ? 'ZY' : 'MZ'}${compact(admitDay)}${pad(++g.seq.visit, 7)}`;
  const mdtrt_id = `${o.admdvs}${compact(admitDay)}${pad(++g.seq.mdtrt, 8)}`;
  const psn_no = pool.psn_no[pi]!;
  const v: Visit = {
    d,
    day,
    pi,
    age,
    insutype,
    inpatient,
    maternity,
    emergency,
    med_type,
    dept,
    drCode,
    drName,
    clr_type,
    clr_way,
    inArea,
    setl_optins,
    dayC,
    stay,
    admitDay,
    begnSec,
    ipt_otp_no,
    mdtrt_id,
    psn_no,
  };
  addVisitRow(g, sink, v, sec, diseCode, diseName);
  return v;
}

/** The department: a ward (the maternity ward for a birth), the emergency room, or a clinic. */
function chooseDept(rng: Rng, inpatient: boolean, emergency: boolean, maternity: boolean): Dept {
  if (inpatient) return maternity ? IPT_DEPTS[4]! : IPT_DEPTS[rng.int(4)]!;
  if (emergency) return EMERGENCY;
  return OTP_DEPTS[rng.int(OTP_DEPTS.length)]!;
}

/** The medical type of the visit (a clinic visit of someone over 50 is sometimes a chronic-disease one, 14). */
function medTypeOf(rng: Rng, inpatient: boolean, emergency: boolean, maternity: boolean, age: number): string {
  if (inpatient) return maternity ? '52' : '21';
  if (emergency) return '13';
  return maternity ? '51' : age >= 50 && rng.chance(0.15) ? '14' : '11';
}

function addVisitRow(g: HisState, sink: RowSink, v: Visit, sec: number, diseCode: string, diseName: string): void {
  const pool = g.pool;
  const { pi, day, inpatient, dept, admitDay, begnSec } = v;
  sink.add('his_visit', {
    ipt_otp_no: v.ipt_otp_no,
    mdtrt_id: v.mdtrt_id,
    psn_no: v.psn_no,
    psn_name: pool.psn_name[pi],
    psn_cert_type: '01',
    certno: pool.certno[pi],
    insutype: v.insutype,
    med_type: v.med_type,
    begntime: stamp(admitDay, begnSec),
    endtime: inpatient ? stamp(day, Math.max(0, sec - 1800)) : null,
    dept_code: dept.code,
    dept_name: dept.name,
    caty: dept.caty,
    atddr_no: v.drCode,
    dr_name: v.drName,
    dise_codg: diseCode,
    dise_name: diseName,
    created_at: stamp(admitDay, begnSec),
  });
}

/** What becomes of the call: planted pending or rollback, a natural failure (void) or a cancellation. */
export function drawStatus(g: HisState, rng: Rng, d: number, idx: number, sec: number, crossMidnight: boolean): Status {
  const plan = g.plans[d]!;
  const pendingCenter = idx < g.counts[d]! ? plan.pending.get(idx) : undefined;
  const isPending = pendingCenter !== undefined;
  const isRollback = !isPending && plan.rollback === idx && idx < g.counts[d]!;
  const isVoid = !isPending && !isRollback && !crossMidnight && rng.chance(0.002);
  const isCancelled = !isPending && !isRollback && !isVoid && !crossMidnight && rng.chance(0.005);
  const cancelSec = isCancelled ? Math.min(86_399, sec + rng.range(300, 7200)) : 0;
  return { pendingCenter, isPending, isRollback, isVoid, isCancelled, cancelSec };
}

/** The fee lines of the visit and their totals (fen). */
export function drawFees(g: HisState, rng: Rng, v: Visit, sec: number): Fees {
  const {
    inpatient,
    emergency,
    maternity,
    stay,
    dept,
    day,
    dayC,
    admitDay,
    begnSec,
    mdtrt_id,
    psn_no,
    med_type,
    drCode,
  } = v;
  const his_setl_no = `JS${dayC}${pad(++g.seq.settle, 7)}`;
  const chrg_bchno = `SF${his_setl_no.slice(2)}`;
  const rxno = `CF${dayC}${pad(++g.seq.rx, 7)}`;
  const lines = feePlan(g, rng, inpatient, emergency, maternity, stay, dept);
  let medfee = 0;
  let ful = 0;
  let overlmt = 0;
  let pre = 0;
  let inscp = 0;
  const feeRows: Row[] = [];
  const drugLines: Array<{ item: DemoItem; cnt: number }> = [];
  for (const [item, cnt] of lines) {
    const s = splitLine(item.pricFen, cnt, item.chrgitm_lv, item.capFen, item.selfpay);
    medfee += s.det;
    ful += s.ful;
    overlmt += s.overlmt;
    pre += s.pre;
    inscp += s.inscp;
    const feeDay = inpatient ? addDays(admitDay, rng.int(stay + 1)) : day;
    const feeSec = inpatient
      ? feeDay === day
        ? rng.range(0, Math.max(1, sec - 60))
        : rng.range(7 * 3600, 20 * 3600)
      : rng.range(begnSec, Math.max(begnSec, sec - 30));
    feeRows.push({
      feedetl_sn: `F${pad(++g.seq.fee, 11)}`,
      his_setl_no,
      setl_id: null,
      mdtrt_id,
      psn_no,
      chrg_bchno,
      med_type,
      fee_ocur_time: stamp(feeDay, feeSec),
      fixmedins_hilist_id: item.fixmedins_hilist_id,
      fixmedins_hilist_name: item.fixmedins_hilist_name,
      med_list_codg: g.codeOn(item, feeDay),
      list_type: item.list_type,
      med_chrgitm_type: item.med_chrgitm_type,
      chrgitm_lv: item.chrgitm_lv,
      cnt,
      pric: fenToString(item.pricFen),
      det_item_fee_sumamt: s.det,
      pric_uplmt_amt: item.capFen !== undefined ? fenToString(item.capFen) : null,
      selfpay_prop: bpToString(item.selfpay),
      fulamt_ownpay_amt: s.ful,
      overlmt_amt: s.overlmt,
      preselfpay_amt: s.pre,
      inscp_scp_amt: s.inscp,
      rxno: item.usage === 'drug' || item.usage === 'herb' ? rxno : null,
      bilg_dept_codg: dept.code,
      bilg_dr_codg: drCode,
      created_at: stamp(feeDay, feeSec),
    });
    if (item.trac && !inpatient) drugLines.push({ item, cnt });
  }
  return { his_setl_no, chrg_bchno, rxno, medfee, ful, overlmt, pre, inscp, feeRows, drugLines };
}

/** The split of the bill (the policies' engine when given, else the stand-in). */
export function splitBill(g: HisState, rng: Rng, v: Visit, f: Fees): { amounts: SettlementAmounts; acctUsed: boolean } {
  const o = g.opts;
  const pool = g.pool;
  const { pi, insutype, inpatient, clr_way, day, age, inArea } = v;
  const { medfee, ful, overlmt, pre, inscp } = f;
  const acctUsed = rng.chance(0.7);
  // One object for both splits (the stand-in reads its part of it): no copy per settlement.
  const splitInput: DemoSplitInput = {
    insutype,
    inpatient,
    psn_type: pool.psn_type[pi]!,
    medfee,
    ful,
    overlmt,
    pre,
    inscp,
    civilServant: pool.cvlserv_flag[pi] === '1',
    assistance: pool.assistance[pi] === 1,
    hospitalBorne: inpatient && clr_way === '05' && rng.chance(0.1),
    acctUsed,
    balance: pool.balance[pi]!,
    mulaid: rng.chance(0.03),
    day,
    age,
    inArea,
    // The family mutual-aid balance is 30 % of the own balance (so the stand-in's share and the
    // engine's "what the own balance could not cover" both have something to draw on).
    mulaidBalance: Math.floor(pool.balance[pi]! * 0.3),
  };
  const amounts = o.split?.(splitInput) ?? splitSettlement(splitInput);

  return { amounts, acctUsed };
}

/** Fee lines of a visit: [item, count]. */
function feePlan(
  g: HisState,
  rng: Rng,
  inpatient: boolean,
  emergency: boolean,
  maternity: boolean,
  stay: number,
  dept: Dept,
): Array<[DemoItem, number]> {
  const by = (u: Usage) => g.catalog.byUsage.get(u)!;
  const out: Array<[DemoItem, number]> = [];
  if (!inpatient) {
    out.push([
      g.named(
        emergency
          ? '急诊诊查费'
          : (['普通门诊诊查费', '副主任医师门诊诊查费', '主任医师门诊诊查费'] as const)[rng.weighted([6, 3, 1])]!,
      ),
      1,
    ]);
    const extra = rng.weighted([30, 40, 22, 8]);
    for (let k = 0; k < extra; k++) {
      const u = rng.weighted([55, 5, 12, 18, 6, 4]);
      if (u === 0) out.push([rng.pick(by('drug')), rng.weighted([60, 30, 10]) + 1]);
      else if (u === 1) out.push([rng.pick(by('herb')), rng.range(60, 200)]);
      else if (u === 2) out.push([rng.pick(by('exam')), 1]);
      else if (u === 3) out.push([rng.pick(by('lab')), 1]);
      else if (u === 4) out.push([rng.pick(by('treat')), rng.range(1, 3)]);
      else out.push([rng.pick(by('material')), 1]);
    }
    return out;
  }
  const days = Math.max(1, stay);
  out.push([g.named(rng.chance(0.05) ? '单人病房床位费升级' : '床位费(三人间)'), days]);
  out.push([g.named('一级护理'), days]);
  out.push([g.named('住院诊查费'), days]);
  const extra = rng.range(2, 6);
  for (let k = 0; k < extra; k++) {
    const u = rng.weighted([45, 20, 20, 10]);
    if (u === 0) out.push([rng.pick(by('drug')), rng.range(2, 20)]);
    else if (u === 1) out.push([rng.pick(by('exam')), 1]);
    else if (u === 2) out.push([rng.pick(by('lab')), rng.range(1, 3)]);
    else out.push([rng.pick(by('material')), rng.range(1, 6)]);
  }
  if (maternity) out.push([g.named('子宫下段剖宫产术'), 1]);
  else if (dept.code === 'KS0411') out.push([g.named(rng.chance(0.5) ? '阑尾切除术' : '腹腔镜下胆囊切除术'), 1]);
  else if (dept.code === 'KS0412') out.push([g.named('股骨颈骨折闭合复位内固定术'), 1]);
  if (!maternity && (dept.code === 'KS0411' || dept.code === 'KS0412') && rng.chance(0.3))
    out.push([g.named('一次性使用吻合器'), 1]);
  return out;
}
