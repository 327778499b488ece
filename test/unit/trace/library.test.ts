/**
 * The four-code library and package relations, pure parts: reading rows (with file, line, field
 * and Chinese words for every problem), the download settings, the package tree, and the checker
 * using both — a code of another drug is held back, a code the library lacks is a note, a case
 * received at stock-in counts for the boxes in it.
 */
import { describe, expect, it } from 'vitest';
import {
  findingFixZh,
  findingMessageZh,
  groupDispensing,
  groupStock,
  libraryEntry,
  libraryLayout,
  librarySettings,
  mappingIndex,
  missingLibraryColumns,
  PackageTree,
  relationEdge,
  relationLayout,
  TraceChecker,
  DEFAULT_FILL,
  type LibraryEntry,
  type PackageEdge,
} from '../../../src/core/trace/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import { englishSentences } from '../../helpers/englishSentence.js';
import { code, DRUG, NATIONAL, PREFIX, saleRows, stockRows } from './fixtures.js';

const entry = (over: Partial<LibraryEntry> = {}): LibraryEntry => ({
  trac_prefix: PREFIX,
  med_list_codg: NATIONAL,
  drugstdcode: '86900000000001',
  aprvno: '国药准字H20030001',
  drug_name: '孟鲁司特钠片',
  drug_spec: '10mg',
  pacspec: '5片/盒',
  prodentp_name: '示例制药',
  pac_lv: '1',
  pac_ratio: '1:10:100',
  ...over,
});

describe('library rows', () => {
  const header = ['药品标识码', '国家医保编码', '药品名称', '本位码', '批准文号', '包装级别', '包装比例（大:中:小）'];
  const layout = libraryLayout(header);

  it('finds the columns under their Chinese headers and reads an entry', () => {
    expect(missingLibraryColumns(layout)).toEqual([]);
    const r = libraryEntry(
      ['8302540', NATIONAL, '孟鲁司特钠片', '86900000000001', '国药准字H20030001', '小包装', '1:10:100'],
      layout,
      'lib.csv',
      2,
    );
    expect(r.issues).toEqual([]);
    expect(r.entry).toMatchObject({
      trac_prefix: '8302540',
      med_list_codg: NATIONAL,
      drugstdcode: '86900000000001',
      aprvno: '国药准字H20030001',
      pac_lv: '1',
      pac_ratio: '1:10:100',
    });
  });

  it('takes the first 7 digits of a whole 20-digit code', () => {
    expect(
      libraryEntry([code(7), NATIONAL], libraryLayout(['追溯码前缀', 'med_list_codg']), 'f', 2).entry?.trac_prefix,
    ).toBe(PREFIX);
  });

  it('names file, line, field and fix of every problem, in both languages', () => {
    const r = libraryEntry(['83025', '', 'x', '', '', '5', ''], layout, 'lib.csv', 7);
    expect(r.entry).toBeUndefined();
    expect(r.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['lib.csv', 7, 'trac_prefix'],
      ['lib.csv', 7, 'med_list_codg'],
      ['lib.csv', 7, 'pac_lv'],
    ]);
    for (const i of r.issues) {
      expect(i.fix.length).toBeGreaterThan(10);
      expect(i.zh.message).toMatch(/[\u4e00-\u9fff]/);
      expect(englishSentences(`${i.zh.message} ${i.zh.fix}`)).toEqual([]);
    }
    expect(
      libraryEntry(['8.30254E+06', NATIONAL], libraryLayout(['trac_prefix', 'med_list_codg']), 'f', 3).issues[0]!.fix,
    ).toMatch(/scientific notation/);
  });

  it('says which required column a header lacks', () => {
    expect(missingLibraryColumns(libraryLayout(['药品名称', '医保编码']))).toEqual(['trac_prefix']);
  });
});

