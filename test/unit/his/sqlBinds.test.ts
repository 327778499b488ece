import { describe, expect, it } from 'vitest';
import { scanSql, toPositional } from '../../../src/core/his/index.js';

describe('scanSql / toPositional', () => {
  const cases: Array<[string, string, string[], number]> = [
    ['simple', 'SELECT * FROM t WHERE a = :a AND b < :b', ['a', 'b'], 0],
    ['repeated bind', 'UPDATE t SET x = :now, y = :now WHERE id = :id', ['now', 'now', 'id'], 0],
    ['postgres cast', 'SELECT a::text, :a::date FROM t', ['a'], 0],
    ['single-quoted literal', "SELECT ':no' FROM t WHERE a = :yes", ['yes'], 0],
    ['doubled quote inside literal', "SELECT 'it''s :no' FROM t WHERE a = :yes", ['yes'], 0],
    ['quoted identifier', 'SELECT ":no" FROM t WHERE a = :yes', ['yes'], 0],
    ['backticks', 'SELECT `:no` FROM t WHERE a = :yes', ['yes'], 0],
    ['line comment', 'SELECT 1 -- :no ?\nFROM t WHERE a = :yes', ['yes'], 1],
    ['block comment', 'SELECT /* :no */ 1 FROM t WHERE a = :yes', ['yes'], 0],
    ['time literal', "SELECT '10:30:00' FROM t WHERE a = :yes", ['yes'], 0],
    ['question mark in a string', "SELECT '?' FROM t", [], 1],
    ['bare question mark', 'SELECT ? FROM t', [], 1],
  ];
  for (const [name, sql, binds, questions] of cases) {
    it(name, () => {
      const s = scanSql(sql);
      expect(s.binds.map((b) => b.name)).toEqual(binds);
      expect(s.questionMarks).toHaveLength(questions);
    });
  }

  it('rewrites binds to positional placeholders in order', () => {
    const p = toPositional('UPDATE t SET x = :now, y = :now WHERE id = :id AND c = a::int');
    expect(p.sql).toBe('UPDATE t SET x = ?, y = ? WHERE id = ? AND c = a::int');
    expect(p.order).toEqual(['now', 'now', 'id']);
  });
});
