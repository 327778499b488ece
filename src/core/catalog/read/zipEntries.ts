/**
 * A streaming ZIP reader for the center's download files. adm-zip inflates whole entries into
 * memory; a million-row catalog unpacks to hundreds of megabytes, so here the central directory is
 * read from the end of the file and each entry is inflated as a stream of chunks, its size and
 * CRC checked at the end. A file cut short (an interrupted download) has no directory at its end
 * and is reported as truncated rather than read in part.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

export class ZipReadError extends Error {
  constructor(
    readonly kind: 'truncated' | 'unsupported' | 'corrupt' | 'empty',
    message: string,
  ) {
    super(message);
  }
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

function decodeName(buf: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return buf.toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Zips made on Chinese Windows store names in GBK without saying so.
    return new TextDecoder('gbk').decode(buf);
  }
}

async function readAt(fd: fs.promises.FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fd.read(buf, 0, len, pos);
  return buf.subarray(0, bytesRead);
}

/** The file entries of a ZIP (directories skipped), from its central directory. */
export async function listZipEntries(file: string): Promise<ZipEntryInfo[]> {
  const fd = await fs.promises.open(file, 'r');
  try {
    const { size } = await fd.stat();
    if (size < 22) throw new ZipReadError('truncated', `${size} bytes is too short for a ZIP file`);
    const tailLen = Math.min(size, 22 + 65535);
    const tail = await readAt(fd, size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipReadError('truncated', 'the ZIP directory at the end of the file is missing: the file was cut short (an interrupted download or copy)');
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) throw new ZipReadError('unsupported', 'ZIP64 archives (over 4 GB or 65,535 entries) are not read directly');
    if (cdOffset + cdSize > size) throw new ZipReadError('truncated', 'the ZIP directory points past the end of the file: the file was cut short');
    const cd = await readAt(fd, cdOffset, cdSize);
    const out: ZipEntryInfo[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDIR_SIG) throw new ZipReadError('corrupt', 'the ZIP directory is damaged');
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc32 = cd.readUInt32LE(p + 16);
      const compressedSize = cd.readUInt32LE(p + 20);
      const usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localHeaderOffset = cd.readUInt32LE(p + 42);
      const name = decodeName(cd.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
      p += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
      if (flags & 0x1) throw new ZipReadError('unsupported', `${name} is encrypted; unpack it with its password first`);
      out.push({ name, method, compressedSize, size: usize, crc32, localHeaderOffset });
    }
    return out;
  } finally {
    await fd.close();
  }
}

/**
 * The bytes of one entry as a stream of chunks, inflated on the fly. Throws ZipReadError when the
 * data stops early or does not match the directory's size and CRC.
 */
export async function* readZipEntry(file: string, entry: ZipEntryInfo, chunkSize = 1 << 16): AsyncGenerator<Buffer> {
  const fd = await fs.promises.open(file, 'r');
  let dataStart: number;
  let fileSize: number;
  try {
    fileSize = (await fd.stat()).size;
    const lh = await readAt(fd, entry.localHeaderOffset, 30);
    if (lh.length < 30 || lh.readUInt32LE(0) !== LOCAL_SIG) throw new ZipReadError('corrupt', `the local header of ${entry.name} is damaged`);
    dataStart = entry.localHeaderOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
  } finally {
    await fd.close();
  }
  if (entry.method !== 0 && entry.method !== 8) throw new ZipReadError('unsupported', `${entry.name} uses compression method ${entry.method}; only stored and deflated entries are read`);
  if (dataStart + entry.compressedSize > fileSize) throw new ZipReadError('truncated', `${entry.name} ends past the end of the file: the file was cut short`);
  const raw = fs.createReadStream(file, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: chunkSize });
  const source: AsyncIterable<Buffer> = entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: chunkSize * 4 })) : raw;
  let crc = 0;
  let n = 0;
  try {
    for await (const chunk of source) {
      const b = chunk as Buffer;
      crc = zlib.crc32(b, crc);
      n += b.length;
      yield b;
    }
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/unexpected end/i.test(msg)) throw new ZipReadError('truncated', `${entry.name} stops in the middle: the file was cut short`);
    throw new ZipReadError('corrupt', `${entry.name} cannot be unpacked (${msg})`);
  } finally {
    raw.destroy();
  }
  if (n !== entry.size) throw new ZipReadError('truncated', `${entry.name} unpacked to ${n} bytes but the ZIP says ${entry.size}: the file is damaged or cut short`);
  if ((crc >>> 0) !== entry.crc32) throw new ZipReadError('corrupt', `${entry.name} fails its checksum (CRC): the file is damaged`);
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
