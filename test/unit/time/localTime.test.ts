import { describe, expect, it } from 'vitest';
import { codeLabel, codeNameIn, INSUTYPE, CLR_TYPE, MED_TYPE, PSN_SETLWAY } from '../../../src/core/center/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import { checkTimeZone, isoWithOffset, localDate, localDateTime } from '../../../src/core/time/index.js';

describe('local time', () => {
  it('writes an instant as people in the zone write it, never UTC ISO', () => {
    expect(localDateTime('2025-03-03T06:05:09.342Z')).toBe('2025-03-03 14:05:09');
    expect(localDateTime(new Date('2025-03-03T16:30:00Z'), 'Asia/Shanghai')).toBe('2025-03-04 00:30:00');
    expect(localDateTime('2025-03-03T06:05:09Z', 'Asia/Urumqi')).toBe('2025-03-03 12:05:09');
    expect(localDateTime('2025-03-03T14:05:09+08:00', 'UTC')).toBe('2025-03-03 06:05:09');
    // Before 08:00 in China the UTC day is still yesterday.
    expect(localDate('2025-03-02T23:30:00Z')).toBe('2025-03-03');
  });

  it('leaves text that is not an ISO instant as it is (a HIS time is already local)', () => {
    expect(localDateTime('2025-03-03 14:05:09')).toBe('2025-03-03 14:05:09');
    expect(localDateTime('')).toBe('');
  });

  it('JSON keeps ISO with the zone offset', () => {
    expect(isoWithOffset('2025-03-03T06:05:09.342Z')).toBe('2025-03-03T14:05:09+08:00');
    expect(isoWithOffset('2025-03-03T06:05:09Z', 'UTC')).toBe('2025-03-03T06:05:09+00:00');
    expect(isoWithOffset('2025-07-01T12:00:00Z', 'America/New_York')).toBe('2025-07-01T08:00:00-04:00');
  });

  it('an unknown zone is CONFIG_BAD_TIMEZONE, in both languages', () => {
    expect(checkTimeZone('Asia/Shanghai')).toBe('Asia/Shanghai');
    try {
      checkTimeZone('China/Beijing');
      throw new Error('no error');
    } catch (e) {
      expect(isHisopsError(e) && e.code).toBe('CONFIG_BAD_TIMEZONE');
      expect(String((e as Error).message)).toContain('China/Beijing');
    }
  });
});

describe('code names', () => {
  it('shows a code with its name: Chinese from the national table, English translated', () => {
    expect(codeLabel('insutype', '310', 'zh-CN')).toBe('310 职工基本医疗保险');
    expect(codeLabel('insutype', '390', 'zh-CN')).toBe('390 城乡居民基本医疗保险');
    expect(codeLabel('clr_type', '21', 'zh-CN')).toBe('21 住院');
    expect(codeLabel('med_type', '14', 'zh-CN')).toBe('14 门诊慢特病');
    expect(codeLabel('psn_setlway', '02', 'zh-CN')).toBe('02 按定额结算');
    expect(codeLabel('insutype', '310', 'en')).toBe('310 employee basic medical insurance');
    expect(codeLabel('clr_type', '11', 'en')).toBe('11 outpatient');
  });

  it('a local code is shown bare; an empty one stays empty', () => {
    expect(codeLabel('clr_type', '9902', 'zh-CN')).toBe('9902');
    expect(codeLabel('insutype', null, 'en')).toBe('');
  });

  it('has an English name for every national code of the tables reports show', () => {
    for (const [table, codes] of [
      ['insutype', INSUTYPE],
      ['clr_type', CLR_TYPE],
      ['med_type', MED_TYPE],
      ['psn_setlway', PSN_SETLWAY],
    ] as const) {
      for (const [code, zh] of Object.entries(codes)) {
        const en = codeNameIn(table, code, 'en');
        expect(en, `${table} ${code}`).toBeTruthy();
        expect(en).not.toBe(zh);
      }
    }
  });
});
