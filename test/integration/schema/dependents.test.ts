/**
 * Scripts that run as written, on the cases the HIS fixture pairs do not have: views (and views
 * over views) and triggers over changed columns in PostgreSQL and over a rebuilt SQLite table; on
 * MariaDB a comment change on a `json` column (its json_valid CHECK must stay) and a table
 * collation change (no phantom charset change on int/date/decimal columns). Each case creates the
 * old and the new schema on the real server, runs the whole script (safe part, then every review
 * item uncommented) and re-diffs to zero.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { execStatement } from '../../../src/core/schema/exec.js';
import { describeWithMysql, describeWithPg } from '../../helpers/servers.js';
import { runFullScript } from './fullScript.js';
import { createMysqlDb, createPgDb, tmpSqlite } from './helpers.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function load(url: string, statements: string[]): Promise<void> {
  const db = await connect(url);
  try {
    for (const s of statements) await execStatement(db, s);
  } finally {
    await db.close();
  }
}

/** Where each statement of interest sits in the plan (first match), for order checks. */
function at(statements: Array<{ sql: string; section: string }>, re: RegExp): number {
  return statements.findIndex((s) => re.test(s.sql));
}

describeWithPg('PostgreSQL: views and triggers over changed columns', () => {
  const base = [
    `CREATE FUNCTION upper_name() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$`,
  ];
  const old = [
    ...base,
    `CREATE TABLE patient (id integer PRIMARY KEY, name varchar(20) NOT NULL, age smallint, fee numeric(8,2), note text)`,
    `CREATE VIEW v_patient AS SELECT id, name, age FROM patient`,
    `CREATE VIEW v_adult AS SELECT id, name FROM v_patient WHERE age >= 18`,
    `CREATE VIEW v_fee AS SELECT id, fee FROM patient`,
    `CREATE VIEW v_note AS SELECT id, note FROM patient`,
    `CREATE VIEW v_other AS SELECT 1 AS one`,
    `CREATE TRIGGER patient_name BEFORE UPDATE OF name ON patient FOR EACH ROW EXECUTE FUNCTION upper_name()`,
    `INSERT INTO patient VALUES (1, 'a', 30, 1.50, 'x')`,
  ];
  const target = [
    ...base,
    // name and age widen (safe), fee changes type family (review), note is dropped (review)
    `CREATE TABLE patient (id integer PRIMARY KEY, name varchar(50) NOT NULL, age integer, fee varchar(20))`,
    `CREATE VIEW v_patient AS SELECT id, name, age FROM patient`,
    `CREATE VIEW v_adult AS SELECT id, name FROM v_patient WHERE age >= 18`,
    `CREATE VIEW v_fee AS SELECT id, fee FROM patient`,
    `CREATE VIEW v_other AS SELECT 1 AS one`,
    `CREATE TRIGGER patient_name BEFORE UPDATE OF name ON patient FOR EACH ROW EXECUTE FUNCTION upper_name()`,
  ];

  it('drops the dependent views (views over views first) and triggers before the change, re-creates them after, and the whole script re-diffs to zero', async () => {
    const a = await createPgDb();
    const b = await createPgDb();
    cleanups.push(a.drop, b.drop);
    await load(a.url, old);
    await load(b.url, target);
    const res = await runFullScript(a.url, b.url);
    expect(res.failures).toEqual([]);
    expect(res.left).toEqual([]);

    const safe = res.plan.statements.filter((s) => s.section === 'safe');
    const alter = at(safe, /^ALTER TABLE "patient"/);
    expect(alter).toBeGreaterThan(0);
    // v_adult reads v_patient: dropped before it, created after it; both around the ALTER
    expect(at(safe, /^DROP VIEW IF EXISTS "v_adult"/)).toBeLessThan(at(safe, /^DROP VIEW IF EXISTS "v_patient"/));
    expect(at(safe, /^DROP VIEW IF EXISTS "v_patient"/)).toBeLessThan(alter);
    expect(at(safe, /^DROP TRIGGER IF EXISTS "patient_name"/)).toBeLessThan(alter);
    expect(at(safe, /^CREATE VIEW "v_patient"/)).toBeGreaterThan(alter);
    expect(at(safe, /^CREATE VIEW "v_adult"/)).toBeGreaterThan(at(safe, /^CREATE VIEW "v_patient"/));
    // a view that uses no changed column is left alone
    expect(res.plan.statements.some((s) => /v_other/.test(s.sql))).toBe(false);
    // v_fee and v_note use the review changes only: nothing about them in the safe part
    expect(at(safe, /v_fee|v_note/)).toBe(-1);
    const review = res.plan.statements.filter((s) => s.section === 'review');
    expect(at(review, /^DROP VIEW IF EXISTS "v_fee"/)).toBeLessThan(at(review, /^ALTER TABLE "patient"/));
    expect(at(review, /^CREATE VIEW "v_fee"/)).toBeGreaterThan(at(review, /^ALTER TABLE "patient"/));
    // v_note, which the target lacks, is dropped by its own review item before the column goes
    expect(review.filter((s) => /v_note/.test(s.sql)).map((s) => s.sql)).toEqual(['DROP VIEW IF EXISTS "v_note"']);
    expect(at(review, /v_note/)).toBeLessThan(at(review, /^ALTER TABLE "patient"/));
    expect(res.script).toMatch(/-- {3}why: PostgreSQL refuses to change or drop a column a view uses \(patient\.fee\)/);
  }, 60_000);
});

