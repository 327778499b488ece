/**
 * A schema read from DDL files (a script, a dump, a Flyway folder): the third kind of side besides
 * a live database and a snapshot file. Which reader runs (docs/schema.md, "DDL files"):
 *
 * - MySQL/MariaDB and PostgreSQL: the statements run in a scratch database made for the purpose
 *   on a server the user names (`--scratch`, or `schema.scratch` in the configuration), which is
 *   introspected like any database and dropped afterwards (ddlScratch.ts). The server is the
 *   parser: whatever it accepts is read exactly as a database built from the script would be.
 *   Without a scratch server these dialects are refused (DDL_NEEDS_SCRATCH) rather than half-read.
 * - SQLite: the same, in an in-memory SQLite database (always at hand).
 * - Oracle: oracleDdl.ts, a reader of the DDL subset vendors ship, applied to an in-memory
 *   dictionary (no Oracle server is needed).
 */
import path from 'node:path';
import { type DbTarget, parseDbUrl } from '../../db/index.js';
import { inputError } from '../../errors.js';
import type { NameFilter } from '../filter.js';
import type { IntrospectResult } from '../introspect/index.js';
import { DDL_DIALECTS, type DdlDialect, type DdlFileList, detectDialect, listDdlFiles } from './ddlFiles.js';
import { loadAndRead } from './ddlScratch.js';
import { readOracleDdl } from './oracleDdl.js';
import { splitSql, type DdlStatement } from './splitSql.js';

export interface ScratchServer {
  url: string;
  password?: string;
  /** As shown in messages (no password). */
  display: string;
}

export interface ReadDdlOptions {
  /** The dialect the SQL is written in; detected from the files when absent. */
  dialect?: string;
  scratch?: ScratchServer;
  /** Oracle owner / PostgreSQL schema to read (default: the script's / public). */
  schema?: string;
  filter?: Partial<NameFilter>;
  /** How the source is named in messages and in the model's `display`. */
  display?: string;
}

export interface DdlReadResult extends IntrospectResult {
  dialect: DdlDialect;
  /** Which reader ran, for the report: 'scratch mysql://…', 'sqlite in memory', 'oracle DDL reader'. */
  reader: string;
  files: number;
  statements: number;
}

const ALIASES: Record<string, DdlDialect> = {
  mysql: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  oracle: 'oracle',
  sqlite: 'sqlite',
};

export function ddlDialect(v: string): DdlDialect {
  const d = ALIASES[v.toLowerCase()];
  if (!d)
    throw inputError(
      'DDL_BAD_DIALECT',
      `"${v}" is not a dialect hisops reads DDL in`,
      `Use --ddl-dialect ${DDL_DIALECTS.join(', ')} (mariadb and postgresql are accepted too).`,
    ).zh(
      `"${v}" 不是 hisops 能读取 DDL 的方言`,
      `请使用 --ddl-dialect ${DDL_DIALECTS.join('、')}（也接受 mariadb、postgresql）。`,
    );
  return d;
}

export async function readDdlSource(spec: string, opts: ReadDdlOptions = {}): Promise<DdlReadResult> {
  const list = listDdlFiles(spec);
  const shownSpec = opts.display ?? spec;
  const dialect = opts.dialect ? ddlDialect(opts.dialect) : detectedDialect(list, spec, shownSpec);
  const statements: DdlStatement[] = list.files.flatMap((f) =>
    splitSql(f.text, dialect, list.order === 'file' ? f.shown : path.join(path.basename(spec), f.shown)),
  );
  if (!statements.some((s) => !s.client))
    throw inputError(
      'DDL_EMPTY',
      `${shownSpec} holds no SQL statements`,
      'Give the DDL script (CREATE TABLE …), a dump made with --no-data / --schema-only, or a folder of migrations.',
      undefined,
      { source: spec },
    ).zh(
      `${shownSpec} 中没有 SQL 语句`,
      '请给出 DDL 脚本（CREATE TABLE …）、用 --no-data / --schema-only 导出的文件，或迁移脚本文件夹。',
    );
  const { res, reader } = await readStatements(statements, dialect, spec, shownSpec, opts);
  res.model.source = { ...res.model.source, display: `${shownSpec} (DDL)` };
  // The scratch database's own name means nothing to the user: it is gone.
  if (dialect !== 'oracle') delete res.model.source.database;
  return {
    ...res,
    warnings: [...list.warnings, ...res.warnings],
    dialect,
    reader,
    files: list.files.length,
    statements: statements.filter((s) => !s.client).length,
  };
}

