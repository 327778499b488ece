/**
 * The upload against the sandbox center over real HTTP: the demo step with the seed's planted
 * anomalies, faults (latency, refusals, resets, gateway errors, commits without an answer),
 * resolution of an interrupted run from the write-ahead journal, center rejections with status
 * and retry, and the concurrency and rate limits measured at the center.
 */
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxEvent } from '../../../src/core/center/sandbox/index.js';
import {
  demoTrace,
  retryTargets,
  runUpload,
  traceStatus,
  TraceJournal,
  type UploadOptions,
} from '../../../src/core/trace/index.js';
import type { SeedManifest } from '../../../src/core/demo/manifest.js';
import {
  CODE,
  expectedAtCenter,
  ledgerCodes,
  openWorld,
  seededHisFile,
  tmpDir,
  type World,
  fastSettings,
  worldUploadOptions,
} from './helpers.js';

let seed: { file: string; manifest: SeedManifest };
let seedDir: string;
let world: World | undefined;

beforeAll(async () => {
  seedDir = tmpDir('seed');
  seed = await seededHisFile(seedDir);
});

afterAll(() => fs.rmSync(seedDir, { recursive: true, force: true }));

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const fast = fastSettings;
const uploadOptions = (w: World, over: Partial<UploadOptions> = {}) => worldUploadOptions(w, seed.manifest, 'T1', over);

describe('demoTrace', () => {
  it('reports exactly the planted anomalies, uploads the rest, and the center holds every code once', async () => {
    world = await openWorld(seed.file);
    const planted = seed.manifest.anomalies.filter((a) => a.job === 'trace');
    expect(planted.map((a) => a.kind).sort()).toEqual([
      'dispense_no_mapping',
      'trace_duplicate_in_record',
      'trace_invalid_chars',
      'trace_invalid_length',
      'trace_return_never_sold',
      'trace_sold_twice',
    ]);
    const r = await demoTrace({
      db: world.db,
      profile: world.profile,
      journal: world.journal,
      center: world.center,
      fixmedins_code: CODE,
      manifest: seed.manifest,
      runId: 'DEMO',
      settings: fast(),
    });
    expect(r.planted.filter((p) => !p.found)).toEqual([]);
    expect(r.unexpected).toEqual([]);
    expect(r.check.findings).toHaveLength(planted.length);
    expect(r.ok).toBe(true);
    // The planted records were held back, everything else accepted.
    const held = r.upload.byKind.reduce((n, s) => n + s.held, 0);
    expect(held).toBe(planted.length);
    expect(r.upload.byKind.reduce((n, s) => n + s.accepted, 0)).toBe(r.upload.records - held);
    const expected = await expectedAtCenter(world.db, seed.manifest);
    expect(ledgerCodes(world.sb)).toEqual(expected);
    expect(r.upload.plan.map((p) => p.infno).sort()).toEqual(['3502A', '3505A', '3506']);

    // A second run sends nothing: everything is accepted or held.
    const before = world.sb.stats().requests;
    const again = await runUpload(uploadOptions(world, { runId: 'T2' }));
    expect(again.requests.sent).toBe(0);
    expect(world.sb.stats().requests).toBe(before);
    expect(again.byKind.reduce((n, s) => n + s.already, 0)).toBe(r.upload.records - held);
    expect(again.findings).toHaveLength(planted.length);

    const status = await traceStatus({ journal: world.journal, fixmedins_code: CODE });
    expect(status.totals.held).toBe(planted.length);
    expect(status.totals.acceptedCodes).toBe(expected.length);
    expect(status.reasons.map((x) => x.reason).sort()).toEqual([
      'bad_chars',
      'bad_length',
      'duplicate_in_record',
      'no_mapping',
      'return_never_sold',
      'sold_again',
    ]);
  });
});

