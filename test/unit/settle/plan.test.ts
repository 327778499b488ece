import { describe, expect, it } from 'vitest';
import { centerView, classifyStuck, DEFAULT_PATTERNS, describeStep, planRepair, type CenterAnswer, type Candidate, type PlanItem } from '../../../src/core/settle/index.js';
import { call, cand, hisRow, setl } from './fixtures.js';

const plan = (c: Candidate, a: CenterAnswer, centerOnly: 'complete' | 'cancel' = 'complete'): PlanItem => planRepair(classifyStuck(c, centerView(c, a, DEFAULT_PATTERNS)), { centerOnly, runId: 'R1' });
const settled = (over = {}): CenterAnswer => ({ kind: 'setlinfo', setl: setl(over), msgid: 'q' });
const steps = (p: PlanItem) => p.steps.map((s) => (s.kind === 'center' ? s.infno : s.kind === 'his' ? s.statement : 'resolve'));

describe('planRepair', () => {
  it('center_only, pending HIS row of the same bill: completes it from the center answer, no center call', () => {
    const p = plan(cand({ setl_id: 'S', call: call({ status: 'ok', setl_id: 'S' }) }), settled());
    expect(p.repair).toBe('complete');
    expect(steps(p)).toEqual(['complete_settlement', 'resolve']);
    const his = p.steps[0]!;
    expect(his.kind === 'his' && his.binds).toMatchObject({ msgid: 'H43010000001202601051000000001', setl_id: '430100202601050000000001', fund_pay_sumamt: '60.00', setl_time: '2026-01-05 10:00:02' });
  });

  it('center_only of another bill (medfee differs): cancels instead of completing, and says why', () => {
    const p = plan(cand({ setl_id: 'S' }), settled({ medfee_sumamt: '90.00' }));
    expect(p.repair).toBe('cancel');
    expect(steps(p)).toEqual(['2208', 'mark_settlement_void']);
    expect(p.note).toMatch(/not of the HIS bill/);
  });

  it('center_only with cancel preferred: 2208 outpatient, 2305 inpatient (by infno, else clr_type 21)', () => {
    expect(steps(plan(cand({ setl_id: 'S' }), settled(), 'cancel'))).toEqual(['2208', 'mark_settlement_void']);
    expect(steps(plan(cand({ setl_id: 'S', infno: '2304', his: hisRow({ infno: '2304' }) }), settled(), 'cancel'))[0]).toBe('2305');
    expect(steps(plan(cand({ setl_id: 'S', infno: null, his: null }), settled({ clr_type: '21' }), 'cancel'))).toEqual(['2305']);
  });

  it('unconfirmed: 2601 by the original msgid and infno, then the void; never for an irreversible transaction', () => {
    const p = plan(cand({ call: call() }), { kind: 'not_asked', why: 'no setl_id' });
    expect(p.repair).toBe('reverse');
    expect(steps(p)).toEqual(['2601', 'mark_settlement_void', 'resolve']);
    const rev = p.steps[0]!;
    expect(rev.kind === 'center' && rev.input).toEqual({ psn_no: 'P1', omsgid: 'H43010000001202601051000000001', oinfno: '2207' });
    const odd = plan(cand({ infno: '2208', his: hisRow({ infno: '2208' }) }), { kind: 'not_asked', why: 'no setl_id' });
    expect(odd.repair).toBe('manual');
    expect(odd.steps).toEqual([]);
    expect(odd.note).toMatch(/2208 cannot be reversed/);
  });

  it('his_only: void, with the cash to settle by hand noted', () => {
    const c = cand({ setl_id: 'S', his: hisRow({ his_status: 'settled', setl_id: 'S', psn_cash_pay: '12.00' }) });
    const p = plan(c, { kind: 'refused', err_msg: '已冲正', msgid: null });
    expect(p.repair).toBe('void');
    expect(steps(p)).toEqual(['mark_settlement_void']);
    expect(p.note).toMatch(/12\.00/);
  });

  it('neither: void a pending row; with no HIS row only close the journal entry', () => {
    expect(steps(plan(cand({ call: call({ status: 'failed' }) }), { kind: 'not_asked', why: '' }))).toEqual(['mark_settlement_void', 'resolve']);
    const p = plan(cand({ his: null, call: call({ status: 'unknown' }), prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '原交易不存在', created_at: 'x' }] }), { kind: 'not_asked', why: '' });
    expect(p.classification).toBe('neither');
    expect(p.repair).toBe('resolve');
    expect(steps(p)).toEqual(['resolve']);
  });

  it('amounts_differ and unreachable: manual, nothing sent', () => {
    const c = cand({ setl_id: 'S', his: hisRow({ his_status: 'settled', setl_id: 'S', medfee_sumamt: '100.00', fund_pay_sumamt: '50.00' }) });
    const p = plan(c, settled());
    expect(p).toMatchObject({ classification: 'amounts_differ', repair: 'manual', steps: [] });
    expect(p.note).toMatch(/fund_pay_sumamt HIS 50\.00 \/ center 60\.00/);
    expect(plan(cand({ setl_id: 'S' }), { kind: 'error', code: 'CENTER_TIMEOUT', message: 't' })).toMatchObject({ classification: 'unreachable', repair: 'manual', steps: [] });
  });

  it('describes every step in one line', () => {
    const p = plan(cand({ call: call() }), { kind: 'not_asked', why: '' });
    expect(p.steps.map(describeStep)).toEqual([
      'center 2601 冲正 psn_no=P1 omsgid=H43010000001202601051000000001 oinfno=2207',
      'HIS mark_settlement_void msgid=H43010000001202601051000000001',
      'journal: close H43010000001202601051000000001',
    ]);
  });
});
