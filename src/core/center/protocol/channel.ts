/**
 * The 国密 message channel (reference §1.3), as one pure codec used by the client and the sandbox.
 *
 * Request, sealed:  `input` becomes Base64(SM4(JSON text of input)), `enc_type` "SM4",
 *                   `signtype` "SM2", `cainfo` Base64(SM2 signature of that same JSON text).
 * Answer, sealed:   `output` becomes Base64(SM4(JSON text of output)), `enctype` "SM4",
 *                   `signtype` "SM2", `cainfo` the center's signature of the JSON text.
 *
 * What is signed is the plaintext JSON exactly as it was encrypted (the receiver verifies the text
 * it decrypted, not a re-serialization). Refusals (infcode ≠ 0) travel plain: err_msg is read as
 * it is. A plain answer on an encrypted channel is read as plain; a signed plain answer is
 * verified when the peer's key is known.
 */
import {
  SM2_DEFAULT_USER_ID,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
  sm4DecryptText,
  sm4EncryptText,
  type Sm4Mode,
} from './gm.js';

/** One side's keys. Held in memory only; never logged, journaled or shown. */
export interface ChannelKeys {
  sm4Key: Buffer;
  sm4Mode?: Sm4Mode;
  sm4Iv?: Buffer;
  /** Own SM2 private key (hex): sign what is sent. */
  signKey?: string;
  /** The peer's SM2 public key (hex): verify what is received. */
  peerPublicKey?: string;
  /** Z_A user id (default 1234567812345678). */
  userId?: string;
}

/** Why a sealed message could not be opened; `kind` picks the error the caller raises. */
export class ChannelError extends Error {
  constructor(
    readonly kind: 'decrypt' | 'signature' | 'unsigned',
    message: string,
  ) {
    super(message);
  }
}

const SM4_NAMES = /^sm4/i;

function named(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * Is a node's value ciphertext rather than JSON? A non-empty string that is not JSON text (Base64
 * never starts with { or [); an empty string only when the envelope names SM4 in
 * enctype/enc_type/encType (on a plain channel "" is an empty output).
 */
export function isSealedNode(value: unknown, envelope: Record<string, unknown>): boolean {
  if (typeof value !== 'string') return false;
  const s = value.trim();
  if ((s.startsWith('{') || s.startsWith('[')) && isJson(s)) return false;
  if (s !== '') return true;
  return SM4_NAMES.test(named(envelope.enctype) || named(envelope.enc_type) || named(envelope.encType));
}

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

/** What the envelope says about its channel, for messages: "enctype SM4, signtype SM2". */
export function channelWords(envelope: Record<string, unknown>): string {
  const parts: string[] = [];
  const enc = named(envelope.enctype) || named(envelope.enc_type) || named(envelope.encType);
  if (enc) parts.push(`enctype ${enc}`);
  if (named(envelope.signtype)) parts.push(`signtype ${named(envelope.signtype)}`);
  if (named(envelope.cainfo)) parts.push('cainfo present');
  return parts.join(', ') || 'output is not JSON';
}

function seal(plain: string, keys: ChannelKeys): { data: string; cainfo: string; signtype: string } {
  const data = sm4EncryptText(plain, keys.sm4Key, keys.sm4Mode, keys.sm4Iv);
  if (!keys.signKey) return { data, cainfo: '', signtype: '' };
  const pub = sm2PublicKeyOf(keys.signKey);
  return { data, cainfo: sm2Sign(plain, keys.signKey, keys.userId ?? SM2_DEFAULT_USER_ID, pub), signtype: 'SM2' };
}

/** Decrypt a sealed node and verify its signature when the peer's key is known. */
function open(cipher: string, cainfo: unknown, keys: ChannelKeys): unknown {
  let plain: string;
  try {
    plain = sm4DecryptText(cipher, keys.sm4Key, keys.sm4Mode, keys.sm4Iv);
  } catch (e) {
    throw new ChannelError(
      'decrypt',
      `SM4 decryption failed (${(e as Error).message}): the SM4 key or mode does not match the sender's`,
    );
  }
  verify(plain, cainfo, keys);
  try {
    return JSON.parse(plain);
  } catch {
    throw new ChannelError(
      'decrypt',
      "the decrypted text is not JSON: the SM4 key or mode does not match the sender's",
    );
  }
}

function verify(plain: string, cainfo: unknown, keys: ChannelKeys): void {
  if (!keys.peerPublicKey) return;
  const sig = named(cainfo);
  if (!sig) throw new ChannelError('unsigned', 'the message carries no SM2 signature (cainfo is empty)');
  if (!sm2Verify(plain, sig, keys.peerPublicKey, keys.userId ?? SM2_DEFAULT_USER_ID)) {
    throw new ChannelError('signature', 'the SM2 signature (cainfo) does not verify under the configured public key');
  }
}

/** The request as sent on an encrypted channel. */
export function sealRequest<T extends { input: unknown }>(
  env: T,
  keys: ChannelKeys,
): Omit<T, 'input'> & { input: string; enc_type: string; cainfo: string; signtype: string } {
  const s = seal(JSON.stringify(env.input), keys);
  return { ...env, input: s.data, enc_type: 'SM4', cainfo: s.cainfo, signtype: s.signtype };
}

/** The sandbox's side: a sealed request's input decrypted (and verified); a plain one as it is. */
export function openRequest(
  body: Record<string, unknown>,
  keys: ChannelKeys,
): { body: Record<string, unknown>; sealed: boolean } {
  if (!isSealedNode(body.input, body)) return { body, sealed: false };
  const input = open(String(body.input), body.cainfo, keys);
  return { body: { ...body, input }, sealed: true };
}

/** An answer as sent on an encrypted channel: success outputs sealed, refusals plain. */
export function sealResponse<T extends { infcode: unknown; output?: unknown }>(env: T, keys: ChannelKeys): T {
  if (Number(env.infcode) !== 0 || env.output === null || env.output === undefined) return { ...env, enctype: 'SM4' };
  const s = seal(JSON.stringify(env.output), keys);
  return { ...env, output: s.data, enctype: 'SM4', cainfo: s.cainfo, signtype: s.signtype };
}

/** The client's side: the answer's output decrypted (and verified). Throws ChannelError. */
export function openResponseOutput(envelope: Record<string, unknown>, keys: ChannelKeys): unknown {
  return open(String(envelope.output), envelope.cainfo, keys);
}

/** A signed plain output: verify it when the peer's key is known (JSON text as sent, or re-serialized). */
export function verifyPlainOutput(envelope: Record<string, unknown>, keys: ChannelKeys): void {
  if (!keys.peerPublicKey || !named(envelope.cainfo)) return;
  const o = envelope.output;
  verify(typeof o === 'string' ? o : JSON.stringify(o ?? null), envelope.cainfo, keys);
}
