import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEED_HEAP_GROWING_PERCENT, withHeapGrowing } from '../../src/core/heapGrowth.js';

describe('withHeapGrowing', () => {
  afterEach(() => vi.restoreAllMocks());
  const calls = (flags: { mock: { calls: unknown[][] } }) => flags.mock.calls.map((c) => c[0]);

  it('lets the heap grow by the percent given while the work runs, and gives V8 its own rule back', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const seen: unknown[][] = [];
    const out = await withHeapGrowing(SEED_HEAP_GROWING_PERCENT, async () => {
      seen.push(calls(flags));
      return 7;
    });
    expect(out).toBe(7);
    expect(seen).toEqual([[`--heap-growing-percent=${SEED_HEAP_GROWING_PERCENT}`]]);
    expect(calls(flags)).toEqual([`--heap-growing-percent=${SEED_HEAP_GROWING_PERCENT}`, '--heap-growing-percent=0']);
  });

  it('gives the rule back when the work fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    await expect(
      withHeapGrowing(30, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls(flags).at(-1)).toBe('--heap-growing-percent=0');
  });

  it('holds the tightest percent while two jobs overlap, and the other one when the tighter ends', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    let endTight!: () => void;
    const tightGoes = new Promise<void>((r) => (endTight = r));
    const loose = withHeapGrowing(100, async () => {
      const tight = withHeapGrowing(30, () => tightGoes);
      expect(calls(flags).at(-1)).toBe('--heap-growing-percent=30');
      endTight();
      await tight;
      expect(calls(flags).at(-1)).toBe('--heap-growing-percent=100');
    });
    await loose;
    expect(calls(flags)).toEqual([
      '--heap-growing-percent=100',
      '--heap-growing-percent=30',
      '--heap-growing-percent=100',
      '--heap-growing-percent=0',
    ]);
  });
});
