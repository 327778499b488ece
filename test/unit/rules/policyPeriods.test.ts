/**
 * Overlaps and gaps between versions of a policy: every issue carries a fix that is itself valid —
 * apply it (the issue's edits, which its fix text states), check again, and nothing is left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HisopsError } from '../../../src/core/errors.js';
import { checkOverlaps, parsePolicy, policyGaps, type Issue, type Policy } from '../../../src/core/rules/index.js';

interface Period {
  file: string;
  from: string;
  to: string | null;
}

const text = (p: Period): string => `name: ${p.file}
version: "1"
insutype: "310"
effective: { from: ${p.from}${p.to ? `, to: ${p.to}` : ''} }
levels: ["1"]
items: { b_class: { default_selfpay_prop: 0.10 } }
outpatient:
  deductible: { by_level: { "1": 0 } }
  ratio: { by_level: { "1": 0.50 } }
`;

const load = (ps: Period[]): Policy[] => ps.map((p) => parsePolicy(text(p), p.file));

/** Overlap issues (empty when none). */
function overlaps(ps: Period[]): Issue[] {
  try {
    checkOverlaps(load(ps));
    return [];
  } catch (e) {
    expect((e as HisopsError).code).toBe('POLICY_OVERLAP');
    return (e as HisopsError).details!.issues as Issue[];
  }
}

/** Apply the first issue's edits; no edits means "load only one": the file the issue is on goes. */
function apply(ps: Period[], issue: Issue): Period[] {
  if (!issue.edits || issue.edits.length === 0) return ps.filter((p) => p.file !== issue.file);
  return ps.map((p) => {
    let q = { ...p };
    for (const e of issue.edits!) {
      if (e.file !== p.file) continue;
      q = e.field === 'effective.from' ? { ...q, from: e.value! } : { ...q, to: e.value };
    }
    return q;
  });
}

/** Check, fix what is reported, check again, until clean; the number of rounds is bounded. */
function settle(ps: Period[]): { rounds: number; final: Period[] } {
  let cur = ps;
  for (let round = 0; round < 6; round++) {
    const issues = overlaps(cur);
    const problem = issues[0] ?? policyGaps(load(cur))[0]?.issue;
    if (!problem) return { rounds: round, final: cur };
    // The fix text states the edit (no hidden step).
    for (const e of problem.edits ?? [])
      expect(problem.fix).toContain(
        e.value === null ? 'remove its effective.to' : `${e.field.split('.')[1]}: ${e.value}`,
      );
    expect(problem.zh?.fix).toBeTruthy();
    cur = apply(cur, problem);
  }
  throw new Error(`not clean after 6 rounds: ${JSON.stringify(cur)}`);
}

describe('policy periods', () => {
  it('a file starting the same day as another is not told to end before it starts (the old 2019-12-31 fix)', () => {
    const ps = [
      { file: 'a.yaml', from: '2020-01-01', to: '2020-12-31' },
      { file: 'b.yaml', from: '2020-01-01', to: null },
    ];
    const [issue] = overlaps(ps);
    expect(issue!.fix).not.toMatch(/2019-12-31/);
    expect(issue!.fix).toMatch(/start b\.yaml the day after a\.yaml ends \(effective\.from: 2021-01-01\)/);
    expect(issue!.message).toMatch(/both are in force 2020-01-01\.\.2020-12-31/);
    expect(settle(ps).rounds).toBe(1);
  });

  it('ends the earlier version the day before the later begins', () => {
    const [issue] = overlaps([
      { file: 'old.yaml', from: '2019-01-01', to: null },
      { file: 'new.yaml', from: '2020-01-01', to: null },
    ]);
    expect(issue!.fix).toMatch(/end old\.yaml the day before new\.yaml begins \(effective\.to: 2019-12-31\)/);
    expect(issue!.line).toBe(4);
  });

  it('a version inside another: end the outer before it and let the inner run to the outer end (no gap left)', () => {
    const ps = [
      { file: 'outer.yaml', from: '2019-01-01', to: null },
      { file: 'inner.yaml', from: '2020-01-01', to: '2020-06-30' },
    ];
    const [issue] = overlaps(ps);
    expect(issue!.fix).toMatch(/inner\.yaml lies inside outer\.yaml/);
    const { final } = settle(ps);
    expect(final).toEqual([
      { file: 'outer.yaml', from: '2019-01-01', to: '2019-12-31' },
      { file: 'inner.yaml', from: '2020-01-01', to: null },
    ]);
  });

  it('identical periods: load only one of them', () => {
    const ps = [
      { file: 'a.yaml', from: '2020-01-01', to: null },
      { file: 'b.yaml', from: '2020-01-01', to: null },
    ];
    expect(overlaps(ps)[0]!.fix).toMatch(/load only one/);
    expect(settle(ps).final).toHaveLength(1);
  });

  it('explains a gap between versions with a fix that closes it', () => {
    const ps = [
      { file: 'a.yaml', from: '2019-01-01', to: '2019-12-31' },
      { file: 'b.yaml', from: '2020-02-01', to: null },
    ];
    const gaps = policyGaps(load(ps));
    expect(gaps.map((g) => [g.insutype, g.from, g.to])).toEqual([['310', '2020-01-01', '2020-01-31']]);
    expect(gaps[0]!.issue.fix).toMatch(/effective\.to: 2020-01-31/);
    expect(gaps[0]!.issue.zh!.message).toMatch(/没有政策/);
    expect(settle(ps).rounds).toBe(1);
  });

  it('any two or three periods: applying the suggested fixes always ends clean', () => {
    const day = fc
      .integer({ min: 0, max: 900 })
      .map((n) => new Date(Date.UTC(2019, 0, 1 + n)).toISOString().slice(0, 10));
    const period = fc.tuple(day, fc.option(fc.integer({ min: 0, max: 500 }), { nil: null })).map(([from, len]) => ({
      from,
      to: len === null ? null : new Date(Date.parse(`${from}T00:00:00Z`) + len * 86_400_000).toISOString().slice(0, 10),
    }));
    fc.assert(
      fc.property(fc.array(period, { minLength: 2, maxLength: 3 }), (list) => {
        const ps = list.map((p, i) => ({ file: `p${i}.yaml`, ...p }));
        const { final } = settle(ps);
        expect(overlaps(final)).toEqual([]);
        expect(policyGaps(load(final))).toEqual([]);
      }),
      { numRuns: 300, seed: 25 },
    );
  });
});