describe('relation rows', () => {
  it('reads a header and an edge', () => {
    const { layout, headerless } = relationLayout(['父码', '子码', '级别']);
    expect(headerless).toBe(false);
    expect(relationEdge([code(900, '8399999'), code(1), '小'], layout, 'r.csv', 2).edge).toEqual({
      parent_trac_codg: code(900, '8399999'),
      drug_trac_codg: code(1),
      pac_lv: '1',
    });
  });

  it('takes a file whose first row holds codes as parent, child, level without a header', () => {
    const r = relationLayout([code(900, '8399999'), code(1), '1']);
    expect(r.headerless).toBe(true);
    expect(r.layout).toEqual({ parent_trac_codg: 0, drug_trac_codg: 1, pac_lv: 2 });
  });

  it('refuses a bad code and a code inside itself, naming the field', () => {
    const { layout } = relationLayout(['parent_trac_codg', 'drug_trac_codg', 'pac_lv']);
    const bad = relationEdge(['1234', code(1), '1'], layout, 'r.csv', 4);
    expect(bad.issues.map((i) => [i.line, i.field])).toEqual([[4, 'parent_trac_codg']]);
    expect(relationEdge([code(1), code(1), '1'], layout, 'r.csv', 5).issues[0]!.message).toMatch(/its own parent/);
  });
});

describe('library download settings', () => {
  it('defaults to ZSMCJ003 with hisops names, and takes overrides', () => {
    expect(librarySettings(undefined)).toMatchObject({
      infno: 'ZSMCJ003',
      inputNode: 'data',
      outputNode: 'data',
      pageSize: 500,
      fields: { trac_prefix: 'trac_prefix' },
    });
    const s = librarySettings({
      pageSize: 50,
      fields: { trac_prefix: 'ypbsm', med_list_codg: 'ybbm' },
      params: { insu_admdvs: 430100 },
    });
    expect(s.fields.trac_prefix).toBe('ypbsm');
    expect(s.fields.drugstdcode).toBe('drugstdcode');
    expect(s.params).toEqual({ insu_admdvs: '430100' });
  });

  it('refuses an unknown key or field with the setting named', () => {
    for (const bad of [{ pagesize: 10 }, { fields: { nope: 'x' } }, { pageSize: 0 }, { outputNode: 'a b' }]) {
      let e: unknown;
      try {
        librarySettings(bad);
      } catch (x) {
        e = x;
      }
      expect(isHisopsError(e) && e.code).toBe('TRACE_SETTING');
    }
  });

  it('says a mistyped key is not a setting and names the one meant', () => {
    let e: unknown;
    try {
      librarySettings({ pageSzie: 10 });
    } catch (x) {
      e = x;
    }
    expect(isHisopsError(e) && e.message).toMatch(
      /trace\.library\.pageSzie is not a setting \(did you mean pageSize\?\)/,
    );
  });
});

describe('package tree', () => {
  const box = (n: number) => code(n);
  const mid = (n: number) => code(n, '8388888');
  const caseCode = code(1, '8399999');
  const edges: PackageEdge[] = [
    { parent_trac_codg: caseCode, drug_trac_codg: mid(1), pac_lv: '2' },
    { parent_trac_codg: caseCode, drug_trac_codg: mid(2), pac_lv: '2' },
    ...[1, 2, 3].map((n) => ({ parent_trac_codg: mid(1), drug_trac_codg: box(n), pac_lv: '1' })),
    ...[4, 5].map((n) => ({ parent_trac_codg: mid(2), drug_trac_codg: box(n), pac_lv: '1' })),
  ];
  const tree = new PackageTree(edges);

  it('expands a case into its boxes and a box into nothing', () => {
    expect(tree.expand(caseCode).sort()).toEqual([1, 2, 3, 4, 5].map(box));
    expect(tree.expand(mid(2)).sort()).toEqual([box(4), box(5)]);
    expect(tree.expand(box(1))).toEqual([]);
  });

  it('lists the packages a box is in, nearest first', () => {
    expect(tree.parentsOf(box(4))).toEqual([mid(2), caseCode]);
    expect(tree.parentsOf(caseCode)).toEqual([]);
  });

  it('stops on a cycle in the data', () => {
    const loop = new PackageTree([
      { parent_trac_codg: box(1), drug_trac_codg: box(2), pac_lv: null },
      { parent_trac_codg: box(2), drug_trac_codg: box(1), pac_lv: null },
    ]);
    expect(loop.parentsOf(box(1)).length).toBeLessThanOrEqual(8);
    expect(loop.descendantsOf(box(1)).length).toBeLessThan(20);
  });
});

