/**
 * The HIS on PostgreSQL and MariaDB: the demo's planted anomalies found exactly, and the causes
 * whose reading depends on the database (timestamps across midnight, pending rows without a
 * setl_id, an unknown insurance type) classified as on SQLite.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import fs from 'node:fs';
import { parseProfile, referenceProfilePath } from '../../../src/core/his/index.js';
import { demoReconcile, parseReconcileRules, runReconcile } from '../../../src/core/reconcile/index.js';
import {
  createTempDatabase,
  describeWithMysql,
  describeWithPg,
  type ServerKind,
  type TempDatabase,
} from '../../helpers/servers.js';
import { ADMDVS, CODE, openWorld, runId, type World } from './helpers.js';
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
    const d = await demoReconcile({
      hisDb: db,
      center: w.center,
      journal: w.journal,
      manifest: w.manifest!,
      runId: runId(),
    });
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
    expect(brief(r)).toEqual(
      [
        `center_only/no_answer ${lost.setl_id}`,
        `cross_midnight/near_midnight ${late.setl_id}`,
        `unknown/his_unknown_insutype ${odd.setl_id}`,
      ].sort(),
    );
    expect(r.findings.find((f) => f.kind === 'cross_midnight')!.his_setl_time).toBe(`${day} 23:59:58`);
  });

  it('a settlements statement that cannot be read as a derived table (quoted upper-case names) is read whole', async () => {
    const text = fs.readFileSync(referenceProfilePath(), 'utf8');
    const quoted = text.replace(
      'SELECT s.his_setl_no, s.setl_id, s.mdtrt_id, s.psn_no,',
      `SELECT s.his_setl_no AS "HIS_SETL_NO", s.setl_id AS "SETL_ID", s.mdtrt_id, s.psn_no,`,
    );
    expect(quoted).not.toBe(text);
    const profile = parseProfile(quoted, 'quoted.yaml');
    const days = ['2025-08-03', '2025-08-04'];
    const lost = setl({ day: days[1]! });
    for (const day of days) for (let i = 0; i < 2; i++) await both(db, w.sb.ledger, setl({ day, person: EMP[i + 4]! }));
    await toHis(db, lost);
    const r = await runReconcile(
      {
        db,
        profile,
        center: w.center,
        journal: w.journal,
        runId: runId(),
        fixmedins_code: CODE,
        now: () => new Date(),
      },
      {
        rules: parseReconcileRules({ period: 'day' }, { setl_optins: ADMDVS }),
        from: days[0],
        to: days[1],
        today: '2025-12-31',
      },
    );
    expect(r.error).toBeNull();
    expect(r.counts.his_rows).toBe(5);
    expect(r.days.map((d) => d.status)).toEqual(['balanced', 'unbalanced']);
    expect(brief(r)).toEqual([expect.stringMatching(new RegExp(`^his_only/.* ${lost.setl_id}$`))]);
  });

  it('rows the rules leave out and undocumented values are findings read from this database too (a range: PostgreSQL sums it)', async () => {
    const days = ['2025-08-05', '2025-08-06'];
    for (const day of days) for (let i = 0; i < 2; i++) await both(db, w.sb.ledger, setl({ day, person: EMP[i + 6]! }));
    const n = setl({ day: days[1], person: EMP[8]! });
    const y = setl({ day: days[1], person: EMP[9]! });
    toCenter(w.sb.ledger, n);
    toCenter(w.sb.ledger, y);
    await toHis(db, n, { refd_setl_flag: 'N' });
    await toHis(db, y, { in_area_flag: 'Y' });
    const r = await reconcile(w, { from: days[0], to: days[1], rules: { period: 'day' } });
    expect(r.groups.every((g) => g.balanced)).toBe(true);
    expect(r.exit).toBe(3);
    expect(
      r.findings.map((f) => `${f.cause} ${f.begndate} ${f.fields.map((x) => `${x.field}=${x.his}`).join(' ')}`),
    ).toEqual([
      `his_unexpected_value ${days[1]} settlements_for_reconcile.refd_setl_flag=N ×1`,
      `his_unexpected_value ${days[1]} settlements_for_reconcile.in_area_flag=Y ×1`,
    ]);
    const text = fs.readFileSync(referenceProfilePath(), 'utf8');
    const at = text.indexOf('settlements_for_reconcile:');
    const profile = parseProfile(
      text.slice(0, at) +
        text
          .slice(at)
          .replace(
            /s\.infno, s\.his_status/g,
            "s.infno, CASE s.his_status WHEN 'settled' THEN 'S' ELSE s.his_status END AS his_status",
          ),
      'status-s.yaml',
    );
    const s = await runReconcile(
      {
        db,
        profile,
        center: w.center,
        journal: w.journal,
        runId: runId(),
        fixmedins_code: CODE,
        now: () => new Date(),
      },
      {
        rules: parseReconcileRules({ period: 'day' }, { setl_optins: ADMDVS }),
        from: days[0],
        to: days[1],
        today: '2025-12-31',
      },
    );
    expect(s.exit).toBe(3);
    expect(s.counts).toMatchObject({ his_rows: 6, counted: 0, excluded: { status: 6 } });
    const excluded = s.findings.find((f) => f.cause === 'his_rows_excluded')!;
    expect(excluded.detail).toContain('6 by status (his_status "S" ×6)');
    expect(s.findings.find((f) => f.cause === 'his_unexpected_value')!.fields).toEqual([
      { field: 'settlements_for_reconcile.his_status', his: 'S ×6', center: null, diff: null },
    ]);
    // The center holds them in the known groups: asked, and not balanced.
    expect(s.groups.some((g) => g.balanced === false && g.asked_because!.includes('known'))).toBe(true);
  });
}

describeWithPg('reconciliation with the HIS on PostgreSQL', (url) => suite('postgres', url));
describeWithMysql('reconciliation with the HIS on MariaDB', (url) => suite('mysql', url));
