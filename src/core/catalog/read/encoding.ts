/**
 * Text encodings of catalog and mapping files: UTF-8 (with or without BOM), GBK (what Windows-side
 * centers and Excel on Chinese Windows write) and UTF-16 (Excel's "Unicode text"). Detection looks
 * at the first bytes; decoding is incremental so a multi-byte character split across two chunks
 * survives. Mojibake — text that went through the wrong encoding once already, or is being read
 * with the wrong one now — is recognised by turning it back into bytes and seeing real Chinese
 * appear.
 */
import iconv from 'iconv-lite';
import { decodeText } from '../../shared/decodeText.js';
import { gbkDecoder } from './gbkDecoder.js';

export type Encoding = 'utf8' | 'gbk' | 'utf16le';
export type EncodingChoice = 'auto' | Encoding;

interface Detected {
  encoding: Encoding;
  /** Bytes to skip at the start (a BOM). */
  skip: number;
  how: 'bom' | 'detected' | 'given';
}

/** Pick the encoding from the first bytes of a file: a BOM wins, then "is it valid UTF-8", else GBK. */
export function detectEncoding(head: Uint8Array, choice: EncodingChoice = 'auto'): Detected {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const utf16 = head[0] === 0xff && head[1] === 0xfe ? 2 : 0;
  if (choice !== 'auto')
    return { encoding: choice, skip: choice === 'utf8' ? bom : choice === 'utf16le' ? utf16 : 0, how: 'given' };
  if (bom) return { encoding: 'utf8', skip: 3, how: 'bom' };
  if (utf16) return { encoding: 'utf16le', skip: 2, how: 'bom' };
  return { encoding: isUtf8(head) || mostlyUtf8(head) ? 'utf8' : 'gbk', skip: 0, how: 'detected' };
}

/**
 * UTF-8 with a few damaged bytes (a broken line) is still UTF-8: GBK text read as UTF-8 breaks
 * on nearly every Chinese character, so a handful of breaks against plenty of sound Chinese
 * means UTF-8 — the damaged lines are then reported one by one.
 */
