/**
 * bench/reconcile: a month of a large hospital (the demo seeder's `large` size: one million
 * settlements over 30 days, with its planted anomalies) reconciled against the sandbox over HTTP.
 *
 * - end to end: the command a user runs, `hisops reconcile --from … --to … --json` (a fresh journal
 *   each run, the ledger's files of earlier runs dropped), as a child process — wall, CPU, peak
 *   RSS — against the sandbox in a process of its own (bench/_reconcileSandbox.ts);
 * - the fair baseline, interleaved with it (A, B, B, A …, medians): the database's own command-line
 *   tool doing the least any reconciliation must do on the same rows — an aggregate per day × group
 *   (count and the three sums) and an export of the same rows with the 3202 detail columns to a
 *   file: `sqlite3 -tabs` for SQLite, `psql` with `\copy` for PostgreSQL. Target: hisops ≤ 2× the
 *   baseline's wall time, peak RSS < 500 MB;
 * - the classify step alone (parse the result file, match, classify) over a million rows, rows/s.
 *
 * The seeded HIS and center ledger are kept in $TMPDIR/hisops-bench/reconcile-<size> (seeding takes
 * minutes); delete the folder to seed again. PostgreSQL is measured too when HISOPS_BENCH_PG_URL
 * names a database: its reference tables are dropped and made again, and the two tables a
 * reconciliation reads are copied from the SQLite seed (same rows, same center ledger);
 * HISOPS_BENCH_RECONCILE_SIZE=medium measures 90,000 settlements instead (`--quick`: small);
 * BENCH_ROUNDS sets the number of interleaved rounds (default 3). Prints tables.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openLedger } from '../src/core/center/sandbox/index.js';
import { connect, queryArrays, type Db } from '../src/core/db/index.js';
import { seedCenter, seedHis, type SeedManifest } from '../src/core/demo/index.js';
import { loadReferenceSchema } from '../src/core/his/index.js';
import {
  classify,
  expectedFindings,
  matchDetail,
  parseReconcileRules,
  parseResultLine,
  parseResultText,
  type HisSettlement,
} from '../src/core/reconcile/index.js';
import { compare, have, hisopsCmd, isQuick, printComparison, printTable, target, type CaseResult } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The seed size (default large, the benchmark's subject; medium for a quicker look, e.g. on PostgreSQL). */
const SIZE = (process.env.HISOPS_BENCH_RECONCILE_SIZE ?? (isQuick() ? 'small' : 'large')) as
  | 'large'
  | 'medium'
  | 'small';
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
  if (fs.existsSync(ready))
    return {
      dir,
      hisUrl,
      ledgerFile,
      manifest: JSON.parse(fs.readFileSync(ready, 'utf8')) as SeedManifest,
      seedMs: null,
    };
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

/**
 * The files earlier runs left in the ledger (each run's 3202 uploads and results: about 55 MB at
 * `large`, never read again), dropped before each run and the WAL emptied: otherwise each round
 * meets a larger ledger than the one before, and the rounds are not the same work.
 */
