/**
 * The trace suites' world: a seeded reference HIS in a temporary SQLite file, a journal beside
 * it, the sandbox center on a free port, and what the HIS says should end up at the center.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type Db } from '../../../src/core/db/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { loadProfile, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../src/core/center/sandbox/index.js';
import type { CenterConfig } from '../../../src/core/center/index.js';
import { seedHis } from '../../../src/core/demo/seedHis.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { profileSource, traceSettings, TRACE_KINDS, type UploadOptions } from '../../../src/core/trace/index.js';

export const CODE = 'H43010000001';

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hisops-trace-${tag}-`));
}

/** Seed a small reference HIS (3 days) once per file; tests copy it. */
export async function seededHisFile(
  dir: string,
  opts: { days?: number; seed?: number } = {},
): Promise<{ file: string; manifest: SeedManifest }> {
  const file = path.join(dir, 'his.db');
  const db = await connect(`sqlite:${file}`, { create: true });
  try {
    const r = await seedHis({ db, size: 'small', seed: opts.seed ?? 1, days: opts.days ?? 3, fixmedins_code: CODE });
    return { file, manifest: r.manifest };
  } finally {
    await db.close();
  }
}

export interface World {
  dir: string;
  db: Db;
  profile: Profile;
  journal: Journal;
  journalFile: string;
  hisFile: string;
  sb: Sandbox;
  center: CenterConfig;
  close(): Promise<void>;
}

export function centerConfig(url: string, over: Partial<CenterConfig> = {}): CenterConfig {
  return {
    baseUrl: url,
    fixmedins_code: CODE,
    fixmedins_name: '示例医院',
    mdtrtarea_admvs: '430100',
    insuplc_admdvs: '430100',
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter: 'hisops',
    opter_name: 'hisops',
    opter_type: '1',
    setl_optins: '430100',
    timeouts: { defaultMs: 3000 },
    ...over,
  };
}

/** A world on a copy of a seeded HIS file. */
export async function openWorld(seedFile: string, sandbox: SandboxOptions = {}, tag = 'w'): Promise<World> {
  const dir = tmpDir(tag);
  const hisFile = path.join(dir, 'his.db');
  fs.copyFileSync(seedFile, hisFile);
  const journalFile = path.join(dir, 'journal.db');
  const db = await connect(`sqlite:${hisFile}`);
  const journal = await openJournal(`sqlite:${journalFile}`);
  const profile = await loadProfile(referenceProfilePath());
  const sb = await startSandbox({ lenientVisits: true, dataFile: ':memory:', ...sandbox });
  return {
    dir,
    db,
    profile,
    journal,
    journalFile,
    hisFile,
    sb,
    center: centerConfig(sb.url),
    async close() {
      await sb.close();
      await journal.close();
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What the center should hold after an upload of the seeded days: every code of every HIS
 * record except the records the seed planted an anomaly in (the first sale of a code sold twice
 * is a good sale), as `code|movement`.
 */
export async function expectedAtCenter(db: Db, manifest: SeedManifest): Promise<string[]> {
  const planted = new Set<string>();
  for (const a of manifest.anomalies) {
    if (a.job !== 'trace') continue;
    const ids = a.keys.disp_id;
    planted.add(Array.isArray(ids) ? ids[ids.length - 1]! : String(ids));
  }
  const disp = (await db
    .knex('his_dispense_trac as t')
    .join('his_dispense as d', 'd.disp_id', 't.disp_id')
    .select('t.disp_id', 't.drug_trac_codg', 'd.disp_type')) as Array<{
    disp_id: string;
    drug_trac_codg: string;
    disp_type: string;
  }>;
  const stock = (await db.knex('his_stock_trac').select('drug_trac_codg')) as Array<{ drug_trac_codg: string }>;
  return [
    ...disp.filter((r) => !planted.has(r.disp_id)).map((r) => `${r.drug_trac_codg}|${r.disp_type}`),
    ...stock.map((r) => `${r.drug_trac_codg}|stock`),
  ].sort();
}

/** What the sandbox's ledger holds (accepted records only), as `code|movement`, with repeats kept. */
export function ledgerCodes(sb: Sandbox): string[] {
  return sb.ledger
    .listTraceCodes({ fixmedins_code: CODE })
    .map((r) => `${r.drug_trac_codg}|${r.movement}`)
    .sort();
}

/** Trace settings that retry fast and send without a rate limit (over: any setting). */
export const fastSettings = (over: Record<string, unknown> = {}) =>
  traceSettings({ backoffMs: 20, maxBackoffMs: 200, rate: 0, concurrency: 4, ...over });

/** An applying upload of every kind over the seeded window, from the world's HIS to its sandbox. */
export function worldUploadOptions(
  w: World,
  manifest: SeedManifest,
  runId: string,
  over: Partial<UploadOptions> = {},
): UploadOptions {
  return {
    source: profileSource(w.db, w.profile),
    journal: w.journal,
    fixmedins_code: CODE,
    center: w.center,
    window: { from: manifest.startDate, to: manifest.endDate },
    kinds: TRACE_KINDS,
    apply: true,
    settings: fastSettings(),
    runId,
    ...over,
  };
}
