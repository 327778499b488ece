import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_INLINING_BYTES, withInliningBudget } from '../../../src/cli/inliningBudget.js';

describe('withInliningBudget', () => {
  afterEach(() => vi.restoreAllMocks());
  const calls = (flags: { mock: { calls: unknown[][] } }) => flags.mock.calls.map((c) => c[0]);

  it('sets the budget while the batch runs and gives V8 its own back after', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const seen: unknown[] = [];
    const out = await withInliningBudget(BATCH_INLINING_BYTES, async () => {
      seen.push(...calls(flags));
      return 'done';
    });
    expect(out).toBe('done');
    expect(seen).toEqual([`--max-inlined-bytecode-size-cumulative=${BATCH_INLINING_BYTES}`]);
    expect(calls(flags)).toEqual([
      `--max-inlined-bytecode-size-cumulative=${BATCH_INLINING_BYTES}`,
      '--max-inlined-bytecode-size-cumulative=920',
    ]);
  });

  it('gives the budget back when the batch fails', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    await expect(
      withInliningBudget(100, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(calls(flags).at(-1)).toBe('--max-inlined-bytecode-size-cumulative=920');
  });

  it('leaves a budget given on the command line as it is', async () => {
    const flags = vi.spyOn(v8, 'setFlagsFromString');
    const before = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-inlined-bytecode-size-cumulative=300';
    try {
      expect(await withInliningBudget(100, async () => 1)).toBe(1);
    } finally {
      if (before === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = before;
    }
    expect(calls(flags)).toEqual([]);
  });
});