describe('the checker with the four-code library', () => {
  const mapping = mappingIndex([
    { fixmedins_hilist_id: DRUG, med_list_codg: NATIONAL, begndate: '2020-01-01', enddate: null },
  ]);
  const OTHER = '8111111';
  const other = entry({ trac_prefix: OTHER, med_list_codg: 'XA10BAA0000000000009', drug_name: '二甲双胍片' });
  const checker = () => {
    const c = new TraceChecker({ mapping, defaults: DEFAULT_FILL, library: true });
    return c;
  };

  it('holds back a code the library gives another drug, naming the item, the code and the library drug', () => {
    const c = checker();
    const recs = groupDispensing(saleRows('S1', '2025-03-03 09:00:00', [code(1), code(2, OTHER)]));
    expect(c.prefixesWithoutLibrary(recs).sort()).toEqual([OTHER, PREFIX].sort());
    c.addLibrary(
      [PREFIX, OTHER],
      new Map([
        [PREFIX, [entry()]],
        [OTHER, [other]],
      ]),
    );
    expect(c.prefixesWithoutLibrary(recs)).toEqual([]);
    const [r] = c.check(recs);
    expect(r!.findings.map((f) => f.kind)).toEqual(['drug_mismatch']);
    const f = r!.findings[0]!;
    expect(f.drug_trac_codg).toBe(code(2, OTHER));
    expect(f.fixmedins_hilist_id).toBe(DRUG);
    expect(f.library).toMatchObject({
      med_list_codg: 'XA10BAA0000000000009',
      drug_name: '二甲双胍片',
      trac_prefix: OTHER,
    });
    expect(f.message).toContain(NATIONAL);
    expect(r!.item).toBeUndefined();
    const zh = findingMessageZh(f);
    expect(zh).toContain('二甲双胍片');
    expect(zh).toContain(NATIONAL);
    expect(englishSentences(`${zh} ${findingFixZh(f)}`)).toEqual([]);
  });

  it('passes a code whose product code has the item among several national codes', () => {
    const c = checker();
    c.addLibrary([PREFIX], new Map([[PREFIX, [other, entry()].map((e) => ({ ...e, trac_prefix: PREFIX }))]]));
    const [r] = c.check(groupDispensing(saleRows('S2', '2025-03-03 09:00:00', [code(3)])));
    expect(r!.findings).toEqual([]);
    expect(r!.item).toBeDefined();
  });

  it('takes a code the item mapped to on another day as the same drug (its national code changed)', () => {
    const changed = mappingIndex([
      {
        fixmedins_hilist_id: DRUG,
        med_list_codg: 'XR03DCM077A001010100OLD',
        begndate: '2020-01-01',
        enddate: '2025-03-04',
      },
      { fixmedins_hilist_id: DRUG, med_list_codg: NATIONAL, begndate: '2025-03-05', enddate: null },
    ]);
    const c = new TraceChecker({ mapping: changed, defaults: DEFAULT_FILL, library: true });
    c.addLibrary([PREFIX], new Map([[PREFIX, [entry()]]]));
    const [before] = c.check(groupDispensing(saleRows('S9', '2025-03-03 09:00:00', [code(9)])));
    expect(before!.med_list_codg).toBe('XR03DCM077A001010100OLD');
    expect(before!.findings).toEqual([]);
  });

  it('notes a product code without an entry once per record, and still sends the record', () => {
    const c = checker();
    c.addLibrary([PREFIX], new Map());
    const [r] = c.check(groupDispensing(saleRows('S3', '2025-03-03 09:00:00', [code(4), code(5)])));
    expect(r!.findings).toEqual([]);
    expect(r!.notes?.map((n) => n.kind)).toEqual(['not_in_library']);
    expect(r!.item).toBeDefined();
    expect(englishSentences(findingMessageZh(r!.notes![0]!))).toEqual([]);
  });

  it("compares nothing without the item's national code, and nothing without the library", () => {
    const c = new TraceChecker({ mapping: mappingIndex([]), defaults: DEFAULT_FILL, library: true });
    c.addLibrary([OTHER], new Map([[OTHER, [other]]]));
    const [r] = c.check(groupDispensing(saleRows('S4', '2025-03-03 09:00:00', [code(6, OTHER)])));
    expect(r!.findings.map((f) => f.kind)).toEqual(['no_mapping']);
    const plain = new TraceChecker({ mapping, defaults: DEFAULT_FILL });
    expect(
      plain.prefixesWithoutLibrary(groupDispensing(saleRows('S5', '2025-03-03 09:00:00', [code(7, OTHER)]))),
    ).toEqual([]);
  });
});

