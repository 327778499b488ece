import { describe, expect, it } from 'vitest';
import { writeStmtResultFile } from '../../../src/core/center/protocol/index.js';
import {
  compareDetails,
  compareDetailsBytes,
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

describe('compareDetailsBytes', () => {
  // A ledger of its own: the rows a 3202 of 2026-03-02, clearing type 11, selects — and some it does not.
  const B = openLedger(':memory:', { fixmedins_code: 'H2', admdvs: '430100' });
  const day = '2026-03-02';
  const put = (id: string, time: string, extra: Partial<Parameters<typeof B.insertSettlement>[0]> = {}) =>
    B.insertSettlement({
      setl_id: id,
      setl_time: `${day} ${time}`,
      mdtrt_id: `V-${id}`,
      psn_no: `P-${id}`,
      medfee_sumamt: 100 + id.length,
      clr_type: '11',
      clr_optins: '430100',
      ...extra,
    });
  const rows: SettlementRow[] = [];
  for (let i = 0; i < 300; i++)
    rows.push(
      put(`S${String(i).padStart(4, '0')}`, `08:${String(i % 60).padStart(2, '0')}:00`, {
        medfee_sumamt: 10 + i * 1.37,
      }),
    );
  const dupA = put('DUPA', '10:00:00', { mdtrt_id: 'V-dup', psn_no: 'P-dup' });
  put('DUPB', '10:00:01', { mdtrt_id: 'V-dup', psn_no: 'P-dup' });
  put('ONLYC', '11:00:00');
  const other = put('IP1', '12:00:00', { clr_type: '21', med_type: '21' });
  const late = put('LATE', '', { setl_time: '2026-03-03 00:00:05' });
  const cancelled = put('CX', '13:00:00');
  B.insertCancellation({ setl_id: 'CX', setl_time: `${day} 14:00:00` });
  const reversed = put('RV', '15:00:00');
  B.reverseSettlement('RV', `${day} 15:00:09`);
  const filter = {
    fixmedins_code: 'H2',
    from: day,
    to: day,
    setl_optins: '430100',
    clr_type: '11',
    refd_setl_flag: '1',
  } as const;
  const scope2 = { from: day, to: day, setl_optins: '430100', clr_type: '11', fixmedins_code: 'H2' };
  const lookup2 = (id: string) => B.getSettlement(id);
  /** The text compareDetails writes, the reference the bytes must equal. */
  const reference = (his: UploadLine[]) =>
    writeStmtResultFile(compareDetails(his, B.listBrief(filter), lookup2, scope2));

  it('writes the bytes compareDetails would, balanced or not, in the institution order', () => {
    const his = rows.map((r) => up(r));
    his.reverse();
    his[3] = { ...his[3]!, medfee_sumamt: his[3]!.medfee_sumamt + 1 };
    his[5] = { ...his[5]!, refd_setl_flag: '1' };
    his[7] = { ...his[7]!, acct_pay: -1 };
    his.splice(10, 2);
    his.push(
      up(dupA),
      up(late),
      up(other),
      up(cancelled),
      up(reversed),
      { ...up(rows[0]!), setl_id: 'GHOST' },
      up(rows[20]!),
    );
    const bytes = compareDetailsBytes(his, B.briefBytes(filter), lookup2, scope2);
    expect(bytes).not.toBeNull();
    const text = bytes!.toString('utf8');
    expect(text).toBe(reference(his));
    // The reference itself has every kind of line, so the comparison above covers them all.
    for (const memo of Object.values(DETAIL_MEMO)) expect(text).toContain(memo);
  });

  it('writes an empty file for an empty day', () => {
    const none = { ...filter, from: '2026-04-01', to: '2026-04-01' };
    const r = compareDetailsBytes([], B.briefBytes(none), lookup2, { ...scope2, from: none.from, to: none.to });
    expect(r?.length).toBe(0);
  });

  it.each(['P\t2', 'P\r\n2', '病人2', 'P\u001f2', 'P\u001e2'])(
    'gives way to the object path when a value cannot be copied as it is (%j)',
    (psn_no) => {
      const C = openLedger(':memory:', { fixmedins_code: 'H3', admdvs: '430100' });
      const f = { ...filter, fixmedins_code: 'H3' };
      const s = { ...scope2, fixmedins_code: 'H3' };
      const at = { clr_type: '11', clr_optins: '430100', medfee_sumamt: 5 };
      const ok = C.insertSettlement({
        ...at,
        setl_id: 'OK1',
        setl_time: `${day} 08:00:00`,
        mdtrt_id: 'V1',
        psn_no: 'P1',
      });
      const look = (id: string) => C.getSettlement(id);
      expect(compareDetailsBytes([up(ok)], C.briefBytes(f), look, s)).not.toBeNull();
      C.insertSettlement({ ...at, setl_time: `${day} 09:00:00`, mdtrt_id: 'V2', psn_no });
      expect(compareDetailsBytes([up(ok)], C.briefBytes(f), look, s)).toBeNull();
      C.close();
    },
  );
});
