/**
 * Problems found in an input file: where (file, line, column), what, and the fix. A file of a
 * million rows can hold a million problems, so the list keeps the first `limit` in full and counts
 * the rest by code. Pure.
 */

export type ProblemCode =
  | 'FILE_UNREADABLE'
  | 'FILE_EMPTY'
  | 'ZIP_TRUNCATED'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_EMPTY'
  | 'MOJIBAKE'
  | 'BAD_ENCODING'
  | 'NO_HEADER'
  | 'UNKNOWN_KIND'
  | 'MISSING_COLUMN'
  | 'COLUMN_COUNT'
  | 'MISSING_VALUE'
  | 'BAD_DATE'
  | 'BAD_INTERVAL'
  | 'BAD_NUMBER'
  | 'BAD_CODE'
  | 'CODE_SHAPE'
  | 'DUPLICATE_KEY'
  | 'UNCLOSED_QUOTE'
  | 'OVERLAP'
  | 'UNKNOWN_NATIONAL_CODE'
  | 'WRONG_LIST_TYPE'
  | 'UNCOVERED_DAYS';

export interface Problem {
  code: ProblemCode;
  file: string;
  /** 1-based line in the file (header = line 1 for files with a header); 0 = the whole file. */
  line: number;
  /** Column name, with its 1-based position or letter when known: "begndate (col 37)". */
  column?: string;
  message: string;
  fix: string;
  value?: string;
}

export interface ProblemReport {
  total: number;
  /** The first `limit` problems, in file order. */
  shown: Problem[];
  /** Every problem counted by code. */
  byCode: Record<string, number>;
  /** Lines that carry at least one problem. */
  badLines: number;
}

export class ProblemList {
  private readonly shown: Problem[] = [];
  private readonly byCode: Record<string, number> = {};
  private readonly lines = new Set<string>();
  private badLineCount = 0;
  total = 0;

  constructor(readonly limit = 50) {}

  add(p: Problem): void {
    this.total++;
    this.byCode[p.code] = (this.byCode[p.code] ?? 0) + 1;
    if (this.shown.length < this.limit) this.shown.push(p);
    // Counting distinct bad lines of a huge file with a Set would grow without bound; lines come in
    // order per file, so remembering only the last one is enough.
    const key = `${p.file}\u0000${p.line}`;
    if (!this.lines.has(key)) {
      this.lines.clear();
      this.lines.add(key);
      this.badLineCount++;
    }
  }

  addAll(ps: Iterable<Problem>): void {
    for (const p of ps) this.add(p);
  }

  get empty(): boolean {
    return this.total === 0;
  }

  report(): ProblemReport {
    return { total: this.total, shown: [...this.shown], byCode: { ...this.byCode }, badLines: this.badLineCount };
  }
}
