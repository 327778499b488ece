/**
 * One catalog row: raw cells → the values hisops stores, or the problems that stop it.
 *
 * hisops keeps, per entry, the columns it works with — code, validity period (normalised to
 * yyyy-MM-dd; Java's Date.toString() and other forms accepted), vali_flag, name, specification,
 * category A/B/C as chrgitm_lv 01/02/03, price limit, self-pay ratio, manufacturer, approval
 * number, unit, record id and version — and where the row came from (src_file, src_line), so the
 * full record can be read again from the archived download (`catalogEntryDetails`). Writing ~20
 * short values instead of ~70 is what lets an import keep pace with the databases' own loaders.
 * A fingerprint of the row's text tells a re-published row that changed from one that did not.
 * Pure; written for a million rows a run.
 */
import { crc32 } from 'node:zlib';
import type { Layout } from './catalogColumns.js';
import { problem, readAmounts, readFeeds, readKey } from './catalogRowChecks.js';
import { KINDS, type CatalogKind, type KindSpec } from './kinds.js';
import type { Problem } from './problems.js';
import { CATALOG_COLUMNS_STORED, COL as C, type StoredColumn } from './storedColumns.js';

const WIDTH = CATALOG_COLUMNS_STORED.length;

/** Indexes of the documented columns feeding each stored column, per kind. */
export interface RowPlan {
  k: KindSpec;
  ndoc: number;
  iBegn: number;
  iEnd: number;
  iVali: number;
  iLv: number;
  /** Stored column → documented indexes to try, first non-null wins. */
  feeds: Array<[number, number[]]>;
}

export function rowPlan(kind: CatalogKind): RowPlan {
  const k = KINDS[kind];
  const idx = (fields: readonly string[]) => fields.map((f) => k.columns.indexOf(f)).filter((i) => i >= 0);
  const feeds: Array<[number, number[]]> = [
    [C.hilist_name, idx(k.nameFields)],
    [C.hilist_spec, idx(k.specFields)],
    [C.prodentp_name, idx(k.entpFields)],
    [C.aprvno, idx(k.aprvFields)],
    [C.prcunt, idx(k.unitFields)],
    [C.rid, idx(['rid'])],
    [C.ver, idx(['ver'])],
    [C.ver_name, idx(['ver_name'])],
    [C.updt_time, idx(['updt_time'])],
  ];
  return {
    k,
    ndoc: k.columns.length,
    iBegn: k.columns.indexOf(k.beginField),
    iEnd: k.columns.indexOf(k.endField),
    iVali: k.columns.indexOf('vali_flag'),
    iLv: k.columns.indexOf('nat_hi_druglist_chrgitm_lv'),
    feeds: feeds.filter(([, from]) => from.length > 0),
  };
}

export function clean(v: string | undefined): string | null {
  if (v === undefined) return null;
  const n = v.length;
  if (n === 0) return null;
  // Most cells have no surrounding blanks: look at the ends before paying for trim().
  const t = v.charCodeAt(0) <= 32 || v.charCodeAt(n - 1) <= 32 ? v.trim() : v;
  if (t.length === 0 || (t.length === 4 && (t === 'null' || t === 'NULL' || t.toLowerCase() === 'null'))) return null;
  return t;
}

/**
 * A 52-bit fingerprint of a row's text: the CRC-32 of its UTF-8 (computed natively, or given: the
 * GBK decoder takes it while decoding) and its length. A row re-published unchanged has the same
 * text; any edit changes the CRC with near certainty.
 */
export function fingerprint(text: string, crc = -1): number {
  return (crc >= 0 ? crc : crc32(text)) * 1048576 + (text.length & 0xfffff);
}

/**
 * `fp.toString(36)` for a fingerprint (a whole number below 2^52), the text stored as row_fp.
 * Number#toString with a radix takes a slow path for numbers past 2^31; two halves of six base-36
 * digits each take the fast one, which saves a fifth of a second per 200,000 rows.
 */
