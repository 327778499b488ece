/**
 * Supplier code lists: reading (CSV in GBK, xlsx, TXT with and without a header, a folder) and
 * matching to the HIS's stock-in lines (planInvoiceCodes): every finding kind, positions after the
 * codes a line holds, a second run that writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  invoiceFiles,
  invoiceLines,
  planInvoiceCodes,
  prefixIndex,
  readInvoiceFile,
  type InvoiceCodeRow,
  type InvoiceLine,
} from '../../../src/core/trace/index.js';

const A = '8300254';
const B = '8300381';
/** A 20-digit code with the product prefix p and serial n. */
const code = (p: string, n: number) => p + String(n).padStart(13, '0');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-invoice-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const row = (
  invc_no: string,
  drug: string,
  c: string,
  line: number,
  extra: Partial<InvoiceCodeRow> = {},
): InvoiceCodeRow => ({
  file: 'f.csv',
  line,
  invc_no,
  drug,
  drug_trac_codg: c,
  manu_lotnum: '',
  expy_end: '',
  ...extra,
});
const line = (
  stock_id: string,
  invc_no: string,
  drug: string,
  cnt: number,
  codes: string[] = [],
  extra: Partial<InvoiceLine> = {},
): InvoiceLine => ({
  stock_id,
  invc_no,
  inv_chg_type: '108',
  fixmedins_hilist_id: drug,
  fixmedins_hilist_name: `${drug}名`,
  fixmedins_bchno: '',
  manu_lotnum: '',
  cnt: String(cnt),
  codes,
  ...extra,
});
const prefixes = prefixIndex([
  { fixmedins_hilist_id: 'YP1', trac_prefix: A },
  { fixmedins_hilist_id: 'YP2', trac_prefix: B },
]);

describe('planInvoiceCodes', () => {
  it('writes the codes of a clean list after the codes each line holds, and nothing the second time', () => {
    const lines = new Map([['FP1', [line('RK1', 'FP1', 'YP1', 3, [code(A, 1)]), line('RK2', 'FP1', 'YP2', 1)]]]);
    const rows = [
      row('FP1', 'YP1', code(A, 2), 2),
      row('FP1', 'YP1名', code(A, 3), 3),
      row('FP1', 'YP2', code(B, 1), 4),
    ];
    const p = planInvoiceCodes({ rows, lines, prefixes });
    expect(p.findings).toEqual([]);
    expect(p.writes.map((w) => [w.stock_id, w.trac_seq, w.drug_trac_codg, w.line])).toEqual([
      ['RK1', 2, code(A, 2), 2],
      ['RK1', 3, code(A, 3), 3],
      ['RK2', 1, code(B, 1), 4],
    ]);
    // After the writes, the same list finds everything in place.
    const after = new Map([
      [
        'FP1',
        [
          line('RK1', 'FP1', 'YP1', 3, [code(A, 1), code(A, 2), code(A, 3)]),
          line('RK2', 'FP1', 'YP2', 1, [code(B, 1)]),
        ],
      ],
    ]);
    const again = planInvoiceCodes({ rows, lines: after, prefixes });
    expect(again.writes).toEqual([]);
    expect(again.already).toBe(3);
    expect(again.findings).toEqual([]);
  });

  it('reports a code on two invoices (both copies, none written), a code of another drug, a short line, an unknown invoice, a drug not on the invoice', () => {
    const lines = new Map([
      ['FP1', [line('RK1', 'FP1', 'YP1', 2)]],
      ['FP2', [line('RK2', 'FP2', 'YP2', 3)]],
    ]);
    const rows = [
      row('FP1', 'YP1', code(A, 1), 2),
      row('FP1', 'YP1', code(A, 2), 3),
      row('FP2', 'YP2', code(A, 1), 4), // the box of FP1 again
      row('FP2', 'YP2', code(A, 9), 5), // YP1's product prefix on a YP2 line
      row('FP9', 'YP2', code(B, 5), 6), // no such invoice
      row('FP2', 'YP7', code(B, 6), 7), // no YP7 on FP2
    ];
    const p = planInvoiceCodes({ rows, lines, prefixes });
    expect(p.findings.map((f) => [f.kind, f.line, f.drug_trac_codg, f.related])).toEqual([
      ['code_on_two_invoices', 2, code(A, 1), 'f.csv:4'],
      ['code_on_two_invoices', 4, code(A, 1), 'f.csv:2'],
      ['codes_short', 4, null, null],
      ['code_other_drug', 5, code(A, 9), 'YP1'],
      ['unknown_invoice', 6, null, null],
      ['drug_not_on_invoice', 7, null, null],
    ]);
    expect(p.writes.map((w) => w.drug_trac_codg)).toEqual([code(A, 2)]);
    expect(p.findings.find((f) => f.kind === 'codes_short')).toMatchObject({ stock_id: 'RK2', cnt: '3', codes: 2 });
  });

  it('reports bad codes with their line, a repeat on the same invoice, and a line with more codes than its quantity', () => {
    const lines = new Map([['FP1', [line('RK1', 'FP1', 'YP1', 1)]]]);
    const rows = [
      row('FP1', 'YP1', code(A, 1), 2),
      row('FP1', 'YP1', code(A, 1), 3),
      row('FP1', 'YP1', code(A, 2).slice(0, 19), 4),
      row('FP1', 'YP1', '8300254000000000000X', 5),
    ];
    const p = planInvoiceCodes({ rows, lines, prefixes });
    expect(p.findings.map((f) => [f.kind, f.line])).toEqual([
      ['codes_over', 2],
      ['duplicate_in_file', 3],
      ['bad_length', 4],
      ['bad_chars', 5],
    ]);
    expect(p.writes).toHaveLength(1);
  });

  it('picks the line by batch when the invoice has the drug twice, and by product prefix when the list names no drug', () => {
    const lines = new Map([
      [
        'FP1',
        [
          line('RK1', 'FP1', 'YP1', 1, [], { manu_lotnum: 'L1' }),
          line('RK2', 'FP1', 'YP1', 1, [], { manu_lotnum: 'L2' }),
          line('RK3', 'FP1', 'YP2', 1),
        ],
      ],
    ]);
    const rows = [
      row('FP1', 'YP1', code(A, 1), 2, { manu_lotnum: 'L2' }),
      row('FP1', 'YP1', code(A, 2), 3, { manu_lotnum: 'L1' }),
      row('FP1', '', code(B, 3), 4),
    ];
    const p = planInvoiceCodes({ rows, lines, prefixes });
    expect(p.findings).toEqual([]);
    expect(p.writes.map((w) => [w.stock_id, w.drug_trac_codg])).toEqual([
      ['RK2', code(A, 1)],
      ['RK1', code(A, 2)],
      ['RK3', code(B, 3)],
    ]);
  });

  it('groups stock_in_by_invoice rows into lines and leaves out stock-outs', () => {
    const ls = invoiceLines([
      {
        stock_id: 'RK1',
        invc_no: 'FP1',
        inv_chg_type: '108',
        fixmedins_hilist_id: 'YP1',
        cnt: '2.0000',
        trac_seq: 1,
        drug_trac_codg: code(A, 1),
      },
      {
        stock_id: 'RK1',
        invc_no: 'FP1',
        inv_chg_type: '108',
        fixmedins_hilist_id: 'YP1',
        cnt: '2.0000',
        trac_seq: 2,
        drug_trac_codg: code(A, 2),
      },
      {
        stock_id: 'RK2',
        invc_no: 'FP1',
        inv_chg_type: '108',
        fixmedins_hilist_id: 'YP2',
        cnt: '1',
        trac_seq: null,
        drug_trac_codg: null,
      },
      {
        stock_id: 'RK3',
        invc_no: 'FP1',
        inv_chg_type: '109',
        fixmedins_hilist_id: 'YP2',
        cnt: '1',
        trac_seq: null,
        drug_trac_codg: null,
      },
    ]);
    expect(ls.map((l) => [l.stock_id, l.codes.length, l.cnt])).toEqual([
      ['RK1', 2, '2.0000'],
      ['RK2', 0, '1'],
    ]);
  });
});

