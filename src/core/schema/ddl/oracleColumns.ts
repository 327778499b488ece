/**
 * Column definitions and constraints in Oracle DDL (CREATE TABLE and ALTER TABLE ADD/MODIFY):
 * data types as the dictionary stores them, inline attributes and constraints, out-of-line
 * constraints and their state (ENABLE/DISABLE, USING INDEX).
 */
import { type Cursor, Unreadable } from './oracleCursor.js';
import type { Col, Cons, OracleDictionary, Tbl } from './oracleDictionary.js';

const CONSTRAINT_WORDS = [
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
const BUILTIN_TYPES =
  /^(DATE|CLOB|NCLOB|BLOB|BFILE|LONG|LONG RAW|XMLTYPE|JSON|BOOLEAN|BINARY_FLOAT|BINARY_DOUBLE|ROWID|UROWID)$/;

/** A type's argument as the dictionary's number: null when left out or `*`. */
const num = (s: string | undefined) => (s === undefined || s === '' || s === '*' ? null : Number(s.split(' ')[0]));
/** Length semantics of a character type's argument: `10 CHAR` is C, `10` or `10 BYTE` is B. */
const unitOf = (s: string | undefined) => (/\bCHAR$/i.test(s ?? '') ? 'C' : 'B');

/** A column's data type, as all_tab_columns holds it: type name, lengths, precision and scale. */
export function dataType(d: OracleDictionary, cur: Cursor, c: Col): void {
  const from = cur.i;
  c.typeOwner = null;
  let name = cur.name();
  if (cur.is('.')) {
    cur.i++;
    c.typeOwner = name === 'SYS' || name === 'PUBLIC' ? null : name;
    name = cur.name();
  }
  if (name === 'LONG' && cur.eat('RAW')) name = 'LONG RAW';
  if (name === 'DOUBLE' && cur.eat('PRECISION')) name = 'DOUBLE PRECISION';
  if ((name === 'CHAR' || name === 'CHARACTER') && cur.eat('VARYING')) name = 'VARCHAR2';
  if (name === 'NATIONAL' && (cur.eat('CHAR') || cur.eat('CHARACTER')))
    name = cur.eat('VARYING') ? 'NVARCHAR2' : 'NCHAR';
  const args = typeArgs(cur);
  c.dataLength = c.charLength = c.precision = c.scale = null;
  c.charUsed = null;
  if (characterType(c, name, args) || numericType(c, name, args)) return;
  otherType(d, cur, c, name, args, from);
}

/** The parenthesised arguments after a type name, each as its tokens joined by spaces. */
function typeArgs(cur: Cursor): string[] {
  const args: string[] = [];
  if (cur.is('(')) {
    cur.i++;
    let a = '';
    while (!cur.is(')') && !cur.done()) {
      const t = cur.peek()!;
      cur.i++;
      if (t.v === ',') {
        args.push(a.trim());
        a = '';
      } else a += (a ? ' ' : '') + t.v;
    }
    args.push(a.trim());
    cur.expect(')');
  }
  return args;
}

/** CHAR/VARCHAR2/NCHAR/NVARCHAR2 and their synonyms; false for any other type. */
function characterType(c: Col, name: string, args: string[]): boolean {
  switch (name) {
    case 'VARCHAR2':
    case 'VARCHAR':
    case 'CHAR':
    case 'CHARACTER': {
      const len = num(args[0]) ?? 1;
      c.dataType = name === 'CHAR' || name === 'CHARACTER' ? 'CHAR' : 'VARCHAR2';
      c.charUsed = unitOf(args[0]);
      c.dataLength = c.charUsed === 'C' ? len * 4 : len;
      c.charLength = len;
      return true;
    }
    case 'NVARCHAR2':
    case 'NCHAR':
      c.dataType = name;
      c.charLength = num(args[0]) ?? 1;
      c.dataLength = c.charLength * 2;
      c.charUsed = 'C';
      return true;
    default:
      return false;
  }
}

/** NUMBER, FLOAT, RAW and the ANSI names Oracle stores as them; false for any other type. */
function numericType(c: Col, name: string, args: string[]): boolean {
  switch (name) {
    case 'NUMBER':
      c.dataType = 'NUMBER';
      if (args.length) {
        c.precision = num(args[0]);
        c.scale = num(args[1]) ?? 0;
      }
      return true;
    case 'INTEGER':
    case 'INT':
    case 'SMALLINT':
      c.dataType = 'NUMBER';
      c.scale = 0;
      return true;
    case 'DECIMAL':
    case 'NUMERIC':
    case 'DEC':
      c.dataType = 'NUMBER';
      c.precision = num(args[0]);
      c.scale = num(args[1]) ?? 0;
      return true;
    case 'FLOAT':
      c.dataType = 'FLOAT';
      c.precision = num(args[0]) ?? 126;
      return true;
    case 'REAL':
      c.dataType = 'FLOAT';
      c.precision = 63;
      return true;
    case 'DOUBLE PRECISION':
      c.dataType = 'FLOAT';
      c.precision = 126;
      return true;
    case 'RAW':
      c.dataType = 'RAW';
      c.dataLength = num(args[0]) ?? 1;
      return true;
    default:
      return false;
  }
}

/** TIMESTAMP and INTERVAL (whose qualifiers follow the arguments), built-in types without arguments, and the schema's own object types. */
function otherType(d: OracleDictionary, cur: Cursor, c: Col, name: string, args: string[], from: number): void {
  switch (name) {
    case 'TIMESTAMP': {
      let dt = `TIMESTAMP(${num(args[0]) ?? 6})`;
      if (cur.eat('WITH', 'LOCAL', 'TIME', 'ZONE')) dt += ' WITH LOCAL TIME ZONE';
      else if (cur.eat('WITH', 'TIME', 'ZONE')) dt += ' WITH TIME ZONE';
      c.dataType = dt;
      return;
    }
    case 'INTERVAL': {
      const f = cur.i;
      while (!cur.done() && !cur.is(',') && !cur.is(')') && !CONSTRAINT_WORDS.includes(cur.peek()!.v)) cur.i++;
      c.dataType = ('INTERVAL ' + cur.textFrom(f))
        .replace(/\s+/g, ' ')
        .replace(/\s*\(\s*/g, '(')
        .replace(/\s*\)/g, ')')
        .toUpperCase();
      return;
    }
    default:
      if (c.typeOwner === null && !BUILTIN_TYPES.test(name)) {
        // A type of the schema's own (CREATE TYPE … AS OBJECT) used as a column type.
        if (!d.units.has(`TYPE\u0000${name}`)) throw new Unreadable(`unknown data type ${cur.textFrom(from)}`);
        c.typeOwner = d.schema ?? [...d.owners][0] ?? null;
      }
      c.dataType = name;
  }
}

/** Inline constraints and attributes after a column's type (CREATE TABLE and ALTER TABLE ADD/MODIFY). */
export function columnTail(d: OracleDictionary, cur: Cursor, t: Tbl, c: Col, modify: boolean): void {
  for (;;) {
    if (cur.eat('SORT') || cur.eat('VISIBLE') || cur.eat('INVISIBLE')) continue;
    if (cur.eat('COLLATE')) {
      cur.name();
      continue;
    }
    if (cur.eat('DEFAULT')) {
      cur.eat('ON', 'NULL');
      c.dflt = cur.until(CONSTRAINT_WORDS.filter((w) => w !== 'NULL' && w !== 'DEFAULT'));
      continue;
    }
    if (cur.eat('GENERATED')) {
      if (cur.eat('ALWAYS') || cur.eat('BY', 'DEFAULT')) cur.eat('ON', 'NULL');
      cur.expect('AS');
      if (cur.eat('IDENTITY')) {
        cur.skipGroup();
        c.identity = true;
        c.nullable = false;
        continue;
      }
      virtualExpr(cur, c);
      continue;
    }
    if (cur.is('AS', '(')) {
      cur.i++;
      virtualExpr(cur, c);
      continue;
    }
    let cname: string | undefined;
    if (cur.eat('CONSTRAINT')) cname = cur.name();
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
      continue;
    }
    if (cur.eat('NULL')) {
      c.nullable = true;
      if (modify) t.cons = t.cons.filter((k) => !(k.type === 'C' && k.cond === `"${c.name}" IS NOT NULL`));
      constraintState(d, cur);
      continue;
    }
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
      continue;
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
      continue;
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
      continue;
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
      continue;
    }
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
export function columnDef(d: OracleDictionary, cur: Cursor, t: Tbl): Col {
  const c: Col = {
    name: cur.name(),
    dataType: '',
    dataLength: null,
    charLength: null,
    charUsed: null,
    precision: null,
    scale: null,
    typeOwner: null,
    nullable: true,
    dflt: null,
    identity: false,
    virtual: false,
  };
  if (t.columns.some((x) => x.name === c.name))
    throw new Unreadable(`column ${c.name} is already in table ${t.name} (ORA-00957/01430)`);
  // A virtual column may leave out its type.
  if (!cur.is('GENERATED') && !cur.is('AS')) dataType(d, cur, c);
  else c.dataType = 'NUMBER';
  columnTail(d, cur, t, c, false);
  return c;
}
