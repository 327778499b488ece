/**
 * Oracle cannot run here: the mapping of its dictionary rows to the model is tested with rows
 * shaped as node-oracledb returns them (upper-case keys, LONG columns as strings, NUMBER as numbers).
 */
import { describe, expect, it } from 'vitest';
import { oracleModelFromRows, type OracleRows } from '../../../src/core/schema/introspect/oracle.js';
import { ORACLE_QUERIES, ORACLE_QUERY_BINDS } from '../../../src/core/schema/introspect/oracleQueries.js';
import { diffModels, fingerprint, makePlan } from '../../../src/core/schema/index.js';

const rows = (): OracleRows => ({
  params: [
    { PARAMETER: 'NLS_CHARACTERSET', VALUE: 'AL32UTF8' },
    { PARAMETER: 'NLS_NCHAR_CHARACTERSET', VALUE: 'AL16UTF16' },
  ],
  version: [{ BANNER: 'Oracle Database 19c Enterprise Edition Release 19.0.0.0.0 - Production' }],
  tables: [
    { TABLE_NAME: 'PATIENT', TEMPORARY: 'N', IOT_TYPE: null, COMMENTS: '病人信息' },
    { TABLE_NAME: 'WARD', TEMPORARY: 'N', IOT_TYPE: null, COMMENTS: null },
  ],
  columns: [
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'ID',
      COLUMN_ID: 1,
      DATA_TYPE: 'NUMBER',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 22,
      DATA_PRECISION: 19,
      DATA_SCALE: 0,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'N',
      DATA_DEFAULT: '"HIS"."ISEQ$$_73012".nextval',
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'YES',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'XM',
      COLUMN_ID: 2,
      DATA_TYPE: 'VARCHAR2',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 200,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 50,
      CHAR_USED: 'C',
      NULLABLE: 'N',
      DATA_DEFAULT: null,
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: '姓名',
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'SFZH',
      COLUMN_ID: 3,
      DATA_TYPE: 'VARCHAR2',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 18,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 18,
      CHAR_USED: 'B',
      NULLABLE: 'Y',
      DATA_DEFAULT: null,
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'BALANCE',
      COLUMN_ID: 4,
      DATA_TYPE: 'NUMBER',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 22,
      DATA_PRECISION: 16,
      DATA_SCALE: 2,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'Y',
      DATA_DEFAULT: '0 ',
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'CREATED',
      COLUMN_ID: 5,
      DATA_TYPE: 'DATE',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 7,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'Y',
      DATA_DEFAULT: 'sysdate\n',
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'NOTE',
      COLUMN_ID: 6,
      DATA_TYPE: 'CLOB',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 4000,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'Y',
      DATA_DEFAULT: null,
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'WARD_ID',
      COLUMN_ID: 7,
      DATA_TYPE: 'NUMBER',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 22,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'Y',
      DATA_DEFAULT: null,
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'UPDATED',
      COLUMN_ID: 8,
      DATA_TYPE: 'TIMESTAMP(6)',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 11,
      DATA_PRECISION: null,
      DATA_SCALE: 6,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'Y',
      DATA_DEFAULT: 'SYSTIMESTAMP',
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    {
      TABLE_NAME: 'WARD',
      COLUMN_NAME: 'ID',
      COLUMN_ID: 1,
      DATA_TYPE: 'NUMBER',
      DATA_TYPE_OWNER: null,
      DATA_LENGTH: 22,
      DATA_PRECISION: null,
      DATA_SCALE: null,
      CHAR_LENGTH: 0,
      CHAR_USED: null,
      NULLABLE: 'N',
      DATA_DEFAULT: null,
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
      COMMENTS: null,
    },
    // a column of a view: ALL_TAB_COLS lists those too, they belong to no table
    {
      TABLE_NAME: 'V_PATIENT',
      COLUMN_NAME: 'ID',
      COLUMN_ID: 1,
      DATA_TYPE: 'NUMBER',
      DATA_LENGTH: 22,
      DATA_PRECISION: 19,
      DATA_SCALE: 0,
      NULLABLE: 'Y',
      VIRTUAL_COLUMN: 'NO',
      IDENTITY_COLUMN: 'NO',
    },
  ],
  constraints: [
    {
      TABLE_NAME: 'PATIENT',
      CONSTRAINT_NAME: 'PK_PATIENT',
      CONSTRAINT_TYPE: 'P',
      SEARCH_CONDITION: null,
      R_OWNER: null,
      R_CONSTRAINT_NAME: null,
      R_TABLE_NAME: null,
      DELETE_RULE: null,
      STATUS: 'ENABLED',
      GENERATED: 'USER NAME',
      INDEX_NAME: 'PK_PATIENT',
    },
    {
      TABLE_NAME: 'PATIENT',
      CONSTRAINT_NAME: 'SYS_C008812',
      CONSTRAINT_TYPE: 'C',
      SEARCH_CONDITION: '"XM" IS NOT NULL',
      STATUS: 'ENABLED',
      GENERATED: 'GENERATED NAME',
      INDEX_NAME: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      CONSTRAINT_NAME: 'CK_BALANCE',
      CONSTRAINT_TYPE: 'C',
      SEARCH_CONDITION: 'BALANCE >= 0',
      STATUS: 'ENABLED',
      GENERATED: 'USER NAME',
      INDEX_NAME: null,
    },
    {
      TABLE_NAME: 'PATIENT',
      CONSTRAINT_NAME: 'UK_SFZH',
      CONSTRAINT_TYPE: 'U',
      SEARCH_CONDITION: null,
      STATUS: 'ENABLED',
      GENERATED: 'USER NAME',
      INDEX_NAME: 'UK_SFZH',
    },
    {
      TABLE_NAME: 'PATIENT',
      CONSTRAINT_NAME: 'FK_PATIENT_WARD',
      CONSTRAINT_TYPE: 'R',
      SEARCH_CONDITION: null,
      R_OWNER: 'HIS',
      R_CONSTRAINT_NAME: 'SYS_C008800',
      R_TABLE_NAME: 'WARD',
      DELETE_RULE: 'SET NULL',
      STATUS: 'ENABLED',
      GENERATED: 'USER NAME',
      INDEX_NAME: null,
    },
    {
      TABLE_NAME: 'WARD',
      CONSTRAINT_NAME: 'SYS_C008800',
      CONSTRAINT_TYPE: 'P',
      SEARCH_CONDITION: null,
      STATUS: 'ENABLED',
      GENERATED: 'GENERATED NAME',
      INDEX_NAME: 'SYS_C008800',
    },
  ],
  consColumns: [
    { OWNER: 'HIS', CONSTRAINT_NAME: 'FK_PATIENT_WARD', TABLE_NAME: 'PATIENT', COLUMN_NAME: 'WARD_ID', POSITION: 1 },
    { OWNER: 'HIS', CONSTRAINT_NAME: 'PK_PATIENT', TABLE_NAME: 'PATIENT', COLUMN_NAME: 'ID', POSITION: 1 },
    { OWNER: 'HIS', CONSTRAINT_NAME: 'SYS_C008800', TABLE_NAME: 'WARD', COLUMN_NAME: 'ID', POSITION: 1 },
    { OWNER: 'HIS', CONSTRAINT_NAME: 'UK_SFZH', TABLE_NAME: 'PATIENT', COLUMN_NAME: 'SFZH', POSITION: 1 },
  ],
  indexes: [
    { INDEX_NAME: 'PK_PATIENT', TABLE_NAME: 'PATIENT', INDEX_TYPE: 'NORMAL', UNIQUENESS: 'UNIQUE', GENERATED: 'N' },
    { INDEX_NAME: 'UK_SFZH', TABLE_NAME: 'PATIENT', INDEX_TYPE: 'NORMAL', UNIQUENESS: 'UNIQUE', GENERATED: 'N' },
    {
      INDEX_NAME: 'IX_PATIENT_XM',
      TABLE_NAME: 'PATIENT',
      INDEX_TYPE: 'FUNCTION-BASED NORMAL',
      UNIQUENESS: 'NONUNIQUE',
      GENERATED: 'N',
    },
    {
      INDEX_NAME: 'IX_PATIENT_UPPER',
      TABLE_NAME: 'PATIENT',
      INDEX_TYPE: 'FUNCTION-BASED NORMAL',
      UNIQUENESS: 'NONUNIQUE',
      GENERATED: 'N',
    },
    { INDEX_NAME: 'SYS_C008800', TABLE_NAME: 'WARD', INDEX_TYPE: 'NORMAL', UNIQUENESS: 'UNIQUE', GENERATED: 'Y' },
    {
      INDEX_NAME: 'SYS_IL0000073012C00006$$',
      TABLE_NAME: 'PATIENT',
      INDEX_TYPE: 'LOB',
      UNIQUENESS: 'UNIQUE',
      GENERATED: 'Y',
    },
  ],
  indColumns: [
    { INDEX_NAME: 'IX_PATIENT_XM', TABLE_NAME: 'PATIENT', COLUMN_NAME: 'WARD_ID', COLUMN_POSITION: 1, DESCEND: 'ASC' },
    {
      INDEX_NAME: 'IX_PATIENT_XM',
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'SYS_NC00009$',
      COLUMN_POSITION: 2,
      DESCEND: 'DESC',
    },
    {
      INDEX_NAME: 'IX_PATIENT_UPPER',
      TABLE_NAME: 'PATIENT',
      COLUMN_NAME: 'SYS_NC00010$',
      COLUMN_POSITION: 1,
      DESCEND: 'ASC',
    },
  ],
  indExpressions: [
    { INDEX_NAME: 'IX_PATIENT_XM', COLUMN_POSITION: 2, COLUMN_EXPRESSION: '"XM"' },
    { INDEX_NAME: 'IX_PATIENT_UPPER', COLUMN_POSITION: 1, COLUMN_EXPRESSION: 'UPPER("XM")' },
  ],
  views: [{ VIEW_NAME: 'V_PATIENT', TEXT: 'SELECT ID, XM FROM HIS.PATIENT' }],
  sequences: [
    {
      SEQUENCE_NAME: 'SEQ_VISIT',
      MIN_VALUE: '1',
      MAX_VALUE: '9999999999999999999999999999',
      INCREMENT_BY: '1',
      CYCLE_FLAG: 'N',
      CACHE_SIZE: '20',
    },
  ],
  source: [
    { NAME: 'P_CLOSE_DAY', TYPE: 'PROCEDURE', LINE: 1, TEXT: 'PROCEDURE p_close_day(p_day IN DATE) IS\n' },
    { NAME: 'P_CLOSE_DAY', TYPE: 'PROCEDURE', LINE: 2, TEXT: 'BEGIN\n' },
    { NAME: 'P_CLOSE_DAY', TYPE: 'PROCEDURE', LINE: 3, TEXT: '  UPDATE his.patient SET balance = 0;\n' },
    { NAME: 'P_CLOSE_DAY', TYPE: 'PROCEDURE', LINE: 4, TEXT: 'END;' },
    {
      NAME: 'TRG_PATIENT_UPD',
      TYPE: 'TRIGGER',
      LINE: 1,
      TEXT: 'TRIGGER trg_patient_upd BEFORE UPDATE ON patient FOR EACH ROW\n',
    },
    { NAME: 'TRG_PATIENT_UPD', TYPE: 'TRIGGER', LINE: 2, TEXT: 'BEGIN :new.updated := SYSTIMESTAMP; END;' },
    { NAME: 'PKG_SETTLE', TYPE: 'PACKAGE', LINE: 1, TEXT: 'PACKAGE pkg_settle AS PROCEDURE run; END;' },
    {
      NAME: 'PKG_SETTLE',
      TYPE: 'PACKAGE BODY',
      LINE: 1,
      TEXT: 'PACKAGE BODY pkg_settle AS PROCEDURE run IS BEGIN NULL; END; END;',
    },
  ],
  triggers: [{ TRIGGER_NAME: 'TRG_PATIENT_UPD', TABLE_NAME: 'PATIENT', BASE_OBJECT_TYPE: 'TABLE' }],
  objects: [
    { OBJECT_NAME: 'PATIENT', OBJECT_TYPE: 'TABLE', STATUS: 'VALID' },
    { OBJECT_NAME: 'PKG_SETTLE', OBJECT_TYPE: 'PACKAGE BODY', STATUS: 'VALID' },
    { OBJECT_NAME: 'MV_DAILY', OBJECT_TYPE: 'MATERIALIZED VIEW', STATUS: 'VALID' },
    { OBJECT_NAME: 'S_DEPT', OBJECT_TYPE: 'SYNONYM', STATUS: 'VALID' },
  ],
});

