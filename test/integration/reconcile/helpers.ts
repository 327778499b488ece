/**
 * Shared set-up for the reconciliation suites: a HIS (a seeded demo HIS with its center side in the
 * sandbox's ledger, or an empty reference HIS), the sandbox, a journal and a center client.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCenter, type Center, type CenterConfig } from '../../../src/core/center/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/core/center/sandbox/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedCenter, seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import { loadReferenceSchema } from '../../../src/core/his/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';

export const CODE = 'H43010000001';
export const ADMDVS = '430100';

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hisops-${prefix}-`));
}

export function centerConfig(url: string, over: Partial<CenterConfig> = {}): CenterConfig {
  return {
    baseUrl: url,
    fixmedins_code: CODE,
    fixmedins_name: '示例医院',
    mdtrtarea_admvs: ADMDVS,
    insuplc_admdvs: ADMDVS,
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter: 'recon01',
    opter_name: '对账',
    opter_type: '1',
    setl_optins: ADMDVS,
    retry: { attempts: 1, baseDelayMs: 5, maxDelayMs: 10 },
    timeouts: { defaultMs: 3000 },
    ...over,
  };
}

export interface World {
  dir: string;
  his: Db;
  sb: Sandbox;
  journal: Journal;
  center: Center;
  /** The seed's manifest, when the world was seeded. */
  manifest?: SeedManifest;
  close(): Promise<void>;
}

/**
 * A sandbox, a journal and a client, with a HIS: the one given, a seeded demo HIS (`seed`, its
 * center side planted in the sandbox's ledger), or an empty reference HIS in SQLite.
 */
export async function openWorld(
  o: { his?: Db; seed?: { seed?: number; days?: number }; sandbox?: SandboxOptions; prefix?: string } = {},
): Promise<World> {
  const dir = tmpDir(o.prefix ?? 'reconcile');
  let manifest: SeedManifest | undefined;
  const his = o.his ?? (await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true }));
  if (o.seed)
    manifest = (await seedHis({ db: his, size: 'small', seed: o.seed.seed ?? 1, days: o.seed.days })).manifest;
  else await loadReferenceSchema(his);
  const sb = await startSandbox({
    lenientVisits: true,
    dataFile: path.join(dir, 'center.db'),
    admdvs: ADMDVS,
    ...o.sandbox,
  });
  if (manifest) manifest = (await seedCenter({ his, ledger: sb.ledger, manifest })).manifest;
  const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  const center = openCenter(centerConfig(sb.url), { journal, runId: 'test' });
  return {
    dir,
    his,
    sb,
    journal,
    center,
    manifest,
    close: async () => {
      await center.close();
      await journal.close();
      await sb.close();
      if (!o.his) await his.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function runId(): string {
  return `t-${crypto.randomBytes(4).toString('hex')}`;
}
