import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/core/shared/index.js';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('Slots', () => {
  it('never runs more than the limit at once, over callers that come at different times, in the order they asked', async () => {
    const slots = new Slots(2);
    let now = 0;
    let peak = 0;
    const started: string[] = [];
    const job = (name: string, ms: number) =>
      slots.run(async () => {
        started.push(name);
        now++;
        peak = Math.max(peak, now);
        await tick(ms);
        now--;
        return name;
      });
    const first = [job('a1', 20), job('a2', 5), job('a3', 5)];
    await tick(1);
    // A later caller waits behind the earlier one, though a slot frees while both wait.
    const second = [job('b1', 5), job('b2', 5)];
    expect(await Promise.all([...first, ...second])).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(started).toEqual(['a1', 'a2', 'a3', 'b1', 'b2']);
    expect(peak).toBe(2);
  });

  it('a freed slot goes to the first waiter, not to a caller that arrives at that moment', async () => {
    const slots = new Slots(1);
    const order: string[] = [];
    let release!: () => void;
    const holder = slots.run(() => new Promise<void>((r) => (release = r)).then(() => void order.push('holder')));
    const waiter = slots.run(async () => void order.push('waiter'));
    await tick(1);
    release();
    // Asks while the slot is being handed over.
    const late = slots.run(async () => void order.push('late'));
    await Promise.all([holder, waiter, late]);
    expect(order).toEqual(['holder', 'waiter', 'late']);
  });

  it('after stop, what has not started rejects with that error and the running call ends as it will', async () => {
    const slots = new Slots(1);
    const boom = new Error('boom');
    const ran: string[] = [];
    const running = slots.run(async () => {
      await tick(5);
      ran.push('running');
      return 'done';
    });
    const waiting = slots.run(async () => void ran.push('waiting'));
    slots.stop(boom);
    await expect(running).resolves.toBe('done');
    await expect(waiting).rejects.toBe(boom);
    await expect(slots.run(async () => void ran.push('later'))).rejects.toBe(boom);
    expect(ran).toEqual(['running']);
  });

  it('map: results in order; the first failure in time is rethrown once the running calls end, and nothing after it starts', async () => {
    const slots = new Slots(2);
    expect(await slots.map([30, 5, 10], async (ms) => (await tick(ms), ms * 2))).toEqual([60, 10, 20]);
    const started: number[] = [];
    let running = 0;
    let runningAtEnd = -1;
    const failing = slots.map([1, 2, 3, 4, 5], async (i) => {
      started.push(i);
      running++;
      try {
        // The second item fails first, the first one later: the second's error is the one thrown.
        await tick(i === 1 ? 20 : 2);
        if (i === 1) throw new Error('later');
        if (i === 2) throw new Error('first');
      } finally {
        running--;
      }
    });
    await expect(failing.finally(() => (runningAtEnd = running))).rejects.toThrow('first');
    expect(runningAtEnd).toBe(0);
    expect(started).toEqual([1, 2]);
    // The slots stay stopped for every later caller (another period of the same run).
    await expect(slots.map([1], async () => 1)).rejects.toThrow('first');
  });
});
