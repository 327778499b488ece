/**
 * MariaDB: `schema sync --apply` of OpenEMR 5.0.2 → 8.2.0-dev killed with SIGKILL at a random
 * statement, then `--resume`, ends exactly where an uninterrupted run does; the same database
 * dropped and recreated from the same dump is applied afresh, not taken as synced. More seeds:
 * HISOPS_TEST_RESUME_SEEDS=11,12,13.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { describeWithMysql } from '../../helpers/servers.js';
import { createMysqlDb, dumpFile, loadMysqlDump, SNAPSHOT_FIXTURES } from './helpers.js';
import { fingerprintOf, hisops, killAndResume, referenceRun, workDir, type Reference } from './resume.js';

const SEEDS = (process.env.HISOPS_TEST_RESUME_SEEDS ?? '11').split(',').map(Number);

describeWithMysql('schema sync --apply killed and resumed on MariaDB (OpenEMR 5.0.2 → 8.2.0-dev)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let dir: string;
  let refUrl: string;
  let refName: string;
  let ref: Reference;
  const target = 't82.json';
  const script = 'upgrade.sql';

  async function freshCopy(): Promise<{ url: string; name: string }> {
    const db = await createMysqlDb('utf8');
    cleanups.push(db.drop);
    const load = await loadMysqlDump(db.url, dumpFile('openemr-5.0.2'));
    expect(load.errors).toEqual([]);
    return db;
  }

  beforeAll(async () => {
    dir = workDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, target),
      zlib.gunzipSync(fs.readFileSync(path.join(SNAPSHOT_FIXTURES, 'openemr-8.2.0-dev.snapshot.json.gz'))),
    );
    ({ url: refUrl, name: refName } = await freshCopy());
    const plan = hisops(dir, ['schema', 'sync', refUrl, target, '-o', script]);
    expect(plan.code).toBe(3);
    ref = await referenceRun(dir, refUrl, target, script);
    expect(ref.statements).toBeGreaterThan(100);
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: killed with SIGKILL at a random statement, --resume ends where an uninterrupted run does`, async () => {
      const copy = await freshCopy();
      await killAndResume(dir, copy.url, target, script, ref, seed);
    }, 120_000);
  }

  it('a database dropped and recreated from the same dump is applied afresh, and the summary says so', async () => {
    const admin = await connect(refUrl.replace(`/${refName}`, '/information_schema'));
    try {
      await admin.knex.raw(`DROP DATABASE \`${refName}\``);
      await admin.knex.raw(`CREATE DATABASE \`${refName}\` CHARACTER SET utf8 COLLATE utf8_general_ci`);
    } finally {
      await admin.close();
    }
    expect((await loadMysqlDump(refUrl, dumpFile('openemr-5.0.2'))).errors).toEqual([]);
    const r = hisops(dir, ['schema', 'sync', refUrl, target, '--script', script, '--apply', '--yes']);
    expect(r.json.error, JSON.stringify(r.json.error)).toBeUndefined();
    expect([0, 3]).toContain(r.code);
    const d = r.json.data as {
      attempt: number;
      supersededAttempt: number | null;
      appliedNow: number;
      appliedBefore: number;
      statements: number;
      leftovers: { changes: string[]; safeLeft: number };
    };
    expect(d.supersededAttempt).toBe(1);
    expect(d.attempt).toBe(2);
    expect(d.appliedNow).toBe(d.statements);
    expect(d.appliedBefore).toBe(0);
    expect(d.leftovers.safeLeft).toBe(0);
    expect([...d.leftovers.changes].sort()).toEqual([...ref.leftovers].sort());
    expect(await fingerprintOf(refUrl)).toBe(ref.fingerprint);
    // and the human summary is made from the re-diff
    const h = hisops(dir, ['schema', 'sync', refUrl, target, '--script', script, '--apply', '--yes']);
    expect(h.json.data?.status).toBe('already-applied');
  }, 120_000);
});
