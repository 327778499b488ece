/**
 * One row per cause: a difference and the evidence the run found → the finding's kind, cause,
 * effect on the totals and repair.
 */
import { describe, expect, it } from 'vitest';
import {
  classify,
  mergeFindings,
  problemFinding,
  readHisRow,
  type Difference,
  type Evidence,
  type Finding,
} from '../../../src/core/reconcile/index.js';
import { his, hisRow, row, rules, RULES, SCOPE } from './fixtures.js';

const ctx = { scope: SCOPE, rules: RULES };
const centerOk = (over: Record<string, string | number | null> = {}): Evidence['center'] => ({
  ok: true,
  setlinfo: {
    setl_id: 'S1',
    setl_time: '2025-03-04 10:00:00',
    insutype: '310',
    clr_type: '11',
    clr_optins: '430100',
    medfee_sumamt: 100,
    fund_pay_sumamt: 60,
    acct_pay: 10,
    ...over,
  },
});
const refused = (err_msg: string): Evidence['center'] => ({ ok: false, code: 'CENTER_REFUSED', err_msg });
const notAsked: Evidence['center'] = { ok: false, code: 'NOT_ASKED', err_msg: 'limit' };

interface Case {
  name: string;
  d: Difference;
  ev: Evidence;
  kind: Finding['kind'];
  cause: string;
  effect?: [number, string];
  repair: [string, boolean];
}

