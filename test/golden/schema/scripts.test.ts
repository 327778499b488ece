/**
 * Golden sync scripts for the real HIS schema pairs, rendered for Oracle, SQL Server and MySQL
 * from the MariaDB snapshot fixtures. Oracle and SQL Server cannot run here: these files are what
 * reviewers read against each database's documentation. HISOPS_UPDATE_GOLDEN=1 rewrites them.
 */
import { readGolden } from '../../helpers/golden.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dialect } from '../../../src/core/db/index.js';
import { makePlan, parseScript, renderScript } from '../../../src/core/schema/index.js';
import { readSnapshotFixture } from '../../integration/schema/helpers.js';

const PAIRS: Array<[string, string]> = [
  ['openemr-4.1.1', 'openemr-5.0.2'],
  ['openemr-5.0.2', 'openemr-8.2.0-dev'],
  ['openhospital-1.12.0', 'openhospital-1.14.2'],
];
const DIALECTS: Dialect[] = ['oracle', 'mssql', 'mysql'];
const NOW = new Date('2025-01-01T00:00:00Z');

function safePart(script: string): string {
  const a = script.indexOf('-- SAFE PART');
  const b = script.indexOf('-- NEEDS REVIEW');
  return script.slice(a, b < 0 ? undefined : b);
}

/** Statement text with string literals and comments removed, for looking at identifiers. */
function codeOnly(sql: string): string {
  return sql
    .split('\n')
    .filter((l) => !l.startsWith('--'))
    .join('\n')
    .replace(/'(?:[^']|'')*'/g, "''");
}

describe('golden sync scripts', () => {
  for (const [from, to] of PAIRS) {
    const current = readSnapshotFixture(from);
    const target = readSnapshotFixture(to);
    for (const dialect of DIALECTS) {
      it(`${from} → ${to} for ${dialect}`, () => {
        const plan = makePlan(current, target, { now: NOW, hisopsVersion: 'golden', dialect });
        const script = renderScript(plan);
        const file = path.join(__dirname, `${from}_to_${to}.${dialect}.sql`);
        expect(script).toBe(readGolden(file, script));

        // The file reads back as exactly the plan's safe statements.
        const saved = parseScript(script, file);
        expect(saved.statements.map((s) => s.sql)).toEqual(plan.statements.filter((s) => s.section === 'safe').map((s) => s.sql));
        expect(saved.header.current).toBe(plan.current.fingerprint);
        // Every change of the diff is accounted for: in the safe part or listed for review.
        expect(plan.counts.safeItems + plan.counts.reviewItems).toBeGreaterThanOrEqual(plan.diff.changes.length - plan.items.filter((i) => i.title.includes(';')).length);
        const code = codeOnly(safePart(script));
        if (dialect === 'oracle') {
          expect(code).not.toMatch(/`/);
          // identifiers are upper case: no lower-case word outside quotes, except in copied view/routine bodies
          const lower = code.split('\n').filter((l) => /\b[a-z_]{3,}\b/.test(l.replace(/"[^"]*"/g, '')));
          expect(lower).toEqual([]);
          expect(code).not.toMatch(/VARCHAR2\(\d+\)/); // always CHAR or BYTE
          // new columns of one table are added in one ADD ( … ) per table
          const adds = [...code.matchAll(/ALTER TABLE (\S+) ADD \(/g)].map((m) => m[1]);
          expect(new Set(adds).size).toBe(adds.length);
        }
        if (dialect === 'mssql') {
          expect(code).not.toMatch(/`/);
          for (const s of saved.statements) expect(s.sql).not.toMatch(/\bvarchar\(/);
          expect(safePart(script).match(/^GO$/gm)?.length).toBe(saved.statements.length);
        }
        if (dialect === 'mysql') expect(code).not.toMatch(/"/);
      });
    }
  }

  it('lists the lossy openemr 5.0.2 → 8.2.0 changes for review, not in the safe part', () => {
    const plan = makePlan(readSnapshotFixture('openemr-5.0.2'), readSnapshotFixture('openemr-8.2.0-dev'), { now: NOW, hisopsVersion: 'golden', dialect: 'oracle' });
    const review = plan.items.filter((i) => i.section === 'review').map((i) => `${i.title} :: ${i.reasons.join(' | ')}`);
    expect(review.find((r) => r.startsWith('column api_token.token'))).toMatch(/narrows VARCHAR2\(256 CHAR\) → VARCHAR2\(128 CHAR\)/);
    expect(review.find((r) => r.startsWith('column api_token.user_id'))).toMatch(/changes the type NUMBER\(19\) → VARCHAR2\(40 CHAR\)/);
    expect(review.some((r) => r.startsWith('table erx_weno_drugs') && /drops the table/.test(r))).toBe(true);
    const safeSql = plan.statements.filter((s) => s.section === 'safe').map((s) => s.sql).join('\n');
    expect(safeSql).not.toMatch(/\bDROP\b/);
  });
});
