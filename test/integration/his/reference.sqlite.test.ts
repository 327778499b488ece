/**
 * The reference HIS on SQLite: the schema loads, a small seed fills it deterministically, every
 * profile statement runs, the totals and invariants hold, and each planted anomaly is found by a
 * straightforward detector — exactly those, nothing in the natural data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../src/core/center/sandbox/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { seedCenter, seedHis, type PlantedAnomaly, type SeedManifest } from '../../../src/core/demo/index.js';
import {
  executeStatement,
  FUND_FIELDS,
  loadProfile,
  probeProfile,
  READ_STATEMENTS,
  REFERENCE_TABLES,
  referenceProfilePath,
  runStatement,
  runStatementEach,
  runWrite,
  type Profile,
  type Row,
} from '../../../src/core/his/index.js';
import { D, sum } from '../../../src/core/money.js';
import { digest, dumpTables } from './dump.js';

let dir: string;
let db: Db;
let profile: Profile;
let manifest: SeedManifest;
let window: { from: string; to: string };
const SEED = 11;

const next = (day: string) => new Date(Date.parse(day + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
const ids = (kind: string, key = 'disp_id') =>
  manifest.anomalies
    .filter((a) => a.kind === kind)
    .flatMap((a) => [a.keys[key]].flat() as string[])
    .sort();
const byKind = (kind: string): PlantedAnomaly[] => manifest.anomalies.filter((a) => a.kind === kind);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-ref-'));
  db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
  profile = await loadProfile(referenceProfilePath());
  manifest = (await seedHis({ db, size: 'small', seed: SEED, out: dir })).manifest;
  window = { from: `${manifest.startDate} 00:00:00`, to: `${next(manifest.endDate)} 00:00:00` };
}, 60_000);

afterAll(async () => {
  await db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('seeded reference HIS (SQLite)', () => {
  it('writes what the manifest says', async () => {
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'seed.json'), 'utf8'))).toEqual(manifest);
    expect(fs.existsSync(path.join(dir, 'catalog.json'))).toBe(true);
    for (const t of REFERENCE_TABLES) {
      const [{ n }] = (await db.knex(t.name).count({ n: '*' })) as [{ n: number }];
      expect(n, t.name).toBe(manifest.counts[t.name]);
    }
    expect(manifest.settlementsPerDay.reduce((a, b) => a + b, 0)).toBe(900);
    expect(manifest.counts.his_settlement).toBeGreaterThan(880);
    expect(manifest.counts.his_fee_detail).toBeGreaterThan(manifest.counts.his_settlement!);
    expect(manifest.counts.his_dispense_trac).toBeGreaterThan(100);
    expect(await db.knex.raw('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });

  it('lists every planted anomaly once per instance', () => {
    const count: Record<string, number> = {};
    for (const a of manifest.anomalies) count[a.kind] = (count[a.kind] ?? 0) + 1;
    expect(count).toEqual({
      trace_invalid_length: 1,
      trace_invalid_chars: 1,
      trace_duplicate_in_record: 1,
      trace_sold_twice: 1,
      trace_return_never_sold: 1,
      dispense_no_mapping: 1,
      mapping_overlap: 1,
      mapping_unknown_code: 1,
      settlement_pending: 4,
      log_without_settlement: 1,
      center_only: 4,
      his_only: 2,
      amount_mismatch: 2,
      center_duplicate: 1,
      cross_midnight: 1,
      refund_pair: 1,
      invoice_code_on_two_invoices: 1,
      invoice_code_other_drug: 1,
      invoice_code_missing: 1,
    });
    expect(new Set(manifest.anomalies.map((a) => a.id)).size).toBe(manifest.anomalies.length);
  });

  it('gives the same rows for the same seed (whichever SQLite path writes them) and other rows for another seed', async () => {
    const mem = await connect('sqlite::memory:');
    try {
      const again = await seedHis({ db: mem, size: 'small', seed: SEED });
      expect(again.manifest).toEqual(manifest);
      expect(digest(await dumpTables(mem))).toEqual(digest(await dumpTables(db)));
    } finally {
      await mem.close();
    }
    const other = await connect('sqlite::memory:');
    try {
      await seedHis({ db: other, size: 'small', seed: SEED + 1 });
      const a = digest(await dumpTables(other));
      const b = digest(await dumpTables(db));
      expect(a.his_settlement).not.toBe(b.his_settlement);
      expect(a.his_item).toBe(b.his_item); // the item catalog does not depend on the seed
    } finally {
      await other.close();
    }
  }, 60_000);

  it('refuses to seed a HIS that already has settlements', async () => {
    await expect(seedHis({ db, size: 'small', seed: 1 })).rejects.toMatchObject({ code: 'DEMO_NOT_EMPTY', exit: 2 });
  });

  it('runs every read statement and returns canonical columns', async () => {
    const probe = await probeProfile(db, profile);
    expect(probe.filter((p) => !p.ok)).toEqual([]);
    expect(probe.map((p) => p.name).sort()).toEqual([...READ_STATEMENTS].sort());
    const some = (await runStatement(db, profile, 'settlements_in_period', window))[0]!;
    expect(Object.keys(some)).toContain('medfee_sumamt');
    expect(some.medfee_sumamt).toMatch(/^-?\d+\.\d{2}$/);
    expect(some.setl_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('finds settlements by setl_id, mdtrt_id and msgid, and their fee lines', async () => {
    const all = await runStatement(db, profile, 'settlements_in_period', window);
    const s = all.find((r) => r.his_status === 'settled' && r.refd_setl_flag === '0')!;
    expect((await runStatement(db, profile, 'settlement_by_setl_id', { setl_id: s.setl_id as string }))[0]).toEqual(s);
    expect((await runStatement(db, profile, 'settlement_by_msgid', { msgid: s.msgid as string }))[0]).toEqual(s);
    expect(
      await runStatement(db, profile, 'settlements_by_mdtrt_id', { mdtrt_id: s.mdtrt_id as string }),
    ).toContainEqual(s);
    const lines = await runStatement(db, profile, 'fee_lines_of_settlement', { setl_id: s.setl_id as string });
    expect(lines.length).toBeGreaterThan(0);
    expect(sum(lines.map((l) => l.det_item_fee_sumamt as string)).toFixed(2)).toBe(s.medfee_sumamt);
    for (const k of ['fulamt_ownpay_amt', 'preselfpay_amt', 'inscp_scp_amt'] as const)
      expect(sum(lines.map((l) => l[k] as string)).toFixed(2)).toBe(s[k]);
    expect(sum(lines.map((l) => l.overlmt_amt as string)).toFixed(2)).toBe(s.overlmt_selfpay);
    expect(await runStatement(db, profile, 'fee_lines_of_visit', { mdtrt_id: s.mdtrt_id as string })).toEqual(lines);
    expect(await runStatement(db, profile, 'settlement_by_setl_id', { setl_id: 'no-such-id' })).toEqual([]);
  });

  it("hands the rows of a read statement over one by one, lower-cased names once; the caller's error passes as it is", async () => {
    const seen: string[] = [];
    const columns = await runStatementEach(db, profile, 'settlements_for_reconcile', window, (v, cols) => {
      seen.push(String(v[cols.indexOf('setl_id')]));
    });
    expect(columns).toContain('setl_id');
    expect(seen.length).toBeGreaterThan(0);
    const mine = new Error('mine');
    await expect(
      runStatementEach(db, profile, 'settlements_for_reconcile', window, () => {
        throw mine;
      }),
    ).rejects.toBe(mine);
  });

  it('adds up to the manifest totals, group by group', async () => {
    const rows = await runStatement(db, profile, 'settlements_in_period', window);
    expect(rows.length).toBe(manifest.totals.count);
    for (const k of ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'psn_cash_pay'] as const)
      expect(sum(rows.map((r) => r[k] as string)).toFixed(2)).toBe(manifest.totals[k]);
    const groups = new Map<string, { count: number; medfee: string[] }>();
    for (const r of rows) {
      const key = `${String(r.setl_time).slice(0, 10)}|${r.insutype}|${r.clr_type}|${r.setl_optins}|${r.refd_setl_flag}`;
      const g = groups.get(key) ?? { count: 0, medfee: [] };
      g.count++;
      g.medfee.push(r.medfee_sumamt as string);
      groups.set(key, g);
    }
    expect(groups.size).toBe(manifest.groups.length);
    for (const g of manifest.groups) {
      const mine = groups.get(`${g.day}|${g.insutype}|${g.clr_type}|${g.setl_optins}|${g.refd_setl_flag}`)!;
      expect(mine.count).toBe(g.count);
      expect(sum(mine.medfee).toFixed(2)).toBe(g.medfee_sumamt);
    }
    const insutypes = new Set(rows.map((r) => r.insutype));
    expect(insutypes.has('310') && insutypes.has('390')).toBe(true);
    expect(new Set(rows.map((r) => r.clr_type))).toEqual(new Set(['11', '21']));
    expect(rows.some((r) => r.in_area_flag === '0' && r.setl_optins !== manifest.institution.admdvs)).toBe(true);
  });

  it('keeps every settlement consistent (I1–I5), cancellations as exact negatives', async () => {
    const rows = await runStatement(db, profile, 'settlements_in_period', window);
    const d = (r: Row, k: string) => new D(r[k] as string);
    for (const r of rows) {
      expect(
        d(r, 'medfee_sumamt').eq(d(r, 'fund_pay_sumamt').plus(d(r, 'psn_part_amt')).plus(d(r, 'hosp_part_amt'))),
        `I1 ${r.setl_id}`,
      ).toBe(true);
      expect(d(r, 'fund_pay_sumamt').eq(sum(FUND_FIELDS.map((f) => r[f] as string))), `I2 ${r.setl_id}`).toBe(true);
      expect(d(r, 'psn_part_amt').eq(d(r, 'acct_pay').plus(d(r, 'psn_cash_pay'))), `I4 ${r.setl_id}`).toBe(true);
      expect(
        d(r, 'medfee_sumamt').eq(
          sum(['fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt'].map((f) => r[f] as string)),
        ),
        `I5 ${r.setl_id}`,
      ).toBe(true);
      expect(d(r, 'acct_mulaid_pay').abs().lte(d(r, 'acct_pay').abs())).toBe(true);
    }
    const cancellations = rows.filter((r) => r.refd_setl_flag === '1');
    expect(cancellations.length).toBeGreaterThan(0);
    for (const c of cancellations) {
      const orig = rows.find((r) => r.setl_id === c.init_setl_id)!;
      expect(orig.his_status).toBe('cancelled');
      expect(new D(c.medfee_sumamt as string).eq(new D(orig.medfee_sumamt as string).negated())).toBe(true);
      expect(['2208', '2305']).toContain(c.infno);
    }
  });

  it('plants exactly the trace-code anomalies in the manifest', async () => {
    const rows = await runStatement(db, profile, 'dispensing_for_upload', window);
    const codes = rows.filter((r) => r.drug_trac_codg !== null);
    // Malformed codes.
    const invalid = codes
      .filter((r) => !/^\d{20}$/.test(r.drug_trac_codg as string))
      .map((r) => r.drug_trac_codg as string)
      .sort();
    expect(invalid).toEqual(
      [...ids('trace_invalid_length', 'drug_trac_codg'), ...ids('trace_invalid_chars', 'drug_trac_codg')].sort(),
    );
    expect(invalid.map((c) => c.length).sort()).toEqual([19, 20]);
    // Duplicates within one record.
    const perRecord = new Map<string, string[]>();
    for (const r of codes)
      perRecord.set(r.disp_id as string, [...(perRecord.get(r.disp_id as string) ?? []), r.drug_trac_codg as string]);
    const dupRecords = [...perRecord].filter(([, cs]) => new Set(cs).size !== cs.length).map(([id]) => id);
    expect(dupRecords).toEqual(ids('trace_duplicate_in_record'));
    // The same code in two different sales.
    const salesOf = new Map<string, Set<string>>();
    for (const r of codes.filter((r) => r.disp_type === 'sale'))
      salesOf.set(
        r.drug_trac_codg as string,
        (salesOf.get(r.drug_trac_codg as string) ?? new Set()).add(r.disp_id as string),
      );
    const soldTwice = [...salesOf].filter(([, s]) => s.size > 1);
    expect(soldTwice.map(([c]) => c)).toEqual(ids('trace_sold_twice', 'drug_trac_codg'));
    expect([...soldTwice[0]![1]].sort()).toEqual(ids('trace_sold_twice'));
    // Returns of codes never sold.
    const neverSold = codes
      .filter((r) => r.disp_type === 'return' && !salesOf.has(r.drug_trac_codg as string))
      .map((r) => r.disp_id as string);
    expect(neverSold).toEqual(ids('trace_return_never_sold'));
    expect(codes.some((r) => r.disp_type === 'return' && r.orig_disp_id !== null)).toBe(true); // natural returns exist
    // No valid mapping on the day of dispensing.
    expect([...new Set(rows.filter((r) => r.map_cnt === 0).map((r) => r.disp_id as string))]).toEqual(
      ids('dispense_no_mapping'),
    );
    expect(rows.filter((r) => (r.map_cnt as number) > 1)).toEqual([]);
    expect(rows.filter((r) => r.map_cnt === 1).every((r) => r.med_list_codg !== null)).toBe(true);
    // Every well-formed code carries its drug's product-identification code; sold codes were stocked.
    const prefixes = new Map<string, Set<string>>();
    for (const p of await runStatement(db, profile, 'drug_trace_prefixes'))
      prefixes.set(
        p.fixmedins_hilist_id as string,
        (prefixes.get(p.fixmedins_hilist_id as string) ?? new Set()).add(p.trac_prefix as string),
      );
    for (const r of codes.filter((r) => /^\d{20}$/.test(r.drug_trac_codg as string)))
      expect(prefixes.get(r.fixmedins_hilist_id as string)!.has((r.drug_trac_codg as string).slice(0, 7))).toBe(true);
    const stock = await runStatement(db, profile, 'stock_for_upload', window);
    const stocked = new Set(stock.map((r) => r.drug_trac_codg as string));
    expect(stocked.size).toBe(stock.length); // no code received twice
    expect(stock.every((r) => /^\d{20}$/.test(r.drug_trac_codg as string) && r.map_cnt === 1)).toBe(true);
    const planted = new Set([...ids('trace_return_never_sold', 'drug_trac_codg'), ...invalid]);
    expect(
      codes.filter((r) => !planted.has(r.drug_trac_codg as string) && !stocked.has(r.drug_trac_codg as string)),
    ).toEqual([]);
  });

  it('plants exactly the mapping anomalies in the manifest', async () => {
    const maps = await runStatement(db, profile, 'mappings');
    const byItem = new Map<string, Row[]>();
    for (const m of maps)
      byItem.set(m.fixmedins_hilist_id as string, [...(byItem.get(m.fixmedins_hilist_id as string) ?? []), m]);
    const overlapping = [...byItem]
      .filter(([, ms]) =>
        ms.some((a, i) =>
          ms.some(
            (b, j) =>
              i < j &&
              (a.begndate as string) <= (b.enddate as string) &&
              (b.begndate as string) <= (a.enddate as string),
          ),
        ),
      )
      .map(([id]) => id);
    expect(overlapping).toEqual(ids('mapping_overlap', 'fixmedins_hilist_id'));
    const national = new Set(
      (
        JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as {
          national: Array<{ med_list_codg: string }>;
        }
      ).national.map((n) => n.med_list_codg),
    );
    expect(maps.filter((m) => !national.has(m.med_list_codg as string)).map((m) => m.fixmedins_hilist_id)).toEqual(
      ids('mapping_unknown_code', 'fixmedins_hilist_id'),
    );
    // A remapping with adjacent periods is normal: two rows, no overlap.
    expect([...byItem.values()].filter((ms) => ms.length === 2)).toHaveLength(2);
    const billed = await runStatement(db, profile, 'items_billed_since', { since: window.from });
    expect(billed.length).toBeGreaterThan(20);
    expect(billed.every((b) => (b.bill_cnt as number) > 0 && (b.last_billed_time as string) >= window.from)).toBe(true);
    expect(billed.some((b) => String(b.fixmedins_hilist_id).endsWith('90001'))).toBe(false); // anomaly-only items are never billed
  });

  it('plants exactly the stuck settlements and the orphan log row', async () => {
    const pending = await runStatement(db, profile, 'pending_settlements', { before: window.to });
    expect(pending.map((p) => p.msgid).sort()).toEqual(ids('settlement_pending', 'msgid'));
    expect(pending.every((p) => p.setl_id === null && p.log_status === 'sent' && p.request_time !== null)).toBe(true);
    expect(await runStatement(db, profile, 'pending_settlements', { before: window.from })).toEqual([]);
    const orphans = await runStatement(db, profile, 'orphan_center_calls', { before: window.to });
    expect(orphans.map((o) => o.msgid)).toEqual(ids('log_without_settlement', 'msgid'));
    expect(byKind('settlement_pending').filter((a) => a.center?.center_has_it)).toHaveLength(2);
  });

  it('writes through the profile: void, complete, mappings', async () => {
    const [p1, p2] = byKind('settlement_pending');
    const now = '2030-01-01 08:00:00';
    expect(
      await runWrite(db, profile, 'mark_settlement_void', {
        msgid: p1!.keys.msgid as string,
        reason: '中心无此结算',
        now,
      }),
    ).toBe(1);
    expect(
      await runWrite(db, profile, 'mark_settlement_void', { msgid: p1!.keys.msgid as string, reason: 'again', now }),
    ).toBe(0); // only pending or settled rows turn void
    const voided = (await runStatement(db, profile, 'settlement_by_msgid', { msgid: p1!.keys.msgid as string }))[0]!;
    expect(voided.his_status).toBe('void');
    expect(voided.updated_at).toBe(now);
    const before = (await runStatement(db, profile, 'settlement_by_msgid', { msgid: p2!.keys.msgid as string }))[0]!;
    const binds: Record<string, string | null> = {
      msgid: before.msgid as string,
      setl_id: '430100202503039999999999',
      setl_time: '2025-03-03 12:00:00',
      mdtrt_id: null,
      medins_setl_id: before.msgid as string,
      clr_optins: '430100',
      clr_way: '01',
      clr_type: null,
      pool_prop_selfpay: '0.6000',
      now,
    };
    for (const k of [
      'medfee_sumamt',
      'fulamt_ownpay_amt',
      'overlmt_selfpay',
      'preselfpay_amt',
      'inscp_scp_amt',
      'act_pay_dedc',
      'hifp_pay',
      'cvlserv_pay',
      'hifes_pay',
      'hifmi_pay',
      'hifob_pay',
      'maf_pay',
      'oth_pay',
      'hifdm_pay',
      'fund_pay_sumamt',
      'psn_part_amt',
      'acct_pay',
      'psn_cash_pay',
      'hosp_part_amt',
      'balc',
      'acct_mulaid_pay',
    ])
      binds[k] = before[k] as string;
    binds.hifp_pay = new D(before.hifp_pay as string).plus('0.01').toFixed(2);
    const r = await executeStatement(db, profile, 'complete_settlement', binds);
    expect(r.affected).toBe(1);
    const done = (
      await runStatement(db, profile, 'settlement_by_setl_id', { setl_id: '430100202503039999999999' })
    )[0]!;
    expect(done).toMatchObject({
      his_status: 'settled',
      setl_time: '2025-03-03 12:00:00',
      mdtrt_id: before.mdtrt_id,
      clr_type: before.clr_type,
      hifp_pay: binds.hifp_pay,
    });
    expect(await runWrite(db, profile, 'complete_settlement', binds)).toBe(0); // no longer pending
    await runWrite(db, profile, 'insert_mapping', {
      fixmedins_hilist_id: 'ZL00001',
      fixmedins_hilist_name: '普通门诊诊查费',
      list_type: '201',
      med_list_codg: '001102000010000',
      begndate: '2030-01-01',
      enddate: '2099-12-31',
      now,
    });
    expect(
      await runWrite(db, profile, 'end_mapping', {
        fixmedins_hilist_id: 'ZL00001',
        med_list_codg: '001102000010000',
        begndate: '2030-01-01',
        enddate: '2030-06-30',
        now,
      }),
    ).toBe(1);
    expect(
      (await runStatement(db, profile, 'mappings_of_item', { fixmedins_hilist_id: 'ZL00001' })).at(-1),
    ).toMatchObject({ begndate: '2030-01-01', enddate: '2030-06-30' });
  });
});

describe('center side of the seed', () => {
  it('writes the sandbox ledger with exactly the planted reconciliation anomalies', async () => {
    const mem = await connect('sqlite::memory:');
    const ledger = openLedger(':memory:', { fixmedins_code: 'H43010000001' });
    try {
      const his = (await seedHis({ db: mem, size: 'small', seed: 5 })).manifest;
      const result = await seedCenter({ his: mem, ledger, manifest: his });
      const m = result.manifest;
      const hisRows = await runStatement(mem, profile, 'settlements_in_period', {
        from: `${m.startDate} 00:00:00`,
        to: `${next(next(m.endDate))} 00:00:00`,
      });
      const center = ledger.listSettlements({ includeReversed: true });
      const totals = ledger.totals({});
      expect(totals.count).toBe(m.center!.totals.count);
      expect(totals.medfee_sumamt.toFixed(2)).toBe(m.center!.totals.medfee_sumamt);
      const hisById = new Map(hisRows.map((r) => [r.setl_id as string, r]));
      const live = center.filter((c) => c.status !== 'reversed');
      const kinds = (k: string) =>
        m.anomalies
          .filter((a) => a.kind === k)
          .map((a) => a.keys.setl_id as string)
          .sort();
      // Center rows the HIS does not have as a settled row.
      const centerOnly = live.filter(
        (c) =>
          c.refd_setl_flag === '0' &&
          !hisById.has(c.setl_id) &&
          !m.anomalies.some(
            (a) => a.center?.setl_id === c.setl_id && (a.kind === 'center_duplicate' || a.kind === 'refund_pair'),
          ),
      );
      expect(centerOnly.map((c) => c.setl_id).sort()).toEqual(kinds('center_only'));
      // HIS rows the center does not count.
      const liveIds = new Set(live.map((c) => c.setl_id));
      expect(
        hisRows
          .filter((r) => !liveIds.has(r.setl_id as string))
          .map((r) => r.setl_id)
          .sort(),
      ).toEqual(kinds('his_only'));
      // Same settlement, different amounts.
      const differs = live.filter(
        (c) =>
          hisById.has(c.setl_id) &&
          ['medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'psn_cash_pay'].some(
            (k) =>
              (c as unknown as Record<string, { toFixed(n: number): string }>)[k]!.toFixed(2) !==
              hisById.get(c.setl_id)![k],
          ),
      );
      expect(differs.map((c) => c.setl_id).sort()).toEqual(kinds('amount_mismatch'));
      // Two live center settlements for one visit.
      const perVisit = new Map<string, number>();
      for (const c of live.filter((c) => c.refd_setl_flag === '0' && c.status !== 'cancelled'))
        perVisit.set(c.mdtrt_id, (perVisit.get(c.mdtrt_id) ?? 0) + 1);
      expect(
        [...perVisit]
          .filter(([, n]) => n > 1)
          .map(([v]) => v)
          .sort(),
      ).toEqual(
        m.anomalies
          .filter((a) => a.kind === 'center_duplicate')
          .map((a) => a.keys.mdtrt_id as string)
          .sort(),
      );
      // Booked on another day at the center.
      expect(
        live
          .filter(
            (c) =>
              hisById.has(c.setl_id) &&
              c.setl_time.slice(0, 10) !== String(hisById.get(c.setl_id)!.setl_time).slice(0, 10),
          )
          .map((c) => c.setl_id),
      ).toEqual(kinds('cross_midnight'));
      // Cancelled at the center, settled in the HIS.
      const cancelledThere = live
        .filter((c) => c.orig_setl_id && !hisRows.some((r) => r.init_setl_id === c.orig_setl_id))
        .map((c) => c.orig_setl_id);
      expect(cancelledThere.sort()).toEqual(kinds('refund_pair'));
      await expect(seedCenter({ his: mem, ledger, manifest: m })).rejects.toMatchObject({ code: 'DEMO_CENTER_SEEDED' });
    } finally {
      ledger.close();
      await mem.close();
    }
  }, 60_000);
});
