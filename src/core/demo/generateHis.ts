/**
 * The demo HIS generator: a hospital's days of outpatient and inpatient settlements with their
 * visits, fee lines, write-ahead log rows, pharmacy sales with traceability codes, stock-in
 * records, items and mappings — plus the planted anomalies. It pushes rows (plain objects keyed
 * by the reference columns; money in integer fen) into a sink one day at a time and keeps only
 * the current day in memory, so a million settlements stream through.
 *
 * Everything comes from the seed: a (seed, day) stream drives each day, ids are counters, and
 * times are the day plus a second of it, so the same seed produces the same rows.
 */
import { SETTLEMENT_AMOUNTS } from '../his/canonical.js';
import type { PlantedAnomaly, CenterSettlementRecord } from './anomalies.js';
import { demoCatalog, type DemoCatalog, type DemoItem, type Usage } from './catalog.js';
import { addDays, compact, stamp, weekday } from './dates.js';
import { personPool, type PersonPool } from './persons.js';
import { dayCounts, planDays, type DayPlan, type TargetRole } from './plan.js';
import { Rng } from './prng.js';
import type { DemoSplit } from './rulesSplit.js';
import {
  bpToString,
  fenToString,
  splitLine,
  splitSettlement,
  type SettlementAmounts,
  type SettlementInput,
} from './split.js';

export type Row = Record<string, unknown>;

export interface RowSink {
  add(table: string, row: Row): void;
}

interface GenerateOptions {
  seed: number;
  days: number;
  total: number;
  persons: number;
  startDate: string;
  fixmedins_code: string;
  admdvs: string;
  /** The settlement split (the rules engine with the shipped policies); absent or null for an insutype: the stand-in of split.ts. */
  split?: DemoSplit;
}

interface GroupSum {
  day: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  refd_setl_flag: string;
  count: number;
  medfee_sumamt: number;
  fund_pay_sumamt: number;
  acct_pay: number;
  psn_cash_pay: number;
}

const AMOUNT_KEYS = SETTLEMENT_AMOUNTS;

interface Dept {
  code: string;
  name: string;
  caty: string;
  doctors: Array<[string, string]>;
  diseases: Array<[string, string]>;
}

const OTP_DEPTS: Dept[] = [
  {
    code: 'KS0301',
    name: '心血管内科',
    caty: 'A03.04',
    doctors: [
      ['D0301', '周建国'],
      ['D0302', '李秀兰'],
      ['D0303', '陈志强'],
    ],
    diseases: [
      ['I10.x00', '原发性高血压'],
      ['I25.103', '冠状动脉粥样硬化性心脏病'],
      ['E78.500', '高脂血症'],
    ],
  },
  {
    code: 'KS0302',
    name: '内分泌科',
    caty: 'A03.08',
    doctors: [
      ['D0311', '王丽娟'],
      ['D0312', '刘海涛'],
    ],
    diseases: [
      ['E11.900', '2型糖尿病'],
      ['E03.900', '甲状腺功能减退症'],
    ],
  },
  {
    code: 'KS0303',
    name: '呼吸内科',
    caty: 'A03.01',
    doctors: [
      ['D0321', '张明'],
      ['D0322', '黄晓燕'],
    ],
    diseases: [
      ['J06.900', '急性上呼吸道感染'],
      ['J20.900', '急性支气管炎'],
      ['J45.900', '支气管哮喘'],
    ],
  },
  {
    code: 'KS0304',
    name: '消化内科',
    caty: 'A03.02',
    doctors: [
      ['D0331', '杨志'],
      ['D0332', '赵敏'],
    ],
    diseases: [
      ['K29.700', '胃炎'],
      ['K21.900', '胃食管反流病'],
    ],
  },
  {
    code: 'KS0701',
    name: '儿科',
    caty: 'A07',
    doctors: [
      ['D0701', '吴静'],
      ['D0702', '徐磊'],
    ],
    diseases: [
      ['J06.900', '急性上呼吸道感染'],
      ['A09.900', '感染性腹泻'],
    ],
  },
  {
    code: 'KS0401',
    name: '骨科',
    caty: 'A04.03',
    doctors: [
      ['D0401', '孙伟'],
      ['D0402', '胡军'],
    ],
    diseases: [
      ['M54.500', '腰痛'],
      ['M17.900', '膝关节骨性关节炎'],
    ],
  },
  {
    code: 'KS5001',
    name: '中医科',
    caty: 'A50',
    doctors: [
      ['D5001', '朱桂英'],
      ['D5002', '高平'],
    ],
    diseases: [
      ['M54.200', '颈椎病'],
      ['K59.000', '便秘'],
    ],
  },
];
const EMERGENCY: Dept = {
  code: 'KS2001',
  name: '急诊医学科',
  caty: 'A20',
  doctors: [
    ['D2001', '林涛'],
    ['D2002', '何芳'],
    ['D2003', '郭强'],
  ],
  diseases: [
    ['R50.900', '发热'],
    ['S01.900', '头部开放性伤口'],
    ['R10.400', '腹痛'],
  ],
};
const IPT_DEPTS: Dept[] = [
  {
    code: 'KS0311',
    name: '呼吸内科病区',
    caty: 'A03.01',
    doctors: [
      ['D0321', '张明'],
      ['D0322', '黄晓燕'],
    ],
    diseases: [
      ['J18.900', '肺炎'],
      ['J44.100', '慢性阻塞性肺病伴急性加重'],
    ],
  },
  {
    code: 'KS0312',
    name: '心血管内科病区',
    caty: 'A03.04',
    doctors: [
      ['D0301', '周建国'],
      ['D0303', '陈志强'],
    ],
    diseases: [
      ['I63.900', '脑梗死'],
      ['I50.900', '心力衰竭'],
    ],
  },
  {
    code: 'KS0411',
    name: '普外科病区',
    caty: 'A04.01',
    doctors: [
      ['D0411', '马超'],
      ['D0412', '罗勇'],
    ],
    diseases: [
      ['K35.800', '急性阑尾炎'],
      ['K80.200', '胆囊结石'],
    ],
  },
  {
    code: 'KS0412',
    name: '骨科病区',
    caty: 'A04.03',
    doctors: [
      ['D0401', '孙伟'],
      ['D0402', '胡军'],
    ],
    diseases: [['S72.000', '股骨颈骨折']],
  },
  {
    code: 'KS0511',
    name: '产科病区',
    caty: 'A05.02',
    doctors: [
      ['D0511', '梁红'],
      ['D0512', '宋玲'],
    ],
    diseases: [
      ['O82.000', '剖宫产'],
      ['O80.000', '单胎顺产'],
    ],
  },
];
const PHARMACISTS: Array<[string, string]> = [
  ['谢婷', 'YS430100201801'],
  ['韩雪', 'YS430100201907'],
  ['唐莉', 'YS430100202103'],
];
const SUPPLIERS = ['国药控股湖南有限公司', '华润湖南医药有限公司', '九州通医药集团湖南有限公司'];
const OPERATORS = ['收费员01', '收费员02', '收费员03', '收费员04'];

