/**
 * From the category sums of a bill to the result: add the earlier interim settlements of the stay
 * (visit.carry), compute the stay as a whole (settleStay), subtract the earlier settlements, update
 * the accumulators, finish the explanation and check I1–I7. Shared by splitBill (fee lines) and
 * splitTotals (category totals, as a 2304 request carries them).
 */
import { inputError } from '../errors.js';
import { D, minusD, plusD, type Decimal } from '../money.js';
import { addAcc, contribution } from './accumulate.js';
import { blameOfNegative, stateAfter } from './carriedState.js';
import { finishExplanation } from './engineExplain.js';
import type { Explainer } from './explainer.js';
import { assertInvariants } from './invariants.js';
import { settleStay } from './settleStay.js';
import type { CategorySums } from './stayContext.js';
import {
  AMOUNT_FIELDS,
  type Amounts,
  type LineSplit,
  type Policy,
  type SettleInput,
  type SettleResult,
  type Setlinfo,
  type StayTotals,
} from './types.js';

const ZERO = new D(0);

interface SumsContext {
  input: Omit<SettleInput, 'lines'>;
  policy: Policy;
  /** Sums of this bill only (earlier interim settlements are added here). */
  sums: CategorySums;
  lines: LineSplit[];
  refunds: boolean;
  ex: Explainer | null;
}

export function settleSums(c: SumsContext): SettleResult {
  const { sums, stay, amounts } = settleWhole(c);
  const result = resultOf(c, sums, stay, amounts);
  assertInvariants(result);
  return result;
}

/**
 * The settlement's amounts alone (setlinfo), for bulk callers that read nothing else: the same
 * amounts and the same I1–I7 check as settleSums, without the accumulators, the stay's totals,
 * the limits or the state after it.
 */
export function settleSumsSetlinfo(c: SumsContext): Setlinfo {
  const { stay, amounts } = settleWhole(c);
  // The amounts are this call's own (nothing else holds them): completed in place, no copy.
  const setlinfo = amounts as Setlinfo;
  setlinfo.balc = minusD(c.input.person.acct_balc, minusD(amounts.acct_pay, amounts.acct_mulaid_pay));
  setlinfo.pool_prop_selfpay = stay.pool_prop_selfpay;
  const { policy } = c;
  assertInvariants({
    policy: { name: policy.name, version: policy.version, file: policy.source.file },
    setlinfo,
    lines: c.lines,
  });
  return setlinfo;
}

/** The stay computed as a whole and this settlement's part of it (the checks before and after). */
function settleWhole(c: SumsContext): { sums: CategorySums; stay: Stay; amounts: Amounts } {
  const { input, policy, ex } = c;
  const carry = input.visit.carry ?? null;
  const ca = carry?.amounts;
  const file = input.source?.file ?? 'bill';
  const sums = staySums(c.sums, carry);
  checkRefundsWithin(sums, file);
  const ytd = input.person.ytd;
  const yBefore = carry ? addAcc(ytd, contribution(carry.amounts, carry.bases, input.visit, policy), -1) : ytd;
  checkYearBefore(yBefore, file);
  const carryOwn = ca ? minusD(ca.acct_pay, ca.acct_mulaid_pay) : ZERO;
  const stay = settleStay(sums, {
    policy,
    person: input.person,
    visit: input.visit,
    hosp_lv: input.hosp_lv,
    yBefore,
    balanceBefore: plusD(input.person.acct_balc, carryOwn),
    mulaidBefore: plusD(input.person.mulaid_balc ?? ZERO, ca ? ca.acct_mulaid_pay : ZERO),
    ex,
  });
  const amounts = ca ? diffAmounts(stay.amounts, ca) : stay.amounts;
  checkNothingOwedBack(amounts, c.refunds, carry, file);
  return { sums, stay, amounts };
}

type Carry = NonNullable<SettleInput['visit']['carry']>;
type Stay = ReturnType<typeof settleStay>;

/** The bill's category sums plus those of the earlier interim settlements of the stay. */
function staySums(n: CategorySums, carry: Carry | null): CategorySums {
  const ca = carry?.amounts;
  if (!carry || !ca) return n;
  return {
    medfee: n.medfee.plus(ca.medfee_sumamt),
    fulamt: n.fulamt.plus(ca.fulamt_ownpay_amt),
    overlmt: n.overlmt.plus(ca.overlmt_selfpay),
    pre: n.pre.plus(ca.preselfpay_amt),
    inscp: n.inscp.plus(ca.inscp_scp_amt),
    hospOver: n.hospOver.plus(carry.hosp_overlmt_amt),
    hospFul: n.hospFul.plus(carry.hosp_fulamt_amt),
  };
}

function checkRefundsWithin(sums: CategorySums, file: string): void {
  if (sums.medfee.isNeg() || sums.fulamt.isNeg() || sums.overlmt.isNeg() || sums.pre.isNeg() || sums.inscp.isNeg()) {
    throw inputError(
      'BILL_REFUND_EXCEEDS',
      `${file}: refunds exceed the charges of the stay (total ${sums.medfee.toFixed(2)})`,
      'give each refund line (negative cnt) with the line it refunds, and do not refund more than was charged',
      undefined,
      { file },
    ).zh(
      `${file}：退费超过了本次住院的费用（合计 ${sums.medfee.toFixed(2)}）`,
      '每条退费明细（cnt 为负）须与其所退的明细一同给出，且退费不得超过所收费用',
    );
  }
}

