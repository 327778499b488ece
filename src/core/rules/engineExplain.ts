/**
 * The explanation parts the engine adds around settleStay: the line sums before, and after it the
 * interim subtraction, the balance and the accumulators, in setlinfo order.
 */
import { D, type Decimal } from '../money.js';
import type { Explainer } from './explainer.js';
import { f2 } from './rounding.js';
import {
  AMOUNT_FIELDS,
  type Accumulators,
  type Amounts,
  type ExplainEntry,
  type LineSplit,
  type StayTotals,
} from './types.js';

const ZERO = new D(0);
const SHOWN = 8;

type LineField = 'det_item_fee_sumamt' | 'fulamt_ownpay_amt' | 'overlmt_amt' | 'preselfpay_amt' | 'inscp_scp_amt';

const LINE_SUMS: Array<[string, LineField, [string, string], string | null]> = [
  [
    'medfee_sumamt',
    'det_item_fee_sumamt',
    [
      'Σ line fees: cnt × pric (after price rules), rounded per line',
      'Σ 明细费用：cnt × pric（价格规则之后），逐行舍入',
    ],
    'price_rules',
  ],
  [
    'fulamt_ownpay_amt',
    'fulamt_ownpay_amt',
    [
      'Σ lines with no valid mapping or chrgitm_lv 03 丙类: fully self-paid',
      'Σ 无有效对照或 chrgitm_lv 03 丙类的明细：全自费',
    ],
    null,
  ],
  [
    'overlmt_selfpay',
    'overlmt_amt',
    [
      'Σ lines priced above their limit: (pric − pric_uplmt_amt) × cnt',
      'Σ 超限价的明细：(pric − pric_uplmt_amt) × cnt',
    ],
    null,
  ],
  [
    'preselfpay_amt',
    'preselfpay_amt',
    ['Σ 乙类 lines: (fee − over-limit) × selfpay_prop', 'Σ 乙类明细：(费用 − 超限价) × selfpay_prop'],
    'items.b_class.default_selfpay_prop',
  ],
  [
    'inscp_scp_amt',
    'inscp_scp_amt',
    [
      'Σ lines: fee − fully self-paid − over-limit − pre-self-pay (in scope)',
      'Σ 明细：费用 − 全自费 − 超限价 − 先行自付（符合范围）',
    ],
    null,
  ],
];

export function explainLineSums(ex: Explainer, lines: LineSplit[]): void {
  for (const [field, lf, rule, path] of LINE_SUMS) {
    let total = ZERO;
    const hits: string[] = [];
    let n = 0;
    for (const l of lines) {
      const v = l[lf];
      if (v.isZero()) continue;
      total = total.plus(v);
      n++;
      if (hits.length < SHOWN) hits.push(`${l.feedetl_sn} ${f2(v)}`);
    }
    const more = n > SHOWN ? `, … ${n - SHOWN} more` : '';
    const p =
      path === 'price_rules' ? (lines.some((l) => l.markup_rate !== null) ? 'price_rules.child_markup' : null) : path;
    ex.add(field, total, rule, p, { lines: n === 0 ? 'none' : `${n}: ${hits.join(', ')}${more}` });
  }
}

/** The category totals came with the request (splitTotals). */
export function explainTotals(
  ex: Explainer,
  t: Record<'medfee_sumamt' | 'fulamt_ownpay_amt' | 'overlmt_selfpay' | 'preselfpay_amt' | 'inscp_scp_amt', Decimal>,
): void {
  for (const [field] of LINE_SUMS)
    ex.add(
      field,
      t[field as keyof typeof t],
      [
        'given with the settlement request (category totals of lines split before)',
        '随结算请求给出（此前已拆分明细的分类合计）',
      ],
      null,
      {},
    );
}

interface FinishContext {
  carry: StayTotals | null;
  amounts: Amounts;
  acctBalc: Decimal;
  own: Decimal;
  ytd: Accumulators;
  accumulators: Accumulators;
}

const ORDER = new Map<string, number>([...AMOUNT_FIELDS, 'balc', 'pool_prop_selfpay'].map((f, i) => [f, i]));

export function finishExplanation(ex: Explainer, c: FinishContext): ExplainEntry[] {
  const entries = ex.entries;
  if (c.carry) {
    const earlier = c.carry.amounts;
    for (const e of entries) {
      if (!ORDER.has(e.field) || e.field === 'pool_prop_selfpay') continue;
      const f = e.field as keyof Amounts;
      e.inputs = {
        ...e.inputs,
        stay_total: f2(e.amount),
        [`earlier ${c.carry.settlements} interim settlement(s)`]: f2(earlier[f]),
      };
      e.rule = `${e.rule}; this settlement = stay total − earlier interim settlements`;
      e.rule_zh = `${e.rule_zh ?? e.rule}；本次结算 = 本次住院合计 − 此前各次中途结算`;
      e.amount = c.amounts[f];
    }
  }
  entries.push({
    field: 'balc',
    amount: c.acctBalc.minus(c.own),
    rule: 'account balance after: acct_balc − own-account part of acct_pay',
    rule_zh: '结算后账户余额：acct_balc − acct_pay 中本人账户部分',
    source: null,
    inputs: { acct_balc: f2(c.acctBalc), own_account: f2(c.own) },
  });
  entries.sort((a, b) => (ORDER.get(a.field) ?? 99) - (ORDER.get(b.field) ?? 99));
  for (const k of Object.keys(c.accumulators).sort()) {
    const before = c.ytd[k] ?? ZERO;
    const after = c.accumulators[k]!;
    entries.push({
      field: `ytd.${k}`,
      amount: after,
      rule: 'year-to-date accumulator after this settlement',
      rule_zh: '本次结算后的年度累计',
      source: null,
      inputs: { before: f2(before), this_settlement: f2(after.minus(before)) },
    });
  }
  return entries;
}
