/**
 * The sandbox's stand-in settlement split: simple, documented numbers so that 2207/2304 answers
 * are plausible and satisfy the settlement invariants (I1–I7 in the reference). It is swapped for
 * the settlement-rules engine by passing `policies` (or any `split`) to startSandbox.
 *
 *   deductible (act_pay_dedc)   outpatient 0; inpatient 800.00 (310) / 600.00 (others), per settlement
 *   pool ratio                  outpatient 310: 0.60 (retired 0.70), others 0.50
 *                               inpatient  310: 0.85 (retired 0.90), others 0.70
 *   hifp_pay                    round2(max(0, inscp_scp_amt − deductible) × ratio)
 *   fund_pay_sumamt             hifp_pay (no supplementary funds)
 *   psn_part_amt                medfee_sumamt − fund_pay_sumamt (hosp_part_amt 0)
 *   acct_pay                    acct_used_flag 1 and insutype 310: min(balance, psn_part_amt); else 0
 *   psn_cash_pay                psn_part_amt − acct_pay
 */
import { D, round2, ZERO, type Decimal } from '../../money.js';

export interface SplitInput {
  psn_no: string;
  insutype: string;
  /** `yyyy-MM-dd HH:mm:ss` in the center's clock: picks the policy in force. */
  setl_time: string;
  cvlserv_flag: string;
  /** 11 outpatient, 21 inpatient, 41 pharmacy, 99 other. */
  clr_type: string;
  med_type: string;
  psn_type: string;
  age: number;
  medfee_sumamt: Decimal;
  fulamt_ownpay_amt: Decimal;
  overlmt_selfpay: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
  acct_used_flag: string;
  /** Personal-account balance before this settlement. */
  balc: Decimal;
  out_of_area: boolean;
}

export interface SetlDetail {
  fund_pay_type: string;
  fund_pay_type_name: string;
  inscp_scp_amt: Decimal;
  crt_payb_lmt_amt: Decimal;
  fund_payamt: Decimal;
  setl_proc_info: string;
}

export interface SplitResult {
  medfee_sumamt: Decimal;
  fulamt_ownpay_amt: Decimal;
  overlmt_selfpay: Decimal;
  preselfpay_amt: Decimal;
  inscp_scp_amt: Decimal;
  act_pay_dedc: Decimal;
  hifp_pay: Decimal;
  pool_prop_selfpay: Decimal;
  cvlserv_pay: Decimal;
  hifes_pay: Decimal;
  hifmi_pay: Decimal;
  hifob_pay: Decimal;
  maf_pay: Decimal;
  oth_pay: Decimal;
  hifdm_pay: Decimal;
  fund_pay_sumamt: Decimal;
  psn_part_amt: Decimal;
  acct_pay: Decimal;
  psn_cash_pay: Decimal;
  hosp_part_amt: Decimal;
  acct_mulaid_pay: Decimal;
  /** Balance after this settlement. */
  balc: Decimal;
  setldetail: SetlDetail[];
}

/** The function the sandbox calls to split a bill; the rules engine can stand in for it. */
export type SplitFn = (input: SplitInput) => SplitResult;

const POOL_NAMES: Record<string, [string, string]> = {
  '310': ['310100', '城镇职工基本医疗保险统筹基金'],
  '390': ['390100', '城乡居民基本医疗保险基金'],
};

export const simpleSplit: SplitFn = (i) => {
  const inpatient = i.clr_type === '21';
  const employee = i.insutype === '310';
  const retired = i.psn_type === '12';
  const deductible = inpatient ? new D(employee ? 800 : 600) : ZERO;
  const ratio = new D(
    inpatient ? (employee ? (retired ? '0.90' : '0.85') : '0.70') : employee ? (retired ? '0.70' : '0.60') : '0.50',
  );
  const act_pay_dedc = D.min(i.inscp_scp_amt, deductible);
  const payable = D.max(ZERO, i.inscp_scp_amt.minus(deductible));
  const hifp_pay = round2(payable.times(ratio));
  const fund_pay_sumamt = hifp_pay;
  const psn_part_amt = i.medfee_sumamt.minus(fund_pay_sumamt);
  const acct_pay = i.acct_used_flag === '1' && employee ? D.max(ZERO, D.min(i.balc, psn_part_amt)) : ZERO;
  const psn_cash_pay = psn_part_amt.minus(acct_pay);
  const [poolType, poolName] = POOL_NAMES[i.insutype] ?? [`${i.insutype}100`, '基本医疗保险统筹基金'];
  const setldetail: SetlDetail[] = [
    {
      fund_pay_type: poolType,
      fund_pay_type_name: poolName,
      inscp_scp_amt: i.inscp_scp_amt,
      crt_payb_lmt_amt: payable,
      fund_payamt: hifp_pay,
      setl_proc_info: `起付线${deductible.toFixed(2)}，支付比例${ratio.toFixed(2)}`,
    },
  ];
  if (acct_pay.gt(0)) {
    setldetail.push({
      fund_pay_type: '310200',
      fund_pay_type_name: '城镇职工基本医疗保险个人账户基金',
      inscp_scp_amt: i.inscp_scp_amt,
      crt_payb_lmt_amt: i.balc,
      fund_payamt: acct_pay,
      setl_proc_info: '',
    });
  }
  return {
    medfee_sumamt: i.medfee_sumamt,
    fulamt_ownpay_amt: i.fulamt_ownpay_amt,
    overlmt_selfpay: i.overlmt_selfpay,
    preselfpay_amt: i.preselfpay_amt,
    inscp_scp_amt: i.inscp_scp_amt,
    act_pay_dedc,
    hifp_pay,
    pool_prop_selfpay: ratio,
    cvlserv_pay: ZERO,
    hifes_pay: ZERO,
    hifmi_pay: ZERO,
    hifob_pay: ZERO,
    maf_pay: ZERO,
    oth_pay: ZERO,
    hifdm_pay: ZERO,
    fund_pay_sumamt,
    psn_part_amt,
    acct_pay,
    psn_cash_pay,
    hosp_part_amt: ZERO,
    acct_mulaid_pay: ZERO,
    balc: i.balc.minus(acct_pay),
    setldetail,
  };
};