describe('readInvoiceFile', () => {
  it('reads a GBK CSV with Chinese headers', async () => {
    const f = path.join(dir, 'gbk.csv');
    fs.writeFileSync(
      f,
      iconv.encode(
        `发票号,药品编码,药品名称,批号,有效期,追溯码\r\nFP1,YP1,阿莫西林胶囊,L1,2027-01-01,${code(A, 1)}\r\nFP1,YP1,阿莫西林胶囊,L1,2027-01-01,${code(A, 2)}\r\n`,
        'gbk',
      ),
    );
    const rows = await readInvoiceFile(f, 'gbk.csv');
    expect(rows).toEqual([
      {
        file: 'gbk.csv',
        line: 2,
        invc_no: 'FP1',
        drug: 'YP1',
        drug_trac_codg: code(A, 1),
        manu_lotnum: 'L1',
        expy_end: '2027-01-01',
      },
      {
        file: 'gbk.csv',
        line: 3,
        invc_no: 'FP1',
        drug: 'YP1',
        drug_trac_codg: code(A, 2),
        manu_lotnum: 'L1',
        expy_end: '2027-01-01',
      },
    ]);
  });

  it('reads an xlsx with national column names and the drug by name', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('codes');
    ws.addRow(['invc_no', 'fixmedins_hilist_name', 'manu_lotnum', 'drug_trac_codg']);
    ws.addRow(['FP2', '阿莫西林胶囊', 'L9', code(A, 7)]);
    const f = path.join(dir, 'codes.xlsx');
    await wb.xlsx.writeFile(f);
    const rows = await readInvoiceFile(f, 'codes.xlsx');
    expect(rows).toEqual([
      {
        file: 'codes.xlsx',
        line: 2,
        invc_no: 'FP2',
        drug: '阿莫西林胶囊',
        drug_trac_codg: code(A, 7),
        manu_lotnum: 'L9',
        expy_end: '',
      },
    ]);
  });

  it('reads a TXT of one code per line, the invoice number from the file name', async () => {
    const f = path.join(dir, 'FP3.txt');
    fs.writeFileSync(f, `${code(A, 1)}\n\n${code(A, 2)}\n`);
    const rows = await readInvoiceFile(f, 'FP3.txt');
    expect(rows.map((r) => [r.line, r.invc_no, r.drug, r.drug_trac_codg])).toEqual([
      [1, 'FP3', '', code(A, 1)],
      [3, 'FP3', '', code(A, 2)],
    ]);
  });

  it('refuses a list whose header has no code column, naming the file and line', async () => {
    const f = path.join(dir, 'bad.csv');
    fs.writeFileSync(f, '发票号,药品编码\nFP1,YP1\n');
    await expect(readInvoiceFile(f, 'bad.csv')).rejects.toMatchObject({
      code: 'TRACE_INVOICE_FILE',
      summary: expect.stringContaining('bad.csv line 1'),
    });
  });

  it('takes the code lists of a folder, sorted', () => {
    const sub = path.join(dir, 'folder');
    fs.mkdirSync(sub);
    for (const n of ['b.csv', 'a.txt', 'notes.md']) fs.writeFileSync(path.join(sub, n), '');
    expect(invoiceFiles([sub]).map((f) => path.basename(f))).toEqual(['a.txt', 'b.csv']);
  });
});
