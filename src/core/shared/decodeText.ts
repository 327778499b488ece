/**
 * Bytes → text for every file hisops reads whole (center files, ZIP entry names, samples of a
 * catalog): UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else GB18030 — the superset of
 * GBK that Windows-side centers and Excel on Chinese Windows write without saying so. GBK is
 * decoded through iconv-lite, not `TextDecoder('gbk')`, which a Node built without full ICU
 * lacks. Large catalog files are decoded in chunks (`catalog/read/encoding.ts`, `chunkDecoder`).
 */
import { createRequire } from 'node:module';

/**
 * iconv-lite, loaded by the first GBK text: most runs decode none, and loading it was a tenth of
 * the start of every command that imports this module's index. The same module object as
 * `import iconv from 'iconv-lite'` (a CommonJS package: its default export is module.exports).
 */
let iconvLib: typeof import('iconv-lite') | undefined;
function iconv(): typeof import('iconv-lite') {
  iconvLib ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite');
  return iconvLib;
}

/** What the caller knows of the encoding: nothing (`auto`), or the encoding itself. */
export type TextHint = 'auto' | 'utf8' | 'gbk';

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });
const UTF8_LOOSE = new TextDecoder('utf-8');

const hasBom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;

/** GB18030 decodes every GBK byte sequence the same way, and the four-byte characters GBK lacks. */
function gbk(bytes: Uint8Array): string {
  return iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
}

/**
 * Decode `bytes`. With no hint: UTF-8 when valid (after a BOM), else GB18030. With a hint, that
 * encoding; bytes it cannot read become U+FFFD.
 */
export function decodeText(bytes: Uint8Array, hint: TextHint = 'auto'): string {
  if (hint === 'gbk') return gbk(bytes);
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes;
  if (hint === 'utf8') return UTF8_LOOSE.decode(body);
  try {
    return UTF8_STRICT.decode(body);
  } catch {
    return gbk(body);
  }
}
