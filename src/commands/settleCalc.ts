/**
 * `hisops settle calc`: preview how a bill splits under the policy in force, with the
 * explanation of every amount. A run of `settle calc` registers this command alone
 * (`registerSettleCalc`, see GROUPS in main.ts); settle.ts adds the other settle commands.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { BATCH_INLINING_BYTES, withInliningBudget } from '../cli/inliningBudget.js';
import type { Out } from '../cli/output.js';
import { collect, policyPaths, readText } from '../cli/policyFiles.js';
import type { ExplainRow } from '../core/rules/index.js';

defineMessages({
  'settle.describe': {
    en: 'settlements: preview a split, find and repair stuck ones (结算/单边账)',
    zh: '结算：试算（预结算），查找并处理单边账（结算/单边账）',
  },
  'settle.calc.describe': {
    en: 'split a bill (JSON or CSV) as the center would, and explain every amount',
    zh: '按医保中心规则试算一张账单（预结算，JSON 或 CSV），并解释每个金额',
  },
  'settle.policy': { en: 'policy', zh: '政策' },
  'settle.bill': { en: 'bill', zh: '账单' },
  'col.field': { en: 'field', zh: '字段' },
  'col.amount': { en: 'amount', zh: '金额' },
  'col.rule': { en: 'rule', zh: '规则' },
  'col.inputs': { en: 'inputs', zh: '依据' },
  'col.clause': { en: 'policy', zh: '政策条款' },
  'settle.batchDone': {
    en: '{bills} bills: {settled} settled ({feeLines} fee lines), {failed} with errors',
    zh: '{bills} 张账单：已试算 {settled} 张（{feeLines} 条费用明细），{failed} 张有错误',
  },
  'settle.noFile': { en: 'Cannot read the bill {file}', zh: '无法读取账单 {file}' },
});

/** Chinese names of the setlinfo fields, shown beside the national names. */
const FIELD_ZH: Record<string, string> = {
  medfee_sumamt: '医疗费总额',
  fulamt_ownpay_amt: '全自费',
  overlmt_selfpay: '超限价自费',
  preselfpay_amt: '先行自付',
  inscp_scp_amt: '符合政策范围',
  act_pay_dedc: '实际起付线',
  hifp_pay: '统筹基金',
  pool_prop_selfpay: '统筹支付比例',
  cvlserv_pay: '公务员补助',
  hifes_pay: '企业补充',
  hifmi_pay: '居民大病',
  hifob_pay: '职工大额',
  maf_pay: '医疗救助',
  oth_pay: '其他支出',
  hifdm_pay: '伤残人员保障',
  fund_pay_sumamt: '基金支付总额',
  hosp_part_amt: '医院负担',
  psn_part_amt: '个人负担总额',
  acct_pay: '个人账户',
  acct_mulaid_pay: '个账共济',
  psn_cash_pay: '个人现金',
  balc: '余额',
};

interface CalcOpts {
  policy?: string[];
  explain?: boolean;
  lines?: boolean;
  ndjson?: boolean;
}

/**
 * The `settle` command with `calc`: alone for a run whose words are `settle calc` (a batch of bills
 * does not load the stuck and audit commands' modules: the center's protocol tables, the journal,
 * a good part of its start); settle.ts adds the other settle commands to it.
 */
export function registerSettleCalc(program: Command, app: App): Command {
  const settle = program.command('settle').description(app.t('settle.describe'));
  registerCalc(settle, app);
  return settle;
}

function registerCalc(settle: Command, app: App): void {
  const calc = settle
    .command('calc')
    .description(app.t('settle.calc.describe'))
    .argument(
      '[bills...]',
      'bill files (.json, .yaml, .csv), folders of them, .ndjson files, or - for NDJSON on stdin (see docs/rules.md)',
    )
    .option(
      '--policy <file>',
      'policy file (repeatable); default: rules.policies in hisops.yaml, else the shipped examples',
      collect,
    )
    .option('--explain', 'print the explanation of every amount (many bills: put it in each result line)')
    .option('--lines', 'with --explain: one row per fee line too')
    .option('--ndjson', 'bills are NDJSON, one bill per line: the named files, else stdin')
    .action(app.action(runCalc));
  app.examples(calc, [
    'hisops settle calc bill.json',
    'hisops settle calc bill.csv --explain',
    'hisops settle calc bill.json --policy city-2026.yaml --json',
    'hisops settle calc bills/ > results.ndjson',
    'hisops settle calc --ndjson < bills.ndjson > results.ndjson',
  ]);
}

