/**
 * Open the HIS of an institution together with its profile: the one place that turns the
 * `his.profile` setting (`builtin:reference` or a path relative to hisops.yaml) into a file.
 */
import path from 'node:path';
import { connect, type Db } from '../db/index.js';
import { loadProfile } from './loadProfile.js';
import type { Profile } from './parseProfile.js';
import { referenceProfilePath } from './templatesDir.js';

export const BUILTIN_REFERENCE = 'builtin:reference';

/** The profile file a `his.profile` setting names. */
export function profilePathOf(ref: string, baseDir: string): string {
  return ref === BUILTIN_REFERENCE ? referenceProfilePath() : path.resolve(baseDir, ref);
}

export interface OpenHisOptions {
  url: string;
  password?: string;
  /** Folder of hisops.yaml: relative SQLite paths and profile paths are resolved against it. */
  baseDir: string;
  profile: string;
  /** The institution's bind values (`fixmedins_code` and `institutions[].binds`). */
  binds?: Record<string, string | undefined>;
}

/** Load the profile first (a bad profile is an input error, found before any connection). */
export async function openHis(o: OpenHisOptions): Promise<{ db: Db; profile: Profile }> {
  const profile = await loadProfile(profilePathOf(o.profile, o.baseDir), { binds: o.binds });
  const db = await connect(o.url, { password: o.password, baseDir: o.baseDir });
  return { db, profile };
}
