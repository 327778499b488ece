/** The error of a bad hisops.yaml: where (file:line:column), what and how to fix it, in both languages. */
import { type HisopsError, inputError } from '../errors.js';

/** `summary` and `fix` are [English, Chinese]. */
export function configError(
  file: string,
  line: number | undefined,
  summary: [string, string],
  fix: [string, string],
  key?: string,
  column?: number,
): HisopsError {
  const where = line ? `${file}:${line}${column ? `:${column}` : ''}` : file;
  return inputError('CONFIG_INVALID', `${where}: ${summary[0]}`, fix[0], undefined, { file, line, column, key }).zh(
    `${where}：${summary[1]}`,
    fix[1],
  );
}
