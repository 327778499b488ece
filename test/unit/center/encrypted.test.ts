/**
 * The client on the 国密 channel, over real HTTP against a small local center that seals its
 * answers the way reference §1.3 describes (Base64 SM4 output, SM2 cainfo, enctype SM4): read
 * with the key; without it an error (exit 5) whose journal row keeps the raw body — never an
 * empty success; a wrong key or a bad signature is an error too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { caught } from '../../helpers/caught.js';
import { Center, type CenterConfig } from '../../../src/core/center/index.js';
import { CenterCallJournal } from '../../../src/core/center/client/index.js';
import { openRequest, sealResponse, type ChannelKeys } from '../../../src/core/center/protocol/channel.js';
import { parseSm4Key, sm2KeyPair } from '../../../src/core/center/protocol/gm.js';
import {
  baseConfig,
  ok,
  settleInput,
  settleOutput,
  SIGNIN_OK,
  startFakeCenter,
  tmpJournal,
  type Answer,
  type Received,
} from './helpers.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const SM4 = parseSm4Key('0123456789abcdeffedcba9876543210');
const centerPair = sm2KeyPair();
const hisPair = sm2KeyPair();
/** The center's side: its own signing key, the institution's public key. */
const CENTER_KEYS: ChannelKeys = { sm4Key: SM4, signKey: centerPair.privateKey, peerPublicKey: hisPair.publicKey };
/** The institution's side. */
const HIS_KEYS: ChannelKeys = { sm4Key: SM4, signKey: hisPair.privateKey, peerPublicKey: centerPair.publicKey };

function sealed(answer: { json: unknown }): { json: unknown } {
  return { json: sealResponse(answer.json as { infcode: number; output: unknown }, CENTER_KEYS) };
}

async function fake(handler: (r: Received) => Answer) {
  const f = await startFakeCenter((r) => handler(r));
  cleanups.push(() => f.close());
  return f;
}

async function journal() {
  const j = await tmpJournal();
  cleanups.push(() => j.journal.close());
  return j.journal;
}

function center(config: CenterConfig, deps: ConstructorParameters<typeof Center>[1] = {}): Center {
  const c = new Center(config, deps);
  cleanups.push(() => c.close());
  return c;
}

function saleInfo() {
  return {
    med_list_codg: 'XJ01CAA040A001010100483',
    fixmedins_hilist_id: 'H-AMX',
    fixmedins_hilist_name: '阿莫西林胶囊',
    fixmedins_bchno: 'BCH1',
    prsc_dr_name: '赵医生',
    phar_name: '钱药师',
    phar_prac_cert_no: 'PH001',
    hi_feesetl_type: '1',
    mdtrt_sn: 'MD0001',
    psn_cert_type: '01',
    manu_lotnum: 'L2401',
    manu_date: '2024-01-01',
    expy_end: '2026-01-01',
    rx_flag: '1',
    trdn_flag: '0',
    rx_circ_flag: '0',
    rtal_docno: 'RT1',
    sel_retn_cnt: 1,
    sel_retn_time: '2024-05-01 10:00:00',
    sel_retn_opter_name: '钱药师',
    drugtracinfo: [{ drug_trac_codg: '81234567890123456789' }],
  };
}

/** A center that answers every call sealed: 9001 sign-in, 2207 settlement, 3505 a rejected sale. */
function sealedCenter(): (r: Received) => Answer {
  return (r) => {
    if (r.infno === '9001') return sealed(SIGNIN_OK);
    if (r.infno === '3505') return sealed(ok({ result: { retRslt: '0', msgRslt: '追溯码已销售' } }));
    return sealed(ok(settleOutput()));
  };
}

