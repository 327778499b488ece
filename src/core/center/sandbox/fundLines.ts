/**
 * The setldetail of a settlement from its amounts: the pool (hifp_pay), each other fund that
 * paid, the personal account — the fund lines a 2207/2304 answer and a 5203 record carry, which
 * must add up to the setlinfo beside them. The sandbox's policy split (rulesSplit.ts) builds its
 * answer's lines here, and so does a seeded settlement whose amounts were given (ledger.ts; the
 * month-long seed's fen path in ledgerBulkSeed.ts writes the same text): a seeded history's lines
 * then say what its amounts say, not what the sandbox's own split would have paid.
 */
import type { Decimal } from '../../money.js';
import type { SetlDetail } from './simpleSplit.js';

/** The funds besides the pool and the account, in the order their lines follow the pool's. */
export const FUND_TYPES = [
  ['hifob_pay', '330100', '大额医疗费用补助基金'],
  ['hifmi_pay', '390200', '城乡居民大病医疗保险基金'],
  ['cvlserv_pay', '320100', '公务员医疗补助基金'],
  ['hifes_pay', '370100', '企业补充医疗保险基金'],
  ['maf_pay', '610100', '医疗救助基金'],
  ['oth_pay', '999900', '其他基金'],
  ['hifdm_pay', '350100', '伤残人员医疗保障基金'],
] as const;

export const POOL_NAME = '基本医疗保险统筹基金';
export const ACCOUNT_TYPE = '310200';
export const ACCOUNT_NAME = '城镇职工基本医疗保险个人账户基金';

/** The pool's fund_pay_type for an insurance type. */
export const poolType = (insutype: string): string => (insutype === '310' ? '310100' : `${insutype}100`);

export type FundAmounts = Record<
  'inscp_scp_amt' | 'act_pay_dedc' | 'hifp_pay' | 'acct_pay' | (typeof FUND_TYPES)[number][0],
  Decimal
>;

/**
 * The fund lines of amounts `a`: the pool always (what it could pay at most: the in-scope part
 * above the deductible), every other fund that paid, and the account when it paid (its limit the
 * balance before). `poolInfo` is the pool line's setl_proc_info.
 */
export function fundLines(insutype: string, a: FundAmounts, balcBefore: Decimal, poolInfo: string): SetlDetail[] {
  const lines: SetlDetail[] = [
    {
      fund_pay_type: poolType(insutype),
      fund_pay_type_name: POOL_NAME,
      inscp_scp_amt: a.inscp_scp_amt,
      crt_payb_lmt_amt: a.inscp_scp_amt.minus(a.act_pay_dedc),
      fund_payamt: a.hifp_pay,
      setl_proc_info: poolInfo,
    },
  ];
  for (const [k, type, name] of FUND_TYPES)
    if (a[k].gt(0))
      lines.push({
        fund_pay_type: type,
        fund_pay_type_name: name,
        inscp_scp_amt: a.inscp_scp_amt,
        crt_payb_lmt_amt: a[k],
        fund_payamt: a[k],
        setl_proc_info: '',
      });
  if (a.acct_pay.gt(0))
    lines.push({
      fund_pay_type: ACCOUNT_TYPE,
      fund_pay_type_name: ACCOUNT_NAME,
      inscp_scp_amt: a.inscp_scp_amt,
      crt_payb_lmt_amt: balcBefore,
      fund_payamt: a.acct_pay,
      setl_proc_info: '',
    });
  return lines;
}

/** A seeded settlement's pool line's setl_proc_info: the deductible it paid. */
export const seededPoolInfo = (actPayDedc: string): string => `起付线${actPayDedc}`;
