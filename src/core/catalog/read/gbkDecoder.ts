/**
 * GBK decoding for the center's big downloads, done here rather than by ICU: one pass over the
 * bytes through a table of the two-byte characters, which also notes where each tab lands in the
 * text, so that a line's seventy cells are found without searching it again (catalogRow's
 * LineIndex). Decoding and searching for tabs took a fifth of the reading thread.
 *
 * The table is built from the decoder it stands in for (ICU's, or iconv-lite's), one decode of
 * every two-byte sequence, so each character comes out as that decoder gives it. Anything else
 * — a byte 0x80 or 0xFF, a sequence not in the table (four-byte GB18030, damaged bytes) — hands
 * the text from the start of that chunk on to the decoder itself, in the state it would have
 * reached: ASCII and whole two-byte characters leave none behind, and a lead byte cut off at the
 * end of a chunk is carried over and given to it first. Text is the same either way.
 */
import type { ChunkDecoder } from './encoding.js';

/** UTF-16 code unit of lead << 8 | trail, or 0 when the sequence is not a plain two-byte character. */
let table: Uint16Array | undefined | null;

/** Trail bytes of GBK's two-byte characters (0x30–0x39 would start a four-byte sequence). */
const isTrail = (t: number) => (t >= 0x40 && t <= 0x7e) || (t >= 0x80 && t <= 0xfe);

/**
 * Every two-byte sequence decoded at once, each after a line break (which leaves the decoder with
 * nothing pending); null when the decoder does not read them that way (the pieces do not line up).
 */
function buildTable(make: () => ChunkDecoder): Uint16Array | null {
  const pairs: number[] = [];
  for (let l = 0x81; l <= 0xfe; l++) for (let t = 0x40; t <= 0xfe; t++) if (isTrail(t)) pairs.push((l << 8) | t);
  const bytes = new Uint8Array(pairs.length * 3 + 128);
  for (let b = 0; b < 128; b++) bytes[b] = b === 10 ? 32 : b; // ASCII read as itself, checked below
  pairs.forEach((p, i) => {
    bytes[128 + i * 3] = p >> 8;
    bytes[129 + i * 3] = p & 0xff;
    bytes[130 + i * 3] = 10;
  });
  const d = make();
  const text = d.write(bytes) + d.end();
  const head = text.slice(0, 128);
  for (let b = 0; b < 128; b++) if (head.charCodeAt(b) !== (b === 10 ? 32 : b)) return null;
  const pieces = text.slice(128).split('\n');
  if (pieces.length !== pairs.length + 1) return null;
  const out = new Uint16Array(65536);
  pairs.forEach((p, i) => {
    const s = pieces[i]!;
    if (s.length === 1 && s !== '\uFFFD') out[p] = s.charCodeAt(0);
  });
  return out;
}

/**
 * The fast decoder in front of `make()`'s (which also builds its table once), or undefined when
 * that decoder's two-byte characters could not be tabled.
 */
export function gbkDecoder(make: () => ChunkDecoder): ChunkDecoder | undefined {
  if (table === undefined) table = buildTable(make);
  if (!table) return undefined;
  return new FastGbk(table, make);
}

/** A GBK chunk decoder that also gives where the tabs of each chunk's text are. */
class FastGbk implements ChunkDecoder {
  /** Positions of the tabs in the text the last write returned; undefined when not known. */
  tabs: Int32Array | undefined;
  /** A lead byte cut off at the end of the last chunk, or -1. */
  private carry = -1;
  private slow: ChunkDecoder | undefined;
  // Room for a chunk of 32 KiB (openTable's slices) and its carried byte, grown for a bigger one.
  private units = new Uint16Array(32769);
  private marks = new Int32Array(32769);

  constructor(
    private readonly tbl: Uint16Array,
    private readonly make: () => ChunkDecoder,
  ) {}

  write(chunk: Uint8Array): string {
    if (this.slow) {
      this.tabs = undefined;
      return this.slow.write(chunk);
    }
    const n = chunk.length;
    if (this.units.length < n + 1) {
      this.units = new Uint16Array(n + 1);
      this.marks = new Int32Array(n + 1);
    }
    const out = this.units;
    const marks = this.marks;
    const tbl = this.tbl;
    let j = 0;
    let m = 0;
    let i = 0;
    if (this.carry >= 0) {
      if (n === 0) {
        this.tabs = new Int32Array(0);
        return '';
      }
      const c = tbl[(this.carry << 8) | chunk[0]!]!;
      if (c === 0) return this.handOver(chunk);
      out[j++] = c;
      i = 1;
    }
    let carry = -1;
    while (i < n) {
      const b = chunk[i]!;
      if (b < 0x80) {
        if (b === 9) marks[m++] = j;
        out[j++] = b;
        i++;
        continue;
      }
      if (i + 1 === n) {
        if (b === 0x80 || b === 0xff) return this.handOver(chunk);
        carry = b;
        break;
      }
      const c = tbl[(b << 8) | chunk[i + 1]!]!;
      if (c === 0) return this.handOver(chunk);
      out[j++] = c;
      i += 2;
    }
    this.carry = carry;
    this.tabs = marks.slice(0, m);
    return Buffer.from(out.buffer, out.byteOffset, j * 2).toString('utf16le');
  }

  /** From this chunk on, the decoder itself, given the carried lead byte first. */
  private handOver(chunk: Uint8Array): string {
    const slow = this.make();
    this.slow = slow;
    this.tabs = undefined;
    if (this.carry < 0) return slow.write(chunk);
    const first = slow.write(Uint8Array.of(this.carry));
    this.carry = -1;
    return first + slow.write(chunk);
  }

  end(): string {
    if (this.slow) return this.slow.end();
    if (this.carry < 0) return '';
    const slow = this.make();
    const s = slow.write(Uint8Array.of(this.carry));
    this.carry = -1;
    return s + slow.end();
  }
}
