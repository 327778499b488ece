import { describe, expect, it } from 'vitest';
import { mappingLayout, parseColumnsOption } from '../../../src/core/catalog/mappingLayout.js';
import { mappingRow } from '../../../src/core/catalog/mappingRow.js';

const col = (i: number) => `col ${i + 1}`;

describe('mapping sheet headers', () => {
  it('reads national field names and the Chinese headers HIS exports use', () => {
    const a = mappingLayout([
      'fixmedins_hilist_id',
      'fixmedins_hilist_name',
      'list_type',
      'med_list_codg',
      'begndate',
      'enddate',
    ]);
    const b = mappingLayout(['院内编码', '项目名称', '目录类别', '医保编码', '开始日期', '结束日期', '备注']);
    expect(a.ok && a.layout.at).toEqual({
      fixmedins_hilist_id: 0,
      fixmedins_hilist_name: 1,
      list_type: 2,
      med_list_codg: 3,
      begndate: 4,
      enddate: 5,
    });
    expect(b.ok && b.layout.at).toEqual({
      fixmedins_hilist_id: 0,
      fixmedins_hilist_name: 1,
      list_type: 2,
      med_list_codg: 3,
      begndate: 4,
      enddate: 5,
      memo: 6,
    });
  });

  it('maps other headers with --columns: by header text, column number or letter', () => {
    const o = parseColumnsOption('fixmedins_hilist_id=ITEM_CODE, med_list_codg=3,begndate=D,list_type=类型');
    expect(o.errors).toEqual([]);
    const l = mappingLayout(['ITEM_CODE', 'NAME', 'YB', 'START', '类型'], o.map);
    expect(l.ok && l.layout.at).toMatchObject({ fixmedins_hilist_id: 0, med_list_codg: 2, begndate: 3, list_type: 4 });
  });

  it('names the missing columns and what to pass', () => {
    const l = mappingLayout(['ITEM', 'CODE']);
    expect(l).toMatchObject({ ok: false, missing: ['fixmedins_hilist_id', 'list_type', 'med_list_codg', 'begndate'] });
    expect(!l.ok && l.fix).toMatch(/--columns fixmedins_hilist_id=<your header>/);
    expect(parseColumnsOption('nonsense=X,broken').errors).toHaveLength(2);
  });
});

describe('mapping rows', () => {
  const l = mappingLayout(['院内编码', '项目名称', '目录类别', '医保编码', '开始日期', '结束日期']);
  if (!l.ok) throw new Error('layout');
  const parse = (cells: string[]) => mappingRow(cells, 9, 'm.csv', l.layout, col);

  it('reads list types by name, open ends, and Excel day numbers', () => {
    const r = parse(['H1', '注射器', '医用耗材', 'C0000000000000000001', '45292', '2099-12-31']);
    expect(r).toEqual({
      ok: true,
      row: {
        line: 9,
        fixmedins_hilist_id: 'H1',
        fixmedins_hilist_name: '注射器',
        list_type: '301',
        med_list_codg: 'C0000000000000000001',
        begndate: '2024-01-01',
        enddate: null,
        extra: {},
      },
    });
  });

  const bad: Array<[string, string[], string[]]> = [
    [
      'an end before the start',
      ['H1', 'x', '301', 'C0000000000000000001', '2024-05-01', '2024-04-30'],
      ['BAD_INTERVAL'],
    ],
    ['a bad start date', ['H1', 'x', '301', 'C0000000000000000001', '2024-04-31', ''], ['BAD_DATE']],
    ['an unknown list type', ['H1', 'x', '药', 'C0000000000000000001', '2024-01-01', ''], ['BAD_CODE']],
    ['a code Excel made a number', ['H1', 'x', '301', '1.23457E+19', '2024-01-01', ''], ['CODE_SHAPE']],
    ['an item code with a space', ['H 1', 'x', '301', 'C0000000000000000001', '2024-01-01', ''], ['CODE_SHAPE']],
    [
      'everything empty',
      ['', '', '', '', '', ''],
      ['MISSING_VALUE', 'MISSING_VALUE', 'MISSING_VALUE', 'MISSING_VALUE'],
    ],
  ];
  for (const [name, cells, codes] of bad) {
    it(`reports ${name} with line and column`, () => {
      const r = parse(cells);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.problems.map((p) => p.code)).toEqual(codes);
      expect(r.problems[0]).toMatchObject({ file: 'm.csv', line: 9 });
      expect(r.problems[0]!.column).toMatch(/\(col \d\)$/);
    });
  }
});
