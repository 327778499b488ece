/**
 * Catalog import, measured fairly: a generated consumables catalog (1306 shape, 71 columns, GBK,
 * tab-separated, zipped — like the center's download) of BENCH_CATALOG_ROWS rows (default one
 * million; 20,000 under --quick) imported by the command a user runs,
 *
 *   node bin/hisops.js catalog import 1306.zip --apply --db <database>
 *
 * into a new SQLite file and a new PostgreSQL database, side by side with each database's own
 * loader storing THE SAME COLUMNS into a table of the same shape (the DDL hisops created, its
 * primary key included): `sqlite3 .import` and `psql -c "\copy … FROM …"`, fed the 22 stored
 * columns of the same rows as UTF-8 text (exported from a warm-up import, so the values are
 * exactly those hisops stores). The native tools get the rows unzipped, decoded and cut to the
 * stored columns for free; hisops reads the ZIP as downloaded. That strict baseline is the one the
 * target judges. Beside it, a second one does that work too from the same download: a pipeline of
 * native tools, `unzip -p | iconv | cut | sed | psql \copy` (or `sqlite3 .import`), storing the
 * twelve columns that come straight from a cell (_catalogPipeline.ts says what it leaves out).
 * Every run of each is checked: the row count and a checksum of those twelve columns must be
 * hisops's. Runs interleave (A, B, C, C, B, A …), medians of BENCH_ROUNDS (3) with wall, CPU (the
 * pipeline's summed over its tools), peak RSS and load average; hisops's ratio is printed to both.
 * Targets: hisops at most 2× the strict baseline; peak RSS under 300 MB and flat in the file size.
 *
 * Then `mapping check` over BENCH_MAPPINGS mappings (default 200,000), in-process: wall and CPU
 * seconds of the check (the client's; the server's is in neither) and its phases.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ensureMappingTables,
  importCatalog,
  KINDS,
  runMappingCheck,
  sampleCode,
  writeSampleCatalogZip,
  type HisItemSource,
} from '../src/core/catalog/index.js';
import { CATALOG_COLUMNS_STORED } from '../src/core/catalog/storedColumns.js';
import { refreshStats } from '../src/core/catalog/store/sql.js';
import { connect, type Db } from '../src/core/db/index.js';
import { checksumSql, pgPipeline, sqlitePipeline } from './_catalogPipeline.js';
import { compare, have, hisopsCmd, isQuick, printComparison, printTable, target, type CaseResult } from './_util.js';

const mb = (b: number) => `${Math.round(b / 1048576)}`;
const TABLE = KINDS['1306'].table;
const COLS = CATALOG_COLUMNS_STORED.join(', ');

function sqlite3(file: string, ...args: string[]): string {
  return execFileSync('sqlite3', [file, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
}

/** Throws unless a table's count and checksum (checksumSql) are hisops's. */
function same(what: string, got: string, want: string): void {
  if (got.trim() !== want.trim()) throw new Error(`${what}: stored ${got.trim()}, hisops stored ${want.trim()}`);
}

/** hisops's ratio of wall and CPU to each baseline. */
function ratios(hisops: CaseResult, baselines: CaseResult[]): void {
  for (const b of baselines)
    console.log(
      `hisops / ${b.label}: ${(hisops.wallMs / b.wallMs).toFixed(2)}× wall, ${(hisops.cpuMs / b.cpuMs).toFixed(2)}× CPU`,
    );
}

interface ImportCase {
  rows: number;
  dir: string;
  /** Where the stored columns are exported as text for the native loader. */
  stored: string;
  zip: string;
  hisopsImport: (db: string) => [string, string[]];
}
type ImportResult = { db: string; native: CaseResult; pipeline: CaseResult; hisops: CaseResult };

const pgBase = () =>
  process.env.HISOPS_BENCH_PG_URL ?? process.env.HISOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const psql = (url: string, sql: string) =>
  execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
const pgReachable = () =>
  have('psql') && spawnSync('psql', [pgBase(), '-c', 'SELECT 1'], { stdio: 'ignore' }).status === 0;

