/**
 * PostgreSQL: OpenEMR 5.0.2 (built from its MariaDB snapshot by hisops's own plan) upgraded to
 * 8.2.0-dev by `schema sync --apply` through the real CLI, killed with SIGKILL at a random
 * statement and resumed: the result equals an uninterrupted run's. Copies of the starting
 * database are made with CREATE DATABASE … TEMPLATE. More seeds: HISOPS_TEST_RESUME_SEEDS=29,30.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { emptyModel, makePlan } from '../../../src/core/schema/index.js';
import { execStatement } from '../../../src/core/schema/exec.js';
import { createPgDb, readSnapshotFixture, SNAPSHOT_FIXTURES } from './helpers.js';
import { describeWithPg, pgUrl } from '../../helpers/servers.js';
import { hisops, killAndResume, referenceRun, workDir, type Reference } from './resume.js';

const SEEDS = (process.env.HISOPS_TEST_RESUME_SEEDS_PG ?? process.env.HISOPS_TEST_RESUME_SEEDS ?? '29')
  .split(',')
  .map(Number);

describeWithPg('schema sync --apply killed and resumed on PostgreSQL (OpenEMR 5.0.2 → 8.2.0-dev)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  let dir: string;
  let base: { url: string; name: string; drop: () => Promise<void> };
  let ref: Reference;
  const target = 't82.json';
  const script = 'upgrade.sql';

  /** A copy of the starting database (PostgreSQL copies a database whole from a template). */
  async function copyOfBase(): Promise<string> {
    const name = `${base.name}_c${cleanups.length}`;
    const admin = await connect(pgUrl()!);
    try {
      await admin.knex.raw(`CREATE DATABASE "${name}" TEMPLATE "${base.name}"`);
    } finally {
      await admin.close();
    }
    cleanups.push(async () => {
      const a = await connect(pgUrl()!);
      await a.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.close();
    });
    return base.url.replace(`/${base.name}`, `/${name}`);
  }

  beforeAll(async () => {
    dir = workDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(
      path.join(dir, target),
      zlib.gunzipSync(fs.readFileSync(path.join(SNAPSHOT_FIXTURES, 'openemr-8.2.0-dev.snapshot.json.gz'))),
    );
    base = await createPgDb();
    cleanups.push(base.drop);
    // The starting schema, built directly (no journal needed for the template).
    const db = await connect(base.url);
    try {
      const plan = makePlan(emptyModel('postgres'), readSnapshotFixture('openemr-5.0.2'), {
        now: new Date(),
        hisopsVersion: 'test',
        dialect: 'postgres',
      });
      for (const s of plan.statements.filter((x) => x.section === 'safe')) await execStatement(db, s.sql);
    } finally {
      await db.close();
    }
    const refUrl = await copyOfBase();
    const plan = hisops(dir, ['schema', 'sync', refUrl, target, '-o', script]);
    expect(plan.code).toBe(3);
    ref = await referenceRun(dir, refUrl, target, script);
    expect(ref.statements).toBeGreaterThan(300);
  }, 120_000);

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  for (const seed of SEEDS) {
    it(`seed ${seed}: killed with SIGKILL at a random statement, --resume ends where an uninterrupted run does`, async () => {
      await killAndResume(dir, await copyOfBase(), target, script, ref, seed);
    }, 120_000);
  }
});
