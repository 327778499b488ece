/**
 * CREATE TABLE and ALTER TABLE in Oracle DDL, applied to the in-memory dictionary: one step per
 * ALTER TABLE action (ADD, MODIFY, DROP, RENAME, ENABLE/DISABLE).
 */
import { columnDef, dataType } from './oracleColumns.js';
import { columnTail, constraintState, outOfLine } from './oracleConstraints.js';
import { type Cursor, Unreadable } from './oracleCursor.js';
import { type OracleDictionary, renameTable, type Tbl } from './oracleDictionary.js';

export function createTable(d: OracleDictionary, cur: Cursor, temporary: boolean): void {
  const name = cur.qualified(d.owners);
  if (d.tables.has(name) || d.views.has(name))
    throw new Unreadable(`name ${name} is already used by an existing object (ORA-00955)`);
  const t: Tbl = { name, temporary, columns: [], cons: [] };
  if (cur.is('OF')) throw new Unreadable('object tables (CREATE TABLE … OF type) are not read');
  if (!cur.eat('('))
    throw new Unreadable(
      cur.is('AS')
        ? 'CREATE TABLE … AS SELECT is not read: its columns come from a query (create the table with its columns, or load the script into a scratch database)'
        : `expected ( at "${cur.near()}"`,
    );
  do {
    if (outOfLine(d, cur, t)) continue;
    t.columns.push(columnDef(d, cur, t));
  } while (cur.eat(','));
  cur.expect(')');
  // What follows the column list is physical (TABLESPACE, STORAGE, LOB, PARTITION BY, ON COMMIT …): not part of the model.
  while (!cur.done()) {
    if (cur.is('AS')) throw new Unreadable('CREATE TABLE … AS SELECT is not read: its columns come from a query');
    if (cur.is('(')) cur.skipGroup();
    else cur.i++;
  }
  d.tables.set(name, t);
}

export function alterTable(d: OracleDictionary, cur: Cursor): void {
  const t = d.table(cur.qualified(d.owners));
  if (cur.eat('ADD')) return alterAdd(d, cur, t);
  if (cur.eat('MODIFY')) return alterModify(d, cur, t);
  if (cur.eat('DROP')) return alterDrop(d, cur, t);
  if (alterRename(d, cur, t)) return;
  if (cur.eat('ENABLE') || cur.eat('DISABLE')) {
    const disable = cur.toks[cur.i - 1]!.v === 'DISABLE';
    cur.eat('VALIDATE') || cur.eat('NOVALIDATE');
    if (cur.eat('CONSTRAINT')) {
      const k = t.cons.find((x) => x.name === cur.peek()?.v);
      if (k) k.disabled = disable;
    }
    cur.until([]);
    return;
  }
  // Physical attributes: no effect on the model.
  if (
    /^(MOVE|PCTFREE|PCTUSED|INITRANS|STORAGE|LOGGING|NOLOGGING|PARALLEL|NOPARALLEL|CACHE|NOCACHE|COMPRESS|NOCOMPRESS|ROW|ALLOCATE|DEALLOCATE|SHRINK|READ|MONITORING|NOMONITORING)$/.test(
      cur.peek()?.v ?? '',
    )
  ) {
    cur.i = cur.toks.length;
    return;
  }
  throw new Unreadable(`ALTER TABLE ${t.name} ${cur.near()} is not read`);
}

/** ADD column | constraint, or ADD ( … , … ). */
function alterAdd(d: OracleDictionary, cur: Cursor, t: Tbl): void {
  const group = cur.eat('(');
  do {
    if (outOfLine(d, cur, t)) continue;
    t.columns.push(columnDef(d, cur, t));
  } while ((group || cur.is(',')) && cur.eat(','));
  if (group) cur.expect(')');
}

