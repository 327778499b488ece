import { describe, expect, it } from 'vitest';
import { makePlan, type Plan } from '../../../src/core/schema/index.js';
import type { Table } from '../../../src/core/schema/model.js';
import { col, lit, model, table } from './build.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const plan = (
  cur: Table[],
  tgt: Table[],
  dialect: 'mysql' | 'postgres' | 'oracle' | 'sqlite' | 'mssql' = 'mysql',
): Plan => makePlan(model(cur), model(tgt), { now: NOW, hisopsVersion: 'test', dialect });
const safeSql = (p: Plan) => p.statements.filter((s) => s.section === 'safe').map((s) => s.sql);
const reviewed = (p: Plan) => p.items.filter((i) => i.section === 'review');

const base = () =>
  table(
    'patient',
    [
      col('id', 'int(11)', { nullable: false }),
      col('name', 'varchar(50)'),
      col('status', 'varchar(10)', { nullable: false, default: lit('A') }),
    ],
    { primaryKey: { columns: ['id'] } },
  );

describe('makePlan classification', () => {
  it('applies new columns, widening and relaxing changes, defaults and comments safely', () => {
    const t = base();
    t.columns[1] = col('name', 'varchar(100)', { comment: '姓名' });
    t.columns[2] = col('status', 'varchar(10)', { nullable: true, default: lit('B') });
    t.columns.push(col('phone', 'varchar(20)'));
    const p = plan([base()], [t]);
    expect(reviewed(p)).toEqual([]);
    expect(safeSql(p)).toEqual([
      "ALTER TABLE `patient`\n  MODIFY COLUMN `name` varchar(100) COMMENT '姓名',\n  MODIFY COLUMN `status` varchar(10) DEFAULT 'B',\n  ADD COLUMN `phone` varchar(20) AFTER `status`",
    ]);
  });

  it('puts drops, narrowing, type-family changes and NOT NULL on existing columns in review, with reasons', () => {
    const t = base();
    t.columns[1] = col('name', 'varchar(20)', { nullable: false });
    t.columns[2] = col('status', 'int(11)', { nullable: false, default: lit('0') });
    const p = plan([base(), table('legacy', [col('x', 'int')])], [t]);
    expect(safeSql(p).join('\n')).not.toMatch(/DROP|varchar\(20\)|int\(11\) NOT NULL DEFAULT 0/);
    const reasons = reviewed(p)
      .flatMap((i) => i.reasons)
      .join('\n');
    expect(reasons).toMatch(/narrows varchar\(50\) → varchar\(20\)/);
    expect(reasons).toMatch(/makes the column NOT NULL/);
    expect(reasons).toMatch(/changes the type varchar\(10\) → int\(11\)/);
    expect(reasons).toMatch(/drops the table/);
    // the safe part still carries the safe half of a mixed change (the default), the review part the rest
    expect(p.statements.find((s) => s.section === 'review' && s.sql.includes('`status`'))!.sql).toMatch(
      /MODIFY COLUMN `status` int\(11\) NOT NULL DEFAULT 0/,
    );
  });

  it('creates new tables in foreign key order and defers references in a cycle', () => {
    const a = table('a', [col('id', 'int', { nullable: false }), col('b_id', 'int')], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        {
          name: 'fk_a_b',
          columns: ['b_id'],
          refTable: 'b',
          refColumns: ['id'],
          onDelete: 'NO ACTION',
          onUpdate: 'NO ACTION',
        },
      ],
    });
    const b = table('b', [col('id', 'int', { nullable: false }), col('c_id', 'int')], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        {
          name: 'fk_b_c',
          columns: ['c_id'],
          refTable: 'c',
          refColumns: ['id'],
          onDelete: 'CASCADE',
          onUpdate: 'NO ACTION',
        },
      ],
    });
    const c = table('c', [col('id', 'int', { nullable: false }), col('a_id', 'int')], {
      primaryKey: { columns: ['id'] },
    });
    const p = plan([], [a, b, c]);
    const creates = safeSql(p)
      .filter((s) => s.startsWith('CREATE TABLE'))
      .map((s) => /CREATE TABLE `(\w+)`/.exec(s)![1]);
    expect(creates).toEqual(['c', 'b', 'a']);
    const cyc = table('c', [...c.columns], {
      primaryKey: { columns: ['id'] },
      foreignKeys: [
        {
          name: 'fk_c_a',
          columns: ['a_id'],
          refTable: 'a',
          refColumns: ['id'],
          onDelete: 'NO ACTION',
          onUpdate: 'NO ACTION',
        },
      ],
    });
    const p2 = plan([], [a, b, cyc]);
    const sql = safeSql(p2);
    const deferred = sql.findIndex((s) => /ADD CONSTRAINT `fk_a_b`/.test(s));
    expect(deferred).toBeGreaterThan(sql.findIndex((s) => s.startsWith('CREATE TABLE `b`')));
    expect(sql.find((s) => s.startsWith('CREATE TABLE `a`'))).not.toMatch(/fk_a_b/);
    expect(reviewed(p2)).toEqual([]);
  });

  it('adds a UNIQUE index or foreign key on new all-NULL columns safely, on existing data only for review', () => {
    const cur = [base(), table('ward', [col('id', 'int', { nullable: false })], { primaryKey: { columns: ['id'] } })];
    const t = base();
    t.columns.push(col('ward_id', 'int'), col('card_no', 'varchar(20)'));
    t.indexes.push(
      { name: 'uk_card', columns: [{ name: 'card_no' }], unique: true },
      { name: 'uk_name', columns: [{ name: 'name' }], unique: true },
    );
    t.foreignKeys.push({
      name: 'fk_ward',
      columns: ['ward_id'],
      refTable: 'ward',
      refColumns: ['id'],
      onDelete: 'NO ACTION',
      onUpdate: 'NO ACTION',
    });
    const p = plan(cur, [t, cur[1]!]);
    const safe = safeSql(p).join('\n');
    expect(safe).toMatch(/ADD UNIQUE INDEX `uk_card`/);
    expect(safe).toMatch(/ADD CONSTRAINT `fk_ward`/);
    expect(reviewed(p).map((i) => i.title)).toEqual(['index patient.uk_name']);
    // SQL Server's UNIQUE allows one NULL only: there even the new column needs review
    expect(
      plan(cur, [t, cur[1]!], 'mssql')
        .items.filter((i) => i.section === 'review')
        .map((i) => i.title)
        .sort(),
    ).toEqual(['index patient.uk_card', 'index patient.uk_name']);
  });

  it('treats a NOT NULL column without default as safe on MySQL only', () => {
    const t = base();
    t.columns.push(col('age', 'int', { nullable: false }));
    expect(reviewed(plan([base()], [t]))).toEqual([]);
    expect(reviewed(plan([base()], [t], 'postgres')).map((i) => i.reasons[0])).toEqual([
      expect.stringMatching(/NOT NULL column without a default/),
    ]);
  });

  it('bundles a new auto-increment column with the primary key change it needs', () => {
    const cur = table('link', [col('a', 'int', { nullable: false }), col('b', 'int', { nullable: false })], {
      primaryKey: { columns: ['a', 'b'] },
    });
    const tgt = table('link', [col('id', 'bigint(20)', { nullable: false, autoIncrement: true }), ...cur.columns], {
      primaryKey: { columns: ['id'] },
    });
    const p = plan([cur], [tgt]);
    expect(p.statements.filter((s) => s.section === 'review').map((s) => s.sql)).toEqual([
      'ALTER TABLE `link`\n  DROP PRIMARY KEY,\n  ADD COLUMN `id` bigint(20) NOT NULL AUTO_INCREMENT FIRST,\n  ADD PRIMARY KEY (`id`)',
    ]);
  });

  it('groups Oracle column additions and modifications per table', () => {
    const t = base();
    t.columns[1] = col('name', 'varchar(100)');
    t.columns.push(col('phone', 'varchar(20)'), col('addr', 'varchar(200)', { default: lit('未知') }));
    const p = plan([base()], [t], 'oracle');
    expect(safeSql(p)).toEqual([
      "ALTER TABLE PATIENT ADD (\n  PHONE VARCHAR2(20 CHAR),\n  ADDR VARCHAR2(200 CHAR) DEFAULT '未知'\n)",
      'ALTER TABLE PATIENT MODIFY (\n  NAME VARCHAR2(100 CHAR)\n)',
    ]);
  });

  it('rebuilds a SQLite table for changes ALTER TABLE cannot make', () => {
    const t = base();
    t.columns[1] = col('name', 'varchar(100)');
    t.columns.push(col('phone', 'varchar(20)'));
    const p = plan([base()], [t], 'sqlite');
    const sql = safeSql(p);
    expect(sql[0]).toBe('DROP TABLE IF EXISTS "hisops_new_patient"');
    expect(sql[1]).toMatch(
      /^CREATE TABLE "hisops_new_patient" \(\n {2}"id" integer NOT NULL,\n {2}"name" varchar\(100\),\n {2}"status" varchar\(10\) NOT NULL DEFAULT 'A',\n {2}"phone" varchar\(20\),\n {2}PRIMARY KEY \("id"\)\n\)$/,
    );
    expect(sql[2]).toBe(
      'INSERT INTO "hisops_new_patient" ("id", "name", "status") SELECT "id", "name", "status" FROM "patient"',
    );
    expect(sql.slice(3)).toEqual(['DROP TABLE "patient"', 'ALTER TABLE "hisops_new_patient" RENAME TO "patient"']);
    // an addable column alone is a plain ALTER TABLE ADD COLUMN
    const t2 = base();
    t2.columns.push(col('phone', 'varchar(20)'));
    expect(safeSql(plan([base()], [t2], 'sqlite'))).toEqual(['ALTER TABLE "patient" ADD COLUMN "phone" varchar(20)']);
  });

  it('re-creates views and routines from the target in their own dialect only', () => {
    const v = { name: 'v_patient', definition: 'select `id` from `patient`', digest: 'd1' };
    const cur = model([base()]);
    const tgt = model([base()], 'mysql', {
      views: [v],
      routines: [
        { kind: 'procedure', name: 'p1', source: 'CREATE PROCEDURE `p1`()\nBEGIN SELECT 1; END', digest: 'r1' },
      ],
    });
    const p = makePlan(cur, tgt, { now: NOW, hisopsVersion: 't' });
    expect(safeSql(p)).toEqual([
      'CREATE OR REPLACE VIEW `v_patient` AS select `id` from `patient`',
      'DROP PROCEDURE IF EXISTS `p1`',
      'CREATE PROCEDURE `p1`()\nBEGIN SELECT 1; END',
    ]);
    const forPg = makePlan(cur, tgt, { now: NOW, hisopsVersion: 't', dialect: 'postgres' });
    expect(safeSql(forPg)).toEqual([]);
    expect(forPg.items.map((i) => i.reasons[0])).toEqual([
      expect.stringMatching(/written for MySQL/),
      expect.stringMatching(/written for MySQL/),
    ]);
  });

  it('creates views after the views they read', () => {
    const views = [
      { name: 'v_a', definition: 'select * from `v_b` join `v_c`', digest: 'a' },
      { name: 'v_b', definition: 'select * from `v_c`', digest: 'b' },
      { name: 'v_c', definition: 'select 1 AS `x`', digest: 'c' },
    ];
    const p = makePlan(model([]), model([], 'mysql', { views }), { now: NOW, hisopsVersion: 't' });
    expect(safeSql(p).map((s) => /VIEW `(\w+)`/.exec(s)![1])).toEqual(['v_c', 'v_b', 'v_a']);
  });

  it('gives the same plan id for the same inputs and a different one when anything differs', () => {
    const t = base();
    t.columns.push(col('phone', 'varchar(20)'));
    expect(plan([base()], [t]).planId).toBe(plan([base()], [t]).planId);
    const t2 = base();
    t2.columns.push(col('phone', 'varchar(30)'));
    expect(plan([base()], [t2]).planId).not.toBe(plan([base()], [t]).planId);
  });
});

