/**
 * The reconciliation source and the refusal of bad ids, against the sandbox and a SQLite HIS.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyRepairs, detectStuck, planReverse, StuckActionJournal } from '../../../src/core/settle/index.js';
import { makeWorld, PERSONS, type World } from './helpers.js';
import { env, repair, requests, withFault, writeBackFailed } from './scenarios.js';

let w: World;
beforeEach(async () => {
  w = await makeWorld('sqlite');
});
afterEach(async () => w.close());

describe('sources', () => {
  it('takes a center-only settlement from the latest reconciliation, asks 5203 and cancels it', async () => {
    const p = PERSONS[3]!;
    const row = w.sb.ledger.insertSettlement({
      setl_time: '2026-01-05 09:30:00',
      mdtrt_id: 'RC-1',
      psn_no: p.psn_no,
      medfee_sumamt: '210.00',
      fixmedins_code: 'H43010000001',
    });
    const periods: Array<{ from?: string; to?: string }> = [];
    const reconcile = async (_j: unknown, period: { from?: string; to?: string }) => {
      periods.push(period);
      return [
        {
          kind: 'center_only',
          setl_id: row.setl_id,
          msgid: row.medins_setl_id,
          mdtrt_id: 'RC-1',
          psn_no: p.psn_no,
          day: '2026-01-05',
        },
        { kind: 'amount_mismatch', setl_id: 'ignored' },
      ];
    };
    const r = await detectStuck(env(w), {
      olderThanMs: 0,
      settings: w.settings,
      reconcile,
      from: '2026-01-05',
      to: '2026-01-05',
    });
    expect(periods).toEqual([{ from: '2026-01-05', to: '2026-01-05' }]);
    expect(r.sources.reconcile).toBe(1);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({
      classification: 'center_only',
      sources: ['reconcile'],
      his_state: 'missing',
      setl_id: row.setl_id,
      medfee_sumamt: '210.00',
    });
    const plan = await planReverse(env(w), {
      olderThanMs: 0,
      settings: w.settings,
      reconcile,
      ids: [row.setl_id],
      all: false,
      centerOnly: 'complete',
      runId: 'rc',
    });
    expect(plan.items[0]!.repair).toBe('cancel');
  });

  it("reads core/reconcile's latestOneSidedFindings by default (none before any reconciliation run)", async () => {
    const r = await detectStuck(env(w), { olderThanMs: 0, settings: w.settings });
    expect(r.sources.reconcile).toBe(0);
    expect(r.notes).toEqual([]);
  });

  it('keeps young pending settlements out (they may still be in flight)', async () => {
    await withFault(w, '2207:timeout-after-commit');
    const young = await detectStuck({ ...env(w), now: new Date() }, { olderThanMs: 10 * 60_000, settings: w.settings });
    expect(young.findings).toEqual([]);
    const old = await detectStuck(
      { ...env(w), now: new Date(Date.now() + 11 * 60_000) },
      { olderThanMs: 10 * 60_000, settings: w.settings },
    );
    expect(old.findings).toHaveLength(1);
  });
});

describe('bad ids are refused before anything is sent', () => {
  const plan = (ids: string[]) =>
    planReverse(env(w), { olderThanMs: 0, settings: w.settings, ids, all: false, centerOnly: 'cancel', runId: 'bad' });

  it('an id that matches nothing, and one that matches several', async () => {
    const a = await writeBackFailed(w, '10.00');
    const b = await writeBackFailed(w, '20.00');
    const psnOfA = (await w.his.knex('his_settlement').where({ msgid: a.msgid }).first()).psn_no as string;
    await w.his.knex('his_settlement').where({ msgid: b.msgid }).update({ psn_no: psnOfA });
    const q = requests(w, '5203');
    await expect(plan(['H43010000001209901010000009999'])).rejects.toMatchObject({
      code: 'STUCK_IDS',
      exit: 2,
      details: { issues: [expect.objectContaining({ reason: 'no_match' })] },
    });
    await expect(plan([psnOfA])).rejects.toMatchObject({
      details: {
        issues: [expect.objectContaining({ reason: 'ambiguous', matches: expect.arrayContaining([a.msgid, b.msgid]) })],
      },
    });
    expect(requests(w, '5203')).toBe(q);
  });

  it('one already reversed, and a transaction the center does not allow to reverse', async () => {
    const s = await writeBackFailed(w, '30.00');
    const { results } = await repair(w, [s.msgid], { centerOnly: 'cancel' });
    expect(results[0]!.outcome).toBe('done');
    const cancelMsgid = results[0]!.center!.msgid!;
    const before = requests(w, '2208') + requests(w, '2601') + requests(w, '5203');
    await expect(plan([s.msgid])).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ reason: 'already_repaired' })] },
    });
    await expect(plan([cancelMsgid])).rejects.toMatchObject({
      details: {
        issues: [expect.objectContaining({ reason: 'not_reversible', message: expect.stringContaining('2208') })],
      },
    });
    await expect(plan([])).rejects.toMatchObject({ code: 'STUCK_NO_IDS' });
    expect(requests(w, '2208') + requests(w, '2601') + requests(w, '5203')).toBe(before);
    const trail = await new StuckActionJournal(w.journal, 'read').list({ id: s.msgid });
    expect(trail.map((t) => `${t.step}:${t.status}`)).toEqual(['item:done', 'his:done', 'center:done', 'resolve:done']);
    expect(trail.every((t) => t.opter === 'op07')).toBe(true);
  });
});

describe('asking per item', () => {
  it('a declined item is recorded and nothing is done for it; the next one goes on', async () => {
    const a = await writeBackFailed(w, '11.00');
    const b = await writeBackFailed(w, '12.00');
    const e = env(w);
    const plan = await planReverse(e, {
      olderThanMs: 0,
      settings: w.settings,
      ids: [a.msgid, b.msgid],
      all: false,
      centerOnly: 'cancel',
      runId: 'ask',
    });
    const asked: string[] = [];
    const results = await applyRepairs({ ...e, runId: 'ask', opter: { opter: 'op07', opter_name: null } }, plan.items, {
      lockTimeoutMs: 500,
      patterns: w.settings.patterns,
      confirm: async (item) => {
        asked.push(item.id);
        return item.id === b.msgid;
      },
    });
    expect(asked).toEqual([a.msgid, b.msgid]);
    expect(results.map((r) => r.outcome)).toEqual(['declined', 'done']);
    expect(requests(w, '2208')).toBe(1);
    expect(w.sb.ledger.settlementsByMsgid(a.msgid)[0]!.status).toBe('settled');
    expect((await new StuckActionJournal(w.journal, 'r').list({ id: a.msgid })).map((x) => x.status)).toEqual([
      'declined',
    ]);
  });
});
