import { crc32 } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DelimitedParser, TextRow } from '../../../src/core/catalog/read/delimited.js';
import { chunkDecoder } from '../../../src/core/catalog/read/encoding.js';
import { gbkDecoder } from '../../../src/core/catalog/read/gbkDecoder.js';

const icu = () => {
  const d = new TextDecoder('gbk');
  return { write: (c: Uint8Array) => d.decode(c, { stream: true }), end: () => d.decode() };
};

/** A small deterministic generator, so a failure names its case. */
function bytesOf(seed: number, len: number, garbage: boolean): Uint8Array {
  let s = seed;
  const rnd = (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const r = rnd(100);
    if (garbage && r < 4) b[i] = rnd(256);
    else if (r < 30) b[i] = [9, 10, 13, 0x41, 0x30, 0x20][rnd(6)]!;
    else if (r < 92 && i + 1 < len) {
      b[i] = 0x81 + rnd(126);
      b[++i] = 0x40 + rnd(191);
    } else if (i + 3 < len) {
      // a four-byte GB18030 sequence
      b[i] = 0x81 + rnd(126);
      b[++i] = 0x30 + rnd(10);
      b[++i] = 0x81 + rnd(126);
      b[++i] = 0x30 + rnd(10);
    } else b[i] = rnd(128);
  }
  return b;
}

/** GBK text that the table reads whole: ASCII, line breaks, tabs, and characters of two and three UTF-8 bytes. */
function textBytes(seed: number, chars: number): Uint8Array {
  const pool = ['\t', '\n', '\r', '\r\n', 'A', '0', ' ', '甲', '乙', '注射器', '·', 'é', 'α', 'ü', '（', '㎡'];
  let s = seed;
  let text = '';
  for (let i = 0; i < chars; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    text += pool[(s >> 16) % pool.length];
  }
  return iconv.encode(text, 'gbk');
}

describe('GBK decoding with the tabs noted', () => {
  it('gives the text ICU gives, however the bytes are cut, and the tabs of each piece', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const b = bytesOf(seed, 1 + (seed % 300), seed % 3 === 0);
      const want = new TextDecoder('gbk').decode(b);
      const d = gbkDecoder(icu)!;
      let got = '';
      for (let i = 0, k = 1; i < b.length; i += k, k = 1 + ((seed * 7 + i) % 37)) {
        const text = d.write(b.subarray(i, i + k));
        if (d.tabs) {
          const tabs: number[] = [];
          for (let q = 0; q < text.length; q++) if (text.charCodeAt(q) === 9) tabs.push(q);
          expect([...d.tabs], `seed ${seed}`).toEqual(tabs);
        }
        got += text;
      }
      got += d.end();
      expect(got, `seed ${seed}`).toBe(want);
    }
  });

  it('reads the whole of real GBK text itself, and hands damaged bytes on from the chunk they are in', () => {
    const line = '一次性使用无菌注射器\t1ml\t湖南平安医械科技有限公司\tnull\n';
    const b = iconv.encode(line.repeat(50), 'gbk');
    const d = chunkDecoder('gbk');
    expect(d.write(b.subarray(0, 101)) + d.write(b.subarray(101)) + d.end()).toBe(line.repeat(50));
    expect(d.tabs?.length).toBeGreaterThan(0);
    const damaged = Buffer.concat([b, Buffer.from([0x80, 0xff, 0x41])]);
    const e = chunkDecoder('gbk');
    expect(e.write(damaged) + e.end()).toBe(new TextDecoder('gbk').decode(damaged));
    expect(e.tabs).toBeUndefined();
  });

  it('hands each tab-separated line the tabs that are its own', () => {
    const p = new DelimitedParser({ delimiter: '\t', quotes: false });
    const d = gbkDecoder(icu)!;
    const text = '甲\t乙\t丙\n\n丁\t戊\r\n己';
    const b = iconv.encode(text, 'gbk');
    const rows = [...p.push(d.write(b.subarray(0, 9)), d.tabs), ...p.push(d.write(b.subarray(9)), d.tabs), ...p.end()];
    expect(rows.map((r) => r.cells)).toEqual([['甲', '乙', '丙'], ['丁', '戊'], ['己']]);
    const marked = rows.filter((r): r is TextRow => r instanceof TextRow && r.tabs !== undefined);
    for (const r of marked) {
      const own = [...r.tabs!.subarray(r.tabFrom, r.tabTo)].map((t) => t - r.tabBase);
      expect(own).toEqual([...r.text].flatMap((c, i) => (c === '\t' ? [i] : [])));
    }
    expect(marked.length).toBeGreaterThan(0);
  });

  it('gives each whole line of a piece the CRC-32 of its UTF-8, a carriage return before the break left out', () => {
    let withCrc = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const b = textBytes(seed, 1 + (seed % 300));
      const d = gbkDecoder(icu)!;
      const p = new DelimitedParser({ delimiter: '\t', quotes: false });
      const rows = [];
      for (let i = 0, k = 1; i < b.length; i += k, k = 1 + ((seed * 5 + i) % 53)) {
        const text = d.write(b.subarray(i, i + k));
        rows.push(...p.push(text, d.tabs, d.lineCrcs));
      }
      rows.push(...p.push(d.end()), ...p.end());
      for (const r of rows)
        if (r instanceof TextRow && r.crc >= 0) {
          withCrc++;
          expect(r.crc, `seed ${seed} line ${r.line}`).toBe(crc32(r.text));
        }
    }
    expect(withCrc).toBeGreaterThan(1000);
  });
});
