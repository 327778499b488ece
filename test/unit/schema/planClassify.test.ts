/**
 * The plan's builders one change at a time: each change kind gives the items, sections, phases
 * and operations it should, without a diff or a renderer in between.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/schema/changes.js';
import type { ForeignKey, Routine, Table, View } from '../../../src/core/schema/model.js';
import { classify } from '../../../src/core/schema/planClassify.js';
import type { ClassifyContext } from '../../../src/core/schema/planItem.js';
import { PHASE } from '../../../src/core/schema/planTypes.js';
import { col, lit, table } from './build.js';

const patient = (): Table =>
  table('patient', [col('id', 'int', { nullable: false }), col('name', 'varchar(50)')], {
    primaryKey: { columns: ['id'] },
  });

function ctx(over: Partial<ClassifyContext> = {}): ClassifyContext {
  const t = patient();
  return {
    dialect: 'mysql',
    cur: new Map([['patient', t]]),
    tgt: new Map([['patient', t]]),
    newTables: new Set(),
    addedColumns: new Map(),
    charsetOf: () => undefined,
    ...over,
  };
}
/** [section, phase, ops] of each item. */
const shape = (c: Change, x = ctx()) =>
  classify(c, x).map((i) => [i.section, i.phase, i.ops.map((o) => o.op).join(',')]);

