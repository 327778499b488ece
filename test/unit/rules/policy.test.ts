import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import type { Issue } from '../../../src/core/rules/index.js';
import { loadPolicyFile, parsePolicies, parsePolicy, policyRows, selectPolicy } from '../../../src/core/rules/index.js';

// A minimal valid policy; the line numbers below are the ones the errors must name.
const BASE = [
  'name: p', //                                              1
  'version: "1"', //                                         2
  'insutype: "310"', //                                      3
  'effective: { from: 2024-01-01, to: 2024-12-31 }', //      4
  'levels: ["1", "2"]', //                                   5
  'items:', //                                               6
  '  b_class: { default_selfpay_prop: 0.10 }', //            7
  'inpatient:', //                                           8
  '  deductible:', //                                        9
  '    by_level: { "1": 300, "2": 600 }', //                 10
  '  ratio:', //                                             11
  '    by_level: { "1": 0.90, "2": 0.85 }', //               12
  '  bands:', //                                             13
  '    - { from: 0, to: 10000, plus: 0 }', //                14
  '    - { from: 10000, plus: 0.05 }', //                    15
  '  ceiling: 50000', //                                     16
];

/** BASE with line n (1-based) replaced. */
function withLine(n: number, text: string): string {
  const l = [...BASE];
  l[n - 1] = text;
  return l.join('\n');
}