async function dropEarlierFiles(ledgerFile: string): Promise<void> {
  const db = await connect(`sqlite:${ledgerFile}`);
  try {
    await db.knex.raw('DELETE FROM files');
    await db.knex.raw('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.close();
  }
}

async function startCenter(ledgerFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = fork(path.join(here, '_reconcileSandbox.js'), [ledgerFile], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
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

/** The aggregate and the export every reconciliation of [from, to] needs at least, in plain SQL. */
function baselineSql(from: string, toExclusive: string): { aggregate: string; exportRows: string } {
  const where = `setl_time >= '${from} 00:00:00' AND setl_time < '${toExclusive} 00:00:00'`;
  return {
    aggregate: `SELECT substr(CAST(setl_time AS TEXT), 1, 10) AS day, insutype, clr_type, setl_optins, COUNT(*) AS n, SUM(medfee_sumamt) AS medfee, SUM(fund_pay_sumamt) AS fund, SUM(acct_pay) AS acct FROM his_settlement WHERE ${where} AND his_status IN ('settled', 'cancelled') GROUP BY 1, 2, 3, 4`,
    exportRows: `SELECT setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag FROM his_settlement WHERE ${where}`,
  };
}

const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;

interface Measured {
  db: string;
  hisops: CaseResult;
  baseline: CaseResult;
  baselineName: string;
  findings: string;
}

/**
 * hisops reconcile (the CLI) and the native tool's aggregate + export, interleaved. The journal is
 * made fresh before each hisops run, so every run does the same work.
 */
async function measure(label: string, p: Prepared, dialect: 'sqlite' | 'postgres'): Promise<Measured | null> {
  const { startDate, endDate } = p.manifest;
  const sql = baselineSql(startDate, nextDay(endDate));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-rc-'));
  const exportFile = path.join(work, 'export.tsv');
  let baselineName: string;
  let baselineCmd: [string, string[]];
  if (dialect === 'sqlite') {
    if (!have('sqlite3')) {
      console.log(`(${label}: no sqlite3 command-line tool: skipped)`);
      return null;
    }
    baselineName = 'sqlite3 -tabs: aggregate + export';
    const file = p.hisUrl.replace(/^sqlite:/, '');
    baselineCmd = [
      'sh',
      [
        '-c',
        `sqlite3 -tabs ${q(file)} ${q(sql.aggregate)} > ${q(path.join(work, 'agg.tsv'))} && sqlite3 -tabs ${q(file)} ${q(sql.exportRows)} > ${q(exportFile)}`,
      ],
    ];
  } else {
    if (!have('psql')) {
      console.log(`(${label}: no psql command-line tool: skipped)`);
      return null;
    }
    baselineName = 'psql: aggregate + \\copy export';
    baselineCmd = [
      'psql',
      [
        '-X',
        '-q',
        '-A',
        '-t',
        '-v',
        'ON_ERROR_STOP=1',
        '-o',
        path.join(work, 'agg.tsv'),
        '-c',
        sql.aggregate,
        '-c',
        `\\copy (${sql.exportRows}) to ${q(exportFile)}`,
        p.hisUrl,
      ],
    ];
  }
  const center = await startCenter(p.ledgerFile);
  const journal = path.join(work, 'journal.db');
  fs.writeFileSync(
    path.join(work, 'hisops.yaml'),
    `journal:
  url: sqlite:${journal}
institutions:
  - name: main
    fixmedins_code: ${CODE}
    fixmedins_name: 示例医院
    his:
      url: ${p.hisUrl}
      profile: builtin:reference
    center:
      url: ${center.url}
      setl_optins: "${ADMDVS}"
      mdtrtarea_admvs: "${ADMDVS}"
      insuplc_admdvs: "${ADMDVS}"
`,
  );
  let findings = '';
  try {
    const [hisops, baseline] = await compare([
      {
        label: `hisops reconcile (${label})`,
        cmd: hisopsCmd('reconcile', '--from', startDate, '--to', endDate, '--json', '--quiet'),
        options: { cwd: work, okCodes: [0, 3], env: { ...process.env, HISOPS_LANG: 'en' } },
        before: async () => {
          for (const f of [journal, `${journal}-wal`, `${journal}-shm`]) fs.rmSync(f, { force: true });
          await dropEarlierFiles(p.ledgerFile);
        },
        after: (m) => {
          const doc = JSON.parse(m.stdout) as {
            data: {
              findings: Array<{ kind: string; setl_id: string | null; related_setl_id: string | null }>;
              counts: { his_rows: number };
            };
          };
          findings = `${doc.data.findings.length} (${plantedFound(p.manifest, doc.data) ? 'exactly the planted ones' : 'NOT the planted ones'}), ${doc.data.counts.his_rows.toLocaleString('en')} HIS rows`;
        },
      },
      {
        label: baselineName,
        cmd: baselineCmd,
        after: () =>
          void (
            fs.statSync(exportFile).size > 0 ||
            (() => {
              throw new Error('empty export');
            })()
          ),
      },
    ]);
    return { db: label, hisops: hisops!, baseline: baseline!, baselineName, findings };
  } finally {
    await center.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Are the findings exactly the seed's planted reconciliation anomalies (kind and settlement)? */
function plantedFound(
  m: SeedManifest,
  r: { findings: Array<{ kind: string; setl_id: string | null; related_setl_id: string | null }> },
): boolean {
  const expected = expectedFindings(m);
  const hit = (e: (typeof expected)[number]) =>
    r.findings.some((f) => f.kind === e.kind && (f.setl_id === e.setl_id || f.related_setl_id === e.setl_id));
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
    his.push({
      his_setl_no: null,
      setl_id: `S${i}`,
      mdtrt_id: `M${i}`,
      psn_no: `P${i % 100_000}`,
      insutype: '310',
      clr_type: '11',
      setl_optins: ADMDVS,
      setl_time: '2025-03-03 10:00:00',
      day: '2025-03-03',
      refd_setl_flag: '0',
      init_setl_id: null,
      msgid: `G${i}`,
      infno: '2207',
      his_status: 'settled',
      medfee: BigInt(1000 + (i % 5000)),
      fund: 600n,
      acct: 100n,
      cash: 300n,
    });
  }
  // The center's answer: every row, one in a thousand not balanced (half mismatched, half missing at the center).
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const h = his[i]!;
    const odd = i % 1000 === 0;
    const medfee = odd && i % 2000 === 0 ? h.medfee + 1n : h.medfee;
    lines.push(
      `${h.psn_no}\t${h.mdtrt_id}\t${h.setl_id}\t${h.msgid}\t${odd ? 1 : 0}\t0\t${odd ? '不平' : '平'}\t${fen(medfee)}\t6.00\t1.00`,
    );
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
  const runs: Array<{ label: string; dialect: 'sqlite' | 'postgres'; prepare: () => Promise<Prepared> }> = [
    { label: 'SQLite', dialect: 'sqlite', prepare: prepareSqlite },
  ];
  const pg = process.env.HISOPS_BENCH_PG_URL;
  if (pg) runs.push({ label: 'PostgreSQL', dialect: 'postgres', prepare: () => preparePg(pg) });
  for (const r of runs) {
    const p = await r.prepare();
    if (p.seedMs !== null)
      console.log(
        `(${r.label}: seeded ${p.manifest.totals.count} settlements and the center ledger in ${(p.seedMs / 1000).toFixed(0)} s; kept in ${p.dir})`,
      );
    const m = await measure(r.label, p, r.dialect);
    if (!m) continue;
    printComparison(
      `reconcile ${p.manifest.startDate}..${p.manifest.endDate} on ${r.label} (${SIZE}): hisops vs ${m.baselineName}`,
      [m.hisops, m.baseline],
      m.baselineName,
    );
    console.log(`findings: ${m.findings}`);
    const ratio = m.hisops.wallMs / m.baseline.wallMs;
    target(
      `reconcile on ${r.label} ≤ 2× the baseline`,
      ratio <= 2,
      `${ratio.toFixed(2)}× (${(m.hisops.wallMs / 1000).toFixed(2)} s vs ${(m.baseline.wallMs / 1000).toFixed(2)} s)`,
    );
    target(
      `reconcile on ${r.label} peak RSS < 500 MB`,
      m.hisops.peakRssMb < 500,
      `${m.hisops.peakRssMb.toFixed(0)} MB`,
    );
  }
  if (o.only === 'e2e') return;
  const c = classifyThroughput(isQuick() ? 100_000 : 1_000_000);
  printTable(
    ['classify step alone (in process)', 'rows', 'time', 'rows/s', 'differences'],
    [
      [
        'parse + match + classify',
        c.rows,
        `${(c.ms / 1000).toFixed(2)} s`,
        Math.round(c.rows / (c.ms / 1000)),
        c.differences,
      ],
    ],
  );
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
  // One database may have been seeded since with another size (medium and large share a URL):
  // the copy is reused only when it holds this seed's settlements.
  if (fs.existsSync(ready) && (await pgRows(url)) === from.manifest.counts.his_settlement)
    return { dir, hisUrl: url, ledgerFile: from.ledgerFile, manifest: from.manifest, seedMs: null };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const db = await connect(url);
  const src = await connect(from.hisUrl);
  try {
    for (const t of [
      'his_stock_trac',
      'his_stock',
      'his_dispense_trac',
      'his_dispense',
      'his_fee_detail',
      'his_center_log',
      'his_settlement',
      'his_visit',
      'his_mapping',
      'his_item_trac_prefix',
      'his_item',
    ])
      await db.knex.raw(`DROP TABLE IF EXISTS ${t} CASCADE`);
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
            await trx.raw(
              `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`,
              part.flat() as Array<string | number | null>,
            );
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

/** Rows of his_settlement in the PostgreSQL database (null: no such table). */
async function pgRows(url: string): Promise<number | null> {
  const db = await connect(url);
  try {
    const r = (await db.knex.raw('SELECT COUNT(*) AS n FROM his_settlement')) as { rows: Array<{ n: string }> };
    return Number(r.rows[0]!.n);
  } catch {
    return null;
  } finally {
    await db.close();
  }
}
