/**
 * PostgreSQL introspection from pg_catalog: a fixed handful of queries per schema (relations,
 * columns, constraints, indexes, sequences, views, functions, triggers, types), each covering
 * every table at once. pg_catalog rather than information_schema: it is an order of magnitude
 * faster on large schemas and carries identity, partial indexes and expression indexes.
 */
import type { Db } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { parsePgDefault } from '../defaults.js';
import { sha256, sourceDigest, stripOwnSchema } from '../digest.js';
import { makeMatcher } from '../filter.js';
import type { Column, FkRule, Index, OtherObject, Routine, SchemaModel, Sequence, Table, View } from '../model.js';
import { parsePgType } from '../types.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import { optStr, query, str, type Row } from './query.js';

const FK_RULES: Record<string, FkRule> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** pg returns int2[]/name[] as JS arrays, but some setups return the text form `{a,b}`. */
function arr(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x));
  const s = str(v);
  if (!s || s === '{}') return [];
  return s.replace(/^\{|\}$/g, '').split(',').map((x) => x.replace(/^"|"$/g, ''));
}

export async function introspectPostgres(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const schema = opts.schema ?? db.target.params.schema ?? 'public';
  const ok = makeMatcher(opts.filter);
  // Only some tables (a journaled apply re-reading what a statement touched): narrowed in SQL.
  const only = opts.tables ? (opts.tables.length ? opts.tables.map((t) => t.toLowerCase()) : ['']) : undefined;
  const narrow = (col: string) => (only ? ` AND lower(${col}) IN (${only.map(() => '?').join(', ')})` : '');
  const args = (...a: unknown[]) => [...a, ...(only ?? [])];
  // Tables alone: the queries for views, routines, sequences and types are left out.
  const maybe = (q: () => Promise<Row[]>) => (opts.tablesOnly ? Promise.resolve([] as Row[]) : q());
  const [info] = await query(db, `SELECT current_database() AS db, version() AS version, pg_encoding_to_char(d.encoding) AS enc, d.datcollate AS coll, has_schema_privilege(n.oid, 'USAGE') AS usage, n.oid IS NOT NULL AS found
      FROM pg_database d LEFT JOIN pg_namespace n ON n.nspname = ? WHERE d.datname = current_database()`, [schema]);
  if (!info || !info.found) throw inputError('SCHEMA_NOT_FOUND', `Schema "${schema}" does not exist in ${db.target.display}`, 'Name an existing schema (--schema, or ?schema= in the URL); \\dn in psql lists them.', undefined, { schema }).zh(`${db.target.display} 中不存在模式 "${schema}"`, '请指定已有的模式（--schema，或 URL 中的 ?schema=）；psql 中 \\dn 可列出所有模式。');
  if (!info.usage) throw inputError('SCHEMA_DICTIONARY_DENIED', `The user may not use schema "${schema}" in ${db.target.display}`, `GRANT USAGE ON SCHEMA ${schema} TO the user, then run again.`, undefined, { schema }).zh(`该用户无权使用 ${db.target.display} 中的模式 "${schema}"`, `请执行 GRANT USAGE ON SCHEMA ${schema} TO 该用户，然后再次运行。`);

  const rel = `FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ?`;
  const [relRows, colRows, conRows, idxRows, seqRows, ownedSeqRows, viewRows, procRows, trgRows, typeRows] = await Promise.all([
    query(db, `SELECT c.oid, c.relname AS name, c.relkind AS kind, c.relispartition AS part, d.description AS comment
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_description d ON d.objoid = c.oid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0
        WHERE n.nspname = ? AND c.relkind IN ('r','p','v','m','f')`, [schema]),
    query(db, `SELECT c.relname AS tbl, a.attname AS name, a.attnum AS num, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
               pg_get_expr(ad.adbin, ad.adrelid) AS dflt, a.attidentity AS ident, a.attgenerated AS gen, d.description AS comment
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        LEFT JOIN pg_description d ON d.objoid = a.attrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum
        WHERE n.nspname = ? AND c.relkind IN ('r','p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped${narrow('c.relname')}
        ORDER BY c.relname, a.attnum`, args(schema)),
    query(db, `SELECT c.relname AS tbl, con.conname AS name, con.contype AS type, fc.relname AS rtable, fn.nspname AS rschema,
               con.confupdtype AS upd, con.confdeltype AS del, pg_get_constraintdef(con.oid, true) AS def,
               ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS cols,
               ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS rcols
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class fc ON fc.oid = con.confrelid LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
        WHERE n.nspname = ? AND con.contype IN ('p','f','c') AND NOT c.relispartition${narrow('c.relname')}
        ORDER BY c.relname, con.conname`, args(schema)),
    query(db, `SELECT c.relname AS tbl, ic.relname AS name, i.indisunique AS uniq, i.indisprimary AS prim, am.amname AS method,
               pg_get_expr(i.indpred, i.indrelid) AS pred, i.indoption::int2[] AS opts, i.indkey::int2[] AS keys,
               ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k)::text[] AS parts,
               EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype = 'u' AND con.conrelid = i.indrelid) AS is_con
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam
        WHERE n.nspname = ? AND NOT i.indisprimary AND c.relkind IN ('r','p') AND NOT c.relispartition${narrow('c.relname')}
        ORDER BY c.relname, ic.relname`, args(schema)),
    maybe(() => query(db, `SELECT sequencename AS name, start_value::text AS start, increment_by::text AS inc, min_value::text AS min, max_value::text AS max, cycle, cache_size::text AS cache
        FROM pg_sequences WHERE schemaname = ?`, [schema])),
    query(db, `SELECT c.relname AS name ${rel} AND c.relkind = 'S'
        AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a','i'))`, [schema]),
    maybe(() => query(db, `SELECT c.relname AS name, c.relkind AS kind, pg_get_viewdef(c.oid, true) AS def ${rel} AND c.relkind IN ('v','m')`, [schema])),
    maybe(() => query(db, `SELECT p.proname AS name, p.prokind AS kind, pg_get_function_identity_arguments(p.oid) AS args,
               CASE WHEN p.prokind IN ('f','p','w') THEN pg_get_functiondef(p.oid) END AS def
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        ORDER BY p.proname, args`, [schema])),
    maybe(() => query(db, `SELECT t.tgname AS name, c.relname AS tbl, pg_get_triggerdef(t.oid, true) AS def
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ? AND NOT t.tgisinternal ORDER BY c.relname, t.tgname`, [schema])),
    maybe(() => query(db, `SELECT t.typname AS name, t.typtype AS kind, format_type(t.typbasetype, t.typtypmod) AS base,
               ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        LEFT JOIN pg_class c ON c.oid = t.typrelid
        WHERE n.nspname = ? AND (t.typtype IN ('e','d','r','m') OR (t.typtype = 'c' AND c.relkind = 'c'))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')`, [schema])),
  ]);

  const tables = new Map<string, Table>();
  /** Every table the filter selects, read or not: triggers follow these. */
  const present = new Set<string>();
  const others: OtherObject[] = [];
  for (const r of relRows) {
    const name = str(r.name);
    if (!ok(name) || r.part === true) continue;
    const kind = str(r.kind);
    if (kind === 'r' || kind === 'p') present.add(name);
    if ((kind === 'r' || kind === 'p') && only && !only.includes(name.toLowerCase())) continue;
    if (kind === 'r' || kind === 'p') tables.set(name, { name, columns: [], indexes: [], foreignKeys: [], checks: [], ...(optStr(r.comment) ? { comment: str(r.comment) } : {}) });
    else if (kind === 'f') others.push({ kind: 'FOREIGN TABLE', name });
  }
  const owned = new Set(ownedSeqRows.map((r) => str(r.name)));

  for (const r of colRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = parsePgType(str(r.type));
    const col: Column = { name: str(r.name), type, nullable: !r.notnull };
    const dflt = optStr(r.dflt);
    const ident = str(r.ident);
    if (ident === 'a' || ident === 'd') col.autoIncrement = true;
    if (str(r.gen) === 's' && dflt) col.generated = { expression: dflt, stored: true };
    else if (dflt) {
      const serial = /^nextval\('(?:"?[^".']+"?\.)?"?([^"']+)"?'::regclass\)$/.exec(dflt);
      if (serial && owned.has(serial[1]!)) col.autoIncrement = true;
      else {
        const d = parsePgDefault(dflt, type);
        if (d) col.default = d;
      }
    }
    if (optStr(r.comment)) col.comment = str(r.comment);
    t.columns.push(col);
  }

  for (const r of conRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const type = str(r.type);
    const cols = arr(r.cols);
    if (type === 'p') t.primaryKey = { name: str(r.name), columns: cols };
    else if (type === 'f') {
      const rschema = str(r.rschema);
      t.foreignKeys.push({
        name: str(r.name),
        columns: cols,
        refTable: str(r.rtable),
        ...(rschema && rschema !== schema ? { refSchema: rschema } : {}),
        refColumns: arr(r.rcols),
        onDelete: FK_RULES[str(r.del)] ?? 'NO ACTION',
        onUpdate: FK_RULES[str(r.upd)] ?? 'NO ACTION',
      });
    } else if (type === 'c') {
      const def = str(r.def).replace(/\s+NOT VALID$/i, '');
      const m = /^CHECK\s*\((.*)\)$/is.exec(def);
      t.checks.push({ name: str(r.name), expression: m ? m[1]!.trim() : def });
    }
  }

  for (const r of idxRows) {
    const t = tables.get(str(r.tbl));
    if (!t) continue;
    const keys = arr(r.keys).map(Number);
    const optsArr = arr(r.opts).map(Number);
    const parts = arr(r.parts);
    const index: Index = {
      name: str(r.name),
      unique: r.uniq === true,
      columns: parts.map((p, i) => {
        const desc = ((optsArr[i] ?? 0) & 1) === 1;
        const isCol = keys[i] !== 0;
        const name = isCol ? p.replace(/^"(.*)"$/, '$1').replace(/""/g, '"') : undefined;
        return { ...(isCol ? { name } : { expression: p }), ...(desc ? { desc: true } : {}) };
      }),
      ...(str(r.method) !== 'btree' ? { method: str(r.method) } : {}),
      ...(optStr(r.pred) ? { where: str(r.pred) } : {}),
      ...(r.is_con === true ? { constraint: true } : {}),
    };
    t.indexes.push(index);
  }

  const sequences: Sequence[] = [];
  for (const r of seqRows) {
    const name = str(r.name);
    if (owned.has(name) || !ok(name)) continue;
    sequences.push({ name, start: str(r.start), increment: str(r.inc), min: str(r.min), max: str(r.max), cycle: r.cycle === true, cache: str(r.cache) });
  }

  const views: View[] = [];
  for (const r of viewRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const def = stripOwnSchema(str(r.def).trim().replace(/;$/, ''), schema);
    if (str(r.kind) === 'm') others.push({ kind: 'MATERIALIZED VIEW', name, digest: sourceDigest(def, schema), source: def });
    else views.push({ name, definition: def, digest: sourceDigest(def, schema) });
  }

  const routines: Routine[] = [];
  const byName = new Map<string, number>();
  for (const r of procRows) byName.set(str(r.name), (byName.get(str(r.name)) ?? 0) + 1);
  for (const r of procRows) {
    const base = str(r.name);
    if (!ok(base)) continue;
    const name = (byName.get(base) ?? 0) > 1 ? `${base}(${str(r.args)})` : base;
    const kind = str(r.kind);
    if (kind === 'a') {
      others.push({ kind: 'AGGREGATE', name });
      continue;
    }
    const source = stripOwnSchema(str(r.def).trim(), schema);
    routines.push({ kind: kind === 'p' ? 'procedure' : 'function', name, source, digest: sourceDigest(source, schema) });
  }
  for (const r of trgRows) {
    const tbl = str(r.tbl);
    if (!present.has(tbl)) continue;
    const source = stripOwnSchema(str(r.def), schema);
    routines.push({ kind: 'trigger', name: str(r.name), table: tbl, source, digest: sourceDigest(source, schema) });
  }
  const TYPE_KINDS: Record<string, string> = { e: 'ENUM TYPE', d: 'DOMAIN', r: 'RANGE TYPE', m: 'MULTIRANGE TYPE', c: 'COMPOSITE TYPE' };
  for (const r of typeRows) {
    const name = str(r.name);
    if (!ok(name)) continue;
    const desc = `${str(r.kind)} ${str(r.base)} ${arr(r.labels).join('|')}`;
    others.push({ kind: TYPE_KINDS[str(r.kind)] ?? 'TYPE', name, digest: sha256(desc) });
  }
  if (others.length) warnings.push(`${others.length} object(s) of kinds hisops does not manage (${[...new Set(others.map((o) => o.kind))].join(', ')}): listed, never changed`);

  const model: SchemaModel = {
    source: { dialect: 'postgres', display: db.target.display, database: str(info.db), schema, serverVersion: str(info.version).split(' on ')[0], charset: str(info.enc).toLowerCase(), collation: optStr(info.coll) },
    tables: [...tables.values()],
    views,
    sequences,
    routines,
    others,
  };
  return { model, warnings };
}
