/**
 * The shipped templates/sql/reference-his.<dialect>.sql files are the rendering of the model in
 * src/core/his/referenceSchema.ts. After changing the model, refresh them with
 * HISOPS_UPDATE_GOLDEN=1 npx vitest run test/unit/his/referenceSchema.test.ts
 */
import { readGolden } from '../../helpers/golden.js';
import { describe, expect, it } from 'vitest';
import {
  REFERENCE_DIALECTS,
  REFERENCE_TABLES,
  referenceSchemaPath,
  renderReferenceSchema,
  splitSqlScript,
} from '../../../src/core/his/index.js';

describe('reference HIS schema', () => {
  for (const d of REFERENCE_DIALECTS) {
    it(`templates/sql/reference-his.${d}.sql matches the model`, () => {
      const want = renderReferenceSchema(d);
      expect(readGolden(referenceSchemaPath(d), want)).toBe(want);
    });
  }

  it('splits into one statement per table and index', () => {
    const indexes = REFERENCE_TABLES.reduce((n, t) => n + (t.unique?.length ?? 0) + (t.indexes?.length ?? 0), 0);
    expect(splitSqlScript(renderReferenceSchema('postgres'))).toHaveLength(REFERENCE_TABLES.length + indexes);
    // MySQL keeps its indexes inside CREATE TABLE (no CREATE INDEX IF NOT EXISTS in MySQL 8).
    expect(splitSqlScript(renderReferenceSchema('mysql'))).toHaveLength(REFERENCE_TABLES.length);
    for (const q of splitSqlScript(renderReferenceSchema('oracle'))) expect(q.endsWith(';')).toBe(false);
  });

  it('keeps money exact in every dialect and names within Oracle limits', () => {
    expect(renderReferenceSchema('sqlite')).toMatch(/medfee_sumamt\s+numeric\(16,2\)/);
    expect(renderReferenceSchema('postgres')).toMatch(/medfee_sumamt\s+numeric\(16,2\)/);
    expect(renderReferenceSchema('mysql')).toMatch(/medfee_sumamt\s+decimal\(16,2\)/);
    expect(renderReferenceSchema('oracle')).toMatch(/medfee_sumamt\s+NUMBER\(16,2\)/);
    for (const t of REFERENCE_TABLES) {
      expect(`${t.name}_pk`.length).toBeLessThanOrEqual(30);
      for (const c of t.columns) expect(c.name.length).toBeLessThanOrEqual(30);
      for (const i of [...(t.unique ?? []), ...(t.indexes ?? [])]) expect(i.name.length).toBeLessThanOrEqual(30);
    }
  });

  it('splits scripts at lines ending in a semicolon and skips comments', () => {
    expect(splitSqlScript('-- c\nCREATE TABLE a (\n  x int\n);\n\n-- d\nCREATE INDEX i ON a (x);\n')).toEqual([
      'CREATE TABLE a (\n  x int\n)',
      'CREATE INDEX i ON a (x)',
    ]);
  });
});
