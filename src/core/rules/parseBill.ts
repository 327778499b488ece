/**
 * Parse a bill file (JSON, YAML or CSV) into the engine's input, with errors that name the file,
 * line and field: a negative quantity that is not a refund, an unknown category, a date no loaded
 * policy covers, … All problems of a file are reported together (exit 2).
 */
import { csvTree } from './billCsv.js';
import { billFromTree } from './billFromTree.js';
import { splitBill, type SplitOptions } from './engine.js';
import { Issues } from './issues.js';
import { covers, selectPolicy } from './policySet.js';
import type { Policy, SettleInput, SettleResult } from './types.js';
import { jsonLineTree } from './jsonLineTree.js';
import { readTree, type SourceTree } from './yamlTree.js';

export interface ParseBillOptions {
  /** When given, every date must fall in a policy of the bill's insutype. */
  policies?: Policy[];
  format?: 'json' | 'csv';
}

export function parseBill(text: string, fileName: string, opts: ParseBillOptions = {}): SettleInput {
  const format = opts.format ?? (/\.csv$/i.test(fileName) && !/^\s*[{[]/.test(text) ? 'csv' : 'json');
  const t = format === 'csv' ? csvTree(text, fileName) : readTree(text, fileName);
  return billFromSource(t, fileName, opts);
}

/** One line of an NDJSON stream of bills: `file` names the stream, `line` the line within it. */
export function parseBillLine(text: string, file: string, line: number, opts: ParseBillOptions = {}): SettleInput {
  return billFromSource(jsonLineTree(text, file, line), file, opts);
}

function billFromSource(
  t: Pick<SourceTree, 'root' | 'lines' | 'issues'>,
  fileName: string,
  opts: ParseBillOptions,
): SettleInput {
  const issues = new Issues(fileName, t.lines);
  issues.list.push(...t.issues);
  issues.throwIfAny('BILL_INVALID', `bill ${fileName} cannot be read`);
  const bill = billFromTree(t.root, fileName, t.lines, issues);
  if (bill.lines.length === 0 && !issues.list.some((i) => i.field.startsWith('lines')))
    issues.add('lines', 'the bill has no fee lines', 'add at least one fee line', {
      message: '费用单中没有费用明细',
      fix: '请至少添加一条费用明细',
    });
  if (opts.policies) checkDates(bill, opts.policies, issues);
  issues.throwIfAny('BILL_INVALID', `bill ${fileName} is invalid`);
  return bill;
}

function checkDates(bill: SettleInput, policies: Policy[], issues: Issues): void {
  const mine = policies.filter((p) => p.insutypes.includes(bill.insutype));
  // The loaded periods are named only in an error: not built for every bill of a batch.
  let named: string | undefined;
  const periodsText = (): string =>
    (named ??=
      mine.map((p) => `${p.effective.from}..${p.effective.to ?? 'open'} (${p.source.file})`).join(', ') || 'none');
  if (bill.setl_time && !mine.some((p) => covers(p, bill.setl_time))) {
    const periods = periodsText();
    issues.add(
      'setl_time',
      `settlement date ${bill.setl_time} is outside every policy for insutype ${bill.insutype} (loaded: ${periods})`,
      'load the policy in force on that date, or correct setl_time',
      {
        message: `结算日期 ${bill.setl_time} 不在险种 ${bill.insutype} 任何政策的有效期内（已加载：${periods}）`,
        fix: '请加载该日期有效的政策文件，或更正 setl_time',
      },
    );
  }
  bill.lines.forEach((l, i) => {
    const d = l.fee_ocur_time.slice(0, 10);
    if (!mine.some((p) => covers(p, d))) {
      const periods = periodsText();
      issues.add(
        `lines[${i}].fee_ocur_time`,
        `date ${d} is outside every policy for insutype ${bill.insutype} (loaded: ${periods})`,
        'load the policy in force on that date as well, or correct fee_ocur_time',
        {
          message: `日期 ${d} 不在险种 ${bill.insutype} 任何政策的有效期内（已加载：${periods}）`,
          fix: '请同时加载该日期有效的政策文件，或更正 fee_ocur_time',
        },
      );
    } else if (bill.setl_time && d > bill.setl_time)
      issues.add(
        `lines[${i}].fee_ocur_time`,
        `fee date ${d} is after the settlement date ${bill.setl_time}`,
        'correct fee_ocur_time or setl_time',
        { message: `费用日期 ${d} 晚于结算日期 ${bill.setl_time}`, fix: '请更正 fee_ocur_time 或 setl_time' },
      );
  });
}

/** Pick the policy in force for the bill and split it; errors name the bill's file and line. */
export function settleBill(bill: SettleInput, policies: Policy[], opts: SplitOptions = {}): SettleResult {
  const file = bill.source?.file ?? 'bill';
  const policy = selectPolicy(policies, bill.insutype, bill.setl_time, {
    file,
    line: bill.source?.lines?.get('setl_time') ?? null,
    field: 'setl_time',
  });
  return splitBill(bill, policy, opts);
}
