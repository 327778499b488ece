import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { connect } from '../../src/core/db/index.js';
import { loadProfile, probeProfile, runStatement } from '../../src/core/his/index.js';

describe('hisops demo seed --his-schema vendor', () => {
  it('writes the vendor-style HIS and its profile, which reads the seeded settlements', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-vendor-'));
    const io = memoryIo({ cwd, env: {} });
    expect(
      await main(['demo', 'seed', '--his-schema', 'vendor', '--days', '2', '--out', 'v', '--json'], io),
      io.err(),
    ).toBe(0);
    const doc = JSON.parse(io.out());
    expect(doc.data).toMatchObject({ his_schema: 'vendor', profile: path.join(cwd, 'v', 'vendor.yaml') });
    const db = await connect(`sqlite:${path.join(cwd, 'v', 'his.db')}`);
    try {
      expect(await db.knex.schema.hasTable('his_settlement')).toBe(false);
      const m = doc.data.manifest;
      const profile = await loadProfile(doc.data.profile, { binds: { fixmedins_code: m.institution.fixmedins_code } });
      expect((await probeProfile(db, profile)).filter((p) => !p.ok)).toEqual([]);
      const rows = await runStatement(db, profile, 'settlements_in_period', {
        from: `${m.startDate} 00:00:00`,
        to: '2099-01-01 00:00:00',
      });
      expect(rows.length).toBe(m.totals.count);
    } finally {
      await db.close();
    }
    const bad = memoryIo({ cwd, env: {} });
    expect(await main(['demo', 'seed', '--his-schema', 'oracle-ish', '--out', 'w'], bad)).toBe(2);
  }, 60_000);
});
