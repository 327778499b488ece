/** One configuration value checked and converted against its key spec (file, environment or flag). */
import { inputError } from '../errors.js';
import { isTimeZone } from '../time/index.js';
import { configError } from './configError.js';
import type { KeySpec } from './schema.js';

/** The spellings of a language people write (zh, zh_CN, zh_CN.UTF-8, en_US) as the key's values. */
function langName(v: string): string {
  if (/^zh([-_]cn)?(\..*)?$/i.test(v)) return 'zh-CN';
  if (/^en([-_][a-z]{2})?(\..*)?$/i.test(v)) return 'en';
  return v;
}

/** Check and convert one value against its key spec. */
export function coerce(
  spec: KeySpec,
  value: unknown,
  where: { file: string; line?: number; source: string },
): string | number | boolean {
  const shown = JSON.stringify(value);
  const bad = (fix: string, fixZh: string) =>
    where.source.startsWith('file') || where.source.includes('.yaml')
      ? configError(
          where.file,
          where.line,
          [`"${spec.key}" has the value ${shown}, which is not valid`, `"${spec.key}" 的值 ${shown} 无效`],
          [fix, fixZh],
          spec.key,
        )
      : inputError(
          'CONFIG_INVALID',
          `${where.source}: "${spec.key}" has the value ${shown}, which is not valid`,
          fix,
          undefined,
          { key: spec.key },
        ).zh(`${where.source}：“${spec.key}” 的值 ${shown} 无效`, fixZh);
  switch (spec.type) {
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false|yes|no|1|0)$/i.test(value)) return /^(true|yes|1)$/i.test(value);
      throw bad('Write true or false.', '请写 true 或 false。');
    case 'int': {
      const n = typeof value === 'number' ? value : Number(String(value).trim());
      if (Number.isInteger(n) && n >= 0) return n;
      throw bad('Write a whole number.', '请写整数。');
    }
    case 'enum': {
      const s = spec.key === 'lang' ? langName(String(value)) : String(value);
      if (spec.values!.includes(s)) return s;
      throw bad(`Write one of: ${spec.values!.join(', ')}.`, `请写以下之一：${spec.values!.join('、')}。`);
    }
    case 'timezone': {
      const s = String(value);
      if (isTimeZone(s)) return s;
      throw bad(
        'Write an IANA time zone name, e.g. Asia/Shanghai (or Asia/Urumqi).',
        '请写 IANA 时区名，例如 Asia/Shanghai（或 Asia/Urumqi）。',
      );
    }
    default:
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw bad('Write a text value.', '请写文本值。');
  }
}
