/**
 * The only place that opens database connections. Drivers and knex are imported lazily so that
 * `hisops --help` does not pay for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { externalError, HisopsError, inputError } from '../errors.js';
import { DIALECTS, type Dialect, type DialectInfo } from './dialects.js';
import { parseDbUrl, type DbTarget } from './url.js';

export interface Db {
  knex: Knex;
  dialect: Dialect;
  info: DialectInfo;
  target: DbTarget;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Password from the environment or a secret file; wins over one written in the URL. */
  password?: string;
  /** Relative SQLite paths are resolved against this folder (default: the working directory). */
  baseDir?: string;
  /** For SQLite: create the file (and its folder) when it does not exist. Default false. */
  create?: boolean;
  /** Pool size for server databases. */
  poolMax?: number;
  /** Skip the probe query (the caller runs its own first statement). */
  noProbe?: boolean;
}

let knexFactory: ((cfg: Knex.Config) => Knex) | undefined;
async function loadKnex(): Promise<(cfg: Knex.Config) => Knex> {
  if (!knexFactory) {
    const mod = (await import('knex')) as unknown as { default: (cfg: Knex.Config) => Knex };
    knexFactory = mod.default;
  }
  return knexFactory;
}

export async function connect(target: string | DbTarget, opts: ConnectOptions = {}): Promise<Db> {
  const t = typeof target === 'string' ? parseDbUrl(target) : target;
  const info = DIALECTS[t.dialect];
  const make = await loadKnex();
  let connection: Knex.Config['connection'];
  if (t.dialect === 'sqlite') {
    const file = t.file === ':memory:' ? ':memory:' : path.resolve(opts.baseDir ?? process.cwd(), t.file!);
    if (file !== ':memory:' && !fs.existsSync(file)) {
      if (!opts.create) {
        throw inputError(
          'DB_SQLITE_MISSING',
          `No SQLite database at ${file}`,
          'Check the path, or create it first (for the demo HIS: hisops demo seed).',
        ).zh(`${file} 处没有 SQLite 数据库`, '请检查路径，或先创建它（演示 HIS：hisops demo seed）。');
      }
      fs.mkdirSync(path.dirname(file), { recursive: true });
    }
    connection = { filename: file };
  } else if (t.dialect === 'oracle') {
    connection = {
      user: t.user,
      password: opts.password ?? t.password,
      connectString: `${t.host}:${t.port}/${t.database ?? ''}`,
    };
  } else if (t.dialect === 'mssql') {
    connection = {
      server: t.host!,
      port: t.port,
      user: t.user,
      password: opts.password ?? t.password,
      database: t.database,
      options: {
        encrypt: t.params.encrypt !== 'false',
        trustServerCertificate: t.params.trustServerCertificate === 'true',
      },
    } as Knex.Config['connection'];
  } else {
    connection = {
      host: t.host,
      port: t.port,
      user: t.user,
      password: opts.password ?? t.password,
      database: t.database,
    };
  }
  const knex = make({
    client: info.knexClient,
    connection,
    useNullAsDefault: t.dialect === 'sqlite',
    pool:
      t.dialect === 'sqlite' ? { min: 1, max: 1, afterCreate: cacheStatements } : { min: 0, max: opts.poolMax ?? 4 },
    acquireConnectionTimeout: 15000,
    // knex prints pool errors on stdout by default; hisops reports them itself (classifyDbError).
    log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
  });
  const db: Db = { knex, dialect: t.dialect, info, target: t, close: () => knex.destroy() };
  if (t.dialect === 'sqlite') {
    // WAL lets a reader (a report) run beside a writer (an upload); busy_timeout waits for locks.
    await knex.raw('PRAGMA busy_timeout = 5000');
    if (connection && (connection as { filename: string }).filename !== ':memory:')
      await knex.raw('PRAGMA journal_mode = WAL');
  } else if (!opts.noProbe) {
    try {
      await knex.raw(info.probeSql);
    } catch (e) {
      await knex.destroy().catch(() => undefined);
      throw classifyDbError(e, t);
    }
  }
  return db;
}

/**
 * knex prepares every statement anew; SQLite's prepare of a wide multi-row insert costs more than
 * running it. The statements a job repeats (journal writes, lookups) are kept prepared per
 * connection, a bounded number of them. A statement runs to completion each time (knex calls
 * all()/run()), so one prepared statement is never in use twice at once.
 */
