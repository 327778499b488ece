/**
 * The batch writes each result as text directly (resultJsonBody) instead of JSON.stringify over
 * resultToJson: the two must give the same document, golden bills and generated ones alike, with
 * and without the explanation; f2's shortcut for amounts already in cents must equal toFixed(2).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { loadPolicyFile, parseBill, resultJsonBody, resultToJson, settleBill } from '../../../src/core/rules/index.js';
import { exactText, f2, f4 } from '../../../src/core/rules/rounding.js';

const DIR = 'test/golden/rules';

describe('result JSON written directly', () => {
  for (const f of readdirSync(DIR).filter((x) => /\.bill\.(json|csv)$/.test(x))) {
    for (const explain of [false, true]) {
      it(`${f}${explain ? ' with the explanation' : ''} reads back as resultToJson`, async () => {
        const expected = JSON.parse(
          readFileSync(join(DIR, f.replace(/\.bill\.(json|csv)$/, '.expected.json')), 'utf8'),
        ) as { policy: string };
        const policy = await loadPolicyFile(`templates/policies/${expected.policy}`, (p) => readFileSync(p, 'utf8'));
        const bill = parseBill(readFileSync(join(DIR, f), 'utf8'), f, { policies: [policy] });
        const r = settleBill(bill, [policy], { explain });
        const text = `{${resultJsonBody(r)}}`;
        expect(text).toBe(JSON.stringify(resultToJson(r)));
      });
    }
  }

  it('f2 equals toFixed(2) for amounts in cents, whole numbers, zero, signs and long values', () => {
    const values = [
      '0',
      '-0',
      '0.5',
      '-0.5',
      '0.01',
      '-0.001',
      '100',
      '12345678.9',
      '9.995',
      '1e20',
      '1e21',
      '123456789012345678901.5',
      '0.000001',
      '-7.10',
    ];
    for (let i = 0; i < 2000; i++)
      values.push(
        (
          (((i * 7919) % 100003) / (i % 4 === 0 ? 1 : i % 4 === 1 ? 10 : i % 4 === 2 ? 100 : 1000)) *
          (i % 3 === 0 ? -1 : 1)
        ).toString(),
      );
    for (const v of values) expect(`${v} ${f2(new D(v))}`).toBe(`${v} ${new D(v).toFixed(2)}`);
  });

  it('f2, f4 and exactText read from the digits equal toFixed / toString for seeded values: parsed, scaled, summed, up to 17 digits', () => {
    // f2/f4 read the Decimal's words (d, e, s) for values with few decimals: check them against
    // toFixed across word boundaries (7-digit words), exponents, signs and results of arithmetic.
    let seed = 20261206;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const fixed = [
      '45.5',
      '0.000001',
      '0.0000001',
      '-0.000003',
      '123456.123456',
      '1e-7',
      '1234567.1234567',
      '0',
      '-0',
      '0.2',
      '0.05',
      '0.0001',
      '-0.0001',
      '0.00001',
      '0.97',
      '9999999.99',
      '10000000',
      '10000000.01',
      '99999999999999.99',
      '999999999999999.99',
      '1e14',
      '1e15',
      '-12.3',
      '70000000',
    ];
    const values = fixed.map((v) => new D(v));
    for (let i = 0; i < 4000; i++) {
      const digits = rnd(16);
      const dp = rnd(6);
      let text = `${rnd(3) === 0 ? '-' : ''}${String(rnd(10 ** Math.min(digits, 9))) + (digits > 9 ? String(rnd(10 ** (digits - 9))).padStart(digits - 9, '0') : '')}`;
      if (dp > 0) text += `.${String(rnd(10 ** dp)).padStart(dp, '0')}`;
      let d = new D(text);
      if (rnd(3) === 0) d = d.times(new D(10).pow(rnd(9)));
      if (rnd(3) === 0) d = d.plus(new D(text).div(100));
      if (rnd(4) === 0) d = d.minus(d);
      values.push(d);
    }
    for (const d of values) {
      expect(`${d.toString()} ${f2(d)}`).toBe(`${d.toString()} ${d.isZero() ? '0.00' : d.toFixed(2)}`);
      expect(`${d.toString()} ${f4(d)}`).toBe(`${d.toString()} ${d.toFixed(4)}`);
      expect(exactText(d)).toBe(d.toString());
    }
  });
});
