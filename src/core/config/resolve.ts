/**
 * Pure configuration: parse hisops.yaml text (with line numbers for every key), validate it against
 * the key table, and merge flag > environment > file > default into values that remember their
 * source. Reading files and the process environment is the CLI's job; this module gets them as data.
 */
import { createRequire } from 'node:module';
import type { LineCounter, Node, Pair } from 'yaml';
import { type HisopsError, inputError } from '../errors.js';
import { isTimeZone } from '../time/index.js';
import { closest, redactUrlsInText } from '../shared/index.js';
import { applyProvince } from './provinces.js';
import { CONFIG_KEYS, envName, KEY_BY_NAME, type KeySpec } from './schema.js';

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

interface RawInstitution {
  line: number;
  values: Map<string, { value: unknown; line: number }>;
}

interface RawConfig {
  global: Map<string, { value: unknown; line: number }>;
  institutions: RawInstitution[];
  connections: Record<string, Connection>;
  sections: Record<string, unknown>;
  sectionLines: Map<string, { value: unknown; line: number }>;
}

export { closest };

/** `summary` and `fix` are [English, Chinese]. */
function configError(
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

function lineOf(node: Node | null | undefined, lc: import('yaml').LineCounter): number {
  const start = node?.range?.[0];
  return start === undefined ? 0 : lc.linePos(start).line;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/** Flatten a YAML map into dotted keys with their lines, e.g. center.url → { value, line }. */
function flatten(
  node: unknown,
  prefix: string,
  lc: import('yaml').LineCounter,
  out: Map<string, { value: unknown; line: number }>,
  file: string,
): void {
  if (!isMap(node)) return;
  for (const pair of node.items as Pair<Node, Node>[]) {
    const k = String(scalarValue(pair.key));
    const full = prefix ? `${prefix}.${k}` : k;
    if (isMap(pair.value)) flatten(pair.value, full, lc, out, file);
    else if (isSeq(pair.value))
      throw configError(
        file,
        lineOf(pair.key, lc),
        [`"${full}" must be a single value, not a list`, `"${full}" 必须是单个值，不能是列表`],
        [`Write ${full}: <value>.`, `请写成 ${full}: <值>。`],
        full,
      );
    else out.set(full, { value: scalarValue(pair.value), line: lineOf(pair.key, lc) });
  }
}

/** Flatten a section for display: maps into dotted keys; a list stays one value (its items joined). */
function flattenSection(
  node: unknown,
  prefix: string,
  lc: import('yaml').LineCounter,
  out: Map<string, { value: unknown; line: number }>,
): void {
  if (isMap(node)) {
    for (const pair of node.items as Pair<Node, Node>[]) {
      const full = `${prefix}.${String(scalarValue(pair.key))}`;
      if (isMap(pair.value)) flattenSection(pair.value, full, lc, out);
      else
        out.set(full, {
          value: isSeq(pair.value)
            ? (pair.value.toJSON() as unknown[])
                .map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
                .join(', ')
            : scalarValue(pair.value),
          line: lineOf(pair.key, lc),
        });
    }
  } else
    out.set(prefix, {
      value: isSeq(node) ? JSON.stringify((node as { toJSON(): unknown }).toJSON()) : scalarValue(node),
      line: lineOf(node as Node, lc),
    });
}

// The YAML parser is loaded on first use so that start-up (`hisops --help`) does not pay for it.
type YamlModule = typeof import('yaml');
let yamlModule: YamlModule | undefined;
const yaml = (): YamlModule => (yamlModule ??= createRequire(import.meta.url)('yaml') as YamlModule);
const isMap = (n: unknown) => yaml().isMap(n);
const isSeq = (n: unknown) => yaml().isSeq(n);
const isScalar = (n: unknown) => yaml().isScalar(n);

export function parseConfigText(text: string, file: string, extraSections: readonly string[] = []): RawConfig {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    // linePos is only filled in with prettyErrors; the offset is always there.
    const pos = e.linePos?.[0] ?? (e.pos?.[0] !== undefined ? lc.linePos(e.pos[0]) : undefined);
    throw configError(
      file,
      pos?.line,
      [`not valid YAML (${e.message.split('\n')[0]})`, `不是有效的 YAML（${e.message.split('\n')[0]}）`],
      [
        'Fix the YAML syntax at that line and column (indentation with spaces, a colon after each key).',
        '请更正该行该列的 YAML 语法（用空格缩进，每个键后加冒号）。',
      ],
      undefined,
      pos?.col,
    );
  }
  const raw: RawConfig = {
    global: new Map(),
    institutions: [],
    connections: {},
    sections: {},
    sectionLines: new Map(),
  };
  if (doc.contents === null) return raw;
  if (!isMap(doc.contents))
    throw configError(
      file,
      1,
      ['the file must be a map of keys', '文件必须是键值映射'],
      ['Start from the file `hisops init` writes.', '请从 `hisops init` 生成的文件开始修改。'],
    );
  const globalKeys = CONFIG_KEYS.filter((k) => !k.perInstitution).map((k) => k.key);
  const topNames = new Set(['lang', 'institution', 'journal', 'institutions', 'connections', ...extraSections]);
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const k = String(scalarValue(pair.key));
    const line = lineOf(pair.key, lc);
    if (!topNames.has(k)) {
      const near = closest(k, topNames);
      throw configError(
        file,
        line,
        [`unknown key "${k}"`, `未知的键 "${k}"`],
        [
          near
            ? `Did you mean "${near}"? Known top-level keys: ${[...topNames].join(', ')}.`
            : `Known top-level keys: ${[...topNames].join(', ')}.`,
          near
            ? `您是不是要写 "${near}"？已知的顶层键：${[...topNames].join('、')}。`
            : `已知的顶层键：${[...topNames].join('、')}。`,
        ],
        k,
      );
    }
    if (extraSections.includes(k)) {
      raw.sections[k] =
        doc.get(k) && typeof (doc.get(k) as { toJSON?: unknown }).toJSON === 'function'
          ? (doc.get(k) as { toJSON(): unknown }).toJSON()
          : scalarValue(pair.value);
      flattenSection(pair.value, k, lc, raw.sectionLines);
      continue;
    }
    if (k === 'institutions') {
      readInstitutions(pair, line, lc, file, raw);
      continue;
    }
    if (k === 'connections') {
      readConnections(pair, line, lc, file, raw);
      continue;
    }
    const flat = new Map<string, { value: unknown; line: number }>();
    if (isMap(pair.value)) flatten(pair.value, k, lc, flat, file);
    else flat.set(k, { value: scalarValue(pair.value), line });
    for (const [fk, fv] of flat) {
      if (!globalKeys.includes(fk)) {
        const near = closest(fk, globalKeys);
        throw configError(
          file,
          fv.line,
          [`unknown key "${fk}"`, `未知的键 "${fk}"`],
          [
            near ? `Did you mean "${near}"?` : `Known keys: ${globalKeys.join(', ')}.`,
            near ? `您是不是要写 "${near}"？` : `已知的键：${globalKeys.join('、')}。`,
          ],
          fk,
        );
      }
      raw.global.set(fk, fv);
    }
  }
  return raw;
}

