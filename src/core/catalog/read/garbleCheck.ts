/**
 * The garbling check of a text table (openTable.ts): mojibake in the first rows stops the file,
 * and after that a broken character is a damaged line, reported one by one.
 */
import type { Problem } from '../problems.js';
import type { RawRow } from './delimited.js';
import { findMojibake, type MojibakeFinding } from './encoding.js';
import type { TableSource } from './openTable.js';

const ENCODING_FIX: Record<string, string> = {
  utf8: 'Run again with --encoding utf8.',
  gbk: 'Run again with --encoding gbk.',
  utf16le: 'Save the file as UTF-8 or GBK text and run again.',
};

/** Problems of a text table, as `openTables` reports them (the table's name added). */
export type Report = (p: Omit<Problem, 'file'>) => void;

function mojibakeProblem(src: TableSource, f: MojibakeFinding, line: number): Omit<Problem, 'file'> {
  const what =
    f.kind === 'utf8-as-gbk'
      ? `UTF-8 text read as GBK${src.encodingHow === 'given' ? '' : ' (or converted that way before)'}`
      : f.kind === 'utf8-as-latin1'
        ? 'UTF-8 text that was read as Latin-1 once'
        : f.kind === 'wrong-encoding'
          ? `bytes that are not ${src.encoding === 'utf8' ? 'UTF-8' : src.encoding}`
          : 'characters already lost (U+FFFD, 锟斤拷) by an earlier conversion';
  return {
    code: 'MOJIBAKE',
    line,
    message: `the text is garbled — ${what}: "${f.sample.slice(0, 40)}"${f.repaired ? ` would read "${f.repaired.slice(0, 40)}"` : ''}; the file was not read further`,
    fix: f.suggest
      ? ENCODING_FIX[f.suggest]!
      : f.kind === 'utf8-as-gbk' && src.encoding === 'utf8'
        ? 'The file itself holds garbled text: export it again from the source system as UTF-8 or GBK without converting it.'
        : "Get a fresh copy of the file from its source (the center's download, or an export saved as UTF-8 or GBK).",
    value: f.sample.slice(0, 80),
  };
}

/**
 * The garbling check of a text table: the first rows are held back and sampled; once enough are
 * read (or the file ends) the sample is judged. A garbled file stops there; a sound one releases
 * the rows held, and from then on a broken character is a damaged line, reported one by one.
 */
export class GarbleCheck {
  checked = false;
  private sample: string[] = [];
  private sampledRows = 0;
  private held: RawRow[] = [];
  byteFinding: MojibakeFinding | undefined;

  constructor(
    private readonly src: TableSource,
    private readonly report: Report,
    private readonly sampleLines: number,
  ) {}

  /** Rows before the verdict: sampled and held. Returns the rows released (none while held), or false when the file is garbled. */
  hold(rows: RawRow[], atEnd: boolean): RawRow[] | false {
    for (const r of rows) {
      if (atEnd) {
        for (const c of r.cells) if (c && this.sample.length < 5000) this.sample.push(c);
        continue;
      }
      if (this.sampledRows >= this.sampleLines) break;
      this.sampledRows++;
      for (const c of r.cells) if (c) this.sample.push(c);
    }
    this.held.push(...rows);
    if (!atEnd && this.sampledRows < this.sampleLines) return [];
    this.checked = true;
    const f = this.byteFinding ?? findMojibake(this.sample, this.src.encoding!);
    if (f) {
      const line = this.held.find((r) => r.cells.some((c) => c.includes(f.sample)))?.line ?? 1;
      this.report(mojibakeProblem(this.src, f, line));
      return false;
    }
    // The file reads soundly: broken characters now are damaged lines, reported one by one.
    this.scanFffd(this.held);
    const out = this.held;
    this.held = [];
    return out;
  }

  scanFffd(rows: RawRow[]): void {
    const src = this.src;
    for (const r of rows) {
      const i = r.cells.findIndex((c) => c.includes('\uFFFD'));
      if (i < 0) continue;
      this.report({
        code: 'BAD_ENCODING',
        line: r.line,
        column: `col ${i + 1}`,
        message: `bytes that are not valid ${src.encoding === 'utf8' ? 'UTF-8' : src.encoding?.toUpperCase()} (shown as �)`,
        fix:
          src.encoding === 'utf8'
            ? ENCODING_FIX.gbk!
            : 'The file is damaged at this line: get a fresh copy, or fix the line in a text editor that shows the encoding.',
        value: r.cells[i]!.slice(0, 80),
      });
    }
  }
}