export function fingerprintText(fp: number): string {
  const lo = fp % 2176782336; // 36^6
  const hi = (fp - lo) / 2176782336;
  const l = lo.toString(36);
  return hi === 0 ? l : hi.toString(36) + '000000'.slice(l.length) + l;
}

interface RowOk {
  ok: true;
  values: (string | number | null)[];
  code: string;
  begndate: string;
  fp: number;
}

interface RowBad {
  ok: false;
  problems: Problem[];
}

/**
 * Cell offsets of one line, reused from row to row: positional rows are read field by field
 * from their text instead of being split into seventy strings.
 */
export class LineIndex {
  text = '';
  count = 0;
  private readonly starts = new Int32Array(1024);
  private delimLen = 1;

  /** Index a line; false when it has more columns than the index holds (the caller splits it). */
  load(text: string, delimiter: string): boolean {
    this.text = text;
    this.delimLen = delimiter.length;
    const st = this.starts;
    let n = 1;
    st[0] = 0;
    for (let j = text.indexOf(delimiter); j >= 0; j = text.indexOf(delimiter, j + delimiter.length)) {
      if (n >= st.length - 1) return false;
      st[n++] = j + delimiter.length;
    }
    st[n] = text.length + delimiter.length;
    this.count = n;
    return true;
  }

  /** Index a line from where its tabs are (noted by the decoder): tabs[from, to) less base. */
  loadTabs(text: string, tabs: Int32Array, from: number, to: number, base: number): boolean {
    const st = this.starts;
    const n = to - from + 1;
    if (n >= st.length) return false;
    this.text = text;
    this.delimLen = 1;
    st[0] = 0;
    for (let k = 1; k < n; k++) st[k] = tabs[from + k - 1]! - base + 1;
    st[n] = text.length + 1;
    this.count = n;
    return true;
  }

  get(i: number): string | undefined {
    if (i >= this.count) return undefined;
    return this.text.slice(this.starts[i]!, this.starts[i + 1]! - this.delimLen);
  }
}

export interface RowContext {
  file: string;
  /** Index of the file within its kind's import (stored as src_file). */
  fileIndex?: number;
  line: number;
  layout: Layout;
  plan: RowPlan;
  /** How to name a cell position in messages (col 5, col E…). */
  colName: (cellIndex: number) => string;
  /** Reused between rows by the caller (positional text rows). */
  index?: LineIndex;
}

type Values = (string | number | null)[];
type Row = {
  readonly cells: string[];
  readonly text?: string;
  readonly delimiter?: string;
  /** Where a tab-separated line's tabs are and its CRC, when its decoder noted them (delimited.ts's TextRow). */
  readonly tabs?: Int32Array;
  readonly crc?: number;
  readonly tabFrom?: number;
  readonly tabTo?: number;
  readonly tabBase?: number;
};

/** Index a positional row's line: from the tabs its decoder noted, else by searching it. */
function indexLine(idx: LineIndex, row: Row): boolean {
  const text = row.text!;
  if (row.tabs && row.delimiter === '\t') return idx.loadTabs(text, row.tabs, row.tabFrom!, row.tabTo!, row.tabBase!);
  return idx.load(text, row.delimiter!);
}

/** A row being read: its stored values so far, how to reach a documented column, its problems. */
export interface Reading {
  ctx: RowContext;
  values: Values;
  /** Documented column → its cleaned value (null when empty or absent). */
  doc: (i: number) => string | null;
  /** Documented column → the cell it came from (header files), for messages. */
  cellOf?: number[];
  extra?: Record<string, string>;
  /** The text the fingerprint covers, and its CRC-32 when the decoder took it (-1: not). */
  fpText: string;
  fpCrc: number;
  problems?: Problem[];
}

