/**
 * What of a request may be recorded. Inputs carry no gateway secrets, but some fields are
 * credentials or identity numbers: the e-voucher token or card number in mdtrt_cert_no, the
 * card's card_sn, a signature in cainfo; 9101 carries a whole file. Those are masked before a
 * request is written to the journal. The digest is taken over the full wire input so that two
 * identical requests can be recognised without storing what was masked.
 */
import crypto from 'node:crypto';
import { canonicalJson } from '../protocol/canonicalJson.js';

export { canonicalJson };

export function requestDigest(infno: string, input: unknown): string {
  return crypto
    .createHash('sha256')
    .update(`${infno}\n${canonicalJson(input)}`, 'utf8')
    .digest('hex');
}

const keepLast = (s: string, n: number): string =>
  s.length <= n ? '*'.repeat(s.length) : `${'*'.repeat(s.length - n)}${s.slice(-n)}`;

/** Field → how to mask it. */
const MASKS: Record<string, (v: string) => string> = {
  mdtrt_cert_no: (v) => keepLast(v, 4),
  card_sn: () => '***',
  cainfo: () => '***',
  dev_safe_info: () => '***',
  certno: (v) => (v.length > 10 ? `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}` : keepLast(v, 2)),
  prsc_dr_certno: (v) => keepLast(v, 4),
  phar_certno: (v) => keepLast(v, 4),
};

function redactValue(key: string, v: unknown): unknown {
  if (key === 'in' && typeof v === 'string') {
    const bytes = Buffer.from(v, 'base64');
    return `<file ${bytes.length} bytes sha256:${crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16)}>`;
  }
  const m = MASKS[key];
  if (m && (typeof v === 'string' || typeof v === 'number')) return m(String(v));
  return redactInput(v);
}

/**
 * An input with the sensitive fields masked. Parts with nothing to mask are shared with the input,
 * not copied (a batch of fifty trace records has nothing to mask and is journaled per request);
 * the input itself is never changed.
 */
export function redactInput<T>(v: T): T {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = redactInput(v[i]);
      if (x !== v[i]) (out ??= v.slice())[i] = x;
    }
    return (out ?? v) as T;
  }
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
    const o = v as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(o)) {
      const x = redactValue(k, o[k]);
      if (x !== o[k]) (out ??= { ...o })[k] = x;
    }
    return (out ?? v) as T;
  }
  return v;
}