/** Settlements generated between pauses. */
const CHUNK = 1000;

const pad = (n: number, w: number) => {
  const s = String(n);
  return s.length >= w ? s : '0'.repeat(w - s.length) + s;
};

/** A traceability code: 7-digit product-identification code + 13 digits derived from a serial. */
export function traceCode(prefix: string, drugIndex: number, serial: number): string {
  // k ↦ (k × 7654321 + offset) mod 10^13 is one-to-one in k (7654321 is coprime to 10), and the
  // product stays exact in a double for every serial below 1.1 × 10^9.
  const body =
    (serial * 7_654_321 + ((drugIndex * 982_451_653 + 3_141_592_653_589) % 10_000_000_000_000)) % 10_000_000_000_000;
  return prefix + pad(body, 13);
}

interface DrugState {
  index: number;
  item: DemoItem;
  /** Serials handed out to sales (consumed). */
  consumed: number;
  /** Serials received by stock-in. */
  stocked: number;
  batches: Array<{ start: number; bchno: string; prefix: string; lot: string; manu: string; expy: string }>;
}

interface SaleIntent {
  type: 'sale' | 'return';
  drug: DrugState;
  cnt: number;
  sec: number;
  setl_id: string | null;
  mdtrt_sn: string;
  psn: number | null;
  rxno: string | null;
  doctor: string | null;
  /** Serials, assigned after the day's settlements; a planted record may override the codes. */
  serials?: number[];
  codes?: string[];
  orig?: string | null;
  planted?: string;
  disp_id?: string;
}

/** The patient, department and visit of one settlement call. */
interface Visit {
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

interface Status {
  pendingCenter: boolean | undefined;
  isPending: boolean;
  isRollback: boolean;
  isVoid: boolean;
  isCancelled: boolean;
  cancelSec: number;
}

/** The fee lines of a call and their totals (fen). */
interface Fees {
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

/** The call to the center: its times, msgid and (when it settled or rolled back) setl_id. */
interface Call {
  sec: number;
  reqSec: number;
  msgid: string;
  infno: string;
  settled: boolean;
  setl_id: string | null;
  setl_time: string;
}

interface SettledRef {
  his_setl_no: string;
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  msgid: string;
  day: string;
  sec: number;
}

export class HisGenerator {
  readonly catalog: DemoCatalog;
  readonly counts: number[];
  readonly plans: DayPlan[];
  readonly days: string[];
  readonly anomalies: PlantedAnomaly[] = [];
  readonly groups = new Map<string, GroupSum>();
  private pool: PersonPool;
  private drugs = new Map<string, DrugState>();
  private seq = {
    settle: 0,
    visit: 0,
    fee: 0,
    disp: 0,
    stock: 0,
    setlId: 0,
    reservedSetlId: 0,
    mdtrt: 0,
    msg: 0,
    rx: 0,
  };
  private pendingRoles: Array<{ role: TargetRole; from: number; day: number }> = [];
  private soldTwiceCode: { code: string; disp_id: string; drug: DrugState; serial: number } | undefined;
  private anomalyNo = 0;
  private remapDay: string;

  constructor(readonly opts: GenerateOptions) {
    this.catalog = demoCatalog();
    this.days = Array.from({ length: opts.days }, (_, i) => addDays(opts.startDate, i));
    this.counts = dayCounts(opts.seed, opts.days, opts.total, this.days.map(weekday));
    this.plans = planDays(opts.seed, this.counts);
    this.remapDay = addDays(opts.startDate, 2);
    this.pool = personPool(opts.persons, { admdvs: opts.admdvs, seed: opts.seed, today: opts.startDate });
    let i = 0;
    for (const item of this.catalog.items)
      if (item.trac)
        this.drugs.set(item.fixmedins_hilist_id, { index: i++, item, consumed: 0, stocked: 0, batches: [] });
  }

  get endDate(): string {
    return this.days[this.days.length - 1]!;
  }

  private addAnomaly(a: Omit<PlantedAnomaly, 'id'>): PlantedAnomaly {
    const prefix = a.side === 'his' ? 'H' : 'C';
    const full = { id: `${prefix}${pad(++this.anomalyNo, 2)}`, ...a };
    this.anomalies.push(full);
    return full;
  }

  // ---------------------------------------------------------------- items and mappings

  /** Items, product-identification codes and mappings (with the mapping anomalies). */
  staticRows(sink: RowSink): void {
    const start = this.opts.startDate;
    const created = stamp(addDays(start, -400), 9 * 3600);
    const c = this.catalog;
    for (const it of c.items) {
      sink.add('his_item', {
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        fixmedins_hilist_name: it.fixmedins_hilist_name,
        list_type: it.list_type,
        med_chrgitm_type: it.med_chrgitm_type,
        chrgitm_lv: it.chrgitm_lv,
        pric: fenToString(it.pricFen),
        prcunt: it.prcunt,
        spec: it.spec,
        dosform: it.dosform ?? null,
        prodentp_name: it.prodentp_name ?? null,
        aprvno: it.aprvno ?? null,
        rx_flag: it.rx_flag,
        trac_flag: it.trac ? '1' : '0',
        vali_flag: '1',
        created_at: created,
        updated_at: created,
      });
      it.trac_prefixes.forEach((p, k) =>
        sink.add('his_item_trac_prefix', {
          fixmedins_hilist_id: it.fixmedins_hilist_id,
          trac_prefix: p,
          pack_lv: k === 0 ? '1' : '2',
        }),
      );
    }
    const map = (it: DemoItem, code: string, beg: string, end: string, memo: string | null = null) =>
      sink.add('his_mapping', {
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        fixmedins_hilist_name: it.fixmedins_hilist_name,
        list_type: it.list_type,
        med_list_codg: code,
        begndate: beg,
        enddate: end,
        memo,
        created_at: created,
        updated_at: created,
      });
    for (const it of c.items) {
      if (it === c.remapped) {
        // A normal remapping inside the window: the old row ends the day before the new one starts.
        map(it, it.med_list_codg, '2020-01-01', addDays(start, 1));
        map(it, c.remapCode, addDays(start, 2), '2099-12-31', '国家编码调整');
      } else if (it.special === 'no_mapping') {
        map(it, it.med_list_codg, '2020-01-01', start, '停止对照');
      } else if (it.special === 'overlap') {
        map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
        map(it, c.overlapCode, addDays(start, -30), '2099-12-31');
        this.addAnomaly({
          job: 'mapping',
          kind: 'mapping_overlap',
          side: 'his',
          day: null,
          keys: { fixmedins_hilist_id: it.fixmedins_hilist_id, med_list_codg: [it.med_list_codg, c.overlapCode] },
          detail: `two mapping rows of ${it.fixmedins_hilist_id} overlap from ${addDays(start, -30)} (${it.med_list_codg} and ${c.overlapCode})`,
        });
      } else if (it.special === 'unknown_code') {
        map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
        this.addAnomaly({
          job: 'mapping',
          kind: 'mapping_unknown_code',
          side: 'his',
          day: null,
          keys: { fixmedins_hilist_id: it.fixmedins_hilist_id, med_list_codg: it.med_list_codg },
          detail: `${it.fixmedins_hilist_id} is mapped to ${it.med_list_codg}, which is not in the national catalog`,
        });
      } else map(it, it.med_list_codg, '2020-01-01', '2099-12-31');
    }
  }

