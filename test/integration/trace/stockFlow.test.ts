/**
 * The stock side against the sandbox over real HTTP on the reference SQLite HIS: stock-takes
 * (stock_count_for_upload) go as 3501A, stock-ins and stock changes as 3502A (or one by one as
 * 3501/3502 when trace.stockBatch is off), returns as 3506A when trace.returnBatch is on; a code
 * received as one drug and dispensed as another, or dispensed after it went back to the supplier,
 * is held back with its finding.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import {
  checkWindow,
  profileSource,
  runUpload,
  TRACE_KINDS,
  TraceJournal,
  type UploadOptions,
} from '../../../src/core/trace/index.js';
import type { Db } from '../../../src/core/db/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import { CODE, openWorld, seededHisFile, tmpDir, type World, fastSettings, worldUploadOptions } from './helpers.js';

let seed: { file: string; manifest: SeedManifest };
let seedDir: string;
let world: World | undefined;

beforeAll(async () => {
  seedDir = tmpDir('stock-seed');
  seed = await seededHisFile(seedDir);
});

afterAll(() => fs.rmSync(seedDir, { recursive: true, force: true }));

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const fast = fastSettings;
const uploadOptions = (w: World, over: Partial<UploadOptions> = {}) => worldUploadOptions(w, seed.manifest, 'S1', over);

type Row = Record<string, unknown>;

/** Codes received and never sold, of a drug: the tail of its last stock-in. */
async function unsoldCodes(db: Db, drug: string, n: number): Promise<{ stock: Row; codes: string[] }> {
  const stock = (await db
    .knex('his_stock')
    .where({ fixmedins_hilist_id: drug })
    .whereNull('invc_no')
    .orderBy('inv_chg_time', 'desc')
    .first()) as Row;
  const sold = new Set(
    ((await db.knex('his_dispense_trac').select('drug_trac_codg')) as Array<{ drug_trac_codg: string }>).map(
      (r) => r.drug_trac_codg,
    ),
  );
  const all = (await db
    .knex('his_stock_trac')
    .where({ stock_id: stock.stock_id })
    .orderBy('trac_seq', 'desc')
    .select('drug_trac_codg')) as Array<{ drug_trac_codg: string }>;
  return {
    stock,
    codes: all
      .map((r) => r.drug_trac_codg)
      .filter((c) => !sold.has(c))
      .slice(0, n),
  };
}

/** A sale like an existing one of `drug`, at `time`, carrying `code`. */
async function addSale(db: Db, like: string, id: string, time: string, code: string): Promise<void> {
  const base = (await db.knex('his_dispense').where({ fixmedins_hilist_id: like, disp_type: 'sale' }).first()) as Row;
  await db
    .knex('his_dispense')
    .insert({ ...base, disp_id: id, sel_retn_time: time, created_at: time, sel_retn_cnt: 1, trdn_flag: '0' });
  await db.knex('his_dispense_trac').insert({ disp_id: id, trac_seq: 1, drug_trac_codg: code });
}

/** A stock-take of `drug` on `day`, counting `codes`. */
async function addCount(db: Db, id: string, day: string, stock: Row, codes: string[]): Promise<void> {
  await db.knex('his_stock_count').insert({
    count_id: id,
    invdate: day,
    fixmedins_hilist_id: stock.fixmedins_hilist_id,
    fixmedins_hilist_name: stock.fixmedins_hilist_name,
    rx_flag: stock.rx_flag,
    inv_cnt: codes.length,
    manu_lotnum: stock.manu_lotnum,
    fixmedins_bchno: stock.fixmedins_bchno,
    manu_date: stock.manu_date,
    expy_end: stock.expy_end,
    memo: null,
    created_at: `${day} 21:00:00`,
  });
  await db
    .knex('his_stock_count_trac')
    .insert(codes.map((c, i) => ({ count_id: id, trac_seq: i + 1, drug_trac_codg: c })));
}

