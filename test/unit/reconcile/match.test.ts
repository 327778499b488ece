import { describe, expect, it } from 'vitest';
import { matchDetail, parseResultLine } from '../../../src/core/reconcile/index.js';
import { his, row, RULES } from './fixtures.js';

const types = (his_: Parameters<typeof matchDetail>[0], rows: Parameters<typeof matchDetail>[1]) => {
  const m = matchDetail(his_, rows);
  return {
    balanced: m.balanced,
    diffs: m.differences.map(
      (d) =>
        `${d.type} ${'his' in d && d.his ? d.his.setl_id : '-'} ${d.type === 'duplicate' ? (d.original?.setl_id ?? 'none') : (d.center?.setl_id ?? 'no line')}`,
    ),
  };
};

describe('pairing result lines with HIS rows', () => {
  it('pairs balanced lines kept by key, and reads one in full when it pairs with nothing of ours', () => {
    const line = (id: string, visit: string) => `P1\t${visit}\t${id}\tMSG1\t0\t0\t平\t100.00\t60.00\t10.00`;
    const balanced = [
      { line: 1, raw: line('S1', 'M1'), setl_id: 'S1' },
      { line: 2, raw: line('C7', 'M7'), setl_id: 'C7' },
    ];
    const reread: number[] = [];
    const m = matchDetail([his()], [], balanced, (b) => {
      reread.push(b.line);
      return parseResultLine(b.raw, b.line, RULES.resultColumns);
    });
    expect(m.balanced).toBe(1);
    expect(reread).toEqual([2]);
    expect(m.differences.map((d) => d.type)).toEqual(['center_only']);
  });

  it.each([
    ['balanced', [his()], [row()], 1, []],
    ['the center says 平 even with other figures', [his()], [row({ medfee: 1n })], 1, []],
    [
      'not balanced, other figures: both hold it',
      [his()],
      [row({ stmt_rslt: '1', fund: 6001n })],
      0,
      ['mismatch S1 S1'],
    ],
    [
      'not balanced, another refund flag: both hold it',
      [his()],
      [row({ stmt_rslt: '1', refd_setl_flag: '1' })],
      0,
      ['mismatch S1 S1'],
    ],
    [
      'not balanced, our own figures echoed: the center lacks it',
      [his()],
      [row({ stmt_rslt: '1', memo: '中心无此结算' })],
      0,
      ['his_only S1 S1'],
    ],
    ['no line at all for a HIS row', [his(), his({ setl_id: 'S2' })], [row()], 1, ['his_only S2 no line']],
    [
      'a line only the center has',
      [his()],
      [row(), row({ setl_id: 'C9', mdtrt_id: 'M9', stmt_rslt: '1' })],
      1,
      ['center_only - C9'],
    ],
    [
      "keys withheld: a duplicate of the person's settlement with the same figures",
      [his(), his({ setl_id: 'S2', psn_no: 'P1', medfee: 500n })],
      [
        row(),
        row({ setl_id: 'S2', medfee: 500n }),
        row({ setl_id: null, mdtrt_id: null, stmt_rslt: '1', medfee: 500n }),
      ],
      2,
      ['duplicate - S2'],
    ],
    [
      'same visit and refund flag with keys: a duplicate',
      [his()],
      [row(), row({ setl_id: 'C2', stmt_rslt: '1' })],
      1,
      ['duplicate - S1'],
    ],
    [
      'same visit, refund flag 1: not a duplicate (a cancellation)',
      [his()],
      [row(), row({ setl_id: 'C2', stmt_rslt: '1', refd_setl_flag: '1', medfee: -10000n })],
      1,
      ['center_only - C2'],
    ],
    [
      "a malformed line naming our settlement: that settlement's only finding",
      [his()],
      [row({ problem: 'expected 10 columns' })],
      0,
      ['bad_row S1 S1'],
    ],
    ['a line listing a settlement twice', [his()], [row(), row({ line: 2 })], 1, ['bad_row - S1']],
    [
      'a setl_id the HIS holds twice: its first row pairs, the second is never reported alone',
      [his(), his({ medfee: 1n }), his({ setl_id: 'S2' }), his({ setl_id: 'S3' })],
      [row({ stmt_rslt: '1' }), row({ line: 2, stmt_rslt: '1' }), row({ setl_id: 'S2' })],
      1,
      ['his_only S1 S1', 'bad_row - S1', 'his_only S3 no line'],
    ],
  ])('%s', (_n, h, r, balanced, diffs) => {
    expect(types(h, r)).toEqual({ balanced, diffs });
  });

  it('finds the person of many center-only rows as of a few (found by a pass, then by an index)', () => {
    const ours = Array.from({ length: 30 }, (_, i) =>
      his({ setl_id: `S${i}`, psn_no: `P${i % 10}`, mdtrt_id: `M${i}`, medfee: BigInt(100 + i) }),
    );
    const extra = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? row({ setl_id: `C${i}`, psn_no: `P${i % 10}`, mdtrt_id: `M${i}`, stmt_rslt: '1' })
        : row({ setl_id: null, mdtrt_id: null, psn_no: `P${i % 10}`, stmt_rslt: '1', medfee: BigInt(100 + i + 10) }),
    );
    const got = types(ours, [...ours.map((h) => row({ setl_id: h.setl_id, medfee: h.medfee })), ...extra]).diffs;
    // Keys withheld: the person's row with the same figures; with keys: the same visit's row.
    expect(got).toEqual(extra.map((_, i) => (i % 2 ? `duplicate - S${i}` : `duplicate - S${i + 10}`)));
  });
});
