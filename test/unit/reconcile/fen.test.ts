import { describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { decimalFen, fenDecimal, fenText, parseFen } from '../../../src/core/reconcile/index.js';

describe('fen', () => {
  it.each([
    ['12.30', 1230n],
    ['12.3', 1230n],
    ['-0.05', -5n],
    ['7', 700n],
    [12.3, 1230n],
    [' 0.10 ', 10n],
    ['1.234', undefined],
    ['12.3000', 1230n],
    ['-0.0500', -5n],
    ['12.000', 1200n],
    ['12.3010', undefined],
    ['12.', undefined],
    ['1,000.00', undefined],
    ['abc', undefined],
    ['', undefined],
    [null, undefined],
    [Number.NaN, undefined],
    [-0.05, -5n],
    [0.1 + 0.2, undefined],
    [1.005, undefined],
    [99999999.99, 9999999999n],
    [-0, 0n],
    [1e21, undefined],
  ])('%j → %s', (v, f) => {
    expect(parseFen(v)).toBe(f);
  });

  it('reads a driver number exactly as its shortest decimal text would be read', () => {
    for (let i = 0; i < 20000; i++) {
      const f = Math.floor((i * 7919.123) % 1e9) - 5e8;
      const v = Number(fenText(BigInt(f)));
      expect(parseFen(v)).toBe(parseFen(String(v)));
      expect(parseFen(v)).toBe(BigInt(f));
    }
  });

  it('reads amount text exactly, small and huge', () => {
    expect(parseFen('12345678901234567.89')).toBe(1234567890123456789n);
    expect(parseFen('-22517998136852.47')).toBe(-2251799813685247n);
    for (let i = 0; i < 20000; i++) {
      const f = BigInt(Math.floor((i * 104729.37) % 9e14)) * (i % 2 ? -1n : 1n);
      expect(parseFen(fenText(f))).toBe(f);
      if (f % 10n === 0n) expect(parseFen(fenText(f).replace(/0$/, ''))).toBe(f);
    }
  });

  it('prints a safe integer as the bigint digits would (the number path agrees with the general one)', () => {
    const big = (f: bigint) => {
      const a = f < 0n ? -f : f;
      const s = a.toString().padStart(3, '0');
      return `${f < 0n ? '-' : ''}${s.slice(0, -2)}.${s.slice(-2)}`;
    };
    const edges = [0n, 1n, -1n, 9n, 10n, 99n, 100n, 101n, -100n, 9007199254740991n, -9007199254740991n];
    for (const f of [...edges, 9007199254740992n, -9007199254740992n, 10n ** 20n + 7n]) expect(fenText(f)).toBe(big(f));
    for (let i = 0; i < 20000; i++) {
      const f = BigInt(Math.floor((i * 1299709.77) % 9.007e15)) * (i % 3 ? 1n : -1n);
      expect(fenText(f)).toBe(big(f));
    }
  });

  it('prints and converts exactly', () => {
    expect([fenText(0n), fenText(5n), fenText(-5n), fenText(123456789012345n)]).toEqual([
      '0.00',
      '0.05',
      '-0.05',
      '1234567890123.45',
    ]);
    expect(fenDecimal(-1230n).eq(new D('-12.3'))).toBe(true);
    expect(decimalFen(new D('0.1').plus('0.2'))).toBe(30n);
    expect(() => decimalFen(new D('0.001'))).toThrow();
  });
});
