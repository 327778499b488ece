/**
 * The jobs against either reference HIS shape on any database: the demo seed (reference shape)
 * with its center side in the sandbox, reshaped into the vendor-style HIS when asked
 * (convertToVendor), then reconcile, settle stuck/reverse, trace check/upload and the mapping
 * import and check — each through the shape's own profile only — find exactly what the seed
 * planted. The vendor database also holds a second hospital's copy of the settlements, log,
 * mappings and dispensing: a statement that forgot its hospital code would find them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openCenter, type Center } from '../../../src/core/center/index.js';
import { startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { demoCatalogStep, hisMappingRows, profileItemSource } from '../../../src/core/catalog/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { demoNationalCatalog, seedCenter, seedHis, type SeedManifest } from '../../../src/core/demo/index.js';
import {
  checkProfile,
  convertToVendor,
  draftProfile,
  loadProfile,
  OTHER_TENANT,
  probeProfile,
  READ_STATEMENTS,
  referenceProfilePath,
  runStatement,
  vendorProfilePath,
  type Profile,
} from '../../../src/core/his/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { demoReconcile } from '../../../src/core/reconcile/index.js';
import { applyRepairs, DEFAULT_STUCK, detectStuck, planReverse } from '../../../src/core/settle/index.js';
import { demoTrace, importInvoiceCodes } from '../../../src/core/trace/index.js';
import { createTempDatabase, type TempDatabase } from '../../helpers/servers.js';
import { centerConfig } from '../settle/centerConfig.js';

export type HisShape = 'reference' | 'vendor';
export type HisKind = 'sqlite' | 'postgres' | 'mysql';

/** `drafted`: the jobs read the HIS through the profile `profile draft` proposes for it, as it comes. */
export function hisJobsSuite(
  kind: HisKind,
  shape: HisShape,
  baseUrl: () => string = () => '',
  o: { drafted?: boolean } = {},
): void {
  let dir: string;
  let temp: TempDatabase | undefined;
  let db: Db;
  let sb: Sandbox;
  let journal: Journal;
  let center: Center;
  let profile: Profile;
  let manifest: SeedManifest;
  let supplierRows: string[][];
  const SEED = 5;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `hisops-jobs-${shape}-`));
    if (kind === 'sqlite') db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
    else {
      temp = await createTempDatabase(kind, baseUrl(), `hisops_h_vendor_${shape.slice(0, 3)}${o.drafted ? '_d' : ''}`);
      db = await connect(temp.url);
    }
    const seeded = await seedHis({ db, size: 'small', seed: SEED, days: 3 });
    manifest = seeded.manifest;
    supplierRows = seeded.supplierRows;
    sb = await startSandbox({ dataFile: path.join(dir, 'center.db'), admdvs: manifest.institution.admdvs });
    manifest = (await seedCenter({ his: db, ledger: sb.ledger, manifest })).manifest;
    if (shape === 'vendor') await convertToVendor(db, manifest.institution.fixmedins_code);
    let file = shape === 'vendor' ? vendorProfilePath() : referenceProfilePath();
    if (o.drafted) {
      const draft = await draftProfile(db, { source: `${kind} ${shape} HIS` });
      expect(draft.unsupported).toEqual([]);
      file = path.join(dir, 'drafted.yaml');
      fs.writeFileSync(file, draft.text);
    }
    profile = await loadProfile(file, { binds: { fixmedins_code: manifest.institution.fixmedins_code } });
    journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    center = openCenter(centerConfig(sb.url), { journal, runId: 'jobs' });
  }, 180_000);

  afterAll(async () => {
    await center?.close();
    await journal?.close();
    await sb?.close();
    await db?.close();
    await temp?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs every read statement of its profile', async () => {
    const probe = await probeProfile(db, profile);
    expect(probe.filter((p) => !p.ok)).toEqual([]);
    // Optional statements a profile leaves out are not probed; the reference profile has them all.
    expect(probe.map((p) => p.name).sort()).toEqual(READ_STATEMENTS.filter((n) => n in profile.statements).sort());
    if (shape === 'reference' && !o.drafted)
      expect(READ_STATEMENTS.filter((n) => !(n in profile.statements))).toEqual([]);
    const rows = await runStatement(db, profile, 'settlements_in_period', {
      from: `${manifest.startDate} 00:00:00`,
      to: '2099-01-01 00:00:00',
    });
    expect(rows.length).toBe(manifest.totals.count);
    expect(rows[0]!.medfee_sumamt).toMatch(/^-?\d+\.\d{2}$/);
    if (shape === 'vendor') {
      // The other hospital's copy is there, as large as this one's, and not read.
      // Unquoted upper-case names are folded to lower case by PostgreSQL.
      const name = (n: string) => (db.dialect === 'postgres' ? n.toLowerCase() : n);
      const count = async (code: string) =>
        Number(
          (
            (await db
              .knex(name('YB_JSXX'))
              .where(name('YYBM'), code)
              .whereNotNull(name('JSSJ'))
              .count({ n: '*' })) as Array<{ n: number | string }>
          )[0]!.n,
        );
      expect(await count(OTHER_TENANT)).toBe(rows.length);
      expect(await count(manifest.institution.fixmedins_code)).toBe(rows.length);
      expect(await db.knex.schema.hasTable('his_settlement')).toBe(false);
      // The same profile for the other hospital reads that hospital's rows: the bind decides.
      const other = await loadProfile(profile.file, { binds: { fixmedins_code: OTHER_TENANT } });
      expect(
        (
          await runStatement(db, other, 'settlements_in_period', {
            from: `${manifest.startDate} 00:00:00`,
            to: '2099-01-01 00:00:00',
          })
        ).length,
      ).toBe(rows.length);
      expect(
        await runStatement(
          db,
          await loadProfile(profile.file, { binds: { fixmedins_code: 'H43019999999' } }),
          'mappings',
        ),
      ).toEqual([]);
    }
  });

  it('passes profile check on a seeded day (writes rolled back)', async () => {
    const report = await checkProfile(db, profile, { date: manifest.startDate, writes: 'run' });
    expect(report.statements.flatMap((st) => st.problems.filter((p) => p.severity === 'error'))).toEqual([]);
    expect(report.statements.find((st) => st.name === 'settlements_in_period')!.rows).toBeGreaterThan(0);
  }, 60_000);

  if (shape === 'reference' && !o.drafted) {
    it('trace import-invoice writes the supplier codes through insert_stock_code once, and finds exactly the planted problems', async () => {
      fs.writeFileSync(path.join(dir, 'supplier.csv'), supplierRows.map((r) => r.join(',')).join('\n') + '\n');
      const first = await importInvoiceCodes({ db, profile, paths: ['supplier.csv'], cwd: dir, apply: true });
      expect(first.findings.map((f) => f.kind).sort()).toEqual([
        'code_on_two_invoices',
        'code_on_two_invoices',
        'code_other_drug',
        'codes_short',
      ]);
      expect(first.written).toBe(supplierRows.length - 1 - 3);
      const stored = await runStatement(db, profile, 'stock_in_by_invoice', { invc_no: first.lines[0]!.invc_no });
      expect(stored.filter((r) => r.drug_trac_codg !== null).length).toBe(
        first.lines.filter((l) => l.invc_no === first.lines[0]!.invc_no).reduce((n, l) => n + l.adding, 0),
      );
      const again = await importInvoiceCodes({ db, profile, paths: ['supplier.csv'], cwd: dir, apply: true });
      expect(again.written).toBe(0);
      expect(again.already).toBe(first.written);
      expect(
        await runStatement(db, profile, 'stock_count_for_upload', {
          from: `${manifest.startDate} 00:00:00`,
          to: '2099-01-01 00:00:00',
        }),
      ).toEqual([]);
      // A stock-take on the last day, read back for that day only, one row per code.
      const item = first.lines[0]!;
      await db.knex('his_stock_count').insert({
        count_id: 'PCJOBS1',
        invdate: manifest.endDate,
        fixmedins_hilist_id: item.fixmedins_hilist_id,
        fixmedins_hilist_name: item.fixmedins_hilist_name,
        rx_flag: '1',
        inv_cnt: 2,
        manu_lotnum: 'L1',
        fixmedins_bchno: 'B1',
        manu_date: '2025-01-01',
        expy_end: '2027-01-01',
        memo: null,
        created_at: `${manifest.endDate} 21:00:00`,
      });
      await db
        .knex('his_stock_count_trac')
        .insert([1, 2].map((n) => ({ count_id: 'PCJOBS1', trac_seq: n, drug_trac_codg: `8300000000000000000${n}` })));
      const day = (d: string, next: string) =>
        runStatement(db, profile, 'stock_count_for_upload', { from: `${d} 00:00:00`, to: `${next} 00:00:00` });
      const counted = await day(manifest.endDate, '2099-01-01');
      expect(counted.map((r) => [r.count_id, r.invdate, r.trac_seq, r.drug_trac_codg, r.map_cnt])).toEqual([
        ['PCJOBS1', manifest.endDate, 1, '83000000000000000001', 1],
        ['PCJOBS1', manifest.endDate, 2, '83000000000000000002', 1],
      ]);
      expect(await day(manifest.startDate, manifest.endDate)).toEqual([]);
    }, 60_000);
  }

  it('reconcile finds exactly the planted differences', async () => {
    const d = await demoReconcile({ hisDb: db, profile, center, journal, manifest, runId: `rc-${shape}-${kind}` });
    expect(d.result.error).toBeNull();
    expect(d.missing).toEqual([]);
    expect(d.unexpected.map((f) => `${f.kind}/${f.cause} ${f.setl_id}`)).toEqual([]);
    expect(d.ok).toBe(true);
  }, 120_000);

  it('trace check finds exactly the planted code problems and uploads the rest', async () => {
    const r = await demoTrace({
      db,
      profile,
      journal,
      center: centerConfig(sb.url),
      fixmedins_code: manifest.institution.fixmedins_code,
      manifest,
      runId: `tr-${shape}-${kind}`,
    });
    expect(r.planted.filter((p) => !p.found)).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.ok).toBe(true);
  }, 120_000);

  it('the mapping import rejects exactly the planted overlaps and unknown codes', async () => {
    const r = await demoCatalogStep({
      db,
      dir: path.join(dir, 'catalog'),
      now: new Date(`${manifest.endDate}T02:00:00Z`),
      national: demoNationalCatalog(),
      hisMappings: await hisMappingRows(db, profile),
      his: profileItemSource(db, profile),
    });
    const key = (k: string, id: string) => `${k}:${id}`;
    const planted = manifest.anomalies
      .filter((a) => a.job === 'mapping')
      .map((a) => key(a.kind, String(a.keys.fixmedins_hilist_id)))
      .sort();
    expect(planted.length).toBeGreaterThan(0);
    expect(r.found.map((f) => key(f.kind, f.fixmedins_hilist_id)).sort()).toEqual(planted);
  }, 120_000);

  it('settle stuck finds exactly the planted stuck settlements and reverse repairs them through the profile', async () => {
    const planted = manifest.anomalies.filter((a) => a.job === 'settle');
    expect(planted.length).toBeGreaterThan(0);
    // A journal of its own: the reconciliation's one-sided findings would be candidates too.
    const own = await openJournal(`sqlite:${path.join(dir, 'stuck-journal.db')}`);
    const env = { db, profile, journal: own, now: new Date(Date.now() + 2000), center };
    const found = await detectStuck(env, { olderThanMs: 0, settings: DEFAULT_STUCK });
    expect(found.findings.map((f) => f.msgid).sort()).toEqual(planted.map((a) => String(a.keys.msgid)).sort());
    const runId = `st-${shape}-${kind}`;
    const { items } = await planReverse(env, {
      olderThanMs: 0,
      settings: DEFAULT_STUCK,
      ids: [],
      all: true,
      centerOnly: 'complete',
      runId,
    });
    const results = await applyRepairs({ ...env, runId, opter: { opter: 'op07', opter_name: '信息科乙' } }, items, {
      lockTimeoutMs: 2000,
      patterns: DEFAULT_STUCK.patterns,
    });
    expect(results.map((x) => x.outcome)).toEqual(items.map(() => 'done'));
    for (const a of planted.filter((x) => x.kind === 'settlement_pending')) {
      const row = (await runStatement(db, profile, 'settlement_by_msgid', { msgid: String(a.keys.msgid) }))[0]!;
      if (a.center?.center_has_it) expect(row).toMatchObject({ his_status: 'settled', setl_id: a.center.setl_id });
      else expect(row.his_status).toBe('void');
    }
    for (const a of planted.filter((x) => x.kind === 'log_without_settlement'))
      expect(sb.ledger.settlementsByMsgid(String(a.keys.msgid))[0]!.status).toBe('cancelled');
    const after = await detectStuck(
      { ...env, now: new Date(Date.now() + 4000) },
      { olderThanMs: 0, settings: DEFAULT_STUCK },
    );
    expect(after.findings).toEqual([]);
    await own.close();
  }, 120_000);
}
