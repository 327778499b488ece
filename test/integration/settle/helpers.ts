/**
 * Shared set-up of the stuck-settlement suites: a sandbox center on a free port, hisops's journal
 * in a SQLite file, and a reference HIS in SQLite (always) or in a throw-away PostgreSQL database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCenter, type Center, type CenterConfig } from '../../../src/core/center/index.js';
import { centerConfig } from './centerConfig.js';

export { centerConfig };
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { loadProfile, loadReferenceSchema, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { DEFAULT_STUCK, type DemoPerson, type StuckSettings } from '../../../src/core/settle/index.js';
import { createTempDatabase } from '../../helpers/servers.js';

export type HisKind = 'sqlite' | 'postgres';

export const PERSONS: DemoPerson[] = sandboxRoster(60)
  .filter((p) => p.insured && p.insuplc_admdvs === '430100')
  .map((p) => ({ psn_no: p.psn_no, certno: p.certno, insutype: p.insutype }));

export interface World {
  dir: string;
  sb: Sandbox;
  journal: Journal;
  his: Db;
  hisUrl: string;
  profile: Profile;
  center: Center;
  config: CenterConfig;
  settings: StuckSettings;
  close(): Promise<void>;
}

/** `pgUrl`: the server for a PostgreSQL HIS (from the gating helper); a fresh database is made on it. */
export async function makeWorld(kind: HisKind = 'sqlite', pgUrl?: string, faults = ''): Promise<World> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-stuck-'));
  const sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db'), faults });
  const journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  let hisUrl = `sqlite:${path.join(dir, 'his.db')}`;
  let drop: () => Promise<void> = async () => {};
  if (kind === 'postgres') {
    if (!pgUrl) throw new Error('a PostgreSQL HIS needs the server URL (describeWithPg gives it)');
    const pg = await createTempDatabase('postgres', pgUrl, 'hisops_t_stuck');
    hisUrl = pg.url;
    drop = () => pg.drop();
  }
  const his = await connect(hisUrl, { create: true });
  await loadReferenceSchema(his);
  const profile = await loadProfile(referenceProfilePath());
  const config = centerConfig(sb.url);
  const center = openCenter(config, { journal, runId: 'test-setup' });
  return {
    dir,
    sb,
    journal,
    his,
    hisUrl,
    profile,
    center,
    config,
    settings: { ...DEFAULT_STUCK, lockTimeoutMs: 400 },
    close: async () => {
      await center.close();
      await his.close();
      await journal.close();
      await sb.close();
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A moment comfortably after everything written so far (HIS times have whole seconds). */
export const later = (ms = 2000) => new Date(Date.now() + ms);
