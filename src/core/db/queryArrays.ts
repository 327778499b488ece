/**
 * A SELECT whose rows come back as arrays of values, with the column names once: the driver's own
 * array mode (better-sqlite3 `raw`, mysql2 `rowsAsArray`) or, on PostgreSQL, `COPY (…) TO STDOUT`
 * (pgCopyEach: one line of text per row instead of a decoded message field per value, about a
 * third of the driver's time). A million rows read as objects cost the driver one object with a
 * dozen keys each — two to three times the query itself; as arrays they cost one small array.
 * Values are exactly what the driver gives in object mode (same connection, same type parsing),
 * so callers normalise them the same way.
 *
 * `sql` and `bindings` are knex's (`?` placeholders); knex turns them into the dialect's native
 * form. Oracle and SQL Server read through knex's objects and are turned into arrays here (their
 * drivers' array modes could not be exercised on this project's machines).
 */
import type { Knex } from 'knex';
import type { Db } from './connect.js';
import { sqliteRowsOnThread } from './sqliteReadThread.js';
import { asText, pgCopyEach, type PgCopyConn, type PgTypes } from './pgCopyEach.js';

export interface ArrayOptions {
  /**
   * Times without a time zone (PostgreSQL `timestamp`, MySQL `DATETIME`) as the text the database
   * prints ("2025-03-04 09:10:11"), not as Date objects: the same wall-clock digits that formatting
   * the driver's local-time Date would give, without making a Date per value.
   */
  timesAsText?: boolean;
  /**
   * On a SQLite file, run on a thread of its own (sqliteReadThread.ts) and hand the rows over when
   * all have come: for a query that takes long and answers with few rows (sums).
   */
  onThread?: boolean;
  /**
   * On PostgreSQL, no parallel workers for this query (through COPY): for a caller that runs
   * several such queries at once already, where a parallel plan for each costs the server about a
   * quarter more CPU for the same rows (the 30 day sums of a month: 3.1 against 2.4 CPU-s).
   */
  serialPlan?: boolean;
}

export interface ArrayRows {
  /** Column names as the database reports them (lower-case them to compare with canonical names). */
  columns: string[];
  rows: unknown[][];
}

/** Called with each row's values as the row comes; `columns` is the same array for every row of a query. */
export type RowSink = (values: unknown[], columns: readonly string[]) => void;

type Value = string | number | bigint | boolean | Date | Buffer | null;

interface KnexClientLike {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown> | unknown;
}

interface BetterSqliteConn {
  prepare(sql: string): {
    reader: boolean;
    raw(on: boolean): { iterate(...a: unknown[]): IterableIterator<unknown> };
    columns(): Array<{ name: string }>;
  };
}

interface PgConn {
  query(q: {
    text: string;
    values: unknown[];
    rowMode: 'array';
    types?: PgTypes;
  }): Promise<{ rows: unknown[][]; fields: Array<{ name: string }> }>;
}

interface MysqlConn {
  query(
    q: { sql: string; values: unknown[]; rowsAsArray: true; dateStrings?: string[] },
    cb: (err: unknown, rows: unknown, fields: Array<{ name: string }> | undefined) => void,
  ): void;
}

/** PostgreSQL's oid of `timestamp` (without time zone). */
const PG_TIMESTAMP = 1114;
let pgTimesAsText: PgTypes | undefined;
async function pgTextTimes(): Promise<PgTypes> {
  if (!pgTimesAsText) {
    const pg = (await import('pg')) as unknown as { default: { types: PgTypes } };
    const base = pg.default.types;
    pgTimesAsText = {
      getTypeParser: (oid, format) => (oid === PG_TIMESTAMP ? asText : base.getTypeParser(oid, format)),
    };
  }
  return pgTimesAsText;
}

/** Every row of a SELECT as arrays, with the column names (see queryEach). */
export async function queryArrays(
  db: Db,
  sql: string,
  bindings: readonly Value[],
  opts: ArrayOptions = {},
): Promise<ArrayRows> {
  const rows: unknown[][] = [];
  const columns = await queryEach(db, sql, bindings, (v) => void rows.push(v), opts);
  return { columns, rows };
}

