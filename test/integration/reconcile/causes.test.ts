/**
 * Every cause of a difference, each on its own day, against the sandbox over HTTP with a SQLite
 * HIS: both sides written by hand with exactly one difference, then a reconciliation that must
 * classify it (and nothing else), with its evidence, effect on the totals and repair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestOneSidedFindings, runFindings } from '../../../src/core/reconcile/index.js';
import { openWorld, type World } from './helpers.js';
import { brief, reconcile } from './run.js';
import { both, EMP, FAR, logCall, RES, setl, toCenter, toHis } from './scenario.js';

let w: World;

beforeAll(async () => {
  w = await openWorld({ prefix: 'reconcile-causes' });
});
afterAll(async () => {
  await w?.close();
});

/** A few ordinary settlements on both sides, so that each day has a real group around the difference. */
async function background(day: string, n = 3) {
  for (let i = 0; i < n; i++) await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
}

describe('balanced and empty days', () => {
  it('a day where both sides agree balances: exit 0, no 3202, the center sums equal the HIS sums', async () => {
    const day = '2025-06-01';
    await background(day, 4);
    await both(
      w.his,
      w.sb.ledger,
      setl({ day, person: RES[0]!, clr_type: '21', infno: '2304', medfee: '3000.00', fund: '2100.00', acct: '0.00' }),
    );
    const r = await reconcile(w, { date: day });
    expect(r.exit).toBe(0);
    expect(r.status).toBe('balanced');
    expect(r.findings).toEqual([]);
    expect(r.calls).toMatchObject({ '3201': 2, '3202': 0 });
    const g = r.groups.find((x) => x.insutype === '310')!;
    expect(g).toMatchObject({
      balanced: true,
      his: { count: 4, medfee_sumamt: '400.00' },
      center: { count: 4, medfee_sumamt: '400.00' },
      detail: 'not_needed',
    });
    expect(r.days[0]).toMatchObject({ day, status: 'balanced', groups: 2, unbalanced: 0 });
  });

  it('--detail always runs 3202 on a balanced day and still finds nothing', async () => {
    const r = await reconcile(w, { date: '2025-06-01', detail: 'always' });
    expect(r.calls['3202']).toBe(2);
    expect(r.findings).toEqual([]);
    expect(r.counts.result_rows).toBe(5);
  });

  it('an empty day is balanced and empty: the known groups are still asked, and the center holds nothing in them', async () => {
    const r = await reconcile(w, { date: '2025-06-02' });
    expect(r).toMatchObject({ exit: 0, status: 'balanced', findings: [] });
    expect(
      r.groups.map(
        (g) => `${g.insutype}|${g.clr_type} ${g.asked_because!.join(',')} ${String(g.balanced)} ${g.his.count}`,
      ),
    ).toEqual(['310|11 known true 0', '390|21 known true 0']);
    expect(r.calls['3201']).toBe(2);
    expect(r.days).toEqual([expect.objectContaining({ day: '2025-06-02', status: 'empty' })]);
  });

  it('an empty day on the HIS side with settlements at the center is found through the groups of the range', async () => {
    const s = setl({ day: '2025-06-04', person: EMP[0]! });
    await background('2025-06-03', 2);
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { from: '2025-06-03', to: '2025-06-04' });
    expect(brief(r)).toEqual([`center_only/unknown_to_his ${s.setl_id}`]);
    expect(r.days.map((d) => d.status)).toEqual(['balanced', 'unbalanced']);
  });
});