/** A positional row (the center's files): read through the line index when it carries its text. */
function readPositional(row: Row, ctx: RowContext): Reading | RowBad {
  const { plan } = ctx;
  const k = plan.k;
  const idx = ctx.index;
  let count: number;
  let get: (i: number) => string | undefined;
  let fpText: string;
  let fpCrc = -1;
  if (idx && row.text !== undefined && row.delimiter && indexLine(idx, row)) {
    count = idx.count;
    get = (i) => idx.get(i);
    fpText = row.text;
    fpCrc = row.crc ?? -1;
  } else {
    const cells = row.cells;
    count = cells.length;
    get = (i) => cells[i];
    fpText = row.text ?? cells.join('\t');
  }
  if (count < plan.ndoc) {
    return {
      ok: false,
      problems: [
        problem(
          ctx,
          'COLUMN_COUNT',
          `${count} columns`,
          `the line has ${count} columns; ${k.kind} files have ${plan.ndoc} (more are allowed, fewer are not)`,
          `Check that this is a ${k.kind} ${k.label.en} file and that the line was not cut or joined; or pass the right --kind.`,
        ),
      ],
    };
  }
  let extra: Record<string, string> | undefined;
  for (let i = plan.ndoc; i < count; i++) {
    const v = clean(get(i));
    if (v !== null) (extra ??= {})[`col_${i + 1}`] = v;
  }
  return {
    ctx,
    values: new Array(WIDTH).fill(null),
    doc: (i) => (i < 0 ? null : clean(get(i))),
    extra,
    fpText,
    fpCrc,
  };
}

/** A row of a file with a header (CSV, xlsx): cells go to documented columns, stored columns or extra. */
function readByHeader(row: Row, ctx: RowContext): Reading {
  const { plan, layout } = ctx;
  const values: Values = new Array(WIDTH).fill(null);
  const cells = row.cells;
  const { toDocumented, toExtra } = layout;
  const d: (string | null)[] = new Array(plan.ndoc).fill(null);
  const cellOf = new Array<number>(plan.ndoc).fill(-1);
  let extra: Record<string, string> | undefined;
  for (let i = 0; i < cells.length; i++) {
    const v = clean(cells[i]);
    const di = toDocumented[i] ?? -1;
    if (di >= 0) {
      d[di] = v;
      cellOf[di] = i;
    } else if (toExtra[i]) values[C[toExtra[i] as StoredColumn]] = v;
    else if (v !== null) (extra ??= {})[layout.header?.[i] || `col_${i + 1}`] = v;
  }
  const fpText =
    d.map((v) => v ?? '').join('\t') +
    '\u0001' +
    [C.hilist_name, C.hilist_spec, C.chrgitm_lv, C.pric_uplmt_amt, C.selfpay_prop]
      .map((i) => values[i] ?? '')
      .join('\u0001');
  return { ctx, values, doc: (i) => (i < 0 ? null : clean(d[i] ?? undefined)), cellOf, extra, fpText, fpCrc: -1 };
}

/**
 * A row → stored values, or every problem of the row. Positional rows that carry their text are
 * read through the line index; the text as read is what the fingerprint covers.
 */
export function catalogRow(row: Row, ctx: RowContext): RowOk | RowBad {
  const r = ctx.layout.mode === 'position' ? readPositional(row, ctx) : readByHeader(row, ctx);
  if ('ok' in r) return r;
  const begn = readKey(r);
  readFeeds(r);
  readAmounts(r);
  if (r.problems) return { ok: false, problems: r.problems };
  const { values, extra } = r;
  if (extra) values[C.extra] = JSON.stringify(extra);
  values[C.src_file] = ctx.fileIndex ?? 0;
  values[C.src_line] = ctx.line;
  const fp =
    ctx.layout.mode === 'position' || !extra
      ? fingerprint(r.fpText, r.fpCrc)
      : fingerprint(r.fpText + '\u0001' + values[C.extra]);
  values[C.row_fp] = fingerprintText(fp);
  return { ok: true, values, code: values[C.med_list_codg] as string, begndate: begn, fp };
}

/** A row's cells (documented order) → every documented field of the kind, null literals and blanks as null. */
export function documentedFields(kind: CatalogKind, cells: readonly string[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  KINDS[kind].columns.forEach((c, i) => (out[c] = clean(cells[i])));
  return out;
}
