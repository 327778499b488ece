import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, fenOfBytes, fenOfText, fmt, textOfFen } from '../../../src/core/money.js';

describe('integer fen for file hot loops', () => {
  it.each([
    ['12.30', 1230],
    ['12.3', 1230],
    [' -0.05 ', -5],
    ['7', 700],
    ['0', 0],
    ['1.005', undefined],
    ['1,000.00', undefined],
    ['1e3', undefined],
    ['', undefined],
    ['abc', undefined],
    ['12345678901234.00', undefined],
    ['1234567890123.99', 123456789012399],
    ['-0', 0],
    ['-0.00', 0],
    ['-', undefined],
    ['-.5', undefined],
    ['.5', undefined],
    ['5.', undefined],
    ['5.1a', undefined],
    ['5..1', undefined],
    ['+5', undefined],
    ['\t3.10\n', 310],
    ['3.10 x', undefined],
    ['\u00a01.5', 150],
  ])('%j → %s', (s, f) => {
    expect(fenOfText(s)).toBe(f);
  });

  it('reads any text as the pattern of a two-decimal amount does', () => {
    const PATTERN = /^\s*(-)?(\d{1,13})(?:\.(\d{1,2}))?\s*$/;
    const byPattern = (s: string): number | undefined => {
      const m = PATTERN.exec(s);
      if (!m) return undefined;
      const f = new D(`${m[2]}.${m[3] ?? '0'}`).times(100).toNumber();
      return m[1] && f !== 0 ? -f : f;
    };
    const chars = fc.constantFrom('0', '1', '5', '9', '.', '-', ' ', '\t', 'e', ',', '+');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 18 }).map((a) => a.join('')),
        (s) => {
          expect(fenOfText(s)).toBe(byPattern(s));
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('agrees with Decimal both ways for any two-decimal amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (f) => {
        const text = textOfFen(f);
        expect(text).toBe(fmt(new D(f).div(100)));
        expect(fenOfText(text)).toBe(f);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads from bytes what fenOfText reads, for the -digits.dd form alone', () => {
    const canonical = /^-?\d{1,13}\.\d\d$/;
    const texts = [
      '12.30',
      '-0.05',
      '0.00',
      '-0.00',
      '1234567890123.45',
      '12345678901234.50',
      '12.3',
      '7',
      '',
      '-',
      '.50',
      '1.005',
      ' 1.00',
      '1.00 ',
      '1a.00',
      '1.0a',
      '--1.00',
      '1,00',
      '１.00',
    ];
    for (const t of texts) {
      // Inside a longer piece of bytes, as a cell of a line.
      const b = Buffer.from(`x\t${t}\ty`);
      const s = 2;
      const e = s + Buffer.byteLength(t);
      expect(fenOfBytes(b, s, e), JSON.stringify(t)).toBe(canonical.test(t) ? fenOfText(t) : undefined);
    }
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15) + 1, max: 10 ** 15 - 1 }), (f) => {
        const t = textOfFen(f);
        expect(fenOfBytes(Buffer.from(t), 0, t.length)).toBe(fenOfText(t));
      }),
      { numRuns: 2000 },
    );
  });
});
