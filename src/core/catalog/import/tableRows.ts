/**
 * The rows of one table, read and checked, as batches ready for the importer (importRows.ts): the
 * layout from the first row, every row checked (catalogRow), a key seen twice in the table
 * refused, and the values of the good rows packed per batch, so that a batch crosses from the
 * reading thread to the writing one (rowThread.ts) in one piece, where arrays of small strings
 * would be cloned value by value.
 *
 * Two packings: `values` joins the stored values into one string (SEP between them, NUL for
 * null) for the importer to split and bind; `copy` writes them as PostgreSQL COPY CSV, encoded as
 * UTF-8 into bytes that are handed over rather than copied, so that the importer sends a new
 * row's bytes as they are. A row that the packing cannot carry (a value holding SEP or NUL) and a
 * refused row travel beside the batch as plain objects.
 */
import { layoutFor } from '../catalogColumns.js';
import { catalogRow, LineIndex, rowPlan, type RowContext } from '../catalogRow.js';
import { hash1, hash2, LineTable } from '../keyTable.js';
import type { CatalogKind } from '../kinds.js';
import type { Problem } from '../problems.js';
import type { RawRow } from '../read/delimited.js';
import type { Encoding } from '../read/encoding.js';
import type { TableSource } from '../read/openTable.js';
import { columnLetter } from '../read/xlsx.js';
import { copyCsv } from '../store/bulkWriter.js';
import { COL } from '../storedColumns.js';

type Values = (string | number | null)[];

/** Values packed per row: the stored columns up to row_fp (src_file, src_line and the import ids are the importer's). */
export const PACKED = COL.row_fp + 1;
export const SEP = '\u0001';
export const NUL = '\u0002';
/** Numbers per row in a batch's `meta`: line, fingerprint, the key's two hashes, version, side row, text span. */
export const STRIDE = 8;

export type RowMode = 'values' | 'copy';

/** A row beside the packed ones: refused (its problems and cells) or unpackable (its values). */
interface SideRow {
  problems?: Problem[];
  cells?: string[];
  values?: Values;
}

export interface RowBatch {
  t: 'rows';
  /** `values` batches: the packed values. */
  text: string;
  /** `copy` batches: the rows' COPY CSV in UTF-8 (transferred, not cloned). */
  bytes?: Uint8Array;
  /**
   * Per row: line, fp, hash1, hash2, index into `vers` (-1: none), side row + 1 (0: packed), and
   * where its packing is: its first and last value's places in `text` (values), or its span of `bytes` (copy).
   */
  meta: Float64Array;
  /** ver, ver_name pairs the rows name. */
  vers: (string | null)[];
  side: SideRow[];
}

export type RowMessage =
  | { t: 'problem'; p: Problem }
  | { t: 'table'; line: number; layout: ReturnType<typeof layoutFor> }
  | RowBatch
  | { t: 'end'; encoding?: Encoding; encodingHow?: TableSource['encodingHow'] };

/** A row's values pushed to a batch's pieces (joined by SEP at the end: cheaper here than a rope). */
function packValues(parts: string[], values: Values): void {
  for (let i = 0; i < PACKED; i++) {
    const v = values[i];
    parts.push(v === null || v === undefined ? NUL : String(v));
  }
}

/**
 * A batch's COPY CSV as UTF-8, row by row into one buffer of its own (never the shared pool), so
 * that its memory can be transferred to the importer's thread instead of copied.
 */
class Utf8Sink {
  buf: Buffer;
  len = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  append(s: string): void {
    // At most three bytes per UTF-16 unit.
    if (this.len + s.length * 3 > this.buf.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.len + s.length * 3));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.len += this.buf.write(s, this.len);
  }
}

/** Bytes set aside for a batch's COPY CSV at first: a little more than the last batch took. */
let sinkSize = 1 << 16;

/** A row whose values could hold SEP or NUL (the values come from its cells). */
function unpackable(row: RawRow): boolean {
  const t = row.text;
  if (t !== undefined) return t.indexOf(SEP) >= 0 || t.indexOf(NUL) >= 0;
  return row.cells.some((c) => c.indexOf(SEP) >= 0 || c.indexOf(NUL) >= 0);
}

function versionIndex(vers: (string | null)[], values: Values): number {
  const ver = values[COL.ver] as string | null;
  if (ver === null) return -1;
  const name = (values[COL.ver_name] as string | null) ?? null;
  const k = vers.length;
  if (k >= 2 && vers[k - 2] === ver && vers[k - 1] === name) return k - 2;
  vers.push(ver, name);
  return k;
}

function duplicate(ctx: RowContext, line: number, code: string, begndate: string, seenAt: number): Problem {
  return {
    code: 'DUPLICATE_KEY',
    file: ctx.file,
    line,
    column: 'med_list_codg + begndate',
    message: `${code} starting ${begndate} already appears on line ${seenAt}`,
    fix: 'Keep one of the two lines (a code may appear again only with a different begndate).',
    value: code,
  };
}

