/**
 * The plan items of key and constraint changes: primary keys, indexes, foreign keys and checks.
 * One on existing data waits for review (it fails if rows break it), except where the plan makes
 * sure it cannot fail: on columns this plan adds, which hold only NULLs or their default.
 */
import type { Dialect } from '../db/index.js';
import type { ChangeKind } from './changes.js';
import { nameKey } from './model.js';
import { type Build, type ClassifyContext, review, safe } from './planItem.js';
import { PHASE } from './planTypes.js';
import type { Op } from './sql/ops.js';

/** Dialects whose UNIQUE allows many NULLs (a unique index on a new, all-NULL column cannot fail). */
const UNIQUE_MANY_NULLS: Record<Dialect, boolean> = {
  mysql: true,
  postgres: true,
  oracle: true,
  sqlite: true,
  mssql: false,
};

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

type KeyKind = Extract<ChangeKind, `${'pk' | 'index' | 'fk' | 'check'}.${string}`>;

export const KEY_BUILDERS: { [K in KeyKind]: Build<K> } = {
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
};
