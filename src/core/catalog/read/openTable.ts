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
import { checkBytes, chunkDecoder, detectEncoding, findMojibake, type Encoding, type EncodingChoice, type MojibakeFinding } from './encoding.js';
import { readXlsx, XlsxError } from './xlsx.js';
import { isZipFile, listZipEntries, readZipEntry, ZipError } from '../../shared/index.js';

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

export interface OpenOptions {
  encoding?: EncodingChoice;
  sheet?: string;
  onProblem: (p: Problem) => void;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
  /** Lines sampled for mojibake (default 300). */
  sampleLines?: number;
}

const ENCODING_FIX: Record<string, string> = {
  utf8: 'Run again with --encoding utf8.',
  gbk: 'Run again with --encoding gbk.',
  utf16le: 'Save the file as UTF-8 or GBK text and run again.',
};

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

function sliceDecode(decoder: { write(c: Uint8Array): string }, buf: Uint8Array): string {
  let out = '';
  for (let i = 0; i < buf.length; i += 32768) out += decoder.write(buf.subarray(i, i + 32768));
  return out;
}

function textSource(label: string, where: { path: string; entry?: string }, declared: TableFormat, bytes: () => AsyncGenerator<Buffer>, o: OpenOptions): TableSource {
  const src: TableSource = {
    file: label,
    ...where,
    format: declared,
    async *rows() {
      const sampleLines = o.sampleLines ?? 200;
      let parser: DelimitedParser | undefined;
      let decoder: ReturnType<typeof chunkDecoder> | undefined;
      const sample: string[] = [];
      let sampledRows = 0;
      let checked = false;
      let held: RawRow[] = [];
      const report = (p: Omit<Problem, 'file'>) => o.onProblem({ file: label, ...p });
      let byteFinding: MojibakeFinding | undefined;
      const checkSample = (force: boolean): boolean => {
        if (checked || (!force && sampledRows < sampleLines)) return true;
        checked = true;
        const f = byteFinding ?? findMojibake(sample, src.encoding!);
        if (!f) {
          // The file reads soundly: broken characters now are damaged lines, reported one by one.
          scanFffd(held);
          return true;
        }
        const line = held.find((r) => r.cells.some((c) => c.includes(f.sample)))?.line ?? 1;
        const what =
          f.kind === 'utf8-as-gbk'
            ? `UTF-8 text read as GBK${src.encodingHow === 'given' ? '' : ' (or converted that way before)'}`
            : f.kind === 'utf8-as-latin1'
              ? 'UTF-8 text that was read as Latin-1 once'
              : f.kind === 'wrong-encoding'
                ? `bytes that are not ${src.encoding === 'utf8' ? 'UTF-8' : src.encoding}`
                : 'characters already lost (U+FFFD, 锟斤拷) by an earlier conversion';
        report({
          code: 'MOJIBAKE',
          line,
          message: `the text is garbled — ${what}: "${f.sample.slice(0, 40)}"${f.repaired ? ` would read "${f.repaired.slice(0, 40)}"` : ''}; the file was not read further`,
          fix: f.suggest ? ENCODING_FIX[f.suggest]! : f.kind === 'utf8-as-gbk' && src.encoding === 'utf8' ? 'The file itself holds garbled text: export it again from the source system as UTF-8 or GBK without converting it.' : 'Get a fresh copy of the file from its source (the center\'s download, or an export saved as UTF-8 or GBK).',
          value: f.sample.slice(0, 80),
        });
        return false;
      };
      const scanFffd = (rows: RawRow[]) => {
        for (const r of rows) {
          for (let i = 0; i < r.cells.length; i++) {
            if (r.cells[i]!.includes('\uFFFD')) {
              report({
                code: 'BAD_ENCODING',
                line: r.line,
                column: `col ${i + 1}`,
                message: `bytes that are not valid ${src.encoding === 'utf8' ? 'UTF-8' : src.encoding?.toUpperCase()} (shown as �)`,
                fix: src.encoding === 'utf8' ? ENCODING_FIX.gbk! : 'The file is damaged at this line: get a fresh copy, or fix the line in a text editor that shows the encoding.',
                value: r.cells[i]!.slice(0, 80),
              });
              break;
            }
          }
        }
      };
      try {
        for await (const chunk of bytes()) {
          let buf: Uint8Array = chunk;
          if (!decoder) {
            const d = detectEncoding(chunk.subarray(0, 65536), o.encoding ?? 'auto');
            src.encoding = d.encoding;
            src.encodingHow = d.how;
            decoder = chunkDecoder(d.encoding);
            buf = chunk.subarray(d.skip);
            byteFinding = checkBytes(buf, d.encoding);
          }
          // Decoded text stays in slices of 32 KiB: strings that small live in V8's young generation
          // and die cheaply, where megabyte strings would pile up in the old one until a full GC.
          const text = buf.length <= 32768 ? decoder.write(buf) : sliceDecode(decoder, buf);
          if (!parser) {
            const nl = text.indexOf('\n');
            const first = nl >= 0 ? text.slice(0, nl) : text;
            const delimiter = src.format === 'csv' || !first.includes('\t') ? sniffDelimiter(first) : '\t';
            if (src.format === 'tsv' && delimiter !== '\t') src.format = 'csv';
            parser = new DelimitedParser({ delimiter, quotes: src.format === 'csv' });
          }
          const rows = parser.push(text);
          if (checked && text.includes('\uFFFD')) scanFffd(rows);
          if (!checked) {
            for (const r of rows) {
              if (sampledRows >= sampleLines) break;
              sampledRows++;
              for (const c of r.cells) if (c) sample.push(c);
            }
            held.push(...rows);
            if (!checkSample(false)) return;
            if (checked) {
              const out = held;
              held = [];
              if (out.length) yield out;
            }
            continue;
          }
          if (rows.length) yield rows;
        }
        if (!decoder) return; // empty file
        const tail = decoder.write(new Uint8Array(0)) + decoder.end();
        const last = parser ? [...parser.push(tail), ...parser.end()] : [];
        if (checked && tail.includes('\uFFFD')) scanFffd(last);
        if (!checked) {
          for (const r of last) for (const c of r.cells) if (c && sample.length < 5000) sample.push(c);
          held.push(...last);
          if (!checkSample(true)) return;
          if (held.length) yield held;
        } else if (last.length) yield last;
        if (parser?.unclosedQuoteLine) {
          report({ code: 'UNCLOSED_QUOTE', line: parser.unclosedQuoteLine, message: 'a quoted cell starts here and is never closed, so the rest of the file was read as one cell', fix: 'Close the quote (") on that line, or double quotes that are part of the text ("").' });
        }
      } catch (e) {
        if (e instanceof ZipError) {
          report({ code: e.kind === 'unsupported' ? 'ZIP_UNSUPPORTED' : 'ZIP_TRUNCATED', line: 0, message: e.message, fix: e.kind === 'unsupported' ? 'Unpack it with an archive tool and import the text file inside.' : 'Download the file again (hisops catalog download) or copy it again; nothing was imported from it.' });
          return;
        }
        throw e;
      }
    },
  };
  return src;
}