  // ---------------------------------------------------------------- one day

  /** All rows of day `d`. */
  day(d: number, sink: RowSink): void {
    for (const _ of this.dayChunks(d, sink)) {
      // run to the end
    }
  }

  /** The rows of day `d`, pausing every CHUNK settlements so a writer can catch up. */
  *dayChunks(d: number, sink: RowSink): Generator<void> {
    const _day = this.days[d]!;
    const plan = this.plans[d]!;
    const rng = new Rng(this.opts.seed, `day:${d}`);
    const n = this.counts[d]!;
    for (const t of plan.targets) this.pendingRoles.push({ ...t, day: d });
    // Times (second of the day) and kinds, sorted; encoded as sec * 2 + inpatient.
    const slots = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const inpatient = rng.chance(0.15);
      const sec = inpatient ? rng.range(8 * 3600 + 1800, 17 * 3600) : this.outpatientSecond(rng);
      slots[i] = sec * 2 + (inpatient ? 1 : 0);
    }
    slots.sort();
    const sales: SaleIntent[] = [];
    for (let i = 0; i < n; i++) {
      const code = slots[i]!;
      this.settlement(sink, rng, d, i, Math.floor(code / 2), code % 2 === 1, sales, {});
      if (i % CHUNK === CHUNK - 1) yield;
    }
    if (plan.crossMidnight)
      this.settlement(sink, rng, d, n, 86_390 + rng.int(8), false, sales, { crossMidnight: true });
    if (plan.centerTestRow) this.centerTestRow(rng, d);
    if (d === this.days.length - 1 && this.pendingRoles.length) {
      throw new Error(`demo seed: could not place ${this.pendingRoles.map((r) => r.role).join(', ')} (days too small)`);
    }
    this.plantTrace(rng, d, sales);
    this.dispense(sink, rng, d, sales);
  }

  /** Outpatient settlement times: morning and afternoon clinics, a thin emergency stream around the clock. */
  private outpatientSecond(rng: Rng): number {
    const w = rng.weighted([0.55, 0.37, 0.08]);
    if (w === 0) return rng.range(7 * 3600 + 1800, 12 * 3600);
    if (w === 1) return rng.range(13 * 3600 + 1800, 17 * 3600 + 1800);
    const s = rng.range(0, 14 * 3600 - 1); // 17:30 → 07:30 next morning, wrapped into the day
    return (17 * 3600 + 1800 + s) % 86_400 || 60;
  }

  /**
   * One settlement call of the day (a visit, its fee lines, the split, the HIS's rows and what it
   * plants). The parts draw from `rng` in this order, which the data depends on.
   */
  private settlement(
    sink: RowSink,
    rng: Rng,
    d: number,
    idx: number,
    sec: number,
    inpatient: boolean,
    sales: SaleIntent[],
    flags: { crossMidnight?: boolean },
  ): void {
    sec = Math.max(sec, 120);
    const v = this.visit(sink, rng, d, sec, inpatient, flags.crossMidnight === true);
    const st = this.status(rng, d, idx, sec, flags.crossMidnight === true);
    const fees = this.fees(rng, v, sec);
    const { amounts, acctUsed } = this.split(rng, v, fees);
    const reqSec = sec - rng.range(1, 3);
    const msgid = this.msgid(v.day, reqSec);
    const infno = inpatient ? '2304' : '2207';
    const settled = !st.isPending && !st.isRollback && !st.isVoid;
    const setl_id = settled || st.isRollback ? this.setlId(v.day, st.isRollback) : null;
    const call: Call = { sec, reqSec, msgid, infno, settled, setl_id, setl_time: stamp(v.day, sec) };
    const base = this.settlementRow(rng, v, st, fees, amounts, acctUsed, call);
    this.writeCall(sink, v, st, fees, amounts, call, base);
    if (st.isRollback) return this.plantRollback(v, call, base);
    sink.add('his_settlement', base);
    if (st.isPending) return this.plantPending(v, st, call, fees.his_setl_no);
    if (st.isVoid) return;
    this.settled(sink, rng, d, idx, v, st, fees, amounts, call, base, sales, flags.crossMidnight === true);
  }

