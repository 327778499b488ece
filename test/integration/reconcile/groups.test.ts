/**
 * Which groups a reconciliation asks about, and that it never reports a silent zero: against the
 * sandbox over HTTP with a SQLite HIS. A settlement the center holds in a group the HIS has no row
 * in that day is found when the group is known — from an earlier reconciled day, or only from
 * hisops's own call journal; rows the rules leave out, or values outside the documented ones,
 * are findings (exit 3); "nothing to reconcile" only when both sides hold nothing.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CenterCallJournal } from '../../../src/core/center/index.js';
import { parseProfile, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';
import {
  knownGroups,
  parseReconcileRules,
  runReconcile,
  RECONCILE_KNOWN_GROUPS_TABLE,
} from '../../../src/core/reconcile/index.js';
import { ADMDVS, CODE, openWorld, runId, type World } from './helpers.js';
import { reconcile } from './run.js';
import { EMP, RES, setl, toCenter, toHis, both } from './scenario.js';

const worlds: World[] = [];
async function world(prefix: string): Promise<World> {
  const w = await openWorld({ prefix });
  worlds.push(w);
  return w;
}
afterAll(async () => {
  for (const w of worlds) await w.close();
});

/** An inpatient settlement (390 × 21) of 1,329.00. */
const inpatient = (day: string) =>
  setl({
    day,
    at: '09:30:00',
    person: RES[0]!,
    clr_type: '21',
    infno: '2304',
    medfee: '1329.00',
    fund: '930.30',
    acct: '0.00',
  });

describe('the groups asked', () => {
  it('a cancellation (2305, −1,329.00) at the center in a group the HIS has no row in that day, used on an earlier reconciled day: found, exit 3', async () => {
    const w = await world('rc-groups-known');
    const orig = inpatient('2025-07-01');
    await both(w.his, w.sb.ledger, orig);
    await both(w.his, w.sb.ledger, setl({ day: '2025-07-01', person: EMP[0]! }));
    const first = await reconcile(w, { date: '2025-07-01' });
    expect(first.exit).toBe(0);
    // The next day the HIS has outpatient rows only; the center has the inpatient cancellation.
    await both(w.his, w.sb.ledger, setl({ day: '2025-07-02', person: EMP[1]! }));
    const cancel = w.sb.ledger.insertCancellation({ setl_id: orig.setl_id, setl_time: '2025-07-02 14:00:00' });
    expect(cancel.infno).toBe('2305');
    expect(cancel.medfee_sumamt.toFixed(2)).toBe('-1329.00');
    const r = await reconcile(w, { date: '2025-07-02' });
    expect(r.exit).toBe(3);
    expect(r.status).toBe('unbalanced');
    const g = r.groups.find((x) => x.insutype === '390' && x.clr_type === '21')!;
    expect(g).toMatchObject({ balanced: false, asked_because: ['known'], his: { count: 0, medfee_sumamt: '0.00' } });
    expect(r.groups.find((x) => x.insutype === '310')).toMatchObject({
      balanced: true,
      asked_because: ['known', 'his_rows'],
    });
    expect(r.findings.some((f) => f.setl_id === cancel.setl_id || f.related_setl_id === cancel.setl_id)).toBe(true);
    expect(r.days[0]).toMatchObject({ status: 'unbalanced', groups: 2 });
  });

  it("the same when the group is known only from the answer to one of hisops's own calls (hisops_center_calls)", async () => {
    const w = await world('rc-groups-calls');
    const orig = inpatient('2025-07-05');
    toCenter(w.sb.ledger, orig);
    // hisops settled the inpatient visit itself (2304): its answer names the group.
    const calls = new CenterCallJournal(w.journal);
    await calls.begin({
      msgid: orig.msgid,
      infno: '2304',
      fixmedins_code: CODE,
      opter: 'x',
      run_id: 'r',
      request_digest: 'd',
      request: '{}',
      psn_no: orig.psn_no,
      mdtrt_id: orig.mdtrt_id,
      setl_id: null,
      ref_msgid: null,
      created_at: '2025-07-05T01:30:00.000Z',
    });
    await calls.finish(orig.msgid, {
      status: 'ok',
      finished_at: '2025-07-05T01:30:01.000Z',
      setl_id: orig.setl_id,
      output: JSON.stringify({
        setlinfo: {
          setl_id: orig.setl_id,
          insutype: '390',
          clr_type: '21',
          clr_optins: ADMDVS,
          setl_time: orig.setl_time,
          medfee_sumamt: 1329,
        },
      }),
    });
    // The HIS has only outpatient rows on the day of the cancellation.
    await both(w.his, w.sb.ledger, setl({ day: '2025-07-06', person: EMP[2]! }));
    const cancel = w.sb.ledger.insertCancellation({ setl_id: orig.setl_id, setl_time: '2025-07-06 11:00:00' });
    const r = await reconcile(w, { date: '2025-07-06' });
    expect(r.exit).toBe(3);
    expect(r.groups.find((x) => x.insutype === '390')).toMatchObject({
      clr_type: '21',
      setl_optins: ADMDVS,
      balanced: false,
      asked_because: ['known'],
    });
    expect(r.findings.some((f) => f.setl_id === cancel.setl_id || f.related_setl_id === cancel.setl_id)).toBe(true);
    // The journal keeps it, with where it was seen.
    const known = await knownGroups(w.journal, { fixmedins_code: CODE, since: '2025-01-01' });
    expect(known.map((k) => `${k.insutype}|${k.clr_type}|${k.setl_optins} ${k.source} ${k.first_seen}`)).toEqual(
      expect.arrayContaining([`390|21|${ADMDVS} call 2025-07-05`, `310|11|${ADMDVS} his 2025-07-06`]),
    );
  });

  it('asks no group beyond the known ones, keeps each once, and forgets those not seen within reconcile.knownGroupDays', async () => {
    const w = await world('rc-groups-bounded');
    await both(w.his, w.sb.ledger, setl({ day: '2025-03-01', person: EMP[3]! }));
    await both(w.his, w.sb.ledger, inpatient('2025-03-01'));
    await reconcile(w, { date: '2025-03-01' });
    await reconcile(w, { date: '2025-03-01' });
    const rows = await w.journal.knex(RECONCILE_KNOWN_GROUPS_TABLE.name).select('*');
    expect(rows).toHaveLength(2);
    const later = await reconcile(w, { date: '2025-03-20' });
    expect(later.calls['3201']).toBe(2);
    expect(later.groups.every((g) => g.asked_because!.join() === 'known')).toBe(true);
    const off = await reconcile(w, { date: '2025-03-20', rules: { knownGroupDays: 10 } });
    expect(off.calls['3201']).toBe(0);
  });
});