/** hisops against `sqlite3 .import` into the same DDL, handed the stored columns or piped from the ZIP. */
async function sqliteCase(c: ImportCase): Promise<ImportResult | undefined> {
  if (!have('sqlite3') || !have('unzip') || !have('iconv')) {
    console.log('sqlite3, unzip or iconv not installed (apt-get install sqlite3 unzip): SQLite row skipped');
    return undefined;
  }
  const hFile = path.join(c.dir, 'hisops.db');
  const nFile = path.join(c.dir, 'native.db');
  const pFile = path.join(c.dir, 'pipeline.db');
  const fresh = (f: string) => ['', '-wal', '-shm'].forEach((x) => fs.rmSync(f + x, { force: true }));
  // Warm-up import: the table's DDL and the stored columns as text for the native loader.
  fresh(hFile);
  spawnSync(c.hisopsImport(`sqlite:${hFile}`)[0], c.hisopsImport(`sqlite:${hFile}`)[1], { stdio: 'ignore' });
  const ddl = sqlite3(hFile, `.schema ${TABLE}`);
  fs.writeFileSync(c.stored, sqlite3(hFile, '-tabs', '-noheader', `SELECT ${COLS} FROM ${TABLE}`));
  const sum = (f: string) => sqlite3(f, checksumSql('sqlite', '1306', TABLE));
  const want = sum(hFile);
  if (Number(want.split(' ')[0]) !== c.rows) throw new Error(`hisops stored ${want}, expected ${c.rows} rows`);
  const check = (f: string) => () => same(f, sum(f), want);
  const empty = (f: string) => () => {
    fresh(f);
    sqlite3(f, 'PRAGMA journal_mode=WAL;', ddl);
  };
  const [native, pipeline, hisops] = await compare([
    {
      label: 'sqlite3 .import',
      before: empty(nFile),
      cmd: ['sqlite3', [nFile, '.mode tabs', `.import ${c.stored} ${TABLE}`]],
      after: check(nFile),
    },
    {
      label: 'unzip|iconv|cut|sed|sqlite3',
      before: empty(pFile),
      cmd: sqlitePipeline('1306', c.zip, pFile, TABLE),
      after: check(pFile),
    },
    {
      label: 'hisops catalog import',
      before: () => fresh(hFile),
      cmd: c.hisopsImport(`sqlite:${hFile}`),
      after: check(hFile),
    },
  ]);
  printComparison(
    `catalog import, SQLite, ${c.rows} rows, same 22 columns`,
    [native!, pipeline!, hisops!],
    'sqlite3 .import',
  );
  ratios(hisops!, [native!, pipeline!]);
  return { db: 'SQLite', native: native!, pipeline: pipeline!, hisops: hisops! };
}

