/**
 * The id of a run, in a module of its own: every run makes one before its command starts, and the
 * entry imports it from here rather than from journal.ts, which loads the database layer that a
 * `settle calc` or a `--version` never opens.
 */
import crypto from 'node:crypto';

/** A run id that sorts by time and is unique across concurrent processes. */
export function newRunId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}
