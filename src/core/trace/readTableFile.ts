/**
 * Read a CSV, xlsx or delimited TXT file a hospital hands over (the four-code library, package
 * relations) as rows of cells, through the catalog module's reader: the encoding (UTF-8, GBK,
 * UTF-16) is detected, garbled text is recognised and the file is not read on. File-level
 * trouble becomes a FileIssue with Chinese words.
 */
import { problemWordsZh } from '../catalog/problemWords.js';
import type { Problem } from '../catalog/problems.js';
import { openTables } from '../catalog/read/openTable.js';
import type { EncodingChoice } from '../catalog/read/encoding.js';
import type { FileIssue } from './fileIssues.js';

export interface TableRow {
  line: number;
  cells: string[];
}

/** Every row of the file's first table (a ZIP's first entry, an xlsx's first sheet), with the file's problems. */
export async function readTableFile(
  file: string,
  o: { encoding?: EncodingChoice } = {},
): Promise<{ rows: TableRow[]; issues: FileIssue[] }> {
  const rows: TableRow[] = [];
  const t = await tableBatches(file, o);
  for await (const batch of t.batches) rows.push(...batch);
  return { rows, issues: t.issues };
}

/**
 * The same in batches as they are read, so that a file of a million rows is never held whole;
 * `issues` fills while the batches are read (a garbled file stops yielding).
 */
export async function tableBatches(
  file: string,
  o: { encoding?: EncodingChoice } = {},
): Promise<{ batches: AsyncGenerator<TableRow[]>; issues: FileIssue[] }> {
  const issues: FileIssue[] = [];
  const onProblem = (p: Problem) => {
    const zh = problemWordsZh(p);
    issues.push({
      file: p.file,
      line: p.line,
      ...(p.column ? { field: p.column } : {}),
      message: p.message,
      fix: p.fix,
      zh,
    });
  };
  const tables = await openTables(file, { encoding: o.encoding ?? 'auto', onProblem });
  const first = tables[0];
  async function* batches(): AsyncGenerator<TableRow[]> {
    if (!first) return;
    for await (const batch of first.rows()) yield batch.map((r) => ({ line: r.line, cells: r.cells }));
  }
  return { batches: batches(), issues };
}
