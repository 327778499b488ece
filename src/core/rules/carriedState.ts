/**
 * Carried state (docs/rules.md "Carried state"): a result's `state` — the stay so far, the year's
 * accumulators, the account and mutual-aid balances after it — is accepted whole by the next
 * settlement. This module turns `input.state` into the person/visit fields the engine works on,
 * and reports every disagreement between the two as an input error naming the field (exit 2):
 * a settlement that continues a stay must start from exactly what the stay left.
 */
import { D, type Decimal } from '../money.js';
import { Issues } from './issues.js';
import { f2 } from './rounding.js';
import { AMOUNT_FIELDS, type Policy, type SettleInput, type SettleState, type StayTotals } from './types.js';

const ZERO = new D(0);

/** Does this bill continue the stay of the state (an interim settlement after the first)? */
function continuesStay(input: Pick<SettleInput, 'visit' | 'state'>): boolean {
  const st = input.state;
  const v = input.visit;
  if (!st || !st.stay || v.type !== 'inpatient') return false;
  if (v.interim_no !== undefined) return v.interim_no > 1;
  return v.mdtrt_id !== undefined && v.mdtrt_id === st.stay.mdtrt_id;
}

/**
 * The input with the state applied: for a continued stay `visit.carry` is the state's stay and the
 * person's balances and accumulators must be the state's (they may be left to it in a bill file);
 * for a new stay only the year carries over, and the person's own figures (given or filled from
 * the state by the bill reader) are used as they are.
 */
export function applyState<T extends Omit<SettleInput, 'lines'>>(input: T, policy: Policy): T {
  const st = input.state;
  if (!st) return input;
  if (!continuesStay(input)) return input.visit.carry ? input : { ...input, visit: { ...input.visit, carry: null } };
  const stay = st.stay!;
  const file = input.source?.file ?? 'bill';
  const issues = new Issues(file, input.source?.lines ?? new Map());
  const p = input.person;
  if (input.visit.carry && !sameStay(input.visit.carry, stay)) {
    issues.add(
      'visit.carry',
      'differs from state.stay: two different earlier settlements were given',
      "pass the previous result's state alone (remove visit.carry)",
      { message: '与 state.stay 不同：给出了两个不同的此前结算', fix: '只传入上一次结果的 state（删除 visit.carry）' },
    );
  }
  if (!p.acct_balc.eq(st.acct_balc)) {
    issues.add(
      'person.acct_balc',
      `account balance ${f2(p.acct_balc)} is not the ${f2(st.acct_balc)} the earlier interim settlement left (state.acct_balc)`,
      `leave person.acct_balc out (the state's ${f2(st.acct_balc)} is used), or give ${f2(st.acct_balc)}; a balance that changed within a stay would make the interim settlements not add up`,
      {
        message: `个人账户余额 ${f2(p.acct_balc)} 与此前中途结算后的余额 ${f2(st.acct_balc)}（state.acct_balc）不一致`,
        fix: `请删除 person.acct_balc（将使用 state 中的 ${f2(st.acct_balc)}），或填写 ${f2(st.acct_balc)}；住院期间余额变化会使各次中途结算之和不等于一次结算`,
      },
    );
  }
  const mulaid = p.mulaid_balc ?? ZERO;
  if (!mulaid.eq(st.mulaid_balc)) {
    issues.add(
      'person.mulaid_balc',
      `mutual-aid balance ${f2(mulaid)} is not the ${f2(st.mulaid_balc)} the earlier interim settlement left (state.mulaid_balc)`,
      `leave person.mulaid_balc out (the state's ${f2(st.mulaid_balc)} is used), or give ${f2(st.mulaid_balc)}`,
      {
        message: `共济账户余额 ${f2(mulaid)} 与此前中途结算后的余额 ${f2(st.mulaid_balc)}（state.mulaid_balc）不一致`,
        fix: `请删除 person.mulaid_balc（将使用 state 中的 ${f2(st.mulaid_balc)}），或填写 ${f2(st.mulaid_balc)}`,
      },
    );
  }
  for (const [k, v] of Object.entries(st.accumulators)) {
    const given = p.ytd[k] ?? ZERO;
    if (given.lt(v)) {
      issues.add(
        `person.ytd.${k}`,
        `year-to-date ${k} ${f2(given)} is lower than the ${f2(v)} of state.accumulators`,
        `leave person.ytd out (the state's accumulators are used), or give at least ${f2(v)}`,
        {
          message: `年度累计 ${k} ${f2(given)} 低于 state.accumulators 中的 ${f2(v)}`,
          fix: `请删除 person.ytd（将使用 state 中的累计值），或填写不低于 ${f2(v)} 的值`,
        },
      );
    }
  }
  issues.throwIfAny('BILL_STATE_INCONSISTENT', `bill ${file} cannot be settled with ${policy.source.file}`);
  return { ...input, visit: { ...input.visit, carry: stay } };
}

function sameStay(a: StayTotals, b: StayTotals): boolean {
  return a.settlements === b.settlements && AMOUNT_FIELDS.every((f) => a.amounts[f].eq(b.amounts[f]));
}

/**
 * The field to blame when a continued stay gives this settlement a negative amount although no
 * line was refunded: the balances or accumulators given do not follow the earlier settlement.
 */
export function blameOfNegative(a: Record<(typeof AMOUNT_FIELDS)[number], Decimal>): {
  field: string;
  what: string;
  whatZh: string;
} {
  const cashNeg = a.psn_cash_pay.isNeg();
  if (a.acct_mulaid_pay.isNeg() || (cashNeg && a.acct_mulaid_pay.gt(0)))
    return { field: 'person.mulaid_balc', what: 'mutual-aid balance', whatZh: '共济账户余额' };
  if (a.acct_pay.isNeg() || cashNeg)
    return { field: 'person.acct_balc', what: 'account balance', whatZh: '个人账户余额' };
  return { field: 'person.ytd', what: 'year-to-date accumulators', whatZh: '年度累计' };
}

/** The state after a settlement. */
export function stateAfter(
  stay: StayTotals | null,
  accumulators: SettleState['accumulators'],
  balc: Decimal,
  mulaid: Decimal,
): SettleState {
  return { stay, accumulators, acct_balc: balc, mulaid_balc: mulaid };
}