describe('center-only settlements', () => {
  it('no answer: the HIS row is still pending (setl_id never stored)', async () => {
    const day = '2025-06-05';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s, { setl_id: null, setl_time: null, his_status: 'pending' });
    await logCall(w.his, s, 'sent');
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(r.exit).toBe(3);
    expect(brief(r)).toEqual([`center_only/no_answer ${s.setl_id}`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({ msgid: s.msgid, psn_no: s.psn_no, mdtrt_id: s.mdtrt_id, insutype: '310' });
    expect(f.evidence.his).toMatchObject({ his_status: 'pending', msgid: s.msgid });
    expect(f.evidence.his_log).toMatchObject({ msgid: s.msgid, log_status: 'sent' });
    expect(f.evidence.center_query).toMatchObject({ ok: true });
    expect(f.effects).toEqual([
      expect.objectContaining({ count: 1, medfee_sumamt: '100.00', fund_pay_sumamt: '60.00', acct_pay: '10.00' }),
    ]);
    expect(f.repair).toMatchObject({
      action: 'stuck_job',
      certain: true,
      command: `hisops settle reverse ${s.msgid}`,
      status: 'suggested',
    });
    // The center's sums of the group are the HIS's plus the finding.
    const g = r.groups.find((x) => x.balanced === false)!;
    expect(g.center).toEqual({
      count: g.his.count + 1,
      medfee_sumamt: '400.00',
      fund_pay_sumamt: '240.00',
      acct_pay: '40.00',
    });
  });

  it('HIS rollback: the HIS log has the call, no settlement row', async () => {
    const day = '2025-06-06';
    await background(day);
    const s = setl({ day });
    await logCall(w.his, s, 'sent');
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_only/his_rollback ${s.setl_id}`]);
    expect(r.findings[0]!.evidence.his).toBeNull();
    expect(r.findings[0]!.repair.action).toBe('stuck_job');
  });

  it('the HIS voided a settlement the center holds', async () => {
    const day = '2025-06-07';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s, { his_status: 'void' });
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_only/his_void ${s.setl_id}`]);
    expect(r.findings[0]!.repair).toMatchObject({ action: 'cancel_at_center', certain: false });
  });

  it('a settlement nobody in the HIS knows (test data at the center)', async () => {
    const day = '2025-06-08';
    await background(day);
    const s = setl({ day });
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_only/unknown_to_his ${s.setl_id}`]);
    // A person decides: never certain, never part of settle reverse --all; the command names it.
    expect(r.findings[0]!.repair).toMatchObject({
      action: 'cancel_at_center',
      certain: false,
      command: `hisops settle reverse ${s.setl_id}`,
    });
  });

  it("hisops's own journal knows the call (a settlement hisops made and lost)", async () => {
    const day = '2025-06-09';
    await background(day);
    const s = setl({ day });
    await w.journal
      .knex('hisops_center_calls')
      .insert({
        msgid: s.msgid,
        infno: '2207',
        fixmedins_code: 'H43010000001',
        request_digest: 'x',
        request: '{}',
        status: 'unknown',
        created_at: '2025-06-09T02:00:00.000Z',
      })
      .catch(async () => {
        const { CenterCallJournal } = await import('../../../src/core/center/index.js');
        await new CenterCallJournal(w.journal).ensure();
        await w.journal.knex('hisops_center_calls').insert({
          msgid: s.msgid,
          infno: '2207',
          fixmedins_code: 'H43010000001',
          request_digest: 'x',
          request: '{}',
          status: 'unknown',
          created_at: '2025-06-09T02:00:00.000Z',
        });
      });
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_only/no_answer ${s.setl_id}`]);
    expect(r.findings[0]!.evidence.call).toMatchObject({ msgid: s.msgid, status: 'unknown' });
  });
});

describe('HIS-only settlements', () => {
  it('never at the center (5203 finds nothing): void the HIS row, certain', async () => {
    const day = '2025-06-11';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`his_only/not_at_center ${s.setl_id}`]);
    const f = r.findings[0]!;
    expect(f.evidence.center_query).toMatchObject({ ok: false, code: 'CENTER_REFUSED' });
    expect(f.effects[0]).toMatchObject({ count: -1, medfee_sumamt: '-100.00' });
    expect(f.repair).toMatchObject({
      action: 'void_his',
      certain: true,
      command: `hisops settle reverse ${s.setl_id}`,
    });
  });

  it('reversed at the center (2601)', async () => {
    const day = '2025-06-12';
    await background(day);
    const s = setl({ day });
    await both(w.his, w.sb.ledger, s);
    w.sb.ledger.reverseSettlement(s.setl_id, `${day} 12:00:00`);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`his_only/reversed_at_center ${s.setl_id}`]);
  });

  it('a pre-settlement (2206) kept as final', async () => {
    const day = '2025-06-13';
    await background(day);
    const s = setl({ day, infno: '2206' });
    await toHis(w.his, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`his_only/pre_settlement ${s.setl_id}`]);
    expect(r.findings[0]!.repair.action).toBe('manual');
  });

  it('cancelled at the center from another terminal: the center has the settlement and its negative row', async () => {
    const day = '2025-06-14';
    await background(day);
    const s = setl({ day, at: '09:00:00' });
    await both(w.his, w.sb.ledger, s);
    const cancel = w.sb.ledger.insertCancellation({ setl_id: s.setl_id, setl_time: `${day} 15:00:00` });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`his_only/cancelled_at_center ${s.setl_id}`]);
    const f = r.findings[0]!;
    expect(f.related_setl_id).toBe(cancel.setl_id);
    expect(f.effects[0]).toMatchObject({ count: 1, medfee_sumamt: '-100.00' });
    expect(f.repair).toMatchObject({
      action: 'stuck_job',
      certain: true,
      command: `hisops settle reverse ${s.setl_id}`,
    });
  });
});

