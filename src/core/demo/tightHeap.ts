/**
 * A seed's generator makes short-lived rows, but at a million settlements enough of them outlive a
 * young-generation collection (a batch waits for its writer, a day's sales wait for the pharmacy)
 * that the old generation fills steadily; V8, free to let it grow to several times what the last
 * full collection kept, let the generator's heap reach 250–300 MB with about 50 MB live. While
 * the rows are written, the old generation may grow by HEAP_GROWING_PERCENT of what is live
 * before the next full collection: a few more collections (a few per cent of the seed's CPU time)
 * for a heap that stays near what is live.
 *
 * V8's heap-growing-percent is read at each full collection, so setting it at run time takes
 * effect; it is the process's (every thread's), and goes back to V8's own rule (0) afterwards.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

export async function withTightHeap<T>(fn: () => Promise<T>): Promise<T> {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  try {
    return await fn();
  } finally {
    v8.setFlagsFromString('--heap-growing-percent=0');
  }
}
