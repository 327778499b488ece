/**
 * Pure configuration: parse hisops.yaml text (with line numbers for every key), validate it against
 * the key table, and merge flag > environment > file > default into values that remember their
 * source. Reading files and the process environment is the CLI's job; this module gets them as data.
 */
import { inputError } from '../errors.js';
import { closest } from '../shared/closest.js';
import { coerce } from './coerce.js';
import { configError } from './configError.js';
import { emptyRawConfig, parseConfigText, type RawConfig, type RawInstitution } from './parseConfigText.js';
import { applyProvince } from './provinces.js';
import { CONFIG_KEYS, envName, type KeySpec } from './schema.js';

export interface ConfigValue {
  value: string | number | boolean | undefined;
  source: string;
}

export interface Connection {
  name: string;
  url: string;
  passwordEnv?: string;
  passwordFile?: string;
  line?: number;
}

export interface ResolvedConfig {
  file?: string;
  baseDir: string;
  institutionNames: string[];
  institution: string;
  connections: Record<string, Connection>;
  values: Record<string, ConfigValue>;
  /** Extra top-level sections later jobs read (kept as plain data, validated by their owners). */
  sections: Record<string, unknown>;
  /** The same sections flattened to dotted keys with the line each was written on (for config show). */
  sectionValues?: Record<string, ConfigValue>;
  /** The names of the sections hisops knows (shown even when the file has none of them). */
  sectionNames?: readonly string[];
  /** The chosen institution's values of the HIS profile's institution binds (`binds:` under it). */
  binds?: Record<string, ConfigValue>;
}

export interface ConfigInputs {
  text?: string;
  file?: string;
  baseDir: string;
  env: Record<string, string | undefined>;
  /** Flags already mapped to keys, e.g. { institution: 'east', 'his.url': 'sqlite:x.db' }. */
  flags: Record<string, string | number | boolean | undefined>;
  /** Top-level sections owned by other modules that are allowed in the file. */
  extraSections?: readonly string[];
}

export function resolveConfig(inp: ConfigInputs): ResolvedConfig {
  const file = inp.file ?? '(no hisops.yaml)';
  const raw = inp.text !== undefined ? parseConfigText(inp.text, file, inp.extraSections) : emptyRawConfig();
  refuseSecretsInFile(raw, file);
  const names = institutionNamesOf(raw, file);
  const values: Record<string, ConfigValue> = {};
  for (const spec of CONFIG_KEYS.filter((k) => !k.perInstitution))
    values[spec.key] = pick(inp, file, spec, raw.global.get(spec.key));
  const wanted = values['institution']!.value as string | undefined;
  const { chosen, chosenName } = chooseInstitution(raw, names, wanted, file, inp.file);
  for (const spec of CONFIG_KEYS.filter((k) => k.perInstitution && !k.secret))
    values[spec.key] = pick(inp, file, spec, chosen?.values.get(spec.key));
  values['name'] = { value: chosenName, source: values['name']!.source };
  applyProvince(values);
  resolveSecrets(values, inp.env);
  return {
    file: inp.file,
    baseDir: inp.baseDir,
    institutionNames: names.length ? names : ['default'],
    institution: chosenName,
    connections: raw.connections,
    values,
    sections: raw.sections,
    sectionValues: sectionValuesOf(raw, file),
    sectionNames: inp.extraSections ?? [],
    binds: bindsOf(chosen, file),
  };
}

/** A secret written in an institution is refused: it belongs in the environment or a file. */
function refuseSecretsInFile(raw: RawConfig, file: string): void {
  for (const inst of raw.institutions) {
    for (const k of SECRET_SOURCES.map((x) => x[0])) {
      const v = inst.values.get(k);
      if (v)
        throw configError(
          file,
          v.line,
          [`"${k}" is a secret and may not be written in hisops.yaml`, `"${k}" 是密钥，不能写在 hisops.yaml 中`],
          [
            `Remove it and set ${envName(k)} in the environment, or name a file with ${k.replace(/password$|secret$|Key$/, (m) => m + 'File')}.`,
            `请删除它，改为设置环境变量 ${envName(k)}，或用 ${k.replace(/password$|secret$|Key$/, (m) => m + 'File')} 指定文件。`,
          ],
          k,
        );
    }
  }
}

/** The institutions' names, in the file's order; each must have one, and no two the same. */
function institutionNamesOf(raw: RawConfig, file: string): string[] {
  const names = raw.institutions.map((i, idx) => {
    const n = i.values.get('name')?.value;
    if (n === undefined || n === null || n === '')
      throw configError(
        file,
        i.line,
        [`institution #${idx + 1} has no name`, `第 ${idx + 1} 个机构没有名称`],
        ['Add name: <short name> to the institution.', '请为该机构添加 name: <简称>。'],
        'name',
      );
    return String(n);
  });
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup)
    throw configError(
      file,
      raw.institutions[names.lastIndexOf(dup)]!.line,
      [`two institutions are named "${dup}"`, `有两个机构都叫 "${dup}"`],
      ['Give each institution its own name.', '请为每个机构取不同的名称。'],
      'name',
    );
  return names;
}

