/**
 * DDL files as a schema source, on the real servers: a mysqldump (made with the real `mysqldump`
 * from a MariaDB database loaded with a HIS fixture) and a pg_dump --schema-only are read through a
 * scratch database, and the key property holds: diffing file against file, file against database
 * and database against database gives the same changes (and a file's model has the database's
 * fingerprint). SQLite DDL is read in memory, with the same property.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { HisopsError } from '../../../src/core/errors.js';
import {
  diffModels,
  fingerprint,
  introspect,
  readDdlSource,
  type SchemaModel,
} from '../../../src/core/schema/index.js';
import { execStatement } from '../../../src/core/schema/exec.js';
import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';
import { createMysqlDb, createPgDb, dumpFile, loadMysqlDump, repoRoot, tmpSqlite } from './helpers.js';

const DDL = path.join(repoRoot, 'test/fixtures/ddl');
const changesOf = (a: SchemaModel, b: SchemaModel) => JSON.stringify(diffModels(a, b).changes);

async function readDb(url: string): Promise<SchemaModel> {
  const db = await connect(url, { poolMax: 1 });
  try {
    return (await introspect(db)).model;
  } finally {
    await db.close();
  }
}

async function errorOf(p: Promise<unknown>): Promise<HisopsError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HisopsError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describeWithMysql('DDL files on MySQL/MariaDB (scratch database)', (serverUrl) => {
  const drops: Array<() => Promise<void>> = [];
  const dbs: Record<string, string> = {};
  const scratch = { url: serverUrl, display: 'test server' };
  const file = (v: string) => path.join(DDL, 'mysql', `${v}.mysqldump.sql.gz`);

  beforeAll(async () => {
    // The databases: loaded from the fixtures' own dumps, not from the mysqldump files read below.
    for (const v of ['openhospital-1.12.0', 'openhospital-1.14.2']) {
      const d = await createMysqlDb('utf8');
      drops.push(d.drop);
      const r = await loadMysqlDump(d.url, dumpFile(v));
      expect(r.errors).toEqual([]);
      dbs[v] = d.url;
    }
  }, 120_000);
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('reads a mysqldump (routines, triggers, DELIMITER) into the model the database gives', async () => {
    const f = await readDdlSource(file('openhospital-1.14.2'), { scratch });
    expect(f.dialect).toBe('mysql');
    expect(f.reader).toBe('a scratch database on test server');
    const db = await readDb(dbs['openhospital-1.14.2']!);
    expect(f.model.tables.length).toBe(61);
    expect(f.model.routines.length).toBe(db.routines.length);
    expect(db.routines.length).toBeGreaterThan(0);
    expect(changesOf(db, f.model)).toBe('[]');
    expect(fingerprint(f.model)).toBe(fingerprint(db));
  }, 60_000);

  it('file against file, file against database and database against database give the same changes', async () => {
    const [fa, fb] = [
      (await readDdlSource(file('openhospital-1.12.0'), { scratch })).model,
      (await readDdlSource(file('openhospital-1.14.2'), { scratch })).model,
    ];
    const [da, db] = [await readDb(dbs['openhospital-1.12.0']!), await readDb(dbs['openhospital-1.14.2']!)];
    const expected = changesOf(da, db);
    expect(JSON.parse(expected).length).toBeGreaterThan(100);
    expect(changesOf(fa, fb)).toBe(expected);
    expect(changesOf(fa, db)).toBe(expected);
    expect(changesOf(da, fb)).toBe(expected);
  }, 120_000);

  it('reads a Navicat dump (its header, lower-case delimiter, data rows skipped)', async () => {
    const f = await readDdlSource(path.join(DDL, 'mysql', 'navicat-his.sql'), { scratch });
    expect(f.dialect).toBe('mysql');
    expect(f.model.tables.map((t) => [t.name, t.comment])).toEqual([
      ['dict_dept', '科室字典'],
      ['pat_info', '病人信息'],
    ]);
    expect(f.model.tables[1]!.foreignKeys.map((k) => k.name)).toEqual(['fk_pat_dept']);
    expect(f.model.views.map((v) => v.name)).toEqual(['v_pat']);
    expect(f.model.routines.map((r) => r.name)).toEqual(['p_clean']);
    expect(f.warnings.join('\n')).toMatch(/not run .*INSERT 2/);
  }, 60_000);

  it('drops its scratch database, and stops at a statement the server refuses, naming file and line', async () => {
    const dir = fs.mkdtempSync(path.join(repoRoot, 'test/.tmp-ddl-'));
    try {
      const bad = path.join(dir, 'bad.sql');
      fs.writeFileSync(
        bad,
        'CREATE TABLE a (id int PRIMARY KEY) ENGINE=InnoDB;\n\nCREATE TABLE b (id int REFERENCES nowhere (id), x nonsense_type) ENGINE=InnoDB;\n',
      );
      const e = await errorOf(readDdlSource(bad, { scratch }));
      expect(e.code).toBe('DDL_STATEMENT_FAILED');
      expect(e.summary).toMatch(/^bad\.sql:3: /);
      const admin = await connect(serverUrl, { poolMax: 1 });
      const left = (
        await admin.knex.raw(
          "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'hisops\\_scratch\\_%'",
        )
      )[0] as unknown[];
      await admin.close();
      expect(left).toEqual([]);
      const none = await errorOf(readDdlSource(file('openhospital-1.12.0')));
      expect(none.code).toBe('DDL_NEEDS_SCRATCH');
      const other = await errorOf(
        readDdlSource(file('openhospital-1.12.0'), {
          scratch: { url: 'postgres://postgres@127.0.0.1:5432/postgres', display: 'pg' },
        }),
      );
      expect(other.code).toBe('DDL_SCRATCH_DIALECT');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describeWithPg('DDL files on PostgreSQL (scratch database)', (serverUrl) => {
  const drops: Array<() => Promise<void>> = [];
  const dbs: Record<string, string> = {};
  const scratch = { url: serverUrl, display: 'test server' };
  const dump = (v: string) => path.join(DDL, 'postgres', `his-${v}.pg_dump.sql`);

  beforeAll(async () => {
    for (const v of ['v1', 'v2']) {
      const d = await createPgDb();
      drops.push(d.drop);
      const db = await connect(d.url, { poolMax: 1 });
      await execStatement(db, fs.readFileSync(path.join(DDL, 'postgres', `his-${v}.source.sql`), 'utf8'));
      await db.close();
      dbs[v] = d.url;
    }
  }, 60_000);
  afterAll(async () => {
    for (const d of drops) await d();
  });

  it('reads a pg_dump --schema-only (\\restrict, search_path, OWNER TO, $$ bodies) into the model the database gives', async () => {
    // As a newer pg_dump writes it: a setting this server does not know is passed over with a warning.
    const dir = fs.mkdtempSync(path.join(repoRoot, 'test/.tmp-ddl-'));
    const newer = path.join(dir, 'newer.pg_dump.sql');
    fs.writeFileSync(
      newer,
      fs
        .readFileSync(dump('v2'), 'utf8')
        .replace(
          'SET statement_timeout = 0;',
          'SET statement_timeout = 0;\nSET transaction_timeout_from_the_future = 0;',
        ),
    );
    const f = await readDdlSource(newer, { scratch }).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
    expect(f.warnings.join('\n')).toMatch(
      /session setting the server refused was passed over: newer\.pg_dump\.sql:11: SET transaction_timeout_from_the_future/,
    );
    expect(f.dialect).toBe('postgres');
    expect(f.warnings.join('\n')).toMatch(/not run .*OWNER TO/);
    const db = await readDb(dbs.v2!);
    expect(changesOf(db, f.model)).toBe('[]');
    expect(fingerprint(f.model)).toBe(fingerprint(db));
  }, 60_000);

  it('file against file, file against database and database against database give the same changes', async () => {
    const [fa, fb] = [
      (await readDdlSource(dump('v1'), { scratch })).model,
      (await readDdlSource(dump('v2'), { scratch })).model,
    ];
    const [da, db] = [await readDb(dbs.v1!), await readDb(dbs.v2!)];
    const expected = changesOf(da, db);
    expect(JSON.parse(expected).length).toBeGreaterThan(8);
    expect(changesOf(fa, fb)).toBe(expected);
    expect(changesOf(fa, db)).toBe(expected);
    expect(changesOf(da, fb)).toBe(expected);
    // The hand-written script the databases were made from reads the same as their dumps.
    const plain = (await readDdlSource(path.join(DDL, 'postgres', 'his-v1.source.sql'), { scratch })).model;
    expect(changesOf(plain, fb)).toBe(expected);
  }, 120_000);
});

describe('DDL files for SQLite (in memory)', () => {
  const ddl = (
    extra: string,
  ) => `CREATE TABLE ward (id integer PRIMARY KEY AUTOINCREMENT, code varchar(10) NOT NULL UNIQUE);
CREATE TABLE patient (id integer PRIMARY KEY, ward_id integer REFERENCES ward (id), xm varchar(50) NOT NULL${extra});
CREATE INDEX ix_patient_xm ON patient (xm);
CREATE VIEW v_patient AS SELECT p.id, p.xm FROM patient p;
CREATE TRIGGER trg_patient AFTER INSERT ON patient BEGIN UPDATE patient SET xm = trim(xm) WHERE id = NEW.id; END;
`;
  it('file against file, file against database and database against database give the same changes', async () => {
    const dir = fs.mkdtempSync(path.join(repoRoot, 'test/.tmp-ddl-'));
    const dbsToClean: Array<() => void> = [];
    try {
      const files: Record<string, string> = {};
      const urls: Record<string, string> = {};
      for (const [v, extra] of [
        ['a', ''],
        ['b', ', psn_no varchar(30), balance numeric(16,2) DEFAULT 0'],
      ] as const) {
        files[v] = path.join(dir, `${v}.sql`);
        fs.writeFileSync(files[v]!, ddl(extra));
        const s = tmpSqlite();
        dbsToClean.push(s.cleanup);
        const db = await connect(s.url);
        await execStatement(db, ddl(extra));
        await db.close();
        urls[v] = s.url;
      }
      const [fa, fb] = [
        (await readDdlSource(files.a!, { dialect: 'sqlite' })).model,
        (await readDdlSource(files.b!, { dialect: 'sqlite' })).model,
      ];
      const [da, db] = [await readDb(urls.a!), await readDb(urls.b!)];
      const expected = changesOf(da, db);
      expect(JSON.parse(expected).length).toBe(2);
      expect(changesOf(fa, fb)).toBe(expected);
      expect(changesOf(fa, db)).toBe(expected);
      expect(changesOf(da, fb)).toBe(expected);
      expect(fingerprint(fa)).toBe(fingerprint(da));
    } finally {
      for (const c of dbsToClean) c();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The dumps are what the real clients wrote; keep them honest.
describe('DDL fixtures', () => {
  it('are real mysqldump and pg_dump output', () => {
    const my = zlib
      .gunzipSync(fs.readFileSync(path.join(DDL, 'mysql', 'openhospital-1.12.0.mysqldump.sql.gz')))
      .toString('utf8');
    expect(my).toMatch(/^-- MariaDB dump 10\.\d+/m);
    expect(fs.readFileSync(path.join(DDL, 'postgres', 'his-v1.pg_dump.sql'), 'utf8')).toMatch(
      /^-- PostgreSQL database dump/m,
    );
  });
});
