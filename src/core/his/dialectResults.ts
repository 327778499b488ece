/**
 * What `knex.raw` hands back differs per driver; this table turns it into rows and an affected
 * count, and reads the column names of a statement for the probe.
 */
import type { Db, Dialect, Knex } from '../db/index.js';

interface RawResult {
  rows: Record<string, unknown>[];
  /** Rows changed by a write; undefined when the driver does not say (Oracle through knex.raw). */
  affected: number | undefined;
}

type Shape = (raw: unknown) => RawResult;

const arrayOrRun: Shape = (raw) => {
  if (Array.isArray(raw)) return { rows: raw as Record<string, unknown>[], affected: raw.length };
  const r = raw as { changes?: number } | undefined;
  return { rows: [], affected: r?.changes };
};

export const RESULT_SHAPES: Record<Dialect, Shape> = {
  sqlite: arrayOrRun,
  postgres: (raw) => {
    const r = raw as { rows?: Record<string, unknown>[]; rowCount?: number | null; command?: string };
    const isSelect = r.command === 'SELECT';
    return { rows: isSelect ? (r.rows ?? []) : [], affected: r.rowCount ?? undefined };
  },
  mysql: (raw) => {
    const first = Array.isArray(raw) ? raw[0] : raw;
    if (Array.isArray(first)) return { rows: first as Record<string, unknown>[], affected: first.length };
    return { rows: [], affected: (first as { affectedRows?: number } | undefined)?.affectedRows };
  },
  oracle: (raw) =>
    Array.isArray(raw)
      ? { rows: raw as Record<string, unknown>[], affected: undefined }
      : { rows: [], affected: undefined },
  mssql: arrayOrRun,
};

interface RawClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown>;
}

/** Column names a SELECT returns, without fetching rows; undefined when the driver cannot tell. */
type ColumnReader = (db: Db, sql: string, values: unknown[], raw: unknown) => Promise<string[] | undefined>;

async function withRawConnection<T>(knex: Knex, fn: (c: unknown) => T | Promise<T>): Promise<T> {
  const client = knex.client as unknown as RawClient;
  const conn = await client.acquireConnection();
  try {
    return await fn(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

export const COLUMN_READERS: Record<Dialect, ColumnReader> = {
  // better-sqlite3 knows a prepared statement's columns; knex.raw returns only rows.
  sqlite: (db, sql) =>
    withRawConnection(db.knex, (c) =>
      (c as { prepare(s: string): { columns(): Array<{ name: string }> } })
        .prepare(sql)
        .columns()
        .map((x) => x.name),
    ),
  postgres: async (_db, _sql, _v, raw) => (raw as { fields?: Array<{ name: string }> }).fields?.map((f) => f.name),
  mysql: async (_db, _sql, _v, raw) =>
    Array.isArray(raw) ? (raw[1] as Array<{ name: string }> | undefined)?.map((f) => f.name) : undefined,
  oracle: (db, sql, values) =>
    withRawConnection(db.knex, async (c) => {
      const res = await (
        c as { execute(s: string, v: unknown[], o: object): Promise<{ metaData?: Array<{ name: string }> }> }
      ).execute(
        sql.replace(
          /\?/g,
          (() => {
            let i = 0;
            return () => `:${++i}`;
          })(),
        ),
        values,
        { maxRows: 1 },
      );
      return res.metaData?.map((m) => m.name);
    }).catch(() => undefined),
  mssql: async () => undefined,
};
