/**
 * The demo step: a small seeded HIS, its center side in the sandbox with the planted anomalies,
 * and a reconciliation over every seeded day that finds exactly the planted anomalies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  demoReconcile,
  latestOneSidedFindings,
  reconcileHistory,
  type DemoReconcileResult,
} from '../../../src/core/reconcile/index.js';
import { openWorld, runId, type World } from './helpers.js';

let w: World;
let demo: DemoReconcileResult;

beforeAll(async () => {
  w = await openWorld({ seed: { seed: 1 }, prefix: 'reconcile-demo' });
  demo = await demoReconcile({
    hisDb: w.his,
    center: w.center,
    journal: w.journal,
    manifest: w.manifest!,
    runId: runId(),
  });
});
afterAll(async () => {
  await w?.close();
});

describe('demoReconcile', () => {
  it('finds exactly the planted reconciliation anomalies', () => {
    const summary = (f: {
      kind: string;
      cause: string;
      setl_id: string | null;
      related_setl_id: string | null;
      detail: string;
    }) => `${f.kind}/${f.cause} ${f.setl_id ?? f.related_setl_id}: ${f.detail}`;
    expect(demo.result.error).toBeNull();
    expect(demo.missing).toEqual([]);
    expect(demo.unexpected.map(summary)).toEqual([]);
    expect(demo.expected.length).toBeGreaterThanOrEqual(8);
    expect(demo.result.findings).toHaveLength(demo.expected.length);
    expect(demo.ok).toBe(true);
  });

  it('records the run; the one-sided findings are there for the stuck-settlement job', async () => {
    const [run] = await reconcileHistory(w.journal, { limit: 1 });
    expect(run).toMatchObject({
      run_id: demo.result.runId,
      status: 'unbalanced',
      begndate: w.manifest!.startDate,
      enddate: w.manifest!.endDate,
      findings_count: demo.expected.length,
    });
    const one = await latestOneSidedFindings(w.journal, { from: w.manifest!.startDate, to: w.manifest!.endDate });
    const planted = demo.expected
      .filter((e) => e.kind === 'center_only' || e.kind === 'his_only')
      .map((e) => e.setl_id)
      .sort();
    expect(one.map((f) => f.setl_id).sort()).toEqual(planted);
    // The timeouts and the rollback carry the msgid of the call the stuck-settlement job repairs by.
    const planned = w.manifest!.anomalies.filter(
      (a) => a.job === 'reconcile' && a.kind === 'center_only' && a.keys.cause !== 'center_test_data',
    );
    for (const a of planned)
      expect(one.find((f) => f.setl_id === a.keys.setl_id)).toMatchObject({
        kind: 'center_only',
        msgid: a.keys.msgid,
        psn_no: a.keys.psn_no,
        repair_certain: true,
      });
    // The stuck-settlement job reads them as its third source.
    const { loadOneSidedFindings } = await import('../../../src/core/settle/index.js');
    const read = await loadOneSidedFindings(w.journal, { from: w.manifest!.startDate, to: w.manifest!.endDate });
    expect(read.available).toBe(true);
    expect(read.findings.map((f) => f.setl_id).sort()).toEqual(planted);
    expect(read.findings.filter((f) => f.side === 'center_only').every((f) => f.msgid && f.psn_no && f.day)).toBe(true);
  });
});
