/**
 * Classifying a diff's changes: one builder per change kind turns a change into plan items, each
 * safe (applied by the script) or for review (written commented, with its reasons). plan.ts
 * explains what counts as safe.
 */
import type { Dialect } from '../db/index.js';
import { type Change, type ChangeKind, changeTitle } from './changes.js';
import { DIALECT_LABEL } from './labels.js';
import { type Column, nameKey, type Table } from './model.js';
import { classifyColumnAlter } from './planColumnAlter.js';
import { PHASE, type PlanItem } from './planTypes.js';
import type { Op } from './sql/ops.js';

/** Dialects whose UNIQUE allows many NULLs (a unique index on a new, all-NULL column cannot fail). */
const UNIQUE_MANY_NULLS: Record<Dialect, boolean> = {
  mysql: true,
  postgres: true,
  oracle: true,
  sqlite: true,
  mssql: false,
};
/** Dialects that fill a new NOT NULL column without default with the type's zero value. */
const IMPLICIT_DEFAULTS: Record<Dialect, boolean> = {
  mysql: true,
  postgres: false,
  oracle: false,
  sqlite: false,
  mssql: false,
};

export interface ClassifyContext {
  dialect: Dialect;
  cur: Map<string, Table>;
  tgt: Map<string, Table>;
  newTables: Set<string>;
  /** table key → column keys added by this plan */
  addedColumns: Map<string, Set<string>>;
  charsetOf: (t: Table | undefined, c: Column) => string | undefined;
}

type Build<K extends ChangeKind> = (c: Extract<Change, { kind: K }>, ctx: ClassifyContext) => PlanItem[];

/** An item the script applies. */
export function safe(c: Change, phase: number, ops: Op[], table?: string): PlanItem {
  return { section: 'safe', phase, ...(table ? { table } : {}), title: changeTitle(c), reasons: [], ops };
}

/** An item written commented out, with why a person must look at it first. */
export function review(c: Change, phase: number, ops: Op[], reasons: string[], table?: string): PlanItem {
  return { section: 'review', phase, ...(table ? { table } : {}), title: changeTitle(c), reasons, ops };
}

/** The plan items of one change (none when another item carries it, e.g. a new table's keys). */
export function classify(c: Change, ctx: ClassifyContext): PlanItem[] {
  return (BUILDERS[c.kind] as Build<ChangeKind>)(c, ctx);
}

/** Columns that are new in this plan, nullable and without a non-NULL default: they hold only NULLs. */
function allNullColumns(table: string, cols: string[], ctx: ClassifyContext): boolean {
  const added = ctx.addedColumns.get(nameKey(table));
  const t = ctx.tgt.get(nameKey(table));
  return (
    cols.length > 0 &&
    cols.every((c) => {
      if (!added?.has(nameKey(c))) return false;
      const col = t?.columns.find((x) => nameKey(x.name) === nameKey(c));
      return !!col && col.nullable && (!col.default || col.default.kind === 'null') && !col.autoIncrement;
    })
  );
}

/**
 * A check `COL IN (v1, v2, …)` (an enum's or a boolean's allowed values, as carried to Oracle) on
 * a column this plan adds cannot fail: the new column holds its default, or NULL, everywhere.
 */
function valueListFits(table: string, expression: string, ctx: ClassifyContext): boolean {
  const list = valueList(expression);
  if (!list || !ctx.addedColumns.get(nameKey(table))?.has(list.column)) return false;
  const col = ctx.tgt.get(nameKey(table))?.columns.find((x) => nameKey(x.name) === list.column);
  if (!col || col.autoIncrement) return false;
  const d = col.default;
  if (!d || d.kind === 'null') return col.nullable;
  return d.kind === 'literal' && list.values.includes(d.value);
}

/** `COL IN ('a', 'b')` → the column (name key) and the values; undefined for any other check. */
function valueList(expression: string): { column: string; values: string[] } | undefined {
  const m = /^\s*"?([\w$#]+)"?\s+IN\s*\(((?:\s*(?:'(?:[^']|'')*'|-?\d+)\s*,?)*)\)\s*$/is.exec(expression);
  if (!m) return undefined;
  const values = [...m[2]!.matchAll(/'((?:[^']|'')*)'|(-?\d+)/g)].map((v) =>
    v[1] !== undefined ? v[1].replace(/''/g, "'") : v[2]!,
  );
  return { column: nameKey(m[1]!), values };
}

