/**
 * CSV as hisops writes it (RFC 4180; pure), through csv-stringify: a cell is quoted when it holds
 * a quote, comma or line break; null and undefined are empty; every other value is written as
 * `String(value)` writes it (csv-stringify's own casts would turn `true` into `1` and a date into
 * milliseconds).
 */
import { createRequire } from 'node:module';

// csv-stringify is loaded on the first line written: runs that write no CSV (a batch `settle calc`)
// do not pay for loading it at start.
type Stringify = typeof import('csv-stringify/sync').stringify;
let stringifyFn: Stringify | undefined;
const stringify: Stringify = (...a) =>
  (stringifyFn ??= (createRequire(import.meta.url)('csv-stringify/sync') as typeof import('csv-stringify/sync'))
    .stringify)(...a);

const AS_TEXT = { boolean: String, date: String, object: String, bigint: String };

/** One line of cells, without its line break. */
export function csvLine(cells: readonly unknown[]): string {
  return stringify([cells as unknown[]], { eof: false, cast: AS_TEXT });
}