describe('the client on the 国密 channel', () => {
  it('seals the request (input Base64 SM4, enc_type, SM2 cainfo) and reads the sealed answer', async () => {
    const j = await journal();
    const f = await fake(sealedCenter());
    const c = center(baseConfig(f.url, { crypto: { kind: 'sm4', keys: HIS_KEYS } }), { journal: j });
    const r = await c.outpatientSettle(settleInput());
    expect(r.result.setlinfo.setl_id).toBe('S0001');
    const sent = f.received.find((x) => x.infno === '2207')!.body!;
    expect(sent).toMatchObject({ enc_type: 'SM4', signtype: 'SM2' });
    expect(typeof sent.input).toBe('string');
    expect(String(sent.input)).not.toContain('psn_no');
    // The center's side opens it and checks the institution's signature.
    const opened = openRequest(sent, CENTER_KEYS);
    expect(opened.sealed).toBe(true);
    expect((opened.body.input as { data: { psn_no: string } }).data.psn_no).toBe('43000000000000000001');
    expect((await new CenterCallJournal(j).get(r.msgid))!.status).toBe('ok');
  });

  it('2207 answered sealed with no key: CENTER_ENCRYPTED_NO_KEY (exit 5), journal unknown with the raw body — not "no setlinfo", not ok', async () => {
    const j = await journal();
    const f = await fake((r) => (r.infno === '9001' ? SIGNIN_OK : sealed(ok(settleOutput()))));
    const c = center(baseConfig(f.url), { journal: j });
    const e = await caught(c.outpatientSettle(settleInput()));
    expect(e.code).toBe('CENTER_ENCRYPTED_NO_KEY');
    expect(e.exit).toBe(5);
    expect(e.summary).toMatch(/encrypted channel \(enctype SM4, signtype SM2, cainfo present\)/);
    expect(e.fix).toMatch(/center\.crypto: sm4/);
    expect(e.fix).toMatch(/HISOPS_CENTER_SM4_KEY/);
    expect(e.text('zh-CN').summary).toMatch(/加密通道/);
    const row = (await new CenterCallJournal(j).list({ infno: '2207' }))[0]!;
    expect(row.status).toBe('unknown');
    expect(row.infcode).toBe('0');
    const raw = JSON.parse(row.output!);
    expect(raw.enctype).toBe('SM4');
    expect(typeof raw.output).toBe('string');
    expect(raw.output.length).toBeGreaterThan(40);
  });

  it('3505 answered sealed with no key is not read as accepted', async () => {
    const j = await journal();
    const f = await fake((r) =>
      r.infno === '9001' ? SIGNIN_OK : sealed(ok({ result: { retRslt: '1', msgRslt: '成功' } })),
    );
    const e = await caught(center(baseConfig(f.url), { journal: j }).goodsSell(saleInfo()));
    expect(e.code).toBe('CENTER_ENCRYPTED_NO_KEY');
    const row = (await new CenterCallJournal(j).list({ infno: '3505' }))[0]!;
    expect(row.status).toBe('unknown');
  });

  it('3505 answered sealed with the key: the rejection inside is read (not taken for accepted)', async () => {
    const j = await journal();
    const f = await fake(sealedCenter());
    const e = await caught(
      center(baseConfig(f.url, { crypto: { kind: 'sm4', keys: HIS_KEYS } }), { journal: j }).goodsSell(saleInfo()),
    );
    expect(e.code).toBe('CENTER_REJECTED');
    expect(e.summary).toContain('追溯码已销售');
  });

  it('a query answered sealed with no key fails the same way, and is not retried into a success', async () => {
    const f = await fake(sealedCenter());
    const e = await caught(
      center(
        baseConfig(f.url, { signIn: 'off', retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }),
      ).querySettlement({ psn_no: 'P', setl_id: 'S0001' }),
    );
    expect(e.code).toBe('CENTER_ENCRYPTED_NO_KEY');
    expect(e.fix).toMatch(/repeat the command/);
    expect(f.received.filter((x) => x.infno === '5203')).toHaveLength(1);
  });

  it('a wrong SM4 key: CENTER_DECRYPT_FAILED (exit 5)', async () => {
    const f = await fake(sealedCenter());
    const wrong: ChannelKeys = { ...HIS_KEYS, sm4Key: parseSm4Key('00112233445566778899aabbccddeeff') };
    const e = await caught(center(baseConfig(f.url, { crypto: { kind: 'sm4', keys: wrong } })).signIn());
    expect(e.code).toBe('CENTER_DECRYPT_FAILED');
    expect(e.exit).toBe(5);
    expect(e.fix).toMatch(/SM4 key/);
  });

  it('a signature that does not verify, or none: CENTER_SIGNATURE_INVALID (exit 5)', async () => {
    const forged = await fake(
      (_r) =>
        ({
          json: sealResponse(SIGNIN_OK.json as { infcode: number; output: unknown }, {
            ...CENTER_KEYS,
            signKey: sm2KeyPair().privateKey,
          }),
        }) as Answer,
    );
    const e = await caught(center(baseConfig(forged.url, { crypto: { kind: 'sm4', keys: HIS_KEYS } })).signIn());
    expect(e.code).toBe('CENTER_SIGNATURE_INVALID');
    expect(e.exit).toBe(5);
    const unsigned = await fake(() => ({
      json: sealResponse(SIGNIN_OK.json as { infcode: number; output: unknown }, { sm4Key: SM4 }),
    }));
    const u = await caught(center(baseConfig(unsigned.url, { crypto: { kind: 'sm4', keys: HIS_KEYS } })).signIn());
    expect(u.code).toBe('CENTER_SIGNATURE_INVALID');
    expect(u.why).toMatch(/no SM2 signature/);
  });

  it('a refusal on the encrypted channel travels plain and is read as a refusal', async () => {
    const f = await fake(() => ({
      json: {
        infcode: -1,
        inf_refmsgid: '220000202401010000000000000002',
        err_msg: '签名验证失败',
        output: null,
        enctype: 'SM4',
      },
    }));
    const e = await caught(center(baseConfig(f.url, { crypto: { kind: 'sm4', keys: HIS_KEYS } })).signIn());
    expect(e.code).toBe('CENTER_REFUSED');
    expect(e.summary).toContain('签名验证失败');
  });
});
