import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import {
  loadProfile,
  parseProfile,
  referenceProfilePath,
  STATEMENT_NAMES,
  STATEMENTS,
} from '../../../src/core/his/index.js';

const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

/** The reference profile with one statement's text replaced. */
function withStatement(name: string, body: string): string {
  const lines = reference.split('\n');
  const start = lines.findIndex((l) => l === `  ${name}:`);
  let end = start + 1;
  while (end < lines.length && !/^ {2}\S/.test(lines[end]!)) end++;
  return [
    ...lines.slice(0, start),
    `  ${name}:`,
    ...body.split('\n').map((l) => (l ? '    ' + l : l)),
    ...lines.slice(end),
  ].join('\n');
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

describe('parseProfile', () => {
  it('accepts the reference profile with every statement and its dialect variants', () => {
    const p = parseProfile(reference, 'reference.yaml');
    expect(Object.keys(p.statements).sort()).toEqual([...STATEMENT_NAMES].sort());
    expect(p.statements.settlements_in_period!.variants.oracle?.sql).toContain('TO_TIMESTAMP');
    expect(p.statements.dispensing_for_upload!.variants.sqlite?.sql).toContain('date(d.sel_retn_time)');
    expect(p.statements.settlement_by_setl_id!.variants.default!.positional.order).toEqual(['setl_id']);
    for (const [name, st] of Object.entries(p.statements)) expect(st.kind).toBe(STATEMENTS[name]!.kind);
  });

  it('names the file, the exact line and the fix for an unknown bind', () => {
    const text = withStatement(
      'settlement_by_setl_id',
      'sql: |\n  SELECT s.setl_id\n  FROM his_settlement s\n  WHERE s.setl_id = :setl_id\n    AND s.insutype = :insutype',
    );
    const line = text.split('\n').findIndex((l) => l.includes(':insutype')) + 1;
    const e = errorOf(() => parseProfile(text, '/etc/hisops/his.yaml'));
    expect(e.code).toBe('PROFILE_UNKNOWN_BIND');
    expect(e.exit).toBe(2);
    expect(e.summary).toBe(
      `/etc/hisops/his.yaml:${line}: statement "settlement_by_setl_id" uses the unknown bind :insutype`,
    );
    expect(e.fix).toContain(':setl_id');
    expect(e.details.problems).toHaveLength(1);
  });

  it('finds the line of an unknown bind inside a per-dialect variant', () => {
    const text = withStatement(
      'mappings_of_item',
      'sql:\n  default: |\n    SELECT m.fixmedins_hilist_id FROM his_mapping m\n    WHERE m.fixmedins_hilist_id = :fixmedins_hilist_id\n  oracle: |\n    SELECT m.fixmedins_hilist_id FROM his_mapping m\n    WHERE m.fixmedins_hilist_id = :fixmedins_hilist_id\n      AND m.begndate <= :today',
    );
    const line = text.split('\n').findIndex((l) => l.includes(':today')) + 1;
    const e = errorOf(() => parseProfile(text, 'p.yaml'));
    expect(e.code).toBe('PROFILE_UNKNOWN_BIND');
    expect(e.summary.startsWith(`p.yaml:${line}:`)).toBe(true);
  });

  it('suggests the close bind name', () => {
    const text = withStatement(
      'settlement_by_msgid',
      'sql: |\n  SELECT s.msgid FROM his_settlement s WHERE s.msgid = :msgid OR s.msgid = :msg_id',
    );
    expect(errorOf(() => parseProfile(text, 'p.yaml')).fix).toContain('did you mean :msgid?');
  });

  it('rejects a statement that leaves out a required bind (it would touch every row)', () => {
    const text = withStatement('mark_settlement_void', "sql: |\n  UPDATE his_settlement SET his_status = 'void'");
    const e = errorOf(() => parseProfile(text, 'p.yaml'));
    expect(e.code).toBe('PROFILE_MISSING_BIND');
    expect(e.summary).toContain(':msgid');
  });

  it('lists missing statements', () => {
    const text = reference.replace(/\n {2}mappings_of_item:[\s\S]*?(?=\n {2}\S)/, '');
    const e = errorOf(() => parseProfile(text, 'p.yaml'));
    expect(e.code).toBe('PROFILE_MISSING_STATEMENT');
    expect(e.summary).toContain('"mappings_of_item"');
  });

  it('rejects an unknown statement with the closest known name', () => {
    const text = reference.replace('  settlement_by_msgid:', '  settlement_by_msg_id:');
    const e = errorOf(() => parseProfile(text, 'p.yaml'));
    expect(e.code).toBe('PROFILE_UNKNOWN_STATEMENT');
    expect(e.fix).toContain('did you mean settlement_by_msgid?');
    expect(e.why).toContain('"settlement_by_msgid"'); // and it is missing as well
  });

  it('rejects a question mark anywhere in the SQL', () => {
    const text = withStatement(
      'his_items',
      "sql: |\n  SELECT i.fixmedins_hilist_id FROM his_item i WHERE i.spec <> '?'",
    );
    expect(errorOf(() => parseProfile(text, 'p.yaml')).code).toBe('PROFILE_QUESTION_MARK');
  });

  it('rejects an unknown dialect key and unknown keys', () => {
    expect(
      errorOf(() => parseProfile(withStatement('his_items', 'sql:\n  postgresql: |\n    SELECT 1'), 'p.yaml')).fix,
    ).toContain('did you mean postgres?');
    expect(
      errorOf(() => parseProfile(withStatement('his_items', 'sqll: |\n  SELECT 1\nsql: |\n  SELECT 1'), 'p.yaml')).code,
    ).toBe('PROFILE_UNKNOWN_KEY');
    expect(errorOf(() => parseProfile('name: x\nstatments: {}\n', 'p.yaml')).code).toBe('PROFILE_UNKNOWN_KEY');
  });

  it('reports YAML syntax errors with their line', () => {
    const e = errorOf(() => parseProfile('name: x\nstatements:\n  his_items:\n    sql: "SELECT 1\n', 'p.yaml'));
    expect(e.code).toBe('PROFILE_YAML');
    expect(e.summary).toMatch(/^p\.yaml:\d+: /);
  });

  it('does not take casts, strings or comments for binds', () => {
    const text = withStatement(
      'his_items',
      "sql: |\n  SELECT i.fixmedins_hilist_id, i.pric::text AS p -- :comment\n  FROM his_item i WHERE i.spec <> ':literal' /* :block */",
    );
    const p = parseProfile(text, 'p.yaml');
    expect(p.statements.his_items!.variants.default!.binds).toEqual([]);
  });
});

describe('loadProfile', () => {
  it('reads a file and says how to fix a missing one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-profile-'));
    const file = path.join(dir, 'his.yaml');
    fs.writeFileSync(file, reference);
    expect(Object.keys((await loadProfile(file)).statements)).toHaveLength(STATEMENT_NAMES.length);
    await expect(loadProfile(path.join(dir, 'nope.yaml'))).rejects.toMatchObject({
      code: 'PROFILE_NOT_FOUND',
      exit: 2,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('docs/profile.md', () => {
  it('documents every statement and every bind', () => {
    const doc = fs.readFileSync(path.join(__dirname, '../../../docs/profile.md'), 'utf8');
    for (const [name, spec] of Object.entries(STATEMENTS)) {
      const at = doc.indexOf(`#### \`${name}\``);
      expect(at, name).toBeGreaterThan(0);
      const binds = doc
        .slice(at)
        .split('\n')
        .find((l) => l.startsWith('- binds:'));
      for (const b of Object.keys(spec.binds)) expect(binds, `${name} :${b}`).toContain(`:${b}\``);
    }
  });
});
