import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src/core/trace/index.js';

describe('RateLimiter', () => {
  it('spaces starts evenly at the rate, in call order, without bursts', async () => {
    let t = 1000;
    const starts: number[] = [];
    const sleep = async (ms: number) => {
      t += ms;
    };
    const lim = new RateLimiter(4, () => t, sleep);
    for (let i = 0; i < 6; i++) {
      await lim.take();
      starts.push(t);
    }
    expect(starts).toEqual([1000, 1250, 1500, 1750, 2000, 2250]);
  });

  it('moves the next slot back when a request left later than usual, and only then', async () => {
    let t = 0;
    const lim = new RateLimiter(
      10,
      () => t,
      async (ms) => void (t += ms),
    );
    const slots: number[] = [];
    for (const outDelay of [2, 2, 60, 2, 150, 2, 2]) {
      await lim.take();
      slots.push(t);
      t += outDelay; // time from the slot to the wire
      lim.sent();
    }
    // Usually 2 ms out: slots every 100 ms. 60 ms out is ordinary variation (under an interval
    // late): nothing moves. The request of slot 400 left at 550, far later than usual: the next slot
    // is 550 + 100 − the usual delay so far (a running average: 12.88 ms).
    const usualBefore = 0.8 * (0.8 * (0.8 * 2 + 0.2 * 2) + 0.2 * 60) + 0.2 * 2;
    expect(slots).toEqual([0, 100, 200, 300, 400, 550 + 100 - usualBefore, 550 + 200 - usualBefore]);
  });

  it('does not wait when unlimited or when the caller is slower than the rate', async () => {
    let slept = 0;
    let t = 0;
    const lim0 = new RateLimiter(
      0,
      () => t,
      async () => void slept++,
    );
    for (let i = 0; i < 5; i++) await lim0.take();
    const lim = new RateLimiter(
      10,
      () => t,
      async () => void slept++,
    );
    for (let i = 0; i < 5; i++) {
      await lim.take();
      t += 200;
    }
    expect(slept).toBe(0);
  });
});
