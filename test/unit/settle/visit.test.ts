/**
 * 5203 by visit (no setl_id known) and refund rows, in the pure parts: which candidates are asked
 * how, what an answer by visit means for the call, and the repair it leads to.
 */
import { describe, expect, it } from 'vitest';
import {
  askWay,
  centerView,
  classifyStuck,
  DEFAULT_PATTERNS,
  needsAsking,
  planRepair,
  type CenterAnswer,
  type Candidate,
} from '../../../src/core/settle/index.js';
import { call, cand, hisRow, setl } from './fixtures.js';

const P = DEFAULT_PATTERNS;
const MSGID = 'H43010000001202601051000000001';
const OTHER = 'H43010000001202601051000000777';
const byVisit = (over: Parameters<typeof setl>[0] = {}): CenterAnswer => ({
  kind: 'setlinfo',
  setl: setl(over),
  msgid: 'q',
  by: 'visit',
});
const refusedByVisit = (err_msg: string): CenterAnswer => ({ kind: 'refused', err_msg, msgid: 'q', by: 'visit' });

function judge(c: Candidate, a: CenterAnswer) {
  const v = centerView(c, a, P);
  const f = classifyStuck(c, v);
  return { v, f, plan: planRepair(f, { centerOnly: 'complete', runId: 'r' }) };
}

const centerStep = (p: ReturnType<typeof planRepair>) => p.steps.find((s) => s.kind === 'center');
const hisStep = (p: ReturnType<typeof planRepair>) => p.steps.find((s) => s.kind === 'his');

describe('askWay / needsAsking', () => {
  it.each<[string, Partial<Candidate>, 'setl_id' | 'visit' | null]>([
    ['setl_id known', { setl_id: 'S1' }, 'setl_id'],
    ['no setl_id, visit and msgid known', {}, 'visit'],
    ['no setl_id, no mdtrt_id', { mdtrt_id: null }, null],
    ['no setl_id, no msgid (an answer could not be told apart)', { msgid: null }, null],
    ['no psn_no', { psn_no: null, setl_id: 'S1' }, null],
  ])('%s', (_name, over, want) => {
    expect(askWay(cand(over)).by).toBe(want);
  });

  it("a visit is not asked when hisops's own records already tell what became of the call", () => {
    expect(needsAsking(cand({ call: call({ status: 'unknown' }) }), P)).toBe(true);
    expect(needsAsking(cand({ call: call({ status: 'failed', err_msg: '参保人状态异常' }) }), P)).toBe(false);
    expect(
      needsAsking(cand({ prior: [{ infno: '2601', msgid: 'R', status: 'ok', err_msg: null, created_at: 'x' }] }), P),
    ).toBe(false);
    expect(
      needsAsking(
        cand({ prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '原交易不存在', created_at: 'x' }] }),
        P,
      ),
    ).toBe(false);
    // A 2601 refused for another reason leaves it open.
    expect(
      needsAsking(
        cand({ prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '系统繁忙', created_at: 'x' }] }),
        P,
      ),
    ).toBe(true);
    // A setl_id is always asked (the existing path).
    expect(needsAsking(cand({ setl_id: 'S1', call: call({ status: 'failed' }) }), P)).toBe(true);
  });
});

describe('centerView by visit', () => {
  it("the visit's live settlement made by this call: settled, so the pending HIS row is completed", () => {
    const { v, f, plan } = judge(cand(), byVisit({ medins_setl_id: MSGID }));
    expect(v).toMatchObject({ state: 'settled', via: '5203' });
    expect(v.note).toContain('by visit');
    expect(f).toMatchObject({ classification: 'center_only', setl_id: '430100202601050000000001' });
    expect(plan.repair).toBe('complete');
    expect(hisStep(plan)).toMatchObject({
      statement: 'complete_settlement',
      binds: { msgid: MSGID, setl_id: '430100202601050000000001', medins_setl_id: MSGID },
    });
    expect(centerStep(plan)).toBeUndefined();
  });

  it('made by this call and cancelled at the center (refd_setl_flag 1): cancelled — not a void, the HIS must book the cancellation', () => {
    const { v, f, plan } = judge(cand(), byVisit({ medins_setl_id: MSGID, refd_setl_flag: '1' }));
    expect(v.state).toBe('cancelled');
    expect(f.classification).toBe('cancel_unrecorded');
    // Its refund row is not known here (nobody saw it yet): left to a person, never voided.
    expect(plan.repair).toBe('manual');
    expect(centerStep(plan)).toBeUndefined();
  });

  it("another call's settlement of the same visit: not this call's — unknown, reversed by msgid with 2601", () => {
    const { v, f, plan } = judge(cand({ call: call() }), byVisit({ medins_setl_id: OTHER, setl_id: 'OTHERSETL' }));
    expect(v).toMatchObject({ state: 'unknown', via: 'none', setl: null });
    expect(v.note).toContain('OTHERSETL');
    expect(f.classification).toBe('unconfirmed');
    // The other settlement's setl_id must not become this call's.
    expect(f.setl_id).toBeNull();
    expect(plan.repair).toBe('reverse');
    expect(centerStep(plan)).toMatchObject({ infno: '2601', input: { omsgid: MSGID, oinfno: '2207' } });
    // An answer without medins_setl_id cannot be attributed either.
    expect(judge(cand(), byVisit({ medins_setl_id: null })).v.state).toBe('unknown');
  });

  it('a visit with nothing (未查询到) keeps 2601 as the check; so does any other refusal of the query by visit', () => {
    for (const msg of ['未查询到结算信息：no settlement of mdtrt_id MD1 for psn_no P1', '结算ID不能为空', '系统繁忙']) {
      const { v, f, plan } = judge(cand({ call: call() }), refusedByVisit(msg));
      expect(v.state).toBe('unknown');
      expect(v.note).toContain(msg);
      expect(f.classification).toBe('unconfirmed');
      expect(f.why).toContain(msg);
      expect(plan.repair).toBe('reverse');
    }
  });

  it('the journal still decides when the visit does not identify the call', () => {
    const reversedByUs = cand({ prior: [{ infno: '2601', msgid: 'R', status: 'ok', err_msg: null, created_at: 'x' }] });
    expect(centerView(reversedByUs, refusedByVisit('未查询到结算信息'), P)).toMatchObject({
      state: 'reversed',
      via: 'journal',
    });
    // And outweighs a center that still shows this call's settlement.
    expect(centerView(reversedByUs, byVisit({ medins_setl_id: MSGID }), P)).toMatchObject({
      state: 'reversed',
      via: 'journal',
      setl: null,
    });
    const failed = cand({ call: call({ status: 'failed', err_msg: '参保人状态异常' }) });
    expect(centerView(failed, byVisit({ medins_setl_id: OTHER }), P)).toMatchObject({
      state: 'absent',
      via: 'journal',
    });
  });

  it('a transport failure by visit is unreachable (nothing is guessed)', () => {
    const v = centerView(cand(), { kind: 'error', code: 'CENTER_TIMEOUT', message: 'timed out', by: 'visit' }, P);
    expect(v.state).toBe('unreachable');
  });
});

