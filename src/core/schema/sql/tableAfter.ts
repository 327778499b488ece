/**
 * What a table looks like after a list of operations: renderers that must restate a whole table
 * (SQLite's rebuild) or know a column's neighbours (MySQL AFTER) follow the state as the script
 * runs, not the state before it.
 */
import { nameKey, type Table } from '../model.js';
import type { Op } from './ops.js';

const same = (a: string, b: string) => nameKey(a) === nameKey(b);

export function tableAfter(table: Table, ops: Op[]): Table {
  let t = copyOf(table);
  for (const o of ops) {
    // A created table is copied too: the operations after it change the copy's lists in place,
    // and the plan's own CREATE TABLE must keep rendering the table as created.
    if (o.op === 'createTable') t = copyOf(o.table);
    else applyOp(t, o);
  }
  return t;
}

/** The table with lists of its own, so changing them leaves the table given unchanged. */
function copyOf(table: Table): Table {
  return {
    ...table,
    columns: [...table.columns],
    indexes: [...table.indexes],
    foreignKeys: [...table.foreignKeys],
    checks: [...table.checks],
  };
}

/** One operation's effect on the table (a copy of its lists, changed in place). */
function applyOp(t: Table, o: Op): void {
  switch (o.op) {
    case 'renameTable':
      t.name = o.to;
      break;
    case 'tableOptions':
      t.options = {
        ...t.options,
        ...(o.aspects.includes('engine') ? { engine: o.to.engine } : {}),
        ...(o.aspects.includes('charset') ? { charset: o.to.charset, collation: o.to.collation } : {}),
      };
      if (o.aspects.includes('comment')) t.comment = o.to.comment;
      break;
    case 'addColumn':
    case 'dropColumn':
    case 'renameColumn':
    case 'alterColumn':
      applyColumnOp(t, o);
      break;
    case 'addPrimaryKey':
      t.primaryKey = o.pk;
      break;
    case 'dropPrimaryKey':
      delete t.primaryKey;
      break;
    case 'createIndex':
      t.indexes.push(o.index);
      break;
    case 'dropIndex':
      t.indexes = t.indexes.filter((i) => !same(i.name, o.index.name));
      break;
    case 'renameIndex':
      t.indexes = t.indexes.map((i) => (same(i.name, o.from.name) ? { ...i, name: o.to.name } : i));
      break;
    case 'addForeignKey':
      t.foreignKeys.push(o.fk);
      break;
    case 'dropForeignKey':
      t.foreignKeys = t.foreignKeys.filter((f) => !same(f.name, o.fk.name));
      break;
    case 'addCheck':
      t.checks.push(o.check);
      break;
    case 'dropCheck':
      t.checks = t.checks.filter((c) => !same(c.name, o.check.name));
      break;
    default:
      break;
  }
}

type ColumnOp = Extract<Op, { op: 'addColumn' | 'dropColumn' | 'renameColumn' | 'alterColumn' }>;

/** A column added (at its place), dropped (with the indexes and key parts on it), renamed (everywhere it is named) or changed. */
function applyColumnOp(t: Table, o: ColumnOp): void {
  switch (o.op) {
    case 'addColumn': {
      const at =
        o.after === undefined
          ? t.columns.length
          : o.after === null
            ? 0
            : t.columns.findIndex((c) => same(c.name, o.after!)) + 1;
      t.columns.splice(at <= 0 && o.after !== null ? t.columns.length : at, 0, o.column);
      break;
    }
    case 'dropColumn':
      t.columns = t.columns.filter((c) => !same(c.name, o.column.name));
      t.indexes = t.indexes.filter((i) => !i.columns.some((c) => c.name && same(c.name, o.column.name)));
      // The key loses the column; a key left with no column is gone (as the databases do it).
      if (t.primaryKey?.columns.some((c) => same(c, o.column.name))) {
        const rest = t.primaryKey.columns.filter((c) => !same(c, o.column.name));
        if (rest.length) t.primaryKey = { ...t.primaryKey, columns: rest };
        else delete t.primaryKey;
      }
      break;
    case 'renameColumn': {
      const ren = (n: string) => (same(n, o.from) ? o.to : n);
      t.columns = t.columns.map((c) => (same(c.name, o.from) ? { ...c, name: o.to } : c));
      t.indexes = t.indexes.map((i) => ({
        ...i,
        columns: i.columns.map((c) => (c.name ? { ...c, name: ren(c.name) } : c)),
      }));
      t.foreignKeys = t.foreignKeys.map((f) => ({ ...f, columns: f.columns.map(ren) }));
      if (t.primaryKey) t.primaryKey = { ...t.primaryKey, columns: t.primaryKey.columns.map(ren) };
      break;
    }
    case 'alterColumn':
      t.columns = t.columns.map((c) => (same(c.name, o.from.name) ? o.to : c));
      break;
  }
}