describe('plan builders, one per change kind', () => {
  it('tables: a new table is safe, a drop waits for review, a rename is safe, a charset change waits', () => {
    expect(shape({ kind: 'table.add', table: patient() })).toEqual([['safe', PHASE.createTable, 'createTable']]);
    expect(shape({ kind: 'table.drop', table: patient() })).toEqual([['review', PHASE.dropTable, 'dropTable']]);
    expect(shape({ kind: 'table.rename', from: 'pat', to: 'patient' })).toEqual([
      ['safe', PHASE.rename, 'renameTable'],
    ]);
    expect(
      shape({
        kind: 'table.options',
        table: 'patient',
        from: { engine: 'MyISAM', charset: 'latin1' },
        to: { engine: 'InnoDB', charset: 'utf8mb4' },
        aspects: ['engine', 'charset'],
      }),
    ).toEqual([
      ['safe', PHASE.alterTable, 'tableOptions'],
      ['review', PHASE.alterTable, 'tableOptions'],
    ]);
  });

  it('columns: a NOT NULL column without default is safe on MySQL only; an auto-increment one waits', () => {
    const add = (c = col('phone', 'varchar(20)', { nullable: false })): Change => ({
      kind: 'column.add',
      table: 'patient',
      column: c,
      after: 'name',
    });
    expect(shape(add())).toEqual([['safe', PHASE.alterTable, 'addColumn']]);
    expect(shape(add(), ctx({ dialect: 'postgres' }))).toEqual([['review', PHASE.alterTable, 'addColumn']]);
    expect(shape(add(col('n', 'int', { nullable: false, autoIncrement: true })))).toEqual([
      ['review', PHASE.alterTable, 'addColumn'],
    ]);
    expect(shape({ kind: 'column.drop', table: 'patient', column: col('name', 'varchar(50)') })).toEqual([
      ['review', PHASE.alterTable, 'dropColumn'],
    ]);
    expect(
      shape({ kind: 'column.rename', table: 'patient', from: 'nm', to: 'name', column: col('name', 'varchar(50)') }),
    ).toEqual([['safe', PHASE.rename, 'renameColumn']]);
  });

  it('a column change splits into its safe and its review aspects, the review step starting where the safe one ends', () => {
    const from = col('name', 'varchar(50)');
    const to = col('name', 'varchar(20)', { default: lit('x'), comment: '姓名' });
    const items = classify(
      { kind: 'column.alter', table: 'patient', from, to, aspects: ['type', 'default', 'comment'] },
      ctx(),
    );
    // The default belongs to the narrowed type, so it waits with it; the comment is applied.
    expect(items.map((i) => [i.section, i.ops[0]!.op === 'alterColumn' && i.ops[0]!.aspects])).toEqual([
      ['safe', ['comment']],
      ['review', ['type', 'default']],
    ]);
    expect(items[1]!.reasons.join()).toMatch(/narrows varchar\(50\) → varchar\(20\)/);
  });

  it('keys: a new table carries its own keys; keys on existing data wait unless their columns are new and empty', () => {
    const fk: ForeignKey = {
      name: 'fk_p',
      columns: ['ward_id'],
      refTable: 'ward',
      refColumns: ['id'],
      onDelete: 'NO ACTION',
      onUpdate: 'NO ACTION',
    };
    expect(
      shape({ kind: 'pk.add', table: 'patient', to: { columns: ['id'] } }, ctx({ newTables: new Set(['patient']) })),
    ).toEqual([]);
    expect(shape({ kind: 'pk.add', table: 'patient', to: { columns: ['id'] } })).toEqual([
      ['review', PHASE.alterTable, 'addPrimaryKey'],
    ]);
    expect(
      shape({ kind: 'pk.alter', table: 'patient', from: { columns: ['id'] }, to: { columns: ['id', 'name'] } }),
    ).toEqual([['review', PHASE.alterTable, 'dropPrimaryKey,addPrimaryKey']]);
    expect(shape({ kind: 'fk.add', table: 'patient', fk: { ...fk } })).toEqual([
      ['review', PHASE.foreignKey, 'addForeignKey'],
    ]);
    const withNew = patient();
    withNew.columns.push(col('ward_id', 'int'));
    expect(
      shape(
        { kind: 'fk.add', table: 'patient', fk: { ...fk } },
        ctx({ tgt: new Map([['patient', withNew]]), addedColumns: new Map([['patient', new Set(['ward_id'])]]) }),
      ),
    ).toEqual([['safe', PHASE.foreignKey, 'addForeignKey']]);
    expect(shape({ kind: 'fk.drop', table: 'patient', fk: { ...fk } })).toEqual([
      ['review', PHASE.dropForeignKey, 'dropForeignKey'],
    ]);
  });

  it('indexes: a non-unique index is safe, a unique one on existing data waits, a drop waits', () => {
    const ix = (unique: boolean) => ({ name: 'ix_name', columns: [{ name: 'name' }], unique });
    expect(shape({ kind: 'index.add', table: 'patient', index: ix(false) })).toEqual([
      ['safe', PHASE.index, 'createIndex'],
    ]);
    expect(shape({ kind: 'index.add', table: 'patient', index: ix(true) })).toEqual([
      ['review', PHASE.index, 'createIndex'],
    ]);
    expect(shape({ kind: 'index.alter', table: 'patient', from: ix(false), to: ix(true) })).toEqual([
      ['review', PHASE.index, 'dropIndex,createIndex'],
    ]);
    expect(shape({ kind: 'index.drop', table: 'patient', index: ix(false) })).toEqual([
      ['review', PHASE.dropIndex, 'dropIndex'],
    ]);
  });

  it('checks: an enum list that only grows is safe, another change waits; a drop comes before column changes', () => {
    const check = (expression: string) => ({ name: 'ck_sex', expression });
    expect(
      shape({
        kind: 'check.alter',
        table: 'patient',
        from: check("sex IN ('M', 'F')"),
        to: check("sex IN ('M', 'F', 'U')"),
      }),
    ).toEqual([['safe', PHASE.alterTable, 'dropCheck,addCheck']]);
    expect(
      shape({
        kind: 'check.alter',
        table: 'patient',
        from: check("sex IN ('M', 'F', 'U')"),
        to: check("sex IN ('M', 'F')"),
      }),
    ).toEqual([['review', PHASE.alterTable, 'dropCheck,addCheck']]);
    expect(shape({ kind: 'check.add', table: 'patient', check: check('id > 0') })).toEqual([
      ['review', PHASE.alterTable, 'addCheck'],
    ]);
    expect(shape({ kind: 'check.drop', table: 'patient', check: check('id > 0') })).toEqual([
      ['review', PHASE.dropForeignKey, 'dropCheck'],
    ]);
  });

  it('views, routines, sequences and other objects', () => {
    const view: View = { name: 'v_patient', definition: 'select id from patient', digest: 'd1' };
    expect(shape({ kind: 'view.add', view })).toEqual([['safe', PHASE.view, 'createView']]);
    expect(shape({ kind: 'view.alter', from: view, to: { ...view, dialect: 'oracle' } })).toEqual([
      ['review', PHASE.view, 'createView'],
    ]);
    const proc: Routine = {
      kind: 'procedure',
      name: 'p_settle',
      source: 'CREATE PROCEDURE p_settle() BEGIN END',
      digest: 'd2',
    };
    expect(shape({ kind: 'routine.add', routine: proc })).toEqual([['safe', PHASE.routine, 'createRoutine']]);
    expect(shape({ kind: 'routine.add', routine: proc }, ctx({ dialect: 'sqlite' }))).toEqual([
      ['review', PHASE.routine, 'manual'],
    ]);
    expect(shape({ kind: 'routine.add', routine: { ...proc, kind: 'package body' } })).toEqual([
      ['safe', PHASE.routineBody, 'createRoutine'],
    ]);
    expect(shape({ kind: 'routine.drop', routine: proc })).toEqual([['review', PHASE.dropObject, 'dropRoutine']]);
    const seq = { name: 'seq_patient', increment: '1' };
    expect(shape({ kind: 'sequence.add', sequence: seq } as Change)).toEqual([
      ['safe', PHASE.sequence, 'createSequence'],
    ]);
    expect(shape({ kind: 'sequence.drop', sequence: seq } as Change)).toEqual([
      ['review', PHASE.dropTable, 'dropSequence'],
    ]);
    expect(shape({ kind: 'other.add', object: { kind: 'synonym', name: 's_patient' } } as Change)).toEqual([
      ['review', PHASE.manual, 'manual'],
    ]);
  });
});