const source = () => ({ dialect: 'oracle' as const, display: 'oracle://his@db:1521/ORCL', schema: 'HIS' });

describe('Oracle dictionary rows → model', () => {
  it('has one query per dictionary view, each bound to the owner only', () => {
    for (const [name, sql] of Object.entries(ORACLE_QUERIES)) {
      expect((sql.match(/\?/g) ?? []).length).toBe(ORACLE_QUERY_BINDS[name as keyof typeof ORACLE_QUERIES]);
      expect(sql).toMatch(/\bFROM\s+(all_|nls_|v\$)/i);
    }
    expect(ORACLE_QUERIES.columns).toMatch(/char_used/);
    expect(ORACLE_QUERIES.columns).toMatch(/char_length/);
  });

  it('maps columns with their length semantics, precision, defaults and identity', () => {
    const { model } = oracleModelFromRows(rows(), source());
    expect(model.source.charset).toBe('AL32UTF8');
    const p = model.tables.find((t) => t.name === 'PATIENT')!;
    expect(model.tables.map((t) => t.name)).toEqual(['PATIENT', 'WARD']);
    const c = Object.fromEntries(p.columns.map((x) => [x.name, x]));
    expect(c.ID).toMatchObject({
      nullable: false,
      autoIncrement: true,
      type: { base: 'decimal', precision: 19, scale: 0, native: 'NUMBER(19)' },
    });
    expect(c.ID!.default).toBeUndefined();
    expect(c.XM).toMatchObject({
      nullable: false,
      comment: '姓名',
      type: { base: 'varchar', length: 50, lengthUnit: 'char', native: 'VARCHAR2(50 CHAR)' },
    });
    expect(c.SFZH!.type).toMatchObject({ length: 18, lengthUnit: 'byte', native: 'VARCHAR2(18 BYTE)' });
    expect(c.BALANCE).toMatchObject({ type: { native: 'NUMBER(16,2)' }, default: { kind: 'literal', value: '0' } });
    expect(c.CREATED).toMatchObject({ type: { native: 'DATE' }, default: { kind: 'expr', sql: 'CURRENT_TIMESTAMP' } });
    expect(c.WARD_ID!.type.native).toBe('NUMBER');
    expect(c.UPDATED!.type).toMatchObject({ base: 'timestamp', precision: 6 });
    expect(p.comment).toBe('病人信息');
  });

  it('maps constraints and indexes, leaving NOT NULL checks, LOB indexes and constraint indexes out', () => {
    const { model } = oracleModelFromRows(rows(), source());
    const p = model.tables.find((t) => t.name === 'PATIENT')!;
    expect(p.primaryKey).toEqual({ name: 'PK_PATIENT', columns: ['ID'] });
    expect(p.checks).toEqual([{ name: 'CK_BALANCE', expression: 'BALANCE >= 0' }]);
    expect(p.foreignKeys).toEqual([
      {
        name: 'FK_PATIENT_WARD',
        columns: ['WARD_ID'],
        refTable: 'WARD',
        refColumns: ['ID'],
        onDelete: 'SET NULL',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(p.indexes.map((i) => i.name).sort()).toEqual(['IX_PATIENT_UPPER', 'IX_PATIENT_XM', 'UK_SFZH']);
    expect(p.indexes.find((i) => i.name === 'UK_SFZH')).toMatchObject({
      unique: true,
      constraint: true,
      columns: [{ name: 'SFZH' }],
    });
    expect(p.indexes.find((i) => i.name === 'IX_PATIENT_XM')!.columns).toEqual([
      { name: 'WARD_ID' },
      { name: 'XM', desc: true },
    ]);
    expect(p.indexes.find((i) => i.name === 'IX_PATIENT_UPPER')!.columns).toEqual([{ expression: 'UPPER("XM")' }]);
    const w = model.tables.find((t) => t.name === 'WARD')!;
    expect(w.primaryKey).toEqual({ name: 'SYS_C008800', columns: ['ID'] });
    expect(w.indexes).toEqual([]);
  });

  it('maps views, sequences, PL/SQL sources and keeps unknown object kinds', () => {
    const { model, warnings } = oracleModelFromRows(rows(), source());
    expect(model.views).toEqual([
      expect.objectContaining({ name: 'V_PATIENT', definition: 'SELECT ID, XM FROM PATIENT' }),
    ]);
    expect(model.sequences).toEqual([
      { name: 'SEQ_VISIT', increment: '1', min: '1', max: '9999999999999999999999999999', cycle: false, cache: '20' },
    ]);
    const kinds = model.routines.map((r) => `${r.kind}:${r.name}`).sort();
    expect(kinds).toEqual([
      'package body:PKG_SETTLE',
      'package:PKG_SETTLE',
      'procedure:P_CLOSE_DAY',
      'trigger:TRG_PATIENT_UPD',
    ]);
    const proc = model.routines.find((r) => r.name === 'P_CLOSE_DAY')!;
    expect(proc.source).toBe(
      'CREATE OR REPLACE PROCEDURE p_close_day(p_day IN DATE) IS\nBEGIN\n  UPDATE patient SET balance = 0;\nEND;',
    );
    expect(model.routines.find((r) => r.kind === 'trigger')!.table).toBe('PATIENT');
    expect(model.others.map((o) => `${o.kind}:${o.name}`).sort()).toEqual([
      'MATERIALIZED VIEW:MV_DAILY',
      'SYNONYM:S_DEPT',
    ]);
    expect(warnings.join('\n')).toMatch(/2 object\(s\) of kinds hisops does not manage/);
  });

  it('reads back what the Oracle renderer writes: a plan from the model onto itself is empty', () => {
    const a = oracleModelFromRows(rows(), source()).model;
    const b = oracleModelFromRows(rows(), source()).model;
    expect(diffModels(a, b).equal).toBe(true);
    expect(fingerprint(a)).toBe(fingerprint(b));
    // a widened column and a new one render as one MODIFY and one ADD for the table
    const wider = oracleModelFromRows(rows(), source()).model;
    const p = wider.tables[0]!;
    p.columns = p.columns.map((c) =>
      c.name === 'SFZH' ? { ...c, type: { ...c.type, lengthUnit: 'char' as const, native: 'VARCHAR2(18 CHAR)' } } : c,
    );
    p.columns.push({
      name: 'PHONE',
      type: { base: 'varchar', length: 20, lengthUnit: 'char', native: 'VARCHAR2(20 CHAR)' },
      nullable: true,
    });
    const plan = makePlan(a, wider, { now: new Date(0), hisopsVersion: 't' });
    expect(plan.statements.filter((s) => s.section === 'safe').map((s) => s.sql)).toEqual([
      'ALTER TABLE PATIENT ADD (\n  PHONE VARCHAR2(20 CHAR)\n)',
      'ALTER TABLE PATIENT MODIFY (\n  SFZH VARCHAR2(18 CHAR)\n)',
    ]);
  });
});
