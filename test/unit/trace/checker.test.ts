import { describe, expect, it } from 'vitest';
import { DEFAULT_FILL, TraceChecker, type CheckedRecord, type FindingKind } from '../../../src/core/trace/index.js';
import { checker, code, DRUG, NATIONAL, ret, sale, stockIn } from './fixtures.js';

const kinds = (c: CheckedRecord) => c.findings.map((f) => f.kind);
const only = (list: CheckedRecord[], id: string) => list.find((c) => c.record.id === id)!;

describe('TraceChecker: one record on its own', () => {
  it('passes a clean sale and builds its 3505 item with the mapped national code and every code', () => {
    const [c] = checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1), ` ${code(2)} `])]);
    expect(c!.findings).toEqual([]);
    expect(c!.med_list_codg).toBe(NATIONAL);
    expect(c!.codes).toEqual([code(1), code(2)]);
    expect(c!.item).toMatchObject({
      med_list_codg: NATIONAL,
      fixmedins_hilist_id: DRUG,
      rtal_docno: 'FY1',
      hi_feesetl_type: '2',
      rx_circ_flag: '0',
      sel_retn_cnt: 2,
      finl_trns_pric: 39.6,
      drugtracinfo: [{ drug_trac_codg: code(1) }, { drug_trac_codg: code(2) }],
    });
    expect(c!.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, Array<string | null>, FindingKind, RegExp]>([
    ['no code at all', [], 'no_code', /carries no traceability code/],
    ['a null code row', [null], 'no_code', /no code was scanned/],
    ['19 digits', [code(1).slice(0, 19)], 'bad_length', /19 digits/],
    ['letters', ['8302540316AB38953117'], 'bad_chars', /letters AB/],
    ['an inner space', ['8302540316 238953117'], 'bad_chars', /space inside/],
    ['the same code twice', [code(5), code(5)], 'duplicate_in_record', /more than once/],
    [
      'a product code of another drug',
      ['8399001' + '0'.repeat(13)],
      'prefix_mismatch',
      /starts with 8399001, but YP00021 is known by 8302540, 8302541/,
    ],
  ])('finds %s', (_name, codes, kind, message) => {
    const [c] = checker().check([sale('FY1', '2025-03-03 09:00:00', codes)]);
    expect(kinds(c!)).toEqual([kind]);
    expect(c!.findings[0]!.message).toMatch(message);
    expect(c!.findings[0]!.fix.length).toBeGreaterThan(20);
    expect(c!.item).toBeUndefined();
  });

  it('names which code of several is bad, and holds the whole record back', () => {
    const [c] = checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1), code(2).slice(0, 18), code(3)])]);
    expect(kinds(c!)).toEqual(['bad_length']);
    expect(c!.findings[0]!.message).toMatch(/^code 2 of 3: 18 digits/);
    expect(c!.item).toBeUndefined();
  });

  it('accepts any product code when the HIS knows none for the drug', () => {
    const [c] = checker().check([
      sale('FY1', '2025-03-03 09:00:00', ['8399001' + '0'.repeat(13)], {
        fixmedins_hilist_id: 'YP00099',
        fixmedins_hilist_name: 'x',
      }),
    ]);
    expect(kinds(c!)).not.toContain('prefix_mismatch');
  });

  it('finds a drug with no mapping valid on the day, and one with two', () => {
    const c = checker().check([
      sale('FY1', '2025-03-03 09:00:00', [code(1)], { fixmedins_hilist_id: 'YP90001' }),
      sale('FY2', '2025-03-04 09:00:00', [code(2)], { fixmedins_hilist_id: 'YP90001' }),
      sale('FY3', '2025-03-04 10:00:00', [code(3)], { fixmedins_hilist_id: 'YP00099' }),
      sale('FY4', '2025-03-04 10:00:00', [code(4)], { fixmedins_hilist_id: 'YP00404' }),
    ]);
    expect(kinds(only(c, 'FY1'))).toEqual([]);
    expect(kinds(only(c, 'FY2'))).toEqual(['no_mapping']);
    expect(only(c, 'FY2').findings[0]!.message).toMatch(/YP90001 has no mapping .* valid on 2025-03-04/);
    expect(kinds(only(c, 'FY3'))).toEqual(['mapping_ambiguous']);
    expect(only(c, 'FY3').findings[0]!.message).toMatch(/A1 and A2/);
    expect(kinds(only(c, 'FY4'))).toEqual(['no_mapping']);
  });

  it('fills required fields from trace.defaults, and reports what is still missing', () => {
    const [filled] = checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1)], { prsc_dr_name: null })]);
    expect(filled!.findings).toEqual([]);
    expect(filled!.item!.prsc_dr_name).toBe('无');
    const strict = new TraceChecker({ defaults: {} });
    const [missing] = strict.check([
      sale('FY1', '2025-03-03 09:00:00', [code(1)], { prsc_dr_name: null, manu_lotnum: null, med_list_codg: NATIONAL }),
    ]);
    expect(kinds(missing!)).toEqual(['missing_field']);
    expect(missing!.findings[0]!.message).toMatch(/prsc_dr_name is required/);
    expect(missing!.findings[0]!.message).toMatch(/manu_lotnum is required/);
    expect(DEFAULT_FILL.prsc_dr_name).toBe('无');
  });

  it('uses the rows own med_list_codg and map_cnt when no mapping lookup is given', () => {
    const c = new TraceChecker({ defaults: { ...DEFAULT_FILL } }).check([
      sale('FY1', '2025-03-03 09:00:00', [code(1)], { med_list_codg: NATIONAL, map_cnt: 1 }),
      sale('FY2', '2025-03-03 09:00:00', [code(2)], { med_list_codg: null, map_cnt: 0 }),
      sale('FY3', '2025-03-03 09:00:00', [code(3)], { med_list_codg: 'A1', map_cnt: 2 }),
    ]);
    expect(c.map(kinds)).toEqual([[], ['no_mapping'], ['mapping_ambiguous']]);
  });

  it('finds a record accepted earlier whose content has changed since', () => {
    const first = checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1)])])[0]!;
    const known = new Map([[first.record.key, { status: 'accepted' as const, content_digest: first.digest! }]]);
    expect(checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1)])], known)[0]!.findings).toEqual([]);
    const changed = checker().check(
      [sale('FY1', '2025-03-03 09:00:00', [code(1)], { manu_lotnum: '99999999' })],
      known,
    )[0]!;
    expect(kinds(changed)).toEqual(['changed_after_upload']);
  });
});

