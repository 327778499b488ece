/**
 * Against the demo seed (small): the HIS and the center ledger seeded together, the stuck-
 * settlement job finds exactly the planted `settle` anomalies, classifies each as the seed says,
 * and demoStuck adds its own one-sided settlements beside them and repairs everything.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, startSandbox, type Ledger, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedCenter, seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import { loadProfile, referenceProfilePath } from '../../../src/core/his/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { DEFAULT_STUCK, demoStuck, detectStuck } from '../../../src/core/settle/index.js';
import { centerConfig } from './centerConfig.js';
import { PERSONS } from './helpers.js';

let dir: string;
let his: Db;
let ledger: Ledger;
let sb: Sandbox;
let journal: Journal;
let manifest: SeedManifest;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-stuck-seed-'));
  his = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  manifest = (await seedHis({ db: his, size: 'small', seed: 7 })).manifest;
  ledger = openLedger(path.join(dir, 'center.db'), {
    fixmedins_code: manifest.institution.fixmedins_code,
    admdvs: manifest.institution.admdvs,
  });
  await seedCenter({ his, ledger, manifest });
  sb = await startSandbox({ lenientVisits: true, ledger });
  journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
});

afterAll(async () => {
  await journal.close();
  await sb.close();
  ledger.close();
  await his.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the seeded HIS', () => {
  it('holds exactly the planted stuck settlements, classified as the seed planned them', async () => {
    const planted = manifest.anomalies.filter((a) => a.job === 'settle');
    expect(planted.length).toBeGreaterThan(0);
    const profile = await loadProfile(referenceProfilePath());
    const r = await detectStuck(
      { db: his, profile, journal, now: new Date('2030-01-01T00:00:00') },
      { olderThanMs: DEFAULT_STUCK.olderThanMs, settings: DEFAULT_STUCK },
    );
    expect(r.findings.map((f) => f.msgid).sort()).toEqual(planted.map((a) => String(a.keys.msgid)).sort());
    for (const a of planted) {
      const f = r.findings.find((x) => x.msgid === a.keys.msgid)!;
      // No setl_id reached the HIS for any of them, and no center is asked here: the side stays unknown.
      expect(f.classification).toBe('unconfirmed');
      expect(f.his_state).toBe(a.kind === 'settlement_pending' ? 'pending' : 'missing');
    }
  });

  it('demoStuck beside them: its own one-sided settlements and the planted ones are all repaired', async () => {
    const planted = manifest.anomalies.filter((a) => a.job === 'settle').map((a) => String(a.keys.msgid));
    const r = await demoStuck({
      hisDb: his,
      centerConfig: centerConfig(sb.url, { fixmedins_code: manifest.institution.fixmedins_code }),
      journal,
      sandbox: sb,
      persons: PERSONS,
      stuck: 2,
      normal: 2,
      expect: planted,
      clock: () => new Date(),
    });
    expect(r.results.map((x) => `${x.outcome}`)).toEqual(r.plan.map(() => 'done'));
    expect(r.found.findings).toHaveLength(planted.length + 2);
    expect(r.after.findings).toEqual([]);
    expect(r.ok).toBe(true);
    const pending = manifest.anomalies.filter((x) => x.kind === 'settlement_pending');
    expect(pending.some((a) => a.center?.center_has_it)).toBe(true);
    expect(pending.some((a) => !a.center?.center_has_it)).toBe(true);
    for (const a of pending) {
      const row = await his.knex('his_settlement').where({ msgid: a.keys.msgid }).first();
      const center = ledger.settlementsByMsgid(String(a.keys.msgid));
      const f = r.found.findings.find((x) => x.msgid === a.keys.msgid)!;
      if (a.center?.center_has_it) {
        // 5203 by visit finds the settlement the timed-out call made: the HIS row is completed.
        expect(f).toMatchObject({ classification: 'center_only', center_state: 'settled', setl_id: a.center.setl_id });
        expect(row).toMatchObject({ his_status: 'settled', setl_id: a.center.setl_id });
        expect(center[0]!.status).toBe('settled');
      } else {
        // The visit holds nothing of it: 2601 by the msgid answers 原交易不存在, the row is voided.
        expect(f.classification).toBe('unconfirmed');
        expect(row.his_status).toBe('void');
        expect(center).toHaveLength(0);
      }
    }
    // A call the HIS rolled back after the center answered: found by visit too, and cancelled at the center.
    const rolledBack = manifest.anomalies.filter((x) => x.kind === 'log_without_settlement');
    expect(rolledBack.length).toBeGreaterThan(0);
    for (const a of rolledBack) {
      const f = r.found.findings.find((x) => x.msgid === a.keys.msgid)!;
      expect(f).toMatchObject({ classification: 'center_only', his_state: 'missing', center_state: 'settled' });
      expect(ledger.settlementsByMsgid(String(a.keys.msgid))[0]!.status).toBe('cancelled');
    }
  });
});
