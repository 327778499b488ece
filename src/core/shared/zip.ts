/**
 * ZIP, one way through for every job (the center's 9101/9102 files, catalog downloads, xlsx).
 *
 * Writing is fflate's container (`Zip`, here and streaming in `zipFile.ts`); here the one entry is
 * deflated by Node's zlib, native: a reconciliation's 3202 upload is megabytes of text, which
 * fflate's JavaScript deflate takes three times the CPU for (2.6 MB: 35 ms against 13, the output
 * 1 % larger). Reading goes through
 * the central directory at the end of the archive — for a buffer here, for a file on disk in
 * `zipFile.ts` — so a file cut short is refused before anything is read from it, every entry's
 * size and CRC-32 are checked, and a name stored in GBK without the UTF-8 flag (Chinese Windows)
 * reads right. Entries are inflated by Node's zlib, native: fflate's JavaScript inflate costs about
 * three times the CPU on a catalog download, and its streaming reader walks local headers from the
 * front (no CRC check, truncation found only at the end, signatures matched inside data).
 */
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ZipInputFile } from 'fflate';
import { decodeText } from './decodeText.js';

/**
 * fflate, loaded when a ZIP is first written: every run loads this module through the shared
 * index (a batch `settle calc` for URL redaction and did-you-mean), few runs write a ZIP, and
 * loading fflate was about 15 ms of each start.
 */
type Fflate = typeof import('fflate');
let fflateModule: Fflate | undefined;
export const fflate = (): Fflate => (fflateModule ??= createRequire(import.meta.url)('fflate') as Fflate);

/** Why an archive cannot be read: cut short, a feature hisops does not read, or damaged bytes. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'truncated' | 'unsupported' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

/** One file in an archive, as its central directory describes it. */
export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

const EOCD_SIG = 0x06054b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** The end record (22 bytes) and the longest comment it may carry. */
export const ZIP_TAIL_MAX = 22 + 65535;

/**
 * Where the central directory lies, from the archive's last bytes (`tail`: the last
 * `tail.length` bytes of an archive of `size` bytes).
 */
export function findDirectory(tail: Buffer, size: number): { offset: number; length: number; count: number } {
  if (size < 22) throw new ZipError('truncated', `${size} bytes is too short for a ZIP file`);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new ZipError(
      'truncated',
      'the ZIP directory at the end of the file is missing: the file was cut short (an interrupted download or copy)',
    );
  const count = tail.readUInt16LE(eocd + 10);
  const length = tail.readUInt32LE(eocd + 12);
  const offset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || length === 0xffffffff || offset === 0xffffffff)
    throw new ZipError('unsupported', 'ZIP64 archives (over 4 GB or 65,535 entries) are not read directly');
  if (offset + length > size)
    throw new ZipError('truncated', 'the ZIP directory points past the end of the file: the file was cut short');
  return { offset, length, count };
}

/** The file entries of a central directory (folders and macOS resource forks skipped). */
export function parseDirectory(cd: Buffer, count: number): ZipEntryInfo[] {
  const out: ZipEntryInfo[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDIR_SIG)
      throw new ZipError('corrupt', 'the ZIP directory is damaged');
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: the name is UTF-8; without it, Chinese Windows stores GBK.
    const name = (flags & 0x800) !== 0 ? rawName.toString('utf8') : decodeText(rawName);
    const entry: ZipEntryInfo = {
      name,
      method: cd.readUInt16LE(p + 10),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    p += 46 + nameLen + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
    if (flags & 0x1) throw new ZipError('unsupported', `${name} is encrypted; unpack it with its password first`);
    if (entry.method !== 0 && entry.method !== 8)
      throw new ZipError(
        'unsupported',
        `${name} uses compression method ${entry.method}; only stored and deflated entries are read`,
      );
    out.push(entry);
  }
  return out;
}

/** Where an entry's data starts, from its local header (the first 30 bytes at its offset). */
export function dataStart(entry: ZipEntryInfo, localHeader: Buffer): number {
  if (localHeader.length < 30 || localHeader.readUInt32LE(0) !== LOCAL_SIG)
    throw new ZipError('corrupt', `the local header of ${entry.name} is damaged`);
  return entry.localHeaderOffset + 30 + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}

/** The end of an entry's data: its size and CRC-32 against the directory's. */
export function checkEntry(entry: ZipEntryInfo, size: number, crc: number): void {
  if (size !== entry.size)
    throw new ZipError(
      'truncated',
      `${entry.name} unpacked to ${size} bytes but the ZIP says ${entry.size}: the file is damaged or cut short`,
    );
  if (crc >>> 0 !== entry.crc32)
    throw new ZipError('corrupt', `${entry.name} fails its checksum (CRC32): the file is damaged`);
}

/** Every file entry of an archive in memory, inflated and checked. Throws ZipError. */
export function unzipAll(buf: Uint8Array): ZipEntry[] {
  return entriesOf(buf).map(({ e, raw }) =>
    inflated(e, () => (e.method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw))),
  );
}

