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
export const ROWS_AHEAD = 6;

/** The messages of one table, from a thread of its own for a big file. */
export function tableMessages(src: TableSource, req: RowRequest): AsyncIterable<RowMessage> {
  if (fs.existsSync(WORKER_FILE) && fs.statSync(src.path).size >= THREAD_FROM_BYTES) return threadMessages(req);
  return tableRows(src, req.kind, req.mode);
}

async function* threadMessages(req: RowRequest): AsyncGenerator<RowMessage> {
  // A small young generation: the thread's garbage is short-lived rows, and a big one only adds
  // to the peak memory of the import.
  const worker = new Worker(WORKER_FILE, { workerData: req, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  const queue: ThreadMessage[] = [];
  let failure: Error | undefined;
  let exited = false;
  let notify: (() => void) | undefined;
  const wake = () => {
    notify?.();
    notify = undefined;
  };
  worker.on('message', (m: ThreadMessage) => {
    queue.push(m);
    wake();
  });
  worker.on('error', (e) => {
    failure ??= e;
    wake();
  });
  worker.on('exit', () => {
    exited = true;
    wake();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !failure && !exited) await new Promise<void>((res) => (notify = res));
      const m = queue.shift();
      if (!m) throw failure ?? new Error('the thread reading the catalog file stopped');
      if (m.t === 'error') throw new Error(m.message);
      if (m.t === 'rows') worker.postMessage('ack');
      yield m;
      if (m.t === 'end') return;
    }
  } finally {
    await worker.terminate();
  }
}
