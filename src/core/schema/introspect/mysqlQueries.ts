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

/** What every query needs: the connection, the database, and how to narrow to some tables or leave out all but tables. */
interface MysqlScope {
  db: Db;
  schema: string;
  mariadb: boolean;
  narrow: (col: string) => string;
  args: (...a: unknown[]) => unknown[];
  maybe: (q: () => Promise<Row[]>) => Promise<Row[]>;
}

export async function readMysqlRows(
  db: Db,
  schema: string,
  mariadb: boolean,
  opts: IntrospectOptions,
  only: string[] | undefined,
): Promise<MysqlRows> {
  const s: MysqlScope = {
    db,
    schema,
    mariadb,
    narrow: (col) => (only ? ` AND ${col} IN (${only.map(() => '?').join(', ')})` : ''),
    args: (...a) => [...a, ...(only ?? [])],
    // Tables alone: the queries for views, routines, triggers and events are left out.
    maybe: (q) => (opts.tablesOnly ? Promise.resolve([] as Row[]) : q()),
  };
  const [tables, objects] = await Promise.all([mysqlTableRows(s), mysqlObjectRows(s)]);
  return { ...tables, ...objects };
}

/** Tables, columns, index statistics, foreign keys and checks (all but the first narrowed to the tables asked for). */
async function mysqlTableRows(
  s: MysqlScope,
): Promise<Pick<MysqlRows, 'tableRows' | 'colRows' | 'statRows' | 'conRows' | 'checkRows'>> {
  const [tableRows, colRows, statRows, conRows, checkRows] = await Promise.all([
    query(
      s.db,
      `SELECT t.TABLE_NAME AS name, t.TABLE_TYPE AS type, t.ENGINE AS engine, t.TABLE_COLLATION AS coll, c.CHARACTER_SET_NAME AS cs, t.TABLE_COMMENT AS comment
         FROM information_schema.TABLES t LEFT JOIN information_schema.COLLATIONS c ON c.COLLATION_NAME = t.TABLE_COLLATION
        WHERE t.TABLE_SCHEMA = ?`,
      [s.schema],
    ),
    query(
      s.db,
      `SELECT TABLE_NAME AS tbl, COLUMN_NAME AS name, ORDINAL_POSITION AS pos, COLUMN_DEFAULT AS dflt, IS_NULLABLE AS nullable, COLUMN_TYPE AS type,
              CHARACTER_SET_NAME AS cs, COLLATION_NAME AS coll, EXTRA AS extra, COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS gen
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?${s.narrow('TABLE_NAME')} ORDER BY TABLE_NAME, ORDINAL_POSITION`,
      s.args(s.schema),
    ),
    query(
      s.db,
      `SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?${s.narrow('TABLE_NAME')} ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
      s.args(s.schema),
    ),
    query(
      s.db,
      `SELECT k.TABLE_NAME AS tbl, k.CONSTRAINT_NAME AS name, k.COLUMN_NAME AS col, k.ORDINAL_POSITION AS pos, k.REFERENCED_TABLE_SCHEMA AS rschema,
              k.REFERENCED_TABLE_NAME AS rtable, k.REFERENCED_COLUMN_NAME AS rcol, r.UPDATE_RULE AS upd, r.DELETE_RULE AS del
         FROM information_schema.KEY_COLUMN_USAGE k
         JOIN information_schema.REFERENTIAL_CONSTRAINTS r ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
        WHERE k.TABLE_SCHEMA = ? AND k.REFERENCED_TABLE_NAME IS NOT NULL${s.narrow('k.TABLE_NAME')}
        ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
      s.args(s.schema),
    ),
    query(
      s.db,
      `SELECT tc.TABLE_NAME AS tbl, tc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS expr
         FROM information_schema.TABLE_CONSTRAINTS tc
         JOIN information_schema.CHECK_CONSTRAINTS cc ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
              ${s.mariadb ? 'AND cc.TABLE_NAME = tc.TABLE_NAME' : ''}
        WHERE tc.TABLE_SCHEMA = ? AND tc.CONSTRAINT_TYPE = 'CHECK'${s.narrow('tc.TABLE_NAME')}`,
      s.args(s.schema),
    ).catch(() => [] as Row[]), // servers before CHECK support have no CHECK_CONSTRAINTS view
  ]);
  return { tableRows, colRows, statRows, conRows, checkRows };
}

/** Views, routines and their parameters, triggers and events. */
async function mysqlObjectRows(
  s: MysqlScope,
): Promise<Pick<MysqlRows, 'viewRows' | 'routineRows' | 'paramRows' | 'triggerRows' | 'eventRows'>> {
  const [viewRows, routineRows, paramRows, triggerRows, eventRows] = await Promise.all([
    s.maybe(() =>
      query(
        s.db,
        `SELECT TABLE_NAME AS name, VIEW_DEFINITION AS def, CHECK_OPTION AS chk FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?`,
        [s.schema],
        'view definitions',
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT ROUTINE_NAME AS name, ROUTINE_TYPE AS type, DTD_IDENTIFIER AS returns, ROUTINE_DEFINITION AS body, IS_DETERMINISTIC AS det,
              SQL_DATA_ACCESS AS access, SECURITY_TYPE AS security, ROUTINE_COMMENT AS comment
         FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?`,
        [s.schema],
        'routine definitions',
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT SPECIFIC_NAME AS name, ROUTINE_TYPE AS type, ORDINAL_POSITION AS pos, PARAMETER_MODE AS mode, PARAMETER_NAME AS pname, DTD_IDENTIFIER AS dtd
         FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA = ? ORDER BY SPECIFIC_NAME, ORDINAL_POSITION`,
        [s.schema],
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT TRIGGER_NAME AS name, EVENT_MANIPULATION AS event, EVENT_OBJECT_TABLE AS tbl, ACTION_TIMING AS timing, ACTION_STATEMENT AS stmt, ACTION_ORDER AS ord
         FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER`,
        [s.schema],
      ),
    ),
    s.maybe(() =>
      query(
        s.db,
        `SELECT EVENT_NAME AS name, EVENT_DEFINITION AS def FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?`,
        [s.schema],
      ).catch(() => [] as Row[]),
    ),
  ]);
  return { viewRows, routineRows, paramRows, triggerRows, eventRows };
}
