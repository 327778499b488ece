/**
 * A SELECT whose rows come back as arrays of values, with the column names once: the driver's own
 * array mode (better-sqlite3 `raw`, pg `rowMode: 'array'`, mysql2 `rowsAsArray`). A million rows
 * read as objects cost the driver one object with a dozen keys each — two to three times the query
 * itself; as arrays they cost one small array. Values are exactly what the driver gives in object
 * mode (same connection, same type parsing), so callers normalise them the same way.
 *
 * `sql` and `bindings` are knex's (`?` placeholders); knex turns them into the dialect's native
 * form. Oracle and SQL Server read through knex's objects and are turned into arrays here (their
 * drivers' array modes could not be exercised on this project's machines).
 */
import type { Knex } from 'knex';
import type { Db } from './connect.js';

export interface ArrayOptions {
  /**
   * Times without a time zone (PostgreSQL `timestamp`, MySQL `DATETIME`) as the text the database
   * prints ("2025-03-04 09:10:11"), not as Date objects: the same wall-clock digits that formatting
   * the driver's local-time Date would give, without making a Date per value.
   */
  timesAsText?: boolean;
}

export interface ArrayRows {
  /** Column names as the database reports them (lower-case them to compare with canonical names). */
  columns: string[];
  rows: unknown[][];
}

type Value = string | number | bigint | boolean | Date | Buffer | null;

interface KnexClientLike {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown> | unknown;
}

interface BetterSqliteConn {
  prepare(sql: string): { reader: boolean; raw(on: boolean): { all(...a: unknown[]): unknown[] }; columns(): Array<{ name: string }> };
}

type TypeParser = (v: string) => unknown;
interface PgTypes {
  getTypeParser(oid: number, format?: string): TypeParser;
}
interface PgConn {
  query(q: { text: string; values: unknown[]; rowMode: 'array'; types?: PgTypes }): Promise<{ rows: unknown[][]; fields: Array<{ name: string }> }>;
}

interface MysqlConn {
  query(q: { sql: string; values: unknown[]; rowsAsArray: true; dateStrings?: string[] }, cb: (err: unknown, rows: unknown, fields: Array<{ name: string }> | undefined) => void): void;
}

/** PostgreSQL's oid of `timestamp` (without time zone). */
const PG_TIMESTAMP = 1114;
let pgTimesAsText: PgTypes | undefined;
async function pgTextTimes(): Promise<PgTypes> {
  if (!pgTimesAsText) {
    const pg = (await import('pg')) as unknown as { default: { types: PgTypes } };
    const base = pg.default.types;
    pgTimesAsText = { getTypeParser: (oid, format) => (oid === PG_TIMESTAMP ? (v: string) => v : base.getTypeParser(oid, format)) };
  }
  return pgTimesAsText;
}

export async function queryArrays(db: Db, sql: string, bindings: readonly Value[], opts: ArrayOptions = {}): Promise<ArrayRows> {
  if (db.dialect === 'oracle' || db.dialect === 'mssql') return viaObjects(db, sql, bindings);
  const native = db.knex.raw(sql, bindings as unknown as Knex.RawBinding[]).toSQL().toNative();
  const client = db.knex.client as unknown as KnexClientLike;
  const conn = await client.acquireConnection();
  try {
    if (db.dialect === 'sqlite') {
      const st = (conn as BetterSqliteConn).prepare(native.sql);
      if (!st.reader) throw new Error('queryArrays runs a SELECT only');
      // As knex does for better-sqlite3: booleans and dates become numbers.
      const values = native.bindings.map((b) => (b instanceof Date ? b.valueOf() : typeof b === 'boolean' ? Number(b) : b));
      const rows = st.raw(true).all(...values) as unknown[][];
      return { columns: st.columns().map((c) => c.name), rows };
    }
    if (db.dialect === 'postgres') {
      const types = opts.timesAsText ? await pgTextTimes() : undefined;
      const r = await (conn as PgConn).query({ text: native.sql, values: [...native.bindings], rowMode: 'array', ...(types ? { types } : {}) });
      return { columns: r.fields.map((f) => f.name), rows: r.rows };
    }
    return await new Promise<ArrayRows>((ok, fail) => {
      const q = { sql: native.sql, values: [...native.bindings], rowsAsArray: true as const, ...(opts.timesAsText ? { dateStrings: ['DATETIME'] } : {}) };
      (conn as MysqlConn).query(q, (err, rows, fields) => {
        if (err) fail(err);
        else ok({ columns: (fields ?? []).map((f) => f.name), rows: (Array.isArray(rows) ? rows : []) as unknown[][] });
      });
    });
  } finally {
    await client.releaseConnection(conn);
  }
}

async function viaObjects(db: Db, sql: string, bindings: readonly Value[]): Promise<ArrayRows> {
  const raw = (await db.knex.raw(sql, bindings as unknown as Knex.RawBinding[])) as unknown;
  const list = (Array.isArray(raw) ? raw : ((raw as { rows?: unknown[] } | undefined)?.rows ?? [])) as Record<string, unknown>[];
  const columns = list.length ? Object.keys(list[0]!) : [];
  return { columns, rows: list.map((r) => columns.map((c) => r[c])) };
}
