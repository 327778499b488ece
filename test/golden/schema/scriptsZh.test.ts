/**
 * A sync script written under zh-CN: the comments a DBA reads are Chinese, the SQL and the
 * `-- hisops:` lines are byte for byte those of the English script, and hisops reads it back the
 * same. The Chinese golden (HISOPS_UPDATE_GOLDEN=1 rewrites it) is what a reviewer reads.
 */
import { readGolden } from '../../helpers/golden.js';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePlan, parseScript, renderScript } from '../../../src/core/schema/index.js';
import { readSnapshotFixture } from '../../integration/schema/helpers.js';
import { englishSentences } from '../../helpers/englishSentence.js';

const NOW = new Date('2025-01-01T00:00:00Z');
const CASES: Array<[string, string, 'mysql' | 'oracle']> = [
  ['openemr-5.0.2', 'openemr-8.2.0-dev', 'mysql'],
  ['openemr-4.1.1', 'openemr-5.0.2', 'oracle'],
];

/** The lines hisops reads back or runs: markers and statements (everything but the prose comments). */
const machineLines = (script: string) => script.split('\n').filter((l) => !l.startsWith('--') || l.startsWith('-- hisops:'));
/** Prose comment lines: the header, section heads, each review item and its reasons, the end line. */
const proseLines = (script: string) => script.split('\n').filter((l) => /^-- (?!hisops:|=)/.test(l) && !/^--\s{3,}\S/.test(l) && !/^-- [A-Z]+ /.test(l));

describe('sync script under zh-CN', () => {
  for (const [from, to, dialect] of CASES) {
    it(`${from} → ${to} for ${dialect}: Chinese comments, the same SQL`, () => {
      const plan = makePlan(readSnapshotFixture(from), readSnapshotFixture(to), { now: NOW, hisopsVersion: 'golden', dialect });
      const en = renderScript(plan);
      const zh = renderScript(plan, 'zh-CN');
      const file = path.join(__dirname, `${from}_to_${to}.${dialect}.zh-CN.sql`);
      expect(zh).toBe(readGolden(file, zh));

      expect(machineLines(zh)).toEqual(machineLines(en));
      expect(parseScript(zh, file)).toEqual(parseScript(en, file));
      expect(zh).toContain('-- hisops 表结构同步脚本');
      expect(zh).toMatch(/^-- 安全部分$/m);
      expect(zh).toMatch(/^-- 脚本结束（hisops 执行 \d+ 条语句，\d+ 条待审核）$/m);
      expect(plan.counts.reviewItems).toBeGreaterThan(0);
      expect(zh).toMatch(/^-- \[需审核\] /m);
      expect(zh).toMatch(/^--   原因：/m);
      // No English sentence is left in the prose (SQL, identifiers and type names excepted).
      expect(englishSentences(proseLines(zh).join('\n'))).toEqual([]);
    });
  }
});
