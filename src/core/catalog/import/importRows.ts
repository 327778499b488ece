/**
 * Reading one table of an import: its layout from the first row, then every row checked
 * (catalogRow), looked up in the key table and sorted into added (written at once), changed
 * (compared with the stored entry in batches), unchanged, or refused (problems naming file, line
 * and field; set aside into the reject file under skipInvalid).
 */
import { layoutFor, type Layout } from '../catalogColumns.js';
import { catalogRow, LineIndex, type RowContext, type RowOk, type RowPlan } from '../catalogRow.js';
import { COL } from '../storedColumns.js';
import { EXISTED, SEEN } from '../keyTable.js';
import type { Problem } from '../problems.js';
import type { RawRow } from '../read/delimited.js';
import type { TableSource } from '../read/openTable.js';
import { columnLetter } from '../read/xlsx.js';
import { detach, detachedCopy, keyOf, processPending, sampleOf, trackedOf } from './importChanges.js';
import type { ImportRun, KindState } from './importRun.js';
import type { FileSummary } from './importTypes.js';

/** Changed rows are compared with the stored entries this many at a time. */
const PENDING_BATCH = 1000;

/** The first row of a table: its layout (header or position, which kind), or a problem that skips the table. */
async function beginTable(
  run: ImportRun,
  src: TableSource,
  fsum: FileSummary,
  first: RawRow,
  ctx: RowContext,
): Promise<KindState | undefined> {
  const lr = layoutFor(first.cells, src.file, run.o.kind);
  if (!lr.ok) {
    run.report({ code: lr.problem, file: src.file, line: first.line, message: lr.message, fix: lr.fix });
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
  ctx.fileIndex = st.sources.length - 1;
  ctx.layout = layout;
  ctx.plan = st.plan;
  return st;
}

/** A refused row: its problems reported, counted, set aside when bad rows are. */
function refuse(run: ImportRun, st: KindState, problems: Problem[], row: RawRow): Promise<void> | undefined {
  for (const p of problems) run.report(p);
  st.summary.rejected++;
  return run.reject?.add(problems, row.cells);
}

/** The highest version any row carries is the catalog's version. */
function noteVersion(st: KindState, values: RowOk['values']): void {
  const ver = values[COL.ver] as string | null;
  if (ver !== null && (st.maxVer === null || ver >= st.maxVer)) {
    st.maxVer = ver;
    st.summary.ver = ver;
    st.summary.ver_name = (values[COL.ver_name] as string | null) ?? null;
  }
}

/** A key neither stored nor seen before: counted, sampled and written. */
function addEntry(run: ImportRun, st: KindState, res: RowOk, line: number): Promise<void> | void {
  const s = st.summary;
  s.added++;
  if (!run.writing() && run.multiSource && st.earlier.size < 100_000)
    st.earlier.set(detach(keyOf(res.code, res.begndate)), detachedCopy(trackedOf(res.values)));
  if (s.samples.added.length < run.nSamples) s.samples.added.push(sampleOf(res.values, line));
  if (!run.writing()) return;
  res.values[COL.added_import] = s.importId;
  res.values[COL.import_id] = s.importId;
  return st.writer!.add(res.values);
}

/** One row of a table. Returns a promise only when there is something to wait for (most rows are synchronous). */
function takeRow(run: ImportRun, st: KindState, row: RawRow, ctx: RowContext, src: TableSource): Promise<void> | void {
  ctx.line = row.line;
  const res = catalogRow(row, ctx);
  if (!res.ok) return refuse(run, st, res.problems, row);
  const t = st.keys;
  const slot = t.slot(res.code, res.begndate);
  const seenAt = t.line(slot);
  if (seenAt > 0) {
    const p: Problem = {
      code: 'DUPLICATE_KEY',
      file: src.file,
      line: row.line,
      column: 'med_list_codg + begndate',
      message: `${res.code} starting ${res.begndate} already appears on line ${seenAt}`,
      fix: 'Keep one of the two lines (a code may appear again only with a different begndate).',
      value: res.code,
    };
    return refuse(run, st, [p], row);
  }
  const known = (t.flag(slot) & (EXISTED | SEEN)) !== 0;
  const prevFp = t.fp(slot);
  t.setLine(slot, row.line);
  t.setFp(slot, res.fp);
  t.setFlag(slot, SEEN);
  noteVersion(st, res.values);
  if (!known) return addEntry(run, st, res, row.line);
  if (prevFp === res.fp) {
    st.summary.unchanged++;
    return;
  }
  st.pending.push({ code: res.code, begndate: res.begndate, values: res.values, line: row.line, file: src.file });
  if (st.pending.length >= PENDING_BATCH) return processPending(run, st);
}

/** Read one table of the import to its end. */
export async function readTable(run: ImportRun, src: TableSource): Promise<void> {
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
  const ctx: RowContext = {
    file: src.file,
    line: 0,
    layout: undefined as unknown as Layout,
    plan: undefined as unknown as RowPlan,
    colName: (i) => (src.format === 'xlsx' ? `col ${columnLetter(i)}` : `col ${i + 1}`),
    index: new LineIndex(),
  };
  for await (const batch of src.rows()) {
    if (skip) continue;
    let start = 0;
    if (!st) {
      const first = batch[0];
      if (!first) continue;
      st = await beginTable(run, src, fsum, first, ctx);
      if (!st) {
        skip = true;
        continue;
      }
      if (ctx.layout.mode === 'header') start = 1;
    }
    for (let r = start; r < batch.length; r++) {
      run.rowsRead++;
      fsum.rows++;
      st.summary.rowsRead++;
      const wait = takeRow(run, st, batch[r]!, ctx, src);
      if (wait) await wait;
    }
    run.o.onProgress?.(run.rowsRead);
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
  fsum.encoding = src.encoding ?? null;
  fsum.encodingHow = src.encodingHow ?? null;
  const rec = st?.sources[st.sources.length - 1];
  if (rec && rec.file === src.file) rec.encoding = src.encoding ?? null;
  if (st) {
    await processPending(run, st);
    if (st.writer && run.writing()) await st.writer.flush();
  }
}
