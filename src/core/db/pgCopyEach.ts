/**
 * A PostgreSQL SELECT read through `COPY (…) TO STDOUT`: each row arrives as one line of text
 * (PostgreSQL's bulk export), which costs a fraction of the ordinary protocol in the driver — there,
 * every value of every row is a message field decoded on its own (a month of settlements is twenty
 * million of them). Values come out exactly as `rowMode: 'array'` gives them: the COPY text of a
 * value is the same text the server sends in a result row (the type's output function), and each
 * column goes through the same type parser the driver would apply.
 *
 * One round trip: a simple query of two statements, the SELECT with `LIMIT 0` (its column names and
 * types) and the COPY. COPY takes no parameters, so the bindings are put into the SQL as quoted
 * literals — the form a parameter of unknown type has, so the server infers the same types.
 */

import { parenthesized } from './parenthesized.js';
import type { RowSink } from './queryArrays.js';

type TypeParser = (v: string) => unknown;
export interface PgTypes {
  getTypeParser(oid: number, format?: string): TypeParser;
}

interface RowDescription {
  fields: Array<{ name: string; dataTypeID: number }>;
}

/** The parts of pg's Client this uses (a submittable query: pg calls its handlers as messages arrive). */
export interface PgCopyConn extends PgTypes {
  query(q: CopyRows): unknown;
}

interface PgWire {
  query(text: string): void;
  /** The socket the answer arrives on (pg's Connection keeps it here). */
  stream?: { pause(): unknown; resume(): unknown };
}

/**
 * How long rows are handed over before the socket is paused until the event loop's next turn.
 * A socket readable for long is read chunk after chunk in one turn (libuv reads up to 32 chunks
 * of 64 KB before it looks at other sockets): tens of thousands of rows, 100–270 ms of a large
 * month's run, during which nothing else the process waits for (the center's answers) is handled.
 */
const SLICE_MS = 4;
/** Rows between looks at the clock. */
const ROWS_PER_LOOK = 64;

/**
 * Each row of `sql` (a SELECT with its bindings already written in as literals, see copyText)
 * handed to `onRow` as it arrives; resolves to the column names when the last has been handed
 * over. `types` are the type parsers to use (the connection's own when not given). An error thrown
 * by `onRow` stops the rows (the rest of the answer is read and dropped) and is the rejection.
 */
export function pgCopyEach(
  conn: PgCopyConn,
  sql: string,
  onRow: RowSink,
  types?: PgTypes,
  o: { serialPlan?: boolean } = {},
): Promise<string[]> {
  return new Promise<string[]>((ok, fail) => {
    conn.query(
      new CopyRows(copyText(sql, o.serialPlan === true), types ?? conn, onRow, (err, columns) =>
        err ? fail(err) : ok(columns!),
      ),
    );
  });
}

/**
 * The two statements: the SELECT's columns (no row), then its rows through COPY. With
 * `serialPlan`, a SET LOCAL before them keeps the server from planning parallel workers: the
 * statements of one simple query run as one transaction, so the setting ends with them.
 */
function copyText(select: string, serialPlan: boolean): string {
  return `${serialPlan ? 'SET LOCAL max_parallel_workers_per_gather = 0;\n' : ''}SELECT * FROM ${parenthesized(select)} hisops_q LIMIT 0;\nCOPY ${parenthesized(select)} TO STDOUT`;
}

class CopyRows {
  private columns: string[] = [];
  private parsers: Array<TypeParser | null> = [];
  private error: unknown;
  private done = false;
  private stream: PgWire['stream'];
  private sliceStart = 0;
  private sinceLook = 0;

  constructor(
    /** The query text (copyText). */
    readonly text: string,
    private readonly types: PgTypes,
    private readonly onRow: RowSink,
    public callback: (err: unknown, columns?: string[]) => void,
  ) {}

  submit(connection: PgWire): void {
    this.stream = connection.stream;
    this.sliceStart = performance.now();
    connection.query(this.text);
  }

  /**
   * Past the slice's time: the socket is paused (what the current chunk holds is still handed
   * over) and read again on the next turn of the event loop, after the I/O that arrived meanwhile.
   */
  private breathe(): void {
    this.sinceLook = 0;
    const now = performance.now();
    if (now - this.sliceStart < SLICE_MS || this.stream === undefined) return;
    const stream = this.stream;
    stream.pause();
    this.sliceStart = Number.POSITIVE_INFINITY;
    setImmediate(() => {
      this.sliceStart = performance.now();
      stream.resume();
    });
  }

  handleRowDescription(msg: RowDescription): void {
    this.columns = msg.fields.map((f) => f.name);
    const same = this.types.getTypeParser(TEXT_OID, 'text');
    this.parsers = msg.fields.map((f) => {
      const p = this.types.getTypeParser(f.dataTypeID, 'text');
      return p === same || p === asText ? null : p;
    });
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    if (this.error !== undefined) return;
    // One row per message, ending in a line break.
    const line = msg.chunk.toString('utf8', 0, msg.chunk.length - 1);
    const values: unknown[] = line.split('\t');
    const slash = line.indexOf('\\');
    if (slash !== -1) {
      // Most rows have a null somewhere and no other backslash: then the nulls are all there is to do.
      const plain = onlyNulls(line, slash);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as string;
        values[i] = v === '\\N' ? null : !plain && v.includes('\\') ? unescapeCopy(v) : v;
      }
    }
    const parsers = this.parsers;
    for (let i = 0; i < parsers.length; i++) {
      const p = parsers[i];
      if (p && values[i] !== null) values[i] = p(values[i] as string);
    }
    try {
      this.onRow(values, this.columns);
    } catch (e) {
      this.error = e;
    }
    if (++this.sinceLook === ROWS_PER_LOOK) this.breathe();
  }

  handleDataRow(): void {}
  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}

  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }): void {
    connection.sendCopyFail('not a COPY FROM');
  }

  handleError(err: unknown): void {
    // The server's error is followed by ReadyForQuery; a broken connection sends nothing more.
    this.error ??= err;
    this.finish();
  }

  handleReadyForQuery(): void {
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (this.error !== undefined) this.callback(this.error);
    else this.callback(null, this.columns);
  }
}

/** PostgreSQL's oid of `text`: its parser is the driver's "leave the text as it is". */
const TEXT_OID = 25;

/** The parser that keeps a value's text (timestamps read as text). */
export const asText: TypeParser = (v) => v;

/**
 * Is every backslash of the line, from `at` on, a whole value `\N` (a null)? Then no value has an
 * escape sequence: COPY writes a backslash of the data as `\\`.
 */
function onlyNulls(line: string, at: number): boolean {
  for (; at !== -1; at = line.indexOf('\\', at + 3)) {
    const before = at === 0 ? TAB : line.charCodeAt(at - 1);
    const after = at + 2 === line.length ? TAB : line.charCodeAt(at + 2);
    if (before !== TAB || line.charCodeAt(at + 1) !== 78 /* N */ || after !== TAB) return false;
  }
  return true;
}
const TAB = 9;

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/**
 * A value of COPY's text format with its backslash sequences undone. COPY TO writes a backslash as
 * `\\` and the control characters as `\n`, `\t`…; it never writes octal or hex sequences.
 */
function unescapeCopy(v: string): string {
  return v.replace(/\\(.)/gs, (_m, ch: string) => ESCAPES[ch] ?? ch);
}
