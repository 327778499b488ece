import { describe, expect, it } from 'vitest';
import { backoffDelay, mapPool, runPipeline } from '../../../src/core/shared/index.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('mapPool', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let now = 0;
    let peak = 0;
    const { results, maxInFlight } = await mapPool([5, 1, 4, 2, 3, 1, 1], 3, async (n) => {
      now++;
      peak = Math.max(peak, now);
      await tick(n * 3);
      now--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 10, 10]);
    expect(peak).toBe(3);
    expect(maxInFlight).toBe(3);
  });

  it('stops taking items after a failure, waits for the running ones, then rethrows the first error', async () => {
    const ran: number[] = [];
    let running = 0;
    let runningAtEnd = -1;
    await expect(
      mapPool([...Array(10).keys()], 2, async (i) => {
        ran.push(i);
        running++;
        try {
          if (i === 1) throw new Error('boom');
          if (i === 2) throw new Error('second');
          await tick(5);
        } finally {
          running--;
        }
      }).finally(() => (runningAtEnd = running)),
    ).rejects.toThrow('boom');
    expect(ran.length).toBeLessThan(10);
    expect(runningAtEnd).toBe(0);
  });

  it('handles no items', async () => {
    expect((await mapPool([], 4, async () => 1)).results).toEqual([]);
  });
});

describe('backoffDelay', () => {
  it('doubles from the base, stops at the cap, jitters by ±25 %', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, 500, 4000, () => 0.5))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(backoffDelay(1, 1000, 8000, () => 0)).toBe(750);
    expect(backoffDelay(1, 1000, 8000, () => 0.999999)).toBe(1250);
  });
});

describe('runPipeline', () => {
  it('runs ahead up to `depth` items early, main in order, behind in order without holding main back', async () => {
    const log: string[] = [];
    let aheadRunning = 0;
    let aheadPeak = 0;
    await runPipeline([0, 1, 2, 3, 4, 5], {
      depth: 2,
      ahead: async (i) => {
        aheadRunning++;
        aheadPeak = Math.max(aheadPeak, aheadRunning);
        log.push(`a${i}`);
        await tick(1);
        aheadRunning--;
        return i * 10;
      },
      main: async (i, a) => {
        log.push(`m${i}:${a}`);
        await tick(1);
        return i % 2 === 0 ? i : undefined;
      },
      behind: async (i, a, m) => {
        log.push(`b${i}:${a}:${m}`);
        await tick(8);
      },
    });
    // One ahead at a time, each in order; main in order; behind only for the items main returned something for.
    expect(aheadPeak).toBe(1);
    expect(log.filter((x) => x.startsWith('a'))).toEqual(['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
    expect(log.filter((x) => x.startsWith('m'))).toEqual(['m0:0', 'm1:10', 'm2:20', 'm3:30', 'm4:40', 'm5:50']);
    expect(log.filter((x) => x.startsWith('b'))).toEqual(['b0:0:0', 'b2:20:2', 'b4:40:4']);
    // main of later items went on while the slow behind of item 0 was still running.
    expect(log.indexOf('m3:30')).toBeLessThan(log.indexOf('b2:20:2'));
    // ahead never ran more than `depth` items past main.
    expect(log.indexOf('a3')).toBeGreaterThan(log.indexOf('m0:0'));
  });

  it('depth 0 runs strictly one item after the other', async () => {
    const log: string[] = [];
    await runPipeline([0, 1, 2], {
      depth: 0,
      ahead: async (i) => void log.push(`a${i}`),
      main: async (i) => void log.push(`m${i}`),
    });
    expect(log).toEqual(['a0', 'm0', 'a1', 'm1', 'a2', 'm2']);
  });

  for (const where of ['ahead', 'main', 'behind'] as const) {
    it(`a failure in ${where} stops the run, lets running stages end, and rethrows it`, async () => {
      const started: string[] = [];
      let running = 0;
      const stage = (name: string) => async (i: number) => {
        started.push(`${name}${i}`);
        running++;
        try {
          await tick(2);
          if (name === where && i === 1) throw new Error(`${where} failed`);
          return i;
        } finally {
          running--;
        }
      };
      const items = [...Array(20).keys()];
      await expect(
        runPipeline(items, {
          depth: 3,
          ahead: stage('ahead'),
          main: (i) => stage('main')(i),
          behind: (i) => stage('behind')(i).then(() => undefined),
        }),
      ).rejects.toThrow(`${where} failed`);
      expect(running).toBe(0);
      expect(started.filter((s) => s.startsWith('main')).length).toBeLessThan(10);
    });
  }
});
