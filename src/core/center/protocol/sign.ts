/**
 * Gateway signatures (reference §1.2). Pure: the timestamp and nonce are arguments.
 *
 * tif  (x-tif-*): signature = hex(SHA-256(timestamp + token + nonce + timestamp)), lower-case,
 *                 timestamp in Unix seconds. Plain SHA-256, not HMAC.
 * hsaf (_api_*):  signature = Base64(HMAC-SHA1(secret, "_api_access_key=…&_api_name=…&
 *                 _api_timestamp=…&_api_version=…")), timestamp in Unix milliseconds.
 */
import crypto from 'node:crypto';

export function tifSignature(timestamp: string, token: string, nonce: string): string {
  return crypto.createHash('sha256').update(`${timestamp}${token}${nonce}${timestamp}`, 'utf8').digest('hex');
}

interface TifHeaderArgs {
  paasid: string;
  token: string;
  now: Date;
  nonce: string;
}

export function tifHeaders(a: TifHeaderArgs): Record<string, string> {
  const timestamp = String(Math.floor(a.now.getTime() / 1000));
  return {
    'x-tif-paasid': a.paasid,
    'x-tif-timestamp': timestamp,
    'x-tif-nonce': a.nonce,
    'x-tif-signature': tifSignature(timestamp, a.token, a.nonce),
  };
}

export function hsafSignature(
  p: { accessKey: string; name: string; timestamp: string; version: string },
  secret: string,
): string {
  const msg = `_api_access_key=${p.accessKey}&_api_name=${p.name}&_api_timestamp=${p.timestamp}&_api_version=${p.version}`;
  return crypto.createHmac('sha1', secret).update(msg, 'utf8').digest('base64');
}

interface HsafHeaderArgs {
  accessKey: string;
  secret: string;
  infno: string;
  now: Date;
  version?: string;
}

export function hsafHeaders(a: HsafHeaderArgs): Record<string, string> {
  const timestamp = String(a.now.getTime());
  const version = a.version ?? '1.0.0';
  return {
    _api_name: a.infno,
    _api_version: version,
    _api_timestamp: timestamp,
    _api_access_key: a.accessKey,
    _api_signature: hsafSignature({ accessKey: a.accessKey, name: a.infno, timestamp, version }, a.secret),
  };
}

/** Constant-time comparison for a server checking a signature. */
export function signaturesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
