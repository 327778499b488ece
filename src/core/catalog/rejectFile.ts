/**
 * The reject file of an import run with --skip-invalid: one CSV line per skipped row with its
 * file, line, every problem and fix, and the row as read — so the rows can be corrected and
 * imported again. UTF-8 with a BOM, because that is what Excel opens correctly.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from './problems.js';

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class RejectWriter {
  private stream: fs.WriteStream;
  rows = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
    this.stream.write('\uFEFF' + ['file', 'line', 'column', 'problem', 'message', 'fix', 'row'].join(',') + '\n');
  }

  async add(problems: readonly Problem[], cells: readonly string[]): Promise<void> {
    if (problems.length === 0) return;
    this.rows++;
    const p0 = problems[0]!;
    const line = [
      p0.file,
      String(p0.line),
      problems.map((p) => p.column ?? '').join(' | '),
      problems.map((p) => p.code).join(' | '),
      problems.map((p) => p.message).join(' | '),
      problems.map((p) => p.fix).join(' | '),
      cells.join('\t'),
    ]
      .map(csvCell)
      .join(',');
    if (!this.stream.write(line + '\n')) await new Promise<void>((res) => this.stream.once('drain', res));
  }

  close(): Promise<void> {
    return new Promise((res, rej) => this.stream.end((e?: Error | null) => (e ? rej(e) : res())));
  }
}
