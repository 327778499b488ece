/**
 * Safe items that would fail because what they need only comes with the review part (a new
 * PostgreSQL type, a column added for review) move to review themselves, saying what they need.
 */
import type { DiffResult } from './diff.js';
import { type Column, nameKey, type Table } from './model.js';
import type { PlanItem } from './planTypes.js';

/**
 * A safe column or table of a type hisops does not create (a PostgreSQL enum type or domain new in
 * the target: an `other.add`, made by hand from the review part) would fail: it waits for review.
 * Runs before holdBackDependents, so indexes and keys on what it moves wait too.
 */
export function holdBackNewTypeUsers(items: PlanItem[], diff: DiffResult): void {
  const newTypes = new Set(diff.changes.flatMap((c) => (c.kind === 'other.add' ? [nameKey(c.object.name)] : [])));
  if (!newTypes.size) return;
  // `public.sex_t[]`, `"sex_t"` → sex_t
  const typeOf = (c: Column) =>
    c.type.base === 'other'
      ? nameKey(
          c.type.native
            .replace(/(\[\])+$/, '')
            .replace(/"/g, '')
            .split('.')
            .pop()!,
        )
      : '';
  for (const it of items) {
    if (it.section !== 'safe') continue;
    const used = new Set<string>();
    for (const o of it.ops) {
      const cols =
        o.op === 'createTable'
          ? o.table.columns
          : o.op === 'addColumn'
            ? [o.column]
            : o.op === 'alterColumn'
              ? [o.to]
              : [];
      for (const c of cols) if (newTypes.has(typeOf(c))) used.add(typeOf(c));
    }
    if (used.size) {
      it.section = 'review';
      it.reasons = [
        ...it.reasons,
        `needs type ${[...used].join(', ')}, which only the review part adds (create it by hand first)`,
      ];
    }
  }
}

/** Safe indexes and constraints on columns that only the review part adds wait for review too. */
export function holdBackDependents(items: PlanItem[], cur: Map<string, Table>, tgt: Map<string, Table>): void {
  const exists = new Map<string, Set<string>>();
  for (const [k, t] of cur) exists.set(k, new Set(t.columns.map((c) => nameKey(c.name))));
  for (const it of items) {
    if (it.section !== 'safe') continue;
    for (const o of it.ops) {
      if (o.op === 'createTable')
        exists.set(nameKey(o.table.name), new Set(o.table.columns.map((c) => nameKey(c.name))));
      if (o.op === 'addColumn')
        (exists.get(nameKey(o.table)) ?? exists.set(nameKey(o.table), new Set()).get(nameKey(o.table))!).add(
          nameKey(o.column.name),
        );
      if (o.op === 'renameColumn') exists.get(nameKey(o.table))?.add(nameKey(o.to));
    }
  }
  const missing = (table: string, cols: string[]) => cols.filter((c) => !exists.get(nameKey(table))?.has(nameKey(c)));
  for (const it of items) {
    if (it.section !== 'safe') continue;
    const lacking: string[] = [];
    for (const o of it.ops) {
      if (o.op === 'createIndex')
        lacking.push(
          ...missing(
            o.table,
            o.index.columns.flatMap((c) => (c.name ? [c.name] : [])),
          ).map((c) => `${o.table}.${c}`),
        );
      if (o.op === 'addForeignKey')
        lacking.push(
          ...missing(o.table, o.fk.columns).map((c) => `${o.table}.${c}`),
          ...missing(o.fk.refTable, o.fk.refColumns).map((c) => `${o.fk.refTable}.${c}`),
        );
      if (o.op === 'addPrimaryKey') lacking.push(...missing(o.table, o.pk.columns).map((c) => `${o.table}.${c}`));
      if (o.op === 'addCheck') {
        const used = new Set(o.check.expression.toLowerCase().match(/[a-z0-9_$#]+/g) ?? []);
        const cols = (tgt.get(nameKey(o.table))?.columns ?? []).map((c) => c.name).filter((n) => used.has(nameKey(n)));
        lacking.push(...missing(o.table, cols).map((c) => `${o.table}.${c}`));
      }
    }
    if (lacking.length) {
      it.section = 'review';
      it.reasons = [...it.reasons, `needs ${lacking.join(', ')}, which only the review part adds`];
    }
  }
}
