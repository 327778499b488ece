/**
 * kill -9 in the middle of an upload, then run again: the center must end up with every code
 * exactly once, and both journal tables with nothing left open — every record accepted (or held
 * by a finding), every write-ahead row of a 35xx request with an outcome or a resolution. The
 * upload is the real binary (`bin/hisops.js trace upload --apply`, built first) in a child
 * process against a sandbox in this process, whose ledger outlives the child. The moments of the
 * kills are drawn from a seeded generator (HISOPS_KILL_SEED to try others).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceJournal } from '../../../src/core/trace/index.js';
import { CODE, expectedAtCenter, ledgerCodes } from './helpers.js';
import { killHarness, prng, repo } from './killHarness.js';

const h = killHarness('kill', { batchSize: 8 });
const random = prng(Number(process.env.HISOPS_KILL_SEED ?? 20261206));
const { events, hisops, upload, callRows } = h;

describe('trace upload (the binary) killed with SIGKILL', () => {
  it('is built', () => {
    expect(fs.existsSync(path.join(repo, 'dist', 'main.js'))).toBe(true);
  });

  it('resumes: nothing left pending or sending in either journal table, nothing accepted sent twice, every code once at the center', async () => {
    // First kill: the center has stored a batch but holds its answer back — the child dies not knowing.
    h.world.sb.setFaults('35*:latency=15ms,3505A:timeout-after-commit@0.2', 3);
    const first = await upload((e) => e.fault === 'timeout-after-commit');
    expect(first.killed).toBe(true);
    const tj = new TraceJournal(h.world.journal, CODE);
    const open1 = await tj.unresolved();
    expect(open1.length).toBeGreaterThan(0);
    const committedUnknown = h.world.sb.ledger
      .listTraceRecords({ fixmedins_code: CODE })
      .filter((r) => open1.some((o) => o.record_id === r.record_key.split('|')[0]));
    expect(committedUnknown.length).toBeGreaterThan(0); // the center holds records the journal has as "sending"
    expect((await callRows()).filter((c) => c.status === 'pending').length).toBeGreaterThan(0);

    // Two more kills at drawn moments further on: each resumed child dies again mid-upload.
    h.world.sb.setFaults('35*:latency=15ms', 4);
    const moments = [3 + Math.floor(random() * 10), 1 + Math.floor(random() * 6)];
    for (const at of moments) {
      const before = events.filter((e) => e.infno?.startsWith('35')).length;
      const r = await upload((_e, n) => n >= at);
      expect(r.killed, `killed after ${at} answered requests`).toBe(true);
      expect(events.filter((e) => e.infno?.startsWith('35')).length).toBeGreaterThan(before);
    }
    const leftPending = (await callRows()).filter((c) => c.status === 'pending');
    expect(leftPending.length).toBeGreaterThan(0);

    // The run that is not killed: first it settles what the killed ones left.
    h.world.sb.setFaults('');
    const last = await upload();
    expect(last.killed).toBe(false);
    const r = JSON.parse(last.out) as {
      data: {
        pending: unknown[];
        rejected: unknown[];
        resolved: { unresolved: number };
        calls: { leftOver: number; resolved: Array<{ msgid: string; resolution: string }> };
      };
    };
    expect(last.code, last.err).toBe(3); // the seed's planted findings are held back
    expect(r.data.pending).toEqual([]);
    expect(r.data.rejected).toEqual([]);
    expect(r.data.resolved.unresolved).toBeGreaterThan(0);
    expect(r.data.calls.resolved.map((c) => c.msgid)).toEqual(expect.arrayContaining(leftPending.map((c) => c.msgid)));

    // The center holds every code exactly once.
    expect(ledgerCodes(h.world.sb)).toEqual(await expectedAtCenter(h.world.db, h.seed.manifest));
    const records = h.world.sb.ledger.listTraceRecords({ fixmedins_code: CODE });
    expect(new Set(records.map((x) => `${x.infno}|${x.record_key}`)).size).toBe(records.length);

    // hisops_trace_uploads: every record accepted or held — none sending, unknown or to retry.
    const states = (await h.world.journal
      .knex('hisops_trace_uploads')
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as Array<{ status: string; n: number }>;
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({
      accepted: records.length,
      held: 6,
    });

    // hisops_center_calls: no 35xx row pending; every row without an answer says how it was resolved.
    const calls = await callRows();
    expect(calls.filter((c) => c.status === 'pending')).toEqual([]);
    const noAnswer = calls.filter((c) => c.status === 'unknown');
    expect(noAnswer.length).toBeGreaterThanOrEqual(leftPending.length);
    for (const c of noAnswer) {
      expect(c.resolved_at, c.msgid).not.toBeNull();
      expect(c.resolution, c.msgid).toMatch(
        /sent again by run .*: \d+ accepted|answered in msgid|outcomes since|other requests/,
      );
    }
    for (const c of leftPending)
      expect(calls.find((x) => x.msgid === c.msgid)!.resolution).toMatch(/stopped before the answer/);

    // trace status shows what was resolved and how, and that nothing is open.
    const status = await hisops(['trace', 'status', '--json']);
    const st = JSON.parse(status.out) as {
      data: {
        totals: { pending: number };
        calls: { open: unknown[]; resolved: Array<{ msgid: string; resolution: string }> };
      };
    };
    expect(st.data.totals.pending).toBe(0);
    expect(st.data.calls.open).toEqual([]);
    expect(st.data.calls.resolved.length).toBeGreaterThan(0);
    const human = await hisops(['trace', 'status']);
    expect(human.out).toContain('how they were resolved');
    expect(human.out).toMatch(/stopped before the answer/);
  }, 180_000);
});
