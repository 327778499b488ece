import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditInputOf, DEFAULT_AGE, feeLineOf, skipReason } from '../../../src/core/audit/index.js';
import { parsePolicy, type SettleInput } from '../../../src/core/rules/index.js';

const root = path.resolve(__dirname, '../../..');
const employee = parsePolicy(
  fs.readFileSync(path.join(root, 'templates/policies/employee.yaml'), 'utf8'),
  'employee.yaml',
);

const row = (o: Record<string, unknown> = {}) => ({
  setl_id: 'S1',
  his_setl_no: 'H1',
  insutype: '310',
  psn_type: '12',
  age: '71.0',
  cvlserv_flag: '1',
  setl_time: '2024-09-20 10:00:00',
  clr_type: '21',
  clr_way: '1',
  in_area_flag: '0',
  refd_setl_flag: '0',
  medfee_sumamt: '100.00',
  fulamt_ownpay_amt: '0.00',
  overlmt_selfpay: '0.00',
  preselfpay_amt: '0.00',
  inscp_scp_amt: '100.00',
  acct_pay: '30.00',
  acct_mulaid_pay: '10.00',
  balc: '70.00',
  hifp_pay: null,
  ...o,
});

describe('auditInputOf', () => {
  it('takes what the row has: retired, age, civil servant, out-of-area, balance before', () => {
    const a = auditInputOf(row(), [], employee, { hosp_lv: '2' });
    expect(a.kind).toBe('totals');
    if (a.kind === 'skip') throw new Error('skipped');
    const p = a.input.person;
    expect(p).toMatchObject({ age: 71, retired: true, psn_groups: ['civil_servant'] });
    // 70 after + 30 paid − 10 of it from mutual aid = 90 own balance before.
    expect(p.acct_balc.toFixed(2)).toBe('90.00');
    expect(p.mulaid_balc!.toFixed(2)).toBe('10.00');
    expect(a.input.visit).toMatchObject({
      type: 'inpatient',
      in_area: false,
      acct_used_flag: true,
      admission_count: 1,
    });
    expect(a.recorded.hifp_pay).toBeUndefined();
    expect(a.recorded.medfee_sumamt!.toFixed(2)).toBe('100.00');
    expect(a.assumed.join('\n')).not.toMatch(/^age=/m);
    expect(a.assumed.join('\n')).toMatch(/category totals from the record/);
  });

  it('names every assumed input and uses the policy’s last level by default', () => {
    const a = auditInputOf(
      row({ age: null, psn_type: null, in_area_flag: null, clr_type: '11', acct_pay: '0.00', acct_mulaid_pay: '0.00' }),
      [
        {
          feedetl_sn: 'F1',
          cnt: '1',
          pric: '10',
          fee_ocur_time: '2024-09-20 09:00:00',
          chrgitm_lv: '1',
          med_list_codg: 'A',
          list_type: '201',
        },
      ],
      employee,
    );
    if (a.kind === 'skip') throw new Error('skipped');
    expect(a.kind).toBe('lines');
    expect(a.input.hosp_lv).toBe('3');
    expect(a.input.person.age).toBe(DEFAULT_AGE);
    expect(a.input.visit.acct_used_flag).toBe(false);
    const text = a.assumed.join('\n');
    for (const k of ['hosp_lv=3', `age=${DEFAULT_AGE}`, 'retired=false', 'in_area=true', 'ytd accumulators=0'])
      expect(text).toContain(k);
    expect((a.input as SettleInput).lines[0]).toMatchObject({ chrgitm_lv: '01', fee_ocur_time: '2024-09-20' });
  });

  it('skips cancellations and fixed-amount clearing, with the reason', () => {
    expect(skipReason(row({ refd_setl_flag: '1', init_setl_id: 'S0' }))).toMatchObject({
      reason: 'cancellation',
      detail: expect.stringContaining('S0'),
    });
    expect(skipReason(row({ medfee_sumamt: '-100.00', refd_setl_flag: null }))?.reason).toBe('cancellation');
    expect(skipReason(row({ clr_way: '2' }))).toMatchObject({
      reason: 'fixed_amount',
      detail: expect.stringContaining('clr_way 2'),
    });
    expect(skipReason(row({ clr_way: null }))).toBeNull();
    // 按项目 is written 01 in the national table and 1 in some provinces: both are recomputed.
    expect(skipReason(row({ clr_way: '01' }))).toBeNull();
    expect(skipReason(row({ clr_way: '1' }))).toBeNull();
    expect(skipReason(row({ clr_way: '05' }))?.reason).toBe('fixed_amount');
    expect(auditInputOf(row({ clr_way: '3' }), [], employee)).toMatchObject({ kind: 'skip', reason: 'fixed_amount' });
  });

  it('reads an unmapped fee line as no valid mapping', () => {
    const l = feeLineOf({
      feedetl_sn: 7,
      med_list_codg: '',
      chrgitm_lv: null,
      cnt: '2',
      pric: '3.5',
      fee_ocur_time: '2024-09-20 09:00:00',
      selfpay_prop: '0.1000',
    });
    expect(l).toMatchObject({ feedetl_sn: '7', med_list_codg: null, chrgitm_lv: null });
    expect(l.selfpay_prop!.toString()).toBe('0.1');
  });
});
