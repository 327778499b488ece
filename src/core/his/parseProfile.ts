/**
 * Read a HIS profile from YAML text and check it against the statement table: every statement
 * present, every statement known, every bind known for its statement, every required bind used,
 * SQL given as one text or per dialect, fragments (`{{name}}`) expanded, institution binds declared,
 * statements a HIS does not provide marked `unsupported`. Problems name the file, the line and the fix. Pure: the
 * caller reads the file.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair, type Scalar } from 'yaml';
import type { Dialect } from '../db/index.js';
import { HisopsError, EXIT, type ErrorCode } from '../errors.js';
import { closest } from '../shared/index.js';
import { expandFragments, fragmentWhere, type Fragment, type SourceText, type Where } from './expandFragments.js';
import { scanSql, toPositional, type Positional } from './sqlBinds.js';
import { REQUIRED_STATEMENTS, STATEMENTS, STATEMENT_NAMES } from './statements.js';

export type VariantKey = Dialect | 'default';
const VARIANT_KEYS: VariantKey[] = ['default', 'sqlite', 'postgres', 'mysql', 'oracle', 'mssql'];

export interface StatementVariant {
  /** The SQL with every fragment expanded. */
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
  /** Set when the profile says this HIS does not provide the statement: why (shown to the user). */
  unsupported?: string;
}

export interface Profile {
  file: string;
  name: string;
  description?: string;
  statements: Record<string, ProfileStatement>;
  /** Institution binds the profile declares (`binds:`), name → what it is; `fixmedins_code` is always there. */
  binds: Record<string, string>;
  /** The institution's values of the institution binds, set when the profile is loaded for one. */
  bindValues?: Record<string, string>;
}

export interface ProfileProblem {
  code: ErrorCode;
  line: number;
  message: string;
  fix: string;
  /** The same in Simplified Chinese (shown under --lang zh-CN). */
  zh: { message: string; fix: string };
}

/** The bind every statement may use: the institution code of the configured institution. */
export const INSTITUTION_BIND = 'fixmedins_code';

const TOP_KEYS = ['name', 'description', 'version', 'fragments', 'binds', 'statements'];
const STATEMENT_KEYS = ['sql', 'description', 'unsupported'];
const BIND_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type LineOf = (n: Node | Pair | null | undefined) => number;
interface Ctx {
  file: string;
  problems: ProfileProblem[];
  lineOf: LineOf;
  lineAt: (offset: number | undefined) => number;
  fragments: Map<string, Fragment>;
  /** Declared institution binds (plus fixmedins_code). */
  institution: Set<string>;
}

const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);
const textOf = (n: unknown): string => String(isScalar(n) ? n.value : '');

