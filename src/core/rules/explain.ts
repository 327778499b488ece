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
  /** The clauses that took part, the deciding one first, as `file:line` (basename), one per line. */
  clauses: string;
  inputs: string;
  /** The inputs with the engine's few words in Chinese (numbers and field names as they are). */
  inputs_zh: string;
}

/** The engine's words inside input values (see pool.ts), and their Chinese. */
const INPUT_WORDS_ZH: Array<[string, string]> = [
  [' (+ band points, each ratio kept within 0…1)', '（另加各段点数，每段比例限于 0…1）'],
  [' (in-scope above the point where the fund reaches the ceiling)', '（基金达到封顶线之后的符合范围金额）'],
  [' left', ' 剩余'],
];

/**
 * The engine's short words before a name or number in input keys and values (pool.ts: the level,
 * category, points and caps that took part); field names (with underscores) are left as they are.
 */
const INPUT_TERMS_ZH: Array<[RegExp, string]> = [
  [/\bshared cap (?=\S)/g, '共用封顶线 '],
  [/\bout of area\b/g, '异地'],
  [/\blevel (?=\S)/g, '医院等级 '],
  [/ category (?=\S)/g, ' 就医类别 '],
  [/\bretired (?=[+−])/g, '退休 '],
  [/\bage (?=\d)/g, '年龄 '],
  [/\bgroup (?=\S)/g, '人员类别 '],
  [/\badmission #(\d+)/g, '第 $1 次住院'],
  [/=none\b/g, '=无'],
];

const inputText = (inputs: Record<string, string>): string =>
  Object.entries(inputs)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

function inputsZh(text: string): string {
  const words = INPUT_WORDS_ZH.reduce((s, [en, zh]) => s.split(en).join(zh), text);
  return INPUT_TERMS_ZH.reduce((s, [en, zh]) => s.replace(en, zh), words);
}

export interface ExplainRowOptions {
  /** Add one row per fee line with its split. */
  lines?: boolean;
}

export function explainRows(result: SettleResult, opts: ExplainRowOptions = {}): ExplainRow[] {
  if (!result.explanation) {
    throw new HisopsError({
      code: 'RULES_NO_EXPLANATION',
      summary: 'internal error: the result was computed without an explanation',
      fix: 'call splitBill with { explain: true } before explainRows',
      exit: EXIT.internal,
    }).zh('内部错误：计算结果没有附带说明', '请在 explainRows 之前以 { explain: true } 调用 splitBill');
  }
  const rows: ExplainRow[] = result.explanation.map((e) => ({
    field: e.field,
    amount: e.field === 'pool_prop_selfpay' ? f4(e.amount) : f2(e.amount),
    rule: e.rule,
    rule_zh: e.rule_zh ?? e.rule,
    source: e.source ?? '',
    clauses: (e.clauses ?? [])
      .map((c) => c.source.replace(/^.*[\\/]/, ''))
      .filter((x, i, a) => a.indexOf(x) === i)
      .join('\n'),
    inputs: inputText(e.inputs),
    inputs_zh: inputsZh(inputText(e.inputs)),
  }));
  if (opts.lines) {
    for (const l of result.lines) {
      const inputs = `fulamt_ownpay_amt=${f2(l.fulamt_ownpay_amt)}; overlmt_amt=${f2(l.overlmt_amt)}; preselfpay_amt=${f2(l.preselfpay_amt)}; inscp_scp_amt=${f2(l.inscp_scp_amt)}${l.hosp_part_amt.isZero() ? '' : `; hosp_part_amt=${f2(l.hosp_part_amt)}`}`;
      rows.push({
        field: `line ${l.feedetl_sn}`,
        amount: f2(l.det_item_fee_sumamt),
        rule: l.rule ?? '',
        rule_zh: l.rule_zh ?? l.rule ?? '',
        source: '',
        clauses: '',
        inputs,
        inputs_zh: inputs,
      });
    }
  }
  return rows;
}
