/**
 * DDL files without a server: the Oracle reader on a script pair and a Flyway folder of our own
 * making (test/fixtures/ddl/oracle), statement splitting per client, dialect detection, Flyway
 * ordering, and the errors (file and line named, in Chinese too).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import {
  changeTitle,
  detectDialect,
  diffModels,
  fingerprint,
  listDdlFiles,
  looksLikeDdlSource,
  makePlan,
  readDdlSource,
  splitSql,
} from '../../../src/core/schema/index.js';

const ORACLE = path.resolve(__dirname, '../../fixtures/ddl/oracle');
const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-ddl-'));
  tmp.push(dir);
  for (const [f, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  }
  return dir;
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

describe('Oracle DDL reader', () => {
  it('reads a SQL*Plus script into the model introspection would give', async () => {
    const r = await readDdlSource(path.join(ORACLE, 'his-v1.sql'));
    expect(r.dialect).toBe('oracle');
    expect(r.reader).toBe('the Oracle DDL reader');
    expect(r.model.source.schema).toBe('HIS');
    const pat = r.model.tables.find((t) => t.name === 'PAT_INFO')!;
    expect(pat.comment).toBe('病人基本信息');
    expect(pat.primaryKey).toEqual({ name: 'PK_PAT_INFO', columns: ['PAT_ID'] });
    expect(pat.columns.map((c) => [c.name, c.type.native, c.nullable])).toEqual([
      ['PAT_ID', 'NUMBER(18)', false],
      ['PAT_NAME', 'VARCHAR2(50 CHAR)', false],
      ['ID_NO', 'VARCHAR2(18 BYTE)', true],
      ['SEX', 'CHAR(1 BYTE)', true],
      ['BIRTH_DATE', 'DATE', true],
      ['CREATED_AT', 'DATE', false],
      ['REMARK', 'VARCHAR2(200 BYTE)', true],
    ]);
    expect(pat.columns.find((c) => c.name === 'SEX')!.default).toEqual({ kind: 'literal', value: 'U' });
    expect(pat.columns.find((c) => c.name === 'CREATED_AT')!.default).toEqual({
      kind: 'expr',
      sql: 'CURRENT_TIMESTAMP',
    });
    expect(pat.columns.find((c) => c.name === 'PAT_NAME')!.comment).toBe('姓名');
    // An unnamed CHECK gets a SYS_C name and is matched by definition, as Oracle's would be.
    expect(pat.checks).toEqual([{ name: 'SYS_C0000001', expression: "SEX IN ('M','F','U')", generatedName: true }]);
    const reg = r.model.tables.find((t) => t.name === 'MDTRT_REG')!;
    expect(reg.foreignKeys).toEqual([
      {
        name: 'FK_MDTRT_PAT',
        columns: ['PAT_ID'],
        refTable: 'PAT_INFO',
        refColumns: ['PAT_ID'],
        onDelete: 'NO ACTION',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(reg.indexes).toEqual([
      { name: 'IDX_MDTRT_PAT', columns: [{ name: 'PAT_ID' }, { name: 'BEGNTIME', desc: true }], unique: false },
    ]);
    expect(reg.columns.find((c) => c.name === 'BEGNTIME')!.type.native).toBe('TIMESTAMP(6)');
    expect(r.model.sequences).toEqual([
      { name: 'SEQ_PAT_ID', increment: '1', min: '1', max: '9999999999999999999999999999', cycle: false, cache: '0' },
    ]);
    expect(r.model.views.map((v) => v.name)).toEqual(['V_PAT_MDTRT']);
    // Own-schema qualifiers are removed from view text, as introspection removes them.
    expect(r.model.views[0]!.definition).not.toMatch(/HIS\./);
    expect(r.model.routines.map((x) => [x.kind, x.name, x.table])).toEqual([
      ['procedure', 'P_CLOSE_DAY', undefined],
      ['trigger', 'TRG_PAT_ID', 'PAT_INFO'],
    ]);
    expect(r.model.routines[0]!.source).toMatch(/^CREATE OR REPLACE PROCEDURE P_CLOSE_DAY \(p_day IN DATE\) IS\nBEGIN/);
    expect(r.warnings).toEqual(['skipped 5 statement(s) that define no schema object: SQL*Plus 2, INSERT 2, COMMIT 1']);
  });

  it('diffs an old and a new script into the expected changes', async () => {
    const a = await readDdlSource(path.join(ORACLE, 'his-v1.sql'));
    const b = await readDdlSource(path.join(ORACLE, 'his-v2.sql'));
    expect(diffModels(a.model, b.model).changes.map(changeTitle).sort()).toEqual(
      [
        'column MDTRT_REG.ENDTIME',
        'column MDTRT_REG.MEMO',
        'column MDTRT_REG.TOTAL_FEE (nullable)',
        'column PAT_INFO.PAT_NAME (type)',
        'column PAT_INFO.PSN_NO',
        'column PAT_INFO.REMARK',
        'foreign key MDTRT_REG.FK_MDTRT_DEPT',
        'index PAT_INFO.UK_PAT_PSN',
        'package PKG_SETL',
        'package body PKG_SETL',
        'sequence SEQ_PAT_ID',
        'sequence SEQ_SETL',
        'table SETL_D',
        'view V_PAT_MDTRT',
      ].sort(),
    );
    expect(diffModels(a.model, a.model).equal).toBe(true);
  });

  it('creates a package specification before its body (Oracle cannot compile a body without its spec)', async () => {
    const a = await readDdlSource(path.join(ORACLE, 'his-v1.sql'));
    const b = await readDdlSource(path.join(ORACLE, 'his-v2.sql'));
    const sql = makePlan(a.model, b.model, { now: new Date(0), hisopsVersion: 't', dialect: 'oracle' }).statements.map(
      (s) => s.sql,
    );
    const spec = sql.findIndex((s) => /^CREATE OR REPLACE PACKAGE PKG_SETL\b/.test(s));
    const body = sql.findIndex((s) => /^CREATE OR REPLACE PACKAGE BODY PKG_SETL\b/.test(s));
    expect(spec).toBeGreaterThanOrEqual(0);
    expect(body).toBeGreaterThan(spec);
  });

  it('applies a Flyway folder in version order (V2 < V2_1 < V10, R__ last, U__ not read) to the schema of the whole script', async () => {
    const list = listDdlFiles(path.join(ORACLE, 'flyway'));
    expect(list.order).toBe('flyway');
    expect(list.files.map((f) => f.shown)).toEqual([
      'V1__base.sql',
      'V2__psn_no.sql',
      'V2_1__scratch_table.sql',
      'V10__settlement.sql',
      'R__views.sql',
    ]);
    const f = await readDdlSource(path.join(ORACLE, 'flyway'));
    const whole = await readDdlSource(path.join(ORACLE, 'his-v2.sql'));
    expect(diffModels(f.model, whole.model).changes.map(changeTitle)).toEqual([]);
    expect(fingerprint(f.model)).toBe(fingerprint(whole.model));
    expect(f.warnings[0]).toMatch(/1 Flyway undo migration/);
    expect(f.warnings).toContain('flyway/V10__settlement.sql:34: an anonymous PL/SQL block was skipped');
  });

  it('stops at a statement it cannot read, naming file and line, in Chinese too', async () => {
    const dir = folder({
      'V1__a.sql': 'CREATE TABLE A (ID NUMBER(10) PRIMARY KEY);\n',
      'V2__b.sql': "-- a comment\nCOMMENT ON COLUMN A.ID IS '编号';\n\nCREATE CLUSTER C1 (ID NUMBER(10));\n",
    });
    const e = await errorOf(readDdlSource(dir));
    expect(e.code).toBe('DDL_STATEMENT_UNREADABLE');
    expect(e.summary).toBe(
      `${path.basename(dir)}/V2__b.sql:4: cannot read this Oracle statement: CREATE CLUSTER C1 (ID NUMBER(10)) is not read`,
    );
    expect(e.exit).toBe(2);
    expect(e.zhText?.summary).toMatch(/V2__b\.sql:4：无法读取这条 Oracle 语句/);
    const missing = await errorOf(
      readDdlSource(folder({ 'x.sql': 'ALTER TABLE NOPE ADD (X NUMBER);\n' }), { dialect: 'oracle' }),
    );
    expect(missing.summary).toMatch(/x\.sql:1: .*table NOPE does not exist at this point of the script/);
    const ctas = await errorOf(
      readDdlSource(folder({ 'x.sql': 'CREATE TABLE T2 AS SELECT * FROM DUAL;\n' }), { dialect: 'oracle' }),
    );
    expect(ctas.summary).toMatch(/AS SELECT is not read/);
  });

  it('reads DDL as Oracle exports it (DBMS_METADATA / SQL Developer): quoted owners, storage clauses, USING INDEX <name>', async () => {
    const dir = folder({
      'export.sql': `
  CREATE TABLE "HIS"."PAT_INFO" 
   (	"PAT_ID" NUMBER(18,0) NOT NULL ENABLE, 
	"PAT_NAME" VARCHAR2(50 CHAR) NOT NULL ENABLE, 
	"SEX" CHAR(1 BYTE) DEFAULT 'U', 
	 CONSTRAINT "PK_PAT_INFO" PRIMARY KEY ("PAT_ID")
  USING INDEX PCTFREE 10 INITRANS 2 MAXTRANS 255 COMPUTE STATISTICS 
  STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 MAXEXTENTS 2147483645
  PCTINCREASE 0 FREELISTS 1 FREELIST GROUPS 1 BUFFER_POOL DEFAULT FLASH_CACHE DEFAULT CELL_FLASH_CACHE DEFAULT)
  TABLESPACE "USERS"  ENABLE
   ) SEGMENT CREATION IMMEDIATE 
  PCTFREE 10 PCTUSED 40 INITRANS 1 MAXTRANS 255 
 NOCOMPRESS LOGGING
  STORAGE(INITIAL 65536 NEXT 1048576 MINEXTENTS 1 MAXEXTENTS 2147483645
  PCTINCREASE 0 FREELISTS 1 FREELIST GROUPS 1 BUFFER_POOL DEFAULT FLASH_CACHE DEFAULT CELL_FLASH_CACHE DEFAULT)
  TABLESPACE "USERS" ;

   COMMENT ON COLUMN "HIS"."PAT_INFO"."PAT_NAME" IS '姓名';

  CREATE TABLE "HIS"."DICT_DEPT" ("DEPT_CODE" VARCHAR2(20 BYTE) NOT NULL ENABLE) TABLESPACE "USERS" ;
  CREATE UNIQUE INDEX "HIS"."IX_DEPT_CODE" ON "HIS"."DICT_DEPT" ("DEPT_CODE") PCTFREE 10 TABLESPACE "USERS" ;
  ALTER TABLE "HIS"."DICT_DEPT" ADD CONSTRAINT "PK_DICT_DEPT" PRIMARY KEY ("DEPT_CODE")
  USING INDEX "HIS"."IX_DEPT_CODE"  ENABLE;
`,
    });
    const r = await readDdlSource(dir);
    expect(r.dialect).toBe('oracle');
    expect(r.model.source.schema).toBe('HIS');
    const pat = r.model.tables.find((t) => t.name === 'PAT_INFO')!;
    expect(pat.columns.map((c) => c.type.native)).toEqual(['NUMBER(18)', 'VARCHAR2(50 CHAR)', 'CHAR(1 BYTE)']);
    expect(pat.primaryKey).toEqual({ name: 'PK_PAT_INFO', columns: ['PAT_ID'] });
    expect(pat.columns[1]!.comment).toBe('姓名');
    const dept = r.model.tables.find((t) => t.name === 'DICT_DEPT')!;
    // The index backing the key is the key's, as in the dictionary: not an index of its own.
    expect(dept.primaryKey).toEqual({ name: 'PK_DICT_DEPT', columns: ['DEPT_CODE'] });
    expect(dept.indexes).toEqual([]);
  });

  it('reads a Liquibase-rendered script (updateSQL), leaving out its bookkeeping tables', async () => {
    const dir = folder({
      'update.sql': `-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: db.changelog-master.xml
-- Against: HIS@jdbc:oracle:thin:@10.0.0.5:1521/ORCL
-- Liquibase version: 4.28.1
-- *********************************************************************

SET DEFINE OFF;

-- Create Database Lock Table
CREATE TABLE HIS.DATABASECHANGELOGLOCK (ID INTEGER NOT NULL, LOCKED NUMBER(1) NOT NULL, LOCKGRANTED TIMESTAMP, LOCKEDBY VARCHAR2(255), CONSTRAINT PK_DATABASECHANGELOGLOCK PRIMARY KEY (ID));

-- Initialize Database Lock Table
DELETE FROM HIS.DATABASECHANGELOGLOCK;

INSERT INTO HIS.DATABASECHANGELOGLOCK (ID, LOCKED) VALUES (1, 0);

-- Lock Database
UPDATE HIS.DATABASECHANGELOGLOCK SET LOCKED = 1, LOCKEDBY = 'build (10.0.0.9)', LOCKGRANTED = SYSTIMESTAMP WHERE ID = 1 AND LOCKED = 0;

-- Create Database Change Log Table
CREATE TABLE HIS.DATABASECHANGELOG (ID VARCHAR2(255) NOT NULL, AUTHOR VARCHAR2(255) NOT NULL, FILENAME VARCHAR2(255) NOT NULL, DATEEXECUTED TIMESTAMP NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR2(10) NOT NULL, MD5SUM VARCHAR2(35), DESCRIPTION VARCHAR2(255), COMMENTS VARCHAR2(255), TAG VARCHAR2(255), LIQUIBASE VARCHAR2(20), CONTEXTS VARCHAR2(255), LABELS VARCHAR2(255), DEPLOYMENT_ID VARCHAR2(10));

-- Changeset db/changelog/v1.xml::1::his
CREATE TABLE HIS.PAT_INFO (PAT_ID NUMBER(18) NOT NULL, PAT_NAME VARCHAR2(50 CHAR) NOT NULL, CONSTRAINT PK_PAT_INFO PRIMARY KEY (PAT_ID));

COMMENT ON COLUMN HIS.PAT_INFO.PAT_NAME IS '姓名';

INSERT INTO HIS.DATABASECHANGELOG (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1', 'his', 'db/changelog/v1.xml', SYSTIMESTAMP, 1, '9:5c1f', 'createTable tableName=PAT_INFO', '', 'EXECUTED', NULL, NULL, '4.28.1', '3400000001');

-- Release Database Lock
UPDATE HIS.DATABASECHANGELOGLOCK SET LOCKED = 0, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;

`,
    });
    const r = await readDdlSource(dir);
    expect(r.dialect).toBe('oracle');
    expect(r.model.tables.map((t) => t.name)).toEqual(['PAT_INFO']);
    expect(r.model.tables[0]!.columns.map((c) => c.comment ?? null)).toEqual([null, '姓名']);
  });

  it('reads ALTER TABLE forms, identity and virtual columns, renames and drops', async () => {
    const dir = folder({
      'a.sql': `CREATE TABLE T (ID NUMBER GENERATED BY DEFAULT ON NULL AS IDENTITY, A VARCHAR2(10), B NUMBER(5,2), FULL_A VARCHAR2(20) GENERATED ALWAYS AS (UPPER(A)) VIRTUAL);
ALTER TABLE T ADD CONSTRAINT PK_T PRIMARY KEY (ID) USING INDEX TABLESPACE X ENABLE;
ALTER TABLE T MODIFY (A VARCHAR2(30 CHAR) DEFAULT 'x' NOT NULL);
ALTER TABLE T RENAME COLUMN B TO AMOUNT;
ALTER TABLE T ADD (NOTE NCLOB, FLAG NUMBER(1) DEFAULT 0 CONSTRAINT CK_FLAG CHECK (FLAG IN (0,1)));
CREATE INDEX IX_T_UPPER ON T (UPPER(A), AMOUNT);
CREATE TABLE OLD_T (X INTEGER);
RENAME OLD_T TO NEW_T;
ALTER TABLE NEW_T DROP (X);
DROP TABLE NEW_T PURGE;
CREATE SYNONYM S_T FOR T;
`,
    });
    const r = await readDdlSource(dir, { dialect: 'oracle' });
    const t = r.model.tables.find((x) => x.name === 'T')!;
    expect(r.model.tables.map((x) => x.name)).toEqual(['T']);
    expect(t.primaryKey).toEqual({ name: 'PK_T', columns: ['ID'] });
    const col = (n: string) => t.columns.find((c) => c.name === n)!;
    expect(col('ID')).toMatchObject({ autoIncrement: true, nullable: false });
    expect(col('FULL_A').generated).toEqual({ expression: 'UPPER(A)', stored: false });
    expect(col('A')).toMatchObject({ nullable: false, default: { kind: 'literal', value: 'x' } });
    expect(col('A').type.native).toBe('VARCHAR2(30 CHAR)');
    expect(col('AMOUNT').type.native).toBe('NUMBER(5,2)');
    expect(col('NOTE').type).toMatchObject({ base: 'text', national: true });
    expect(t.checks).toEqual([{ name: 'CK_FLAG', expression: 'FLAG IN (0,1)' }]);
    expect(t.indexes).toEqual([
      { name: 'IX_T_UPPER', columns: [{ expression: 'UPPER(A)' }, { name: 'AMOUNT' }], unique: false },
    ]);
    expect(r.model.others).toEqual([{ kind: 'SYNONYM', name: 'S_T', digest: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });
});

describe('statement splitting', () => {
  it('follows the mysql client: DELIMITER, # comments, backslash escapes, conditional comments', () => {
    const s = splitSql(
      "/*!40101 SET NAMES utf8 */;\n# note\nINSERT INTO t VALUES ('a\\';b');\nDELIMITER ;;\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END ;;\nDELIMITER ;\nSELECT 3;\n",
      'mysql',
      'f.sql',
    );
    expect(s.map((x) => [x.line, x.sql])).toEqual([
      [1, '/*!40101 SET NAMES utf8 */'],
      [3, "INSERT INTO t VALUES ('a\\';b')"],
      [5, 'CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END'],
      [7, 'SELECT 3'],
    ]);
  });

  it('follows psql: dollar quoting, meta-commands, COPY data', () => {
    const s = splitSql(
      "\\restrict abc\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql;\nCOPY t (a) FROM stdin;\n1;2\n\\.\nCREATE TABLE u (a text DEFAULT E'x\\';y');\n",
      'postgres',
      'p.sql',
    );
    expect(s.map((x) => [x.line, x.client ?? false, x.sql])).toEqual([
      [1, true, '\\restrict abc'],
      [2, false, 'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql'],
      [3, false, 'COPY t (a) FROM stdin'],
      [6, false, "CREATE TABLE u (a text DEFAULT E'x\\';y')"],
    ]);
  });

  it('follows SQL*Plus: PL/SQL units end at a / line, one-line commands, q-quotes', () => {
    const s = splitSql(
      "SET DEFINE OFF\nPROMPT hi;\nCREATE OR REPLACE FUNCTION f RETURN NUMBER IS\nBEGIN\n  RETURN 1; -- ;\nEND;\n/\nCOMMENT ON TABLE t IS q'[it's; fine]';\nCREATE TABLE x (a NUMBER)\n/\n",
      'oracle',
      'o.sql',
    );
    expect(s.map((x) => [x.line, x.client ?? false, x.plsql ?? false])).toEqual([
      [1, true, false],
      [2, true, false],
      [3, false, true],
      [8, false, false],
      [9, false, false],
    ]);
    expect(s[2]!.sql).toBe('CREATE OR REPLACE FUNCTION f RETURN NUMBER IS\nBEGIN\n  RETURN 1; -- ;\nEND;');
    expect(s[3]!.sql).toBe("COMMENT ON TABLE t IS q'[it's; fine]'");
  });
});

