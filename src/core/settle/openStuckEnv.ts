/**
 * Everything the commands need opened for the job: the HIS database, its profile, and (when the
 * center is to be asked) the center client with hisops's journal. `close()` releases all of it.
 */
import { openCenter, type Center, type CenterConfig, type CenterDeps, type JournalLike } from '../center/index.js';
import { connect, type Db } from '../db/index.js';
import { loadProfile, profilePathOf, type Profile } from '../his/index.js';

export interface OpenStuckEnvOptions {
  his: { url: string; password?: string; baseDir: string };
  /** `builtin:reference` or a path relative to baseDir. */
  profile: string;
  /** The institution's bind values (`fixmedins_code` and `institutions[].binds`). */
  binds?: Record<string, string | undefined>;
  journal: JournalLike;
  /** Omit to open no center client. */
  center?: CenterConfig;
  runId: string;
  /** Told of each center call (infno, msgid, outcome, timing; no personal data): -v prints them. */
  onCenterEvent?: CenterDeps['onEvent'];
}

export interface OpenedStuckEnv {
  db: Db;
  profile: Profile;
  journal: JournalLike;
  center: Center | undefined;
  close(): Promise<void>;
}

export async function openStuckEnv(o: OpenStuckEnvOptions): Promise<OpenedStuckEnv> {
  const profilePath = profilePathOf(o.profile, o.his.baseDir);
  const profile = await loadProfile(profilePath, { binds: o.binds });
  const db = await connect(o.his.url, { password: o.his.password, baseDir: o.his.baseDir });
  let center: ReturnType<typeof openCenter> | undefined;
  try {
    center = o.center
      ? openCenter(o.center, { journal: o.journal, runId: o.runId, onEvent: o.onCenterEvent })
      : undefined;
  } catch (e) {
    // A bad center setting must not leave the HIS pool open: the process would never exit.
    await db.close().catch(() => undefined);
    throw e;
  }
  return {
    db,
    profile,
    journal: o.journal,
    center,
    close: async () => {
      await center?.close().catch(() => undefined);
      await db.close().catch(() => undefined);
    },
  };
}
