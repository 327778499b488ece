/**
 * Keeps the import rules of docs/architecture.md true: who may import what, and which modules
 * must stay pure (no fs, network, database, process or clock).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'src');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Imp {
  spec: string;
  typeOnly: boolean;
  line: number;
}

function imports(file: string): Imp[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: Imp[] = [];
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    const m =
      /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/.exec(l) ??
      /^\s*import\s+['"]([^'"]+)['"]/.exec(l);
    if (m) out.push({ spec: m[3] ?? m[1]!, typeOnly: !!m[2], line: i + 1 });
    const d = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/.exec(l);
    if (d) out.push({ spec: d[1]!, typeOnly: false, line: i + 1 });
  });
  // multi-line import statements: `} from '...'`
  lines.forEach((l, i) => {
    const m = /^\}\s*from\s+['"]([^'"]+)['"]/.exec(l);
    if (m) {
      let j = i;
      while (j > 0 && !/^\s*(import|export)\b/.test(lines[j]!)) j--;
      out.push({ spec: m[1]!, typeOnly: /^\s*(import|export)\s+type\b/.test(lines[j]!), line: i + 1 });
    }
  });
  return out;
}

function resolveTarget(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return path.relative(src, path.resolve(path.dirname(file), spec)).replace(/\.js$/, '');
}

const rel = (f: string) => path.relative(src, f);
const files = walk(src);
const DRIVERS = ['knex', 'oracledb', 'pg', 'mysql2', 'tedious', 'better-sqlite3'];
const TERMINAL = ['commander', '@inquirer/prompts', 'chalk', 'cli-table3'];

/** Folders allowed to talk to databases directly besides core/db. */
const DB_EXCEPTIONS = ['core/center/sandbox/', 'core/demo/'];
/**
 * Pure word tables a command renders with before its module is loaded (the catalog index costs
 * 0.2 s at every start): commands may import these directly.
 */
const WORDS_MODULES = ['core/catalog/problemWords'];
/**
 * Modules a command starts work with before the index is loaded: `catalog import` starts its
 * first file's reading thread (readAhead, a light module) while the catalog index loads.
 */
const EARLY_MODULES = ['core/catalog/import/rowThread'];
/** Pure modules: no fs, network, database, process or clock. */
const PURE = [
  'core/config/',
  'core/rules/',
  'core/time/',
  'core/shared/',
  'core/center/protocol/',
  'core/schema/diff',
  'core/schema/plan',
  'core/schema/model',
  'core/schema/sql/',
  'core/money.ts',
  'core/errors.ts',
  'core/catalog/problemWords',
  'core/his/draft/matchSchema',
  'core/his/draft/renderDraft',
  'core/his/draft/dictionary',
  ...[
    'normalizeCode',
    'groupRows',
    'mappingIndex',
    'settings',
    'buildItem',
    'traceChecker',
    'planBatches',
    'readResults',
    'days',
    'types',
  ].map((f) => `core/trace/${f}.ts`),
  ...['fileIssues', 'libraryRow', 'librarySettings', 'relationRow', 'packageTree'].map((f) => `core/trace/${f}.ts`),
];

