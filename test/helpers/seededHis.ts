/**
 * A throwaway directory holding a seeded reference HIS (SQLite his.db), and the hisops.yaml that
 * points one institution at it with a given profile: the set-up the profile CLI tests share.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '../../src/core/db/index.js';
import { seedHis } from '../../src/core/demo/index.js';

/** A new temp directory with his.db seeded (small, seed 2); `day` is the first seeded day. */
export async function seededHisDir(prefix: string): Promise<{ dir: string; day: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  try {
    return { dir, day: (await seedHis({ db, size: 'small', seed: 2 })).manifest.startDate };
  } finally {
    await db.close();
  }
}

/** hisops.yaml: a SQLite journal and one institution reading his.db with `profile` (binds appended). */
export function writeHisConfig(dir: string, profile: string, binds = ''): void {
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:\n  url: sqlite:journal.db\ninstitutions:\n  - name: main\n    fixmedins_code: H43010000001\n    his:\n      url: sqlite:his.db\n      profile: ${profile}\n${binds}`,
  );
}
