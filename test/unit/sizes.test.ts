/**
 * The size rule of docs/architecture.md: no function over 80 lines and no file over 400 in src/,
 * measured on the formatted code (Biome, 120 columns) by scripts/sizes.mjs. The ones still over
 * are named below with their size today, a ratchet: none may grow, nothing new may join, and one
 * that shrinks must have its line lowered (or dropped once it is within the rule), so the list only
 * ever gets shorter. Tables of declarations rather than logic (the error-code catalogue, the
 * reference schemas, the profile statements and their contract, the transaction specs, the
 * draft dictionary) are exempt from the file rule as long as they stay tables: at most a fifth
 * of their lines inside functions.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the repository's scripts, without types
import { measure } from '../../scripts/sizes.mjs';

interface Long {
  file: string;
  name?: string;
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

/** `file` or `file name` → its lines today: the most it may have. */
const ALLOWED_FILES: Record<string, number> = {
  'src/core/catalog/catalogRow.ts': 471,
  'src/core/catalog/intervals.ts': 434,
  'src/core/catalog/read/openTable.ts': 427,
  'src/core/trace/planInvoiceCodes.ts': 473,
  'src/core/trace/traceChecker.ts': 498,
};
const ALLOWED_FUNCTIONS: Record<string, number> = {
  'src/core/catalog/catalogRow.ts readKey': 81,
  'src/core/catalog/importMappings.ts importMappings': 83,
  'src/core/catalog/mappingRow.ts mappingRow': 150,
  'src/core/catalog/read/openTable.ts openTables': 84,
  'src/core/catalog/uploadMappings.ts uploadMappings': 95,
  'src/core/catalog/uploadPlan.ts planUpload': 81,
  'src/core/trace/importLibrary.ts downloadLibrary': 105,
  'src/core/trace/libraryRow.ts libraryEntry': 102,
  'src/core/trace/traceChecker.ts TraceChecker.checkOne': 94,
  'src/core/trace/traceFile.ts parseTraceFile': 85,
  'src/core/trace/traceJournalWrites.ts writePartKnex': 89,
};

/** Each entry that differs from the list: `name: allowed → now` (now 0: within the rule). */
function drift(now: Record<string, number>, allowed: Record<string, number>, limit: number): string[] {
  const out: string[] = [];
  for (const [k, n] of Object.entries(now)) if (n !== allowed[k]) out.push(`${k}: ${allowed[k] ?? limit} → ${n}`);
  for (const k of Object.keys(allowed))
    if (!(k in now)) out.push(`${k}: ${allowed[k]} → within the rule, drop its line`);
  return out.sort();
}

function measured(): {
  files: Record<string, number>;
  functions: Record<string, number>;
  tables: Record<string, { lines: number; inFunctions: number }>;
} {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const r = measure('src') as { longFns: Long[]; longFiles: Long[] };
    const files: Record<string, number> = {};
    const tables: Record<string, { lines: number; inFunctions: number }> = {};
    for (const f of r.longFiles)
      if (TABLES.includes(f.file)) tables[f.file] = { lines: f.lines, inFunctions: f.inFunctions ?? 0 };
      else files[f.file] = f.lines;
    const functions: Record<string, number> = {};
    for (const f of r.longFns) {
      const k = `${f.file} ${f.name}`;
      functions[k] = Math.max(functions[k] ?? 0, f.lines);
    }
    return { files, functions, tables };
  } finally {
    process.chdir(cwd);
  }
}

describe('size rule', () => {
  it('the functions over 80 lines and files over 400 are exactly the named ones, none grown', () => {
    const m = measured();
    expect({ files: drift(m.files, ALLOWED_FILES, 400), functions: drift(m.functions, ALLOWED_FUNCTIONS, 80) }).toEqual(
      {
        files: [],
        functions: [],
      },
    );
  });

  it('a declaration table over 400 lines stays a table: at most a fifth of it inside functions', () => {
    const code = Object.entries(measured().tables)
      .filter(([, t]) => t.inFunctions * 5 > t.lines)
      .map(([f, t]) => `${f}: ${t.inFunctions} of ${t.lines} lines in functions`);
    expect(code).toEqual([]);
  });

  it('names a function that grows past the rule (the check can fail)', () => {
    expect(drift({ 'src/a.ts f': 95 }, {}, 80)).toEqual(['src/a.ts f: 80 → 95']);
    expect(drift({}, { 'src/a.ts f': 95 }, 80)).toEqual(['src/a.ts f: 95 → within the rule, drop its line']);
  });
});
