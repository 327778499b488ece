/**
 * One entry of a profile's `statements:`: a known statement with its SQL (one text or one per
 * dialect, fragments expanded, binds checked against the statement's) or `unsupported: <reason>`.
 */
import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { expandFragments, type Where } from './expandFragments.js';
import type { ProfileStatement, StatementVariant, VariantKey } from './parseProfile.js';
import { isBlock, keyOf, type ProfileCtx, sourceOf, textOf } from './profileNodes.js';
import { suggest, suggestZh } from './profileProblems.js';
import { scanSql, toPositional } from './sqlBinds.js';
import { STATEMENTS, STATEMENT_NAMES } from './statements.js';

const VARIANT_KEYS: VariantKey[] = ['default', 'sqlite', 'postgres', 'mysql', 'oracle', 'mssql'];
const STATEMENT_KEYS = ['sql', 'description', 'unsupported'];

/** What a statement's entry says: its SQL node (a text or a map of dialects), description, unsupported reason. */
interface StatementEntry {
  sqlNode: Node | null;
  description?: string;
  unsupported?: string;
}

export function parseStatement(ctx: ProfileCtx, pair: Pair): ProfileStatement | undefined {
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
  const { sqlNode, description: stDescription, unsupported } = readEntry(ctx, stName, pair.value as Node | null);
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
  const variants = parseVariants(ctx, stName, sqlNode);
  return { name: stName, kind: spec.kind, description: stDescription, line: stLine, variants };
}

/** The keys of a statement's entry; `name: SELECT …` is shorthand for its sql. */
function readEntry(ctx: ProfileCtx, stName: string, value: Node | null): StatementEntry {
  const entry: StatementEntry = { sqlNode: null };
  if (isScalar(value))
    entry.sqlNode = value; // shorthand: `name: SELECT …`
  else if (isMap(value)) {
    for (const p of value.items) {
      const k = keyOf(p);
      if (k === 'sql') entry.sqlNode = p.value as Node | null;
      else if (k === 'description') entry.description = textOf(p.value);
      else if (k === 'unsupported') entry.unsupported = textOf(p.value).trim() || undefined;
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
  return entry;
}

/** The SQL of a statement: one text (the default) or one per dialect. */
function parseVariants(ctx: ProfileCtx, stName: string, sqlNode: Node): Partial<Record<VariantKey, StatementVariant>> {
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
  return variants;
}

/** One SQL text of a statement: fragments expanded, binds checked against the statement's. */
function parseVariant(ctx: ProfileCtx, stName: string, key: VariantKey, node: Node): StatementVariant | undefined {
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
