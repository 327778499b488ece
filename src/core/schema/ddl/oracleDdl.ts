/**
 * Oracle DDL without an Oracle server: each statement is applied to an in-memory copy of the data
 * dictionary (tables, columns, constraints, indexes, comments, sequences, views, PL/SQL source),
 * which is then read by the same mapping live introspection uses (oracleModelFromRows). So a
 * script and the database built from it give the same model, down to SYS_C names, NOT NULL
 * checks and constraint-backed indexes.
 *
 * The subset read (docs/schema.md, "DDL files"): CREATE [GLOBAL TEMPORARY] TABLE (columns with
 * types, DEFAULT, identity and virtual columns, inline and out-of-line constraints; storage
 * clauses after the column list ignored), CREATE [UNIQUE|BITMAP] INDEX, CREATE SEQUENCE, ALTER
 * SEQUENCE, CREATE [OR REPLACE] VIEW, COMMENT ON TABLE/COLUMN, ALTER TABLE ADD/MODIFY/DROP/RENAME
 * (columns and constraints), RENAME, DROP, named PL/SQL units (procedure, function, package [body],
 * trigger, type [body]: kept as source), synonyms, materialised views and database links (kept as
 * other objects). Data, session and privilege statements are skipped and counted; anonymous
 * PL/SQL blocks are skipped with a warning naming file and line. Any other statement stops the
 * read with DDL_STATEMENT_UNREADABLE naming file and line: a statement left out could hide a
 * table, and a missing table would become a DROP in a sync script.
 */
import { HisopsError, inputError } from '../../errors.js';
import type { NameFilter } from '../filter.js';
import { oracleModelFromRows, type OracleRows } from '../introspect/oracle.js';
import type { IntrospectResult } from '../introspect/index.js';
import type { SchemaSource } from '../model.js';
import { Cursor, tokenize, Unreadable } from './oracleCursor.js';
import type { DdlStatement } from './splitSql.js';

interface Col {
  name: string;
  dataType: string;
  dataLength: number | null;
  charLength: number | null;
  charUsed: string | null;
  precision: number | null;
  scale: number | null;
  typeOwner: string | null;
  nullable: boolean;
  dflt: string | null;
  identity: boolean;
  virtual: boolean;
  comment?: string;
}
interface Cons {
  name: string;
  type: 'P' | 'U' | 'R' | 'C';
  columns: string[];
  cond?: string;
  refOwner?: string;
  refTable?: string;
  refColumns?: string[];
  deleteRule?: string;
  generated: boolean;
  disabled: boolean;
  /** USING INDEX <name>: the existing index that backs a primary or unique key. */
  usingIndex?: string;
}
interface Tbl {
  name: string;
  temporary: boolean;
  comment?: string;
  columns: Col[];
  cons: Cons[];
}
interface Idx {
  name: string;
  table: string;
  unique: boolean;
  bitmap: boolean;
  columns: Array<{ name?: string; expr?: string; desc: boolean }>;
}

const CONSTRAINT_WORDS = ['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES', 'FOREIGN', 'NOT', 'NULL', 'ENABLE', 'DISABLE', 'DEFAULT', 'GENERATED', 'AS', 'VISIBLE', 'INVISIBLE', 'COLLATE', 'SORT', 'ENCRYPT'];
const SKIPPED_KINDS = /^(INSERT|UPDATE|DELETE|MERGE|COMMIT|ROLLBACK|SAVEPOINT|GRANT|REVOKE|TRUNCATE|ANALYZE|CALL|LOCK|EXPLAIN|SELECT|WITH|PURGE|AUDIT|NOAUDIT|FLASHBACK|ALTER\s+(SESSION|SYSTEM|USER|ROLE|PROFILE|TABLESPACE|DATABASE|RESOURCE)|(CREATE|DROP)\s+(USER|ROLE|PROFILE|(BIGFILE\s+|SMALLFILE\s+|TEMPORARY\s+|UNDO\s+)*TABLESPACE|DIRECTORY|PUBLIC\s+(SYNONYM|DATABASE\s+LINK)|CONTEXT|EDITION|RESTORE\s+POINT|PLUGGABLE|DATABASE\s+(?!LINK)))\b/i;
const MAX28 = '9999999999999999999999999999';

export interface OracleDdlOptions {
  /** The owner the script's objects belong to (default: the qualifier the script uses, if one). */
  schema?: string;
  filter?: Partial<NameFilter>;
}

