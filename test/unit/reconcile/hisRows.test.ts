import { describe, expect, it } from 'vitest';
import { readHisRow, RECONCILE_COLUMNS } from '../../../src/core/reconcile/index.js';
import { isHisTime } from '../../../src/core/reconcile/hisRows.js';
import { STATEMENTS } from '../../../src/core/his/index.js';
import { hisRow, rules, RULES } from './fixtures.js';

describe('reading HIS rows under the province rules', () => {
  it('reads the columns the profile statement declares', () => {
    expect([...RECONCILE_COLUMNS]).toEqual(STATEMENTS.settlements_for_reconcile!.columns);
  });

  it('takes as a time what the pattern /^\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}/ takes', () => {
    const pattern = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/;
    const base = '2025-03-04 08:09:10';
    const tried: string[] = [
      base,
      `${base}.123`,
      base.replace(' ', 'T'),
      base.slice(0, 18),
      '',
      ' 2025-03-04 08:09:10',
    ];
    // Every character of the time replaced by each of a few others.
    for (let i = 0; i < base.length; i++)
      for (const c of ['0', '9', '/', ':', '-', ' ', 'T', 't', 'a', '\u0660', '\uff10'])
        tried.push(base.slice(0, i) + c + base.slice(i + 1));
    // (A value is trimmed before it is read.)
    for (const t of tried) expect(isHisTime(t), JSON.stringify(t)).toBe(pattern.test(t.trim()));
    expect(tried.filter((t) => isHisTime(t)).length).toBeGreaterThan(20);
  });

  it('counts a settled row with the center setl_time and exact fen', () => {
    const r = readHisRow(hisRow(), RULES);
    expect(r).toEqual({
      kind: 'counted',
      s: expect.objectContaining({
        setl_id: 'S1',
        insutype: '310',
        clr_type: '11',
        setl_optins: '430100',
        day: '2025-03-04',
        refd_setl_flag: '0',
        medfee: 10000n,
        fund: 6000n,
        acct: 1000n,
        cash: 3000n,
      }),
    });
  });

  it.each([
    ['a void row', hisRow({ his_status: 'void' }), RULES, { kind: 'excluded', reason: 'status', value: 'void' }],
    [
      'a pending row',
      hisRow({ his_status: 'pending', setl_id: null }),
      RULES,
      { kind: 'excluded', reason: 'status', value: 'pending' },
    ],
    [
      'a status the HIS spells its own way',
      hisRow({ his_status: ' S ' }),
      RULES,
      { kind: 'excluded', reason: 'status', value: 'S' },
    ],
    [
      'a refund row with refunds excluded',
      hisRow({ refd_setl_flag: '1' }),
      rules({ refunds: 'exclude' }),
      { kind: 'excluded', reason: 'refund', value: '1' },
    ],
    [
      'an out-of-area row, excluded',
      hisRow({ in_area_flag: '0', setl_optins: '440300' }),
      rules({ outOfArea: 'exclude' }),
      { kind: 'excluded', reason: 'out_of_area', value: '0' },
    ],
    [
      'another agency without the flag, excluded',
      hisRow({ in_area_flag: null, setl_optins: '440300' }),
      rules({ outOfArea: 'exclude' }),
      { kind: 'excluded', reason: 'out_of_area', value: '440300' },
    ],
  ])('%s is left out', (_n, row, r, expected) => {
    expect(readHisRow(row, r)).toEqual(expected);
  });

  it.each([
    ['refd_setl_flag "Y"', hisRow({ refd_setl_flag: 'Y' }), [{ column: 'refd_setl_flag', value: 'Y' }]],
    ['refd_setl_flag null', hisRow({ refd_setl_flag: null }), [{ column: 'refd_setl_flag', value: '' }]],
    ['in_area_flag "L"', hisRow({ in_area_flag: 'L' }), [{ column: 'in_area_flag', value: 'L' }]],
    [
      'both',
      hisRow({ refd_setl_flag: 2, in_area_flag: 'L' }),
      [
        { column: 'refd_setl_flag', value: '2' },
        { column: 'in_area_flag', value: 'L' },
      ],
    ],
  ])('a row with %s is counted as before and names the undocumented values', (_n, row, odd) => {
    const r = readHisRow(row, RULES);
    expect(r).toMatchObject({ kind: 'counted', s: { refd_setl_flag: '0' }, odd });
  });

  it('documented values carry no note', () => {
    for (const over of [
      {},
      { refd_setl_flag: '1' },
      { in_area_flag: null },
      { in_area_flag: '0' },
      { refd_setl_flag: 0, in_area_flag: 1 },
    ])
      expect(readHisRow(hisRow(over), RULES)).not.toHaveProperty('odd');
  });

  it.each([
    [
      'an out-of-area row under its own agency',
      hisRow({ in_area_flag: '0', setl_optins: '440300' }),
      RULES,
      { setl_optins: '440300' },
    ],
    [
      'an out-of-area row under the local agency',
      hisRow({ in_area_flag: '0', setl_optins: '440300' }),
      rules({ outOfArea: 'local_agency' }),
      { setl_optins: '430100' },
    ],
    [
      'the agency from clr_optins when setl_optins is empty',
      hisRow({ setl_optins: null, clr_optins: '430100' }),
      RULES,
      { setl_optins: '430100' },
    ],
    [
      'hospital-borne subtracted',
      hisRow({ hosp_part_amt: '5.00' }),
      rules({ hospitalBorne: 'subtract' }),
      { fund: 5500n },
    ],
    ['hospital-borne added', hisRow({ hosp_part_amt: '5.00' }), rules({ hospitalBorne: 'add' }), { fund: 6500n }],
    [
      'a local clearing type mapped',
      hisRow({ clr_type: '13' }),
      rules({ clrTypeMap: { '13': '11' } }),
      { clr_type: '11' },
    ],
    [
      'a refund row',
      hisRow({ refd_setl_flag: '1', medfee_sumamt: '-100.00', init_setl_id: 'S0' }),
      RULES,
      { refd_setl_flag: '1', medfee: -10000n, init_setl_id: 'S0' },
    ],
    ['a province insutype', hisRow({ insutype: '39999' }), rules({ extraInsutypes: ['39999'] }), { insutype: '39999' }],
    [
      'missing optional amounts as zero',
      hisRow({ acct_pay: null, psn_cash_pay: null, hosp_part_amt: null }),
      RULES,
      { acct: 0n, cash: 0n },
    ],
    [
      'a T in the time (a driver that writes ISO)',
      hisRow({ setl_time: '2025-03-04T23:59:59' }),
      RULES,
      { setl_time: '2025-03-04 23:59:59', day: '2025-03-04' },
    ],
  ])('%s', (_n, row, r, expected) => {
    const res = readHisRow(row, r);
    expect(res.kind).toBe('counted');
    if (res.kind === 'counted') expect(res.s).toMatchObject(expected);
  });

  it.each([
    ['no setl_id', hisRow({ setl_id: null }), 'HIS_NO_SETL_ID', 'has no setl_id'],
    ['an unknown insutype', hisRow({ insutype: '999' }), 'HIS_UNKNOWN_INSUTYPE', 'insutype "999"'],
    ['an unknown clearing type', hisRow({ clr_type: '77' }), 'HIS_UNKNOWN_CLR_TYPE', 'clr_type "77"'],
    ['three decimals', hisRow({ fund_pay_sumamt: '60.005' }), 'HIS_BAD_AMOUNT', 'fund_pay_sumamt'],
    ['no medfee', hisRow({ medfee_sumamt: null }), 'HIS_BAD_AMOUNT', 'medfee_sumamt'],
    ['no time', hisRow({ setl_time: null }), 'HIS_BAD_TIME', 'is not a time'],
  ])('reports a row with %s, with the raw row', (_n, row, code, text) => {
    const res = readHisRow(row, RULES);
    expect(res.kind).toBe('problem');
    if (res.kind === 'problem') {
      expect(res.problem.code).toBe(code);
      expect(res.problem.message).toContain(text);
      expect(res.problem.row).toBe(row);
    }
  });
});