const STATEMENT_CACHE = 64;
function cacheStatements(
  conn: { prepare(sql: string): unknown },
  done: (err: Error | null, conn: unknown) => void,
): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, unknown>();
  conn.prepare = (sql: string) => {
    let st = cache.get(sql);
    if (st === undefined) {
      st = prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      cache.set(sql, st);
    }
    return st;
  };
  done(null, conn);
}

/** Open, run, always close. */
export async function withDb<T>(
  target: string | DbTarget,
  fn: (db: Db) => Promise<T>,
  opts: ConnectOptions = {},
): Promise<T> {
  const db = await connect(target, opts);
  try {
    return await fn(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/** Turn a driver failure into a HisopsError that says which server, why, and what to do — never the password. */
export function classifyDbError(e: unknown, t: DbTarget): HisopsError {
  if (e instanceof HisopsError) return e;
  const err = e as { code?: string; errno?: number; message?: string; sqlMessage?: string };
  const raw = String(err?.sqlMessage ?? err?.message ?? e);
  const reason = t.password ? raw.split(t.password).join('***') : raw;
  const where = t.dialect === 'sqlite' ? t.file : `${t.host}:${t.port}`;
  const code = String(err?.code ?? '');
  if (
    /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|NJS-503|NJS-511|ESOCKET|Timeout acquiring/i.test(
      code + ' ' + reason,
    )
  ) {
    return externalError(
      'DB_UNREACHABLE',
      `Cannot reach the ${DIALECTS[t.dialect].label} server at ${where}`,
      'Check that the server is running and that host and port are right; then run hisops doctor.',
      reason,
      { target: t.display },
    ).zh(
      `无法连接 ${where} 上的 ${DIALECTS[t.dialect].label} 服务器`,
      '请确认服务器正在运行、主机和端口正确，然后运行 hisops doctor。',
    );
  }
  if (
    /28P01|28000|ER_ACCESS_DENIED|ORA-01017|ELOGIN|password authentication failed|Access denied/i.test(
      code + ' ' + reason,
    )
  ) {
    return externalError(
      'DB_AUTH',
      `The ${DIALECTS[t.dialect].label} server at ${where} refused the login for user "${t.user ?? ''}"`,
      "Check the user name and the password (HISOPS_HIS_PASSWORD or the connection's passwordEnv / passwordFile).",
      reason,
      { target: t.display },
    ).zh(
      `${where} 上的 ${DIALECTS[t.dialect].label} 服务器拒绝了用户 "${t.user ?? ''}" 的登录`,
      '请检查用户名和密码（HISOPS_HIS_PASSWORD 或连接的 passwordEnv / passwordFile）。',
    );
  }
  if (/3D000|ER_BAD_DB_ERROR|ORA-12514|does not exist|Unknown database/i.test(code + ' ' + reason)) {
    return externalError(
      'DB_MISSING',
      `The database named in ${t.display} does not exist on ${where}`,
      'Create it, or correct the database/service name in the URL.',
      reason,
      { target: t.display },
    ).zh(`${t.display} 中指定的数据库在 ${where} 上不存在`, '请创建该数据库，或更正 URL 中的数据库/服务名。');
  }
  if (/Cannot find module|ERR_MODULE_NOT_FOUND/i.test(reason)) {
    return externalError(
      'DB_DRIVER',
      `The ${DIALECTS[t.dialect].driver} driver is not installed`,
      `Reinstall hisops (npm ci) so that ${DIALECTS[t.dialect].driver} is present.`,
      reason,
    ).zh(
      `未安装 ${DIALECTS[t.dialect].driver} 驱动`,
      `请重新安装 hisops（npm ci），使 ${DIALECTS[t.dialect].driver} 可用。`,
    );
  }
  return externalError(
    'DB_FAILED',
    `The ${DIALECTS[t.dialect].label} database at ${where} failed`,
    "Read the database's reason below; fix it and run again.",
    reason,
    { target: t.display },
  ).zh(`${where} 上的 ${DIALECTS[t.dialect].label} 数据库出错`, '请阅读下面数据库给出的原因，处理后再次运行。');
}