const CASES: Case[] = [
  // both sides
  {
    name: 'amounts differ',
    d: { type: 'mismatch', his: his(), center: row({ stmt_rslt: '1', medfee: 12350n }) },
    ev: {},
    kind: 'amount_mismatch',
    cause: 'amounts_differ',
    effect: [0, '23.50'],
    repair: ['store_center_amounts', false],
  },
  {
    name: 'a cent of rounding',
    d: { type: 'mismatch', his: his(), center: row({ stmt_rslt: '1', fund: 6001n }) },
    ev: {},
    kind: 'amount_mismatch',
    cause: 'rounding',
    effect: [0, '0.00'],
    repair: ['store_center_amounts', false],
  },
  {
    name: 'the refund flag only',
    d: { type: 'mismatch', his: his(), center: row({ stmt_rslt: '1', refd_setl_flag: '1' }) },
    ev: {},
    kind: 'amount_mismatch',
    cause: 'refund_flag',
    effect: [0, '0.00'],
    repair: ['store_center_amounts', false],
  },
  // HIS only
  {
    name: '5203 finds nothing',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1', memo: '中心无此结算' }) },
    ev: { center: refused('未查询到结算信息') },
    kind: 'his_only',
    cause: 'not_at_center',
    effect: [-1, '-100.00'],
    repair: ['void_his', true],
  },
  {
    name: 'not asked (query limit)',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1' }) },
    ev: { center: notAsked },
    kind: 'his_only',
    cause: 'not_at_center_unconfirmed',
    effect: [-1, '-100.00'],
    repair: ['void_his', false],
  },
  {
    name: 'reversed (memo)',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1', memo: '中心已冲正' }) },
    ev: { center: refused('结算已冲正') },
    kind: 'his_only',
    cause: 'reversed_at_center',
    repair: ['void_his', true],
  },
  {
    name: 'cancelled (5203 says so)',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1', memo: '' }) },
    ev: { center: refused('结算已撤销') },
    kind: 'his_only',
    cause: 'cancelled_at_center',
    repair: ['stuck_job', true],
  },
  {
    name: 'a pre-settlement',
    d: { type: 'his_only', his: his({ infno: '2206' }), center: row({ stmt_rslt: '1' }) },
    ev: { center: refused('未查询到') },
    kind: 'his_only',
    cause: 'pre_settlement',
    repair: ['manual', false],
  },
  {
    name: 'the center has it the next morning',
    d: { type: 'his_only', his: his({ setl_time: '2025-03-04 23:59:50' }), center: row({ stmt_rslt: '1' }) },
    ev: { center: centerOk({ setl_time: '2025-03-05 00:00:05' }) },
    kind: 'cross_midnight',
    cause: 'near_midnight',
    effect: [-1, '-100.00'],
    repair: ['none', true],
  },
  {
    name: 'the center has it two days later',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1' }) },
    ev: { center: centerOk({ setl_time: '2025-03-06 10:00:00' }) },
    kind: 'cross_midnight',
    cause: 'other_day',
    repair: ['none', true],
  },
  {
    name: 'a refund the center counts later',
    d: { type: 'his_only', his: his({ refd_setl_flag: '1', medfee: -10000n }), center: row({ stmt_rslt: '1' }) },
    ev: { center: centerOk({ setl_time: '2025-03-07 09:00:00' }) },
    kind: 'refund_other_period',
    cause: 'center_other_period',
    effect: [-1, '100.00'],
    repair: ['none', true],
  },
  {
    name: 'under another insurance type at the center',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1' }) },
    ev: { center: centerOk({ insutype: '390' }) },
    kind: 'group_mismatch',
    cause: 'insutype',
    repair: ['fix_his_group', false],
  },
  {
    name: 'no line in the result',
    d: { type: 'his_only', his: his(), center: null },
    ev: {},
    kind: 'unknown',
    cause: 'not_in_result',
    repair: ['manual', false],
  },
  {
    name: 'the center holds it in place yet says not balanced',
    d: { type: 'his_only', his: his(), center: row({ stmt_rslt: '1' }) },
    ev: { center: centerOk() },
    kind: 'unknown',
    cause: 'center_holds_it',
    repair: ['manual', false],
  },
  // center only
  {
    name: 'the HIS row is pending',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisBySetlId: null, hisByMsgid: hisRow({ setl_id: null, his_status: 'pending' }) },
    kind: 'center_only',
    cause: 'no_answer',
    effect: [1, '100.00'],
    repair: ['stuck_job', true],
  },
  {
    name: 'the HIS row has the setl_id but is pending',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisBySetlId: hisRow({ his_status: 'pending' }) },
    kind: 'center_only',
    cause: 'no_answer',
    repair: ['stuck_job', true],
  },
  {
    name: 'the HIS voided it',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisByMsgid: hisRow({ setl_id: null, his_status: 'void' }) },
    kind: 'center_only',
    cause: 'his_void',
    repair: ['cancel_at_center', false],
  },
  {
    name: 'the HIS stored it without setl_id',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisByMsgid: hisRow({ setl_id: null }) },
    kind: 'center_only',
    cause: 'his_missing_setl_id',
    repair: ['manual', false],
  },
  {
    name: 'the HIS log has the call, no settlement: rollback',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisLog: { msgid: 'MSG1', infno: '2207', log_status: 'sent' } },
    kind: 'center_only',
    cause: 'his_rollback',
    repair: ['stuck_job', true],
  },
  {
    name: "hisops's journal has the call, outcome unknown",
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { call: { msgid: 'MSG1', status: 'unknown' } },
    kind: 'center_only',
    cause: 'no_answer',
    repair: ['stuck_job', true],
  },
  {
    name: 'nothing anywhere',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: {},
    kind: 'center_only',
    cause: 'unknown_to_his',
    repair: ['cancel_at_center', false],
  },
  {
    name: 'cancelled at the center, the HIS voided it',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisByMsgid: hisRow({ setl_id: null, his_status: 'void' }), center: centerOk({ refd_setl_flag: '1' }) },
    kind: 'center_only',
    cause: 'cancel_not_recorded',
    effect: [1, '100.00'],
    repair: ['stuck_job', true],
  },
  {
    name: 'cancelled at the center, the HIS rolled back',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisLog: { msgid: 'MSG1', infno: '2207', log_status: 'sent' }, center: centerOk({ refd_setl_flag: '1' }) },
    kind: 'center_only',
    cause: 'cancel_not_recorded',
    repair: ['stuck_job', true],
  },
  {
    name: "the refund row of hisops's own 2208, the original voided in the HIS",
    d: {
      type: 'center_only',
      center: row({ setl_id: 'R1', msgid: 'C1', stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n }),
    },
    ev: {
      call: { msgid: 'C1', infno: '2208', status: 'ok', request: JSON.stringify({ data: { setl_id: 'S1' } }) },
      hisVisit: [hisRow({ his_status: 'void' })],
    },
    kind: 'center_only',
    cause: 'cancel_not_recorded',
    effect: [1, '-100.00'],
    repair: ['stuck_job', true],
  },
  {
    name: "the refund row of hisops's own 2208, no HIS row at all",
    d: {
      type: 'center_only',
      center: row({ setl_id: 'R1', msgid: 'C1', stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n }),
    },
    ev: {
      call: { msgid: 'C1', infno: '2208', status: 'ok', request: JSON.stringify({ data: { setl_id: 'S1' } }) },
      hisVisit: [],
    },
    kind: 'center_only',
    cause: 'cancel_not_recorded',
    repair: ['stuck_job', true],
  },
  {
    name: 'the HIS holds it the day before',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: {
      hisBySetlId: hisRow({ setl_time: '2025-03-03 23:59:58' }),
      center: centerOk({ setl_time: '2025-03-04 00:00:02' }),
    },
    kind: 'cross_midnight',
    cause: 'near_midnight',
    effect: [1, '100.00'],
    repair: ['none', true],
  },
  {
    name: 'a refund the HIS dates earlier',
    d: { type: 'center_only', center: row({ stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n }) },
    ev: { hisBySetlId: hisRow({ refd_setl_flag: '1', setl_time: '2025-03-01 10:00:00' }) },
    kind: 'refund_other_period',
    cause: 'his_other_period',
    effect: [1, '-100.00'],
    repair: ['none', true],
  },
  {
    name: 'the HIS has it under another clearing type',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { hisBySetlId: hisRow({ clr_type: '21' }) },
    kind: 'group_mismatch',
    cause: 'clr_type',
    repair: ['fix_his_group', false],
  },
  {
    name: 'a refund the HIS never recorded',
    d: { type: 'center_only', center: row({ setl_id: 'R1', stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n }) },
    ev: { hisVisit: [hisRow()] },
    kind: 'his_only',
    cause: 'cancelled_at_center',
    effect: [1, '-100.00'],
    repair: ['stuck_job', true],
  },
  {
    name: 'a row of a HIS settlement that could not be counted',
    d: { type: 'center_only', center: row({ stmt_rslt: '1' }) },
    ev: { problem: { code: 'HIS_UNKNOWN_INSUTYPE', message: 'insutype "999"', row: hisRow({ insutype: '999' }) } },
    kind: 'unknown',
    cause: 'his_unknown_insutype',
    repair: ['manual', false],
  },
  // duplicates and bad lines
  {
    name: 'keys withheld',
    d: {
      type: 'duplicate',
      center: row({ setl_id: null, mdtrt_id: null, msgid: 'MSG9', stmt_rslt: '1' }),
      original: his(),
    },
    ev: {},
    kind: 'center_duplicate',
    cause: 'keys_withheld',
    effect: [1, '100.00'],
    repair: ['reverse_at_center', false],
  },
  {
    name: 'same visit with keys',
    d: { type: 'duplicate', center: row({ setl_id: 'S9', msgid: 'MSG9', stmt_rslt: '1' }), original: his() },
    ev: {},
    kind: 'center_duplicate',
    cause: 'same_visit',
    repair: ['cancel_at_center', false],
  },
  {
    name: 'same visit, but the HIS made that call itself',
    d: { type: 'duplicate', center: row({ setl_id: 'S9', msgid: 'MSG9', stmt_rslt: '1' }), original: his() },
    ev: { hisLog: { msgid: 'MSG9', infno: '2207', log_status: 'sent' } },
    kind: 'center_only',
    cause: 'his_rollback',
    repair: ['stuck_job', true],
  },
  {
    name: 'a malformed line',
    d: { type: 'bad_row', center: row({ problem: 'expected 10 tab-separated columns, found 11', raw: 'a\tb' }) },
    ev: {},
    kind: 'unknown',
    cause: 'malformed_result_row',
    repair: ['manual', false],
  },
];

