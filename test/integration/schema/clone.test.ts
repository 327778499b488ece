import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import type { HisopsError } from '../../../src/core/errors.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  cloneDatabase,
  compileRules,
  fingerprint,
  introspect,
  isValidIdCard,
  idCheckDigit,
} from '../../../src/core/schema/index.js';
import { createMysqlDb, createPgDb, dumpFile, loadMysqlDump, tmpSqlite } from './helpers.js';
import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';

describeWithMysql('clone from MySQL/MariaDB', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let src: Db;
  let journal: Journal;
  const clock = () => new Date();
  const PATIENTS = 2500;

  function idFor(i: number): string {
    const first17 = `440106${1950 + (i % 50)}0${1 + (i % 9)}1${i % 10}${String(i % 1000).padStart(3, '0')}`;
    return first17 + idCheckDigit(first17);
  }

  beforeAll(async () => {
    const s = await createMysqlDb('utf8mb4');
    cleanups.push(s.drop);
    src = await connect(s.url);
    await src.knex.raw(`CREATE TABLE dict_ward (id int NOT NULL PRIMARY KEY, name varchar(30) NOT NULL)`);
    await src.knex.raw(
      `CREATE TABLE dict_icd10 (code varchar(10) NOT NULL PRIMARY KEY, name varchar(100) NOT NULL, created datetime NOT NULL DEFAULT '0000-00-00 00:00:00')`,
    );
    await src.knex.raw(
      `CREATE TABLE patient (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, ward_id int, xm varchar(20) NOT NULL, sfzh char(18), lxdh varchar(20), jtzz varchar(100), KEY ix_ward (ward_id), CONSTRAINT fk_patient_ward FOREIGN KEY (ward_id) REFERENCES dict_ward (id))`,
    );
    await src.knex.raw(`CREATE TABLE visit_log (ward_id int NOT NULL, note varchar(50))`);
    await src.knex('dict_ward').insert([
      { id: 1, name: '内科一病区' },
      { id: 2, name: '外科二病区' },
    ]);
    const icd = Array.from({ length: 3000 }, (_, i) => ({
      code: `A${String(i).padStart(5, '0')}`,
      name: `诊断${i}`,
      created: i === 0 ? '0000-00-00 00:00:00' : '2020-01-01 00:00:00',
    }));
    await src.knex.raw("SET SESSION sql_mode = ''");
    for (let i = 0; i < icd.length; i += 500) await src.knex('dict_icd10').insert(icd.slice(i, i + 500));
    const pts = Array.from({ length: PATIENTS }, (_, i) => ({
      ward_id: 1 + (i % 2),
      xm: i % 2 ? '张三' : '李小龙',
      sfzh: idFor(i),
      lxdh: `1381234${String(i).padStart(4, '0')}`,
      jtzz: '广东省广州市越秀区中山二路58号',
    }));
    for (let i = 0; i < pts.length; i += 500) await src.knex('patient').insert(pts.slice(i, i + 500));
    await src.knex('visit_log').insert([
      { ward_id: 1, note: 'a' },
      { ward_id: 2, note: 'b' },
      { ward_id: 1, note: 'c' },
    ]);
    const j = tmpSqlite();
    cleanups.push(j.cleanup);
    journal = await openJournal(j.url);
  });

  afterAll(async () => {
    await src?.close();
    await journal?.close();
    for (const c of cleanups.reverse()) await c();
  });

  describe('clone', () => {
    it('copies the structure, the small tables and the named ones, never the rest', async () => {
      const d = await createMysqlDb('utf8mb4');
      cleanups.push(d.drop);
      const dest = await connect(d.url);
      try {
        const res = await cloneDatabase(src, dest, { journal, clock, maxRows: 2000, batchSize: 700 });
        const by = Object.fromEntries(res.tables.map((t) => [t.table, t]));
        expect(by.dict_ward).toMatchObject({ status: 'copied', rows: 2 });
        expect(by.visit_log).toMatchObject({ status: 'copied', rows: 3 });
        expect(by.dict_icd10).toMatchObject({ status: 'structure only', rows: 0 });
        expect(by.dict_icd10!.reason).toMatch(/3000 rows ≥ 2000/);
        expect(by.patient!.status).toBe('structure only');
        expect(Number(((await dest.knex('patient').count({ n: '*' })) as Array<{ n: number }>)[0]!.n)).toBe(0);
        // same dialect: the copy has the source's structure exactly
        expect(fingerprint((await introspect(dest)).model)).toBe(fingerprint((await introspect(src)).model));
        expect(res.leftovers.equal).toBe(true);
        // a second clone into the same database is refused
        const again = await cloneDatabase(src, dest, { journal, clock, maxRows: 5 }).catch((e: unknown) => e);
        expect((again as HisopsError).code).toBe('CLONE_DEST_NOT_EMPTY');
      } finally {
        await dest.close();
      }
    });

    it('masks patient columns deterministically and format-preserving, and resumes a stopped copy without duplicates', async () => {
      const d = await createMysqlDb('utf8mb4');
      cleanups.push(d.drop);
      const dest = await connect(d.url);
      try {
        const mask = { rules: compileRules(), key: 'hospital-secret' };
        let batches = 0;
        const stopAfterTwo = () => {
          if (++batches === 2) throw new Error('killed');
        };
        const first = await cloneDatabase(src, dest, {
          journal,
          clock,
          maxRows: 100,
          tables: ['patient', 'dict_*'],
          mask,
          batchSize: 400,
          onProgress: (p) => p.table === 'patient' && stopAfterTwo(),
        }).catch((e: Error) => e);
        expect((first as Error).message).toBe('killed');
        const partial = Number(((await dest.knex('patient').count({ n: '*' })) as Array<{ n: number }>)[0]!.n);
        expect(partial).toBe(800);
        const refused = await cloneDatabase(src, dest, {
          journal,
          clock,
          maxRows: 100,
          tables: ['patient', 'dict_*'],
          mask,
          batchSize: 400,
        }).catch((e: unknown) => e);
        expect((refused as HisopsError).code).toBe('CLONE_PARTIAL');
        const res = await cloneDatabase(src, dest, {
          journal,
          clock,
          maxRows: 100,
          tables: ['patient', 'dict_*'],
          mask,
          batchSize: 400,
          resume: true,
        });
        const by = Object.fromEntries(res.tables.map((t) => [t.table, t]));
        expect(by.patient).toMatchObject({ status: 'copied', rows: PATIENTS });
        expect(by.patient!.masked).toEqual([
          { column: 'xm', kind: 'name' },
          { column: 'sfzh', kind: 'idcard' },
          { column: 'lxdh', kind: 'phone' },
          { column: 'jtzz', kind: 'address' },
        ]);
        expect(by.dict_icd10).toMatchObject({ status: 'copied', rows: 3000, masked: [] });
        const rows = (await dest.knex('patient').orderBy('id').select()) as Array<{
          id: number;
          xm: string;
          sfzh: string;
          lxdh: string;
          jtzz: string;
        }>;
        expect(rows).toHaveLength(PATIENTS);
        expect(new Set(rows.map((r) => r.id)).size).toBe(PATIENTS);
        const orig = (await src.knex('patient').orderBy('id').select()) as typeof rows;
        for (let i = 0; i < rows.length; i += 97) {
          expect(rows[i]!.sfzh).not.toBe(orig[i]!.sfzh);
          expect(isValidIdCard(rows[i]!.sfzh)).toBe(true);
          expect(rows[i]!.lxdh).toMatch(/^138\d{8}$/);
          expect(rows[i]!.jtzz.startsWith('广东省广州市越秀区')).toBe(true);
          expect([...rows[i]!.xm].length).toBe([...orig[i]!.xm].length);
        }
        // the same name is masked the same way everywhere
        const zhang = new Set(rows.filter((_, i) => orig[i]!.xm === '张三').map((r) => r.xm));
        expect(zhang.size).toBe(1);
        // dictionaries are not masked: the ward names are still readable
        expect((await dest.knex('dict_ward').orderBy('id').pluck('name')) as string[]).toEqual([
          '内科一病区',
          '外科二病区',
        ]);
        // the foreign key exists although only some parents might have been copied
        expect(
          (await introspect(dest)).model.tables.find((t) => t.name === 'patient')!.foreignKeys.map((f) => f.name),
        ).toEqual(['fk_patient_ward']);
      } finally {
        await dest.close();
      }
    });

    describeWithPg('into PostgreSQL', () => {
      it('copies the real OpenEMR 5.0.2 dictionaries into PostgreSQL with hisops itself', async () => {
        const m = await createMysqlDb();
        cleanups.push(m.drop);
        await loadMysqlDump(m.url, dumpFile('openemr-5.0.2', 'database'));
        const pg = await createPgDb();
        cleanups.push(pg.drop);
        const s = await connect(m.url);
        const dest = await connect(pg.url);
        try {
          const res = await cloneDatabase(s, dest, { journal, clock, maxRows: 1000 });
          expect(res.tables.filter((t) => t.status === 'failed')).toEqual([]);
          const copied = res.tables.filter((t) => t.status === 'copied' && t.rows > 0);
          expect(copied.length).toBeGreaterThan(25);
          for (const t of copied) {
            const a = Number(((await s.knex(t.table).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
            const b = Number(((await dest.knex(t.table).count({ n: '*' })) as Array<{ n: unknown }>)[0]!.n);
            expect(`${t.table}:${b}`).toBe(`${t.table}:${a}`);
          }
          expect(res.tables.some((t) => t.status === 'structure only')).toBe(true);
          expect(
            res.leftovers.changes.filter((c) => !c.kind.startsWith('view.') && !c.kind.startsWith('routine.')),
          ).toEqual([]);
          // identity counters continue after the copied ids
          const lo = (await dest.knex('list_options').max({ m: 'seq' })) as unknown;
          expect(lo).toBeTruthy();
          await dest.knex.raw("INSERT INTO \"lang_languages\" (lang_code, lang_description) VALUES ('zz', 'test')");
        } finally {
          await s.close();
          await dest.close();
        }
      });
    });
  });
});