describe('TraceChecker: codes through the window', () => {
  it('finds a code sold again without a return in between, on the later sale only', () => {
    const c = checker().check([
      sale('FY2', '2025-03-05 11:57:21', [code(7)]),
      sale('FY1', '2025-03-03 11:15:14', [code(7)]),
    ]);
    expect(kinds(only(c, 'FY1'))).toEqual([]);
    expect(kinds(only(c, 'FY2'))).toEqual(['sold_again']);
    expect(only(c, 'FY2').findings[0]).toMatchObject({ related_id: 'FY1', drug_trac_codg: code(7) });
  });

  it('follows the code from one day (call) to the next', () => {
    const k = checker();
    expect(k.check([sale('FY1', '2025-03-03 10:00:00', [code(7)])])[0]!.findings).toEqual([]);
    expect(kinds(k.check([sale('FY2', '2025-03-04 10:00:00', [code(7)])])[0]!)).toEqual(['sold_again']);
  });

  it('allows sale, return, sale again — and split-package (拆零) sales of one box', () => {
    const c = checker().check([
      sale('FY1', '2025-03-03 09:00:00', [code(7)]),
      ret('FY2', '2025-03-03 10:00:00', [code(7)], 'FY1'),
      sale('FY3', '2025-03-03 11:00:00', [code(7)]),
      sale('FY4', '2025-03-03 12:00:00', [code(8)], { trdn_flag: '1' }),
      sale('FY5', '2025-03-03 13:00:00', [code(8)], { trdn_flag: '1' }),
      sale('FY6', '2025-03-03 14:00:00', [code(8)], { trdn_flag: '0' }),
    ]);
    expect(c.map((x) => [x.record.id, kinds(x)])).toEqual([
      ['FY1', []],
      ['FY2', []],
      ['FY3', []],
      ['FY4', []],
      ['FY5', []],
      ['FY6', ['sold_again']],
    ]);
  });

  it('knows sales before the window from the journal (history), and only asks once per code', () => {
    const k = checker();
    const recs = [sale('FY9', '2025-03-10 09:00:00', [code(7), code(8)])];
    expect(k.codesWithoutHistory(recs).sort()).toEqual([code(7), code(8)]);
    k.addHistory(
      [code(7), code(8)],
      [
        { drug_trac_codg: code(7), kind: 'sale', record_id: 'OLD1', op_time: '2025-03-01 09:00:00', trdn_flag: '0' },
        { drug_trac_codg: code(8), kind: 'return', record_id: 'OLD3', op_time: '2025-03-02 09:00:00', trdn_flag: '0' },
        { drug_trac_codg: code(8), kind: 'sale', record_id: 'OLD2', op_time: '2025-03-01 09:00:00', trdn_flag: '0' },
      ],
    );
    expect(k.codesWithoutHistory(recs)).toEqual([]);
    const [c] = k.check(recs);
    expect(c!.findings.map((f) => [f.kind, f.drug_trac_codg, f.related_id])).toEqual([['sold_again', code(7), 'OLD1']]);
  });

  it('finds a return of a code never sold, unless it names a sale hisops has never seen', () => {
    const c = checker().check([
      ret('FY1', '2025-03-05 09:42:57', [code(3)], null),
      ret('FY2', '2025-03-05 09:50:00', [code(4)], 'FY-BEFORE-HISOPS'),
      sale('FY3', '2025-03-05 10:00:00', [code(5)]),
      ret('FY4', '2025-03-05 11:00:00', [code(6)], 'FY3'),
    ]);
    expect(kinds(only(c, 'FY1'))).toEqual(['return_never_sold']);
    expect(kinds(only(c, 'FY2'))).toEqual([]);
    expect(kinds(only(c, 'FY4'))).toEqual(['return_never_sold']);
  });

  it('finds returns above the quantity sold, counting earlier returns and the journal', () => {
    const c = checker().check([
      sale('FY1', '2025-03-05 09:00:00', [code(1), code(2)]),
      ret('FY2', '2025-03-05 10:00:00', [code(1)], 'FY1'),
      ret('FY3', '2025-03-05 11:00:00', [code(2)], 'FY1', { sel_retn_cnt: '2' }),
    ]);
    expect(kinds(only(c, 'FY2'))).toEqual([]);
    expect(kinds(only(c, 'FY3'))).toEqual(['return_over_quantity']);
    expect(only(c, 'FY3').findings[0]!.message).toMatch(/3 of 2 sold/);

    const k = checker();
    const later = [ret('FY8', '2025-03-09 10:00:00', [code(9)], 'OLD1', { sel_retn_cnt: '1' })];
    expect(k.unknownOrigins(later)).toEqual(['OLD1']);
    k.addHistory(
      [code(9)],
      [{ drug_trac_codg: code(9), kind: 'sale', record_id: 'OLD1', op_time: '2025-03-01 09:00:00', trdn_flag: null }],
    );
    k.addKnownSales(['OLD1'], [{ record_id: 'OLD1', cnt: '3', returned: '2.5' }]);
    expect(k.unknownOrigins(later)).toEqual([]);
    expect(kinds(k.check(later)[0]!)).toEqual(['return_over_quantity']);
  });

  it('finds the same box received twice in stock-in records, but not after it went out', () => {
    const c = checker().check([
      stockIn('RK1', '2025-03-03 07:00:00', [code(1), code(2)]),
      stockIn('RK2', '2025-03-03 08:00:00', [code(2), code(3)]),
      stockIn('RK3', '2025-03-03 09:00:00', [code(4)], { inv_chg_type: '102' }),
    ]);
    expect(kinds(only(c, 'RK1'))).toEqual([]);
    expect(kinds(only(c, 'RK2'))).toEqual(['duplicate_in_batch']);
    expect(only(c, 'RK2').findings[0]).toMatchObject({ related_id: 'RK1', drug_trac_codg: code(2) });
    expect(only(c, 'RK3').record.kind).toBe('stock-change');
    expect(only(c, 'RK1').item).toMatchObject({ inv_chg_type: '108', cnt: 2, pric: 33.66, med_list_codg: NATIONAL });
  });
});