describe('both sides hold it', () => {
  it('amounts differ: every field named from 5203 (a fee line the HIS dropped)', async () => {
    const day = '2025-06-15';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s);
    toCenter(w.sb.ledger, s, { medfee: '123.50', fund: '60.00' });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`amount_mismatch/amounts_differ ${s.setl_id}`]);
    const f = r.findings[0]!;
    expect(f.fields.map((x) => x.field)).toEqual(
      expect.arrayContaining(['medfee_sumamt', 'psn_part_amt', 'psn_cash_pay']),
    );
    expect(f.fields.find((x) => x.field === 'medfee_sumamt')).toEqual({
      field: 'medfee_sumamt',
      his: '100.00',
      center: '123.50',
      diff: '23.50',
    });
    expect(f.effects[0]).toMatchObject({ count: 0, medfee_sumamt: '23.50', fund_pay_sumamt: '0.00' });
    expect(f.repair.action).toBe('store_center_amounts');
  });

  it('a cent of rounding', async () => {
    const day = '2025-06-16';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s);
    toCenter(w.sb.ledger, s, { fund: '60.01' });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`amount_mismatch/rounding ${s.setl_id}`]);
    expect(r.findings[0]!.fields.find((x) => x.field === 'fund_pay_sumamt')).toMatchObject({ diff: '0.01' });
  });

  it('the hospital-borne rule of hisops.yaml explains a fund difference (local derivation)', async () => {
    const day = '2025-06-17';
    const s = setl({
      day,
      clr_type: '21',
      infno: '2304',
      medfee: '1000.00',
      fund: '700.00',
      acct: '0.00',
      hosp: '50.00',
    });
    await both(w.his, w.sb.ledger, s);
    const asReturned = await reconcile(w, { date: day });
    expect(asReturned.findings).toEqual([]);
    const r = await reconcile(w, { date: day, rules: { hospitalBorne: 'subtract' } });
    expect(brief(r)).toEqual([`amount_mismatch/local_derivation ${s.setl_id}`]);
    expect(r.findings[0]!.detail).toContain('hospitalBorne');
  });

  it('a duplicate at the center: keys withheld, the msgid of the extra call given', async () => {
    const day = '2025-06-18';
    await background(day);
    const s = setl({ day, at: '11:00:00' });
    await both(w.his, w.sb.ledger, s);
    const dup = toCenter(w.sb.ledger, s, {
      setl_id: `${s.setl_id.slice(0, -3)}999`,
      msgid: `${s.msgid.slice(0, -3)}999`,
      setl_time: `${day} 11:00:40`,
    });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`center_duplicate/keys_withheld -`]);
    const f = r.findings[0]!;
    expect(f).toMatchObject({
      related_setl_id: s.setl_id,
      msgid: dup.medins_setl_id,
      psn_no: s.psn_no,
      insutype: s.insutype,
    });
    expect(f.repair).toMatchObject({ action: 'reverse_at_center', infno: '2601' });
    expect(f.repair.how).toContain(`omsgid ${dup.medins_setl_id}`);
  });

  it('held under another agency (group mismatch)', async () => {
    const day = '2025-06-19';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s);
    toCenter(w.sb.ledger, s, { clr_optins: '440300' });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`group_mismatch/setl_optins ${s.setl_id}`]);
    expect(r.findings[0]!.fields).toEqual([{ field: 'setl_optins', his: '430100', center: '440300', diff: null }]);
  });
});

