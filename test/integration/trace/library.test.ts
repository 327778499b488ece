/**
 * The four-code library and package relations against a real SQLite journal, and the library's
 * download from the sandbox over HTTP (ZSMCJ003, paged): versions, atomic replacement, dry runs
 * that write nothing, conflicts that stop an import, expandPackage / parentsOf.
 */
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { traceLibraryEntries } from '../../../src/core/center/sandbox/catalogGen.js';
import {
  checkStores,
  checkWindow,
  currentLibraryVersion,
  downloadLibrary,
  expandPackage,
  importLibrary,
  importRelations,
  libraryEntries,
  librarySettings,
  parentsOf,
  profileSource,
  traceSettings,
  TRACE_LIBRARY_TABLE,
  TRACE_RELATIONS_TABLE,
} from '../../../src/core/trace/index.js';
import { isHisopsError, type HisopsError } from '../../../src/core/errors.js';
import { runStatement } from '../../../src/core/his/index.js';
import { centerConfig, openWorld, seededHisFile, tmpDir } from './helpers.js';

let dir: string;
let journal: Journal;
let sb: Sandbox;
const now = new Date('2026-03-01T08:00:00Z');

async function caught(p: Promise<unknown>): Promise<HisopsError> {
  try {
    await p;
  } catch (e) {
    if (isHisopsError(e)) return e;
    throw e;
  }
  throw new Error('expected an error');
}

function write(name: string, text: string, enc: 'utf8' | 'gbk' = 'utf8'): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, enc === 'gbk' ? iconv.encode(text, 'gbk') : text);
  return f;
}

const LIB = [
  '药品标识码,医保编码,药品名称,本位码,批准文号,包装级别,包装比例',
  '8123456,XA01AAA0000000000001,阿莫西林胶囊,86900000000001,国药准字H00000001,1,1:10:100',
  '8123457,XA01AAA0000000000001,阿莫西林胶囊,86900000000001,国药准字H00000001,2,1:10:100',
  '8200001,XB02BBB0000000000002,布洛芬缓释胶囊,86900000000002,国药准字H00000002,小,',
].join('\n');

beforeAll(async () => {
  dir = tmpDir('library');
  journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  sb = await startSandbox({ dataFile: ':memory:', catalog: { versions: 3, perVersion: 6 } });
});

