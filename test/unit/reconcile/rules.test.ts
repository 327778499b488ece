import { describe, expect, it } from 'vitest';
import { isHisopsError } from '../../../src/core/errors.js';
import { DEFAULT_RULES, parseReconcileRules, refdFlag } from '../../../src/core/reconcile/index.js';

const src = { setl_optins: '430100', file: 'hisops.yaml' };

function error(section: unknown): string {
  try {
    parseReconcileRules(section, src);
  } catch (e) {
    if (!isHisopsError(e)) throw e;
    expect(e.code).toBe('RECONCILE_CONFIG');
    expect(e.exit).toBe(2);
    return `${e.summary} | ${e.fix ?? ''} | ${e.why ?? ''}`;
  }
  throw new Error('no error');
}

describe('reconcile: section of hisops.yaml', () => {
  it('defaults to the national shape when the section is absent', () => {
    const r = parseReconcileRules(undefined, src);
    expect(r).toMatchObject({ ...DEFAULT_RULES, setl_optins: '430100' });
    expect(r.resultColumns).toEqual([
      'psn_no',
      'mdtrt_id',
      'setl_id',
      'msgid',
      'stmt_rslt',
      'refd_setl_flag',
      'memo',
      'medfee_sumamt',
      'fund_pay_sumamt',
      'acct_pay',
    ]);
    expect(refdFlag(r)).toBe('1');
  });

  it('takes every setting', () => {
    const r = parseReconcileRules(
      {
        maxDays: '31',
        period: 'range',
        detail: 'always',
        refunds: 'exclude',
        hospitalBorne: 'subtract',
        outOfArea: 'local_agency',
        setl_optins: 430200,
        statuses: ['settled'],
        clrTypeMap: { 13: '11', '99915': 11 },
        extraInsutypes: ['39999'],
        extraClrTypes: ['9902'],
        groups: [{ insutype: '39999', clr_type: '9902', setl_optins: '430100' }],
        crossMidnightMinutes: 30,
        knownGroupDays: 31,
        queryLimit: 0,
        resultColumns: [
          'psn_no',
          '-',
          'setl_id',
          'msgid',
          'stmt_rslt',
          'refd_setl_flag',
          'medfee_sumamt',
          'fund_pay_sumamt',
          'acct_pay',
          'memo',
        ],
      },
      src,
    );
    expect(r).toMatchObject({
      maxDays: 31,
      period: 'range',
      detail: 'always',
      refunds: 'exclude',
      hospitalBorne: 'subtract',
      outOfArea: 'local_agency',
      setl_optins: '430200',
      statuses: ['settled'],
      clrTypeMap: { '13': '11', '99915': '11' },
      crossMidnightMinutes: 30,
      knownGroupDays: 31,
      queryLimit: 0,
    });
    expect(refdFlag(r)).toBe('0');
  });

  it.each([
    [{ maxDay: 31 }, 'reconcile.maxDay is not a reconciliation setting', 'Did you mean "maxDays"?'],
    [{ maxDays: 0 }, 'reconcile.maxDays must be a whole number from 1 to 366', 'Found: 0'],
    [{ maxDays: 'a month' }, 'reconcile.maxDays must be a whole number', '"a month"'],
    [{ period: 'week' }, 'reconcile.period must be one of day, range', '"week"'],
    [{ detail: 'alway' }, 'reconcile.detail must be one of auto, always, never', 'Did you mean "always"?'],
    [{ refunds: true }, 'reconcile.refunds must be one of include, exclude', 'Found: true'],
    [{ hospitalBorne: 'minus' }, 'reconcile.hospitalBorne must be one of as_returned, subtract, add', '"minus"'],
    [{ outOfArea: 'elsewhere' }, 'reconcile.outOfArea must be one of own_agency, local_agency, exclude', '"elsewhere"'],
    [{ setl_optins: '4301' }, 'reconcile.setl_optins must be a 6-digit agency code', '"4301"'],
    [{ statuses: 'settled' }, 'reconcile.statuses must be a list', '"settled"'],
    [{ statuses: [] }, 'reconcile.statuses lists no status', 'settled, cancelled'],
    [{ clrTypeMap: ['11'] }, 'reconcile.clrTypeMap must be a map', 'clrTypeMap: {'],
    [
      { clrTypeMap: { '13': '77' } },
      'reconcile.clrTypeMap.13 maps to "77", which is not a known clearing type',
      'extraClrTypes',
    ],
    [{ extraInsutypes: ['3 9'] }, 'reconcile.extraInsutypes[0] is not a code', 'item 1'],
    [
      { groups: [{ insutype: '310', clr_type: '11' }] },
      'reconcile.groups[0].setl_optins must be a 6-digit agency code',
      '',
    ],
    [
      { groups: [{ insutype: '311', clr_type: '11', setl_optins: '430100' }] },
      'reconcile.groups[0].insutype "311" is not a known insurance type',
      'extraInsutypes',
    ],
    [
      { groups: [{ insutype: '310', clr_type: '11', setl_optins: '430100', day: 1 }] },
      'reconcile.groups[0].day is not a group key',
      '',
    ],
    [{ crossMidnightMinutes: -1 }, 'reconcile.crossMidnightMinutes must be a whole number from 0 to 720', ''],
    [{ knownGroupDays: 'forever' }, 'reconcile.knownGroupDays must be a whole number from 0 to 3660', '"forever"'],
    [
      { resultColumns: ['psn_no', 'setl', 'stmt_rslt'] },
      'reconcile.resultColumns[1] names "setl", which is not a 3202 result column',
      '"-" for a column to ignore',
    ],
    [
      { resultColumns: ['setl_id', 'stmt_rslt', 'medfee_sumamt', 'fund_pay_sumamt'] },
      'reconcile.resultColumns leaves out acct_pay',
      '',
    ],
    [
      { resultColumns: ['setl_id', 'setl_id', 'stmt_rslt', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay'] },
      'reconcile.resultColumns names a column twice',
      '',
    ],
    [['maxDays'], 'reconcile must be a map of settings', ''],
  ])('refuses %j precisely', (section, summary, hint) => {
    const msg = error(section);
    expect(msg).toContain(`hisops.yaml: ${summary}`);
    expect(msg).toContain(hint);
  });

  it('refuses an institution whose center.setl_optins is not an agency code', () => {
    expect(() => parseReconcileRules(undefined, { setl_optins: '' })).toThrow(/center.setl_optins/);
  });
});