describe('no silent zero', () => {
  /** A copy of the reference profile whose settlements_for_reconcile returns his_status "S" for settled. */
  function profileWithStatusS(): Profile {
    const text = fs.readFileSync(referenceProfilePath(), 'utf8');
    const at = text.indexOf('settlements_for_reconcile:');
    const tail = text
      .slice(at)
      .replace(
        /s\.infno, s\.his_status/g,
        "s.infno, CASE s.his_status WHEN 'settled' THEN 'S' ELSE s.his_status END AS his_status",
      );
    return parseProfile(text.slice(0, at) + tail, 'wrong-status.yaml');
  }

  let w: World;

  it('a profile that maps statuses wrongly: a finding naming the counts and the column, exit 3 — not "nothing to reconcile"', async () => {
    w = await world('rc-groups-status');
    const day = '2025-08-01';
    for (let i = 0; i < 3; i++) await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
    await toHis(w.his, setl({ day, person: EMP[4]! }), { his_status: 'pending', setl_id: null });
    const profile = profileWithStatusS();
    const r = await runReconcile(
      {
        db: w.his,
        profile,
        center: w.center,
        journal: w.journal,
        runId: runId(),
        fixmedins_code: CODE,
        now: () => new Date(),
      },
      { rules: parseReconcileRules(undefined, { setl_optins: ADMDVS }), today: '2025-12-31', date: day },
    );
    expect(r.exit).toBe(3);
    expect(r.status).toBe('unbalanced');
    expect(r.counts).toMatchObject({ his_rows: 4, counted: 0, excluded: { status: 4, refund: 0, out_of_area: 0 } });
    const excluded = r.findings.find((f) => f.cause === 'his_rows_excluded')!;
    expect(excluded).toMatchObject({ kind: 'unknown', begndate: day, repair: { action: 'manual' } });
    expect(excluded.detail).toContain('4 settlement row(s)');
    expect(excluded.detail).toContain('4 by status (his_status "S" ×3, "pending" ×1)');
    expect(excluded.detail).toContain('reconcile.statuses: settled, cancelled');
    expect(excluded.repair.how).toContain('settlements_for_reconcile');
    expect(excluded.evidence.his).toMatchObject({
      statement: 'settlements_for_reconcile',
      rows: 4,
      excluded: { status: 4 },
      values: { 'settlements_for_reconcile.his_status': { S: 3, pending: 1 } },
    });
    const odd = r.findings.find((f) => f.cause === 'his_unexpected_value')!;
    expect(odd.detail).toContain('settlements_for_reconcile returned his_status "S" ×3');
    expect(odd.fields).toEqual([
      { field: 'settlements_for_reconcile.his_status', his: 'S ×3', center: null, diff: null },
    ]);
    expect(odd.repair.how).toContain('reconcile.statuses');
    // Nothing was counted and no group is known yet, so no 3201 was sent: only the findings tell.
    expect(r.calls['3201']).toBe(0);
    // Listing "S" among the statuses that count is the other fix: then it balances.
    const fixed = await runReconcile(
      {
        db: w.his,
        profile,
        center: w.center,
        journal: w.journal,
        runId: runId(),
        fixmedins_code: CODE,
        now: () => new Date(),
      },
      {
        rules: parseReconcileRules({ statuses: ['S', 'cancelled'] }, { setl_optins: ADMDVS }),
        today: '2025-12-31',
        date: day,
      },
    );
    expect(fixed.exit).toBe(0);
    expect(fixed.findings).toEqual([]);
  });

  it('a refund flag or an in-area flag outside the documented values is a finding (the row still counts as before)', async () => {
    w = await world('rc-groups-odd');
    const day = '2025-08-02';
    const a = setl({ day, person: EMP[0]! });
    const b = setl({ day, person: EMP[1]! });
    await both(w.his, w.sb.ledger, setl({ day, person: EMP[2]! }));
    toCenter(w.sb.ledger, a);
    toCenter(w.sb.ledger, b);
    await toHis(w.his, a, { refd_setl_flag: 'N' });
    await toHis(w.his, b, { in_area_flag: 'Y' });
    const r = await reconcile(w, { date: day });
    expect(r.exit).toBe(3);
    expect(r.groups.every((g) => g.balanced)).toBe(true);
    expect(
      r.findings.map((f) => `${f.kind}/${f.cause} ${f.fields.map((x) => `${x.field}=${x.his}`).join(' ')}`),
    ).toEqual([
      'unknown/his_unexpected_value settlements_for_reconcile.refd_setl_flag=N ×1',
      'unknown/his_unexpected_value settlements_for_reconcile.in_area_flag=Y ×1',
    ]);
  });

  it('truly empty on both sides: exit 0, nothing to reconcile, even with known groups asked', async () => {
    w = await world('rc-groups-empty');
    const fresh = await reconcile(w, { date: '2025-09-01' });
    expect(fresh).toMatchObject({ exit: 0, status: 'balanced', groups: [], findings: [] });
    await both(w.his, w.sb.ledger, setl({ day: '2025-09-02', person: EMP[0]! }));
    await reconcile(w, { date: '2025-09-02' });
    const r = await reconcile(w, { date: '2025-09-03' });
    expect(r).toMatchObject({ exit: 0, status: 'balanced', findings: [], counts: { his_rows: 0 } });
    expect(r.groups).toEqual([
      expect.objectContaining({
        insutype: '310',
        balanced: true,
        asked_because: ['known'],
        his: expect.objectContaining({ count: 0 }),
      }),
    ]);
    expect(r.days[0]!.status).toBe('empty');
    // The HIS empty, the center not: asked and found.
    const s = setl({ day: '2025-09-04', person: EMP[1]! });
    toCenter(w.sb.ledger, s);
    const c = await reconcile(w, { date: '2025-09-04' });
    expect(c.exit).toBe(3);
    expect(c.findings.map((f) => `${f.kind} ${f.setl_id}`)).toEqual([`center_only ${s.setl_id}`]);
  });
});
