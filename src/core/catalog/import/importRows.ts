/**
 * Reading one table of an import: the messages of tableRows.ts (from the reading thread, or read
 * here for small files): the layout, then per row its checked values, looked up in the key table
 * and sorted into added (written at once), changed (compared with the stored entry in batches),
 * unchanged, or refused (problems naming file, line and field; set aside into the reject file
 * under skipInvalid).
 */
import type { Layout } from '../catalogColumns.js';
import { COL } from '../storedColumns.js';
import { EXISTED, SEEN } from '../keyTable.js';
import type { Problem } from '../problems.js';
import type { TableSource } from '../read/openTable.js';
import { detach, detachedCopy, keyOf, processPending, sampleOf, trackedOf } from './importChanges.js';
import type { ImportRun, KindState } from './importRun.js';
import type { FileSummary } from './importTypes.js';
import { PACKED, PackedRow, STRIDE, Unpacked, type RowBatch, type RowMessage } from './tableRows.js';

/** Changed rows are compared with the stored entries this many at a time. */
const PENDING_BATCH = 1000;

/** The first row of a table gave its layout (header or position, which kind), or a problem that skips the table. */
async function beginTable(
  run: ImportRun,
  src: TableSource,
  fsum: FileSummary,
  m: Extract<RowMessage, { t: 'table' }>,
): Promise<KindState | undefined> {
  const lr = m.layout;
  if (!lr.ok) {
    run.report({ code: lr.problem, file: src.file, line: m.line, message: lr.message, fix: lr.fix });
    return undefined;
  }
  const layout: Layout = lr.layout;
  fsum.kind = layout.kind;
  fsum.kindFrom = layout.kindFrom;
  fsum.layout = layout.mode;
  const st = await run.stateFor(layout.kind);
  st.summary.files.push(src.file);
  st.sources.push({ file: src.file, path: src.path, entry: src.entry ?? null, encoding: null, archived: null });
  st.keys.newFile();
  return st;
}

/** A refused row: its problems reported, counted, set aside when bad rows are. */
function refuse(run: ImportRun, st: KindState, problems: Problem[], cells: string[]): Promise<void> | undefined {
  for (const p of problems) run.report(p);
  st.summary.rejected++;
  return run.reject?.add(problems, cells);
}

/** The highest version any row carries is the catalog's version. */
function noteVersion(st: KindState, ver: string | null, name: string | null): void {
  if (ver !== null && (st.maxVer === null || ver >= st.maxVer)) {
    st.maxVer = ver;
    st.summary.ver = ver;
    st.summary.ver_name = name;
  }
}

/** A key neither stored nor seen before: counted, sampled and written. */
function addEntry(run: ImportRun, st: KindState, row: PackedRow, fileIndex: number): Promise<void> | void {
  const s = st.summary;
  s.added++;
  if (!run.writing() && run.multiSource && st.earlier.size < 100_000) {
    const v = row.values();
    st.earlier.set(
      detach(keyOf(v[COL.med_list_codg] as string, v[COL.begndate] as string)),
      detachedCopy(trackedOf(v)),
    );
  }
  if (s.samples.added.length < run.nSamples) s.samples.added.push(sampleOf(row.values(), row.line));
  if (!run.writing()) return;
  const w = st.writer!;
  const id = s.importId!;
  // A packed row goes to the writer as packed: no array of its values is made for it.
  if (row.start >= 0 && w.addCsvBytes)
    return w.addCsvBytes(row.packing.bytes!, row.start, row.end, fileIndex, row.line, id);
  if (row.at >= 0 && w.addFlat) return w.addFlat(row.packing.flat!, row.at, PACKED, fileIndex, row.line, id);
  const v = row.values();
  v[COL.added_import] = id;
  v[COL.import_id] = id;
  return w.add(v);
}

/** One good row of a table. Returns a promise only when there is something to wait for (most rows are synchronous). */
function takeRow(
  run: ImportRun,
  st: KindState,
  row: PackedRow,
  src: TableSource,
  fileIndex: number,
): Promise<void> | void {
  const t = st.keys;
  const slot = t.slotOf(row.h1, row.h2);
  const known = (t.flag(slot) & (EXISTED | SEEN)) !== 0;
  const prevFp = t.fp(slot);
  t.setLine(slot, row.line);
  t.setFp(slot, row.fp);
  t.setFlag(slot, SEEN);
  noteVersion(st, row.ver, row.verName);
  if (!known) return addEntry(run, st, row, fileIndex);
  if (prevFp === row.fp) {
    st.summary.unchanged++;
    return;
  }
  const v = row.values();
  const code = v[COL.med_list_codg] as string;
  st.pending.push({ code, begndate: v[COL.begndate] as string, values: v, line: row.line, file: src.file });
  if (st.pending.length >= PENDING_BATCH) return processPending(run, st);
}

/** The rows of one batch, in order. */
async function takeBatch(
  run: ImportRun,
  st: KindState,
  b: RowBatch,
  src: TableSource,
  fsum: FileSummary,
): Promise<void> {
  const fileIndex = st.sources.length - 1;
  const row = new PackedRow(fileIndex, new Unpacked(b));
  const n = b.meta.length / STRIDE;
  let packed = 0;
  for (let r = 0; r < n; r++) {
    run.rowsRead++;
    fsum.rows++;
    st.summary.rowsRead++;
    const m = r * STRIDE;
    const s = b.meta[m + 5]!;
    const side = s > 0 ? b.side[s - 1]! : undefined;
    let wait: Promise<void> | void;
    if (side?.problems) wait = refuse(run, st, side.problems, side.cells!);
    else {
      row.set(b, m, side ? -1 : packed++, side?.values);
      wait = takeRow(run, st, row, src, fileIndex);
    }
    if (wait) await wait;
  }
  run.o.onProgress?.(run.rowsRead);
}

/** Read one table of the import to its end. */
export async function readTable(run: ImportRun, src: TableSource, messages: AsyncIterable<RowMessage>): Promise<void> {
  const fsum: FileSummary = {
    file: src.file,
    format: src.format,
    encoding: null,
    encodingHow: null,
    kind: null,
    kindFrom: null,
    layout: null,
    rows: 0,
  };
  run.files.push(fsum);
  let st: KindState | undefined;
  let skip = false;
  let end: Extract<RowMessage, { t: 'end' }> | undefined;
  for await (const m of messages) {
    if (m.t === 'problem') run.report(m.p);
    else if (m.t === 'table') {
      st = await beginTable(run, src, fsum, m);
      skip = !st;
    } else if (m.t === 'rows') await takeBatch(run, st!, m, src, fsum);
    else end = m;
  }
  // A file without a single row is not an empty catalog: it is a failed download or export.
  if (!st && !skip)
    run.report({
      code: 'FILE_EMPTY',
      file: src.file,
      line: 0,
      message: 'the file holds no rows',
      fix: 'Download or export the catalog again; an empty file imports nothing.',
    });
  fsum.encoding = end?.encoding ?? null;
  fsum.encodingHow = end?.encodingHow ?? null;
  const rec = st?.sources[st.sources.length - 1];
  if (rec && rec.file === src.file) rec.encoding = end?.encoding ?? null;
  if (st) {
    await processPending(run, st);
    if (st.writer && run.writing()) await st.writer.flush();
  }
}
