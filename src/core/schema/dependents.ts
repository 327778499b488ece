/**
 * Views and triggers that stand in the way of a table change. PostgreSQL refuses to change the
 * type of a column a view (or a trigger's WHEN / UPDATE OF) uses, and to drop it ("cannot alter
 * type of a column used by a view or rule"); SQLite's table rebuild drops the table's triggers and
 * its final rename fails while a view names the dropped table. So, in the section (safe or review)
 * that changes the table, the dependent views — and the views over those views — and triggers are
 * dropped first (dependents before what they read) and re-created after the change (from the
 * target, or as they were when the target lacks them). MySQL/MariaDB, Oracle and SQL Server views
 * are not bound to column types: nothing to do there.
 *
 * Dependence is read from the definitions: a view or trigger that names the table and, for
 * PostgreSQL, one of the changed columns. A false match only re-creates an object unchanged.
 */
import type { Dialect } from '../db/index.js';
import { byName, nameKey, type Routine, type SchemaModel, type View } from './model.js';
import type { PlanItem, Section } from './planTypes.js';
import type { Op } from './sql/ops.js';
import { sqliteNeedsRebuild } from './sql/sqlite.js';

/** What makes a dependent object a problem, per dialect. */
const BLOCKING: Record<Dialect, 'columns' | 'rebuild' | undefined> = {
  postgres: 'columns',
  sqlite: 'rebuild',
  mysql: undefined,
  oracle: undefined,
  mssql: undefined,
};

interface DependentPhases {
  drop: number;
  view: number;
  trigger: number;
}

const words = (sql: string) => new Set(sql.toLowerCase().match(/[a-z0-9_$]+/g) ?? []);

/** Columns (or the whole table, for a rebuild) each table's operations in one section touch in a way dependents block. */
function touched(items: PlanItem[], dialect: Dialect): Map<string, Set<string> | 'all'> {
  const out = new Map<string, Set<string> | 'all'>();
  const mark = (table: string, col?: string) => {
    const k = nameKey(table);
    if (col === undefined) return void out.set(k, 'all');
    const s = out.get(k);
    if (s === 'all') return;
    (s ?? (out.set(k, new Set()).get(k) as Set<string>)).add(nameKey(col));
  };
  for (const it of items) {
    for (const o of it.ops) {
      if (BLOCKING[dialect] === 'columns') {
        if (o.op === 'alterColumn' && (o.aspects.includes('type') || o.aspects.includes('generated')))
          mark(o.table, o.from.name);
        if (o.op === 'dropColumn') mark(o.table, o.column.name);
      } else if (
        BLOCKING[dialect] === 'rebuild' &&
        'table' in o &&
        typeof o.table === 'string' &&
        sqliteNeedsRebuild(o)
      )
        mark(o.table);
    }
  }
  return out;
}

function uses(w: Set<string>, table: string, cols: Set<string> | 'all'): string[] {
  if (!w.has(table)) return [];
  if (cols === 'all') return [table];
  return [...cols].filter((c) => w.has(c)).map((c) => `${table}.${c}`);
}

/** What wrapping one section needs: the changes it holds and where the added items go. */
interface SectionWrap {
  section: Section;
  inSection: PlanItem[];
  touched: Map<string, Set<string> | 'all'>;
  dialect: Dialect;
  phases: DependentPhases;
  targetViews: Map<string, View>;
  targetTriggers: Map<string, Routine>;
  viewWords: Map<string, Set<string>>;
  added: PlanItem[];
}

/**
 * Add drop / re-create items around the changes of each section. `items` is changed in place;
 * the caller sorts afterwards (drops carry the drop phase, re-creates the view and trigger phases).
 */
export function wrapDependents(
  items: PlanItem[],
  current: SchemaModel,
  target: SchemaModel,
  dialect: Dialect,
  phases: DependentPhases,
): void {
  if (!BLOCKING[dialect] || (!current.views.length && !current.routines.some((r) => r.kind === 'trigger'))) return;
  const targetViews = byName(target.views);
  const targetTriggers = byName(target.routines.filter((r) => r.kind === 'trigger'));
  const viewWords = new Map(current.views.map((v) => [nameKey(v.name), words(v.definition)]));
  const added: PlanItem[] = [];
  for (const section of ['safe', 'review'] as Section[]) {
    const inSection = items.filter((i) => i.section === section);
    const t = touched(inSection, dialect);
    if (!t.size) continue;
    const wrap: SectionWrap = {
      section,
      inSection,
      touched: t,
      dialect,
      phases,
      targetViews,
      targetTriggers,
      viewWords,
      added,
    };
    wrapViews(wrap, current.views);
    wrapTriggers(wrap, current.routines);
  }
  items.push(...added);
}

