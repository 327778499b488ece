/**
 * The reference HIS on a database server: the shipped schema loads (twice, harmlessly), the small
 * seed writes the very rows it writes into SQLite, and every profile statement runs and writes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import {
  loadProfile,
  loadReferenceSchema,
  probeProfile,
  READ_STATEMENTS,
  referenceProfilePath,
  runStatement,
  runWrite,
  type Profile,
} from '../../../src/core/his/index.js';
import { sum } from '../../../src/core/money.js';
import { createTempDatabase, type ServerKind, type TempDatabase } from '../../helpers/servers.js';
import { digest, dumpTables } from './dump.js';

export function referenceHisSuite(kind: ServerKind, baseUrl: () => string): void {
  let temp: TempDatabase;
  let db: Db;
  let profile: Profile;
  let manifest: SeedManifest;
  const SEED = 3;

  beforeAll(async () => {
    temp = await createTempDatabase(kind, baseUrl(), 'hisops_his');
    db = await connect(temp.url);
    profile = await loadProfile(referenceProfilePath());
    manifest = (await seedHis({ db, size: 'small', seed: SEED })).manifest;
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await temp?.drop();
  });

  it('loads the schema again without harm', async () => {
    const r = await loadReferenceSchema(db);
    expect(r.file).toContain(`reference-his.${kind === 'postgres' ? 'postgres' : 'mysql'}.sql`);
  });

  it('holds the same rows as the SQLite seed of the same seed', async () => {
    const lite = await connect('sqlite::memory:');
    try {
      const m = await seedHis({ db: lite, size: 'small', seed: SEED });
      expect({ ...manifest, dialect: 'sqlite' }).toEqual(m.manifest);
      expect(digest(await dumpTables(db))).toEqual(digest(await dumpTables(lite)));
    } finally {
      await lite.close();
    }
  }, 60_000);

  it('runs every read statement with the canonical columns', async () => {
    const probe = await probeProfile(db, profile);
    expect(probe.filter((p) => !p.ok)).toEqual([]);
    expect(probe.map((p) => p.name).sort()).toEqual([...READ_STATEMENTS].sort());
    expect(probe.every((p) => (p.columns?.length ?? 0) > 0)).toBe(true);
  });

  it('reads settlements, dispensing and stock in canonical form', async () => {
    const window = { from: `${manifest.startDate} 00:00:00`, to: `${manifest.endDate} 23:59:59` };
    const rows = await runStatement(db, profile, 'settlements_in_period', window);
    expect(rows.length).toBe(manifest.totals.count);
    expect(sum(rows.map((r) => r.fund_pay_sumamt as string)).toFixed(2)).toBe(manifest.totals.fund_pay_sumamt);
    expect(rows[0]!.setl_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(rows[0]!.brdy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const disp = await runStatement(db, profile, 'dispensing_for_upload', window);
    expect(disp.filter((r) => r.map_cnt === 0).map((r) => r.disp_id)).toEqual(
      manifest.anomalies.filter((a) => a.kind === 'dispense_no_mapping').map((a) => a.keys.disp_id),
    );
    expect((await runStatement(db, profile, 'stock_for_upload', window)).length).toBe(manifest.counts.his_stock_trac);
    const pending = await runStatement(db, profile, 'pending_settlements', { before: window.to });
    expect(pending.map((p) => p.msgid).sort()).toEqual(
      manifest.anomalies
        .filter((a) => a.kind === 'settlement_pending')
        .map((a) => a.keys.msgid)
        .sort(),
    );
    expect((await runStatement(db, profile, 'orphan_center_calls', { before: window.to })).map((o) => o.msgid)).toEqual(
      manifest.anomalies.filter((a) => a.kind === 'log_without_settlement').map((a) => a.keys.msgid),
    );
    expect((await runStatement(db, profile, 'items_billed_since', { since: window.from })).length).toBeGreaterThan(20);
  });

  it('writes through the profile', async () => {
    const msgid = manifest.anomalies.find((a) => a.kind === 'settlement_pending')!.keys.msgid as string;
    expect(
      await runWrite(db, profile, 'mark_settlement_void', { msgid, reason: 'test', now: '2030-01-01 00:00:00' }),
    ).toBe(1);
    expect((await runStatement(db, profile, 'settlement_by_msgid', { msgid }))[0]).toMatchObject({
      his_status: 'void',
      updated_at: '2030-01-01 00:00:00',
    });
    await runWrite(db, profile, 'insert_mapping', {
      fixmedins_hilist_id: 'ZL00002',
      fixmedins_hilist_name: '副主任医师门诊诊查费',
      list_type: '201',
      med_list_codg: 'TEST0001',
      begndate: '2030-01-01',
      enddate: '2099-12-31',
      now: '2030-01-01 00:00:00',
    });
    expect(
      await runWrite(db, profile, 'end_mapping', {
        fixmedins_hilist_id: 'ZL00002',
        med_list_codg: 'TEST0001',
        begndate: '2030-01-01',
        enddate: '2030-12-31',
        now: '2030-01-02 00:00:00',
      }),
    ).toBe(1);
    expect(await runStatement(db, profile, 'mappings_of_item', { fixmedins_hilist_id: 'ZL00002' })).toContainEqual(
      expect.objectContaining({ med_list_codg: 'TEST0001', begndate: '2030-01-01', enddate: '2030-12-31' }),
    );
  });
}
