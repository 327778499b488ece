/**
 * The wait before retry number `attempt` (1-based): `baseMs` doubled each time, capped at `maxMs`,
 * with ±25 % jitter so that many clients retrying the same outage do not come back in step. The
 * center client and the trace upload both wait this way; `random` is injectable for tests.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const d = Math.min(maxMs, baseMs * 2 ** (Math.max(1, attempt) - 1));
  return Math.round(d * (0.75 + 0.5 * random()));
}
