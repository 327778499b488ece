/**
 * bench/reconcile: a month of a large hospital (the demo seeder's `large` size: one million
 * settlements over 30 days, with its planted anomalies) reconciled against the sandbox over HTTP.
 *
 * - end to end: `runReconcile` over the 30 days (3201 per day and group, 3202 on the days that do
 *   not balance, 5203 per difference), wall time and peak RSS, each run in a process of its own
 *   (bench/_reconcileRun.ts) against the sandbox in another (bench/_reconcileSandbox.ts), so that
 *   the memory is the reconciliation's alone; median of three runs;
 * - beside it, on the same database: a plain SQL aggregate per day × group plus an export of the
 *   same rows (the 3202 columns), the least any reconciliation must do; target ≤ 3× of that. The
 *   month is read once first (warm-up), then each plain-SQL step is timed three times (medians);
 * - the classify step alone (parse the result file, match, classify) over a million rows, rows/s.
 *
 * The seeded HIS and center ledger are kept in $TMPDIR/hisops-bench/reconcile-<size> (seeding takes
 * minutes); delete the folder to seed again. PostgreSQL is measured too when HISOPS_BENCH_PG_URL
 * names a database: its reference tables are dropped and made again, and the two tables a
 * reconciliation reads are copied from the SQLite seed (same rows, same center ledger);
 * HISOPS_BENCH_RECONCILE_SIZE=medium measures 90,000 settlements instead;
 * HISOPS_BENCH_ROUNDS sets the number of runs (default 3). Prints a table.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLedger } from '../src/core/center/sandbox/index.js';
import { connect, queryArrays, type Db } from '../src/core/db/index.js';
import { seedCenter, seedHis, type SeedManifest } from '../src/core/demo/index.js';
import { loadReferenceSchema, loadProfile, referenceProfilePath } from '../src/core/his/index.js';
import {
  classify,
  expectedFindings,
  GroupBook,
  HisReader,
  matchDetail,
  parseReconcileRules,
  parseResultLine,
  parseResultText,
  type HisSettlement,
} from '../src/core/reconcile/index.js';
import type { RunReport, RunRequest } from './_reconcileRun.js';
import { median, printTable } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The seed size (default large, the benchmark's subject; medium for a quicker look, e.g. on PostgreSQL). */
const SIZE = (process.env.HISOPS_BENCH_RECONCILE_SIZE ?? 'large') as 'large' | 'medium';
const CODE = 'H43010000001';
const ADMDVS = '430100';

interface Prepared {
  dir: string;
  hisUrl: string;
  ledgerFile: string;
  manifest: SeedManifest;
  seedMs: number | null;
}

/** The large seed in SQLite (HIS) and its center ledger, made once and kept. */
export async function prepareSqlite(): Promise<Prepared> {
  const dir = path.join(os.tmpdir(), 'hisops-bench', `reconcile-${SIZE}`);
  const ready = path.join(dir, 'ready.json');
  const hisUrl = `sqlite:${path.join(dir, 'his.db')}`;
  const ledgerFile = path.join(dir, 'center.db');
  if (fs.existsSync(ready)) return { dir, hisUrl, ledgerFile, manifest: JSON.parse(fs.readFileSync(ready, 'utf8')) as SeedManifest, seedMs: null };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const manifest = await seedInto(await connect(hisUrl, { create: true }), ledgerFile);
  fs.writeFileSync(ready, JSON.stringify(manifest));
  return { dir, hisUrl, ledgerFile, manifest, seedMs: Date.now() - t0 };
}

async function seedInto(db: Db, ledgerFile: string): Promise<SeedManifest> {
  try {
    const { manifest } = await seedHis({ db, size: SIZE, seed: 1, fixmedins_code: CODE, admdvs: ADMDVS });
    const ledger = openLedger(ledgerFile, { fixmedins_code: CODE, admdvs: ADMDVS });
    try {
      return (await seedCenter({ his: db, ledger, manifest })).manifest;
    } finally {
      ledger.close();
    }
  } finally {
    await db.close();
  }
}

