import { describe, expect, it } from 'vitest';
import {
  certnoInPsnNo,
  idCheckChar,
  isResidentId,
  personFromCertno,
  personFromPsnNo,
  sandboxRoster,
} from '../../../src/core/center/sandbox/index.js';

describe('resident IDs', () => {
  it('checks the check character (GB 11643) and the birth date', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(isResidentId('11010519491331002X')).toBe(false);
    expect(isResidentId('1101051949123100')).toBe(false);
  });
});

describe('sandboxRoster', () => {
  const roster = sandboxRoster(50);
  it('is deterministic and varies with the seed', () => {
    expect(sandboxRoster(50)).toEqual(roster);
    expect(sandboxRoster(50, { seed: 2 }).map((p) => p.certno)).not.toEqual(roster.map((p) => p.certno));
  });
  it('gives valid, distinct, insured persons; every tenth is out of area', () => {
    expect(new Set(roster.map((p) => p.certno)).size).toBe(50);
    for (const [i, p] of roster.entries()) {
      expect(isResidentId(p.certno)).toBe(true);
      expect(p.insured).toBe(true);
      expect(p.insuplc_admdvs).toBe(i % 10 === 9 ? '440300' : '430100');
      expect(['310', '390']).toContain(p.insutype);
      if (p.insutype === '390') expect(p.initial_balc.eq(0)).toBe(true);
      else expect(p.initial_balc.gte(200) && p.initial_balc.lte(5000)).toBe(true);
    }
    expect(roster.some((p) => p.insutype === '310') && roster.some((p) => p.insutype === '390')).toBe(true);
  });
  it('resolves a person number back to the same person without state', () => {
    for (const p of roster.slice(0, 10)) {
      expect(certnoInPsnNo(p.psn_no)).toBe(p.certno);
      expect(personFromPsnNo(p.psn_no, '430100', '2026-01-01')).toEqual(p);
    }
    const made = personFromPsnNo('HIS-PSN-0001', '430100', '2026-01-01');
    expect(made.psn_no).toBe('HIS-PSN-0001');
    expect(isResidentId(made.certno)).toBe(true);
    expect(personFromPsnNo('HIS-PSN-0001', '430100', '2026-01-01')).toEqual(made);
  });
  it('marks sequence 000 as not insured and derives gender from the 17th digit', () => {
    const first17 = '43010019800101000';
    expect(personFromCertno(first17 + idCheckChar(first17), '430100', '2026-01-01').insured).toBe(false);
    const male = '43010019800101011';
    expect(personFromCertno(male + idCheckChar(male), '430100', '2026-01-01').gend).toBe('1');
  });
});
