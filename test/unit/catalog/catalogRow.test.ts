import { describe, expect, it } from 'vitest';
import { layoutFor } from '../../../src/core/catalog/catalogColumns.js';
import {
  catalogRow,
  fingerprintText,
  LineIndex,
  rowPlan,
  type RowContext,
} from '../../../src/core/catalog/catalogRow.js';
import { COL } from '../../../src/core/catalog/storedColumns.js';
import { KINDS, type CatalogKind } from '../../../src/core/catalog/kinds.js';
import { TextRow } from '../../../src/core/catalog/read/delimited.js';
import { sampleRow } from '../../../src/core/catalog/sampleFiles.js';

function positional(kind: CatalogKind, over: Record<string, string> = {}, extra: string[] = []) {
  const cells = sampleRow(kind, 3);
  for (const [k, v] of Object.entries(over)) cells[KINDS[kind].columns.indexOf(k)] = v;
  return [...cells, ...extra];
}

function run(kind: CatalogKind, cells: string[], viaText = true) {
  const lr = layoutFor(cells, 'x.txt', kind);
  if (!lr.ok) throw new Error(lr.message);
  const ctx: RowContext = {
    file: 'x.txt',
    line: 7,
    layout: lr.layout,
    plan: rowPlan(kind),
    colName: (i) => `col ${i + 1}`,
    index: new LineIndex(),
  };
  return catalogRow(viaText ? new TextRow(7, cells.join('\t'), '\t') : { cells }, ctx);
}

describe('catalog rows (positional, as the center publishes them)', () => {
  it('reads a 1306 row: Java dates, null literals, name and spec, fingerprint', () => {
    const r = run('1306', positional('1306', { begndate: 'Mon Jan 01 00:00:00 CST 2024', enddate: 'null' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.code).toBe('C0000000000000000003');
    expect(r.values[COL.begndate]).toBe('2024-01-01');
    expect(r.values[COL.enddate]).toBeNull();
    expect(r.values[COL.hilist_name]).toBe('医用纱布块');
    expect(r.values[COL.hilist_spec]).toBe('4ml');
    expect(r.values[COL.src_line]).toBe(7);
    expect(r.fp).toBeGreaterThan(0);
  });

  it('gives the same values whether the row is split or read from its text', () => {
    const cells = positional('1301');
    const a = run('1301', cells, true);
    const b = run('1301', cells, false);
    expect(a).toEqual(b);
  });

  it('reads category A/B/C of drugs as chrgitm_lv', () => {
    for (const [raw, lv] of [
      ['甲类', '01'],
      ['02', '02'],
      ['乙', '02'],
      ['3', '03'],
    ] as const) {
      const r = run('1301', positional('1301', { nat_hi_druglist_chrgitm_lv: raw }));
      expect(r.ok && r.values[COL.chrgitm_lv]).toBe(lv);
    }
  });

  it('keeps extra trailing columns as JSON and tolerates them', () => {
    const r = run('1305', positional('1305', {}, ['new-field', '', 'null']));
    expect(r.ok && JSON.parse(r.values[COL.extra] as string)).toEqual({ col_17: 'new-field' });
  });

  const bad: Array<[string, CatalogKind, () => string[], string, RegExp]> = [
    [
      'too few columns',
      '1306',
      () => positional('1306').slice(0, 70),
      'COLUMN_COUNT',
      /70 columns; 1306 files have 71/,
    ],
    [
      'a bad start date',
      '1306',
      () => positional('1306', { begndate: '2024-02-30' }),
      'BAD_DATE',
      /begndate \(col 47\)/,
    ],
    ['a bad end date', '1305', () => positional('1305', { enddate: 'soon' }), 'BAD_DATE', /enddate \(col 13\)/],
    [
      'an end before the start',
      '1302',
      () => positional('1302', { begndate: '2024-05-01', enddate: '2024-04-30' }),
      'BAD_INTERVAL',
      /ends \(2024-04-30\) before it starts \(2024-05-01\)/,
    ],
    [
      'a code of the wrong shape',
      '1306',
      () => positional('1306', { med_list_codg: 'X123' }),
      'CODE_SHAPE',
      /not shaped like a 1306/,
    ],
    [
      'a code Excel turned into a number',
      '1306',
      () => positional('1306', { med_list_codg: '1.23457E+19' }),
      'CODE_SHAPE',
      /.*/,
    ],
    ['an empty code', '1301', () => positional('1301', { med_list_codg: 'null' }), 'MISSING_VALUE', /empty/],
    ['a vali_flag that is not 0/1', '1306', () => positional('1306', { vali_flag: 'Y' }), 'BAD_CODE', /vali_flag "Y"/],
    [
      'an unknown category',
      '1301',
      () => positional('1301', { nat_hi_druglist_chrgitm_lv: '丁类' }),
      'BAD_CODE',
      /category "丁类"/,
    ],
  ];
  for (const [name, kind, cells, code, msg] of bad) {
    it(`reports ${name}`, () => {
      const r = run(kind, cells());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems[0]).toMatchObject({ code, file: 'x.txt', line: 7 });
      expect(`${r.problems[0]!.column} ${r.problems[0]!.message}`).toMatch(msg);
      expect(r.problems[0]!.fix.length).toBeGreaterThan(10);
    });
  }

  it('lists every problem of a row, not just the first', () => {
    const r = run('1306', positional('1306', { med_list_codg: 'bad', begndate: 'x', vali_flag: '9' }));
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['CODE_SHAPE', 'BAD_DATE', 'BAD_CODE']);
  });
});