export function parseProfile(text: string, file: string): Profile {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  const lineAt = (offset: number | undefined) => (offset === undefined ? 1 : lc.linePos(offset).line);
  const lineOf: LineOf = (n) => {
    const node = n && 'key' in n ? (n.key as Node) : (n as Node | null | undefined);
    return lineAt(node?.range?.[0]);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = lineAt(e.pos[0]);
    throw profileError(file, [
      {
        code: 'PROFILE_YAML',
        line,
        message: `the file is not valid YAML: ${e.message.split('\n')[0]}`,
        fix: 'Fix the YAML at that line (indentation, a missing ":" or an unclosed quote).',
        zh: {
          message: `文件不是有效的 YAML：${e.message.split('\n')[0]}`,
          fix: '请更正该行的 YAML（缩进、缺少 ":" 或引号未闭合）。',
        },
      },
    ]);
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw profileError(file, [
      {
        code: 'PROFILE_SHAPE',
        line: 1,
        message: 'a profile is a mapping with a "statements:" key',
        fix: 'Start from templates/profiles/reference.yaml (hisops init writes a copy).',
        zh: {
          message: '接口配置应是含 "statements:" 键的映射',
          fix: '请从 templates/profiles/reference.yaml 开始（hisops init 会写出一份副本）。',
        },
      },
    ]);
  }
  const ctx: Ctx = {
    file,
    problems: [],
    lineOf,
    lineAt,
    fragments: new Map(),
    institution: new Set([INSTITUTION_BIND]),
  };
  let name = '';
  let description: string | undefined;
  let statementsNode: Node | null = null;
  let fragmentsNode: Node | null = null;
  let binds: Record<string, string> = {};
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'name') name = textOf(pair.value);
    else if (key === 'description') description = textOf(pair.value);
    else if (key === 'statements') statementsNode = pair.value as Node | null;
    else if (key === 'fragments') fragmentsNode = pair.value as Node | null;
    else if (key === 'binds') binds = parseBinds(ctx, pair);
    else if (!TOP_KEYS.includes(key))
      ctx.problems.push({
        code: 'PROFILE_UNKNOWN_KEY',
        line: lineOf(pair),
        message: `unknown key "${key}"`,
        fix: `Use only ${TOP_KEYS.join(', ')} at the top of a profile${suggest(key, TOP_KEYS)}.`,
        zh: {
          message: `未知的键 "${key}"`,
          fix: `接口配置顶层只能用 ${TOP_KEYS.join('、')}${suggestZh(key, TOP_KEYS)}。`,
        },
      });
  }
  if (fragmentsNode) parseFragments(ctx, fragmentsNode);
  if (!isMap(statementsNode)) {
    ctx.problems.push({
      code: 'PROFILE_SHAPE',
      line: statementsNode ? lineOf(statementsNode) : 1,
      message: 'the profile has no "statements:" mapping',
      fix: 'Add "statements:" with one entry per statement (see templates/profiles/reference.yaml).',
      zh: {
        message: '接口配置中没有 "statements:" 映射',
        fix: '请添加 "statements:"，每条语句一项（见 templates/profiles/reference.yaml）。',
      },
    });
    throw profileError(file, ctx.problems);
  }
  const statements: Record<string, ProfileStatement> = {};
  for (const pair of statementsNode.items) {
    const st = parseStatement(ctx, pair);
    if (st) statements[st.name] = st;
  }
  const missing = REQUIRED_STATEMENTS.filter((n) => !(n in statements));
  if (missing.length) {
    ctx.problems.push({
      code: 'PROFILE_MISSING_STATEMENT',
      line: lineOf(statementsNode),
      message: `the profile lacks ${missing.length === 1 ? 'the statement' : 'statements'} ${missing.map((m) => `"${m}"`).join(', ')}`,
      fix: 'Add them under "statements:"; copy them from templates/profiles/reference.yaml and point the SQL at your HIS tables, or mark one "unsupported: <reason>" when your HIS has no such data.',
      zh: {
        message: `接口配置缺少语句 ${missing.map((m) => `"${m}"`).join('、')}`,
        fix: '请在 "statements:" 下添加；可从 templates/profiles/reference.yaml 复制，再将 SQL 指向本院 HIS 的表；本院 HIS 没有此类数据时，可标为 "unsupported: <原因>"。',
      },
    });
  }
  if (ctx.problems.length) throw profileError(file, dedupe(ctx.problems));
  return { file, name: name || 'unnamed', description, statements, binds };
}

/** `binds:` — the institution binds this profile's SQL uses, each with what it is. */
function parseBinds(ctx: Ctx, pair: Pair): Record<string, string> {
  const out: Record<string, string> = {};
  const node = pair.value as Node | null;
  if (!isMap(node)) {
    ctx.problems.push({
      code: 'PROFILE_SHAPE',
      line: ctx.lineOf(pair),
      message: '"binds:" must map each institution bind to what it is',
      fix: 'Write binds:\n  hosp_code: hospital code of the institution in the HIS\nand give its value under the institution in hisops.yaml (binds: { hosp_code: "0001" }).',
      zh: {
        message: '"binds:" 应把每个机构绑定变量映射到它的含义',
        fix: '请写 binds:\n  hosp_code: 本院在 HIS 中的医院编码\n并在 hisops.yaml 的机构下给出其值（binds: { hosp_code: "0001" }）。',
      },
    });
    return out;
  }
  const statementBinds = new Set(Object.values(STATEMENTS).flatMap((s) => Object.keys(s.binds)));
  for (const p of node.items) {
    const b = keyOf(p);
    if (!BIND_NAME.test(b) || b === INSTITUTION_BIND || statementBinds.has(b)) {
      ctx.problems.push({
        code: 'PROFILE_BIND_NAME',
        line: ctx.lineOf(p),
        message: `"${b}" cannot be an institution bind`,
        fix:
          b === INSTITUTION_BIND
            ? ':fixmedins_code is always available; remove it from binds:.'
            : statementBinds.has(b)
              ? `:${b} is a statement bind hisops fills in; pick another name (e.g. his_${b}).`
              : 'Use letters, digits and underscores, starting with a letter.',
        zh: {
          message: `"${b}" 不能作为机构绑定`,
          fix:
            b === INSTITUTION_BIND
              ? ':fixmedins_code 总是可用，请从 binds: 中删除。'
              : statementBinds.has(b)
                ? `:${b} 是 hisops 填写的语句绑定，请换一个名字（如 his_${b}）。`
                : '名字只能由字母、数字和下划线组成，并以字母开头。',
        },
      });
      continue;
    }
    out[b] = textOf(p.value);
    ctx.institution.add(b);
  }
  return out;
}

