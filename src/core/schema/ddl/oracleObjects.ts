/**
 * Oracle DDL statements on objects other than tables, applied to the in-memory dictionary:
 * indexes, sequences, views, PL/SQL units, synonyms and the like, comments, RENAME and DROP.
 */
import { type Cursor, Unreadable } from './oracleCursor.js';
import {
  dropTableExtras,
  type Idx,
  type OracleDictionary,
  renameTable,
  type Seq,
  type Unit,
} from './oracleDictionary.js';
import type { DdlStatement } from './splitSql.js';

const MAX28 = '9999999999999999999999999999';

export function createIndex(d: OracleDictionary, cur: Cursor, unique: boolean, bitmap: boolean): void {
  const name = cur.qualified(d.owners);
  cur.expect('ON');
  const t = d.table(cur.qualified(d.owners));
  if (d.indexes.has(name)) throw new Unreadable(`index ${name} already exists (ORA-00955)`);
  cur.expect('(');
  const columns: Idx['columns'] = [];
  do {
    const from = cur.i;
    const expr = cur.until(['ASC', 'DESC']);
    const desc = cur.eat('DESC');
    cur.eat('ASC');
    const single = cur.i - from - (desc ? 1 : 0) === 1 ? cur.toks[from]! : undefined;
    if (single && (single.kind === 'word' || single.kind === 'qname')) {
      d.column(t, single.v);
      columns.push({ name: single.v, desc });
    } else columns.push({ expr: expr.replace(/\s+(ASC|DESC)$/i, '').replace(/\s+/g, ' '), desc });
  } while (cur.eat(','));
  cur.expect(')');
  d.indexes.set(name, { name, table: t.name, unique, bitmap, columns });
  // The rest (TABLESPACE, LOCAL, ONLINE, COMPUTE STATISTICS …) is physical.
  cur.i = cur.toks.length;
}
function createSequence(d: OracleDictionary, cur: Cursor, existing?: Seq): void {
  const name = cur.qualified(d.owners);
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
    else if (
      cur.eat('ORDER') ||
      cur.eat('NOORDER') ||
      cur.eat('KEEP') ||
      cur.eat('NOKEEP') ||
      cur.eat('SCALE') ||
      cur.eat('NOSCALE') ||
      cur.eat('EXTEND') ||
      cur.eat('NOEXTEND') ||
      cur.eat('GLOBAL') ||
      cur.eat('SESSION') ||
      cur.eat('SHARD') ||
      cur.eat('NOSHARD')
    )
      continue;
    else throw new Unreadable(`sequence option ${cur.near()} is not read`);
  }
  const desc = s.increment.startsWith('-');
  if (min !== undefined) s.min = min;
  if (max !== undefined) s.max = max;
  // The dictionary's values for left-out bounds.
  if (!s.min) s.min = desc ? '-' + MAX28.slice(1) : '1';
  if (!s.max) s.max = desc ? '-1' : MAX28;
  d.sequences.set(name, s);
}
export function plsqlUnit(d: OracleDictionary, st: DdlStatement, cur: Cursor): void {
  const kindTok = cur.peek()!;
  let kind = cur.name();
  if ((kind === 'PACKAGE' || kind === 'TYPE') && cur.eat('BODY')) kind += ' BODY';
  const name = cur.qualified(d.owners);
  cur.i = cur.toks.length;
  // all_source holds the unit from its kind on, without CREATE [OR REPLACE] [EDITIONABLE].
  const text = st.sql.slice(kindTok.start).replace(/\s*\/\s*$/, '');
  const u: Unit = { kind, name, text };
  if (kind === 'TRIGGER') {
    const head = /\bON\s+((?:"[^"]+"|[\w$#]+)(?:\s*\.\s*(?:"[^"]+"|[\w$#]+))?)/i.exec(
      text.split(/\b(BEGIN|DECLARE|COMPOUND\s+TRIGGER|CALL)\b/i)[0] ?? '',
    );
    if (head) {
      const parts = head[1]!
        .split('.')
        .map((p) => p.trim())
        .map((p) => (p.startsWith('"') ? p.slice(1, -1) : p.toUpperCase()));
      u.table = parts[parts.length - 1];
    }
  }
  d.units.set(`${kind}\u0000${name}`, u);
}
export function drop(d: OracleDictionary, cur: Cursor): void {
  const kinds: Array<[string[], (n: string) => boolean]> = [
    [['TABLE'], (n) => d.tables.delete(n) && (dropTableExtras(d, n), true)],
    [['VIEW'], (n) => d.views.delete(n)],
    [['MATERIALIZED', 'VIEW'], (n) => d.others.delete(`MATERIALIZED VIEW\u0000${n}`)],
    [['INDEX'], (n) => d.indexes.delete(n)],
    [['SEQUENCE'], (n) => d.sequences.delete(n)],
    [['SYNONYM'], (n) => d.others.delete(`SYNONYM\u0000${n}`)],
    [['DATABASE', 'LINK'], (n) => d.others.delete(`DATABASE LINK\u0000${n}`)],
    [['PACKAGE', 'BODY'], (n) => d.units.delete(`PACKAGE BODY\u0000${n}`)],
    [['PACKAGE'], (n) => d.units.delete(`PACKAGE\u0000${n}`) && (d.units.delete(`PACKAGE BODY\u0000${n}`), true)],
    [['TYPE', 'BODY'], (n) => d.units.delete(`TYPE BODY\u0000${n}`)],
    [['TYPE'], (n) => d.units.delete(`TYPE\u0000${n}`) && (d.units.delete(`TYPE BODY\u0000${n}`), true)],
    [['PROCEDURE'], (n) => d.units.delete(`PROCEDURE\u0000${n}`)],
    [['FUNCTION'], (n) => d.units.delete(`FUNCTION\u0000${n}`)],
    [['TRIGGER'], (n) => d.units.delete(`TRIGGER\u0000${n}`)],
  ];
  for (const [words, del] of kinds) {
    if (!cur.eat(...words)) continue;
    const n = cur.qualified();
    if (!del(n))
      throw new Unreadable(`${words.join(' ').toLowerCase()} ${n} does not exist at this point of the script`);
    // CASCADE CONSTRAINTS, PURGE, FORCE, VALIDATE: nothing more to the model.
    cur.i = cur.toks.length;
    return;
  }
  throw new Unreadable(`DROP ${cur.near()} is not read`);
}
/** CREATE SEQUENCE, refused when the name is taken. */
export function newSequence(d: OracleDictionary, cur: Cursor): void {
  const at = cur.i;
  const n = cur.qualified();
  if (d.sequences.has(n)) throw new Unreadable(`sequence ${n} already exists (ORA-00955)`);
  cur.i = at;
  createSequence(d, cur);
}

/** ALTER SEQUENCE: the options change the existing sequence. */
export function alterSequence(d: OracleDictionary, cur: Cursor): void {
  const at = cur.i;
  const n = cur.qualified();
  const s = d.sequences.get(n);
  if (!s) throw new Unreadable(`sequence ${n} does not exist (ORA-02289)`);
  cur.i = at;
  createSequence(d, cur, s);
}

/** ALTER INDEX: only RENAME TO changes the model. */
export function alterIndex(d: OracleDictionary, cur: Cursor): void {
  const n = cur.qualified();
  if (cur.eat('RENAME', 'TO')) {
    const ix = d.indexes.get(n);
    if (!ix) throw new Unreadable(`index ${n} does not exist`);
    d.indexes.delete(n);
    ix.name = cur.name();
    d.indexes.set(ix.name, ix);
  }
  cur.i = cur.toks.length;
}

/** CREATE MATERIALIZED VIEW, SYNONYM, DATABASE LINK: kept by kind and name only. */
export function createOther(d: OracleDictionary, cur: Cursor): void {
  const kind = cur.eat('MATERIALIZED', 'VIEW')
    ? 'MATERIALIZED VIEW'
    : cur.eat('SYNONYM')
      ? 'SYNONYM'
      : (cur.eat('DATABASE', 'LINK'), 'DATABASE LINK');
  const n = cur.qualified();
  d.others.set(`${kind}\u0000${n}`, { kind, name: n });
  cur.i = cur.toks.length;
}

/** CREATE [OR REPLACE] [NO] [FORCE] VIEW name [(…)] AS query. */
export function createView(d: OracleDictionary, st: DdlStatement, cur: Cursor, replace: boolean): void {
  cur.eat('NO', 'FORCE') || cur.eat('FORCE');
  cur.eat('EDITIONABLE') || cur.eat('NONEDITIONABLE') || cur.eat('EDITIONING');
  if (!cur.eat('VIEW')) throw new Unreadable(`CREATE ${cur.near()} is not read`);
  const n = cur.qualified(d.owners);
  if (d.views.has(n) && !replace) throw new Unreadable(`view ${n} already exists (ORA-00955)`);
  if (d.tables.has(n)) throw new Unreadable(`name ${n} is already used by a table (ORA-00955)`);
  if (cur.is('(')) cur.skipGroup();
  cur.expect('AS');
  const from = cur.peek();
  if (!from) throw new Unreadable('the view has no query');
  // all_views.text: the query as written, without a final WITH READ ONLY / CHECK OPTION.
  cur.i = cur.toks.length;
  d.views.set(
    n,
    st.sql
      .slice(from.start)
      .replace(/\s*;?\s*$/, '')
      .replace(/\s+WITH\s+(READ\s+ONLY|CHECK\s+OPTION)(\s+CONSTRAINT\s+\S+)?\s*$/i, '')
      .trim(),
  );
}

/** COMMENT ON TABLE | COLUMN … IS '…'; comments on views and other objects are counted, not kept. */
export function commentOn(d: OracleDictionary, cur: Cursor): void {
  const onTable = cur.eat('TABLE');
  if (!onTable && !cur.eat('COLUMN')) {
    if (cur.eat('MATERIALIZED', 'VIEW') || cur.eat('OPERATOR') || cur.eat('INDEXTYPE') || cur.eat('MINING')) {
      cur.i = cur.toks.length;
      d.count('COMMENT');
    } else throw new Unreadable(`COMMENT ON ${cur.near()} is not read`);
    return;
  }
  const parts = [cur.name()];
  while (cur.eat('.')) parts.push(cur.name());
  cur.expect('IS');
  const lit = cur.peek();
  if (!lit || lit.kind !== 'str') throw new Unreadable('expected a string after IS');
  cur.i++;
  const text = lit.v.startsWith("'") ? lit.v.slice(1, -1).replace(/''/g, "'") : lit.v.slice(3, -2);
  if (onTable) {
    const n = parts[parts.length - 1]!;
    if (d.views.has(n)) d.count('COMMENT ON VIEW');
    else d.table(n).comment = text || undefined;
  } else {
    const [tn, cn] = parts.slice(-2) as [string, string];
    if (d.views.has(tn)) d.count('COMMENT ON VIEW');
    else d.column(d.table(tn), cn).comment = text || undefined;
  }
  if (parts.length > (onTable ? 1 : 2)) d.owners.add(parts[0]!);
}

/** RENAME a TO b: a table, view or sequence. */
export function rename(d: OracleDictionary, cur: Cursor): void {
  const from = cur.name();
  cur.expect('TO');
  const to = cur.name();
  if (d.tables.has(from)) renameTable(d, from, to);
  else if (d.views.has(from)) {
    d.views.set(to, d.views.get(from)!);
    d.views.delete(from);
  } else if (d.sequences.has(from)) {
    d.sequences.set(to, d.sequences.get(from)!);
    d.sequences.delete(from);
  } else throw new Unreadable(`${from} does not exist`);
}
