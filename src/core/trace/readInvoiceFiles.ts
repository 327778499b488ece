/**
 * Supplier code lists as suppliers send them: CSV, xlsx or TXT (tab- or comma-separated with a
 * header, or one code per line), UTF-8 or GBK (the catalog readers detect the encoding and garbled
 * text), a file or a folder of them. Columns are recognised by their national or Chinese names:
 *
 *   invoice  invc_no, 发票号, 发票号码, 入库发票号
 *   drug     fixmedins_hilist_id, 药品编码, 药品代码, 商品编码 — or the name: fixmedins_hilist_name, 药品名称, 品名, 通用名
 *   code     drug_trac_codg, 追溯码, 药品追溯码
 *   batch    manu_lotnum, 批号, 生产批号
 *   expiry   expy_end, 有效期, 有效期至
 *
 * A list without a header (its first cell is a code) is one code per line; the invoice number is
 * then the file's name without extension (FP20260105001.txt → FP20260105001), and the drug is
 * found by the code's product prefix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors.js';
import type { InvoiceCodeRow } from './planInvoiceCodes.js';

const HEADERS: Record<'invc_no' | 'drug' | 'drug_name' | 'code' | 'batch' | 'expiry', readonly string[]> = {
  invc_no: ['invc_no', '发票号', '发票号码', '入库发票号', '发票编号', 'invoice', 'invoice_no'],
  drug: ['fixmedins_hilist_id', '药品编码', '药品代码', '商品编码', '医院药品编码', 'drug', 'drug_code'],
  drug_name: ['fixmedins_hilist_name', '药品名称', '品名', '通用名', '商品名称', 'drug_name'],
  code: ['drug_trac_codg', '追溯码', '药品追溯码', 'trace_code', 'code'],
  batch: ['manu_lotnum', '批号', '生产批号', 'batch', 'lot'],
  expiry: ['expy_end', '有效期', '有效期至', '失效日期', 'expiry'],
};

const EXTENSIONS = new Set(['.csv', '.xlsx', '.xlsm', '.txt', '.tsv']);

/** The files named: a folder gives its code lists (by extension, sorted), a file itself. */
export function invoiceFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw inputError(
        'TRACE_INVOICE_FILE',
        `Cannot read ${p}`,
        'Check the path: give supplier code lists (.csv, .xlsx, .txt) or a folder of them.',
      ).zh(`无法读取 ${p}`, '请检查路径：给出供应商追溯码清单（.csv、.xlsx、.txt）或其所在文件夹。');
    }
    if (st.isDirectory()) {
      const inside = fs
        .readdirSync(p)
        .filter((f) => EXTENSIONS.has(path.extname(f).toLowerCase()))
        .sort();
      if (!inside.length)
        throw inputError(
          'TRACE_INVOICE_FILE',
          `${p} holds no code lists`,
          'Put the supplier files (.csv, .xlsx, .txt) in the folder, or name the files.',
        ).zh(`${p} 中没有追溯码清单`, '请把供应商文件（.csv、.xlsx、.txt）放入该文件夹，或直接给出文件。');
      for (const f of inside) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

const norm = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();

function columnIndex(header: readonly string[]): Partial<Record<keyof typeof HEADERS, number>> {
  const out: Partial<Record<keyof typeof HEADERS, number>> = {};
  header.forEach((h, i) => {
    const n = norm(h);
    for (const [k, names] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, readonly string[]]>) {
      if (out[k] === undefined && names.some((x) => norm(x) === n)) out[k] = i;
    }
  });
  return out;
}

/** Whether a cell looks like a code rather than a column name (a header-less list). */
const looksLikeCode = (s: string) => /^[0-9０-９]{8,}$/.test(s.trim());

/** Rows of one file; `shown` is the name findings use. */
export async function readInvoiceFile(file: string, shown: string): Promise<InvoiceCodeRow[]> {
  const { openTables } = await import('../catalog/index.js');
  const problems: string[] = [];
  const tables = await openTables(file, {
    onProblem: (p) => problems.push(`${p.line ? `line ${p.line}: ` : ''}${p.message}`),
  });
  const unreadable = () =>
    inputError(
      'TRACE_INVOICE_FILE',
      `${shown} cannot be read: ${problems.join('; ') || 'not a table'}`,
      'Give a CSV, xlsx or TXT code list (UTF-8 or GBK); see docs/trace.md, "Supplier codes by invoice".',
    ).zh(
      `无法读取 ${shown}：${problems.join('；') || '不是表格'}`,
      '请给出 CSV、xlsx 或 TXT 追溯码清单（UTF-8 或 GBK）；见 docs/trace.md「按发票导入供应商追溯码」。',
    );
  if (!tables.length) throw unreadable();
  const out: InvoiceCodeRow[] = [];
  const ext = path.extname(file).toLowerCase();
  for (const t of tables) {
    let cols: Partial<Record<keyof typeof HEADERS, number>> | undefined;
    let bare = false;
    for await (const chunk of t.rows()) {
      for (const r of chunk) {
        // A .txt may be comma-separated too: the TSV reader gives it as one cell.
        const cells =
          ext === '.txt' && r.cells.length === 1 && r.cells[0]!.includes(',') ? r.cells[0]!.split(',') : r.cells;
        if (cells.every((c) => c.trim() === '')) continue;
        if (!cols && !bare) {
          if (looksLikeCode(cells[0]!)) bare = true;
          else {
            cols = columnIndex(cells);
            if (cols.code === undefined || cols.invc_no === undefined) {
              throw inputError(
                'TRACE_INVOICE_FILE',
                `${shown} line ${r.line}: the header has no ${cols.code === undefined ? 'code (追溯码)' : 'invoice number (发票号)'} column (it has ${cells.join(', ')})`,
                'Name the columns 发票号, 药品编码 (or 药品名称), 批号, 有效期, 追溯码 (or invc_no, fixmedins_hilist_id, manu_lotnum, expy_end, drug_trac_codg); a list without a header is one code per line, its invoice number the file name.',
              ).zh(
                `${shown} 第 ${r.line} 行：表头中没有${cols.code === undefined ? '追溯码' : '发票号'}列（现有：${cells.join('、')}）`,
                '请把列命名为 发票号、药品编码（或药品名称）、批号、有效期、追溯码（或 invc_no、fixmedins_hilist_id、manu_lotnum、expy_end、drug_trac_codg）；无表头的清单每行一个追溯码，发票号取文件名。',
              );
            }
            continue;
          }
        }
        const cell = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());
        if (bare) {
          out.push({
            file: shown,
            line: r.line,
            invc_no: path.basename(file, path.extname(file)),
            drug: '',
            drug_trac_codg: cells[0]!,
            manu_lotnum: '',
            expy_end: '',
          });
          continue;
        }
        const c = cols!;
        out.push({
          file: shown,
          line: r.line,
          invc_no: cell(c.invc_no),
          drug: cell(c.drug) || cell(c.drug_name),
          drug_trac_codg: cells[c.code!] ?? '',
          manu_lotnum: cell(c.batch),
          expy_end: cell(c.expiry),
        });
      }
    }
  }
  // An xlsx (or a text with garbled characters) reports its problem while its rows are read, not
  // when it is opened: a file that could not be read must not pass as an empty list.
  if (problems.length) throw unreadable();
  return out;
}
