/**
 * The reject file of an import run with --skip-invalid: one CSV line per skipped row with its
 * file, line, every problem and fix, and the row as read — so the rows can be corrected and
 * imported again. UTF-8 with a BOM, because that is what Excel opens correctly.
 */
import { openAtomicWriter, type AtomicWriter } from '../files/index.js';
import type { Problem } from './problems.js';
import { csvLine } from '../shared/index.js';

export class RejectWriter {
  private readonly writer: Promise<AtomicWriter>;
  private buffered: string[] = [];
  private bufferedChars = 0;
  rows = 0;

  /**
   * The file appears only when `close` succeeds (written to a temporary file beside it, then
   * renamed): a failed run or a full disk never leaves a truncated reject file behind.
   */
  constructor(readonly file: string) {
    this.writer = openAtomicWriter(file, 'the reject file');
    // The error is reported by the first add or close; keep it from being "unhandled" meanwhile.
    this.writer.catch(() => undefined);
    this.buffered.push('\uFEFF' + ['file', 'line', 'column', 'problem', 'message', 'fix', 'row'].join(',') + '\n');
  }

  async add(problems: readonly Problem[], cells: readonly string[]): Promise<void> {
    if (problems.length === 0) return;
    this.rows++;
    const p0 = problems[0]!;
    const line = csvLine([
      p0.file,
      String(p0.line),
      problems.map((p) => p.column ?? '').join(' | '),
      problems.map((p) => p.code).join(' | '),
      problems.map((p) => p.message).join(' | '),
      problems.map((p) => p.fix).join(' | '),
      cells.join('\t'),
    ]);
    this.buffered.push(line + '\n');
    this.bufferedChars += line.length + 1;
    if (this.bufferedChars >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    const w = await this.writer;
    const text = this.buffered.join('');
    this.buffered = [];
    this.bufferedChars = 0;
    if (text) await w.write(text);
  }

  async close(): Promise<void> {
    await this.flush();
    await (await this.writer).commit();
  }

  /** Drop what was written: the run failed. */
  async abort(): Promise<void> {
    this.buffered = [];
    await (await this.writer.catch(() => undefined))?.abort();
  }
}
