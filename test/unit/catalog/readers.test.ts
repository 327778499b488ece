import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DelimitedParser, splitQuoted } from '../../../src/core/catalog/read/delimited.js';
import { chunkDecoder, detectEncoding, findMojibake } from '../../../src/core/catalog/read/encoding.js';
import { openTables } from '../../../src/core/catalog/read/openTable.js';
import { readXlsx } from '../../../src/core/catalog/read/xlsx.js';
import { listZipEntries, readZipEntry } from '../../../src/core/files/index.js';
import type { Problem } from '../../../src/core/catalog/problems.js';
import { centerZip, csv, encode, REAL_NAMES, tmpDir, writeFile, xlsx } from '../../fixtures/catalog/make.js';

const dir = tmpDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(file: string, o: { encoding?: 'auto' | 'utf8' | 'gbk'; chunkSize?: number } = {}) {
  const problems: Problem[] = [];
  const tables = await openTables(file, {
    encoding: o.encoding,
    chunkSize: o.chunkSize,
    onProblem: (p) => problems.push(p),
  });
  const rows: Array<{ line: number; cells: string[] }> = [];
  for (const t of tables)
    for await (const b of t.rows()) for (const r of b) rows.push({ line: r.line, cells: r.cells });
  return { tables, rows, problems };
}

describe('encodings', () => {
  it('detects BOM, UTF-8 and GBK', () => {
    expect(detectEncoding(encode('医疗,1', 'utf8bom'))).toMatchObject({ encoding: 'utf8', skip: 3, how: 'bom' });
    expect(detectEncoding(encode('医疗,1', 'utf8'))).toMatchObject({ encoding: 'utf8', how: 'detected' });
    expect(detectEncoding(encode('医疗,1', 'gbk'))).toMatchObject({ encoding: 'gbk', how: 'detected' });
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x3b, 0x53]))).toMatchObject({ encoding: 'utf16le', skip: 2 });
    expect(detectEncoding(encode('医疗', 'gbk'), 'utf8')).toMatchObject({ encoding: 'utf8', how: 'given' });
  });

  it('a UTF-8 prefix cut inside a character still counts as UTF-8', () => {
    const b = encode('一次性使用无菌注射器', 'utf8');
    expect(detectEncoding(b.subarray(0, b.length - 1)).encoding).toBe('utf8');
  });

  it('decodes GBK split at any byte across chunks', () => {
    const text = REAL_NAMES.join('\t');
    const bytes = encode(text, 'gbk');
    for (const cut of [1, 2, 3, 7, 100]) {
      const d = chunkDecoder('gbk');
      let out = '';
      for (let i = 0; i < bytes.length; i += cut) out += d.write(bytes.subarray(i, i + cut));
      out += d.end();
      expect(out).toBe(text);
    }
  });

  it('finds UTF-8 text that was read as GBK, and says how it would read', () => {
    const garbled = REAL_NAMES.slice(0, 20).map((n) => iconv.decode(Buffer.from(n, 'utf8'), 'gbk'));
    const f = findMojibake(garbled, 'gbk');
    expect(f?.kind).toBe('utf8-as-gbk');
    expect(REAL_NAMES).toContain(f?.repaired);
    expect(f?.suggest).toBe('utf8');
  });

  it('finds UTF-8 text that was read as Latin-1', () => {
    const f = findMojibake([Buffer.from('一次性使用无菌注射器', 'utf8').toString('latin1')], 'utf8');
    expect(f).toMatchObject({ kind: 'utf8-as-latin1', repaired: '一次性使用无菌注射器' });
  });

  it('finds replacement characters and the classic 锟斤拷; one broken cell alone is a damaged line', () => {
    expect(findMojibake(['医疗\uFFFD\uFFFD', '\uFFFD药', '耗\uFFFD'], 'utf8')).toMatchObject({
      kind: 'wrong-encoding',
      suggest: 'gbk',
    });
    expect(findMojibake([...REAL_NAMES, '医疗\uFFFD'], 'utf8')).toBeUndefined();
    expect(findMojibake(['锟斤拷锟斤拷'], 'utf8')?.kind).toBe('replacement-chars');
  });

  it('never takes sound Chinese text for mojibake', () => {
    expect(findMojibake(REAL_NAMES, 'gbk')).toBeUndefined();
    expect(findMojibake(REAL_NAMES, 'utf8')).toBeUndefined();
  });
});