function mostlyUtf8(head: Uint8Array): boolean {
  const text = new TextDecoder('utf-8').decode(head);
  const broken = text.split('\uFFFD').length - 1;
  return broken > 0 && (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= broken * 20;
}

/** Valid UTF-8, allowing a character cut off at the very end (the sample is a prefix of the file). */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface ChunkDecoder {
  write(chunk: Uint8Array): string;
  end(): string;
  /** Where the tabs are in the text the last write returned, when the decoder noted them (gbkDecoder.ts). */
  readonly tabs?: Int32Array | undefined;
  /** The CRC-32 of each line that ended in that text, when the decoder took them (gbkDecoder.ts). */
  readonly lineCrcs?: Uint32Array | undefined;
}

/** An incremental decoder; invalid bytes become U+FFFD (which the readers then report). */
export function chunkDecoder(enc: Encoding): ChunkDecoder {
  const plain = () => plainDecoder(enc);
  return (enc === 'gbk' && gbkDecoder(plain)) || plain();
}

function plainDecoder(enc: Encoding): ChunkDecoder {
  const label = enc === 'utf8' ? 'utf-8' : enc === 'utf16le' ? 'utf-16le' : 'gbk';
  let td: TextDecoder | undefined;
  try {
    td = new TextDecoder(label);
  } catch {
    td = undefined; // a Node built without full ICU: fall back to iconv-lite
  }
  if (td) {
    const d = td;
    return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
  }
  const dec = iconv.getDecoder(enc === 'utf16le' ? 'utf-16le' : enc);
  return { write: (c) => dec.write(Buffer.from(c)), end: () => dec.end() ?? '' };
}

const CJK = /[\u4e00-\u9fff]/g;
const cjkCount = (s: string): number => s.match(CJK)?.length ?? 0;

export interface MojibakeFinding {
  /** What went wrong, in a few words. */
  kind: 'wrong-encoding' | 'utf8-as-gbk' | 'utf8-as-latin1' | 'replacement-chars';
  /** The damaged text as read. */
  sample: string;
  /** What it would read as when repaired, if known. */
  repaired?: string;
  /** The encoding to try instead, if any. */
  suggest?: Encoding;
}

/**
 * Does this text look like UTF-8 bytes that were decoded as GBK ("医疗" → "鍖荤枟")? Its GBK bytes,
 * read as UTF-8, then give real Chinese with at most one broken character (the last one, when the
 * byte count was odd). Sound GBK text read that way breaks almost everywhere.
 */
function utf8ReadAsGbk(s: string): string | undefined {
  const t = s.replace(/\uFFFD/g, '');
  if (cjkCount(t) < 2) return undefined;
  let bytes: Buffer;
  try {
    bytes = iconv.encode(t, 'gbk');
  } catch {
    return undefined;
  }
  if (bytes.length < 6) return undefined;
  const back = new TextDecoder('utf-8').decode(bytes);
  const broken = back.split('\uFFFD').length - 1;
  return broken <= 1 && cjkCount(back) >= 2 ? back.replace(/\uFFFD/g, '') : undefined;
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 read as Latin-1/Windows-1252 ("医疗" → "åŒ»ç–—"). */
function utf8ReadAsLatin1(s: string): string | undefined {
  if (!/[\u00c0-\u00ff][\u0080-\u00bf\u0152-\u2122]/.test(s)) return undefined;
  if (/[^\u0000-\u00ff]/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'latin1');
  if (!isStrictUtf8(bytes)) return undefined;
  const back = bytes.toString('utf8');
  return cjkCount(back) >= 1 ? back : undefined;
}

/**
 * Look at sample cells (the first few hundred lines) for mojibake. `encoding` is how the file was
 * read. Returns the first finding, or undefined when the text looks sound. A lone broken
 * character is left to the line-by-line check (a damaged line, not a wrong encoding).
 */
export function findMojibake(cells: readonly string[], encoding: Encoding): MojibakeFinding | undefined {
  let wide = 0;
  let asGbk: { sample: string; repaired: string } | undefined;
  let asGbkCount = 0;
  let fffd: string | undefined;
  let fffdCount = 0;
  for (const c of cells) {
    if (c.includes('锟斤拷') || c.includes('烫烫烫') || c.includes('屯屯屯'))
      return { kind: 'replacement-chars', sample: c };
    const l1 = utf8ReadAsLatin1(c);
    if (l1) return { kind: 'utf8-as-latin1', sample: c, repaired: l1 };
    const hasFffd = c.includes('\uFFFD');
    if (hasFffd) {
      fffdCount++;
      fffd ??= c;
    }
    if (wide < 400 && (hasFffd || cjkCount(c) > 0)) {
      wide++;
      const r = utf8ReadAsGbk(c);
      if (r) {
        asGbkCount++;
        asGbk ??= { sample: c, repaired: r };
      }
    }
  }
  // One odd cell among many could be chance; a fifth of the Chinese cells is not.
  if (asGbk && asGbkCount >= Math.max(1, Math.ceil(wide * 0.2))) {
    return {
      kind: 'utf8-as-gbk',
      sample: asGbk.sample,
      repaired: asGbk.repaired,
      suggest: encoding === 'gbk' ? 'utf8' : undefined,
    };
  }
  if (fffd && fffdCount >= Math.max(3, Math.ceil(wide * 0.1))) {
    return {
      kind: encoding === 'utf8' ? 'wrong-encoding' : 'replacement-chars',
      sample: fffd,
      suggest: encoding === 'utf8' ? 'gbk' : undefined,
    };
  }
  return undefined;
}

/**
 * The bytes themselves against the encoding they are read with: GBK chosen for bytes that are
 * valid UTF-8 with Chinese in them, or UTF-8 chosen for bytes that are not UTF-8.
 */
export function checkBytes(head: Uint8Array, encoding: Encoding): MojibakeFinding | undefined {
  const sample = head.subarray(0, 65536);
  const hasHigh = sample.some((b) => b >= 0x80);
  if (!hasHigh) return undefined;
  if (encoding === 'gbk' && isUtf8(sample)) {
    const asUtf8 = new TextDecoder('utf-8').decode(sample);
    if (cjkCount(asUtf8) >= 2) {
      const line = asUtf8.split('\n').find((l) => cjkCount(l) > 0) ?? '';
      const m = /[\u4e00-\u9fff][^\t,;|]*/.exec(line);
      const word = (m?.[0] ?? line).slice(0, 20);
      return {
        kind: 'utf8-as-gbk',
        sample: iconv.decode(Buffer.from(word, 'utf8'), 'gbk'),
        repaired: word,
        suggest: 'utf8',
      };
    }
  }
  if (encoding === 'utf8' && !isUtf8(sample) && !mostlyUtf8(sample)) {
    const asGbk = decodeText(sample, 'gbk');
    const line = asGbk.split('\n').find((l) => cjkCount(l) > 0) ?? '';
    const m = /[\u4e00-\u9fff][^\t,;|]*/.exec(line);
    const word = (m?.[0] ?? line).slice(0, 20);
    return {
      kind: 'wrong-encoding',
      sample: new TextDecoder('utf-8').decode(Buffer.from(iconv.encode(word, 'gbk'))),
      repaired: word,
      suggest: 'gbk',
    };
  }
  return undefined;
}
