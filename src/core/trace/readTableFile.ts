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
export async function readTableFile(file: string, o: { encoding?: EncodingChoice } = {}): Promise<{ rows: TableRow[]; issues: FileIssue[] }> {
  const issues: FileIssue[] = [];
  const onProblem = (p: Problem) => {
    const zh = problemWordsZh(p);
    issues.push({ file: p.file, line: p.line, ...(p.column ? { field: p.column } : {}), message: p.message, fix: p.fix, zh });
  };
  const tables = await openTables(file, { encoding: o.encoding ?? 'auto', onProblem });
  const rows: TableRow[] = [];
  const first = tables[0];
  if (first) for await (const batch of first.rows()) for (const r of batch) rows.push({ line: r.line, cells: [...r.cells] });
  return { rows, issues };
}
