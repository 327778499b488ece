/**
 * Where generated rows go. One contract (`add` a row object keyed by reference columns, money in
 * integer fen; `flush` ends a transaction; `drain` lets a writer catch up; `finish` completes the
 * database) and three writers:
 *
 * - SqliteWorkerSink (sqliteWorkerSink.ts): SQLite files, on a second thread.
 * - SqliteBulkSink: SQLite on this thread (in-memory databases, which a second connection cannot
 *   see), with prepared multi-row INSERTs written every few hundred rows.
 * - KnexBatchSink: every other database; rows wait until `flush`, which inserts them in chunks
 *   inside one transaction (a day at a time).
 *
 * Value forms differ per dialect (one table): money is a string with two decimals everywhere
 * except SQLite, where a number is what NUMERIC affinity stores anyway; Oracle needs Date objects
 * for its DATE/TIMESTAMP columns.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Db, Dialect, Knex } from '../db/index.js';
import { REFERENCE_TABLES, type RefTable } from '../his/index.js';
import type { Row, RowSink } from './rowSink.js';
import { fenToString } from './split.js';

export interface CountingSink extends RowSink {
  readonly counts: Record<string, number>;
  /** End the current transaction. */
  flush(): Promise<void>;
  /** Wait until the writer has caught up (between chunks of generation). */
  drain(): Promise<void>;
  /** Write what is left and build the indexes dropped for the load. */
  finish(indexSql: string[]): Promise<void>;
}

type ValueForm = (kind: string, v: unknown) => unknown;

const asDate = (v: unknown) => {
  if (typeof v !== 'string') return v;
  const [d, t = '00:00:00'] = v.split(' ');
  const [y, m, dd] = d!.split('-').map(Number);
  const [hh, mi, ss] = t.split(':').map(Number);
  return new Date(y!, m! - 1, dd!, hh, mi, ss);
};

const VALUE_FORMS: Record<Dialect, ValueForm> = {
  sqlite: (kind, v) => (kind === 'money' && typeof v === 'number' ? v / 100 : v),
  postgres: (kind, v) => (kind === 'money' && typeof v === 'number' ? fenToString(v) : v),
  mysql: (kind, v) => (kind === 'money' && typeof v === 'number' ? fenToString(v) : v),
  oracle: (kind, v) =>
    kind === 'money' && typeof v === 'number' ? fenToString(v) : kind === 'datetime' || kind === 'date' ? asDate(v) : v,
  mssql: (kind, v) => (kind === 'money' && typeof v === 'number' ? fenToString(v) : v),
};

/**
 * A row-to-parameters function per table with the column names written out, so each property
 * read is a fixed one (much faster than looking names up in a loop over a million rows). The
 * names come from the reference model, never from input. Money goes from fen to yuan (SQLite).
 */
export function compilePush(def: RefTable): (row: Row, buf: unknown[]) => void {
  const parts = def.columns.map((c) => {
    const v = `r[${JSON.stringify(c.name)}]`;
    return c.type.t === 'money' ? `(typeof ${v} === 'number' ? ${v} / 100 : ${v} ?? null)` : `(${v} ?? null)`;
  });
  return new Function('r', 'b', `b.push(${parts.join(', ')});`) as (row: Row, buf: unknown[]) => void;
}

/**
 * Columns the demo leaves empty in every row, left out of its INSERTs (binding a NULL still costs
 * time, and a large seed binds a hundred million values): the call bodies of the write-ahead log
 * and the billing department/doctor names (the codes are there).
 */
const SEED_SKIP: Record<string, string[]> = {
  his_center_log: ['request_body', 'response_body'],
  his_fee_detail: ['bilg_dept_name', 'bilg_dr_name'],
};

/** The reference table as the seed writes it: the columns it fills, in order. */
function seededTable(def: RefTable): RefTable {
  const skip = SEED_SKIP[def.name];
  return skip ? { ...def, columns: def.columns.filter((c) => !skip.includes(c.name)) } : def;
}

export const SEEDED_TABLES: RefTable[] = REFERENCE_TABLES.map(seededTable);

