/** The journal tables on SQLite: runs, findings, history per day, the one-sided feed. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { CenterCallJournal } from '../../../src/core/center/index.js';
import {
  classify,
  groupsOfCalls,
  knownGroups,
  recordKnownGroups,
  latestOneSidedFindings,
  latestPerDay,
  reconcileHistory,
  recordRunEnd,
  recordRunStart,
  runFindings,
  type DaySummary,
  type Finding,
} from '../../../src/core/reconcile/index.js';
import { row, RULES } from './fixtures.js';

let dir: string;
let j: Journal;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-rc-store-'));
  j = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
});
afterAll(async () => {
  await j.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const finding = (day: string, setl_id: string, kind: 'center_only' | 'mismatch' = 'center_only'): Finding => {
  const scope = { begndate: day, enddate: day, clr_type: '11', setl_optins: '430100' };
  return kind === 'center_only'
    ? classify(
        { type: 'center_only', center: row({ setl_id, stmt_rslt: '1' }) },
        { hisLog: { msgid: 'MSG1', infno: '2207' } },
        { scope, rules: RULES },
      )
    : classify(
        {
          type: 'mismatch',
          his: {
            setl_id,
            mdtrt_id: 'M',
            psn_no: 'P',
            insutype: '310',
            clr_type: '11',
            setl_optins: '430100',
            setl_time: `${day} 10:00:00`,
            day,
            refd_setl_flag: '0',
            init_setl_id: null,
            msgid: 'X',
            infno: '2207',
            his_status: 'settled',
            his_setl_no: null,
            medfee: 100n,
            fund: 0n,
            acct: 0n,
            cash: 100n,
          },
          center: row({ setl_id, stmt_rslt: '1', medfee: 200n }),
        },
        {},
        { scope, rules: RULES },
      );
};

const day = (d: string, status: DaySummary['status']): DaySummary => ({
  day: d,
  begndate: d,
  enddate: d,
  status,
  groups: 1,
  unbalanced: status === 'unbalanced' ? 1 : 0,
  his_count: 1,
  his_medfee_sumamt: '1.00',
  diff_medfee_sumamt: '0.00',
  diff_count: 0,
  findings: 0,
});

async function run(
  id: string,
  started: string,
  from: string,
  to: string,
  days: DaySummary[],
  findings: Finding[],
  status: 'balanced' | 'unbalanced' | 'failed' = 'unbalanced',
) {
  await recordRunStart(j, {
    run_id: id,
    fixmedins_code: 'H1',
    begndate: from,
    enddate: to,
    period_mode: 'day',
    started_at: new Date(started),
    options: {},
  });
  await recordRunEnd(j, {
    run_id: id,
    finished_at: new Date(started),
    status,
    days,
    groups: [],
    findings,
    errors: status === 'failed' ? [{ code: 'CENTER_TIMEOUT', summary: 'x' }] : [],
  });
}

describe('the reconciliation journal', () => {
  it('records runs and findings; the latest run of each day answers for it', async () => {
    await run(
      'A',
      '2025-03-05T01:00:00Z',
      '2025-03-03',
      '2025-03-04',
      [day('2025-03-03', 'unbalanced'), day('2025-03-04', 'unbalanced')],
      [finding('2025-03-03', 'S3'), finding('2025-03-04', 'S4'), finding('2025-03-04', 'S5', 'mismatch')],
    );
    await run('B', '2025-03-05T02:00:00Z', '2025-03-04', '2025-03-04', [day('2025-03-04', 'balanced')], [], 'balanced');
    await run(
      'C',
      '2025-03-05T03:00:00Z',
      '2025-03-03',
      '2025-03-03',
      [day('2025-03-03', 'failed')],
      [finding('2025-03-03', 'S9')],
      'failed',
    );
    const runs = await reconcileHistory(j, {});
    expect(runs.map((r) => `${r.run_id} ${r.status} ${r.findings_count}`)).toEqual([
      'C failed 1',
      'B balanced 0',
      'A unbalanced 3',
    ]);
    expect(runs[0]!.errors).toEqual([{ code: 'CENTER_TIMEOUT', summary: 'x' }]);
    expect(latestPerDay(runs).map((d) => `${d.day} ${d.status} ${d.run_id}`)).toEqual([
      '2025-03-04 balanced B',
      '2025-03-03 unbalanced A',
    ]);
    expect((await runFindings(j, 'A')).map((f) => f.setl_id)).toEqual(['S3', 'S4', 'S5']);
  });

  it('feeds the stuck-settlement job the one-sided findings of the latest finished run per day', async () => {
    const all = await latestOneSidedFindings(j, { from: '2025-03-01', to: '2025-03-31' });
    // 03-03 → run A (C failed); 03-04 → run B (balanced, nothing); mismatches are not one-sided.
    expect(all.map((f) => `${f.day} ${f.kind} ${f.setl_id} ${f.run_id}`)).toEqual(['2025-03-03 center_only S3 A']);
    expect(all[0]).toMatchObject({
      cause: 'his_rollback',
      msgid: 'MSG1',
      psn_no: 'P1',
      mdtrt_id: 'M1',
      infno: '2207',
      repair_action: 'stuck_job',
      repair_certain: true,
      repair_status: 'suggested',
    });
    expect(await latestOneSidedFindings(j, { from: '2025-03-04', to: '2025-03-04' })).toEqual([]);
    expect((await latestOneSidedFindings(j)).length).toBe(1);
  });

  it('replaces the record of a run started again under the same id', async () => {
    await run('A', '2025-03-05T01:00:00Z', '2025-03-03', '2025-03-04', [day('2025-03-03', 'balanced')], [], 'balanced');
    expect(await runFindings(j, 'A')).toEqual([]);
    expect((await reconcileHistory(j, {})).filter((r) => r.run_id === 'A')).toHaveLength(1);
  });
});

describe('the known groups', () => {
  const g = (
    insutype: string,
    clr_type: string,
    day: string,
    source: 'his' | 'center' | 'call',
    setl_optins = '430100',
  ) => ({ insutype, clr_type, setl_optins, day, source });

  it('keeps one row per group with the first and last day it was seen and where; nonsense is not kept', async () => {
    const now = new Date('2025-04-01T00:00:00Z');
    expect(
      await recordKnownGroups(
        j,
        'H1',
        [
          g('310', '11', '2025-03-04', 'his'),
          g('310', '11', '2025-03-02', 'call'),
          g('390', '21', '2025-03-03', 'center'),
          g('3 1', '11', '2025-03-03', 'his'),
          g('310', '11', 'yesterday', 'his'),
          g('310', '11', '2025-03-03', 'his', '4301'),
        ],
        now,
      ),
    ).toBe(2);
    expect(await recordKnownGroups(j, 'H1', [g('310', '11', '2025-03-03', 'his')], now)).toBe(0);
    expect(
      await recordKnownGroups(
        j,
        'H1',
        [g('310', '11', '2025-03-09', 'center'), g('310', '11', '2025-02-01', 'his')],
        now,
      ),
    ).toBe(1);
    await recordKnownGroups(j, 'H2', [g('510', '11', '2025-03-03', 'his')], now);
    const known = await knownGroups(j, { fixmedins_code: 'H1', since: '2025-01-01' });
    expect(known).toEqual([
      {
        insutype: '310',
        clr_type: '11',
        setl_optins: '430100',
        first_seen: '2025-02-01',
        last_seen: '2025-03-09',
        source: 'his',
        last_source: 'center',
      },
      {
        insutype: '390',
        clr_type: '21',
        setl_optins: '430100',
        first_seen: '2025-03-03',
        last_seen: '2025-03-03',
        source: 'center',
        last_source: 'center',
      },
    ]);
    // Bounded: only those seen on or after `since`.
    expect((await knownGroups(j, { fixmedins_code: 'H1', since: '2025-03-05' })).map((k) => k.insutype)).toEqual([
      '310',
    ]);
  });

  it("reads the groups named by the answers to hisops's own settlement calls, and nothing else", async () => {
    expect(await groupsOfCalls(j, { fixmedins_code: 'H1', since: '2025-01-01' })).toEqual([]);
    const calls = new CenterCallJournal(j);
    const call = async (
      msgid: string,
      infno: string,
      status: 'ok' | 'failed',
      output: unknown,
      code = 'H1',
      created_at = '2025-03-05T02:00:00.000Z',
    ) => {
      await calls.begin({
        msgid,
        infno,
        fixmedins_code: code,
        opter: null,
        run_id: null,
        request_digest: 'd',
        request: '{}',
        psn_no: null,
        mdtrt_id: null,
        setl_id: null,
        ref_msgid: null,
        created_at,
      });
      await calls.finish(msgid, {
        status,
        finished_at: created_at,
        output: output === undefined ? undefined : JSON.stringify(output),
      });
    };
    await call('M1', '2304', 'ok', {
      setlinfo: { insutype: '390', clr_type: '21', clr_optins: '430100', setl_time: '2025-03-04 23:59:00' },
    });
    await call('M2', '2208', 'ok', { setlinfo: { setl_id: 'S', clr_optins: '430100' } });
    await call('M3', '2207', 'failed', { setlinfo: { insutype: '310', clr_type: '11', clr_optins: '430100' } });
    await call('M4', '5203', 'ok', { setlinfo: { insutype: '310', clr_type: '11', clr_optins: '430100' } });
    await call('M5', '2207', 'ok', { setlinfo: { insutype: '310', clr_type: '11', clr_optins: '430100' } }, 'H9');
    await call(
      'M6',
      '2207',
      'ok',
      { setlinfo: { insutype: '310', clr_type: '11', clr_optins: '440300' } },
      'H1',
      '2024-01-01T00:00:00.000Z',
    );
    await call('M7', '2207', 'ok', { setlinfo: { insutype: 310, clr_type: 11, clr_optins: '440300' } });
    expect(await groupsOfCalls(j, { fixmedins_code: 'H1', since: '2025-01-01' })).toEqual([
      { insutype: '390', clr_type: '21', setl_optins: '430100', day: '2025-03-04', source: 'call' },
      { insutype: '310', clr_type: '11', setl_optins: '440300', day: '2025-03-05', source: 'call' },
    ]);
  });
});
