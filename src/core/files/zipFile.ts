/**
 * ZIP files on disk, in constant memory: a million-row catalog unpacks to hundreds of megabytes,
 * so an entry is read as a stream of chunks (its size and CRC checked at the end) and a file is
 * written from a stream of chunks (fflate's streaming `Zip`). The format itself is in `zip.ts`.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import {
  checkEntry,
  dataStart,
  fflate,
  findDirectory,
  parseDirectory,
  ZIP_TAIL_MAX,
  ZipError,
  type ZipEntryInfo,
} from '../shared/zip.js';

async function readAt(fd: fs.promises.FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fd.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

/** The file entries of a ZIP file, from its central directory (read from the end of the file). */
export async function listZipEntries(file: string): Promise<ZipEntryInfo[]> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const { size } = await fd.stat();
    const tailLen = Math.min(size, ZIP_TAIL_MAX);
    const dir = findDirectory(await readAt(fd, size - tailLen, tailLen), size);
    return parseDirectory(await readAt(fd, dir.offset, dir.length), dir.count);
  } finally {
    await fd.close();
  }
}

/**
 * The bytes of one entry as a stream of chunks, inflated on the fly (Node's zlib). Throws
 * ZipError when the data stops early or does not match the directory's size and CRC.
 */
export async function* readZipEntry(file: string, entry: ZipEntryInfo, chunkSize = 1 << 16): AsyncGenerator<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  let start: number;
  let fileSize: number;
  try {
    fileSize = (await fd.stat()).size;
    start = dataStart(entry, await readAt(fd, entry.localHeaderOffset, 30));
  } finally {
    await fd.close();
  }
  if (start + entry.compressedSize > fileSize)
    throw new ZipError('truncated', `${entry.name} ends past the end of the file: the file was cut short`);
  const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: chunkSize });
  const source: AsyncIterable<Buffer> =
    entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: chunkSize * 4 })) : raw;
  let crc = 0;
  let n = 0;
  try {
    for await (const chunk of source) {
      crc = zlib.crc32(chunk, crc);
      n += chunk.length;
      yield chunk;
    }
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/unexpected end/i.test(msg))
      throw new ZipError('truncated', `${entry.name} stops in the middle: the file was cut short`);
    throw new ZipError('corrupt', `${entry.name} cannot be unpacked (${msg})`);
  } finally {
    raw.destroy();
  }
  checkEntry(entry, n, crc);
}

export async function isZipFile(file: string): Promise<boolean> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const b = await readAt(fd, 0, 4);
    return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7);
  } finally {
    await fd.close();
  }
}

/** A fixed stamp (2024-01-01 00:00): generated files are not dated, so the same rows give the same bytes. */
const GENERATED = new Date(2024, 0, 1, 0, 0, 0);

/**
 * Write a ZIP holding one file from a stream of byte chunks, deflated as they come (sizes and CRC
 * follow the data), so nothing is held back. Returns the bytes given and the size of the ZIP.
 */
export async function writeZipStream(
  file: string,
  entryName: string,
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<{ bytes: number; compressed: number }> {
  const out = fs.createWriteStream(file);
  const pending: Uint8Array[] = [];
  let failed: Error | undefined;
  const { Zip, ZipDeflate } = fflate();
  const zip = new Zip((err, data) => {
    if (err) failed = err;
    else pending.push(data);
  });
  let compressed = 0;
  const flush = async (): Promise<void> => {
    if (failed) throw failed;
    for (const b of pending.splice(0)) {
      compressed += b.length;
      if (!out.write(b)) await new Promise<void>((res) => out.once('drain', res));
    }
  };
  const entry = new ZipDeflate(entryName, { level: 6 });
  entry.mtime = GENERATED;
  zip.add(entry);
  let bytes = 0;
  try {
    for await (const c of chunks) {
      bytes += c.length;
      entry.push(c);
      await flush();
    }
    entry.push(new Uint8Array(0), true);
    zip.end();
    await flush();
  } finally {
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  }
  return { bytes, compressed };
}