/** Names of the secondary indexes of the reference schema (dropped for a bulk load, rebuilt after). */
export const SECONDARY_INDEXES = REFERENCE_TABLES.flatMap((t) =>
  [...(t.unique ?? []), ...(t.indexes ?? [])].map((i) => i.name),
);

interface SqliteTable {
  def: RefTable;
  width: number;
  push: (row: Row, buf: unknown[]) => void;
  batch: number;
  many: Statement;
  one: Statement;
  buf: unknown[];
  rows: number;
}

export class SqliteBulkSink implements CountingSink {
  readonly counts: Record<string, number> = {};
  private tables = new Map<string, SqliteTable>();

  constructor(private readonly conn: Database) {
    conn.pragma('synchronous = OFF');
    for (const name of SECONDARY_INDEXES) conn.exec(`DROP INDEX IF EXISTS ${name}`);
    for (const def of SEEDED_TABLES) {
      const names = def.columns.map((c) => c.name);
      const one = `(${names.map(() => '?').join(',')})`;
      // SQLite allows 32766 parameters per statement; a few hundred rows per call is plenty.
      const batch = Math.max(1, Math.min(400, Math.floor(30000 / names.length)));
      const head = `INSERT INTO ${def.name} (${names.join(',')}) VALUES `;
      this.tables.set(def.name, {
        def,
        width: names.length,
        push: compilePush(def),
        batch,
        many: conn.prepare(head + new Array(batch).fill(one).join(',')),
        one: conn.prepare(head + one),
        buf: [],
        rows: 0,
      });
      this.counts[def.name] = 0;
    }
    conn.exec('BEGIN');
  }

  add(table: string, row: Row): void {
    const t = this.tables.get(table)!;
    t.push(row, t.buf);
    this.counts[table]!++;
    if (++t.rows === t.batch) {
      t.many.run(t.buf);
      t.buf = [];
      t.rows = 0;
    }
  }

  async flush(): Promise<void> {
    this.conn.exec('COMMIT');
    this.conn.exec('BEGIN');
  }

  async drain(): Promise<void> {}

  async finish(indexSql: string[]): Promise<void> {
    for (const t of this.tables.values()) {
      for (let r = 0; r < t.rows; r++) t.one.run(t.buf.slice(r * t.width, (r + 1) * t.width));
      t.buf = [];
      t.rows = 0;
    }
    this.conn.exec('COMMIT');
    for (const q of indexSql) this.conn.exec(q);
    this.conn.pragma('synchronous = NORMAL');
  }

  /** Roll back what is not committed (after a failure). */
  abort(): void {
    if (this.conn.inTransaction) this.conn.exec('ROLLBACK');
  }
}

export class KnexBatchSink implements CountingSink {
  readonly counts: Record<string, number> = {};
  private buffers = new Map<string, Row[]>();
  private defs = new Map<string, RefTable>();
  private form: ValueForm;

  constructor(private readonly db: Db) {
    this.form = VALUE_FORMS[db.dialect];
    for (const def of SEEDED_TABLES) {
      this.defs.set(def.name, def);
      this.buffers.set(def.name, []);
      this.counts[def.name] = 0;
    }
  }

  add(table: string, row: Row): void {
    const def = this.defs.get(table)!;
    const out: Row = {};
    for (const c of def.columns) {
      const v = row[c.name];
      out[c.name] = v === undefined || v === null ? null : this.form(c.type.t, v);
    }
    this.buffers.get(table)!.push(out);
    this.counts[table]!++;
  }

  async flush(): Promise<void> {
    await this.db.knex.transaction(async (trx: Knex.Transaction) => {
      for (const [table, rows] of this.buffers) {
        if (!rows.length) continue;
        const def = this.defs.get(table)!;
        const chunk = Math.max(1, Math.floor(6000 / def.columns.length));
        for (let i = 0; i < rows.length; i += chunk) await trx(table).insert(rows.slice(i, i + chunk));
      }
    });
    for (const k of this.buffers.keys()) this.buffers.set(k, []);
  }

  /** Rows wait in memory until flush (a day at a time on server databases). */
  async drain(): Promise<void> {}

  async finish(): Promise<void> {
    await this.flush();
  }
}
