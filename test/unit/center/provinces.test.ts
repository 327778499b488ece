/**
 * Province profiles: center.province fills the settings left at their defaults (gateway, URL
 * shape, the 国密 channel), and the client reads each province's answers — fixed bodies in the
 * shapes of the interface reference (§1–§3), served over real HTTP by a small local center.
 */
import { Chalk } from 'chalk';
import { afterEach, describe, expect, it } from 'vitest';
import { centerSettings } from '../../../src/cli/centerSettings.js';
import { Ctx } from '../../../src/cli/context.js';
import { memoryIo } from '../../../src/cli/io.js';
import { Center, type CenterConfig } from '../../../src/core/center/index.js';
import { sealResponse } from '../../../src/core/center/protocol/channel.js';
import { parseSm4Key } from '../../../src/core/center/protocol/gm.js';
import { PROVINCES, provinceProfile } from '../../../src/core/config/index.js';
import { caught } from '../../helpers/caught.js';
import { startFakeCenter, tmpDir, type Answer, type Received } from './helpers.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SM4_HEX = '0123456789abcdeffedcba9876543210';
const SIGN_NO = '430100202401010800000000000001';
const SIGNIN = { signinoutb: { sign_time: '2024-01-01 08:00:00', sign_no: SIGN_NO } };

/** The settings `hisops` would use in a folder without hisops.yaml, under this environment. */
function settingsFor(env: Record<string, string>): CenterConfig {
  const io = memoryIo({ cwd: tmpDir('hisops-province-'), env });
  const ctx = new Ctx(io, {}, 'en', new Chalk({ level: 0 }), false, 'r1', 'test');
  return { ...centerSettings(ctx), retry: { attempts: 1 }, timeouts: { defaultMs: 3000 } };
}

async function against(province: string, answer: (r: Received) => Answer, env: Record<string, string> = {}) {
  const f = await startFakeCenter((r) => answer(r));
  cleanups.push(() => f.close());
  const c = new Center(settingsFor({ HISOPS_CENTER_PROVINCE: province, HISOPS_CENTER_URL: f.url, ...env }));
  cleanups.push(() => c.close());
  return { f, c };
}

const REF = (prefix: string) => `${prefix}0000202401010800000000000007`;
function env(over: Record<string, unknown>): { json: unknown } {
  return {
    json: {
      infcode: 0,
      inf_refmsgid: REF('43'),
      refmsg_time: '20240101080000000',
      respond_time: '20240101080000012',
      err_msg: null,
      warn_msg: null,
      output: null,
      cainfo: null,
      signtype: null,
      enctype: null,
      ...over,
    },
  };
}

describe('province profiles', () => {
  it('are found by 2-digit code, 6-digit division or name; an unknown one is a clear error', () => {
    expect(provinceProfile('43').name).toBe('Hunan');
    expect(provinceProfile('430100').name).toBe('Hunan');
    expect(provinceProfile('吉林').code).toBe('22');
    expect(provinceProfile('Jilin').code).toBe('22');
    expect(provinceProfile(undefined).code).toBe('national');
    expect(() => provinceProfile('99')).toThrow(/not a province hisops has a profile for/);
    for (const p of PROVINCES) expect(p.notes.length, p.code).toBeGreaterThan(0);
  });

  it('Hunan (43): HSAF _api_* headers and the infno on the path; infcode 0 as a number', async () => {
    const { f, c } = await against('43', () => env({ infcode: 0, err_msg: '成功', output: SIGNIN }), {
      HISOPS_CENTER_PAASID: 'ak-1',
      HISOPS_CENTER_SECRET: 'sk-secret-1',
    });
    expect((await c.signIn()).result.sign_no).toBe(SIGN_NO);
    expect(f.received[0]!.url).toMatch(/\/9001$/);
    expect(f.received[0]!.headers['_api_name']).toBe('9001');
    expect(f.received[0]!.headers['_api_signature']).toBeTruthy();
  });

  it('Chongqing (50): x-tif headers; infcode "0" as a string and err_msg ""', async () => {
    const { f, c } = await against(
      '50',
      () => env({ infcode: '0', err_msg: '', inf_refmsgid: REF('50'), output: SIGNIN }),
      { HISOPS_CENTER_PAASID: 'mbs_fsi_auth', HISOPS_CENTER_SECRET: 'token-1234' },
    );
    expect((await c.signIn()).result.sign_no).toBe(SIGN_NO);
    expect(f.received[0]!.url).not.toMatch(/9001/);
    expect(f.received[0]!.headers['x-tif-paasid']).toBe('mbs_fsi_auth');
  });

  it('Guangdong (44): output as JSON text; a settings value in the environment wins over the profile', async () => {
    const { f, c } = await against('44', () => env({ infcode: 0, output: JSON.stringify(SIGNIN) }), {
      HISOPS_CENTER_PAASID: 'gd',
      HISOPS_CENTER_SECRET: 'token-1234',
      HISOPS_CENTER_APPEND_INFNO: 'false',
    });
    expect((await c.signIn()).result.sign_no).toBe(SIGN_NO);
    expect(f.received[0]!.url).not.toMatch(/9001/);
    expect(f.received[0]!.headers['x-tif-signature']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('Shanghai (31): infcode -1 with an empty err_msg is a refusal that says so, never a success', async () => {
    const { c } = await against('31', () => env({ infcode: -1, err_msg: '', inf_refmsgid: REF('31') }));
    const e = await caught(c.signIn());
    expect(e.code).toBe('CENTER_REFUSED');
    expect(e.summary).toMatch(/\(no message\) — infcode -1, inf_refmsgid 310000/);
  });

  it('national: output as a list is read as the data node', async () => {
    const rows = [
      { hilist_code: 'X01', hilist_name: '甲' },
      { hilist_code: 'X02', hilist_name: '乙' },
    ];
    const { c } = await against('national', (r) =>
      r.infno === '9001' ? env({ infcode: 0, output: SIGNIN }) : env({ infcode: '0', output: rows }),
    );
    const r = await c.call('1312', { data: { query_date: '2024-01-01' } }, { kind: 'query', skipValidation: true });
    expect(r.result).toEqual({ data: rows });
  });

  it('Jilin (22): the profile turns the 国密 channel on; the encrypted output is read with the key, and refused without one', async () => {
    const sealed = () => ({
      json: sealResponse(
        env({ infcode: 0, inf_refmsgid: REF('22'), output: SIGNIN }).json as { infcode: number; output: unknown },
        { sm4Key: parseSm4Key(SM4_HEX) },
      ),
    });
    const { f, c } = await against('22', sealed, { HISOPS_CENTER_SM4_KEY: SM4_HEX });
    expect((await c.signIn()).result.sign_no).toBe(SIGN_NO);
    expect(f.received[0]!.body).toMatchObject({ enc_type: 'SM4' });
    expect(() => new Center(settingsFor({ HISOPS_CENTER_PROVINCE: '22' }))).toThrow(
      /center\.crypto is sm4 but no SM4 key is set/,
    );
    // The same answer to an institution left on the national profile: an error naming the setting.
    const plain = await against('national', sealed);
    const e = await caught(plain.c.signIn());
    expect(e.code).toBe('CENTER_ENCRYPTED_NO_KEY');
    expect(e.fix).toMatch(/center\.crypto: sm4/);
  });
});
