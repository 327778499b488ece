/**
 * The center's 3202 result file read from its bytes (parseResultBytes): what parseResultText
 * gives, without the file decoded whole — a day is tens of thousands of lines, nearly all of them
 * balanced, and for such a line only its setl_id is needed. Pure.
 */
import { isUtf8 } from 'node:buffer';
import { fenOfBytes } from '../money.js';
import { decodeText } from '../shared/index.js';
import { keyPlaces, parseResultText, ResultReader, type ParsedResult } from './detailFile.js';
import type { BalancedLine } from './types.js';

/**
 * parseResultText over the result file's bytes as the center sent them: the same rows and
 * balanced lines, without the file decoded whole. A plainly balanced line (nearly every line of a
 * day) is judged from its bytes and only its setl_id is made — its text is made only if it is
 * asked for; every other line is decoded and read as parseResultText reads it. A file that is not
 * UTF-8 (GBK) is decoded and read as text.
 */
export function parseResultBytes(bytes: Uint8Array, columns: readonly string[]): ParsedResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // decodeText drops a BOM, its UTF-8 decoder another, and resultLines a third.
  let at = 0;
  for (let k = 0; k < 3 && buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf; k++) at += 3;
  if (!isUtf8(buf.subarray(at))) return parseResultText(decodeText(bytes), columns);
  const reader = new ResultReader(columns);
  const quick = balancedBytes(columns);
  for (let line = 1; ; line++) {
    const br = buf.indexOf(10, at);
    const end = br === -1 ? buf.length : br;
    // resultLines drops the "\r" before each break (not after the last line).
    const e = br !== -1 && end > at && buf[end - 1] === 13 ? end - 1 : end;
    const setl_id = quick(buf, at, e);
    if (setl_id !== null) reader.balanced.push(new BytesLine(line, setl_id, buf, at, e));
    else reader.line(buf.toString('utf8', at, e), line);
    if (br === -1) break;
    at = br + 1;
  }
  return reader.done();
}

/** A balanced line read from the file's bytes: its text is made when asked for. */
class BytesLine implements BalancedLine {
  constructor(
    readonly line: number,
    readonly setl_id: string,
    private readonly bytes: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}
  get raw(): string {
    return this.bytes.toString('utf8', this.start, this.end);
  }
}

/**
 * balancedKey over a line's bytes [s, e), for the plain case only: the right number of cells,
 * stmt_rslt "0", a setl_id of visible ASCII (not four characters: "null" is no setl_id), a
 * refund flag empty, 0 or 1, and amounts written -digits.dd. Then the line's setl_id; else null,
 * and the line is read as text (which may still find it balanced).
 */
function balancedBytes(columns: readonly string[]): (b: Buffer, s: number, e: number) => string | null {
  const places = keyPlaces(columns);
  if (!places) return () => null;
  const { iSetl, iRslt, iRefd, iAmounts } = places;
  const n = columns.length;
  // Where each cell starts, then one past the line's end.
  const starts = new Int32Array(n + 1);
  return (b, s, e) => {
    let cells = 1;
    starts[0] = s;
    for (let j = s; j < e; j++) {
      if (b[j] !== 9) continue;
      if (cells === n) return null;
      starts[cells++] = j + 1;
    }
    if (cells !== n) return null;
    starts[n] = e + 1;
    const from = (k: number) => starts[k]!;
    const to = (k: number) => starts[k + 1]! - 1;
    if (to(iRslt) - from(iRslt) !== 1 || b[from(iRslt)] !== 48) return null;
    const ids = from(iSetl);
    const ide = to(iSetl);
    if (ide - ids < 1 || ide - ids === 4) return null;
    for (let j = ids; j < ide; j++) if (b[j]! < 33 || b[j]! > 126) return null;
    if (iRefd >= 0) {
      const len = to(iRefd) - from(iRefd);
      const c = b[from(iRefd)];
      if (len > 1 || (len === 1 && c !== 48 && c !== 49)) return null;
    }
    for (const k of iAmounts) if (fenOfBytes(b, from(k), to(k)) === undefined) return null;
    return b.toString('latin1', ids, ide);
  };
}
