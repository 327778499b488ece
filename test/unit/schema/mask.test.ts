import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import {
  compileRules,
  idCheckDigit,
  isValidIdCard,
  maskValue,
  parseMaskRules,
} from '../../../src/core/schema/index.js';

const KEY = 'test-key';

describe('masking', () => {
  it('computes the GB 11643 check digit', () => {
    // the standard's own example: 11010519491231002X
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(isValidIdCard('11010519491231002X')).toBe(true);
    expect(isValidIdCard('110105194912310021')).toBe(false);
  });

  it('keeps an 18-digit ID valid-looking: region kept, new valid birth date, same sex digit parity, correct check digit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1930-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        (region, birth, seq) => {
          const p2 = (n: number) => String(n).padStart(2, '0');
          const first17 = `${region}${birth.getUTCFullYear()}${p2(birth.getUTCMonth() + 1)}${p2(birth.getUTCDate())}${String(seq).padStart(3, '0')}`;
          const id = first17 + idCheckDigit(first17);
          const m = maskValue('idcard', id, KEY) as string;
          expect(isValidIdCard(m)).toBe(true);
          expect(m.slice(0, 6)).toBe(id.slice(0, 6));
          expect(Number(m[16]) % 2).toBe(Number(id[16]) % 2);
          expect(m).not.toBe(id);
          expect(maskValue('idcard', id, KEY)).toBe(m); // deterministic
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps names, phones, addresses and e-mails in their format', () => {
    const name = maskValue('name', '张三丰', KEY) as string;
    expect([...name]).toHaveLength(3);
    expect(name).toMatch(/^[\u4e00-\u9fff]{3}$/);
    expect(name).not.toBe('张三丰');
    expect(maskValue('name', 'Smith', KEY)).toMatch(/^[A-Z][a-z]{4}$/);
    const mobile = maskValue('phone', '13812345678', KEY) as string;
    expect(mobile).toMatch(/^138\d{8}$/);
    expect(mobile).not.toBe('13812345678');
    expect(maskValue('phone', '010-62345678', KEY)).toMatch(/^010-[2-9]\d{7}$/);
    const addr = maskValue('address', '广东省广州市天河区体育西路191号', KEY) as string;
    expect(addr.startsWith('广东省广州市天河区')).toBe(true);
    expect(addr).toMatch(/^广东省广州市天河区[\u4e00-\u9fff]{4}\d{3}[\u4e00-\u9fff]$/);
    expect(addr).not.toBe('广东省广州市天河区体育西路191号');
    expect(maskValue('email', 'zhang.san@hospital.cn', KEY)).toMatch(/^[a-z]{5}\.[a-z]{3}@hospital\.cn$/);
    expect(maskValue('name', null, KEY)).toBeNull();
    expect(maskValue('name', '', KEY)).toBe('');
  });

  it('is deterministic per key, so the same person matches across tables, and differs with another key', () => {
    expect(maskValue('name', '李四', KEY)).toBe(maskValue('name', '李四', KEY));
    const others = new Set(['k1', 'k2', 'k3', 'k4'].map((k) => maskValue('name', '李四', k)));
    expect(others.size).toBeGreaterThan(1);
  });

  it('picks maskers by column-name pattern, leaving dictionary names alone', () => {
    const r = compileRules();
    expect(r.kindFor('patient', 'psn_name')).toBe('name');
    expect(r.kindFor('OH_PATIENT', 'PAT_FNAME')).toBe('name');
    expect(r.kindFor('patient_data', 'phone_cell')).toBe('phone');
    expect(r.kindFor('patient', 'sfzh')).toBe('idcard');
    expect(r.kindFor('patient', 'certno')).toBe('idcard');
    expect(r.kindFor('patient', 'jtzz')).toBe('address');
    expect(r.kindFor('drug_dict', 'drug_name')).toBeUndefined();
    expect(r.kindFor('ward', 'name')).toBeUndefined();
    const custom = compileRules([{ table: 'zy_*', column: 'bz', kind: 'text' }]);
    expect(custom.kindFor('zy_brry', 'bz')).toBe('text');
    expect(custom.kindFor('mz_gh', 'bz')).toBeUndefined();
    expect(compileRules([{ column: 'x', kind: 'name' }], true).kindFor('p', 'psn_name')).toBeUndefined();
  });

  it('reads rules files and rejects bad rules precisely', () => {
    expect(
      parseMaskRules('mask:\n  - { table: "zy_*", column: bz, kind: text }\nreplaceDefaults: true\n', 'm.yaml'),
    ).toEqual({ rules: [{ table: 'zy_*', column: 'bz', kind: 'text' }], replaceDefaults: true });
    try {
      parseMaskRules('mask:\n  - { column: bz, kind: scramble }\n', 'm.yaml');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(HisopsError);
      expect((e as HisopsError).summary).toBe('Rule 1 in m.yaml is not valid');
    }
  });
});
