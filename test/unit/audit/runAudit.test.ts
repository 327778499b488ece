import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit, nextDay } from '../../../src/core/audit/index.js';
import { loadProfile, referenceProfilePath, type Profile } from '../../../src/core/his/index.js';
import type { Policy } from '../../../src/core/rules/index.js';
import { buildAuditHis, DAY, HOSP_LV, policies, tamper, type AuditHis } from './auditHis.js';

let his: AuditHis;
let profile: Profile;
let pols: Policy[];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-audit-'));
  his = await buildAuditHis(path.join(dir, 'his.db'));
  profile = await loadProfile(referenceProfilePath());
  pols = await policies();
});
afterAll(async () => his.close());

const audit = (extra: Partial<Parameters<typeof runAudit>[0]> = {}) =>
  runAudit({ db: his.db, profile, policies: pols, from: DAY, to: DAY, assume: { hosp_lv: HOSP_LV }, ...extra });

describe('runAudit', () => {
  it('finds nothing when the recorded splits are the policy’s own, and counts every row', async () => {
    const r = await audit();
    expect(r.findings).toEqual([]);
    expect(r.read).toBe(6);
    expect(r.recomputed).toBe(3);
    expect(r.by_basis).toEqual({ lines: 2, totals: 1 });
    expect(r.skipped.map((s) => [s.setl_id, s.reason]).sort()).toEqual([
      ['S004', 'cancellation'],
      ['S005', 'fixed_amount'],
    ]);
    expect(r.skipped_by_reason).toEqual({ cancellation: 1, fixed_amount: 1 });
    expect(r.unchecked.map((u) => [u.setl_id, u.code])).toEqual([['S006', 'POLICY_NOT_FOUND']]);
    expect(r.assumed.some((a) => a.startsWith('ytd accumulators=0'))).toBe(true);
    expect(r.assumed.some((a) => a.startsWith(`hosp_lv=${HOSP_LV}`))).toBe(true);
  });

  it('lists exactly the tampered settlement, field and difference, with the explanation', async () => {
    await tamper(his.db);
    const r = await audit();
    expect(r.findings.map((f) => f.setl_id)).toEqual(['S002']);
    const f = r.findings[0]!;
    expect(f.differences.map((d) => d.field)).toEqual(['hifp_pay']);
    const d = f.differences[0]!;
    const policyAmount = his.results.get('S002')!.setlinfo.hifp_pay.toFixed(2);
    expect(d.policy).toBe(policyAmount);
    expect(d.difference).toBe('5.00');
    expect(Number(d.recorded) - Number(d.policy)).toBeCloseTo(5, 2);
    expect(d.explanation?.field).toBe('hifp_pay');
    expect(d.explanation?.rule.length).toBeGreaterThan(0);
    // The tampered row also breaks I2 (fund_pay_sumamt is no longer the sum of the funds).
    expect(f.violations.map((v) => v.id)).toEqual(['I2']);
    expect(f.basis).toBe('lines');
  });

  it('a hospital level that changes the deductible shows in the differences', async () => {
    const r = await audit({ assume: { hosp_lv: '3' } });
    expect(r.findings.map((f) => f.setl_id)).toContain('S003');
    expect(r.findings.find((f) => f.setl_id === 'S003')!.differences.map((d) => d.field)).toContain('act_pay_dedc');
  });

  it('--limit caps the recomputations and counts the rest as not examined', async () => {
    const r = await audit({ limit: 1 });
    expect(r.recomputed).toBe(1);
    // S002, S003 and S006 (an attempt that fails counts against the limit too)
    expect(r.not_examined).toBe(3);
    expect(r.skipped).toHaveLength(2);
  });

  it('a period with no settlements is empty', async () => {
    const r = await audit({ from: '2024-09-21', to: '2024-09-22' });
    expect(r).toMatchObject({ read: 0, recomputed: 0, findings: [] });
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-12-31')).toBe('2025-01-01');
  });
});
