/**
 * A name cut to a length a database accepts, the same every time: the first characters, then `_`
 * and 8 hex digits of the sha256 of the whole name (so two long names sharing a prefix stay apart).
 */
import { sha256 } from './digest.js';

export function shortName(name: string, max: number): string {
  if (name.length <= max) return name;
  return `${name.slice(0, max - 9)}_${sha256(name).slice(0, 8)}`;
}
