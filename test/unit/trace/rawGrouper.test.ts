/**
 * A profile source streams a statement's rows as arrays into rawGrouper, which takes the record of
 * the row before when the raw id repeats. Checked against groupDispensing over the same rows as
 * objects: records whose rows are apart, ids that normalise alike, a record without codes, numbers
 * as ids.
 */
import { describe, expect, it } from 'vitest';
import { columnKind, normalizeValue } from '../../../src/core/his/index.js';
import { groupDispensing } from '../../../src/core/trace/index.js';
import { rawGrouper } from '../../../src/core/trace/groupRows.js';

const COLUMNS = [
  'disp_id',
  'disp_type',
  'sel_retn_time',
  'fixmedins_hilist_id',
  'sel_retn_cnt',
  'trac_seq',
  'drug_trac_codg',
];
const ROWS: unknown[][] = [
  ['A', 'sale', '2026-01-05 08:00:00', 'YP1', '2', 1, '83000000000000000001'],
  ['A', 'sale', '2026-01-05 08:00:00', 'YP1', '2', 2, '83000000000000000002'],
  ['B', 'sale', '2026-01-05 08:00:01', 'YP2', '1', null, null],
  ['C', 'sale', '2026-01-05 08:00:02', 'YP1', '3', 1, '83000000000000000003'],
  ['B', 'sale', '2026-01-05 08:00:01', 'YP2', '1', 1, '83000000000000000004'],
  ['C', 'sale', '2026-01-05 08:00:02', 'YP1', '3', 2, '83000000000000000005'],
  [7, 'return', '2026-01-05 08:00:03', 'YP1', '1', 1, '83000000000000000001'],
  ['7', 'return', '2026-01-05 08:00:03', 'YP1', '1', 2, '83000000000000000002'],
  [7, 'return', '2026-01-05 08:00:03', 'YP1', '1', 3, '83000000000000000003'],
  ['D', 'sale', '2026-01-05 08:00:04', 'YP3', '1', 1, '83000000000000000006'],
];
const normalize = (column: string, v: unknown) => normalizeValue(columnKind(column), v);

describe('rawGrouper', () => {
  it('folds streamed rows into the records groupDispensing makes of them', () => {
    const g = rawGrouper('dispensing', normalize);
    for (const r of ROWS) g.sink(r, COLUMNS);
    const objects = ROWS.map((r) => Object.fromEntries(COLUMNS.map((c, i) => [c, normalize(c, r[i])])));
    const want = groupDispensing(objects);
    const got = g.records();
    expect(got.map(({ fields, ...r }) => r)).toEqual(want.map(({ fields, ...r }) => r));
    expect(got.map((r) => r.codes.length)).toEqual([2, 1, 2, 3, 1]);
  });
});
