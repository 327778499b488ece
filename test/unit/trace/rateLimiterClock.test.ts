/**
 * The rate of the trace upload under a fake clock: eight workers share one limiter as the upload's
 * senders do, each request takes 30 ms at the center, and the starts are counted per second. The
 * wall clock (and the load of the machine) plays no part, so the bounds are exact; the integration
 * test over real HTTP only checks that the limit is wired in.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from '../../../src/core/trace/index.js';

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Starts (fake ms) of `total` requests sent by `workers` at `rate`, `toWire(i)` ms from slot to wire. */
async function simulate(
  rate: number,
  workers: number,
  total: number,
  toWire: (i: number) => number,
): Promise<number[]> {
  const lim = new RateLimiter(rate, () => Date.now());
  const starts: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      await lim.take();
      const d = toWire(i);
      if (d > 0) await wait(d);
      starts.push(Date.now());
      lim.sent();
      await wait(30); // the center's answer
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker));
  await vi.runAllTimersAsync();
  await done;
  return starts.sort((a, b) => a - b);
}

/** The most starts in any window of `ms`. */
function maxIn(starts: number[], ms: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < starts.length; i++) {
    while (starts[i]! - starts[j]! >= ms) j++;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

/** A small seeded generator (mulberry32), so the jitter is the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('RateLimiter under a fake clock', () => {
  it('starts exactly `rate` requests in any second with eight in flight, evenly spaced', async () => {
    const rate = 25;
    const starts = await simulate(rate, 8, 100, () => 0);
    expect(starts).toHaveLength(100);
    expect(maxIn(starts, 1000)).toBe(rate);
    expect(maxIn(starts, 3000)).toBe(3 * rate);
    expect(starts.slice(1).map((t, i) => t - starts[i]!)).toEqual(Array(99).fill(40));
    expect(starts.at(-1)! - starts[0]!).toBe((99 / rate) * 1000);
  });

  it('stays within one request of the rate when requests reach the wire late at random', async () => {
    const rate = 25;
    const rnd = seeded(22);
    // Mostly 0–5 ms from slot to wire, now and then 60–120 ms (waiting for the journal).
    const starts = await simulate(rate, 8, 150, () => (rnd() < 0.1 ? 60 + rnd() * 60 : rnd() * 5));
    expect(starts).toHaveLength(150);
    expect(maxIn(starts, 1000)).toBeLessThanOrEqual(rate + 1);
    expect(maxIn(starts, 3000)).toBeLessThanOrEqual(3 * rate + 1);
    expect(maxIn(starts, 1000)).toBeGreaterThanOrEqual(rate - 1);
    // Over the whole run the rate is kept: no catching up after a late request.
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual((149 / rate) * 1000 * 0.95);
  });

  it('is unlimited at rate 0: all eight leave at once', async () => {
    const starts = await simulate(0, 8, 16, () => 0);
    expect(maxIn(starts, 1)).toBe(8);
  });
});
