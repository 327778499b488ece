/**
 * Each classification and each repair path against the sandbox over HTTP and a real HIS
 * (SQLite, and PostgreSQL on the local server): re-runs, a failure between the center call and
 * the HIS commit, a center that refuses, a row another session holds.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connect } from '../../../src/core/db/index.js';
import { makeWorld, type HisKind, type World } from './helpers.js';
import {
  detect,
  env,
  expectCancellationBooked,
  hisRow,
  journalLeftPending,
  repair,
  requests,
  rolledBack,
  settledNormally,
  twoBatches,
  withFault,
  writeBackFailed,
} from './scenarios.js';
import { planReverse } from '../../../src/core/settle/index.js';
import { describeWithPg } from '../../helpers/servers.js';
import fs from 'node:fs';
import { parseProfile, referenceProfilePath } from '../../../src/core/his/index.js';
import type { HisopsError } from '../../../src/core/errors.js';

describe('stuck settlements on sqlite', () => suite('sqlite'));
describeWithPg('stuck settlements on postgres', (url) => suite('postgres', url));

function suite(kind: HisKind, pgUrl?: string): void {
  let w: World;
  beforeEach(async () => {
    w = await makeWorld(kind, pgUrl);
  });
  afterEach(async () => {
    await w.close();
  });

  it('leaves settlements both sides hold alone', async () => {
    await settledNormally(w);
    await settledNormally(w, '42.50', true);
    const r = await detect(w);
    expect(r.findings).toEqual([]);
    expect(r.candidates).toBe(0);
  });

  it('center_only with the answer known: completes the pending HIS row from 5203, no center change', async () => {
    const s = await writeBackFailed(w, '180.00');
    const center = w.sb.ledger.settlementsByMsgid(s.msgid)[0]!;
    const r = await detect(w);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect(f).toMatchObject({
      classification: 'center_only',
      msgid: s.msgid,
      setl_id: center.setl_id,
      his_state: 'pending',
      center_state: 'settled',
      center_via: '5203',
    });
    expect(r.timings.center_queries).toBe(1);
    const { results, plan } = await repair(w, [s.msgid]);
    expect(plan.items[0]!.repair).toBe('complete');
    expect(results[0]!.outcome).toBe('done');
    const his = (await hisRow(w, s.msgid))!;
    expect(his.his_status).toBe('settled');
    expect(his.setl_id).toBe(center.setl_id);
    expect(Number(his.fund_pay_sumamt)).toBeCloseTo(Number(center.fund_pay_sumamt.toFixed(2)), 2);
    expect(w.sb.ledger.getSettlement(center.setl_id)!.status).toBe('settled');
    expect((await detect(w)).findings).toEqual([]);
  });

  it('a repair whose HIS write the profile marks unsupported is refused as manual, naming the reason; nothing is sent', async () => {
    const s = await writeBackFailed(w, '96.00');
    const text = fs.readFileSync(referenceProfilePath(), 'utf8');
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l === '  complete_settlement:');
    let end = start + 1;
    while (end < lines.length && !/^ {2}\S/.test(lines[end]!)) end++;
    w.profile = parseProfile(
      [
        ...lines.slice(0, start),
        '  complete_settlement:',
        '    unsupported: the HIS writes settlements only through its own cashier screen',
        '',
        ...lines.slice(end),
      ].join('\n'),
      'no-complete.yaml',
    );
    const e = await repair(w, [s.msgid]).then(
      () => undefined,
      (x: unknown) => x as HisopsError,
    );
    expect(e?.summary ?? '').toContain(s.msgid);
    expect(JSON.stringify(e?.details ?? {})).toContain(
      'this HIS does not provide complete_settlement: the HIS writes settlements only through its own cashier screen',
    );
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
    expect(requests(w, '2208')).toBe(0);
  });

  it('center_only, cancel preferred: 2208 for an outpatient settlement, 2305 for an inpatient one, the cancellation booked in the HIS', async () => {
    const out = await writeBackFailed(w, '75.00');
    const inp = await writeBackFailed(w, '3200.00', true);
    const { plan, results } = await repair(w, [out.msgid, inp.msgid], { centerOnly: 'cancel' });
    const infnos = plan.items
      .map((i) => i.steps.find((s) => s.kind === 'center'))
      .map((s) => (s && s.kind === 'center' ? s.infno : null));
    expect(infnos.sort()).toEqual(['2208', '2305']);
    expect(results.map((r) => r.outcome)).toEqual(['done', 'done']);
    for (const s of [out, inp]) await expectCancellationBooked(w, s.msgid);
    expect((await detect(w)).findings).toEqual([]);
  });

  it('center_only after an HIS rollback (only the HIS log is left): cancels at the center and writes the pair into the HIS', async () => {
    const s = await rolledBack(w);
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({
      classification: 'center_only',
      his_state: 'missing',
      sources: expect.arrayContaining(['his_log']),
    });
    const { results } = await repair(w, [s.msgid]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'cancel', his: { statement: 'insert_settlement' } });
    await expectCancellationBooked(w, s.msgid);
    const call = await w.journal.knex('hisops_center_calls').where({ msgid: s.msgid }).first();
    expect(call.resolved_at).toBeTruthy();
    // The HIS log row now has its settlement row: nothing is stuck.
    expect((await detect(w)).findings).toEqual([]);
  });

  it('his_only: the center reversed a settlement the HIS shows settled → HIS row void', async () => {
    const s = await settledNormally(w, '66.00');
    await journalLeftPending(w, s.msgid);
    w.sb.ledger.reverseSettlement(s.setl_id!, '2026-01-05 10:00:00');
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'his_only', his_state: 'settled', center_state: 'reversed' });
    const { results } = await repair(w, [s.setl_id!]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'void', center: null });
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
  });

  it('amounts_differ: reported with the fields, and refused by reverse (nothing to reverse)', async () => {
    const s = await settledNormally(w, '88.00');
    await journalLeftPending(w, s.msgid);
    await w.his.knex('his_settlement').where({ msgid: s.msgid }).update({ fund_pay_sumamt: '1.00' });
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'amounts_differ' });
    expect(r.findings[0]!.deltas.map((d) => d.field)).toContain('fund_pay_sumamt');
    await expect(
      planReverse(env(w), {
        olderThanMs: 0,
        settings: w.settings,
        ids: [s.msgid],
        all: false,
        centerOnly: 'complete',
        runId: 'x',
      }),
    ).rejects.toMatchObject({ code: 'STUCK_IDS', exit: 2 });
  });

  it('neither: the call certainly failed → the pending HIS row is voided without asking the center', async () => {
    const s = await withFault(w, '2207:error=参保人当前状态不允许结算');
    expect(s.his_status).toBe('pending');
    const before = requests(w, '2601') + requests(w, '5203');
    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'neither', center_state: 'absent', center_via: 'journal' });
    const { results } = await repair(w, [s.msgid]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'void', center: null });
    expect(requests(w, '2601') + requests(w, '5203')).toBe(before);
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
  });

  it('unconfirmed where the center never committed: 2601 answers 原交易不存在, the HIS row becomes void', async () => {
    const s = await withFault(w, '2207:timeout');
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)).toHaveLength(0);
    const { results } = await repair(w, [s.msgid]);
    expect(results[0]).toMatchObject({ outcome: 'done', repair: 'reverse' });
    expect(results[0]!.center).toMatchObject({
      infno: '2601',
      answer: 'refused',
      err_msg: expect.stringContaining('原交易不存在'),
    });
    expect((await hisRow(w, s.msgid))!.his_status).toBe('void');
    // Re-run: it is gone, and the journal knows why.
    expect((await detect(w)).findings).toEqual([]);
    await expect(
      planReverse(env(w), {
        olderThanMs: 0,
        settings: w.settings,
        ids: [s.msgid],
        all: false,
        centerOnly: 'complete',
        runId: 'y',
      }),
    ).rejects.toMatchObject({
      code: 'STUCK_IDS',
      details: { issues: [expect.objectContaining({ reason: 'already_repaired' })] },
    });
  });

  it('re-running never reverses twice: a second run finds nothing, and an old plan applied again sends nothing', async () => {
    // The lost batch's visit answers 5203 with the other batch's settlement, so 2601 is the repair.
    const { first: s } = await twoBatches(w, 'first');
    const first = await repair(w, [], { all: true });
    expect(first.plan.items.map((i) => i.repair)).toEqual(['reverse']);
    expect(first.results.map((r) => r.outcome)).toEqual(['done']);
    expect(requests(w, '2601')).toBe(1);
    const again = await repair(w, [], { all: true });
    expect(again.plan.items).toEqual([]);
    const stale = await repair(w, [], { plan: first.plan });
    expect(stale.results[0]!.outcome).toBe('stale');
    expect(requests(w, '2601')).toBe(1);
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('reversed');
  });

  it('re-running a completion changes nothing: a second run finds nothing, and the old plan is stale', async () => {
    const s = await withFault(w, '2207:timeout-after-commit');
    const first = await repair(w, [], { all: true });
    expect(first.plan.items.map((i) => i.repair)).toEqual(['complete']);
    expect(first.results.map((r) => r.outcome)).toEqual(['done']);
    expect((await repair(w, [], { all: true })).plan.items).toEqual([]);
    const stale = await repair(w, [], { plan: first.plan });
    expect(stale.results[0]!.outcome).toBe('stale');
    expect(requests(w, '2601') + requests(w, '2208')).toBe(0);
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('settled');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('settled');
  });

  it('a failure between the center call and the HIS commit: HIS untouched, and the next run finishes without calling the center again', async () => {
    const s = await writeBackFailed(w, '95.00');
    const crashed = await repair(w, [s.msgid], {
      centerOnly: 'cancel',
      hooks: {
        beforeHisCommit: () => {
          throw new Error('injected: the HIS connection dropped');
        },
      },
    });
    expect(crashed.results[0]!.outcome).toBe('failed');
    expect(crashed.results[0]!.message).toMatch(/center answered 2208/);
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('cancelled');
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
    expect(requests(w, '2208')).toBe(1);

    const r = await detect(w);
    expect(r.findings[0]).toMatchObject({ classification: 'cancel_unrecorded', center_state: 'cancelled' });
    const resumed = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    // The refund row comes from the answer hisops's journal kept: no second 2208.
    expect(resumed.results[0]).toMatchObject({ outcome: 'done', repair: 'record_cancel', center: null });
    expect(requests(w, '2208')).toBe(1);
    await expectCancellationBooked(w, s.msgid);
    expect((await detect(w)).findings).toEqual([]);
  });

  it('a center that refuses the cancel: reported, the HIS row unchanged', async () => {
    const s = await writeBackFailed(w, '77.00');
    const before = await hisRow(w, s.msgid);
    w.sb.setFaults('2208:error=该结算已清算，不允许撤销');
    const { results } = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    w.sb.setFaults('');
    expect(results[0]).toMatchObject({ outcome: 'refused' });
    expect(results[0]!.message).toContain('不允许撤销');
    expect(await hisRow(w, s.msgid)).toEqual(before);
    expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('settled');
    const acts = await w.journal.knex('hisops_stuck_actions').where({ item_id: s.msgid }).orderBy('seq');
    expect(acts.map((a: { step: string; status: string }) => `${a.step}:${a.status}`)).toEqual([
      'item:refused',
      'his:skipped',
      'center:refused',
    ]);
  });

  it('an HIS row another session holds: reported as locked, nothing sent, nothing half-done', async () => {
    const s = await writeBackFailed(w, '61.00');
    const before = await hisRow(w, s.msgid);
    let release: () => Promise<void>;
    if (kind === 'sqlite') {
      const other = new Database(w.hisUrl.slice('sqlite:'.length));
      other.exec('BEGIN IMMEDIATE');
      other.prepare('UPDATE his_settlement SET updated_at = updated_at WHERE msgid = ?').run(s.msgid);
      release = async () => {
        other.exec('ROLLBACK');
        other.close();
      };
    } else {
      const other = await connect(w.hisUrl, { poolMax: 1 });
      const trx = await other.knex.transaction();
      await trx.raw('SELECT his_setl_no FROM his_settlement WHERE msgid = ? FOR UPDATE', [s.msgid]);
      release = async () => {
        await trx.rollback();
        await other.close();
      };
    }
    try {
      const { results } = await repair(w, [s.msgid], { centerOnly: 'cancel' });
      expect(results[0]).toMatchObject({ outcome: 'locked', center: null });
      expect(requests(w, '2208')).toBe(0);
      expect(w.sb.ledger.settlementsByMsgid(s.msgid)[0]!.status).toBe('settled');
    } finally {
      await release();
    }
    expect(await hisRow(w, s.msgid)).toEqual(before);
    // Once free, the same repair goes through.
    const { results } = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    expect(results[0]!.outcome).toBe('done');
  });

  it('unreachable: a 5203 the center refuses for another reason is not taken as "absent"', async () => {
    const s = await writeBackFailed(w, '55.00');
    w.sb.setFaults('5203:error=系统繁忙，请稍后再试');
    const r = await detect(w);
    w.sb.setFaults('');
    expect(r.findings[0]).toMatchObject({ classification: 'unreachable', msgid: s.msgid });
    expect((await hisRow(w, s.msgid))!.his_status).toBe('pending');
  });
}