/** `institutions:` — a list of institutions, each with its own keys and binds. */
function readInstitutions(pair: Pair<Node, Node>, line: number, lc: LineCounter, file: string, raw: RawConfig): void {
  const instKeys = CONFIG_KEYS.filter((k) => k.perInstitution).map((k) => k.key);
  if (!isSeq(pair.value))
    throw configError(
      file,
      line,
      ['"institutions" must be a list', '"institutions" 必须是列表'],
      ['Write each institution as a list item starting with "- name: …".', '每个机构写成以 "- name: …" 开头的列表项。'],
      'institutions',
    );
  for (const item of pair.value.items) {
    const inst: RawInstitution = { line: lineOf(item as Node, lc), values: new Map() };
    flatten(item, '', lc, inst.values, file);
    for (const [ik, iv] of inst.values) {
      // binds.<name>: a value the HIS profile's SQL uses as :<name> (declared under its binds:).
      if (ik.startsWith('binds.') && ik.length > 6) continue;
      if (!instKeys.includes(ik)) {
        const near = closest(ik, instKeys);
        throw configError(
          file,
          iv.line,
          [`unknown key "${ik}" in an institution`, `机构中有未知的键 "${ik}"`],
          [
            near ? `Did you mean "${near}"?` : `Known keys: ${instKeys.join(', ')}.`,
            near ? `您是不是要写 "${near}"？` : `已知的键：${instKeys.join('、')}。`,
          ],
          ik,
        );
      }
    }
    raw.institutions.push(inst);
  }
}

