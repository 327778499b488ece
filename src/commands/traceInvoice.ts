/**
 * `hisops trace import-invoice FILE…|FOLDER`: the codes suppliers send per invoice (入库发票号 →
 * 追溯码), matched to the HIS's stock-in lines and written into them (a plan unless --apply). See
 * docs/trace.md, "Supplier codes by invoice".
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT } from '../core/errors.js';
import type * as TraceModule from '../core/trace/index.js';

defineMessages({
  'trace.invoice.describe': {
    en: "import the supplier's codes per invoice into the HIS's stock-in records (a plan unless --apply)",
    zh: '按发票把供应商提供的追溯码导入 HIS 入库记录（不加 --apply 只显示计划）',
  },
  'trace.invoice.summary': {
    en: '{rows} code(s) in {files} file(s), {invoices} invoice(s): {adding} to write, {already} already in the HIS, {findings} finding(s).',
    zh: '{files} 个文件 {invoices} 张发票共 {rows} 个追溯码：{adding} 个待写入，{already} 个 HIS 中已有，{findings} 个问题。',
  },
  'trace.invoice.written': {
    en: 'Written: {n} code(s) into the stock-in records.',
    zh: '已写入：{n} 个追溯码写入入库记录。',
  },
  'trace.invoice.nothing': {
    en: 'Nothing to write: every valid code is already in the HIS.',
    zh: '无需写入：所有有效追溯码 HIS 中都已有。',
  },
  'trace.invoice.empty': { en: 'Nothing to write: the file(s) hold no codes.', zh: '无需写入：文件中没有追溯码。' },
  'trace.invoice.col.file': { en: 'file:line', zh: '文件:行' },
  'trace.invoice.col.invoice': { en: 'invc_no', zh: '发票号' },
  'trace.invoice.col.stock': { en: 'stock_id', zh: '入库记录' },
  'trace.invoice.col.drug': { en: 'drug', zh: '药品' },
  'trace.invoice.col.cnt': { en: 'quantity', zh: '数量' },
  'trace.invoice.col.had': { en: 'codes in the HIS', zh: 'HIS 已有追溯码' },
  'trace.invoice.col.adding': { en: 'to write', zh: '待写入' },
});

const FINDING_ZH: Record<string, string> = {
  bad_length: '位数错误',
  bad_chars: '含非数字',
  duplicate_in_file: '清单内重复',
  code_on_two_invoices: '一码两票',
  code_other_drug: '药品不符',
  code_on_other_line: '已在其他入库记录',
  unknown_invoice: '发票号未知',
  drug_not_on_invoice: '发票无此药品',
  codes_short: '追溯码不足',
  codes_over: '追溯码超量',
};

function render(out: Out, ctx: Ctx, tm: typeof TraceModule, r: TraceModule.ImportInvoiceResult): void {
  const zh = ctx.lang === 'zh-CN';
  out.line(
    ctx.t('trace.invoice.summary', {
      rows: r.rows,
      files: r.files.length,
      invoices: r.invoices,
      adding: r.writes.length,
      already: r.already,
      findings: r.findings.length,
    }),
  );
  if (r.lines.length) {
    out.table(
      [
        ctx.t('trace.invoice.col.invoice'),
        ctx.t('trace.invoice.col.stock'),
        ctx.t('trace.invoice.col.drug'),
        ctx.t('trace.invoice.col.cnt'),
        ctx.t('trace.invoice.col.had'),
        ctx.t('trace.invoice.col.adding'),
      ],
      r.lines.slice(0, 50).map((l) => [l.invc_no, l.stock_id, l.fixmedins_hilist_id, l.cnt, l.had, l.adding]),
      { align: ['left', 'left', 'left', 'right', 'right', 'right'] },
    );
    if (r.lines.length > 50) out.note(ctx.t('trace.more', { n: r.lines.length - 50 }));
  }
  if (r.findings.length) {
    out.table(
      [
        ctx.t('trace.invoice.col.file'),
        ctx.t('trace.invoice.col.invoice'),
        ctx.t('trace.col.code'),
        ctx.t('trace.col.finding'),
        ctx.t('trace.col.detail'),
      ],
      r.findings
        .slice(0, 50)
        .map((f) => [
          `${f.file}:${f.line}`,
          f.invc_no,
          f.drug_trac_codg ?? '',
          `${f.kind} ${FINDING_ZH[f.kind] ?? ''}`.trim(),
          zh ? tm.invoiceFindingMessageZh(f) : f.message,
        ]),
    );
    if (r.findings.length > 50) out.note(ctx.t('trace.more', { n: r.findings.length - 50 }));
    out.line(ctx.t('trace.whatToDo') + ':');
    for (const k of [...new Set(r.findings.map((f) => f.kind))])
      out.line(`  ${k}: ${zh ? tm.INVOICE_FINDING_FIX_ZH[k] : tm.INVOICE_FINDING_FIX[k]}`);
  }
  if (r.apply) out.ok(ctx.t('trace.invoice.written', { n: r.written }));
  else if (!r.rows) out.line(ctx.t('trace.invoice.empty'));
  else if (!r.writes.length) out.line(ctx.t('trace.invoice.nothing'));
  else out.note(ctx.t('common.dryRun'));
}

/** Adds `import-invoice` to the trace group. */
interface InvoiceOpts {
  apply?: boolean;
}

export function registerTraceInvoice(group: Command, app: App): void {
  const cmd = group
    .command('import-invoice')
    .description(app.t('trace.invoice.describe'))
    .argument('<files...>', 'supplier code lists (.csv, .xlsx, .txt; UTF-8 or GBK) or folders of them')
    .option('--apply', 'write the codes into the HIS (without it: show what would be written)')
    .action(
      app.action(
        async (ctx, args, o: InvoiceOpts) => {
          const trace = await import('../core/trace/index.js');
          const { db, profile } = await ctx.his();
          const journal = o.apply ? await ctx.journal() : undefined;
          const r = await trace.importInvoiceCodes({
            db,
            profile,
            paths: args[0] as string[],
            cwd: ctx.cwd,
            apply: !!o.apply,
            journal,
            fixmedins_code: String(ctx.get('fixmedins_code')),
            runId: ctx.runId,
            now: () => ctx.now(),
          });
          return {
            data: r,
            exit: r.findings.length ? EXIT.findings : EXIT.ok,
            findings: {
              summary: `${r.findings.length} finding(s) in the supplier code lists`,
              count: r.findings.length,
            },
            human: (out) => render(out, ctx, trace, r),
          };
        },
        { record: true },
      ),
    );
  app.examples(cmd, [
    'hisops trace import-invoice supplier/FP20260105001.csv',
    'hisops trace import-invoice ./supplier-codes/ --apply',
    'hisops trace import-invoice codes.xlsx --json',
  ]);
}
