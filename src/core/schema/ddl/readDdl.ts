/**
 * A schema read from DDL files (a script, a dump, a Flyway folder): the third kind of side besides
 * a live database and a snapshot file. Which reader runs (docs/schema.md, "DDL files"):
 *
 * - MySQL/MariaDB and PostgreSQL: the statements run in a scratch database made for the purpose
 *   on a server the user names (`--scratch`, or `schema.scratch` in the configuration), which is
 *   introspected like any database and dropped afterwards. The server is the parser: whatever it
 *   accepts is read exactly as a database built from the script would be. Without a scratch
 *   server these dialects are refused (DDL_NEEDS_SCRATCH) rather than half-read.
 * - SQLite: the same, in an in-memory SQLite database (always at hand).
 * - Oracle: oracleDdl.ts, a reader of the DDL subset vendors ship, applied to an in-memory
 *   dictionary (no Oracle server is needed).
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { connect, parseDbUrl, type Db, type DbTarget } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { execStatement } from '../exec.js';
import type { NameFilter } from '../filter.js';
import { introspect, type IntrospectResult } from '../introspect/index.js';
import { DDL_DIALECTS, detectDialect, listDdlFiles, type DdlDialect } from './ddlFiles.js';
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
  let dialect: DdlDialect;
  if (opts.dialect) dialect = ddlDialect(opts.dialect);
  else {
    const d = detectDialect(list.files.map((f) => f.text));
    if (!d.dialect) {
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
    dialect = d.dialect;
  }
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
  const source = { dialect, display: `${shownSpec} (DDL)` } as const;
  let res: IntrospectResult;
  let reader: string;
  if (dialect === 'oracle') {
    res = readOracleDdl(statements, { ...source }, { schema: opts.schema, filter: opts.filter });
    reader = 'the Oracle DDL reader';
  } else if (dialect === 'sqlite') {
    res = await loadAndRead(
      statements,
      { dialect: 'sqlite', display: 'sqlite::memory:', file: ':memory:', params: {}, passwordInUrl: false },
      undefined,
      opts,
    );
    reader = 'an in-memory SQLite database';
  } else {
    if (!opts.scratch) {
      throw inputError(
        'DDL_NEEDS_SCRATCH',
        `Reading ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} DDL (${shownSpec}) needs a scratch server`,
        `Name a ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} server where hisops may create and drop a temporary database: --scratch ${dialect === 'mysql' ? 'mysql://root@127.0.0.1:3306/mysql' : 'postgres://postgres@127.0.0.1:5432/postgres'}, or schema.scratch in hisops.yaml.`,
        'The script is run there and the database read like any other, so that every statement is understood exactly as the server understands it; hisops does not guess at it.',
        { source: spec },
      ).zh(
        `读取 ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} DDL（${shownSpec}）需要一个临时库服务器`,
        `请指定一个允许 hisops 创建并删除临时数据库的 ${dialect === 'mysql' ? 'MySQL/MariaDB' : 'PostgreSQL'} 服务器：--scratch ${dialect === 'mysql' ? 'mysql://root@127.0.0.1:3306/mysql' : 'postgres://postgres@127.0.0.1:5432/postgres'}，或在 hisops.yaml 中设置 schema.scratch。`,
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
    res = await loadAndRead(statements, t, opts.scratch, opts);
    reader = `a scratch database on ${opts.scratch.display}`;
  }
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

/** Statements that do not shape a schema and would fail on a scratch server without the script's roles and databases. */
const NOT_RUN: Record<'mysql' | 'postgres' | 'sqlite', RegExp> = {
  mysql:
    /^(USE|CREATE\s+(DATABASE|SCHEMA)|DROP\s+(DATABASE|SCHEMA)|GRANT|REVOKE|CREATE\s+USER|DROP\s+USER|ALTER\s+USER|FLUSH|LOCK\s+TABLES|UNLOCK\s+TABLES|INSERT|REPLACE|UPDATE|DELETE|LOAD\s+DATA|SOURCE)\b/i,
  postgres:
    /^(ALTER\s+\S+(\s+\S+)*?\s+OWNER\s+TO|GRANT|REVOKE|ALTER\s+DEFAULT\s+PRIVILEGES|CREATE\s+ROLE|ALTER\s+ROLE|CREATE\s+DATABASE|ALTER\s+DATABASE|COMMENT\s+ON\s+EXTENSION|INSERT|UPDATE|DELETE|COPY|SECURITY\s+LABEL)\b/i,
  sqlite: /^(INSERT|UPDATE|DELETE|REPLACE|BEGIN|COMMIT|END|ATTACH|DETACH)\b/i,
};

