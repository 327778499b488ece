/**
 * hisops.yaml text read into raw entries, each with the line it was written on: the global keys,
 * the institutions, the named connections and the sections other jobs own. Keys are checked
 * against the key table here; values are checked when they are resolved (resolve.ts).
 */
import { createRequire } from 'node:module';
import type { LineCounter, Node, Pair } from 'yaml';
import { closest } from '../shared/closest.js';
import { configError } from './configError.js';
import type { Connection } from './resolve.js';
import { CONFIG_KEYS } from './schema.js';

/** A value of the file with the line of its key. */
type RawEntry = { value: unknown; line: number };

export interface RawInstitution {
  line: number;
  values: Map<string, RawEntry>;
}

export interface RawConfig {
  global: Map<string, RawEntry>;
  institutions: RawInstitution[];
  connections: Record<string, Connection>;
  sections: Record<string, unknown>;
  sectionLines: Map<string, RawEntry>;
}

/** What a missing hisops.yaml (or an empty one) gives. */
export function emptyRawConfig(): RawConfig {
  return { global: new Map(), institutions: [], connections: {}, sections: {}, sectionLines: new Map() };
}

export function parseConfigText(text: string, file: string, extraSections: readonly string[] = []): RawConfig {
  const { doc, lc } = parseYaml(text, file);
  const raw = emptyRawConfig();
  if (doc.contents === null) return raw;
  if (!isMap(doc.contents))
    throw configError(
      file,
      1,
      ['the file must be a map of keys', '文件必须是键值映射'],
      ['Start from the file `hisops init` writes.', '请从 `hisops init` 生成的文件开始修改。'],
    );
  const topNames = new Set(['lang', 'institution', 'journal', 'institutions', 'connections', ...extraSections]);
  for (const pair of doc.contents.items as Pair<Node, Node>[]) {
    const k = String(scalarValue(pair.key));
    const line = lineOf(pair.key, lc);
    if (!topNames.has(k)) throw unknownTopKey(file, line, k, topNames);
    if (extraSections.includes(k)) readSection(pair, k, doc.get(k), lc, raw);
    else if (k === 'institutions') readInstitutions(pair, line, lc, file, raw);
    else if (k === 'connections') readConnections(pair, line, lc, file, raw);
    else readGlobalKeys(pair, k, line, lc, file, raw);
  }
  return raw;
}

/** The YAML document with its line counter; a syntax error names the line and column. */
function parseYaml(text: string, file: string) {
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
  return { doc, lc };
}

function unknownTopKey(file: string, line: number, k: string, topNames: Set<string>) {
  const near = closest(k, topNames);
  return configError(
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

/** A section another job owns (reconcile:, trace: …): kept as plain data, and flattened for display. */
function readSection(pair: Pair<Node, Node>, k: string, section: unknown, lc: LineCounter, raw: RawConfig): void {
  raw.sections[k] =
    section && typeof (section as { toJSON?: unknown }).toJSON === 'function'
      ? (section as { toJSON(): unknown }).toJSON()
      : scalarValue(pair.value);
  flattenSection(pair.value, k, lc, raw.sectionLines);
}

/** `lang:`, `institution:`, `journal:` — keys of the table that are not per institution. */
function readGlobalKeys(
  pair: Pair<Node, Node>,
  k: string,
  line: number,
  lc: LineCounter,
  file: string,
  raw: RawConfig,
): void {
  const globalKeys = CONFIG_KEYS.filter((spec) => !spec.perInstitution).map((spec) => spec.key);
  const flat = new Map<string, RawEntry>();
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
    const vals = new Map<string, RawEntry>();
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

function lineOf(node: Node | null | undefined, lc: LineCounter): number {
  const start = node?.range?.[0];
  return start === undefined ? 0 : lc.linePos(start).line;
}

function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : node;
}

/** Flatten a YAML map into dotted keys with their lines, e.g. center.url → { value, line }. */
function flatten(node: unknown, prefix: string, lc: LineCounter, out: Map<string, RawEntry>, file: string): void {
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
function flattenSection(node: unknown, prefix: string, lc: LineCounter, out: Map<string, RawEntry>): void {
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
