/**
 * The order of plan items where it matters beyond their phase: new tables by their foreign keys
 * (deferring the references of a cycle), views after the views they read, new columns after a
 * neighbour that exists when they are added.
 */
import { nameKey, type Table } from './model.js';
import { PHASE, type PlanItem, type Section } from './planTypes.js';
import type { Op } from './sql/ops.js';

/** New tables in an order where every foreign key points to a table created before it; the rest are deferred. */
export function orderNewTables(items: PlanItem[]): void {
  const creates = items.filter((i) => i.ops[0]?.op === 'createTable');
  const names = new Set(creates.map((i) => nameKey(i.table!)));
  const done = new Set<string>();
  const order: PlanItem[] = [];
  const pending = [...creates].sort((a, b) => (nameKey(a.table!) < nameKey(b.table!) ? -1 : 1));
  while (pending.length) {
    let progressed = false;
    for (let i = 0; i < pending.length; i++) {
      const it = pending[i]!;
      const t = (it.ops[0] as Extract<Op, { op: 'createTable' }>).table;
      const deps = t.foreignKeys.map((f) => nameKey(f.refTable)).filter((r) => names.has(r) && r !== nameKey(t.name));
      if (deps.every((r) => done.has(r))) {
        order.push(it);
        done.add(nameKey(t.name));
        pending.splice(i, 1);
        i--;
        progressed = true;
      }
    }
    if (!progressed) {
      // A cycle: create the first waiting table now and add its forward references afterwards.
      const it = pending.shift()!;
      const op = it.ops[0] as Extract<Op, { op: 'createTable' }>;
      const defer = op.table.foreignKeys.filter(
        (f) =>
          names.has(nameKey(f.refTable)) &&
          !done.has(nameKey(f.refTable)) &&
          nameKey(f.refTable) !== nameKey(op.table.name),
      );
      op.deferFks = defer.map((f) => f.name);
      for (const f of defer)
        items.push({
          section: 'safe',
          phase: PHASE.foreignKey,
          table: op.table.name,
          title: `foreign key ${op.table.name}.${f.name}`,
          reasons: [],
          ops: [{ op: 'addForeignKey', table: op.table.name, fk: f }],
        });
      order.push(it);
      done.add(nameKey(op.table.name));
    }
  }
  let k = 0;
  for (let i = 0; i < items.length; i++) if (items[i]!.ops[0]?.op === 'createTable') items[i] = order[k++]!;
}

/** Views that read other views are created after them, in each section (a name mentioned in the definition counts as a use). */
export function orderViews(items: PlanItem[]): void {
  orderViewsOf(items, 'safe');
  orderViewsOf(items, 'review');
}

function orderViewsOf(items: PlanItem[], section: Section): void {
  const idx = items
    .map((it, i) => ({ it, i }))
    .filter(({ it }) => it.section === section && it.ops[0]?.op === 'createView');
  if (idx.length < 2) return;
  const viewOf = (it: PlanItem) => (it.ops[0] as Extract<Op, { op: 'createView' }>).view;
  const names = new Map(idx.map(({ it }) => [nameKey(viewOf(it).name), it]));
  const uses = (it: PlanItem) => {
    const words = new Set(
      viewOf(it)
        .definition.toLowerCase()
        .match(/[a-z0-9_$]+/g) ?? [],
    );
    return [...names.keys()].filter((n) => n !== nameKey(viewOf(it).name) && words.has(n));
  };
  const done = new Set<string>();
  const order: PlanItem[] = [];
  const visit = (it: PlanItem, path: Set<string>) => {
    const k = nameKey(viewOf(it).name);
    if (done.has(k) || path.has(k)) return;
    path.add(k);
    for (const u of uses(it)) visit(names.get(u)!, path);
    done.add(k);
    order.push(it);
  };
  for (const { it } of idx) visit(it, new Set());
  idx.forEach(({ i }, n) => (items[i] = order[n]!));
}

/** Added columns go after their target neighbour, skipping neighbours only the review section adds. */
export function placeNewColumns(items: PlanItem[], cur: Map<string, Table>): void {
  const safeAdded = new Map<string, Set<string>>();
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops)
      if (o.op === 'addColumn')
        (safeAdded.get(nameKey(o.table)) ?? safeAdded.set(nameKey(o.table), new Set()).get(nameKey(o.table))!).add(
          nameKey(o.column.name),
        );
  }
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops) {
      if (o.op !== 'addColumn' || o.after === undefined || o.after === null) continue;
      const t = cur.get(nameKey(o.table));
      const exists = (n: string) =>
        !!t?.columns.some((c) => nameKey(c.name) === nameKey(n)) || !!safeAdded.get(nameKey(o.table))?.has(nameKey(n));
      if (!exists(o.after)) o.after = undefined;
    }
  }
}
