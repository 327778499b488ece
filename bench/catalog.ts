/**
 * Catalog import speed: a generated consumables catalog (1306 shape, 71 columns, GBK,
 * tab-separated, zipped — like the center's download) of BENCH_CATALOG_ROWS rows (default one
 * million) imported by hisops into SQLite and PostgreSQL, side by side with each database's own
 * bulk loader on the same rows (`sqlite3 .import`, PostgreSQL `COPY`), both into a table keyed on
 * (code, begndate). The native loaders get the rows already unzipped (and, for sqlite3, already
 * converted to UTF-8, which .import needs); hisops reads the ZIP as downloaded. Targets: hisops at
 * most 2× the native loader, memory flat and under 300 MB. Each hisops run is its own process so
 * its memory is its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { ensureMappingTables, importCatalog, KINDS, runMappingCheck, sampleCode, writeSampleCatalogZip, type HisItemSource } from '../src/core/catalog/index.js';
import { connect, type Db } from '../src/core/db/index.js';
import { listZipEntries, readZipEntry } from '../src/core/catalog/read/zipEntries.js';
import { printTable } from './_util.js';

const here = path.dirname(fileURLToPath(import.meta.url));

interface ChildResult {
  ms: number;
  peakRss: number;
  rssSamples: number[];
  added: number;
  unchanged: number;
  problems: number;
}

function hisops(url: string, file: string): ChildResult {
  // The import keeps a copy of the file, as `catalog import --apply` does.
  const archive = path.join(path.dirname(file), 'archive');
  const r = spawnSync(process.execPath, [path.join(here, '_catalogImport.js'), url, file, archive], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`hisops import failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function have(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const mb = (b: number) => `${Math.round(b / 1048576)}`;
const flat = (s: number[]) => (s.length < 2 ? '-' : `${mb(Math.min(...s))}–${mb(Math.max(...s))}`);

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_CATALOG_ROWS ?? 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-catalog-'));
  try {
    const zip = path.join(dir, '1306.zip');
    const g0 = Date.now();
    const { bytes, compressed } = await writeSampleCatalogZip(zip, '1306', rows, { encoding: 'gbk' });
    console.log(`generated ${rows} rows: ${mb(bytes)} MB of GBK text, ${mb(compressed)} MB zipped (${((Date.now() - g0) / 1000).toFixed(1)} s)`);
    // The native loaders' input: the same rows unzipped (GBK), and a UTF-8 copy for sqlite3.
    const gbk = path.join(dir, '1306.txt');
    const utf8 = path.join(dir, '1306.utf8.txt');
    {
      const [entry] = await listZipEntries(zip);
      const out = fs.createWriteStream(gbk);
      const outU = fs.createWriteStream(utf8);
      const dec = iconv.getDecoder('gbk');
      for await (const c of readZipEntry(zip, entry!)) {
        out.write(c);
        outU.write(dec.write(c));
      }
      outU.write(dec.end() ?? '');
      await Promise.all([new Promise((r) => out.end(r)), new Promise((r) => outU.end(r))]);
    }
    const cols = KINDS['1306'].columns;
    const ddl = (t: string) => `CREATE TABLE ${t} (${cols.map((c) => `${c} text`).join(', ')}, PRIMARY KEY (med_list_codg, begndate))`;
    const table: Array<Array<string | number>> = [];

    // SQLite
    if (have('sqlite3')) {
      const nativeDb = path.join(dir, 'native.db');
      const native = timed(() => execFileSync('sqlite3', [nativeDb, 'PRAGMA journal_mode=WAL;', ddl('t'), '.mode tabs', `.import ${utf8} t`], { stdio: 'ignore' }));
      const h = hisops(`sqlite:${path.join(dir, 'hisops.db')}`, zip);
      const again = hisops(`sqlite:${path.join(dir, 'hisops.db')}`, zip);
      table.push(['SQLite', 'sqlite3 .import', (native / 1000).toFixed(1), (h.ms / 1000).toFixed(1), (h.ms / native).toFixed(2), mb(h.peakRss), flat(h.rssSamples), (again.ms / 1000).toFixed(1)]);
    } else console.log('sqlite3 not installed (apt-get install sqlite3): SQLite row skipped');

    // PostgreSQL
    const pgBase = process.env.HISOPS_BENCH_PG_URL ?? process.env.HISOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const dbName = `hisops_bench_catalog_${process.pid}`;
    const psql = (url: string, sql: string) => execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', sql], { stdio: ['ignore', 'ignore', 'pipe'] });
    if (have('psql') && spawnSync('psql', [pgBase, '-c', 'SELECT 1'], { stdio: 'ignore' }).status === 0) {
      const url = pgBase.replace(/\/[^/]*$/, `/${dbName}`);
      psql(pgBase, `CREATE DATABASE ${dbName}`);
      try {
        psql(url, ddl('t'));
        const native = timed(() => psql(url, `\\copy t FROM '${gbk}' WITH (FORMAT text, ENCODING 'GBK')`));
        const h = hisops(url, zip);
        const again = hisops(url, zip);
        table.push(['PostgreSQL', 'COPY', (native / 1000).toFixed(1), (h.ms / 1000).toFixed(1), (h.ms / native).toFixed(2), mb(h.peakRss), flat(h.rssSamples), (again.ms / 1000).toFixed(1)]);
      } finally {
        psql(pgBase, `DROP DATABASE IF EXISTS ${dbName}`);
      }
    } else console.log(`PostgreSQL not reachable at ${pgBase}: PostgreSQL row skipped`);

    printTable(['database', 'native loader', 'native s', 'hisops s', '× native', 'peak RSS MB', 'RSS per 100k rows MB', 're-import s'], table);
    const worst = Math.max(...table.map((r) => Number(r[4])));
    const peak = Math.max(...table.map((r) => Number(r[5])));
    console.log(`targets: ≤ 2.00× native → ${worst <= 2 ? 'met' : 'NOT met'} (worst ${worst.toFixed(2)}×); memory < 300 MB → ${peak < 300 ? 'met' : 'NOT met'} (peak ${peak} MB)`);

    // mapping check over MAPPINGS mappings
    const mappings = Number(process.env.BENCH_MAPPINGS ?? 200_000);
    const checks: Array<Array<string | number>> = [];
    checks.push(await checkBench('SQLite', `sqlite:${path.join(dir, 'mappings.db')}`, dir, mappings));
    if (have('psql') && spawnSync('psql', [pgBase, '-c', 'SELECT 1'], { stdio: 'ignore' }).status === 0) {
      const name = `hisops_bench_mapping_${process.pid}`;
      psql(pgBase, `CREATE DATABASE ${name}`);
      try {
        checks.push(await checkBench('PostgreSQL', pgBase.replace(/\/[^/]*$/, `/${name}`), dir, mappings));
      } finally {
        psql(pgBase, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    }
    printTable(['database', 'mappings', 'HIS items', 'findings', 'check s', 'read ms', 'catalog ms', 'rules ms'], checks);
    const slowest = Math.max(...checks.map((r) => Number(r[4])));
    console.log(`target: mapping check over ${mappings} mappings < 5 s → ${slowest < 5 ? 'met' : 'NOT met'} (slowest ${slowest.toFixed(2)} s)`);
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
        rows.push({ fixmedins_hilist_id: id, begndate: '2023-01-01', enddate: i % 501 === 0 ? '2025-06-30' : '2024-12-31', list_type: '301', med_list_codg: code });
        rows.push({ fixmedins_hilist_id: id, begndate: '2025-01-01', enddate: null, list_type: '301', med_list_codg: sampleCode('1306', (i + 1) % codes) });
      } else rows.push({ fixmedins_hilist_id: id, begndate: '2024-01-01', enddate: i % 211 === 0 ? '2025-04-01' : null, list_type: '301', med_list_codg: code });
    }
    for (let i = 0; i < rows.length; i += 500) await db.knex('hisops_mapping').insert(rows.slice(i, i + 500));
    const items = Array.from({ length: n }, (_, i) => ({ fixmedins_hilist_id: `I${String(i).padStart(7, '0')}`, fixmedins_hilist_name: `项目${i}` }));
    const billed = items.filter((_, i) => i % 7 === 0).map((it, i) => ({ fixmedins_hilist_id: it.fixmedins_hilist_id, amount: `${(i % 500) + 1}.50`, count: (i % 9) + 1 }));
    const his: HisItemSource = { items: async () => items, billedSince: async () => billed };
    const t0 = process.hrtime.bigint();
    const f = await runMappingCheck(db, { on: '2025-03-15', his });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const findings = Object.values(f.counts).reduce((a, b) => a + b, 0);
    return [label, f.mappings, items.length, findings, s.toFixed(2), f.timings.mappings!, f.timings.catalog!, f.timings.check!];
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