describe('DDL sources', () => {
  it('tells the dialect from dump headers and signs, or says it cannot', async () => {
    expect(detectDialect(['-- MySQL dump 10.13  Distrib 8.0.36\nCREATE TABLE a (id int);']).dialect).toBe('mysql');
    expect(detectDialect(['--\n-- PostgreSQL database dump\n--\nCREATE TABLE a (id int);']).dialect).toBe('postgres');
    expect(
      detectDialect([
        '/*\n Navicat Premium Data Transfer\n Source Server Type    : MySQL\n*/\nCREATE TABLE `a` (id int);',
      ]).dialect,
    ).toBe('mysql');
    expect(detectDialect(['CREATE TABLE A (ID NUMBER(10), N VARCHAR2(20));']).dialect).toBe('oracle');
    expect(detectDialect(['CREATE TABLE a (id int);']).dialect).toBeUndefined();
    const e = await errorOf(readDdlSource(folder({ 'a.sql': 'CREATE TABLE a (id int);\n' })));
    expect(e.code).toBe('DDL_DIALECT_UNKNOWN');
    expect(e.fix).toMatch(/--ddl-dialect/);
    expect(e.zhText?.summary).toMatch(/无法判断/);
    expect((await errorOf(readDdlSource(folder({ 'a.sql': 'x' }), { dialect: 'db2' }))).code).toBe('DDL_BAD_DIALECT');
  });

  it('knows a DDL side from a snapshot or a database', () => {
    const dir = folder({
      'a.sql': 'CREATE TABLE a (id int);',
      'b.txt': 'CREATE TABLE A (ID NUMBER);',
      'c.json': '{}',
      'd.dat': '{"format":1}',
    });
    expect(looksLikeDdlSource(dir)).toBe(true);
    expect(looksLikeDdlSource(path.join(dir, 'a.sql'))).toBe(true);
    expect(looksLikeDdlSource(path.join(dir, 'b.txt'))).toBe(true);
    expect(looksLikeDdlSource(path.join(dir, 'c.json'))).toBe(false);
    expect(looksLikeDdlSource(path.join(dir, 'd.dat'))).toBe(false);
    expect(looksLikeDdlSource('mysql://root@db/his')).toBe(false);
  });

  it('reports an empty folder, an unreadable file and duplicate Flyway versions', async () => {
    expect((await errorOf(readDdlSource(folder({ 'readme.md': 'x' })))).code).toBe('DDL_EMPTY');
    expect((await errorOf(readDdlSource(folder({ 'a.sql': '-- nothing\n' }), { dialect: 'oracle' }))).code).toBe(
      'DDL_EMPTY',
    );
    expect((await errorOf(readDdlSource(path.join(os.tmpdir(), 'no-such-hisops.sql')))).code).toBe('DDL_UNREADABLE');
    const dup = await errorOf(readDdlSource(folder({ 'V1__a.sql': 'x', 'sub/V1.0__b.sql': 'y' })));
    expect(dup.code).toBe('DDL_FLYWAY_DUPLICATE');
  });
});
