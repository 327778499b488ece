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
 *
 * This file classifies each statement and hands it to its reader: oracleTables.ts (CREATE and ALTER
 * TABLE), oracleColumns.ts (column types and constraints), oracleObjects.ts (everything else); the
 * dictionary they change is oracleDictionary.ts, read back as rows by oracleRows.ts.
 */
import { type HisopsError, inputError } from '../../errors.js';
import type { IntrospectResult } from '../introspect/index.js';
import { oracleModelFromRows } from '../introspect/oracle.js';
import type { SchemaSource } from '../model.js';
import { Cursor, tokenize, Unreadable } from './oracleCursor.js';
import { OracleDictionary, type OracleDdlOptions } from './oracleDictionary.js';
import {
  alterIndex,
  alterSequence,
  commentOn,
  createIndex,
  createOther,
  createView,
  drop,
  newSequence,
  plsqlUnit,
  rename,
} from './oracleObjects.js';
import { toRows } from './oracleRows.js';
import { alterTable, createTable } from './oracleTables.js';
import type { DdlStatement } from './splitSql.js';

const SKIPPED_KINDS =
  /^(INSERT|UPDATE|DELETE|MERGE|COMMIT|ROLLBACK|SAVEPOINT|GRANT|REVOKE|TRUNCATE|ANALYZE|CALL|LOCK|EXPLAIN|SELECT|WITH|PURGE|AUDIT|NOAUDIT|FLASHBACK|ALTER\s+(SESSION|SYSTEM|USER|ROLE|PROFILE|TABLESPACE|DATABASE|RESOURCE)|(CREATE|DROP)\s+(USER|ROLE|PROFILE|(BIGFILE\s+|SMALLFILE\s+|TEMPORARY\s+|UNDO\s+)*TABLESPACE|DIRECTORY|PUBLIC\s+(SYNONYM|DATABASE\s+LINK)|CONTEXT|EDITION|RESTORE\s+POINT|PLUGGABLE|DATABASE\s+(?!LINK)))\b/i;

export type { OracleDdlOptions };

