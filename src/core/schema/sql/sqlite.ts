/**
 * SQLite DDL. SQLite's ALTER TABLE can only rename, add simple columns and drop columns; every
 * other change is the documented rebuild: create the new table under a temporary name, copy the
 * rows, drop the old one, rename, and re-create its indexes.
 */
import { nameKey, type Column, type ForeignKey, type Index, type Table } from '../model.js';
import { colList, defaultClause, dq, stmt, type DdlRenderer, type RenderContext } from './common.js';
import type { Op, Stmt } from './ops.js';
import { tableAfter } from './tableAfter.js';

const id = dq;

function inlinePk(t: Table, c: Column): boolean {
  return (
    !!c.autoIncrement && t.primaryKey?.columns.length === 1 && nameKey(t.primaryKey.columns[0]!) === nameKey(c.name)
  );
}

function sqliteColumnDef(c: Column, t?: Table): string {
  let s = `${id(c.name)} ${c.type.native}`;
  if (t && inlinePk(t, c)) s = `${id(c.name)} integer PRIMARY KEY AUTOINCREMENT`;
  if (!c.nullable && !(t && inlinePk(t, c))) s += ' NOT NULL';
  if (c.generated) s += ` GENERATED ALWAYS AS (${c.generated.expression}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`;
  else {
    const d = defaultClause('sqlite', c);
    // SQLite wants expression defaults in parentheses, except the CURRENT_* keywords.
    s +=
      d && !/^ DEFAULT (CURRENT_(TIMESTAMP|DATE|TIME)|NULL|[-+]?[\d.]+|'.*'|X'[0-9a-fA-F]*')$/s.test(d)
        ? ` DEFAULT (${d.slice(9)})`
        : d;
  }
  return s;
}

function fkDef(fk: ForeignKey): string {
  let s = `CONSTRAINT ${id(fk.name)} FOREIGN KEY (${colList(fk.columns, id)}) REFERENCES ${id(fk.refTable)} (${colList(fk.refColumns, id)})`;
  if (fk.onDelete !== 'NO ACTION') s += ` ON DELETE ${fk.onDelete}`;
  if (fk.onUpdate !== 'NO ACTION') s += ` ON UPDATE ${fk.onUpdate}`;
  return s;
}

/** Unique constraints declared in the table (named, or unnamed autoindexes) vs separate indexes. */
const inlineUnique = (i: Index) =>
  !!i.constraint && i.unique && !i.where && i.columns.every((c) => c.name !== undefined);

function createIndex(table: string, i: Index): string {
  const cols = i.columns
    .map((c) => (c.name !== undefined ? id(c.name) : `(${c.expression})`) + (c.desc ? ' DESC' : ''))
    .join(', ');
  return `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${id(i.name)} ON ${id(table)} (${cols})${i.where ? ` WHERE ${i.where}` : ''}`;
}

function sqliteCreateTable(t: Table, asName = t.name): Stmt[] {
  const lines = t.columns.map((c) => '  ' + sqliteColumnDef(c, t));
  const pkInline = t.columns.some((c) => inlinePk(t, c));
  if (t.primaryKey && !pkInline)
    lines.push(
      `  ${t.primaryKey.name && t.primaryKey.name !== 'PRIMARY' ? `CONSTRAINT ${id(t.primaryKey.name)} ` : ''}PRIMARY KEY (${colList(t.primaryKey.columns, id)})`,
    );
  for (const i of t.indexes.filter(inlineUnique))
    lines.push(
      `  ${i.generatedName ? '' : `CONSTRAINT ${id(i.name)} `}UNIQUE (${colList(
        i.columns.map((c) => c.name!),
        id,
      )})`,
    );
  // SQLite checks references when rows change, not at CREATE: every foreign key can be declared here.
  for (const fk of t.foreignKeys) lines.push('  ' + fkDef(fk));
  for (const c of t.checks)
    lines.push(`  ${c.generatedName ? '' : `CONSTRAINT ${id(c.name)} `}CHECK (${c.expression})`);
  return [
    stmt(`CREATE TABLE ${id(asName)} (\n${lines.join(',\n')}\n)`),
    ...t.indexes.filter((i) => !inlineUnique(i)).map((i) => stmt(createIndex(t.name, i))),
  ];
}

/** Can this column be added with ALTER TABLE ADD COLUMN (SQLite's documented restrictions)? */
function addable(c: Column): boolean {
  if (c.autoIncrement) return false;
  if (c.generated) return !c.generated.stored;
  const d = c.default;
  if (!c.nullable && (!d || d.kind === 'null')) return false;
  if (d?.kind === 'expr') return false; // CURRENT_TIMESTAMP and expressions are refused
  return true;
}

const REBUILD: ReadonlySet<Op['op']> = new Set([
  'alterColumn',
  'addPrimaryKey',
  'dropPrimaryKey',
  'addForeignKey',
  'dropForeignKey',
  'addCheck',
  'dropCheck',
  'dropColumn',
]);

