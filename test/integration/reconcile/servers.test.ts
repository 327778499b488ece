/**
 * The HIS on PostgreSQL and MariaDB: the demo's planted anomalies found exactly, and the causes
 * whose reading depends on the database (timestamps across midnight, pending rows without a
 * setl_id, an unknown insurance type) classified as on SQLite.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { demoReconcile } from '../../../src/core/reconcile/index.js';
import { createTempDatabase, describeWithMysql, describeWithPg, type ServerKind, type TempDatabase } from '../../helpers/servers.js';
import { openWorld, runId, type World } from './helpers.js';
import { brief, reconcile } from './run.js';
import { both, EMP, logCall, setl, toCenter, toHis } from './scenario.js';

function suite(kind: ServerKind, base: string): void {
  let tmp: TempDatabase;
  let db: Db;
  let w: World;

  beforeAll(async () => {
    tmp = await createTempDatabase(kind, base, 'hisops_t_rc');
    db = await connect(tmp.url);
    w = await openWorld({ his: db, seed: { seed: 3 }, prefix: `reconcile-${kind}` });
  });
  afterAll(async () => {
    await w?.close();
    await db?.close();
    await tmp?.drop();
  });

  it('finds exactly the planted reconciliation anomalies', async () => {
    const d = await demoReconcile({ hisDb: db, center: w.center, journal: w.journal, manifest: w.manifest!, runId: runId() });
    expect(d.result.error).toBeNull();
    expect(d.missing).toEqual([]);
    expect(d.unexpected.map((f) => `${f.kind}/${f.cause} ${f.setl_id}`)).toEqual([]);
    expect(d.ok).toBe(true);
  });

  it('classifies cross-midnight, no-answer and unknown-insutype rows read from this database', async () => {
    const day = '2025-08-01';
    for (let i = 0; i < 3; i++) await both(db, w.sb.ledger, setl({ day, person: EMP[i]! }));
    const late = setl({ day, at: '23:59:58' });
    await toHis(db, late);
    toCenter(w.sb.ledger, late, { setl_time: '2025-08-02 00:00:01' });
    // Other figures than the late one's: equal and opposite differences would cancel out in 3201.
    const lost = setl({ day, medfee: '80.00', fund: '40.00' });
    await toHis(db, lost, { setl_id: null, setl_time: null, his_status: 'pending' });
    await logCall(db, lost);
    toCenter(w.sb.ledger, lost);
    const odd = setl({ day });
    await toHis(db, odd, { insutype: '777' });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_only/no_answer ${lost.setl_id}`, `cross_midnight/near_midnight ${late.setl_id}`, `unknown/his_unknown_insutype ${odd.setl_id}`].sort());
    expect(r.findings.find((f) => f.kind === 'cross_midnight')!.his_setl_time).toBe(`${day} 23:59:58`);
  });
}

describeWithPg('reconciliation with the HIS on PostgreSQL', (url) => suite('postgres', url));
describeWithMysql('reconciliation with the HIS on MariaDB', (url) => suite('mysql', url));