describe('refund rows', () => {
  const refundSetl = {
    setl_id: 'REFUND1',
    refd_setl_flag: '1',
    medfee_sumamt: '-100.00',
    fund_pay_sumamt: '-60.00',
    hifp_pay: '-60.00',
    acct_pay: '-40.00',
    psn_part_amt: '-40.00',
    psn_cash_pay: '0.00',
  };
  const refundHis = (over: Record<string, string | null> = {}) =>
    hisRow({
      his_status: 'settled',
      setl_id: 'REFUND1',
      infno: '2208',
      refd_setl_flag: '1',
      medfee_sumamt: '-100.00',
      fund_pay_sumamt: '-60.00',
      hifp_pay: '-60.00',
      acct_pay: '-40.00',
      psn_part_amt: '-40.00',
      psn_cash_pay: '0.00',
      ...over,
    });
  const answer: CenterAnswer = { kind: 'setlinfo', setl: setl(refundSetl), msgid: 'q' };

  it('a refund row the center holds as a refund is settled on both sides, not "cancelled"', () => {
    const c = cand({ his: refundHis(), setl_id: 'REFUND1', infno: '2208' });
    const { v, f } = judge(c, answer);
    expect(v.state).toBe('settled');
    expect(f.classification).toBe('consistent');
  });

  it("a pending refund row: completed from the center's refund, not voided", () => {
    const c = cand({ his: refundHis({ his_status: 'pending' }), setl_id: 'REFUND1', infno: '2208' });
    const { f, plan } = judge(c, answer);
    expect(f.classification).toBe('center_only');
    expect(plan.repair).toBe('complete');
    expect(hisStep(plan)).toMatchObject({ statement: 'complete_settlement', binds: { medfee_sumamt: '-100.00' } });
  });

  it("the HIS row's flag decides, also when stored as a number", () => {
    const c = cand({ his: { ...refundHis(), refd_setl_flag: 1 }, setl_id: 'REFUND1' });
    expect(centerView(c, answer, P).state).toBe('settled');
  });

  it('a refund row whose setl_id the center answers as an ordinary settlement: left to a person', () => {
    const c = cand({ his: refundHis(), setl_id: '430100202601050000000001' });
    const { v, plan } = judge(c, { kind: 'setlinfo', setl: setl(), msgid: 'q' });
    expect(v).toMatchObject({ state: 'unreachable', setl: null });
    expect(v.note).toContain('refund');
    expect(plan.repair).toBe('manual');
  });

  it('an ordinary row answered with a refund (or negative amounts) is still cancelled', () => {
    const c = cand({ his: hisRow({ his_status: 'settled', setl_id: 'S' }), setl_id: 'S' });
    expect(centerView(c, { kind: 'setlinfo', setl: setl({ refd_setl_flag: '1' }), msgid: 'q' }, P).state).toBe(
      'cancelled',
    );
    expect(
      centerView(c, { kind: 'setlinfo', setl: setl({ refd_setl_flag: '0', medfee_sumamt: '-100.00' }), msgid: 'q' }, P)
        .state,
    ).toBe('cancelled');
    expect(judge(c, { kind: 'setlinfo', setl: setl({ refd_setl_flag: '1' }), msgid: 'q' }).f.classification).toBe(
      'cancel_unrecorded',
    );
  });
});
