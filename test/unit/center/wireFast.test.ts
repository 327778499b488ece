/**
 * The protocol's short cuts on hot paths, each against the general way it replaces: an amount
 * with no more decimals than its field's scale goes on the wire as Number(text) without Decimal;
 * isDate reads the digits in place instead of a round trip through Date.UTC; the request body is
 * written around the input's text instead of stringifying the whole envelope.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  buildRequestEnvelope,
  dropNulls,
  isDate,
  requestEnvelopeText,
  toWireInput,
  type EnvelopeCommon,
} from '../../../src/core/center/index.js';

/** The wire number of an amount the general way: Decimal, rounded half-up to the scale. */
const viaDecimal = (v: string, scale: number) =>
  Number(new Decimal(v.trim()).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP).toFixed(scale));

/** isDate as it was: the regular expression, then a round trip through Date.UTC. */
function isDateViaUtc(s: string): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

describe('wire amounts', () => {
  it('gives the same number as Decimal for every numeral, at scales 4 (cnt) and 6 (pric)', () => {
    let s = 11;
    const r = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const numerals = ['0', '00', '0.0', '007.50', '12.', '.5', ' 3.25 ', '+4.5', '-3.5', '-0', '1e3', '9'.repeat(22)];
    for (let i = 0; i < 20000; i++) {
      const int = String(Math.floor(r() * 10 ** Math.floor(r() * 17)));
      const frac = Array.from({ length: Math.floor(r() * 9) }, () => String(Math.floor(r() * 10))).join('');
      numerals.push(frac ? `${int}.${frac}` : int);
    }
    for (const v of numerals) {
      const w = toWireInput('3502', { invinfo: { cnt: v, pric: v } }).invinfo as Record<string, unknown>;
      if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)\s*$/.test(v)) {
        expect(w.cnt).toBe(v);
        continue;
      }
      expect(Object.is(w.cnt, viaDecimal(v, 4)), `cnt ${v}`).toBe(true);
      expect(Object.is(w.pric, viaDecimal(v, 6)), `pric ${v}`).toBe(true);
    }
  });
});

describe('isDate', () => {
  it('agrees with a round trip through Date.UTC on every day of years 0–2400 and of later centuries', () => {
    let checked = 0;
    for (let y = 0; y <= 9999; y += y < 2400 ? 1 : 97)
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          const s = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (isDate(s) !== isDateViaUtc(s)) expect.fail(`${s}: ${isDate(s)}`);
          checked++;
        }
    expect(checked).toBeGreaterThan(1_000_000);
    expect([isDate('2024-02-29'), isDate('2023-02-29'), isDate('1900-02-29'), isDate('2000-02-29')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
  });
});

describe('request envelope text', () => {
  const common: EnvelopeCommon = {
    fixmedins_code: 'H43011100001',
    fixmedins_name: '测试医院 "一"',
    mdtrtarea_admvs: '430100',
    insuplc_admdvs: '430100',
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter: 'op01',
    opter_name: '张三',
    opter_type: '1',
    cainfo: 'c',
  };
  it('is JSON.stringify of the envelope, whatever the input', () => {
    const inputs: Record<string, unknown>[] = [
      {},
      { data: { psn_no: '1', x: null } },
      { selinfoDetail: [{ a: 1.5, b: 'é\n"', drugtracinfo: [{ drug_trac_codg: '8' }] }], extra: undefined },
    ];
    for (const input of inputs)
      for (const insuplc_admdvs of [undefined, '110000']) {
        const args = {
          infno: '3505A',
          msgid: 'H430111000012025010112000000001',
          now: new Date(0),
          sign_no: 's',
          insuplc_admdvs,
        };
        expect(requestEnvelopeText(common, args, JSON.stringify(dropNulls(input)))).toBe(
          JSON.stringify(buildRequestEnvelope(common, { ...args, input })),
        );
      }
  });
});
