/**
 * The seed manifest (`seed.json`): what was generated, from which seed, the HIS-side totals a
 * reconciliation should reproduce, and every planted anomaly with its ids. seedCenter adds the
 * center side. Deterministic: the same seed gives the same manifest.
 */
import type { Dialect } from '../db/index.js';
import type { PlantedAnomaly } from './anomalies.js';
import type { HisGenerator } from './generateHis.js';
import type { SeedSize } from './sizes.js';
import { fenToString } from './split.js';

export const MANIFEST_FORMAT = 'hisops-demo-seed/1';

export interface ManifestGroup {
  day: string;
  insutype: string;
  clr_type: string;
  setl_optins: string;
  /** 1 = cancellation rows (negative amounts), 0 = settlements. */
  refd_setl_flag: string;
  count: number;
  medfee_sumamt: string;
  fund_pay_sumamt: string;
  acct_pay: string;
  psn_cash_pay: string;
}

export interface CenterSummary {
  /** Rows written to the center's ledger. */
  settlements: number;
  /** Totals of what the center holds, like `totals` for the HIS. */
  totals: { count: number; medfee_sumamt: string; fund_pay_sumamt: string; acct_pay: string; psn_cash_pay: string };
}

export interface SeedManifest {
  format: typeof MANIFEST_FORMAT;
  seed: number;
  size: SeedSize;
  days: number;
  startDate: string;
  endDate: string;
  institution: { fixmedins_code: string; admdvs: string };
  dialect: Dialect;
  /** Rows per reference table. */
  counts: Record<string, number>;
  /** Planned settlements per day (before cancellations and planted extras). */
  settlementsPerDay: number[];
  /** Settlement rows with a center setl_time in the HIS (cancellation rows included, negative). */
  totals: { count: number; medfee_sumamt: string; fund_pay_sumamt: string; acct_pay: string; psn_cash_pay: string };
  groups: ManifestGroup[];
  anomalies: PlantedAnomaly[];
  /** Filled by seedCenter. */
  center?: CenterSummary;
}

export function buildManifest(a: {
  gen: HisGenerator;
  size: SeedSize;
  seed: number;
  fixmedins_code: string;
  admdvs: string;
  dialect: Dialect;
  counts: Record<string, number>;
}): SeedManifest {
  const groups = [...a.gen.groups.values()].sort((x, y) =>
    `${x.day}|${x.insutype}|${x.clr_type}|${x.setl_optins}|${x.refd_setl_flag}`.localeCompare(
      `${y.day}|${y.insutype}|${y.clr_type}|${y.setl_optins}|${y.refd_setl_flag}`,
    ),
  );
  let count = 0;
  let medfee = 0;
  let fund = 0;
  let acct = 0;
  let cash = 0;
  for (const g of groups) {
    count += g.count;
    medfee += g.medfee_sumamt;
    fund += g.fund_pay_sumamt;
    acct += g.acct_pay;
    cash += g.psn_cash_pay;
  }
  return {
    format: MANIFEST_FORMAT,
    seed: a.seed,
    size: a.size,
    days: a.gen.days.length,
    startDate: a.gen.days[0]!,
    endDate: a.gen.endDate,
    institution: { fixmedins_code: a.fixmedins_code, admdvs: a.admdvs },
    dialect: a.dialect,
    counts: a.counts,
    settlementsPerDay: a.gen.counts,
    totals: {
      count,
      medfee_sumamt: fenToString(medfee),
      fund_pay_sumamt: fenToString(fund),
      acct_pay: fenToString(acct),
      psn_cash_pay: fenToString(cash),
    },
    groups: groups.map((g) => ({
      day: g.day,
      insutype: g.insutype,
      clr_type: g.clr_type,
      setl_optins: g.setl_optins,
      refd_setl_flag: g.refd_setl_flag,
      count: g.count,
      medfee_sumamt: fenToString(g.medfee_sumamt),
      fund_pay_sumamt: fenToString(g.fund_pay_sumamt),
      acct_pay: fenToString(g.acct_pay),
      psn_cash_pay: fenToString(g.psn_cash_pay),
    })),
    anomalies: a.gen.anomalies,
  };
}