describe('period boundaries', () => {
  it('cross-midnight: the HIS books 23:59, the center 00:00 the next day — one finding over both days', async () => {
    const s = setl({ day: '2025-06-20', at: '23:59:55' });
    await background('2025-06-20');
    await background('2025-06-21');
    await toHis(w.his, s);
    toCenter(w.sb.ledger, s, { setl_time: '2025-06-21 00:00:04' });
    const one = await reconcile(w, { date: '2025-06-20' });
    expect(brief(one)).toEqual([`cross_midnight/near_midnight ${s.setl_id}`]);
    expect(one.findings[0]!.center_setl_time).toBe('2025-06-21 00:00:04');
    const next = await reconcile(w, { date: '2025-06-21' });
    expect(brief(next)).toEqual([`cross_midnight/near_midnight ${s.setl_id}`]);
    const r = await reconcile(w, { from: '2025-06-20', to: '2025-06-21' });
    expect(brief(r)).toEqual([`cross_midnight/near_midnight ${s.setl_id}`]);
    const f = r.findings[0]!;
    expect(f.effects.map((e) => [e.begndate, e.count, e.medfee_sumamt])).toEqual([
      ['2025-06-20', -1, '-100.00'],
      ['2025-06-21', 1, '100.00'],
    ]);
    expect(f.repair).toMatchObject({ action: 'none', status: 'not_needed' });
    // Over the two days as one period the books agree.
    const range = await reconcile(w, { from: '2025-06-20', to: '2025-06-21', rules: { period: 'range' } });
    expect(range.findings).toEqual([]);
    expect(range.status).toBe('balanced');
  });

  it('a refund counted in another period: the HIS dates it with the original, the center on the day of the cancel', async () => {
    const orig = setl({ day: '2025-06-22', at: '10:00:00' });
    await both(w.his, w.sb.ledger, orig);
    await background('2025-06-22');
    await background('2025-06-23');
    const refund = setl({
      day: '2025-06-22',
      at: '18:00:00',
      refd: '1',
      init_setl_id: orig.setl_id,
      medfee: '-100.00',
      fund: '-60.00',
      acct: '-10.00',
      psn_no: orig.psn_no,
      mdtrt_id: orig.mdtrt_id,
      infno: '2208',
    });
    await toHis(w.his, refund);
    toCenter(w.sb.ledger, refund, { setl_time: '2025-06-23 09:00:00' });
    const a = await reconcile(w, { date: '2025-06-22' });
    expect(brief(a)).toEqual([`refund_other_period/center_other_period ${refund.setl_id}`]);
    const b = await reconcile(w, { date: '2025-06-23' });
    expect(brief(b)).toEqual([`refund_other_period/his_other_period ${refund.setl_id}`]);
    const both2 = await reconcile(w, { from: '2025-06-22', to: '2025-06-23' });
    expect(brief(both2)).toEqual([`refund_other_period/center_other_period ${refund.setl_id}`]);
    expect(both2.findings[0]!.effects).toHaveLength(2);
  });

  it('refunds as positive and negative rows balance when both sides have them; refunds: exclude leaves them out', async () => {
    const day = '2025-06-24';
    const orig = setl({ day, at: '10:00:00' });
    await both(w.his, w.sb.ledger, orig);
    await toHis(w.his, orig, {
      his_setl_no: `${orig.his_setl_no}X`,
      setl_id: null,
      msgid: `${orig.msgid.slice(0, -1)}X`,
      his_status: 'void',
    });
    const refund = setl({
      day,
      at: '16:00:00',
      refd: '1',
      init_setl_id: orig.setl_id,
      medfee: '-100.00',
      fund: '-60.00',
      acct: '-10.00',
      psn_no: orig.psn_no,
      mdtrt_id: orig.mdtrt_id,
      infno: '2208',
    });
    await both(w.his, w.sb.ledger, refund);
    const r = await reconcile(w, { date: day, detail: 'always' });
    expect(r.findings).toEqual([]);
    expect(r.groups[0]!.his).toEqual({ count: 2, medfee_sumamt: '0.00', fund_pay_sumamt: '0.00', acct_pay: '0.00' });
    expect(r.counts.excluded.status).toBe(1);
    const ex = await reconcile(w, { date: day, rules: { refunds: 'exclude' }, detail: 'always' });
    expect(ex.findings).toEqual([]);
    expect(ex.groups[0]!.his).toEqual({
      count: 1,
      medfee_sumamt: '100.00',
      fund_pay_sumamt: '60.00',
      acct_pay: '10.00',
    });
    expect(ex.counts.excluded.refund).toBe(1);
  });
});

