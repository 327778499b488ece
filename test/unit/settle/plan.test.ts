import { describe, expect, it } from 'vitest';
import {
  centerView,
  classifyStuck,
  DEFAULT_PATTERNS,
  describeStep,
  planRepair,
  type CenterAnswer,
  type Candidate,
  type PlanItem,
} from '../../../src/core/settle/index.js';
import { call, cand, hisRow, setl } from './fixtures.js';

const plan = (c: Candidate, a: CenterAnswer, centerOnly: 'complete' | 'cancel' = 'complete', named = false): PlanItem =>
  planRepair(classifyStuck(c, centerView(c, a, DEFAULT_PATTERNS)), { centerOnly, runId: 'R1', named });
const settled = (over = {}): CenterAnswer => ({ kind: 'setlinfo', setl: setl(over), msgid: 'q' });
const steps = (p: PlanItem) =>
  p.steps.map((s) => (s.kind === 'center' ? s.infno : s.kind === 'his' ? s.statement : 'resolve'));

describe('planRepair', () => {
  it('center_only, pending HIS row of the same bill: completes it from the center answer, no center call', () => {
    const p = plan(cand({ setl_id: 'S', call: call({ status: 'ok', setl_id: 'S' }) }), settled());
    expect(p.repair).toBe('complete');
    expect(steps(p)).toEqual(['complete_settlement', 'resolve']);
    const his = p.steps[0]!;
    expect(his.kind === 'his' && his.binds).toMatchObject({
      msgid: 'H43010000001202601051000000001',
      setl_id: '430100202601050000000001',
      fund_pay_sumamt: '60.00',
      setl_time: '2026-01-05 10:00:02',
    });
  });

  it('center_only of another bill (medfee differs): cancels instead of completing, and says why', () => {
    const p = plan(cand({ setl_id: 'S' }), settled({ medfee_sumamt: '90.00' }));
    expect(p.repair).toBe('cancel');
    // The HIS books the cancellation as the center will: the original (completed, then cancelled), and the refund row from the answer.
    expect(steps(p)).toEqual(['complete_settlement', 'mark_settlement_cancelled', '2208', 'insert_settlement']);
    const refund = p.steps[3]!;
    expect(refund.kind === 'his' && refund.fromAnswer).toBe('refund');
    expect(p.note).toMatch(/not of the HIS bill/);
  });

  it('center_only with cancel preferred: 2208 outpatient, 2305 inpatient (by infno, else clr_type 21)', () => {
    expect(steps(plan(cand({ setl_id: 'S' }), settled(), 'cancel'))).toEqual([
      'complete_settlement',
      'mark_settlement_cancelled',
      '2208',
      'insert_settlement',
    ]);
    expect(
      steps(plan(cand({ setl_id: 'S', infno: '2304', his: hisRow({ infno: '2304' }) }), settled(), 'cancel'))[2],
    ).toBe('2305');
    // Nobody here knows it (no HIS row, no call, no log): a person decides; --all leaves it, naming it plans it.
    const unknown = plan(cand({ setl_id: 'S', infno: null, his: null }), settled({ clr_type: '21' }), 'cancel');
    expect(unknown.repair).toBe('manual');
    expect(unknown.decision).toMatch(/neither the HIS nor hisops/);
    expect(unknown.note).toMatch(/hisops settle reverse/);
    expect(
      steps(plan(cand({ setl_id: 'S', infno: null, his: null }), settled({ clr_type: '21' }), 'cancel', true)),
    ).toEqual(['insert_settlement', '2305', 'insert_settlement']);
  });

  it('unconfirmed: 2601 by the original msgid and infno, then the void; never for an irreversible transaction', () => {
    const p = plan(cand({ call: call() }), { kind: 'not_asked', why: 'no setl_id' });
    expect(p.repair).toBe('reverse');
    expect(steps(p)).toEqual(['2601', 'mark_settlement_void', 'resolve']);
    const rev = p.steps[0]!;
    expect(rev.kind === 'center' && rev.input).toEqual({
      psn_no: 'P1',
      omsgid: 'H43010000001202601051000000001',
      oinfno: '2207',
    });
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
    expect(steps(plan(cand({ call: call({ status: 'failed' }) }), { kind: 'not_asked', why: '' }))).toEqual([
      'mark_settlement_void',
      'resolve',
    ]);
    const p = plan(
      cand({
        his: null,
        call: call({ status: 'unknown' }),
        prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '原交易不存在', created_at: 'x' }],
      }),
      { kind: 'not_asked', why: '' },
    );
    expect(p.classification).toBe('neither');
    expect(p.repair).toBe('resolve');
    expect(steps(p)).toEqual(['resolve']);
  });

  it('cancel_unrecorded: the original marked cancelled and the refund row written, no center call', () => {
    const refund = setl({
      setl_id: 'R9',
      setl_time: '2026-01-06 09:00:00',
      medfee_sumamt: '-100.00',
      fund_pay_sumamt: '-60.00',
      refd_setl_flag: '1',
      medins_setl_id: 'C9',
    });
    const c = cand({
      setl_id: 'S',
      his: hisRow({ his_status: 'settled', setl_id: 'S' }),
      prior: [
        {
          infno: '2208',
          msgid: 'C9',
          status: 'ok',
          err_msg: null,
          created_at: 'x',
          output: JSON.stringify({ setlinfo: refund }),
        },
      ],
    });
    const p = plan(c, { kind: 'setlinfo', setl: setl({ refd_setl_flag: '1' }), msgid: 'q' });
    expect(p.classification).toBe('cancel_unrecorded');
    expect(p.repair).toBe('record_cancel');
    expect(steps(p)).toEqual(['mark_settlement_cancelled', 'insert_settlement']);
    const row = p.steps[1]!;
    expect(row.kind === 'his' && row.binds).toMatchObject({
      setl_id: 'R9',
      msgid: 'C9',
      refd_setl_flag: '1',
      his_status: 'settled',
      init_setl_id: '430100202601050000000001',
      medfee_sumamt: '-100.00',
      his_setl_no: 'HOC9',
    });
    // Without a known refund row there is nothing to write it from: a person (or a reconciliation of that day) first.
    const blind = plan(cand({ setl_id: 'S', his: hisRow({ his_status: 'settled', setl_id: 'S' }) }), {
      kind: 'setlinfo',
      setl: setl({ refd_setl_flag: '1' }),
      msgid: 'q',
    });
    expect(blind.repair).toBe('manual');
    expect(blind.note).toMatch(/refund row is not known/);
  });

  it('amounts_differ and unreachable: manual, nothing sent', () => {
    const c = cand({
      setl_id: 'S',
      his: hisRow({ his_status: 'settled', setl_id: 'S', medfee_sumamt: '100.00', fund_pay_sumamt: '50.00' }),
    });
    const p = plan(c, settled());
    expect(p).toMatchObject({ classification: 'amounts_differ', repair: 'manual', steps: [] });
    expect(p.note).toMatch(/fund_pay_sumamt HIS 50\.00 \/ center 60\.00/);
    expect(plan(cand({ setl_id: 'S' }), { kind: 'error', code: 'CENTER_TIMEOUT', message: 't' })).toMatchObject({
      classification: 'unreachable',
      repair: 'manual',
      steps: [],
    });
  });

  it('describes every step in one line', () => {
    const p = plan(cand({ call: call() }), { kind: 'not_asked', why: '' });
    expect(p.steps.map(describeStep)).toEqual([
      'center 2601 冲正 psn_no=P1 omsgid=H43010000001202601051000000001 oinfno=2207',
      'HIS mark_settlement_void msgid=H43010000001202601051000000001',
      'journal: close H43010000001202601051000000001',
    ]);
  });

  it("the refund row from the center's answer keeps the original's group and visit, and only a negative answer is written", async () => {
    const { refundBindsFromAnswer } = await import('../../../src/core/settle/repairSteps.js');
    const c = cand({
      setl_id: 'S',
      his: hisRow({
        his_status: 'pending',
        setl_optins: '110000',
        in_area_flag: '0',
        insuplc_admdvs: '110000',
        clr_type: '21',
      }),
    });
    const p = plan(c, settled({ clr_type: '21', clr_optins: '110000' }), 'cancel');
    const step = p.steps.find((s) => s.kind === 'his' && s.fromAnswer)!;
    // A reduced answer: no visit, no clearing type — the row still lands in the original's group.
    const answer = setl({
      setl_id: 'R1',
      setl_time: '2026-01-06 09:00:00',
      medfee_sumamt: '-100.00',
      refd_setl_flag: '1',
      mdtrt_id: null,
      clr_type: null,
      clr_optins: null,
    });
    const b = refundBindsFromAnswer(step as never, answer, 'C1')!;
    expect(b).toMatchObject({
      setl_id: 'R1',
      msgid: 'C1',
      mdtrt_id: c.mdtrt_id,
      clr_type: '21',
      setl_optins: '110000',
      in_area_flag: '0',
      insuplc_admdvs: '110000',
      medfee_sumamt: '-100.00',
      refd_setl_flag: '1',
    });
    expect(
      refundBindsFromAnswer(step as never, setl({ setl_id: 'R2', medfee_sumamt: '100.00' }), 'C2'),
    ).toBeUndefined();
  });

  it('a pending HIS refund row the center holds is completed, never cancelled', () => {
    const c = cand({
      setl_id: 'S',
      his: hisRow({ his_status: 'pending', refd_setl_flag: '1', medfee_sumamt: '-100.00' }),
    });
    const p = plan(c, settled({ refd_setl_flag: '1', medfee_sumamt: '-100.00' }), 'cancel');
    expect(p.steps.some((s) => s.kind === 'center')).toBe(false);
  });
});
