import { describe, expect, it } from 'vitest';
import {
  centerView,
  classifyStuck,
  DEFAULT_PATTERNS,
  refusalKind,
  type CenterAnswer,
  type HisState,
  type StuckClass,
} from '../../../src/core/settle/index.js';
import { call, cand, hisRow, setl } from './fixtures.js';

const P = DEFAULT_PATTERNS;
const settled: CenterAnswer = { kind: 'setlinfo', setl: setl(), msgid: 'q1' };
const reversed: CenterAnswer = { kind: 'refused', err_msg: '结算 X 已冲正 (reversed by msgid Y)', msgid: 'q2' };
const cancelled: CenterAnswer = { kind: 'setlinfo', setl: setl({ refd_setl_flag: '1' }), msgid: 'q3' };
const absent: CenterAnswer = { kind: 'refused', err_msg: '未查询到结算信息：setl_id X', msgid: 'q4' };
const unknown: CenterAnswer = { kind: 'not_asked', why: 'no setl_id is known' };
const busy: CenterAnswer = { kind: 'refused', err_msg: '系统繁忙', msgid: 'q5' };
const down: CenterAnswer = { kind: 'error', code: 'CENTER_TIMEOUT', message: 'timed out' };

const HIS: Record<Exclude<HisState, 'other'>, ReturnType<typeof hisRow> | null> = {
  settled: hisRow({
    his_status: 'settled',
    setl_id: '430100202601050000000001',
    medfee_sumamt: '100.00',
    fund_pay_sumamt: '60.00',
    hifp_pay: '60.00',
    acct_pay: '40.00',
    psn_cash_pay: '0.00',
    psn_part_amt: '40.00',
  }),
  pending: hisRow(),
  missing: null,
  void: hisRow({ his_status: 'void' }),
  cancelled: hisRow({ his_status: 'cancelled' }),
};

// HIS state × center answer → classification (the table in classifyStuck.ts).
const TABLE: Array<[keyof typeof HIS, string, CenterAnswer, StuckClass]> = [
  ['settled', 'settled', settled, 'consistent'],
  ['settled', 'reversed', reversed, 'his_only'],
  ['settled', 'cancelled', cancelled, 'cancel_unrecorded'],
  ['pending', 'cancelled', cancelled, 'cancel_unrecorded'],
  ['missing', 'cancelled', cancelled, 'cancel_unrecorded'],
  ['void', 'cancelled', cancelled, 'cancel_unrecorded'],
  ['settled', 'absent', absent, 'his_only'],
  ['pending', 'settled', settled, 'center_only'],
  ['pending', 'reversed', reversed, 'neither'],
  ['pending', 'absent', absent, 'neither'],
  ['pending', 'unknown', unknown, 'unconfirmed'],
  ['missing', 'settled', settled, 'center_only'],
  ['missing', 'absent', absent, 'consistent'],
  ['missing', 'unknown', unknown, 'unconfirmed'],
  ['void', 'settled', settled, 'center_only'],
  ['void', 'reversed', reversed, 'consistent'],
  ['cancelled', 'cancelled', cancelled, 'cancel_unrecorded'],
  ['pending', 'busy', busy, 'unreachable'],
  ['settled', 'down', down, 'unreachable'],
];

