/**
 * SQLite: introspection through sqlite_master and the pragma table functions, a round trip into
 * an empty file, and a sync that needs SQLite's table rebuild with the rows kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { applyPlan, diffModels, fingerprint, introspect, makePlan, type Plan } from '../../../src/core/schema/index.js';
import { tmpSqlite } from './helpers.js';

const DDL = [
  `CREATE TABLE ward (id integer PRIMARY KEY AUTOINCREMENT, code varchar(10) NOT NULL, name varchar(50) DEFAULT '未知', CONSTRAINT uk_ward_code UNIQUE (code))`,
  `CREATE TABLE patient (
     id integer NOT NULL,
     ward_id integer,
     xm varchar(50) NOT NULL,
     balance numeric(16,2) NOT NULL DEFAULT 0 CHECK (balance >= 0),
     created datetime DEFAULT CURRENT_TIMESTAMP,
     PRIMARY KEY (id),
     CONSTRAINT fk_patient_ward FOREIGN KEY (ward_id) REFERENCES ward (id) ON DELETE SET NULL,
     CONSTRAINT ck_xm CHECK (length(xm) > 0)
   )`,
  `CREATE INDEX ix_patient_xm ON patient (xm DESC)`,
  `CREATE UNIQUE INDEX ux_patient_ward ON patient (ward_id, xm) WHERE ward_id IS NOT NULL`,
  `CREATE VIEW v_patient AS SELECT p.id, p.xm, w.name FROM patient p LEFT JOIN ward w ON w.id = p.ward_id`,
  `CREATE TRIGGER trg_patient AFTER INSERT ON patient BEGIN UPDATE patient SET xm = trim(xm) WHERE id = NEW.id; END`,
];

const cleanups: Array<() => void> = [];
let db: Db;
let journal: Journal;

beforeAll(async () => {
  const f = tmpSqlite();
  cleanups.push(f.cleanup);
  db = await connect(f.url);
  for (const sql of DDL) await db.knex.raw(sql);
  const j = tmpSqlite();
  cleanups.push(j.cleanup);
  journal = await openJournal(j.url);
});

afterAll(async () => {
  await db?.close();
  await journal?.close();
  for (const c of cleanups) c();
});

const applicable = (p: Plan) => ({
  planId: p.planId,
  dialect: p.dialect,
  currentFingerprint: p.current.fingerprint,
  targetFingerprint: p.target.fingerprint,
  targetDisplay: p.target.display,
  statements: p.statements.filter((s) => s.section === 'safe'),
});

describe('SQLite', () => {
  it('reads tables, keys, named constraints, checks, indexes, views and triggers', async () => {
    const { model } = await introspect(db);
    const w = model.tables.find((t) => t.name === 'ward')!;
    expect(w.columns[0]).toMatchObject({ name: 'id', autoIncrement: true });
    expect(w.indexes).toEqual([{ name: 'uk_ward_code', columns: [{ name: 'code' }], unique: true, constraint: true }]);
    expect(w.columns.find((c) => c.name === 'name')!.default).toEqual({ kind: 'literal', value: '未知' });
    const p = model.tables.find((t) => t.name === 'patient')!;
    expect(p.primaryKey?.columns).toEqual(['id']);
    expect(p.columns.find((c) => c.name === 'id')!.autoIncrement).toBeUndefined();
    expect(p.foreignKeys).toEqual([
      {
        name: 'fk_patient_ward',
        columns: ['ward_id'],
        refTable: 'ward',
        refColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(p.checks.map((c) => c.expression).sort()).toEqual(['balance >= 0', 'length(xm) > 0']);
    expect(p.indexes.find((i) => i.name === 'ix_patient_xm')!.columns).toEqual([{ name: 'xm', desc: true }]);
    expect(p.indexes.find((i) => i.name === 'ux_patient_ward')).toMatchObject({
      unique: true,
      where: 'ward_id IS NOT NULL',
    });
    expect(model.views).toEqual([
      expect.objectContaining({ name: 'v_patient', definition: expect.stringMatching(/^SELECT p\.id/) }),
    ]);
    expect(model.routines).toEqual([
      expect.objectContaining({ kind: 'trigger', name: 'trg_patient', table: 'patient' }),
    ]);
  });

  it('reads the dictionary with a fixed number of queries, however many tables there are', async () => {
    const count = async () => {
      let n = 0;
      const on = () => n++;
      db.knex.on('query', on);
      await introspect(db);
      db.knex.removeListener('query', on);
      return n;
    };
    const before = await count();
    for (let i = 0; i < 30; i++)
      await db.knex.raw(`CREATE TABLE extra_${i} (id integer PRIMARY KEY, ref integer REFERENCES ward (id))`);
    const after = await count();
    for (let i = 0; i < 30; i++) await db.knex.raw(`DROP TABLE extra_${i}`);
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(6);
  });

  it('builds the same schema in an empty file', async () => {
    const f = tmpSqlite();
    cleanups.push(f.cleanup);
    const ddb = await connect(f.url);
    try {
      const source = (await introspect(db)).model;
      const plan = makePlan((await introspect(ddb)).model, source, { now: new Date(), hisopsVersion: 'test' });
      expect(plan.counts.reviewItems).toBe(0);
      const res = await applyPlan(ddb, applicable(plan), source, { journal, runId: 's1', clock: () => new Date() });
      expect(res.failed).toBeUndefined();
      expect(res.leftovers!.equal).toBe(true);
      expect(fingerprint((await introspect(ddb)).model)).toBe(fingerprint(source));
    } finally {
      await ddb.close();
    }
  });

  it('widens a column and adds a check through a rebuild that keeps the rows and the indexes', async () => {
    const f = tmpSqlite();
    cleanups.push(f.cleanup);
    const ddb = await connect(f.url);
    try {
      await ddb.knex.raw(
        'CREATE TABLE dict (code varchar(5) NOT NULL PRIMARY KEY, name varchar(20), price numeric(10,2))',
      );
      await ddb.knex.raw('CREATE INDEX ix_dict_name ON dict (name)');
      await ddb.knex('dict').insert([
        { code: 'A01', name: '挂号费', price: '5.00' },
        { code: 'A02', name: '诊查费', price: '12.50' },
      ]);
      const target = (await introspect(ddb)).model;
      const t = target.tables[0]!;
      t.columns = t.columns.map((c) =>
        c.name === 'name' ? { ...c, type: { ...c.type, length: 60, native: 'varchar(60)' } } : c,
      );
      t.columns.push({
        name: 'unit',
        type: { base: 'varchar', length: 10, lengthUnit: 'char', native: 'varchar(10)' },
        nullable: true,
      });
      t.indexes.push({ name: 'ix_dict_unit', columns: [{ name: 'unit' }], unique: false });
      const plan = makePlan((await introspect(ddb)).model, target, { now: new Date(), hisopsVersion: 'test' });
      expect(plan.statements.map((s) => s.sql).join('\n')).toMatch(/INSERT INTO "hisops_new_dict"/);
      const res = await applyPlan(ddb, applicable(plan), target, { journal, runId: 's2', clock: () => new Date() });
      expect(res.failed).toBeUndefined();
      expect(res.leftovers!.equal).toBe(true);
      expect(await ddb.knex('dict').orderBy('code').select('code', 'name', 'unit')).toEqual([
        { code: 'A01', name: '挂号费', unit: null },
        { code: 'A02', name: '诊查费', unit: null },
      ]);
      expect(diffModels((await introspect(ddb)).model, target).equal).toBe(true);
    } finally {
      await ddb.close();
    }
  });
});