describe('SQLite: views and triggers over a rebuilt table', () => {
  it('re-creates them around the rebuild, and the whole script re-diffs to zero', async () => {
    const a = tmpSqlite();
    const b = tmpSqlite();
    cleanups.push(a.cleanup, b.cleanup);
    const tail = [
      `CREATE VIEW v_patient AS SELECT id, name, age FROM patient`,
      `CREATE VIEW v_adult AS SELECT id, name FROM v_patient WHERE age >= 18`,
      `CREATE TABLE audit (id integer, at text)`,
      `CREATE TRIGGER patient_audit AFTER UPDATE ON patient BEGIN INSERT INTO audit VALUES (NEW.id, 'u'); END`,
    ];
    await load(a.url, [
      `CREATE TABLE patient (id integer PRIMARY KEY, name varchar(20), age integer, note text)`,
      ...tail,
      `INSERT INTO patient VALUES (1, 'a', 30, 'x')`,
    ]);
    await load(b.url, [`CREATE TABLE patient (id integer PRIMARY KEY, name varchar(50), age integer)`, ...tail]);
    const res = await runFullScript(a.url, b.url);
    expect(res.failures).toEqual([]);
    expect(res.left).toEqual([]);
    const safe = res.plan.statements.filter((s) => s.section === 'safe');
    expect(at(safe, /^DROP VIEW IF EXISTS "v_adult"/)).toBeLessThan(at(safe, /^DROP TABLE "patient"/));
    expect(at(safe, /^CREATE TRIGGER patient_audit/i)).toBeGreaterThan(
      at(safe, /^ALTER TABLE "hisops_new_patient" RENAME/),
    );
  }, 60_000);
});

describeWithMysql('MariaDB: json columns and table collations', () => {
  it('a comment change on a json column keeps its json_valid CHECK; a table collation change reports no charset change on int/date/decimal columns', async () => {
    const a = await createMysqlDb('utf8mb4');
    const b = await createMysqlDb('utf8mb4');
    cleanups.push(a.drop, b.drop);
    await load(a.url, [
      `CREATE TABLE visit (id int PRIMARY KEY, doc json COMMENT 'old', seen date, fee decimal(8,2), n int, note varchar(20)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci`,
      `INSERT INTO visit VALUES (1, '{"a":1}', '2024-01-01', 1.50, 2, 'x')`,
    ]);
    await load(b.url, [
      `CREATE TABLE visit (id int PRIMARY KEY, doc json COMMENT 'new', seen date, fee decimal(8,2), n int, note varchar(20), extra json) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    ]);
    const res = await runFullScript(a.url, b.url);
    expect(res.failures).toEqual([]);
    expect(res.left).toEqual([]);
    const items = res.plan.items.map((i) => i.title);
    expect(items.filter((t) => /visit\.(id|seen|fee|n) /.test(t))).toEqual([]);
    expect(res.script).not.toMatch(/\?\/\? → \?\/\?/);
    // the comment change is safe and keeps the CHECK MariaDB puts on json columns
    const safe = res.plan.statements
      .filter((s) => s.section === 'safe')
      .map((s) => s.sql)
      .join('\n');
    expect(safe).toMatch(/MODIFY COLUMN `doc` longtext .*COMMENT 'new' CHECK \(json_valid\(`doc`\)\)/);
    // a new json column brings its CHECK in its ADD COLUMN, not as a separate review item
    expect(safe).toMatch(/ADD COLUMN `extra` longtext .*CHECK \(json_valid\(`extra`\)\) AFTER `note`/);
    // for review: the table's default collation and the one text column that follows it
    expect(res.plan.items.filter((i) => i.section === 'review').map((i) => i.title)).toEqual([
      'table visit (charset)',
      'column visit.note (charset)',
    ]);
    const db = await connect(a.url);
    try {
      await expect(db.knex.raw(`INSERT INTO visit (id, doc) VALUES (2, 'not json')`)).rejects.toThrow(
        /CONSTRAINT|check/i,
      );
    } finally {
      await db.close();
    }
  }, 60_000);
});
