/**
 * Gates for the suites that need a database server. A suite runs when its URL is set
 * (HISOPS_TEST_PG_URL / HISOPS_TEST_MYSQL_URL); without it the suite is skipped with a note that
 * says how to start the server, unless HISOPS_REQUIRE_SERVERS=1 (CI), where a missing URL fails.
 *
 *   describeWithPg('reference HIS on PostgreSQL', (url) => { it(…) })
 *   const db = await createTempDatabase('postgres')   // a uniquely named database, dropped by db.drop()
 */
import crypto from 'node:crypto';
import { describe, it } from 'vitest';
import { connect, type Db } from '../../src/core/db/index.js';

export type ServerKind = 'postgres' | 'mysql';

const SERVERS: Record<ServerKind, { env: string; label: string; example: string; start: string }> = {
  postgres: {
    env: 'HISOPS_TEST_PG_URL',
    label: 'PostgreSQL',
    example: 'postgres://postgres@127.0.0.1:5432/test',
    start:
      'start PostgreSQL (e.g. `sudo service postgresql start`, or `.ci/run` which installs and starts it), create a database `test`',
  },
  mysql: {
    env: 'HISOPS_TEST_MYSQL_URL',
    label: 'MySQL/MariaDB',
    example: 'mysql://root@127.0.0.1:3306/test',
    start:
      'start MariaDB (e.g. `sudo service mariadb start`, or `.ci/run` which installs and starts it), create a database `test`',
  },
};

export function serverUrl(kind: ServerKind): string | undefined {
  const v = process.env[SERVERS[kind].env];
  return v && v.trim() !== '' ? v.trim() : undefined;
}

export const pgUrl = (): string | undefined => serverUrl('postgres');
export const mysqlUrl = (): string | undefined => serverUrl('mysql');

export function serversRequired(): boolean {
  return process.env.HISOPS_REQUIRE_SERVERS === '1';
}

/** How to make a skipped suite run. */
export function howToRun(kind: ServerKind): string {
  const s = SERVERS[kind];
  return `${s.label} suite skipped: ${s.env} is not set. To run it, ${s.start}, then export ${s.env}=${s.example}`;
}

const noted = new Set<ServerKind>();

export function describeWithServer(kind: ServerKind, name: string, fn: (url: string) => void): void {
  const url = serverUrl(kind);
  if (url) {
    describe(name, () => fn(url));
    return;
  }
  if (serversRequired()) {
    describe(name, () => {
      it(`needs ${SERVERS[kind].label}`, () => {
        const s = SERVERS[kind];
        throw new Error(
          `HISOPS_REQUIRE_SERVERS=1 but ${s.env} is not set: ${s.start}, then export ${s.env}=${s.example}`,
        );
      });
    });
    return;
  }
  if (!noted.has(kind)) {
    noted.add(kind);
    process.stderr.write(`\n${howToRun(kind)}\n`);
  }
  describe.skipIf(true)(`${name} — ${howToRun(kind)}`, () => fn(''));
}

export const describeWithPg = (name: string, fn: (url: string) => void): void =>
  describeWithServer('postgres', name, fn);
export const describeWithMysql = (name: string, fn: (url: string) => void): void =>
  describeWithServer('mysql', name, fn);

export interface TempDatabase {
  /** URL of the new database (same server and user as the base URL). */
  url: string;
  name: string;
  /** Drop the database (close your connections to it first). */
  drop(): Promise<void>;
}

/** A uniquely named database on the server behind `baseUrl`, for one test file. */
export async function createTempDatabase(
  kind: ServerKind,
  baseUrl: string,
  prefix = 'hisops_t',
): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  const admin: Db = await connect(baseUrl);
  try {
    await admin.knex.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const u = new URL(baseUrl);
  u.pathname = '/' + name;
  return {
    url: u.toString(),
    name,
    async drop() {
      const a: Db = await connect(baseUrl);
      try {
        await a.knex.raw(
          kind === 'postgres' ? `DROP DATABASE IF EXISTS ${name} WITH (FORCE)` : `DROP DATABASE IF EXISTS ${name}`,
        );
      } finally {
        await a.close();
      }
    },
  };
}
