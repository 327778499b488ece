/**
 * Plan items that only work together, merged into one review item: key changes with the
 * auto-increment columns and dropped key columns of their table, an engine change with the
 * auto-increment change InnoDB needs it for.
 */
import { nameKey, type Table } from './model.js';
import { PHASE, type PlanItem } from './planTypes.js';
import type { Op } from './sql/ops.js';

/**
 * Auto-increment columns and primary key changes on one table only work together: one review
 * item. A dropped column of the current primary key belongs there too: dropping it takes the key
 * with it (MySQL, PostgreSQL), so a separate `DROP PRIMARY KEY` after it would fail, and one
 * before it would leave the column drop to a key that is already gone.
 */
export function bundleKeyChanges(items: PlanItem[], cur: Map<string, Table>): PlanItem[] {
  const out: PlanItem[] = [];
  const byTable = new Map<string, PlanItem[]>();
  const inCurrentKey = (table: string, column: string) =>
    !!cur.get(nameKey(table))?.primaryKey?.columns.some((c) => nameKey(c) === nameKey(column));
  for (const it of items) {
    const keyish =
      it.section === 'review' &&
      it.table &&
      it.ops.some(
        (o) =>
          o.op === 'addPrimaryKey' ||
          o.op === 'dropPrimaryKey' ||
          (o.op === 'addColumn' && o.column.autoIncrement) ||
          (o.op === 'alterColumn' && o.to.autoIncrement && !o.from.autoIncrement) ||
          (o.op === 'dropColumn' && inCurrentKey(o.table, o.column.name)),
      );
    if (!keyish) {
      out.push(it);
      continue;
    }
    const l = byTable.get(nameKey(it.table!)) ?? [];
    l.push(it);
    byTable.set(nameKey(it.table!), l);
  }
  for (const l of byTable.values()) {
    if (l.length === 1) {
      out.push(l[0]!);
      continue;
    }
    // Order inside the statement: drop the old key and its dropped columns, add/alter columns, add the new key.
    const rank = (o: Op) =>
      o.op === 'dropPrimaryKey' ? 0 : o.op === 'dropColumn' ? 1 : o.op === 'addPrimaryKey' ? 3 : 2;
    const ops = l.flatMap((i) => i.ops).sort((a, b) => rank(a) - rank(b));
    out.push({
      section: 'review',
      phase: PHASE.alterTable,
      table: l[0]!.table,
      title: l.map((i) => i.title).join('; '),
      reasons: l.flatMap((i) => i.reasons),
      ops,
    });
  }
  return out;
}

/**
 * MyISAM allows AUTO_INCREMENT on a column that is not first in a key, InnoDB does not: when the
 * target drops such an AUTO_INCREMENT (a review item), the engine change must go with it.
 */
export function bundleEngineWithAutoIncrement(items: PlanItem[]): PlanItem[] {
  const out = [...items];
  for (let i = 0; i < out.length; i++) {
    const it = out[i]!;
    if (it.section !== 'safe' || !it.table) continue;
    const eng = it.ops.find((o) => o.op === 'tableOptions' && o.aspects.includes('engine'));
    if (!eng) continue;
    const j = out.findIndex(
      (x) =>
        x.section === 'review' &&
        x.table &&
        nameKey(x.table) === nameKey(it.table!) &&
        x.ops.some((o) => o.op === 'alterColumn' && o.aspects.includes('autoIncrement')),
    );
    if (j < 0) continue;
    const r = out[j]!;
    out[j] = {
      ...r,
      title: `${r.title}; ${it.title}`,
      reasons: [
        ...r.reasons,
        'the engine change goes with it: InnoDB refuses an auto-increment column that is not first in a key',
      ],
      ops: [...r.ops, ...it.ops],
    };
    out.splice(i, 1);
    i--;
  }
  return out;
}
