/**
 * The setldetail block of a 2207/2304 answer built from a result: one row per fund that paid (the
 * basic pool always), with the fund_pay_type codes of the national code table (samples in
 * settlement-invariants.yaml). oth_pay has no code there and is left with an empty code.
 */
import type { Decimal } from '../money.js';
import type { SettleResult } from './types.js';

export interface SetldetailRow {
  fund_pay_type: string;
  fund_pay_type_name: string;
  inscp_scp_amt: Decimal;
  /** What the fund could pay at most in this settlement (ceiling/cap left; the payment when none). */
  crt_payb_lmt_amt: Decimal;
  fund_payamt: Decimal;
  setl_proc_info: string;
}

const SUPPLEMENT_TYPES: Record<string, [string, string]> = {
  hifob_pay: ['330100', '大额医疗费用补助基金'],
  hifmi_pay: ['390200', '城乡居民大病医疗保险基金'],
  cvlserv_pay: ['320100', '公务员医疗补助基金'],
  hifes_pay: ['370100', '企业补充医疗保险基金'],
  maf_pay: ['610100', '医疗救助基金'],
  hifdm_pay: ['350100', '伤残人员医疗保障基金'],
  oth_pay: ['', '其他支出'],
};

const POOL_NAMES: Record<string, string> = {
  '310100': '城镇职工基本医疗保险统筹基金',
  '310102': '职工门诊统筹基金',
  '390100': '城乡居民基本医疗保险基金',
  '390102': '居民门诊统筹基金',
};

export function setldetailOf(r: SettleResult, acctBalcBefore?: Decimal): SetldetailRow[] {
  const s = r.setlinfo;
  const info = (field: string): string => r.explanation?.find((e) => e.field === field)?.rule.slice(0, 200) ?? '';
  const poolType = `${r.insutype}${r.visit_type === 'outpatient' && (r.insutype === '310' || r.insutype === '390') ? '102' : '100'}`;
  const rows: SetldetailRow[] = [
    {
      fund_pay_type: poolType,
      fund_pay_type_name: POOL_NAMES[poolType] ?? '基本医疗保险统筹基金',
      inscp_scp_amt: s.inscp_scp_amt,
      crt_payb_lmt_amt: r.fund_limits.hifp_pay ?? s.hifp_pay,
      fund_payamt: s.hifp_pay,
      setl_proc_info: `起付线${s.act_pay_dedc.toFixed(2)}，支付比例${s.pool_prop_selfpay.toFixed(4)}`,
    },
  ];
  for (const [field, [code, name]] of Object.entries(SUPPLEMENT_TYPES)) {
    const paid = s[field as keyof typeof s];
    if (paid.isZero()) continue;
    const limit = r.fund_limits[field as keyof typeof r.fund_limits];
    rows.push({
      fund_pay_type: code,
      fund_pay_type_name: name,
      inscp_scp_amt: s.inscp_scp_amt,
      crt_payb_lmt_amt: limit ?? paid,
      fund_payamt: paid,
      setl_proc_info: info(field),
    });
  }
  if (!s.acct_pay.isZero()) {
    rows.push({
      fund_pay_type: '310200',
      fund_pay_type_name: '城镇职工基本医疗保险个人账户基金',
      inscp_scp_amt: s.inscp_scp_amt,
      crt_payb_lmt_amt: acctBalcBefore ?? s.acct_pay,
      fund_payamt: s.acct_pay,
      setl_proc_info: s.acct_mulaid_pay.isZero() ? '' : `含共济支付${s.acct_mulaid_pay.toFixed(2)}`,
    });
  }
  return rows;
}
