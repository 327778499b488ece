/** In-memory ZIP helpers for the 9101/9102 file flow (adm-zip; no disk I/O). */
import AdmZip from 'adm-zip';

/** One file in a ZIP. */
export function zipOne(filename: string, content: string | Uint8Array): Buffer {
  const z = new AdmZip();
  z.addFile(filename, typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content));
  return z.toBuffer();
}

export function zipMany(files: readonly { name: string; content: string | Uint8Array }[]): Buffer {
  const z = new AdmZip();
  for (const f of files) z.addFile(f.name, typeof f.content === 'string' ? Buffer.from(f.content, 'utf8') : Buffer.from(f.content));
  return z.toBuffer();
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Every file entry (directories skipped). Throws on a body that is not a ZIP. */
export function unzipAll(buf: Uint8Array): ZipEntry[] {
  const z = new AdmZip(Buffer.from(buf));
  return z
    .getEntries()
    .filter((e) => !e.isDirectory)
    .map((e) => ({ name: e.entryName, data: e.getData() }));
}

/** The first file, or the one whose name ends with `prefer` (e.g. `.txt`). */
export function unzipOne(buf: Uint8Array, prefer?: string): ZipEntry {
  const all = unzipAll(buf);
  if (all.length === 0) throw new Error('the ZIP file is empty');
  return (prefer && all.find((e) => e.name.toLowerCase().endsWith(prefer.toLowerCase()))) || all[0]!;
}

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b;
}
