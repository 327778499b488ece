import { describe, expect, it } from 'vitest';
import { HisValueCensus, readHisRow } from '../../../src/core/reconcile/index.js';
import { hisRow, rules, RULES } from './fixtures.js';

const P1 = { begndate: '2025-03-04', enddate: '2025-03-04' };
const P2 = { begndate: '2025-03-05', enddate: '2025-03-05' };

describe('the census of the HIS rows left out', () => {
  it('nothing to say when rows count with documented values, or when there were no rows', () => {
    const c = new HisValueCensus();
    expect(c.findings(RULES)).toEqual([]);
    c.add(readHisRow(hisRow(), RULES), 1, P1);
    c.add(readHisRow(hisRow({ his_status: 'void' }), RULES), 1, P1);
    c.add(readHisRow(hisRow({ his_status: 'pending', setl_id: null }), RULES), 3, P2);
    expect(c).toMatchObject({ rows: 5, counted: 1, excluded: { status: 4, refund: 0, out_of_area: 0 } });
    expect(c.findings(RULES)).toEqual([]);
  });

  it('every row left out: one finding with the counts by reason, the values and the column; undocumented statuses one more', () => {
    const r = rules({ refunds: 'exclude', outOfArea: 'exclude' });
    const c = new HisValueCensus();
    c.add(readHisRow(hisRow({ his_status: 'S' }), r), 40, P1);
    c.add(readHisRow(hisRow({ his_status: 'void' }), r), 2, P1);
    c.add(readHisRow(hisRow({ refd_setl_flag: '1' }), r), 1, P2);
    c.add(readHisRow(hisRow({ in_area_flag: '0', setl_optins: '440300' }), r), 1, P2);
    const [excluded, odd, ...rest] = c.findings(r);
    expect(rest).toEqual([]);
    expect(excluded).toMatchObject({
      kind: 'unknown',
      cause: 'his_rows_excluded',
      begndate: '2025-03-04',
      effects: [],
      repair: { action: 'manual', certain: false },
    });
    expect(excluded!.detail).toBe(
      'The HIS returned 44 settlement row(s) (2 period(s) 2025-03-04 … 2025-03-05) and the reconcile rules left out every one: 42 by status (his_status "S" ×40, "void" ×2), 1 by refund flag (refd_setl_flag "1" ×1), 1 by out-of-area (in_area_flag "0" ×1). Nothing was counted: the HIS side of every total is zero (reconcile.statuses: settled, cancelled; reconcile.refunds: exclude; reconcile.outOfArea: exclude).',
    );
    expect(odd).toMatchObject({
      cause: 'his_unexpected_value',
      begndate: '2025-03-04',
      fields: [{ field: 'settlements_for_reconcile.his_status', his: 'S ×40' }],
    });
  });

  it('a status listed in reconcile.statuses is meant, even when undocumented', () => {
    const r = rules({ statuses: ['S'] });
    const c = new HisValueCensus();
    c.add(readHisRow(hisRow({ his_status: 'S' }), r), 1, P1);
    c.add(readHisRow(hisRow({ his_status: 'settled' }), r), 1, P1);
    expect(c.findings(r)).toEqual([]);
  });

  it('odd flags of counted rows: one finding per column, from the first period they showed in', () => {
    const c = new HisValueCensus();
    c.add(readHisRow(hisRow(), RULES), 1, P1);
    c.add(readHisRow(hisRow({ in_area_flag: 'Y', refd_setl_flag: 'N' }), RULES), 2, P2);
    c.add(readHisRow(hisRow({ in_area_flag: 'L' }), RULES), 1, P2);
    expect(c.findings(RULES).map((f) => [f.cause, f.begndate, f.fields.map((x) => x.his).join(' ')])).toEqual([
      ['his_unexpected_value', '2025-03-05', 'N ×2'],
      ['his_unexpected_value', '2025-03-05', 'Y ×2 L ×1'],
    ]);
  });
});