/** MODIFY CONSTRAINT n <state>, MODIFY PRIMARY KEY|UNIQUE …, or MODIFY column [type] [attributes], one or a group. */
function alterModify(d: OracleDictionary, cur: Cursor, t: Tbl): void {
  if (cur.eat('CONSTRAINT')) {
    const k = t.cons.find((x) => x.name === cur.peek()?.v);
    cur.name();
    const disabled = constraintState(d, cur);
    if (k) k.disabled = disabled;
    return;
  }
  if (cur.is('PRIMARY', 'KEY') || cur.is('UNIQUE')) {
    cur.until([]);
    return;
  }
  const group = cur.eat('(');
  do {
    const c = d.column(t, cur.name());
    if (
      !cur.is('DEFAULT') &&
      !cur.is('NOT') &&
      !cur.is('NULL') &&
      !cur.is('CONSTRAINT') &&
      !cur.is('GENERATED') &&
      !cur.is(',') &&
      !cur.is(')') &&
      !cur.done() &&
      !cur.is('VISIBLE') &&
      !cur.is('INVISIBLE')
    )
      dataType(d, cur, c);
    columnTail(d, cur, t, c, true);
  } while ((group || cur.is(',')) && cur.eat(','));
  if (group) cur.expect(')');
}

/** DROP CONSTRAINT | PRIMARY KEY | UNIQUE (…) | COLUMN c | (c, …). */
function alterDrop(d: OracleDictionary, cur: Cursor, t: Tbl): void {
  if (cur.eat('CONSTRAINT')) {
    const n = cur.name();
    if (!t.cons.some((k) => k.name === n)) throw new Unreadable(`table ${t.name} has no constraint ${n} (ORA-02443)`);
    t.cons = t.cons.filter((k) => k.name !== n);
    return;
  }
  if (cur.eat('PRIMARY', 'KEY')) {
    t.cons = t.cons.filter((k) => k.type !== 'P');
    return;
  }
  if (cur.eat('UNIQUE')) {
    const cols = cur.nameList().join(',');
    t.cons = t.cons.filter((k) => !(k.type === 'U' && k.columns.join(',') === cols));
    return;
  }
  const names = cur.eat('COLUMN') ? [cur.name()] : cur.is('(') ? cur.nameList() : undefined;
  if (!names) throw new Unreadable(`ALTER TABLE … DROP ${cur.near()} is not read`);
  for (const n of names) {
    d.column(t, n);
    t.columns = t.columns.filter((c) => c.name !== n);
    // Constraints over a dropped column go with it (CASCADE CONSTRAINTS, or single-column ones).
    t.cons = t.cons.filter((k) => !k.columns.includes(n));
    for (const [k, ix] of d.indexes)
      if (ix.table === t.name && ix.columns.some((c) => c.name === n)) d.indexes.delete(k);
  }
  cur.eat('CASCADE', 'CONSTRAINTS');
  cur.eat('INVALIDATE');
}

/** RENAME COLUMN | CONSTRAINT a TO b, or RENAME TO; false when the action is none of these. */
function alterRename(d: OracleDictionary, cur: Cursor, t: Tbl): boolean {
  if (cur.eat('RENAME', 'COLUMN')) {
    const from = cur.name();
    cur.expect('TO');
    const to = cur.name();
    d.column(t, from).name = to;
    for (const k of t.cons) k.columns = k.columns.map((c) => (c === from ? to : c));
    for (const ix of d.indexes.values())
      if (ix.table === t.name) for (const c of ix.columns) if (c.name === from) c.name = to;
    for (const o of d.tables.values())
      for (const k of o.cons)
        if (k.type === 'R' && k.refTable === t.name && k.refColumns)
          k.refColumns = k.refColumns.map((c) => (c === from ? to : c));
    return true;
  }
  if (cur.eat('RENAME', 'CONSTRAINT')) {
    const from = cur.name();
    cur.expect('TO');
    const to = cur.name();
    const k = t.cons.find((x) => x.name === from);
    if (!k) throw new Unreadable(`table ${t.name} has no constraint ${from}`);
    k.name = to;
    k.generated = false;
    return true;
  }
  if (cur.eat('RENAME', 'TO')) {
    renameTable(d, t.name, cur.qualified());
    return true;
  }
  return false;
}
