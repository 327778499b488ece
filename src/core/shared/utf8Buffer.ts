/**
 * UTF-8 written into a buffer that grows when it must: a file of tens of thousands of lines made
 * as it is written, rather than held as strings until a join (the reconciliation's 3202 upload,
 * the sandbox's 3202 result). ASCII, which ids and amounts are, is copied byte by byte: a call into
 * Buffer#write per short value costs more than the copy.
 */
export class Utf8Buffer {
  private buf: Buffer;
  private at = 0;
  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(Math.max(16, size));
  }

  text(s: string): void {
    this.room(3 * s.length);
    const b = this.buf;
    let at = this.at;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        // Not ASCII: the whole text again, by Buffer#write, from where it began.
        at = this.at + b.write(s, this.at);
        break;
      }
      b[at++] = c;
    }
    this.at = at;
  }

  byte(c: number): void {
    this.room(1);
    this.buf[this.at++] = c;
  }

  /** src[s, e), copied by hand (a field is a few bytes). */
  bytes(src: Uint8Array, s: number, e: number): void {
    this.room(e - s);
    const b = this.buf;
    let at = this.at;
    for (let j = s; j < e; j++) b[at++] = src[j]!;
    this.at = at;
  }

  /** What was written (a view of the buffer). */
  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const b = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + n));
    this.buf.copy(b, 0, 0, this.at);
    this.buf = b;
  }
}
