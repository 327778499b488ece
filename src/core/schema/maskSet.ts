/**
 * A set of 53-bit hashes of original values with the masking kind of each (open addressing in
 * typed arrays: 9 bytes a slot, about 20 bytes a value — a million ID numbers take 20 MB, where a
 * Set of strings would take several times that). Holds the originals of the masked columns for
 * the clone's verification and lets maskers avoid producing a value that is some real person's.
 *
 * A hash can collide with another string's: the chance that one of m scanned values falsely
 * matches one of n originals is about n·m / 2^53 (a million originals against a hundred million
 * values: about 1 in 100).
 */
import { hash53 } from './maskFpe.js';

export class ValueSet {
  private keys: Float64Array;
  private kinds: Uint8Array;
  private used = 0;

  constructor(capacity = 1024) {
    let c = 1024;
    while (c < capacity * 2) c *= 2;
    this.keys = new Float64Array(c);
    this.kinds = new Uint8Array(c);
  }

  get size(): number {
    return this.used;
  }

  /** Bytes held by the table (for the report). */
  get bytes(): number {
    return this.keys.byteLength + this.kinds.byteLength;
  }

  static hash(value: string): number {
    // 0 marks an empty slot
    return hash53(value) || 1;
  }

  add(value: string, kind: number): void {
    this.addHash(ValueSet.hash(value), kind);
  }

  addHash(h: number, kind: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = h % (mask + 1);
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) {
        this.keys[i] = h;
        this.kinds[i] = kind;
        this.used++;
        return;
      }
      if (k === h) return;
      i = (i + 1) & mask;
    }
  }

  /** The kind stored for a value, or 0 when the value is not in the set. */
  kindOf(value: string): number {
    return this.kindOfHash(ValueSet.hash(value));
  }

  kindOfHash(h: number): number {
    const mask = this.keys.length - 1;
    let i = h % (mask + 1);
    for (;;) {
      const k = this.keys[i]!;
      if (k === 0) return 0;
      if (k === h) return this.kinds[i]!;
      i = (i + 1) & mask;
    }
  }

  has(value: string): boolean {
    return this.kindOf(value) !== 0;
  }

  private grow(): void {
    const oldK = this.keys;
    const oldT = this.kinds;
    this.keys = new Float64Array(oldK.length * 2);
    this.kinds = new Uint8Array(oldK.length * 2);
    this.used = 0;
    for (let i = 0; i < oldK.length; i++) if (oldK[i] !== 0) this.addHash(oldK[i]!, oldT[i]!);
  }
}
