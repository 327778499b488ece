import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCode, productPrefix } from '../../../src/core/trace/index.js';

const GOOD = '83025403161264649612';

describe('normalizeCode', () => {
  it.each([
    [GOOD, GOOD, false],
    [`  ${GOOD}  `, GOOD, true],
    [`\t${GOOD}\r\n`, GOOD, true],
    [`\u3000${GOOD}\uFEFF`, GOOD, true],
  ])('accepts %j as %s (trimmed: %s)', (raw, code, trimmed) => {
    expect(normalizeCode(raw)).toEqual({ ok: true, code, trimmed });
  });

  it.each([
    [null, 'no_code', /no code/],
    ['', 'no_code', /empty/],
    ['   ', 'no_code', /empty/],
    [GOOD.slice(0, 19), 'bad_length', /19 digits, not 20 \(a digit was lost/],
    [GOOD + '1', 'bad_length', /21 digits/],
    ['6901234567892', 'bad_length', /commodity barcode/],
    ['8302667316AB38953117', 'bad_chars', /letters AB at position 11, 12/],
    ['8302667316 238953117', 'bad_chars', /space inside at position 11/],
    ['８３０２６６７３１６１２３８９５３１１７', 'bad_chars', /full-width digits/],
    ['83026673-1612389531', 'bad_chars', /symbol "-" at position 9/],
    ['(01)06901234567892(21)ABC', 'bad_chars', /not all digits/],
  ])('rejects %j as %s', (raw, kind, reason) => {
    const v = normalizeCode(raw);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.kind).toBe(kind);
    expect(v.reason).toMatch(reason);
  });

  it('accepts exactly the strings that are 20 digits once surrounding blanks are removed', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('0', '1', '9', 'A', ' ', '-', '８', '\t'), maxLength: 26 }),
        (s) => {
          const v = normalizeCode(s);
          expect(v.ok).toBe(/^\d{20}$/.test(s.trim()));
          if (v.ok) expect(v.code).toBe(s.trim());
        },
      ),
    );
  });

  it('derives the product-identification code from the first 7 digits', () => {
    expect(productPrefix(GOOD)).toBe('8302540');
  });
});
