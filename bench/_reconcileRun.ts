/**
 * Child process of bench/reconcile: one reconciliation run (runReconcile over the whole seeded
 * month against the sandbox at the given URL), in a process of its own so that its peak memory is
 * the run's alone. Reports the time, the peak RSS and heap, and what the run found, over IPC.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCenter } from '../src/core/center/index.js';
import { connect } from '../src/core/db/index.js';
import { loadProfile, referenceProfilePath } from '../src/core/his/index.js';
import { openJournal } from '../src/core/journal/index.js';
import { parseReconcileRules, runReconcile } from '../src/core/reconcile/index.js';

export interface RunRequest {
  hisUrl: string;
  centerUrl: string;
  from: string;
  to: string;
  fixmedins_code: string;
  admdvs: string;
}

export interface RunReport {
  ms: number;
  peakRssMb: number;
  peakHeapMb: number;
  his_rows: number;
  calls: { '3201': number; '3202': number; '5203': number };
  timings: { read_ms: number; center_ms: number; center_by: Record<'3201' | '3202' | '5203', number>; classify_ms: number };
  findings: Array<{ kind: string; setl_id: string | null; related_setl_id: string | null }>;
  error: string | null;
}

process.once('message', async (req: RunRequest) => {
  let heap = 0;
  const timer = setInterval(() => (heap = Math.max(heap, process.memoryUsage().heapUsed)), 20);
  const jdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-rc-journal-'));
  const journal = await openJournal(`sqlite:${path.join(jdir, 'journal.db')}`);
  const db = await connect(req.hisUrl);
  const profile = await loadProfile(referenceProfilePath());
  const rules = parseReconcileRules(undefined, { setl_optins: req.admdvs });
  const client = openCenter(
    { baseUrl: req.centerUrl, fixmedins_code: req.fixmedins_code, fixmedins_name: '示例医院', mdtrtarea_admvs: req.admdvs, insuplc_admdvs: req.admdvs, recer_sys_code: 'YBXT', infver: 'V1.0', opter: 'bench', opter_name: 'bench', opter_type: '1', setl_optins: req.admdvs },
    { journal, runId: 'bench' },
  );
  const t0 = performance.now();
  const r = await runReconcile({ db, profile, center: client, journal, runId: `bench-${Date.now()}`, fixmedins_code: req.fixmedins_code, now: () => new Date() }, { rules, from: req.from, to: req.to, today: req.to });
  const ms = performance.now() - t0;
  clearInterval(timer);
  heap = Math.max(heap, process.memoryUsage().heapUsed);
  const report: RunReport = {
    ms,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    peakHeapMb: heap / 1e6,
    his_rows: r.counts.his_rows,
    calls: r.calls,
    timings: r.timings,
    findings: r.findings.map((f) => ({ kind: f.kind, setl_id: f.setl_id, related_setl_id: f.related_setl_id })),
    error: r.error ? `${r.error.code} ${r.error.summary}` : null,
  };
  await client.close();
  await journal.close();
  await db.close();
  fs.rmSync(jdir, { recursive: true, force: true });
  process.send!(report, () => process.exit(0));
});
