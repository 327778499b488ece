/** The seeding API the demo uses, on a real SQLite file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, sandboxRoster, type Ledger } from '../../../src/core/center/sandbox/index.js';
import { totalsSql } from '../../../src/core/center/sandbox/ledger.js';
import { MSGID_RE } from '../../../src/core/center/protocol/index.js';
import { ZERO } from '../../../src/core/money.js';

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

  it('gives a seeded history fund lines that say what its given amounts say, the bulk path the same row as the general one', () => {
    // Every amount given, as the demo seed gives them (the HIS's own split, not the sandbox's).
    const amounts = (n: number) => ({
      medfee_sumamt: '1000.00',
      fulamt_ownpay_amt: '100.00',
      overlmt_selfpay: '0.00',
      preselfpay_amt: '50.00',
      inscp_scp_amt: '850.00',
      act_pay_dedc: '200.00',
      hifp_pay: n ? '455.00' : '0.00',
      cvlserv_pay: n ? '30.00' : '0.00',
      hifes_pay: '0.00',
      hifmi_pay: '0.00',
      hifob_pay: n ? '20.00' : '0.00',
      maf_pay: '0.00',
      oth_pay: '0.00',
      hifdm_pay: '0.00',
      fund_pay_sumamt: n ? '505.00' : '0.00',
      psn_part_amt: n ? '495.00' : '1000.00',
      acct_pay: n ? '100.00' : '0.00',
      psn_cash_pay: n ? '395.00' : '1000.00',
      hosp_part_amt: '0.00',
      balc: '900.00',
      acct_mulaid_pay: '0.00',
      pool_prop_selfpay: '0.3000',
    });
    const inputs = [0, 1, 2].map((n) => ({
      setl_id: `S${n}`,
      medins_setl_id: `H43010000001202601101000000${n}`,
      setl_time: `2026-01-10 10:0${n}:00`,
      mdtrt_id: `V${n}`,
      psn_no: (n ? a : b)!.psn_no,
      insutype: (n ? a : b)!.insutype,
      medfee_sumamt: '1000.00',
      fulamt_ownpay_amt: '100.00',
      overlmt_selfpay: '0.00',
      preselfpay_amt: '50.00',
      inscp_scp_amt: '850.00',
      amounts: amounts(n),
    }));
    for (const s of inputs) L.insertSettlement(s);
    const bulk = openLedger(path.join(dir, 'bulk.db'), { fixmedins_code: 'H43010000001' });
    try {
      bulk.beginBulkSeed();
      for (const s of inputs) bulk.seedSettlement(s);
      bulk.endBulkSeed();
      for (const s of inputs) {
        const row = L.getSettlement(s.setl_id)!;
        const lines = row.setldetail.map((d) => [
          d.fund_pay_type,
          d.fund_payamt.toFixed(2),
          d.crt_payb_lmt_amt.toFixed(2),
        ]);
        const paid = row.setldetail
          .filter((d) => d.fund_pay_type !== '310200')
          .reduce((t, d) => t.plus(d.fund_payamt), ZERO);
        // The pool's line is hifp_pay, each other fund's its own, the account's acct_pay: they add up.
        expect(paid.toFixed(2)).toBe(row.fund_pay_sumamt.toFixed(2));
        if (s.setl_id === 'S0') expect(lines).toEqual([[row.setldetail[0]!.fund_pay_type, '0.00', '650.00']]);
        else
          expect(lines).toEqual([
            [row.setldetail[0]!.fund_pay_type, '455.00', '650.00'],
            ['330100', '20.00', '20.00'],
            ['320100', '30.00', '30.00'],
            ['310200', '100.00', expect.any(String)],
          ]);
        expect(row.setldetail[0]!.setl_proc_info).toBe('起付线200.00');
        // The month-long seed's fen path stores the very same row.
        expect(bulk.getSettlement(s.setl_id)).toEqual(row);
      }
    } finally {
      bulk.close();
    }
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