export function readOracleDdl(
  statements: DdlStatement[],
  source: SchemaSource,
  opts: OracleDdlOptions = {},
): IntrospectResult {
  const d = new OracleDictionary(opts);
  for (const st of statements) readStatement(d, st);
  if (d.skipped.size)
    d.warnings.push(
      `skipped ${[...d.skipped.values()].reduce((a, b) => a + b, 0)} statement(s) that define no schema object: ${[...d.skipped].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  const owner = (opts.schema ?? (d.owners.size === 1 ? [...d.owners][0]! : '')).toUpperCase();
  if (d.owners.size > 1 && !opts.schema)
    d.warnings.push(
      `the script qualifies names with several owners (${[...d.owners].join(', ')}): all objects are read as one schema`,
    );
  const src: SchemaSource = { ...source, ...(owner ? { schema: owner } : {}) };
  const res = oracleModelFromRows(toRows(d, owner), src, opts.filter);
  res.warnings.unshift(...d.warnings);
  return res;
}

/** One statement: skipped and counted, skipped with a warning, or applied to the dictionary. */
function readStatement(d: OracleDictionary, st: DdlStatement): void {
  if (st.client) {
    d.count('SQL*Plus');
    return;
  }
  const head = st.sql
    .replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '')
    .slice(0, 120)
    .replace(/\s+/g, ' ');
  if (SKIPPED_KINDS.test(head)) {
    d.count(head.split(' ')[0]!.toUpperCase());
    return;
  }
  if (/^(DECLARE|BEGIN)\b/i.test(head)) {
    const ddl = /EXECUTE\s+IMMEDIATE\s+'\s*(CREATE|ALTER|DROP|RENAME|COMMENT)/i.test(st.sql);
    d.warnings.push(
      `${st.file}:${st.line}: an anonymous PL/SQL block was skipped${ddl ? ': it runs DDL through EXECUTE IMMEDIATE, which is not read; check the objects it changes by hand' : ''}`,
    );
    return;
  }
  const cur = new Cursor(tokenize(st.sql), st.sql);
  try {
    if (cur.eat('CREATE')) create(d, st, cur, head);
    else if (cur.eat('ALTER', 'TABLE')) alterTable(d, cur);
    else if (cur.eat('ALTER', 'SEQUENCE')) alterSequence(d, cur);
    else if (cur.eat('ALTER', 'INDEX')) alterIndex(d, cur);
    else if (
      cur.is('ALTER') &&
      ['TRIGGER', 'PROCEDURE', 'FUNCTION', 'PACKAGE', 'VIEW', 'TYPE'].includes(cur.peek(1)?.v ?? '')
    ) {
      // COMPILE / ENABLE / DISABLE: no change to the source.
      d.count('ALTER ' + cur.peek(1)!.v);
      cur.i = cur.toks.length;
    } else if (cur.eat('COMMENT', 'ON')) commentOn(d, cur);
    else if (cur.eat('DROP')) drop(d, cur);
    else if (cur.eat('RENAME')) rename(d, cur);
    else throw new Unreadable(`${head.split(' ').slice(0, 3).join(' ')} … is not a statement this reader knows`);
    if (!cur.done()) throw new Unreadable(`unexpected "${cur.near()}"`);
  } catch (e) {
    if (!(e instanceof Unreadable)) throw e;
    throw unreadable(st, e.message);
  }
}

/** CREATE [OR REPLACE] [EDITIONABLE] …: the object kind decides the reader. */
function create(d: OracleDictionary, st: DdlStatement, cur: Cursor, head: string): void {
  cur.eat('OR', 'REPLACE');
  cur.eat('EDITIONABLE') || cur.eat('NONEDITIONABLE') || cur.eat('EDITIONING');
  const replace = /^CREATE\s+OR\s+REPLACE\b/i.test(head);
  if (cur.eat('GLOBAL', 'TEMPORARY', 'TABLE') || cur.eat('PRIVATE', 'TEMPORARY', 'TABLE')) createTable(d, cur, true);
  else if (cur.eat('TABLE')) createTable(d, cur, false);
  else if (cur.eat('UNIQUE', 'INDEX')) createIndex(d, cur, true, false);
  else if (cur.eat('BITMAP', 'INDEX')) createIndex(d, cur, false, true);
  else if (cur.eat('INDEX')) createIndex(d, cur, false, false);
  else if (cur.eat('SEQUENCE')) newSequence(d, cur);
  else if (cur.is('PROCEDURE') || cur.is('FUNCTION') || cur.is('PACKAGE') || cur.is('TRIGGER') || cur.is('TYPE'))
    plsqlUnit(d, st, cur);
  else if (cur.is('MATERIALIZED', 'VIEW') || cur.is('SYNONYM') || cur.is('DATABASE', 'LINK')) createOther(d, cur);
  else createView(d, st, cur, replace);
}

function unreadable(st: DdlStatement, why: string): HisopsError {
  const first = st.sql.split('\n')[0]!.slice(0, 80);
  return inputError(
    'DDL_STATEMENT_UNREADABLE',
    `${st.file}:${st.line}: cannot read this Oracle statement: ${why}`,
    'Correct the statement, remove it from a copy of the script if it defines nothing hisops compares, or snapshot a database built from the script instead (docs/schema.md, "DDL files").',
    `The statement starts: ${first}`,
    { file: st.file, line: st.line },
  ).zh(
    `${st.file}:${st.line}：无法读取这条 Oracle 语句：${why}`,
    '请修正该语句；若它不定义 hisops 比对的对象，可在脚本副本中删去；或改为对用该脚本建成的数据库做快照（见 docs/schema.md 的 “DDL files” 一节）。',
    `语句开头：${first}`,
  );
}