function xlsxSource(label: string, where: { path: string; entry?: string }, data: () => Promise<Buffer>, o: OpenOptions): TableSource {
  return {
    file: label,
    ...where,
    format: 'xlsx',
    async *rows() {
      let sheet;
      try {
        sheet = readXlsx(await data(), o.sheet);
      } catch (e) {
        if (e instanceof XlsxError || e instanceof ZipError) {
          o.onProblem({ file: label, line: 0, code: 'FILE_UNREADABLE', message: e.message, fix: 'Open it in Excel and save it again as .xlsx (or as CSV UTF-8), then import that.' });
          return;
        }
        throw e;
      }
      const cells: string[] = [];
      for (const r of sheet.rows.slice(0, 300)) for (const c of r.cells) if (c) cells.push(c);
      const f = findMojibake(cells, 'utf8');
      if (f) {
        o.onProblem({ file: label, line: sheet.rows.find((r) => r.cells.includes(f.sample))?.line ?? 1, code: 'MOJIBAKE', message: `the sheet holds garbled text: "${f.sample.slice(0, 40)}"${f.repaired ? ` would read "${f.repaired.slice(0, 40)}"` : ''}`, fix: 'The text was converted with the wrong encoding before it reached Excel: export it again from the source system.', value: f.sample.slice(0, 80) });
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
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    o.onProblem({ file: label, line: 0, code: 'FILE_UNREADABLE', message: `cannot read ${file}`, fix: 'Check the path and that the file is readable.' });
    return [];
  }
  if (!stat.isFile()) {
    o.onProblem({ file: label, line: 0, code: 'FILE_UNREADABLE', message: `${file} is not a file`, fix: 'Name a file, not a folder.' });
    return [];
  }
  const fmt = formatOf(file);
  if (fmt === 'xls') {
    o.onProblem({ file: label, line: 0, code: 'FILE_UNREADABLE', message: 'old Excel .xls files are not read', fix: 'Open it in Excel and save it as .xlsx or as CSV (UTF-8), then import that.' });
    return [];
  }
  if (fmt === 'xlsx') return [xlsxSource(label, { path: file }, () => fs.promises.readFile(file), o)];
  if (path.extname(file).toLowerCase() === '.zip' || (await isZipFile(file))) {
    let entries;
    try {
      entries = await listZipEntries(file);
    } catch (e) {
      if (e instanceof ZipError) {
        o.onProblem({ file: label, line: 0, code: e.kind === 'unsupported' ? 'ZIP_UNSUPPORTED' : 'ZIP_TRUNCATED', message: e.message, fix: e.kind === 'unsupported' ? 'Unpack it with an archive tool and import the text file inside.' : 'Download the file again (hisops catalog download) or copy it again; nothing was imported from it.' });
        return [];
      }
      throw e;
    }
    if (entries.length === 0) {
      o.onProblem({ file: label, line: 0, code: 'ZIP_EMPTY', message: 'the ZIP holds no files', fix: 'Download the catalog again; an empty answer means there was nothing newer than the version asked for.' });
      return [];
    }
    return entries.map((e) => {
      const inner = `${label}!${e.name}`;
      const f = formatOf(e.name) ?? 'tsv';
      if (f === 'xlsx') return xlsxSource(inner, { path: file, entry: e.name }, () => collect(readZipEntry(file, e, chunkSize)), o);
      return textSource(inner, { path: file, entry: e.name }, f === 'xls' ? 'tsv' : f, () => readZipEntry(file, e, chunkSize), o);
    });
  }
  return [textSource(label, { path: file }, fmt ?? 'tsv', () => fileChunks(file, chunkSize), o)];
}
