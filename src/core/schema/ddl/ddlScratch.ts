/**
 * Reading MySQL/MariaDB, PostgreSQL or SQLite DDL by running it: a scratch database made for the
 * purpose (in memory for SQLite), the script's statements run there (those that shape no schema
 * passed over), the database introspected like any other, then dropped.
 */
import crypto from 'node:crypto';
import { connect, type Db, type DbTarget } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { execStatement } from '../exec.js';
import { introspect, type IntrospectResult } from '../introspect/index.js';
import type { ReadDdlOptions, ScratchServer } from './readDdl.js';
import type { DdlStatement } from './splitSql.js';

type ScratchDialect = 'mysql' | 'postgres' | 'sqlite';

/** Statements that do not shape a schema and would fail on a scratch server without the script's roles and databases. */
const NOT_RUN: Record<ScratchDialect, RegExp> = {
  mysql:
    /^(USE|CREATE\s+(DATABASE|SCHEMA)|DROP\s+(DATABASE|SCHEMA)|GRANT|REVOKE|CREATE\s+USER|DROP\s+USER|ALTER\s+USER|FLUSH|LOCK\s+TABLES|UNLOCK\s+TABLES|INSERT|REPLACE|UPDATE|DELETE|LOAD\s+DATA|SOURCE)\b/i,
  postgres:
    /^(ALTER\s+\S+(\s+\S+)*?\s+OWNER\s+TO|GRANT|REVOKE|ALTER\s+DEFAULT\s+PRIVILEGES|CREATE\s+ROLE|ALTER\s+ROLE|CREATE\s+DATABASE|ALTER\s+DATABASE|COMMENT\s+ON\s+EXTENSION|INSERT|UPDATE|DELETE|COPY|SECURITY\s+LABEL)\b/i,
  sqlite: /^(INSERT|UPDATE|DELETE|REPLACE|BEGIN|COMMIT|END|ATTACH|DETACH)\b/i,
};

export async function loadAndRead(
  statements: DdlStatement[],
  server: DbTarget,
  scratch: ScratchServer | undefined,
  opts: ReadDdlOptions,
): Promise<IntrospectResult> {
  const dialect = server.dialect as ScratchDialect;
  const name = `hisops_scratch_${crypto.randomBytes(5).toString('hex')}`;
  const { toRun, notRun } = sortStatements(statements, dialect);
  const refusedSettings: string[] = [];
  const withNotes = (res: IntrospectResult) => addNotes(res, notRun, refusedSettings);
  let admin: Db | undefined;
  let target: DbTarget = server;
  if (dialect !== 'sqlite') {
    admin = await createScratch(server, scratch, dialect, name, mysqlDatabaseOptions(statements, dialect));
    target = { ...server, database: name, display: `${scratch?.display ?? server.display} (scratch ${name})` };
  }
  try {
    // One connection, so the script's session settings (search_path, FOREIGN_KEY_CHECKS, sql_mode) hold for what follows them.
    const db = await connect(target, { password: scratch?.password, poolMax: 1 });
    try {
      await runScript(db, toRun, dialect, refusedSettings);
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
    if (admin) await dropScratch(admin, dialect, name);
  }
}

/** The statements to run, and a count of those passed over by kind (for the warning). */
function sortStatements(
  statements: DdlStatement[],
  dialect: ScratchDialect,
): { toRun: DdlStatement[]; notRun: Map<string, number> } {
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
  return { toRun, notRun };
}

/** MySQL: the database's character set as the script creates it, so tables without their own get the same. */
function mysqlDatabaseOptions(statements: DdlStatement[], dialect: ScratchDialect): string | undefined {
  return dialect === 'mysql'
    ? /CREATE\s+(?:DATABASE|SCHEMA)\s+(?:\/\*!\d+\s*)?(?:IF\s+NOT\s+EXISTS\s+)?(?:\*\/\s*)?\S+\s+((?:\/\*!\d+\s*)?(?:DEFAULT\s+)?(?:CHARACTER\s+SET|CHARSET)\s*=?\s*\w+(?:\s+COLLATE\s*=?\s*\w+)?)/i
        .exec(statements.map((s) => s.sql).join('\n'))?.[1]
        ?.replace(/\/\*!\d+\s*/, '')
    : undefined;
}

/** What was passed over, first among the warnings. */
function addNotes(res: IntrospectResult, notRun: Map<string, number>, refusedSettings: string[]): IntrospectResult {
  for (const r of refusedSettings) res.warnings.unshift(`a session setting the server refused was passed over: ${r}`);
  if (notRun.size)
    res.warnings.unshift(
      `not run (they shape no schema object, or name databases and roles of their own): ${[...notRun].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  return res;
}

/** Connect to the scratch server and create the database; the connection is kept to drop it afterwards. */
async function createScratch(
  server: DbTarget,
  scratch: ScratchServer | undefined,
  dialect: ScratchDialect,
  name: string,
  dbOpts: string | undefined,
): Promise<Db> {
  const admin = await connect(server, { password: scratch?.password, poolMax: 1 });
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
  return admin;
}

async function dropScratch(admin: Db, dialect: ScratchDialect, name: string): Promise<void> {
  await admin.knex
    .raw(dialect === 'mysql' ? `DROP DATABASE IF EXISTS \`${name}\`` : `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    .catch(() => undefined);
  await admin.close().catch(() => undefined);
}

/** Run the script's statements on one connection; a refused session setting is noted and passed over, any other refusal stops the read. */
async function runScript(
  db: Db,
  toRun: DdlStatement[],
  dialect: ScratchDialect,
  refusedSettings: string[],
): Promise<void> {
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
      throw statementFailed(s, dialect, msg);
    }
  }
}

function statementFailed(s: DdlStatement, dialect: ScratchDialect, msg: string) {
  const first = s.sql.split('\n')[0]!.slice(0, 80);
  return inputError(
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
