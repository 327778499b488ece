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

/**
 * The packed rows of a catalog import (import/tableRows.ts) are given as they come, without an
 * array of values per row: their values up to row_fp, then the columns every catalog table ends
 * with — src_file, src_line, added_import and import_id — from `file`, `line` and `importId`.
 */
export interface BulkWriter {
  add(row: readonly unknown[]): Promise<void> | void;
  /** A row whose first `n` values are flat[at, at + n) (SQLite). */
  addFlat?(flat: readonly unknown[], at: number, n: number, file: number, line: number, importId: number): void;
  /** A row whose first values are COPY CSV, bytes[start, end) (PostgreSQL). */
  addCsvBytes?(
    bytes: Buffer,
    start: number,
    end: number,
    file: number,
    line: number,
    importId: number,
  ): Promise<void> | void;
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
  const run = () => {
    // Spread, the values are bound straight from the call's arguments: an array is read element
    // by element through property lookups (a tenth less CPU for the 11,000 values of a statement).
    many.run(...buf);
    written += rows;
    rows = 0;
  };
  return {
    get written() {
      return written;
    },
    add(row) {
      const base = rows * n;
      for (let i = 0; i < n; i++) buf[base + i] = row[i] ?? null;
      if (++rows === perStmt) run();
    },
    addFlat(flat, at, k, file, line, importId) {
      const base = rows * n;
      for (let i = 0; i < k; i++) buf[base + i] = flat[at + i];
      for (let i = k; i < n - 4; i++) buf[base + i] = null;
      buf[base + n - 4] = file;
      buf[base + n - 3] = line;
      buf[base + n - 2] = importId;
      buf[base + n - 1] = importId;
      if (++rows === perStmt) run();
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
 * search per value, cheaper than escaping the text format's backslashes. The first `n` values,
 * a comma after each but the last, `last` after it (',' where more values follow: the reading
 * thread's packed rows, import/tableRows.ts).
 */
export function copyCsv(row: readonly unknown[], n: number, last: ',' | '\n'): string {
  let out = '';
  for (let i = 0; i < n; i++) {
    const v = row[i];
    const end = i === n - 1 ? last : ',';
    if (v === null || v === undefined) {
      out += end;
      continue;
    }
    const s = typeof v === 'string' ? v : String(v);
    out += '"' + (s.indexOf('"') < 0 ? s : s.replace(/"/g, '""')) + '"' + end;
  }
  return out;
}

/** Bytes sent to the server at a time. */
const CHUNK = 1 << 16;

/**
 * The bytes of the COPY stream, gathered into chunks of their own (each handed to the socket as
 * it is, so never reused): packed rows are copied in as they came from the reading thread, with
 * the digits of their line written here, so that no string is made per row.
 */
class CopyChunks {
  buf = Buffer.allocUnsafeSlow(CHUNK);
  len = 0;
  /** `"file","` and `","import","import"\n` as bytes, for the file and import last asked. */
  private tailKey = '';
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);

  /** Whether n more bytes fit. */
  fits(n: number): boolean {
    return this.len + n <= this.buf.length;
  }

  /** The bytes gathered, and a new chunk for the next ones (at least n bytes). */
  take(n: number): Buffer {
    const out = this.buf.subarray(0, this.len);
    this.buf = Buffer.allocUnsafeSlow(Math.max(CHUNK, n));
    this.len = 0;
    return out;
  }

  text(s: string): void {
    this.len += this.buf.write(s, this.len);
  }

  /** A packed row: its bytes, then its file, line and import (room for them checked by the caller). */
  row(bytes: Buffer, start: number, end: number, file: number, line: number, importId: number): void {
    const key = `${file},${importId}`;
    if (key !== this.tailKey) {
      this.tailKey = key;
      this.head = Buffer.from(`"${file}","`);
      this.tail = Buffer.from(`","${importId}","${importId}"\n`);
    }
    const buf = this.buf;
    let p = this.len + bytes.copy(buf, this.len, start, end);
    for (let i = 0; i < this.head.length; i++) buf[p++] = this.head[i]!;
    p += digits(buf, p, line);
    for (let i = 0; i < this.tail.length; i++) buf[p++] = this.tail[i]!;
    this.len = p;
  }

  /** Room a packed row needs beside its bytes. */
  static readonly ROW_EXTRA = 128;
}

/** The decimal digits of a whole number ≥ 0 written at buf[at]; how many. */
function digits(buf: Buffer, at: number, n: number): number {
  let k = 1;
  for (let x = n; x >= 10; x = Math.floor(x / 10)) k++;
  for (let i = at + k - 1, x = n; i >= at; i--, x = Math.floor(x / 10)) buf[i] = 48 + (x % 10);
  return k;
}

const postgres: Factory = async (trx, table, columns) => {
  const client = (await rawConnection(trx)) as PgClient;
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  const sql = `COPY ${q(table)} (${columns.map(q).join(',')}) FROM STDIN WITH (FORMAT csv)`;
  const n = columns.length;
  let copy: CopyIn | undefined;
  const chunks = new CopyChunks();
  let pendingRows = 0;
  let written = 0;
  /** Send what is gathered; the next chunk holds at least `room` bytes. */
  const send = async (room = 0) => {
    if (!chunks.len) {
      if (!chunks.fits(room)) chunks.take(room);
      return;
    }
    if (!copy) {
      copy = new CopyIn(sql);
      client.query(copy);
    }
    await copy.write(chunks.take(room));
  };
  return {
    get written() {
      return written;
    },
    async add(row) {
      const line = copyCsv(row, n, '\n');
      // At most three bytes per UTF-16 unit.
      if (!chunks.fits(line.length * 3)) await send(line.length * 3);
      chunks.text(line);
      pendingRows++;
    },
    addCsvBytes(bytes, start, end, file, line, importId) {
      const need = end - start + CopyChunks.ROW_EXTRA;
      pendingRows++;
      if (chunks.fits(need)) return chunks.row(bytes, start, end, file, line, importId);
      return send(need).then(() => chunks.row(bytes, start, end, file, line, importId));
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