describe('review items that run top-down', () => {
  const reviewSql = (p: Plan) => p.statements.filter((s) => s.section === 'review').map((s) => s.sql);

  it('merges a dropped primary-key column into the key change of its table (it takes the key with it)', () => {
    const cur = table(
      'product_registration',
      [col('registration_id', 'char(40)', { nullable: false }), col('email', 'varchar(255)')],
      { primaryKey: { columns: ['registration_id'] } },
    );
    const tgt = table(
      'product_registration',
      [col('id', 'int(11)', { nullable: false, autoIncrement: true }), col('email', 'varchar(255)')],
      { primaryKey: { columns: ['id'] } },
    );
    for (const d of ['mysql', 'postgres'] as const) {
      const p = plan([cur], [tgt], d);
      expect(reviewed(p)).toHaveLength(1);
      expect(reviewed(p)[0]!.title).toMatch(/column product_registration\.registration_id/);
      const sql = reviewSql(p).join('\n');
      const order = [
        /DROP (PRIMARY KEY|CONSTRAINT)/,
        /DROP COLUMN .registration_id/,
        /ADD COLUMN .id/,
        /ADD PRIMARY KEY/,
      ].map((re) => sql.search(re));
      expect(order.every((x) => x >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    }
  });

  it('drops a check constraint before the column changes of its table', () => {
    const cur = table(
      'visit',
      [
        col('id', 'integer', { dialect: 'postgres', nullable: false }),
        col('fee', 'numeric(8,2)', { dialect: 'postgres' }),
      ],
      { primaryKey: { columns: ['id'] }, checks: [{ name: 'fee_positive', expression: '(fee >= 0)' }] },
    );
    const tgt = table('visit', [col('id', 'integer', { dialect: 'postgres', nullable: false })], {
      primaryKey: { columns: ['id'] },
    });
    const p = makePlan(model([cur], 'postgres'), model([tgt], 'postgres'), { now: NOW, hisopsVersion: 'test' });
    const sql = reviewSql(p);
    expect(sql.findIndex((s) => /DROP CONSTRAINT "fee_positive"/.test(s))).toBeLessThan(
      sql.findIndex((s) => /DROP COLUMN "fee"/.test(s)),
    );
  });

  it('writes each SQLite review rebuild against the table the review items above it leave', () => {
    const cur = table(
      't',
      [
        col('id', 'integer', { dialect: 'sqlite', nullable: false }),
        col('a', 'text', { dialect: 'sqlite' }),
        col('b', 'text', { dialect: 'sqlite' }),
      ],
      { primaryKey: { columns: ['id'] } },
    );
    const tgt = table('t', [col('id', 'integer', { dialect: 'sqlite', nullable: false })], {
      primaryKey: { columns: ['id'] },
    });
    const p = makePlan(model([cur], 'sqlite'), model([tgt], 'sqlite'), { now: NOW, hisopsVersion: 'test' });
    const copies = reviewSql(p).filter((s) => s.startsWith('INSERT INTO'));
    expect(copies).toHaveLength(2);
    expect(copies[0]).toMatch(/"b"/); // the first rebuild drops a and keeps b…
    expect(copies[1]).not.toMatch(/"a"/); // …the second starts from there
  });
});

describe('columns of a type the plan cannot create', () => {
  it('moves a new column or table using a new PostgreSQL enum type to review, with what uses it', () => {
    const pg = { dialect: 'postgres' as const };
    const cur = model([table('patient', [col('id', 'integer', { ...pg, nullable: false })])], 'postgres');
    const tgt = model(
      [
        table('patient', [
          col('id', 'integer', { ...pg, nullable: false }),
          col('sex', 'sex_t', { ...pg, default: lit('U') }),
          col('psn_no', 'varchar(30)', pg),
        ]),
        table('contact', [col('id', 'integer', { ...pg, nullable: false }), col('sex', 'public.sex_t[]', pg)], {
          indexes: [{ name: 'ix_contact_id', columns: [{ name: 'id' }], unique: false }],
        }),
      ],
      'postgres',
      { others: [{ kind: 'ENUM TYPE', name: 'sex_t', digest: 'x' }] },
    );
    const p = makePlan(cur, tgt, { now: NOW, hisopsVersion: 'test', dialect: 'postgres' });
    const safe = p.statements
      .filter((s) => s.section === 'safe')
      .map((s) => s.sql)
      .join('\n');
    expect(safe).toMatch(/"psn_no"/);
    expect(safe).not.toMatch(/sex_t/);
    expect(safe).not.toMatch(/ix_contact_id/);
    const review = p.items.filter((i) => i.section === 'review');
    expect(review.find((i) => i.title === 'column patient.sex')?.reasons.join(' ')).toMatch(
      /type sex_t, which only the review part/,
    );
    expect(review.find((i) => i.title === 'table contact')?.reasons.join(' ')).toMatch(
      /type sex_t, which only the review part/,
    );
  });
});
