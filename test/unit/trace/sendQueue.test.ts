import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendQueue } from '../../../src/core/trace/sendQueue.js';

const tick = (ms = 0) => new Promise<void>((r) => setTimeout(r, ms));

describe('SendQueue', () => {
  it('keeps at most `concurrency` requests running and finishes all of them', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const q = new SendQueue<number>(3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await tick(2 + (n % 3));
      running--;
      done.push(n);
    });
    for (let i = 0; i < 20; i++) q.add(i, [`c${i}`]);
    await q.drain();
    expect(peak).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('starts a request carrying a code only after every earlier one carrying it has finished, and lets the others through', async () => {
    const log: string[] = [];
    const q = new SendQueue<{ id: string; ms: number }>(4, async (j) => {
      log.push(`start ${j.id}`);
      await tick(j.ms);
      log.push(`end ${j.id}`);
    });
    q.add({ id: 'sale', ms: 30 }, ['A', 'B']);
    q.add({ id: 'other', ms: 1 }, ['C']);
    q.add({ id: 'return', ms: 1 }, ['B']);
    q.add({ id: 'resale', ms: 1 }, ['B', 'D']);
    await q.drain();
    // The unrelated request finishes while the sale is still out; the return waits for the sale,
    // the resale for the return.
    expect(log.indexOf('end other')).toBeLessThan(log.indexOf('end sale'));
    expect(log.indexOf('start return')).toBeGreaterThan(log.indexOf('end sale'));
    expect(log.indexOf('start resale')).toBeGreaterThan(log.indexOf('end return'));
  });

  it('never runs two requests sharing a code at once, and keeps their order (any mix, concurrency 1–5)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 3 }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 5 }),
        async (jobs, concurrency) => {
          const busy = new Set<number>();
          const startedAt: number[] = [];
          const endedAt: number[] = [];
          let clock = 0;
          const q = new SendQueue<number>(concurrency, async (i) => {
            for (const c of jobs[i]!) {
              expect(busy.has(c)).toBe(false);
              busy.add(c);
            }
            startedAt[i] = clock++;
            await tick();
            endedAt[i] = clock++;
            for (const c of jobs[i]!) busy.delete(c);
          });
          jobs.forEach((codes, i) => q.add(i, codes.map(String)));
          await q.drain();
          jobs.forEach((codes, i) => {
            expect(endedAt[i]).toBeDefined();
            for (let j = 0; j < i; j++)
              if (jobs[j]!.some((c) => codes.includes(c))) expect(startedAt[i]!).toBeGreaterThan(endedAt[j]!);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('stops taking requests after an error and rethrows it from drain', async () => {
    const started: number[] = [];
    const q = new SendQueue<number>(1, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('center fatal');
    });
    for (let i = 0; i < 5; i++) q.add(i, []);
    await expect(q.drain()).rejects.toThrow('center fatal');
    expect(started).toEqual([0, 1]);
    expect(q.broken).toBe(true);
  });

  it('room(n) waits until at most n requests are left', async () => {
    const q = new SendQueue<number>(2, () => tick(3));
    for (let i = 0; i < 10; i++) q.add(i, []);
    expect(q.size).toBe(10);
    await q.room(4);
    expect(q.size).toBeLessThanOrEqual(4);
    expect(q.size).toBeGreaterThan(0);
    await q.drain();
    expect(q.size).toBe(0);
  });
});
