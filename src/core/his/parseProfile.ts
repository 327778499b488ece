/**
 * Read a HIS profile from YAML text and check it against the statement table: every statement
 * present, every statement known, every bind known for its statement, every required bind used,
 * SQL given as one text or per dialect. Problems name the file, the line and the fix. Pure: the
 * caller reads the file.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import type { Dialect } from '../db/index.js';
import { HisopsError, EXIT } from '../errors.js';
import { scanSql, toPositional, type Positional } from './sqlBinds.js';
import { REQUIRED_STATEMENTS, STATEMENTS, STATEMENT_NAMES } from './statements.js';

export type VariantKey = Dialect | 'default';
const VARIANT_KEYS: VariantKey[] = ['default', 'sqlite', 'postgres', 'mysql', 'oracle', 'mssql'];

export interface StatementVariant {
  sql: string;
  /** Line of the SQL text in the profile file (1-based). */
  line: number;
  positional: Positional;
  binds: string[];
}

export interface ProfileStatement {
  name: string;
  kind: 'read' | 'write';
  description?: string;
  line: number;
  variants: Partial<Record<VariantKey, StatementVariant>>;
}

export interface Profile {
  file: string;
  name: string;
  description?: string;
  statements: Record<string, ProfileStatement>;
}

export interface ProfileProblem {
  code: string;
  line: number;
  message: string;
  fix: string;
  /** The same message and fix in Chinese. */
  zh: { message: string; fix: string };
}

const TOP_KEYS = ['name', 'description', 'version', 'statements'];
const STATEMENT_KEYS = ['sql', 'description'];