async function loadAndRead(
  statements: DdlStatement[],
  server: DbTarget,
  scratch: ScratchServer | undefined,
  opts: ReadDdlOptions,
): Promise<IntrospectResult> {
  const dialect = server.dialect as 'mysql' | 'postgres' | 'sqlite';
  const name = `hisops_scratch_${crypto.randomBytes(5).toString('hex')}`;
  const notRun = new Map<string, number>();
  const toRun: DdlStatement[] = [];
  for (const s of statements) {
    const head = s.sql.replace(/^(\s|--[^\n]*\n|\/\*(?!!)[\s\S]*?\*\/)+/, '');
    if (
      s.client ||
      NOT_RUN[dialect].test(head) ||
      (dialect === 'postgres' && /\bOWNER\s+TO\b/i.test(head) && /^ALTER\b/i.test(head))
    ) {
      const k = s.client
        ? 'psql \\…'
        : (/^\S+(\s+(DATA|TABLES|DEFAULT\s+PRIVILEGES|ON\s+EXTENSION))?/i.exec(head)?.[0] ?? '').toUpperCase() +
          (/OWNER\s+TO/i.test(head) ? ' … OWNER TO' : '');
      notRun.set(k, (notRun.get(k) ?? 0) + 1);
      continue;
    }
    toRun.push(s);
  }
  // MySQL: the database's character set as the script creates it, so tables without their own get the same.
  const dbOpts =
    dialect === 'mysql'
      ? /CREATE\s+(?:DATABASE|SCHEMA)\s+(?:\/\*!\d+\s*)?(?:IF\s+NOT\s+EXISTS\s+)?(?:\*\/\s*)?\S+\s+((?:\/\*!\d+\s*)?(?:DEFAULT\s+)?(?:CHARACTER\s+SET|CHARSET)\s*=?\s*\w+(?:\s+COLLATE\s*=?\s*\w+)?)/i
          .exec(statements.map((s) => s.sql).join('\n'))?.[1]
          ?.replace(/\/\*!\d+\s*/, '')
      : undefined;
  const refusedSettings: string[] = [];
  const withNotes = (res: IntrospectResult) => {
    for (const r of refusedSettings) res.warnings.unshift(`a session setting the server refused was passed over: ${r}`);
    if (notRun.size)
      res.warnings.unshift(
        `not run (they shape no schema object, or name databases and roles of their own): ${[...notRun].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      );
    return res;
  };
  let admin: Db | undefined;
  let target: DbTarget = server;
  if (dialect !== 'sqlite') {
    admin = await connect(server, { password: scratch?.password, poolMax: 1 });
    try {
      await admin.knex.raw(
        dialect === 'mysql' ? `CREATE DATABASE \`${name}\`${dbOpts ? ' ' + dbOpts : ''}` : `CREATE DATABASE "${name}"`,
      );
    } catch (e) {
      await admin.close().catch(() => undefined);
      throw inputError(
        'DDL_SCRATCH_FAILED',
        `Cannot create a scratch database on ${scratch?.display}`,
        'Give --scratch a server and user allowed to CREATE DATABASE (and DROP it afterwards), e.g. a test server.',
        (e as Error).message,
        { scratch: scratch?.display },
      ).zh(
        `无法在 ${scratch?.display} 上创建临时库`,
        '请用 --scratch 指定允许 CREATE DATABASE（及随后 DROP）的服务器和用户，例如测试服务器。',
      );
    }
    target = { ...server, database: name, display: `${scratch?.display ?? server.display} (scratch ${name})` };
  }
  try {
    // One connection, so the script's session settings (search_path, FOREIGN_KEY_CHECKS, sql_mode) hold for what follows them.
    const db = await connect(target, { password: scratch?.password, poolMax: 1 });
    try {
      // As MySQL installers run their scripts: no strict mode (zero dates, long defaults truncated with a warning).
      if (dialect === 'mysql') await execStatement(db, "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
      if (dialect === 'postgres') await execStatement(db, 'SET client_min_messages = warning');
      for (const s of toRun) {
        try {
          await execStatement(db, s.sql);
        } catch (e) {
          const msg = String((e as { sqlMessage?: string; message?: string }).sqlMessage ?? (e as Error).message ?? e);
          // A session setting this server does not know (a newer pg_dump's SET transaction_timeout) shapes nothing: note it, go on.
          if (/^(\/\*!\d*\s*)?SET\s+(?!ROLE\b|SESSION\s+AUTHORIZATION\b)/i.test(s.sql)) {
            refusedSettings.push(`${s.file}:${s.line}: ${s.sql.split('\n')[0]!.slice(0, 60)}: ${msg}`);
            continue;
          }
          const first = s.sql.split('\n')[0]!.slice(0, 80);
          throw inputError(
            'DDL_STATEMENT_FAILED',
            `${s.file}:${s.line}: ${dialect === 'mysql' ? 'the MySQL/MariaDB server' : dialect === 'postgres' ? 'the PostgreSQL server' : 'SQLite'} refused this statement: ${msg}`,
            'Correct the script (it would fail the same way on the real server), or give --ddl-dialect if the dialect was detected wrongly. Nothing was read: a schema missing what this statement makes would turn into DROP statements in a sync script.',
            `The statement starts: ${first}`,
            { file: s.file, line: s.line },
          ).zh(
            `${s.file}:${s.line}：${dialect === 'mysql' ? 'MySQL/MariaDB 服务器' : dialect === 'postgres' ? 'PostgreSQL 服务器' : 'SQLite'}拒绝了这条语句：${msg}`,
            '请修正脚本（在正式服务器上也会同样失败）；若方言判断有误，请用 --ddl-dialect 指明。未读取任何结构：缺少该语句所建对象的结构会在同步脚本中变成 DROP 语句。',
            `语句开头：${first}`,
          );
        }
      }
      // SQLite in memory lives as long as its connection: read it on this one.
      if (dialect === 'sqlite') return withNotes(await introspect(db, { schema: opts.schema, filter: opts.filter }));
    } finally {
      await db.close().catch(() => undefined);
    }
    // A fresh session: the script's settings (pg_dump empties search_path) must not colour how the schema is read.
    const fresh = await connect(target, { password: scratch?.password, poolMax: 1 });
    try {
      // MySQL's "schema" is the database: always the scratch one. PostgreSQL's is a schema the script made (default public).
      return withNotes(
        await introspect(fresh, { schema: dialect === 'mysql' ? undefined : opts.schema, filter: opts.filter }),
      );
    } finally {
      await fresh.close().catch(() => undefined);
    }
  } finally {
    if (admin) {
      await admin.knex
        .raw(
          dialect === 'mysql'
            ? `DROP DATABASE IF EXISTS \`${name}\``
            : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
        )
        .catch(() => undefined);
      await admin.close().catch(() => undefined);
    }
  }
}
