import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';

interface Step {
  step: string;
  did: string;
  ok: boolean;
  found: string;
  data?: unknown;
}

async function demo(env: Record<string, string>): Promise<{ code: number; steps: Step[]; err: string }> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-gm-'));
  const io = memoryIo({ cwd, env });
  const code = await main(['demo', '--dir', path.join(cwd, 'demo'), '--json'], io);
  return { code, steps: JSON.parse(io.out()).data.steps, err: io.err() };
}

/** What a step found, without what differs from run to run (sign_no, ports, msgids, times). */
function found(s: Step): string {
  return s.found
    .replace(/sign_no \S+/g, 'sign_no *')
    .replace(/127\.0\.0\.1:\d+/g, 'host')
    .replace(/\b[A-Z]\d{11}\d{14}\d{4}\b/g, 'msgid');
}

describe('hisops demo over the 国密 channel', () => {
  // SM4 only: SM2 signatures (about 160 ms a call in the sm-crypto package) are exercised over
  // HTTP in test/unit/center/encrypted.test.ts and test/integration/sandbox/crypto.test.ts.
  it('runs every step through an SM4-encrypted sandbox and finds the same as over plain JSON', async () => {
    const plain = await demo({});
    const secret = await demo({
      HISOPS_CENTER_CRYPTO: 'sm4',
      HISOPS_CENTER_SM4_KEY: '0123456789abcdeffedcba9876543210',
    });
    expect(
      secret.steps.filter((s) => !s.ok),
      secret.err,
    ).toEqual([]);
    expect(secret.steps[0]!.did).toMatch(/on the 国密 channel \(SM4\)/);
    expect(plain.steps[0]!.did).not.toMatch(/国密/);
    expect(secret.code).toBe(plain.code);
    expect(secret.steps.map((s) => `${s.step}: ${found(s)}`)).toEqual(plain.steps.map((s) => `${s.step}: ${found(s)}`));
    const again = (r: { steps: Step[] }) => ({
      ...(r.steps.find((s) => s.step === 'reconcile again')!.data as Record<string, unknown>),
      ms: 0,
    });
    expect(again(secret)).toEqual(again(plain));
  }, 400_000);
});
