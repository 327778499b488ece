/**
 * In-memory ZIP helpers for the 9101/9102 file flow (no disk I/O). One file is written here
 * (zipOne: a day's 3202 file is megabytes, and a fast deflate level with the native CRC costs a
 * third of adm-zip's default); several files and reading go through adm-zip.
 */
import zlib from 'node:zlib';
import AdmZip from 'adm-zip';

/**
 * One file in a ZIP (deflated at level 1: the file shrinks about as much, at a fraction of the
 * time), dated `time` (local wall clock, as ZIP keeps it); without one, the format's first day
 * (1980-01-01 00:00), so that the same content gives the same bytes.
 */
export function zipOne(filename: string, content: string | Uint8Array, time?: Date): Buffer {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const name = Buffer.from(filename, 'utf8');
  const packed = zlib.deflateRawSync(data, { level: 1 });
  const crc = crc32(data);
  // Bit 11: the name is UTF-8 (a Chinese file name reads the same everywhere).
  const flags = /^[\x20-\x7e]*$/.test(filename) ? 0 : 0x0800;
  const dosTime = time ? ((time.getHours() << 11) | (time.getMinutes() << 5) | (time.getSeconds() >> 1)) & 0xffff : 0;
  const dosDate = time ? (((time.getFullYear() - 1980) << 9) | ((time.getMonth() + 1) << 5) | time.getDate()) & 0xffff : (1 << 5) | 1;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); // local file header
  local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt16LE(dosTime, 10);
  local.writeUInt16LE(dosDate, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); // central directory header
  central.writeUInt16LE(20, 4); // made by: 2.0
  local.copy(central, 6, 4, 28); // version needed … name length, as in the local header
  // (extra, comment, disk number, internal and external attributes: 0)
  central.writeUInt32LE(0, 42); // the local header's offset
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(local.length + name.length + packed.length, 16);
  return Buffer.concat([local, name, packed, central, name, end]);
}

/** CRC-32 of the ZIP format: Node's own where it has one (20.15+), else a table. */
const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function'
    ? (data) => (zlib as unknown as { crc32(d: Uint8Array): number }).crc32(data) >>> 0
    : tableCrc32;

let CRC_TABLE: Uint32Array | undefined;
function tableCrc32(data: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      CRC_TABLE[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export { tableCrc32 as crc32ByTable };

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Every file entry (directories skipped). Throws on a body that is not a ZIP or an entry whose CRC does not match. */
export function unzipAll(buf: Uint8Array): ZipEntry[] {
  const z = new AdmZip(Buffer.from(buf));
  return z
    .getEntries()
    .filter((e) => !e.isDirectory)
    .map((e) => ({ name: e.entryName, data: entryData(e) }));
}

/**
 * An entry's bytes. Stored and deflated entries (what centers and hisops write) are inflated by
 * zlib and checked with the native CRC — a 3202 result is megabytes, and adm-zip's CRC is
 * computed in JavaScript; anything else (encrypted, other methods) is left to adm-zip.
 */
function entryData(e: AdmZip.IZipEntry): Buffer {
  const h = e.header as unknown as { method: number; crc: number; size: number; flags: number };
  if ((h.flags & 1) !== 0 || (h.method !== 0 && h.method !== 8)) return e.getData();
  const raw = e.getCompressedData();
  const data = h.method === 8 ? zlib.inflateRawSync(raw) : raw;
  if (data.length !== h.size || crc32(data) !== h.crc >>> 0) throw new Error(`${e.entryName}: the data does not match its CRC32 or size (the ZIP is damaged)`);
  return data;
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