export function parseProfile(text: string, file: string): Profile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lc.linePos(offset).line);
  const lineOf = (n: Node | Pair | null | undefined): number => {
    const node = n && 'key' in n ? (n.key as Node) : (n as Node | null | undefined);
    return lineAt(node?.range?.[0]);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineAt(e.pos[0]);
    throw profileError(file, [{ code: 'PROFILE_YAML', line, message: `the file is not valid YAML: ${e.message.split('\n')[0]}`, fix: 'Fix the YAML at that line (indentation, a missing ":" or an unclosed quote).', zh: { message: `文件不是有效的 YAML：${e.message.split('\n')[0]}`, fix: '请更正该行的 YAML（缩进、缺少 ":" 或引号未闭合）。' } }]);
  }
  const problems: ProfileProblem[] = [];
  const root = doc.contents;
  if (!isMap(root)) {
    throw profileError(file, [{ code: 'PROFILE_SHAPE', line: 1, message: 'a profile is a mapping with a "statements:" key', fix: 'Start from templates/profiles/reference.yaml (hisops init writes a copy).', zh: { message: '接口配置应是含 "statements:" 键的映射', fix: '请从 templates/profiles/reference.yaml 开始（hisops init 会写出一份副本）。' } }]);
  }
  let name = '';
  let description: string | undefined;
  let statementsNode: Node | null = null;
  for (const pair of root.items) {
    const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
    if (key === 'name') name = String(isScalar(pair.value) ? pair.value.value : '');
    else if (key === 'description') description = String(isScalar(pair.value) ? pair.value.value : '');
    else if (key === 'statements') statementsNode = pair.value as Node | null;
    else if (!TOP_KEYS.includes(key))
      problems.push({ code: 'PROFILE_UNKNOWN_KEY', line: lineOf(pair), message: `unknown key "${key}"`, fix: `Use only ${TOP_KEYS.join(', ')} at the top of a profile${suggest(key, TOP_KEYS)}.`, zh: { message: `未知的键 "${key}"`, fix: `接口配置顶层只能用 ${TOP_KEYS.join('、')}${suggestZh(key, TOP_KEYS)}。` } });
  }
  if (!isMap(statementsNode)) {
    problems.push({ code: 'PROFILE_SHAPE', line: statementsNode ? lineOf(statementsNode) : 1, message: 'the profile has no "statements:" mapping', fix: 'Add "statements:" with one entry per statement (see templates/profiles/reference.yaml).', zh: { message: '接口配置中没有 "statements:" 映射', fix: '请添加 "statements:"，每条语句一项（见 templates/profiles/reference.yaml）。' } });
    throw profileError(file, problems);
  }
  const statements: Record<string, ProfileStatement> = {};
  for (const pair of statementsNode.items) {
    const stName = String(isScalar(pair.key) ? pair.key.value : pair.key);
    const stLine = lineOf(pair);
    const spec = STATEMENTS[stName];
    if (!spec) {
      problems.push({ code: 'PROFILE_UNKNOWN_STATEMENT', line: stLine, message: `unknown statement "${stName}"`, fix: `Rename it to the statement it stands for${suggest(stName, STATEMENT_NAMES)}, or remove it; the statements are listed in docs/profile.md.`, zh: { message: `未知的语句 "${stName}"`, fix: `请将其改名为所代表的语句${suggestZh(stName, STATEMENT_NAMES)}，或删除；语句列表见 docs/profile.md。` } });
      continue;
    }
    const value = pair.value as Node | null;
    let sqlNode: Node | null = null;
    let stDescription: string | undefined;
    if (isScalar(value)) sqlNode = value; // shorthand: `name: SELECT …`
    else if (isMap(value)) {
      for (const p of value.items) {
        const k = String(isScalar(p.key) ? p.key.value : p.key);
        if (k === 'sql') sqlNode = p.value as Node | null;
        else if (k === 'description') stDescription = String(isScalar(p.value) ? p.value.value : '');
        else problems.push({ code: 'PROFILE_UNKNOWN_KEY', line: lineOf(p), message: `statement "${stName}" has an unknown key "${k}"`, fix: `A statement has only ${STATEMENT_KEYS.join(' and ')}${suggest(k, STATEMENT_KEYS)}.`, zh: { message: `语句 "${stName}" 有未知的键 "${k}"`, fix: `语句只有 ${STATEMENT_KEYS.join(' 和 ')}${suggestZh(k, STATEMENT_KEYS)}。` } });
      }
    }
    if (!sqlNode) {
      problems.push({ code: 'PROFILE_SHAPE', line: stLine, message: `statement "${stName}" has no sql`, fix: 'Give it "sql: |" followed by the SQL, or "sql:" with one entry per dialect (default, sqlite, postgres, mysql, oracle, mssql).', zh: { message: `语句 "${stName}" 没有 sql`, fix: '请写 "sql: |" 后接 SQL，或在 "sql:" 下按方言各写一项（default、sqlite、postgres、mysql、oracle、mssql）。' } });
      continue;
    }
    const variants: Partial<Record<VariantKey, StatementVariant>> = {};
    const addVariant = (key: VariantKey, node: Node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
        problems.push({ code: 'PROFILE_SHAPE', line: lineOf(node), message: `statement "${stName}"${key === 'default' ? '' : ` (${key})`} has empty or non-text sql`, fix: 'Write the SQL as a block: "sql: |" and the statement on the following lines.', zh: { message: `语句 "${stName}"${key === 'default' ? '' : `（${key}）`} 的 sql 为空或不是文本`, fix: '请把 SQL 写成块：先写 "sql: |"，语句写在后续各行。' } });
        return;
      }
      const sql = node.value;
      const scan = scanSql(sql);
      const sqlLine = (offset: number) => lineInScalar(node, offset, lineAt);
      for (const q of scan.questionMarks) {
        problems.push({ code: 'PROFILE_QUESTION_MARK', line: sqlLine(q), message: `statement "${stName}" contains "?"`, fix: 'Bind values by name (:setl_id); for a literal question mark use CHR(63) / CHAR(63), and keep "?" out of comments.', zh: { message: `语句 "${stName}" 中含有 "?"`, fix: '请按名称绑定值（:setl_id）；字面问号请用 CHR(63) / CHAR(63)，注释中也不要出现 "?"。' } });
      }
      const known = Object.keys(spec.binds);
      for (const b of scan.binds) {
        if (!(b.name in spec.binds)) {
          problems.push({
            code: 'PROFILE_UNKNOWN_BIND',
            line: sqlLine(b.offset),
            message: `statement "${stName}" uses the unknown bind :${b.name}`,
            fix: known.length
              ? `Use one of ${known.map((k) => ':' + k).join(', ')} for this statement${suggest(b.name, known, ':')}; anything else must be written into the SQL.`
              : `This statement takes no binds; remove :${b.name} (write a constant into the SQL instead).`,
            zh: {
              message: `语句 "${stName}" 使用了未知的绑定变量 :${b.name}`,
              fix: known.length
                ? `本语句可用 ${known.map((k) => ':' + k).join('、')}${suggestZh(b.name, known, ':')}；其他值须直接写进 SQL。`
                : `本语句不接受绑定变量；请删除 :${b.name}（改为在 SQL 中写常量）。`,
            },
          });
        }
      }
      const used = new Set(scan.binds.map((b) => b.name));
      for (const [bind, bs] of Object.entries(spec.binds)) {
        if (bs.required && !used.has(bind)) {
          problems.push({ code: 'PROFILE_MISSING_BIND', line: lineOf(node), message: `statement "${stName}"${key === 'default' ? '' : ` (${key})`} does not use :${bind}`, fix: `Use :${bind} (${bs.doc}) in its WHERE clause; without it the statement would read or change every row.`, zh: { message: `语句 "${stName}"${key === 'default' ? '' : `（${key}）`} 没有使用 :${bind}`, fix: `请在其 WHERE 子句中使用 :${bind}（${bs.doc}）；否则该语句会读取或修改所有行。` } });
        }
      }
      variants[key] = { sql, line: lineAt(node.range?.[0]) + (isBlock(node) ? 1 : 0), positional: toPositional(sql, scan), binds: [...used] };
    };
    if (isMap(sqlNode)) {
      for (const p of sqlNode.items) {
        const k = String(isScalar(p.key) ? p.key.value : p.key);
        if (!(VARIANT_KEYS as string[]).includes(k)) {
          problems.push({ code: 'PROFILE_UNKNOWN_DIALECT', line: lineOf(p), message: `statement "${stName}" has sql for an unknown dialect "${k}"`, fix: `Use ${VARIANT_KEYS.join(', ')}${suggest(k, VARIANT_KEYS)} (mysql covers MariaDB).`, zh: { message: `语句 "${stName}" 有未知方言 "${k}" 的 sql`, fix: `请使用 ${VARIANT_KEYS.join('、')}${suggestZh(k, VARIANT_KEYS)}（mysql 也适用于 MariaDB）。` } });
          continue;
        }
        addVariant(k as VariantKey, p.value as Node);
      }
    } else addVariant('default', sqlNode);
    statements[stName] = { name: stName, kind: spec.kind, description: stDescription, line: stLine, variants };
  }
  const missing = REQUIRED_STATEMENTS.filter((n) => !(n in statements));
  if (missing.length) {
    problems.push({
      code: 'PROFILE_MISSING_STATEMENT',
      line: lineOf(statementsNode),
      message: `the profile lacks ${missing.length === 1 ? 'the statement' : 'statements'} ${missing.map((m) => `"${m}"`).join(', ')}`,
      fix: 'Add them under "statements:"; copy them from templates/profiles/reference.yaml and point the SQL at your HIS tables.',
      zh: {
        message: `接口配置缺少语句 ${missing.map((m) => `"${m}"`).join('、')}`,
        fix: '请在 "statements:" 下添加；可从 templates/profiles/reference.yaml 复制，再将 SQL 指向本院 HIS 的表。',
      },
    });
  }
  if (problems.length) throw profileError(file, problems);
  return { file, name: name || 'unnamed', description, statements };
}

