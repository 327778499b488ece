/**
 * Personal-account payment: only when acct_used_flag is set and the policy lets the account pay for
 * this visit type; it pays the parts the policy allows, up to the balance, then family mutual-aid
 * (共济) balances when the policy allows them. Computed on the whole stay against the balance
 * before the stay, so interim settlements add up.
 */
import { D, minusD, plusD, type Decimal } from '../money.js';
import { maxD, minD } from './bands.js';
import { f2 } from './rounding.js';
import type { CategorySums, StayContext } from './stayContext.js';
import type { AccountPart } from './types.js';

const ZERO = new D(0);

interface AccountOutcome {
  own: Decimal;
  mulaid: Decimal;
}

export function settleAccount(s: CategorySums, fund: Decimal, c: StayContext): AccountOutcome {
  const a = c.policy.account;
  if (!c.visit.acct_used_flag || !a || !a.visits.includes(c.visit.type)) {
    const why = !c.visit.acct_used_flag
      ? 'acct_used_flag is 0'
      : !a
        ? 'the policy has no account section'
        : `the policy does not let the account pay ${c.visit.type} visits`;
    const whyZh = !c.visit.acct_used_flag
      ? 'acct_used_flag 为 0'
      : !a
        ? '政策没有个人账户部分'
        : `政策不允许个人账户支付 ${c.visit.type} 就诊`;
    c.ex?.add(
      'acct_pay',
      ZERO,
      [`personal account not used: ${why}`, `未使用个人账户：${whyZh}`],
      a ? 'account' : null,
      {},
    );
    return { own: ZERO, mulaid: ZERO };
  }
  // The personal burden by part; supplements that include pre-self-pay may reach into it.
  const parts: Record<AccountPart, Decimal> = {
    inscp_personal: maxD(ZERO, minusD(s.inscp, fund)),
    preselfpay: minusD(s.pre, maxD(ZERO, minusD(fund, s.inscp))),
    overlmt: minusD(s.overlmt, s.hospOver),
    fulamt: minusD(s.fulamt, s.hospFul),
  };
  let payable = ZERO;
  for (const p of a.pays) payable = plusD(payable, parts[p]);
  const own = maxD(ZERO, minD(c.balanceBefore, payable));
  const mulaid = a.mutual_aid ? maxD(ZERO, minD(c.mulaidBefore, minusD(payable, own))) : ZERO;
  if (c.ex) {
    const inputs: Record<string, string> = {};
    for (const p of a.pays) inputs[p] = f2(parts[p]);
    inputs.payable = f2(payable);
    inputs.acct_balc = f2(c.balanceBefore);
    if (a.mutual_aid) inputs.mulaid_balc = f2(c.mulaidBefore);
    const pays = a.pays.join(' + ');
    c.ex.add(
      'acct_pay',
      plusD(own, mulaid),
      [
        `personal account pays ${pays} up to the balance${a.mutual_aid ? ', then mutual-aid balances' : ''}`,
        `个人账户在余额内支付 ${pays}${a.mutual_aid ? '，不足部分由共济余额支付' : ''}`,
      ],
      mulaid.gt(0) ? ['account.pays', 'account.mutual_aid'] : 'account.pays',
      inputs,
    );
    c.ex.add(
      'acct_mulaid_pay',
      mulaid,
      a.mutual_aid
        ? [
            'mutual-aid (共济) part of acct_pay: what the own balance could not cover',
            'acct_pay 中的共济部分：本人余额不足的部分',
          ]
        : ['the policy does not allow mutual-aid payments', '政策不允许共济支付'],
      'account.mutual_aid',
      {},
    );
  }
  return { own, mulaid };
}
