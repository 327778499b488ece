/** A stable digest of JSON values (keys sorted), for "is this the same request/record again?". */
import crypto from 'node:crypto';
import { canonicalJson } from '../protocol/canonicalJson.js';

export { canonicalJson };

/** The digest of canonicalJson(v); with a memo, texts of objects written before are reused (see canonicalJson). */
export function digestOf(v: unknown, memo?: WeakMap<object, string>): string {
  return crypto.createHash('sha256').update(canonicalJson(v, memo)).digest('hex');
}
