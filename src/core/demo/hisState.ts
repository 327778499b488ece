/**
 * What the steps of the demo HIS generator share: the seed's plan of the days, the person pool,
 * the traceable drugs' stock, the id counters and the planted anomalies and day sums found so far.
 * `HisGenerator` (generateHis.ts) is one of these; the step modules (visitSteps.ts,
 * settlementRows.ts, settlementAnomalies.ts, pharmacy.ts, traceAnomalies.ts, invoiceDelivery.ts,
 * itemRows.ts) take it as their first argument.
 */
import type { PlantedAnomaly } from './anomalies.js';
import { demoCatalog, type DemoCatalog, type DemoItem } from './catalog.js';
import { addDays, compact, stamp, weekday } from './dates.js';
import { personPool, type PersonPool } from './persons.js';
import { dayCounts, planDays, type DayPlan, type TargetRole } from './plan.js';
import type { DemoSplit } from './rulesSplit.js';
import type { SettlementAmounts } from './split.js';

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

export const pad = (n: number, w: number) => {
  const s = String(n);
  return s.length >= w ? s : '0'.repeat(w - s.length) + s;
};

export interface DrugState {
  index: number;
  item: DemoItem;
  /** Serials handed out to sales (consumed). */
  consumed: number;
  /** Serials received by stock-in. */
  stocked: number;
  batches: Array<{ start: number; bchno: string; prefix: string; lot: string; manu: string; expy: string }>;
}

/** The generator's state; the steps' shared id makers and anomaly list. */
export class HisState {
  readonly catalog: DemoCatalog;
  readonly counts: number[];
  readonly plans: DayPlan[];
  readonly days: string[];
  readonly anomalies: PlantedAnomaly[] = [];
  readonly groups = new Map<string, GroupSum>();
  readonly pool: PersonPool;
  readonly drugs = new Map<string, DrugState>();
  readonly seq = {
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
  /** Reconciliation targets of the plan not yet given to a settlement. */
  readonly pendingRoles: Array<{ role: TargetRole; from: number; day: number }> = [];
  soldTwiceCode: { code: string; disp_id: string; drug: DrugState; serial: number } | undefined;
  private anomalyNo = 0;
  private remapDay: string;
  /** The supplier's code list of invoiceDelivery (header first): 发票号, 药品编码, 药品名称, 批号, 有效期, 追溯码. */
  readonly supplierRows: string[][] = [['发票号', '药品编码', '药品名称', '批号', '有效期', '追溯码']];

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

  /** Plant an anomaly: H01, H02 … on the HIS's side, C03 … on the center's (one numbering). */
  addAnomaly(a: Omit<PlantedAnomaly, 'id'>): PlantedAnomaly {
    const prefix = a.side === 'his' ? 'H' : 'C';
    const full = { id: `${prefix}${pad(++this.anomalyNo, 2)}`, ...a };
    this.anomalies.push(full);
    return full;
  }

  /** The catalog item of this name (the fixed items of a visit: consultation, bed, surgery). */
  named(name: string): DemoItem {
    const it = this.catalog.items.find((i) => i.fixmedins_hilist_name === name);
    if (!it) throw new Error(`demo catalog has no item ${name}`);
    return it;
  }

  /** The national code an item is billed under on a day (the remapped drug switches codes). */
  codeOn(item: DemoItem, day: string): string {
    if (item === this.catalog.remapped && day >= this.remapDay) return this.catalog.remapCode;
    return item.med_list_codg;
  }

  /** The msgid of a call at a second of the day: institution, time, a 4-digit counter. */
  msgid(day: string, sec: number): string {
    const t = stamp(day, sec);
    return `${this.opts.fixmedins_code}${compact(day)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}${pad(++this.seq.msg % 10_000, 4)}`;
  }

  /**
   * Center settlement ids, shaped like the sandbox's (admdvs + yyyyMMdd + 10 digits): the seed's
   * settlements use a 5 range and ids only the center holds a 9 range, so neither meets the
   * sandbox's own counter (which starts at 1).
   */
  setlId(day: string, reserved: boolean): string {
    return reserved
      ? `${this.opts.admdvs}${compact(day)}9${pad(++this.seq.reservedSetlId, 9)}`
      : `${this.opts.admdvs}${compact(day)}5${pad(++this.seq.setlId, 9)}`;
  }

  /** Add settlements to the day's sums per insutype × clr_type × setl_optins × refund flag. */
  addGroup(
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
}
