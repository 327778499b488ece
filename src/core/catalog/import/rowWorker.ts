/**
 * The reading thread of a catalog import (rowThread.ts): it opens the file again, reads and
 * checks the table asked for (tableRows.ts) and sends its messages, at most ROWS_AHEAD batches
 * ahead of the importer (more at the start, ROWS_AHEAD_AT_START). Problems of the file's opening
 * were reported by the importer already; those met while reading are sent in order with the rows.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openTables } from '../read/openTable.js';
import { ROWS_AHEAD, ROWS_AHEAD_AT_START, type RowRequest, type ThreadMessage } from './rowThread.js';
import { tableRows } from './tableRows.js';

const port = parentPort!;
const req = workerData as RowRequest;
let ahead = 0;
let taken = 0;
let resume: (() => void) | undefined;

port.on('message', () => {
  ahead--;
  taken++;
  resume?.();
  resume = undefined;
});

/** A batch's typed arrays are handed over, not copied (each has a buffer of its own). */
const post = (m: ThreadMessage) =>
  port.postMessage(
    m,
    m.t !== 'rows'
      ? []
      : m.bytes
        ? [m.meta.buffer as ArrayBuffer, m.bytes.buffer as ArrayBuffer]
        : [m.meta.buffer as ArrayBuffer],
  );

async function read(): Promise<void> {
  let opened = false;
  const tables = await openTables(req.file, {
    encoding: req.encoding,
    sheet: req.sheet,
    onProblem: (p) => {
      if (opened) post({ t: 'problem', p });
    },
  });
  opened = true;
  for await (const m of tableRows(tables[req.index]!, req.kind, req.mode)) {
    post(m);
    if (m.t !== 'rows') continue;
    ahead++;
    while (ahead >= Math.max(ROWS_AHEAD, ROWS_AHEAD_AT_START - taken)) await new Promise<void>((res) => (resume = res));
  }
}

read().then(
  () => port.close(),
  (e: unknown) => post({ t: 'error', message: String((e as Error)?.stack ?? e) }),
);
