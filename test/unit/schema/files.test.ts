import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import {
  makePlan,
  parseRenames,
  parseScript,
  parseSnapshot,
  renderScript,
  serializeSnapshot,
  toSnapshot,
} from '../../../src/core/schema/index.js';
import { col, lit, model, table } from './build.js';

const NOW = new Date('2025-03-01T08:00:00Z');
const snap = () =>
  toSnapshot(
    model([
      table('t', [col('id', 'int', { nullable: false }), col('name', 'varchar(20)', { default: lit('x') })], {
        primaryKey: { columns: ['id'] },
      }),
    ]),
    { hisopsVersion: '0.1.0', now: NOW },
  );

function errorOf(fn: () => unknown): HisopsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HisopsError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('snapshot files', () => {
  it('round-trips and carries the format version, the hisops version and a fingerprint', () => {
    const s = snap();
    const text = serializeSnapshot(s);
    const back = parseSnapshot(text, 'a.json');
    expect(back).toEqual(s);
    expect(back.formatVersion).toBe(2);
    expect(text).toMatch(/"seal": "[0-9a-f]{64}"\n\}\n$/);
    expect(back.hisopsVersion).toBe('0.1.0');
    expect(back.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says precisely what is wrong with a foreign, damaged or other-version file', () => {
    expect(errorOf(() => parseSnapshot('not json', 'x.json')).code).toBe('SNAPSHOT_NOT_JSON');
    const foreign = errorOf(() => parseSnapshot(JSON.stringify({ tables: [] }), 'skeema.json'));
    expect(foreign.code).toBe('SNAPSHOT_FOREIGN');
    expect(foreign.why).toMatch(/no "format" field/);
    const newer = errorOf(() =>
      parseSnapshot(JSON.stringify({ ...snap(), formatVersion: 3, hisopsVersion: '9.0.0' }), 'new.json'),
    );
    expect(newer.code).toBe('SNAPSHOT_VERSION');
    expect(newer.summary).toMatch(/format version 3, this hisops reads versions 1 and 2/);
    expect(newer.fix).toMatch(/Upgrade hisops to 9\.0\.0/);
    const older = errorOf(() => parseSnapshot(JSON.stringify({ ...snap(), formatVersion: 0 }), 'old.json'));
    expect(older.fix).toMatch(/Take the snapshot again/);
    const broken = {
      ...snap(),
      tables: [{ name: 't', columns: [{ name: 'a' }], indexes: [], foreignKeys: [], checks: [] }],
    };
    const damaged = errorOf(() => parseSnapshot(JSON.stringify(broken), 'd.json'));
    expect(damaged.code).toBe('SNAPSHOT_DAMAGED');
    expect(damaged.why).toMatch(/table t column 0 has no name or type/);
    expect(damaged.exit).toBe(2);
  });

  it('recomputes the fingerprint of a hand-edited file', () => {
    const s = snap();
    const edited = JSON.parse(serializeSnapshot(s));
    edited.tables[0].columns[1].type = { base: 'varchar', length: 40, lengthUnit: 'char', native: 'varchar(40)' };
    expect(parseSnapshot(JSON.stringify(edited), 'e.json').fingerprint).not.toBe(s.fingerprint);
    // The same edit keeping the layout (the seal still in place, now wrong) is caught by the seal.
    const text = serializeSnapshot(s).replace('"varchar(20)"', '"varchar(40)"').replace('"length": 20', '"length": 40');
    expect(text).not.toBe(serializeSnapshot(s));
    expect(parseSnapshot(text, 'e2.json').fingerprint).not.toBe(s.fingerprint);
  });

  it("trusts the stored fingerprint of a sealed file, and recomputes a version-1 file's", () => {
    const s = snap();
    const sealed = JSON.parse(serializeSnapshot(s));
    // A stored fingerprint that is not the computed one shows which path was taken.
    sealed.fingerprint = 'f'.repeat(64);
    const resealed = serializeSnapshot(sealed);
    expect(parseSnapshot(resealed, 's.json').fingerprint).toBe('f'.repeat(64));
    const v1 = JSON.stringify({ ...JSON.parse(resealed), formatVersion: 1, seal: undefined });
    expect(parseSnapshot(v1, 'v1.json').fingerprint).toBe(s.fingerprint);
    const compact = serializeSnapshot(sealed, true);
    expect(parseSnapshot(compact, 'c.json').fingerprint).toBe('f'.repeat(64));
  });
});

