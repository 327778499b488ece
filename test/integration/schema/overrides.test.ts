/**
 * MariaDB: a statement the server refuses under a session setting, and the ways past it —
 * `--session` (and the `schema.session` setting) run before each step on the step's connection,
 * `--skip STEP --reason` and `--mark-done STEP --reason`, journaled with the operating-system user
 * and the reason. In-process CLI (main's program), real server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerSchema } from '../../../src/commands/schema.js';
import { connect } from '../../../src/core/db/index.js';
import { openJournal } from '../../../src/core/journal/index.js';
import { planProgress } from '../../../src/core/schema/index.js';
import { buildProgram } from '../../../src/main.js';
import { describeWithMysql } from '../../helpers/servers.js';
import { createMysqlDb } from './helpers.js';

// Under this mode MariaDB refuses a zero-date default ("Invalid default value").
const STRICT = "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_DATE'";

describeWithMysql('schema sync --apply: --session, --skip, --mark-done (MariaDB)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let dir: string;
  const me = os.userInfo().username;

  async function run(argv: string[], env: Record<string, string> = {}) {
    const io = memoryIo({
      cwd: dir,
      env: { CI: '1', HISOPS_JOURNAL_URL: `sqlite:${path.join(dir, 'journal.db')}`, ...env },
    });
    const { program, app } = await buildProgram(io, argv);
    if (!program.commands.some((c) => c.name() === 'schema')) registerSchema(program, app);
    await program.parseAsync(argv, { from: 'user' });
    const out = io.out();
    return {
      code: app.exitCode,
      out,
      err: io.err(),
      json: argv.includes('--json')
        ? (JSON.parse(out) as {
            ok: boolean;
            data: Record<string, unknown>;
            error: { code: string; summary: string; why: string; fix: string };
          })
        : undefined,
    };
  }

  async function current(): Promise<string> {
    const d = await createMysqlDb('utf8mb4');
    cleanups.push(d.drop);
    const db = await connect(d.url);
    await db.knex.raw('CREATE TABLE a (id int NOT NULL PRIMARY KEY)');
    await db.close();
    return d.url;
  }

  const steps = async (url: string, planId: string) => {
    const j = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    try {
      return await planProgress(j, planId, url);
    } finally {
      await j.close();
    }
  };

  let zeroSeq: number;
  let planId: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-schema-overrides-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const t = await createMysqlDb('utf8mb4');
    cleanups.push(t.drop);
    const db = await connect(t.url);
    await db.knex.raw('CREATE TABLE a (id int NOT NULL PRIMARY KEY)');
    await db.knex.raw(
      "CREATE TABLE b_zero (id int NOT NULL PRIMARY KEY, seen datetime NOT NULL DEFAULT '0000-00-00 00:00:00')",
    );
    await db.knex.raw('CREATE TABLE c_plain (id int NOT NULL PRIMARY KEY)');
    await db.close();
    expect((await run(['schema', 'snapshot', t.url, '-o', 'target.json'])).code).toBe(0);
    const plan = await run(['--json', 'schema', 'sync', await current(), 'target.json', '-o', 'up.sql']);
    expect(plan.code).toBe(3);
    planId = String(plan.json!.data.planId);
    const text = fs.readFileSync(path.join(dir, 'up.sql'), 'utf8');
    zeroSeq = Number(/-- hisops:stmt (\d+) \d+ \["table:b_zero"\]/.exec(text)![1]);
  });

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('--session runs before each step on its connection; a refused statement names the ways past it; --skip needs --reason and is journaled with who and why', async () => {
    const url = await current();
    const apply = ['--json', 'schema', 'sync', url, 'target.json', '--script', 'up.sql', '--apply', '--yes'];
    const failed = await run([...apply, '--session', STRICT]);
    expect(failed.code).toBe(5);
    expect(failed.json!.error.code).toBe('SCHEMA_APPLY_FAILED');
    expect(failed.json!.error.why).toMatch(/Invalid default value for 'seen'/);
    expect(failed.json!.error.fix).toMatch(new RegExp(`--skip ${zeroSeq} --reason`));
    expect(failed.json!.error.fix).toMatch(new RegExp(`--mark-done ${zeroSeq} --reason`));
    expect(failed.json!.error.fix).toMatch(/--session/);

    const noReason = await run([...apply, '--resume', '--skip', String(zeroSeq)]);
    expect(noReason.code).toBe(2);
    expect(noReason.json!.error.code).toBe('SCHEMA_REASON_MISSING');

    const skipped = await run([
      ...apply,
      '--resume',
      '--session',
      STRICT,
      '--skip',
      String(zeroSeq),
      '--reason',
      'zero dates are not wanted here',
    ]);
    expect(skipped.code).toBe(3); // b_zero is still missing, and the summary says a new plan would create it
    expect(skipped.json!.data.overridden).toEqual([
      { seq: zeroSeq, action: 'skip', reason: 'zero dates are not wanted here', actor: me },
    ]);
    expect((skipped.json!.data.leftovers as { changes: string[]; safeLeft: number }).changes).toEqual(['table b_zero']);
    expect((skipped.json!.data.leftovers as { safeLeft: number }).safeLeft).toBe(1);
    const row = (await steps(url, planId)).find((s) => s.seq === zeroSeq)!;
    expect(row).toMatchObject({ status: 'skipped', actor: me, reason: 'zero dates are not wanted here' });
  });

  it('schema.session from the configuration, then --mark-done for a statement done by hand', async () => {
    const url = await current();
    const apply = ['--json', 'schema', 'sync', url, 'target.json', '--script', 'up.sql', '--apply', '--yes'];
    const failed = await run(apply, { HISOPS_SCHEMA_SESSION: STRICT });
    expect(failed.code).toBe(5);
    expect(failed.json!.error.why).toMatch(/Invalid default value/);
    const db = await connect(url);
    await db.knex.raw("SET SESSION sql_mode = ''");
    await db.knex.raw(
      "CREATE TABLE b_zero (id int NOT NULL PRIMARY KEY, seen datetime NOT NULL DEFAULT '0000-00-00 00:00:00')",
    );
    await db.close();
    const done = await run(
      [...apply, '--resume', '--mark-done', String(zeroSeq), '--reason', "created by hand with sql_mode=''"],
      { HISOPS_SCHEMA_SESSION: STRICT },
    );
    expect(done.code).toBe(0);
    expect(done.json!.data.overridden).toEqual([
      { seq: zeroSeq, action: 'mark-done', reason: "created by hand with sql_mode=''", actor: me },
    ]);
    expect((await steps(url, planId)).map((s) => `${s.seq}:${s.status}`)).toContain(`${zeroSeq}:marked-done`);
  });

  it('schema: session: in hisops.yaml is used when neither the flag nor the environment gives one', async () => {
    const url = await current();
    const yaml = path.join(dir, 'hisops.yaml');
    fs.writeFileSync(yaml, `schema:\n  session:\n    - "${STRICT}"\n`);
    try {
      const r = await run(['--json', 'schema', 'sync', url, 'target.json', '--script', 'up.sql', '--apply', '--yes']);
      expect(r.code).toBe(5);
      expect(r.json!.error.why).toMatch(/Invalid default value/);
    } finally {
      fs.rmSync(yaml);
    }
  });

  it('a session statement the server refuses stops the step with exit 5 and says which', async () => {
    const url = await current();
    const r = await run([
      '--json',
      'schema',
      'sync',
      url,
      'target.json',
      '--script',
      'up.sql',
      '--apply',
      '--yes',
      '--session',
      'SET SESSION no_such_setting = 1',
    ]);
    expect(r.code).toBe(5);
    expect(r.json!.error.why).toMatch(/the session statement "SET SESSION no_such_setting = 1" failed/);
  });
});
