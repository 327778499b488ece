/**
 * The center misbehaving: timeouts, refusals, gateway errors, and 9102 result files that arrive
 * truncated, not as a ZIP, with unexpected columns or with lines missing. A failure stops the run
 * with exit 5 and the run is recorded as failed; a damaged line becomes an "unknown" finding with
 * the raw line; nothing is skipped silently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenter, type Center } from '../../../src/core/center/index.js';
import { reconcileHistory, type Finding } from '../../../src/core/reconcile/index.js';
import { centerConfig, openWorld, type World } from './helpers.js';
import { brief, reconcile } from './run.js';
import { both, damagingProxy, EMP, RES, setl, toHis } from './scenario.js';

let w: World;
let proxy: Awaited<ReturnType<typeof damagingProxy>>;
let viaProxy: Center;
let quick: Center;
const DAY = '2025-07-01';
let hisOnly: ReturnType<typeof setl>;

beforeAll(async () => {
  w = await openWorld({ prefix: 'reconcile-faults' });
  proxy = await damagingProxy(w.sb.url);
  viaProxy = openCenter(centerConfig(proxy.url), { journal: w.journal });
  quick = openCenter(centerConfig(w.sb.url, { timeouts: { defaultMs: 600 } }), { journal: w.journal });
  for (let i = 0; i < 5; i++) await both(w.his, w.sb.ledger, setl({ day: DAY, person: EMP[i]! }));
  hisOnly = setl({ day: DAY, person: EMP[5]! });
  await toHis(w.his, hisOnly);
});
afterAll(async () => {
  await viaProxy?.close();
  await quick?.close();
  await proxy?.close();
  await w?.close();
});

const withCenter = (c: Center) => ({ his: w.his, journal: w.journal, center: c });

describe('center faults', () => {
  it('a 3201 timeout stops the run: exit 5, CENTER_TIMEOUT, the run recorded as failed', async () => {
    w.sb.setFaults('3201:timeout');
    try {
      const r = await reconcile(withCenter(quick), { date: DAY });
      expect(r.exit).toBe(5);
      expect(r.status).toBe('failed');
      expect(r.error?.code).toBe('CENTER_TIMEOUT');
      expect(r.days[0]!.status).toBe('failed');
      const [run] = await reconcileHistory(w.journal, { limit: 1 });
      expect(run).toMatchObject({
        run_id: r.runId,
        status: 'failed',
        errors: [expect.objectContaining({ code: 'CENTER_TIMEOUT' })],
      });
    } finally {
      w.sb.setFaults('');
    }
  });

  it('a 3202 refusal after 3201: the totals are kept, the detail is not, exit 5', async () => {
    w.sb.setFaults('3202:error=对账明细服务暂停');
    try {
      const r = await reconcile(w, { date: DAY });
      expect(r.exit).toBe(5);
      expect(r.error?.code).toBe('CENTER_REFUSED');
      expect(r.error?.summary).toContain('对账明细服务暂停');
      expect(r.groups[0]).toMatchObject({ balanced: false, detail: 'not_reached', his: { count: 6 } });
      expect(r.findings).toEqual([]);
    } finally {
      w.sb.setFaults('');
    }
  });

  it('a 3202 refusal in a run of several days stops it there: the days before keep their verdict, nothing is left running', async () => {
    const before = '2025-06-30';
    const after = '2025-07-02';
    await both(w.his, w.sb.ledger, setl({ day: before, person: EMP[6]! }));
    await both(w.his, w.sb.ledger, setl({ day: after, person: EMP[7]! }));
    w.sb.setFaults('3202:error=对账明细服务暂停');
    try {
      const r = await reconcile(w, { from: '2025-06-29', to: '2025-07-03', rules: { period: 'day' } });
      expect(r.exit).toBe(5);
      expect(r.error?.code).toBe('CENTER_REFUSED');
      const status = Object.fromEntries(r.days.map((d) => [d.begndate, d.status]));
      // The empty first day was asked about the institution's known groups before the failure: none on either side.
      expect(status).toMatchObject({ '2025-06-29': 'empty', [before]: 'balanced', [DAY]: 'failed' });
      expect(r.groups.find((g) => g.begndate === DAY)).toMatchObject({ balanced: false, detail: 'not_reached' });
      expect(r.findings).toEqual([]);
    } finally {
      w.sb.setFaults('');
    }
    // The same days again with the center well: every day answered, the HIS-only settlement found.
    const again = await reconcile(w, { from: '2025-06-29', to: '2025-07-03', rules: { period: 'day' } });
    expect(again.exit).toBe(3);
    // Empty days are asked about the known groups and those met on other days: zero against zero is an empty day.
    expect(again.days.map((d) => d.status)).toEqual(['empty', 'balanced', 'unbalanced', 'balanced', 'empty']);
    expect(brief(again)).toEqual([expect.stringMatching(new RegExp(`^his_only/.* ${hisOnly.setl_id}$`))]);
  });

  it('a 5203 failure while a day is classified stops a run of several days: exit 5, the error named', async () => {
    const days = ['2025-09-01', '2025-09-02', '2025-09-03'];
    for (const [i, day] of days.entries()) {
      await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
      await toHis(w.his, setl({ day, person: EMP[i + 3]! }));
    }
    w.sb.setFaults('5203:gateway');
    try {
      const r = await reconcile(w, { from: days[0]!, to: days[2]!, rules: { period: 'day' } });
      expect(r.exit).toBe(5);
      expect(r.error?.code).toMatch(/^CENTER_/);
      expect(r.findings).toEqual([]);
    } finally {
      w.sb.setFaults('');
    }
    const again = await reconcile(w, { from: days[0]!, to: days[2]!, rules: { period: 'day' } });
    expect(again.exit).toBe(3);
    expect(again.findings).toHaveLength(3);
  });

  it('a gateway error on 9101 is a center failure too', async () => {
    w.sb.setFaults('9101:gateway=502');
    try {
      const r = await reconcile(w, { date: DAY });
      expect(r.exit).toBe(5);
      expect(r.error?.code).toMatch(/^CENTER_/);
    } finally {
      w.sb.setFaults('');
    }
  });

  it('with the center well again, the same day reconciles (re-running is safe)', async () => {
    const r = await reconcile(w, { date: DAY });
    expect(r.exit).toBe(3);
    expect(brief(r)).toEqual([`his_only/not_at_center ${hisOnly.setl_id}`]);
  });
});

describe('damaged 9102 result files', () => {
  it('passes an undamaged file through the proxy unchanged', async () => {
    proxy.damage('none');
    const before = proxy.downloads();
    const r = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(proxy.downloads()).toBe(before + 1);
    expect(brief(r)).toEqual([`his_only/not_at_center ${hisOnly.setl_id}`]);
  });

  it('a truncated ZIP: exit 5, RECONCILE_RESULT_UNREADABLE naming the file', async () => {
    proxy.damage('truncate');
    const r = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(r.exit).toBe(5);
    expect(r.error?.code).toBe('RECONCILE_RESULT_UNREADABLE');
    expect(r.error?.details).toMatchObject({ file_qury_no: expect.any(String) });
  });

  it('a body that is not a ZIP and has no line in the expected layout: exit 5, RECONCILE_RESULT_MALFORMED', async () => {
    proxy.damage('not-zip');
    const r = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(r.exit).toBe(5);
    expect(r.error?.code).toBe('RECONCILE_RESULT_MALFORMED');
    expect(r.error?.why).toContain('502 Bad Gateway');
  });

  it('a line with an unexpected column: an "unknown" finding with the raw line, the rest classified', async () => {
    proxy.damage('extra-column');
    const r = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(r.exit).toBe(3);
    const bad = r.findings.filter((f) => f.kind === 'unknown');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.cause).toBe('malformed_result_row');
    expect(bad[0]!.evidence.center_row!.raw.endsWith('\tEXTRA')).toBe(true);
    expect(bad[0]!.detail).toContain('expected 10 tab-separated columns, found 11');
    expect(r.findings.some((f) => f.kind === 'his_only' && f.setl_id === hisOnly.setl_id)).toBe(true);
  });

  it('lines missing at the end: each settlement without a line is an "unknown" finding', async () => {
    proxy.damage('drop-last-lines');
    const r = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(r.exit).toBe(3);
    const missing = r.findings.filter((f) => f.cause === 'not_in_result');
    expect(missing).toHaveLength(2);
    expect(missing.every((f) => f.evidence.center_row === null && f.setl_id)).toBe(true);
  });

  it('a province that puts the memo last: wrong until reconcile.resultColumns says so', async () => {
    proxy.damage('swap-memo-last');
    const wrong = await reconcile(withCenter(viaProxy), { date: DAY });
    expect(wrong.error?.code).toBe('RECONCILE_RESULT_MALFORMED');
    const cols = [
      'psn_no',
      'mdtrt_id',
      'setl_id',
      'msgid',
      'stmt_rslt',
      'refd_setl_flag',
      'medfee_sumamt',
      'fund_pay_sumamt',
      'acct_pay',
      'memo',
    ];
    const right = await reconcile(withCenter(viaProxy), { date: DAY, rules: { resultColumns: cols } });
    expect(brief(right)).toEqual([`his_only/not_at_center ${hisOnly.setl_id}`]);
    proxy.damage('none');
  });
});

describe('a slow and uneven center', () => {
  it("3201 answering slowly and unevenly: the next day's totals go out while the day before's last are answered, never more than reconcile.concurrency at once, the same verdicts", async () => {
    const days = ['2025-10-13', '2025-10-14', '2025-10-15', '2025-10-16'];
    // Three groups a day: employees and residents (clearing type 11), employees (21).
    for (const [i, day] of days.entries()) {
      await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
      await both(w.his, w.sb.ledger, setl({ day, person: RES[i]! }));
      await both(w.his, w.sb.ledger, setl({ day, person: EMP[i + 4]!, clr_type: '21' }));
    }
    const range = { from: days[0]!, to: days[3]!, rules: { period: 'day', concurrency: 2 } };
    const verdicts = (r: Awaited<ReturnType<typeof reconcile>>) =>
      r.groups.map((g) => `${g.begndate} ${g.insutype} ${g.clr_type} ${g.balanced}`);
    const steady = await reconcile(w, range);
    expect(steady.exit).toBe(0);
    expect(steady.groups).toHaveLength(12);
    for (const seed of [1, 2]) {
      const events: Array<{ type: string; msgid: string }> = [];
      let inFlight = 0;
      let peak = 0;
      const watched = openCenter(centerConfig(w.sb.url), {
        journal: w.journal,
        onEvent: (e) => {
          if (e.infno !== '3201' || !e.msgid) return;
          if (e.type === 'send') peak = Math.max(peak, ++inFlight);
          if (e.type === 'answer') inFlight--;
          events.push({ type: e.type, msgid: e.msgid });
        },
      });
      w.sb.setFaults('3201:latency=5..60ms', seed);
      try {
        const uneven = await reconcile(withCenter(watched), range);
        expect(verdicts(uneven)).toEqual(verdicts(steady));
        expect(peak).toBeLessThanOrEqual(2);
        const dayOf = new Map(uneven.groups.map((g) => [g.msgid, g.begndate]));
        const at = (type: string, day: string, which: 'first' | 'last') => {
          const hits = events.flatMap((e, i) => (e.type === type && dayOf.get(e.msgid) === day ? [i] : []));
          return which === 'first' ? hits[0]! : hits[hits.length - 1]!;
        };
        // Some day's first 3201 went out before the day before had all its answers.
        expect(days.slice(1).some((d, i) => at('send', d, 'first') < at('answer', days[i]!, 'last'))).toBe(true);
      } finally {
        w.sb.setFaults('');
        await watched.close();
      }
    }
  });

  it('3202 answering slowly and unevenly: findings and the 5203 budget still go in day order', async () => {
    const days = ['2025-08-04', '2025-08-05', '2025-08-06', '2025-08-07'];
    const lost: string[] = [];
    for (const [i, day] of days.entries()) {
      await both(w.his, w.sb.ledger, setl({ day, person: EMP[i]! }));
      const s = setl({ day, person: EMP[i + 4]! });
      await toHis(w.his, s);
      lost.push(s.setl_id);
    }
    const range = { from: days[0]!, to: days[3]!, rules: { period: 'day', queryLimit: 2 } };
    const asked = (f: Finding) => {
      const q = f.evidence.center_query;
      return !q ? '-' : q.ok ? 'found' : q.code;
    };
    const shape = (r: Awaited<ReturnType<typeof reconcile>>) =>
      r.findings.map((f) => `${f.begndate} ${f.kind} ${f.setl_id} ${asked(f)}`);
    const steady = await reconcile(w, range);
    expect(steady.findings.map((f) => f.setl_id)).toEqual(lost);
    // Only the first two days' settlements were asked about (5203); the others hit the budget.
    expect(steady.findings.map(asked)).toEqual(['CENTER_REFUSED', 'CENTER_REFUSED', 'NOT_ASKED', 'NOT_ASKED']);
    // Whatever each 3202 takes, the same findings in the same order, the same ones asked about;
    // two days at the center at once, never more.
    const peaks: number[] = [];
    for (const seed of [1, 2, 3]) {
      let inFlight = 0;
      let peak = 0;
      const watched = openCenter(centerConfig(w.sb.url), {
        journal: w.journal,
        onEvent: (e) => {
          if (e.infno !== '3202') return;
          if (e.type === 'send') peak = Math.max(peak, ++inFlight);
          if (e.type === 'answer') inFlight--;
        },
      });
      w.sb.setFaults('3202:latency=1..250ms', seed);
      try {
        const uneven = await reconcile(withCenter(watched), range);
        expect(uneven.exit).toBe(3);
        expect(shape(uneven)).toEqual(shape(steady));
        peaks.push(peak);
      } finally {
        w.sb.setFaults('');
        await watched.close();
      }
    }
    expect(Math.max(...peaks)).toBe(2);
  });
});
