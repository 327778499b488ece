/**
 * The value readers of the `reconcile:` section (rules.ts): each checks one kind of value and,
 * when it is wrong, throws RECONCILE_CONFIG naming the key, the value found and the fix, in
 * English and Chinese. Pure.
 */
import { closest } from '../config/index.js';
import { inputError } from '../errors.js';

const ENUMS = {
  period: ['day', 'range'],
  detail: ['auto', 'always', 'never'],
  refunds: ['include', 'exclude'],
  hospitalBorne: ['as_returned', 'subtract', 'add'],
  outOfArea: ['own_agency', 'local_agency', 'exclude'],
} as const;

export const CODE = /^[0-9A-Za-z]{1,6}$/;
export const ADMDVS = /^\d{6}$/;

/** `zh` is the same problem and fix in Chinese: [problem, fix]. */
export function bad(
  file: string,
  key: string,
  summary: string,
  fix: string,
  found: unknown,
  zh: [string, string],
): never {
  const foundWords = found === undefined ? undefined : `Found: ${JSON.stringify(found)}.`;
  throw inputError('RECONCILE_CONFIG', `${file}: reconcile.${key} ${summary}`, fix, foundWords, {
    file,
    key: `reconcile.${key}`,
  }).zh(
    `${file}：reconcile.${key} ${zh[0]}`,
    zh[1],
    found === undefined ? undefined : `实际值：${JSON.stringify(found)}。`,
  );
}

export function stringList(file: string, key: string, v: unknown, check?: (s: string) => string | undefined): string[] {
  if (!Array.isArray(v))
    bad(file, key, 'must be a list', `Write it as a YAML list, e.g. ${key}: ["a", "b"].`, v, [
      '必须是列表',
      `请写成 YAML 列表，例如 ${key}: ["a", "b"]。`,
    ]);
  return v.map((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number')
      bad(file, `${key}[${i}]`, 'must be a text value', 'Quote codes, e.g. "390".', item, [
        '必须是文本值',
        '代码请加引号，例如 "390"。',
      ]);
    const s = String(item);
    const problem = check?.(s);
    if (problem)
      bad(file, `${key}[${i}]`, problem, `Correct item ${i + 1} of reconcile.${key}.`, item, [
        problem,
        `请更正 reconcile.${key} 的第 ${i + 1} 项。`,
      ]);
    return s;
  });
}

export function intIn(file: string, key: string, v: unknown, min: number, max: number): number {
  const n = typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
    bad(
      file,
      key,
      `must be a whole number from ${min} to ${max}`,
      `Write e.g. ${key}: ${Math.min(max, Math.max(min, 31))}.`,
      v,
      [`必须是 ${min} 到 ${max} 之间的整数`, `例如 ${key}: ${Math.min(max, Math.max(min, 31))}。`],
    );
  return n;
}

export function oneOf<K extends keyof typeof ENUMS>(file: string, key: K, v: unknown): (typeof ENUMS)[K][number] {
  const allowed = ENUMS[key] as readonly string[];
  if (typeof v !== 'string' || !allowed.includes(v)) {
    const near = typeof v === 'string' ? closest(v, allowed) : undefined;
    bad(
      file,
      key,
      `must be one of ${allowed.join(', ')}`,
      near ? `Did you mean "${near}"?` : `Write ${key}: ${allowed[0]}.`,
      v,
      [`必须是 ${allowed.join('、')} 之一`, near ? `您是不是要写 "${near}"？` : `例如 ${key}: ${allowed[0]}。`],
    );
  }
  return v as (typeof ENUMS)[K][number];
}

export function code(file: string, key: string, v: unknown, what: string): string {
  if (typeof v !== 'string' && typeof v !== 'number')
    bad(file, key, `must be ${what}`, 'Quote codes in YAML, e.g. "310".', v, [
      `必须是${what}`,
      'YAML 中的代码请加引号，例如 "310"。',
    ]);
  const s = String(v);
  if (!CODE.test(s))
    bad(file, key, `must be ${what} (letters and digits, at most 6)`, 'Quote codes in YAML, e.g. "310".', v, [
      `必须是${what}（字母和数字，最多 6 位）`,
      'YAML 中的代码请加引号，例如 "310"。',
    ]);
  return s;
}