/** The dialect the files' signs point to; refused when no dialect clearly leads. */
function detectedDialect(list: DdlFileList, spec: string, shownSpec: string): DdlDialect {
  const d = detectDialect(list.files.map((f) => f.text));
  if (d.dialect) return d.dialect;
  const seen =
    Object.entries(d.scores)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  throw inputError(
    'DDL_DIALECT_UNKNOWN',
    `Cannot tell which SQL dialect ${shownSpec} is written in`,
    'Name it: --ddl-dialect mysql, postgres, oracle or sqlite.',
    `Signs found (dialect and weight): ${seen}. A mysqldump, pg_dump or Navicat header settles it; otherwise backticks, ENGINE=, VARCHAR2, "/" lines and the like are weighed, and one dialect must clearly lead.`,
    { source: spec },
  ).zh(
    `无法判断 ${shownSpec} 使用的 SQL 方言`,
    '请指定：--ddl-dialect mysql、postgres、oracle 或 sqlite。',
    `找到的特征（方言与权重）：${seen}。mysqldump、pg_dump 或 Navicat 的文件头可直接判定；否则按反引号、ENGINE=、VARCHAR2、单独的 "/" 行等特征加权，须有一种方言明显领先。`,
  );
}

/** The statements read by the dialect's reader: Oracle's own, SQLite in memory, or a scratch database. */
async function readStatements(
  statements: DdlStatement[],
  dialect: DdlDialect,
  spec: string,
  shownSpec: string,
  opts: ReadDdlOptions,
): Promise<{ res: IntrospectResult; reader: string }> {
  if (dialect === 'oracle') {
    const source = { dialect, display: `${shownSpec} (DDL)` } as const;
    const res = readOracleDdl(statements, { ...source }, { schema: opts.schema, filter: opts.filter });
    return { res, reader: 'the Oracle DDL reader' };
  }
  if (dialect === 'sqlite') {
    const res = await loadAndRead(
      statements,
      { dialect: 'sqlite', display: 'sqlite::memory:', file: ':memory:', params: {}, passwordInUrl: false },
      undefined,
      opts,
    );
    return { res, reader: 'an in-memory SQLite database' };
  }
  const { scratch, target } = scratchServer(dialect, spec, shownSpec, opts);
  const res = await loadAndRead(statements, target, scratch, opts);
  return { res, reader: `a scratch database on ${scratch.display}` };
}

/** The scratch server MySQL/MariaDB and PostgreSQL DDL runs on: required, and of the DDL's dialect. */
function scratchServer(
  dialect: 'mysql' | 'postgres',
  spec: string,
  shownSpec: string,
  opts: ReadDdlOptions,
): { scratch: ScratchServer; target: DbTarget } {
  const server = dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL';
  const example =
    dialect === 'mysql' ? 'mysql://root@127.0.0.1:3306/mysql' : 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!opts.scratch) {
    throw inputError(
      'DDL_NEEDS_SCRATCH',
      `Reading ${server} DDL (${shownSpec}) needs a scratch server`,
      `Name a ${server} server where hisops may create and drop a temporary database: --scratch ${example}, or schema.scratch in hisops.yaml.`,
      'The script is run there and the database read like any other, so that every statement is understood exactly as the server understands it; hisops does not guess at it.',
      { source: spec },
    ).zh(
      `读取 ${server} DDL（${shownSpec}）需要一个临时库服务器`,
      `请指定一个允许 hisops 创建并删除临时数据库的 ${server} 服务器：--scratch ${example}，或在 hisops.yaml 中设置 schema.scratch。`,
      '脚本在该处执行，再像读取其他数据库一样读取结构，使每条语句都按服务器本身的理解来解释；hisops 不做猜测。',
    );
  }
  const t = parseDbUrl(opts.scratch.url);
  if (t.dialect !== dialect)
    throw inputError(
      'DDL_SCRATCH_DIALECT',
      `The scratch server ${opts.scratch.display} is ${t.dialect}, but ${shownSpec} is ${dialect} DDL`,
      `Give a ${dialect} server with --scratch, or name the DDL's dialect with --ddl-dialect if it was detected wrongly.`,
      undefined,
      { source: spec },
    ).zh(
      `临时库服务器 ${opts.scratch.display} 是 ${t.dialect}，而 ${shownSpec} 是 ${dialect} DDL`,
      `请用 --scratch 指定 ${dialect} 服务器；若方言判断有误，请用 --ddl-dialect 指明。`,
    );
  return { scratch: opts.scratch, target: t };
}
