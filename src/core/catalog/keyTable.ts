/**
 * The importer's memory of a million catalog keys (med_list_codg + begndate) in typed arrays: an
 * open-addressing hash table keyed by two independent 32-bit hashes of the key (MurmurHash3's
 * mixing and FNV-1a, 64 bits together, both computed here without a native call), holding per
 * key the stored row's fingerprint, the line it was last seen on and a few flags. About 25 bytes
 * a key and invisible to the garbage collector — where a Map of strings would take 150 MB for a
 * million keys and grow the heap the collector scans.
 *
 * Two different keys share both hashes with a probability of about 3·10⁻⁸ for a million-key
 * import, the price of keeping memory flat. Pure.
 */
export const EXISTED = 2;
export const SEEN = 4;
const USED = 1;

function fnv(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's 32-bit block mixing, one UTF-16 code unit a block. */
function murmur(s: string, h: number): number {
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  return h;
}

/** The first hash of a key: MurmurHash3 of code and begndate. */
export function hash1(code: string, begndate: string): number {
  let h = murmur(begndate, murmur(code, 0x9747b28c) ^ 1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The second, independent hash of a key: FNV-1a. */
export function hash2(code: string, begndate: string): number {
  return fnv(begndate, fnv(code, 0x811c9dc5) ^ 1) >>> 0;
}

export class KeyTable {
  private cap: number;
  private k1: Uint32Array;
  private k2: Uint32Array;
  private fps: Float64Array;
  private lines: Float64Array;
  private flags: Uint8Array;
  size = 0;

  constructor(expected = 1024) {
    this.cap = 1 << Math.max(10, Math.ceil(Math.log2(expected * 2)));
    this.k1 = new Uint32Array(this.cap);
    this.k2 = new Uint32Array(this.cap);
    this.fps = new Float64Array(this.cap);
    this.lines = new Float64Array(this.cap);
    this.flags = new Uint8Array(this.cap);
  }

  /** The slot of a key, inserting it (flags 0) when absent. */
  slot(code: string, begndate: string): number {
    return this.slotOf(hash1(code, begndate), hash2(code, begndate));
  }

  /** The slot of a key given its two hashes (hash1, hash2), inserting it (flags 0) when absent. */
  slotOf(h1: number, h2: number): number {
    const mask = this.cap - 1;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    for (;;) {
      const f = this.flags[i]!;
      if (f === 0) break;
      if (this.k1[i] === h1 && this.k2[i] === h2) return i;
      i = (i + 1) & mask;
    }
    this.k1[i] = h1;
    this.k2[i] = h2;
    this.flags[i] = USED;
    this.fps[i] = 0;
    this.lines[i] = 0;
    this.size++;
    if (this.size * 2 > this.cap) {
      this.grow();
      return this.slotOf(h1, h2);
    }
    return i;
  }

  private grow(): void {
    const { k1, k2, fps, lines, flags, cap } = this;
    this.cap = cap * 2;
    this.k1 = new Uint32Array(this.cap);
    this.k2 = new Uint32Array(this.cap);
    this.fps = new Float64Array(this.cap);
    this.lines = new Float64Array(this.cap);
    this.flags = new Uint8Array(this.cap);
    const mask = this.cap - 1;
    for (let j = 0; j < cap; j++) {
      if (!flags[j]) continue;
      let i = (k1[j]! ^ Math.imul(k2[j]!, 0x9e3779b1)) & mask;
      while (this.flags[i]) i = (i + 1) & mask;
      this.k1[i] = k1[j]!;
      this.k2[i] = k2[j]!;
      this.fps[i] = fps[j]!;
      this.lines[i] = lines[j]!;
      this.flags[i] = flags[j]!;
    }
  }

  /** Whether the key was in the table before (without inserting it). */
  has(code: string, begndate: string): number {
    const h1 = hash1(code, begndate);
    const h2 = hash2(code, begndate);
    const mask = this.cap - 1;
    for (let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask; this.flags[i]; i = (i + 1) & mask) {
      if (this.k1[i] === h1 && this.k2[i] === h2) return i;
    }
    return -1;
  }

  flag(i: number): number {
    return this.flags[i]!;
  }
  setFlag(i: number, f: number): void {
    this.flags[i] = this.flags[i]! | f;
  }
  fp(i: number): number {
    return this.fps[i]!;
  }
  setFp(i: number, fp: number): void {
    this.fps[i] = fp;
  }
  /** The line the key was seen on in the current file (0 = not seen). */
  line(i: number): number {
    return this.lines[i]!;
  }
  setLine(i: number, line: number): void {
    this.lines[i] = line;
  }
  /** A new file begins: forget where keys were seen. */
  newFile(): void {
    this.lines.fill(0);
  }

  get bytes(): number {
    return this.cap * 25;
  }
}

/**
 * The line each key was first seen on in one table, for the reading thread's duplicate check:
 * the key's two hashes and its line, 12 bytes a slot (a line is never 0, so 0 marks a free slot).
 */
export class LineTable {
  private cap = 1024;
  private k1 = new Uint32Array(this.cap);
  private k2 = new Uint32Array(this.cap);
  private lines = new Uint32Array(this.cap);
  private size = 0;

  /** The line the key was seen on before (0: never, and now it is seen on `line`). */
  see(h1: number, h2: number, line: number): number {
    const mask = this.cap - 1;
    let i = (h1 ^ Math.imul(h2, 0x9e3779b1)) & mask;
    for (; this.lines[i] !== 0; i = (i + 1) & mask) if (this.k1[i] === h1 && this.k2[i] === h2) return this.lines[i]!;
    this.k1[i] = h1;
    this.k2[i] = h2;
    this.lines[i] = line;
    if (++this.size * 2 > this.cap) this.grow();
    return 0;
  }

  private grow(): void {
    const { k1, k2, lines, cap } = this;
    this.cap = cap * 2;
    this.k1 = new Uint32Array(this.cap);
    this.k2 = new Uint32Array(this.cap);
    this.lines = new Uint32Array(this.cap);
    const mask = this.cap - 1;
    for (let j = 0; j < cap; j++) {
      if (!lines[j]) continue;
      let i = (k1[j]! ^ Math.imul(k2[j]!, 0x9e3779b1)) & mask;
      while (this.lines[i]) i = (i + 1) & mask;
      this.k1[i] = k1[j]!;
      this.k2[i] = k2[j]!;
      this.lines[i] = lines[j]!;
    }
  }
}