describe('catalog rows with a header (CSV and xlsx hospitals receive)', () => {
  function header(kind: CatalogKind, head: string[], cells: string[]) {
    const lr = layoutFor(head, 'list.csv', kind);
    if (!lr.ok) throw new Error(lr.message);
    return catalogRow(
      { cells },
      { file: 'list.csv', line: 3, layout: lr.layout, plan: rowPlan(kind), colName: (i) => `col ${i + 1}` },
    );
  }
  const head = ['医保编码', '名称', '规格', '甲乙类', '限价', '自付比例', '开始日期', '结束日期', '备用'];

  it('reads Chinese headers, price limit, ratio in %, Excel day numbers and unknown columns', () => {
    const r = header('1306', head, [
      'C0000000000000000001',
      '注射器',
      '5ml',
      '乙类',
      '¥12.50',
      '10%',
      '45292',
      '2099-12-31',
      'x',
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([
      r.values[COL.hilist_name],
      r.values[COL.hilist_spec],
      r.values[COL.chrgitm_lv],
      r.values[COL.pric_uplmt_amt],
      r.values[COL.selfpay_prop],
      r.values[COL.begndate],
      r.values[COL.enddate],
    ]).toEqual(['注射器', '5ml', '02', '12.5', '0.1', '2024-01-01', '2099-12-31']);
    expect(JSON.parse(r.values[COL.extra] as string)).toEqual({ 备用: 'x' });
  });

  it('reports a price that is not a number and a ratio above 1, naming the column', () => {
    const r = header('1306', head, [
      'C0000000000000000001',
      '注射器',
      '5ml',
      '乙类',
      '12元',
      '1.5',
      '2024-01-01',
      '',
      '',
    ]);
    expect(!r.ok && r.problems.map((p) => [p.code, p.column])).toEqual([
      ['BAD_NUMBER', 'pric_uplmt_amt'],
      ['BAD_NUMBER', 'selfpay_prop'],
    ]);
  });

  it('needs a code column, and tells the catalog kind from the header', () => {
    expect(layoutFor(['名称', '规格'], 'a.csv')).toMatchObject({ ok: false });
    const lr = layoutFor(['med_list_codg', 'mcs_name', 'udi', 'begndate'], 'list.csv');
    expect(lr.ok && lr.layout.kind).toBe('1306');
    expect(lr.ok && lr.layout.kindFrom).toBe('header');
  });

  it('tells the kind of a header-less file from its name or its column count', () => {
    expect(layoutFor(sampleRow('1305', 1), 'whatever.txt')).toMatchObject({
      ok: true,
      layout: { kind: '1305', kindFrom: 'column count' },
    });
    expect(layoutFor(sampleRow('1306', 1), '医用耗材.txt')).toMatchObject({
      ok: true,
      layout: { kind: '1306', kindFrom: 'file name' },
    });
    expect(layoutFor(['a', 'b', 'c'], 'x.txt')).toMatchObject({ ok: false, problem: 'UNKNOWN_KIND' });
  });
});

describe('fingerprint text', () => {
  it('is the base-36 text of the fingerprint, as Number#toString(36) writes it', () => {
    const xs = [0, 1, 35, 36, 2176782335, 2176782336, 2176782336 * 5 + 7, 2 ** 52 - 1, 4503599627370495];
    for (let i = 0; i < 2000; i++) xs.push(Math.floor(((i * 2654435761) % 4294967296) * 1048576 + (i % 1048576)));
    for (const x of xs) expect(fingerprintText(x)).toBe(x.toString(36));
  });
});
