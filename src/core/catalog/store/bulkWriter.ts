/**
 * Bulk inserts inside a transaction, the fastest way each database offers through its driver:
 * PostgreSQL takes the rows as one `COPY … FROM STDIN` stream, SQLite runs one prepared
 * multi-row INSERT over and over, and the others get multi-row INSERTs sized to their bind
 * limits. The writer buffers rows; `flush()` sends what is buffered and, for PostgreSQL, ends the
 * COPY so that other statements can run on the transaction again.
 *
 * Driver connections are reached through the transaction (knex hands the transaction's own
 * connection back), never imported here: core/db stays the only importer of drivers.
 */
import type { Dialect, Knex } from '../../db/index.js';

export interface BulkWriter {
  add(row: readonly unknown[]): Promise<void> | void;
  /** A row as COPY CSV text, in two pieces (PostgreSQL only). */
  addCsv?(head: string, tail: string): Promise<void> | void;
  /** Send everything buffered; afterwards the transaction can run other statements. */
  flush(): Promise<void>;
  readonly written: number;
}

type Factory = (trx: Knex.Transaction, table: string, columns: readonly string[]) => Promise<BulkWriter>;

async function rawConnection(trx: Knex.Transaction): Promise<unknown> {
  return (trx as unknown as { client: { acquireConnection(): Promise<unknown> } }).client.acquireConnection();
}

// ---- SQLite: better-sqlite3 prepared statements ----------------------------------------------