/** A value-list check that only allows more values (an enum with members appended) cannot fail on existing rows. */
function valueListWidens(from: string, to: string): boolean {
  const a = valueList(from);
  const b = valueList(to);
  return !!a && !!b && a.column === b.column && a.values.every((v) => b.values.includes(v));
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
  'pk.add': (c, ctx) => {
    if (ctx.newTables.has(nameKey(c.table))) return [];
    return [
      review(
        c,
        PHASE.alterTable,
        [{ op: 'addPrimaryKey', table: c.table, pk: c.to }],
        ['adds a primary key to a table with data: fails if rows repeat or hold NULLs in its columns'],
        c.table,
      ),
    ];
  },
  'pk.drop': (c) => [
    review(
      c,
      PHASE.alterTable,
      [{ op: 'dropPrimaryKey', table: c.table, pk: c.from }],
      ['drops the primary key'],
      c.table,
    ),
  ],
  'pk.alter': (c) => [
    review(
      c,
      PHASE.alterTable,
      [
        { op: 'dropPrimaryKey', table: c.table, pk: c.from },
        { op: 'addPrimaryKey', table: c.table, pk: c.to },
      ],
      [
        `changes the primary key (${c.from.columns.join(', ')}) → (${c.to.columns.join(', ')}): fails if rows repeat in the new columns`,
      ],
      c.table,
    ),
  ],
  'index.add': (c, ctx) => {
    const op: Op = { op: 'createIndex', table: c.table, index: c.index };
    if (
      c.index.unique &&
      !(
        UNIQUE_MANY_NULLS[ctx.dialect] &&
        allNullColumns(
          c.table,
          c.index.columns.map((x) => x.name ?? ''),
          ctx,
        )
      )
    )
      return [
        review(
          c,
          PHASE.index,
          [op],
          [
            'new UNIQUE index on existing data: fails if rows repeat (check with a GROUP BY … HAVING COUNT(*) > 1 first)',
          ],
          c.table,
        ),
      ];
    return [safe(c, PHASE.index, [op], c.table)];
  },
  'index.drop': (c) => [
    review(
      c,
      PHASE.dropIndex,
      [{ op: 'dropIndex', table: c.table, index: c.index }],
      ['drops an index the target does not have (it may be a local addition for performance)'],
      c.table,
    ),
  ],
  'index.alter': (c) => {
    const ops: Op[] = [
      { op: 'dropIndex', table: c.table, index: c.from },
      { op: 'createIndex', table: c.table, index: c.to },
    ];
    if (c.to.unique)
      return [
        review(c, PHASE.index, ops, ['re-creates an index as UNIQUE on existing data: fails if rows repeat'], c.table),
      ];
    return [safe(c, PHASE.index, ops, c.table)];
  },
  'index.rename': (c) => [
    safe(c, PHASE.index, [{ op: 'renameIndex', table: c.table, from: c.from, to: c.to }], c.table),
  ],
  'fk.add': (c, ctx) => {
    if (ctx.newTables.has(nameKey(c.table))) return [];
    const op: Op = { op: 'addForeignKey', table: c.table, fk: c.fk };
    if (allNullColumns(c.table, c.fk.columns, ctx)) return [safe(c, PHASE.foreignKey, [op], c.table)];
    return [
      review(
        c,
        PHASE.foreignKey,
        [op],
        ['new foreign key on existing data: fails if rows point to missing parents (check with a LEFT JOIN first)'],
        c.table,
      ),
    ];
  },
  'fk.drop': (c) => [
    review(
      c,
      PHASE.dropForeignKey,
      [{ op: 'dropForeignKey', table: c.table, fk: c.fk }],
      ['drops a foreign key'],
      c.table,
    ),
  ],
  'fk.alter': (c) => [
    review(
      c,
      PHASE.foreignKey,
      [
        { op: 'dropForeignKey', table: c.table, fk: c.from },
        { op: 'addForeignKey', table: c.table, fk: c.to },
      ],
      ['changes a foreign key: it is dropped and re-created, which checks every existing row'],
      c.table,
    ),
  ],
  'check.add': (c, ctx) => {
    if (ctx.newTables.has(nameKey(c.table))) return [];
    // MariaDB's own check of a new json column is written in its ADD COLUMN (sql/mysql.ts).
    if (
      ctx.dialect === 'mysql' &&
      nameKey(c.check.name) !== '' &&
      ctx.addedColumns.get(nameKey(c.table))?.has(nameKey(c.check.name)) &&
      c.check.expression.toLowerCase().includes(nameKey(c.check.name))
    )
      return [];
    if (valueListFits(c.table, c.check.expression, ctx))
      return [safe(c, PHASE.alterTable, [{ op: 'addCheck', table: c.table, check: c.check }], c.table)];
    return [
      review(
        c,
        PHASE.alterTable,
        [{ op: 'addCheck', table: c.table, check: c.check }],
        ['new check on existing data: fails if a row violates it'],
        c.table,
      ),
    ];
  },
  'check.drop': (c) => {
    // Before the column changes of its table: a dropped column takes its checks with it.
    return [
      review(
        c,
        PHASE.dropForeignKey,
        [{ op: 'dropCheck', table: c.table, check: c.check }],
        ['drops a check constraint'],
        c.table,
      ),
    ];
  },
  'check.alter': (c) => {
    if (valueListWidens(c.from.expression, c.to.expression))
      return [
        safe(
          c,
          PHASE.alterTable,
          [
            { op: 'dropCheck', table: c.table, check: c.from },
            { op: 'addCheck', table: c.table, check: c.to },
          ],
          c.table,
        ),
      ];
    return [
      review(
        c,
        PHASE.alterTable,
        [
          { op: 'dropCheck', table: c.table, check: c.from },
          { op: 'addCheck', table: c.table, check: c.to },
        ],
        ['changes a check constraint: existing rows are checked again'],
        c.table,
      ),
    ];
  },
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
