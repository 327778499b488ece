/**
 * `hisops center serve --crypto sm4`: the sandbox runs the 国密 channel — it opens sealed
 * requests, checks the institution's signature, seals and signs its answers — and the client
 * reads them with the keys, and refuses to read them as empty without.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../../../src/cli/io.js';
import { registerCenter } from '../../../src/commands/center.js';
import { buildProgram } from '../../../src/main.js';
import { Center, type CenterConfig } from '../../../src/core/center/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import { sealRequest } from '../../../src/core/center/protocol/channel.js';
import { parseSm4Key, sm2KeyPair } from '../../../src/core/center/protocol/gm.js';
import { startSandbox } from '../../../src/core/center/sandbox/index.js';
import { envelope, post } from './helpers.js';

const SM4 = '0123456789abcdeffedcba9876543210';
const centerPair = sm2KeyPair();
const hisPair = sm2KeyPair();
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-center-gm-'));
  fs.writeFileSync(path.join(dir, 'sm4.key'), `${SM4}\n`);
  fs.writeFileSync(path.join(dir, 'center-sm2.key'), `${centerPair.privateKey}\n`);
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function config(url: string, crypto: CenterConfig['crypto']): CenterConfig {
  return {
    baseUrl: url,
    fixmedins_code: 'H43010000001',
    fixmedins_name: '示例医院',
    mdtrtarea_admvs: '430100',
    insuplc_admdvs: '430100',
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter: 'op01',
    opter_name: '张三',
    opter_type: '1',
    setl_optins: '430100',
    retry: { attempts: 1 },
    crypto,
  };
}

async function waitForUrl(err: () => string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const m = /listening on (http:\/\/[^\s]+)/.exec(err());
    if (m) return m[1]!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no start line: ${err()}`);
}

describe('hisops center serve --crypto sm4', () => {
  it('serves the encrypted channel: the keyed client reads it, a client without the key gets CENTER_ENCRYPTED_NO_KEY', async () => {
    const io = memoryIo({ cwd: dir, env: { HISOPS_CENTER_SM2_KEY: hisPair.privateKey } });
    const argv = [
      'center',
      'serve',
      '--port',
      '0',
      '--for',
      '10',
      '--data',
      'gm.db',
      '--crypto',
      'sm4',
      '--sm4-key-file',
      'sm4.key',
      '--sm2-key-file',
      'center-sm2.key',
      '--json',
    ];
    const { program, app } = await buildProgram(io, argv);
    if (!program.commands.some((c) => c.name() === 'center')) registerCenter(program, app);
    const done = program.parseAsync(argv, { from: 'user' }).then(() => app.exitCode);
    const url = await waitForUrl(io.err);
    expect(io.err()).toContain(centerPair.publicKey);
    expect(io.err()).toMatch(/requests' signatures checked/);

    const keyed = new Center(
      config(url, {
        kind: 'sm4',
        keyText: { sm4Key: SM4, sm2Key: hisPair.privateKey, centerPublicKey: centerPair.publicKey },
      }),
    );
    try {
      const r = await keyed.signIn();
      expect(r.result.sign_no).toMatch(/\S/);
    } finally {
      await keyed.close();
    }
    const plain = new Center(config(url, { kind: 'none' }));
    try {
      const e = await plain.signIn().catch((x: unknown) => x);
      expect(isHisopsError(e) && e.code).toBe('CENTER_ENCRYPTED_NO_KEY');
    } finally {
      await plain.close();
    }
    // Signed by someone else: the sandbox refuses it (plain refusal the client reads as such).
    const forger = new Center(config(url, { kind: 'sm4', keyText: { sm4Key: SM4, sm2Key: sm2KeyPair().privateKey } }));
    try {
      const e = await forger.signIn().catch((x: unknown) => x);
      expect(isHisopsError(e) && e.code).toBe('CENTER_REFUSED');
      expect(isHisopsError(e) && e.summary).toMatch(/签名验证失败/);
    } finally {
      await forger.close();
    }
    expect(await done).toBe(0);
    const doc = JSON.parse(io.out()) as {
      data: { crypto: { kind: string; centerPublicKey: string; requestsChecked: boolean }; stats: { sealed: number } };
    };
    expect(doc.data.crypto).toEqual({ kind: 'sm4', centerPublicKey: centerPair.publicKey, requestsChecked: true });
    expect(doc.data.stats.sealed).toBe(1);
    expect(io.out() + io.err()).not.toContain(SM4);
    expect(io.out() + io.err()).not.toContain(centerPair.privateKey);
  }, 30_000);

  it('a sandbox without --crypto refuses a sealed request by name', async () => {
    const sb = await startSandbox({ dataFile: ':memory:', port: 0, requireSignIn: false });
    try {
      const env = envelope('9001', { signIn: { opter_no: 'op01', mac: '', ip: '127.0.0.1' } }, '');
      const a = await post(sb.url, sealRequest(env as { input: unknown }, { sm4Key: parseSm4Key(SM4) }));
      expect(a.body.infcode).toBe(-1);
      expect(a.body.err_msg).toMatch(/本中心未启用国密通道/);
    } finally {
      await sb.close();
    }
  });
});