function issuesOf(text: string, file = 'city.yaml'): Issue[] {
  try {
    parsePolicy(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(HisopsError);
    const h = e as HisopsError;
    expect(h.exit).toBe(2);
    expect(h.code).toBe('POLICY_INVALID');
    return h.details.issues as Issue[];
  }
  throw new Error('policy was accepted');
}

describe('policy files', () => {
  it('accepts the minimal policy and fills defaults', () => {
    const p = parsePolicy(BASE.join('\n'), 'city.yaml');
    expect(p.insutypes).toEqual(['310']);
    expect(p.rounding).toEqual({ mode: 'half_up', fund: 'per_band' });
    expect(p.pools.inpatient!.deductible.per).toBe('admission');
    expect(
      p.pools.inpatient!.bands.map((b) => [b.from.toString(), b.to?.toString() ?? null, b.plus.toString()]),
    ).toEqual([
      ['0', '10000', '0'],
      ['10000', null, '0.05'],
    ]);
    expect(p.pools.outpatient).toBeNull();
  });

  it('accepts both shipped templates', () => {
    for (const f of ['employee.yaml', 'resident.yaml']) {
      const p = parsePolicy(readFileSync(`templates/policies/${f}`, 'utf8'), f);
      expect(p.levels).toEqual(['1', '2', '3']);
      expect(p.supplements.length).toBeGreaterThan(0);
    }
  });

  const cases: Array<{ name: string; line: number; text: string; field: string; message: RegExp; fix: RegExp }> = [
    {
      name: 'gap in bands',
      line: 15,
      text: '    - { from: 12000, plus: 0.05 }',
      field: 'inpatient.bands[1].from',
      message: /gap between inpatient\.bands\[0\]\.to 10000 and inpatient\.bands\[1\]\.from 12000/,
      fix: /set inpatient\.bands\[1\]\.from to 10000/,
    },
    {
      name: 'overlapping bands',
      line: 15,
      text: '    - { from: 8000, plus: 0.05 }',
      field: 'inpatient.bands[1].from',
      message: /overlap/,
      fix: /set inpatient\.bands\[1\]\.from to 10000/,
    },
    {
      name: 'closed last band',
      line: 15,
      text: '    - { from: 10000, to: 20000, plus: 0.05 }',
      field: 'inpatient.bands[1].to',
      message: /fall in no band/,
      fix: /remove 'to'/,
    },
    {
      name: 'ratio above 1',
      line: 12,
      text: '    by_level: { "1": 0.90, "2": 1.05 }',
      field: 'inpatient.ratio.by_level.2',
      message: /1\.05 is above 1/,
      fix: /fractions of 1/,
    },
    {
      name: 'percent written as text',
      line: 12,
      text: '    by_level: { "1": 90%, "2": 0.85 }',
      field: 'inpatient.ratio.by_level.1',
      message: /not a number/,
      fix: /0\.85 for 85%/,
    },
    {
      name: 'missing hospital level',
      line: 10,
      text: '    by_level: { "1": 300 }',
      field: 'inpatient.deductible.by_level',
      message: /no value for hospital level '2'/,
      fix: /add "2": <value> under inpatient\.deductible\.by_level/,
    },
    {
      name: 'unknown key',
      line: 16,
      text: '  celing: 50000',
      field: 'inpatient.celing',
      message: /unknown key 'celing'/,
      fix: /did you mean 'ceiling'/,
    },
    {
      name: 'bad date',
      line: 4,
      text: 'effective: { from: 2024-02-30 }',
      field: 'effective.from',
      message: /not a date/,
      fix: /YYYY-MM-DD/,
    },
    {
      name: 'period ending before it starts',
      line: 4,
      text: 'effective: { from: 2024-05-01, to: 2024-01-01 }',
      field: 'effective.to',
      message: /ends \(2024-01-01\) before it starts/,
      fix: /on or after/,
    },
  ];
  for (const c of cases) {
    it(`rejects ${c.name} naming file, line, field and fix`, () => {
      const issues = issuesOf(withLine(c.line, c.text));
      const hit = issues.find((i) => i.field === c.field);
      expect(hit, JSON.stringify(issues)).toBeDefined();
      expect(hit!.file).toBe('city.yaml');
      expect(hit!.line).toBe(c.line);
      expect(hit!.message).toMatch(c.message);
      expect(hit!.fix).toMatch(c.fix);
    });
  }

  it('reports every problem of a file at once, the first in the summary', () => {
    const text = withLine(16, '  celing: 50000').replace('"2": 0.85', '"2": 1.5');
    try {
      parsePolicy(text, 'city.yaml');
      throw new Error('accepted');
    } catch (e) {
      const h = e as HisopsError;
      expect((h.details.issues as Issue[]).map((i) => i.line)).toEqual([12, 16]);
      expect(h.summary).toMatch(
        /^policy city\.yaml is invalid: city\.yaml:12 inpatient\.ratio\.by_level\.2: .* \(and 1 more\)$/,
      );
      expect(h.why).toContain('city.yaml:16 inpatient.celing');
    }
  });

  it('reports a missing section once', () => {
    const issues = issuesOf(BASE.filter((l) => !l.startsWith('items:') && !l.includes('b_class')).join('\n'));
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual(["items: missing field 'items'"]);
  });

  it('rejects a YAML syntax error with its line', () => {
    const issues = issuesOf(withLine(12, '    by_level: { "1": 0.90, "2": 0.85'));
    expect(issues[0]!.line).toBeGreaterThanOrEqual(12);
    expect(issues[0]!.fix).toMatch(/syntax/);
  });

  it('rejects a person group that is not declared', () => {
    const text = [
      ...BASE,
      'supplements:',
      '  - { fund: maf_pay, groups: [povrty], base: personal_inscp, segments: [ { from: 0, ratio: 0.5 } ] }',
    ].join('\n');
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ line: 18, field: 'supplements[0].groups[0]' });
    expect(issues[0]!.fix).toMatch(/add 'povrty' to person_groups/);
  });

  it('rejects an over-ceiling supplement placed after one that shares the whole burden', () => {
    const text = [
      ...BASE,
      'supplements:',
      '  - { fund: maf_pay, base: personal_inscp, segments: [ { from: 0, ratio: 0.5 } ] }',
      '  - { fund: hifob_pay, base: over_ceiling, segments: [ { from: 0, ratio: 0.9 } ] }',
    ].join('\n');
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ line: 19, field: 'supplements[1].base' });
    expect(issues[0]!.fix).toMatch(/move supplements\[1\] before supplements\[0\]/);
  });

  it('rejects overlapping effective periods of one insutype, naming both files', () => {
    const later = withLine(4, 'effective: { from: 2024-06-01 }');
    try {
      parsePolicies([
        { text: BASE.join('\n'), fileName: '2024a.yaml' },
        { text: later, fileName: '2024b.yaml' },
      ]);
      throw new Error('accepted');
    } catch (e) {
      const h = e as HisopsError;
      expect(h.code).toBe('POLICY_OVERLAP');
      expect(h.exit).toBe(2);
      const i = (h.details.issues as Issue[])[0]!;
      // The issue sits on the line the fix edits: the earlier file's period.
      expect(i).toMatchObject({ file: '2024a.yaml', line: 4, field: 'effective.to' });
      expect(i.message).toContain('2024a.yaml:4');
      expect(i.message).toContain('2024b.yaml:4');
      expect(i.fix).toContain('effective.to: 2024-05-31');
    }
  });

  it('allows periods that follow each other, and selects by insutype and date', () => {
    const next = withLine(4, 'effective: { from: 2025-01-01 }').replace('version: "1"', 'version: "2"');
    const ps = parsePolicies([
      { text: BASE.join('\n'), fileName: 'a.yaml' },
      { text: next, fileName: 'b.yaml' },
    ]);
    expect(selectPolicy(ps, '310', '2024-12-31').version).toBe('1');
    expect(selectPolicy(ps, '310', '2025-01-01 08:00:00').version).toBe('2');
    try {
      selectPolicy(ps, '390', '2024-05-01', { file: 'bill.json', line: 3, field: 'setl_time' });
      throw new Error('selected');
    } catch (e) {
      const h = e as HisopsError;
      expect(h.code).toBe('POLICY_NOT_FOUND');
      expect(h.exit).toBe(2);
      expect(h.summary).toBe('bill.json:3 setl_time: no policy for insutype 390 on 2024-05-01');
      expect(h.why).toContain('a.yaml: insutype 310 2024-01-01..2024-12-31');
    }
  });

  it('loads through the caller-supplied reader; a missing file is exit 2', async () => {
    const p = await loadPolicyFile('templates/policies/resident.yaml', (f) => readFileSync(f, 'utf8'));
    expect(p.insutypes).toEqual(['390']);
    await expect(loadPolicyFile('nope.yaml', (f) => readFileSync(f, 'utf8'))).rejects.toMatchObject({
      code: 'POLICY_UNREADABLE',
      exit: 2,
    });
  });

  it('lists every setting with the line it came from', () => {
    const rows = policyRows(parsePolicy(BASE.join('\n'), 'city.yaml'));
    expect(rows.find((r) => r.field === 'inpatient.ceiling')).toEqual({
      field: 'inpatient.ceiling',
      value: '50000',
      source: 'city.yaml:16',
    });
    expect(rows.find((r) => r.field === 'inpatient.bands[1].plus')).toMatchObject({
      value: '0.05',
      source: 'city.yaml:15',
    });
    expect(rows.find((r) => r.field === 'rounding.mode')).toEqual({
      field: 'rounding.mode',
      value: 'half_up',
      source: '',
    });
  });
});
