/**
 * The settlement-rules engine as the sandbox's split. The 2207/2304 request carries only the
 * bill's four parts, so each part becomes one synthetic fee line the engine splits the same way
 * (甲类 in scope; 丙类 fully self-paid; 乙类 with self-pay ratio 1; a 甲类 line priced above a zero
 * limit for the over-limit part). The policy in force for the insurance type on the settlement
 * date is used; when none is loaded for it, the fallback split answers (simpleSplit by default).
 * A bill the engine refuses becomes an infcode -1 refusal with the engine's reason.
 */
import { isHisopsError } from '../../errors.js';
import { D, ZERO, type Decimal } from '../../money.js';
import { covers, splitBill, type FeeLine, type Policy } from '../../rules/index.js';
import { fundLines } from './fundLines.js';
import { Refusal } from './handlers/context.js';
import { simpleSplit, type SetlDetail, type SplitFn, type SplitInput, type SplitResult } from './simpleSplit.js';

export interface RulesSplitOptions {
  /** dedc_hosp_lv of the sandbox's hospitals (default '3'). */
  hosp_lv?: string;
  fallback?: SplitFn;
}

function linesOf(i: SplitInput): FeeLine[] {
  const at = i.setl_time;
  const one = new D(1);
  const lines: FeeLine[] = [];
  const add = (sn: string, amount: Decimal, l: Partial<FeeLine> & Pick<FeeLine, 'chrgitm_lv'>) => {
    if (amount.gt(0))
      lines.push({ feedetl_sn: sn, med_list_codg: 'SANDBOX', cnt: one, pric: amount, fee_ocur_time: at, ...l });
  };
  add('inscp', i.inscp_scp_amt, { chrgitm_lv: '01' });
  add('fulamt', i.fulamt_ownpay_amt, { chrgitm_lv: '03' });
  add('preselfpay', i.preselfpay_amt, { chrgitm_lv: '02', selfpay_prop: one });
  add('overlmt', i.overlmt_selfpay, { chrgitm_lv: '01', pric_uplmt_amt: ZERO });
  return lines;
}

export function rulesSplit(policies: readonly Policy[], opts: RulesSplitOptions = {}): SplitFn {
  const fallback = opts.fallback ?? simpleSplit;
  const hosp_lv = opts.hosp_lv ?? '3';
  return (i) => {
    const date = i.setl_time.slice(0, 10);
    const policy = policies.find((p) => p.insutypes.includes(i.insutype) && covers(p, date));
    if (!policy) return fallback(i);
    const s = splitByPolicy(i, policy, hosp_lv).setlinfo;
    return splitResult(i, s, fundLines(i.insutype, s, i.balc, `${policy.name} ${policy.version}`));
  };
}

type Setlinfo = ReturnType<typeof splitBill>['setlinfo'];

/** The engine's split of the bill's synthetic lines; a bill it refuses is the center's refusal. */
function splitByPolicy(i: SplitInput, policy: Policy, hosp_lv: string): ReturnType<typeof splitBill> {
  const date = i.setl_time.slice(0, 10);
  const groups = i.cvlserv_flag === '1' && policy.person_groups.includes('civil_servant') ? ['civil_servant'] : [];
  try {
    return splitBill(
      {
        insutype: i.insutype,
        setl_time: date,
        hosp_lv: policy.levels.includes(hosp_lv) ? hosp_lv : policy.levels[policy.levels.length - 1]!,
        person: {
          psn_no: i.psn_no,
          age: i.age,
          retired: i.psn_type === '12',
          psn_groups: groups,
          acct_balc: D.max(ZERO, i.balc),
          ytd: {},
        },
        visit: {
          type: i.clr_type === '21' ? 'inpatient' : 'outpatient',
          admission_count: 1,
          in_area: !i.out_of_area,
          acct_used_flag: i.acct_used_flag === '1',
        },
        lines: linesOf(i),
        source: { file: `settlement of ${i.psn_no}` },
      },
      policy,
      { explain: false },
    );
  } catch (e) {
    if (isHisopsError(e)) throw new Refusal(`结算计算失败：${e.summary}${e.why ? ` (${e.why})` : ''}`);
    throw e;
  }
}

/** The engine's amounts as the sandbox's split answers them, with the balance after the account paid. */
function splitResult(i: SplitInput, s: Setlinfo, setldetail: SetlDetail[]): SplitResult {
  return {
    medfee_sumamt: s.medfee_sumamt,
    fulamt_ownpay_amt: s.fulamt_ownpay_amt,
    overlmt_selfpay: s.overlmt_selfpay,
    preselfpay_amt: s.preselfpay_amt,
    inscp_scp_amt: s.inscp_scp_amt,
    act_pay_dedc: s.act_pay_dedc,
    hifp_pay: s.hifp_pay,
    pool_prop_selfpay: s.pool_prop_selfpay,
    cvlserv_pay: s.cvlserv_pay,
    hifes_pay: s.hifes_pay,
    hifmi_pay: s.hifmi_pay,
    hifob_pay: s.hifob_pay,
    maf_pay: s.maf_pay,
    oth_pay: s.oth_pay,
    hifdm_pay: s.hifdm_pay,
    fund_pay_sumamt: s.fund_pay_sumamt,
    psn_part_amt: s.psn_part_amt,
    acct_pay: s.acct_pay,
    psn_cash_pay: s.psn_cash_pay,
    hosp_part_amt: s.hosp_part_amt,
    acct_mulaid_pay: s.acct_mulaid_pay,
    balc: i.balc.minus(s.acct_pay.minus(s.acct_mulaid_pay)),
    setldetail,
  };
}