describe('the checker with package relations', () => {
  const caseCode = code(1, '8399999');
  const boxes = [1, 2, 3].map((n) => code(n));
  const edges: PackageEdge[] = boxes.map((b) => ({ parent_trac_codg: caseCode, drug_trac_codg: b, pac_lv: '1' }));

  function checker(): TraceChecker {
    const c = new TraceChecker({ defaults: DEFAULT_FILL, relations: true });
    return c;
  }

  it('counts a box of a case received at stock-in as received', () => {
    const c = checker();
    const recs = groupStock(stockRows('IN1', '2025-03-03 08:00:00', [caseCode]));
    expect(c.codesWithoutRelations(recs)).toEqual([caseCode]);
    c.addRelations([caseCode], edges);
    expect(c.check(recs)[0]!.findings).toEqual([]);
    expect(c.receivedBy(boxes[1]!)).toBe('IN1');
    expect(c.receivedBy(code(9))).toBeNull();
  });

  it('finds a box received again after its case, and a case whose box was received before', () => {
    const c = checker();
    c.addRelations([caseCode, ...boxes], edges);
    c.check(groupStock(stockRows('IN1', '2025-03-03 08:00:00', [caseCode])));
    const [again] = c.check(groupStock(stockRows('IN2', '2025-03-03 09:00:00', [boxes[0]!])));
    expect(again!.findings.map((f) => [f.kind, f.related_id])).toEqual([['duplicate_in_batch', 'IN1']]);

    const d = checker();
    d.addRelations([caseCode, ...boxes], edges);
    d.check(groupStock(stockRows('IN3', '2025-03-03 08:00:00', [boxes[2]!])));
    const [whole] = d.check(groupStock(stockRows('IN4', '2025-03-03 09:00:00', [caseCode])));
    expect(whole!.findings.map((f) => [f.kind, f.related_id])).toEqual([['duplicate_in_batch', 'IN3']]);
    expect(englishSentences(findingMessageZh(whole!.findings[0]!))).toEqual([]);
  });

  it('frees the boxes when the case goes back to the supplier', () => {
    const c = checker();
    c.addRelations([caseCode], edges);
    c.check(groupStock(stockRows('IN1', '2025-03-03 08:00:00', [caseCode])));
    c.check(groupStock(stockRows('OUT1', '2025-03-03 10:00:00', [caseCode], { inv_chg_type: '109' })));
    expect(c.receivedBy(boxes[0]!)).toBeNull();
  });
});
