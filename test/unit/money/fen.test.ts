import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, fenOfText, fmt, textOfFen } from '../../../src/core/money.js';

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
  ])('%j → %s', (s, f) => {
    expect(fenOfText(s)).toBe(f);
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
});
