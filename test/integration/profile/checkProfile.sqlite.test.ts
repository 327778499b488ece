/**
 * `profile check` at the core: the reference profile passes on the seeded reference HIS; planted
 * contract breaks are named by statement, column and value.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import { checkProfile, loadProfile, parseProfile, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';

let dir: string;
let db: Db;
let profile: Profile;
let manifest: SeedManifest;
const reference = fs.readFileSync(referenceProfilePath(), 'utf8');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-pcheck-'));
  db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  profile = await loadProfile(referenceProfilePath());
  manifest = (await seedHis({ db, size: 'small', seed: 5, out: dir })).manifest;
}, 60_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('profile check on the reference HIS (SQLite)', () => {
  it('passes, with rows and samples for the reads and every write run and rolled back', async () => {
    const before = await db.knex('his_settlement').count({ n: '*' });
    const r = await checkProfile(db, profile, { date: manifest.startDate, writes: 'run' });
    expect(r.statements.flatMap((s) => s.problems.map((p) => `${p.statement}.${p.column}: ${p.message} ${p.values?.join(",")} ×${p.rows}`))).toEqual([]);
    expect(r.errors).toBe(0);
    const setl = r.statements.find((s) => s.name === 'settlements_in_period')!;
    expect(setl.rows).toBeGreaterThan(100);
    expect(setl.sample).toHaveLength(3);
    const voided = r.statements.find((s) => s.name === 'mark_settlement_void')!;
    expect(voided.affected).toBe(1);
    expect(r.statements.find((s) => s.name === 'insert_settlement')!.affected).toBe(1);
    expect(await db.knex('his_settlement').count({ n: '*' })).toEqual(before);
  }, 60_000);
});
