import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../../src/core/shared/index.js';

/** A full collection (exposed for this test only), so that what is still reachable can be told. */
function collect(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('runPipeline memory', () => {
  it('holds no ahead result once its item is done: a long run keeps only the items in flight', async () => {
    const refs: Array<WeakRef<object>> = [];
    let alive = 0;
    await runPipeline([0, 1, 2, 3, 4, 5, 6, 7], {
      depth: 1,
      ahead: async () => {
        const big = { data: new Array(1000).fill(0) };
        refs.push(new WeakRef(big));
        return big;
      },
      main: async (i, a) => {
        expect(a.data.length).toBe(1000);
        if (i === 7) {
          await new Promise((r) => setTimeout(r, 0));
          collect();
          // Item 7's own result (held by this call) is reachable; items 0–6 are done and must not be.
          alive = refs.slice(0, 7).filter((r) => r.deref() !== undefined).length;
        }
      },
    });
    expect(alive).toBe(0);
  });
});
