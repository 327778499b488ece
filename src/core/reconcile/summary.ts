/**
 * Per-group and per-period results of a run. 3201 answers only 平 / 不平, so the center's sums of
 * an unbalanced group are the hospital's sums plus what the classified findings say the center
 * holds differently (each finding's effect); a balanced group's are the hospital's. Pure.
 */
import { fenText, parseFen } from './fen.js';
import { totalsText, type AskReason, type FenTotals, type TotalsText } from './groups.js';
import type { Effect, Finding } from './types.js';

export type RunStatus = 'balanced' | 'unbalanced' | 'failed';

export type DetailState = 'not_needed' | 'done' | 'never' | 'failed' | 'not_reached';

export interface GroupResult {
  begndate: string;
  enddate: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  his: TotalsText;
  /** The center's sums: known when balanced, or derived from the findings after a 3202. */
  center: TotalsText | null;
  /** center − HIS. */
  diff: TotalsText | null;
  stmt_rslt: string | null;
  stmt_rslt_dscr: string | null;
  /** null: the center was not asked (the run stopped before). */
  balanced: boolean | null;
  detail: DetailState;
  findings: number;
  /** msgid of the 3201 call. */
  msgid: string | null;
  /** Why the center was asked about the group that period (configured, known from the journal, HIS rows that period, seen on another day of the run). */
  asked_because?: AskReason[];
}

export interface DaySummary {
  /** The period's first day (the day, in day mode). */
  day: string;
  begndate: string;
  enddate: string;
  status: 'balanced' | 'unbalanced' | 'empty' | 'failed';
  groups: number;
  unbalanced: number;
  his_count: number;
  his_medfee_sumamt: string;
  /** center − HIS over the period, from the findings (0.00 when balanced). */
  diff_medfee_sumamt: string;
  diff_count: number;
  findings: number;
}

const sameGroup = (e: Effect, g: Pick<GroupResult, 'insutype' | 'clr_type' | 'setl_optins' | 'begndate' | 'enddate'>) =>
  e.begndate === g.begndate &&
  e.enddate === g.enddate &&
  e.insutype === g.insutype &&
  e.clr_type === g.clr_type &&
  e.setl_optins === g.setl_optins;

/** Fill the center's sums and the difference of each group from the findings' effects. */
export function settleGroupSums(
  groups: GroupResult[],
  hisTotals: ReadonlyMap<GroupResult, FenTotals>,
  findings: readonly Finding[],
): void {
  const effects = findings.flatMap((f) => f.effects);
  for (const g of groups) {
    const his = hisTotals.get(g);
    if (!his) continue;
    if (g.balanced === true) {
      g.center = totalsText(his);
      g.diff = { count: 0, medfee_sumamt: '0.00', fund_pay_sumamt: '0.00', acct_pay: '0.00' };
      continue;
    }
    if (g.balanced !== false || g.detail !== 'done') continue;
    let count = 0;
    let medfee = 0n;
    let fund = 0n;
    let acct = 0n;
    for (const e of effects) {
      if (!sameGroup(e, g)) continue;
      count += e.count;
      medfee += parseFen(e.medfee_sumamt)!;
      fund += parseFen(e.fund_pay_sumamt)!;
      acct += parseFen(e.acct_pay)!;
    }
    g.diff = { count, medfee_sumamt: fenText(medfee), fund_pay_sumamt: fenText(fund), acct_pay: fenText(acct) };
    g.center = {
      count: his.count + count,
      medfee_sumamt: fenText(his.medfee + medfee),
      fund_pay_sumamt: fenText(his.fund + fund),
      acct_pay: fenText(his.acct + acct),
    };
  }
}

/** One line per period: how many groups, how many unbalanced, the difference the findings explain. */
export function daySummaries(
  periods: ReadonlyArray<{ begndate: string; enddate: string }>,
  groups: readonly GroupResult[],
  findings: readonly Finding[],
  failedFrom?: string,
): DaySummary[] {
  return periods.map((p) => {
    const gs = groups.filter((g) => g.begndate === p.begndate && g.enddate === p.enddate);
    let medfee = 0n;
    let count = 0;
    let hisMedfee = 0n;
    let hisCount = 0;
    for (const g of gs) {
      hisMedfee += parseFen(g.his.medfee_sumamt)!;
      hisCount += g.his.count;
    }
    let n = 0;
    for (const f of findings) {
      const es = f.effects.filter((e) => e.begndate === p.begndate && e.enddate === p.enddate);
      if (es.length || (f.begndate === p.begndate && f.enddate === p.enddate)) n++;
      for (const e of es) {
        medfee += parseFen(e.medfee_sumamt)!;
        count += e.count;
      }
    }
    const unbalanced = gs.filter((g) => g.balanced === false).length;
    const failed =
      gs.some((g) => g.balanced === null || g.detail === 'failed' || g.detail === 'not_reached') ||
      (failedFrom !== undefined && p.begndate >= failedFrom && gs.length === 0);
    // Empty: no settlement on either side — no group asked, or every group asked agreed on none.
    const empty = n === 0 && gs.every((g) => g.balanced === true && g.his.count === 0);
    const status: DaySummary['status'] = failed
      ? 'failed'
      : empty
        ? 'empty'
        : unbalanced > 0
          ? 'unbalanced'
          : 'balanced';
    return {
      day: p.begndate,
      begndate: p.begndate,
      enddate: p.enddate,
      status,
      groups: gs.length,
      unbalanced,
      his_count: hisCount,
      his_medfee_sumamt: fenText(hisMedfee),
      diff_medfee_sumamt: fenText(medfee),
      diff_count: count,
      findings: n,
    };
  });
}
