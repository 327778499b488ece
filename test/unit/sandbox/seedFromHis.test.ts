/** The pure seed planner: what is copied, what is planted where, what is skipped. */
import { describe, expect, it } from 'vitest';
import { planSeed, type HisSettlementCopy } from '../../../src/core/center/sandbox/index.js';

const row = (i: number, over: Partial<HisSettlementCopy> = {}): HisSettlementCopy => ({
  setl_id: `S${i}`,
  mdtrt_id: `M${i}`,
  psn_no: `P${i}`,
  insutype: '310',
  clr_type: '11',
  setl_optins: '430100',
  setl_time: `2025-03-04 ${String(8 + (i % 10)).padStart(2, '0')}:00:00`,
  refd_setl_flag: '0',
  init_setl_id: null,
  msgid: null,
  infno: '2207',
  medfee_sumamt: '100.00',
  fund_pay_sumamt: '60.00',
  acct_pay: '10.00',
  psn_cash_pay: '30.00',
  ...over,
});

describe('planSeed', () => {
  it('copies every row, originals before the HIS cancellations', () => {
    const rows = [row(1, { refd_setl_flag: '1', init_setl_id: 'S2', medfee_sumamt: '-100.00' }), row(2), row(3)];
    const p = planSeed(rows);
    expect(p.copies.map((r) => r.setl_id)).toEqual(['S2', 'S3', 'S1']);
    expect(p.planted).toEqual([]);
  });

  it('plants the kinds in turn on distinct live settlements, never on one the HIS cancelled', () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => row(i)),
      row(99, { refd_setl_flag: '1', init_setl_id: 'S0' }),
    ];
    const p = planSeed(rows, 5);
    expect(p.planted.map((x) => x.kind)).toEqual([
      'amount_differs',
      'center_only',
      'his_only',
      'cancelled_at_center',
      'amount_differs',
    ]);
    const sources = p.planted.map((x) => x.setl_id);
    expect(new Set(sources).size).toBe(5);
    expect(sources).not.toContain('S0');
    const hisOnly = p.planted.find((x) => x.kind === 'his_only')!;
    expect(p.copies.map((r) => r.setl_id)).not.toContain(hisOnly.setl_id);
    expect(p.planted[0]).toMatchObject({
      his_medfee_sumamt: '100.00',
      center_medfee_sumamt: '101.00',
      finding: 'amount_mismatch',
    });
    const co = p.planted[1]!;
    expect(co.mdtrt_id).toMatch(/^SEED20250304\d{4}$/);
    expect(co.setl_time.slice(0, 10)).toBe('2025-03-04');
  });

  it('skips a setl_id seen twice and a cancellation without its original; refuses too many plants', () => {
    const p = planSeed([row(1), row(1), row(2, { refd_setl_flag: '1', init_setl_id: 'GONE' })]);
    expect(p.skipped).toEqual([
      { setl_id: 'S1', reason: 'duplicate_setl_id' },
      { setl_id: 'S2', reason: 'original_not_copied' },
    ]);
    expect(() => planSeed([row(1)], 2)).toThrow(RangeError);
  });
});

describe('applySeed', () => {
  it('writes copies and plants into a ledger; a msgid the HIS reused goes to its first row only', async () => {
    const { openLedger, applySeed: apply } = await import('../../../src/core/center/sandbox/index.js');
    const L = openLedger(':memory:', { fixmedins_code: 'H43010000001' });
    try {
      const msgid = 'H430100000012025030409000000001';
      const rows = [
        row(1, { msgid: msgid.slice(0, 30) }),
        row(2, { msgid: msgid.slice(0, 30) }),
        row(3),
        row(4),
        row(5),
      ];
      const done = apply(L, planSeed(rows, 4), 'H43010000001');
      expect(L.getSettlement('S1')!.medins_setl_id).toBe(msgid.slice(0, 30));
      expect(L.getSettlement('S2')!.medins_setl_id).not.toBe(msgid.slice(0, 30));
      const [amount, centerOnly, hisOnly, cancelled] = done.planted;
      expect(L.getSettlement(amount!.setl_id)!.medfee_sumamt.toFixed(2)).toBe('101.00');
      expect(L.getSettlement(centerOnly!.center_setl_id!)!.mdtrt_id).toBe(centerOnly!.mdtrt_id);
      expect(L.getSettlement(hisOnly!.setl_id)).toBeUndefined();
      expect(L.getSettlement(cancelled!.setl_id)!.status).toBe('cancelled');
      expect(L.getSettlement(cancelled!.center_setl_id!)!.medfee_sumamt.toFixed(2)).toBe('-100.00');
    } finally {
      L.close();
    }
  });
});
