/** A stable digest of JSON values (keys sorted), for "is this the same request/record again?". */
import crypto from 'node:crypto';
import { canonicalJson } from '../protocol/canonicalJson.js';

export { canonicalJson };

export function digestOf(v: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(v)).digest('hex');
}
