import { describe, expect, it } from 'vitest';
import { classifyResponseBody } from '../../../src/core/center/protocol/envelope.js';
import {
  isSealedNode,
  openRequest,
  sealRequest,
  sealResponse,
  openResponseOutput,
  ChannelError,
} from '../../../src/core/center/protocol/channel.js';
import { parseSm4Key, sm2KeyPair } from '../../../src/core/center/protocol/gm.js';

const key = parseSm4Key('0123456789abcdeffedcba9876543210');

describe('the 国密 channel codec', () => {
  it('tells ciphertext from JSON, and never reads it as an empty output', () => {
    expect(isSealedNode('{"a":1}', {})).toBe(false);
    expect(isSealedNode('[1]', { enctype: 'SM4' })).toBe(false);
    expect(isSealedNode('', {})).toBe(false);
    expect(isSealedNode('', { enctype: 'SM4' })).toBe(true);
    expect(isSealedNode('aGVsbG8gd29ybGQhISEhISE=', {})).toBe(true);
    expect(isSealedNode({ a: 1 }, { enctype: 'SM4' })).toBe(false);
    const c = classifyResponseBody(JSON.stringify({ infcode: 0, output: 'aGVsbG8=', enctype: 'SM4' }));
    expect(c).toMatchObject({ kind: 'envelope', sealed: true, output: {} });
    const plain = classifyResponseBody(JSON.stringify({ infcode: '0', output: '' }));
    expect(plain).toMatchObject({ kind: 'envelope', sealed: false, output: {} });
  });

  it('round-trips a request and an answer; what is signed is the plaintext as encrypted', () => {
    const his = sm2KeyPair();
    const center = sm2KeyPair();
    const env = { infno: '2207', msgid: 'M1', input: { data: { psn_no: 'P1', medfee_sumamt: 100.5 } } };
    const sent = sealRequest(env, { sm4Key: key, signKey: his.privateKey });
    expect(sent).toMatchObject({ enc_type: 'SM4', signtype: 'SM2' });
    expect(openRequest(sent, { sm4Key: key, peerPublicKey: his.publicKey }).body.input).toEqual(env.input);
    expect(() =>
      openRequest(
        { ...sent, cainfo: sealRequest(env, { sm4Key: key, signKey: center.privateKey }).cainfo },
        { sm4Key: key, peerPublicKey: his.publicKey },
      ),
    ).toThrow(ChannelError);
    const answer = sealResponse(
      { infcode: 0, output: { setlinfo: { setl_id: 'S1' } } },
      { sm4Key: key, signKey: center.privateKey },
    );
    expect(
      openResponseOutput(answer as unknown as Record<string, unknown>, {
        sm4Key: key,
        peerPublicKey: center.publicKey,
      }),
    ).toEqual({ setlinfo: { setl_id: 'S1' } });
    // Refusals stay plain.
    expect(sealResponse({ infcode: -1, output: null, err_msg: '失败' }, { sm4Key: key })).toEqual({
      infcode: -1,
      output: null,
      err_msg: '失败',
      enctype: 'SM4',
    });
  });
});
