/**
 * The information_schema queries of MySQL / MariaDB introspection: one query per dictionary view
 * for the whole database, never one per table; narrowed in SQL to some tables when asked.
 */
import type { Db } from '../../db/index.js';
import type { IntrospectOptions } from './index.js';
import { query, type Row } from './query.js';

interface MysqlRows {
  tableRows: Row[];
  colRows: Row[];
  statRows: Row[];
  conRows: Row[];
  checkRows: Row[];
  viewRows: Row[];
  routineRows: Row[];
  paramRows: Row[];
  triggerRows: Row[];
  eventRows: Row[];
}

export async function readMysqlRows(
  db: Db,
  schema: string,
  mariadb: boolean,
  opts: IntrospectOptions,
  only: string[] | undefined,
): Promise<MysqlRows> {
  const narrow = (col: string) => (only ? ` AND ${col} IN (${only.map(() => '?').join(', ')})` : '');
  const args = (...a: unknown[]) => [...a, ...(only ?? [])];
  // Tables alone: the queries for views, routines, triggers and events are left out.
  const maybe = (q: () => Promise<Row[]>) => (opts.tablesOnly ? Promise.resolve([] as Row[]) : q());
  const [tableRows, colRows, statRows, conRows, checkRows, viewRows, routineRows, paramRows, triggerRows, eventRows] =
    await Promise.all([
      query(
        db,
        `SELECT t.TABLE_NAME AS name, t.TABLE_TYPE AS type, t.ENGINE AS engine, t.TABLE_COLLATION AS coll, c.CHARACTER_SET_NAME AS cs, t.TABLE_COMMENT AS comment
         FROM information_schema.TABLES t LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
        WHERE t.TABLE_SCHEMA = ?`,
        [schema],
      ),
      query(
        db,
        `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, ORDINAL_POSITION AS pos, COLUMN_DEFAULT AS dflt, IS_NULLABLE AS nullable, COLUMN_TYPE AS type,
              CHARACTER_SET_NAME AS cs, COLLATION_NAME AS coll, EXTRA AS extra, COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS gen
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?${narrow('TABLE_NAME')} ORDER BY TABLE_NAME, ORDINAL_POSITION`,
        args(schema),
      ),
      query(
        db,
        `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?${narrow('TABLE_NAME')} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
        args(schema),
      ),
      query(
        db,
        `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.ORDINAL_POSITION AS pos, k.REFERENCED_TABLE_SCHEMA AS rschema,
              k.REFERENCED_TABLE_NAME AS rtable, k.REFERENCED_COLUMN_NAME AS rcol, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL${narrow('k.TABLE_NAME')}
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
        args(schema),
      ),
      query(
        db,
        `SELECT tc.TABLE_NAME AS tbl, tc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS expr
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
              ${mariadb ? 'AND cc.TABLE_NAME = tc.TABLE_NAME' : ''}
        WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'${narrow('tc.TABLE_NAME')}`,
        args(schema),
      ).catch(() => [] as Row[]), // servers before CHECK support have no CHECK_CONSTRAINTS view
      maybe(() =>
        query(
          db,
          `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS chk FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`,
          [schema],
          'view definitions',
        ),
      ),
      maybe(() =>
        query(
          db,
          `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returns, ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS det,
              SQL_DATA_ACCESS AS access, SECURITY_TYPE AS security, ROUTINE_COMMENT AS comment
         FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
          [schema],
          'routine definitions',
        ),
      ),
      maybe(() =>
        query(
          db,
          `SELECT SPECIFIC_NAME AS name, ROUTINE_TYPE AS type, ORDINAL_POSITION AS pos, PARAMETER_MODE AS mode, PARAMETER_NAME AS pname, DTD_IDENTIFIER AS dtd
         FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`,
          [schema],
        ),
      ),
      maybe(() =>
        query(
          db,
          `SELECT TRIGGER_NAME AS name, EVENT_MANIPULATION AS event, EVENT_OBJECT_TABLE AS tbl, ACTION_TIMING AS timing, ACTION_STATEMENT AS stmt, ACTION_ORDER AS ord
         FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER`,
          [schema],
        ),
      ),
      maybe(() =>
        query(
          db,
          `SELECT EVENT_NAME AS name, EVENT_DEFINITION AS def FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
          [schema],
        ).catch(() => [] as Row[]),
      ),
    ]);
  return { tableRows, colRows, statRows, conRows, checkRows, viewRows, routineRows, paramRows, triggerRows, eventRows };
}
