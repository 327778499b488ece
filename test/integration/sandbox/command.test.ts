/**
 * `hisops center serve` in-process: it serves until --for runs out, answers over HTTP meanwhile,
 * prints its summary, and refuses bad options with exit 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerCenter } from '../../../src/commands/center.js';
import { buildProgram } from '../../../src/main.js';
import { startSandbox } from '../../../src/core/center/sandbox/index.js';
import { envelope, post, signIn } from './helpers.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-cmd-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], during?: (err: () => string) => Promise<void>) {
  const io = memoryIo({ cwd: dir });
  const { program, app } = await buildProgram(io, argv);
  if (!program.commands.some((c) => c.name() === 'center')) registerCenter(program, app);
  const done = program.parseAsync(argv, { from: 'user' }).then(() => app.exitCode);
  if (during) await during(io.err);
  const code = await done;
  return { code, out: io.out(), err: io.err() };
}

async function waitForUrl(err: () => string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const m = /listening on (http:\/\/[^\s]+)/.exec(err());
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no start line: ${err()}`);
}

describe('hisops center serve', () => {
  it('serves for --for seconds and reports what it served', async () => {
    const r = await run(
      [
        'center',
        'serve',
        '--port',
        '0',
        '--for',
        '2',
        '--data',
        'c.db',
        '--faults',
        '3201:error@1',
        '--seed',
        '5',
        '--json',
      ],
      async (err) => {
        const url = await waitForUrl(err);
        const sign_no = await signIn(url);
        const a = await post(url, envelope('3201', { data: {} }, sign_no));
        expect(a.body.err_msg).toMatch(/injected error for 3201/);
      },
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      ok: boolean;
      data: {
        stats: { requests: number; faults: Record<string, number> };
        seed: number;
        faults: string;
        stoppedBy: string;
        ledger: Record<string, number>;
        dataFile: string;
      };
    };
    expect(doc.ok).toBe(true);
    expect(doc.data.stats.requests).toBe(2);
    expect(doc.data.stats.faults.error).toBe(1);
    expect([doc.data.seed, doc.data.faults, doc.data.stoppedBy]).toEqual([5, '3201:error@1', 'time']);
    expect(doc.data.ledger.signins).toBe(1);
    expect(doc.data.dataFile).toBe(path.join(dir, 'c.db'));
    expect(fs.existsSync(path.join(dir, 'c.db'))).toBe(true);
  });

  it('prints a human summary table', async () => {
    const r = await run(['center', 'serve', '--port', '0', '--for', '1', '--data', 'h.db'], async (err) => {
      await signIn(await waitForUrl(err));
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/9001/);
    expect(r.out).toMatch(/stopped after \d+ s \(time\); 1 requests/);
  });

  it('refuses a bad fault spec, a bad port and a busy port with exit 2', async () => {
    const bad = await run(['center', 'serve', '--faults', '2207:explode', '--for', '1', '--json']);
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.out).error.code).toBe('SANDBOX_FAULT_SPEC');
    const port = await run(['center', 'serve', '--port', '70000', '--for', '1']);
    expect(port.code).toBe(2);
    expect(port.err).toMatch(/--port 70000/);
    const busy = await startSandbox({ lenientVisits: true });
    try {
      const r = await run(['center', 'serve', '--port', String(busy.port), '--for', '1', '--data', 'b.db', '--json']);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.out).error.code).toBe('CENTER_PORT_IN_USE');
    } finally {
      await busy.close();
    }
  });
});
