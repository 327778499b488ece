/**
 * Lost settlement answers found by visit: a candidate without setl_id is asked with 5203 by
 * psn_no + mdtrt_id, over HTTP against the sandbox, and the answer counts only when its
 * medins_setl_id is the candidate's msgid. Also refund rows, asked by their own setl_id.
 * SQLite always, PostgreSQL on the local server.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../src/core/his/index.js';
import { detectStuck, planReverse } from '../../../src/core/settle/index.js';
import { describeWithPg } from '../../helpers/servers.js';
import { makeWorld, type HisKind, type World } from './helpers.js';
import {
  detect,
  env,
  expectCancellationBooked,
  hisRow,
  repair,
  requests,
  settledNormally,
  twoBatches,
  withFault,
} from './scenarios.js';

describe('lost answers found by visit, on sqlite', () => suite('sqlite'));
describeWithPg('lost answers found by visit, on postgres', (url) => suite('postgres', url));

function suite(kind: HisKind, pgUrl?: string): void {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(kind, pgUrl);
  });
  afterEach(async () => {
    await w.close();
  });

  const changes = () => requests(w, '2601') + requests(w, '2208') + requests(w, '2305');

  it("timeout after commit: 5203 by visit finds the call's settlement and the pending HIS row is completed, nothing reversed", async () => {
    const s = await withFault(w, '2207:timeout-after-commit', '133.50');
    expect(s).toMatchObject({ his_status: 'pending', setl_id: null });
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    const q = requests(w, '5203');
    const r = await detect(w);
    expect(requests(w, '5203')).toBe(q + 1);
    expect(r.timings.center_queries).toBe(1);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({
      classification: 'center_only',
      msgid: s.msgid,
      setl_id: center.setl_id,
      his_state: 'pending',
      center_state: 'settled',
      center_via: '5203',
      medfee_sumamt: '133.50',
    });
    expect(f.center.note).toMatch(/by visit/);

    const { plan, results } = await repair(w, [s.msgid]);
    expect(plan.items[0]!.repair).toBe('complete');
    expect(results[0]).toMatchObject({
      outcome: 'done',
      center: null,
      his: { statement: 'complete_settlement', affected: 1 },
    });
    expect(changes()).toBe(0);
    const his = (await hisRow(w, s.msgid))!;
    expect(his).toMatchObject({ his_status: 'settled', setl_id: center.setl_id, medins_setl_id: s.msgid });
    expect(Number(his.fund_pay_sumamt)).toBeCloseTo(Number(center.fund_pay_sumamt.toFixed(2)), 2);
    expect(Number(his.acct_pay)).toBeCloseTo(Number(center.acct_pay.toFixed(2)), 2);
    expect(w.sb.ledger.getSettlement(center.setl_id)!.status).toBe('settled');
    expect((await w.journal.knex('hisops_center_calls').where({ msgid: s.msgid }).first()).resolved_at).toBeTruthy();
    expect((await detect(w)).findings).toEqual([]);
  });

  it('the same for an inpatient settlement (2304)', async () => {
    const s = await withFault(w, '2304:timeout-after-commit', '2480.00', true);
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    const { plan, results } = await repair(w, [s.msgid]);
    expect(plan.items[0]).toMatchObject({ classification: 'center_only', repair: 'complete', setl_id: center.setl_id });
    expect(results[0]!.outcome).toBe('done');
    expect(changes()).toBe(0);
    expect((await hisRow(w, s.msgid))!).toMatchObject({
      his_status: 'settled',
      setl_id: center.setl_id,
      clr_type: '21',
    });
  });

  it('with --center-only cancel: the setl_id found by visit is cancelled with 2208, not reversed', async () => {
    const s = await withFault(w, '2207:timeout-after-commit', '71.00');
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    const { plan, results } = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    expect(plan.items[0]!.steps.find((x) => x.kind === 'center')).toMatchObject({
      infno: '2208',
      input: { setl_id: center.setl_id, mdtrt_id: s.mdtrt_id },
    });
    expect(results[0]!.outcome).toBe('done');
    expect(requests(w, '2601')).toBe(0);
    await expectCancellationBooked(w, s.msgid);
    // Asked by visit again, the center now answers the cancelled settlement (refd_setl_flag 1), which the HIS books as such: nothing stuck.
    expect((await detect(w)).findings).toEqual([]);
  });

  it('cancelled at the center after the answer was lost, by someone else: cancel_unrecorded, never voided; left to a person until its refund row is known', async () => {
    const s = await withFault(w, '2207:timeout-after-commit', '88.00');
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    w.sb.ledger.insertCancellation({ setl_id: center.setl_id, setl_time: formatDateTime(new Date()) });
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({
      msgid: s.msgid,
      classification: 'cancel_unrecorded',
      center_state: 'cancelled',
      center_via: '5203',
    });
    // A void would leave the original's day unbalanced; without the refund row there is nothing right to write.
    await expect(repair(w, [s.msgid])).rejects.toMatchObject({
      code: 'STUCK_IDS',
      summary: expect.stringMatching(/refund row is not known/),
    });
    expect(changes()).toBe(0);
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
    expect(w.sb.ledger.getSettlement(center.setl_id)!.status).toBe('cancelled');
  });

  it('the visit answers another batch (its msgid differs): the lost batch stays unconfirmed and 2601 reverses it; the other is untouched', async () => {
    const { first, second } = await twoBatches(w, 'first');
    expect([first.his_status, second.his_status]).toEqual(['pending', 'settled']);
    const lost = w.sb.ledger.settlementsByMsgid(first.msgid)[0]!;
    const r = await detect(w);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({
      msgid: first.msgid,
      classification: 'unconfirmed',
      setl_id: null,
      center_state: 'unknown',
    });
    // The answer was the other batch's settlement: named in the reason, not taken as this call's.
    expect(f.why).toContain(second.setl_id!);
    expect(r.timings.center_queries).toBe(1);

    const { plan, results } = await repair(w, [first.msgid]);
    expect(plan.items[0]!.steps.find((x) => x.kind === 'center')).toMatchObject({
      infno: '2601',
      input: { omsgid: first.msgid, oinfno: '2207' },
    });
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'reverse' });
    expect(requests(w, '2601')).toBe(1);
    expect(w.sb.ledger.getSettlement(lost.setl_id)!.status).toBe('reversed');
    expect(w.sb.ledger.getSettlement(second.setl_id!)!.status).toBe('settled');
    expect((await hisRow(w, first.msgid))!.his_status).toBe('void');
    expect((await hisRow(w, second.msgid))!.his_status).toBe('settled');
    expect((await detect(w)).findings).toEqual([]);
  });

  it("the lost batch is the visit's latest: its msgid matches, it is completed, the earlier batch untouched", async () => {
    const { first, second } = await twoBatches(w, 'second', ['45.00', '52.00']);
    expect([first.his_status, second.his_status]).toEqual(['settled', 'pending']);
    const lost = w.sb.ledger.settlementsByMsgid(second.msgid)[0]!;
    const { plan, results } = await repair(w, [], { all: true });
    expect(plan.items.map((i) => [i.msgid, i.repair])).toEqual([[second.msgid, 'complete']]);
    expect(results[0]!.outcome).toBe('done');
    expect(changes()).toBe(0);
    expect((await hisRow(w, second.msgid))!).toMatchObject({ his_status: 'settled', setl_id: lost.setl_id });
    expect(w.sb.ledger.getSettlement(first.setl_id!)!.status).toBe('settled');
  });

  it('the visit holds nothing (未查询到): 5203 by visit is asked, then 2601 is sent as the safe check; 原交易不存在 → void', async () => {
    const s = await withFault(w, '2207:timeout', '64.00');
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)).toHaveLength(0);
    const q = requests(w, '5203');
    const r = await detect(w);
    expect(requests(w, '5203')).toBe(q + 1);
    expect(r.findings[0]).toMatchObject({ classification: 'unconfirmed', center_state: 'unknown' });
    expect(r.findings[0]!.why).toContain('未查询到');
    const { results } = await repair(w, [s.msgid]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'reverse' });
    expect(results[0]!.center).toMatchObject({
      infno: '2601',
      answer: 'refused',
      err_msg: expect.stringContaining('原交易不存在'),
    });
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
    expect((await detect(w)).findings).toEqual([]);
  });

  it('reversed at the center by someone else: the visit answers nothing, 2601 is refused as already reversed → void', async () => {
    const s = await withFault(w, '2207:timeout-after-commit', '77.00');
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    w.sb.ledger.reverseSettlement(center.setl_id, formatDateTime(new Date()));
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'unconfirmed' });
    const { results } = await repair(w, [s.msgid]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'reverse' });
    expect(results[0]!.center!.err_msg).toContain('已冲正');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
    expect(w.sb.ledger.getSettlement(center.setl_id)!.status).toBe('reversed');
  });

  it('a center that refuses 5203 by visit: the candidate is not "unreachable" but falls back to 2601, as before', async () => {
    const s = await withFault(w, '2207:timeout-after-commit', '59.00');
    w.sb.setFaults('5203:error=结算ID不能为空');
    try {
      const r = await detect(w);
      expect(r.findings[0]).toMatchObject({ msgid: s.msgid, classification: 'unconfirmed' });
      expect(r.findings[0]!.why).toContain('结算ID不能为空');
      const { results } = await repair(w, [s.msgid]);
      expect(results[0]).toMatchObject({ outcome: 'done', repair: 'reverse' });
    } finally {
      w.sb.setFaults('');
    }
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('reversed');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
  });

  it("no query when hisops's journal already tells: a call the center refused is voided without asking", async () => {
    const _s = await withFault(w, '2207:error=参保人当前状态不允许结算');
    const q = requests(w, '5203');
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'neither', center_state: 'absent', center_via: 'journal' });
    expect(requests(w, '5203')).toBe(q);
  });

  describe('refund rows', () => {
    /** Settle, cancel with 2208 through the client, and store both rows in the HIS as a HIS does. */
    async function settledAndCancelled(
      medfee: string,
      refundStatus: 'settled' | 'pending',
      refundSetlId: 'known' | 'unknown' = 'known',
    ) {
      const s = await settledNormally(w, medfee);
      const orig = (await hisRow(w, s.msgid))!;
      const c = await w.center.outpatientCancel({
        setl_id: s.setl_id!,
        mdtrt_id: s.mdtrt_id,
        psn_no: String(orig.psn_no),
      });
      const neg = c.result.setlinfo;
      const row: Record<string, unknown> = {
        ...orig,
        his_setl_no: `R${s.his_setl_no}`.slice(0, 30),
        setl_id: refundSetlId === 'known' ? neg.setl_id : null,
        refd_setl_flag: '1',
        init_setl_id: s.setl_id,
        msgid: c.msgid,
        medins_setl_id: c.msgid,
        infno: '2208',
        his_status: refundStatus,
      };
      for (const k of [
        'medfee_sumamt',
        'fund_pay_sumamt',
        'hifp_pay',
        'acct_pay',
        'psn_cash_pay',
        'psn_part_amt',
        'fulamt_ownpay_amt',
        'overlmt_selfpay',
        'preselfpay_amt',
        'inscp_scp_amt',
      ]) {
        if (orig[k] !== null && orig[k] !== undefined) row[k] = (-Number(orig[k])).toFixed(2);
      }
      await w.his.knex.transaction(async (trx) => {
        await trx('his_settlement').where({ msgid: s.msgid }).update({ his_status: 'cancelled' });
        await trx('his_settlement').insert(row);
      });
      return { s, cancel: { msgid: c.msgid, setl_id: neg.setl_id } };
    }

    it('a settled refund row named by the reconciliation is consistent (before: "cancelled" → his_only → voided)', async () => {
      const { s, cancel } = await settledAndCancelled('120.00', 'settled');
      const reconcile = async () => [
        { kind: 'his_only', setl_id: cancel.setl_id, msgid: cancel.msgid, mdtrt_id: s.mdtrt_id, day: null },
        { kind: 'his_only', setl_id: s.setl_id, msgid: s.msgid, mdtrt_id: s.mdtrt_id, day: null },
      ];
      const q = requests(w, '5203');
      const r = await detectStuck(env(w), { olderThanMs: 0, settings: w.settings, reconcile });
      expect(r.sources.reconcile).toBe(2);
      // Both asked by setl_id: the refund row is the center's refund settlement, the original is cancelled on both sides.
      expect(requests(w, '5203')).toBe(q + 2);
      expect(r.findings).toEqual([]);
      await expect(
        planReverse(env(w), {
          olderThanMs: 0,
          settings: w.settings,
          reconcile,
          ids: [cancel.msgid],
          all: false,
          centerOnly: 'complete',
          runId: 'refund',
        }),
      ).rejects.toMatchObject({ code: 'STUCK_IDS' });
      expect((await hisRow(w, cancel.msgid))!.his_status).toBe('settled');
    });

    it("a pending refund row whose setl_id is known: completed from the center's refund settlement, not voided", async () => {
      const { cancel } = await settledAndCancelled('95.00', 'pending');
      const r = await detect(w);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]).toMatchObject({
        msgid: cancel.msgid,
        classification: 'center_only',
        center_state: 'settled',
        medfee_sumamt: '-95.00',
      });
      const { plan, results } = await repair(w, [cancel.msgid]);
      expect(plan.items[0]!.repair).toBe('complete');
      expect(results[0]!.outcome).toBe('done');
      expect(changes()).toBe(1); // the 2208 of the set-up only
      const row = (await hisRow(w, cancel.msgid))!;
      expect(row.his_status).toBe('settled');
      expect(Number(row.medfee_sumamt)).toBe(-95);
      expect((await detect(w)).findings).toEqual([]);
    });

    it('a pending refund row without setl_id: the visit answers the cancelled original (another msgid), so it is left to a person', async () => {
      const { cancel } = await settledAndCancelled('66.00', 'pending', 'unknown');
      const r = await detect(w);
      expect(r.findings[0]).toMatchObject({ msgid: cancel.msgid, classification: 'unconfirmed', setl_id: null });
      const plan = await planReverse(env(w), {
        olderThanMs: 0,
        settings: w.settings,
        ids: [],
        all: true,
        centerOnly: 'complete',
        runId: 'refund2',
      });
      expect(plan.items[0]).toMatchObject({ repair: 'manual' });
      expect(plan.items[0]!.note).toMatch(/2208 cannot be reversed/);
    });
  });
}
