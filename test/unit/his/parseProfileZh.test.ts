/** Every problem a HIS profile can have is told in Chinese too (issue #17): no English sentence left. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import { parseProfile, referenceProfilePath, type ProfileProblem } from '../../../src/core/his/index.js';
import { englishSentences } from '../../helpers/englishSentence.js';

const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

function problemsOf(text: string): ProfileProblem[] {
  try {
    parseProfile(text, 'p.yaml');
  } catch (e) {
    if (e instanceof HisopsError) return (e.details as { problems?: ProfileProblem[] }).problems ?? [];
    throw e;
  }
  throw new Error('expected the profile to be refused');
}

const withTop = (top: string) => reference.replace(/^statements:/m, `${top}\nstatements:`);
const replaceFirst = (from: RegExp, to: string) => reference.replace(from, to);

const cases: Record<string, string> = {
  'unknown top key': withTop('statment: 1'),
  'binds not a map': withTop('binds: 3'),
  'bad bind name': withTop('binds:\n  setl_id: x'),
  'fragments not a map': withTop('fragments: 3'),
  'fragment without text': withTop('fragments:\n  cols:\n    a: 1'),
  'unknown fragment and cycle': withTop('fragments:\n  a: |\n    {{b}} {{a}}'),
  'unknown statement, key and missing statements': 'statements:\n  no_such_statement:\n    sql: select 1\n',
  'statement with unknown key and no sql': replaceFirst(/^ {4}sql: \|/m, '    sqll: |'),
  'unknown dialect, question mark, unknown and missing bind':
    'statements:\n  settlement_by_setl_id:\n    sql:\n      oracel: select 1\n      default: select ? from t where x = :no_such_bind\n',
  'both sql and unsupported, empty sql':
    'statements:\n  settlement_by_setl_id:\n    sql: select 1\n    unsupported: no\n  settlement_by_msgid:\n    sql: ""\n',
  'no statements': 'name: x\n',
};

describe('profile problems in Chinese', () => {
  for (const [what, text] of Object.entries(cases)) {
    it(what, () => {
      const problems = problemsOf(text);
      expect(problems.length, what).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.zh.message, p.code).toMatch(/[\u4e00-\u9fff]/);
        expect(p.zh.fix, p.code).toMatch(/[\u4e00-\u9fff]/);
        expect(englishSentences(`${p.zh.message}\n${p.zh.fix}`), `${p.code}: ${p.zh.message} / ${p.zh.fix}`).toEqual(
          [],
        );
      }
    });
  }

  it('the error itself carries the Chinese summary, fix and why', () => {
    try {
      parseProfile(withTop('statment: 1'), 'p.yaml');
    } catch (e) {
      const zh = (e as HisopsError).zhText;
      expect(zh?.summary).toContain('未知的键');
      expect(englishSentences(`${zh?.summary}\n${zh?.fix}\n${zh?.why}`)).toEqual([]);
      return;
    }
    throw new Error('expected a refusal');
  });
});
