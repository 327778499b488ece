import { describe, expect, it } from 'vitest';
import {
  GroupBook,
  groupsToSend,
  knownGroupKeys,
  totalsRequest,
  totalsText,
} from '../../../src/core/reconcile/index.js';
import { his, rules, RULES } from './fixtures.js';

describe('groups and totals', () => {
  it('sums per insutype × clr_type × setl_optins, a refund as one settlement with negative amounts', () => {
    const b = new GroupBook();
    b.add(his());
    b.add(his({ setl_id: 'S2', medfee: 5050n, fund: 3000n, acct: 0n }));
    b.add(his({ setl_id: 'S3', refd_setl_flag: '1', medfee: -10000n, fund: -6000n, acct: -1000n }));
    b.add(his({ setl_id: 'S4', insutype: '390' }));
    b.add(his({ setl_id: 'S5', setl_optins: '440300' }));
    expect(b.keys().sort()).toEqual(['310|11|430100', '310|11|440300', '390|11|430100']);
    expect(totalsText(b.get('310|11|430100'))).toEqual({
      count: 3,
      medfee_sumamt: '50.50',
      fund_pay_sumamt: '30.00',
      acct_pay: '0.00',
    });
    expect(b.get('510|11|430100').count).toBe(0);
  });

  it('asks about the groups of the day, of the run so far, of the configuration and the known ones, each with why, filtered', () => {
    const b = new GroupBook();
    b.add(his());
    const r = rules({ groups: [{ insutype: '390', clr_type: '21', setl_optins: '430100' }] });
    expect(groupsToSend(b, ['310|21|430100'], r, {})).toEqual([
      { key: '310|11|430100', because: ['his_rows'] },
      { key: '310|21|430100', because: ['run'] },
      { key: '390|21|430100', because: ['configured'] },
    ]);
    expect(groupsToSend(b, ['310|21|430100'], r, { insutypes: ['310'], clrTypes: ['21'] })).toEqual([
      { key: '310|21|430100', because: ['run'] },
    ]);
    // A known group is asked even on a day without its rows; reasons add up.
    expect(groupsToSend(b, ['310|11|430100'], r, {}, ['310|21|430100', '310|11|430100'])).toEqual([
      { key: '310|11|430100', because: ['known', 'his_rows', 'run'] },
      { key: '310|21|430100', because: ['known'] },
      { key: '390|21|430100', because: ['configured'] },
    ]);
  });

  it('takes the known groups as the rules send them: codes the center knows, out-of-area agencies as reconcile.outOfArea says', () => {
    const known = [
      { insutype: '310', clr_type: '11', setl_optins: '430100' },
      { insutype: '310', clr_type: '11', setl_optins: '440300' },
      { insutype: '39999', clr_type: '11', setl_optins: '430100' },
      { insutype: '390', clr_type: '77', setl_optins: '430100' },
    ];
    expect(knownGroupKeys(known, RULES)).toEqual(['310|11|430100', '310|11|440300']);
    expect(knownGroupKeys(known, rules({ outOfArea: 'local_agency' }))).toEqual(['310|11|430100']);
    expect(knownGroupKeys(known, rules({ outOfArea: 'exclude', extraInsutypes: ['39999'] }))).toEqual([
      '310|11|430100',
      '39999|11|430100',
    ]);
  });

  it('builds the 3201 input with the refund flag of the rules', () => {
    const b = new GroupBook();
    b.add(his());
    const req = totalsRequest(
      { begndate: '2025-03-04', enddate: '2025-03-04' },
      { insutype: '310', clr_type: '11', setl_optins: '430100' },
      b.get('310|11|430100'),
      RULES,
    );
    expect(req).toEqual({
      insutype: '310',
      clr_type: '11',
      setl_optins: '430100',
      stmt_begndate: '2025-03-04',
      stmt_enddate: '2025-03-04',
      medfee_sumamt: '100.00',
      fund_pay_sumamt: '60.00',
      acct_pay: '10.00',
      fixmedins_setl_cnt: 1,
      refd_setl_flag: '1',
    });
    expect(
      totalsRequest(
        { begndate: 'a', enddate: 'b' },
        { insutype: '310', clr_type: '11', setl_optins: '430100' },
        b.get('x'),
        rules({ refunds: 'exclude' }),
      ).refd_setl_flag,
    ).toBe('0');
  });
});