describe('architecture', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('lets only core/db (and the sandbox store and the bulk seeder) import knex or drivers', () => {
    const bad: string[] = [];
    for (const f of files) {
      const r = rel(f);
      if (r.startsWith('core/db/') || DB_EXCEPTIONS.some((p) => r.startsWith(p))) continue;
      for (const i of imports(f))
        if (!i.typeOnly && DRIVERS.includes(i.spec)) bad.push(`${r}:${i.line} imports ${i.spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('loads no module by a computed name (every dynamic import( names its module literally)', () => {
    // import(spec) with a variable is invisible to tsc and to the rules above.
    const bad: string[] = [];
    for (const f of files) {
      fs.readFileSync(f, 'utf8')
        .split('\n')
        .forEach((l, i) => {
          if (/^\s*(\*|\/\/)/.test(l)) return;
          for (const m of l.matchAll(/\bimport\(\s*([^)]*)/g))
            if (!/^(['"])[^'"]+\1\s*$/.test(m[1]!.trim()) && !/^`[^`$]+`\s*$/.test(m[1]!.trim()))
              bad.push(`${rel(f)}:${i + 1} import(${m[1]})`);
        });
    }
    expect(bad).toEqual([]);
  });

  it('keeps terminal libraries out of core', () => {
    const bad: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('core/'))) {
      for (const i of imports(f)) if (TERMINAL.includes(i.spec)) bad.push(`${rel(f)}:${i.line} imports ${i.spec}`);
    }
    expect(bad).toEqual([]);
  });

  it('lets commands import only the cli edge and core modules through their index', () => {
    const bad: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('commands/'))) {
      const text = fs.readFileSync(f, 'utf8');
      if (/\bprocess\.exit\(/.test(text)) bad.push(`${rel(f)} calls process.exit`);
      if (/\bconsole\.(log|error|warn|info)\(/.test(text)) bad.push(`${rel(f)} writes with console`);
      if (/\bfetch\(/.test(text)) bad.push(`${rel(f)} calls fetch`);
      for (const i of imports(f)) {
        const t = resolveTarget(f, i.spec);
        if (!i.spec.startsWith('.')) {
          if (DRIVERS.includes(i.spec)) bad.push(`${rel(f)}:${i.line} imports ${i.spec}`);
          continue;
        }
        if (t.startsWith('cli/')) continue;
        if (t.startsWith('commands/')) {
          if (!i.typeOnly && !t.startsWith(rel(f).replace(/\.ts$/, '')) && !sameGroup(rel(f), t))
            bad.push(`${rel(f)}:${i.line} imports another command (${t})`);
          continue;
        }
        if (
          /^core\/[^/]+\/index$/.test(t) ||
          /^core\/(errors|money)$/.test(t) ||
          WORDS_MODULES.includes(t) ||
          EARLY_MODULES.includes(t)
        )
          continue;
        if (!i.typeOnly) bad.push(`${rel(f)}:${i.line} reaches inside ${t} (import its index.ts)`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps the cli edge away from domain modules', () => {
    // files/fileError and shared/redactUrl: leaf modules every run loads, imported by themselves so
    // a start does not evaluate the whole of files/ and shared/ (ZIP, pools, pipelines).
    const allowed =
      /^core\/(errors|money|config\/index|journal\/index|journal\/journal|his\/index|db\/index|files\/index|files\/fileError|errorCodes|shared\/index|shared\/redactUrl)$/;
    const bad: string[] = [];
    for (const f of files.filter((f) => rel(f).startsWith('cli/'))) {
      for (const i of imports(f)) {
        const t = resolveTarget(f, i.spec);
        // A type from a module's index (erased at run time) keeps one declaration of a shape.
        if (i.typeOnly && /^core\/[a-z/]+\/index$/.test(t)) continue;
        if (t.startsWith('core/') && !allowed.test(t)) bad.push(`${rel(f)}:${i.line} imports ${t}`);
        if (t.startsWith('commands/')) bad.push(`${rel(f)}:${i.line} imports a command`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('keeps pure modules free of fs, network, database, process and the clock', () => {
    const bad: string[] = [];
    for (const f of files.filter((f) => PURE.some((p) => rel(f).startsWith(p)))) {
      const text = fs
        .readFileSync(f, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      for (const i of imports(f)) {
        if (i.typeOnly) continue;
        const t = resolveTarget(f, i.spec);
        if (
          /^(node:)?(fs|fs\/promises|net|http|https|child_process|dgram|tls)$/.test(i.spec) ||
          DRIVERS.includes(i.spec) ||
          i.spec === 'undici' ||
          t.startsWith('core/db') ||
          t.startsWith('core/journal')
        )
          bad.push(`${rel(f)}:${i.line} imports ${i.spec}`);
      }
      if (/\bprocess\.(env|cwd|argv|exit|stdout|stderr)/.test(text)) bad.push(`${rel(f)} reads process`);
      if (/\bDate\.now\(\)|new Date\(\)/.test(text)) bad.push(`${rel(f)} reads the clock`);
      if (/\bfetch\(/.test(text)) bad.push(`${rel(f)} calls fetch`);
    }
    expect(bad).toEqual([]);
  });

  it('never ends the process or prints from src except the entry', () => {
    const bad: string[] = [];
    for (const f of files) {
      const r = rel(f);
      const text = fs.readFileSync(f, 'utf8');
      if (/\bprocess\.exit\(/.test(text)) bad.push(`${r} calls process.exit`);
      if (r !== 'main.ts' && /\bconsole\.(log|error|warn|info)\(/.test(text)) bad.push(`${r} writes with console`);
    }
    expect(bad).toEqual([]);
  });
});

function sameGroup(a: string, b: string): boolean {
  // A command group may split into helper files that share its name prefix (setup.ts, setupDoctor.ts…)
  const base = (s: string) =>
    path
      .basename(s)
      .replace(/\.ts$/, '')
      .replace(/[A-Z].*$/, '');
  return base(a) === base(b);
}
