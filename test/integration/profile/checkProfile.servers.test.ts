/**
 * `profile check` of the reference profile on PostgreSQL and MariaDB: every statement keeps the
 * contract on the seeded reference HIS, writes run and roll back, and --no-writes compiles them
 * (EXPLAIN) and still finds a missing column.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedHis } from '../../../src/core/demo/index.js';
import {
  checkProfile,
  loadProfile,
  parseProfile,
  referenceProfilePath,
  type Profile,
} from '../../../src/core/his/index.js';
import {
  createTempDatabase,
  describeWithMysql,
  describeWithPg,
  type ServerKind,
  type TempDatabase,
} from '../../helpers/servers.js';

function suite(kind: ServerKind) {
  return (url: string) => {
    let temp: TempDatabase;
    let db: Db;
    let profile: Profile;
    let day: string;

    beforeAll(async () => {
      temp = await createTempDatabase(kind, url, 'hprofile');
      db = await connect(temp.url);
      profile = await loadProfile(referenceProfilePath());
      day = (await seedHis({ db, size: 'small', seed: 4, days: 2 })).manifest.startDate;
    }, 120_000);

    afterAll(async () => {
      await db?.close();
      await temp?.drop();
    });

    it('passes the reference profile, writes run and rolled back', async () => {
      const [{ n: before }] = (await db.knex('his_settlement').count({ n: '*' })) as [{ n: number | string }];
      const r = await checkProfile(db, profile, { date: day, writes: 'run' });
      expect(
        r.statements.flatMap((s) =>
          s.problems.map((p) => `${p.statement}.${p.column}: ${p.message} ${p.values?.join(',')}`),
        ),
      ).toEqual([]);
      expect(r.statements.find((s) => s.name === 'settlements_for_reconcile')!.rows).toBeGreaterThan(100);
      expect(r.statements.find((s) => s.name === 'insert_settlement')!.affected).toBe(1);
      const [{ n: after }] = (await db.knex('his_settlement').count({ n: '*' })) as [{ n: number | string }];
      expect(Number(after)).toBe(Number(before));
    }, 60_000);

    it('compiles the writes with --no-writes and finds a missing column', async () => {
      expect((await checkProfile(db, profile, { date: day, writes: 'prepare' })).errors).toBe(0);
      const text = fs
        .readFileSync(referenceProfilePath(), 'utf8')
        .replace(
          "SET his_status = 'void', void_reason = :reason, updated_at = :now",
          "SET his_status = 'void', void_note = :reason, updated_at = :now",
        );
      const r = await checkProfile(db, parseProfile(text, 'nocol.yaml'), { date: day, writes: 'prepare' });
      const st = r.statements.find((s) => s.name === 'mark_settlement_void')!;
      expect(st.status).toBe('problems');
      expect(st.problems[0]!.message).toContain('void_note');
    }, 60_000);
  };
}

describeWithPg('profile check on PostgreSQL', suite('postgres'));
describeWithMysql('profile check on MariaDB', suite('mysql'));