describe('sync scripts', () => {
  const plan = () => {
    const cur = model([table('t', [col('id', 'int', { nullable: false })])]);
    const tgt = model(
      [
        table('t', [
          col('id', 'int', { nullable: false }),
          col('memo', 'text', { comment: "it's; fine\n-- not a comment" }),
        ]),
        table('old', [col('x', 'int')]),
      ],
      'mysql',
      {
        routines: [
          {
            kind: 'procedure',
            name: 'p',
            source: 'CREATE PROCEDURE `p`()\nBEGIN\n  SELECT 1;\n\n  -- blank line above\n  SELECT 2;\nEND',
            digest: 'r',
          },
        ],
      },
    );
    return makePlan(
      cur,
      { ...tgt, tables: tgt.tables.filter((t) => t.name !== 'old') },
      { now: NOW, hisopsVersion: '0.1.0' },
    );
  };

  it('starts with a header naming both sides, fingerprints, time and counts', () => {
    const p = plan();
    const text = renderScript(p);
    expect(text).toContain(
      '-- current:    test-mysql (MySQL/MariaDB), fingerprint ' + p.current.fingerprint.slice(0, 16),
    );
    expect(text).toContain('-- written:    2025-03-01T08:00:00.000Z by hisops 0.1.0, for MySQL/MariaDB');
    expect(text).toMatch(/-- changes: {4}2 \(/);
    expect(text).toMatch(/-- safe part: {2}3 statement\(s\) for 2 change\(s\)/);
    expect(text).toContain('DELIMITER ;;');
  });

  it('reads back exactly its safe statements, whatever they contain', () => {
    const p = plan();
    const saved = parseScript(renderScript(p), 's.sql');
    expect(saved.header.planId).toBe(p.planId);
    expect(saved.statements.map((s) => s.sql)).toEqual(
      p.statements.filter((s) => s.section === 'safe').map((s) => s.sql),
    );
    // CRLF line endings from an editor do not matter
    const crlf = parseScript(renderScript(p).replace(/\n/g, '\r\n'), 's.sql');
    expect(crlf.statements.map((s) => s.sql.replace(/\r\n/g, '\n'))).toEqual(saved.statements.map((s) => s.sql));
  });

  it('refuses a script whose statements were edited, and files that are not scripts', () => {
    const text = renderScript(plan());
    const edited = text.replace('ADD COLUMN `memo` text', 'ADD COLUMN `memo` mediumtext');
    expect(errorOf(() => parseScript(edited, 's.sql')).code).toBe('SCRIPT_EDITED');
    expect(errorOf(() => parseScript('SELECT 1;', 'x.sql')).code).toBe('SCRIPT_FOREIGN');
  });

  it('comments out the review part with the reasons', () => {
    const cur = model([table('t', [col('id', 'int', { nullable: false }), col('gone', 'int')])]);
    const tgt = model([table('t', [col('id', 'int', { nullable: false })])]);
    const text = renderScript(makePlan(cur, tgt, { now: NOW, hisopsVersion: '0.1.0' }));
    expect(text).toContain(
      '-- [review] column t.gone\n--   why: drops the column and its data\n-- ALTER TABLE `t`\n--   DROP COLUMN `gone`;',
    );
    expect(parseScript(text, 's.sql').statements).toEqual([]);
  });
});

describe('decisions files', () => {
  it('reads renames from YAML and rejects malformed entries', () => {
    expect(
      parseRenames('renames:\n  tables:\n    dict_old: dict_new\n  columns:\n    patient.tel: phone\n', 'd.yaml'),
    ).toEqual({ tables: { dict_old: 'dict_new' }, columns: { 'patient.tel': 'phone' } });
    expect(parseRenames('{}', 'd.yaml')).toEqual({});
    expect(errorOf(() => parseRenames('renames:\n  columns:\n    tel: phone\n', 'd.yaml')).summary).toMatch(
      /bad "renames.columns.tel/,
    );
    expect(errorOf(() => parseRenames('renames: [', 'd.yaml')).code).toBe('DECISIONS_BAD');
  });
});