describe('stock flow', () => {
  it('holds a code dispensed as another drug, or after it went back to the supplier; uploads stock-takes as 3501A and stock as 3502A', async () => {
    const events: SandboxEvent[] = [];
    world = await openWorld(seed.file, { onEvent: (e) => events.push(e) }, 'stock');
    const db = world.db;
    const last = seed.manifest.endDate;
    const drugs = (
      (await db.knex('his_stock').whereNull('invc_no').distinct('fixmedins_hilist_id')) as Array<{
        fixmedins_hilist_id: string;
      }>
    )
      .map((r) => r.fixmedins_hilist_id)
      .sort();
    const [x, y] = [drugs[0]!, drugs[1]!];
    const { stock, codes } = await unsoldCodes(db, x, 5);
    expect(codes).toHaveLength(5);
    // 1. A box received as x, sold as y.
    await addSale(db, y, 'FYTEST01', `${last} 20:00:00`, codes[0]!);
    // 2. A box of x sent back to the supplier (109 商品退货出库), then sold.
    await db.knex('his_stock').insert({
      ...stock,
      stock_id: 'RKTEST01',
      inv_chg_type: '109',
      cnt: 1,
      inv_chg_time: `${last} 12:00:00`,
      created_at: `${last} 12:00:00`,
    });
    await db.knex('his_stock_trac').insert({ stock_id: 'RKTEST01', trac_seq: 1, drug_trac_codg: codes[1]! });
    await addSale(db, x, 'FYTEST02', `${last} 20:30:00`, codes[1]!);
    // 3. A box of x sold as x: fine.
    await addSale(db, x, 'FYTEST03', `${last} 20:45:00`, codes[2]!);
    // 4. The evening stock-take counts the two boxes left.
    await addCount(db, 'PCTEST01', last, stock, [codes[3]!, codes[4]!]);

    const tj = new TraceJournal(world.journal, CODE, { readOnly: true });
    const check = await checkWindow({
      source: profileSource(db, world.profile),
      journal: tj,
      window: { from: seed.manifest.startDate, to: last },
      kinds: TRACE_KINDS,
      settings: fast(),
    });
    const mine = check.findings.filter((f) => f.record_id.startsWith('FYTEST'));
    // Sold as y, the box of x also fails y's product prefix.
    expect(mine.map((f) => [f.kind, f.record_id, f.drug_trac_codg, f.related_id])).toEqual([
      ['prefix_mismatch', 'FYTEST01', codes[0], null],
      ['stock_other_drug', 'FYTEST01', codes[0], stock.stock_id],
      ['returned_to_supplier', 'FYTEST02', codes[1], 'RKTEST01'],
    ]);
    // The seed's own planted findings, and nothing else.
    expect(check.findings.length).toBe(seed.manifest.anomalies.filter((a) => a.job === 'trace').length + 3);
    const r = await runUpload(uploadOptions(world));
    expect(r.pending).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.plan.map((p) => p.infno)).toEqual(expect.arrayContaining(['3501A', '3502A', '3505A', '3506']));
    expect(r.byKind.find((s) => s.kind === 'stock-count')).toMatchObject({ records: 1, accepted: 1, acceptedCodes: 2 });
    const infnos = new Set(events.map((e) => e.infno).filter((x): x is string => x !== null && x.startsWith('35')));
    expect([...infnos].sort()).toEqual(['3501A', '3502A', '3505A', '3506']);
    // The stock-take's codes are at the center as counted, the held sales' codes not as sold.
    const ledger = world.sb.ledger.listTraceCodes({ fixmedins_code: CODE });
    expect(ledger.filter((c) => c.drug_trac_codg === codes[3] && c.movement === 'stocktake')).toHaveLength(1);
    expect(
      ledger.filter((c) => (c.drug_trac_codg === codes[0] || c.drug_trac_codg === codes[1]) && c.movement === 'sale'),
    ).toEqual([]);
    expect(ledger.filter((c) => c.drug_trac_codg === codes[2] && c.movement === 'sale')).toHaveLength(1);

    // Again: nothing is due, nothing is sent.
    const again = await runUpload(uploadOptions(world, { runId: 'S2' }));
    expect(again.requests.sent).toBe(0);

    // The next day, checked alone: the journal says the box came in as x.
    const next = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await addSale(db, y, 'FYTEST04', `${next} 09:00:00`, codes[3]!);
    const later = await checkWindow({
      source: profileSource(db, world.profile),
      journal: tj,
      window: { from: next, to: next },
      kinds: ['sale'],
      settings: fast(),
    });
    expect(later.findings.filter((f) => f.record_id === 'FYTEST04').map((f) => [f.kind, f.related_id])).toEqual([
      ['prefix_mismatch', null],
      ['stock_other_drug', stock.stock_id],
    ]);
  });

  it('sends stock one record per 3501/3502 when stockBatch is off, and returns as 3506A when returnBatch is on', async () => {
    const events: SandboxEvent[] = [];
    world = await openWorld(seed.file, { onEvent: (e) => events.push(e) }, 'stock-variants');
    const r = await runUpload(uploadOptions(world, { settings: fast({ stockBatch: false, returnBatch: true }) }));
    expect(r.pending).toEqual([]);
    expect(r.rejected).toEqual([]);
    const plan = new Map(r.plan.map((p) => [p.infno, p]));
    expect([...plan.keys()].sort()).toEqual(['3502', '3505A', '3506A']);
    // One record per 3502 request; the returns together in 3506A.
    expect(plan.get('3502')!.requests).toBe(plan.get('3502')!.records);
    expect(plan.get('3506A')!.requests).toBeLessThan(plan.get('3506A')!.records + 1);
    const returns = r.byKind.find((s) => s.kind === 'return')!;
    expect(returns.accepted).toBe(plan.get('3506A')!.records);
    expect(world.sb.ledger.listTraceCodes({ fixmedins_code: CODE, movement: 'return' }).length).toBe(
      plan.get('3506A')!.codes,
    );
    expect(new Set(events.map((e) => e.infno).filter((x) => x?.startsWith('35')))).toEqual(
      new Set(['3502', '3505A', '3506A']),
    );
  });
});
