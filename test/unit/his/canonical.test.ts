import { describe, expect, it } from 'vitest';
import { bindValue, columnKind, normalizeRow } from '../../../src/core/his/index.js';
import { D } from '../../../src/core/money.js';

describe('normalizeRow', () => {
  it('lower-cases keys and gives every driver the same shapes', () => {
    const oracle = {
      SETL_ID: '4301',
      MEDFEE_SUMAMT: 12.3,
      SETL_TIME: new Date(2025, 2, 3, 23, 59, 58),
      BRDY: new Date(1980, 0, 2),
      POOL_PROP_SELFPAY: 0.85,
      BILL_CNT: '7',
    };
    expect(normalizeRow(oracle)).toEqual({
      setl_id: '4301',
      medfee_sumamt: '12.30',
      setl_time: '2025-03-03 23:59:58',
      brdy: '1980-01-02',
      pool_prop_selfpay: '0.85',
      bill_cnt: 7,
    });
    const pg = {
      medfee_sumamt: '12.30',
      pric: '4.500000',
      cnt: '2.0000',
      fee_ocur_time: '2025-03-03 08:00:01',
      psn_no: null,
    };
    expect(normalizeRow(pg)).toEqual({
      medfee_sumamt: '12.30',
      pric: '4.5',
      cnt: '2',
      fee_ocur_time: '2025-03-03 08:00:01',
      psn_no: null,
    });
    expect(normalizeRow({ acct_pay: -0.5, insutype: 310 })).toEqual({ acct_pay: '-0.50', insutype: '310' });
  });

  it('knows the canonical kinds', () => {
    expect(columnKind('fund_pay_sumamt')).toBe('money');
    expect(columnKind('setl_time')).toBe('datetime');
    expect(columnKind('enddate')).toBe('date');
    expect(columnKind('drug_trac_codg')).toBe('text');
  });
});

describe('bindValue', () => {
  it('binds money, times and dates as text', () => {
    expect(bindValue('money', new D('12.3'))).toBe('12.30');
    expect(bindValue('money', '7')).toBe('7.00');
    expect(bindValue('datetime', new Date(2025, 2, 3, 1, 2, 3))).toBe('2025-03-03 01:02:03');
    expect(bindValue('date', '2025-03-03 10:00:00')).toBe('2025-03-03');
    expect(bindValue('text', 42)).toBe('42');
    expect(bindValue('text', null)).toBeNull();
    expect(bindValue('decimal', new D('0.8500'))).toBe('0.85');
  });
});
