import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

/**
 * --quiet (the README's cron line): every command prints its verdict in a line or two and its
 * problems on stderr — no tables, no notes. Without --quiet a pipe gets wide tables as one record
 * per line. On the demo's data, served by the sandbox from its center.db.
 */
describe('--quiet and piped output on the demo data', () => {
  let dir = '';
  let demoOut = '';
  let demoQuiet = '';
  let demoQuietCode = -1;
  let manifest: { startDate: string; endDate: string };
  let sb: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-quiet-'));
    dir = path.join(cwd, 'demo');
    const q = memoryIo({ cwd, env: {} });
    demoQuietCode = await main(['demo', '--quiet'], q);
    demoQuiet = q.out();
    const io = memoryIo({ cwd, env: {} });
    expect(await main(['demo', '--dir', dir], io), io.err()).toBe(0);
    demoOut = io.out();
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'));
    const { startSandbox } = await import('../../src/core/center/sandbox/index.js');
    sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db'), port: 0, admdvs: '430100' });
  }, 240_000);

  afterAll(async () => {
    await sb?.close();
  });

  const run = async (args: string[]) => {
    const io = memoryIo({ cwd: dir, env: { HISOPS_CENTER_URL: sb.url } });
    const code = await main(args, io);
    return { code, out: io.out(), err: io.err() };
  };
  const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

  it('hisops demo --quiet prints the verdict alone', () => {
    expect(demoQuietCode).toBe(0);
    expect(lines(demoQuiet)).toEqual(['✓ Every job ran and found exactly what the seed planted.']);
  });

  it('hisops demo into a pipe: one record per line, no 300-column grid', () => {
    expect(demoOut).not.toMatch(/[│┌└─]/);
    const steps = lines(demoOut).filter((l) => l.startsWith('step: '));
    expect(steps.length).toBe(9);
    expect(steps[0]).toMatch(/^step: demo seed · what it did: HIS \d+ settlements/);
    expect(demoOut).toContain('✓ Every job ran and found exactly what the seed planted.');
  });

  const commands = (): Array<[string, string[]]> => [
    ['reconcile', ['reconcile', '--from', manifest.startDate, '--to', manifest.endDate]],
    ['settle stuck', ['settle', 'stuck', '--from', manifest.startDate, '--to', manifest.endDate]],
    ['trace upload', ['trace', 'upload', '--from', manifest.startDate, '--to', manifest.endDate, '--apply']],
    ['mapping check', ['mapping', 'check', '--on', manifest.startDate]],
    ['doctor', ['doctor']],
  ];

  it('each command under --quiet: a line or two on stdout, the same exit, and no tables or notes', async () => {
    for (const [name, args] of commands()) {
      const loud = await run(args);
      const quiet = await run([...args, '--quiet']);
      expect(quiet.code, `${name}: ${quiet.err}`).toBe(loud.code);
      expect(lines(loud.out).length, `${name} says more without --quiet`).toBeGreaterThan(lines(quiet.out).length);
      const said = lines(quiet.out);
      expect(said.length, `${name}:\n${quiet.out}`).toBeGreaterThanOrEqual(1);
      expect(said.length, `${name}:\n${quiet.out}`).toBeLessThanOrEqual(3);
      for (const l of said) expect(l, name).toMatch(/^[✓✗] /);
      expect(quiet.out, name).not.toMatch(/[│┌└]|run \d/);
    }
  }, 240_000);

  it('--json is unaffected by --quiet', async () => {
    const args = ['reconcile', '--from', manifest.startDate, '--to', manifest.endDate, '--json'];
    const a = JSON.parse((await run(args)).out);
    const b = JSON.parse((await run([...args, '--quiet'])).out);
    expect(b.data.findings.length).toBe(a.data.findings.length);
    expect(b.ok).toBe(a.ok);
  }, 60_000);
});