afterAll(async () => {
  await sb?.close();
  await journal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('trace library import', () => {
  it('a dry run counts and writes nothing (no table is created)', async () => {
    const r = await importLibrary({ journal, file: write('lib.csv', LIB), apply: false, runId: 'r0', now });
    expect(r).toMatchObject({
      rows: 3,
      entries: 3,
      prefixes: 3,
      diff: { added: 3, changed: 0, removed: 0, unchanged: 0 },
      before: null,
      version: null,
    });
    expect(await journal.knex.schema.hasTable(TRACE_LIBRARY_TABLE.name)).toBe(false);
  });

  it('imports a GBK text file as version 1, and a second file replaces it whole as version 2', async () => {
    const tsv = LIB.replace(/,/g, '\t');
    const r1 = await importLibrary({ journal, file: write('lib-gbk.txt', tsv, 'gbk'), apply: true, runId: 'r1', now });
    expect(r1.version).toMatchObject({ version: 1, entries: 3, prefixes: 3, source: 'file' });
    const got = await libraryEntries(journal, ['8123456', '8200001', '8999999']);
    expect(got.get('8123456')![0]).toMatchObject({
      med_list_codg: 'XA01AAA0000000000001',
      drug_name: '阿莫西林胶囊',
      drugstdcode: '86900000000001',
      aprvno: '国药准字H00000001',
      pac_lv: '1',
    });
    expect(got.get('8200001')![0]!.pac_lv).toBe('1');
    expect(got.has('8999999')).toBe(false);

    const next = [
      LIB.split('\n')[0],
      '8123456,XA01AAA0000000000001,阿莫西林胶囊,86900000000001,国药准字H00000001,1,1:20:200',
      '8200001,XB02BBB0000000000002,布洛芬缓释胶囊,86900000000002,国药准字H00000002,1,',
      '8300001,XC03CCC0000000000003,氨氯地平片,,,1,',
    ].join('\n');
    const r2 = await importLibrary({ journal, file: write('lib2.csv', next), apply: true, runId: 'r2', now });
    expect(r2.diff).toEqual({ added: 1, changed: 1, removed: 1, unchanged: 1 });
    expect(r2.before?.version).toBe(1);
    expect(r2.version?.version).toBe(2);
    expect((await currentLibraryVersion(journal))?.version).toBe(2);
    // Only the current version's rows remain.
    expect(
      Number(((await journal.knex(TRACE_LIBRARY_TABLE.name).count({ n: '*' })) as Array<{ n: number }>)[0]!.n),
    ).toBe(3);
    expect((await libraryEntries(journal, ['8123457'])).size).toBe(0);
  });

  it('stops on bad rows with every problem named, and leaves the library as it was', async () => {
    const bad = [
      LIB.split('\n')[0],
      '8123456,XA01AAA0000000000001,阿莫西林胶囊,,,1,',
      '812,XA01,坏,,,1,',
      '8123456,XA01AAA0000000000001,阿莫西林胶囊,,,2,',
    ].join('\n');
    const e = await caught(importLibrary({ journal, file: write('bad.csv', bad), apply: true, runId: 'r3', now }));
    expect(e.code).toBe('TRACE_LIBRARY_FILE');
    expect(e.exit).toBe(2);
    const issues = e.details['issues'] as Array<{
      file: string;
      line: number;
      field: string;
      fix: string;
      zh: { message: string };
    }>;
    expect(issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['bad.csv', 3, 'trac_prefix'],
      ['bad.csv', 4, 'pac_lv'],
    ]);
    expect(e.zhText?.summary).toMatch(/四码合一库未导入/);
    expect((await currentLibraryVersion(journal))?.version).toBe(2);
  });

  it('names a missing required column', async () => {
    const e = await caught(
      importLibrary({
        journal,
        file: write('nohead.csv', '药品名称,医保编码\n阿莫西林,XA01\n'),
        apply: false,
        runId: 'r4',
        now,
      }),
    );
    expect((e.details['issues'] as Array<{ line: number; field: string }>)[0]).toMatchObject({
      line: 1,
      field: 'trac_prefix',
    });
  });
});

describe('trace library download (ZSMCJ003 from the sandbox)', () => {
  it('pages through the whole library and replaces the stored one', async () => {
    const expected = traceLibraryEntries(1, { versions: 3, perVersion: 6 });
    expect(expected.length).toBeGreaterThan(40);
    const pages: number[] = [];
    const settings = { ...librarySettings(undefined), pageSize: 17 };
    const dry = await downloadLibrary({
      journal,
      center: centerConfig(sb.url),
      settings,
      apply: false,
      runId: 'd0',
      now,
      onPage: (p) => pages.push(p.rows),
    });
    expect(dry.entries).toBe(expected.length);
    expect(dry.pages).toBe(Math.ceil(expected.length / 17));
    expect(pages.reduce((a, b) => a + b, 0)).toBe(expected.length);
    expect(dry.version).toBeNull();
    const r = await downloadLibrary({ journal, center: centerConfig(sb.url), settings, apply: true, runId: 'd1', now });
    expect(r.version).toMatchObject({ version: 3, source: 'ZSMCJ003', entries: expected.length });
    const one = expected[5]!;
    expect((await libraryEntries(journal, [one.trac_prefix!])).get(one.trac_prefix!)![0]).toMatchObject({
      med_list_codg: one.med_list_codg,
      pac_lv: one.pac_lv,
      aprvno: one.aprvno,
    });
  });

  it('refuses an answer whose field names differ from trace.library.fields, keeping the library', async () => {
    const settings = librarySettings({ fields: { trac_prefix: 'ypbsm' } });
    const e = await caught(
      downloadLibrary({ journal, center: centerConfig(sb.url), settings, apply: true, runId: 'd2', now }),
    );
    expect(e.code).toBe('TRACE_LIBRARY_ANSWER');
    expect(e.fix).toMatch(/trace\.library\.fields/);
    expect((await currentLibraryVersion(journal))?.version).toBe(3);
  });
});

describe('trace check over HIS days with the library', () => {
  it('holds back exactly the records carrying boxes the library gives another drug', async () => {
    const seed = await seededHisFile(dir);
    const world = await openWorld(seed.file, {}, 'libcheck');
    try {
      const prefixRows = (await runStatement(world.db, world.profile, 'drug_trace_prefixes')) as Array<{
        fixmedins_hilist_id: string;
        trac_prefix: string;
      }>;
      const mapRows = (await runStatement(world.db, world.profile, 'mappings')) as Array<{
        fixmedins_hilist_id: string;
        med_list_codg: string;
      }>;
      const national = new Map(mapRows.map((m) => [String(m.fixmedins_hilist_id), String(m.med_list_codg)]));
      const wrongItem = String(prefixRows[0]!.fixmedins_hilist_id);
      const lines = prefixRows.map((p) => {
        const item = String(p.fixmedins_hilist_id);
        return `${String(p.trac_prefix).slice(0, 7)},${item === wrongItem ? 'XZ99ZZZ0000000000099' : national.get(item)},${item}`;
      });
      await importLibrary({
        journal: world.journal,
        file: write('his-lib.csv', ['trac_prefix,med_list_codg,drug_name', ...new Set(lines)].join('\n')),
        apply: true,
        runId: 'c0',
        now,
      });
      const window = { from: seed.manifest.startDate, to: seed.manifest.endDate };
      const base = {
        source: profileSource(world.db, world.profile),
        window,
        kinds: ['sale', 'return'] as const,
        settings: traceSettings(undefined),
      };
      const without = await checkWindow({ ...base, kinds: [...base.kinds] });
      const withLib = await checkWindow({ ...base, kinds: [...base.kinds], stores: await checkStores(world.journal) });
      expect(without.findings.filter((f) => f.kind === 'drug_mismatch')).toEqual([]);
      expect(without.skipped).toEqual([]);
      const mismatch = withLib.findings.filter((f) => f.kind === 'drug_mismatch');
      expect(mismatch.length).toBeGreaterThan(0);
      // The wrong item's boxes, and boxes of another drug dispensed as some item — which the HIS's own product codes catch too (the seed plants one).
      expect(mismatch.some((f) => f.fixmedins_hilist_id === wrongItem)).toBe(true);
      const prefixMismatch = new Set(
        without.findings.filter((f) => f.kind === 'prefix_mismatch').map((f) => `${f.record_id}|${f.drug_trac_codg}`),
      );
      for (const f of mismatch)
        expect(
          f.fixmedins_hilist_id === wrongItem || prefixMismatch.has(`${f.record_id}|${f.drug_trac_codg}`),
          `${f.record_id} ${f.drug_trac_codg}`,
        ).toBe(true);
      // YP00020's national code changed on 2025-03-05: its records of the days before carry the older code, which is the same drug.
      expect(mismatch.find((f) => f.fixmedins_hilist_id === wrongItem)!.library?.med_list_codg).toBe(
        'XZ99ZZZ0000000000099',
      );
      // The other findings are the same as without the library.
      expect(withLib.findings.filter((f) => f.kind !== 'drug_mismatch').map((f) => `${f.record_id}:${f.kind}`)).toEqual(
        without.findings.map((f) => `${f.record_id}:${f.kind}`),
      );
      expect(withLib.library?.entries).toBe(new Set(lines).size);
    } finally {
      await world.close();
    }
  });
});

describe('trace relation import, expandPackage and parentsOf', () => {
  const c = (p: string, n: number) => p + String(n).padStart(13, '0');
  const CASE = c('8399999', 1);
  const MID = [c('8388888', 1), c('8388888', 2)];
  const BOX = [1, 2, 3, 4].map((n) => c('8123456', n));
  const rows = [
    '父码,子码,级别',
    `${CASE},${MID[0]},2`,
    `${CASE},${MID[1]},2`,
    `${MID[0]},${BOX[0]},1`,
    `${MID[0]},${BOX[1]},1`,
    `${MID[1]},${BOX[2]},1`,
    `${MID[1]},${BOX[3]},1`,
    `${MID[1]},${BOX[3]},1`,
  ];

  it('a dry run counts and writes nothing', async () => {
    const r = await importRelations({
      journal,
      file: write('rel.csv', rows.join('\n')),
      apply: false,
      runId: 'x0',
      now,
    });
    expect(r).toMatchObject({ rows: 7, added: 6, unchanged: 0, repeated: 1, parents: 3, import_id: null });
    expect(await journal.knex.schema.hasTable(TRACE_RELATIONS_TABLE.name)).toBe(false);
    expect(await expandPackage(journal, CASE)).toEqual([]);
  });

  it('stores the relations; a case expands into its boxes and a box knows its packages', async () => {
    const r = await importRelations({
      journal,
      file: write('rel.csv', rows.join('\n')),
      apply: true,
      runId: 'x1',
      now,
    });
    expect(r).toMatchObject({ added: 6, import_id: 1 });
    expect(await expandPackage(journal, CASE)).toEqual([...BOX].sort());
    expect(await expandPackage(journal, MID[1]!)).toEqual([BOX[2], BOX[3]]);
    expect(await expandPackage(journal, BOX[0]!)).toEqual([]);
    expect(await parentsOf(journal, BOX[3]!)).toEqual([MID[1], CASE]);
    expect(await parentsOf(journal, CASE)).toEqual([]);
    const again = await importRelations({
      journal,
      file: write('rel.csv', rows.join('\n')),
      apply: true,
      runId: 'x2',
      now,
    });
    expect(again).toMatchObject({ added: 0, unchanged: 6, import_id: null });
  });

  it('refuses a file that puts a stored box into another package, naming the line', async () => {
    const other = c('8388888', 9);
    const e = await caught(
      importRelations({
        journal,
        file: write('rel2.txt', [`${other}\t${BOX[0]}\t1`, `${other}\t${c('8123456', 9)}\t1`].join('\n')),
        apply: true,
        runId: 'x3',
        now,
      }),
    );
    expect(e.code).toBe('TRACE_RELATION_FILE');
    expect((e.details['issues'] as Array<{ line: number; field: string; message: string }>)[0]).toMatchObject({
      line: 1,
      field: 'parent_trac_codg',
    });
    expect(await parentsOf(journal, c('8123456', 9))).toEqual([]);
  });

  it('gives trace check the library and the relations through checkStores', async () => {
    const stores = await checkStores(journal);
    expect(stores.libraryVersion?.version).toBe(3);
    expect((await stores.relations!([BOX[0]!])).map((e) => e.parent_trac_codg).sort()).toEqual([CASE, MID[0]].sort());
  });
});