describe('classification, one row per cause', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const f = classify(c.d, c.ev, ctx);
    expect(`${f.kind}/${f.cause}`).toBe(`${c.kind}/${c.cause}`);
    expect([f.repair.action, f.repair.certain]).toEqual(c.repair);
    if (c.effect) {
      expect(f.effects).toHaveLength(1);
      expect([f.effects[0]!.count, f.effects[0]!.medfee_sumamt]).toEqual(c.effect);
    }
    expect(f.detail.length).toBeGreaterThan(20);
    expect(f.begndate).toBe(SCOPE.begndate);
  });

  it('keeps the evidence: the HIS row, the raw center line, 5203, the logs', () => {
    const f = classify(
      { type: 'center_only', center: row({ stmt_rslt: '1', raw: 'P1\tM1\tS1' }) },
      { hisLog: { msgid: 'MSG1', log_status: 'sent' }, call: { msgid: 'MSG1' }, center: centerOk() },
      ctx,
    );
    expect(f.evidence).toMatchObject({
      center_row: { line: 1, raw: 'P1\tM1\tS1', stmt_rslt: '1' },
      center_query: { ok: true },
      his_log: { msgid: 'MSG1' },
      call: { msgid: 'MSG1' },
    });
    expect(f.insutype).toBe('310');
  });

  it('names every differing field when 5203 answered', () => {
    const d: Difference = { type: 'mismatch', his: his(), center: row({ stmt_rslt: '1', medfee: 12350n }) };
    const full = hisRow({ fulamt_ownpay_amt: '0.00', psn_part_amt: '40.00', psn_cash_pay: '30.00', balc: '5.00' });
    const f = classify(
      d,
      {
        hisBySetlId: full,
        center: centerOk({
          medfee_sumamt: 123.5,
          fulamt_ownpay_amt: 23.5,
          psn_part_amt: 63.5,
          psn_cash_pay: 53.5,
          balc: 99,
        }),
      },
      ctx,
    );
    expect(f.fields.map((x) => `${x.field} ${x.diff}`)).toEqual([
      'medfee_sumamt 23.50',
      'fulamt_ownpay_amt 23.50',
      'psn_part_amt 23.50',
      'psn_cash_pay 23.50',
    ]);
  });

  it('sees a hospital-borne derivation when the rules change fund_pay_sumamt', () => {
    const r = rules({ hospitalBorne: 'subtract' });
    const f = classify(
      { type: 'mismatch', his: his({ fund: 5500n }), center: row({ stmt_rslt: '1', fund: 6000n }) },
      { hisBySetlId: hisRow({ hosp_part_amt: '5.00' }) },
      { scope: SCOPE, rules: r },
    );
    expect(f.cause).toBe('local_derivation');
  });

  it('reports an HIS row it cannot count as unknown, with the raw row', () => {
    const res = readHisRow(hisRow({ setl_id: null }), RULES);
    if (res.kind !== 'problem') throw new Error('expected a problem');
    const f = problemFinding(res.problem, SCOPE);
    expect(f).toMatchObject({
      kind: 'unknown',
      cause: 'his_no_setl_id',
      setl_id: null,
      msgid: 'MSG1',
      repair: { action: 'manual' },
    });
    expect(f.evidence.his).toBe(res.problem.row);
  });

  it('merges the two sides of a cross-midnight settlement into one finding, other findings untouched', () => {
    const a = classify(
      { type: 'his_only', his: his({ setl_time: '2025-03-04 23:59:50' }), center: row({ stmt_rslt: '1' }) },
      { center: centerOk({ setl_time: '2025-03-05 00:00:05' }) },
      ctx,
    );
    const nextScope = { ...SCOPE, begndate: '2025-03-05', enddate: '2025-03-05' };
    const b = classify(
      { type: 'center_only', center: row({ stmt_rslt: '1' }) },
      { hisBySetlId: hisRow({ setl_time: '2025-03-04 23:59:50' }) },
      { scope: nextScope, rules: RULES },
    );
    const other = classify({ type: 'center_only', center: row({ setl_id: 'X', stmt_rslt: '1' }) }, {}, ctx);
    const m = mergeFindings([a, other, b]);
    expect(m.map((f) => f.kind)).toEqual(['cross_midnight', 'center_only']);
    expect(m[0]!.effects.map((e) => [e.begndate, e.count])).toEqual([
      ['2025-03-04', -1],
      ['2025-03-05', 1],
    ]);
    expect(m[0]!.enddate).toBe('2025-03-05');
  });
});