function isBlock(node: Node): boolean {
  return isScalar(node) && ((node as Scalar).type === 'BLOCK_LITERAL' || (node as Scalar).type === 'BLOCK_FOLDED');
}

/**
 * The file line of an offset inside a scalar's value. Exact for literal blocks (`sql: |`), which
 * keep their line breaks; other scalar styles fold lines, so the scalar's first line is given.
 */
function lineInScalar(node: Node, offset: number, lineAt: (o: number | undefined) => number): number {
  const start = lineAt(node.range?.[0]);
  if (isScalar(node) && (node as Scalar).type === 'BLOCK_LITERAL' && typeof node.value === 'string') {
    const before = node.value.slice(0, offset);
    return start + 1 + (before.match(/\n/g)?.length ?? 0);
  }
  return start;
}

function profileError(file: string, problems: ProfileProblem[]): HisopsError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new HisopsError({
    code: first.code,
    summary: `${file}:${first.line}: ${first.message}${more}`,
    why: problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'),
    fix: problems.length > 1 ? `${first.fix} Then fix the other lines listed above and run hisops doctor.` : `${first.fix} Then run hisops doctor.`,
    details: { file, problems },
    exit: EXIT.usage,
  }).zh(
    `${file}:${first.line}：${first.zh.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 个问题）` : ''}`,
    problems.length > 1 ? `${first.zh.fix} 然后更正上面列出的其他行，并运行 hisops doctor。` : `${first.zh.fix} 然后运行 hisops doctor。`,
    problems.map((p) => `${file}:${p.line}：${p.zh.message}`).join('\n'),
  );
}

/** ", e.g. did you mean X?" when a known name is close to the unknown one. */
/** The same hint as `suggest`, in Chinese. */
function suggestZh(word: string, known: string[], prefix = ''): string {
  return suggest(word, known, prefix).replace(/^ \(did you mean (.*)\?\)$/, '（是不是 $1？）');
}

function suggest(word: string, known: string[], prefix = ''): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean ${prefix}${best}?)` : '';
}

function distance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}
