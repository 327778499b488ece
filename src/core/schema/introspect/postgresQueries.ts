/**
 * The pg_catalog queries of PostgreSQL introspection: a fixed handful per schema, each covering
 * every table at once; narrowed in SQL to some tables when asked.
 */
import type { Db } from '../../db/index.js';
import type { IntrospectOptions } from './index.js';
import { query, type Row } from './query.js';

interface PgRows {
  relRows: Row[];
  colRows: Row[];
  conRows: Row[];
  idxRows: Row[];
  seqRows: Row[];
  ownedSeqRows: Row[];
  viewRows: Row[];
  procRows: Row[];
  trgRows: Row[];
  typeRows: Row[];
}

/** What every query needs: the connection, the schema, and how to narrow to some tables or leave out all but tables. */
interface PgScope {
  db: Db;
  schema: string;
  narrow: (col: string) => string;
  args: (...a: unknown[]) => unknown[];
  maybe: (q: () => Promise<Row[]>) => Promise<Row[]>;
}

export async function readPgRows(
  db: Db,
  schema: string,
  opts: IntrospectOptions,
  only: string[] | undefined,
): Promise<PgRows> {
  const s: PgScope = {
    db,
    schema,
    narrow: (col) => (only ? ` AND lower(${col}) IN (${only.map(() => '?').join(', ')})` : ''),
    args: (...a) => [...a, ...(only ?? [])],
    // Tables alone: the queries for views, routines, sequences and types are left out.
    maybe: (q) => (opts.tablesOnly ? Promise.resolve([] as Row[]) : q()),
  };
  const [tables, objects] = await Promise.all([pgTableRows(s), pgObjectRows(s)]);
  return { ...tables, ...objects };
}

const REL = `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?`;

/** Relations, columns, constraints and indexes (the last three narrowed to the tables asked for). */
async function pgTableRows(s: PgScope): Promise<Pick<PgRows, 'relRows' | 'colRows' | 'conRows' | 'idxRows'>> {
  const [relRows, colRows, conRows, idxRows] = await Promise.all([
    query(
      s.db,
      `SELECT c.oid, c.relname AS name, c.relkind AS kind, c.relispartition AS part, d.description AS comment
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
        WHERE n.nspname = ? AND c.relkind IN ('r','p','v','m','f')`,
      [s.schema],
    ),
    query(
      s.db,
      `SELECT c.relname AS tbl, a.attname AS name, a.attnum AS num, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
               pg_get_expr(ad.adbin, ad.adrelid) AS dflt, a.attidentity AS ident, a.attgenerated AS gen, d.description AS comment
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
        WHERE n.nspname = ? AND c.relkind IN ('r','p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped${s.narrow('c.relname')}
        ORDER BY c.relname, a.attnum`,
      s.args(s.schema),
    ),
    query(
      s.db,
      `SELECT c.relname AS tbl, con.conname AS name, con.contype AS type, fc.relname AS rtable, fn.nspname AS rschema,
               con.confupdtype AS upd, con.confdeltype AS del, pg_get_constraintdef(con.oid, true) AS def,
               ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS cols,
               ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS rcols
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE n.nspname = ? AND con.contype IN ('p','f','c') AND NOT c.relispartition${s.narrow('c.relname')}
        ORDER BY c.relname, con.conname`,
      s.args(s.schema),
    ),
    query(
      s.db,
      `SELECT c.relname AS tbl, ic.relname AS name, i.indisunique AS uniq, i.indisprimary AS prim, am.amname AS method,
               pg_get_expr(i.indpred, i.indrelid) AS pred, i.indoption::int2[] AS opts, i.indkey::int2[] AS keys,
               ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)::text[] AS parts,
               EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype = 'u' AND con.conrelid = i.indrelid) AS is_con
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
        WHERE n.nspname = ? AND NOT i.indisprimary AND c.relkind IN ('r','p') AND NOT c.relispartition${s.narrow('c.relname')}
        ORDER BY c.relname, ic.relname`,
      s.args(s.schema),
    ),
  ]);
  return { relRows, colRows, conRows, idxRows };
}

/** Sequences (and those columns own), views, routines, triggers and types. */
async function pgObjectRows(
  s: PgScope,
): Promise<Pick<PgRows, 'seqRows' | 'ownedSeqRows' | 'viewRows' | 'procRows' | 'trgRows' | 'typeRows'>> {
  const [seqRows, ownedSeqRows, viewRows, procRows, trgRows, typeRows] = await Promise.all([
    s.maybe(() =>
      query(
        s.db,
        `SELECT sequencename AS name, start_value::text AS start, increment_by::text AS inc, min_value::text AS min, max_value::text AS max, cycle, cache_size::text AS cache
        FROM pg_sequences WHERE schemaname = ?`,
        [s.schema],
      ),
    ),
    query(
      s.db,
      `SELECT c.relname AS name ${REL} AND c.relkind = 'S'
        AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a','i'))`,
      [s.schema],
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid, true) AS def ${REL} AND c.relkind IN ('v','m')`,
        [s.schema],
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT p.proname AS name, p.prokind AS kind, pg_get_function_identity_arguments(p.oid) AS args,
               CASE WHEN p.prokind IN ('f','p','w') THEN pg_get_functiondef(p.oid) END AS def
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY p.proname, args`,
        [s.schema],
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT t.tgname AS name, c.relname AS tbl, pg_get_triggerdef(t.oid, true) AS def
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND NOT t.tgisinternal ORDER BY c.relname, t.tgname`,
        [s.schema],
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT t.typname AS name, t.typtype AS kind, format_type(t.typbasetype, t.typtypmod) AS base,
               ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_class c ON c.oid = t.typrelid
        WHERE n.nspname = ? AND (t.typtype IN ('e','d','r','m') OR (t.typtype = 'c' AND c.relkind = 'c'))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`,
        [s.schema],
      ),
    ),
  ]);
  return { seqRows, ownedSeqRows, viewRows, procRows, trgRows, typeRows };
}
