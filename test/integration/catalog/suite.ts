/**
 * The catalog and mapping suite, run against SQLite always and against PostgreSQL and MariaDB
 * when their servers are configured (one database per test file). Real databases, real files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import {
  CATALOG_VIEW,
  importCatalog,
  importMappings,
  KINDS,
  lastImportedVersion,
  lookupMapping,
  runMappingCheck,
  uploadMappings,
  sampleCode,
  type CatalogImportResult,
  type HisItemSource,
} from '../../../src/core/catalog/index.js';
import { openJournal } from '../../../src/core/journal/index.js';
import { centerZip, csv, encode, row, tmpDir, writeFile, xlsx } from '../../fixtures/catalog/make.js';

const NOW = new Date('2025-03-15T02:00:00Z');
const C = KINDS['1306'].columns;
const _D = KINDS['1301'].columns;
const c6 = (n: number) => sampleCode('1306', n);
const c1 = (n: number) => sampleCode('1301', n);

export function catalogSuite(open: () => Promise<{ db: Db; done: () => Promise<void> }>): void {
  let db: Db;
  let done: () => Promise<void>;
  let dir: string;
  const count = async (table: string) =>
    (await db.knex.schema.hasTable(table))
      ? Number(((await db.knex(table).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n)
      : 0;
  /** Every table, view and index of the database, as `kind name` (what a dry run must leave alone). */
  const schemaObjects = async (): Promise<string[]> => {
    const rows = (q: string) =>
      db.knex
        .raw(q)
        .then(
          (r: unknown) =>
            (db.dialect === 'postgres'
              ? (r as { rows: unknown[] }).rows
              : db.dialect === 'mysql'
                ? (r as unknown[][])[0]!
                : (r as unknown[])) as Array<{ kind: string; name: string }>,
        );
    const list =
      db.dialect === 'sqlite'
        ? await rows(`SELECT type AS kind, name FROM sqlite_master`)
        : db.dialect === 'postgres'
          ? await rows(
              `SELECT 'table' AS kind, tablename AS name FROM pg_tables WHERE schemaname = current_schema() UNION ALL SELECT 'view', viewname FROM pg_views WHERE schemaname = current_schema() UNION ALL SELECT 'index', indexname FROM pg_indexes WHERE schemaname = current_schema()`,
            )
          : await rows(
              `SELECT table_type AS kind, table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() UNION ALL SELECT 'index', CONCAT(table_name, '.', index_name) FROM information_schema.statistics WHERE table_schema = DATABASE()`,
            );
    return list.map((r) => `${r.kind} ${r.name}`).sort();
  };

  beforeAll(async () => {
    // Made here, not when the suite is declared: a skipped server suite never runs afterAll.
    dir = tmpDir();
    ({ db, done } = await open());
  });
  afterAll(async () => {
    await done();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const MH = ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_list_codg', 'begndate', 'enddate'];
  const v1Rows = () =>
    Array.from({ length: 20 }, (_, n) =>
      row(
        '1306',
        n,
        { begndate: 'Mon Jan 01 00:00:00 CST 2024', ver: '202401010001', ver_name: '1306_202401010001' },
        C,
      ),
    );

  it('dry runs and reads create nothing: the list of tables, views and indexes stays as it was', async () => {
    await db.knex.schema.createTable('his_item', (t) => {
      t.string('item_id', 20).primary();
      t.string('item_name', 100);
    });
    const before = await schemaObjects();
    const journalDir = tmpDir('hisops-catalog-journal-');
    const journal = await openJournal(`sqlite:${journalDir}/journal.db`);
    try {
      const good = writeFile(dir, 'dry-good.csv', csv([MH, ['H001', '注射器5ml', '301', c6(0), '2024-01-01', '']]));
      const bad = writeFile(dir, 'dry-bad.csv', csv([MH, ['H001', '注射器5ml', '301', c6(0), '2024/02/30', '']]));
      const g = await importMappings(db, { file: good, now: NOW, checkCatalog: false });
      expect(g).toMatchObject({ applied: false, blocked: false, counts: { added: 1 } });
      const b = await importMappings(db, { file: bad, now: NOW });
      expect(b).toMatchObject({ applied: false, blocked: true, counts: { rejected: 1 } });
      // --apply with invalid rows writes nothing either, tables included.
      expect(await importMappings(db, { file: bad, now: NOW, apply: true })).toMatchObject({
        applied: false,
        blocked: true,
      });
      const cat = await importCatalog(db, {
        files: [await centerZip(dir, 'dry.zip', v1Rows().slice(0, 3), 'gbk')],
        now: NOW,
        full: true,
      });
      expect(cat.kinds[0]).toMatchObject({ added: 3, importId: null });
      expect(await lastImportedVersion(db, '1306')).toBe('0');
      expect((await runMappingCheck(db, { on: '2025-03-15' })).timings).toBeDefined();
      expect((await lookupMapping(db, 'H001', '2025-03-15')).current).toBeNull();
      const up = await uploadMappings(db, journal, undefined, { runId: 'dry', now: () => NOW });
      expect(up).toMatchObject({ applied: false, plan: { items: 0 } });
      expect(await schemaObjects()).toEqual(before);
      expect(await journal.knex.schema.hasTable('hisops_mapping_upload')).toBe(false);
    } finally {
      await journal.close();
      fs.rmSync(journalDir, { recursive: true, force: true });
      await db.knex.schema.dropTable('his_item');
    }
  });

  it('dry run of a GBK download: counts and samples, nothing written', async () => {
    const f = await centerZip(dir, '1306-v1.zip', v1Rows(), 'gbk');
    const r = await importCatalog(db, { files: [f], now: NOW });
    expect(r.applied).toBe(false);
    expect(r.blocked).toBe(false);
    expect(r.files[0]).toMatchObject({ encoding: 'gbk', kind: '1306', layout: 'position', rows: 20 });
    expect(r.kinds[0]).toMatchObject({
      kind: '1306',
      added: 20,
      changed: 0,
      ended: 0,
      unchanged: 0,
      ver: '202401010001',
      ver_name: '1306_202401010001',
      importId: null,
    });
    expect(r.kinds[0]!.samples.added[0]).toMatchObject({
      med_list_codg: c6(0),
      begndate: '2024-01-01',
      enddate: null,
      hilist_name: '一次性使用无菌注射器',
      line: 1,
    });
    expect(await db.knex.schema.hasTable('hisops_catalog_consumable')).toBe(false);
  });

  it('applies it in one go, keeps a copy of the file, and the HIS view shows the entries', async () => {
    const f = path.join(dir, '1306-v1.zip');
    const archive = path.join(dir, 'archive');
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true, archiveDir: archive, runId: 'run-1' });
    expect(r.applied).toBe(true);
    expect(r.kinds[0]!.importId).toBeGreaterThan(0);
    expect(await count('hisops_catalog_consumable')).toBe(20);
    const imp = await db.knex('hisops_catalog_import').where({ import_id: r.kinds[0]!.importId }).first();
    expect(imp).toMatchObject({ kind: '1306', ver: '202401010001', run_id: 'run-1' });
    expect(Number(imp.added)).toBe(20);
    const files = JSON.parse(imp.files);
    expect(fs.existsSync(files[0].archived)).toBe(true);
    const viaView = await db
      .knex(CATALOG_VIEW)
      .where({ med_list_codg: c6(3) })
      .first();
    expect(viaView).toMatchObject({
      kind: '1306',
      list_type: '301',
      hilist_name: '医用纱布块',
      begndate: '2024-01-01',
    });
  });

  it('importing the same file again changes nothing', async () => {
    const r = await importCatalog(db, { files: [path.join(dir, '1306-v1.zip')], now: NOW, apply: true });
    expect(r.kinds[0]).toMatchObject({ added: 0, changed: 0, ended: 0, unchanged: 20 });
  });

  it('a new version: entries added, changed (with the fields) and ended', async () => {
    const rows = [
      row('1306', 2, { begndate: '2024-01-01', mcs_name: '医用输液贴(新规格)', ver: '202407010002' }, C),
      row('1306', 5, { begndate: '2024-01-01', vali_flag: '0', enddate: '2025-01-01', ver: '202407010002' }, C),
      row('1306', 6, { begndate: '2024-01-01', apb_scp: '适用范围更新', ver: '202407010002' }, C),
      ...[20, 21, 22].map((n) =>
        row('1306', n, { begndate: '2024-07-01', ver: '202407010002', ver_name: '1306_202407010002' }, C),
      ),
    ];
    const f = await centerZip(dir, '1306-v2.zip', rows, 'utf8');
    const dry = await importCatalog(db, { files: [f], now: NOW });
    expect(dry.kinds[0]).toMatchObject({ added: 3, changed: 2, ended: 1, unchanged: 0, ver: '202407010002' });
    expect(dry.kinds[0]!.changedFields).toMatchObject({ hilist_name: 1, other: 1, vali_flag: 1, enddate: 1 });
    expect(dry.kinds[0]!.samples.changed[0]).toMatchObject({
      med_list_codg: c6(2),
      fields: { hilist_name: ['一次性使用输液器', '医用输液贴(新规格)'] },
    });
    expect(dry.kinds[0]!.samples.ended[0]).toMatchObject({
      med_list_codg: c6(5),
      fields: { enddate: [null, '2025-01-01'], vali_flag: ['1', '0'] },
    });
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true });
    expect(r.kinds[0]).toMatchObject({ added: 3, changed: 2, ended: 1 });
    expect(await count('hisops_catalog_consumable')).toBe(23);
    const changes = await db
      .knex('hisops_catalog_change')
      .where({ import_id: r.kinds[0]!.importId })
      .orderBy('med_list_codg');
    expect(changes.map((c: { med_list_codg: string; change: string }) => [c.med_list_codg, c.change])).toEqual([
      [c6(2), 'changed'],
      [c6(5), 'ended'],
      [c6(6), 'changed'],
    ]);
    const e = await db
      .knex('hisops_catalog_consumable')
      .where({ med_list_codg: c6(2) })
      .first();
    expect(e.hilist_name).toBe('医用输液贴(新规格)');
    expect(Number(e.added_import)).toBeLessThan(Number(e.import_id));
  });

  it('a full catalog ends the entries it no longer lists', async () => {
    const rows = Array.from({ length: 23 }, (_, n) => n)
      .filter((n) => n !== 7 && n !== 8)
      .map((n) =>
        row(
          '1306',
          n,
          {
            begndate: n >= 20 ? '2024-07-01' : '2024-01-01',
            ver: '202501010003',
            ...(n === 5 ? { vali_flag: '0', enddate: '2025-01-01' } : {}),
          },
          C,
        ),
      );
    const f = await centerZip(dir, '1306-full.zip', rows, 'gbk');
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true, full: true });
    const k = r.kinds[0]!;
    expect(k.ended).toBe(2 + 0);
    expect(k.samples.ended.map((s) => [s.med_list_codg, s.reason])).toEqual(
      expect.arrayContaining([
        [c6(7), 'absent from the full catalog'],
        [c6(8), 'absent from the full catalog'],
      ]),
    );
    const e = await db
      .knex('hisops_catalog_consumable')
      .where({ med_list_codg: c6(7) })
      .first();
    expect(e).toMatchObject({ vali_flag: '0', enddate: '2025-03-14' });
  });

  it('bad rows: every problem with file, line, column and fix; nothing written', async () => {
    const rows = [
      row('1306', 30, {}, C),
      row('1306', 31, {}, C).slice(0, 60),
      row('1306', 32, { begndate: '2024-13-01' }, C),
      row('1306', 33, { med_list_codg: 'c-lowercase' }, C),
      row('1306', 30, {}, C),
      row('1306', 34, {}, C),
    ];
    const f = await centerZip(dir, '1306-bad.zip', rows, 'gbk');
    const before = await count('hisops_catalog_consumable');
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true });
    expect(r.applied).toBe(false);
    expect(r.blocked).toBe(true);
    expect(r.problems.shown.map((p) => [p.code, p.line])).toEqual([
      ['COLUMN_COUNT', 2],
      ['BAD_DATE', 3],
      ['CODE_SHAPE', 4],
      ['DUPLICATE_KEY', 5],
    ]);
    expect(r.problems.shown[1]).toMatchObject({ file: '1306-bad.zip!data.txt', column: 'begndate (col 47)' });
    expect(r.problems.shown[3]!.message).toMatch(/already appears on line 1/);
    expect(await count('hisops_catalog_consumable')).toBe(before);
  });

  it('with --skip-invalid the good rows go in and the bad ones into the reject file', async () => {
    const rejectFile = path.join(dir, 'rejects.csv');
    const r = await importCatalog(db, {
      files: [path.join(dir, '1306-bad.zip')],
      now: NOW,
      apply: true,
      skipInvalid: true,
      rejectFile,
    });
    expect(r.applied).toBe(true);
    expect(r.kinds[0]).toMatchObject({ added: 2, rejected: 4 });
    const text = fs.readFileSync(rejectFile, 'utf8');
    const lines = text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(5);
    expect(lines[2]).toMatch(/^1306-bad\.zip!data\.txt,3,begndate \(col 47\),BAD_DATE,/);
  });

  it('shows the first 50 problems and counts the rest', async () => {
    const rows = Array.from({ length: 60 }, (_, n) => row('1306', 100 + n, { begndate: 'someday' }, C));
    rows.push(...Array.from({ length: 5 }, (_, n) => row('1306', 200 + n, { vali_flag: 'x' }, C)));
    const f = await centerZip(dir, '1306-many.zip', rows, 'gbk');
    const r = await importCatalog(db, { files: [f], now: NOW });
    expect(r.problems.total).toBe(65);
    expect(r.problems.shown).toHaveLength(50);
    expect(r.problems.byCode).toEqual({ BAD_DATE: 60, BAD_CODE: 5 });
    expect(r.problems.badLines).toBe(65);
  });

  it('a truncated download and a garbled file stop the import', async () => {
    const whole = fs.readFileSync(path.join(dir, '1306-v1.zip'));
    const cut = writeFile(dir, '1306-cut.zip', whole.subarray(0, whole.length - 30));
    const a = await importCatalog(db, {
      files: [cut],
      now: NOW,
      apply: true,
      skipInvalid: true,
      rejectFile: path.join(dir, 'r2.csv'),
    });
    expect(a).toMatchObject({ applied: false, blocked: true });
    expect(a.problems.shown[0]).toMatchObject({ code: 'ZIP_TRUNCATED', file: '1306-cut.zip' });
    const g = await centerZip(dir, '1306-wrongenc.zip', v1Rows(), 'gbk');
    const b = await importCatalog(db, { files: [g], now: NOW, encoding: 'utf8', apply: true });
    expect(b.blocked).toBe(true);
    expect(b.problems.shown[0]).toMatchObject({ code: 'MOJIBAKE', fix: 'Run again with --encoding gbk.' });
  });

  it('drugs from a CSV with Chinese headers: price limit, self-pay ratio, category; a change of price is reported', async () => {
    const head = ['医疗目录编码', '通用名', '规格', '甲乙类', '限价', '自付比例', '开始日期', '结束日期', '版本号'];
    const body = [0, 1, 2].map((n) => [
      c1(n),
      `药品${n}`,
      '0.25g',
      n === 2 ? '乙类' : '甲类',
      `${10 + n}.50`,
      n === 2 ? '10%' : '0',
      '2024-01-01',
      '',
      'v1',
    ]);
    const f = writeFile(dir, '西药中成药.csv', encode(csv([head, ...body]), 'gbk'));
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true });
    expect(r.files[0]).toMatchObject({ kind: '1301', kindFrom: 'file name', layout: 'header', encoding: 'gbk' });
    expect(r.kinds[0]).toMatchObject({ added: 3 });
    const e = await db
      .knex('hisops_catalog_drug')
      .where({ med_list_codg: c1(2) })
      .first();
    expect(e).toMatchObject({
      chrgitm_lv: '02',
      pric_uplmt_amt: '12.5',
      selfpay_prop: '0.1',
      hilist_name: '药品2',
      hilist_spec: '0.25g',
    });
    body[1]![4] = '9.90';
    const f2 = writeFile(dir, '西药中成药-2.csv', encode(csv([head, ...body]), 'utf8bom'));
    const r2 = await importCatalog(db, { files: [f2], now: NOW, apply: true });
    expect(r2.kinds[0]).toMatchObject({ changed: 1, unchanged: 2, changedFields: { pric_uplmt_amt: 1 } });
    expect(r2.kinds[0]!.samples.changed[0]!.fields).toEqual({ pric_uplmt_amt: ['11.5', '9.9'] });
  });

  it('service items from an xlsx sheet', async () => {
    const head = ['med_list_codg', 'servitem_name', 'prcunt_name', 'begndate', 'enddate', 'vali_flag'];
    const f = xlsx(dir, 'services.xlsx', [
      head,
      ...[0, 1].map((n) => [sampleCode('1305', n), `服务${n}`, '次', 45292, n === 1 ? '2024-12-31' : '', '1']),
    ]);
    const r = await importCatalog(db, { files: [f], now: NOW, apply: true });
    expect(r.kinds[0]).toMatchObject({ kind: '1305', added: 2 });
    const e = await db
      .knex('hisops_catalog_service')
      .where({ med_list_codg: sampleCode('1305', 1) })
      .first();
    expect(e).toMatchObject({ begndate: '2024-01-01', enddate: '2024-12-31', hilist_name: '服务1', prcunt: '次' });
  });

  // ---- mappings -------------------------------------------------------------------------------

  it('mapping import: dry run lists added, closed and rejected rows with reasons and lines', async () => {
    const rows = [
      MH,
      ['H001', '注射器5ml', '301', c6(0), '2024-01-01', ''], // 2 added
      ['H002', '输液贴', '301', c6(1), '2024-01-01', '2024-12-31'], // 3 overlaps 4
      ['H002', '输液贴', '301', c6(3), '2024-06-01', ''], // 4 overlaps 3
      ['H003', '纱布', '301', 'C0000000000009999999', '2024-01-01', ''], // 5 unknown code
      ['H004', '阿莫西林', '301', c1(0), '2024-01-01', ''], // 6 wrong list type
      ['H005', '头孢', '101', c1(1), '2024/02/30', ''], // 7 bad date
      ['H006', '导尿管', '301', c6(5), '2024-01-01', ''], // 8 code ended 2025-01-01 → uncovered from 2025-01-02
      ['H007', '缝合线', '301', c6(9), '2024-01-01', '2024-08-31'], // 9 added
      ['H007', '缝合线', '301', c6(10), '2024-09-01', ''], // 10 added: consecutive
    ];
    const f = writeFile(dir, 'map1.csv', encode(csv(rows), 'utf8'));
    const r = await importMappings(db, { file: f, now: NOW });
    expect(r.applied).toBe(false);
    expect(r.counts).toEqual({ added: 3, changed: 0, closed: 0, unchanged: 0, rejected: 6 });
    expect(r.added.map((a) => [a.row.line, a.enddate])).toEqual([
      [2, null],
      [9, '2024-08-31'],
      [10, null],
    ]);
    expect(r.rejected.map((x) => [x.line, x.reasons.map((y) => y.code)])).toEqual([
      [3, ['OVERLAP']],
      [4, ['OVERLAP']],
      [5, ['UNKNOWN_NATIONAL_CODE']],
      [6, ['CODE_SHAPE']],
      [7, ['BAD_DATE']],
      [8, ['UNCOVERED_DAYS']],
    ]);
    expect(r.rejected[0]!.reasons[0]!.message).toMatch(/overlaps line 4/);
    expect(r.rejected[1]!.reasons[0]!.message).toMatch(/overlaps line 3/);
    expect(r.rejected[5]!.reasons[0]!.message).toMatch(/from 2025-01-02 on/);
    expect(r.rejected[3]!.reasons[0]!.message).toMatch(/looks like a 1301 .*list_type 101/);
    expect(r.problems.shown.find((p) => p.line === 7)).toMatchObject({ code: 'BAD_DATE', column: 'begndate (col 5)' });
  });

  it('mapping import --apply with rejected rows writes nothing; with --skip-invalid it writes the rest', async () => {
    const f = path.join(dir, 'map1.csv');
    const a = await importMappings(db, { file: f, now: NOW, apply: true });
    expect(a).toMatchObject({ applied: false, blocked: true });
    expect(await count('hisops_mapping')).toBe(0);
    const b = await importMappings(db, {
      file: f,
      now: NOW,
      apply: true,
      skipInvalid: true,
      rejectFile: path.join(dir, 'map-rejects.csv'),
    });
    expect(b.applied).toBe(true);
    expect(await count('hisops_mapping')).toBe(3);
    expect(fs.readFileSync(path.join(dir, 'map-rejects.csv'), 'utf8').trim().split(/\r?\n/)).toHaveLength(7);
  });

  it('a new mapping from Chinese headers (xlsx) closes the open one the day before; lookup follows the change', async () => {
    const f = xlsx(dir, 'map2.xlsx', [
      ['院内编码', '项目名称', '目录类别', '医保编码', '开始日期', '结束日期'],
      ['H001', '注射器5ml', '医用耗材', c6(11), '2025-03-01', ''],
    ]);
    const r = await importMappings(db, { file: f, now: NOW, apply: true });
    expect(r.counts).toMatchObject({ added: 1, closed: 1, rejected: 0 });
    expect(r.closed[0]).toMatchObject({
      fixmedins_hilist_id: 'H001',
      from: 'stored',
      oldEnd: null,
      newEnd: '2025-02-28',
      byLine: 2,
    });
    const before = await lookupMapping(db, 'H001', '2025-02-28');
    expect(before.current).toMatchObject({ med_list_codg: c6(0), begndate: '2024-01-01', enddate: '2025-02-28' });
    const after = await lookupMapping(db, 'H001', '2025-03-01');
    expect(after.current).toMatchObject({
      med_list_codg: c6(11),
      begndate: '2025-03-01',
      enddate: null,
      catalog: { kind: '1306', valid: true },
    });
    expect(after.history.map((h) => h.med_list_codg)).toEqual([c6(0), c6(11)]);
    expect(after.changes.map((c) => c.action)).toEqual(['added', 'closed', 'added']);
    const none = await lookupMapping(db, 'H001', '2023-12-31');
    expect(none.current).toBeNull();
    expect(none.nearest.after?.begndate).toBe('2024-01-01');
  });

  it('lookup tells category and self-pay ratio of a drug on the day', async () => {
    const f = writeFile(dir, 'map3.csv', csv([MH, ['Y100', '药品2', '西药中成药', c1(2), '2024-01-01', '']]));
    const r = await importMappings(db, { file: f, now: NOW, apply: true });
    expect(r.counts.added).toBe(1);
    const l = await lookupMapping(db, 'Y100', '2025-01-01');
    expect(l.current?.catalog).toMatchObject({
      chrgitm_lv: '02',
      selfpay_prop: '0.1',
      pric_uplmt_amt: '12.5',
      valid: true,
    });
  });

  it('mapping check: ended codes, overlaps and gaps left by hand edits, endings, unbilled and billed unmapped items', async () => {
    // Hand edits in the table, the kind of state an HIS-side tool leaves behind.
    await db.knex('hisops_mapping').insert([
      {
        fixmedins_hilist_id: 'H100',
        begndate: '2024-01-01',
        enddate: '2024-12-31',
        list_type: '301',
        med_list_codg: c6(12),
      },
      { fixmedins_hilist_id: 'H100', begndate: '2024-06-01', enddate: null, list_type: '301', med_list_codg: c6(13) },
      {
        fixmedins_hilist_id: 'H101',
        begndate: '2024-01-01',
        enddate: '2025-03-31',
        list_type: '301',
        med_list_codg: c6(14),
      },
      { fixmedins_hilist_id: 'H101', begndate: '2025-05-01', enddate: null, list_type: '301', med_list_codg: c6(14) },
      { fixmedins_hilist_id: 'H102', begndate: '2024-01-01', enddate: null, list_type: '301', med_list_codg: c6(5) },
      {
        fixmedins_hilist_id: 'H103',
        begndate: '2024-01-01',
        enddate: null,
        list_type: '301',
        med_list_codg: 'C0000000000000777777',
      },
    ]);
    const his: HisItemSource = {
      items: async () => [
        { fixmedins_hilist_id: 'H001' },
        { fixmedins_hilist_id: 'H900', fixmedins_hilist_name: '未对照A' },
        { fixmedins_hilist_id: 'H901', fixmedins_hilist_name: '未对照B' },
      ],
      billedSince: async (since) => {
        expect(since).toBe('2025-02-13 00:00:00');
        return [{ fixmedins_hilist_id: 'H900', amount: '1234.50', count: 3 }];
      },
    };
    const f = await runMappingCheck(db, { on: '2025-03-15', his, withinDays: 30 });
    expect(f.attention).toBe(true);
    expect(f.overlaps.map((o) => [o.fixmedins_hilist_id, o.a.begndate, o.b.begndate])).toEqual([
      ['H100', '2024-01-01', '2024-06-01'],
    ]);
    expect(f.gaps.map((g) => [g.fixmedins_hilist_id, g.gap.begin, g.gap.end, g.attention])).toEqual([
      ['H101', '2025-04-01', '2025-04-30', true],
    ]);
    expect(f.endingSoon.map((e) => [e.mapping.fixmedins_hilist_id, e.daysLeft])).toEqual([['H101', 16]]);
    expect(f.endedCodes.map((e) => e.mapping.fixmedins_hilist_id)).toEqual(['H102']);
    expect(f.endedCodes[0]!.message).toMatch(/from 2025-01-02 on/);
    expect(f.unknownCodes.map((u) => [u.mapping.fixmedins_hilist_id, u.code])).toEqual([
      ['H103', 'UNKNOWN_NATIONAL_CODE'],
    ]);
    expect(f.unmapped.map((u) => [u.fixmedins_hilist_id, u.billed_amount, u.attention])).toEqual([
      ['H900', '1234.50', true],
      ['H901', null, false],
    ]);
    expect(f.unmappedBilled).toBe('1234.50');
    expect(f.counts).toEqual({ unmapped: 1, unknownCodes: 1, endedCodes: 1, overlaps: 1, gaps: 1, endingSoon: 1 });
  });

  it('mapping check without the HIS: only what the mappings themselves say', async () => {
    const f = await runMappingCheck(db, { on: '2025-03-15' });
    expect(f.hisConsulted).toBe(false);
    expect(f.counts.overlaps).toBe(1);
    expect(f.mappings).toBe(11);
  });
}

export type { CatalogImportResult };

export async function sqliteDb(dir: string): Promise<{ db: Db; done: () => Promise<void> }> {
  const db = await connect(`sqlite:${path.join(dir, 'catalog.db')}`, { create: true });
  return { db, done: () => db.close() };
}
