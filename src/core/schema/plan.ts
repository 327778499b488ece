/**
 * The sync plan: every change of a diff classified as safe (applied by the script) or needs
 * review (written as commented SQL with the reason), put in an order that works (sequences,
 * renames, new tables by their foreign keys, columns, indexes, foreign keys, views, routines) and
 * rendered for one dialect. Pure: `now` comes from the caller.
 *
 * Safe means it cannot lose data and cannot fail on existing rows: new tables, new columns that
 * can be filled, widening type changes, relaxing NOT NULL, defaults and comments, new non-unique
 * indexes, constraints on columns that are new (and so hold only NULLs), views and routines
 * re-created from the target. Everything else needs a person: drops, narrowing and type-family
 * changes, NOT NULL on existing columns, new UNIQUE / foreign keys / checks on existing data,
 * charset changes, primary key changes, objects hisops does not manage.
 *
 * The steps, each in its own module: planClassify.ts (one builder per change kind, column changes
 * in planColumnAlter.ts), planBundle.ts (items that only work together), planOrder.ts and
 * planHoldBack.ts (order, and safe items that need the review part), dependents.ts (views and
 * triggers around the tables they read), planRender.ts (statements per dialect).
 */
import type { Dialect } from '../db/index.js';
import { adaptModel } from './adapt.js';
import { sha256 } from './digest.js';
import { wrapDependents } from './dependents.js';
import { diffModels, type DiffResult } from './diff.js';
import { fingerprint } from './fingerprint.js';
import { nameKey, type SchemaModel, type Table } from './model.js';
import { bundleEngineWithAutoIncrement, bundleKeyChanges } from './planBundle.js';
import { classify } from './planClassify.js';
import type { ClassifyContext } from './planItem.js';
import { holdBackDependents, holdBackNewTypeUsers } from './planHoldBack.js';
import { orderNewTables, orderViews, placeNewColumns } from './planOrder.js';
import { renderItems } from './planRender.js';
import { mergedPhase, PHASE, type Plan, type PlanItem, type PlanOptions, type Section } from './planTypes.js';

export { PHASE, type Plan, type PlanItem, type PlannedStatement, type PlanOptions, type Section } from './planTypes.js';

export function makePlan(currentIn: SchemaModel, targetIn: SchemaModel, opts: PlanOptions): Plan {
  const dialect = opts.dialect ?? currentIn.source.dialect;
  const ca = adaptModel(currentIn, dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier });
  const ta = adaptModel(targetIn, dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier });
  const current = ca.model;
  const target = ta.model;
  const diff = diffModels(current, target, { renames: opts.renames, filter: opts.filter });
  const cur = new Map(current.tables.map((t) => [nameKey(t.name), t]));
  const tgt = new Map(target.tables.map((t) => [nameKey(t.name), t]));
  const ctx = classifyContext(diff, cur, tgt, dialect, target);

  let items = diff.changes.flatMap((c) => classify(c, ctx));
  items = bundleKeyChanges(items, cur);
  items = bundleEngineWithAutoIncrement(items);
  orderNewTables(items);
  holdBackNewTypeUsers(items, diff);
  holdBackDependents(items, cur, tgt);
  wrapDependents(items, current, target, dialect, { drop: PHASE.dropObject, view: PHASE.view, trigger: PHASE.trigger });
  orderViews(items);
  placeNewColumns(items, cur);
  sortItems(items, dialect);

  const statements = renderItems(items, dialect, current, target);
  const currentFp = fingerprint(current);
  const targetFp = fingerprint(target);
  const safeStatements = statements.filter((s) => s.section === 'safe');
  const planId = sha256([dialect, currentFp, targetFp, ...safeStatements.map((s) => s.sql)].join('\n')).slice(0, 32);
  return {
    planId,
    dialect,
    createdAt: opts.now.toISOString(),
    hisopsVersion: opts.hisopsVersion,
    current: { display: currentIn.source.display, dialect: currentIn.source.dialect, fingerprint: currentFp },
    target: { display: targetIn.source.display, dialect: targetIn.source.dialect, fingerprint: targetFp },
    diff,
    items,
    statements,
    counts: {
      changes: diff.changes.length,
      safeItems: items.filter((i) => i.section === 'safe').length,
      reviewItems: items.filter((i) => i.section === 'review').length,
      safeStatements: safeStatements.length,
      reviewStatements: statements.length - safeStatements.length,
    },
    warnings: [...ca.warnings.map((w) => `current: ${w}`), ...ta.warnings.map((w) => `target: ${w}`)],
  };
}

/** What the builders need to know beyond the change: both sides' tables, and what the plan adds. */
function classifyContext(
  diff: DiffResult,
  cur: Map<string, Table>,
  tgt: Map<string, Table>,
  dialect: Dialect,
  target: SchemaModel,
): ClassifyContext {
  const ctx: ClassifyContext = {
    dialect,
    cur,
    tgt,
    newTables: new Set(
      diff.changes.filter((c) => c.kind === 'table.add').map((c) => nameKey((c as { table: Table }).table.name)),
    ),
    addedColumns: new Map(),
    charsetOf: (t, c) => c.charset ?? t?.options?.charset ?? (dialect === 'mysql' ? undefined : target.source.charset),
  };
  for (const c of diff.changes) {
    if (c.kind !== 'column.add') continue;
    const s = ctx.addedColumns.get(nameKey(c.table)) ?? new Set<string>();
    s.add(nameKey(c.column.name));
    ctx.addedColumns.set(nameKey(c.table), s);
  }
  return ctx;
}

/** Safe before review; by (merged) phase; new tables in their dependency order; then by table, phase and the order they were made in. */
function sortItems(items: PlanItem[], dialect: Dialect): void {
  const sectionRank = (s: Section) => (s === 'safe' ? 0 : 1);
  const createOrder = new Map<PlanItem, number>();
  items.forEach((it, i) => createOrder.set(it, i));
  items.sort(
    (a, b) =>
      sectionRank(a.section) - sectionRank(b.section) ||
      mergedPhase(dialect, a.phase) - mergedPhase(dialect, b.phase) ||
      (a.phase === PHASE.createTable ? createOrder.get(a)! - createOrder.get(b)! : 0) ||
      (nameKey(a.table ?? '') < nameKey(b.table ?? '')
        ? -1
        : nameKey(a.table ?? '') > nameKey(b.table ?? '')
          ? 1
          : 0) ||
      a.phase - b.phase ||
      createOrder.get(a)! - createOrder.get(b)!,
  );
}
