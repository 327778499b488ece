/**
 * Constraints in Oracle DDL (CREATE TABLE and ALTER TABLE ADD/MODIFY): what follows a column's
 * type (inline attributes and constraints), out-of-line constraints, and the state clause both
 * take (ENABLE/DISABLE, USING INDEX).
 */
import { type Cursor, Unreadable } from './oracleCursor.js';
import type { Col, Cons, OracleDictionary, Tbl } from './oracleDictionary.js';

/** The words that end a column's type or default and start an attribute or constraint. */
export const CONSTRAINT_WORDS = [
  'CONSTRAINT',
  'PRIMARY',
  'UNIQUE',
  'CHECK',
  'REFERENCES',
  'FOREIGN',
  'NOT',
  'NULL',
  'ENABLE',
  'DISABLE',
  'DEFAULT',
  'GENERATED',
  'AS',
  'VISIBLE',
  'INVISIBLE',
  'COLLATE',
  'SORT',
  'ENCRYPT',
];

/** Inline constraints and attributes after a column's type (CREATE TABLE and ALTER TABLE ADD/MODIFY). */
export function columnTail(d: OracleDictionary, cur: Cursor, t: Tbl, c: Col, modify: boolean): void {
  for (;;) {
    if (columnAttribute(cur, c)) continue;
    let cname: string | undefined;
    if (cur.eat('CONSTRAINT')) cname = cur.name();
    if (nullability(d, cur, t, c, cname, modify) || inlineConstraint(d, cur, t, c, cname)) continue;
    if (cname)
      throw new Unreadable(
        `constraint ${cname}: expected NOT NULL, PRIMARY KEY, UNIQUE, CHECK or REFERENCES at "${cur.near()}"`,
      );
    if (cur.eat('ENCRYPT')) {
      cur.until(CONSTRAINT_WORDS);
      continue;
    }
    return;
  }
}

/** SORT, VISIBLE, COLLATE, DEFAULT, an identity or a virtual column's expression; false for anything else. */
function columnAttribute(cur: Cursor, c: Col): boolean {
  if (cur.eat('SORT') || cur.eat('VISIBLE') || cur.eat('INVISIBLE')) return true;
  if (cur.eat('COLLATE')) {
    cur.name();
    return true;
  }
  if (cur.eat('DEFAULT')) {
    cur.eat('ON', 'NULL');
    c.dflt = cur.until(CONSTRAINT_WORDS.filter((w) => w !== 'NULL' && w !== 'DEFAULT'));
    return true;
  }
  if (cur.eat('GENERATED')) {
    if (cur.eat('ALWAYS') || cur.eat('BY', 'DEFAULT')) cur.eat('ON', 'NULL');
    cur.expect('AS');
    if (cur.eat('IDENTITY')) {
      cur.skipGroup();
      c.identity = true;
      c.nullable = false;
      return true;
    }
    virtualExpr(cur, c);
    return true;
  }
  if (cur.is('AS', '(')) {
    cur.i++;
    virtualExpr(cur, c);
    return true;
  }
  return false;
}

/** [NOT] NULL (a named NOT NULL is also a check constraint, as Oracle keeps it); false for anything else. */
function nullability(
  d: OracleDictionary,
  cur: Cursor,
  t: Tbl,
  c: Col,
  cname: string | undefined,
  modify: boolean,
): boolean {
  if (cur.eat('NOT', 'NULL')) {
    c.nullable = false;
    if (cname)
      t.cons.push({
        name: cname,
        type: 'C',
        columns: [c.name],
        cond: `"${c.name}" IS NOT NULL`,
        generated: false,
        disabled: constraintState(d, cur),
      });
    else constraintState(d, cur);
    return true;
  }
  if (cur.eat('NULL')) {
    c.nullable = true;
    if (modify) t.cons = t.cons.filter((k) => !(k.type === 'C' && k.cond === `"${c.name}" IS NOT NULL`));
    constraintState(d, cur);
    return true;
  }
  return false;
}

/** An inline PRIMARY KEY, UNIQUE, CHECK or REFERENCES on the column; false for anything else. */
function inlineConstraint(d: OracleDictionary, cur: Cursor, t: Tbl, c: Col, cname: string | undefined): boolean {
  if (cur.eat('PRIMARY', 'KEY')) {
    t.cons.push({
      name: cname ?? d.sysName(),
      type: 'P',
      columns: [c.name],
      generated: !cname,
      disabled: constraintState(d, cur),
      ...(d.usingIndex ? { usingIndex: d.usingIndex } : {}),
    });
    c.nullable = false;
    return true;
  }
  if (cur.eat('UNIQUE')) {
    t.cons.push({
      name: cname ?? d.sysName(),
      type: 'U',
      columns: [c.name],
      generated: !cname,
      disabled: constraintState(d, cur),
      ...(d.usingIndex ? { usingIndex: d.usingIndex } : {}),
    });
    return true;
  }
  if (cur.eat('CHECK')) {
    t.cons.push({
      name: cname ?? d.sysName(),
      type: 'C',
      columns: [c.name],
      cond: checkCond(cur),
      generated: !cname,
      disabled: constraintState(d, cur),
    });
    return true;
  }
  if (cur.eat('REFERENCES')) {
    t.cons.push({
      name: cname ?? d.sysName(),
      type: 'R',
      columns: [c.name],
      ...references(cur),
      generated: !cname,
      disabled: constraintState(d, cur),
    });
    return true;
  }
  return false;
}

