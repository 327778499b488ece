/**
 * `hisops schema …` in-process, on SQLite files: exit codes (0 equal, 3 differ, 2 bad input,
 * 4 consent missing), the JSON envelope, saved scripts applied with --script, clone dry run and apply.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerSchema } from '../../../src/commands/schema.js';
import { connect } from '../../../src/core/db/index.js';
import { runCommands } from '../../helpers/runCommands.js';

let dir: string;

const run = (argv: string[], env: Record<string, string> = {}) =>
  runCommands(memoryIo({ cwd: dir, env }), argv, { schema: registerSchema });

async function makeDb(
  file: string,
  ddl: string[],
  rows?: (k: import('../../../src/core/db/index.js').Db) => Promise<void>,
) {
  fs.writeFileSync(file, '');
  const db = await connect(`sqlite:${file}`);
  for (const s of ddl) await db.knex.raw(s);
  if (rows) await rows(db);
  await db.close();
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-schema-cli-'));
  await makeDb(
    path.join(dir, 'old.db'),
    [
      'CREATE TABLE patient (id integer PRIMARY KEY, xm varchar(20) NOT NULL)',
      'CREATE TABLE dict (code varchar(5) PRIMARY KEY, name varchar(20))',
    ],
    async (db) => {
      await db.knex('patient').insert([{ id: 1, xm: '张三' }]);
      await db.knex('dict').insert([{ code: 'A', name: '甲' }]);
    },
  );
  await makeDb(path.join(dir, 'new.db'), [
    'CREATE TABLE patient (id integer PRIMARY KEY, xm varchar(40) NOT NULL, sfzh char(18))',
    'CREATE TABLE dict (code varchar(5) PRIMARY KEY, name varchar(20))',
    'CREATE INDEX ix_patient_sfzh ON patient (sfzh)',
  ]);
});

describe('hisops schema (CLI)', () => {
  it('snapshots to a file, diffs a file against a database with exit 3, and a database against itself with exit 0', async () => {
    const s = await run(['schema', 'snapshot', 'sqlite:new.db', '-o', 'new.json']);
    expect(s.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'new.json'), 'utf8')).format).toBe('hisops-schema-snapshot');
    const d = await run(['schema', 'diff', 'sqlite:old.db', 'new.json']);
    expect(d.code).toBe(3);
    expect(d.out).toMatch(/3 difference\(s\)/);
    expect(d.out).toMatch(/patient\.xm .*varchar\(20\) → varchar\(40\)/);
    const j = await run(['--json', 'schema', 'diff', 'sqlite:old.db', 'new.json']);
    const env = JSON.parse(j.out);
    expect(env.ok).toBe(false); // exit 3: the schemas differ
    expect(env.findings).toBeDefined();
    expect(env.data.equal).toBe(false);
    expect(env.data.counts.column).toEqual({ missing: 1, extra: 0, changed: 1 });
    expect((await run(['schema', 'diff', 'sqlite:new.db', 'new.json'])).code).toBe(0);
    const sql = await run(['schema', 'diff', 'sqlite:old.db', 'new.json', '--format', 'sql', '--dialect', 'oracle']);
    expect(sql.out).toMatch(/ALTER TABLE PATIENT ADD \(\n {2}SFZH CHAR\(18 CHAR\)\n\)/);
  });

  it('refuses a foreign snapshot file with exit 2 and a precise error', async () => {
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify({ version: 3, tables: {} }));
    const r = await run(['--json', 'schema', 'diff', 'sqlite:old.db', 'other.json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('SNAPSHOT_FOREIGN');
  });

  it('saves the script on a dry run, needs --yes to apply it non-interactively, then applies the saved script', async () => {
    const dry = await run(['schema', 'sync', 'sqlite:old.db', 'sqlite:new.db', '-o', 'up.sql']);
    expect(dry.code).toBe(3);
    const script = fs.readFileSync(path.join(dir, 'up.sql'), 'utf8');
    expect(script).toMatch(/^-- =+\n-- hisops schema sync script\n-- current: {4}sqlite:old\.db/);
    expect(dry.out).toMatch(/Dry run/);
    const noYes = await run(['schema', 'sync', 'sqlite:old.db', 'sqlite:new.db', '--script', 'up.sql', '--apply']);
    expect(noYes.code).toBe(4);
    const ok = await run([
      '--json',
      'schema',
      'sync',
      'sqlite:old.db',
      'sqlite:new.db',
      '--script',
      'up.sql',
      '--apply',
      '--yes',
    ]);
    expect(ok.code).toBe(0);
    const env = JSON.parse(ok.out);
    expect(env.data.leftovers.equal).toBe(true);
    expect(env.data.appliedNow).toBeGreaterThan(0);
    expect((await run(['schema', 'diff', 'sqlite:old.db', 'sqlite:new.db'])).code).toBe(0);
    // the rows survived SQLite's table rebuild
    const db = await connect(`sqlite:${path.join(dir, 'old.db')}`);
    expect(await db.knex('patient').select('id', 'xm', 'sfzh')).toEqual([{ id: 1, xm: '张三', sfzh: null }]);
    await db.close();
    // the same script again against the changed database: its fingerprint no longer matches… but this plan is already applied
    const again = await run([
      '--json',
      'schema',
      'sync',
      'sqlite:old.db',
      'sqlite:new.db',
      '--script',
      'up.sql',
      '--apply',
      '--yes',
    ]);
    expect(JSON.parse(again.out).data.status).toBe('already-applied');
  });

  it('refuses to apply a saved script to a database that changed since', async () => {
    await run(['schema', 'sync', 'sqlite:old.db', 'sqlite:new.db', '-o', 'up.sql']);
    const db = await connect(`sqlite:${path.join(dir, 'old.db')}`);
    await db.knex.raw('ALTER TABLE dict ADD COLUMN extra integer');
    await db.close();
    const r = await run([
      '--json',
      'schema',
      'sync',
      'sqlite:old.db',
      'sqlite:new.db',
      '--script',
      'up.sql',
      '--apply',
      '--yes',
    ]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out).error.code).toBe('SCHEMA_CHANGED_SINCE_PLAN');
  });

  it('shows what a clone would copy, then clones with masking', async () => {
    const dry = await run([
      '--json',
      'schema',
      'clone',
      'sqlite:old.db',
      'sqlite:test.db',
      '--max-rows',
      '10',
      '--mask',
    ]);
    expect(dry.code).toBe(0);
    const plan = JSON.parse(dry.out).data.tables;
    expect(plan).toEqual([
      expect.objectContaining({ table: 'dict', copy: true, rows: 1 }),
      expect.objectContaining({ table: 'patient', copy: true, masked: [{ column: 'xm', kind: 'name' }] }),
    ]);
    expect(fs.existsSync(path.join(dir, 'test.db'))).toBe(false);
    const r = await run(
      ['--json', 'schema', 'clone', 'sqlite:old.db', 'sqlite:test.db', '--mask', '--apply', '--yes'],
      { HISOPS_MASK_KEY: 'secret' },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).data.copiedRows).toBe(2);
    const db = await connect(`sqlite:${path.join(dir, 'test.db')}`);
    const [p] = (await db.knex('patient').select('xm')) as Array<{ xm: string }>;
    expect(p!.xm).not.toBe('张三');
    expect([...p!.xm]).toHaveLength(2);
    await db.close();
  });
});
