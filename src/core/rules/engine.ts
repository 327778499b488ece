/**
 * splitBill: split a bill as the center does. Lines are split one by one (splitLine) and summed;
 * settleSums computes the stay as a whole and subtracts the earlier interim settlements
 * (visit.carry), so interim settlements add up to the single settlement of the same stay exactly.
 * splitTotals starts from the category totals instead (what a 2304 request carries). Every result
 * is checked against I1–I7.
 */
import { inputError } from '../errors.js';
import { D, type Decimal } from '../money.js';
import { applyState } from './carriedState.js';
import { checkSettleInput } from './checkInput.js';
import { explainLineSums, explainTotals } from './engineExplain.js';
import { Explainer } from './explainer.js';
import { settleSums, settleSumsSetlinfo } from './settleSums.js';
import { lineContext, splitLine } from './splitLine.js';
import { plusOrSame } from './plusOrSame.js';
import { newFenSums, partOf } from './fenLine.js';
import type { CategorySums } from './stayContext.js';
import type { LineSplit, Policy, Setlinfo, SettleInput, SettleResult } from './types.js';

const ZERO = new D(0);

export interface SplitOptions {
  /** Build the explanation (default true); false is the fast path for bulk work. */
  explain?: boolean;
}

export function splitBill(given: SettleInput, policy: Policy, opts: SplitOptions = {}): SettleResult {
  const input = applyState(given, policy);
  const explain = opts.explain ?? true;
  checkSettleInput(input, policy);
  const lc = lineContext(policy, input.person, explain);
  const lines: LineSplit[] = new Array<LineSplit>(input.lines.length);
  // The category sums in fen (fenLine.ts), as Decimals once per bill.
  const fen = newFenSums();
  let refunds = false;
  for (let i = 0; i < input.lines.length; i++) {
    const l = input.lines[i]!;
    lines[i] = splitLine(l, lc, fen);
    if (l.cnt.isNeg()) refunds = true;
  }
  const sums =
    fen.exact && fen.size <= Number.MAX_SAFE_INTEGER
      ? {
          medfee: partOf(fen.medfee),
          fulamt: partOf(fen.fulamt),
          overlmt: partOf(fen.overlmt),
          pre: partOf(fen.pre),
          inscp: partOf(fen.inscp),
          hospOver: partOf(fen.hospOver),
          hospFul: partOf(fen.hospFul),
        }
      : decimalSums(lines);
  const ex = explain ? new Explainer(policy) : null;
  if (ex) explainLineSums(ex, lines);
  return settleSums({ input, policy, sums, lines, refunds, ex });
}

/** The category sums with Decimals, for a bill whose amounts do not fit in fen. */
function decimalSums(lines: readonly LineSplit[]): CategorySums {
  let medfee = ZERO,
    fulamt = ZERO,
    overlmt = ZERO,
    pre = ZERO,
    inscp = ZERO,
    hospOver = ZERO,
    hospFul = ZERO;
  for (const s of lines) {
    medfee = plusOrSame(medfee, s.det_item_fee_sumamt);
    fulamt = plusOrSame(fulamt, s.fulamt_ownpay_amt);
    overlmt = plusOrSame(overlmt, s.overlmt_amt);
    pre = plusOrSame(pre, s.preselfpay_amt);
    inscp = plusOrSame(inscp, s.inscp_scp_amt);
    if (!s.hosp_part_amt.isZero()) {
      if (s.chrgitm_lv === null) hospFul = hospFul.plus(s.hosp_part_amt);
      else hospOver = hospOver.plus(s.hosp_part_amt);
    }
  }
  return { medfee, fulamt, overlmt, pre, inscp, hospOver, hospFul };
}

/** Category totals of a bill whose lines were split elsewhere (the 2303/2304 request fields). */
export interface BillTotals {
  medfee_sumamt: Decimal;
  fulamt_ownpay_amt: Decimal;
  overlmt_selfpay: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
}

export type TotalsInput = Omit<SettleInput, 'lines'> & { totals: BillTotals };

/**
 * Settle from category totals. Without lines the unmapped part cannot be told from 丙类, so only
 * the policy's hospital-borne over-limit rule applies (`hospital_borne.unmapped` needs lines).
 */
export function splitTotals(given: TotalsInput, policy: Policy, opts: SplitOptions = {}): SettleResult {
  return settleSums(totalsContext(given, policy, opts.explain ?? true));
}

/**
 * splitTotals's setlinfo alone (no explanation, accumulators or state): the demo seeder splits a
 * million settlements and stores only the amounts.
 */
export function splitTotalsSetlinfo(given: TotalsInput, policy: Policy): Setlinfo {
  return settleSumsSetlinfo(totalsContext(given, policy, false));
}

/** The checked totals as the category sums settleSums works from. */
function totalsContext(given: TotalsInput, policy: Policy, explain: boolean): Parameters<typeof settleSums>[0] {
  const input = applyState(given, policy);
  // Lines a caller left on the input are not this settlement's (only its totals are): unchecked.
  checkSettleInput('lines' in input ? { ...input, lines: [] } : input, policy);
  const t = input.totals;
  const file = input.source?.file ?? 'bill';
  const parts = t.fulamt_ownpay_amt.plus(t.overlmt_selfpay).plus(t.preselfpay_amt).plus(t.inscp_scp_amt);
  const bad = (
    ['medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'] as const
  ).filter((f) => t[f].isNeg() || t[f].decimalPlaces() > 2);
  if (bad.length > 0 || !parts.eq(t.medfee_sumamt)) {
    throw inputError(
      'BILL_TOTALS_INVALID',
      `${file}: the totals do not split medfee_sumamt ${t.medfee_sumamt.toFixed(2)} (fulamt + overlmt + preselfpay + inscp = ${parts.toFixed(2)}${bad.length ? `; negative or over 2 decimals: ${bad.join(', ')}` : ''})`,
      'send totals where medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt, each ≥ 0 with 2 decimals',
      undefined,
      { file },
    ).zh(
      `${file}：各项合计之和不等于 medfee_sumamt ${t.medfee_sumamt.toFixed(2)}（fulamt + overlmt + preselfpay + inscp = ${parts.toFixed(2)}${bad.length ? `；为负数或超过 2 位小数：${bad.join('、')}` : ''}）`,
      '请使 medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt，且每项 ≥ 0、保留 2 位小数',
    );
  }
  const ex = explain ? new Explainer(policy) : null;
  if (ex) explainTotals(ex, t);
  const sums = {
    medfee: t.medfee_sumamt,
    fulamt: t.fulamt_ownpay_amt,
    overlmt: t.overlmt_selfpay,
    pre: t.preselfpay_amt,
    inscp: t.inscp_scp_amt,
    hospOver: policy.hospital_borne.over_limit ? t.overlmt_selfpay : ZERO,
    hospFul: ZERO,
  };
  return { input, policy, sums, lines: [], refunds: false, ex };
}