/** Does this operation make SQLite rebuild its table (which drops the table's triggers and breaks views over it)? */
export function sqliteNeedsRebuild(o: Op): boolean {
  return (
    REBUILD.has(o.op) ||
    (o.op === 'addColumn' && !addable(o.column)) ||
    (o.op === 'createIndex' && inlineUnique(o.index)) ||
    (o.op === 'dropIndex' && inlineUnique(o.index))
  );
}

function rebuild(before: Table, after: Table): Stmt[] {
  const tmp = `hisops_new_${after.name}`;
  const common = after.columns
    .filter((c) => !c.generated && before.columns.some((b) => nameKey(b.name) === nameKey(c.name) && !b.generated))
    .map((c) => id(c.name));
  const [create, ...indexes] = sqliteCreateTable(after, tmp);
  return [
    stmt(`DROP TABLE IF EXISTS ${id(tmp)}`),
    create!,
    stmt(`INSERT INTO ${id(tmp)} (${common.join(', ')}) SELECT ${common.join(', ')} FROM ${id(before.name)}`),
    stmt(`DROP TABLE ${id(before.name)}`),
    stmt(`ALTER TABLE ${id(tmp)} RENAME TO ${id(after.name)}`),
    ...indexes,
  ];
}

export const sqliteRenderer: DdlRenderer = {
  dialect: 'sqlite',
  id,
  tableOps(table: string, ops: Op[], ctx: RenderContext): Stmt[] {
    const out: Stmt[] = [];
    let state = ctx.currentTables.get(nameKey(table));
    // Operations SQLite can do in place run as they come; the rest are collected into one rebuild.
    const pending: Op[] = [];
    const needsRebuild = sqliteNeedsRebuild;
    const rebuildNow = () => {
      if (!pending.length || !state) return;
      const after = tableAfter(state, pending);
      out.push(...rebuild(state, after));
      state = after;
      pending.length = 0;
    };
    // When a rebuild is needed anyway, fold the other column and index changes into it: one copy of the rows.
    const foldable: ReadonlySet<Op['op']> = new Set([
      'addColumn',
      'createIndex',
      'dropIndex',
      'renameIndex',
      'tableOptions',
    ]);
    const rebuildAll = ops.some(needsRebuild);
    for (const o of ops) {
      if (o.op === 'createTable') {
        rebuildNow();
        out.push(...sqliteCreateTable(o.table));
        state = o.table;
        continue;
      }
      if (o.op === 'dropTable') {
        out.push(stmt(`DROP TABLE ${id(o.table)}`));
        state = undefined;
        continue;
      }
      if (needsRebuild(o) || (rebuildAll && foldable.has(o.op))) {
        pending.push(o);
        continue;
      }
      rebuildNow();
      switch (o.op) {
        case 'renameTable':
          out.push(stmt(`ALTER TABLE ${id(o.from)} RENAME TO ${id(o.to)}`));
          break;
        case 'renameColumn':
          out.push(stmt(`ALTER TABLE ${id(table)} RENAME COLUMN ${id(o.from)} TO ${id(o.to)}`));
          break;
        case 'addColumn':
          out.push(stmt(`ALTER TABLE ${id(table)} ADD COLUMN ${sqliteColumnDef(o.column)}`));
          break;
        case 'createIndex':
          out.push(stmt(createIndex(table, o.index)));
          break;
        case 'dropIndex':
          out.push(stmt(`DROP INDEX ${id(o.index.name)}`));
          break;
        case 'renameIndex':
          out.push(stmt(`DROP INDEX ${id(o.from.name)}`), stmt(createIndex(table, o.to)));
          break;
        default:
          break; // comments, engines, charsets: SQLite has none
      }
      if (state) state = tableAfter(state, [o]);
    }
    rebuildNow();
    return out;
  },
  objectOp(o: Op): Stmt[] {
    switch (o.op) {
      case 'createView':
        return [
          stmt(`DROP VIEW IF EXISTS ${id(o.view.name)}`),
          stmt(`CREATE VIEW ${id(o.view.name)} AS ${o.view.definition}`),
        ];
      case 'dropView':
        return [stmt(`DROP VIEW IF EXISTS ${id(o.view.name)}`)];
      case 'createRoutine':
        return o.routine.kind === 'trigger'
          ? [stmt(`DROP TRIGGER IF EXISTS ${id(o.routine.name)}`), stmt(o.routine.source, true)]
          : [];
      case 'dropRoutine':
        return o.routine.kind === 'trigger' ? [stmt(`DROP TRIGGER IF EXISTS ${id(o.routine.name)}`)] : [];
      default:
        return [];
    }
  },
  terminate(s: Stmt): string {
    return `${s.sql};`;
  },
};
