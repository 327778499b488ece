/**
 * The demo's catalog step on a seeded reference HIS: the national catalog and the HIS's mapping
 * table go through the importers, and what the mapping import rejects is exactly the overlap and
 * the unknown code the seed planted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCatalogStep, type HisItemSource } from '../../../src/core/catalog/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { demoNationalCatalog, seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import * as his from '../../../src/core/his/index.js';
import { tmpDir } from '../../fixtures/catalog/make.js';

let dir: string;
let db: Db;
let manifest: SeedManifest;

beforeAll(async () => {
  dir = tmpDir('hisops-catalog-demo-');
  db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  manifest = (await seedHis({ db, size: 'small', seed: 7 })).manifest;
}, 120_000);
afterAll(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('demo catalog step', () => {
  it('reports exactly the planted mapping overlaps and unknown codes', async () => {
    const profile = await his.loadProfile(his.referenceProfilePath());
    const mappings = await his.runStatement(db, profile, 'mappings');
    const source: HisItemSource = {
      items: async () =>
        (await his.runStatement(db, profile, 'his_items')).map((r) => ({
          fixmedins_hilist_id: String(r.fixmedins_hilist_id),
          fixmedins_hilist_name: (r.fixmedins_hilist_name as string) ?? null,
        })),
      billedSince: async (since) =>
        (await his.runStatement(db, profile, 'items_billed_since', { since })).map((r) => ({
          fixmedins_hilist_id: String(r.fixmedins_hilist_id),
          amount: (r.bill_amt as string | undefined) ?? null,
          count: Number(r.bill_cnt ?? 0),
          last_billed_time: (r.last_billed_time as string) ?? null,
        })),
    };
    const r = await demoCatalogStep({
      db,
      dir: path.join(dir, 'demo'),
      now: new Date('2025-03-06T02:00:00Z'),
      national: demoNationalCatalog(),
      hisMappings: mappings.map((m) => ({
        fixmedins_hilist_id: String(m.fixmedins_hilist_id),
        fixmedins_hilist_name: (m.fixmedins_hilist_name as string) ?? null,
        list_type: String(m.list_type),
        med_list_codg: String(m.med_list_codg),
        begndate: String(m.begndate),
        enddate: m.enddate ? String(m.enddate) : null,
      })),
      his: source,
    });
    const planted = manifest.anomalies
      .filter((a) => a.job === 'mapping')
      .map((a) => ({
        kind: a.kind,
        fixmedins_hilist_id: String(a.keys.fixmedins_hilist_id),
        med_list_codg: ([] as string[]).concat(a.keys.med_list_codg as string | string[]).sort(),
      }))
      .sort((a, b) => (a.kind + a.fixmedins_hilist_id < b.kind + b.fixmedins_hilist_id ? -1 : 1));
    expect(planted.length).toBeGreaterThan(0);
    expect(
      r.found.map((f) => ({
        kind: f.kind,
        fixmedins_hilist_id: f.fixmedins_hilist_id,
        med_list_codg: [...f.med_list_codg].sort(),
      })),
    ).toEqual(planted);
    expect(r.catalog.reduce((n, k) => n + k.added, 0)).toBe(demoNationalCatalog().length);
    expect(r.mappings.counts.rejected).toBe(3);
  });
});
