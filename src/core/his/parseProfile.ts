/**
 * Read a HIS profile from YAML text and check it against the statement table: every statement
 * present, every statement known, every bind known for its statement, every required bind used,
 * SQL given as one text or per dialect, fragments (`{{name}}`) expanded, institution binds declared,
 * statements a HIS does not provide marked `unsupported`. Problems name the file, the line and the fix. Pure: the
 * caller reads the file.
 */
import { isMap, isScalar, LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { Dialect } from '../db/index.js';
import type { ErrorCode } from '../errors.js';
import { expandFragments, fragmentWhere } from './expandFragments.js';
import { keyOf, type LineOf, type ProfileCtx, sourceOf, textOf } from './profileNodes.js';
import { dedupe, profileError, suggest, suggestZh } from './profileProblems.js';
import { parseStatement } from './parseStatement.js';
import type { Positional } from './sqlBinds.js';
import { REQUIRED_STATEMENTS, STATEMENTS } from './statements.js';

export type VariantKey = Dialect | 'default';

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
const BIND_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The top-level keys of a profile as read (statements and fragments still nodes). */
interface TopKeys {
  name: string;
  description?: string;
  statementsNode: Node | null;
  fragmentsNode: Node | null;
  binds: Record<string, string>;
}

export function parseProfile(text: string, file: string): Profile {
  const { root, lineOf, lineAt } = readYaml(text, file);
  const ctx: ProfileCtx = {
    file,
    problems: [],
    lineOf,
    lineAt,
    fragments: new Map(),
    institution: new Set([INSTITUTION_BIND]),
  };
  const { name, description, statementsNode, fragmentsNode, binds } = readTopKeys(ctx, root);
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
  checkRequiredStatements(ctx, statements, statementsNode);
  if (ctx.problems.length) throw profileError(file, dedupe(ctx.problems));
  return { file, name: name || 'unnamed', description, statements, binds };
}

/** The YAML document's top mapping and its line functions; a syntax error or a non-map is thrown at once. */
function readYaml(
  text: string,
  file: string,
): { root: YAMLMap; lineOf: LineOf; lineAt: (o: number | undefined) => number } {
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
  return { root, lineOf, lineAt };
}

/** name, description, binds (checked here), and the nodes of fragments and statements; an unknown key is a problem. */
function readTopKeys(ctx: ProfileCtx, root: YAMLMap): TopKeys {
  const top: TopKeys = { name: '', statementsNode: null, fragmentsNode: null, binds: {} };
  for (const pair of root.items) {
    const key = keyOf(pair);
    if (key === 'name') top.name = textOf(pair.value);
    else if (key === 'description') top.description = textOf(pair.value);
    else if (key === 'statements') top.statementsNode = pair.value as Node | null;
    else if (key === 'fragments') top.fragmentsNode = pair.value as Node | null;
    else if (key === 'binds') top.binds = parseBinds(ctx, pair);
    else if (!TOP_KEYS.includes(key))
      ctx.problems.push({
        code: 'PROFILE_UNKNOWN_KEY',
        line: ctx.lineOf(pair),
        message: `unknown key "${key}"`,
        fix: `Use only ${TOP_KEYS.join(', ')} at the top of a profile${suggest(key, TOP_KEYS)}.`,
        zh: {
          message: `未知的键 "${key}"`,
          fix: `接口配置顶层只能用 ${TOP_KEYS.join('、')}${suggestZh(key, TOP_KEYS)}。`,
        },
      });
  }
  return top;
}

/** Every statement the jobs cannot do without must be there (sql or unsupported). */
function checkRequiredStatements(ctx: ProfileCtx, statements: Record<string, ProfileStatement>, node: Node): void {
  const missing = REQUIRED_STATEMENTS.filter((n) => !(n in statements));
  if (missing.length) {
    ctx.problems.push({
      code: 'PROFILE_MISSING_STATEMENT',
      line: ctx.lineOf(node),
      message: `the profile lacks ${missing.length === 1 ? 'the statement' : 'statements'} ${missing.map((m) => `"${m}"`).join(', ')}`,
      fix: 'Add them under "statements:"; copy them from templates/profiles/reference.yaml and point the SQL at your HIS tables, or mark one "unsupported: <reason>" when your HIS has no such data.',
      zh: {
        message: `接口配置缺少语句 ${missing.map((m) => `"${m}"`).join('、')}`,
        fix: '请在 "statements:" 下添加；可从 templates/profiles/reference.yaml 复制，再将 SQL 指向本院 HIS 的表；本院 HIS 没有此类数据时，可标为 "unsupported: <原因>"。',
      },
    });
  }
}

/** `binds:` — the institution binds this profile's SQL uses, each with what it is. */
function parseBinds(ctx: ProfileCtx, pair: Pair): Record<string, string> {
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
function parseFragments(ctx: ProfileCtx, node: Node): void {
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
