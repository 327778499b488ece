/**
 * kill -9 in the middle of a stock-in upload (3502A), then run again: as for dispensing
 * (kill.test.ts), the center ends up with every stock-in code exactly once and neither journal
 * table keeps anything open. The real binary in a child process, the sandbox in this process.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceJournal } from '../../../src/core/trace/index.js';
import { CODE } from './helpers.js';
import { killHarness, prng, repo } from './killHarness.js';

const h = killHarness('kill-stock', { batchSize: 4, extraArgs: ['--kind', 'stock-in'] });
const random = prng(Number(process.env.HISOPS_KILL_SEED ?? 20261207));
const { upload, callRows } = h;

describe('stock-in upload (the binary) killed with SIGKILL', () => {
  it('resumes: every stock-in code once at the center, nothing left open in either journal table', async () => {
    expect(fs.existsSync(path.join(repo, 'dist', 'main.js'))).toBe(true);
    // The center stores a 3502A batch but holds its answer back; the child dies not knowing.
    h.world.sb.setFaults('35*:latency=15ms,3502A:timeout-after-commit@0.3', 3);
    const first = await upload((e) => e.fault === 'timeout-after-commit');
    expect(first.killed).toBe(true);
    const open1 = await new TraceJournal(h.world.journal, CODE).unresolved();
    expect(open1.length).toBeGreaterThan(0);
    // Once more at a drawn moment.
    h.world.sb.setFaults('35*:latency=15ms', 4);
    const at = 1 + Math.floor(random() * 3);
    const second = await upload((_e, n) => n >= at);
    expect(second.code === null || second.killed).toBe(true);

    h.world.sb.setFaults('');
    const last = await upload();
    expect(last.killed).toBe(false);
    const r = JSON.parse(last.out) as {
      data: { pending: unknown[]; rejected: unknown[]; resolved: { unresolved: number } };
    };
    expect(last.code, last.err).toBe(0);
    expect(r.data.pending).toEqual([]);
    expect(r.data.rejected).toEqual([]);

    // Every code of the seeded days' stock-ins exactly once at the center.
    const want = (
      (await h.world.db
        .knex('his_stock_trac as t')
        .join('his_stock as k', 'k.stock_id', 't.stock_id')
        .where('k.inv_chg_time', '<', `${h.seed.manifest.endDate} 23:59:59`)
        .select('t.drug_trac_codg')) as Array<{ drug_trac_codg: string }>
    )
      .map((x) => x.drug_trac_codg)
      .sort();
    const got = h.world.sb.ledger
      .listTraceCodes({ fixmedins_code: CODE, movement: 'stock' })
      .map((c) => c.drug_trac_codg)
      .sort();
    expect(got).toEqual(want);
    const records = h.world.sb.ledger.listTraceRecords({ fixmedins_code: CODE });
    expect(new Set(records.map((x) => `${x.infno}|${x.record_key}`)).size).toBe(records.length);
    const states = (await h.world.journal
      .knex('hisops_trace_uploads')
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as Array<{ status: string; n: number }>;
    expect(Object.fromEntries(states.map((s) => [s.status, Number(s.n)]))).toEqual({ accepted: records.length });
    const calls = await callRows();
    expect(calls.filter((c) => c.status === 'pending')).toEqual([]);
    for (const c of calls.filter((x) => x.status === 'unknown')) expect(c.resolved_at, c.msgid).not.toBeNull();
  }, 180_000);
});
