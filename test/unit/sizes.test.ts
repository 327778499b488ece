/**
 * The size rule of docs/architecture.md: no function over 80 lines and no file over 400 in src/,
 * measured on the formatted code (Biome, 120 columns) by scripts/sizes.mjs. Tables of declarations
 * rather than logic (the error-code catalogue, the reference schemas, the profile statements and
 * their contract, the transaction specs, the draft dictionary) may be longer while they stay
 * tables: at most a fifth of their lines inside functions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the repository's scripts, without types
import { measure } from '../../scripts/sizes.mjs';

interface Long {
  file: string;
  name?: string;
  line?: number;
  lines: number;
  /** Files: the lines inside function bodies. */
  inFunctions?: number;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Declaration tables, exempt from the file rule while at most a fifth of their lines are code. */
const TABLES = [
  'src/core/errorCodes.ts',
  'src/core/his/statements.ts',
  'src/core/his/contract.ts',
  'src/core/his/referenceSchema.ts',
  'src/core/his/vendorSchema.ts',
  'src/core/his/draft/dictionary.ts',
  'src/core/center/protocol/transactions.ts',
];

/** measure() of a folder, with paths relative to `cwd`. */
function measureIn(cwd: string, root: string): { longFns: Long[]; longFiles: Long[] } {
  const was = process.cwd();
  process.chdir(cwd);
  try {
    return measure(root) as { longFns: Long[]; longFiles: Long[] };
  } finally {
    process.chdir(was);
  }
}

describe('size rule', () => {
  const m = measureIn(ROOT, 'src');

  it('no function in src/ is over 80 lines', () => {
    expect(m.longFns.map((f) => `${f.file}:${f.line} ${f.name} (${f.lines} lines)`)).toEqual([]);
  });

  it('no file in src/ is over 400 lines, but the declaration tables', () => {
    expect(m.longFiles.filter((f) => !TABLES.includes(f.file)).map((f) => `${f.file} (${f.lines} lines)`)).toEqual([]);
  });

  it('a declaration table over 400 lines stays a table: at most a fifth of it inside functions', () => {
    const code = m.longFiles
      .filter((f) => TABLES.includes(f.file) && (f.inFunctions ?? 0) * 5 > f.lines)
      .map((f) => `${f.file}: ${f.inFunctions} of ${f.lines} lines in functions`);
    expect(code).toEqual([]);
  });

  it('names a function over the rule and a file over it, with the lines in its functions (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sizes-'));
    try {
      const body = Array.from({ length: 85 }, (_, i) => `  const v${i} = ${i};`).join('\n');
      const filler = Array.from({ length: 330 }, (_, i) => `export const c${i} = ${i};`).join('\n');
      fs.writeFileSync(path.join(dir, 'long.ts'), `export function long(): void {\n${body}\n}\n${filler}\n`);
      const r = measureIn(dir, '.');
      expect(r.longFns.map((f) => [f.name, f.lines])).toEqual([['long', 87]]);
      expect(r.longFiles.map((f) => [f.lines, f.inFunctions])).toEqual([[418, 87]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
