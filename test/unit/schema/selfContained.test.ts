/**
 * The test tree runs on its own: no test reads files outside the repository (a clone has no
 * design and fixture folder beside it), every file with tests is one vitest runs, and the fixtures the schema
 * suites load are in the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpFile, FIXTURES } from '../../integration/schema/helpers.js';

const root = path.resolve(__dirname, '../../..');
const testDir = path.join(root, 'test');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : /\.(ts|js|mts|cts)$/.test(e.name) ? [p] : [];
  });
}

const files = walk(testDir);
// The folder beside the repository, spelt in pieces so that this file is not itself a reference to it.
const BESIDE = 'sha' + 'red';
const OUTSIDE = new RegExp([`\\.\\.\\/${BESIDE}`, `\\/work\\/${BESIDE}`, `'\\.\\.', '${BESIDE}'`].join('|'));
const rel = (f: string) => path.relative(root, f);

describe('a self-contained test tree', () => {
  it('reads nothing outside the repository', () => {
    const bad = files.filter((f) => OUTSIDE.test(fs.readFileSync(f, 'utf8')) && !f.endsWith('selfContained.test.ts'));
    expect(bad.map(rel)).toEqual([]);
  });

  it('has its tests in files vitest runs (*.test.ts), or in suites such files import', () => {
    const tests = files.filter(
      (f) => /^\s*(it|test|describe)(\.\w+)?\(/m.test(fs.readFileSync(f, 'utf8')) && !f.endsWith('.test.ts'),
    );
    const imported = new Set<string>();
    for (const f of files.filter((x) => x.endsWith('.test.ts'))) {
      for (const m of fs.readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g))
        imported.add(path.resolve(path.dirname(f), m[1]!.replace(/\.js$/, '.ts')));
    }
    expect(tests.filter((f) => !imported.has(f) && !f.endsWith(path.join('helpers', 'servers.ts'))).map(rel)).toEqual(
      [],
    );
  });

  it('has every HIS dump the schema suites load', () => {
    for (const v of [
      'openemr-4.1.1',
      'openemr-5.0.2',
      'openemr-8.2.0-dev',
      'openhospital-1.12.0',
      'openhospital-1.14.2',
    ])
      expect(fs.existsSync(dumpFile(v)), v).toBe(true);
    expect(fs.existsSync(dumpFile('openemr-5.0.2', 'database'))).toBe(true);
    expect(FIXTURES.startsWith(root + path.sep)).toBe(true);
  });
});
