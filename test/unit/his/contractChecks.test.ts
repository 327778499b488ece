/** The pure contract checks of a statement's rows. */
import { describe, expect, it } from 'vitest';
import { checkRows, typeProblem } from '../../../src/core/his/index.js';

const COLS = [
  'his_setl_no',
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'insutype',
  'clr_type',
  'setl_optins',
  'clr_optins',
  'in_area_flag',
  'setl_time',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'psn_cash_pay',
  'hosp_part_amt',
  'refd_setl_flag',
  'init_setl_id',
  'msgid',
  'infno',
  'his_status',
];
const row = (o: Record<string, unknown> = {}) => ({
  his_setl_no: 'JS1',
  setl_id: 'S1',
  mdtrt_id: 'M1',
  psn_no: 'P1',
  insutype: '310',
  clr_type: '11',
  setl_optins: '430100',
  clr_optins: '430100',
  in_area_flag: '1',
  setl_time: '2025-03-03 09:00:00',
  medfee_sumamt: '100.00',
  fund_pay_sumamt: '60.00',
  acct_pay: '30.00',
  psn_cash_pay: '10.00',
  hosp_part_amt: '0.00',
  refd_setl_flag: '0',
  init_setl_id: null,
  msgid: 'MSG1',
  infno: '2207',
  his_status: 'settled',
  ...o,
});

describe('typeProblem', () => {
  it('takes canonical times and driver Dates, and names a compact HIS time', () => {
    expect(typeProblem('datetime', '2025-03-03 09:00:00')).toBeUndefined();
    expect(typeProblem('datetime', new Date())).toBeUndefined();
    expect(typeProblem('datetime', '20250303090000')).toBe('is not yyyy-MM-dd HH:mm:ss');
    expect(typeProblem('date', '2025-13-03')).toBe('is not a calendar date');
  });

  it('money: two decimals as text, tolerant of float noise from the driver, not of fen', () => {
    expect(typeProblem('money', '12.3000')).toBeUndefined();
    expect(typeProblem('money', 222.60000000000002)).toBeUndefined();
    expect(typeProblem('money', '12.345')).toContain('more than two decimals');
    expect(typeProblem('money', '12,30')).toBe('is not a number');
  });
});

describe('checkRows', () => {
  it('passes a consistent settlement and its refund row', () => {
    const refund = row({
      his_setl_no: 'JS2',
      setl_id: 'S2',
      medfee_sumamt: '-100.00',
      fund_pay_sumamt: '-60.00',
      acct_pay: '-30.00',
      psn_cash_pay: '-10.00',
      refd_setl_flag: '1',
      init_setl_id: 'S1',
      infno: '2208',
      msgid: 'MSG2',
    });
    expect(checkRows('settlements_for_reconcile', [row(), refund], COLS)).toEqual([]);
  });

  it('names a sum that does not hold, with the settlement and both sides', () => {
    const [p] = checkRows('settlements_for_reconcile', [row({ psn_cash_pay: '15.00' })], COLS);
    expect(p).toMatchObject({ check: 'sum', column: 'medfee_sumamt', values: ['S1: 100.00 ≠ 105.00'] });
  });

  it('warns for a local code of the right shape, errors for a value of another shape', () => {
    const ps = checkRows(
      'settlements_for_reconcile',
      [row({ insutype: '399001' }), row({ setl_id: 'S3', his_setl_no: 'JS3', insutype: 'E' })],
      COLS,
    );
    expect(ps.map((p) => [p.column, p.severity, p.values])).toEqual([
      ['insutype', 'warning', ['"399001"']],
      ['insutype', 'error', ['"E"']],
    ]);
  });

  it('names missing columns and empty required values', () => {
    const ps = checkRows(
      'settlements_for_reconcile',
      [row({ his_status: null })],
      COLS.filter((c) => c !== 'in_area_flag'),
    );
    expect(ps.map((p) => `${p.check}:${p.column}`).sort()).toEqual([
      'missing_column:in_area_flag',
      'not_null:his_status',
    ]);
  });
});
