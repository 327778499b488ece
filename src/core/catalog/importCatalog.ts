/**
 * `catalog import`: read catalog files as they stream, check every row, and compare with what is
 * stored to find the entries added, changed (name, category, price limit, self-pay ratio,
 * validity…) or ended. A dry run stops there and reports counts and samples; with `apply` the
 * rows are written as they are read, in one transaction that commits only when the whole run was
 * clean (or `skipInvalid` set the bad rows aside in a reject file).
 *
 * Memory stays flat for a million rows: rows are handled batch by batch, and only one small
 * number per key (the stored row's fingerprint, or the line it was seen on) is kept.
 *
 * The phases live in import/: the run and its per-kind state (importRun.ts), reading a table row
 * by row (importRows.ts), comparing changed rows with the stored ones (importChanges.ts), ending
 * what a full catalog left out and committing (importEnd.ts).
 */
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { endMissing, finishImport } from './import/importEnd.js';
import { readTable } from './import/importRows.js';
import { ImportRun } from './import/importRun.js';
import type { CatalogImportOptions, CatalogImportResult } from './import/importTypes.js';
import { tableMessages } from './import/rowThread.js';
import { openTables, type TableSource } from './read/openTable.js';

export {
  TRACKED_FIELDS,
  type CatalogImportOptions,
  type CatalogImportResult,
  type ChangeSample,
  type EntrySample,
  type FileSummary,
  type KindImportSummary,
} from './import/importTypes.js';

export async function importCatalog(db: Db, o: CatalogImportOptions): Promise<CatalogImportResult> {
  if (o.files.length === 0)
    throw inputError(
      'CATALOG_NO_FILES',
      'No catalog files given',
      'Name one or more files: hisops catalog import 1306.zip',
    ).zh('未给出目录文件', '请给出一个或多个文件：hisops catalog import 1306.zip');
  const run = new ImportRun(db, o);
  const sources: Array<{ src: TableSource; file: string; index: number }> = [];
  for (const file of o.files) {
    const tables = await openTables(file, { encoding: o.encoding, sheet: o.sheet, onProblem: run.report });
    tables.forEach((src, index) => sources.push({ src, file, index }));
  }
  run.multiSource = sources.length > 1;
  let ahead = o.readAhead;
  const rowsOf = (i: number) => {
    const { src, file, index } = sources[i]!;
    const req = { file, index, kind: o.kind, encoding: o.encoding, sheet: o.sheet, mode: run.mode };
    const rows = tableMessages(src, req, i === 0 ? ahead : undefined);
    ahead = undefined;
    return rows;
  };
  // The first table is being read (on its own thread when big) while the database is made ready.
  let rows = sources.length ? rowsOf(0) : undefined;
  await ahead?.rows.close(); // no table to read: the thread started ahead is not needed
  try {
    await run.begin();
  } catch (e) {
    await rows?.close();
    throw e;
  }
  try {
    for (let i = 0; i < sources.length; i++) {
      rows ??= rowsOf(i);
      await readTable(run, sources[i]!.src, rows.messages);
      rows = undefined;
    }
    if (o.full) for (const st of run.states.values()) await endMissing(run, st);
    await finishImport(run);
    if (run.reject) await run.reject.close();
  } catch (e) {
    await rows?.close();
    if (run.trx && !run.trx.isCompleted()) await run.trx.rollback().catch(() => undefined);
    if (run.reject) await run.reject.abort();
    throw e;
  }
  const blocked = run.blocked;
  const kinds = [...run.states.values()].map((s) => {
    if (!run.apply || blocked) s.summary.importId = null;
    return s.summary;
  });
  return {
    applied: !!run.trx && !blocked,
    blocked,
    files: run.files,
    kinds,
    problems: run.problems.report(),
    rejectFile: run.reject?.file ?? null,
    rejectedRows: run.reject?.rows ?? kinds.reduce((n, k) => n + k.rejected, 0),
  };
}
