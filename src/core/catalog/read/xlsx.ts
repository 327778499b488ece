/**
 * A minimal reader for the simple sheets hospitals export from Excel (xlsx = a ZIP of XML parts):
 * the first worksheet (or a named one), shared and inline strings, numbers and booleans. No
 * formulas are evaluated (their cached value is read), styles are ignored: dates arrive as day
 * numbers, which the date parser accepts for date columns. Rows carry their sheet row number as
 * the line.
 */
import { unzipAll } from '../../shared/zip.js';
import type { RawRow } from './delimited.js';

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default:
        return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** The text of every <t> inside a fragment (rich text runs are joined), phonetic runs skipped. */
function textOf(xml: string): string {
  const noPhonetic = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of noPhonetic.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += unescapeXml(m[1] ?? '');
  return out;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? unescapeXml(m[1]!) : undefined;
}

/** `AB12` → 27 (0-based column index). */
export function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** 0 → A, 27 → AB. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A number as Excel shows it in a General cell: 0.1 not 0.10000000000000001, 45292 not 45292.0. */
function cleanNumber(v: string): string {
  const n = Number(v);
  if (!Number.isFinite(n)) return v;
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  return String(Number(n.toPrecision(15)));
}

interface XlsxSheet {
  name: string;
  rows: RawRow[];
  sheetNames: string[];
}

export class XlsxError extends Error {}

export function readXlsx(data: Buffer, sheet?: string): XlsxSheet {
  let parts: Map<string, Buffer>;
  try {
    parts = new Map(unzipAll(data).map((e) => [e.name, e.data]));
  } catch (e) {
    throw new XlsxError(`not a readable xlsx file (${(e as Error).message})`);
  }
  const part = (name: string): string | undefined => parts.get(name)?.toString('utf8');
  const workbook = part('xl/workbook.xml');
  if (!workbook)
    throw new XlsxError(
      'no xl/workbook.xml inside: this is not an xlsx workbook (old .xls files must be saved as .xlsx or .csv first)',
    );
  const rels = part('xl/_rels/workbook.xml.rels') ?? '';
  const relTarget = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attr(m[1]!, 'Id');
    const target = attr(m[1]!, 'Target');
    if (id && target) relTarget.set(id, target.startsWith('/') ? target.slice(1) : 'xl/' + target.replace(/^\.\//, ''));
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({
    name: attr(m[1]!, 'name') ?? '',
    rid: attr(m[1]!, 'r:id') ?? '',
  }));
  if (sheets.length === 0) throw new XlsxError('the workbook has no sheets');
  const chosen = sheet ? sheets.find((s) => s.name === sheet) : sheets[0];
  if (!chosen) throw new XlsxError(`no sheet named "${sheet}" (sheets: ${sheets.map((s) => s.name).join(', ')})`);
  const path = relTarget.get(chosen.rid) ?? `xl/worksheets/sheet${sheets.indexOf(chosen) + 1}.xml`;
  const xml = part(path);
  if (!xml) throw new XlsxError(`the sheet "${chosen.name}" (${path}) is missing from the file`);
  const shared: string[] = [];
  const sst = part('xl/sharedStrings.xml');
  if (sst) for (const m of sst.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>/g)) shared.push(textOf(m[1]!));

  const rows: RawRow[] = [];
  let implicitRow = 0;
  for (const rm of xml.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attr(rm[1]!, 'r');
    const line = r ? Number(r) : implicitRow + 1;
    implicitRow = line;
    const cells: string[] = [];
    let implicitCol = -1;
    for (const cm of (rm[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const a = cm[1]!;
      const ref = attr(a, 'r');
      const col = ref ? columnIndex(ref) : implicitCol + 1;
      implicitCol = col;
      const body = cm[2] ?? '';
      const t = attr(a, 't');
      const v = /<v\b[^>]*>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (t === 's') value = v !== undefined ? (shared[Number(v)] ?? '') : '';
      else if (t === 'inlineStr') value = textOf(body);
      else if (t === 'str' || t === 'e') value = v !== undefined ? unescapeXml(v) : '';
      else if (t === 'b') value = v === '1' ? 'TRUE' : 'FALSE';
      else value = v !== undefined ? cleanNumber(unescapeXml(v)) : '';
      while (cells.length < col) cells.push('');
      cells[col] = value;
    }
    if (cells.some((c) => c.trim() !== '')) rows.push({ line, cells });
  }
  return { name: chosen.name, rows, sheetNames: sheets.map((s) => s.name) };
}