describe('upload under faults', () => {
  it('gets everything accepted through latency, refusals, resets, gateway errors and lost answers — each code once', async () => {
    world = await openWorld(seed.file, {
      seed: 11,
      faults:
        '35*:latency=2..15ms,35*:reset@0.12,35*:error@0.1,35*:gateway=502@0.08,35*:timeout-after-commit=reset@0.1',
    });
    const r = await runUpload(uploadOptions(world, { settings: fast({ retries: 12, batchSize: 20 }) }));
    expect(r.pending).toEqual([]);
    expect(r.rejected).toEqual([]);
    expect(r.requests.retries).toBeGreaterThan(3);
    const faults = world.sb.stats().faults;
    expect(faults.reset! + faults['timeout-after-commit']!).toBeGreaterThan(2);
    expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
  });

  it('marks records unknown when answers are lost, and the next run settles them without storing anything twice', async () => {
    world = await openWorld(seed.file, { faults: '3505A:timeout-after-commit=reset' });
    const first = await runUpload(uploadOptions(world, { settings: fast({ retries: 0 }) }));
    // No sale request is ever answered: after two the run stops sending sales (the rest stay due).
    expect(first.stopped).toMatch(/CENTER_CONNECTION_RESET|connection|reset/i);
    const unknown = first.pending.filter((p) => p.status === 'unknown');
    expect(unknown.length).toBeGreaterThanOrEqual(2 * 40);
    const committed = world.sb.ledger.listTraceRecords({ infno: '3505' }).length;
    expect(committed).toBe(unknown.length); // the center did store them; hisops could not know
    expect(first.pending.filter((p) => p.reason === 'not_sent').length).toBeGreaterThan(0);

    world.sb.setFaults('');
    const second = await runUpload(uploadOptions(world, { runId: 'T2' }));
    expect(second.resolved).toMatchObject({ unresolved: unknown.length, accepted: 0, resend: unknown.length });
    expect(second.pending).toEqual([]);
    const sales = second.byKind.find((s) => s.kind === 'sale')!;
    expect(sales.accepted).toBe(sales.due);
    expect(sales.due).toBe(first.byKind.find((s) => s.kind === 'sale')!.due);
    expect(world.sb.stats().replayed).toBe(0);
    expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
    // The center client's rows of the unanswered requests say how they were settled.
    const lost = (await world.journal.knex('hisops_center_calls').where({ infno: '3505A', run_id: 'T1' })) as Array<{
      msgid: string;
      status: string;
      resolution: string | null;
      resolved_at: string | null;
    }>;
    expect(lost.length).toBeGreaterThanOrEqual(2);
    for (const c of lost) {
      expect(c.status).toBe('unknown');
      expect(c.resolved_at).not.toBeNull();
      expect(c.resolution).toMatch(
        /^no answer came \(outcome unknown\); its \d+ record\(s\) were sent again by run T2: \d+ accepted$/,
      );
    }
    expect(second.calls.resolved.map((c) => c.msgid).sort()).toEqual(lost.map((c) => c.msgid).sort());
    const again = await runUpload(uploadOptions(world, { runId: 'T2b' }));
    expect(again.calls).toEqual({ leftOver: 0, resolved: [] });
  });

  it('leaves the open rows of sales to the next upload of sales when a run uploads other kinds only', async () => {
    world = await openWorld(seed.file, { faults: '3505A:timeout-after-commit=reset' });
    await runUpload(uploadOptions(world, { settings: fast({ retries: 0 }) }));
    world.sb.setFaults('');
    const w = world;
    const lost = async () =>
      (await w.journal.knex('hisops_center_calls').where({ infno: '3505A', run_id: 'T1' })) as Array<{
        status: string;
        resolution: string | null;
        resolved_at: string | null;
      }>;
    expect((await lost()).length).toBeGreaterThan(0);
    const returns = await runUpload(uploadOptions(world, { runId: 'T6', kinds: ['return'] }));
    expect(returns.calls.resolved.length).toBe((await lost()).length);
    expect(returns.calls.resolved.every((c) => !c.done)).toBe(true);
    for (const c of await lost())
      expect(c).toMatchObject({
        status: 'unknown',
        resolved_at: null,
        resolution: expect.stringMatching(
          /of a kind this run \(T6\) does not upload: the next upload of sale sends them again$/,
        ),
      });
    const all = await runUpload(uploadOptions(world, { runId: 'T7' }));
    expect(all.calls.resolved.every((c) => c.done)).toBe(true);
    for (const c of await lost()) expect(c.resolution).toMatch(/sent again by run T7: \d+ accepted$/);
  });

  it('keeps a record unknown, with reason not_in_his, when the HIS no longer holds it, and says so', async () => {
    world = await openWorld(seed.file, { faults: '3505A:timeout-after-commit=reset' });
    const first = await runUpload(uploadOptions(world, { settings: fast({ retries: 0 }) }));
    const unknown = first.pending.filter((p) => p.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    const gone = unknown[0]!;
    await world.db.knex('his_dispense_trac').where({ disp_id: gone.record_id }).delete();
    expect(await world.db.knex('his_dispense').where({ disp_id: gone.record_id }).delete()).toBe(1);
    world.sb.setFaults('');
    const second = await runUpload(uploadOptions(world, { runId: 'T5' }));
    expect(second.resolved.notInHis).toBe(1);
    expect(second.pending).toEqual([
      expect.objectContaining({ record_id: gone.record_id, status: 'unknown', reason: 'not_in_his' }),
    ]);
    const row = (await world.journal
      .knex('hisops_trace_uploads')
      .where({ record_id: gone.record_id, kind: 'sale' })
      .first()) as { status: string; reason: string; message: string };
    expect(row).toMatchObject({ status: 'unknown', reason: 'not_in_his' });
    expect(row.message).toMatch(/no longer in the HIS/);
    // Its request's row is resolved, and says that one record is still without an outcome.
    const calls = (await world.journal.knex('hisops_center_calls').where({ infno: '3505A', run_id: 'T1' })) as Array<{
      resolution: string;
      resolved_at: string | null;
    }>;
    expect(calls.every((c) => c.resolved_at !== null)).toBe(true);
    expect(calls.filter((c) => /1 unknown \(sent again by the next upload\)/.test(c.resolution))).toHaveLength(1);
  });

  it('settles records of an interrupted run from the write-ahead journal when the center had answered', async () => {
    world = await openWorld(seed.file);
    await runUpload(uploadOptions(world));
    // As if the process died after the center client journaled the answer but before the trace
    // rows got their outcome: put the sales of one request back to "sending".
    const tj = new TraceJournal(world.journal, CODE);
    const row = (await world.journal
      .knex('hisops_trace_uploads')
      .where({ infno: '3505A', status: 'accepted' })
      .first()) as { request_digest: string };
    const n = await world.journal
      .knex('hisops_trace_uploads')
      .where({ request_digest: row.request_digest })
      .update({ status: 'sending', msgid: null });
    expect(n).toBeGreaterThan(1);
    const calls = await world.journal.knex('hisops_center_calls').where({ request_digest: row.request_digest });
    expect(calls).toHaveLength(1);
    const before = world.sb.stats().requests;
    const r = await runUpload(uploadOptions(world, { runId: 'T3' }));
    expect(r.resolved).toMatchObject({ unresolved: n, accepted: n, resend: 0 });
    expect(world.sb.stats().requests).toBe(before); // nothing sent again
    expect((await tj.unresolved()).length).toBe(0);
    const msgids = await world.journal
      .knex('hisops_trace_uploads')
      .where({ request_digest: row.request_digest })
      .distinct('msgid');
    expect(msgids).toEqual([{ msgid: (calls[0] as { msgid: string }).msgid }]);
  });

  it('stops early when the center is down, and the next run sends everything', async () => {
    world = await openWorld(seed.file);
    const { startSandbox } = await import('../../../src/core/center/sandbox/index.js');
    const gone = await startSandbox({ lenientVisits: true, dataFile: ':memory:' });
    await gone.close();
    const t0 = Date.now();
    const down = await runUpload(
      uploadOptions(world, {
        center: { ...world.center, baseUrl: gone.url, retry: { attempts: 1 } },
        settings: fast({ retries: 1 }),
      }),
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(down.stopped).toMatch(/requests in a row failed 2 time\(s\) each \(last: .*127\.0\.0\.1/);
    expect(down.byKind.reduce((n, s) => n + s.accepted, 0)).toBe(0);
    expect(down.pending.length).toBe(down.byKind.reduce((n, s) => n + s.due, 0));
    expect(down.requests.sent).toBeLessThan(10); // no request after the stop

    const up = await runUpload(uploadOptions(world, { runId: 'T2' }));
    expect(up.stopped).toBeNull();
    expect(up.pending).toEqual([]);
    expect(ledgerCodes(world.sb)).toEqual(await expectedAtCenter(world.db, seed.manifest));
  });

  it('plans without sending or writing in a dry run', async () => {
    world = await openWorld(seed.file);
    const r = await runUpload(uploadOptions(world, { apply: false }));
    expect(world.sb.stats().requests).toBe(0);
    expect(r.plan.reduce((n, p) => n + p.records, 0)).toBe(r.byKind.reduce((n, s) => n + s.due, 0));
    expect(r.findings.length).toBe(6);
    // Not even the journal's tables are created.
    for (const t of ['hisops_trace_uploads', 'hisops_trace_upload_codes', 'hisops_center_calls'])
      expect(await world.journal.knex.schema.hasTable(t), t).toBe(false);
    expect((await world.db.knex.raw(`SELECT name FROM sqlite_master WHERE name LIKE 'hisops%'`)) as unknown[]).toEqual(
      [],
    );
  });

  it('says a day without records has nothing to send', async () => {
    world = await openWorld(seed.file);
    const r = await runUpload(uploadOptions(world, { window: { from: '2024-01-01', to: '2024-01-01' } }));
    expect(r).toMatchObject({ records: 0, emptyDays: ['2024-01-01'], findings: [], pending: [], rejected: [] });
    expect(world.sb.stats().requests).toBe(0);
  });
});

describe('rejections, status and retry', () => {
  it('records the center message, waits for a fix, and sends again with retry', async () => {
    world = await openWorld(seed.file);
    const w = world;
    // Someone else (a pharmacy window's real-time upload) sold one of our codes at the center first.
    const victim = (await w.db
      .knex('his_dispense as d')
      .join('his_dispense_trac as t', 't.disp_id', 'd.disp_id')
      .where({ 'd.disp_type': 'sale', 'd.mdtrt_setl_type': '1' })
      .orderBy('d.sel_retn_time')
      .first('d.disp_id', 't.drug_trac_codg')) as { disp_id: string; drug_trac_codg: string };
    const { withCenter } = await import('../../../src/core/center/index.js');
    const item = {
      med_list_codg: 'X',
      fixmedins_hilist_id: 'OTHER',
      fixmedins_hilist_name: '外部',
      fixmedins_bchno: 'B1',
      prsc_dr_name: '无',
      phar_name: '甲',
      phar_prac_cert_no: 'P1',
      hi_feesetl_type: '2',
      mdtrt_sn: 'EXT1',
      psn_cert_type: '99',
      manu_lotnum: 'L',
      manu_date: '2024-01-01',
      expy_end: '2026-01-01',
      rx_flag: '1',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: 'EXT1',
      sel_retn_cnt: 1,
      sel_retn_time: '2025-03-01 08:00:00',
      sel_retn_opter_name: '甲',
      drugtracinfo: [{ drug_trac_codg: victim.drug_trac_codg }],
    };
    await withCenter(w.center, { journal: w.journal, runId: 'EXT' }, (c) =>
      c.request('3505', { selinfo: item }, (o) => o),
    );

    const r = await runUpload(uploadOptions(w));
    expect(r.rejected.map((x) => [x.record_id, x.reason])).toEqual([[victim.disp_id, 'center_sold_before']]);
    expect(r.rejected[0]!.message).toContain(victim.drug_trac_codg);

    const status = await traceStatus({ journal: w.journal, fixmedins_code: CODE });
    expect(status.totals.rejected).toBe(1);
    expect(status.reasons.find((x) => x.status === 'rejected')).toMatchObject({
      reason: 'center_sold_before',
      records: 1,
    });

    // Unchanged, a plain upload does not send it again.
    const before = w.sb.stats().requests;
    const again = await runUpload(uploadOptions(w, { runId: 'T2' }));
    expect(again.requests.sent).toBe(0);
    expect(w.sb.stats().requests).toBe(before);
    expect(again.byKind.find((s) => s.kind === 'sale')!.waiting).toBe(1);

    // The fix: the other sale is returned at the center. Then retry, selected by reason.
    await withCenter(w.center, { journal: w.journal, runId: 'EXT2' }, (c) =>
      c.request(
        '3506',
        {
          selinfo: {
            ...Object.fromEntries(
              Object.entries(item).filter(
                ([k]) =>
                  ![
                    'prsc_dr_name',
                    'phar_name',
                    'phar_prac_cert_no',
                    'hi_feesetl_type',
                    'rx_circ_flag',
                    'rtal_docno',
                  ].includes(k),
              ),
            ),
            medins_prod_sel_no: 'EXT1R',
            sel_retn_time: '2025-03-01 09:00:00',
          },
        },
        (o) => o,
      ),
    );
    expect((await retryTargets({ journal: w.journal, fixmedins_code: CODE, reason: 'center_changed' })).records).toBe(
      0,
    );
    const t = await retryTargets({ journal: w.journal, fixmedins_code: CODE, reason: 'center_sold_before' });
    expect(t.records).toBe(1);
    expect([...t.targets.values()].map((s) => [...s])).toEqual([[`disp:${victim.disp_id}`]]);
    const retried = await runUpload(
      uploadOptions(w, { window: undefined, targets: t.targets, kinds: t.kinds, force: true, runId: 'T3' }),
    );
    expect(retried.requests.sent).toBe(1);
    expect(retried.byKind.find((s) => s.kind === 'sale')!.accepted).toBe(1);
    expect(retried.findings).toEqual([]);
    expect((await traceStatus({ journal: w.journal, fixmedins_code: CODE })).totals.rejected).toBe(0);
  });
});

describe('limits', () => {
  /** Upload the seeded days with these settings; return the 35xx requests as the center saw them. */
  async function measured(settings: Record<string, unknown>) {
    const events: SandboxEvent[] = [];
    world = await openWorld(seed.file, { faults: '35*:latency=30ms', onEvent: (e) => events.push(e) });
    const t0 = Date.now();
    const r = await runUpload(uploadOptions(world, { settings: fast({ batchSize: 5, ...settings }) }));
    expect(r.pending).toEqual([]);
    const calls = events.filter((e) => e.infno?.startsWith('35'));
    expect(calls.length).toBeGreaterThanOrEqual(80);
    return { calls, elapsed: Date.now() - t0 };
  }

  it('keeps at most `concurrency` requests in flight at the center, and uses them all', async () => {
    const { calls } = await measured({ concurrency: 3, rate: 0 });
    // In flight at the center: [arrival, arrival + handling] intervals.
    const marks = calls.flatMap((e) => [
      { t: e.at.getTime(), d: 1 },
      { t: e.at.getTime() + e.ms, d: -1 },
    ]);
    marks.sort((a, b) => a.t - b.t || a.d - b.d);
    let inFlight = 0;
    let maxInFlight = 0;
    for (const m of marks) maxInFlight = Math.max(maxInFlight, (inFlight += m.d));
    expect(maxInFlight).toBe(3);
  });

  it('applies the rate limit to the requests the center receives', async () => {
    const rate = 25;
    const { calls, elapsed } = await measured({ concurrency: 8, rate });
    // Without the limit these settings would start about 260 requests a second (8 in flight, 30 ms
    // each). Arrival times here are stamped by a server sharing the event loop and two busy cores
    // with the client, so per-second counts are not asserted on this wall clock: the spacing is
    // checked exactly under a fake clock in test/unit/trace/rateLimiterClock.test.ts. The limiter
    // never hands out slots faster than the rate, so the run cannot take less than this:
    expect(elapsed).toBeGreaterThanOrEqual(((calls.length - 1) / rate) * 1000 * 0.95);
  });
});

describe('request digests', () => {
  it('are what the center client journals for the request', async () => {
    world = await openWorld(seed.file);
    await runUpload(uploadOptions(world, { window: { from: seed.manifest.startDate, to: seed.manifest.startDate } }));
    const rows = (await world.journal
      .knex('hisops_trace_uploads')
      .whereNotNull('request_digest')
      .select('request_digest', 'msgid', 'infno')) as Array<{ request_digest: string; msgid: string; infno: string }>;
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const call = (await world.journal.knex('hisops_center_calls').where({ msgid: r.msgid }).first()) as {
        request_digest: string;
        infno: string;
        status: string;
      };
      expect(call).toMatchObject({ request_digest: r.request_digest, infno: r.infno, status: 'ok' });
    }
  });
});
