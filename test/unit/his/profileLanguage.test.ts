/** The profile language: fragments, institution binds, unsupported statements. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../../src/core/config/describeConfig.js';
import { resolveConfig } from '../../../src/core/config/resolve.js';
import { HisopsError } from '../../../src/core/errors.js';
import {
  parseProfile,
  prepareStatement,
  referenceProfilePath,
  variantFor,
  withBindValues,
} from '../../../src/core/his/index.js';

const reference = fs.readFileSync(referenceProfilePath(), 'utf8');
const sqlite = { dialect: 'sqlite' as const, info: { label: 'SQLite' } } as Parameters<typeof prepareStatement>[2];

/** The reference profile with top-level keys added and one statement replaced. */
function profileText(top: string, name: string, body: string): string {
  const lines = reference.split('\n');
  const start = lines.findIndex((l) => l === `  ${name}:`);
  let end = start + 1;
  while (end < lines.length && !/^ {2}\S/.test(lines[end]!)) end++;
  const withSt = [
    ...lines.slice(0, start),
    `  ${name}:`,
    ...body.split('\n').map((l) => (l ? '    ' + l : l)),
    ...lines.slice(end),
  ];
  const at = withSt.findIndex((l) => l === 'statements:');
  return [...withSt.slice(0, at), ...top.split('\n'), ...withSt.slice(at)].join('\n');
}

function errorOf(fn: () => unknown): HisopsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HisopsError) return e;
    throw e;
  }
  throw new Error('expected a HisopsError');
}

const lineOf = (text: string, needle: string, nth = 0) =>
  text
    .split('\n')
    .findIndex((l, i, all) => l.includes(needle) && all.slice(0, i).filter((x) => x.includes(needle)).length === nth) +
  1;

describe('fragments', () => {
  const top =
    'fragments:\n  cols: |\n    s.setl_id, s.msgid\n  base: |\n    SELECT {{cols}} FROM his_settlement s\n    WHERE s.hosp = :fixmedins_code';
  it('expands nested fragments into the statement, binds inside counted in order', () => {
    const text = profileText(top, 'settlement_by_msgid', 'sql: |\n  {{ base }}\n    AND s.msgid = :msgid');
    const p = parseProfile(text, 'v.yaml');
    const v = p.statements.settlement_by_msgid!.variants.default!;
    expect(v.sql).toContain('SELECT s.setl_id, s.msgid\n FROM his_settlement s');
    expect(v.positional.order).toEqual(['fixmedins_code', 'msgid']);
    expect(v.sql).not.toContain('{{');
  });

  it('names the line of an unknown fragment and of an unknown bind inside a fragment', () => {
    const text = profileText(
      top.replace(':fixmedins_code', ':hosp_id'),
      'settlement_by_msgid',
      'sql: |\n  {{base}}\n    AND s.msgid = :msgid AND {{nope}}',
    );
    const e = errorOf(() => parseProfile(text, 'v.yaml'));
    const problems = e.details.problems as Array<{ code: string; line: number; message: string }>;
    expect(problems.find((p) => p.code === 'PROFILE_UNKNOWN_FRAGMENT')).toMatchObject({
      line: lineOf(text, '{{nope}}'),
    });
    expect(problems.find((p) => p.code === 'PROFILE_UNKNOWN_BIND')).toMatchObject({
      line: lineOf(text, ':hosp_id'),
      message: 'statement "settlement_by_msgid" uses the unknown bind :hosp_id',
    });
    expect(e.exit).toBe(2);
  });

  it('finds a cycle', () => {
    const text = profileText(
      'fragments:\n  a: |\n    x {{b}}\n  b: |\n    y {{a}}',
      'his_items',
      'sql: |\n  SELECT 1 {{a}}',
    );
    const e = errorOf(() => parseProfile(text, 'v.yaml'));
    expect(e.code).toBe('PROFILE_FRAGMENT_CYCLE');
    expect(e.summary).toMatch(/^v\.yaml:\d+: fragment \{\{a\}\} includes itself \(a → b → a\)/);
    expect(e.text('zh-CN').summary).toContain('直接或间接引用了自身');
  });

  it('a fragment may supply a required bind', () => {
    const text = profileText(
      'fragments:\n  key: |\n    msgid = :msgid',
      'mark_settlement_void',
      "sql: |\n  UPDATE his_settlement SET his_status = 'void' WHERE {{key}}",
    );
    expect(parseProfile(text, 'v.yaml').statements.mark_settlement_void!.variants.default!.binds).toEqual(['msgid']);
  });
});

