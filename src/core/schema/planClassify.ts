/**
 * Classifying a diff's changes: one builder per change kind turns a change into plan items, each
 * safe (applied by the script) or for review (written commented, with its reasons). plan.ts
 * explains what counts as safe. Columns that change are planColumnAlter.ts's; keys and
 * constraints planKeys.ts's.
 */
import type { Dialect } from '../db/index.js';
import type { Change, ChangeKind } from './changes.js';
import { DIALECT_LABEL } from './labels.js';
import { classifyColumnAlter } from './planColumnAlter.js';
import { type Build, type ClassifyContext, review, safe } from './planItem.js';
import { KEY_BUILDERS } from './planKeys.js';
import { PHASE, type PlanItem } from './planTypes.js';
import type { Op } from './sql/ops.js';

/** Dialects that fill a new NOT NULL column without default with the type's zero value. */
const IMPLICIT_DEFAULTS: Record<Dialect, boolean> = {
  mysql: true,
  postgres: false,
  oracle: false,
  sqlite: false,
  mssql: false,
};

/** The plan items of one change (none when another item carries it, e.g. a new table's keys). */
export function classify(c: Change, ctx: ClassifyContext): PlanItem[] {
  return (BUILDERS[c.kind] as Build<ChangeKind>)(c, ctx);
}

/** A view of the target, created or replaced from its definition. */
function viewItems(c: Extract<Change, { kind: 'view.add' | 'view.alter' }>, ctx: ClassifyContext): PlanItem[] {
  const v = c.kind === 'view.add' ? c.view : c.to;
  const op: Op = { op: 'createView', view: v, replace: c.kind === 'view.alter' };
  if (v.dialect && v.dialect !== ctx.dialect)
    return [review(c, PHASE.view, [op], [`the view is written for ${DIALECT_LABEL[v.dialect]}: translate it by hand`])];
  return [safe(c, PHASE.view, [op])];
}

/** A routine of the target (trigger, procedure, function, package or type and their bodies), created or replaced from its definition. */
function routineItems(c: Extract<Change, { kind: 'routine.add' | 'routine.alter' }>, ctx: ClassifyContext): PlanItem[] {
  const r = c.kind === 'routine.add' ? c.routine : c.to;
  const phase = r.kind === 'trigger' ? PHASE.trigger : r.kind.endsWith(' body') ? PHASE.routineBody : PHASE.routine;
  const op: Op = { op: 'createRoutine', routine: r, replace: c.kind === 'routine.alter' };
  if (r.dialect && r.dialect !== ctx.dialect)
    return [review(c, phase, [op], [`the ${r.kind} is written for ${DIALECT_LABEL[r.dialect]}: translate it by hand`])];
  if (ctx.dialect === 'sqlite' && r.kind !== 'trigger')
    return [review(c, phase, [{ op: 'manual', note: `${r.kind} ${r.name}` }], ['SQLite has no stored routines'])];
  return [safe(c, phase, [op])];
}