/** `fragments:` — named SQL texts; each is checked once for unknown names and cycles. */
function parseFragments(ctx: Ctx, node: Node): void {
  if (!isMap(node)) {
    ctx.problems.push({
      code: 'PROFILE_SHAPE',
      line: ctx.lineOf(node),
      message: '"fragments:" must map names to SQL texts',
      fix: 'Write fragments:\n  settlement_select: |\n    SELECT …\nand use it in a statement as {{settlement_select}}.',
      zh: {
        message: '"fragments:" 应把名字映射到 SQL 文本',
        fix: '请写 fragments:\n  settlement_select: |\n    SELECT …\n并在语句中以 {{settlement_select}} 引用。',
      },
    });
    return;
  }
  for (const p of node.items) {
    const name = keyOf(p);
    const v = p.value as Node | null;
    if (!BIND_NAME.test(name) || !isScalar(v) || typeof v.value !== 'string') {
      ctx.problems.push({
        code: 'PROFILE_SHAPE',
        line: ctx.lineOf(p),
        message: `fragment "${name}" must be a name (letters, digits, _) with a SQL text`,
        fix: `Write ${name}: | followed by the SQL on the next lines.`,
        zh: {
          message: `片段 "${name}" 须是名字（字母、数字、_）加一段 SQL 文本`,
          fix: `请写 ${name}: | 并在后续各行写 SQL。`,
        },
      });
      continue;
    }
    ctx.fragments.set(name, { name, line: ctx.lineOf(p), ...sourceOf(v, ctx.lineAt) });
  }
  for (const f of ctx.fragments.values())
    expandFragments(f, ctx.fragments, ctx.problems, fragmentWhere(f.name), [f.name]);
}

