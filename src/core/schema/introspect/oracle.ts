/**
 * Oracle introspection: the queries of oracleQueries.ts, and the pure mapping of their rows to
 * the model (unit-tested with rows shaped like Oracle's, since no Oracle server runs here).
 */
import type { Db } from '../../db/index.js';
import { makeMatcher, type NameFilter } from '../filter.js';
import type { SchemaModel, SchemaSource } from '../model.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import { ORACLE_QUERIES, ORACLE_QUERY_BINDS, type OracleQueryName } from './oracleQueries.js';
import {
  addColumns,
  addConstraints,
  addIndexes,
  type OracleRead,
  oracleOthers,
  oracleRoutines,
  oracleSequences,
  oracleTables,
  oracleViews,
  readSource,
} from './oracleModel.js';
import { query, type Row } from './query.js';

export type OracleRows = Record<OracleQueryName, Row[]>;

export async function introspectOracle(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const owner = (opts.schema ?? db.target.params.schema ?? db.target.user ?? '').toUpperCase();
  const rows = {} as OracleRows;
  // Sequential on purpose: one session, and Oracle's dictionary views are heavy; still a fixed number of queries.
  for (const name of Object.keys(ORACLE_QUERIES) as OracleQueryName[]) {
    const binds = Array.from({ length: ORACLE_QUERY_BINDS[name] }, () => owner);
    rows[name] =
      name === 'version'
        ? await query(db, ORACLE_QUERIES[name], binds).catch(() => [])
        : await query(db, ORACLE_QUERIES[name], binds, `the data dictionary (${name})`);
  }
  return oracleModelFromRows(
    rows,
    { dialect: 'oracle', display: db.target.display, database: db.target.database, schema: owner },
    opts.filter,
  );
}

export function oracleModelFromRows(
  rows: OracleRows,
  source: SchemaSource,
  filter?: Partial<NameFilter>,
): IntrospectResult {
  const warnings: string[] = [];
  const c: OracleRead = { owner: source.schema ?? '', ok: makeMatcher(filter), warnings };
  readSource(source, rows.params ?? [], rows.version);
  const tables = oracleTables(rows.tables, c);
  addColumns(tables, rows.columns);
  const constraintIndexes = addConstraints(tables, rows.constraints, rows.consColumns, c);
  addIndexes(tables, rows.indexes, rows.indColumns, rows.indExpressions, constraintIndexes);
  const views = oracleViews(rows.views, c);
  const sequences = oracleSequences(rows.sequences, c);
  const routines = oracleRoutines(rows.source, rows.triggers, tables, c);
  const others = oracleOthers(rows.objects, c);
  if (others.length)
    warnings.push(
      `${others.length} object(s) of kinds hisops does not manage (${[...new Set(others.map((o) => o.kind))].join(', ')}): listed, never changed`,
    );

  const model: SchemaModel = { source, tables: [...tables.values()], views, sequences, routines, others };
  return { model, warnings };
}
