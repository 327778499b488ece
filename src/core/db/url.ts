/**
 * Database targets: `oracle://user@host:1521/SERVICE`, `postgres://…`, `mysql://…` (or mariadb://),
 * `mssql://…`, `sqlite:path.db` / `sqlite::memory:`. The password may sit in the URL for local
 * use (warned about) but is never printed: `redactUrl` is what messages show.
 */
import { inputError } from '../errors.js';
import { redactUrl } from '../shared/index.js';
import { DIALECTS, type Dialect } from './dialects.js';

export interface DbTarget {
  dialect: Dialect;
  /** The URL as the user wrote it, with any password removed. */
  display: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** SQLite file path (or ':memory:'). */
  file?: string;
  /** Extra URL query parameters (e.g. schema=, ssl=). */
  params: Record<string, string>;
  passwordInUrl: boolean;
}

const SCHEMES: Record<string, Dialect> = {
  oracle: 'oracle',
  oracledb: 'oracle',
  postgres: 'postgres',
  postgresql: 'postgres',
  pg: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  mssql: 'mssql',
  sqlserver: 'mssql',
  sqlite: 'sqlite',
};

export function isDbUrl(s: string): boolean {
  const m = /^([a-z][a-z0-9+]*):/i.exec(s);
  return !!m && m[1]!.toLowerCase() in SCHEMES;
}

export { redactUrl };

export function parseDbUrl(url: string): DbTarget {
  const m = /^([a-z][a-z0-9+]*):(.*)$/is.exec(url.trim());
  const scheme = m?.[1]?.toLowerCase();
  const dialect = scheme ? SCHEMES[scheme] : undefined;
  if (!m || !dialect) {
    throw inputError(
      'DB_URL_SCHEME',
      `Unknown database scheme in "${redactUrl(url)}"`,
      `Write the database as one of: ${Object.values(DIALECTS)
        .map((d) => d.example)
        .join(', ')}, or the name of a connection in hisops.yaml.`,
      scheme ? `"${scheme}:" is not a database hisops can reach.` : 'The value has no scheme.',
    ).zh(
      `"${redactUrl(url)}" 中的数据库类型未知`,
      `请将数据库写成以下之一：${Object.values(DIALECTS)
        .map((d) => d.example)
        .join('、')}，或 hisops.yaml 中的连接名。`,
      scheme ? `"${scheme}:" 不是 hisops 能连接的数据库。` : '该值没有类型前缀（scheme）。',
    );
  }
  if (dialect === 'sqlite') {
    let file = m[2]!;
    if (file.startsWith('//')) file = file.slice(2); // sqlite:///abs/path → /abs/path
    if (file === '')
      throw inputError(
        'DB_URL_SQLITE',
        'The SQLite URL names no file',
        'Write sqlite:path/to/file.db or sqlite::memory:.',
      ).zh('SQLite URL 中没有文件名', '请写成 sqlite:path/to/file.db 或 sqlite::memory:。');
    return { dialect, display: `sqlite:${file}`, file, params: {}, passwordInUrl: false };
  }
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw inputError(
      'DB_URL_BAD',
      `Cannot read the database URL "${redactUrl(url)}"`,
      `Write it as ${DIALECTS[dialect].example}.`,
    ).zh(`无法解析数据库 URL "${redactUrl(url)}"`, `请写成 ${DIALECTS[dialect].example}。`);
  }
  const params: Record<string, string> = {};
  u.searchParams.forEach((v, k) => (params[k] = v));
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined;
  const port = u.port ? Number(u.port) : DIALECTS[dialect].defaultPort;
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  const display = `${scheme}://${user ? user + '@' : ''}${u.hostname}${u.port ? ':' + u.port : ''}/${database ?? ''}`;
  return {
    dialect,
    display,
    host: u.hostname,
    port,
    user,
    password,
    database,
    params,
    passwordInUrl: password !== undefined,
  };
}
