/**
 * The demo's settlement split: a simple, documented stand-in for the rules engine, computed in
 * integer fen (分) so it is exact and fast enough for a million settlements. Every result
 * satisfies the settlement invariants:
 *   I1 medfee_sumamt = fund_pay_sumamt + psn_part_amt + hosp_part_amt
 *   I2 fund_pay_sumamt = hifp_pay + cvlserv_pay + hifes_pay + hifmi_pay + hifob_pay + maf_pay + oth_pay + hifdm_pay
 *   I3 acct_mulaid_pay ≤ acct_pay
 *   I4 psn_part_amt = acct_pay + psn_cash_pay
 *   I5 medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt
 *   I6 act_pay_dedc ≤ inscp_scp_amt, hifp_pay ≤ inscp_scp_amt − act_pay_dedc;  I7 amounts ≥ 0
 *
 * Per fee line (same order as the national per-item split):
 *   丙类 (03)                 → fulamt_ownpay_amt = the whole line
 *   price above the cap       → overlmt_amt = (pric − cap) × cnt
 *   乙类 (02)                 → preselfpay_amt = round((line − overlmt) × selfpay share)
 *   the rest                  → inscp_scp_amt
 * Per settlement (the same ratios as the center sandbox's simpleSplit, plus supplementary funds):
 *   deductible   outpatient 0; inpatient 800.00 (310) / 600.00 (390); maternity (510) 0
 *   pool ratio   outpatient 310 0.60 (retired 0.70), 390 0.50; inpatient 310 0.85 (retired 0.90),
 *                390 0.70; 510 1.00
 *   hifp_pay     round((inscp − deductible) × ratio)
 *   hifob_pay    310 inpatient with inscp > 20000.00: half of the in-scope rest (职工大额)
 *   hifmi_pay    390 inpatient with inscp > 15000.00: half of the in-scope rest (居民大病)
 *   cvlserv_pay  310 civil servants: half of what is left of the in-scope rest (公务员补助)
 *   maf_pay      390 assistance recipients: 60 % of what is left of the in-scope rest (医疗救助)
 *   hosp_part    DRG inpatient stays flagged hospital-borne: min(personal part, 500.00)
 *   acct_pay     310 (and 510) with acct_used_flag 1: min(balance, personal part)
 *   acct_mulaid  flagged family-account payments: 30 % of acct_pay
 * Rounding is half-up to the fen.
 */
import type { SettlementAmount } from '../his/canonical.js';

export interface LineSplit {
  det: number;
  ful: number;
  overlmt: number;
  pre: number;
  inscp: number;
}

/** Half-up rounding of a non-negative amount × share / 10000 (basis points). */
export function shareBp(amountFen: number, bp: number): number {
  return Math.floor((amountFen * bp + 5000) / 10000);
}

export function splitLine(
  pricFen: number,
  cnt: number,
  lv: string,
  capFen: number | undefined,
  selfpayBp: number,
): LineSplit {
  const det = pricFen * cnt;
  if (lv === '03') return { det, ful: det, overlmt: 0, pre: 0, inscp: 0 };
  const overlmt = capFen !== undefined && pricFen > capFen ? (pricFen - capFen) * cnt : 0;
  const pre = lv === '02' ? shareBp(det - overlmt, selfpayBp) : 0;
  return { det, ful: 0, overlmt, pre, inscp: det - overlmt - pre };
}

export interface SettlementInput {
  insutype: string;
  inpatient: boolean;
  psn_type: string;
  medfee: number;
  ful: number;
  overlmt: number;
  pre: number;
  inscp: number;
  civilServant: boolean;
  assistance: boolean;
  hospitalBorne: boolean;
  acctUsed: boolean;
  /** Personal-account balance before this settlement (fen). */
  balance: number;
  mulaid: boolean;
}

/** Amounts in fen, keyed by the national field names; pool ratio in basis points. */
export type SettlementAmounts = Record<SettlementAmount, number> & { poolRatioBp: number };

export function poolRatioBp(insutype: string, inpatient: boolean, psn_type: string): number {
  if (insutype === '510') return 10000;
  const retired = psn_type === '12';
  if (insutype === '310') return inpatient ? (retired ? 9000 : 8500) : retired ? 7000 : 6000;
  return inpatient ? 7000 : 5000;
}

export function splitSettlement(i: SettlementInput): SettlementAmounts {
  const deductible = i.insutype === '510' || !i.inpatient ? 0 : i.insutype === '310' ? 80000 : 60000;
  const ratio = poolRatioBp(i.insutype, i.inpatient, i.psn_type);
  const act_pay_dedc = Math.min(i.inscp, deductible);
  const payable = i.inscp - act_pay_dedc;
  const hifp_pay = shareBp(payable, ratio);
  let rest = payable - hifp_pay;
  let hifob_pay = 0;
  let hifmi_pay = 0;
  let cvlserv_pay = 0;
  let maf_pay = 0;
  if (i.inpatient && i.insutype === '310' && i.inscp > 2000000) {
    hifob_pay = shareBp(rest, 5000);
    rest -= hifob_pay;
  }
  if (i.inpatient && i.insutype === '390' && i.inscp > 1500000) {
    hifmi_pay = shareBp(rest, 5000);
    rest -= hifmi_pay;
  }
  if (i.civilServant && i.insutype === '310') {
    cvlserv_pay = shareBp(rest, 5000);
    rest -= cvlserv_pay;
  }
  if (i.assistance && i.insutype === '390') {
    maf_pay = shareBp(rest, 6000);
    rest -= maf_pay;
  }
  const fund = hifp_pay + cvlserv_pay + hifmi_pay + hifob_pay + maf_pay;
  const personalBefore = i.medfee - fund;
  const hosp = i.hospitalBorne ? Math.min(personalBefore, 50000) : 0;
  const psn_part = personalBefore - hosp;
  const acct =
    i.acctUsed && (i.insutype === '310' || i.insutype === '510') ? Math.max(0, Math.min(i.balance, psn_part)) : 0;
  const mulaid = i.mulaid && acct > 0 ? shareBp(acct, 3000) : 0;
  return {
    medfee_sumamt: i.medfee,
    fulamt_ownpay_amt: i.ful,
    overlmt_selfpay: i.overlmt,
    preselfpay_amt: i.pre,
    inscp_scp_amt: i.inscp,
    act_pay_dedc,
    hifp_pay,
    cvlserv_pay,
    hifes_pay: 0,
    hifmi_pay,
    hifob_pay,
    maf_pay,
    oth_pay: 0,
    hifdm_pay: 0,
    fund_pay_sumamt: fund,
    psn_part_amt: psn_part,
    acct_pay: acct,
    psn_cash_pay: psn_part - acct,
    hosp_part_amt: hosp,
    balc: i.balance - acct,
    acct_mulaid_pay: mulaid,
    poolRatioBp: ratio,
  };
}

/** Fen as a decimal string with two places ("-12.30"). */
export function fenToString(f: number): string {
  const neg = f < 0;
  const a = neg ? -f : f;
  const yuan = Math.floor(a / 100);
  const cents = a - yuan * 100;
  return `${neg ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Basis points as the 5,4 decimal the center uses for ratios ("0.8500"). */
export function bpToString(bp: number): string {
  const whole = Math.floor(bp / 10000);
  return `${whole}.${String(bp - whole * 10000).padStart(4, '0')}`;
}
