/**
 * The stock side of the trace job, pure parts: stock-takes grouped and built as 3501/3501A items,
 * the batch variants chosen by trace.stockBatch / trace.returnBatch (3506A with 3505A's node), and
 * the checker following a code from stock-in to dispensing (same drug, not back at the supplier).
 */
import { describe, expect, it } from 'vitest';
import { validateInput, transactionSpec } from '../../../src/core/center/index.js';
import { groupStock, groupStockCount, planWaves, traceSettings } from '../../../src/core/trace/index.js';
import { checker, code, DRUG, ret, sale, stockIn, stockRows } from './fixtures.js';

const countRows = (id: string, day: string, codes: string[]) =>
  codes.map((c, i) => ({
    count_id: id,
    invdate: day,
    fixmedins_hilist_id: DRUG,
    fixmedins_hilist_name: '孟鲁司特钠片',
    rx_flag: '1',
    inv_cnt: String(codes.length),
    manu_lotnum: '24103077',
    fixmedins_bchno: 'B20250303YP00021',
    manu_date: '2024-10-30',
    expy_end: '2026-10-30',
    memo: null,
    trac_seq: i + 1,
    drug_trac_codg: c,
  }));

describe('stock-takes', () => {
  it('are records of their day, after its movements, built as 3501A items', () => {
    const [count] = groupStockCount(countRows('PC1', '2025-03-03', [code(1), code(2)]));
    expect(count).toMatchObject({
      key: 'count:PC1',
      kind: 'stock-count',
      day: '2025-03-03',
      time: '2025-03-03 23:59:59',
      cnt: '2',
      codes: [code(1), code(2)],
    });
    const checked = checker().check([
      count!,
      stockIn('RK1', '2025-03-03 07:00:00', [code(1), code(2), code(3)]),
      sale('FY1', '2025-03-03 09:00:00', [code(3)]),
    ]);
    expect(checked.map((c) => [c.record.id, c.findings.map((f) => f.kind)])).toEqual([
      ['RK1', []],
      ['FY1', []],
      ['PC1', []],
    ]);
    const waves = planWaves(checked, 50);
    const batch = waves.flat().find((b) => b.infno === '3501A')!;
    expect(batch.input).toMatchObject({
      invinfoDetail: [
        {
          invdate: '2025-03-03',
          inv_cnt: 2,
          fixmedins_hilist_id: DRUG,
          drugtracinfo: [{ drug_trac_codg: code(1) }, { drug_trac_codg: code(2) }],
        },
      ],
    });
    expect(validateInput('3501A', batch.input)).toEqual([]);
  });
});

describe('batch variants', () => {
  const records = () =>
    checker().check([
      stockIn('RK1', '2025-03-03 07:00:00', [code(1), code(2)]),
      ...groupStock(stockRows('RK2', '2025-03-03 07:05:00', [code(9)], { inv_chg_type: '102' })),
      sale('FY1', '2025-03-03 09:00:00', [code(1)]),
      sale('FY2', '2025-03-03 09:01:00', [code(2)]),
      ret('FY3', '2025-03-03 10:00:00', [code(1)], 'FY1'),
      ret('FY4', '2025-03-03 10:01:00', [code(2)], 'FY2'),
    ]);

  it('default: stock as 3502A, returns one by one as 3506', () => {
    const s = traceSettings(undefined);
    expect([s.stockBatch, s.returnBatch]).toEqual([true, false]);
    expect(
      planWaves(records(), 50, s)
        .flat()
        .map((b) => `${b.infno}:${b.records.length}`)
        .sort(),
    ).toEqual(['3502A:2', '3505A:2', '3506:1', '3506:1']);
  });

  it("returnBatch: returns together as 3506A, with 3505A's node and 3506's fields; stockBatch off: one record per 3502", () => {
    const s = traceSettings({ returnBatch: true, stockBatch: 'no' });
    const batches = planWaves(records(), 50, s).flat();
    expect(batches.map((b) => `${b.infno}:${b.records.length}`).sort()).toEqual([
      '3502:1',
      '3502:1',
      '3505A:2',
      '3506A:2',
    ]);
    const r = batches.find((b) => b.infno === '3506A')!;
    expect(r.node).toBe('selinfoDetail');
    expect(r.input).toMatchObject({ selinfoDetail: [{ medins_prod_sel_no: 'FY3' }, { medins_prod_sel_no: 'FY4' }] });
    expect(validateInput('3506A', r.input)).toEqual([]);
    expect(transactionSpec('3506A')?.input[0]).toMatchObject({ node: 'selinfoDetail', shape: 'array' });
  });

  it('a province default gives way to hisops.yaml', () => {
    expect(traceSettings(undefined, {}, { returnBatch: true }).returnBatch).toBe(true);
    expect(traceSettings({ returnBatch: false }, {}, { returnBatch: true }).returnBatch).toBe(false);
    expect(() => traceSettings({ stockBatch: 'maybe' })).toThrow(/trace.stockBatch/);
  });
});

describe('from stock-in to dispensing', () => {
  it('holds a code received as another drug, and one sent back to the supplier before it is dispensed', () => {
    const c = checker();
    const checked = c.check([
      stockIn('RK1', '2025-03-03 07:00:00', [code(1), code(2), code(3)]),
      stockIn('RK2', '2025-03-03 07:01:00', [code(4, '8302541')], { fixmedins_hilist_id: 'YP90001' }),
      ...groupStock(stockRows('RK3', '2025-03-03 08:00:00', [code(2)], { inv_chg_type: '109' })),
      sale('FY1', '2025-03-03 09:00:00', [code(1)]),
      sale('FY2', '2025-03-03 09:01:00', [code(2)]),
      sale('FY3', '2025-03-03 09:02:00', [code(4, '8302541')]),
      // Received again after going back: the hospital's again.
      stockIn('RK4', '2025-03-03 11:00:00', [code(2)]),
      sale('FY4', '2025-03-03 12:00:00', [code(2)]),
    ]);
    const kinds = Object.fromEntries(
      checked.map((x) => [x.record.id, x.findings.map((f) => `${f.kind}:${f.related_id}`)]),
    );
    expect(kinds).toEqual({
      RK1: [],
      RK2: [],
      RK3: [],
      FY1: [],
      FY2: ['returned_to_supplier:RK3'],
      FY3: ['stock_other_drug:RK2'],
      RK4: [],
      FY4: [],
    });
  });

  it('knows the drug a code came in as before the window, from the journal', () => {
    const c = checker();
    c.addStockHistory([
      { drug_trac_codg: code(7), fixmedins_hilist_id: 'YP90001', record_id: 'RK0', op_time: '2025-03-01 07:00:00' },
    ]);
    const [x] = c.check([sale('FY1', '2025-03-03 09:00:00', [code(7)])]);
    expect(x!.findings.map((f) => [f.kind, f.related_id])).toEqual([['stock_other_drug', 'RK0']]);
  });
});
