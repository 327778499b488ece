import { describe, expect, it } from 'vitest';
import {
  parseSm2PublicKey,
  parseSm4Key,
  sm2KeyPair,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm3Hex,
  sm4DecryptText,
  sm4EncryptBlock,
  sm4EncryptText,
} from '../../../src/core/center/protocol/gm.js';

describe('国密 primitives', () => {
  it('SM4 reproduces the GB/T 32907 test vector', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    expect(sm4EncryptBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('SM3 reproduces the GB/T 32905 test vectors', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('SM4-ECB round-trips Chinese JSON through Base64 and a wrong key fails instead of returning garbage', () => {
    const key = parseSm4Key('0123456789abcdeffedcba9876543210');
    const text = JSON.stringify({ setlinfo: { setl_id: 'S1', psn_name: '张三', medfee_sumamt: 123.45 } });
    const b64 = sm4EncryptText(text, key);
    expect(b64).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(sm4DecryptText(b64, key)).toBe(text);
    const wrong = parseSm4Key('00000000000000000000000000000000');
    expect(() => sm4DecryptText(b64, wrong)).toThrow();
    expect(() => sm4DecryptText('not base64!', key)).toThrow(/Base64/);
  });

  it('SM4 keys: 32 hex digits or 16 characters, anything else refused', () => {
    expect(parseSm4Key('1234567890abcdef').length).toBe(16);
    expect(() => parseSm4Key('abc')).toThrow(/32 hex digits/);
  });

  it('SM2 signs and verifies a round trip; a tampered signature or message fails', () => {
    const { privateKey, publicKey } = sm2KeyPair();
    expect(sm2PublicKeyOf(privateKey)).toBe(publicKey);
    const msg = '{"data":{"psn_no":"P1","medfee_sumamt":"100.00"}}';
    const sig = sm2Sign(msg, privateKey);
    expect(sm2Verify(msg, sig, publicKey)).toBe(true);
    expect(sm2Verify(msg.replace('100.00', '900.00'), sig, publicKey)).toBe(false);
    const bytes = Buffer.from(sig, 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    expect(sm2Verify(msg, bytes.toString('base64'), publicKey)).toBe(false);
    expect(sm2Verify(msg, sig, sm2KeyPair().publicKey)).toBe(false);
    expect(sm2Verify(msg, sig, publicKey, 'another-user-id')).toBe(false);
  });

  it('SM2 public keys are checked to be points of the curve', () => {
    const { publicKey } = sm2KeyPair();
    expect(parseSm2PublicKey(publicKey.slice(2))).toBe(publicKey);
    expect(() => parseSm2PublicKey('04' + '1'.repeat(128))).toThrow(/SM2 public key/);
  });
});
