/**
 * Group and sum the hospital's settlements the way the center groups them for 3201: one total per
 * insutype × clr_type × setl_optins and period, every row counted once with its sign (a refund
 * counts as one settlement with negative amounts). Pure.
 */
import { fenText } from './fen.js';
import type { Period } from './period.js';
import { refdFlag, type GroupSpec, type ReconcileRules } from './rules.js';
import type { HisSettlement } from './types.js';

export interface FenTotals {
  count: number;
  medfee: bigint;
  fund: bigint;
  acct: bigint;
  cash: bigint;
}

export interface TotalsText {
  count: number;
  medfee_sumamt: string;
  fund_pay_sumamt: string;
  acct_pay: string;
}

export const zeroTotals = (): FenTotals => ({ count: 0, medfee: 0n, fund: 0n, acct: 0n, cash: 0n });

export function groupKey(g: GroupSpec): string {
  return `${g.insutype}|${g.clr_type}|${g.setl_optins}`;
}

export function groupOfKey(key: string): GroupSpec {
  const [insutype, clr_type, setl_optins] = key.split('|') as [string, string, string];
  return { insutype, clr_type, setl_optins };
}

/** The 3202 scope of a group: clearing type and agency (3202 has no insutype). */
export function scopeKey(g: Pick<GroupSpec, 'clr_type' | 'setl_optins'>): string {
  return `${g.clr_type}|${g.setl_optins}`;
}

export function addTo(t: FenTotals, s: Pick<HisSettlement, 'medfee' | 'fund' | 'acct' | 'cash'>, sign = 1): void {
  t.count += sign;
  if (sign > 0) {
    t.medfee += s.medfee;
    t.fund += s.fund;
    t.acct += s.acct;
    t.cash += s.cash;
  } else {
    t.medfee -= s.medfee;
    t.fund -= s.fund;
    t.acct -= s.acct;
    t.cash -= s.cash;
  }
}

export function totalsText(t: FenTotals): TotalsText {
  return { count: t.count, medfee_sumamt: fenText(t.medfee), fund_pay_sumamt: fenText(t.fund), acct_pay: fenText(t.acct) };
}

export function sameTotals(a: FenTotals, b: FenTotals): boolean {
  return a.count === b.count && a.medfee === b.medfee && a.fund === b.fund && a.acct === b.acct;
}

/** Totals per group key of one period. */
export class GroupBook {
  readonly totals = new Map<string, FenTotals>();
  /** insutype → clr_type → setl_optins → totals: a million adds look up three short keys instead of building one. */
  private readonly tree = new Map<string, Map<string, Map<string, FenTotals>>>();

  /** One settlement, or `rows` of them summed (their amounts in `s`). */
  add(s: Pick<HisSettlement, 'insutype' | 'clr_type' | 'setl_optins' | 'medfee' | 'fund' | 'acct' | 'cash'>, rows = 1): void {
    let byClr = this.tree.get(s.insutype);
    if (!byClr) this.tree.set(s.insutype, (byClr = new Map()));
    let byAgency = byClr.get(s.clr_type);
    if (!byAgency) byClr.set(s.clr_type, (byAgency = new Map()));
    let t = byAgency.get(s.setl_optins);
    if (!t) {
      t = zeroTotals();
      byAgency.set(s.setl_optins, t);
      this.totals.set(groupKey(s), t);
    }
    addTo(t, s);
    t.count += rows - 1;
  }

  get(key: string): FenTotals {
    return this.totals.get(key) ?? zeroTotals();
  }

  keys(): string[] {
    return [...this.totals.keys()];
  }
}

/** Filters of the command line: only these insurance / clearing types (empty = all). */
export interface GroupFilter {
  insutypes?: readonly string[];
  clrTypes?: readonly string[];
}

export function groupAllowed(g: GroupSpec, f: GroupFilter): boolean {
  return (!f.insutypes?.length || f.insutypes.includes(g.insutype)) && (!f.clrTypes?.length || f.clrTypes.includes(g.clr_type));
}

/** The groups to ask about in a period, sorted: those with settlements, those seen on other days of the run, and the configured ones. */
export function groupsToSend(book: GroupBook, seen: Iterable<string>, rules: Pick<ReconcileRules, 'groups'>, f: GroupFilter): string[] {
  const keys = new Set<string>(book.keys());
  for (const k of seen) keys.add(k);
  for (const g of rules.groups) keys.add(groupKey(g));
  return [...keys].filter((k) => groupAllowed(groupOfKey(k), f)).sort();
}

/** The 3201 input of one group and period (amounts as two-decimal text; the client puts numbers on the wire). */
export function totalsRequest(period: Pick<Period, 'begndate' | 'enddate'>, g: GroupSpec, t: FenTotals, rules: Pick<ReconcileRules, 'refunds'>) {
  return {
    insutype: g.insutype,
    clr_type: g.clr_type,
    setl_optins: g.setl_optins,
    stmt_begndate: period.begndate,
    stmt_enddate: period.enddate,
    medfee_sumamt: fenText(t.medfee),
    fund_pay_sumamt: fenText(t.fund),
    acct_pay: fenText(t.acct),
    fixmedins_setl_cnt: t.count,
    refd_setl_flag: refdFlag(rules),
  };
}
