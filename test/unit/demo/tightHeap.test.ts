import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEAP_GROWING_PERCENT, withTightHeap } from '../../../src/core/demo/tightHeap.js';

describe('withTightHeap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lets the heap grow by HEAP_GROWING_PERCENT while the work runs, and gives V8 its own rule back', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const seen: string[][] = [];
    const out = await withTightHeap(async () => {
      seen.push(flags.mock.calls.map((c) => c[0]));
      return 7;
    });
    expect(out).toBe(7);
    expect(seen).toEqual([[`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]]);
    expect(flags.mock.calls.map((c) => c[0])).toEqual([
      `--heap-growing-percent=${HEAP_GROWING_PERCENT}`,
      '--heap-growing-percent=0',
    ]);
  });

  it('gives the rule back when the work fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    await expect(
      withTightHeap(async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(flags.mock.calls.at(-1)?.[0]).toBe('--heap-growing-percent=0');
  });
});
