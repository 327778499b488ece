/**
 * How far V8 lets the old generation grow past what is live before its next full collection,
 * for a job whose short-lived objects outlive young-generation collections in bulk (rows waiting
 * for a writer thread, requests waiting for the center's answer). Left to its own rule V8 lets the
 * heap reach several times what is live — a large seed's generator went to 250–300 MB with about
 * 50 MB live, a 100,000-code trace upload to 180 MB with about 40 MB — and the process's resident
 * memory follows. With a growing percent set, a few more full collections (some per cent of the
 * job's CPU) keep the heap near what is live.
 *
 * V8's heap-growing-percent is read at each full collection, so setting it at run time takes
 * effect; it is the process's (every thread's). While several jobs hold it, the tightest one
 * applies; when none does, V8's own rule (0) is back.
 */
import v8 from 'node:v8';

/** The demo seeder's generator, from its making until its rows are written. */
export const SEED_HEAP_GROWING_PERCENT = 30;
/** A trace upload (read, check, journal, send), while it runs. */
export const UPLOAD_HEAP_GROWING_PERCENT = 100;

const held: number[] = [];

export async function withHeapGrowing<T>(percent: number, fn: () => Promise<T>): Promise<T> {
  held.push(percent);
  apply();
  try {
    return await fn();
  } finally {
    held.splice(held.indexOf(percent), 1);
    apply();
  }
}

function apply(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${held.length ? Math.min(...held) : 0}`);
}