interface SqliteDb {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

const sqlite: Factory = async (trx, table, columns) => {
  const conn = (await rawConnection(trx)) as SqliteDb;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const n = columns.length;
  const perStmt = Math.max(1, Math.min(500, Math.floor(32000 / n)));
  const tuple = `(${new Array(n).fill('?').join(',')})`;
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(',')}) VALUES `;
  const many = conn.prepare(head + new Array(perStmt).fill(tuple).join(','));
  const one = conn.prepare(head + tuple);
  // One array reused for every statement: the driver copies the values when it binds them.
  const buf: unknown[] = new Array(perStmt * n).fill(null);
  let rows = 0;
  let written = 0;
  return {
    get written() {
      return written;
    },
    add(row) {
      const base = rows * n;
      for (let i = 0; i < n; i++) buf[base + i] = row[i] ?? null;
      if (++rows === perStmt) {
        many.run(buf);
        written += rows;
        rows = 0;
      }
    },
    async flush() {
      for (let r = 0; r < rows; r++) one.run(buf.slice(r * n, (r + 1) * n));
      written += rows;
      rows = 0;
    },
  };
};

// ---- PostgreSQL: COPY FROM STDIN on the transaction's pg client -------------------------------

interface PgConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(msg: string): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean; once(ev: 'drain', fn: () => void): void };
}

interface PgClient {
  query(q: unknown): unknown;
}

/** A COPY … FROM STDIN query object in the shape node-postgres accepts (a "submittable"). */
class CopyIn {
  callback?: (err: Error | null) => void;
  private conn?: PgConnection;
  private ready: Promise<PgConnection>;
  private onReady!: (c: PgConnection) => void;
  private onFail!: (e: Error) => void;
  done: Promise<void>;
  private resolveDone!: () => void;
  private rejectDone!: (e: Error) => void;
  error?: Error;

  constructor(readonly text: string) {
    this.ready = new Promise((res, rej) => {
      this.onReady = res;
      this.onFail = rej;
    });
    this.ready.catch(() => undefined);
    this.done = new Promise((res, rej) => {
      this.resolveDone = res;
      this.rejectDone = rej;
    });
    this.done.catch(() => undefined);
  }
  submit(connection: PgConnection): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: PgConnection): void {
    this.conn = connection;
    this.onReady(connection);
  }
  handleCommandComplete(): void {}
  handleReadyForQuery(): void {
    if (this.error) this.rejectDone(this.error);
    else this.resolveDone();
    this.callback?.(this.error ?? null);
  }
  handleError(e: Error): void {
    this.error = e;
    this.onFail(e);
  }
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  async write(chunk: Buffer): Promise<void> {
    const c = this.conn ?? (await this.ready);
    if (this.error) throw this.error;
    c.sendCopyFromChunk(chunk);
    if (c.stream.writableNeedDrain) await new Promise<void>((res) => c.stream.once('drain', res));
  }
  async end(): Promise<void> {
    const c = this.conn ?? (await this.ready);
    if (this.error) throw this.error;
    c.endCopyFrom();
    await this.done;
  }
}

/**
 * Rows go as COPY's CSV format: every value quoted (so tabs, commas and line breaks inside need no
 * escaping, only quotes are doubled) and NULL as an empty unquoted field. Quoting is one native
 * search per value, cheaper than escaping the text format's backslashes. The pieces are pushed
 * as they are and joined once per chunk, so no string is built per value.
 */
function pushCsv(parts: string[], v: unknown, last: boolean): number {
  if (v === null || v === undefined) {
    parts.push(last ? '\n' : ',');
    return 1;
  }
  const s = typeof v === 'string' ? v : String(v);
  const body = s.indexOf('"') < 0 ? s : s.replace(/"/g, '""');
  parts.push('"', body, last ? '"\n' : '",');
  return body.length + 3;
}

const postgres: Factory = async (trx, table, columns) => {
  const client = (await rawConnection(trx)) as PgClient;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const sql = `COPY ${q(table)} (${columns.map(q).join(',')}) FROM STDIN WITH (FORMAT csv)`;
  const n = columns.length;
  let copy: CopyIn | undefined;
  let parts: string[] = [];
  let size = 0;
  let pendingRows = 0;
  let written = 0;
  const send = async () => {
    if (!parts.length) return;
    if (!copy) {
      copy = new CopyIn(sql);
      client.query(copy);
    }
    const chunk = Buffer.from(parts.join(''), 'utf8');
    parts = [];
    size = 0;
    await copy.write(chunk);
  };
  return {
    get written() {
      return written;
    },
    async add(row) {
      for (let i = 0; i < n; i++) size += pushCsv(parts, row[i], i === n - 1);
      pendingRows++;
      // Chunks under 64K characters stay out of V8's large-object space.
      if (size > 60000) await send();
    },
    addCsv(head, tail) {
      parts.push(head, tail);
      size += head.length + tail.length;
      pendingRows++;
      if (size > 60000) return send();
    },
    async flush() {
      await send();
      if (copy) {
        const c = copy;
        copy = undefined;
        await c.end();
      }
      written += pendingRows;
      pendingRows = 0;
    },
  };
};

// ---- The rest: multi-row INSERT through knex, sized to the bind limit -------------------------

function multiRow(maxBinds: number, maxRows: number): Factory {
  return async (trx, table, columns) => {
    const n = columns.length;
    const per = Math.max(1, Math.min(maxRows, Math.floor(maxBinds / n)));
    let buf: Record<string, unknown>[] = [];
    let written = 0;
    const send = async () => {
      if (!buf.length) return;
      const rows = buf;
      buf = [];
      await trx(table).insert(rows);
      written += rows.length;
    };
    return {
      get written() {
        return written;
      },
      async add(row) {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < n; i++) o[columns[i]!] = row[i] ?? null;
        buf.push(o);
        if (buf.length >= per) await send();
      },
      flush: send,
    };
  };
}

/** One bulk-load method per dialect. */
const WRITERS: Record<Dialect, Factory> = {
  sqlite,
  postgres,
  mysql: multiRow(60000, 1000),
  mssql: multiRow(2000, 1000),
  oracle: multiRow(30000, 500),
};

export function bulkWriter(
  trx: Knex.Transaction,
  dialect: Dialect,
  table: string,
  columns: readonly string[],
): Promise<BulkWriter> {
  return WRITERS[dialect](trx, table, columns);
}
