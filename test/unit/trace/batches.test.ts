import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestDigest, toWireInput, validateInput } from '../../../src/core/center/index.js';
import { makeBatch, planWaves, type CheckedRecord } from '../../../src/core/trace/index.js';
import { checker, code, ret, sale, stockIn } from './fixtures.js';

describe('planWaves', () => {
  it('batches sales as 3505A, stock as 3502A, returns one by one as 3506, in valid requests', () => {
    const checked = checker().check([
      stockIn('RK1', '2025-03-03 07:00:00', [code(1), code(2), code(3)]),
      sale('FY1', '2025-03-03 09:00:00', [code(1)]),
      sale('FY2', '2025-03-03 09:01:00', [code(2)]),
      sale('FY3', '2025-03-03 09:02:00', [code(10)]),
      ret('FY4', '2025-03-03 10:00:00', [code(1)], 'FY1'),
    ]);
    expect(checked.every((c) => c.findings.length === 0)).toBe(true);
    const waves = planWaves(checked, 2);
    const shape = waves.map((w) => w.map((b) => `${b.infno}:${b.records.map((r) => r.record.id).join('+')}`));
    // RK1 and the unrelated FY3 go first; the sales of codes RK1 brought in after it; the return after its sale.
    expect(shape).toEqual([['3502A:RK1', '3505A:FY3'], ['3505A:FY1+FY2'], ['3506:FY4']]);
    for (const b of waves.flat()) {
      expect(validateInput(b.infno, b.input)).toEqual([]);
      expect(b.request_digest).toBe(requestDigest(b.infno, toWireInput(b.infno, b.input)));
    }
    expect(waves[1]![0]!.input).toMatchObject({ selinfoDetail: [{ rtal_docno: 'FY1' }, { rtal_docno: 'FY2' }] });
    expect(waves[1]![0]!.codes).toBe(2);
  });

  it('sends single transactions with batchSize 1', () => {
    const checked = checker().check([
      sale('FY1', '2025-03-03 09:00:00', [code(1)]),
      sale('FY2', '2025-03-03 09:01:00', [code(2)]),
    ]);
    const [wave] = planWaves(checked, 1);
    expect(wave!.map((b) => b.infno)).toEqual(['3505', '3505']);
    expect(wave![0]!.input).toHaveProperty('selinfo.rtal_docno', 'FY1');
  });

  it('gives the same request digest for the same records, whatever run builds it', () => {
    const build = () => makeBatch(checker().check([sale('FY1', '2025-03-03 09:00:00', [code(1)])]), true);
    expect(build().request_digest).toBe(build().request_digest);
  });

  it('never puts two records of one code in one wave, keeps time order per code, and sends every record once', () => {
    const arb = fc.array(
      fc.record({
        minute: fc.integer({ min: 0, max: 59 }),
        codes: fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 3 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 7 }), (specs, size) => {
        const recs = specs.map((s, i) =>
          sale(
            `FY${String(i).padStart(3, '0')}`,
            `2025-03-03 09:${String(s.minute).padStart(2, '0')}:00`,
            s.codes.map((c) => code(c)),
          ),
        );
        // Build checked records directly: the property is about planning, not about the checks.
        const checked: CheckedRecord[] = recs.map((r) => {
          const c = checker().check([r])[0]!;
          return c;
        });
        const waves = planWaves(checked, size);
        const seen: string[] = [];
        const waveOf = new Map<string, number>();
        waves.forEach((w, i) => {
          const codesInWave = new Set<string>();
          for (const b of w) {
            expect(b.records.length).toBeLessThanOrEqual(size);
            for (const r of b.records) {
              seen.push(r.record.id);
              waveOf.set(r.record.id, i);
              for (const c of r.codes) {
                expect(codesInWave.has(c)).toBe(false);
                codesInWave.add(c);
              }
            }
          }
        });
        expect(seen.sort()).toEqual(recs.map((r) => r.id).sort());
        const byTime = [...recs].sort((a, b) =>
          a.time === b.time ? a.id.localeCompare(b.id) : a.time.localeCompare(b.time),
        );
        for (let i = 0; i < byTime.length; i++)
          for (let j = i + 1; j < byTime.length; j++) {
            const shared = byTime[i]!.codes.some((c) => byTime[j]!.codes.includes(c));
            if (shared) expect(waveOf.get(byTime[i]!.id)!).toBeLessThan(waveOf.get(byTime[j]!.id)!);
          }
      }),
      { numRuns: 60 },
    );
  });
});
