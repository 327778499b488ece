/**
 * `hisops trace check <file>`: records or codes from a file instead of the HIS. Pure: the command
 * reads the file and passes its text.
 *
 * - `.json`: an array of rows with the columns of dispensing_for_upload / stock_for_upload (one row
 *   per code), or `{ "dispensing": [...], "stock": [...] }`.
 * - `.csv`: a header with those columns (disp_id for dispensing rows, stock_id for stock rows).
 * - anything else (`.txt`): one scanned code per line — checked as codes only (format and
 *   repeats), since a bare list says nothing about drugs or movements.
 */
import { inputError } from '../errors.js';
import { parseCsv } from '../shared/index.js';
import { normalizeCode } from './normalizeCode.js';
import { FINDING_FIX } from './traceChecker.js';
import type { Finding } from './types.js';

type Row = Record<string, unknown>;

export interface TraceFileRows {
  format: 'json' | 'csv' | 'codes';
  dispensing: Row[];
  dispensingLines: number[];
  stock: Row[];
  stockLines: number[];
  /** Plain code list (format codes): the raw lines with their line numbers. */
  codes: Array<{ line: number; raw: string }>;
}

const FIX =
  'Give a .json array of rows, a .csv with a header (disp_id or stock_id, drug_trac_codg …), or a .txt with one code per line (see docs/trace.md).';
const FIX_ZH =
  '请给出行数组形式的 .json、带表头（disp_id 或 stock_id、drug_trac_codg 等）的 .csv，或每行一个追溯码的 .txt（见 docs/trace.md）。';

function splitRows(rows: Row[], lines: number[], out: TraceFileRows, file: string): void {
  rows.forEach((r, i) => {
    if (r.disp_id !== undefined && r.disp_id !== null && r.disp_id !== '') {
      out.dispensing.push(r);
      out.dispensingLines.push(lines[i]!);
    } else if (r.stock_id !== undefined && r.stock_id !== null && r.stock_id !== '') {
      out.stock.push(r);
      out.stockLines.push(lines[i]!);
    } else
      throw inputError('TRACE_FILE_ROW', `${file}:${lines[i]}: the row has neither disp_id nor stock_id`, FIX).zh(
        `${file}:${lines[i]}：该行既没有 disp_id 也没有 stock_id`,
        FIX_ZH,
      );
  });
}

export function parseTraceFile(text: string, file: string): TraceFileRows {
  const out: TraceFileRows = {
    format: 'codes',
    dispensing: [],
    dispensingLines: [],
    stock: [],
    stockLines: [],
    codes: [],
  };
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return readJson(text, file, out);
  if (lower.endsWith('.csv')) return readCsv(text, file, out);
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
      out.codes.push({ line: i + 1, raw });
    });
  return out;
}

/** A JSON array of rows, or `{ dispensing, stock }` (each list's rows numbered from 1). */
function readJson(text: string, file: string, out: TraceFileRows): TraceFileRows {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw inputError('TRACE_FILE', `${file} is not valid JSON`, FIX, (e as Error).message).zh(
      `${file} 不是有效的 JSON`,
      FIX_ZH,
    );
  }
  out.format = 'json';
  if (Array.isArray(doc)) {
    const rows = jsonRows(doc, 'the document', file);
    splitRows(
      rows,
      rows.map((_, i) => i + 1),
      out,
      file,
    );
  } else if (doc && typeof doc === 'object') {
    const d = jsonRows((doc as Row).dispensing, 'dispensing', file);
    const s = jsonRows((doc as Row).stock, 'stock', file);
    splitRows([...d, ...s], [...d.map((_, i) => i + 1), ...s.map((_, i) => i + 1)], out, file);
  } else
    throw inputError('TRACE_FILE', `${file} holds neither a list of rows nor { dispensing, stock }`, FIX).zh(
      `${file} 既不是行的列表，也不是 { dispensing, stock }`,
      FIX_ZH,
    );
  return out;
}

/** A list of row objects (absent: none). */
function jsonRows(v: unknown, what: string, file: string): Row[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => x && typeof x === 'object' && !Array.isArray(x)))
    throw inputError('TRACE_FILE', `${file}: ${what} is not a list of rows`, FIX).zh(
      `${file}：${what} 不是行的列表`,
      FIX_ZH,
    );
  return v as Row[];
}

/** A CSV with a header naming disp_id or stock_id; blank lines are skipped. */
function readCsv(text: string, file: string, out: TraceFileRows): TraceFileRows {
  // Each record with the line it starts on: a quoted cell may hold a line break.
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return { ...out, format: 'csv' };
  const head = rows[0]!.cells.map((h) => h.trim().toLowerCase());
  if (!head.includes('disp_id') && !head.includes('stock_id'))
    throw inputError('TRACE_FILE', `${file}: the header names neither disp_id nor stock_id`, FIX).zh(
      `${file}：表头中既没有 disp_id 也没有 stock_id`,
      FIX_ZH,
    );
  out.format = 'csv';
  const data: Row[] = [];
  const lines: number[] = [];
  for (const { cells, line } of rows.slice(1)) {
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    const r: Row = {};
    head.forEach((h, k) => {
      const v = cells[k];
      // An empty cell is "no value"; a code cell keeps its spaces so that trimming is reported honestly.
      r[h] = v === undefined || v === '' ? null : h === 'drug_trac_codg' ? v : v.trim() === '' ? null : v.trim();
    });
    if (r.trac_seq !== null && r.trac_seq !== undefined) r.trac_seq = Number(r.trac_seq);
    data.push(r);
    lines.push(line);
  }
  splitRows(data, lines, out, file);
  return out;
}

/** A bare list of codes: each checked on its own, and repeats within the list. */
export function checkCodeList(codes: ReadonlyArray<{ line: number; raw: string }>, file: string): Finding[] {
  const findings: Finding[] = [];
  const firstLine = new Map<string, number>();
  const base = { record_key: `file:${file}`, record_id: file, record_kind: null, day: '', fixmedins_hilist_id: '' };
  for (const { line, raw } of codes) {
    const v = normalizeCode(raw);
    if (!v.ok) {
      findings.push({
        ...base,
        kind: v.kind,
        drug_trac_codg: raw,
        related_id: null,
        message: v.reason,
        fix: FINDING_FIX[v.kind],
        line,
      });
      continue;
    }
    const prev = firstLine.get(v.code);
    if (prev !== undefined)
      findings.push({
        ...base,
        kind: 'duplicate_in_batch',
        drug_trac_codg: v.code,
        related_id: `line ${prev}`,
        message: `${v.code} is on line ${prev} and again on line ${line}`,
        fix: 'Every box has its own code: remove the double scan.',
        line,
      });
    else firstLine.set(v.code, line);
  }
  return findings;
}
