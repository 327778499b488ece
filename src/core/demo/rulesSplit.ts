/**
 * The demo's settlement split through the rules engine and the policies it is given (the shipped
 * ones: templates/policies/employee.yaml and resident.yaml), so the demo HIS and the center
 * sandbox it seeds record what `hisops settle audit` recomputes — and the audit flags only what
 * was planted. The engine is called with exactly the inputs the audit reads back from the HIS row
 * or assumes (src/core/audit/auditInput.ts): the policy's last hospital level, the row's age,
 * retired from psn_type 12, civil_servant from cvlserv_flag, in-area from the person's insured
 * place, the first admission of the year and no year-to-date accumulators. It works from the
 * category totals of the demo's own per-line split (the same national per-item rule the engine
 * applies to the fee lines), so a settlement costs one stay computation.
 *
 * Not modelled, and therefore left to the stand-in split (split.ts): insurance types without a
 * policy (510 maternity with the shipped files) — the audit reports those as unchecked. For
 * fixed-amount clearing (DRG, clr_way 05, skipped by the audit) the engine's split is used and a
 * flagged hospital-borne part comes out of the cash part.
 */
import { D, decimalOfFen, fenOfText, scaledOf, type Decimal } from '../money.js';
import { covers, splitTotalsSetlinfo, type Policy, type TotalsInput } from '../rules/index.js';
import type { SettlementAmounts, SettlementInput } from './split.js';

export interface DemoSplitInput extends SettlementInput {
  /** Settlement day, yyyy-MM-dd: selects the policy in force. */
  day: string;
  age: number;
  inArea: boolean;
  /** Family mutual-aid balance (fen) when the settlement is flagged as using it. */
  mulaidBalance: number;
}

/** Amounts in fen, or null when no policy covers the settlement (the caller keeps its stand-in). */
export type DemoSplit = (i: DemoSplitInput) => SettlementAmounts | null;

// Hot path (a settlement of the seed converts 7 amounts in and 22 out): most parts are zero, and
// the rest are worked without a Decimal multiplication or division. Both give exactly what
// Number(d.times(100).toFixed(0)) and new D(f).div(100) give (test/unit/demo/split.test.ts).
const CENT = new D('0.01');

/** A Decimal amount as integer fen, rounded half-up to the cent; -0 where a negative amount rounds to zero. */
export function fenOfAmount(d: Decimal): number {
  if (d.isZero()) return 0;
  const exact = exactFen(d);
  if (exact !== undefined) return exact;
  const t = d.toFixed(2);
  const f = fenOfText(t);
  if (f === undefined) return Number(d.times(100).toFixed(0));
  return f === 0 && t.charCodeAt(0) === 45 /* - */ ? -0 : f;
}

/** scaledOf's answer, reused (a large seed converts tens of millions of amounts). */
const SCALED = { units: 0, places: 0 };

/**
 * A non-zero amount of whole fen read from its digits (money.scaledOf: what toFixed(2) would print,
 * without the text); undefined when it has more than two decimals or is too long for a double's integers.
 */
function exactFen(x: Decimal): number | undefined {
  if (!scaledOf(x, SCALED) || SCALED.places > 2) return undefined;
  const f = SCALED.places === 2 ? SCALED.units : SCALED.units * (SCALED.places === 1 ? 10 : 100);
  return Number.isSafeInteger(f) ? f : undefined;
}

/** Integer fen as a Decimal amount in yuan (money's decimalOfFen; -0 keeps its sign through decimal.js). */
export function amountOfFen(f: number): Decimal {
  return Object.is(f, -0) || !Number.isSafeInteger(f) ? new D(f).times(CENT) : decimalOfFen(f);
}

const fen = fenOfAmount;
const yuan = amountOfFen;

export function demoRulesSplit(policies: readonly Policy[]): DemoSplit {
  // The policy in force per insutype and day (a month of a large seed asks a million times).
  const inForce = new Map<string, Policy | null>();
  const policyOf = (insutype: string, day: string): Policy | null => {
    const key = `${insutype}|${day}`;
    let p = inForce.get(key);
    if (p === undefined) {
      p = policies.find((x) => x.insutypes.includes(insutype) && covers(x, day)) ?? null;
      inForce.set(key, p);
    }
    return p;
  };
  return (i) => {
    const policy = policyOf(i.insutype, i.day);
    if (!policy) return null;
    const s = splitTotalsSetlinfo(totalsInputOf(i, policy), policy);
    let cash = fen(s.psn_cash_pay);
    let psn = fen(s.psn_part_amt);
    let hosp = fen(s.hosp_part_amt);
    if (i.hospitalBorne) {
      // DRG stays the hospital bears part of: up to 500.00, out of what the patient pays in cash.
      const borne = Math.min(cash, 50000);
      cash -= borne;
      psn -= borne;
      hosp += borne;
    }
    const acct = fen(s.acct_pay);
    const mulaid = fen(s.acct_mulaid_pay);
    return {
      medfee_sumamt: fen(s.medfee_sumamt),
      fulamt_ownpay_amt: fen(s.fulamt_ownpay_amt),
      overlmt_selfpay: fen(s.overlmt_selfpay),
      preselfpay_amt: fen(s.preselfpay_amt),
      inscp_scp_amt: fen(s.inscp_scp_amt),
      act_pay_dedc: fen(s.act_pay_dedc),
      hifp_pay: fen(s.hifp_pay),
      cvlserv_pay: fen(s.cvlserv_pay),
      hifes_pay: fen(s.hifes_pay),
      hifmi_pay: fen(s.hifmi_pay),
      hifob_pay: fen(s.hifob_pay),
      maf_pay: fen(s.maf_pay),
      oth_pay: fen(s.oth_pay),
      hifdm_pay: fen(s.hifdm_pay),
      fund_pay_sumamt: fen(s.fund_pay_sumamt),
      psn_part_amt: psn,
      acct_pay: acct,
      psn_cash_pay: cash,
      hosp_part_amt: hosp,
      balc: i.balance - (acct - mulaid),
      acct_mulaid_pay: mulaid,
      poolRatioBp: Number(s.pool_prop_selfpay.times(10000).toFixed(0)),
    };
  };
}

/** What the engine is asked for one seeded settlement: its person, visit and category totals. */
function totalsInputOf(i: DemoSplitInput, policy: Policy): TotalsInput {
  return {
    insutype: i.insutype,
    setl_time: i.day,
    hosp_lv: policy.levels[policy.levels.length - 1]!,
    person: {
      age: i.age,
      retired: i.psn_type === '12',
      psn_groups: i.civilServant && policy.person_groups.includes('civil_servant') ? ['civil_servant'] : [],
      acct_balc: yuan(i.balance),
      mulaid_balc: yuan(i.mulaid ? i.mulaidBalance : 0),
      ytd: {},
    },
    visit: {
      type: i.inpatient ? 'inpatient' : 'outpatient',
      admission_count: 1,
      in_area: i.inArea,
      acct_used_flag: i.acctUsed,
    },
    totals: {
      medfee_sumamt: yuan(i.medfee),
      fulamt_ownpay_amt: yuan(i.ful),
      overlmt_selfpay: yuan(i.overlmt),
      preselfpay_amt: yuan(i.pre),
      inscp_scp_amt: yuan(i.inscp),
    },
  };
}
