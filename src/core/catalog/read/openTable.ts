/**
 * Open any file a hospital or the center hands over as one or more tables of raw rows: the
 * center's download ZIP (each text entry), tab-separated text, CSV, xlsx. Text is decoded as it
 * streams (GBK, UTF-8, UTF-16 detected or given); rows come in batches so a million-row file
 * never sits in memory. File-level troubles (a truncated ZIP, mojibake, undecodable bytes) are
 * reported as problems with the line they were seen on; a file found to be mojibake is not read
 * further, since every row of it would be wrong.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Problem } from '../problems.js';
import { DelimitedParser, sniffDelimiter, type RawRow } from './delimited.js';
import {
  checkBytes,
  chunkDecoder,
  detectEncoding,
  findMojibake,
  type ChunkDecoder,
  type Encoding,
  type EncodingChoice,
} from './encoding.js';
import { GarbleCheck, type Report } from './garbleCheck.js';
import { readXlsx, XlsxError } from './xlsx.js';
// Modules rather than their indexes: the import's reading thread loads this one, and its start-up
// is part of every big import's time.
import { isZipFile, listZipEntries, readZipEntry } from '../../files/zipFile.js';
import { ZipError } from '../../shared/zip.js';

export type TableFormat = 'tsv' | 'csv' | 'xlsx';

export interface TableSource {
  /** What to call it in messages: `file.zip!inner.txt` for a ZIP entry. */
  file: string;
  /** The file on disk, and the entry inside it for a ZIP. */
  path: string;
  entry?: string;
  format: TableFormat;
  encoding?: Encoding;
  encodingHow?: 'bom' | 'detected' | 'given';
  rows(): AsyncGenerator<RawRow[]>;
}

interface OpenOptions {
  encoding?: EncodingChoice;
  sheet?: string;
  onProblem: (p: Problem) => void;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
  /** Lines sampled for mojibake (default 300). */
  sampleLines?: number;
}

function formatOf(name: string): TableFormat | 'xls' | undefined {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.xls') return 'xls';
  if (ext === '.csv') return 'csv';
  if (ext === '.txt' || ext === '.tsv' || ext === '.tab' || ext === '') return 'tsv';
  return undefined;
}

async function* fileChunks(file: string, chunkSize: number): AsyncGenerator<Buffer> {
  const s = fs.createReadStream(file, { highWaterMark: chunkSize });
  try {
    for await (const c of s) yield c as Buffer;
  } finally {
    s.destroy();
  }
}

/** Collect an async byte stream (for xlsx entries inside a ZIP). */
async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** A chunk's decoded text in slices, where each slice's tabs are and the CRCs of its lines (undefined: not noted). */
interface Decoded {
  texts: string[];
  tabs: (Int32Array | undefined)[];
  crcs: (Uint32Array | undefined)[];
}

/** The decoder and parser of a text table, set up from its first chunk. */
class TextReader {
  private decoder?: ChunkDecoder;
  private parser?: DelimitedParser;

  constructor(
    private readonly src: TableSource,
    private readonly o: OpenOptions,
    private readonly check: GarbleCheck,
  ) {}

  get started(): boolean {
    return !!this.decoder;
  }

  /** A chunk of bytes → its decoded text, in slices, and where each slice's tabs are when the decoder noted them. */
  decode(chunk: Buffer): Decoded {
    let buf: Uint8Array = chunk;
    if (!this.decoder) {
      const d = detectEncoding(chunk.subarray(0, 65536), this.o.encoding ?? 'auto');
      this.src.encoding = d.encoding;
      this.src.encodingHow = d.how;
      this.decoder = chunkDecoder(d.encoding);
      buf = chunk.subarray(d.skip);
      this.check.byteFinding = checkBytes(buf, d.encoding);
    }
    // Decoded text stays in slices of 32 KiB, each cut into lines on its own: strings that small
    // live in V8's young generation and die cheaply, where megabyte strings would pile up in the
    // old one until a full GC.
    const d = this.decoder;
    const texts: string[] = [];
    const tabs: (Int32Array | undefined)[] = [];
    const crcs: (Uint32Array | undefined)[] = [];
    for (let i = 0; i === 0 || i < buf.length; i += 32768) {
      texts.push(d.write(buf.length <= 32768 ? buf : buf.subarray(i, i + 32768)));
      tabs.push(d.tabs);
      crcs.push(d.lineCrcs);
    }
    return { texts, tabs, crcs };
  }

