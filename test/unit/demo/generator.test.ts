import { describe, expect, it } from 'vitest';
import { demoCatalog, demoNationalCatalog, Rng, traceCode } from '../../../src/core/demo/index.js';
import { dayCounts, planDays } from '../../../src/core/demo/plan.js';
import { addDays, isIsoDay, stamp, weekday } from '../../../src/core/demo/dates.js';

describe('Rng', () => {
  it('repeats for a seed and label, and differs otherwise', () => {
    const a = new Rng(42, 'day:0');
    const b = new Rng(42, 'day:0');
    const xs = Array.from({ length: 50 }, () => a.u32());
    expect(Array.from({ length: 50 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => new Rng(42, 'day:1').u32())).not.toEqual(xs);
    expect(new Rng(43, 'day:0').u32()).not.toBe(xs[0]);
  });

  it('draws within bounds and roughly uniformly', () => {
    const r = new Rng(7);
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.int(10);
      if (x < 0 || x >= 10 || !Number.isInteger(x)) outside++;
      else buckets[x]++;
    }
    expect(outside).toBe(0);
    for (const n of buckets) expect(Math.abs(n - 2000)).toBeLessThan(250);
    expect(r.range(3, 3)).toBe(3);
  });
});

describe('traceCode', () => {
  it('is 20 digits starting with the product-identification code', () => {
    for (const k of [0, 1, 99, 123_456, 1_000_000_123]) {
      const c = traceCode('8300127', 3, k);
      expect(c).toMatch(/^8300127\d{13}$/);
    }
  });

  it('never repeats for different serials of a drug', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 50_000; k++) seen.add(traceCode('8300127', 5, k));
    for (let k = 1_000_000_000; k < 1_000_010_000; k++) seen.add(traceCode('8300127', 5, k));
    expect(seen.size).toBe(60_000);
  });
});

describe('demo catalog', () => {
  const c = demoCatalog();
  it('has unique item ids, national codes and product-identification codes', () => {
    expect(new Set(c.items.map((i) => i.fixmedins_hilist_id)).size).toBe(c.items.length);
    expect(new Set(c.items.map((i) => i.med_list_codg)).size).toBe(c.items.length);
    const prefixes = c.items.flatMap((i) => i.trac_prefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const p of prefixes) expect(p).toMatch(/^8\d{6}$/);
    for (const i of c.items) expect(i.trac).toBe(i.trac_prefixes.length > 0);
  });

  it('leaves the planted unknown code out of the national catalog', () => {
    const national = new Set(demoNationalCatalog().map((n) => n.med_list_codg));
    const unknown = c.items.find((i) => i.special === 'unknown_code')!;
    expect(national.has(unknown.med_list_codg)).toBe(false);
    for (const i of c.items) if (i.special !== 'unknown_code') expect(national.has(i.med_list_codg)).toBe(true);
    expect(national.has(c.remapCode)).toBe(true);
    expect(national.has(c.overlapCode)).toBe(true);
  });
});

describe('day plan', () => {
  it('allocates exactly the total over the days', () => {
    for (const [days, total] of [
      [3, 900],
      [30, 90_000],
      [30, 1_000_000],
      [7, 13],
    ] as const) {
      const start = '2025-03-03';
      const counts = dayCounts(
        1,
        days,
        total,
        Array.from({ length: days }, (_, i) => weekday(addDays(start, i))),
      );
      expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
      expect(counts).toHaveLength(days);
    }
  });

  it('puts every anomaly where it can happen', () => {
    for (let seed = 0; seed < 200; seed++) {
      const counts = [300, 280, 150, 310];
      const plans = planDays(seed, counts);
      const dayOf = (k: string) => plans.findIndex((p) => (p.trace as string[]).includes(k));
      expect(dayOf('sold_twice_second')).toBeGreaterThan(dayOf('sold_twice_first'));
      expect(dayOf('no_mapping_sale')).toBeGreaterThanOrEqual(1);
      expect(plans.findIndex((p) => p.crossMidnight)).toBeLessThan(counts.length - 1);
      expect(plans.reduce((n, p) => n + p.pending.size, 0)).toBe(4);
      expect(plans.filter((p) => p.rollback !== undefined)).toHaveLength(1);
      expect(plans.reduce((n, p) => n + p.targets.length, 0)).toBe(6);
      plans.forEach((p, d) => {
        for (const pos of p.pending.keys()) expect(pos).toBeLessThan(counts[d]!);
        if (p.rollback !== undefined) expect(p.pending.has(p.rollback)).toBe(false);
      });
    }
  });
});

describe('dates', () => {
  it('steps days across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(stamp('2025-03-03', 86_399)).toBe('2025-03-03 23:59:59');
    expect(weekday('2025-03-03')).toBe(1);
    expect(isIsoDay('2025-02-29')).toBe(false);
    expect(isIsoDay('2024-02-29')).toBe(true);
  });
});
