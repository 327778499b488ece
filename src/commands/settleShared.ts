/**
 * What the settle commands share: `--from` / `--to` given as days, each a real calendar day
 * written yyyy-MM-dd (settle audit, settle stuck / reverse).
 */
import { inputError } from '../core/errors.js';
import { isDay } from '../core/time/index.js';

export function checkDayOptions(o: { from?: string | undefined; to?: string | undefined }): void {
  for (const [flag, v] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const) {
    if (v !== undefined && !isDay(v))
      throw inputError('BAD_DATE', `${flag} ${v} is not a date`, `Write it as yyyy-MM-dd, e.g. ${flag} 2026-01-05.`).zh(
        `${flag} ${v} 不是日期`,
        `请写成 yyyy-MM-dd，例如 ${flag} 2026-01-05。`,
      );
  }
}