/** Whether the section already holds `op` on the view or routine named `name`. */
function sectionHas(inSection: PlanItem[], op: Op['op'], name: string): boolean {
  return inSection.some((i) =>
    i.ops.some(
      (o) =>
        o.op === op &&
        (('view' in o && nameKey(o.view.name) === nameKey(name)) ||
          ('routine' in o && nameKey(o.routine.name) === nameKey(name))),
    ),
  );
}

function reason(dialect: Dialect, what: 'view' | 'trigger', list: string[]): string {
  const because = list.join(', ');
  return BLOCKING[dialect] === 'columns'
    ? `PostgreSQL refuses to change or drop a column a ${what} uses (${because}): dropped before the change and re-created after it`
    : `SQLite rebuilds the table (${because}), which ${what === 'view' ? 'breaks views over it' : 'drops its triggers'}: dropped before the rebuild and re-created after it`;
}

/** Views over the changed columns, then the views over those, to any depth: why each is affected. */
function affectedViews(views: View[], wrap: SectionWrap): Map<string, string[]> {
  const why = new Map<string, string[]>();
  for (const v of views) {
    const w = wrap.viewWords.get(nameKey(v.name))!;
    const hit = [...wrap.touched].flatMap(([table, cols]) => uses(w, table, cols));
    if (hit.length) why.set(nameKey(v.name), hit);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const v of views) {
      if (why.has(nameKey(v.name))) continue;
      const w = wrap.viewWords.get(nameKey(v.name))!;
      const over = [...why.keys()].filter((n) => w.has(n));
      if (over.length) {
        why.set(
          nameKey(v.name),
          over.map((n) => `view ${n}`),
        );
        grew = true;
      }
    }
  }
  return why;
}

/** Drop order: a view before the views it reads. */
function dropOrder(affected: View[], viewWords: Map<string, Set<string>>): View[] {
  const order: View[] = [];
  const seen = new Set<string>();
  const visit = (v: View) => {
    const k = nameKey(v.name);
    if (seen.has(k)) return;
    seen.add(k);
    for (const u of affected) if (u !== v && viewWords.get(nameKey(u.name))!.has(k)) visit(u);
    order.push(v);
  };
  for (const v of affected) visit(v);
  return order;
}

function wrapViews(wrap: SectionWrap, views: View[]): void {
  const { section, inSection, dialect, phases } = wrap;
  const why = affectedViews(views, wrap);
  const affected = views.filter((v) => why.has(nameKey(v.name)));
  for (const v of dropOrder(affected, wrap.viewWords)) {
    // A view the review part drops anyway (the target lacks it) needs nothing more there.
    if (section === 'review' && sectionHas(inSection, 'dropView', v.name)) continue;
    const list = why.get(nameKey(v.name))!;
    wrap.added.push({
      section,
      phase: phases.drop,
      title: `view ${v.name}`,
      reasons: [reason(dialect, 'view', list)],
      ops: [{ op: 'dropView', view: v }],
    });
    if (sectionHas(inSection, 'createView', v.name)) continue; // re-created from the target after the change already
    const tv = wrap.targetViews.get(nameKey(v.name));
    const again = tv && (!tv.dialect || tv.dialect === dialect) ? tv : v;
    wrap.added.push({
      section,
      phase: phases.view,
      title: `view ${v.name}`,
      reasons: [reason(dialect, 'view', list)],
      ops: [{ op: 'createView', view: again, replace: false }],
    });
  }
}

/** Triggers on the changed tables (for PostgreSQL: those naming a changed column). */
function wrapTriggers(wrap: SectionWrap, routines: Routine[]): void {
  const { section, inSection, dialect, phases } = wrap;
  for (const r of routines) {
    if (r.kind !== 'trigger' || !r.table) continue;
    const cols = wrap.touched.get(nameKey(r.table));
    if (!cols) continue;
    const w = words(r.source);
    const list =
      cols === 'all' ? [nameKey(r.table)] : [...cols].filter((c) => w.has(c)).map((c) => `${nameKey(r.table!)}.${c}`);
    if (!list.length) continue;
    if (section === 'review' && sectionHas(inSection, 'dropRoutine', r.name)) continue;
    wrap.added.push({
      section,
      phase: phases.drop,
      title: `trigger ${r.name}`,
      reasons: [reason(dialect, 'trigger', list)],
      ops: [{ op: 'dropRoutine', routine: r }],
    });
    if (sectionHas(inSection, 'createRoutine', r.name)) continue;
    const tr: Routine | undefined = wrap.targetTriggers.get(nameKey(r.name));
    const again = tr && (!tr.dialect || tr.dialect === dialect) ? tr : r;
    wrap.added.push({
      section,
      phase: phases.trigger,
      title: `trigger ${r.name}`,
      reasons: [reason(dialect, 'trigger', list)],
      ops: [{ op: 'createRoutine', routine: again, replace: false }],
    });
  }
}