  /** The patient, department and visit of a settlement call (its his_visit row is written). */
  private visit(sink: RowSink, rng: Rng, d: number, sec: number, inpatient: boolean, crossMidnight: boolean): Visit {
    const o = this.opts;
    const day = this.days[d]!;
    const pool = this.pool;
    const pi = rng.int(pool.size);
    const birthYear = pool.birthYear[pi]!;
    const age = Number(day.slice(0, 4)) - birthYear;
    let insutype = pool.insutype[pi]!;
    const female = pool.gend[pi] === '2';
    const maternity = female && insutype === '310' && age >= 22 && age <= 42 && rng.chance(inpatient ? 0.3 : 0.05);
    if (maternity) insutype = '510';
    const night = sec < 7 * 3600 + 1800 || sec > 17 * 3600 + 1800;
    const emergency = !inpatient && (night || rng.chance(0.05) || crossMidnight);
    let med_type: string;
    let dept: Dept;
    if (inpatient) {
      dept = maternity ? IPT_DEPTS[4]! : IPT_DEPTS[rng.int(4)]!;
      med_type = maternity ? '52' : '21';
    } else if (emergency) {
      dept = EMERGENCY;
      med_type = '13';
    } else {
      dept = OTP_DEPTS[rng.int(OTP_DEPTS.length)]!;
      med_type = maternity ? '51' : age >= 50 && rng.chance(0.15) ? '14' : '11';
    }
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
    const ipt_otp_no = `${inpatient ? 'ZY' : 'MZ'}${compact(admitDay)}${pad(++this.seq.visit, 7)}`;
    const mdtrt_id = `${o.admdvs}${compact(admitDay)}${pad(++this.seq.mdtrt, 8)}`;
    const psn_no = pool.psn_no[pi]!;
    sink.add('his_visit', {
      ipt_otp_no,
      mdtrt_id,
      psn_no,
      psn_name: pool.psn_name[pi],
      psn_cert_type: '01',
      certno: pool.certno[pi],
      insutype,
      med_type,
      begntime: stamp(admitDay, begnSec),
      endtime: inpatient ? stamp(day, Math.max(0, sec - 1800)) : null,
      dept_code: dept.code,
      dept_name: dept.name,
      caty: dept.caty,
      atddr_no: drCode,
      dr_name: drName,
      dise_codg: diseCode,
      dise_name: diseName,
      created_at: stamp(admitDay, begnSec),
    });

    return {
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
  }

  /** What becomes of the call: planted pending or rollback, a natural failure (void) or a cancellation. */
  private status(rng: Rng, d: number, idx: number, sec: number, crossMidnight: boolean): Status {
    const plan = this.plans[d]!;
    const pendingCenter = idx < this.counts[d]! ? plan.pending.get(idx) : undefined;
    const isPending = pendingCenter !== undefined;
    const isRollback = !isPending && plan.rollback === idx && idx < this.counts[d]!;
    const isVoid = !isPending && !isRollback && !crossMidnight && rng.chance(0.002);
    const isCancelled = !isPending && !isRollback && !isVoid && !crossMidnight && rng.chance(0.005);
    const cancelSec = isCancelled ? Math.min(86_399, sec + rng.range(300, 7200)) : 0;
    return { pendingCenter, isPending, isRollback, isVoid, isCancelled, cancelSec };
  }

  /** The fee lines of the visit and their totals (fen). */
  private fees(rng: Rng, v: Visit, sec: number): Fees {
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
    const his_setl_no = `JS${dayC}${pad(++this.seq.settle, 7)}`;
    const chrg_bchno = `SF${his_setl_no.slice(2)}`;
    const rxno = `CF${dayC}${pad(++this.seq.rx, 7)}`;
    const lines = this.feePlan(rng, inpatient, emergency, maternity, stay, dept);
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
        feedetl_sn: `F${pad(++this.seq.fee, 11)}`,
        his_setl_no,
        setl_id: null,
        mdtrt_id,
        psn_no,
        chrg_bchno,
        med_type,
        fee_ocur_time: stamp(feeDay, feeSec),
        fixmedins_hilist_id: item.fixmedins_hilist_id,
        fixmedins_hilist_name: item.fixmedins_hilist_name,
        med_list_codg: this.codeOn(item, feeDay),
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
  private split(rng: Rng, v: Visit, f: Fees): { amounts: SettlementAmounts; acctUsed: boolean } {
    const o = this.opts;
    const pool = this.pool;
    const { pi, insutype, inpatient, clr_way, day, age, inArea } = v;
    const { medfee, ful, overlmt, pre, inscp } = f;
    const acctUsed = rng.chance(0.7);
    const splitInput: SettlementInput = {
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
    };
    // The family mutual-aid balance is 30 % of the own balance (so the stand-in's share and the
    // engine's "what the own balance could not cover" both have something to draw on).
    const amounts =
      o.split?.({ ...splitInput, day, age, inArea, mulaidBalance: Math.floor(pool.balance[pi]! * 0.3) }) ??
      splitSettlement(splitInput);

    return { amounts, acctUsed };
  }

  /** The his_settlement row of the call (also what a rollback's center record is made of). */
  private settlementRow(
    rng: Rng,
    v: Visit,
    st: Status,
    f: Fees,
    amounts: SettlementAmounts,
    acctUsed: boolean,
    c: Call,
  ): Row {
    const pool = this.pool;
    const { pi, day, age, insutype, med_type, mdtrt_id, psn_no, ipt_otp_no, setl_optins, clr_way, clr_type, inArea } =
      v;
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
    for (const a of SETTLEMENT_AMOUNTS) base[a] = amounts[a];
    return base;
  }

  /** The call's fee lines and write-ahead log row (the account balance moves when it settled). */
  private writeCall(
    sink: RowSink,
    v: Visit,
    st: Status,
    f: Fees,
    amounts: SettlementAmounts,
    c: Call,
    base: Row,
  ): void {
    const pool = this.pool;
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

  /** The center settled; the HIS transaction that would have stored it rolled back. */
  private plantRollback(v: Visit, c: Call, base: Row): void {
    const { day, mdtrt_id, psn_no } = v;
    const { setl_id, setl_time, msgid, infno } = c;
    const his_setl_no = base.his_setl_no as string;
    this.addAnomaly({
      job: 'settle',
      kind: 'log_without_settlement',
      side: 'his',
      day,
      keys: { msgid, his_setl_no, mdtrt_id, psn_no },
      detail: 'the write-ahead log has a 2207/2304 call with no settlement row; the center settled it',
    });
    this.addAnomaly({
      job: 'reconcile',
      kind: 'center_only',
      side: 'center',
      day,
      keys: { setl_id, msgid, mdtrt_id, psn_no, cause: 'his_rollback' },
      detail: 'the center has a settlement the HIS rolled back after the answer',
      center: { record: this.centerRecord(base, setl_id!, setl_time, msgid, infno), setl_id: setl_id!, setl_time },
    });
  }

  /** A call the HIS still shows as pending (the center settled it or never did). */
  private plantPending(v: Visit, st: Status, c: Call, his_setl_no: string): void {
    const { day, mdtrt_id, psn_no } = v;
    const { pendingCenter } = st;
    const { msgid, reqSec } = c;
    const center = pendingCenter === true;
    const centerSetlId = center ? this.setlId(day, true) : null;
    const centerTime = stamp(day, Math.min(86_399, reqSec + 2));
    this.addAnomaly({
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
      this.addAnomaly({
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

  /** A settled call: the day's sums, a cancellation or a planted reconciliation target, the drugs it sells. */
  private settled(
    sink: RowSink,
    rng: Rng,
    d: number,
    idx: number,
    v: Visit,
    st: Status,
    f: Fees,
    amounts: SettlementAmounts,
    c: Call,
    base: Row,
    sales: SaleIntent[],
    crossMidnight: boolean,
  ): void {
    const { pi, day, insutype, clr_type, setl_optins, mdtrt_id, psn_no, inpatient, drName } = v;
    const { isCancelled, cancelSec } = st;
    const { his_setl_no, drugLines, rxno } = f;
    const { setl_id, setl_time, msgid, sec } = c;
    this.addGroup(day, insutype, clr_type, setl_optins, '0', amounts, 1);
    const ref: SettledRef = { his_setl_no, setl_id: setl_id!, mdtrt_id, psn_no, msgid, day, sec };
    if (isCancelled) {
      this.cancel(sink, d, base, amounts, pi, setl_id!, cancelSec);
      return;
    }
    if (crossMidnight) {
      const next = this.days[d + 1]!;
      this.addAnomaly({
        job: 'reconcile',
        kind: 'cross_midnight',
        side: 'center',
        day,
        keys: { setl_id: setl_id!, msgid, mdtrt_id, psn_no },
        detail: `the HIS books it at ${setl_time}; the center at ${next} 00:00:0x (the next day)`,
        center: { center_setl_time: stamp(next, 2 + rng.int(6)) },
      });
    } else this.takeTarget(idx, d, ref, rng);
    if (!inpatient) {
      for (const dl of drugLines) {
        sales.push({
          type: 'sale',
          drug: this.drugs.get(dl.item.fixmedins_hilist_id)!,
          cnt: dl.cnt,
          sec: Math.min(86_399, sec + rng.range(120, 900)),
          setl_id: setl_id!,
          mdtrt_sn: mdtrt_id,
          psn: pi,
          rxno,
          doctor: drName,
        });
      }
    }
  }

  /** Fee lines of a visit: [item, count]. */
  private feePlan(
    rng: Rng,
    inpatient: boolean,
    emergency: boolean,
    maternity: boolean,
    stay: number,
    dept: Dept,
  ): Array<[DemoItem, number]> {
    const by = (u: Usage) => this.catalog.byUsage.get(u)!;
    const out: Array<[DemoItem, number]> = [];
    if (!inpatient) {
      out.push([
        this.named(
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
    out.push([this.named(rng.chance(0.05) ? '单人病房床位费升级' : '床位费(三人间)'), days]);
    out.push([this.named('一级护理'), days]);
    out.push([this.named('住院诊查费'), days]);
    const extra = rng.range(2, 6);
    for (let k = 0; k < extra; k++) {
      const u = rng.weighted([45, 20, 20, 10]);
      if (u === 0) out.push([rng.pick(by('drug')), rng.range(2, 20)]);
      else if (u === 1) out.push([rng.pick(by('exam')), 1]);
      else if (u === 2) out.push([rng.pick(by('lab')), rng.range(1, 3)]);
      else out.push([rng.pick(by('material')), rng.range(1, 6)]);
    }
    if (maternity) out.push([this.named('子宫下段剖宫产术'), 1]);
    else if (dept.code === 'KS0411') out.push([this.named(rng.chance(0.5) ? '阑尾切除术' : '腹腔镜下胆囊切除术'), 1]);
    else if (dept.code === 'KS0412') out.push([this.named('股骨颈骨折闭合复位内固定术'), 1]);
    if (!maternity && (dept.code === 'KS0411' || dept.code === 'KS0412') && rng.chance(0.3))
      out.push([this.named('一次性使用吻合器'), 1]);
    return out;
  }

  private named(name: string): DemoItem {
    const it = this.catalog.items.find((i) => i.fixmedins_hilist_name === name);
    if (!it) throw new Error(`demo catalog has no item ${name}`);
    return it;
  }

  /** The national code an item is billed under on a day (the remapped drug switches codes). */
  private codeOn(item: DemoItem, day: string): string {
    if (item === this.catalog.remapped && day >= this.remapDay) return this.catalog.remapCode;
    return item.med_list_codg;
  }

  private msgid(day: string, sec: number): string {
    const t = stamp(day, sec);
    return `${this.opts.fixmedins_code}${compact(day)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}${pad(++this.seq.msg % 10_000, 4)}`;
  }

  /**
   * Center settlement ids, shaped like the sandbox's (admdvs + yyyyMMdd + 10 digits): the seed's
   * settlements use a 5 range and ids only the center holds a 9 range, so neither meets the
   * sandbox's own counter (which starts at 1).
   */
  private setlId(day: string, reserved: boolean): string {
    return reserved
      ? `${this.opts.admdvs}${compact(day)}9${pad(++this.seq.reservedSetlId, 9)}`
      : `${this.opts.admdvs}${compact(day)}5${pad(++this.seq.setlId, 9)}`;
  }

  private addGroup(
    day: string,
    insutype: string,
    clr_type: string,
    setl_optins: string,
    refd: string,
    a: SettlementAmounts | Record<string, number>,
    count: number,
  ): void {
    if (count === 0) return;
    const key = `${day}|${insutype}|${clr_type}|${setl_optins}|${refd}`;
    let g = this.groups.get(key);
    if (!g) {
      g = {
        day,
        insutype,
        clr_type,
        setl_optins,
        refd_setl_flag: refd,
        count: 0,
        medfee_sumamt: 0,
        fund_pay_sumamt: 0,
        acct_pay: 0,
        psn_cash_pay: 0,
      };
      this.groups.set(key, g);
    }
    g.count += count;
    g.medfee_sumamt += a.medfee_sumamt!;
    g.fund_pay_sumamt += a.fund_pay_sumamt!;
    g.acct_pay += a.acct_pay!;
    g.psn_cash_pay += a.psn_cash_pay!;
  }

  /** A natural cancellation (2208/2305): the original turns cancelled, a negative row follows. */
  private cancel(
    sink: RowSink,
    d: number,
    orig: Row,
    amounts: SettlementAmounts,
    pi: number,
    setl_id: string,
    csec: number,
  ): void {
    const day = this.days[d]!;
    const cancelTime = stamp(day, csec);
    const inpatient = orig.clr_type === '21';
    const msgid = this.msgid(day, Math.max(0, csec - 1));
    const newId = this.setlId(day, false);
    const his_setl_no = `JS${compact(day)}${pad(++this.seq.settle, 7)}`;
    this.pool.balance[pi] = this.pool.balance[pi]! + amounts.acct_pay;
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
    for (const k of AMOUNT_KEYS) {
      if (k === 'balc') continue;
      rev[k] = -amounts[k];
      neg[k] = -amounts[k];
    }
    rev.balc = this.pool.balance[pi];
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
    this.addGroup(day, String(orig.insutype), String(orig.clr_type), String(orig.setl_optins), '1', neg, 1);
  }

  private takeTarget(idx: number, d: number, ref: SettledRef, rng: Rng): void {
    const k = this.pendingRoles.findIndex((r) => r.day < d || r.from <= idx);
    if (k < 0) return;
    const { role } = this.pendingRoles.splice(k, 1)[0]!;
    const keys = {
      setl_id: ref.setl_id,
      msgid: ref.msgid,
      mdtrt_id: ref.mdtrt_id,
      psn_no: ref.psn_no,
      his_setl_no: ref.his_setl_no,
    };
    const day = ref.day;
    if (role === 'his_only') {
      const reversed = this.anomalies.some((a) => a.kind === 'his_only');
      this.addAnomaly({
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
      this.addAnomaly({
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
      this.addAnomaly({
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
      this.addAnomaly({
        job: 'reconcile',
        kind: 'center_duplicate',
        side: 'center',
        day,
        keys,
        detail: 'the center holds this settlement twice (a retry after a timeout was settled again)',
        center: { setl_id: this.setlId(day, true), setl_time: stamp(day, Math.min(86_399, ref.sec + 40)) },
      });
    } else {
      this.addAnomaly({
        job: 'reconcile',
        kind: 'refund_pair',
        side: 'center',
        day,
        keys,
        detail:
          'cancelled at the center from another terminal: the center has the settlement and its negative reversal; the HIS shows it settled',
        center: { setl_id: this.setlId(day, true), setl_time: stamp(day, Math.min(86_399, ref.sec + 1800)) },
      });
    }
  }

  /** A settlement the center holds with no counterpart in the HIS at all (test data entered at the center). */
  private centerTestRow(rng: Rng, d: number): void {
    const day = this.days[d]!;
    const sec = rng.range(10 * 3600, 11 * 3600);
    const setl_id = this.setlId(day, true);
    const zero = '0.00';
    const medfee = fenToString(100 * rng.range(1, 9));
    const record: CenterSettlementRecord = {
      fixmedins_code: this.opts.fixmedins_code,
      setl_id,
      mdtrt_id: `${this.opts.admdvs}${compact(day)}99${pad(rng.int(1_000_000), 6)}`,
      psn_no: `${this.opts.admdvs}0000000000000001`,
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
      clr_optins: this.opts.admdvs,
      setl_optins: this.opts.admdvs,
      setl_time: stamp(day, sec),
      infno: '2207',
      medins_setl_id: `${this.opts.fixmedins_code}${compact(day)}000000TEST`,
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
    this.addAnomaly({
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

  centerRecord(row: Row, setl_id: string, setl_time: string, msgid: string, infno: string): CenterSettlementRecord {
    const s = (k: string) => (row[k] === null || row[k] === undefined ? null : String(row[k]));
    const m = (k: string) => fenToString(row[k] as number);
    return {
      fixmedins_code: this.opts.fixmedins_code,
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

  // ---------------------------------------------------------------- pharmacy

  /** Planted pharmacy records: standalone self-pay sales/returns that each carry one trace-code anomaly. */
  private plantTrace(rng: Rng, d: number, sales: SaleIntent[]): void {
    const plan = this.plans[d]!;
    const day = this.days[d]!;
    const natural = [...this.drugs.values()].filter((x) => !x.item.special);
    const pick = () => natural[rng.int(natural.length)]!;
    const walkIn = (drug: DrugState, type: 'sale' | 'return', planted: string, cnt = 1): SaleIntent => {
      const s: SaleIntent = {
        type,
        drug,
        cnt,
        sec: rng.range(9 * 3600, 16 * 3600),
        setl_id: null,
        mdtrt_sn: `ZF${compact(day)}${pad(rng.int(100_000), 5)}`,
        psn: null,
        rxno: null,
        doctor: null,
        planted,
      };
      sales.push(s);
      return s;
    };
    for (const kind of plan.trace) {
      if (kind === 'invalid_length' || kind === 'invalid_chars' || kind === 'duplicate' || kind === 'sold_twice_first')
        walkIn(pick(), 'sale', kind, kind === 'duplicate' ? 2 : 1);
      else if (kind === 'sold_twice_second') {
        const first = this.soldTwiceCode;
        if (!first) throw new Error('demo seed: the first sale of the sold-twice pair is missing');
        walkIn(first.drug, 'sale', kind);
      } else if (kind === 'return_never_sold') walkIn(pick(), 'return', kind);
      else if (kind === 'no_mapping_sale') walkIn(this.drugs.get('YP90001')!, 'sale', kind);
    }
  }

  /** Serials and codes for the day's sales, stock-in to cover them, then the sale/return rows. */
  private dispense(sink: RowSink, rng: Rng, d: number, sales: SaleIntent[]): void {
    const day = this.days[d]!;
    const plan = this.plans[d]!;
    sales.sort((a, b) => a.sec - b.sec);
    // The drug with the planted no-mapping sale is stocked on the first day, while still mapped.
    if (plan.noMappingStock) this.stockIn(sink, rng, day, this.drugs.get('YP90001')!, 20);
    for (const s of sales) {
      if (s.planted === 'sold_twice_second' || s.planted === 'return_never_sold') continue;
      s.serials = [];
      const n = s.planted === 'duplicate' ? 1 : s.cnt;
      for (let k = 0; k < n; k++) s.serials.push(s.drug.consumed++);
    }
    for (const drug of this.drugs.values()) {
      if (drug.item.special) continue;
      const need = drug.consumed - drug.stocked;
      if (need > 0) this.stockIn(sink, rng, day, drug, Math.ceil((need * 1.2 + 10) / 50) * 50);
    }
    const returns: SaleIntent[] = [];
    for (const s of sales) {
      const disp_id = `FY${compact(day)}${pad(++this.seq.disp, 7)}`;
      s.disp_id = disp_id;
      let codes: string[];
      let batchSerial: number;
      if (s.planted === 'sold_twice_second') {
        codes = [this.soldTwiceCode!.code];
        batchSerial = this.soldTwiceCode!.serial;
      } else if (s.planted === 'return_never_sold') {
        const serial = 1_000_000_000 + rng.int(1_000_000);
        codes = [traceCode(s.drug.item.trac_prefixes[0]!, s.drug.index, serial)];
        batchSerial = 0;
      } else {
        codes = s.serials!.map((k) => traceCode(this.batchOf(s.drug, k).prefix, s.drug.index, k));
        batchSerial = s.serials![0]!;
        if (s.planted === 'invalid_length') codes = [codes[0]!.slice(0, 19)];
        else if (s.planted === 'invalid_chars') codes = [codes[0]!.slice(0, 10) + 'AB' + codes[0]!.slice(12)];
        else if (s.planted === 'duplicate') codes = [codes[0]!, codes[0]!];
      }
      this.saleRow(sink, rng, day, s, disp_id, codes, this.batchOf(s.drug, batchSerial), null);
      this.recordPlanted(s, day, disp_id, codes);
      if (!s.planted && s.type === 'sale' && rng.chance(0.004))
        returns.push({
          ...s,
          type: 'return',
          cnt: 1,
          sec: Math.min(86_399, s.sec + rng.range(1800, 14_400)),
          orig: disp_id,
          codes: [codes[0]!],
          serials: [s.serials![0]!],
        });
    }
    for (const r of returns) {
      const disp_id = `FY${compact(day)}${pad(++this.seq.disp, 7)}`;
      this.saleRow(sink, rng, day, r, disp_id, r.codes!, this.batchOf(r.drug, r.serials![0]!), r.orig ?? null);
    }
  }

  private recordPlanted(s: SaleIntent, day: string, disp_id: string, codes: string[]): void {
    if (!s.planted) return;
    const drug = s.drug.item.fixmedins_hilist_id;
    const base = { job: 'trace' as const, side: 'his' as const, day };
    switch (s.planted) {
      case 'invalid_length':
        this.addAnomaly({
          ...base,
          kind: 'trace_invalid_length',
          keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
          detail: 'a scanned code of 19 digits (one digit lost)',
        });
        break;
      case 'invalid_chars':
        this.addAnomaly({
          ...base,
          kind: 'trace_invalid_chars',
          keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
          detail: 'a scanned code with letters in it',
        });
        break;
      case 'duplicate':
        this.addAnomaly({
          ...base,
          kind: 'trace_duplicate_in_record',
          keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
          detail: 'the same code scanned twice in one sale (sel_retn_cnt 2)',
        });
        break;
      case 'sold_twice_first':
        this.soldTwiceCode = { code: codes[0]!, disp_id, drug: s.drug, serial: s.serials![0]! };
        break;
      case 'sold_twice_second':
        this.addAnomaly({
          ...base,
          kind: 'trace_sold_twice',
          keys: {
            disp_id: [this.soldTwiceCode!.disp_id, disp_id],
            drug_trac_codg: codes[0]!,
            fixmedins_hilist_id: drug,
          },
          detail: 'a code sold in an earlier sale is sold again',
        });
        break;
      case 'return_never_sold':
        this.addAnomaly({
          ...base,
          kind: 'trace_return_never_sold',
          keys: { disp_id, drug_trac_codg: codes[0]!, fixmedins_hilist_id: drug },
          detail: 'a sale return of a code that was never sold (nor stocked)',
        });
        break;
      case 'no_mapping_sale':
        this.addAnomaly({
          ...base,
          kind: 'dispense_no_mapping',
          keys: { disp_id, fixmedins_hilist_id: drug, drug_trac_codg: codes[0]! },
          detail: `${drug} is sold on ${day}; its only mapping ended on ${this.opts.startDate}`,
        });
        break;
    }
  }

  private batchOf(drug: DrugState, serial: number): DrugState['batches'][number] {
    const b = drug.batches;
    if (b.length === 0)
      return {
        start: 0,
        bchno: `B00000000${drug.item.fixmedins_hilist_id}`,
        prefix: drug.item.trac_prefixes[0]!,
        lot: '000000',
        manu: this.opts.startDate,
        expy: addDays(this.opts.startDate, 730),
      };
    let lo = 0;
    let hi = b.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (b[mid]!.start <= serial) lo = mid;
      else hi = mid - 1;
    }
    return b[lo]!;
  }

  private stockIn(sink: RowSink, rng: Rng, day: string, drug: DrugState, qty: number): void {
    const it = drug.item;
    const stock_id = `RK${compact(day)}${pad(++this.seq.stock, 6)}`;
    const bchno = `B${compact(day)}${it.fixmedins_hilist_id}`;
    const prefix = it.trac_prefixes[drug.batches.length % it.trac_prefixes.length]!;
    const manu = addDays(day, -rng.range(60, 240));
    const expy = addDays(manu, 730);
    const lot = `${compact(manu).slice(2)}${pad(rng.int(100), 2)}`;
    drug.batches.push({ start: drug.stocked, bchno, prefix, lot, manu, expy });
    const time = stamp(day, rng.range(7 * 3600, 7 * 3600 + 3000));
    sink.add('his_stock', {
      stock_id,
      inv_chg_type: '108',
      fixmedins_hilist_id: it.fixmedins_hilist_id,
      fixmedins_hilist_name: it.fixmedins_hilist_name,
      fixmedins_bchno: bchno,
      pric: fenToString(Math.round(it.pricFen * 0.85)),
      cnt: qty,
      rx_flag: it.rx_flag,
      trdn_flag: '0',
      inv_chg_time: time,
      inv_chg_opter_name: '药库管理员',
      manu_lotnum: lot,
      manu_date: manu,
      expy_end: expy,
      spler_name: SUPPLIERS[drug.index % SUPPLIERS.length],
      memo: null,
      created_at: time,
      invc_no: null,
    });
    for (let k = 0; k < qty; k++)
      sink.add('his_stock_trac', {
        stock_id,
        trac_seq: k + 1,
        drug_trac_codg: traceCode(prefix, drug.index, drug.stocked + k),
      });
    drug.stocked += qty;
  }

  /**
   * The delivery of the day after the last: three supplier invoices booked as stock-in without
   * codes (the supplier sends them), and the supplier's code list (rows of supplierRows) with three
   * planted problems — a code on two invoices, a code of another drug, a line one code short.
   * Outside the seeded days, so the other steps never see these records. No random draws: the rest
   * of the data stays as it was.
   */
  invoiceDelivery(sink: RowSink): void {
    const day = addDays(this.endDate, 1);
    const drugs = [...this.drugs.values()]
      .filter((x) => !x.item.special && x.item.trac_prefixes.length > 0)
      .slice(0, 4);
    if (drugs.length < 4) return;
    const [a, b, c, d] = drugs as [DrugState, DrugState, DrugState, DrugState];
    const inv = (n: number) => `FP${compact(day)}${pad(n, 4)}`;
    const plan: Array<{ invc_no: string; drug: DrugState; qty: number }> = [
      { invc_no: inv(1), drug: a, qty: 10 },
      { invc_no: inv(1), drug: b, qty: 6 },
      { invc_no: inv(2), drug: c, qty: 8 },
      { invc_no: inv(3), drug: d, qty: 5 },
    ];
    const lines: Array<{
      invc_no: string;
      drug: DrugState;
      stock_id: string;
      lot: string;
      expy: string;
      codes: string[];
    }> = [];
    plan.forEach((p, i) => {
      const it = p.drug.item;
      const stock_id = `RK${compact(day)}${pad(++this.seq.stock, 6)}`;
      const prefix = it.trac_prefixes[p.drug.batches.length % it.trac_prefixes.length]!;
      const manu = addDays(day, -90);
      const expy = addDays(manu, 730);
      const lot = `${compact(manu).slice(2)}${pad(i, 2)}`;
      const bchno = `B${compact(day)}${it.fixmedins_hilist_id}`;
      p.drug.batches.push({ start: p.drug.stocked, bchno, prefix, lot, manu, expy });
      const time = stamp(day, 8 * 3600 + i * 60);
      sink.add('his_stock', {
        stock_id,
        inv_chg_type: '108',
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        fixmedins_hilist_name: it.fixmedins_hilist_name,
        fixmedins_bchno: bchno,
        pric: fenToString(Math.round(it.pricFen * 0.85)),
        cnt: p.qty,
        rx_flag: it.rx_flag,
        trdn_flag: '0',
        inv_chg_time: time,
        inv_chg_opter_name: '药库管理员',
        manu_lotnum: lot,
        manu_date: manu,
        expy_end: expy,
        spler_name: SUPPLIERS[p.drug.index % SUPPLIERS.length],
        memo: null,
        created_at: time,
        invc_no: p.invc_no,
      });
      const codes = Array.from({ length: p.qty }, (_, k) => traceCode(prefix, p.drug.index, p.drug.stocked + k));
      p.drug.stocked += p.qty;
      lines.push({ invc_no: p.invc_no, drug: p.drug, stock_id, lot, expy, codes });
    });
    const base = { job: 'invoice' as const, side: 'his' as const, day };
    // A line one code short: the supplier left out the last box of b.
    const short = lines[1]!;
    const missing = short.codes.pop()!;
    this.addAnomaly({
      ...base,
      kind: 'invoice_code_missing',
      keys: {
        invc_no: short.invc_no,
        stock_id: short.stock_id,
        fixmedins_hilist_id: short.drug.item.fixmedins_hilist_id,
        drug_trac_codg: missing,
      },
      detail: `the list gives ${short.codes.length} codes for ${short.codes.length + 1} boxes`,
    });
    // A code of another drug: c's fourth code carries d's product prefix.
    const wrong = lines[2]!;
    const other = traceCode(d.item.trac_prefixes[0]!, d.index, 1_500_000_000);
    wrong.codes[3] = other;
    this.addAnomaly({
      ...base,
      kind: 'invoice_code_other_drug',
      keys: {
        invc_no: wrong.invc_no,
        stock_id: wrong.stock_id,
        fixmedins_hilist_id: wrong.drug.item.fixmedins_hilist_id,
        drug_trac_codg: other,
        other_drug: d.item.fixmedins_hilist_id,
      },
      detail: `a code of ${d.item.fixmedins_hilist_id} listed for ${wrong.drug.item.fixmedins_hilist_id}`,
    });
    // A code on two invoices: d's last code on invoice 3 is a's first code on invoice 1.
    const twice = lines[3]!;
    twice.codes[twice.codes.length - 1] = lines[0]!.codes[0]!;
    this.addAnomaly({
      ...base,
      kind: 'invoice_code_on_two_invoices',
      keys: { invc_no: [lines[0]!.invc_no, twice.invc_no], drug_trac_codg: lines[0]!.codes[0]! },
      detail: 'the same box listed on two invoices',
    });
    for (const l of lines) {
      for (const code of l.codes)
        this.supplierRows.push([
          l.invc_no,
          l.drug.item.fixmedins_hilist_id,
          l.drug.item.fixmedins_hilist_name,
          l.lot,
          l.expy,
          code,
        ]);
    }
  }

  /** The supplier's code list of invoiceDelivery (header first): 发票号, 药品编码, 药品名称, 批号, 有效期, 追溯码. */
  readonly supplierRows: string[][] = [['发票号', '药品编码', '药品名称', '批号', '有效期', '追溯码']];

  private saleRow(
    sink: RowSink,
    rng: Rng,
    day: string,
    s: SaleIntent,
    disp_id: string,
    codes: string[],
    batch: DrugState['batches'][number],
    orig: string | null,
  ): void {
    const it = s.drug.item;
    const pool = this.pool;
    const p = s.psn;
    const [phar, pharNo] = PHARMACISTS[rng.int(PHARMACISTS.length)]!;
    const time = stamp(day, s.sec);
    sink.add('his_dispense', {
      disp_id,
      disp_type: s.type,
      orig_disp_id: orig,
      fixmedins_hilist_id: it.fixmedins_hilist_id,
      fixmedins_hilist_name: it.fixmedins_hilist_name,
      fixmedins_bchno: batch.bchno,
      setl_id: s.setl_id,
      mdtrt_sn: s.mdtrt_sn,
      psn_no: p === null ? null : pool.psn_no[p],
      psn_cert_type: p === null ? '99' : '01',
      certno: p === null ? null : pool.certno[p],
      psn_name: p === null ? null : pool.psn_name[p],
      mdtrt_setl_type: s.setl_id ? '1' : '2',
      manu_lotnum: batch.lot,
      manu_date: batch.manu,
      expy_end: batch.expy,
      rx_flag: it.rx_flag,
      trdn_flag: '0',
      finl_trns_pric: fenToString(it.pricFen),
      sel_retn_cnt: s.cnt,
      sel_retn_time: time,
      sel_retn_opter_name: phar,
      prsc_dr_name: s.doctor,
      phar_name: phar,
      phar_prac_cert_no: pharNo,
      rxno: s.rxno,
      created_at: time,
    });
    codes.forEach((c, k) => sink.add('his_dispense_trac', { disp_id, trac_seq: k + 1, drug_trac_codg: c }));
  }
}