/** Check and pack rows [start, end) of a batch of the reader. */
export function packBatch(batch: RawRow[], start: number, ctx: RowContext, seen: LineTable, mode: RowMode): RowBatch {
  const n = batch.length - start;
  const meta = new Float64Array(n * STRIDE);
  const sink = mode === 'copy' ? new Utf8Sink(sinkSize) : undefined;
  const parts: string[] = [];
  const vers: (string | null)[] = [];
  const side: SideRow[] = [];
  let len = 0;
  for (let r = 0; r < n; r++) {
    const row = batch[start + r]!;
    const m = r * STRIDE;
    meta[m] = row.line;
    meta[m + 4] = -1;
    ctx.line = row.line;
    const res = catalogRow(row, ctx);
    if (!res.ok) {
      meta[m + 5] = side.push({ problems: res.problems, cells: row.cells });
      continue;
    }
    const h1 = hash1(res.code, res.begndate);
    const h2 = hash2(res.code, res.begndate);
    const seenAt = seen.see(h1, h2, row.line);
    if (seenAt > 0) {
      meta[m + 5] = side.push({
        problems: [duplicate(ctx, row.line, res.code, res.begndate, seenAt)],
        cells: row.cells,
      });
      continue;
    }
    meta[m + 1] = res.fp;
    meta[m + 2] = h1;
    meta[m + 3] = h2;
    meta[m + 4] = versionIndex(vers, res.values);
    if (sink) {
      meta[m + 6] = sink.len;
      sink.append(copyCsv(res.values, PACKED, ','));
      meta[m + 7] = sink.len;
      continue;
    }
    if (unpackable(row)) {
      meta[m + 5] = side.push({ values: res.values });
      continue;
    }
    meta[m + 6] = len;
    packValues(parts, res.values);
    len += PACKED;
    meta[m + 7] = len;
  }
  if (!sink) return { t: 'rows', text: parts.join(SEP), meta, vers, side };
  sinkSize = Math.max(1 << 16, Math.ceil(sink.len * 1.25));
  return { t: 'rows', text: '', bytes: sink.buf.subarray(0, sink.len), meta, vers, side };
}

/** One COPY CSV value as packed (tableRows.ts): quoted with quotes doubled, or nothing for null. */
function csvValues(text: string, out: Values): void {
  let i = 0;
  for (let k = 0; k < PACKED; k++) {
    if (text.charCodeAt(i) !== 34) {
      out[k] = null;
      i++;
      continue;
    }
    let v = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (text.charCodeAt(q + 1) === 34) {
        v += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      out[k] = v + text.slice(from, q);
      i = q + 2;
      break;
    }
  }
}

/**
 * A batch's packing as the importer reads it: the values of a `values` batch split, null for
 * NUL, or a `copy` batch's bytes.
 */
export class Unpacked {
  readonly flat: (string | null)[] | undefined;
  readonly bytes: Buffer | undefined;

  constructor(b: RowBatch) {
    if (b.bytes) this.bytes = Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength);
    else if (b.text.length > 0) {
      const flat: (string | null)[] = b.text.split(SEP);
      for (let i = 0; i < flat.length; i++) if (flat[i] === NUL) flat[i] = null;
      this.flat = flat;
    }
  }
}

/** A good row of a batch, unpacked: its key hashes and fingerprint, its packed values, its values when asked for. */
export class PackedRow {
  line = 0;
  fp = 0;
  h1 = 0;
  h2 = 0;
  ver: string | null = null;
  verName: string | null = null;
  /** Where its values are in the batch's `flat` (values batches; -1: beside the batch). */
  at = -1;
  /** Its COPY CSV's span of the batch's `bytes` (copy batches; start -1: beside the batch). */
  start = -1;
  end = -1;
  private vals: Values | undefined;

  constructor(
    private readonly fileIndex: number,
    readonly packing: Unpacked,
  ) {}

  set(b: RowBatch, m: number, packed: number, values: Values | undefined): void {
    const meta = b.meta;
    this.line = meta[m]!;
    this.fp = meta[m + 1]!;
    this.h1 = meta[m + 2]!;
    this.h2 = meta[m + 3]!;
    const v = meta[m + 4]!;
    this.ver = v < 0 ? null : b.vers[v]!;
    this.verName = v < 0 ? null : b.vers[v + 1]!;
    const inline = !values && (this.packing.flat || this.packing.bytes);
    this.at = inline && this.packing.flat ? packed * PACKED : -1;
    this.start = inline && this.packing.bytes ? meta[m + 6]! : -1;
    this.end = meta[m + 7]!;
    this.vals = values;
    if (values) {
      values[COL.src_file] = this.fileIndex;
      values[COL.src_line] = this.line;
    }
  }

  values(): Values {
    if (!this.vals) {
      const vals: Values = new Array(COL.import_id + 1).fill(null);
      const { flat, bytes } = this.packing;
      if (flat) for (let i = 0; i < PACKED; i++) vals[i] = flat[this.at + i]!;
      else csvValues(bytes!.toString('utf8', this.start, this.end), vals);
      vals[COL.src_file] = this.fileIndex;
      vals[COL.src_line] = this.line;
      this.vals = vals;
    }
    return this.vals;
  }
}

/** The messages of one table: its layout, its batches of rows, its encoding at the end. */
export async function* tableRows(
  src: TableSource,
  kind: CatalogKind | undefined,
  mode: RowMode,
): AsyncGenerator<RowMessage> {
  let ctx: RowContext | undefined;
  let seen: LineTable | undefined;
  let skip = false;
  for await (const batch of src.rows()) {
    if (skip) continue;
    let start = 0;
    if (!ctx || !seen) {
      const first = batch[0];
      if (!first) continue;
      const layout = layoutFor(first.cells, src.file, kind);
      yield { t: 'table', line: first.line, layout };
      if (!layout.ok) {
        skip = true;
        continue;
      }
      ctx = {
        file: src.file,
        line: 0,
        layout: layout.layout,
        plan: rowPlan(layout.layout.kind),
        colName: (i) => (src.format === 'xlsx' ? `col ${columnLetter(i)}` : `col ${i + 1}`),
        index: new LineIndex(),
      };
      seen = new LineTable();
      if (layout.layout.mode === 'header') start = 1;
    }
    yield packBatch(batch, start, ctx, seen, mode);
  }
  yield { t: 'end', encoding: src.encoding, encodingHow: src.encodingHow };
}
