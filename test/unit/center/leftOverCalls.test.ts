/**
 * Which write-ahead rows count as left over by a run that will never finish them: pending rows of
 * runs that are gone, that ended, or that are older than the request timeout; unknown rows always;
 * never the asking run's own rows, a live run's fresh rows, other transactions or resolved rows.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CenterCallJournal,
  leftOverCalls,
  leftOverText,
  noteLeftOver,
  resolveLeftOver,
  STALE_MARGIN_MS,
} from '../../../src/core/center/index.js';
import type { Journal } from '../../../src/core/journal/index.js';
import { tmpJournal } from './helpers.js';

const NOW = new Date('2026-12-06T02:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const CODE = 'H43010000001';

let journal: Journal;
let dir: string;

beforeEach(async () => {
  ({ journal, dir } = await tmpJournal());
});
afterEach(async () => {
  await journal.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(
  msgid: string,
  o: { infno?: string; run_id: string; status?: string; created: string; resolved?: boolean },
) {
  const calls = new CenterCallJournal(journal);
  await calls.begin({
    msgid,
    infno: o.infno ?? '3505A',
    fixmedins_code: CODE,
    opter: 'op',
    run_id: o.run_id,
    request_digest: `d-${msgid}`,
    request: '{}',
    psn_no: null,
    mdtrt_id: null,
    setl_id: null,
    ref_msgid: null,
    created_at: o.created,
  });
  if (o.status && o.status !== 'pending')
    await calls.finish(msgid, { status: o.status as 'unknown', finished_at: o.created });
  if (o.resolved) await calls.resolve(msgid, { resolution: 'done before', now: NOW });
}

describe('leftOverCalls', () => {
  it('tells abandoned rows from live ones, and says why', async () => {
    await journal.startRun({ runId: 'ENDED', command: 'trace upload', args: [], now: new Date(ago(5000)) });
    await journal.finishRun('ENDED', 'ok', 0, new Date(ago(4000)));
    await journal.startRun({ runId: 'LIVE', command: 'trace upload', args: [], now: new Date(ago(5000)) });
    await call('m1', { run_id: 'DEAD', created: ago(1000) }); // its run is known to be gone
    await call('m2', { run_id: 'ENDED', created: ago(4500) }); // its run ended without writing the outcome
    await call('m3', { run_id: 'LIVE', created: ago(1000) }); // a live run waiting for its answer
    await call('m4', { run_id: 'LIVE', created: ago(30_000 + STALE_MARGIN_MS + 1) }); // long past the timeout
    await call('m5', { run_id: 'LIVE', status: 'unknown', created: ago(1000) }); // finished without an answer
    await call('m6', { run_id: 'ME', created: ago(10 * 60_000) }); // the asking run's own
    await call('m7', { run_id: 'DEAD', infno: '2207', created: ago(1000) }); // another job's transaction
    await call('m8', { run_id: 'DEAD', created: ago(1000), resolved: true }); // resolved already
    const left = await leftOverCalls(journal, {
      infnos: ['3505A'],
      fixmedins_code: CODE,
      runId: 'ME',
      now: NOW,
      timeoutMs: 30_000,
      deadRuns: new Set(['DEAD']),
    });
    expect(left.map((c) => [c.msgid, c.why])).toEqual([
      ['m4', 'stale'],
      ['m2', 'run_ended'],
      ['m1', 'dead_run'],
      ['m5', 'unknown'],
    ]);
  });

  it('a noted row stays left over until resolved; resolving turns pending into unknown', async () => {
    await call('p1', { run_id: 'DEAD', created: ago(1000) });
    const q = {
      infnos: ['3505A'],
      fixmedins_code: CODE,
      runId: 'ME',
      now: NOW,
      timeoutMs: 30_000,
      deadRuns: new Set(['DEAD']),
    };
    const [first] = await leftOverCalls(journal, q);
    expect(leftOverText(first!)).toBe('no outcome recorded: run DEAD stopped before the answer');
    await noteLeftOver(journal, { msgid: 'p1' }, `${leftOverText(first!)}; being sent again`);
    const noted = await new CenterCallJournal(journal).get('p1');
    expect(noted).toMatchObject({
      status: 'unknown',
      resolution: 'no outcome recorded: run DEAD stopped before the answer; being sent again',
      resolved_at: null,
    });
    const again = await leftOverCalls(journal, q);
    expect(again.map((c) => [c.msgid, c.why])).toEqual([['p1', 'unknown']]);
    // Taken up again by a later run, the row keeps its first description.
    expect(leftOverText(again[0]!)).toBe('no outcome recorded: run DEAD stopped before the answer');
    await call('p2', { run_id: 'DEAD', created: ago(900) });
    await resolveLeftOver(journal, { msgid: 'p2', status: 'pending' }, 'sent again: 1 accepted', NOW);
    expect(await new CenterCallJournal(journal).get('p2')).toMatchObject({
      status: 'unknown',
      resolution: 'sent again: 1 accepted',
      resolved_at: NOW.toISOString(),
    });
    expect((await leftOverCalls(journal, q)).map((c) => c.msgid)).toEqual(['p1']);
  });

  it('reads only: no table is created in a journal that has none', async () => {
    expect(
      await leftOverCalls(journal, {
        infnos: ['3505A'],
        fixmedins_code: CODE,
        runId: 'ME',
        now: NOW,
        timeoutMs: 30_000,
      }),
    ).toEqual([]);
    expect(await journal.knex.schema.hasTable('hisops_center_calls')).toBe(false);
  });
});