function parseStatement(ctx: Ctx, pair: Pair): ProfileStatement | undefined {
  const stName = keyOf(pair);
  const stLine = ctx.lineOf(pair);
  const spec = STATEMENTS[stName];
  if (!spec) {
    ctx.problems.push({
      code: 'PROFILE_UNKNOWN_STATEMENT',
      line: stLine,
      message: `unknown statement "${stName}"`,
      fix: `Rename it to the statement it stands for${suggest(stName, STATEMENT_NAMES)}, or remove it; the statements are listed in docs/profile.md.`,
      zh: {
        message: `未知的语句 "${stName}"`,
        fix: `请将其改名为所代表的语句${suggestZh(stName, STATEMENT_NAMES)}，或删除；语句列表见 docs/profile.md。`,
      },
    });
    return undefined;
  }
  const value = pair.value as Node | null;
  let sqlNode: Node | null = null;
  let stDescription: string | undefined;
  let unsupported: string | undefined;
  if (isScalar(value))
    sqlNode = value; // shorthand: `name: SELECT …`
  else if (isMap(value)) {
    for (const p of value.items) {
      const k = keyOf(p);
      if (k === 'sql') sqlNode = p.value as Node | null;
      else if (k === 'description') stDescription = textOf(p.value);
      else if (k === 'unsupported') unsupported = textOf(p.value).trim() || undefined;
      else
        ctx.problems.push({
          code: 'PROFILE_UNKNOWN_KEY',
          line: ctx.lineOf(p),
          message: `statement "${stName}" has an unknown key "${k}"`,
          fix: `A statement has only ${STATEMENT_KEYS.join(', ')}${suggest(k, STATEMENT_KEYS)}.`,
          zh: {
            message: `语句 "${stName}" 有未知的键 "${k}"`,
            fix: `语句只有 ${STATEMENT_KEYS.join('、')}${suggestZh(k, STATEMENT_KEYS)}。`,
          },
        });
    }
  }
  if (unsupported !== undefined) {
    if (sqlNode)
      ctx.problems.push({
        code: 'PROFILE_SHAPE',
        line: stLine,
        message: `statement "${stName}" has both sql and unsupported`,
        fix: 'Keep sql when your HIS provides it, or unsupported: <reason> when it does not — not both.',
        zh: {
          message: `语句 "${stName}" 同时有 sql 和 unsupported`,
          fix: 'HIS 提供该数据时保留 sql，不提供时写 unsupported: <原因>，二者只取其一。',
        },
      });
    return { name: stName, kind: spec.kind, description: stDescription, line: stLine, variants: {}, unsupported };
  }
  if (!sqlNode) {
    ctx.problems.push({
      code: 'PROFILE_SHAPE',
      line: stLine,
      message: `statement "${stName}" has no sql`,
      fix: 'Give it "sql: |" followed by the SQL, or "sql:" with one entry per dialect (default, sqlite, postgres, mysql, oracle, mssql), or "unsupported: <reason>" when your HIS does not provide it.',
      zh: {
        message: `语句 "${stName}" 没有 sql`,
        fix: '请写 "sql: |" 后接 SQL，或在 "sql:" 下按方言各写一项（default、sqlite、postgres、mysql、oracle、mssql）；本院 HIS 不提供该数据时写 "unsupported: <原因>"。',
      },
    });
    return undefined;
  }
  const variants: Partial<Record<VariantKey, StatementVariant>> = {};
  if (isMap(sqlNode)) {
    for (const p of sqlNode.items) {
      const k = keyOf(p);
      if (!(VARIANT_KEYS as string[]).includes(k)) {
        ctx.problems.push({
          code: 'PROFILE_UNKNOWN_DIALECT',
          line: ctx.lineOf(p),
          message: `statement "${stName}" has sql for an unknown dialect "${k}"`,
          fix: `Use ${VARIANT_KEYS.join(', ')}${suggest(k, VARIANT_KEYS)} (mysql covers MariaDB).`,
          zh: {
            message: `语句 "${stName}" 有未知方言 "${k}" 的 sql`,
            fix: `请使用 ${VARIANT_KEYS.join('、')}${suggestZh(k, VARIANT_KEYS)}（mysql 也适用于 MariaDB）。`,
          },
        });
        continue;
      }
      const v = parseVariant(ctx, stName, k as VariantKey, p.value as Node);
      if (v) variants[k as VariantKey] = v;
    }
  } else {
    const v = parseVariant(ctx, stName, 'default', sqlNode);
    if (v) variants.default = v;
  }
  return { name: stName, kind: spec.kind, description: stDescription, line: stLine, variants };
}

