/**
 * Column definitions in Oracle DDL (CREATE TABLE and ALTER TABLE ADD/MODIFY): the column and its
 * data type as the dictionary stores it; what follows the type is read by oracleConstraints.ts.
 */
import { type Cursor, Unreadable } from './oracleCursor.js';
import type { Col, OracleDictionary, Tbl } from './oracleDictionary.js';
import { CONSTRAINT_WORDS, columnTail } from './oracleConstraints.js';

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