/** One bill: its split as a table (with --explain, how each amount was computed). Many bills: NDJSON lines (settleBatch.ts). */
async function runCalc(ctx: Ctx, args: unknown[], o: CalcOpts): Promise<CommandResult> {
  const rules = await import('../core/rules/index.js');
  const names = (args[0] as string[] | undefined) ?? [];
  const batch = await import('./settleBatch.js');
  if (batch.isBatch(ctx, names, !!o.ndjson)) {
    const sources = batch.billSources(ctx, names, !!o.ndjson);
    const policies = await rules.loadPolicyFiles(policyPaths(ctx, o.policy), readText);
    const sum = await withInliningBudget(BATCH_INLINING_BYTES, () =>
      batch.settleBatch(ctx, rules, policies, sources, { explain: !!o.explain }),
    );
    if (!ctx.quiet) ctx.io.stderr.write(ctx.t('settle.batchDone', { ...sum }) + '\n');
    return { data: sum, exit: sum.exit, streamed: true };
  }
  const file = path.resolve(ctx.cwd, String(names[0]));
  const text = await readBill(ctx, file);
  const policies = await rules.loadPolicyFiles(policyPaths(ctx, o.policy), readText);
  const bill = rules.parseBill(text, path.relative(ctx.cwd, file) || file, { policies });
  const result = rules.settleBill(bill, policies, { explain: true });
  const json = rules.resultToJson(result) as Record<string, unknown>;
  const setl = json['setlinfo'] as Record<string, string>;
  const explain = rules.explainRows(result, { lines: !!o.lines });
  return {
    data: json,
    human: (out) => {
      out.kv([
        [ctx.t('settle.bill'), path.relative(ctx.cwd, file) || file],
        [
          ctx.t('settle.policy'),
          `${result.policy.name} ${result.policy.version} (${path.basename(result.policy.file)})`,
        ],
      ]);
      if (o.explain) renderExplanation(out, ctx, explain);
      else
        out.table(
          [ctx.t('col.field'), ctx.t('col.amount')],
          Object.entries(setl).map(([k, v]) => [`${k} ${FIELD_ZH[k] ?? ''}`.trim(), v]),
          { align: ['left', 'right'] },
        );
    },
  };
}

async function readBill(ctx: Ctx, file: string): Promise<string> {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const { inputError } = await import('../core/errors.js');
    throw inputError(
      'BILL_UNREADABLE',
      ctx.t('settle.noFile', { file }),
      'Check the path; a bill is JSON, YAML or CSV as described in docs/rules.md.',
    ).zh(ctx.t('settle.noFile', { file }), '请检查路径；账单为 JSON、YAML 或 CSV 格式，见 docs/rules.md。');
  }
}

/**
 * The policy column: file:line of the clause that decided the amount (then the others that took
 * part); the table wraps to the terminal's width (process.stdout.columns).
 */
function renderExplanation(out: Out, ctx: Ctx, explain: ExplainRow[]): void {
  out.table(
    [ctx.t('col.field'), ctx.t('col.amount'), ctx.t('col.rule'), ctx.t('col.clause'), ctx.t('col.inputs')],
    explain.map((r) => [
      `${r.field} ${FIELD_ZH[r.field] ?? ''}`.trim(),
      r.amount,
      ctx.lang === 'zh-CN' ? r.rule_zh : r.rule,
      r.clauses,
      ctx.lang === 'zh-CN' ? r.inputs_zh : r.inputs,
    ]),
    { align: ['left', 'right', 'left', 'left', 'left'] },
  );
}
