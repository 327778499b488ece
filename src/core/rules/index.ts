/**
 * The settlement-rules core: policies, the engine, explanations, bills. Pure: no fs, network,
 * clock or terminal; policy files are read through a reader the caller passes.
 */
export type {
  Accumulators,
  AmountField,
  Amounts,
  ChrgitmLv,
  ExplainEntry,
  FeeLine,
  LineSplit,
  Person,
  Policy,
  SettleInput,
  SettleResult,
  SettleState,
  Setlinfo,
  StayTotals,
  SupplementFund,
  Visit,
  VisitType,
} from './types.js';
export { AMOUNT_FIELDS, SUPPLEMENT_FUNDS } from './types.js';
export type { Issue } from './issues.js';
export { parsePolicy } from './parsePolicy.js';
export {
  parsePolicies,
  checkOverlaps,
  policyGaps,
  selectPolicy,
  covers,
  type PolicyText,
  type BillPlace,
  type PolicyGap,
} from './policySet.js';
export { loadPolicyFile, loadPolicyFiles, type ReadText } from './loadPolicyFile.js';
export {
  splitBill,
  splitTotals,
  splitTotalsSetlinfo,
  type SplitOptions,
  type BillTotals,
  type TotalsInput,
} from './engine.js';
export { setldetailOf, type SetldetailRow } from './setldetail.js';
export { checkSettleInput } from './checkInput.js';
export {
  checkInvariants,
  assertInvariants,
  type Violation,
  type InvariantOptions,
  type SetlinfoLike,
} from './invariants.js';
export { explainRows, type ExplainRow, type ExplainRowOptions } from './explain.js';
export { parseBill, parseBillLine, settleBill, type ParseBillOptions } from './parseBill.js';
export { resultToJson, stayToJson, policyToJson, policyRows, type PolicyRow } from './toJson.js';
export { resultJsonBody } from './resultText.js';
export { compareSettlement, type FieldDifference } from './compare.js';
