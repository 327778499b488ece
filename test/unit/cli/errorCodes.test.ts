/**
 * The error-code catalogue is complete and docs/exit-codes.md is generated from it: every code
 * written in src/ (thrown, or reported as a problem or finding) is in the catalogue with the exit
 * code it is thrown with, every catalogued code is used, and the page is up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExitCodesDoc } from '../../../src/cli/exitCodesDoc.js';
import { ERROR_CODES, exitsOf } from '../../../src/core/errorCodes.js';

const root = path.resolve(__dirname, '../../..');
const CODE = /^[A-Z]+(?:_[A-Z0-9]+)*$/;

function sources(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
    );
}

interface Use {
  code: string;
  file: string;
  /** The exit the source states next to it, when it does. */
  exit?: number;
}

const EXIT_NAMES: Record<string, number> = {
  ok: 0,
  internal: 1,
  usage: 2,
  findings: 3,
  needsConfirmation: 4,
  external: 5,
};

/** The text of the object literal whose "{" is at `start`, up to its matching "}". */
function objectLiteral(t: string, start: number): string {
  let depth = 0;
  for (let i = start; i < t.length; i++) {
    if (t[i] === '{') depth++;
    else if (t[i] === '}' && --depth === 0) return t.slice(start + 1, i);
  }
  return t.slice(start + 1);
}

/** Only the top level of an object literal's text (nested objects and calls blanked out). */
function topLevel(body: string): string {
  let depth = 0;
  let out = '';
  for (const ch of body) {
    if (ch === '{' || ch === '(' || ch === '[') depth++;
    if (depth === 0) out += ch;
    if (ch === '}' || ch === ')' || ch === ']') depth--;
  }
  return out;
}

/** Every error code written in the source: helper calls, `code:` properties, the problem-code union. */
function codesInSource(): Use[] {
  const uses: Use[] = [];
  for (const f of sources(path.join(root, 'src'))) {
    const rel = path.relative(root, f);
    if (rel.endsWith('errorCodes.ts')) continue;
    const t = fs.readFileSync(f, 'utf8');
    for (const m of t.matchAll(
      /\b(inputError|externalError|issuesError|configError|throwIfAny|err)\(\s*'([A-Z][A-Z0-9_]*)'/g,
    )) {
      uses.push({
        code: m[2]!,
        file: rel,
        exit: m[1] === 'inputError' ? 2 : m[1] === 'externalError' || m[1] === 'err' ? 5 : undefined,
      });
    }
    for (const m of t.matchAll(/new HisopsError\(\{/g)) {
      const init = objectLiteral(t, m.index! + m[0].length - 1);
      const top = topLevel(init);
      const code = /\bcode:\s*'([A-Z][A-Z0-9_]*)'/.exec(top)?.[1];
      const exit = /\bexit:\s*EXIT\.(\w+)/.exec(top)?.[1];
      if (code) uses.push({ code, file: rel, exit: exit ? EXIT_NAMES[exit] : /\bexit\b/.test(top) ? undefined : 2 });
    }
    for (const m of t.matchAll(/\bcode:\s*(?:[^,}\n]*\?\s*)?'([A-Z][A-Z0-9_]*)'((?:\s*[:|]\s*'[A-Z][A-Z0-9_]*')*)/g)) {
      for (const c of [m[1], ...[...(m[2] ?? '').matchAll(/'([A-Z][A-Z0-9_]*)'/g)].map((x) => x[1])])
        if (c && CODE.test(c)) uses.push({ code: c, file: rel });
    }
    const union = /export type ProblemCode =([\s\S]*?);/.exec(t);
    if (union) for (const m of union[1]!.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) uses.push({ code: m[1]!, file: rel });
  }
  return uses;
}

describe('the error-code catalogue', () => {
  const uses = codesInSource();

  it('finds the codes in the source', () => {
    expect(new Set(uses.map((u) => u.code)).size).toBeGreaterThan(150);
  });

  it('lists every code written in src/', () => {
    const missing = [...new Set(uses.filter((u) => !(u.code in ERROR_CODES)).map((u) => `${u.code} (${u.file})`))];
    expect(missing).toEqual([]);
  });

  it('gives each code the exit code the source throws it with', () => {
    const wrong = uses
      .filter((u) => u.exit !== undefined && u.code in ERROR_CODES && !exitsOf(u.code).includes(u.exit as never))
      .map((u) => `${u.code} thrown with exit ${u.exit} in ${u.file}, catalogued as ${exitsOf(u.code).join('/')}`);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('lists no code that is no longer used', () => {
    const used = new Set(uses.map((u) => u.code));
    expect(Object.keys(ERROR_CODES).filter((c) => !used.has(c))).toEqual([]);
  });

  it('has a well-formed code, an exit code and a one-line meaning for each', () => {
    for (const [code, spec] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(CODE);
      expect(exitsOf(code).length).toBeGreaterThan(0);
      expect(spec.meaning).not.toMatch(/\n/);
      expect(spec.meaning.length).toBeGreaterThan(10);
    }
  });

  it('docs/exit-codes.md is generated from it (run npm run docs:exit-codes when this fails)', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'exit-codes.md'), 'utf8');
    expect(doc).toBe(renderExitCodesDoc());
    for (const code of Object.keys(ERROR_CODES)) expect(doc).toContain(`\`${code}\``);
  });
});
