/**
 * Catalog download and mapping upload against the sandbox center over HTTP: paging by version,
 * one import for every page, the upload journal with the center's verdict per row, and a second
 * run that sends only what is new.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenter, type Center, type CenterConfig } from '../../../src/core/center/index.js';
import { catalogVersions, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import {
  centerCatalogSource,
  centerMappings,
  downloadCatalog,
  importMappings,
  uploadMappings,
  uploadState,
} from '../../../src/core/catalog/index.js';
import { connect, type Db } from '../../../src/core/db/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { csv, tmpDir, writeFile } from '../../fixtures/catalog/make.js';

let dir: string;
let sb: Sandbox;
let journal: Journal;
let center: Center;
let db: Db;
const NOW = new Date('2026-02-01T02:00:00Z');
const config = (url: string, over: Partial<CenterConfig> = {}): CenterConfig => ({
  baseUrl: url,
  fixmedins_code: 'H43010000001',
  fixmedins_name: '示例医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'op01',
  opter_name: '收费员甲',
  opter_type: '1',
  setl_optins: '430100',
  retry: { attempts: 1, baseDelayMs: 10, maxDelayMs: 20 },
  ...over,
});

beforeAll(async () => {
  dir = tmpDir('hisops-catalog-center-');
  sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
  journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  center = openCenter(config(sb.url, { appendInfno: true, timeouts: { defaultMs: 1500 } }), { journal });
  db = await connect(`sqlite:${path.join(dir, 'his.db')}`, { create: true });
});
afterAll(async () => {
  await center.close();
  await db.close();
  await journal.db.close();
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('catalog download through the client', () => {
  it('a dry run downloads every page and previews the same counts an apply gives', async () => {
    const r = await downloadCatalog(db, centerCatalogSource(center), {
      kinds: ['1306'],
      dir: path.join(dir, 'preview'),
      now: NOW,
    });
    expect(r.imported?.applied).toBe(false);
    expect(r.imported!.kinds[0]).toMatchObject({ kind: '1306', added: 18, changed: 1, ended: 1 });
    expect(r.imported!.kinds[0]!.samples.ended[0]!.fields).toMatchObject({ vali_flag: ['1', '0'] });
  });

  it('pages through every version and imports them in one run', async () => {
    const versions = catalogVersions('1306');
    const r = await downloadCatalog(db, centerCatalogSource(center), {
      kinds: ['1306', '1301'],
      dir: path.join(dir, 'downloads'),
      apply: true,
      now: NOW,
    });
    expect(r.pages.filter((p) => p.kind === '1306').map((p) => p.ver)).toEqual([
      '0',
      versions[0]!.ver_name,
      versions[1]!.ver_name,
    ]);
    expect(r.versions.find((v) => v.kind === '1306')).toEqual({ kind: '1306', from: '0', next: versions[2]!.ver_name });
    expect(r.imported?.applied).toBe(true);
    const k = r.imported!.kinds.find((x) => x.kind === '1306')!;
    expect(k).toMatchObject({ added: 18, changed: 1, ended: 1 });
    expect(r.pages.every((p) => fs.existsSync(p.file))).toBe(true);
  });

  it('a second download finds nothing newer', async () => {
    const r = await downloadCatalog(db, centerCatalogSource(center), {
      kinds: ['1306'],
      dir: path.join(dir, 'downloads'),
      apply: true,
      now: NOW,
    });
    expect(r.pages).toEqual([]);
    expect(r.imported).toBeNull();
    expect(r.versions[0]!.from).toBe(catalogVersions('1306')[2]!.ver_name);
  });
});

describe('mapping upload (3301/3302)', () => {
  const codes = catalogVersions('1306')[0]!.records.map((r) => r.med_list_codg!);
  const H = ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_list_codg', 'begndate', 'enddate'];

  it('dry run plans, --apply sends each row and journals the verdict', async () => {
    const f = writeFile(
      dir,
      'm1.csv',
      csv([
        H,
        ['H001', '注射器', '301', codes[2]!, '2024-01-01', ''],
        ['H002', '输液贴', '301', codes[3]!, '2024-01-01', ''],
      ]),
    );
    expect((await importMappings(db, { file: f, now: NOW, apply: true })).applied).toBe(true);
    const plan = await uploadMappings(db, journal, centerMappings(center), { runId: 'r1', now: () => NOW });
    expect(plan.applied).toBe(false);
    expect(plan.outcomes.map((o) => [o.infno, o.why, o.fixmedins_hilist_id, o.verdict])).toEqual([
      ['3301', 'new', 'H001', 'planned'],
      ['3301', 'new', 'H002', 'planned'],
    ]);
    const run = await uploadMappings(db, journal, centerMappings(center), { runId: 'r2', now: () => NOW, apply: true });
    expect(run.counts).toMatchObject({ accepted: 2, rejected: 0 });
    expect(run.outcomes.every((o) => /^H43010000001/.test(o.msgid ?? ''))).toBe(true);
    const again = await uploadMappings(db, journal, centerMappings(center), {
      runId: 'r3',
      now: () => NOW,
      apply: true,
    });
    expect(again.outcomes).toEqual([]);
    expect(again.plan.upToDate).toBe(2);
  });

  it('a new code closes the old mapping: the closed one goes up again first, then the new one', async () => {
    const f = writeFile(dir, 'm2.csv', csv([H, ['H001', '注射器', '301', codes[4]!, '2025-03-01', '']]));
    expect((await importMappings(db, { file: f, now: NOW, apply: true })).counts).toMatchObject({
      added: 1,
      closed: 1,
    });
    const run = await uploadMappings(db, journal, centerMappings(center), { runId: 'r4', now: () => NOW, apply: true });
    expect(run.outcomes.map((o) => [o.infno, o.why, o.med_list_codg, o.verdict])).toEqual([
      ['3301', 'changed', codes[2], 'accepted'],
      ['3301', 'new', codes[4], 'accepted'],
    ]);
    const m = sb.ledger.activeMappingsOf('H43010000001', 'H001');
    expect(m.map((x) => [x.med_list_codg, x.begndate, x.enddate]).sort()).toEqual([
      [codes[2], '2024-01-01', '2025-02-28'],
      [codes[4], '2025-03-01', '2099-12-31'],
    ]);
  });

  it('records the center refusing a row, holds it back next time, and a timeout as unknown (sent again later)', async () => {
    const f = writeFile(
      dir,
      'm3.csv',
      csv([
        H,
        ['H003', '纱布', '301', codes[5]!, '2024-01-01', ''],
        ['H004', '导尿管', '301', codes[0]!, '2024-01-01', '2025-12-31'],
      ]),
    );
    expect((await importMappings(db, { file: f, now: NOW, apply: true })).applied).toBe(true);
    sb.setFaults('3301:error=对照目录不合法@1');
    const a = await uploadMappings(db, journal, centerMappings(center), {
      runId: 'r5',
      now: () => NOW,
      apply: true,
      limit: 1,
    });
    expect(a.outcomes[0]).toMatchObject({
      fixmedins_hilist_id: 'H003',
      verdict: 'rejected',
      err_msg: '对照目录不合法',
    });
    sb.setFaults('3301:timeout');
    const b = await uploadMappings(db, journal, centerMappings(center), { runId: 'r6', now: () => NOW, apply: true });
    expect(b.plan.heldBack.map((h) => h.fixmedins_hilist_id)).toEqual(['H003']);
    expect(b.outcomes.map((o) => [o.fixmedins_hilist_id, o.verdict])).toEqual([['H004', 'unknown']]);
    sb.setFaults('');
    const c = await uploadMappings(db, journal, centerMappings(center), {
      runId: 'r7',
      now: () => NOW,
      apply: true,
      retryRejected: true,
    });
    expect(c.outcomes.map((o) => [o.fixmedins_hilist_id, o.verdict])).toEqual([
      ['H003', 'accepted'],
      ['H004', 'accepted'],
    ]);
    const state = await uploadState(journal);
    expect(state.rejected).toEqual([]);
    expect(state.accepted).toHaveLength(5);
    // The timed-out call of r6 says how it was settled.
    const r6 = (await journal.knex('hisops_mapping_upload').where({ run_id: 'r6' }).first()) as { msgid: string };
    const lost = (await journal.knex('hisops_center_calls').where({ msgid: r6.msgid })) as Array<{
      status: string;
      resolution: string;
      resolved_at: string | null;
    }>;
    expect(lost).toHaveLength(1);
    expect(lost[0]!.status).toBe('unknown');
    expect(lost[0]!.resolved_at).not.toBeNull();
    expect(lost[0]!.resolution).toMatch(
      /^no answer came \(outcome unknown\); H004 2024-01-01 was sent again by run r7 as msgid \S+: accepted$/,
    );
    expect(c.leftOver.resolved).toHaveLength(1);
  });

  it('a run killed during a call: the next run sends the mapping again and resolves the call it left pending', async () => {
    const f = writeFile(dir, 'm5.csv', csv([H, ['H007', '留置针', '301', codes[0]!, '2024-01-01', '']]));
    expect((await importMappings(db, { file: f, now: NOW, apply: true })).applied).toBe(true);
    sb.setFaults('3301:timeout');
    const killed = openCenter(config(sb.url, { appendInfno: true, timeouts: { defaultMs: 1500 } }), {
      journal,
      runId: 'rK',
    });
    try {
      await uploadMappings(db, journal, centerMappings(killed), { runId: 'rK', now: () => NOW, apply: true });
    } finally {
      await killed.close();
    }
    sb.setFaults('');
    // As a kill -9 leaves it: the upload row still `sending`, the client's row still `pending`.
    const pending = (await journal.knex('hisops_mapping_upload').where({ run_id: 'rK' }).first()) as { msgid: string };
    await journal
      .knex('hisops_mapping_upload')
      .where({ run_id: 'rK' })
      .update({ state: 'sending', msgid: null, err_msg: null });
    expect(
      await journal
        .knex('hisops_center_calls')
        .where({ msgid: pending.msgid, run_id: 'rK' })
        .update({ status: 'pending', finished_at: null, error: null }),
    ).toBe(1);
    const dry = await uploadMappings(db, journal, undefined, { runId: 'rD', now: () => NOW });
    expect(dry.leftOver).toEqual({ calls: 1, resolved: [] });
    const r = await uploadMappings(db, journal, centerMappings(center), { runId: 'rL', now: () => NOW, apply: true });
    expect(r.outcomes.map((o) => [o.fixmedins_hilist_id, o.verdict])).toEqual([['H007', 'accepted']]);
    const call = (await journal.knex('hisops_center_calls').where({ msgid: pending.msgid }).first()) as {
      status: string;
      resolution: string;
      resolved_at: string | null;
    };
    expect(call.status).toBe('unknown');
    expect(call.resolved_at).not.toBeNull();
    expect(call.resolution).toMatch(
      /^no outcome recorded: run rK stopped before the answer; H007 2024-01-01 was sent again by run rL as msgid \S+: accepted$/,
    );
    expect(await journal.knex('hisops_mapping_upload').where({ state: 'sending' })).toEqual([]);
    expect(await journal.knex('hisops_center_calls').where({ status: 'pending' })).toEqual([]);
  });

  it('an unreachable center stops the run at the first row; nothing is lost', async () => {
    const f = writeFile(
      dir,
      'm4.csv',
      csv([
        H,
        ['H005', '缝合线', '301', codes[0]!, '2024-01-01', ''],
        ['H006', '引流袋', '301', codes[3]!, '2024-01-01', ''],
      ]),
    );
    expect((await importMappings(db, { file: f, now: NOW, apply: true })).applied).toBe(true);
    const down = openCenter(config('http://127.0.0.1:9', { timeouts: { defaultMs: 1000 } }), { journal });
    try {
      const r = await uploadMappings(db, journal, centerMappings(down), { runId: 'r8', now: () => NOW, apply: true });
      expect(r.stoppedBy?.code).toBe('CENTER_UNREACHABLE');
      expect(r.counts).toMatchObject({ 'not sent': 1, planned: 1 });
    } finally {
      await down.close();
    }
    const r2 = await uploadMappings(db, journal, centerMappings(center), { runId: 'r9', now: () => NOW, apply: true });
    expect(r2.outcomes.map((o) => [o.fixmedins_hilist_id, o.verdict])).toEqual([
      ['H005', 'accepted'],
      ['H006', 'accepted'],
    ]);
  });
});
