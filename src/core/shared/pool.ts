/**
 * Run `fn` over `items` with at most `limit` calls in flight. Results keep the items' order.
 *
 * One failure behaviour for every job: the first error stops taking new items, the calls already
 * running are awaited (nothing outlives the pool, so a caller may close its database right after),
 * and then that first error is rethrown. `maxInFlight` is the highest number that really ran at
 * once (what the benches show).
 */
export async function mapPool<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<{ results: R[]; maxInFlight: number }> {
  const results = new Array<R>(items.length);
  let next = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let failed: { e: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const i = next++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (e) {
        failed ??= { e };
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failed) throw failed.e;
  return { results, maxInFlight };
}