describe('institution binds', () => {
  const top = 'binds:\n  hosp_id: hospital code of the institution in the HIS';
  const body =
    'sql: |\n  SELECT s.setl_id FROM his_settlement s\n  WHERE s.msgid = :msgid AND s.hosp = :hosp_id AND s.code = :fixmedins_code';

  it('are declared in the profile and bound from the institution', () => {
    const p = parseProfile(profileText(top, 'settlement_by_msgid', body), 'v.yaml');
    expect(p.binds).toEqual({ hosp_id: 'hospital code of the institution in the HIS' });
    const bound = withBindValues(p, { fixmedins_code: 'H43010000001', hosp_id: '0007' });
    expect(prepareStatement(bound, 'settlement_by_msgid', sqlite, { msgid: 'M1' }).values).toEqual([
      'M1',
      '0007',
      'H43010000001',
    ]);
  });

  it('an institution without the value is told where to add it', () => {
    const p = parseProfile(profileText(top, 'settlement_by_msgid', body), 'v.yaml');
    const e = errorOf(() => withBindValues(p, { fixmedins_code: 'H1' }));
    expect(e.code).toBe('PROFILE_INSTITUTION_BIND');
    expect(e.fix).toContain('hosp_id: <hospital code of the institution in the HIS>');
    expect(errorOf(() => prepareStatement(p, 'settlement_by_msgid', sqlite, { msgid: 'M1' })).code).toBe(
      'PROFILE_INSTITUTION_BIND',
    );
  });

  it('may not take the name of a statement bind', () => {
    const e = errorOf(() =>
      parseProfile(profileText('binds:\n  setl_id: x', 'his_items', 'sql: |\n  SELECT 1'), 'v.yaml'),
    );
    expect(e.code).toBe('PROFILE_BIND_NAME');
  });

  it('come from institutions[].binds in hisops.yaml', () => {
    const cfg = resolveConfig({
      text: 'institutions:\n  - name: east\n    fixmedins_code: H43010000001\n    binds:\n      hosp_id: "0007"\n',
      file: 'hisops.yaml',
      baseDir: '/tmp',
      env: {},
      flags: {},
    });
    expect(cfg.binds).toEqual({ hosp_id: { value: '0007', source: 'hisops.yaml:5' } });
    expect(describeConfig(cfg).find((r) => r.key === 'binds.hosp_id')).toMatchObject({
      value: '0007',
      source: 'hisops.yaml:5',
    });
  });
});

describe('unsupported statements', () => {
  it('need no sql and no binds, and make the job say this HIS does not provide it', () => {
    const text = profileText('', 'dispensing_for_upload', 'unsupported: this HIS records no traceability codes');
    const p = parseProfile(text, 'v.yaml');
    expect(p.statements.dispensing_for_upload!.unsupported).toBe('this HIS records no traceability codes');
    const e = errorOf(() => variantFor(p, 'dispensing_for_upload', sqlite));
    expect(e.code).toBe('PROFILE_UNSUPPORTED');
    expect(e.exit).toBe(2);
    expect(e.summary).toContain('This HIS does not provide dispensing_for_upload');
    expect(e.summary).toContain('this HIS records no traceability codes');
    expect(e.text('zh-CN').summary).toContain('此 HIS 不提供');
  });

  it('may not have sql as well', () => {
    const e = errorOf(() =>
      parseProfile(profileText('', 'his_items', 'unsupported: none\nsql: |\n  SELECT 1'), 'v.yaml'),
    );
    expect(e.code).toBe('PROFILE_SHAPE');
    expect(e.summary).toContain('both sql and unsupported');
  });
});
