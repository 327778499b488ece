import { describe, expect, it } from 'vitest';
import { parseTsv, trimmed, writeTsv } from '../../../src/core/center/protocol/tsv.js';

/** parseTsv as it was written first (regex split, trim per line): the reference the fast one must match. */
function parseTsvReference(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
    out.push(line.split('\t'));
  }
  return out;
}

const PIECES = [
  'a',
  'B1',
  '12.30',
  '',
  ' ',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\u3000',
  '\uFEFF',
  '中心',
  'null',
  ' x ',
  '\u00a0',
];

function generated(seed: number, n: number): string[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2147483648);
  const texts: string[] = [];
  for (let t = 0; t < n; t++) {
    let s = '';
    const len = next() % 24;
    for (let i = 0; i < len; i++) s += PIECES[next() % PIECES.length];
    texts.push(s);
  }
  return texts;
}

describe('parseTsv and trimmed (the center files read without a regex per line)', () => {
  it('reads every generated text as the regex way does', () => {
    for (const text of generated(7, 5000)) expect(parseTsv(text)).toEqual(parseTsvReference(text));
  });

  it('trims as String.prototype.trim does', () => {
    for (const s of generated(11, 5000)) expect(trimmed(s)).toBe(s.trim());
  });

  it('writes rows as mapping and joining their cells does', () => {
    const cells = generated(13, 3000);
    const rows: unknown[][] = [];
    for (let i = 0; i < cells.length; i += 1 + (i % 7))
      rows.push([...cells.slice(i, i + (i % 5)), i % 3 ? null : i, undefined].slice(0, i % 6));
    const reference = (rs: unknown[][]) =>
      rs
        .map((r) =>
          r.map((v) => (v === null || v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' '))).join('\t'),
        )
        .join('\n') + (rs.length ? '\n' : '');
    expect(writeTsv(rows)).toBe(reference(rows));
    expect(writeTsv([])).toBe('');
  });

  it('keeps a carriage return that ends the text without a line break', () => {
    expect(parseTsv('a\tb\r\nc\r')).toEqual([['a', 'b'], ['c\r']]);
  });
});
