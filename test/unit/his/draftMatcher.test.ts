/**
 * The matcher of profile draft, alone: a schema (names and comments) in, tables per role and
 * columns per canonical field out, with the reasons; comments outrank names that contradict them;
 * status codes come from the comment; the renderer turns the mapping into statements with
 * confidence notes, TODOs and `unsupported` where a key cannot be found.
 */
import { describe, expect, it } from 'vitest';
import {
  codesOf,
  columnScore,
  matchSchema,
  parseProfile,
  renderDraft,
  STATEMENT_NAMES,
  VENDOR_TABLES,
  type DraftTable,
} from '../../../src/core/his/index.js';

/** The vendor-style HIS as the catalog of MySQL or PostgreSQL describes it. */
const vendor: DraftTable[] = VENDOR_TABLES.map((t) => ({
  name: t.name,
  comment: t.comment,
  columns: t.columns.map((c) => ({ name: c.name, comment: c.comment })),
}));

describe('profile draft matcher', () => {
  it('scores a column by its name, its comment and the two together', () => {
    expect(columnScore('setl_id', { name: 'setl_id' })).toMatchObject({ score: 1 });
    expect(columnScore('acct_pay', { name: 'ZHZF1', comment: '个人账户支付' })).toMatchObject({
      score: 0.95,
      why: 'comment "个人账户支付"',
    });
    expect(columnScore('hifp_pay', { name: 'TCJJZF' }).score).toBe(0.85);
    // A pinyin name its comment contradicts: 结束时间 is not 结算时间.
    expect(columnScore('setl_time', { name: 'JSSJ', comment: '结束时间' }).score).toBeLessThan(0.6);
    expect(columnScore('drug_trac_codg', { name: 'CODE', comment: '药品追溯码（20位）' }).score).toBeGreaterThanOrEqual(
      0.6,
    );
    expect(columnScore('psn_cash_pay', { name: 'AMT3', comment: '备用' }).score).toBe(0);
  });

  it('reads the codes of a status column from its comment', () => {
    expect(codesOf('his_status', '结算状态（0待确认 1已结算 2已作废 3已撤销）')).toEqual({
      pending: '0',
      settled: '1',
      void: '2',
      cancelled: '3',
    });
    expect(codesOf('log_status', '状态:0=已发送,1=成功,2=失败')).toEqual({ sent: '0', answered: '1', failed: '2' });
    expect(codesOf('disp_type', '发药类型（1发药 2退药）')).toEqual({ sale: '1', return: '2' });
    expect(codesOf('his_status', '结算状态')).toBeUndefined();
  });

  it('finds every table of the vendor-style HIS with high confidence, the hospital code and the shared trace-code table', () => {
    const m = matchSchema(vendor);
    expect(Object.fromEntries(Object.entries(m).map(([r, t]) => [r, `${t!.table} ${t!.confidence}`]))).toEqual({
      settlement: 'YB_JSXX high',
      fee: 'YB_JSMX high',
      visit: 'MZ_GHXX high',
      log: 'YB_JYRZ high',
      mapping: 'YB_MLDZ high',
      item: 'YY_XMZD high',
      trace_prefix: 'YP_ZSMQZ high',
      dispense: 'YF_FYJL high',
      stock: 'YK_KCBD high',
      dispense_trace: 'YP_ZSM high',
      stock_trace: 'YP_ZSM high',
    });
    expect(m.settlement!.missing).toEqual([]);
    expect(m.settlement!.tenant!.column).toBe('YYBM');
    expect(m.settlement!.columns).toMatchObject({
      acct_pay: { column: 'GRZHZF' },
      hifp_pay: { column: 'TCJJZF' },
      his_status: { column: 'JSZT', codes: { pending: '0', cancelled: '3' } },
    });
    expect(m.dispense_trace!.columns.trace_kind).toMatchObject({ column: 'YWLX', codes: { kind: '1' } });
    expect(m.stock_trace!.columns.trace_kind!.codes).toEqual({ kind: '2' });
  });

  it('renders a profile that loads, with the institution bind, CASE for codes and no TODO', () => {
    const r = renderDraft(matchSchema(vendor), { dialect: 'mysql', source: 'test', statements: STATEMENT_NAMES });
    expect(r.unsupported).toEqual([]);
    expect(r.todos).toBe(0);
    const p = parseProfile(r.text, 'drafted.yaml');
    // Optional statements over tables the draft does not look for (stock-takes, stock-in invoice numbers) are left out.
    const notDrafted = ['insert_stock_code', 'stock_count_for_upload', 'stock_in_by_invoice'];
    expect(Object.keys(p.statements).sort()).toEqual(STATEMENT_NAMES.filter((n) => !notDrafted.includes(n)).sort());
    expect(r.text).toContain(
      "UPDATE YB_JSXX\n      SET ZFYY = :reason,\n          JSZT = '2',\n          XGSJ = :now\n      WHERE YYBM = :fixmedins_code AND BWID = :msgid AND JSZT IN ('0', '1')",
    );
    expect(r.text).toContain('CAST(d.FYSJ AS DATE)');
  });

  it('finds English-named tables too, and leaves a table that fits nothing alone', () => {
    const m = matchSchema([
      {
        name: 'settle_main',
        columns: [
          'settle_no',
          'settle_id',
          'visit_id',
          'total_amount',
          'fund_total',
          'account_pay',
          'cash_pay',
          'settle_time',
          'msg_id',
          'status',
        ].map((name) => ({ name })),
      },
      { name: 'ward', columns: [{ name: 'ward_code' }, { name: 'beds' }] },
    ]);
    expect(Object.keys(m)).toEqual(['settlement']);
    expect(m.settlement!.columns).toMatchObject({
      his_setl_no: { column: 'settle_no' },
      medfee_sumamt: { column: 'total_amount' },
      acct_pay: { column: 'account_pay' },
      psn_cash_pay: { column: 'cash_pay' },
      msgid: { column: 'msg_id' },
      his_status: { column: 'status' },
    });
    expect(m.settlement!.confidence).toBe('high');
  });

  it('says what it cannot decide: NULL with a TODO, unknown codes, unsupported statements', () => {
    const thin: DraftTable[] = [
      {
        name: 'T_A1',
        columns: [
          { name: 'setl_id' },
          { name: 'medfee_sumamt' },
          { name: 'fund_pay_sumamt' },
          { name: 'setl_time' },
          { name: 'msgid' },
          { name: 'his_status', comment: '状态（A正常 B作废）' },
        ],
      },
    ];
    const m = matchSchema(thin);
    expect(m.settlement!.confidence).toBe('medium'); // all keys, but nothing in the name says settlement
    const r = renderDraft(m, { dialect: 'sqlite', source: 'thin', statements: STATEMENT_NAMES });
    expect(r.text).toContain('NULL AS acct_pay');
    expect(r.text).toContain('# TODO acct_pay: no column found in T_A1');
    expect(r.text).toContain('# TODO his_status: no code found for cancelled, pending in the comment of his_status');
    expect(r.unsupported).toEqual(
      expect.arrayContaining(['dispensing_for_upload', 'orphan_center_calls', 'insert_mapping']),
    );
    expect(r.unsupported).toContain('insert_settlement'); // its key :his_setl_no has no column
    expect(() => parseProfile(r.text, 'thin.yaml')).not.toThrow();
  });
});
