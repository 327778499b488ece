/**
 * MySQL/MariaDB: introspection of a schema with the features HIS databases use, a round trip
 * (plan from an empty database, apply, re-read: equal), and the journaled apply's guarantees:
 * fingerprint check, stop at the first failure, resume, nothing done twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { HisopsError } from '../../../src/core/errors.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  applyPlan,
  diffModels,
  fingerprint,
  introspect,
  makePlan,
  planProgress,
  type ApplicablePlan,
  type Plan,
} from '../../../src/core/schema/index.js';
import { createMysqlDb, tmpSqlite, uniqueName } from './helpers.js';
import { describeWithMysql } from '../../helpers/servers.js';

const ZERO16 = "'" + '\\0'.repeat(16) + "'";
const DDL = [
  `CREATE TABLE ward (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, code varchar(10) NOT NULL, name varchar(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci DEFAULT '未知', UNIQUE KEY uk_code (code)) ENGINE=InnoDB COMMENT='病区'`,
  `CREATE TABLE patient (
     id bigint unsigned NOT NULL AUTO_INCREMENT,
     ward_id int DEFAULT NULL,
     xm varchar(50) NOT NULL COMMENT '姓名',
     sfzh char(18) DEFAULT NULL,
     balance decimal(16,2) NOT NULL DEFAULT 0.00,
     sex enum('M','F','U') DEFAULT 'U',
     uuid binary(16) NOT NULL DEFAULT ${ZERO16},
     created datetime DEFAULT current_timestamp(),
     updated timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
     note mediumtext,
     xm_len int GENERATED ALWAYS AS (char_length(xm)) VIRTUAL,
     PRIMARY KEY (id),
     KEY ix_xm (xm(10)),
     FULLTEXT KEY ft_note (note),
     CONSTRAINT fk_ward FOREIGN KEY (ward_id) REFERENCES ward (id) ON DELETE SET NULL,
     CONSTRAINT ck_balance CHECK (balance >= 0)
   ) ENGINE=InnoDB`,
  `CREATE TABLE old_engine (k varchar(20) NOT NULL, v text, PRIMARY KEY (k)) ENGINE=MyISAM`,
  `CREATE VIEW v_patient AS SELECT p.id, p.xm, w.name FROM patient p LEFT JOIN ward w ON w.id = p.ward_id`,
  `CREATE PROCEDURE p_close(IN p_day date) BEGIN UPDATE patient SET balance = 0 WHERE created < p_day; END`,
  `CREATE FUNCTION f_age(d date) RETURNS int DETERMINISTIC RETURN TIMESTAMPDIFF(YEAR, d, CURDATE())`,
  `CREATE TRIGGER trg_patient BEFORE INSERT ON patient FOR EACH ROW SET NEW.xm = TRIM(NEW.xm)`,
  `CREATE EVENT ev_nightly ON SCHEDULE EVERY 1 DAY DO DELETE FROM patient WHERE 1 = 0`,
];

describeWithMysql('schema on MySQL/MariaDB', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let src: { url: string; name: string };
  let db: Db;
  let journal: Journal;
  const clock = () => new Date();

  beforeAll(async () => {
    const s = await createMysqlDb('utf8mb4');
    cleanups.push(s.drop);
    src = s;
    db = await connect(s.url, { poolMax: 1 });
    for (const sql of DDL) await db.knex.raw(sql);
    const j = tmpSqlite();
    cleanups.push(j.cleanup);
    journal = await openJournal(j.url);
  });

  afterAll(async () => {
    await db?.close();
    await journal?.close();
    for (const c of cleanups.reverse()) await c();
  });

  const asApplicable = (p: Plan): ApplicablePlan => ({
    planId: p.planId,
    dialect: p.dialect,
    currentFingerprint: p.current.fingerprint,
    targetFingerprint: p.target.fingerprint,
    targetDisplay: p.target.display,
    statements: p.statements.filter((s) => s.section === 'safe').map((s) => ({ seq: s.seq, sql: s.sql })),
  });

  describe('MySQL/MariaDB introspection', () => {
    it('reads columns with exact types, defaults, charsets, identity, generated columns and comments', async () => {
      const { model, warnings } = await introspect(db);
      expect(model.tables.map((t) => t.name).sort()).toEqual(['old_engine', 'patient', 'ward']);
      const p = model.tables.find((t) => t.name === 'patient')!;
      const c = Object.fromEntries(p.columns.map((x) => [x.name, x]));
      expect(c.id).toMatchObject({ nullable: false, autoIncrement: true, type: { base: 'bigint', unsigned: true } });
      expect(c.xm).toMatchObject({
        nullable: false,
        comment: '姓名',
        charset: 'utf8mb4',
        type: { base: 'varchar', length: 50 },
      });
      expect(c.balance!.default).toEqual({ kind: 'literal', value: '0' });
      expect(c.sex!.type.values).toEqual(['M', 'F', 'U']);
      expect(c.uuid!.default).toEqual({ kind: 'literal', value: '00'.repeat(16), hex: true });
      expect(c.created!.default).toEqual({ kind: 'expr', sql: 'CURRENT_TIMESTAMP' });
      expect(c.updated!.onUpdate).toBe('CURRENT_TIMESTAMP');
      expect(c.xm_len!.generated).toEqual({ expression: 'char_length(`xm`)', stored: false });
      const w = model.tables.find((t) => t.name === 'ward')!;
      expect(w.comment).toBe('病区');
      expect(w.columns.find((x) => x.name === 'name')).toMatchObject({
        collation: 'utf8mb4_unicode_ci',
        default: { kind: 'literal', value: '未知' },
      });
      expect(model.tables.find((t) => t.name === 'old_engine')!.options?.engine).toBe('MyISAM');
      expect(warnings.join('\n')).toMatch(/EVENT/);
    });

    it('reads keys, indexes (prefix, full-text), foreign keys with rules, checks, views, routines, triggers and events', async () => {
      const { model } = await introspect(db);
      const p = model.tables.find((t) => t.name === 'patient')!;
      expect(p.primaryKey?.columns).toEqual(['id']);
      expect(p.indexes.find((i) => i.name === 'ix_xm')).toEqual({
        name: 'ix_xm',
        unique: false,
        columns: [{ name: 'xm', prefix: 10 }],
      });
      expect(p.indexes.find((i) => i.name === 'ft_note')?.method).toBe('fulltext');
      expect(p.foreignKeys).toEqual([
        {
          name: 'fk_ward',
          columns: ['ward_id'],
          refTable: 'ward',
          refColumns: ['id'],
          onDelete: 'SET NULL',
          onUpdate: 'RESTRICT',
        },
      ]);
      expect(p.checks.map((k) => k.name)).toContain('ck_balance');
      expect(model.views.map((v) => v.name)).toEqual(['v_patient']);
      expect(model.views[0]!.definition).not.toContain(src.name);
      expect(model.routines.map((r) => `${r.kind}:${r.name}`).sort()).toEqual([
        'function:f_age',
        'procedure:p_close',
        'trigger:trg_patient',
      ]);
      expect(model.routines.find((r) => r.name === 'p_close')!.source).toMatch(
        /^CREATE PROCEDURE `p_close`\(IN `p_day` date\)\nBEGIN/,
      );
      expect(model.others).toEqual([expect.objectContaining({ kind: 'EVENT', name: 'ev_nightly' })]);
    });

    it('reports a database the user cannot see instead of an empty schema', async () => {
      const user = uniqueName('hisops_u');
      await db.knex.raw(`CREATE USER '${user}'@'%' IDENTIFIED BY 'pw-${user}'`);
      cleanups.push(async () => {
        await db.knex.raw(`DROP USER IF EXISTS '${user}'@'%'`).catch(() => undefined);
      });
      const u = new URL(src.url);
      u.username = user;
      const limited = await connect(u.toString(), { password: `pw-${user}`, noProbe: true });
      try {
        const e = await introspect(limited).then(
          () => undefined,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(HisopsError);
        expect((e as HisopsError).code).toBe('SCHEMA_DICTIONARY_DENIED');
        expect((e as HisopsError).summary).toContain(user);
        expect((e as HisopsError).fix).toBeTruthy();
      } finally {
        await limited.close();
      }
    });
  });

  describe('MySQL/MariaDB sync and journaled apply', () => {
    it('builds the same schema in an empty database, with a re-diff that is empty apart from unmanaged objects', async () => {
      const dest = await createMysqlDb('utf8mb4');
      cleanups.push(dest.drop);
      const ddb = await connect(dest.url);
      try {
        const source = (await introspect(db)).model;
        const empty = (await introspect(ddb)).model;
        const plan = makePlan(empty, source, { now: new Date(), hisopsVersion: 'test' });
        expect(plan.items.filter((i) => i.section === 'review').map((i) => i.title)).toEqual(['event ev_nightly']);
        const res = await applyPlan(ddb, asApplicable(plan), source, { journal, runId: 'r1', clock });
        expect(res.status).toBe('done');
        expect(res.failed).toBeUndefined();
        expect(res.leftovers!.changes.map((c) => c.kind)).toEqual(['other.add']);
        const after = (await introspect(ddb)).model;
        expect(fingerprint({ ...after, others: [] })).toBe(fingerprint({ ...source, others: [] }));
        // applying the same plan again does nothing
        const again = await applyPlan(ddb, asApplicable(plan), source, { journal, runId: 'r2', clock });
        expect(again.status).toBe('already-applied');
        expect(again.applied).toBe(0);
      } finally {
        await ddb.close();
      }
    });

    it('refuses to apply to a database that changed since planning, and applies nothing', async () => {
      const dest = await createMysqlDb();
      cleanups.push(dest.drop);
      const ddb = await connect(dest.url);
      try {
        await ddb.knex.raw('CREATE TABLE ward (id int NOT NULL PRIMARY KEY)');
        const source = (await introspect(db)).model;
        const plan = makePlan((await introspect(ddb)).model, source, { now: new Date(), hisopsVersion: 'test' });
        await ddb.knex.raw('ALTER TABLE ward ADD COLUMN extra int');
        const e = await applyPlan(ddb, asApplicable(plan), source, { journal, runId: 'r3', clock }).catch(
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(HisopsError);
        expect((e as HisopsError).code).toBe('SCHEMA_CHANGED_SINCE_PLAN');
        expect((await planProgress(journal, plan.planId, ddb.target.display)).length).toBe(0);
        expect((await introspect(ddb)).model.tables.map((t) => t.name)).toEqual(['ward']);
      } finally {
        await ddb.close();
      }
    });

    it('stops at the first failing statement with the server error, and resumes after the fix without repeating work', async () => {
      const dest = await createMysqlDb('utf8mb4');
      cleanups.push(dest.drop);
      const ddb = await connect(dest.url);
      try {
        // A table hidden from the comparison by a filter collides with one the plan creates.
        await ddb.knex.raw('CREATE TABLE patient (blocker int)');
        const filter = { exclude: ['patient'] };
        const source = (await introspect(db)).model;
        const current = (await introspect(ddb, { filter })).model;
        const plan = makePlan(current, source, { now: new Date(), hisopsVersion: 'test' });
        // The same plan was applied to another database above: the journal keeps the two apart.
        expect(plan.planId).toBe(
          makePlan({ ...current, tables: [] }, source, { now: new Date(), hisopsVersion: 'test' }).planId,
        );
        const applicable = asApplicable(plan);
        const res = await applyPlan(ddb, applicable, source, { journal, runId: 'r4', clock, filter });
        expect(res.status).toBe('failed');
        expect(res.failed!.sql).toMatch(/^CREATE TABLE `patient`/);
        expect(res.failed!.error).toMatch(/already exists/);
        const failedAt = applicable.statements.findIndex((s) => s.seq === res.failed!.seq);
        expect(res.applied).toBe(failedAt);
        // running again without --resume is refused: statements would repeat
        const refused = await applyPlan(ddb, applicable, source, { journal, runId: 'r5', clock, filter }).catch(
          (x: unknown) => x,
        );
        expect((refused as HisopsError).code).toBe('SCHEMA_APPLY_PARTIAL');
        // the fix, then resume
        await ddb.knex.raw('DROP TABLE patient');
        const resumed = await applyPlan(ddb, applicable, source, { journal, runId: 'r6', clock, filter, resume: true });
        expect(resumed.status).toBe('done');
        expect(resumed.before).toBe(failedAt);
        expect(resumed.applied).toBe(applicable.statements.length - failedAt);
        const steps = await planProgress(journal, plan.planId, ddb.target.display);
        expect(steps.every((s) => s.status === 'done')).toBe(true);
        const after = (await introspect(ddb)).model;
        expect(diffModels(after, source).changes.map((c) => c.kind)).toEqual(['other.add']);
      } finally {
        await ddb.close();
      }
    });
  });
});
