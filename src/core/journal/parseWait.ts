/** The `--wait` option of the commands that take a run lock. */
import { inputError } from '../errors.js';

const WAIT = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i;
const WAIT_UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `--wait` → milliseconds: absent 0 (do not wait), bare `--wait` as long as the holder runs, `--wait 10m` at most that (a bare number is seconds). */
export function parseWait(v: string | boolean | undefined): number {
  if (v === undefined || v === false) return 0;
  if (v === true || v.trim() === '') return Infinity;
  const m = WAIT.exec(v.trim());
  if (!m)
    throw inputError(
      'BAD_WAIT',
      `--wait "${v}" is not a duration`,
      'Write --wait alone (wait as long as the other run takes) or with a duration: --wait 90s, --wait 10m, --wait 1h.',
    ).zh(
      `--wait "${v}" 不是时长`,
      '请单独写 --wait（等到另一次运行结束），或带上时长：--wait 90s、--wait 10m、--wait 1h。',
    );
  return Math.round(Number(m[1]) * WAIT_UNIT_MS[(m[2] ?? 's').toLowerCase()]!);
}
