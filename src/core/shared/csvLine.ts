/**
 * CSV as hisops writes it (RFC 4180; pure), through csv-stringify: a cell is quoted when it holds
 * a quote, comma or line break; null and undefined are empty; every other value is written as
 * `String(value)` writes it (csv-stringify's own casts would turn `true` into `1` and a date into
 * milliseconds).
 */
import { stringify } from 'csv-stringify/sync';

const AS_TEXT = { boolean: String, date: String, object: String, bigint: String };

/** One line of cells, without its line break. */
export function csvLine(cells: readonly unknown[]): string {
  return stringify([cells as unknown[]], { eof: false, cast: AS_TEXT });
}
