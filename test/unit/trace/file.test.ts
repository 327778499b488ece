import { describe, expect, it } from 'vitest';
import { checkCodeList, checkFile, parseTraceFile, traceSettings } from '../../../src/core/trace/index.js';
import { code, saleRows, stockRows, returnRows, NATIONAL } from './fixtures.js';

describe('trace files', () => {
  it('checks a CSV export of dispensing rows, pointing at lines', async () => {
    const rows = [
      ...saleRows('FY1', '2025-03-03 09:00:00', [code(1), code(2)]),
      ...saleRows('FY2', '2025-03-03 10:00:00', [code(1)]),
      ...returnRows('FY3', '2025-03-03 11:00:00', [' ' + code(9)], null),
    ];
    const cols = Object.keys(rows[0]!);
    const csv = [
      cols.join(','),
      ...rows.map((r) => cols.map((c) => (r[c] === null ? '' : String(r[c]))).join(',')),
    ].join('\n');
    const parsed = parseTraceFile(csv, 'export.csv');
    expect(parsed.format).toBe('csv');
    expect(parsed.dispensing).toHaveLength(4);
    const report = await checkFile({ file: 'export.csv', rows: parsed, settings: traceSettings(undefined) });
    expect(report.findings.map((f) => [f.kind, f.record_id, f.line])).toEqual([
      ['sold_again', 'FY2', 4],
      ['return_never_sold', 'FY3', 5],
    ]);
    expect(report.skipped.join(' ')).toMatch(/mapping/);
  });

  it('points at the line a record starts on when a quoted cell spans lines', async () => {
    const rows = [
      ...saleRows('FY1', '2025-03-03 09:00:00', [code(1)]),
      ...saleRows('FY2', '2025-03-03 10:00:00', [code(1)]),
    ];
    const cols = Object.keys(rows[0]!);
    const cell = (r: Record<string, unknown>, c: string) =>
      r[c] === null ? '' : c === 'disp_id' && r[c] === 'FY1' ? '"FY1"' : String(r[c]);
    // A quoted note with two line breaks in the first record: the second record starts on line 5.
    const csv = [
      [...cols, 'note'].join(','),
      [...cols.map((c) => cell(rows[0]!, c)), '"first\nsecond\nthird"'].join(','),
      [...cols.map((c) => cell(rows[1]!, c)), ''].join(','),
    ].join('\n');
    const report = await checkFile({
      file: 'notes.csv',
      rows: parseTraceFile(csv, 'notes.csv'),
      settings: traceSettings(undefined),
    });
    expect(report.findings.map((f) => [f.kind, f.record_id, f.line])).toEqual([['sold_again', 'FY2', 5]]);
  });

  it('checks JSON with dispensing and stock, using the rows own mapping columns', async () => {
    const doc = {
      dispensing: saleRows('FY1', '2025-03-03 09:00:00', [code(1)], { med_list_codg: NATIONAL, map_cnt: 1 }),
      stock: stockRows('RK1', '2025-03-03 07:00:00', [code(1), code(1)], { med_list_codg: null, map_cnt: 0 }),
    };
    const report = await checkFile({
      file: 'x.json',
      rows: parseTraceFile(JSON.stringify(doc), 'x.json'),
      settings: traceSettings(undefined),
    });
    expect(report.findings.map((f) => [f.kind, f.record_id]).sort()).toEqual([
      ['duplicate_in_record', 'RK1'],
      ['no_mapping', 'RK1'],
    ]);
    expect(report.records).toBe(2);
    expect(report.clean).toBe(1);
  });

  it('checks a bare list of codes for format and repeats', () => {
    const parsed = parseTraceFile(
      `# scanned at window 3\n${code(1)}\n ${code(2)}\n${code(1)}\n8302540316AB38953117\n${code(3).slice(1)}\n`,
      'scan.txt',
    );
    expect(parsed.format).toBe('codes');
    const f = checkCodeList(parsed.codes, 'scan.txt');
    expect(f.map((x) => [x.kind, x.line])).toEqual([
      ['duplicate_in_batch', 4],
      ['bad_chars', 5],
      ['bad_length', 6],
    ]);
    expect(f[0]!.message).toMatch(/on line 2 and again on line 4/);
  });

  it('says what is wrong with a file it cannot use', () => {
    expect(() => parseTraceFile('{not json', 'a.json')).toThrow(/not valid JSON/);
    expect(() => parseTraceFile('a,b\n1,2\n', 'a.csv')).toThrow(/neither disp_id nor stock_id/);
    expect(() => parseTraceFile('[{"x":1}]', 'a.json')).toThrow(/a.json:1: the row has neither disp_id nor stock_id/);
  });
});
