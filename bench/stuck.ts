/**
 * Stuck-settlement detection at hospital scale: a reference HIS (SQLite) with 1,000,000
 * settlements and their 1,000,000 center-log rows, hisops's journal with 1,000,000 settlement
 * calls, and 1,000 candidates among them:
 *
 *   400 HIS rows left pending whose call the journal shows answered (setl_id known → 5203)
 *   300 HIS log rows whose settlement row was rolled back (setl_id in the log → 5203)
 *   300 journal rows of unknown outcome whose HIS row is settled (→ 5203, consistent)
 *
 * The center is the sandbox in-process, holding those 1,000 settlements. Measured once:
 * detection without the center (reading the sources, looking up what each candidate lacks,
 * classifying) — target under 10 s — and the 5203 round trips at concurrency 1, 4 (the default)
 * and 16, with the number really in flight.
 *
 *   node dist-bench/bench/stuck.js        (or `npm run bench stuck`)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CENTER_CALLS_TABLE, openCenter, type CenterConfig } from '../src/core/center/index.js';
import { sandboxRoster, startSandbox } from '../src/core/center/sandbox/index.js';
import { connect } from '../src/core/db/index.js';
import { loadProfile, loadReferenceSchema, referenceProfilePath } from '../src/core/his/index.js';
import { openJournal } from '../src/core/journal/index.js';
import { assessCandidates, DEFAULT_STUCK, gatherCandidates } from '../src/core/settle/index.js';
import { printTable } from './_util.js';

const N = Number(process.env.BENCH_STUCK_SETTLEMENTS ?? 1_000_000);
const CANDIDATES = 1000;
const STEP = Math.floor(N / CANDIDATES);
const CODE = 'H43010000001';

const ms = (t0: number) => Math.round(performance.now() - t0);

/** Which group the k-th candidate (1-based) is in. */
const groupOf = (k: number): 'pending' | 'orphan' | 'unknown' =>
  k % 10 < 4 ? 'pending' : k % 10 < 7 ? 'orphan' : 'unknown';

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-stuck-'));
  try {
    const persons = sandboxRoster(200).filter((p) => p.insured && p.insuplc_admdvs === '430100');
    const hisFile = path.join(dir, 'his.db');
    const journalFile = path.join(dir, 'journal.db');

    // ---- the HIS: schema through hisops, rows through one SQL statement per table
    let t0 = performance.now();
    const his = await connect(`sqlite:${hisFile}`, { create: true });
    await loadReferenceSchema(his);
    await his.close();
    const h = new Database(hisFile);
    h.pragma('journal_mode = WAL');
    h.pragma('synchronous = OFF');
    h.pragma('cache_size = -131072');
    h.function('psn', (i: number) => persons[Number(i) % persons.length]!.psn_no);
    // k = i / STEP for candidates (i % STEP = 0), else 0; group by k % 10.
    const kind = `CASE WHEN i % ${STEP} = 0 THEN (CASE WHEN (i / ${STEP}) % 10 < 4 THEN 'pending' WHEN (i / ${STEP}) % 10 < 7 THEN 'orphan' ELSE 'unknown' END) ELSE 'normal' END`;
    const seq = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})`;
    const msgid = `'${CODE}20260105' || printf('%010d', i)`;
    const setlId = `'4301002026010' || printf('%011d', i)`;
    h.exec('BEGIN');
    h.exec(`${seq}
      INSERT INTO his_settlement (his_setl_no, setl_id, mdtrt_id, psn_no, insutype, setl_time, med_type, medfee_sumamt, inscp_scp_amt,
        fund_pay_sumamt, hifp_pay, acct_pay, psn_cash_pay, psn_part_amt, clr_type, clr_optins, setl_optins, his_status, refd_setl_flag, msgid, infno, created_at, updated_at)
      SELECT 'HS' || i, CASE WHEN k = 'pending' THEN NULL ELSE ${setlId} END, 'MD' || i, psn(i), '310',
        CASE WHEN k = 'pending' THEN NULL ELSE '2026-01-05 10:00:00' END, '11', '100.00', '100.00',
        CASE WHEN k = 'pending' THEN NULL ELSE '60.00' END, CASE WHEN k = 'pending' THEN NULL ELSE '60.00' END,
        CASE WHEN k = 'pending' THEN NULL ELSE '40.00' END, CASE WHEN k = 'pending' THEN NULL ELSE '0.00' END,
        CASE WHEN k = 'pending' THEN NULL ELSE '40.00' END, '11', '430100', '430100',
        CASE WHEN k = 'pending' THEN 'pending' ELSE 'settled' END, '0', ${msgid}, '2207', '2026-01-05 09:59:58', '2026-01-05 10:00:00'
      FROM (SELECT i, ${kind} AS k FROM n) WHERE k <> 'orphan'`);
    h.exec(`${seq}
      INSERT INTO his_center_log (msgid, infno, his_setl_no, mdtrt_id, psn_no, setl_id, request_time, response_time, log_status, infcode)
      SELECT ${msgid}, '2207', 'HS' || i, 'MD' || i, psn(i), CASE WHEN k = 'pending' THEN NULL ELSE ${setlId} END, '2026-01-05 09:59:58',
        CASE WHEN k = 'pending' THEN NULL ELSE '2026-01-05 10:00:00' END, CASE WHEN k = 'pending' THEN 'sent' ELSE 'answered' END, CASE WHEN k = 'pending' THEN NULL ELSE '0' END
      FROM (SELECT i, ${kind} AS k FROM n)`);
    h.exec('COMMIT');
    h.exec('ANALYZE');
    h.close();
    const hisLoadMs = ms(t0);

    // ---- hisops's journal: one settlement call per settlement
    t0 = performance.now();
    const jOpen = await openJournal(`sqlite:${journalFile}`);
    await jOpen.ensure(CENTER_CALLS_TABLE);
    await jOpen.close();
    const j = new Database(journalFile);
    j.pragma('synchronous = OFF');
    j.function('psn', (i: number) => persons[Number(i) % persons.length]!.psn_no);
    j.exec('BEGIN');
    j.exec(`${seq}
      INSERT INTO hisops_center_calls (msgid, infno, fixmedins_code, opter, run_id, request_digest, request, status, psn_no, mdtrt_id, setl_id, created_at, finished_at)
      SELECT ${msgid}, '2207', '${CODE}', 'op01', 'bench', 'x', '{}', CASE WHEN k = 'unknown' THEN 'unknown' ELSE 'ok' END, psn(i), 'MD' || i,
        CASE WHEN k = 'unknown' THEN NULL ELSE ${setlId} END, '2026-01-05T01:59:58.000Z', '2026-01-05T02:00:00.000Z'
      FROM (SELECT i, ${kind} AS k FROM n)`);
    j.exec('COMMIT');
    j.exec('ANALYZE');
    j.close();
    const journalLoadMs = ms(t0);

    // ---- the center holds the 1,000 candidates' settlements
    const sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
    sb.ledger.transaction(() => {
      for (let k = 1; k <= CANDIDATES; k++) {
        const i = k * STEP;
        sb.ledger.insertSettlement({
          setl_time: '2026-01-05 10:00:00',
          setl_id: `4301002026010${String(i).padStart(11, '0')}`,
          medins_setl_id: `${CODE}20260105${String(i).padStart(10, '0')}`,
          mdtrt_id: `MD${i}`,
          psn_no: persons[i % persons.length]!.psn_no,
          medfee_sumamt: '100.00',
          fixmedins_code: CODE,
        });
      }
    });

    // ---- detection
    const db = await connect(`sqlite:${hisFile}`);
    const journal = await openJournal(`sqlite:${journalFile}`);
    const profile = await loadProfile(referenceProfilePath());
    const env = { db, profile, journal, now: new Date('2026-01-06T00:00:00') };
    t0 = performance.now();
    const g = await gatherCandidates(env, { olderThanMs: DEFAULT_STUCK.olderThanMs });
    const gatherMs = ms(t0);
    t0 = performance.now();
    const local = await assessCandidates(undefined, g.candidates, { concurrency: 4, patterns: DEFAULT_STUCK.patterns });
    const classifyMs = ms(t0);
    const groups = { pending: 0, orphan: 0, unknown: 0 };
    for (let k = 1; k <= CANDIDATES; k++) groups[groupOf(k)]++;

    const config: CenterConfig = {
      baseUrl: sb.url,
      fixmedins_code: CODE,
      fixmedins_name: '基准医院',
      mdtrtarea_admvs: '430100',
      insuplc_admdvs: '430100',
      recer_sys_code: 'YBXT',
      infver: 'V1.0',
      opter: 'bench',
      opter_name: 'bench',
      opter_type: '1',
      setl_optins: '430100',
    };
    const center = openCenter(config, { journal });
    await center.signIn();
    const rows: Array<Array<string | number>> = [];
    let classes = '';
    for (const concurrency of [1, 4, 16]) {
      const r = await assessCandidates(center, g.candidates, { concurrency, patterns: DEFAULT_STUCK.patterns });
      const counts: Record<string, number> = {};
      for (const f of r.findings) counts[f.classification] = (counts[f.classification] ?? 0) + 1;
      classes = Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      rows.push([
        concurrency,
        r.stats.maxInFlight,
        r.stats.asked,
        Math.round(r.stats.ms),
        Math.round((r.stats.asked / r.stats.ms) * 1000),
      ]);
    }
    await center.close();
    await sb.close();
    await journal.close();
    await db.close();

    console.log(
      `HIS: ${N.toLocaleString('en')} settlements + ${N.toLocaleString('en')} center-log rows loaded in ${(hisLoadMs / 1000).toFixed(1)} s; journal: ${N.toLocaleString('en')} calls in ${(journalLoadMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `candidates: ${g.candidates.length} (pending ${groups.pending}, orphan log ${groups.orphan}, unknown call ${groups.unknown}); sources ${JSON.stringify(g.sources)}`,
    );
    printTable(
      ['phase', 'ms'],
      [
        ['HIS statements (pending_settlements, orphan_center_calls)', Math.round(g.timings.hisMs)],
        ['journal (calls of unknown outcome)', Math.round(g.timings.journalMs)],
        ['reconciliation findings', Math.round(g.timings.reconcileMs)],
        ['look-ups (HIS rows, journal rows, earlier repairs)', Math.round(g.timings.lookupMs)],
        ['gather total', gatherMs],
        [`classify (no center; ${local.findings.length} candidates)`, classifyMs],
        ['detection without center round trips (target < 10000)', gatherMs + classifyMs],
      ],
    );
    console.log(`\n5203 round trips to the in-process sandbox (classes: ${classes}):`);
    printTable(['concurrency', 'max in flight', 'queries', 'ms', 'queries/s'], rows);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