describe('classifyStuck', () => {
  it.each(TABLE)('HIS %s × center %s', (his, _c, answer, want) => {
    const c = cand({ his: HIS[his], setl_id: '430100202601050000000001' });
    const f = classifyStuck(c, centerView(c, answer, P));
    expect(f.classification).toBe(want);
    expect(f.his_state).toBe(his);
  });

  it('a cancellation is recorded only when the HIS holds the original cancelled and its refund row', () => {
    const c = cand({
      his: HIS.cancelled,
      setl_id: '430100202601050000000001',
      hisRefund: hisRow({ his_status: 'settled', refd_setl_flag: '1', init_setl_id: '430100202601050000000001' }),
    });
    expect(classifyStuck(c, centerView(c, cancelled, P)).classification).toBe('consistent');
  });

  it('nobody holds it: neither while the write-ahead entry is open, consistent once it is closed', () => {
    const open = cand({ his: null, setl_id: 'S', call: call({ status: 'unknown' }) });
    expect(classifyStuck(open, centerView(open, absent, P)).classification).toBe('neither');
    const closed = cand({
      his: null,
      setl_id: 'S',
      call: call({ status: 'unknown', resolved_at: '2026-01-05T04:00:00Z' }),
    });
    expect(classifyStuck(closed, centerView(closed, absent, P)).classification).toBe('consistent');
  });

  it('both settled with other amounts: amounts_differ with each field and center − HIS', () => {
    const c = cand({
      his: hisRow({
        his_status: 'settled',
        setl_id: 'S',
        medfee_sumamt: '100.00',
        fund_pay_sumamt: '59.99',
        acct_pay: '40.01',
        psn_cash_pay: '0.00',
      }),
    });
    const f = classifyStuck(c, centerView(c, settled, P));
    expect(f.classification).toBe('amounts_differ');
    expect(f.deltas).toEqual([
      { field: 'fund_pay_sumamt', his: '59.99', center: '60.00', diff: '0.01' },
      { field: 'acct_pay', his: '40.01', center: '40.00', diff: '-0.01' },
    ]);
  });
});

describe('centerView', () => {
  it('reads the meaning of refusals; reversed and cancelled win over "not found"', () => {
    expect(refusalKind('原交易不存在：omsgid X', P)).toBe('absent');
    expect(refusalKind('原交易已冲正，不能重复冲正', P)).toBe('reversed');
    expect(refusalKind('结算 X 已撤销，不能重复撤销', P)).toBe('cancelled');
    expect(refusalKind('该结算已清算，不允许撤销', P)).toBe('other');
    expect(refusalKind(null, P)).toBe('other');
  });

  it("trusts hisops's answered cancellation over a 5203 that still shows the settlement", () => {
    const c = cand({
      setl_id: 'S',
      prior: [{ infno: '2208', msgid: 'M2', status: 'ok', err_msg: null, created_at: '2026-01-05T03:00:00Z' }],
    });
    expect(centerView(c, settled, P)).toMatchObject({ state: 'cancelled', via: 'journal' });
    const unanswered = cand({
      setl_id: 'S',
      prior: [{ infno: '2208', msgid: 'M2', status: 'unknown', err_msg: null, created_at: '2026-01-05T03:00:00Z' }],
    });
    expect(centerView(unanswered, settled, P).state).toBe('settled');
  });

  it('without a setl_id: an answered 2601, a 2601 refused as not found, a failed call, a refused HIS log — else unknown', () => {
    const ok2601 = cand({ prior: [{ infno: '2601', msgid: 'R', status: 'ok', err_msg: null, created_at: 'x' }] });
    expect(centerView(ok2601, unknown, P)).toMatchObject({ state: 'reversed', via: 'journal' });
    const none2601 = cand({
      prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '原交易不存在', created_at: 'x' }],
    });
    expect(centerView(none2601, unknown, P)).toMatchObject({ state: 'absent', via: 'journal' });
    const busy2601 = cand({
      prior: [{ infno: '2601', msgid: 'R', status: 'failed', err_msg: '系统繁忙', created_at: 'x' }],
    });
    expect(centerView(busy2601, unknown, P).state).toBe('unknown');
    expect(centerView(cand({ call: call({ status: 'failed', err_msg: '参保人状态异常' }) }), unknown, P)).toMatchObject(
      { state: 'absent', via: 'journal' },
    );
    const log = {
      msgid: 'm',
      infno: '2207',
      his_setl_no: null,
      mdtrt_id: null,
      psn_no: null,
      setl_id: null,
      request_time: null,
      response_time: null,
      log_status: 'failed',
      infcode: '-1',
    };
    expect(centerView(cand({ log }), unknown, P)).toMatchObject({ state: 'absent', via: 'his_log' });
    expect(centerView(cand({ call: call({ status: 'unknown' }) }), unknown, P).state).toBe('unknown');
  });
});