/** hisops against `psql \copy` into the same DDL, handed the stored columns or piped from the ZIP. */
async function postgresCase(c: ImportCase): Promise<ImportResult | undefined> {
  if (!pgReachable() || !have('unzip') || !have('iconv')) {
    console.log(`PostgreSQL not reachable at ${pgBase()}, or unzip or iconv missing: PostgreSQL row skipped`);
    return undefined;
  }
  const hName = `hisops_bench_catalog_h_${process.pid}`;
  const nName = `hisops_bench_catalog_n_${process.pid}`;
  const pName = `hisops_bench_catalog_p_${process.pid}`;
  const url = (n: string) => pgBase().replace(/\/[^/]*$/, `/${n}`);
  const recreate = (n: string) => {
    psql(pgBase(), `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    psql(pgBase(), `CREATE DATABASE ${n}`);
  };
  try {
    for (const n of [hName, nName, pName]) recreate(n);
    spawnSync(c.hisopsImport(url(hName))[0], c.hisopsImport(url(hName))[1], { stdio: 'ignore' });
    const ddl = execFileSync('pg_dump', ['-s', '-t', TABLE, '--no-owner', url(hName)], { encoding: 'utf8' });
    psql(url(hName), `\\copy (SELECT ${COLS} FROM ${TABLE}) TO '${c.stored}'`);
    const sum = (n: string) => psql(url(n), checksumSql('postgres', '1306', TABLE));
    const want = sum(hName);
    if (Number(want.split(' ')[0]) !== c.rows) throw new Error(`hisops stored ${want}, expected ${c.rows} rows`);
    const check = (n: string) => () => same(n, sum(n), want);
    const empty = (n: string) => () => {
      psql(url(n), `DROP TABLE IF EXISTS ${TABLE}`);
      execFileSync('psql', [url(n), '-v', 'ON_ERROR_STOP=1', '-q'], { input: ddl, stdio: ['pipe', 'ignore', 'pipe'] });
    };
    const [native, pipeline, hisops] = await compare([
      {
        label: 'psql \\copy',
        before: empty(nName),
        cmd: [
          'psql',
          [url(nName), '-v', 'ON_ERROR_STOP=1', '-q', '-c', `\\copy ${TABLE} (${COLS}) FROM '${c.stored}'`],
        ],
        after: check(nName),
      },
      {
        label: 'unzip|iconv|cut|sed|psql \\copy',
        before: empty(pName),
        cmd: pgPipeline('1306', c.zip, url(pName), TABLE),
        after: check(pName),
      },
      {
        label: 'hisops catalog import',
        before: () => recreate(hName),
        cmd: c.hisopsImport(url(hName)),
        after: check(hName),
      },
    ]);
    printComparison(
      `catalog import, PostgreSQL, ${c.rows} rows, same 22 columns (psql's CPU is the client's; the server's is in neither)`,
      [native!, pipeline!, hisops!],
      'psql \\copy',
    );
    ratios(hisops!, [native!, pipeline!]);
    return { db: 'PostgreSQL', native: native!, pipeline: pipeline!, hisops: hisops! };
  } finally {
    for (const n of [hName, nName, pName]) psql(pgBase(), `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  }
}

/** `mapping check` over BENCH_MAPPINGS mappings on SQLite and PostgreSQL. */
async function mappingChecks(dir: string): Promise<void> {
  const mappings = Number(process.env.BENCH_MAPPINGS ?? (isQuick() ? 5_000 : 200_000));
  const checks: Array<Array<string | number>> = [];
  checks.push(await checkBench('SQLite', `sqlite:${path.join(dir, 'mappings.db')}`, dir, mappings));
  if (pgReachable()) {
    const name = `hisops_bench_mapping_${process.pid}`;
    psql(pgBase(), `CREATE DATABASE ${name}`);
    try {
      checks.push(await checkBench('PostgreSQL', pgBase().replace(/\/[^/]*$/, `/${name}`), dir, mappings));
    } finally {
      psql(pgBase(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
  printTable(
    [
      'database',
      'mappings',
      'HIS items',
      'findings',
      'check s',
      'CPU s',
      'load 1m',
      'read ms',
      'catalog ms',
      'rules ms',
    ],
    checks,
  );
  const slowest = Math.max(...checks.map((r) => Number(r[4])));
  target(`mapping check over ${mappings} mappings < 5 s`, slowest < 5, `slowest ${slowest.toFixed(2)} s`);
}

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_CATALOG_ROWS ?? (isQuick() ? 20_000 : 1_000_000));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-catalog-'));
  try {
    const zip = path.join(dir, '1306.zip');
    const g0 = Date.now();
    const { bytes, compressed } = await writeSampleCatalogZip(zip, '1306', rows, { encoding: 'gbk' });
    console.log(
      `generated ${rows} rows: ${mb(bytes)} MB of GBK text, ${mb(compressed)} MB zipped (${((Date.now() - g0) / 1000).toFixed(1)} s)`,
    );
    const c: ImportCase = {
      rows,
      dir,
      stored: path.join(dir, 'stored.tsv'),
      zip,
      hisopsImport: (db) => hisopsCmd('catalog', 'import', zip, '--apply', '--db', db, '--quiet'),
    };
    const results: ImportResult[] = [];
    for (const r of [await sqliteCase(c), await postgresCase(c)]) if (r) results.push(r);
    if (results.length) {
      const worst = Math.max(...results.map((r) => r.hisops.wallMs / r.native.wallMs));
      const peak = Math.max(...results.map((r) => r.hisops.peakRssMb));
      const piped = Math.max(...results.map((r) => r.hisops.wallMs / r.pipeline.wallMs));
      target('hisops ≤ 2.00× the native loader', worst <= 2, `worst ${worst.toFixed(2)}× at ${rows} rows`);
      console.log(`(against the native pipelines from the same ZIP: worst ${piped.toFixed(2)}× wall)`);
      target('hisops peak RSS < 300 MB', peak < 300, `peak ${peak.toFixed(0)} MB at ${rows} rows`);
    }
    await mappingChecks(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `mapping check` over n mappings: a consumables catalog of 3n/4 codes (some ended), n mappings of
 * 3n/4 items (a third of them remapped once, a few overlapping or mapped to unknown codes), and an
 * HIS of n items with recent billing, timed through runMappingCheck.
 */
async function checkBench(label: string, url: string, dir: string, n: number): Promise<Array<string | number>> {
  const db: Db = await connect(url, { create: true });
  try {
    const codes = Math.floor((n * 3) / 4);
    const zip = path.join(dir, `check-catalog-${label}.zip`);
    await writeSampleCatalogZip(zip, '1306', codes, { encoding: 'utf8' });
    const imp = await importCatalog(db, { files: [zip], apply: true, now: new Date() });
    if (!imp.applied) throw new Error('catalog import failed');
    await ensureMappingTables(db);
    const rows: Record<string, unknown>[] = [];
    for (let i = 0; i < codes && rows.length < n; i++) {
      const id = `I${String(i).padStart(7, '0')}`;
      const code = i % 997 === 5 ? `C9${String(i).padStart(18, '0')}` : sampleCode('1306', i);
      if (i % 3 === 0 && rows.length + 1 < n) {
        rows.push({
          fixmedins_hilist_id: id,
          begndate: '2023-01-01',
          enddate: i % 501 === 0 ? '2025-06-30' : '2024-12-31',
          list_type: '301',
          med_list_codg: code,
        });
        rows.push({
          fixmedins_hilist_id: id,
          begndate: '2025-01-01',
          enddate: null,
          list_type: '301',
          med_list_codg: sampleCode('1306', (i + 1) % codes),
        });
      } else
        rows.push({
          fixmedins_hilist_id: id,
          begndate: '2024-01-01',
          enddate: i % 211 === 0 ? '2025-04-01' : null,
          list_type: '301',
          med_list_codg: code,
        });
    }
    for (let i = 0; i < rows.length; i += 500) await db.knex('hisops_mapping').insert(rows.slice(i, i + 500));
    // `mapping import` refreshes the planner's statistics after a big apply; so does this shortcut.
    await refreshStats(db, 'hisops_mapping');
    const items = Array.from({ length: n }, (_, i) => ({
      fixmedins_hilist_id: `I${String(i).padStart(7, '0')}`,
      fixmedins_hilist_name: `项目${i}`,
    }));
    const billed = items
      .filter((_, i) => i % 7 === 0)
      .map((it, i) => ({
        fixmedins_hilist_id: it.fixmedins_hilist_id,
        amount: `${(i % 500) + 1}.50`,
        count: (i % 9) + 1,
      }));
    const his: HisItemSource = { items: async () => items, billedSince: async () => billed };
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const f = await runMappingCheck(db, { on: '2025-03-15', his });
    const c = process.cpuUsage(c0);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const findings = Object.values(f.counts).reduce((a, b) => a + b, 0);
    return [
      label,
      f.mappings,
      items.length,
      findings,
      s.toFixed(2),
      ((c.user + c.system) / 1e6).toFixed(2),
      os.loadavg()[0]!.toFixed(2),
      f.timings.mappings!,
      f.timings.catalog!,
      f.timings.check!,
    ];
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
