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

/** CRC-32 (zlib's) of one byte, by table. */
const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/**
 * The same table one and two bytes further on (a byte followed by one or two zero bytes), so the
 * two or three bytes of a character's UTF-8 go into the CRC in one step ("slicing"), three table
 * reads side by side instead of one after the other.
 */
const CRC_TABLE1 = CRC_TABLE.map((c) => (c >>> 8) ^ CRC_TABLE[c & 0xff]!);
const CRC_TABLE2 = CRC_TABLE1.map((c) => (c >>> 8) ^ CRC_TABLE[c & 0xff]!);

/**
 * A GBK chunk decoder that also gives where the tabs of each chunk's text are, and the CRC-32 of
 * the UTF-8 of each line that ends in it (the fingerprint's, catalogRow.ts), a carriage return
 * before the line break left out as the line reader leaves it out: taken here from the characters
 * as they are decoded, instead of encoding each line again for zlib.
 */
class FastGbk implements ChunkDecoder {
  /** Positions of the tabs in the text the last write returned; undefined when not known. */
  tabs: Int32Array | undefined;
  /** CRC-32 of each line that ended in the text the last write returned, in order; undefined when not known. */
  lineCrcs: Uint32Array | undefined;
  /** A lead byte cut off at the end of the last chunk, or -1. */
  private carry = -1;
  private slow: ChunkDecoder | undefined;
  // Room for a chunk of 32 KiB (openTable's slices) and its carried byte, grown for a bigger one.
  private units = new Uint16Array(32769);
  private marks = new Int32Array(32769);
  private crcs = new Uint32Array(32769);
  /** The running CRC of the line so far (inverted, as zlib keeps it), and what it was before its last carriage return. */
  private crc = -1;
  private crcCR = -1;
  /** Whether the last character decoded was a carriage return. */
  private lastCR = false;

  constructor(
    private readonly tbl: Uint16Array,
    private readonly make: () => ChunkDecoder,
  ) {}

  write(chunk: Uint8Array): string {
    if (this.slow) {
      this.tabs = undefined;
      this.lineCrcs = undefined;
      return this.slow.write(chunk);
    }
    const n = chunk.length;
    if (this.units.length < n + 1) {
      this.units = new Uint16Array(n + 1);
      this.marks = new Int32Array(n + 1);
      this.crcs = new Uint32Array(n + 1);
    }
    const out = this.units;
    const marks = this.marks;
    const crcs = this.crcs;
    const tbl = this.tbl;
    const T = CRC_TABLE;
    let crc = this.crc;
    let crcCR = this.crcCR;
    let j = 0;
    let m = 0;
    let k = 0;
    let i = 0;
    if (this.carry >= 0) {
      if (n === 0) {
        this.tabs = new Int32Array(0);
        this.lineCrcs = new Uint32Array(0);
        return '';
      }
      const c = tbl[(this.carry << 8) | chunk[0]!]!;
      if (c === 0) return this.handOver(chunk);
      out[j++] = c;
      crc = crcOfUnit(crc, c);
      i = 1;
    }
    let carry = -1;
    while (i < n) {
      const b = chunk[i]!;
      if (b < 0x80) {
        if (b <= 13) {
          if (b === 9) marks[m++] = j;
          else if (b === 10) {
            const cr = j > 0 ? out[j - 1] === 13 : this.lastCR;
            crcs[k++] = ~(cr ? crcCR : crc);
            crc = -1;
            out[j++] = 10;
            i++;
            continue;
          } else if (b === 13) crcCR = crc;
        }
        crc = T[(crc ^ b) & 0xff]! ^ (crc >>> 8);
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
      crc = crcOfUnit(crc, c);
      i += 2;
    }
    this.carry = carry;
    this.crc = crc;
    this.crcCR = crcCR;
    if (j > 0) this.lastCR = out[j - 1] === 13;
    this.tabs = marks.slice(0, m);
    this.lineCrcs = crcs.slice(0, k);
    return Buffer.from(out.buffer, out.byteOffset, j * 2).toString('utf16le');
  }

  /** From this chunk on, the decoder itself, given the carried lead byte first. */
  private handOver(chunk: Uint8Array): string {
    const slow = this.make();
    this.slow = slow;
    this.tabs = undefined;
    this.lineCrcs = undefined;
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

/** The running CRC after the UTF-8 of one UTF-16 unit of the table (two or three bytes, taken together). */
function crcOfUnit(crc: number, unit: number): number {
  // Never met in a table built from ICU, but encoded as V8 would: ASCII as itself, a lone surrogate as U+FFFD.
  if (unit < 0x80) return CRC_TABLE[(crc ^ unit) & 0xff]! ^ (crc >>> 8);
  const u = unit >= 0xd800 && unit <= 0xdfff ? 0xfffd : unit;
  if (u < 0x800) {
    const c = crc ^ (0xc0 | (u >> 6)) ^ ((0x80 | (u & 0x3f)) << 8);
    return (c >>> 16) ^ CRC_TABLE1[c & 0xff]! ^ CRC_TABLE[(c >>> 8) & 0xff]!;
  }
  const c = crc ^ (0xe0 | (u >> 12)) ^ ((0x80 | ((u >> 6) & 0x3f)) << 8) ^ ((0x80 | (u & 0x3f)) << 16);
  return (c >>> 24) ^ CRC_TABLE2[c & 0xff]! ^ CRC_TABLE1[(c >>> 8) & 0xff]! ^ CRC_TABLE[(c >>> 16) & 0xff]!;
}