/**
 * Each row of a SELECT handed to `onRow` as an array as it comes (PostgreSQL: as it arrives over
 * the wire; SQLite: as the statement steps), so that a caller that sums a million rows holds none
 * of them; resolves to the column names. An error thrown by `onRow` is the rejection.
 */
export async function queryEach(
  db: Db,
  sql: string,
  bindings: readonly Value[],
  onRow: RowSink,
  opts: ArrayOptions = {},
): Promise<string[]> {
  if (db.dialect === 'oracle' || db.dialect === 'mssql') return handOver(await viaObjects(db, sql, bindings), onRow);
  const native = db.knex
    .raw(sql, bindings as unknown as Knex.RawBinding[])
    .toSQL()
    .toNative();
  if (db.dialect === 'sqlite' && opts.onThread) {
    const there = sqliteRowsOnThread(db, native.sql, sqliteValues(native.bindings));
    if (there) return handOver(await there, onRow);
  }
  const client = db.knex.client as unknown as KnexClientLike;
  const conn = await client.acquireConnection();
  try {
    if (db.dialect === 'sqlite') {
      const st = (conn as BetterSqliteConn).prepare(native.sql);
      if (!st.reader) throw new Error('queryEach runs a SELECT only');
      const values = sqliteValues(native.bindings);
      const columns = st.columns().map((c) => c.name);
      try {
        for (const row of st.raw(true).iterate(...values)) onRow(row as unknown[], columns);
      } finally {
        // The connection keeps its statements prepared (connect.ts): the next user expects objects.
        st.raw(false);
      }
      return columns;
    }
    if (db.dialect === 'postgres') {
      const types = opts.timesAsText ? await pgTextTimes() : undefined;
      if (bindings.every((b) => b === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof b))) {
        // Through COPY, with the bindings written in as quoted literals: the text the driver
        // would send as a parameter (see pgCopyEach).
        const literals = bindings.map((b) => (b === null ? null : String(b)));
        return await pgCopyEach(conn as PgCopyConn, db.knex.raw(sql, literals).toQuery(), onRow, types, opts);
      }
      // A Date or bytes as a parameter: their text is the driver's to choose.
      const r = await (conn as PgConn).query({
        text: native.sql,
        values: [...native.bindings],
        rowMode: 'array',
        ...(types ? { types } : {}),
      });
      return handOver({ columns: r.fields.map((f) => f.name), rows: r.rows }, onRow);
    }
    const all = await new Promise<ArrayRows>((ok, fail) => {
      const q = {
        sql: native.sql,
        values: [...native.bindings],
        rowsAsArray: true as const,
        ...(opts.timesAsText ? { dateStrings: ['DATETIME'] } : {}),
      };
      (conn as MysqlConn).query(q, (err, rows, fields) => {
        if (err) fail(err);
        else ok({ columns: (fields ?? []).map((f) => f.name), rows: (Array.isArray(rows) ? rows : []) as unknown[][] });
      });
    });
    return handOver(all, onRow);
  } finally {
    await client.releaseConnection(conn);
  }
}

/** As knex does for better-sqlite3: booleans and dates become numbers. */
function sqliteValues(bindings: readonly unknown[]): unknown[] {
  return bindings.map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b));
}

function handOver(all: ArrayRows, onRow: RowSink): string[] {
  for (const row of all.rows) onRow(row, all.columns);
  return all.columns;
}

async function viaObjects(db: Db, sql: string, bindings: readonly Value[]): Promise<ArrayRows> {
  const raw = (await db.knex.raw(sql, bindings as unknown as Knex.RawBinding[])) as unknown;
  const list = (Array.isArray(raw) ? raw : ((raw as { rows?: unknown[] } | undefined)?.rows ?? [])) as Record<
    string,
    unknown
  >[];
  const columns = list.length ? Object.keys(list[0]!) : [];
  return { columns, rows: list.map((r) => columns.map((c) => r[c])) };
}