async function startCenter(ledgerFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = fork(path.join(here, '_reconcileSandbox.js'), [ledgerFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const url = await new Promise<string>((ok, fail) => {
    child.once('message', (m: { url?: string }) => (m.url ? ok(m.url) : fail(new Error('no url'))));
    child.once('exit', (c) => fail(new Error(`the sandbox exited (${c})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((ok) => {
        child.once('exit', () => ok());
        child.send({ stop: true });
      }),
  };
}

/** One reconciliation of the month in a process of its own (bench/_reconcileRun.ts). */
function runInChild(req: RunRequest): Promise<RunReport> {
  const child = fork(path.join(here, '_reconcileRun.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise<RunReport>((ok, fail) => {
    child.once('message', (m: RunReport) => ok(m));
    child.once('exit', (c) => fail(new Error(`the reconciliation exited (${c}) without a report`)));
    child.send(req);
  });
}

const ROUNDS = Number(process.env.HISOPS_BENCH_ROUNDS ?? 3);

interface Measured {
  db: string;
  /** The HIS side alone: every day read through the profile and grouped, no center (median). */
  hisSideMs: number;
  /** Runs of the whole reconciliation (each in its own process); the median is reported. */
  e2e: RunReport[];
  /** Median of each over ROUNDS, after a warm-up read of the month. */
  baseline: { aggregateMs: number; exportMs: number; rows: number };
}

async function measure(label: string, p: Prepared): Promise<Measured> {
  const profile = await loadProfile(referenceProfilePath());
  const rules = parseReconcileRules(undefined, { setl_optins: ADMDVS });
  const { startDate, endDate } = p.manifest;
  const base = await connect(p.hisUrl);
  const to = nextDay(endDate);

  /** The plain SQL: an aggregate per day × group, then the same rows exported day by day (the 3202 columns as TSV lines). */
  const aggregate = async () => {
    await base.knex.raw(
      "SELECT substr(CAST(setl_time AS TEXT), 1, 10) AS day, insutype, clr_type, setl_optins, COUNT(*) AS n, SUM(medfee_sumamt) AS medfee, SUM(fund_pay_sumamt) AS fund, SUM(acct_pay) AS acct FROM his_settlement WHERE setl_time >= ? AND setl_time < ? AND his_status IN ('settled', 'cancelled') GROUP BY 1, 2, 3, 4",
      [`${startDate} 00:00:00`, `${to} 00:00:00`],
    );
  };
  const exportRows = async () => {
    let rows = 0;
    let bytes = 0;
    for (let d = startDate; d <= endDate; d = nextDay(d)) {
      const raw = (await base.knex.raw('SELECT setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag FROM his_settlement WHERE setl_time >= ? AND setl_time < ?', [`${d} 00:00:00`, `${nextDay(d)} 00:00:00`])) as unknown;
      const list = (Array.isArray(raw) ? raw : (raw as { rows: Record<string, unknown>[] }).rows) as Record<string, unknown>[];
      for (const r of list) {
        bytes += `${r.setl_id}\t${r.mdtrt_id}\t${r.psn_no}\t${r.medfee_sumamt}\t${r.fund_pay_sumamt}\t${r.acct_pay}\t${r.refd_setl_flag}\n`.length;
        rows++;
      }
    }
    return bytes > 0 ? rows : 0;
  };
  /** The HIS side of the reconciliation alone: every day read as the job reads it (HisReader) and grouped. */
  const hisSide = async () => {
    const book = new GroupBook();
    const reader = new HisReader(base, profile, rules);
    for (let d = startDate; d <= endDate; d = nextDay(d)) {
      await reader.day(d, (r, n) => r.kind === 'counted' && book.add(r.s, n), { lean: true });
    }
  };
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };

  // Warm-up: the month read once, so that every measurement below finds the same (cached) pages.
  await hisSide();
  const rows = await exportRows();
  const agg: number[] = [];
  const exp: number[] = [];
  const his: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    agg.push(await timed(aggregate));
    exp.push(await timed(exportRows));
    his.push(await timed(hisSide));
  }
  await base.close();

  const center = await startCenter(p.ledgerFile);
  const e2e: RunReport[] = [];
  try {
    for (let i = 0; i < ROUNDS; i++) e2e.push(await runInChild({ hisUrl: p.hisUrl, centerUrl: center.url, from: startDate, to: endDate, fixmedins_code: CODE, admdvs: ADMDVS }));
  } finally {
    await center.stop();
  }
  return { db: label, hisSideMs: median(his), e2e, baseline: { aggregateMs: median(agg), exportMs: median(exp), rows } };
}

/** Are the findings exactly the seed's planted reconciliation anomalies (kind and settlement)? */
function plantedFound(m: SeedManifest, r: Pick<RunReport, 'findings'>): boolean {
  const expected = expectedFindings(m);
  const hit = (e: (typeof expected)[number]) => r.findings.some((f) => f.kind === e.kind && (f.setl_id === e.setl_id || f.related_setl_id === e.setl_id));
  return expected.every(hit) && r.findings.length === expected.length;
}

function nextDay(d: string): string {
  const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + 1)).toISOString().slice(0, 10);
}

/** The classify step alone: a million result lines parsed, matched and the differences classified. */
function classifyThroughput(n = 1_000_000): { rows: number; ms: number; differences: number } {
  const rules = parseReconcileRules(undefined, { setl_optins: ADMDVS });
  const scope = { begndate: '2025-03-03', enddate: '2025-04-01', clr_type: '11', setl_optins: ADMDVS };
  const his: HisSettlement[] = [];
  for (let i = 0; i < n; i++) {
    his.push({ his_setl_no: null, setl_id: `S${i}`, mdtrt_id: `M${i}`, psn_no: `P${i % 100_000}`, insutype: '310', clr_type: '11', setl_optins: ADMDVS, setl_time: '2025-03-03 10:00:00', day: '2025-03-03', refd_setl_flag: '0', init_setl_id: null, msgid: `G${i}`, infno: '2207', his_status: 'settled', medfee: BigInt(1000 + (i % 5000)), fund: 600n, acct: 100n, cash: 300n });
  }
  // The center's answer: every row, one in a thousand not balanced (half mismatched, half missing at the center).
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = his[i]!;
    const odd = i % 1000 === 0;
    const medfee = odd && i % 2000 === 0 ? h.medfee + 1n : h.medfee;
    lines.push(`${h.psn_no}\t${h.mdtrt_id}\t${h.setl_id}\t${h.msgid}\t${odd ? 1 : 0}\t0\t${odd ? '不平' : '平'}\t${fen(medfee)}\t6.00\t1.00`);
  }
  const text = lines.join('\n');
  const t0 = performance.now();
  const parsed = parseResultText(text, rules.resultColumns);
  const m = matchDetail(his, parsed.rows, parsed.balanced, (b) => parseResultLine(b.raw, b.line, rules.resultColumns));
  for (const d of m.differences) classify(d, {}, { scope, rules });
  return { rows: n, ms: performance.now() - t0, differences: m.differences.length };
}

function fen(f: bigint): string {
  const s = f.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

export async function run(o: { only?: 'e2e' } = {}): Promise<void> {
  const runs: Array<{ label: string; prepare: () => Promise<Prepared> }> = [{ label: 'SQLite', prepare: prepareSqlite }];
  const pg = process.env.HISOPS_BENCH_PG_URL;
  if (pg) runs.push({ label: 'PostgreSQL', prepare: () => preparePg(pg) });
  const out: Array<Array<string | number>> = [];
  for (const r of runs) {
    const p = await r.prepare();
    if (p.seedMs !== null) console.log(`(${r.label}: seeded ${p.manifest.totals.count} settlements and the center ledger in ${(p.seedMs / 1000).toFixed(0)} s; kept in ${p.dir})`);
    const m = await measure(r.label, p);
    const runs = [...m.e2e].sort((a, b) => a.ms - b.ms);
    const res = runs[Math.floor(runs.length / 2)]!;
    const baseMs = m.baseline.aggregateMs + m.baseline.exportMs;
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    out.push([
      m.db,
      res.his_rows,
      `${s(res.ms)} (${runs.map((x) => (x.ms / 1000).toFixed(1)).join(', ')})`,
      `${Math.max(...runs.map((x) => x.peakRssMb)).toFixed(0)} MB (heap ${Math.max(...runs.map((x) => x.peakHeapMb)).toFixed(0)})`,
      s(res.timings.read_ms),
      `${s(res.timings.center_ms)} (${(['3201', '3202', '5203'] as const).map((k) => (res.timings.center_by[k] / 1000).toFixed(1)).join(' / ')})`,
      `${res.calls['3201']}/${res.calls['3202']}/${res.calls['5203']}`,
      `${res.findings.length} (${runs.every((x) => plantedFound(p.manifest, x)) ? 'exactly the planted ones' : 'NOT the planted ones'})`,
      `${(m.baseline.aggregateMs / 1000).toFixed(1)} + ${(m.baseline.exportMs / 1000).toFixed(1)} s`,
      `${(res.ms / baseMs).toFixed(2)}×`,
      `${s(m.hisSideMs)} (${(m.hisSideMs / baseMs).toFixed(2)}×)`,
    ]);
    for (const x of runs) if (x.error) console.log(`(${r.label}: a run failed: ${x.error})`);
  }
  printTable(['HIS', 'settlements', `end to end (median of ${ROUNDS})`, 'peak RSS (max)', 'HIS read', 'waiting for the center (3201 / 3202 / 5203)', 'calls 3201/3202/5203', 'findings', `SQL aggregate + export (medians)`, 'ratio', 'HIS side alone (ratio)'], out);
  if (o.only === 'e2e') return;
  const c = classifyThroughput();
  printTable(['classify step alone', 'rows', 'time', 'rows/s', 'differences'], [['parse + match + classify', c.rows, `${(c.ms / 1000).toFixed(2)} s`, Math.round(c.rows / (c.ms / 1000)), c.differences]]);
  console.log('targets: end to end < 60 s, peak RSS < 500 MB, ratio ≤ 3×');
}

/**
 * The same seed in a PostgreSQL database: the reference schema is created (its tables dropped
 * first) and the two tables a reconciliation reads — his_settlement and his_center_log — are copied
 * from the SQLite seed, so both runs reconcile the same rows against the same center ledger.
 * (Seeding the whole HIS with its fee lines row by row into a server takes far longer than the
 * benchmark; the other tables are not read.)
 */
export async function preparePg(url: string): Promise<Prepared> {
  const dir = path.join(os.tmpdir(), 'hisops-bench', `reconcile-${SIZE}-pg`);
  const ready = path.join(dir, 'ready.json');
  const from = await prepareSqlite();
  if (fs.existsSync(ready)) return { dir, hisUrl: url, ledgerFile: from.ledgerFile, manifest: from.manifest, seedMs: null };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const db = await connect(url);
  const src = await connect(from.hisUrl);
  try {
    for (const t of ['his_stock_trac', 'his_stock', 'his_dispense_trac', 'his_dispense', 'his_fee_detail', 'his_center_log', 'his_settlement', 'his_visit', 'his_mapping', 'his_item_trac_prefix', 'his_item']) await db.knex.raw(`DROP TABLE IF EXISTS ${t} CASCADE`);
    await loadReferenceSchema(db);
    for (const table of ['his_settlement', 'his_center_log']) {
      const { columns } = await queryArrays(src, `SELECT * FROM ${table} LIMIT 0`, []);
      const per = Math.floor(20000 / columns.length);
      const total = Number(((await src.knex.raw(`SELECT COUNT(*) AS n FROM ${table}`)) as Array<{ n: number }>)[0]!.n);
      for (let off = 0; off < total; off += 50000) {
        const { rows } = await queryArrays(src, `SELECT * FROM ${table} ORDER BY rowid LIMIT 50000 OFFSET ${off}`, []);
        await db.knex.transaction(async (trx) => {
          for (let i = 0; i < rows.length; i += per) {
            const part = rows.slice(i, i + per);
            const tuple = `(${columns.map(() => '?').join(', ')})`;
            await trx.raw(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`, part.flat() as Array<string | number | null>);
          }
        });
      }
    }
    await db.knex.raw('ANALYZE his_settlement');
    await db.knex.raw('ANALYZE his_center_log');
  } finally {
    await src.close();
    await db.close();
  }
  fs.writeFileSync(ready, JSON.stringify({ from: from.dir }));
  return { dir, hisUrl: url, ledgerFile: from.ledgerFile, manifest: from.manifest, seedMs: Date.now() - t0 };
}
