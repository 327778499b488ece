/**
 * Run `fn` over `items` with at most `limit` calls in flight. Results keep the items' order.
 *
 * One failure behaviour for every job, the rule of `Slots.map` (slots.ts) over slots of its own:
 * the first error stops taking new items, the calls already running are awaited (nothing outlives
 * the pool, so a caller may close its database right after), and then that first error is
 * rethrown. `maxInFlight` is the highest number that really ran at once (what the benches show).
 */
import { Slots } from './slots.js';

export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<{ results: R[]; maxInFlight: number }> {
  let inFlight = 0;
  let maxInFlight = 0;
  const results = await new Slots(limit).map(items, async (item, i) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    try {
      return await fn(item, i);
    } finally {
      inFlight--;
    }
  });
  return { results, maxInFlight };
}