  /** Decoded text → the rows it completes (the first text also settles the delimiter). */
  rows({ texts, tabs, crcs }: Decoded): RawRow[] {
    if (!this.parser) {
      const src = this.src;
      const text = texts.join('');
      const nl = text.indexOf('\n');
      const first = nl >= 0 ? text.slice(0, nl) : text;
      const delimiter = src.format === 'csv' || !first.includes('\t') ? sniffDelimiter(first) : '\t';
      if (src.format === 'tsv' && delimiter !== '\t') src.format = 'csv';
      this.parser = new DelimitedParser({ delimiter, quotes: src.format === 'csv' });
    }
    if (texts.length === 1) return this.parser.push(texts[0]!, tabs[0], crcs[0]);
    const out: RawRow[] = [];
    texts.forEach((t, i) => {
      for (const r of this.parser!.push(t, tabs[i], crcs[i])) out.push(r);
    });
    return out;
  }

  /** The end of the bytes: the undecoded rest, the last line, and an open quote's line if any. */
  end(): { text: string; rows: RawRow[]; unclosedQuoteLine?: number } {
    const text = this.decoder!.write(new Uint8Array(0)) + this.decoder!.end();
    const rows = this.parser ? [...this.parser.push(text), ...this.parser.end()] : [];
    return { text, rows, unclosedQuoteLine: this.parser?.unclosedQuoteLine };
  }
}

function textSource(
  label: string,
  where: { path: string; entry?: string },
  declared: TableFormat,
  bytes: () => AsyncGenerator<Buffer>,
  o: OpenOptions,
): TableSource {
  const src: TableSource = {
    file: label,
    ...where,
    format: declared,
    async *rows() {
      const report: Report = (p) => o.onProblem({ file: label, ...p });
      const check = new GarbleCheck(src, report, o.sampleLines ?? 200);
      const reader = new TextReader(src, o, check);
      try {
        for await (const chunk of bytes()) {
          const decoded = reader.decode(chunk);
          const rows = reader.rows(decoded);
          if (check.checked) {
            if (decoded.texts.some((t) => t.includes('\uFFFD'))) check.scanFffd(rows);
            if (rows.length) yield rows;
            continue;
          }
          const released = check.hold(rows, false);
          if (released === false) return;
          if (released.length) yield released;
        }
        if (!reader.started) return; // empty file
        const last = reader.end();
        if (check.checked) {
          if (last.text.includes('\uFFFD')) check.scanFffd(last.rows);
          if (last.rows.length) yield last.rows;
        } else {
          const released = check.hold(last.rows, true);
          if (released === false) return;
          if (released.length) yield released;
        }
        if (last.unclosedQuoteLine) {
          report({
            code: 'UNCLOSED_QUOTE',
            line: last.unclosedQuoteLine,
            message: 'a quoted cell starts here and is never closed, so the rest of the file was read as one cell',
            fix: 'Close the quote (") on that line, or double quotes that are part of the text ("").',
          });
        }
      } catch (e) {
        if (!(e instanceof ZipError)) throw e;
        report({
          code: e.kind === 'unsupported' ? 'ZIP_UNSUPPORTED' : 'ZIP_TRUNCATED',
          line: 0,
          message: e.message,
          fix:
            e.kind === 'unsupported'
              ? 'Unpack it with an archive tool and import the text file inside.'
              : 'Download the file again (hisops catalog download) or copy it again; nothing was imported from it.',
        });
      }
    },
  };
  return src;
}

