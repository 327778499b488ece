/**
 * Group and sum the hospital's settlements the way the center groups them for 3201: one total per
 * insutype × clr_type × setl_optins and period, every row counted once with its sign (a refund
 * counts as one settlement with negative amounts). Pure.
 */
import { fenText } from './fen.js';
import type { Period } from './period.js';
import { isClrType, isInsutype, refdFlag, type GroupSpec, type ReconcileRules } from './rules.js';
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
  return {
    count: t.count,
    medfee_sumamt: fenText(t.medfee),
    fund_pay_sumamt: fenText(t.fund),
    acct_pay: fenText(t.acct),
  };
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
  add(
    s: Pick<HisSettlement, 'insutype' | 'clr_type' | 'setl_optins' | 'medfee' | 'fund' | 'acct' | 'cash'>,
    rows = 1,
  ): void {
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
  return (
    (!f.insutypes?.length || f.insutypes.includes(g.insutype)) &&
    (!f.clrTypes?.length || f.clrTypes.includes(g.clr_type))
  );
}

/**
 * Why a group is asked about in a period: it is configured (reconcile.groups), known from the
 * journal (seen in the HIS, the center's answers or hisops's own calls), has HIS rows that period,
 * or was seen on another day of the run.
 */
export type AskReason = 'configured' | 'known' | 'his_rows' | 'run';

export const ASK_REASONS: readonly AskReason[] = ['configured', 'known', 'his_rows', 'run'];

export interface GroupToAsk {
  key: string;
  because: AskReason[];
}

/**
 * The groups to ask about in a period, sorted, each with why: those with settlements, those seen
 * on other days of the run, the configured ones and the institution's known groups (every day:
 * the center may hold a settlement — a cancellation made elsewhere — in a group the HIS has no row
 * in that day).
 */
export function groupsToSend(
  book: GroupBook,
  seen: Iterable<string>,
  rules: Pick<ReconcileRules, 'groups'>,
  f: GroupFilter,
  known: Iterable<string> = [],
): GroupToAsk[] {
  const why = new Map<string, Set<AskReason>>();
  const add = (k: string, r: AskReason) => {
    let s = why.get(k);
    if (!s) why.set(k, (s = new Set()));
    s.add(r);
  };
  for (const g of rules.groups) add(groupKey(g), 'configured');
  for (const k of known) add(k, 'known');
  for (const k of book.keys()) add(k, 'his_rows');
  for (const k of seen) add(k, 'run');
  return [...why.keys()]
    .filter((k) => groupAllowed(groupOfKey(k), f))
    .sort()
    .map((key) => ({ key, because: ASK_REASONS.filter((r) => why.get(key)!.has(r)) }));
}

/**
 * The known groups (from the journal) as the current rules would send them: codes the center can
 * be asked about, out-of-area agencies kept, moved to the local agency or left out as
 * reconcile.outOfArea says. Pure.
 */
export function knownGroupKeys(
  known: Iterable<GroupSpec>,
  rules: Pick<ReconcileRules, 'setl_optins' | 'outOfArea' | 'extraInsutypes' | 'extraClrTypes'>,
): string[] {
  const keys = new Set<string>();
  for (const g of known) {
    if (!isInsutype(rules, g.insutype) || !isClrType(rules, g.clr_type)) continue;
    let setl_optins = g.setl_optins;
    if (setl_optins !== rules.setl_optins) {
      if (rules.outOfArea === 'exclude') continue;
      if (rules.outOfArea === 'local_agency') setl_optins = rules.setl_optins;
    }
    keys.add(groupKey({ ...g, setl_optins }));
  }
  return [...keys].sort();
}

/** The 3201 input of one group and period (amounts as two-decimal text; the client puts numbers on the wire). */
export function totalsRequest(
  period: Pick<Period, 'begndate' | 'enddate'>,
  g: GroupSpec,
  t: FenTotals,
  rules: Pick<ReconcileRules, 'refunds'>,
) {
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
