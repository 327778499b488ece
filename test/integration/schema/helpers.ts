/**
 * Shared set-up for the schema integration suites: throw-away databases with unique names on the
 * servers named by HISOPS_TEST_MYSQL_URL / HISOPS_TEST_PG_URL (the suites are gated on those in
 * test/helpers/servers.ts), and a loader for the mysqldump files of the HIS fixtures (gzipped, in
 * test/fixtures/his-schemas) that needs no mysql client.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { connect, type Db } from '../../../src/core/db/index.js';
import { expect } from 'vitest';
import type { Journal } from '../../../src/core/journal/index.js';
import { cloneDatabase, parseSnapshot, type CloneResult, type Snapshot } from '../../../src/core/schema/index.js';
import { mysqlUrl, pgUrl } from '../../helpers/servers.js';

const need = (url: string | undefined, env: string) => {
  if (!url)
    throw new Error(
      `${env} is not set: this suite should be declared with describeWithMysql / describeWithPg (test/helpers/servers.ts)`,
    );
  return url;
};
const MYSQL_URL = () => need(mysqlUrl(), 'HISOPS_TEST_MYSQL_URL');
const PG_URL = () => need(pgUrl(), 'HISOPS_TEST_PG_URL');

export const repoRoot = path.resolve(__dirname, '../../..');
/** The HIS schema dumps, inside the repository (a clone runs its tests on its own). */
export const FIXTURES = path.resolve(repoRoot, 'test/fixtures/his-schemas');

/** A fixture dump of one version: `schema` (DDL only) or `database` (OpenEMR's DDL plus dictionaries). */
export function dumpFile(version: string, kind: 'schema' | 'database' = 'schema'): string {
  return path.join(FIXTURES, version, kind === 'schema' ? 'schema-only.mariadb.sql.gz' : 'database.sql.gz');
}
export const SNAPSHOT_FIXTURES = path.resolve(repoRoot, 'test/fixtures/schema');

export function uniqueName(prefix = 'hisops_t_schema'): string {
  return `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
}

/** A fresh MySQL/MariaDB database; returns its URL and a drop function. */
export async function createMysqlDb(
  charset = 'utf8',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = uniqueName();
  const admin = await connect(MYSQL_URL(), { poolMax: 1 });
  await admin.knex.raw(
    `CREATE DATABASE \`${name}\` CHARACTER SET ${charset}${charset === 'utf8' ? ' COLLATE utf8_general_ci' : ''}`,
  );
  await admin.close();
  return {
    name,
    url: withDatabase(MYSQL_URL(), name),
    drop: async () => {
      const a = await connect(MYSQL_URL(), { poolMax: 1 });
      await a.knex.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      await a.close();
    },
  };
}

export async function createPgDb(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = uniqueName();
  const admin = await connect(PG_URL(), { poolMax: 1 });
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  await admin.close();
  return {
    name,
    url: withDatabase(PG_URL(), name),
    drop: async () => {
      const a = await connect(PG_URL(), { poolMax: 1 });
      await a.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.close();
    },
  };
}

export function tmpSqlite(): { url: string; file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-schema-'));
  const file = path.join(dir, 'db.sqlite');
  fs.writeFileSync(file, '');
  return { url: `sqlite:${file}`, file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Split a mysqldump / mysql-client script into statements: honours quotes, comments and the
 * client's DELIMITER command. Conditional comments (/*!40101 … *\/) are kept: the server runs them.
 */
export function splitMysqlScript(text: string): string[] {
  const out: string[] = [];
  let delim = ';';
  let cur = '';
  let i = 0;
  const n = text.length;
  let lineStart = true;
  while (i < n) {
    if (lineStart) {
      const m = /^DELIMITER\s+(\S+)[^\n]*\n?/i.exec(text.slice(i, i + 200));
      if (m) {
        if (cur.trim()) out.push(cur.trim());
        cur = '';
        delim = m[1]!;
        i += m[0].length;
        continue;
      }
    }
    const ch = text[i]!;
    lineStart = false;
    if (ch === '\n') lineStart = true;
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < n) {
        if (text[j] === '\\' && ch !== '`') j += 2;
        else if (text[j] === ch) {
          if (text[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      cur += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '-' && text[i + 1] === '-' && (text[i + 2] === ' ' || text[i + 2] === '\n' || text[i + 2] === '\t')) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (ch === '#') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      if (text[i + 2] === '!' || text[i + 2] === 'M') cur += text.slice(i, end);
      i = end;
      continue;
    }
    if (text.startsWith(delim, i)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
      i += delim.length;
      continue;
    }
    cur += ch;
    i++;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Load a mysqldump file the way the fixtures README does (non-strict sql_mode, errors tolerated like --force). */
export async function loadMysqlDump(url: string, file: string): Promise<{ statements: number; errors: string[] }> {
  const db = await connect(url, { poolMax: 1 });
  const errors: string[] = [];
  try {
    await db.knex.raw("SET SESSION sql_mode = ''");
    const raw = fs.readFileSync(file);
    const stmts = splitMysqlScript((file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8'));
    for (const s of stmts) {
      try {
        await db.knex.raw(s);
      } catch (e) {
        errors.push(String((e as Error).message).slice(0, 200));
      }
    }
    return { statements: stmts.length, errors };
  } finally {
    await db.close();
  }
}

/** Snapshot fixtures (gzipped JSON) of the HIS schema versions, made from MariaDB. */
export function readSnapshotFixture(version: string): Snapshot {
  const file = path.join(SNAPSHOT_FIXTURES, `${version}.snapshot.json.gz`);
  return parseSnapshot(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'), file);
}

export async function withConn<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await connect(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/**
 * A fresh copy of a HIS version in a throw-away database of the given kind: MariaDB copies are
 * loaded from the dump, PostgreSQL and SQLite ones cloned by hisops from `sourceUrl` (the version
 * loaded in MariaDB). Each database's drop is pushed onto `drops`.
 */
export async function copyVersion(
  version: string,
  kind: 'mysql' | 'postgres' | 'sqlite',
  o: { sourceUrl: () => string; journal: Journal; clock: () => Date; drops: Array<() => Promise<void> | void> },
): Promise<{ url: string; clone?: CloneResult }> {
  if (kind === 'mysql') {
    const db = await createMysqlDb();
    o.drops.push(db.drop);
    expect((await loadMysqlDump(db.url, dumpFile(version))).errors).toEqual([]);
    return { url: db.url };
  }
  let url: string;
  if (kind === 'postgres') {
    const db = await createPgDb();
    o.drops.push(db.drop);
    url = db.url;
  } else {
    const f = tmpSqlite();
    o.drops.push(f.cleanup);
    url = f.url;
  }
  const src = await connect(o.sourceUrl());
  const dest = await connect(url);
  try {
    const clone = await cloneDatabase(src, dest, { journal: o.journal, clock: o.clock });
    expect(clone.tables.filter((t) => t.status === 'failed')).toEqual([]);
    return { url, clone };
  } finally {
    await src.close();
    await dest.close();
  }
}
