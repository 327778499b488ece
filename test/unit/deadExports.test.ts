/**
 * No dead exports: every name a src/ file exports is used by name in another file of src/, test/,
 * bench/ or scripts/. A name no one reads is code a new engineer has to read and keep for nothing;
 * a name only its own file reads should not be exported (the export says "others use this").
 * Matching is by whole word, so a re-export through an index counts as a use (the index may be
 * what tests and bench import).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DIRS = ['src', 'test', 'bench', 'scripts'];
const CODE = /\.(ts|mts|js|mjs)$/;

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : CODE.test(e.name) ? [p] : [];
  });
}

/** `export const X`, `export function X`, `export type X` …: the declarations, not re-exports. */
const DECLARED =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/gm;
const WORD = /[A-Za-z_$][\w$]*/g;

/** Exported names used nowhere: `file:line name`. */
function deadExports(root: string): string[] {
  const files = DIRS.flatMap((d) => walk(path.join(root, d)));
  const filesWith = new Map<string, number>();
  for (const f of files) {
    for (const w of new Set(fs.readFileSync(f, 'utf8').match(WORD) ?? []))
      filesWith.set(w, (filesWith.get(w) ?? 0) + 1);
  }
  const dead: string[] = [];
  for (const f of files.filter((f) => path.relative(root, f).startsWith('src' + path.sep))) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(DECLARED)) {
      const name = m[1]!;
      if ((filesWith.get(name) ?? 0) <= 1)
        dead.push(`${path.relative(root, f)}:${text.slice(0, m.index).split('\n').length} ${name}`);
    }
  }
  return dead;
}

describe('exports', () => {
  it('exports nothing that no other file uses', () => {
    expect(deadExports(ROOT)).toEqual([]);
  });

  it('finds an export no one uses (the check can fail)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-dead-'));
    try {
      fs.mkdirSync(path.join(tmp, 'src'));
      fs.writeFileSync(
        path.join(tmp, 'src', 'a.ts'),
        'export const usedElsewhere = 1;\nexport function neverUsed(): number {\n  return 2;\n}\nexport const usedHere = 3;\nexport const sum = usedHere + 1;\n',
      );
      fs.writeFileSync(
        path.join(tmp, 'src', 'b.ts'),
        "import { usedElsewhere, sum } from './a.js';\nconsole.log(usedElsewhere, sum);\n",
      );
      expect(deadExports(tmp)).toEqual(['src/a.ts:2 neverUsed', 'src/a.ts:5 usedHere']);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