function xlsxSource(
  label: string,
  where: { path: string; entry?: string },
  data: () => Promise<Buffer>,
  o: OpenOptions,
): TableSource {
  return {
    file: label,
    ...where,
    format: 'xlsx',
    async *rows() {
      let sheet: ReturnType<typeof readXlsx>;
      try {
        sheet = readXlsx(await data(), o.sheet);
      } catch (e) {
        if (e instanceof XlsxError || e instanceof ZipError) {
          o.onProblem({
            file: label,
            line: 0,
            code: 'FILE_UNREADABLE',
            message: e.message,
            fix: 'Open it in Excel and save it again as .xlsx (or as CSV UTF-8), then import that.',
          });
          return;
        }
        throw e;
      }
      const cells: string[] = [];
      for (const r of sheet.rows.slice(0, 300)) for (const c of r.cells) if (c) cells.push(c);
      const f = findMojibake(cells, 'utf8');
      if (f) {
        o.onProblem({
          file: label,
          line: sheet.rows.find((r) => r.cells.includes(f.sample))?.line ?? 1,
          code: 'MOJIBAKE',
          message: `the sheet holds garbled text: "${f.sample.slice(0, 40)}"${f.repaired ? ` would read "${f.repaired.slice(0, 40)}"` : ''}`,
          fix: 'The text was converted with the wrong encoding before it reached Excel: export it again from the source system.',
          value: f.sample.slice(0, 80),
        });
        return;
      }
      for (let i = 0; i < sheet.rows.length; i += 5000) yield sheet.rows.slice(i, i + 5000);
    },
  };
}

/**
 * The tables in a file. Problems that stop a file from being read at all are reported through
 * `onProblem` (and the file yields no table).
 */
export async function openTables(file: string, o: OpenOptions): Promise<TableSource[]> {
  const label = path.basename(file);
  const chunkSize = o.chunkSize ?? 1 << 16;
  const unreadable = await whyUnreadable(file);
  if (unreadable) {
    o.onProblem({ file: label, line: 0, code: 'FILE_UNREADABLE', message: unreadable.message, fix: unreadable.fix });
    return [];
  }
  const fmt = formatOf(file);
  if (fmt === 'xls') {
    o.onProblem({
      file: label,
      line: 0,
      code: 'FILE_UNREADABLE',
      message: 'old Excel .xls files are not read',
      fix: 'Open it in Excel and save it as .xlsx or as CSV (UTF-8), then import that.',
    });
    return [];
  }
  if (fmt === 'xlsx') return [xlsxSource(label, { path: file }, () => fs.promises.readFile(file), o)];
  if (path.extname(file).toLowerCase() === '.zip' || (await isZipFile(file)))
    return zipTables(file, label, chunkSize, o);
  return [textSource(label, { path: file }, fmt ?? 'tsv', () => fileChunks(file, chunkSize), o)];
}

/** Why a path is no file to read (missing, or a folder), or undefined. */
async function whyUnreadable(file: string): Promise<{ message: string; fix: string } | undefined> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return { message: `cannot read ${file}`, fix: 'Check the path and that the file is readable.' };
  }
  if (!stat.isFile()) return { message: `${file} is not a file`, fix: 'Name a file, not a folder.' };
  return undefined;
}

/** Each entry of a ZIP as a table (text or xlsx); a damaged or empty ZIP is a problem and no table. */
async function zipTables(file: string, label: string, chunkSize: number, o: OpenOptions): Promise<TableSource[]> {
  let entries: Awaited<ReturnType<typeof listZipEntries>>;
  try {
    entries = await listZipEntries(file);
  } catch (e) {
    if (e instanceof ZipError) {
      o.onProblem({
        file: label,
        line: 0,
        code: e.kind === 'unsupported' ? 'ZIP_UNSUPPORTED' : 'ZIP_TRUNCATED',
        message: e.message,
        fix:
          e.kind === 'unsupported'
            ? 'Unpack it with an archive tool and import the text file inside.'
            : 'Download the file again (hisops catalog download) or copy it again; nothing was imported from it.',
      });
      return [];
    }
    throw e;
  }
  if (entries.length === 0) {
    o.onProblem({
      file: label,
      line: 0,
      code: 'ZIP_EMPTY',
      message: 'the ZIP holds no files',
      fix: 'Download the catalog again; an empty answer means there was nothing newer than the version asked for.',
    });
    return [];
  }
  return entries.map((e) => {
    const inner = `${label}!${e.name}`;
    const f = formatOf(e.name) ?? 'tsv';
    if (f === 'xlsx')
      return xlsxSource(inner, { path: file, entry: e.name }, () => collect(readZipEntry(file, e, chunkSize)), o);
    return textSource(
      inner,
      { path: file, entry: e.name },
      f === 'xls' ? 'tsv' : f,
      () => readZipEntry(file, e, chunkSize),
      o,
    );
  });
}