/**
 * unzipAll with the inflating on libuv's thread pool: a megabyte-sized entry (a day's 3202 result)
 * does not hold up the event loop, and the other calls in flight are answered meanwhile.
 */
export async function unzipAllAsync(buf: Uint8Array): Promise<ZipEntry[]> {
  const out: ZipEntry[] = [];
  for (const { e, raw } of entriesOf(buf)) {
    const data =
      e.method === 8 ? await inflateRaw(raw, { chunkSize: ASYNC_CHUNK }).catch((err: Error) => err) : Buffer.from(raw);
    out.push(
      inflated(e, () => {
        if (data instanceof Error) throw data;
        return data;
      }),
    );
  }
  return out;
}

/**
 * Output chunk of the thread-pool zlib calls: each chunk is a trip to the pool and back through
 * the event loop, and at zlib's default (16 KB) a day's 3202 result was hundreds of trips.
 */
const ASYNC_CHUNK = 1 << 20;
const inflateRaw = promisify(zlib.inflateRaw);
const deflateRaw = promisify(zlib.deflateRaw);

/** The file entries of an archive with their stored bytes (bounds checked). */
function entriesOf(buf: Uint8Array): Array<{ e: ZipEntryInfo; raw: Buffer }> {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const tail = b.subarray(Math.max(0, b.length - ZIP_TAIL_MAX));
  const dir = findDirectory(tail, b.length);
  return parseDirectory(b.subarray(dir.offset, dir.offset + dir.length), dir.count).map((e) => {
    const start = dataStart(e, b.subarray(e.localHeaderOffset, e.localHeaderOffset + 30));
    if (start + e.compressedSize > b.length)
      throw new ZipError('truncated', `${e.name} ends past the end of the file: the file was cut short`);
    return { e, raw: b.subarray(start, start + e.compressedSize) };
  });
}

/** An entry's data from `unpack`, checked against the directory (size, CRC-32). */
function inflated(e: ZipEntryInfo, unpack: () => Buffer): ZipEntry {
  let data: Buffer;
  try {
    data = unpack();
  } catch (err) {
    throw new ZipError('corrupt', `${e.name} cannot be unpacked (${(err as Error).message})`);
  }
  checkEntry(e, data.length, zlib.crc32(data));
  return { name: e.name, data };
}

/** The first file, or the one whose name ends with `prefer` (e.g. `.txt`). */
export function unzipOne(buf: Uint8Array, prefer?: string): ZipEntry {
  return chosen(unzipAll(buf), prefer);
}

/** unzipOne with the inflating on the thread pool (unzipAllAsync). */
export async function unzipOneAsync(buf: Uint8Array, prefer?: string): Promise<ZipEntry> {
  return chosen(await unzipAllAsync(buf), prefer);
}

function chosen(all: ZipEntry[], prefer: string | undefined): ZipEntry {
  if (all.length === 0) throw new ZipError('corrupt', 'the ZIP file is empty');
  return (prefer && all.find((e) => e.name.toLowerCase().endsWith(prefer.toLowerCase()))) || all[0]!;
}

export function isZip(buf: Uint8Array): boolean {
  return buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b;
}

/** The format's first day (1980-01-01 00:00, local): an undated file gives the same bytes each time. */
const ZIP_EPOCH = new Date(1980, 0, 1, 0, 0, 0);

/**
 * One file in a ZIP, deflated at level 1 (a day's 3202 file shrinks about as much, at a fraction
 * of the time), dated `time` (local wall clock, as ZIP keeps it) or undated. A non-ASCII name is
 * flagged UTF-8, so a Chinese file name reads the same everywhere.
 */
export function zipOne(filename: string, content: string | Uint8Array, time?: Date): Buffer {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return zipDeflated(filename, data, zlib.deflateRawSync(data, { level: 1 }), time);
}

/**
 * zipOne with the deflating on libuv's thread pool: a day's 3202 file is megabytes, and meanwhile
 * the event loop goes on answering (the sandbox) or reading the answers (a reconciliation's 3201s).
 */
export async function zipOneAsync(filename: string, content: string | Uint8Array, time?: Date): Promise<Buffer> {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return zipDeflated(filename, data, await deflateRaw(data, { level: 1, chunkSize: ASYNC_CHUNK }), time);
}

/** The archive of one entry whose deflated bytes are given. */
function zipDeflated(
  filename: string,
  data: Uint8Array,
  deflated: ReturnType<typeof zlib.deflateRawSync>,
  time: Date | undefined,
): Buffer {
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  // Zip calls back synchronously for data handed over synchronously: the archive is whole at end().
  const zip = new (fflate().Zip)((err, chunk) => {
    if (err) failed = err;
    else chunks.push(chunk);
  });
  const entry: ZipInputFile = {
    filename,
    size: data.length,
    crc: zlib.crc32(data),
    compression: 8,
    mtime: time ?? ZIP_EPOCH,
  };
  zip.add(entry);
  entry.ondata?.(null, deflated, true);
  zip.end();
  if (failed) throw failed;
  return Buffer.concat(chunks);
}
