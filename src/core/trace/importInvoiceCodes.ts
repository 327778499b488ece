/**
 * `trace import-invoice`: read supplier code lists, match them to the HIS's stock-in lines by invoice
 * number and drug (planInvoiceCodes.ts), and — with apply — write the new codes through the
 * profile's insert_stock_code, one transaction per invoice. Codes the HIS already holds on their
 * line are not written again, so the import can be run any number of times.
 */
import path from 'node:path';
import type { Db } from '../db/index.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { inputError } from '../errors.js';
import { runStatement, runWrite, type Profile } from '../his/index.js';
import { prefixIndex } from './mappingIndex.js';
import {
  invoiceLines,
  planInvoiceCodes,
  type InvoiceCodeRow,
  type InvoiceLine,
  type InvoicePlan,
} from './planInvoiceCodes.js';
import { invoiceFiles, readInvoiceFile } from './readInvoiceFiles.js';

/**
 * Every code `trace import-invoice --apply` wrote into the HIS: which run, from which file and line,
 * into which stock-in record — the answer to "where did this code on the stock-in come from?".
 */
export const TRACE_INVOICE_CODES_TABLE: JournalTable = {
  name: 'hisops_trace_invoice_codes',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('drug_trac_codg', 100).notNullable();
    t.string('stock_id', 40).notNullable();
    t.integer('trac_seq').notNullable();
    t.string('invc_no', 50).notNullable();
    t.string('fixmedins_hilist_id', 30).nullable();
    t.string('file', 300).notNullable();
    t.integer('line').notNullable();
    t.string('run_id', 40).notNullable();
    t.string('written_at', 30).notNullable();
    t.primary(['fixmedins_code', 'stock_id', 'drug_trac_codg']);
    t.index(['drug_trac_codg'], 'hisops_trace_invoice_codes_code');
  },
};

export interface ImportInvoiceOptions {
  db: Db;
  /** The journal the written codes are recorded in (with apply), and the run and institution they belong to. */
  journal?: Pick<Journal, 'ensure' | 'knex'>;
  fixmedins_code?: string;
  runId?: string;
  now?: () => Date;
  profile: Profile;
  /** Files or folders, as given. */
  paths: readonly string[];
  /** Where names in findings are relative to. */
  cwd: string;
  apply: boolean;
}

export interface ImportInvoiceResult extends InvoicePlan {
  apply: boolean;
  files: string[];
  /** Codes written (apply). */
  written: number;
}

const NEEDED = ['stock_in_by_invoice', 'insert_stock_code'];

export async function importInvoiceCodes(o: ImportInvoiceOptions): Promise<ImportInvoiceResult> {
  const missing = NEEDED.filter((n) => o.profile.statements[n] === undefined && (n !== 'insert_stock_code' || o.apply));
  if (missing.length) {
    throw inputError(
      'TRACE_INVOICE_STATEMENT',
      `The HIS profile ${o.profile.file} has no ${missing.join(' / ')} statement`,
      'Add it to the profile (docs/profile.md lists its columns and binds; templates/profiles/reference.yaml has an example), then run again.',
    ).zh(
      `HIS 接口配置 ${o.profile.file} 中没有 ${missing.join(' / ')} 语句`,
      '请在接口配置中加上该语句（列和绑定参数见 docs/profile.md；templates/profiles/reference.yaml 中有示例），然后再运行。',
    );
  }
  const files = invoiceFiles(o.paths.map((p) => path.resolve(o.cwd, p)));
  const rows: InvoiceCodeRow[] = [];
  for (const f of files) rows.push(...(await readInvoiceFile(f, path.relative(o.cwd, f) || f)));
  const lines = new Map<string, InvoiceLine[]>();
  for (const invc_no of new Set(rows.map((r) => r.invc_no))) {
    if (!invc_no) continue;
    lines.set(invc_no, invoiceLines(await runStatement(o.db, o.profile, 'stock_in_by_invoice', { invc_no })));
  }
  const prefixes = o.profile.statements['drug_trace_prefixes']
    ? prefixIndex(
        (await runStatement(o.db, o.profile, 'drug_trace_prefixes')) as Array<{
          fixmedins_hilist_id: unknown;
          trac_prefix: unknown;
        }>,
      )
    : undefined;
  const plan = planInvoiceCodes({ rows, lines, prefixes });
  let written = 0;
  if (o.apply && plan.writes.length && o.journal) await o.journal.ensure(TRACE_INVOICE_CODES_TABLE);
  if (o.apply && plan.writes.length) {
    const byInvoice = new Map<string, typeof plan.writes>();
    for (const w of plan.writes) byInvoice.set(w.invc_no, [...(byInvoice.get(w.invc_no) ?? []), w]);
    for (const ws of byInvoice.values()) {
      // One invoice at a time, all or nothing: a failure leaves the invoice as it was, and the next run writes it.
      await o.db.knex.transaction(async (trx) => {
        for (const w of ws)
          await runWrite(
            o.db,
            o.profile,
            'insert_stock_code',
            { stock_id: w.stock_id, trac_seq: String(w.trac_seq), drug_trac_codg: w.drug_trac_codg },
            { trx },
          );
      });
      written += ws.length;
      if (o.journal) {
        const at = (o.now ?? (() => new Date()))().toISOString();
        await o.journal.knex.batchInsert(
          TRACE_INVOICE_CODES_TABLE.name,
          ws.map((w) => ({
            fixmedins_code: o.fixmedins_code ?? '',
            drug_trac_codg: w.drug_trac_codg,
            stock_id: w.stock_id,
            trac_seq: w.trac_seq,
            invc_no: w.invc_no,
            fixmedins_hilist_id: w.fixmedins_hilist_id,
            file: w.file.slice(0, 300),
            line: w.line,
            run_id: o.runId ?? '',
            written_at: at,
          })),
          200,
        );
      }
    }
  }
  return { ...plan, apply: o.apply, files: files.map((f) => path.relative(o.cwd, f) || f), written };
}
