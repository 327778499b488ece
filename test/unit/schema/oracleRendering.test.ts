/**
 * Oracle rendering rules for models carried from MySQL/MariaDB and PostgreSQL: a LOB change is a
 * review item that re-creates the column, generated names fit schema.oracle.maxIdentifier, enum
 * values and booleans become CHECKs, and a boolean renders the same whatever its source.
 */
import { describe, expect, it } from 'vitest';
import { adaptModel, makePlan, renderScript } from '../../../src/core/schema/index.js';
import { col, lit, model, table } from './build.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const plan = (a: ReturnType<typeof model>, b: ReturnType<typeof model>, oracleMaxIdentifier?: number) =>
  makePlan(a, b, { now: NOW, hisopsVersion: 't', dialect: 'oracle', oracleMaxIdentifier });
const safeSql = (p: ReturnType<typeof plan>) => p.statements.filter((s) => s.section === 'safe').map((s) => s.sql);
const reviewSql = (p: ReturnType<typeof plan>) => p.statements.filter((s) => s.section === 'review').map((s) => s.sql);

describe('Oracle rendering', () => {
  it('never modifies VARCHAR2 into CLOB in the safe part: a review item adds, copies, drops and renames', () => {
    const cur = model([
      table('emr', [
        col('id', 'int', { nullable: false }),
        col('note', 'varchar(255)', { comment: '备注' }),
        col('memo', 'varchar(20)'),
      ]),
    ]);
    const tgt = model([
      table('emr', [
        col('id', 'int', { nullable: false }),
        col('note', 'text', { nullable: false, comment: '备注' }),
        col('memo', 'varchar(40)'),
      ]),
    ]);
    const p = plan(cur, tgt);
    expect(safeSql(p).join('\n')).not.toMatch(/CLOB/);
    expect(safeSql(p).join('\n')).toMatch(/MEMO VARCHAR2\(40 CHAR\)/); // an ordinary widening stays safe
    expect(reviewSql(p)).toEqual([
      'ALTER TABLE EMR ADD (NOTE_NEW CLOB)',
      'UPDATE EMR SET NOTE_NEW = TO_CLOB(NOTE)',
      'ALTER TABLE EMR DROP (NOTE)',
      'ALTER TABLE EMR RENAME COLUMN NOTE_NEW TO NOTE',
      'ALTER TABLE EMR MODIFY (NOTE NOT NULL)',
      "COMMENT ON COLUMN EMR.NOTE IS '备注'",
    ]);
    expect(p.items.find((i) => i.section === 'review')!.reasons.join(' ')).toMatch(/ORA-22858/);
  });

  it('renders MariaDB tinyint(1) and PostgreSQL boolean the same: NUMBER(1) with CHECK (x IN (0, 1))', () => {
    const fromMysql = adaptModel(
      model([table('flags', [col('active', 'tinyint(1)', { nullable: false, default: lit('1') })])]),
      'oracle',
    ).model;
    const fromPg = adaptModel(
      model(
        [table('flags', [col('active', 'boolean', { dialect: 'postgres', nullable: false, default: lit('1') })])],
        'postgres',
      ),
      'oracle',
    ).model;
    for (const m of [fromMysql, fromPg]) {
      expect(m.tables[0]!.columns[0]!.type.native).toBe('NUMBER(1)');
      expect(m.tables[0]!.checks.map((c) => c.expression)).toEqual(['ACTIVE IN (0, 1)']);
    }
    const empty = model([]);
    const a = renderScript(
      plan(empty, model([table('flags', [col('active', 'tinyint(1)', { nullable: false, default: lit('1') })])])),
    );
    const b = renderScript(
      plan(
        empty,
        model(
          [table('flags', [col('active', 'boolean', { dialect: 'postgres', nullable: false, default: lit('1') })])],
          'postgres',
        ),
      ),
    );
    const body = (s: string) => s.slice(s.indexOf('CREATE TABLE'), s.indexOf('-- end of script'));
    expect(body(a)).toBe(body(b));
    expect(body(a)).toMatch(
      /ACTIVE NUMBER\(1\) DEFAULT 1 NOT NULL,\n {2}CONSTRAINT FLAGS_ACTIVE_CK CHECK \(ACTIVE IN \(0, 1\)\)/,
    );
    // a plain tinyint stays a small number without a check
    expect(adaptModel(model([table('t', [col('n', 'tinyint(4)')])]), 'oracle').model.tables[0]!.checks).toEqual([]);
  });

  it("keeps an enum's allowed values as a CHECK; a new enum column's check is safe, appended members too", () => {
    const cur = model([
      table('visit', [col('id', 'int', { nullable: false }), col('kind', "enum('op','ip')", { default: lit('op') })]),
    ]);
    const tgt = model([
      table('visit', [
        col('id', 'int', { nullable: false }),
        col('kind', "enum('op','ip','er')", { default: lit('op') }),
        col('src', "enum('his','web')", { nullable: false, default: lit('his') }),
      ]),
    ]);
    const p = plan(cur, tgt);
    const safe = safeSql(p).join('\n');
    expect(safe).toMatch(/ADD CONSTRAINT VISIT_KIND_CK CHECK \(KIND IN \('op', 'ip', 'er'\)\)/);
    expect(safe).toMatch(/ADD CONSTRAINT VISIT_SRC_CK CHECK \(SRC IN \('his', 'web'\)\)/);
    expect(p.counts.reviewItems).toBe(0);
    // dropping a member is a change for review: rows may hold it
    const p2 = plan(tgt, cur);
    expect(p2.items.filter((i) => i.section === 'review').map((i) => i.title)).toContain('check visit.visit_kind_ck');
  });

  it('shortens generated names to schema.oracle.maxIdentifier (30 by default, 128 for 12.2+), deterministically, with a note', () => {
    const t = () =>
      model([
        table(
          'zy_patient_admission_record',
          [col('id', 'int', { nullable: false }), col('attending_doctor_code', 'varchar(20)')],
          {
            indexes: [
              { name: 'idx_attending_doctor_code', columns: [{ name: 'attending_doctor_code' }], unique: false },
            ],
          },
        ),
      ]);
    const p30 = plan(model([]), t());
    const p30b = plan(model([]), t());
    const idx30 = safeSql(p30).find((s) => s.startsWith('CREATE INDEX'))!;
    const name30 = /CREATE INDEX (\S+)/.exec(idx30)![1]!;
    expect(name30.length).toBeLessThanOrEqual(30);
    expect(name30).toMatch(/^ZY_PATIENT_ADMISSION__[0-9A-F]{8}$/);
    expect(safeSql(p30b)).toEqual(safeSql(p30));
    const script = renderScript(p30);
    expect(script).toMatch(
      /-- note: +target: index and constraint names shortened to 30 characters \(schema\.oracle\.maxIdentifier\): 1 \(zy_patient_admission_record_idx_attending_doctor_code → /,
    );
    const p128 = plan(model([]), t(), 128);
    expect(safeSql(p128).find((s) => s.startsWith('CREATE INDEX'))).toMatch(
      /^CREATE INDEX ZY_PATIENT_ADMISSION_RECORD_IDX_ATTENDING_DOCTOR_CODE ON/,
    );
    expect(renderScript(p128)).not.toMatch(/shortened/);
  });

  it('notes table and column names too long for the chosen maximum without renaming them', () => {
    const p = plan(model([]), model([table('therapy_groups_participant_attendance', [col('id', 'int')])]));
    expect(renderScript(p)).toMatch(
      /table and column names over 30 characters \(Oracle 12\.2\+ with schema\.oracle\.maxIdentifier: 128\): 1 \(therapy_groups_participant_attendance\)/,
    );
    expect(safeSql(p)[0]).toMatch(/^CREATE TABLE THERAPY_GROUPS_PARTICIPANT_ATTENDANCE/);
  });
});
