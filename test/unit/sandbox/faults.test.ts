import { describe, expect, it } from 'vitest';
import { FaultPlan, formatFaults, parseFaults } from '../../../src/core/center/sandbox/index.js';
import { isHisopsError } from '../../../src/core/errors.js';

describe('parseFaults', () => {
  it('reads the compact command-line form', () => {
    const r = parseFaults('2207:timeout-after-commit@0.2,3505:latency=50ms,3201:error@1,*:reset@0.05');
    expect(r.map((x) => [x.infno, x.kind, x.probability])).toEqual([
      ['2207', 'timeout-after-commit', 0.2],
      ['3505', 'latency', 1],
      ['3201', 'error', 1],
      ['*', 'reset', 0.05],
    ]);
    expect(r[0]!.socket).toBe('hold');
    expect(r[1]!.latencyMs).toBe(50);
    expect(r[2]!.message).toMatch(/injected error for 3201/);
  });

  it('reads parameters: ranges, seconds, percentages, statuses, messages, reset sockets', () => {
    const [a, b, c, d, e] = parseFaults(
      '1101:latency=20..80ms@25%; 1101:latency=1s; 5203:gateway=502; 3201:error=维护中; 2304:timeout-after-commit=reset',
    );
    expect([a!.latencyMs, a!.latencyMaxMs, a!.probability]).toEqual([20, 80, 0.25]);
    expect(b!.latencyMs).toBe(1000);
    expect(c!.status).toBe(502);
    expect(d!.message).toBe('维护中');
    expect(e!.socket).toBe('reset');
  });

  it('reads JSON (list or map) and YAML', () => {
    const fromJson = parseFaults(
      '{"2207": "timeout-after-commit@0.2", "*": ["reset@0.05", {"kind": "latency", "latency": 5}]}',
    );
    const fromList = parseFaults(
      '[{"infno": "2207", "kind": "timeout-after-commit", "probability": 0.2}, "*:reset@0.05"]',
    );
    const fromYaml = parseFaults('"2207": timeout-after-commit@0.2\n"*":\n  - reset@0.05\n  - latency=5ms\n');
    for (const r of [fromJson, fromYaml])
      expect(r.map((x) => `${x.infno}:${x.kind}@${x.probability}`)).toEqual([
        '2207:timeout-after-commit@0.2',
        '*:reset@0.05',
        '*:latency@1',
      ]);
    expect(fromList.map((x) => `${x.infno}:${x.kind}`)).toEqual(['2207:timeout-after-commit', '*:reset']);
    expect(parseFaults(formatFaults(fromJson)).map((x) => x.kind)).toEqual([
      'timeout-after-commit',
      'reset',
      'latency',
    ]);
  });

  it('treats empty and "none" as no faults', () => {
    expect(parseFaults('')).toEqual([]);
    expect(parseFaults('none')).toEqual([]);
    expect(parseFaults(undefined)).toEqual([]);
  });

  it('refuses nonsense with a usage error that shows the form', () => {
    for (const bad of [
      '2207',
      '2207:explode',
      '2207:error@2',
      '22x07:error',
      '1101:latency',
      '1101:latency=fast',
      '1101:gateway=200',
      '1101:timeout=later',
      '{"a": ',
      '1101:reset=1',
    ]) {
      let err: unknown;
      try {
        parseFaults(bad);
      } catch (e) {
        err = e;
      }
      expect(isHisopsError(err), bad).toBe(true);
      expect((err as { code: string }).code).toBe('SANDBOX_FAULT_SPEC');
      expect((err as { fix: string }).fix).toMatch(/<infno>:<kind>/);
      expect((err as { exit: number }).exit).toBe(2);
    }
  });
});

describe('FaultPlan', () => {
  it('is reproducible for a seed and independent of other transactions', () => {
    const rules = parseFaults('2207:error@0.3,1101:reset@0.5');
    const run = (seed: number, noise: boolean) => {
      const p = new FaultPlan(rules, seed);
      let s = '';
      for (let i = 0; i < 200; i++) {
        if (noise) p.decide('1101');
        s += p.decide('2207').outcome ? 'x' : '.';
      }
      return s;
    };
    expect(run(1, false)).toBe(run(1, true));
    expect(run(1, false)).not.toBe(run(2, false));
  });

  it('hits about as often as the probability says', () => {
    const p = new FaultPlan(parseFaults('*:error@0.2'), 99);
    let hits = 0;
    for (let i = 0; i < 5000; i++) if (p.decide('2207').outcome) hits++;
    expect(hits / 5000).toBeGreaterThan(0.17);
    expect(hits / 5000).toBeLessThan(0.23);
  });

  it('adds latencies, lets the first outcome rule win, and matches prefixes', () => {
    const p = new FaultPlan(parseFaults('3505A:latency=10ms,35*:latency=5ms,35*:error=a,*:reset'), 1);
    const d = p.decide('3505A');
    expect(d.latencyMs).toBe(15);
    expect(d.outcome?.message).toBe('a');
    expect(p.decide('1101').outcome?.kind).toBe('reset');
    const range = new FaultPlan(parseFaults('*:latency=10..20ms'), 3);
    for (let i = 0; i < 50; i++) {
      const ms = range.decide('1101').latencyMs;
      expect(ms).toBeGreaterThanOrEqual(10);
      expect(ms).toBeLessThanOrEqual(20);
    }
  });
});