const BUILDERS: { [K in ChangeKind]: Build<K> } = {
  'table.add': (c) => [safe(c, PHASE.createTable, [{ op: 'createTable', table: c.table, deferFks: [] }], c.table.name)],
  'table.drop': (c) => [
    review(
      c,
      PHASE.dropTable,
      [{ op: 'dropTable', table: c.table.name }],
      ['drops the table and every row in it'],
      c.table.name,
    ),
  ],
  'table.rename': (c) => [safe(c, PHASE.rename, [{ op: 'renameTable', from: c.from, to: c.to }], c.to)],
  'table.options': (c) => {
    const items: PlanItem[] = [];
    const safeAspects = c.aspects.filter((a) => a !== 'charset');
    if (safeAspects.length)
      items.push(
        safe(
          c,
          PHASE.alterTable,
          [{ op: 'tableOptions', table: c.table, from: c.from, to: c.to, aspects: safeAspects }],
          c.table,
        ),
      );
    if (c.aspects.includes('charset'))
      items.push(
        review(
          c,
          PHASE.alterTable,
          [{ op: 'tableOptions', table: c.table, from: c.from, to: c.to, aspects: ['charset'] }],
          [
            `changes the table's default charset ${c.from.charset ?? '?'}/${c.from.collation ?? '?'} → ${c.to.charset ?? '?'}/${c.to.collation ?? '?'}: check the application's encoding and index key lengths first`,
          ],
          c.table,
        ),
      );
    return items;
  },
  'column.add': (c, ctx) => {
    const col = c.column;
    const op: Op = { op: 'addColumn', table: c.table, column: col, after: c.after };
    if (col.autoIncrement)
      return [
        review(
          c,
          PHASE.alterTable,
          [op],
          [
            'adds an auto-increment column: it must become a key in the same statement (see the primary key change of this table)',
          ],
          c.table,
        ),
      ];
    if (
      !col.nullable &&
      !col.generated &&
      (!col.default || col.default.kind === 'null') &&
      !IMPLICIT_DEFAULTS[ctx.dialect]
    )
      return [
        review(
          c,
          PHASE.alterTable,
          [op],
          [
            `adds a NOT NULL column without a default: ${DIALECT_LABEL[ctx.dialect]} refuses it on a table that has rows; add a default or fill it in steps`,
          ],
          c.table,
        ),
      ];
    return [safe(c, PHASE.alterTable, [op], c.table)];
  },
  'column.drop': (c) => [
    review(
      c,
      PHASE.alterTable,
      [{ op: 'dropColumn', table: c.table, column: c.column }],
      ['drops the column and its data'],
      c.table,
    ),
  ],
  'column.rename': (c) => [
    safe(c, PHASE.rename, [{ op: 'renameColumn', table: c.table, from: c.from, to: c.to, column: c.column }], c.table),
  ],
  'column.alter': classifyColumnAlter,
  ...KEY_BUILDERS,
  'view.add': viewItems,
  'view.alter': viewItems,
  'view.drop': (c) => [
    review(c, PHASE.dropObject, [{ op: 'dropView', view: c.view }], ['drops a view the target does not have']),
  ],
  'routine.add': routineItems,
  'routine.alter': routineItems,
  'routine.drop': (c) => [
    review(
      c,
      PHASE.dropObject,
      [{ op: 'dropRoutine', routine: c.routine }],
      [`drops a ${c.routine.kind} the target does not have`],
    ),
  ],
  'sequence.add': (c) => [safe(c, PHASE.sequence, [{ op: 'createSequence', sequence: c.sequence }])],
  'sequence.alter': (c) => [safe(c, PHASE.sequence, [{ op: 'alterSequence', from: c.from, to: c.to }])],
  'sequence.drop': (c) => [
    review(
      c,
      PHASE.dropTable,
      [{ op: 'dropSequence', sequence: c.sequence }],
      ['drops a sequence the target does not have'],
    ),
  ],
  'other.add': (c) => [
    review(
      c,
      PHASE.manual,
      [{ op: 'manual', note: `${c.object.kind} ${c.object.name}` }],
      [`hisops does not manage ${c.object.kind} objects: create it by hand from the target's definition`],
    ),
  ],
  'other.drop': (c) => [
    review(
      c,
      PHASE.manual,
      [{ op: 'manual', note: `${c.object.kind} ${c.object.name}` }],
      [
        `hisops does not manage ${c.object.kind} objects: it is kept; drop it by hand if the new version no longer uses it`,
      ],
    ),
  ],
  'other.alter': (c) => [
    review(
      c,
      PHASE.manual,
      [{ op: 'manual', note: `${c.to.kind} ${c.to.name}` }],
      [`hisops does not manage ${c.to.kind} objects and this one differs: compare it by hand`],
    ),
  ],
};
