/**
 * `hisops trace library …`, `trace relation …` and `trace check` with the library, end to end
 * in-process: a journal in a temporary folder, the sandbox center on a free port answering
 * ZSMCJ003 over HTTP, files as a hospital would hand them over, English and Chinese output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { startSandbox, type Sandbox } from '../../src/core/center/sandbox/index.js';
import { traceLibraryEntries } from '../../src/core/center/sandbox/catalogGen.js';
import { englishSentences } from '../helpers/englishSentence.js';
import { CODE, tmpDir } from '../integration/trace/helpers.js';
import { code, NATIONAL, PREFIX, saleRows } from '../unit/trace/fixtures.js';

let dir: string;
let sb: Sandbox;

async function hisops(argv: string[]) {
  const io = memoryIo({ cwd: dir, env: { CI: 'true' } });
  const exit = await main(argv, io);
  const out = io.out();
  return { exit, out, err: io.err(), json: () => JSON.parse(out) as { ok: boolean; data: any; error?: any } };
}

function expectChinese(r: { out: string; err: string }, what: string): void {
  const text = `${r.out}\n${r.err}`;
  expect(text, what).toMatch(/[\u4e00-\u9fff]/);
  expect(englishSentences(text), `${what}\n${text}`).toEqual([]);
}

const OTHER_PREFIX = '8111111';
const OTHER_NATIONAL = 'XA10BAA0000000000009';

function csv(rows: Array<Record<string, unknown>>): string {
  const cols = Object.keys(rows[0]!);
  return (
    [
      cols.join(','),
      ...rows.map((r) => cols.map((c) => (r[c] === null || r[c] === undefined ? '' : String(r[c]))).join(',')),
    ].join('\n') + '\n'
  );
}

beforeAll(async () => {
  dir = tmpDir('cli-library');
  sb = await startSandbox({ dataFile: ':memory:' });
  fs.writeFileSync(
    path.join(dir, 'hisops.yaml'),
    `journal:
  url: sqlite:journal.db
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 示例医院
    his:
      url: sqlite:his.db
    center:
      url: ${sb.url}
      timeoutMs: 5000
trace:
  library:
    pageSize: 20
`,
  );
  fs.writeFileSync(
    path.join(dir, 'library.csv'),
    [
      '药品标识码,国家医保编码,药品名称,本位码,批准文号,包装级别,包装比例',
      `${PREFIX},${NATIONAL},孟鲁司特钠片,86900000000001,国药准字H20030001,1,1:10:100`,
      `${OTHER_PREFIX},${OTHER_NATIONAL},二甲双胍片,86900000000009,国药准字H20030009,1,1:10:100`,
    ].join('\n') + '\n',
  );
  // One sale of the mapped drug carrying a box of its own, a box of another drug and a box the library does not know.
  const rows = saleRows('S100', '2026-03-02 09:00:00', [code(1), code(2, OTHER_PREFIX), code(3, '8555555')]).map(
    (r) => ({ ...r, med_list_codg: NATIONAL, map_cnt: 1 }),
  );
  fs.writeFileSync(path.join(dir, 'dispensing.csv'), csv(rows));
});

afterAll(async () => {
  await sb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('hisops trace library', () => {
  it('import: a dry run shows the counts, --apply writes version 1', async () => {
    const dry = await hisops(['trace', 'library', 'import', 'library.csv', '--json']);
    expect(dry.exit).toBe(0);
    expect(dry.json().data).toMatchObject({ entries: 2, diff: { added: 2 }, version: null });
    const r = await hisops(['trace', 'library', 'import', 'library.csv', '--apply']);
    expect(r.exit).toBe(0);
    expect(r.out).toMatch(/version 1: 2 entries/);
  });

  it('show: finds a scanned code by its product code; an unknown code exits 3', async () => {
    const r = await hisops(['trace', 'library', 'show', code(42, OTHER_PREFIX), '--json']);
    expect(r.exit).toBe(0);
    expect(r.json().data.entries[0]).toMatchObject({
      trac_prefix: OTHER_PREFIX,
      med_list_codg: OTHER_NATIONAL,
      drug_name: '二甲双胍片',
      aprvno: '国药准字H20030009',
    });
    const byDrug = await hisops(['trace', 'library', 'show', NATIONAL, '--json']);
    expect(byDrug.json().data.entries.map((e: { trac_prefix: string }) => e.trac_prefix)).toEqual([PREFIX]);
    const none = await hisops(['trace', 'library', 'show', code(1, '8777777')]);
    expect(none.exit).toBe(3);
    const zh = await hisops(['trace', 'library', 'show', code(42, OTHER_PREFIX), '--lang', 'zh-CN']);
    expectChinese(zh, 'trace library show');
    expect(zh.out).toContain('二甲双胍片');
  });

  it('check: a code of another drug is a finding (exit 3), a code the library lacks only a note', async () => {
    const r = await hisops(['trace', 'check', 'dispensing.csv', '--json']);
    expect(r.exit).toBe(3);
    const d = r.json().data;
    expect(d.findings.map((f: { kind: string }) => f.kind)).toEqual(['drug_mismatch']);
    expect(d.findings[0]).toMatchObject({
      fixmedins_hilist_id: 'YP00021',
      drug_trac_codg: code(2, OTHER_PREFIX),
      library: { med_list_codg: OTHER_NATIONAL, drug_name: '二甲双胍片' },
    });
    expect(d.notes.map((f: { kind: string; drug_trac_codg: string }) => [f.kind, f.drug_trac_codg])).toEqual([
      ['not_in_library', code(3, '8555555')],
    ]);
    expect(d.library).toMatchObject({ version: 1, entries: 2 });
    const zh = await hisops(['trace', 'check', 'dispensing.csv', '--lang', 'zh-CN']);
    expect(zh.exit).toBe(3);
    expectChinese(zh, 'trace check with the library');
    expect(zh.out).toContain('药品不符');
    expect(zh.out).toContain('二甲双胍片');
  });

  it('a file with bad rows stops with file:line field and fix, in Chinese too', async () => {
    fs.writeFileSync(path.join(dir, 'bad.csv'), `药品标识码,医保编码,包装级别\n${PREFIX},${NATIONAL},1\n12345,,9\n`);
    const r = await hisops(['trace', 'library', 'import', 'bad.csv', '--apply']);
    expect(r.exit).toBe(2);
    expect(r.err).toMatch(/bad\.csv:3 trac_prefix/);
    expect(r.err).toMatch(/bad\.csv:3 med_list_codg/);
    expect(r.err).toMatch(/bad\.csv:3 pac_lv/);
    const zh = await hisops(['trace', 'library', 'import', 'bad.csv', '--lang', 'zh-CN']);
    expectChinese(zh, 'trace library import, bad rows');
    expect(zh.err).toMatch(/TRACE_LIBRARY_FILE/);
  });

  it('download: pages ZSMCJ003 from the sandbox over HTTP and replaces the library (dry run first)', async () => {
    const expected = traceLibraryEntries(1);
    const dry = await hisops(['trace', 'library', 'download', '--json']);
    expect(dry.exit).toBe(0);
    expect(dry.json().data).toMatchObject({
      source: 'ZSMCJ003',
      entries: expected.length,
      pages: Math.ceil(expected.length / 20),
      version: null,
      diff: { added: expected.length, removed: 2 },
    });
    const r = await hisops(['trace', 'library', 'download', '--apply', '--lang', 'zh-CN']);
    expect(r.exit).toBe(0);
    expectChinese(r, 'trace library download');
    expect(r.out).toMatch(/第 2 版/);
    const e = expected[4]!;
    const show = await hisops(['trace', 'library', 'show', `${e.trac_prefix}0000000000077`, '--json']);
    expect(show.json().data.entries[0]).toMatchObject({ med_list_codg: e.med_list_codg, pac_lv: e.pac_lv });
  });
});

describe('hisops trace library download with other field names', () => {
  it('an answer that does not read as entries exits 5 naming trace.library, in Chinese too, and keeps the library', async () => {
    const yaml = fs
      .readFileSync(path.join(dir, 'hisops.yaml'), 'utf8')
      .replace('    pageSize: 20\n', '    pageSize: 20\n    fields:\n      trac_prefix: ypbsm\n');
    fs.writeFileSync(path.join(dir, 'other.yaml'), yaml);
    const before = (await hisops(['trace', 'library', 'show', NATIONAL, '--json'])).json().data.library;
    const r = await hisops(['trace', 'library', 'download', '--apply', '--config', 'other.yaml', '--lang', 'zh-CN']);
    expect(r.exit).toBe(5);
    expect(r.err).toMatch(/TRACE_LIBRARY_ANSWER/);
    expect(r.err).toMatch(/trace\.library\.fields/);
    // One error naming the configured name and the names the answer does carry, not one refusal per entry.
    expect(r.err).toContain('ypbsm');
    expect(r.err).toMatch(/med_list_codg.*trac_prefix|trac_prefix.*med_list_codg/);
    expect(r.err.trim().split('\n').length).toBeLessThanOrEqual(3);
    expectChinese(r, 'trace library download, other field names');
    expect((await hisops(['trace', 'library', 'show', NATIONAL, '--json'])).json().data.library).toEqual(before);
  });
});

describe('hisops trace relation', () => {
  const c = (p: string, n: number) => p + String(n).padStart(13, '0');
  const CASE = c('8399999', 1);
  const BOXES = [1, 2, 3].map((n) => c(PREFIX, 100 + n));

  it('import then show: a case expands into its boxes, a box names its case', async () => {
    fs.writeFileSync(
      path.join(dir, 'relations.csv'),
      ['parent_trac_codg,drug_trac_codg,pac_lv', ...BOXES.map((b) => `${CASE},${b},1`)].join('\n') + '\n',
    );
    const dry = await hisops(['trace', 'relation', 'import', 'relations.csv', '--json']);
    expect(dry.json().data).toMatchObject({ rows: 3, added: 3, import_id: null });
    const r = await hisops(['trace', 'relation', 'import', 'relations.csv', '--apply', '--lang', 'zh-CN']);
    expect(r.exit).toBe(0);
    expectChinese(r, 'trace relation import');
    const show = await hisops(['trace', 'relation', 'show', CASE, '--json']);
    expect(show.exit).toBe(0);
    expect(show.json().data.small_packages).toEqual(BOXES);
    const box = await hisops(['trace', 'relation', 'show', BOXES[1]!, '--json']);
    expect(box.json().data.parents).toEqual([CASE]);
    const none = await hisops(['trace', 'relation', 'show', c(PREFIX, 999)]);
    expect(none.exit).toBe(3);
  });

  it('a relation putting a stored box into another case is refused with the line, in Chinese too', async () => {
    fs.writeFileSync(path.join(dir, 'relations2.csv'), `父码,子码,级别\n${c('8399999', 2)},${BOXES[0]},1\n`);
    const r = await hisops(['trace', 'relation', 'import', 'relations2.csv', '--apply', '--lang', 'zh-CN']);
    expect(r.exit).toBe(2);
    expectChinese(r, 'trace relation import, conflict');
    expect(r.err).toMatch(/relations2\.csv:2 parent_trac_codg/);
    const en = await hisops(['trace', 'relation', 'import', 'relations2.csv', '--apply']);
    expect(en.exit).toBe(2);
    expect(en.err).toContain('The package relations file was not imported');
  });
});
