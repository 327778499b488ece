import { describe, expect, it } from 'vitest';
import {
  compareDetails,
  DETAIL_MEMO,
  openLedger,
  type SettlementBrief,
  type SettlementRow,
  type UploadLine,
} from '../../../src/core/center/sandbox/index.js';
import { fenOfText } from '../../../src/core/money.js';

const L = openLedger(':memory:', { fixmedins_code: 'H1' });
const mk = (id: string, at: string, mdtrt = `V-${id}`, medfee = 10) =>
  L.insertSettlement({ setl_id: id, setl_time: at, mdtrt_id: mdtrt, psn_no: 'P1', medfee_sumamt: medfee });
const fen = (d: { toFixed(n: number): string }) => fenOfText(d.toFixed(2))!;
const up = (r: SettlementRow, medfee?: number): UploadLine => ({
  setl_id: r.setl_id,
  mdtrt_id: r.mdtrt_id,
  psn_no: r.psn_no,
  medfee_sumamt: medfee === undefined ? fen(r.medfee_sumamt) : medfee * 100,
  fund_pay_sumamt: fen(r.fund_pay_sumamt),
  acct_pay: fen(r.acct_pay),
  refd_setl_flag: r.refd_setl_flag,
});
/** The center rows as the ledger lists them for 3202. */
const briefs = (rows: SettlementRow[]): SettlementBrief[] => {
  const ids = new Set(rows.map((r) => r.setl_id));
  return L.listBrief({ fixmedins_code: 'H1', includeReversed: true }).filter((b) => ids.has(b.setl_id));
};
const scope = { from: '2026-01-10', to: '2026-01-10', setl_optins: '430100', clr_type: '11', fixmedins_code: 'H1' };

describe('compareDetails', () => {
  const a = mk('A', '2026-01-10 08:00:00');
  const b = mk('B', '2026-01-10 09:00:00');
  const dup1 = mk('D1', '2026-01-10 10:00:00', 'V-dup');
  const dup2 = mk('D2', '2026-01-10 10:00:01', 'V-dup');
  const late = mk('LATE', '2026-01-11 00:00:02');
  const center = briefs([a, b, dup1, dup2]);
  const lookup = (id: string) => L.getSettlement(id);

  it('answers balanced rows only when every compared figure agrees', () => {
    const r = compareDetails([up(a), up(b, 11)], briefs([a, b]), lookup, scope);
    expect(r.map((x) => [x.setl_id, x.stmt_rslt, x.memo?.slice(0, 4)])).toEqual([
      ['A', '0', DETAIL_MEMO.balanced],
      ['B', '1', DETAIL_MEMO.amounts],
    ]);
    expect(r[1]!.medfee_sumamt).toBe('10.00');
    expect(r[1]!.memo).toContain('medfee_sumamt=11.00');
  });

  it('explains rows missing at the center and returns center duplicates without keys', () => {
    const his = [up(a), up(dup1), up(late), { ...up(a), setl_id: 'GHOST' }];
    const r = compareDetails(his, center, lookup, scope);
    expect(r.map((x) => [x.setl_id, x.mdtrt_id, x.memo?.replace(/：.*/, '')])).toEqual([
      ['A', 'V-A', DETAIL_MEMO.balanced],
      ['D1', 'V-dup', DETAIL_MEMO.balanced],
      ['LATE', 'V-LATE', DETAIL_MEMO.outOfPeriod],
      ['GHOST', 'V-A', DETAIL_MEMO.centerMissing],
      ['B', 'V-B', DETAIL_MEMO.institutionMissing],
      [null, null, DETAIL_MEMO.duplicate],
    ]);
    expect(r[5]!.msgid).toBe(dup2.medins_setl_id);
    expect(r[5]!.psn_no).toBe('P1');
  });

  it('reports a settlement the center knows under another group', () => {
    const ip = L.insertSettlement({
      setl_id: 'IP',
      setl_time: '2026-01-10 12:00:00',
      mdtrt_id: 'V-ip',
      psn_no: 'P1',
      medfee_sumamt: 10,
      clr_type: '21',
    });
    const r = compareDetails([up(ip)], center, lookup, scope);
    expect(r[0]!.memo).toBe(`${DETAIL_MEMO.otherGroup}：中心 clr_type=21 clr_optins=${ip.clr_optins}`);
  });
});