describe('delimited text', () => {
  it('splits CSV with quotes, doubled quotes, delimiters and line breaks inside cells', () => {
    expect(splitQuoted('a,"b,c","d ""e""",', ',')).toEqual(['a', 'b,c', 'd "e"', '']);
    const p = new DelimitedParser({ delimiter: ',', quotes: true });
    const rows = [...p.push('h1,h2\r\n1,"two\r\nlines"\r\n\r\n3,'), ...p.push('x\n'), ...p.end()];
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ['h1', 'h2']],
      [2, ['1', 'two\nlines']],
      [5, ['3', 'x']],
    ]);
  });

  it('gives the same rows however the text is cut into chunks', () => {
    const text = 'a\tb\n"c\td\n\ne\tf\n';
    const whole = new DelimitedParser({ delimiter: '\t', quotes: false });
    const want = [...whole.push(text), ...whole.end()].map((r) => [r.line, r.cells]);
    for (let size = 1; size < text.length; size++) {
      const p = new DelimitedParser({ delimiter: '\t', quotes: false });
      const got = [];
      for (let i = 0; i < text.length; i += size) got.push(...p.push(text.slice(i, i + size)));
      got.push(...p.end());
      expect(got.map((r) => [r.line, r.cells])).toEqual(want);
    }
    expect(want).toEqual([
      [1, ['a', 'b']],
      [2, ['"c', 'd']],
      [4, ['e', 'f']],
    ]);
  });

  it('reports a quote that is never closed', async () => {
    const f = writeFile(dir, 'open-quote.csv', 'a,b\n1,"never closed\n2,3\n');
    const { problems } = await readAll(f);
    expect(problems).toEqual([expect.objectContaining({ code: 'UNCLOSED_QUOTE', line: 2 })]);
  });
});

