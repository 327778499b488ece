/**
 * The packed batches of tableRows.ts against catalogRow itself: every row of a generated table,
 * packed in either form (joined values, COPY CSV) and unpacked as the importer does, gives the
 * values, fingerprint and key catalogRow gives; refused rows and duplicates carry their problems.
 */
import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src/core/catalog/catalogColumns.js';
import { catalogRow, LineIndex, rowPlan, type RowContext } from '../../../src/core/catalog/catalogRow.js';
import {
  packBatch,
  PackedRow,
  SEP,
  STRIDE,
  Unpacked,
  type RowBatch,
} from '../../../src/core/catalog/import/tableRows.js';
import { hash1, hash2, KeyTable, LineTable } from '../../../src/core/catalog/keyTable.js';
import { KINDS } from '../../../src/core/catalog/kinds.js';
import { TextRow, type RawRow } from '../../../src/core/catalog/read/delimited.js';
import { sampleRow } from '../../../src/core/catalog/sampleFiles.js';
import { COL } from '../../../src/core/catalog/storedColumns.js';

const column = (c: string) => KINDS['1306'].columns.indexOf(c);

/** Generated 1306 lines, with quotes, separators, blanks, a duplicate and bad rows among them. */
function lines(): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < 1200; i++) {
    const r = sampleRow('1306', i);
    if (i % 7 === 1) r[column('hilist_name') >= 0 ? column('hilist_name') : 1] = `名"称"${i}"`;
    if (i % 11 === 2) r[1] = `a${SEP}b\u0002c`;
    if (i % 13 === 3) r[1] = '';
    if (i % 17 === 4) r[1] = '""';
    if (i % 19 === 5) r.push('extra, "cell"');
    rows.push(r);
  }
  rows.push(sampleRow('1306', 3)); // duplicate of line 4
  const bad = sampleRow('1306', 400);
  bad[0] = 'X1';
  rows.push(bad, sampleRow('1306', 401).slice(0, 30));
  return rows;
}

function context(): RowContext {
  const lr = layoutFor(sampleRow('1306', 0), 'x.txt', '1306');
  if (!lr.ok) throw new Error(lr.message);
  return {
    file: 'x.txt',
    line: 0,
    layout: lr.layout,
    plan: rowPlan('1306'),
    colName: (i) => `col ${i + 1}`,
    index: new LineIndex(),
  };
}

const rawRows = (): RawRow[] => lines().map((cells, i) => new TextRow(i + 1, cells.join('\t'), '\t'));

/** What the importer reads from a batch, row by row. */
function unpack(b: RowBatch, fileIndex: number) {
  const packing = new Unpacked(b);
  const out: unknown[] = [];
  let packed = 0;
  for (let r = 0; r < b.meta.length / STRIDE; r++) {
    const m = r * STRIDE;
    const s = b.meta[m + 5]!;
    const side = s > 0 ? b.side[s - 1] : undefined;
    if (side?.problems) {
      out.push({ problems: side.problems, cells: side.cells });
      continue;
    }
    const row = new PackedRow(fileIndex, packing);
    row.set(b, m, side ? -1 : packed++, side?.values);
    out.push({ line: row.line, fp: row.fp, h: [row.h1, row.h2], ver: [row.ver, row.verName], values: row.values() });
  }
  return out;
}

/** The same rows through catalogRow and a key table directly. */
function reference(fileIndex: number) {
  const ctx = context();
  const seen = new KeyTable();
  return rawRows().map((row) => {
    ctx.line = row.line;
    const res = catalogRow(row, ctx);
    if (!res.ok) return { problems: res.problems, cells: row.cells };
    const slot = seen.slot(res.code, res.begndate);
    if (seen.line(slot) > 0)
      return { problems: [expect.objectContaining({ code: 'DUPLICATE_KEY' })], cells: row.cells };
    seen.setLine(slot, row.line);
    const values = [...res.values];
    values[COL.src_file] = fileIndex;
    return {
      line: row.line,
      fp: res.fp,
      h: [hash1(res.code, res.begndate), hash2(res.code, res.begndate)],
      ver: [values[COL.ver], values[COL.ver_name]],
      values,
    };
  });
}

describe('packed batches of catalog rows', () => {
  for (const mode of ['values', 'copy'] as const) {
    it(`unpack to what catalogRow gives (${mode})`, () => {
      const b = packBatch(rawRows(), 0, context(), new LineTable(), mode);
      const got = unpack(b, 2);
      const want = reference(2);
      expect(got).toHaveLength(want.length);
      expect(got).toEqual(want);
      expect(b.side.filter((s) => s.problems).length).toBe(3);
    });
  }

  it('the check fails when a packed value is damaged', () => {
    const b = packBatch(rawRows(), 0, context(), new LineTable(), 'copy');
    const bytes = Buffer.from(b.bytes!.buffer, b.bytes!.byteOffset, b.bytes!.byteLength);
    const at = bytes.indexOf('"2024-01-01"');
    expect(at).toBeGreaterThanOrEqual(0);
    bytes.write('"2024-01-02"', at);
    expect(unpack(b, 2)).not.toEqual(reference(2));
  });
});