export function readOracleDdl(statements: DdlStatement[], source: SchemaSource, opts: OracleDdlOptions = {}): IntrospectResult {
  const tables = new Map<string, Tbl>();
  const indexes = new Map<string, Idx>();
  const views = new Map<string, string>();
  const sequences = new Map<string, { increment: string; min: string; max: string; cycle: boolean; cache: string }>();
  const units = new Map<string, { kind: string; name: string; text: string; table?: string }>();
  const others = new Map<string, { kind: string; name: string }>();
  const owners = new Set<string>();
  const skipped = new Map<string, number>();
  const warnings: string[] = [];
  let sysc = 0;
  const sysName = () => `SYS_C${String(++sysc).padStart(7, '0')}`;
  const count = (what: string) => skipped.set(what, (skipped.get(what) ?? 0) + 1);

  const table = (name: string): Tbl => {
    const t = tables.get(name);
    if (!t) throw new Unreadable(`table ${name} does not exist at this point of the script (ORA-00942)`);
    return t;
  };
  const column = (t: Tbl, name: string): Col => {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Unreadable(`table ${t.name} has no column ${name} (ORA-00904)`);
    return c;
  };

  function dataType(cur: Cursor, c: Col): void {
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
    if (name === 'NATIONAL' && (cur.eat('CHAR') || cur.eat('CHARACTER'))) name = cur.eat('VARYING') ? 'NVARCHAR2' : 'NCHAR';
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
    const num = (s: string | undefined) => (s === undefined || s === '' || s === '*' ? null : Number(s.split(' ')[0]));
    const unitOf = (s: string | undefined) => (/\bCHAR$/i.test(s ?? '') ? 'C' : 'B');
    c.dataLength = c.charLength = c.precision = c.scale = null;
    c.charUsed = null;
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
        return;
      }
      case 'NVARCHAR2':
      case 'NCHAR':
        c.dataType = name;
        c.charLength = num(args[0]) ?? 1;
        c.dataLength = c.charLength * 2;
        c.charUsed = 'C';
        return;
      case 'NUMBER':
        c.dataType = 'NUMBER';
        if (args.length) {
          c.precision = num(args[0]);
          c.scale = num(args[1]) ?? 0;
        }
        return;
      case 'INTEGER':
      case 'INT':
      case 'SMALLINT':
        c.dataType = 'NUMBER';
        c.scale = 0;
        return;
      case 'DECIMAL':
      case 'NUMERIC':
      case 'DEC':
        c.dataType = 'NUMBER';
        c.precision = num(args[0]);
        c.scale = num(args[1]) ?? 0;
        return;
      case 'FLOAT':
        c.dataType = 'FLOAT';
        c.precision = num(args[0]) ?? 126;
        return;
      case 'REAL':
        c.dataType = 'FLOAT';
        c.precision = 63;
        return;
      case 'DOUBLE PRECISION':
        c.dataType = 'FLOAT';
        c.precision = 126;
        return;
      case 'RAW':
        c.dataType = 'RAW';
        c.dataLength = num(args[0]) ?? 1;
        return;
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
        c.dataType = ('INTERVAL ' + cur.textFrom(f)).replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*\)/g, ')').toUpperCase();
        return;
      }
      default:
        if (c.typeOwner === null && !/^(DATE|CLOB|NCLOB|BLOB|BFILE|LONG|LONG RAW|XMLTYPE|JSON|BOOLEAN|BINARY_FLOAT|BINARY_DOUBLE|ROWID|UROWID)$/.test(name)) {
          // A type of the schema's own (CREATE TYPE … AS OBJECT) used as a column type.
          if (!units.has(`TYPE\u0000${name}`)) throw new Unreadable(`unknown data type ${cur.textFrom(from)}`);
          c.typeOwner = opts.schema?.toUpperCase() ?? [...owners][0] ?? null;
        }
        c.dataType = name;
    }
  }

  /** Inline constraints and attributes after a column's type (CREATE TABLE and ALTER TABLE ADD/MODIFY). */
  function columnTail(cur: Cursor, t: Tbl, c: Col, modify: boolean): void {
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
        if (cname) t.cons.push({ name: cname, type: 'C', columns: [c.name], cond: `"${c.name}" IS NOT NULL`, generated: false, disabled: constraintState(cur) });
        else constraintState(cur);
        continue;
      }
      if (cur.eat('NULL')) {
        c.nullable = true;
        if (modify) t.cons = t.cons.filter((k) => !(k.type === 'C' && k.cond === `"${c.name}" IS NOT NULL`));
        constraintState(cur);
        continue;
      }
      if (cur.eat('PRIMARY', 'KEY')) {
        t.cons.push({ name: cname ?? sysName(), type: 'P', columns: [c.name], generated: !cname, disabled: constraintState(cur), ...(usingIndex ? { usingIndex } : {}) });
        c.nullable = false;
        continue;
      }
      if (cur.eat('UNIQUE')) {
        t.cons.push({ name: cname ?? sysName(), type: 'U', columns: [c.name], generated: !cname, disabled: constraintState(cur), ...(usingIndex ? { usingIndex } : {}) });
        continue;
      }
      if (cur.eat('CHECK')) {
        t.cons.push({ name: cname ?? sysName(), type: 'C', columns: [c.name], cond: checkCond(cur), generated: !cname, disabled: constraintState(cur) });
        continue;
      }
      if (cur.eat('REFERENCES')) {
        t.cons.push({ name: cname ?? sysName(), type: 'R', columns: [c.name], ...references(cur), generated: !cname, disabled: constraintState(cur) });
        continue;
      }
      if (cname) throw new Unreadable(`constraint ${cname}: expected NOT NULL, PRIMARY KEY, UNIQUE, CHECK or REFERENCES at "${cur.near()}"`);
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

  /** ENABLE/DISABLE, VALIDATE, DEFERRABLE, USING INDEX …, RELY: returns whether it is disabled. */
  /** Set by constraintState when the constraint names its index (USING INDEX [owner.]name). */
  let usingIndex: string | undefined;
  const INDEX_PHYSICAL = ['PCTFREE', 'INITRANS', 'MAXTRANS', 'COMPUTE', 'STORAGE', 'TABLESPACE', 'LOGGING', 'NOLOGGING', 'LOCAL', 'GLOBAL', 'REVERSE', 'COMPRESS', 'NOCOMPRESS', 'PARALLEL', 'NOPARALLEL', 'ONLINE', 'VISIBLE', 'INVISIBLE', 'SORT', 'NOSORT', 'ENABLE', 'DISABLE'];
  function constraintState(cur: Cursor): boolean {
    let disabled = false;
    usingIndex = undefined;
    for (;;) {
      if (cur.eat('ENABLE') || cur.eat('VALIDATE') || cur.eat('NOVALIDATE') || cur.eat('RELY') || cur.eat('NORELY') || cur.eat('DEFERRABLE') || cur.eat('NOT', 'DEFERRABLE') || cur.eat('INITIALLY', 'DEFERRED') || cur.eat('INITIALLY', 'IMMEDIATE')) continue;
      if (cur.eat('DISABLE')) {
        disabled = true;
        continue;
      }
      if (cur.eat('USING', 'INDEX')) {
        const t = cur.peek();
        if (t && (t.kind === 'qname' || (t.kind === 'word' && !INDEX_PHYSICAL.includes(t.v)))) usingIndex = cur.qualified();
        else if (cur.is('(')) cur.skipGroup();
        else while (!cur.done() && !cur.is(',') && !cur.is(')') && !['ENABLE', 'DISABLE', 'CONSTRAINT', 'NOT', 'NULL', 'PRIMARY', 'UNIQUE', 'CHECK', 'REFERENCES'].includes(cur.peek()!.v)) {
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
  function outOfLine(cur: Cursor, t: Tbl): boolean {
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
    cons.disabled = constraintState(cur);
    if (usingIndex) cons.usingIndex = usingIndex;
    if (!cons.name) cons.name = sysName();
    for (const c of cons.columns) column(t, c);
    if (cons.type === 'P') for (const c of cons.columns) column(t, c).nullable = false;
    if (t.cons.some((k) => k.name === cons!.name)) throw new Unreadable(`constraint ${cons.name} already exists (ORA-02264)`);
    t.cons.push(cons);
    return true;
  }

  function columnDef(cur: Cursor, t: Tbl): Col {
    const c: Col = { name: cur.name(), dataType: '', dataLength: null, charLength: null, charUsed: null, precision: null, scale: null, typeOwner: null, nullable: true, dflt: null, identity: false, virtual: false };
    if (t.columns.some((x) => x.name === c.name)) throw new Unreadable(`column ${c.name} is already in table ${t.name} (ORA-00957/01430)`);
    // A virtual column may leave out its type.
    if (!cur.is('GENERATED') && !cur.is('AS')) dataType(cur, c);
    else c.dataType = 'NUMBER';
    columnTail(cur, t, c, false);
    return c;
  }

  function createTable(cur: Cursor, temporary: boolean): void {
    const name = cur.qualified(owners);
    if (tables.has(name) || views.has(name)) throw new Unreadable(`name ${name} is already used by an existing object (ORA-00955)`);
    const t: Tbl = { name, temporary, columns: [], cons: [] };
    if (cur.is('OF')) throw new Unreadable('object tables (CREATE TABLE … OF type) are not read');
    if (!cur.eat('(')) throw new Unreadable(cur.is('AS') ? 'CREATE TABLE … AS SELECT is not read: its columns come from a query (create the table with its columns, or load the script into a scratch database)' : `expected ( at "${cur.near()}"`);
    do {
      if (outOfLine(cur, t)) continue;
      t.columns.push(columnDef(cur, t));
    } while (cur.eat(','));
    cur.expect(')');
    // What follows the column list is physical (TABLESPACE, STORAGE, LOB, PARTITION BY, ON COMMIT …): not part of the model.
    while (!cur.done()) {
      if (cur.is('AS')) throw new Unreadable('CREATE TABLE … AS SELECT is not read: its columns come from a query');
      if (cur.is('(')) cur.skipGroup();
      else cur.i++;
    }
    tables.set(name, t);
  }

  function alterTable(cur: Cursor): void {
    const t = table(cur.qualified(owners));
    if (cur.eat('ADD')) {
      const group = cur.eat('(');
      do {
        if (outOfLine(cur, t)) continue;
        t.columns.push(columnDef(cur, t));
      } while ((group || cur.is(',')) && cur.eat(','));
      if (group) cur.expect(')');
      return;
    }
    if (cur.eat('MODIFY')) {
      if (cur.eat('CONSTRAINT')) {
        const k = t.cons.find((x) => x.name === cur.peek()?.v);
        cur.name();
        const d = constraintState(cur);
        if (k) k.disabled = d;
        return;
      }
      if (cur.is('PRIMARY', 'KEY') || cur.is('UNIQUE')) {
        cur.until([]);
        return;
      }
      const group = cur.eat('(');
      do {
        const c = column(t, cur.name());
        if (!cur.is('DEFAULT') && !cur.is('NOT') && !cur.is('NULL') && !cur.is('CONSTRAINT') && !cur.is('GENERATED') && !cur.is(',') && !cur.is(')') && !cur.done() && !cur.is('VISIBLE') && !cur.is('INVISIBLE')) dataType(cur, c);
        columnTail(cur, t, c, true);
      } while ((group || cur.is(',')) && cur.eat(','));
      if (group) cur.expect(')');
      return;
    }
    if (cur.eat('DROP')) {
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
        column(t, n);
        t.columns = t.columns.filter((c) => c.name !== n);
        // Constraints over a dropped column go with it (CASCADE CONSTRAINTS, or single-column ones).
        t.cons = t.cons.filter((k) => !k.columns.includes(n));
        for (const [k, ix] of indexes) if (ix.table === t.name && ix.columns.some((c) => c.name === n)) indexes.delete(k);
      }
      cur.eat('CASCADE', 'CONSTRAINTS');
      cur.eat('INVALIDATE');
      return;
    }
    if (cur.eat('RENAME', 'COLUMN')) {
      const from = cur.name();
      cur.expect('TO');
      const to = cur.name();
      column(t, from).name = to;
      for (const k of t.cons) k.columns = k.columns.map((c) => (c === from ? to : c));
      for (const ix of indexes.values()) if (ix.table === t.name) for (const c of ix.columns) if (c.name === from) c.name = to;
      for (const o of tables.values()) for (const k of o.cons) if (k.type === 'R' && k.refTable === t.name && k.refColumns) k.refColumns = k.refColumns.map((c) => (c === from ? to : c));
      return;
    }
    if (cur.eat('RENAME', 'CONSTRAINT')) {
      const from = cur.name();
      cur.expect('TO');
      const to = cur.name();
      const k = t.cons.find((x) => x.name === from);
      if (!k) throw new Unreadable(`table ${t.name} has no constraint ${from}`);
      k.name = to;
      k.generated = false;
      return;
    }
    if (cur.eat('RENAME', 'TO')) {
      renameTable(t.name, cur.qualified());
      return;
    }
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
    if (/^(MOVE|PCTFREE|PCTUSED|INITRANS|STORAGE|LOGGING|NOLOGGING|PARALLEL|NOPARALLEL|CACHE|NOCACHE|COMPRESS|NOCOMPRESS|ROW|ALLOCATE|DEALLOCATE|SHRINK|READ|MONITORING|NOMONITORING)$/.test(cur.peek()?.v ?? '')) {
      cur.i = cur.toks.length;
      return;
    }
    throw new Unreadable(`ALTER TABLE ${t.name} ${cur.near()} is not read`);
  }

  function renameTable(from: string, to: string): void {
    const t = table(from);
    tables.delete(from);
    t.name = to;
    tables.set(to, t);
    for (const ix of indexes.values()) if (ix.table === from) ix.table = to;
    for (const o of tables.values()) for (const k of o.cons) if (k.type === 'R' && k.refTable === from && !k.refOwner) k.refTable = to;
    for (const u of units.values()) if (u.table === from) u.table = to;
  }

  function createIndex(cur: Cursor, unique: boolean, bitmap: boolean): void {
    const name = cur.qualified(owners);
    cur.expect('ON');
    const t = table(cur.qualified(owners));
    if (indexes.has(name)) throw new Unreadable(`index ${name} already exists (ORA-00955)`);
    cur.expect('(');
    const columns: Idx['columns'] = [];
    do {
      const from = cur.i;
      const expr = cur.until(['ASC', 'DESC']);
      const desc = cur.eat('DESC');
      cur.eat('ASC');
      const single = cur.i - from - (desc ? 1 : 0) === 1 ? cur.toks[from]! : undefined;
      if (single && (single.kind === 'word' || single.kind === 'qname')) {
        column(t, single.v);
        columns.push({ name: single.v, desc });
      } else columns.push({ expr: expr.replace(/\s+(ASC|DESC)$/i, '').replace(/\s+/g, ' '), desc });
    } while (cur.eat(','));
    cur.expect(')');
    indexes.set(name, { name, table: t.name, unique, bitmap, columns });
    // The rest (TABLESPACE, LOCAL, ONLINE, COMPUTE STATISTICS …) is physical.
    cur.i = cur.toks.length;
  }

  function createSequence(cur: Cursor, existing?: { increment: string; min: string; max: string; cycle: boolean; cache: string }): void {
    const name = cur.qualified(owners);
    const s = existing ?? { increment: '1', min: '', max: '', cycle: false, cache: '20' };
    const nums = () => {
      const neg = cur.eat('-');
      const t = cur.peek();
      if (!t || t.kind !== 'num') throw new Unreadable(`expected a number at "${cur.near()}"`);
      cur.i++;
      return (neg ? '-' : '') + t.v;
    };
    let min: string | undefined;
    let max: string | undefined;
    while (!cur.done()) {
      if (cur.eat('INCREMENT', 'BY')) s.increment = nums();
      else if (cur.eat('START', 'WITH')) nums();
      else if (cur.eat('RESTART')) cur.eat('START', 'WITH') && nums();
      else if (cur.eat('MAXVALUE')) max = nums();
      else if (cur.eat('MINVALUE')) min = nums();
      else if (cur.eat('NOMAXVALUE')) max = '';
      else if (cur.eat('NOMINVALUE')) min = '';
      else if (cur.eat('CYCLE')) s.cycle = true;
      else if (cur.eat('NOCYCLE')) s.cycle = false;
      else if (cur.eat('CACHE')) s.cache = nums();
      else if (cur.eat('NOCACHE')) s.cache = '0';
      else if (cur.eat('ORDER') || cur.eat('NOORDER') || cur.eat('KEEP') || cur.eat('NOKEEP') || cur.eat('SCALE') || cur.eat('NOSCALE') || cur.eat('EXTEND') || cur.eat('NOEXTEND') || cur.eat('GLOBAL') || cur.eat('SESSION') || cur.eat('SHARD') || cur.eat('NOSHARD')) continue;
      else throw new Unreadable(`sequence option ${cur.near()} is not read`);
    }
    const desc = s.increment.startsWith('-');
    if (min !== undefined) s.min = min;
    if (max !== undefined) s.max = max;
    // The dictionary's values for left-out bounds.
    if (!s.min) s.min = desc ? '-' + MAX28.slice(1) : '1';
    if (!s.max) s.max = desc ? '-1' : MAX28;
    sequences.set(name, s);
  }

  function plsqlUnit(st: DdlStatement, cur: Cursor): void {
    const kindTok = cur.peek()!;
    let kind = cur.name();
    if ((kind === 'PACKAGE' || kind === 'TYPE') && cur.eat('BODY')) kind += ' BODY';
    const name = cur.qualified(owners);
    cur.i = cur.toks.length;
    // all_source holds the unit from its kind on, without CREATE [OR REPLACE] [EDITIONABLE].
    const text = st.sql.slice(kindTok.start).replace(/\s*\/\s*$/, '');
    const u: { kind: string; name: string; text: string; table?: string } = { kind, name, text };
    if (kind === 'TRIGGER') {
      const head = /\bON\s+((?:"[^"]+"|[\w$#]+)(?:\s*\.\s*(?:"[^"]+"|[\w$#]+))?)/i.exec(text.split(/\b(BEGIN|DECLARE|COMPOUND\s+TRIGGER|CALL)\b/i)[0] ?? '');
      if (head) {
        const parts = head[1]!.split('.').map((p) => p.trim()).map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toUpperCase()));
        u.table = parts[parts.length - 1];
      }
    }
    units.set(`${kind}\u0000${name}`, u);
  }

  function drop(cur: Cursor): void {
    const kinds: Array<[string[], (n: string) => boolean]> = [
      [['TABLE'], (n) => tables.delete(n) && (dropTableExtras(n), true)],
      [['VIEW'], (n) => views.delete(n)],
      [['MATERIALIZED', 'VIEW'], (n) => others.delete(`MATERIALIZED VIEW\u0000${n}`)],
      [['INDEX'], (n) => indexes.delete(n)],
      [['SEQUENCE'], (n) => sequences.delete(n)],
      [['SYNONYM'], (n) => others.delete(`SYNONYM\u0000${n}`)],
      [['DATABASE', 'LINK'], (n) => others.delete(`DATABASE LINK\u0000${n}`)],
      [['PACKAGE', 'BODY'], (n) => units.delete(`PACKAGE BODY\u0000${n}`)],
      [['PACKAGE'], (n) => units.delete(`PACKAGE\u0000${n}`) && (units.delete(`PACKAGE BODY\u0000${n}`), true)],
      [['TYPE', 'BODY'], (n) => units.delete(`TYPE BODY\u0000${n}`)],
      [['TYPE'], (n) => units.delete(`TYPE\u0000${n}`) && (units.delete(`TYPE BODY\u0000${n}`), true)],
      [['PROCEDURE'], (n) => units.delete(`PROCEDURE\u0000${n}`)],
      [['FUNCTION'], (n) => units.delete(`FUNCTION\u0000${n}`)],
      [['TRIGGER'], (n) => units.delete(`TRIGGER\u0000${n}`)],
    ];
    for (const [words, del] of kinds) {
      if (!cur.eat(...words)) continue;
      const n = cur.qualified();
      if (!del(n)) throw new Unreadable(`${words.join(' ').toLowerCase()} ${n} does not exist at this point of the script`);
      // CASCADE CONSTRAINTS, PURGE, FORCE, VALIDATE: nothing more to the model.
      cur.i = cur.toks.length;
      return;
    }
    throw new Unreadable(`DROP ${cur.near()} is not read`);
  }

  function dropTableExtras(name: string): void {
    for (const [k, ix] of indexes) if (ix.table === name) indexes.delete(k);
    for (const [k, u] of units) if (u.kind === 'TRIGGER' && u.table === name) units.delete(k);
    for (const o of tables.values()) o.cons = o.cons.filter((k) => !(k.type === 'R' && k.refTable === name && !k.refOwner));
  }

  for (const st of statements) {
    if (st.client) {
      count('SQL*Plus');
      continue;
    }
    const head = st.sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '').slice(0, 120).replace(/\s+/g, ' ');
    if (SKIPPED_KINDS.test(head)) {
      count(head.split(' ')[0]!.toUpperCase());
      continue;
    }
    if (/^(DECLARE|BEGIN)\b/i.test(head)) {
      const ddl = /EXECUTE\s+IMMEDIATE\s+'\s*(CREATE|ALTER|DROP|RENAME|COMMENT)/i.test(st.sql);
      warnings.push(`${st.file}:${st.line}: an anonymous PL/SQL block was skipped${ddl ? ': it runs DDL through EXECUTE IMMEDIATE, which is not read; check the objects it changes by hand' : ''}`);
      continue;
    }
    const cur = new Cursor(tokenize(st.sql), st.sql);
    try {
      if (cur.eat('CREATE')) {
        cur.eat('OR', 'REPLACE');
        cur.eat('EDITIONABLE') || cur.eat('NONEDITIONABLE') || cur.eat('EDITIONING');
        const replace = /^CREATE\s+OR\s+REPLACE\b/i.test(head);
        if (cur.eat('GLOBAL', 'TEMPORARY', 'TABLE') || cur.eat('PRIVATE', 'TEMPORARY', 'TABLE')) createTable(cur, true);
        else if (cur.eat('TABLE')) createTable(cur, false);
        else if (cur.eat('UNIQUE', 'INDEX')) createIndex(cur, true, false);
        else if (cur.eat('BITMAP', 'INDEX')) createIndex(cur, false, true);
        else if (cur.eat('INDEX')) createIndex(cur, false, false);
        else if (cur.eat('SEQUENCE')) {
          const at = cur.i;
          const n = cur.qualified();
          if (sequences.has(n)) throw new Unreadable(`sequence ${n} already exists (ORA-00955)`);
          cur.i = at;
          createSequence(cur);
        } else if (cur.is('PROCEDURE') || cur.is('FUNCTION') || cur.is('PACKAGE') || cur.is('TRIGGER') || cur.is('TYPE')) plsqlUnit(st, cur);
        else if (cur.is('MATERIALIZED', 'VIEW') || cur.is('SYNONYM') || cur.is('DATABASE', 'LINK')) {
          const kind = cur.eat('MATERIALIZED', 'VIEW') ? 'MATERIALIZED VIEW' : cur.eat('SYNONYM') ? 'SYNONYM' : (cur.eat('DATABASE', 'LINK'), 'DATABASE LINK');
          const n = cur.qualified();
          others.set(`${kind}\u0000${n}`, { kind, name: n });
          cur.i = cur.toks.length;
        } else {
          cur.eat('NO', 'FORCE') || cur.eat('FORCE');
          cur.eat('EDITIONABLE') || cur.eat('NONEDITIONABLE') || cur.eat('EDITIONING');
          if (!cur.eat('VIEW')) throw new Unreadable(`CREATE ${cur.near()} is not read`);
          const n = cur.qualified(owners);
          if (views.has(n) && !replace) throw new Unreadable(`view ${n} already exists (ORA-00955)`);
          if (tables.has(n)) throw new Unreadable(`name ${n} is already used by a table (ORA-00955)`);
          if (cur.is('(')) cur.skipGroup();
          cur.expect('AS');
          const from = cur.peek();
          if (!from) throw new Unreadable('the view has no query');
          // all_views.text: the query as written, without a final WITH READ ONLY / CHECK OPTION.
          cur.i = cur.toks.length;
          views.set(n, st.sql.slice(from.start).replace(/\s*;?\s*$/, '').replace(/\s+WITH\s+(READ\s+ONLY|CHECK\s+OPTION)(\s+CONSTRAINT\s+\S+)?\s*$/i, '').trim());
        }
      } else if (cur.eat('ALTER', 'TABLE')) alterTable(cur);
      else if (cur.eat('ALTER', 'SEQUENCE')) {
        const at = cur.i;
        const n = cur.qualified();
        const s = sequences.get(n);
        if (!s) throw new Unreadable(`sequence ${n} does not exist (ORA-02289)`);
        cur.i = at;
        createSequence(cur, s);
      } else if (cur.eat('ALTER', 'INDEX')) {
        const n = cur.qualified();
        if (cur.eat('RENAME', 'TO')) {
          const ix = indexes.get(n);
          if (!ix) throw new Unreadable(`index ${n} does not exist`);
          indexes.delete(n);
          ix.name = cur.name();
          indexes.set(ix.name, ix);
        }
        cur.i = cur.toks.length;
      } else if (cur.is('ALTER') && ['TRIGGER', 'PROCEDURE', 'FUNCTION', 'PACKAGE', 'VIEW', 'TYPE'].includes(cur.peek(1)?.v ?? '')) {
        // COMPILE / ENABLE / DISABLE: no change to the source.
        count('ALTER ' + cur.peek(1)!.v);
        cur.i = cur.toks.length;
      } else if (cur.eat('COMMENT', 'ON')) {
        const onTable = cur.eat('TABLE');
        if (!onTable && !cur.eat('COLUMN')) {
          if (cur.eat('MATERIALIZED', 'VIEW') || cur.eat('OPERATOR') || cur.eat('INDEXTYPE') || cur.eat('MINING')) {
            cur.i = cur.toks.length;
            count('COMMENT');
          } else throw new Unreadable(`COMMENT ON ${cur.near()} is not read`);
        } else {
          const parts = [cur.name()];
          while (cur.eat('.')) parts.push(cur.name());
          cur.expect('IS');
          const lit = cur.peek();
          if (!lit || lit.kind !== 'str') throw new Unreadable('expected a string after IS');
          cur.i++;
          const text = lit.v.startsWith("'") ? lit.v.slice(1, -1).replace(/''/g, "'") : lit.v.slice(3, -2);
          if (onTable) {
            const n = parts[parts.length - 1]!;
            if (views.has(n)) count('COMMENT ON VIEW');
            else table(n).comment = text || undefined;
          } else {
            const [tn, cn] = parts.slice(-2) as [string, string];
            if (views.has(tn)) count('COMMENT ON VIEW');
            else column(table(tn), cn).comment = text || undefined;
          }
          if (parts.length > (onTable ? 1 : 2)) owners.add(parts[0]!);
        }
      } else if (cur.eat('DROP')) drop(cur);
      else if (cur.eat('RENAME')) {
        const from = cur.name();
        cur.expect('TO');
        const to = cur.name();
        if (tables.has(from)) renameTable(from, to);
        else if (views.has(from)) {
          views.set(to, views.get(from)!);
          views.delete(from);
        } else if (sequences.has(from)) {
          sequences.set(to, sequences.get(from)!);
          sequences.delete(from);
        } else throw new Unreadable(`${from} does not exist`);
      } else throw new Unreadable(`${head.split(' ').slice(0, 3).join(' ')} … is not a statement this reader knows`);
      if (!cur.done()) throw new Unreadable(`unexpected "${cur.near()}"`);
    } catch (e) {
      if (!(e instanceof Unreadable)) throw e;
      throw unreadable(st, e.message);
    }
  }

  if (skipped.size) warnings.push(`skipped ${[...skipped.values()].reduce((a, b) => a + b, 0)} statement(s) that define no schema object: ${[...skipped].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const owner = (opts.schema ?? (owners.size === 1 ? [...owners][0]! : '')).toUpperCase();
  if (owners.size > 1 && !opts.schema) warnings.push(`the script qualifies names with several owners (${[...owners].join(', ')}): all objects are read as one schema`);
  const src: SchemaSource = { ...source, ...(owner ? { schema: owner } : {}) };
  const res = oracleModelFromRows(toRows(tables, indexes, views, sequences, units, others, owner), src, opts.filter);
  res.warnings.unshift(...warnings);
  return res;
}

function unreadable(st: DdlStatement, why: string): HisopsError {
  const first = st.sql.split('\n')[0]!.slice(0, 80);
  return inputError('DDL_STATEMENT_UNREADABLE', `${st.file}:${st.line}: cannot read this Oracle statement: ${why}`, 'Correct the statement, remove it from a copy of the script if it defines nothing hisops compares, or snapshot a database built from the script instead (docs/schema.md, "DDL files").', `The statement starts: ${first}`, { file: st.file, line: st.line }).zh(
    `${st.file}:${st.line}：无法读取这条 Oracle 语句：${why}`,
    '请修正该语句；若它不定义 hisops 比对的对象，可在脚本副本中删去；或改为对用该脚本建成的数据库做快照（见 docs/schema.md 的 “DDL files” 一节）。',
    `语句开头：${first}`,
  );
}

function toRows(tables: Map<string, Tbl>, indexes: Map<string, Idx>, views: Map<string, string>, sequences: Map<string, { increment: string; min: string; max: string; cycle: boolean; cache: string }>, units: Map<string, { kind: string; name: string; text: string; table?: string }>, others: Map<string, { kind: string; name: string }>, owner: string): OracleRows {
  const rows: OracleRows = { params: [], version: [], tables: [], columns: [], constraints: [], consColumns: [], indexes: [], indColumns: [], indExpressions: [], views: [], sequences: [], source: [], triggers: [], objects: [] };
  const refKey = new Map<string, string>();
  for (const t of tables.values()) {
    rows.tables.push({ table_name: t.name, temporary: t.temporary ? 'Y' : 'N', comments: t.comment ?? null });
    t.columns.forEach((c, i) =>
      rows.columns.push({ table_name: t.name, column_name: c.name, column_id: i + 1, data_type: c.dataType, data_type_owner: c.typeOwner, data_length: c.dataLength, data_precision: c.precision, data_scale: c.scale, char_length: c.charLength, char_used: c.charUsed, nullable: c.nullable ? 'Y' : 'N', data_default: c.dflt, virtual_column: c.virtual ? 'YES' : 'NO', identity_column: c.identity ? 'YES' : 'NO', comments: c.comment ?? null }),
    );
    for (const k of t.cons) if (k.type === 'P' || k.type === 'U') refKey.set(`${t.name}\u0000${k.type === 'P' ? '' : k.columns.join(',')}`, k.name);
  }
  for (const t of tables.values()) {
    for (const k of t.cons) {
      const row: Record<string, unknown> = { table_name: t.name, constraint_name: k.name, constraint_type: k.type, search_condition: k.cond ?? null, status: k.disabled ? 'DISABLED' : 'ENABLED', generated: k.generated ? 'GENERATED NAME' : 'USER NAME', index_name: k.type === 'P' || k.type === 'U' ? (k.usingIndex ?? k.name) : null, delete_rule: k.deleteRule ?? null };
      k.columns.forEach((c, i) => rows.consColumns.push({ owner, constraint_name: k.name, table_name: t.name, column_name: c, position: i + 1 }));
      if (k.type === 'R') {
        const rOwner = k.refOwner && k.refOwner !== owner ? k.refOwner : owner;
        const refT = tables.get(k.refTable!);
        const refCols = k.refColumns ?? refT?.cons.find((x) => x.type === 'P')?.columns ?? [];
        // The referenced key: the table's primary or unique key on those columns, as the dictionary links it.
        const rName = (rOwner === owner && (refKey.get(`${k.refTable}\u0000${refCols.join(',')}`) ?? (refT?.cons.find((x) => x.type === 'P')?.columns.join(',') === refCols.join(',') ? refKey.get(`${k.refTable}\u0000`) : undefined))) || `${k.name}$REF`;
        if (rName === `${k.name}$REF`) refCols.forEach((c, i) => rows.consColumns.push({ owner: rOwner, constraint_name: rName, table_name: k.refTable, column_name: c, position: i + 1 }));
        Object.assign(row, { r_owner: rOwner, r_constraint_name: rName, r_table_name: k.refTable });
      }
      rows.constraints.push(row);
    }
  }
  for (const ix of indexes.values()) {
    rows.indexes.push({ index_name: ix.name, table_name: ix.table, index_type: ix.bitmap ? 'BITMAP' : ix.columns.some((c) => c.expr || c.desc) ? 'FUNCTION-BASED NORMAL' : 'NORMAL', uniqueness: ix.unique ? 'UNIQUE' : 'NONUNIQUE', generated: 'N' });
    ix.columns.forEach((c, i) => {
      // Like Oracle: an expression, or a descending column, is a hidden SYS_NC column with its expression.
      if (c.expr || c.desc) {
        rows.indColumns.push({ index_name: ix.name, table_name: ix.table, column_name: `SYS_NC${String(i + 1).padStart(5, '0')}$`, column_position: i + 1, descend: c.desc ? 'DESC' : 'ASC' });
        rows.indExpressions.push({ index_name: ix.name, column_position: i + 1, column_expression: c.expr ?? `"${c.name}"` });
      } else rows.indColumns.push({ index_name: ix.name, table_name: ix.table, column_name: c.name, column_position: i + 1, descend: 'ASC' });
    });
  }
  for (const [name, text] of views) rows.views.push({ view_name: name, text });
  for (const [name, s] of sequences) rows.sequences.push({ sequence_name: name, min_value: s.min, max_value: s.max, increment_by: s.increment, cycle_flag: s.cycle ? 'Y' : 'N', cache_size: s.cache });
  for (const u of units.values()) {
    rows.source.push({ name: u.name, type: u.kind, line: 1, text: u.text });
    if (u.kind === 'TRIGGER' && u.table) rows.triggers.push({ trigger_name: u.name, table_name: u.table ?? null, base_object_type: 'TABLE' });
  }
  for (const o of others.values()) rows.objects.push({ object_name: o.name, object_type: o.kind, status: 'VALID' });
  return rows;
}
