/**
 * canonicalJson keeps each object shape's sorted keys (and their JSON texts). Checked against the
 * plain definition — keys sorted at every level, undefined values left out — on random values
 * whose objects repeat shapes, share first keys, and have keys with separators and quotes in them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/center/protocol/canonicalJson.js';

function plain(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(plain).join(',')}]`;
  const o = v as Record<string, unknown>;
  const parts = Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${plain(o[k])}`);
  return `{${parts.join(',')}}`;
}

const key = fc.constantFrom('a', 'b', 'a\nb', 'b\na', 'c"', '药品', 'z', '', '__proto__x');
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    leaf,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(key, tie('v'), { maxKeys: 5 }),
  ),
})).v;

describe('canonicalJson', () => {
  it('writes what sorting every level gives, however shapes repeat', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 6 }), (vs) => {
        for (const v of vs) expect(canonicalJson(v)).toBe(plain(v));
        const memo = new WeakMap<object, string>();
        for (const v of vs) expect(canonicalJson(v, memo)).toBe(plain(v));
      }),
      { numRuns: 300 },
    );
  });

  it('tells apart shapes whose keys differ after the first, or only in order', () => {
    expect(canonicalJson({ a: 1, b: 2 })).toBe('{"a":1,"b":2}');
    expect(canonicalJson({ a: 1, c: 2 })).toBe('{"a":1,"c":2}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson({ 'a\nb': 1 })).toBe('{"a\\nb":1}');
    expect(canonicalJson({ a: 1, b: undefined, c: [{ z: 1, y: 'x' }] })).toBe('{"a":1,"c":[{"y":"x","z":1}]}');
  });
});
