/**
 * 国密 primitives the encrypted channel needs (reference §1.3), pure and synchronous:
 *
 * - SM4 (GB/T 32907) from Node's own OpenSSL: ECB with PKCS#7 padding by default — what the
 *   provinces' SDKs call "SM4/ECB/PKCS5Padding" — or CBC with a 16-byte IV. Ciphertext is Base64.
 * - SM3 (GB/T 32905) from Node's OpenSSL, hex.
 * - SM2 signatures (GB/T 32918) from sm-crypto, since Node signs an SM2-curve key as plain ECDSA
 *   without the Z_A digest: SM3 over Z_A ‖ message with the user id 1234567812345678 (the
 *   standard's default, which the center SDKs keep), the signature DER-encoded and Base64 — what
 *   Java's BouncyCastle SM2Signer produces. Verification also accepts the raw 64-byte r ‖ s form.
 *
 * Keys are hex: an SM4 key is 32 hex digits (or 16 plain characters, as some provinces hand them
 * out), an SM2 private key 64 hex digits, a public key 128/130 hex digits (04 ‖ x ‖ y) or 66
 * (compressed). Nothing here logs or keeps a key.
 */
import crypto from 'node:crypto';
import { createRequire } from 'node:module';

export type Sm4Mode = 'ecb' | 'cbc';

/** The user id of the SM2 Z_A digest when the province names none (GB/T 35276). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

type SmCrypto = typeof import('sm-crypto');
let smCrypto: SmCrypto | undefined;
/** Loaded on first use: commands that never sign do not pay for it. */
function sm2(): SmCrypto['sm2'] {
  smCrypto ??= createRequire(import.meta.url)('sm-crypto') as SmCrypto;
  return smCrypto.sm2;
}

/** Why a key was not accepted (no key material in the text). */
export class KeyFormatError extends Error {}

/** A 16-byte SM4 key from 32 hex digits or 16 plain characters. */
export function parseSm4Key(text: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{32}$/.test(t)) return Buffer.from(t, 'hex');
  if (Buffer.byteLength(t, 'utf8') === 16) return Buffer.from(t, 'utf8');
  throw new KeyFormatError(
    `an SM4 key is 32 hex digits (16 bytes) or 16 plain characters; this one has ${t.length} characters`,
  );
}

/** A 64-hex-digit SM2 private key (a PEM/DER container is not read: export the key as hex). */
export function parseSm2PrivateKey(text: string): string {
  const t = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(t))
    throw new KeyFormatError(`an SM2 private key is 64 hex digits; this one has ${t.length} characters`);
  return t.toLowerCase();
}

/** An SM2 public key as 130 hex digits (04 ‖ x ‖ y); 128 digits get the 04, 66 stay compressed. */
export function parseSm2PublicKey(text: string): string {
  let t = text.trim().replace(/^0x/i, '').toLowerCase();
  if (/^[0-9a-f]{128}$/.test(t)) t = `04${t}`;
  if (!/^(04[0-9a-f]{128}|0[23][0-9a-f]{64})$/.test(t) || !sm2().verifyPublicKey(t)) {
    throw new KeyFormatError(
      'an SM2 public key is 130 hex digits starting 04 (or 128 without it, or 66 compressed) and a point of the SM2 curve',
    );
  }
  return t;
}

function sm4Cipher(mode: Sm4Mode, key: Buffer, iv: Buffer | undefined): { name: string; iv: Buffer | null } {
  if (key.length !== 16) throw new KeyFormatError('an SM4 key is 16 bytes');
  if (mode === 'ecb') return { name: 'sm4-ecb', iv: null };
  if (!iv || iv.length !== 16) throw new KeyFormatError('SM4-CBC needs a 16-byte IV');
  return { name: 'sm4-cbc', iv };
}

function sm4Encrypt(plain: Buffer, key: Buffer, mode: Sm4Mode = 'ecb', iv?: Buffer): Buffer {
  const c = sm4Cipher(mode, key, iv);
  const cipher = crypto.createCipheriv(c.name, key, c.iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/** Throws when the padding is wrong (the usual sign of a wrong key). */
function sm4Decrypt(data: Buffer, key: Buffer, mode: Sm4Mode = 'ecb', iv?: Buffer): Buffer {
  const c = sm4Cipher(mode, key, iv);
  const decipher = crypto.createDecipheriv(c.name, key, c.iv);
  return Buffer.concat([decipher.update(data), decipher.final()]);
}

/** One raw block, no padding: for the published test vectors. */
export function sm4EncryptBlock(block: Buffer, key: Buffer): Buffer {
  const cipher = crypto.createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** UTF-8 text → Base64 ciphertext. */
export function sm4EncryptText(text: string, key: Buffer, mode: Sm4Mode = 'ecb', iv?: Buffer): string {
  return sm4Encrypt(Buffer.from(text, 'utf8'), key, mode, iv).toString('base64');
}

/** Base64 ciphertext → UTF-8 text; throws on bad Base64, a bad length or bad padding. */
export function sm4DecryptText(b64: string, key: Buffer, mode: Sm4Mode = 'ecb', iv?: Buffer): string {
  const t = b64.replace(/\s+/g, '');
  if (t === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0)
    throw new Error('the ciphertext is not Base64');
  const data = Buffer.from(t, 'base64');
  if (data.length % 16 !== 0) throw new Error(`the ciphertext is ${data.length} bytes, not whole SM4 blocks`);
  return new TextDecoder('utf-8', { fatal: true }).decode(sm4Decrypt(data, key, mode, iv));
}

export function sm3Hex(data: string | Buffer): string {
  return crypto.createHash('sm3').update(data).digest('hex');
}

export function sm2KeyPair(): { privateKey: string; publicKey: string } {
  return sm2().generateKeyPairHex();
}

export function sm2PublicKeyOf(privateKey: string): string {
  return sm2().getPublicKeyFromPrivateKey(privateKey);
}

/** SM2 signature (SM3 with Z_A) of the UTF-8 text, DER, Base64. */
export function sm2Sign(text: string, privateKey: string, userId = SM2_DEFAULT_USER_ID, publicKey?: string): string {
  const hex = sm2().doSignature(text, privateKey, {
    der: true,
    hash: true,
    userId,
    publicKey: publicKey ?? sm2PublicKeyOf(privateKey),
  });
  return Buffer.from(hex, 'hex').toString('base64');
}

/** Does the Base64 signature (DER or raw r ‖ s) verify the text under the public key? */
export function sm2Verify(
  text: string,
  signatureB64: string,
  publicKey: string,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  const t = signatureB64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return false;
  const sig = Buffer.from(t, 'base64');
  try {
    if (sig.length === 64)
      return sm2().doVerifySignature(text, sig.toString('hex'), publicKey, { der: false, hash: true, userId });
    if (sig[0] !== 0x30) return false;
    return sm2().doVerifySignature(text, sig.toString('hex'), publicKey, { der: true, hash: true, userId });
  } catch {
    return false;
  }
}
