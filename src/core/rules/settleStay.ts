/**
 * The settlement of a whole stay (or an outpatient visit) from its category sums, in the order of
 * settlement-invariants.yaml settlement_order: deductible → basic pool → supplements → hospital
 * part → personal part → account → cash. The engine subtracts earlier interim settlements from it.
 */
import { D, minusD, plusD, type Decimal } from '../money.js';
import { settleAccount } from './account.js';
import { settlePool } from './pool.js';
import { f2 } from './rounding.js';
import type { CategorySums, StayContext } from './stayContext.js';
import { settleSupplements } from './supplements.js';
import { SUPPLEMENT_FUNDS, type Amounts, type SupplementFund } from './types.js';

const ZERO = new D(0);

interface StayOutcome {
  amounts: Amounts;
  pool_prop_selfpay: Decimal;
  over_ceiling_amt: Decimal;
  bases: Record<string, Decimal>;
  limits: Partial<Record<'hifp_pay' | SupplementFund, Decimal | null>>;
}

export function settleStay(s: CategorySums, c: StayContext): StayOutcome {
  const pool = settlePool(s.inscp, c);
  const sup = settleSupplements(s.inscp, s.pre, pool.hifp_pay, pool.over_ceiling_amt, c);
  const fund = plusD(pool.hifp_pay, sup.total);
  const hosp = plusD(s.hospOver, s.hospFul);
  const psn = minusD(minusD(s.medfee, fund), hosp);
  const acct = settleAccount(s, fund, c);
  const acctPay = plusD(acct.own, acct.mulaid);
  const amounts: Amounts = {
    medfee_sumamt: s.medfee,
    fulamt_ownpay_amt: s.fulamt,
    overlmt_selfpay: s.overlmt,
    preselfpay_amt: s.pre,
    inscp_scp_amt: s.inscp,
    act_pay_dedc: pool.act_pay_dedc,
    hifp_pay: pool.hifp_pay,
    cvlserv_pay: sup.pays.cvlserv_pay ?? ZERO,
    hifes_pay: sup.pays.hifes_pay ?? ZERO,
    hifmi_pay: sup.pays.hifmi_pay ?? ZERO,
    hifob_pay: sup.pays.hifob_pay ?? ZERO,
    maf_pay: sup.pays.maf_pay ?? ZERO,
    oth_pay: sup.pays.oth_pay ?? ZERO,
    hifdm_pay: sup.pays.hifdm_pay ?? ZERO,
    fund_pay_sumamt: fund,
    hosp_part_amt: hosp,
    psn_part_amt: psn,
    acct_pay: acctPay,
    acct_mulaid_pay: acct.mulaid,
    psn_cash_pay: minusD(psn, acctPay),
  };
  if (c.ex) {
    for (const f of SUPPLEMENT_FUNDS) {
      if (!c.policy.supplements.some((x) => x.fund === f))
        c.ex.add(f, ZERO, [`no rule for ${f} in the policy`, `政策中没有 ${f} 的规则`], null, {});
    }
    const supText = c.policy.supplements.map((x) => `${x.fund} ${f2(amounts[x.fund])}`).join(' + ');
    c.ex.add('fund_pay_sumamt', fund, ['sum of the fund fields (I2)', '各基金支付字段之和（I2）'], null, {
      hifp_pay: f2(pool.hifp_pay),
      ...(supText ? { supplements: supText } : {}),
    });
    c.ex.add(
      'hosp_part_amt',
      hosp,
      ['parts the policy makes the hospital bear', '政策规定由医院负担的部分'],
      hosp.isZero()
        ? 'items.hospital_borne'
        : [
            ...(s.hospOver.isZero() ? [] : ['items.hospital_borne.over_limit']),
            ...(s.hospFul.isZero() ? [] : ['items.hospital_borne.unmapped']),
          ],
      { over_limit: f2(s.hospOver), unmapped: f2(s.hospFul) },
    );
    c.ex.add(
      'psn_part_amt',
      psn,
      [
        'medfee_sumamt − fund_pay_sumamt − hosp_part_amt (I1)',
        '个人负担 = medfee_sumamt − fund_pay_sumamt − hosp_part_amt（I1）',
      ],
      null,
      { medfee_sumamt: f2(s.medfee), fund_pay_sumamt: f2(fund), hosp_part_amt: f2(hosp) },
    );
    c.ex.add(
      'psn_cash_pay',
      amounts.psn_cash_pay,
      ['psn_part_amt − acct_pay (I4)', '现金支付 = psn_part_amt − acct_pay（I4）'],
      null,
      { psn_part_amt: f2(psn), acct_pay: f2(acctPay) },
    );
  }
  return {
    amounts,
    pool_prop_selfpay: pool.pool_prop_selfpay,
    over_ceiling_amt: pool.over_ceiling_amt,
    bases: sup.bases,
    limits: { hifp_pay: pool.limit, ...sup.limits },
  };
}