/** `connections:` — named databases: url, passwordEnv, passwordFile. */
function readConnections(pair: Pair<Node, Node>, line: number, lc: LineCounter, file: string, raw: RawConfig): void {
  if (!isMap(pair.value))
    throw configError(
      file,
      line,
      ['"connections" must be a map of names', '"connections" 必须是以名称为键的映射'],
      [
        'Write connections:\\n  prod:\\n    url: oracle://user@host:1521/SERVICE',
        '请写成 connections:\\n  prod:\\n    url: oracle://user@host:1521/SERVICE',
      ],
      'connections',
    );
  for (const cp of pair.value.items as Pair<Node, Node>[]) {
    const name = String(scalarValue(cp.key));
    const vals = new Map<string, { value: unknown; line: number }>();
    flatten(cp.value, '', lc, vals, file);
    for (const [ck, cv] of vals) {
      if (!['url', 'passwordEnv', 'passwordFile'].includes(ck)) {
        throw configError(
          file,
          cv.line,
          [`unknown key "${ck}" in connection "${name}"`, `连接 "${name}" 中有未知的键 "${ck}"`],
          ['A connection has url, passwordEnv and passwordFile.', '连接只有 url、passwordEnv 和 passwordFile。'],
          `connections.${name}.${ck}`,
        );
      }
    }
    const url = vals.get('url');
    if (!url || typeof url.value !== 'string')
      throw configError(
        file,
        lineOf(cp.key, lc),
        [`connection "${name}" has no url`, `连接 "${name}" 没有 url`],
        ['Add url: <database URL>.', '请添加 url: <数据库 URL>。'],
        `connections.${name}.url`,
      );
    raw.connections[name] = {
      name,
      url: url.value,
      passwordEnv: vals.get('passwordEnv')?.value as string | undefined,
      passwordFile: vals.get('passwordFile')?.value as string | undefined,
      line: url.line,
    };
  }
}

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

export function resolveConfig(inp: ConfigInputs): ResolvedConfig {
  const file = inp.file ?? '(no hisops.yaml)';
  const raw: RawConfig =
    inp.text !== undefined
      ? parseConfigText(inp.text, file, inp.extraSections)
      : { global: new Map(), institutions: [], connections: {}, sections: {}, sectionLines: new Map() };
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

  const values: Record<string, ConfigValue> = {};
  const pick = (spec: KeySpec, fileEntry: { value: unknown; line: number } | undefined): void => {
    const flag = inp.flags[spec.key];
    const env = spec.secret ? undefined : inp.env[envName(spec.key)];
    if (flag !== undefined && flag !== '')
      values[spec.key] = { value: coerce(spec, flag, { file, source: 'flag' }), source: 'flag' };
    else if (env !== undefined && env !== '')
      values[spec.key] = {
        value: coerce(spec, env, { file, source: `env ${envName(spec.key)}` }),
        source: `env ${envName(spec.key)}`,
      };
    else if (fileEntry && fileEntry.value !== null && fileEntry.value !== undefined)
      values[spec.key] = {
        value: coerce(spec, fileEntry.value, { file, line: fileEntry.line, source: 'file' }),
        source: `${file}:${fileEntry.line}`,
      };
    else values[spec.key] = { value: spec.default, source: 'default' };
  };
  for (const spec of CONFIG_KEYS.filter((k) => !k.perInstitution)) pick(spec, raw.global.get(spec.key));

  const wanted = values['institution']!.value as string | undefined;
  let chosen: RawInstitution | undefined;
  let chosenName = 'default';
  if (raw.institutions.length > 0) {
    if (wanted) {
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
      chosen = raw.institutions[idx];
      chosenName = wanted;
    } else {
      chosen = raw.institutions[0];
      chosenName = names[0]!;
    }
  } else if (wanted && wanted !== 'default') {
    throw inputError(
      'CONFIG_INSTITUTION',
      `No institution named "${wanted}": ${inp.file ? inp.file + ' lists none' : 'there is no hisops.yaml'}`,
      'Add it under institutions: in hisops.yaml (hisops init writes one), or drop --institution.',
    ).zh(
      `没有名为 "${wanted}" 的机构：${inp.file ? inp.file + ' 中未列出任何机构' : '没有 hisops.yaml'}`,
      '请在 hisops.yaml 的 institutions: 下添加（hisops init 会生成一个），或去掉 --institution。',
    );
  }
  for (const spec of CONFIG_KEYS.filter((k) => k.perInstitution && !k.secret)) pick(spec, chosen?.values.get(spec.key));
  values['name'] = { value: chosenName, source: values['name']!.source };
  applyProvince(values);

  // Secrets: environment (named by *Env or the default variable) or a file; shown redacted.
  for (const [secretKey, envKey, fileKey] of SECRET_SOURCES) {
    const envVar = (values[envKey]?.value as string | undefined) ?? envName(secretKey);
    const fromEnv = inp.env[envVar];
    if (fromEnv) values[secretKey] = { value: fromEnv, source: `env ${envVar}` };
    else if (values[fileKey]?.value) values[secretKey] = { value: undefined, source: `file ${values[fileKey]!.value}` };
    else values[secretKey] = { value: undefined, source: 'not set' };
  }

  return {
    file: inp.file,
    baseDir: inp.baseDir,
    institutionNames: names.length ? names : ['default'],
    institution: chosenName,
    connections: raw.connections,
    values,
    sections: raw.sections,
    sectionValues: Object.fromEntries(
      [...raw.sectionLines].map(([k, v]) => [
        k,
        {
          value: v.value === null || v.value === undefined ? undefined : (v.value as string | number | boolean),
          source: `${file}:${v.line}`,
        },
      ]),
    ),
    sectionNames: inp.extraSections ?? [],
    binds: Object.fromEntries(
      [...(chosen?.values ?? [])]
        .filter(([k]) => k.startsWith('binds.'))
        .map(([k, v]) => [
          k.slice(6),
          {
            value: v.value === null || v.value === undefined ? undefined : String(v.value),
            source: `${file}:${v.line}`,
          },
        ]),
    ),
  };
}