/** One key's value: flag > environment (never for a secret) > file > default, with its source. */
function pick(
  inp: ConfigInputs,
  file: string,
  spec: KeySpec,
  fileEntry: { value: unknown; line: number } | undefined,
): ConfigValue {
  const flag = inp.flags[spec.key];
  const env = spec.secret ? undefined : inp.env[envName(spec.key)];
  if (flag !== undefined && flag !== '') return { value: coerce(spec, flag, { file, source: 'flag' }), source: 'flag' };
  if (env !== undefined && env !== '')
    return {
      value: coerce(spec, env, { file, source: `env ${envName(spec.key)}` }),
      source: `env ${envName(spec.key)}`,
    };
  if (fileEntry && fileEntry.value !== null && fileEntry.value !== undefined)
    return {
      value: coerce(spec, fileEntry.value, { file, line: fileEntry.line, source: 'file' }),
      source: `${file}:${fileEntry.line}`,
    };
  return { value: spec.default, source: 'default' };
}

/** The institution asked for (`institution`), else the first; none at all is the institution "default". */
function chooseInstitution(
  raw: RawConfig,
  names: string[],
  wanted: string | undefined,
  file: string,
  givenFile: string | undefined,
): { chosen: RawInstitution | undefined; chosenName: string } {
  if (raw.institutions.length > 0) {
    if (!wanted) return { chosen: raw.institutions[0], chosenName: names[0]! };
    const idx = names.indexOf(wanted);
    if (idx < 0) {
      const near = closest(wanted, names);
      throw inputError(
        'CONFIG_INSTITUTION',
        `No institution named "${wanted}" in ${file}`,
        near ? `Did you mean "${near}"? Known: ${names.join(', ')}.` : `Known: ${names.join(', ')}.`,
      ).zh(
        `${file} 中没有名为 "${wanted}" 的机构`,
        near ? `您是不是要找 "${near}"？已有：${names.join('、')}。` : `已有：${names.join('、')}。`,
      );
    }
    return { chosen: raw.institutions[idx], chosenName: wanted };
  }
  if (wanted && wanted !== 'default') {
    throw inputError(
      'CONFIG_INSTITUTION',
      `No institution named "${wanted}": ${givenFile ? givenFile + ' lists none' : 'there is no hisops.yaml'}`,
      'Add it under institutions: in hisops.yaml (hisops init writes one), or drop --institution.',
    ).zh(
      `没有名为 "${wanted}" 的机构：${givenFile ? givenFile + ' 中未列出任何机构' : '没有 hisops.yaml'}`,
      '请在 hisops.yaml 的 institutions: 下添加（hisops init 会生成一个），或去掉 --institution。',
    );
  }
  return { chosen: undefined, chosenName: 'default' };
}

/** Secrets: environment (named by *Env or the default variable) or a file; shown redacted. */
function resolveSecrets(values: Record<string, ConfigValue>, env: Record<string, string | undefined>): void {
  for (const [secretKey, envKey, fileKey] of SECRET_SOURCES) {
    const envVar = (values[envKey]?.value as string | undefined) ?? envName(secretKey);
    const fromEnv = env[envVar];
    if (fromEnv) values[secretKey] = { value: fromEnv, source: `env ${envVar}` };
    else if (values[fileKey]?.value) values[secretKey] = { value: undefined, source: `file ${values[fileKey]!.value}` };
    else values[secretKey] = { value: undefined, source: 'not set' };
  }
}

/** The sections' flattened values, each with the line it was written on (for config show). */
function sectionValuesOf(raw: RawConfig, file: string): Record<string, ConfigValue> {
  return Object.fromEntries(
    [...raw.sectionLines].map(([k, v]) => [
      k,
      {
        value: v.value === null || v.value === undefined ? undefined : (v.value as string | number | boolean),
        source: `${file}:${v.line}`,
      },
    ]),
  );
}

/** The chosen institution's `binds.<name>` values, by name. */
function bindsOf(chosen: RawInstitution | undefined, file: string): Record<string, ConfigValue> {
  return Object.fromEntries(
    [...(chosen?.values ?? [])]
      .filter(([k]) => k.startsWith('binds.'))
      .map(([k, v]) => [
        k.slice(6),
        {
          value: v.value === null || v.value === undefined ? undefined : String(v.value),
          source: `${file}:${v.line}`,
        },
      ]),
  );
}

/** Each secret: the key, the key naming its environment variable (if any), the key of its file. */
export const SECRET_SOURCES = [
  ['his.password', 'his.passwordEnv', 'his.passwordFile'],
  ['center.secret', 'center.secretEnv', 'center.secretFile'],
  ['center.sm4Key', 'center.sm4KeyEnv', 'center.sm4KeyFile'],
  ['center.sm2Key', 'center.sm2KeyEnv', 'center.sm2KeyFile'],
] as const;
export type SecretKey = (typeof SECRET_SOURCES)[number][0];
