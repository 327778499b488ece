/**
 * `--center-only` (and `settle.centerOnly`): what a repair does with a settlement the center holds
 * and the HIS left pending — `complete` fills the HIS row from the center, `cancel` cancels it at
 * the center. One check for every command that takes it.
 */
import { inputError } from '../errors.js';

export function centerOnlyMode(value: string): 'complete' | 'cancel' {
  if (value === 'complete' || value === 'cancel') return value;
  throw inputError(
    'BAD_CENTER_ONLY',
    `--center-only ${value} is not complete or cancel`,
    'Use --center-only complete (fill the HIS row from the center) or --center-only cancel.',
  ).zh(
    `--center-only ${value} 既不是 complete 也不是 cancel`,
    '请使用 --center-only complete（按医保中心补记 HIS 记录）或 --center-only cancel。',
  );
}