/** Each secret: the key, the key naming its environment variable (if any), the key of its file. */
export const SECRET_SOURCES = [
  ['his.password', 'his.passwordEnv', 'his.passwordFile'],
  ['center.secret', 'center.secretEnv', 'center.secretFile'],
  ['center.sm4Key', 'center.sm4KeyEnv', 'center.sm4KeyFile'],
  ['center.sm2Key', 'center.sm2KeyEnv', 'center.sm2KeyFile'],
] as const;
export type SecretKey = (typeof SECRET_SOURCES)[number][0];

/** The rows `hisops config show` prints: every key with its value (secrets redacted) and source. */
export function describeConfig(
  cfg: ResolvedConfig,
): Array<{ key: string; value: string; source: string; secret: boolean }> {
  const rows = CONFIG_KEYS.map((spec) => {
    const v = cfg.values[spec.key];
    const shown = spec.secret
      ? v?.value !== undefined || v?.source.startsWith('file')
        ? '***'
        : ''
      : v?.value === undefined
        ? ''
        : redactPassword(String(v.value));
    return { key: spec.key, value: shown, source: v?.source ?? 'default', secret: !!spec.secret };
  });
  // The sections other jobs own (reconcile:, trace:, stuck: …): what the file sets, each with its
  // line; a section the file leaves out is listed once, on its defaults.
  const sectionValues = cfg.sectionValues ?? {};
  for (const name of cfg.sectionNames ?? []) {
    const keys = Object.keys(sectionValues).filter((k) => k === name || k.startsWith(name + '.'));
    if (keys.length === 0) rows.push({ key: name, value: '', source: 'default', secret: false });
    for (const k of keys)
      rows.push({
        key: k,
        value: sectionValues[k]!.value === undefined ? '' : redactPassword(String(sectionValues[k]!.value)),
        source: sectionValues[k]!.source,
        secret: false,
      });
  }
  // The institution's values of the HIS profile's institution binds.
  for (const [b, v] of Object.entries(cfg.binds ?? {}))
    rows.push({
      key: `binds.${b}`,
      value: v.value === undefined ? '' : String(v.value),
      source: v.source,
      secret: false,
    });
  return rows;
}

/** A password written inside a URL (postgres://u:PW@h/db) is shown as ***. */
export const redactPassword = redactUrlsInText;

export { KEY_BY_NAME };