describe('files', () => {
  it('reads the center ZIP of GBK text, rows numbered from 1, in small chunks', async () => {
    const rows = REAL_NAMES.map((n, i) => [`C${String(i).padStart(19, '0')}`, n, 'null']);
    const f = await centerZip(dir, 'gbk.zip', rows, 'gbk');
    const got = await readAll(f, { chunkSize: 64 });
    expect(got.problems).toEqual([]);
    expect(got.tables[0]).toMatchObject({
      file: 'gbk.zip!data.txt',
      format: 'tsv',
      encoding: 'gbk',
      encodingHow: 'detected',
      entry: 'data.txt',
    });
    expect(got.rows.map((r) => r.cells)).toEqual(rows);
    expect(got.rows.map((r) => r.line)).toEqual(rows.map((_, i) => i + 1));
  });

  it('reads GBK even when told nothing, and UTF-8 with a BOM', async () => {
    const a = await readAll(
      writeFile(
        dir,
        'a.csv',
        encode(
          csv([
            ['医保编码', '名称'],
            ['C1', '医用纱布块'],
          ]),
          'gbk',
        ),
      ),
    );
    const b = await readAll(
      writeFile(
        dir,
        'b.csv',
        encode(
          csv([
            ['医保编码', '名称'],
            ['C1', '医用纱布块'],
          ]),
          'utf8bom',
        ),
      ),
    );
    expect(a.rows).toEqual(b.rows);
    expect(a.rows[1]!.cells[1]).toBe('医用纱布块');
  });

  it('reports a GBK file read as UTF-8 (garbled) with the fix, and reads no rows', async () => {
    const f = writeFile(
      dir,
      'wrong.csv',
      encode(csv([['医保编码', '名称'], ...REAL_NAMES.map((n) => ['C1', n])]), 'gbk'),
    );
    const { rows, problems } = await readAll(f, { encoding: 'utf8' });
    expect(rows).toEqual([]);
    expect(problems[0]).toMatchObject({ code: 'MOJIBAKE', file: 'wrong.csv', fix: 'Run again with --encoding gbk.' });
  });

  it('reports a UTF-8 file read as GBK, naming what the text would read', async () => {
    const f = writeFile(
      dir,
      'wrong2.csv',
      encode(csv([['医保编码', '名称'], ...REAL_NAMES.map((n) => ['C1', n])]), 'utf8'),
    );
    const { problems } = await readAll(f, { encoding: 'gbk' });
    expect(problems[0]!.code).toBe('MOJIBAKE');
    expect(problems[0]!.message).toMatch(/would read "医保编码"|would read "一次性/);
    expect(problems[0]!.fix).toBe('Run again with --encoding utf8.');
  });

  it('reports a file whose text was garbled before it was saved', async () => {
    const garbled = REAL_NAMES.map((n) => iconv.decode(Buffer.from(n, 'utf8'), 'gbk'));
    const f = writeFile(
      dir,
      'baked.csv',
      encode(csv([['医保编码', '名称'], ...garbled.map((n) => ['C1', n])]), 'utf8'),
    );
    const { problems } = await readAll(f);
    expect(problems[0]).toMatchObject({ code: 'MOJIBAKE', line: 2 });
  });

  it('reports a damaged line of an otherwise sound file by line and column', async () => {
    const good = encode(csv([['医保编码', '名称'], ...REAL_NAMES.map((n) => ['C1', n])]), 'utf8');
    const bad = Buffer.concat([good, Buffer.from('C2,'), Buffer.from([0xe5, 0x8c]), Buffer.from('x\r\n')]);
    const { rows, problems } = await readAll(writeFile(dir, 'damaged.csv', bad));
    expect(rows.length).toBe(REAL_NAMES.length + 2);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'BAD_ENCODING', line: REAL_NAMES.length + 2, column: 'col 2' }),
    ]);
  });

  it('reports a truncated ZIP and reads nothing from it', async () => {
    const whole = await centerZip(
      dir,
      'whole.zip',
      REAL_NAMES.map((n) => ['C1', n]),
      'gbk',
    );
    const bytes = fs.readFileSync(whole);
    const cut = writeFile(dir, 'cut.zip', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const { rows, problems } = await readAll(cut);
    expect(rows).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ code: 'ZIP_TRUNCATED', line: 0, file: 'cut.zip' })]);
  });

  it('notices a ZIP whose data was damaged (CRC)', async () => {
    const whole = await centerZip(
      dir,
      'crc.zip',
      REAL_NAMES.map((n) => ['C1', n]),
      'utf8',
    );
    const [e] = await listZipEntries(whole);
    const bytes = Buffer.from(fs.readFileSync(whole));
    // Flip the stored CRC in the central directory.
    const cd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bytes.writeUInt32LE((e!.crc32 ^ 1) >>> 0, cd + 16);
    const f = writeFile(dir, 'crc-bad.zip', bytes);
    const { problems } = await readAll(f);
    expect(problems.map((p) => p.code)).toEqual(['ZIP_TRUNCATED']);
    expect(problems[0]!.message).toMatch(/checksum/);
  });

  it('streams an entry in chunks and checks its size', async () => {
    const f = await centerZip(
      dir,
      'stream.zip',
      REAL_NAMES.map((n) => ['C1', n]),
      'utf8',
    );
    const [e] = await listZipEntries(f);
    let n = 0;
    for await (const c of readZipEntry(f, e!, 16)) n += c.length;
    expect(n).toBe(e!.size);
  });

  it('reads a minimal xlsx: shared and inline strings, numbers, row numbers as lines', async () => {
    const f = xlsx(dir, 'm.xlsx', [
      ['院内编码', '项目名称', '开始日期', '数量'],
      ['A001', '=inline:医用纱布块', 45352, 0.1],
      [],
      ['A<&>', '注射器', '2024-03-01', 12],
    ]);
    const sheet = readXlsx(fs.readFileSync(f));
    expect(sheet.rows).toEqual([
      { line: 1, cells: ['院内编码', '项目名称', '开始日期', '数量'] },
      { line: 2, cells: ['A001', '医用纱布块', '45352', '0.1'] },
      { line: 4, cells: ['A<&>', '注射器', '2024-03-01', '12'] },
    ]);
    const { rows } = await readAll(f);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('says what to do with an old .xls file or a missing file', async () => {
    const a = await readAll(writeFile(dir, 'old.xls', 'x'));
    expect(a.problems[0]).toMatchObject({ code: 'FILE_UNREADABLE', fix: expect.stringMatching(/save it as \.xlsx/) });
    const b = await readAll(path.join(dir, 'nope.csv'));
    expect(b.problems[0]!.code).toBe('FILE_UNREADABLE');
  });
});