describe('a refund row at the center pairs with the right original', () => {
  const refund = row({ setl_id: 'R1', msgid: 'C9', stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n });
  const centerTime = {
    center: { ok: true as const, setlinfo: { setl_time: '2025-03-04 16:00:00', refd_setl_flag: '1' } },
  };

  it('a visit settled again after the cancellation: the original is the one of the same bill settled before the refund', () => {
    const visit = [
      hisRow({ setl_id: 'S1', his_status: 'void', medfee_sumamt: '100.00', setl_time: '2025-03-04 10:00:00' }),
      hisRow({
        setl_id: 'S2',
        msgid: 'MSG2',
        his_status: 'settled',
        medfee_sumamt: '80.00',
        setl_time: '2025-03-04 17:00:00',
      }),
    ];
    const f = classify({ type: 'center_only', center: refund }, { hisVisit: visit, ...centerTime }, ctx);
    expect(`${f.kind}/${f.cause} ${f.setl_id}`).toBe('center_only/cancel_not_recorded S1');
    expect(f.related_setl_id).toBe('R1');
  });

  it('two originals that could be it: not guessed (unknown to the HIS, a person looks)', () => {
    const visit = [
      hisRow({ setl_id: 'S1', his_status: 'settled' }),
      hisRow({ setl_id: 'S2', msgid: 'MSG2', his_status: 'settled', setl_time: '2025-03-04 11:00:00' }),
    ];
    const f = classify({ type: 'center_only', center: refund }, { hisVisit: visit, ...centerTime }, ctx);
    expect(f.cause).toBe('unknown_to_his');
  });

  it("hisops's own cancellation whose refund row the HIS holds on another day: a timing difference, not an unbooked pair", () => {
    const booked = hisRow({
      setl_id: 'R1',
      msgid: 'C9',
      refd_setl_flag: '1',
      init_setl_id: 'S1',
      setl_time: '2025-03-05 00:00:10',
      medfee_sumamt: '-100.00',
    });
    const f = classify(
      { type: 'center_only', center: refund },
      {
        hisBySetlId: booked,
        hisVisit: [hisRow({ his_status: 'cancelled' }), booked],
        call: { msgid: 'C9', infno: '2208', status: 'ok', request: JSON.stringify({ data: { setl_id: 'S1' } }) },
        ...centerTime,
      },
      ctx,
    );
    expect(`${f.kind}/${f.cause}`).toBe('refund_other_period/his_other_period');
  });
});
