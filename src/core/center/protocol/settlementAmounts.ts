/**
 * The amount fields a settlement record keeps (HIS, sandbox ledger, demo data): §5.S plus
 * hifdm_pay, which real answers carry and invariant I2 counts. A module of their own, which
 * transactions.ts re-exports: the settlement engine reads these names at every start of
 * `settle calc`, and importing them from the transaction tables evaluated every transaction's
 * field specs (five modules) for nothing.
 */
export const SETTLEMENT_AMOUNTS = [
  'medfee_sumamt',
  'fulamt_ownpay_amt',
  'overlmt_selfpay',
  'preselfpay_amt',
  'inscp_scp_amt',
  'act_pay_dedc',
  'hifp_pay',
  'cvlserv_pay',
  'hifes_pay',
  'hifmi_pay',
  'hifob_pay',
  'maf_pay',
  'oth_pay',
  'hifdm_pay',
  'fund_pay_sumamt',
  'psn_part_amt',
  'acct_pay',
  'psn_cash_pay',
  'hosp_part_amt',
  'balc',
  'acct_mulaid_pay',
] as const;

/** The four totals every job compares (HIS, center, stuck, reconcile): a part of SETTLEMENT_AMOUNTS. */
export const SETTLEMENT_TOTALS = [
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'psn_cash_pay',
] as const satisfies readonly (typeof SETTLEMENT_AMOUNTS)[number][];
