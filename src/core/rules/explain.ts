/**
 * Explanation rows a table renderer prints as is: field, amount (two decimals; the ratio four),
 * rule, the policy line it comes from, and the inputs.
 */
import { HisopsError, EXIT } from '../errors.js';
import { f2, f4 } from './rounding.js';
import type { SettleResult } from './types.js';

export interface ExplainRow {
  field: string;
  amount: string;
  rule: string;
  /** The rule in Chinese, when the engine gave one. */
  rule_zh: string;
  source: string;
  inputs: string;
}

export interface ExplainRowOptions {
  /** Add one row per fee line with its split. */
  lines?: boolean;
}

export function explainRows(result: SettleResult, opts: ExplainRowOptions = {}): ExplainRow[] {
  if (!result.explanation) {
    throw new HisopsError({ code: 'RULES_NO_EXPLANATION', summary: 'internal error: the result was computed without an explanation', fix: 'call splitBill with { explain: true } before explainRows', exit: EXIT.internal }).zh('内部错误：计算结果没有附带说明', '请在 explainRows 之前以 { explain: true } 调用 splitBill');
  }
  const rows: ExplainRow[] = result.explanation.map((e) => ({
    field: e.field,
    amount: e.field === 'pool_prop_selfpay' ? f4(e.amount) : f2(e.amount),
    rule: e.rule,
    rule_zh: e.rule_zh ?? e.rule,
    source: e.source ?? '',
    inputs: Object.entries(e.inputs).map(([k, v]) => `${k}=${v}`).join('; '),
  }));
  if (opts.lines) {
    for (const l of result.lines) {
      rows.push({
        field: `line ${l.feedetl_sn}`,
        amount: f2(l.det_item_fee_sumamt),
        rule: l.rule ?? '',
        rule_zh: l.rule ?? '',
        source: '',
        inputs: `fulamt_ownpay_amt=${f2(l.fulamt_ownpay_amt)}; overlmt_amt=${f2(l.overlmt_amt)}; preselfpay_amt=${f2(l.preselfpay_amt)}; inscp_scp_amt=${f2(l.inscp_scp_amt)}${l.hosp_part_amt.isZero() ? '' : `; hosp_part_amt=${f2(l.hosp_part_amt)}`}`,
      });
    }
  }
  return rows;
}
