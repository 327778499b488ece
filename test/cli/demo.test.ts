import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

describe('hisops demo', () => {
  it('runs every job on a fresh seed and each finds exactly what was planted', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-cli-'));
    const dir = path.join(cwd, 'demo');
    const io = memoryIo({ cwd, env: {} });
    const code = await main(['demo', '--dir', dir, '--json'], io);
    const doc = JSON.parse(io.out());
    const bad = doc.data.steps.filter((s: { ok: boolean }) => !s.ok);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(code).toBe(0);
    const names = doc.data.steps.map((s: { step: string }) => s.step);
    for (const n of [
      'demo seed',
      'doctor',
      'schema diff / sync',
      'catalog / mapping import',
      'settle calc',
      'reconcile',
      'settle stuck / reverse',
      'reconcile again',
      'trace check / upload',
    ])
      expect(names).toContain(n);
    // Nothing outside the demo folder: no journal or config in the working directory.
    expect(fs.readdirSync(cwd)).toEqual(['demo']);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
    expect(manifest.anomalies.length).toBe(doc.data.anomalies);
    expect(fs.readFileSync(path.join(dir, 'sync.sql'), 'utf8')).toMatch(/needs review/i);
  }, 120_000);

  it('closes the loop: reconcile again after the repairs leaves only decisions; the folder is ready to go on by hand', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-loop-'));
    const dir = path.join(cwd, 'demo');
    const io = memoryIo({ cwd, env: {} });
    expect(await main(['demo', '--dir', dir, '--json'], io)).toBe(0);
    const doc = JSON.parse(io.out());
    const again = doc.data.steps.find((x: { step: string }) => x.step === 'reconcile again');
    expect(again.ok).toBe(true);
    const left = again.data.findings as Array<{
      kind: string;
      cause: string;
      setl_id: string | null;
      repair: { certain: boolean; action: string; command: string | null };
    }>;
    // Only the planted differences that need a person (or are a timing difference), each saying what to decide.
    expect(left.map((f) => `${f.kind}/${f.cause}`).sort()).toEqual([
      'amount_mismatch/amounts_differ',
      'amount_mismatch/rounding',
      'center_duplicate/keys_withheld',
      'center_only/unknown_to_his',
      'cross_midnight/near_midnight',
    ]);
    expect(left.filter((f) => f.repair.certain && f.repair.action !== 'none')).toEqual([]);
    expect(again.data.refused).toEqual([]);
    expect(again.data.today.findings).toEqual([]);

    // By hand, as the demo prints it: the folder's hisops.yaml names the HIS, the journal, the
    // profile and the sandbox; served from center.db (here on a free port), the same result.
    const yaml = fs.readFileSync(path.join(dir, 'hisops.yaml'), 'utf8');
    expect(yaml).toContain('url: http://127.0.0.1:8700');
    expect(fs.existsSync(path.join(dir, 'profiles', 'reference.yaml'))).toBe(true);
    const { startSandbox } = await import('../../src/core/center/sandbox/index.js');
    const sb = await startSandbox({
      lenientVisits: true,
      dataFile: path.join(dir, 'center.db'),
      port: 0,
      admdvs: '430100',
    });
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
      const byHand = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: sb.url } });
      expect(await main(['reconcile', '--from', manifest.startDate, '--to', manifest.endDate, '--json'], byHand)).toBe(
        3,
      );
      const r = JSON.parse(byHand.out());
      expect(
        r.data.findings
          .map((f: { kind: string; cause: string; setl_id: string }) => `${f.kind}/${f.cause} ${f.setl_id}`)
          .sort(),
      ).toEqual(left.map((f) => `${f.kind}/${f.cause} ${f.setl_id}`).sort());
      // Every command a finding suggests runs as printed: a plan, exit 0.
      for (const f of r.data.findings as Array<{ repair: { command: string | null } }>) {
        if (!f.repair.command) continue;
        const c = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: sb.url } });
        expect(await main(f.repair.command.split(' ').slice(1), c), c.err()).toBe(0);
      }
    } finally {
      await sb.close();
    }
  }, 120_000);

  it('the cancel path (--center-only cancel) closes the loop as well', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-cancel-'));
    const io = memoryIo({ cwd, env: {} });
    const code = await main(['demo', '--center-only', 'cancel', '--json'], io);
    const doc = JSON.parse(io.out());
    const bad = doc.data.steps.filter((s: { ok: boolean }) => !s.ok);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it('refuses a folder that already holds a demo', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-used-'));
    fs.writeFileSync(path.join(dir, 'his.db'), '');
    const io = memoryIo({ cwd: dir, env: {} });
    expect(await main(['demo', '--dir', dir], io)).toBe(2);
    expect(io.err()).toContain('already holds a demo');
  });

  it('demo seed is deterministic: the same seed gives the same manifest', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-seed-cli-'));
    const a = memoryIo({ cwd, env: {} });
    const b = memoryIo({ cwd, env: {} });
    expect(await main(['demo', 'seed', '--out', 'a', '--seed', '9', '--json'], a)).toBe(0);
    expect(await main(['demo', 'seed', '--out', 'b', '--seed', '9', '--json'], b)).toBe(0);
    const ma = JSON.parse(a.out()).data.manifest;
    const mb = JSON.parse(b.out()).data.manifest;
    expect(ma.totals).toEqual(mb.totals);
    expect(ma.anomalies).toEqual(mb.anomalies);
    expect(ma.center.totals ?? ma.center).toEqual(mb.center.totals ?? mb.center);
    // The seed given is the seed used: the manifest on disk says so.
    for (const d of ['a', 'b'])
      expect(JSON.parse(fs.readFileSync(path.join(cwd, d, 'seed.json'), 'utf8'))).toMatchObject({
        seed: 9,
        size: 'small',
      });
  });

  it("demo seed takes its own --size and --seed (the README's demo seed --size medium --seed 7)", async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-seed-opts-'));
    const io = memoryIo({ cwd, env: {} });
    // --no-center and --days keep the medium run short; size and seed must still be the ones given.
    expect(
      await main(
        ['demo', 'seed', '--size', 'medium', '--seed', '7', '--days', '2', '--no-center', '--out', 'm', '--json'],
        io,
      ),
      io.err(),
    ).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, 'm', 'seed.json'), 'utf8'))).toMatchObject({
      seed: 7,
      size: 'medium',
      days: 2,
    });
  }, 120_000);

  it('demo seed refuses an unknown size (exit 2) and writes nothing', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-seed-bad-'));
    const io = memoryIo({ cwd, env: {} });
    expect(await main(['demo', 'seed', '--size', 'bogus', '--out', 'x'], io)).toBe(2);
    expect(io.err()).toContain('small, medium, large');
    expect(fs.existsSync(path.join(cwd, 'x'))).toBe(false);
  });
});
