/**
 * The 对账单 as an Excel workbook (exceljs): a first sheet with the title lines, the result and
 * the signature lines, then one sheet per table of the report model with worded headers, amounts
 * as numbers formatted with 2 decimals, the header rows frozen and repeated on printed pages, and
 * the 合计 row as SUM formulas (with their values, so a reader that does not calculate shows them).
 * Amounts become spreadsheet numbers only here, at the edge: the exact text is the model's.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { reportModel, type Cell, type Column, type ReportInput, type ReportModel, type Sheet } from './reportModel.js';

const MONEY_FORMAT = '#,##0.00';
/** Rows above the data of a table sheet: the title, the institution and period, the headers. */
const HEAD_ROWS = 3;

function colName(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function cellValue(c: Column, v: Cell): string | number {
  if (v === null) return c.kind === 'text' ? '' : '—';
  if (c.kind === 'int' || c.kind === 'money') return typeof v === 'number' ? v : Number(v);
  return v;
}

function summarySheet(wb: Workbook, m: ReportModel): void {
  const ws = wb.addWorksheet(m.t('rcr.sheet.summary'), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 60;
  ws.addRow([m.title]).font = { bold: true, size: 16 };
  for (const [k, v] of m.meta) ws.addRow([k, v]);
  ws.addRow([m.t('rcr.result'), m.status.text]).getCell(2).font = {
    bold: true,
    color: { argb: m.status.ok === true ? 'FF1E7E34' : m.status.ok === false ? 'FFB02A1F' : 'FF666666' },
  };
  ws.addRow([m.summaryLine]);
  ws.addRow([]);
  ws.addRow([]);
  for (const s of m.signatures) ws.addRow([`${s}：`, '']).getCell(2).border = { bottom: { style: 'thin' } };
}

function tableSheet(wb: Workbook, m: ReportModel, sh: Sheet, subtitle: string): Worksheet {
  const ws = wb.addWorksheet(sh.name, {
    views: [{ state: 'frozen', ySplit: HEAD_ROWS, xSplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: sh.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEAD_ROWS}:${HEAD_ROWS}`,
    },
  });
  sh.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width + 2;
    if (c.kind === 'money') col.numFmt = MONEY_FORMAT;
    if (c.kind === 'text' && c.width >= 30) col.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.addRow([`${m.title} · ${sh.title}`]).font = { bold: true, size: 14 };
  ws.addRow([subtitle]);
  const head = ws.addRow(sh.columns.map((c) => c.label));
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEEEEEE' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const r of sh.rows) ws.addRow(sh.columns.map((c, i) => cellValue(c, r[i] ?? null)));
  if (sh.total) addTotal(ws, sh);
  return ws;
}

/** 合计: SUM over the data rows where the model has a total (its exact value as the cached result). */
function addTotal(ws: Worksheet, sh: Sheet): void {
  const first = HEAD_ROWS + 1;
  const last = HEAD_ROWS + sh.rows.length;
  const row = ws.addRow(
    sh.columns.map((c, i) => {
      const v = sh.total![i] ?? null;
      if (c.kind === 'text' || v === null || sh.rows.length === 0) return cellValue(c, v);
      const L = colName(i + 1);
      return { formula: `SUM(${L}${first}:${L}${last})`, result: Number(v) };
    }),
  );
  row.font = { bold: true };
  row.eachCell((cell) => (cell.border = { top: { style: 'double' } }));
}

/** The workbook's bytes. */
export async function reportXlsx(r: ReportInput): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const m = reportModel(r);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hisops';
  wb.created = new Date(r.generated_at);
  summarySheet(wb, m);
  const subtitle = m.meta
    .map(([, v]) => v)
    .slice(0, -2)
    .join(' · ');
  for (const sh of m.sheets) tableSheet(wb, m, sh, subtitle);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
