/**
 * Where a table's rows are read and checked (tableRows.ts): for a big file on a thread of its own
 * (rowWorker.ts), beside the importer that looks the rows up and writes them, so that reading
 * and writing share the machine's cores; for a small file here (a thread costs more than it
 * saves), and here too when the build is not there (tests run the sources). Both run tableRows
 * over the same file, so an import is the same either way.
 *
 * `readAhead` starts the thread of a command's first file before the import itself, while the
 * importer's modules load and its database opens; the import takes it over when it asks for the
 * same table read the same way, and stops it otherwise. This module stays light (tableRows is
 * loaded only for a small file) so that starting the thread early costs next to nothing.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CatalogKind } from '../kinds.js';
import type { EncodingChoice } from '../read/encoding.js';
import type { TableSource } from '../read/openTable.js';
import type { RowMessage, RowMode } from './tableRows.js';

const WORKER_FILE = fileURLToPath(new URL('./rowWorker.js', import.meta.url));
/** Files from this size on are read on a thread of their own. */
const THREAD_FROM_BYTES = 2 << 20;

/** What the reading thread is asked: which table of which file, read how. */
export interface RowRequest {
  file: string;
  /** The table's place among the file's tables (openTables). */
  index: number;
  kind?: CatalogKind;
  encoding?: EncodingChoice;
  sheet?: string;
  mode: RowMode;
}

/** Messages from the reading thread that are not tableRows' own. */
export type ThreadMessage = RowMessage | { t: 'error'; message: string };

/** Batches (about a hundred rows each) the reading thread may have sent ahead of the importer. */
export const ROWS_AHEAD = 16;
/**
 * Before the importer takes its first batch, more: a thread started ahead keeps reading while the
 * importer's modules load and its database opens (16 stopped it for most of a second at a load
 * average of 8). The allowance shrinks by one batch per batch taken, down to ROWS_AHEAD, so the
 * thread never waits for the importer to catch up and the memory held (about 10 MB at most)
 * is the start's alone.
 */
export const ROWS_AHEAD_AT_START = 128;

/** The messages of one table, and how to stop reading it early. */
interface TableRows {
  messages: AsyncIterable<RowMessage>;
  close(): Promise<void>;
}

/** A reading thread started before its import, with what it was asked. */
export interface ReadAhead {
  readonly req: RowRequest;
  readonly rows: TableRows;
}

/** Whether a file is read on a thread of its own (false for a file that cannot be read). */
function threaded(file: string): boolean {
  try {
    return fs.existsSync(WORKER_FILE) && fs.statSync(file).size >= THREAD_FROM_BYTES;
  } catch {
    return false;
  }
}

/** The thread reading a table, started now if the file is big enough to be read on one. */
export function readAhead(req: RowRequest): ReadAhead | undefined {
  return threaded(req.file) ? { req, rows: new RowThread(req) } : undefined;
}

/** Whether two requests read the same table the same way. */
export function sameRequest(a: RowRequest, b: RowRequest): boolean {
  return (
    a.file === b.file &&
    a.index === b.index &&
    a.kind === b.kind &&
    a.encoding === b.encoding &&
    a.sheet === b.sheet &&
    a.mode === b.mode
  );
}

async function* readHere(src: TableSource, req: RowRequest): AsyncGenerator<RowMessage> {
  const { tableRows } = await import('./tableRows.js');
  yield* tableRows(src, req.kind, req.mode);
}

/**
 * The messages of one table: the thread started ahead for it if it asked the same, else a big
 * file's thread started now (a thread ahead that asked otherwise is stopped), else read here.
 */
export function tableMessages(src: TableSource, req: RowRequest, ahead?: ReadAhead): TableRows {
  if (ahead && sameRequest(ahead.req, req)) return ahead.rows;
  void ahead?.rows.close();
  if (threaded(src.path)) return new RowThread(req);
  return { messages: readHere(src, req), close: async () => undefined };
}

class RowThread implements TableRows {
  private readonly worker: Worker;
  private readonly queue: ThreadMessage[] = [];
  private failure: Error | undefined;
  private exited = false;
  private notify: (() => void) | undefined;
  readonly messages: AsyncIterable<RowMessage>;

  constructor(req: RowRequest) {
    // A small young generation: the thread's garbage is short-lived rows, and a big one only adds
    // to the peak memory of the import.
    this.worker = new Worker(WORKER_FILE, { workerData: req, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.worker.on('message', (m: ThreadMessage) => {
      this.queue.push(m);
      this.wake();
    });
    this.worker.on('error', (e) => {
      this.failure ??= e;
      this.wake();
    });
    this.worker.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.messages = this.read();
  }

  private wake(): void {
    this.notify?.();
    this.notify = undefined;
  }

  private async *read(): AsyncGenerator<RowMessage> {
    try {
      for (;;) {
        while (this.queue.length === 0 && !this.failure && !this.exited)
          await new Promise<void>((res) => (this.notify = res));
        const m = this.queue.shift();
        if (!m) throw this.failure ?? new Error('the thread reading the catalog file stopped');
        if (m.t === 'error') throw new Error(m.message);
        if (m.t === 'rows') this.worker.postMessage('ack');
        yield m;
        if (m.t === 'end') return;
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