/** The year's figures before the stay: none may be below what the stay's earlier settlements paid. */
function checkYearBefore(yBefore: Record<string, Decimal>, file: string): void {
  for (const [k, v] of Object.entries(yBefore)) {
    if (v.isNeg())
      throw inputError(
        'BILL_YTD_INCONSISTENT',
        `${file}: year-to-date ${k} is lower than what the earlier interim settlements of this stay paid`,
        "pass person.ytd as the center reports it now (5206, including earlier interim settlements) or the previous result's accumulators",
        undefined,
        { key: k },
      ).zh(
        `${file}：年度累计 ${k} 低于本次住院此前各次中途结算已支付的金额`,
        '请按医保中心当前报告的值传入 person.ytd（5206，含此前的中途结算），或传入上一次结果的累计值',
      );
  }
}

/** This settlement (the stay less the earlier ones) owes nothing back, or says which input is wrong. */
function checkNothingOwedBack(amounts: Amounts, refunds: boolean, carry: Carry | null, file: string): void {
  if (refunds && AMOUNT_FIELDS.some((f) => amounts[f].isNeg())) {
    throw inputError(
      'BILL_REFUND_EARLIER',
      `${file}: the bill refunds lines settled in an earlier interim settlement`,
      'cancel that interim settlement (2305) and settle again, or keep refunds with their charges in the same settlement',
      undefined,
      { file },
    ).zh(
      `${file}：账单退了此前中途结算中已结算的明细`,
      '请撤销那次中途结算（2305）后重新结算，或让退费与其费用在同一次结算中',
    );
  }
  const negative = AMOUNT_FIELDS.filter((f) => amounts[f].isNeg());
  if (carry && negative.length > 0) {
    // Without refunds a later interim settlement cannot owe back: what was passed as the balances
    // or the year's figures does not follow the earlier settlement (the docs' second-interim case).
    const b = blameOfNegative(amounts);
    const list = negative.map((f) => `${f} ${amounts[f].toFixed(2)}`).join(', ');
    throw inputError(
      'BILL_STATE_INCONSISTENT',
      `${file}: ${b.field} does not follow the earlier interim settlement (#${carry.settlements}): this settlement would get ${list}`,
      `pass the previous result's state whole (bill key state:, leaving ${b.field} out), or give ${b.field} as that result's state has it — the ${b.what} after settlement #${carry.settlements}`,
      undefined,
      { file, field: b.field, negative },
    ).zh(
      `${file}：${b.field} 与此前第 ${carry.settlements} 次中途结算不衔接：本次结算将得到 ${list}`,
      `请原样传入上一次结果的 state（账单键 state:，并删除 ${b.field}），或按该结果 state 中的值填写 ${b.field}——第 ${carry.settlements} 次结算后的${b.whatZh}`,
    );
  }
}

/** The result of this settlement: its amounts, the accumulators and state after it, the explanation. */
function resultOf(c: SumsContext, sums: CategorySums, stay: Stay, amounts: Amounts): SettleResult {
  const { input, policy, ex } = c;
  const carry = input.visit.carry ?? null;
  const ca = carry?.amounts;
  const ytd = input.person.ytd;
  const bases: Record<string, Decimal> = {};
  for (const [k, v] of Object.entries(stay.bases)) bases[k] = carry ? minusD(v, carry.bases[k] ?? ZERO) : v;
  const own = minusD(amounts.acct_pay, amounts.acct_mulaid_pay);
  const accumulators = addAcc(ytd, contribution(amounts, bases, input.visit, policy));
  const stayTotals: StayTotals = {
    settlements: (carry?.settlements ?? 0) + 1,
    amounts: stay.amounts,
    over_ceiling_amt: stay.over_ceiling_amt,
    hosp_overlmt_amt: sums.hospOver,
    hosp_fulamt_amt: sums.hospFul,
    bases: stay.bases,
    ...(input.visit.mdtrt_id !== undefined
      ? { mdtrt_id: input.visit.mdtrt_id }
      : carry?.mdtrt_id !== undefined
        ? { mdtrt_id: carry.mdtrt_id }
        : {}),
  };
  const balc = minusD(input.person.acct_balc, own);
  return {
    policy: { name: policy.name, version: policy.version, file: policy.source.file },
    insutype: input.insutype,
    setl_time: input.setl_time,
    visit_type: input.visit.type,
    setlinfo: { ...amounts, balc, pool_prop_selfpay: stay.pool_prop_selfpay },
    lines: c.lines,
    accumulators,
    stay: stayTotals,
    fund_limits: limitsNow(stay.limits, ca),
    state: stateAfter(
      input.visit.type === 'inpatient' ? stayTotals : null,
      accumulators,
      balc,
      minusD(input.person.mulaid_balc ?? ZERO, amounts.acct_mulaid_pay),
    ),
    explanation: ex
      ? finishExplanation(ex, { carry, amounts, acctBalc: input.person.acct_balc, own, ytd, accumulators })
      : null,
  };
}

/** Limits left before this settlement: before the stay, less what earlier interim settlements paid. */
function limitsNow(limits: SettleResult['fund_limits'], carry: Amounts | undefined): SettleResult['fund_limits'] {
  if (!carry) return limits;
  const out: SettleResult['fund_limits'] = {};
  for (const [f, v] of Object.entries(limits) as Array<[keyof SettleResult['fund_limits'], Decimal | null]>) {
    out[f] = v === null ? null : atLeastZero(minusD(v, carry[f]));
  }
  return out;
}

function atLeastZero(d: Decimal): Decimal {
  return d.isNeg() ? ZERO : d;
}

function diffAmounts(a: Amounts, b: Amounts): Amounts {
  const out = {} as Amounts;
  for (const f of AMOUNT_FIELDS) out[f] = minusD(a[f], b[f]);
  return out;
}