/** One SQL text of a statement: fragments expanded, binds checked against the statement's. */
function parseVariant(ctx: Ctx, stName: string, key: VariantKey, node: Node): StatementVariant | undefined {
  const spec = STATEMENTS[stName]!;
  const where: Where = {
    en: `statement "${stName}"${key === 'default' ? '' : ` (${key})`}`,
    zh: `语句 "${stName}"${key === 'default' ? '' : `（${key}）`}`,
  };
  const label = where.en;
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    ctx.problems.push({
      code: 'PROFILE_SHAPE',
      line: ctx.lineOf(node),
      message: `${label} has empty or non-text sql`,
      fix: 'Write the SQL as a block: "sql: |" and the statement on the following lines.',
      zh: { message: `${where.zh} 的 sql 为空或不是文本`, fix: '请把 SQL 写成块：先写 "sql: |"，语句写在后续各行。' },
    });
    return undefined;
  }
  const src = expandFragments(sourceOf(node, ctx.lineAt), ctx.fragments, ctx.problems, where);
  const sql = src.text;
  const scan = scanSql(sql);
  const lineAtOffset = (o: number) => src.lines[o] ?? ctx.lineOf(node);
  for (const q of scan.questionMarks) {
    ctx.problems.push({
      code: 'PROFILE_QUESTION_MARK',
      line: lineAtOffset(q),
      message: `statement "${stName}" contains "?"`,
      fix: 'Bind values by name (:setl_id); for a literal question mark use CHR(63) / CHAR(63), and keep "?" out of comments.',
      zh: {
        message: `语句 "${stName}" 中含有 "?"`,
        fix: '请按名称绑定值（:setl_id）；字面问号请用 CHR(63) / CHAR(63)，注释中也不要出现 "?"。',
      },
    });
  }
  const known = [...Object.keys(spec.binds), ...ctx.institution];
  for (const b of scan.binds) {
    if (b.name in spec.binds || ctx.institution.has(b.name)) continue;
    ctx.problems.push({
      code: 'PROFILE_UNKNOWN_BIND',
      line: lineAtOffset(b.offset),
      message: `statement "${stName}" uses the unknown bind :${b.name}`,
      fix: `Use one of ${known.map((k) => ':' + k).join(', ')} for this statement${suggest(b.name, known, ':')}; an institution's own value is declared under "binds:" at the top of the profile; anything else must be written into the SQL.`,
      zh: {
        message: `语句 "${stName}" 使用了未知的绑定变量 :${b.name}`,
        fix: `本语句可用 ${known.map((k) => ':' + k).join('、')}${suggestZh(b.name, known, ':')}；机构自己的值请在接口配置顶部的 "binds:" 下声明；其他值须直接写进 SQL。`,
      },
    });
  }
  const used = new Set(scan.binds.map((b) => b.name));
  for (const [bind, bs] of Object.entries(spec.binds)) {
    if (bs.required && !used.has(bind)) {
      ctx.problems.push({
        code: 'PROFILE_MISSING_BIND',
        line: ctx.lineOf(node),
        message: `${label} does not use :${bind}`,
        fix: `Use :${bind} (${bs.doc}) in its WHERE clause; without it the statement would read or change every row. If your HIS has no such data, write "unsupported: <reason>" instead of sql.`,
        zh: {
          message: `${where.zh} 没有使用 :${bind}`,
          fix: `请在其 WHERE 子句中使用 :${bind}；否则该语句会读取或修改所有行。本院 HIS 没有此类数据时，请用 "unsupported: <原因>" 代替 sql。`,
        },
      });
    }
  }
  return {
    sql,
    line: ctx.lineAt(node.range?.[0]) + (isBlock(node) ? 1 : 0),
    positional: toPositional(sql, scan),
    binds: [...used],
  };
}

/** A scalar's text with the file line of each character (exact for literal blocks, see lineInScalar). */
function sourceOf(node: Node, lineAt: (o: number | undefined) => number): SourceText {
  const text = String((node as Scalar).value);
  const lines: number[] = new Array<number>(text.length);
  const start = lineAt(node.range?.[0]);
  const literal = (node as Scalar).type === 'BLOCK_LITERAL';
  let line = literal ? start + 1 : start;
  for (let i = 0; i < text.length; i++) {
    lines[i] = line;
    if (literal && text[i] === '\n') line++;
  }
  return { text, lines };
}

function dedupe(problems: ProfileProblem[]): ProfileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.code}\u0000${p.line}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function isBlock(node: Node): boolean {
  return isScalar(node) && ((node as Scalar).type === 'BLOCK_LITERAL' || (node as Scalar).type === 'BLOCK_FOLDED');
}

function profileError(file: string, problems: ProfileProblem[]): HisopsError {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new HisopsError({
    code: first.code,
    summary: `${file}:${first.line}: ${first.message}${more}`,
    why: problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n'),
    fix:
      problems.length > 1
        ? `${first.fix} Then fix the other lines listed above and run hisops doctor.`
        : `${first.fix} Then run hisops doctor.`,
    details: { file, problems },
    exit: EXIT.usage,
  }).zh(
    `${file}:${first.line}：${first.zh.message}${problems.length > 1 ? `（另有 ${problems.length - 1} 个问题）` : ''}`,
    problems.length > 1
      ? `${first.zh.fix} 然后更正上面列出的其他行，并运行 hisops doctor。`
      : `${first.zh.fix} 然后运行 hisops doctor。`,
    problems.map((p) => `${file}:${p.line}：${p.zh.message}`).join('\n'),
  );
}

/** ", e.g. did you mean X?" when a known name is close to the unknown one. */
/** The same hint as `suggest`, in Chinese. */
function suggestZh(word: string, known: string[], prefix = ''): string {
  return suggest(word, known, prefix).replace(/^ \(did you mean (.*)\?\)$/, '（是不是 $1？）');
}

function suggest(word: string, known: string[], prefix = ''): string {
  const best = closest(word, known);
  return best !== undefined ? ` (did you mean ${prefix}${best}?)` : '';
}