describe('out-of-area rules', () => {
  it('own_agency sends 异地 settlements under their agency; exclude leaves them out; local_agency moves them', async () => {
    const day = '2025-06-25';
    const far = setl({ day, person: FAR[0]! });
    await both(w.his, w.sb.ledger, far);
    await background(day, 1);
    const withRows = (r: Awaited<ReturnType<typeof reconcile>>) =>
      r.groups.filter((g) => g.asked_because!.includes('his_rows'));
    const own = await reconcile(w, { date: day });
    expect(
      withRows(own)
        .map((g) => g.setl_optins)
        .sort(),
    ).toEqual(['430100', far.setl_optins].sort());
    expect(own.status).toBe('balanced');
    const ex = await reconcile(w, { date: day, rules: { outOfArea: 'exclude' } });
    expect(withRows(ex).map((g) => g.setl_optins)).toEqual(['430100']);
    // Known out-of-area groups are left out too: only the local agency is asked.
    expect(new Set(ex.groups.map((g) => g.setl_optins))).toEqual(new Set(['430100']));
    expect(ex.counts.excluded.out_of_area).toBe(1);
    // This center clears 异地 under their own agency: sending them locally does not balance, and says why.
    const local = await reconcile(w, { date: day, rules: { outOfArea: 'local_agency' } });
    expect(local.status).toBe('unbalanced');
    expect(brief(local)).toEqual([`group_mismatch/setl_optins ${far.setl_id}`]);
  });
});

describe('rows that cannot be classified are reported, never skipped', () => {
  it('an HIS row with a null setl_id and one with an unknown insutype: unknown findings with the raw row', async () => {
    const day = '2025-06-26';
    await background(day);
    const a = setl({ day });
    await toHis(w.his, a, { setl_id: null });
    const b = setl({ day });
    await toHis(w.his, b, { insutype: '999' });
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`unknown/his_no_setl_id -`, `unknown/his_unknown_insutype ${b.setl_id}`]);
    const raw = r.findings.find((f) => f.cause === 'his_unknown_insutype')!;
    expect(raw.evidence.his).toMatchObject({ setl_id: b.setl_id, insutype: '999' });
    expect(raw.detail).toContain('reconcile.extraInsutypes');
    expect(r.exit).toBe(3);
    expect(r.counts.problems).toBe(2);
    // The province's code, once configured, counts.
    const ok = await reconcile(w, { date: day, rules: { extraInsutypes: ['999'] } });
    expect(brief(ok)).toEqual([`unknown/his_no_setl_id -`]);
  });

  it('in a run of several days (rows only summed, read for the summed columns) a problem still carries the whole HIS row', async () => {
    const day = '2025-06-29';
    await background(day);
    const a = setl({ day });
    await toHis(w.his, a, { insutype: '888' });
    const r = await reconcile(w, { from: '2025-06-29', to: '2025-06-30', rules: { period: 'day' } });
    const f = r.findings.find((x) => x.cause === 'his_unknown_insutype')!;
    expect(f.setl_id).toBe(a.setl_id);
    expect(f.evidence.his).toMatchObject({
      setl_id: a.setl_id,
      his_setl_no: a.his_setl_no,
      msgid: a.msgid,
      mdtrt_id: a.mdtrt_id,
      psn_no: a.psn_no,
      insutype: '888',
    });
    expect(r.counts.problems).toBe(1);
    expect(r.counts.his_rows).toBeGreaterThan(1);
  });

  it('a center row for a HIS row that could not be counted is one finding with both sides', async () => {
    const day = '2025-06-27';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s, { clr_type: '77' });
    toCenter(w.sb.ledger, s);
    const r = await reconcile(w, { date: day });
    expect(brief(r)).toEqual([`unknown/his_unknown_clr_type ${s.setl_id}`]);
    expect(r.findings[0]!.evidence.center_row).not.toBeNull();
  });
});

describe('the journal', () => {
  it('records each run with its findings; the stuck-settlement job reads the latest one-sided ones', async () => {
    const day = '2025-06-28';
    await background(day);
    const s = setl({ day });
    await toHis(w.his, s);
    const first = await reconcile(w, { date: day });
    expect(await runFindings(w.journal, first.runId)).toHaveLength(1);
    const later = await reconcile(w, { date: day, apply: true });
    const one = await latestOneSidedFindings(w.journal, { from: day, to: day });
    expect(one).toEqual([
      expect.objectContaining({
        run_id: later.runId,
        day,
        kind: 'his_only',
        cause: 'not_at_center',
        setl_id: s.setl_id,
        mdtrt_id: s.mdtrt_id,
        psn_no: s.psn_no,
        msgid: s.msgid,
        repair_action: 'void_his',
        repair_status: 'pending',
      }),
    ]);
    // Amount differences are not one-sided; timing differences are not repairs.
    const all = await latestOneSidedFindings(w.journal, {});
    expect(all.every((f) => f.kind === 'center_only' || f.kind === 'his_only')).toBe(true);
  });
});