function virtualExpr(cur: Cursor, c: Col): void {
  cur.expect('(');
  const from = cur.i;
  cur.i--;
  cur.skipGroup();
  cur.i--;
  c.dflt = cur.textFrom(from);
  cur.i++;
  c.virtual = true;
  cur.eat('VIRTUAL');
}
function checkCond(cur: Cursor): string {
  cur.expect('(');
  const from = cur.i;
  cur.i--;
  cur.skipGroup();
  cur.i--;
  const text = cur.textFrom(from);
  cur.i++;
  return text;
}
function references(cur: Cursor): Pick<Cons, 'refOwner' | 'refTable' | 'refColumns' | 'deleteRule'> {
  let refTable = cur.name();
  let refOwner: string | undefined;
  if (cur.eat('.')) {
    refOwner = refTable;
    refTable = cur.name();
  }
  const refColumns = cur.is('(') ? cur.nameList() : undefined;
  let deleteRule = 'NO ACTION';
  if (cur.eat('ON', 'DELETE', 'CASCADE')) deleteRule = 'CASCADE';
  else if (cur.eat('ON', 'DELETE', 'SET', 'NULL')) deleteRule = 'SET NULL';
  return { refTable, ...(refOwner ? { refOwner } : {}), ...(refColumns ? { refColumns } : {}), deleteRule };
}
const INDEX_PHYSICAL = [
  'PCTFREE',
  'INITRANS',
  'MAXTRANS',
  'COMPUTE',
  'STORAGE',
  'TABLESPACE',
  'LOGGING',
  'NOLOGGING',
  'LOCAL',
  'GLOBAL',
  'REVERSE',
  'COMPRESS',
  'NOCOMPRESS',
  'PARALLEL',
  'NOPARALLEL',
  'ONLINE',
  'VISIBLE',
  'INVISIBLE',
  'SORT',
  'NOSORT',
  'ENABLE',
  'DISABLE',
];
/**
 * ENABLE/DISABLE, VALIDATE, DEFERRABLE, USING INDEX …, RELY: returns whether it is disabled, and
 * leaves the index a USING INDEX clause names in d.usingIndex.
 */
export function constraintState(d: OracleDictionary, cur: Cursor): boolean {
  let disabled = false;
  d.usingIndex = undefined;
  for (;;) {
    if (
      cur.eat('ENABLE') ||
      cur.eat('VALIDATE') ||
      cur.eat('NOVALIDATE') ||
      cur.eat('RELY') ||
      cur.eat('NORELY') ||
      cur.eat('DEFERRABLE') ||
      cur.eat('NOT', 'DEFERRABLE') ||
      cur.eat('INITIALLY', 'DEFERRED') ||
      cur.eat('INITIALLY', 'IMMEDIATE')
    )
      continue;
    if (cur.eat('DISABLE')) {
      disabled = true;
      continue;
    }
    if (cur.eat('USING', 'INDEX')) {
      const t = cur.peek();
      if (t && (t.kind === 'qname' || (t.kind === 'word' && !INDEX_PHYSICAL.includes(t.v))))
        d.usingIndex = cur.qualified();
      else if (cur.is('(')) cur.skipGroup();
      else
        while (
          !cur.done() &&
          !cur.is(',') &&
          !cur.is(')') &&
          !['ENABLE', 'DISABLE', 'CONSTRAINT', 'NOT', 'NULL', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES'].includes(
            cur.peek()!.v,
          )
        ) {
          if (cur.is('(')) cur.skipGroup();
          else cur.i++;
        }
      continue;
    }
    if (cur.eat('EXCEPTIONS', 'INTO')) {
      cur.qualified();
      continue;
    }
    return disabled;
  }
}
/** An out-of-line constraint ([CONSTRAINT n] PRIMARY KEY (…) | UNIQUE (…) | CHECK (…) | FOREIGN KEY (…) REFERENCES …). */
export function outOfLine(d: OracleDictionary, cur: Cursor, t: Tbl): boolean {
  const at = cur.i;
  let cname: string | undefined;
  if (cur.eat('CONSTRAINT')) cname = cur.name();
  const base = { name: cname ?? '', generated: !cname };
  let cons: Cons | undefined;
  if (cur.eat('PRIMARY', 'KEY')) cons = { ...base, type: 'P', columns: cur.nameList(), disabled: false };
  else if (cur.eat('UNIQUE')) cons = { ...base, type: 'U', columns: cur.nameList(), disabled: false };
  else if (cur.eat('CHECK')) cons = { ...base, type: 'C', columns: [], cond: checkCond(cur), disabled: false };
  else if (cur.eat('FOREIGN', 'KEY')) {
    const columns = cur.nameList();
    cur.expect('REFERENCES');
    cons = { ...base, type: 'R', columns, ...references(cur), disabled: false };
  }
  if (!cons) {
    cur.i = at;
    return false;
  }
  cons.disabled = constraintState(d, cur);
  if (d.usingIndex) cons.usingIndex = d.usingIndex;
  if (!cons.name) cons.name = d.sysName();
  for (const c of cons.columns) d.column(t, c);
  if (cons.type === 'P') for (const c of cons.columns) d.column(t, c).nullable = false;
  if (t.cons.some((k) => k.name === cons!.name))
    throw new Unreadable(`constraint ${cons.name} already exists (ORA-02264)`);
  t.cons.push(cons);
  return true;
}
