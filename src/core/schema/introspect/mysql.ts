/**
 * MySQL / MariaDB introspection from information_schema: one query per dictionary view for the
 * whole database (tables, columns, statistics, constraints, views, routines, parameters,
 * triggers, events), never one per table. Query → rows (mysqlQueries.ts) → model, one step per
 * object kind (mysqlModel.ts).
 */
import type { Db } from '../../db/index.js';
import { inputError } from '../../errors.js';
import { normalizeCharset, normalizeCollation } from '../charsets.js';
import { makeMatcher } from '../filter.js';
import type { SchemaModel } from '../model.js';
import type { IntrospectOptions, IntrospectResult } from './index.js';
import {
  addChecks,
  addColumns,
  addEvents,
  addForeignKeys,
  addIndexes,
  type MysqlRead,
  mysqlRoutines,
  mysqlTables,
  mysqlViews,
} from './mysqlModel.js';
import { readMysqlRows } from './mysqlQueries.js';
import { optStr, query, str } from './query.js';

export async function introspectMysql(db: Db, opts: IntrospectOptions): Promise<IntrospectResult> {
  const warnings: string[] = [];
  const [info] = await query(db, 'SELECT DATABASE() AS db, VERSION() AS version');
  const schema = opts.schema ?? optStr(info?.db) ?? db.target.database;
  if (!schema)
    throw inputError(
      'SCHEMA_NO_DATABASE',
      `No database named in ${db.target.display}`,
      'Put the database name in the URL (mysql://user@host:3306/his).',
    ).zh(`${db.target.display} 中没有指定数据库`, '请在 URL 中写出数据库名（mysql://user@host:3306/his）。');
  const version = str(info?.version);
  const mariadb = /mariadb/i.test(version);
  const ok = makeMatcher(opts.filter);
  // Only some tables (a journaled apply re-reading what a statement touched): the per-column
  // queries are narrowed in SQL, which is what makes them cheap on a big schema.
  const only = opts.tables ? (opts.tables.length ? opts.tables : ['']) : undefined;

  const schemata = await query(
    db,
    'SELECT DEFAULT_CHARACTER_SET_NAME AS cs, DEFAULT_COLLATION_NAME AS coll FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
    [schema],
  );
  if (!schemata.length) {
    throw inputError(
      'SCHEMA_NOT_FOUND',
      `Database "${schema}" is not visible on ${db.target.display}`,
      'Check the database name, and that the user has privileges on it (SHOW DATABASES lists what it can see).',
      undefined,
      { schema },
    ).zh(
      `在 ${db.target.display} 上看不到数据库 "${schema}"`,
      '请检查数据库名，并确认该用户对其有权限（SHOW DATABASES 列出它能看到的库）。',
    );
  }

  const rows = await readMysqlRows(db, schema, mariadb, opts, only);
  const c: MysqlRead = { schema, mariadb, ok, only, warnings };
  const { tables, present, others } = mysqlTables(rows.tableRows, c);
  addColumns(tables, rows.colRows, mariadb);
  addIndexes(tables, rows.statRows);
  addForeignKeys(tables, rows.conRows, schema);
  addChecks(tables, rows.checkRows);
  const views = mysqlViews(rows.viewRows, c);
  const routines = mysqlRoutines(rows.routineRows, rows.paramRows, rows.triggerRows, present, c);
  addEvents(others, rows.eventRows, c);
  if (others.length)
    warnings.push(
      `${others.length} object(s) of kinds hisops does not manage (${[...new Set(others.map((o) => o.kind))].join(', ')}): listed, never changed`,
    );

  const model: SchemaModel = {
    source: {
      dialect: 'mysql',
      display: db.target.display,
      database: schema,
      serverVersion: version,
      charset: normalizeCharset(str(schemata[0]!.cs)),
      collation: normalizeCollation(str(schemata[0]!.coll)),
    },
    tables: [...tables.values()],
    views,
    sequences: [],
    routines,
    others,
  };
  return { model, warnings };
}
