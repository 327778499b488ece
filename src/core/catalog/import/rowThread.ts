/**
 * Where a table's rows are read and checked (tableRows.ts): for a big file on a thread of its own
 * (rowWorker.ts), beside the importer that looks the rows up and writes them, so that reading
 * and writing share the machine's cores; for a small file here (a thread costs more than it
 * saves), and here too when the build is not there (tests run the sources). Both run tableRows
 * over the same file, so an import is the same either way.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CatalogKind } from '../kinds.js';
import type { EncodingChoice } from '../read/encoding.js';
import type { TableSource } from '../read/openTable.js';
import { tableRows, type RowMessage, type RowMode } from './tableRows.js';

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

/** Batches the reading thread may have sent ahead of the importer. */
export const ROWS_AHEAD = 16;

/** The messages of one table, and how to stop reading it early. */
interface TableRows {
  messages: AsyncIterable<RowMessage>;
  close(): Promise<void>;
}

/** The messages of one table; a big file's thread starts at once. */
export function tableMessages(src: TableSource, req: RowRequest): TableRows {
  if (fs.existsSync(WORKER_FILE) && fs.statSync(src.path).size >= THREAD_FROM_BYTES) return new RowThread(req);
  return { messages: tableRows(src, req.kind, req.mode), close: async () => undefined };
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
