/** The statement contract is complete, and docs/profile.md carries it as generated. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_CONTRACT,
  STATEMENT_CONTRACTS,
  STATEMENTS,
  statementsWithoutContract,
} from '../../../src/core/his/index.js';
import { withContractDoc } from '../../../src/core/his/contractDoc.js';
import { parseProfile, referenceProfilePath } from '../../../src/core/his/index.js';
import YAML from 'yaml';

const page = path.resolve(__dirname, '../../../docs/profile.md');

describe('statement contract', () => {
  it('has one declaration per statement and none for an unknown statement', () => {
    expect(statementsWithoutContract()).toEqual([]);
    expect(Object.keys(STATEMENT_CONTRACTS).filter((n) => !STATEMENTS[n])).toEqual([]);
  });

  it('describes only columns some statement returns, and every write effect reads a known statement', () => {
    const returned = new Set(Object.values(STATEMENTS).flatMap((s) => s.columns ?? []));
    expect(Object.keys(COLUMN_CONTRACT).filter((c) => !returned.has(c))).toEqual([]);
    for (const c of Object.values(STATEMENT_CONTRACTS))
      if (c.effect) expect(STATEMENTS[c.effect.read]?.kind).toBe('read');
  });

  it('docs/profile.md is generated from it (run npm run docs:profile when this fails)', () => {
    const text = fs.readFileSync(page, 'utf8');
    expect(withContractDoc(text)).toBe(text);
    for (const name of Object.keys(STATEMENTS)) expect(text).toContain(`#### \`${name}\``);
    expect(text).toContain('`void` the center has no such settlement');
  });

  it('the worked example is a valid profile (with the other statements from the reference profile)', () => {
    const text = fs.readFileSync(page, 'utf8');
    const example = YAML.parse(text.slice(text.indexOf('## 6. Worked example')).match(/```yaml\n([\s\S]*?)```/)![1]!);
    const reference = YAML.parse(fs.readFileSync(referenceProfilePath(), 'utf8'));
    const merged = { ...example, statements: { ...reference.statements, ...example.statements } };
    const p = parseProfile(YAML.stringify(merged), 'vendor-x.yaml');
    const v = p.statements.settlements_for_reconcile!.variants.default!;
    expect(v.sql).toContain("CASE j.JSZT WHEN '0' THEN 'pending'");
    expect(v.positional.order).toEqual(['yydm', 'from', 'to']);
    expect(p.binds).toHaveProperty('yydm');
    expect(p.statements.dispensing_for_upload!.unsupported).toBe('this HIS keeps no drug traceability codes');
  });
});
