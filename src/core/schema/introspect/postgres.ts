/**
 * PostgreSQL introspection from pg_catalog: a fixed handful of queries per schema (relations,
 * columns, constraints, indexes, sequences, views, functions, triggers, types), each covering
 * every table at once. pg_catalog rather than information_schema: it is an order of magnitude
 * faster on large schemas and carries identity, partial indexes and expression indexes.
 * Query → rows (postgresQueries.ts) → model, one step per object kind (postgresModel.ts).
 */
import type { Db } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { makeMatcher } from '../filter.js';
import type { SchemaModel } from '../model.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import {
  addPgColumns,
  addPgConstraints,
  addPgIndexes,
  addPgTypes,
  type PgRead,
  pgRoutines,
  pgSequences,
  pgTables,
  pgViews,
} from './postgresModel.js';
import { readPgRows } from './postgresQueries.js';
import { optStr, query, str } from './query.js';

export async function introspectPostgres(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const schema = opts.schema ?? db.target.params.schema ?? 'public';
  const ok = makeMatcher(opts.filter);
  // Only some tables (a journaled apply re-reading what a statement touched): narrowed in SQL.
  const only = opts.tables ? (opts.tables.length ? opts.tables.map((t) => t.toLowerCase()) : ['']) : undefined;
  const [info] = await query(
    db,
    `SELECT current_database() AS db, version() AS version, pg_encoding_to_char(d.encoding) AS enc, d.datcollate AS coll, has_schema_privilege(n.oid, 'USAGE') AS usage, n.oid IS NOT NULL AS found
      FROM pg_database d LEFT JOIN pg_namespace n ON n.nspname = ? WHERE d.datname = current_database()`,
    [schema],
  );
  if (!info || !info.found)
    throw inputError(
      'SCHEMA_NOT_FOUND',
      `Schema "${schema}" does not exist in ${db.target.display}`,
      'Name an existing schema (--schema, or ?schema= in the URL); \\dn in psql lists them.',
      undefined,
      { schema },
    ).zh(
      `${db.target.display} 中不存在模式 "${schema}"`,
      '请指定已有的模式（--schema，或 URL 中的 ?schema=）；psql 中 \\dn 可列出所有模式。',
    );
  if (!info.usage)
    throw inputError(
      'SCHEMA_DICTIONARY_DENIED',
      `The user may not use schema "${schema}" in ${db.target.display}`,
      `GRANT USAGE ON SCHEMA ${schema} TO the user, then run again.`,
      undefined,
      { schema },
    ).zh(
      `该用户无权使用 ${db.target.display} 中的模式 "${schema}"`,
      `请执行 GRANT USAGE ON SCHEMA ${schema} TO 该用户，然后再次运行。`,
    );

  const rows = await readPgRows(db, schema, opts, only);
  const c: PgRead = { schema, ok, only };
  const { tables, present, others } = pgTables(rows.relRows, c);
  const owned = new Set(rows.ownedSeqRows.map((r) => str(r.name)));
  addPgColumns(tables, rows.colRows, owned);
  addPgConstraints(tables, rows.conRows, schema);
  addPgIndexes(tables, rows.idxRows);
  const sequences = pgSequences(rows.seqRows, owned, ok);
  const views = pgViews(rows.viewRows, others, c);
  const routines = pgRoutines(rows.procRows, rows.trgRows, present, others, c);
  addPgTypes(others, rows.typeRows, ok);
  if (others.length)
    warnings.push(
      `${others.length} object(s) of kinds hisops does not manage (${[...new Set(others.map((o) => o.kind))].join(', ')}): listed, never changed`,
    );

  const model: SchemaModel = {
    source: {
      dialect: 'postgres',
      display: db.target.display,
      database: str(info.db),
      schema,
      serverVersion: str(info.version).split(' on ')[0],
      charset: str(info.enc).toLowerCase(),
      collation: optStr(info.coll),
    },
    tables: [...tables.values()],
    views,
    sequences,
    routines,
    others,
  };
  return { model, warnings };
}
