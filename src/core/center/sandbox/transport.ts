/**
 * The transport checks of the sandbox's HTTP front, each a small pure-ish step: the route, the
 * x-tif gateway headers, and the body (size, content type, charset, UTF-8, JSON). A failed
 * check gives the Chinese message a real center or gateway would answer with.
 */
import type http from 'node:http';
import { signaturesEqual, tifSignature } from '../protocol/index.js';
import type { TifCheck } from './sandboxOptions.js';

export const SERVICE_PATH = '/fsi/api/rsfComIfsService/callService';
const URL_INFNO = /^\d{4}[A-Z]?$/;

/** `/`, the national single path, or either followed by `/<infno>`. */
export function routeOf(pathname: string): { ok: true; urlInfno?: string } | { ok: false } {
  const p = pathname.replace(/\/+$/, '');
  if (p === '' || p === SERVICE_PATH) return { ok: true };
  const cut = p.lastIndexOf('/');
  const base = p.slice(0, cut);
  const last = decodeURIComponent(p.slice(cut + 1));
  if ((base === '' || base === SERVICE_PATH) && URL_INFNO.test(last)) return { ok: true, urlInfno: last };
  return { ok: false };
}

/**
 * The gateway's x-tif check: a function saying what is wrong with a request's headers (undefined
 * when nothing is). It remembers the nonces it saw, forgetting those older than twice the skew.
 */
export function tifGate(t: TifCheck): (req: http.IncomingMessage, now: Date) => string | undefined {
  const seenNonces = new Map<string, number>();
  const maxSkew = t.maxSkewSeconds ?? 300;
  return (req, now) => {
    const h = (k: string) => {
      const v = req.headers[k];
      return Array.isArray(v) ? v[0] : v;
    };
    const paasid = h('x-tif-paasid');
    const ts = h('x-tif-timestamp');
    const nonce = h('x-tif-nonce');
    const sig = h('x-tif-signature');
    if (!paasid || !ts || !nonce || !sig)
      return 'missing x-tif-paasid, x-tif-timestamp, x-tif-nonce or x-tif-signature';
    if (paasid !== t.paasid) return `unknown x-tif-paasid ${paasid}`;
    if (!/^\d{9,11}$/.test(ts)) return 'x-tif-timestamp must be Unix time in seconds';
    const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(ts));
    if (skew > maxSkew) return `x-tif-timestamp is ${skew} s away from the gateway clock`;
    if (!signaturesEqual(sig.toLowerCase(), tifSignature(ts, t.secret, nonce)))
      return 'x-tif-signature does not match sha256(timestamp + token + nonce + timestamp)';
    const key = `${ts}:${nonce}`;
    if (seenNonces.has(key)) return 'x-tif-nonce was already used';
    seenNonces.set(key, now.getTime());
    if (seenNonces.size > 100_000) {
      const limit = now.getTime() - 2 * 1000 * maxSkew;
      for (const [k, at] of seenNonces) if (at < limit) seenNonces.delete(k);
    }
    return undefined;
  };
}

/** The request's JSON body, or the refusal (HTTP status and message) when it is not one. */
type BodyResult = { ok: true; body: unknown } | { ok: false; status: number; message: string };

/** Read the body (at most `maxBody` bytes kept) and check its content type, charset, UTF-8 and JSON. */
export async function readJsonBody(req: http.IncomingMessage, maxBody: number): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= maxBody) chunks.push(c);
    });
    req.on('end', resolve);
    req.on('error', reject);
  });
  const refuse = (status: number, message: string): BodyResult => ({ ok: false, status, message });
  if (size > maxBody) return refuse(413, `请求报文过大：${size} bytes (the limit is ${maxBody} bytes)`);
  const ctype = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\s*(;|$)/i.test(ctype.trim()))
    return refuse(200, `请求头 Content-Type 错误：${ctype || '(none)'} (send application/json;charset=utf-8)`);
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(ctype)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) return refuse(200, `请求报文字符集错误：charset=${charset} (send UTF-8)`);
  let text: string;
  try {
    // Strict: a center refuses a body that is not UTF-8 rather than guessing (no GBK fallback here).
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return refuse(200, '请求报文不是有效的 UTF-8 文本 (encode the JSON body in UTF-8)');
  }
  if (text.trim() === '') return refuse(200, '请求报文为空 (send the JSON envelope in the body)');
  try {
    return { ok: true, body: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch (e) {
    return refuse(200, `请求报文不是有效的 JSON：${(e as Error).message}`);
  }
}
