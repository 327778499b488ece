/**
 * The figures a 3202 comparison holds per settlement, from the one declaration of the settlement
 * totals (SETTLEMENT_TOTALS): all but psn_cash_pay, which the detail file does not carry (3202
 * derives the cash as what is left). Each comes with the key a HisSettlement / ResultRow holds it
 * under, in integer fen.
 */
import { SETTLEMENT_TOTALS } from '../his/index.js';

const KEY = { medfee_sumamt: 'medfee', fund_pay_sumamt: 'fund', acct_pay: 'acct' } as const;

type DetailAmount = keyof typeof KEY;

/** medfee_sumamt, fund_pay_sumamt, acct_pay: the result file's amount columns. */
export const DETAIL_AMOUNTS: readonly DetailAmount[] = SETTLEMENT_TOTALS.filter((f): f is DetailAmount => f in KEY);

/** Each figure's column and the key it is held under. */
export const DETAIL_FIGURES: ReadonlyArray<{ field: DetailAmount; key: (typeof KEY)[DetailAmount] }> =
  DETAIL_AMOUNTS.map((field) => ({ field, key: KEY[field] }));
