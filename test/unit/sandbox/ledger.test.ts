/** The seeding API the demo uses, on a real SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, sandboxRoster, type Ledger } from '../../../src/core/center/sandbox/index.js';
import { totalsSql } from '../../../src/core/center/sandbox/ledger.js';
import { MSGID_RE } from '../../../src/core/center/protocol/index.js';

let dir: string;
let L: Ledger;
const [a, b] = sandboxRoster(2);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-ledger-'));
  L = openLedger(path.join(dir, 'center.db'), { fixmedins_code: 'H43010000001' });
});
afterEach(() => {
  L.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Ledger seeding', () => {
  it('plants a settlement with generated ids, split amounts and a reversible msgid', () => {
    const r = L.insertSettlement({
      setl_time: '2026-01-10 10:00:00',
      mdtrt_id: 'V1',
      psn_no: a!.psn_no,
      medfee_sumamt: '123.45',
    });
    expect(r.setl_id).toMatch(/^43010020260110\d{10}$/);
    expect(r.medins_setl_id).toMatch(MSGID_RE);
    expect(r.medins_setl_id!.slice(12, 26)).toBe('20260110100000');
    expect(r.medfee_sumamt.toFixed(2)).toBe('123.45');
    expect(r.medfee_sumamt.eq(r.fund_pay_sumamt.plus(r.psn_part_amt))).toBe(true);
    expect(r.psn_part_amt.eq(r.acct_pay.plus(r.psn_cash_pay))).toBe(true);
    expect([r.insutype, r.clr_type, r.clr_optins, r.source, r.status, r.infno]).toEqual([
      a!.insutype,
      '11',
      '430100',
      'seed',
      'settled',
      '2207',
    ]);
    expect(L.getMessage(r.medins_setl_id!)?.created).toEqual({ settlements: [r.setl_id] });
  });

  it('takes explicit amounts and keeps the dependent totals consistent', () => {
    const r = L.insertSettlement({
      setl_time: '2026-01-10 10:00:00',
      mdtrt_id: 'V2',
      psn_no: b!.psn_no,
      medfee_sumamt: 100,
      amounts: { fund_pay_sumamt: 70, acct_pay: 10 },
    });
    expect(
      [r.fund_pay_sumamt, r.hifp_pay, r.psn_part_amt, r.acct_pay, r.psn_cash_pay].map((d) => d.toFixed(2)),
    ).toEqual(['70.00', '70.00', '30.00', '10.00', '20.00']);
  });

  it('plants a refund pair and a center-side reversal; totals and filters follow', () => {
    L.insertSettlement({
      setl_time: '2026-01-10 10:00:00',
      mdtrt_id: 'V1',
      psn_no: a!.psn_no,
      medfee_sumamt: 100,
      setl_id: 'S1',
      medins_setl_id: 'H43010000001202601101000000001',
    });
    const s2 = L.insertSettlement({
      setl_time: '2026-01-10 11:00:00',
      mdtrt_id: 'V2',
      psn_no: a!.psn_no,
      medfee_sumamt: 50,
    });
    const c = L.insertCancellation({ setl_id: 'S1', setl_time: '2026-01-11 09:00:00' });
    expect(c.medfee_sumamt.toFixed(2)).toBe('-100.00');
    expect([c.refd_setl_flag, c.orig_setl_id, c.infno, c.status]).toEqual(['1', 'S1', '2208', 'cancellation']);
    expect(L.getSettlement('S1')!.status).toBe('cancelled');
    L.reverseSettlement(s2.setl_id, '2026-01-10 11:05:00');
    expect(L.getSettlement(s2.setl_id)!.status).toBe('reversed');
    expect(L.getMessage(s2.medins_setl_id!)!.reversed_by).toMatch(MSGID_RE);
    const day10 = L.totals({ from: '2026-01-10', to: '2026-01-10' });
    expect([day10.medfee_sumamt.toFixed(2), day10.count]).toEqual(['100.00', 1]);
    const both = L.totals({ from: '2026-01-10', to: '2026-01-11' });
    expect([both.medfee_sumamt.toFixed(2), both.count]).toEqual(['0.00', 2]);
    expect(L.totals({ from: '2026-01-10', to: '2026-01-11', refd_setl_flag: '0' }).count).toBe(1);
    expect(L.listSettlements({ includeReversed: true })).toHaveLength(3);
    expect(L.listSettlements({ psn_no: a!.psn_no, from: '2026-01-11' }).map((r) => r.setl_id)).toEqual([c.setl_id]);
  });

  it('sums a 3201 group from the fen index alone, and moves an older ledger onto it', () => {
    const f = {
      fixmedins_code: 'H43010000001',
      insutype: '310',
      clr_type: '11',
      setl_optins: '430100',
      from: '2026-01-10',
      to: '2026-01-10',
    };
    const { sql, args } = totalsSql(f);
    const plan = (L.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('; ');
    expect(plan).toContain('COVERING INDEX settlements_fen_totals');
    // A ledger made before this index had the text-amount one: it is replaced when opened.
    L.db.exec(
      'DROP INDEX settlements_fen_totals; CREATE INDEX settlements_totals ON settlements(fixmedins_code, clr_optins, insutype, clr_type, setl_time, refd_setl_flag, reversed_by, medfee_sumamt, fund_pay_sumamt, acct_pay, psn_cash_pay)',
    );
    L.close();
    L = openLedger(path.join(dir, 'center.db'), { fixmedins_code: 'H43010000001' });
    const names = (
      L.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'settlements'").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    expect(names).toContain('settlements_fen_totals');
    expect(names).not.toContain('settlements_totals');
  });

  it('keeps its rows across a reopen, and refuses a cancellation of nothing', () => {
    L.insertSettlement({
      setl_time: '2026-01-10 10:00:00',
      mdtrt_id: 'V1',
      psn_no: a!.psn_no,
      medfee_sumamt: 10,
      setl_id: 'KEEP',
    });
    L.close();
    L = openLedger(path.join(dir, 'center.db'));
    expect(L.getSettlement('KEEP')!.medfee_sumamt.toFixed(2)).toBe('10.00');
    expect(() => L.insertCancellation({ setl_id: 'NONE', setl_time: '2026-01-10 10:00:00' })).toThrow(
      /No settlement NONE/,
    );
    expect(() => L.insertSettlement({ setl_time: '2026-01-10', mdtrt_id: 'V', psn_no: 'P', medfee_sumamt: 1 })).toThrow(
      /yyyy-MM-dd HH:mm:ss/,
    );
  });

  it('lets a seeded settlement choose the insurance type of a person it meets first', () => {
    const r = L.insertSettlement({
      setl_time: '2026-01-10 10:00:00',
      mdtrt_id: 'V1',
      psn_no: 'HIS-P-1',
      medfee_sumamt: 10,
      insutype: '390',
    });
    expect(r.insutype).toBe('390');
    expect(L.person('HIS-P-1', '2026-01-10').insutype).toBe('390');
  });
});
