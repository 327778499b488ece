/**
 * Schema sync speed.
 *
 *   1. openemr-5.0.2 → 8.2.0-dev loaded into MariaDB: `hisops schema diff` (read both databases,
 *      compare, write the sync script) beside `skeema diff` on the same pair (Skeema reads one side
 *      from .sql files it dumped with `skeema init`). Target: hisops at least as fast.
 *   2. A generated PostgreSQL schema of 5,000 tables and 100,000 columns: snapshot (< 15 s), diff of
 *      two such snapshots read from files (< 2 s), peak memory (< 500 MB).
 *
 * Medians of BENCH_ROUNDS runs (default 3). Needs the local servers (HISOPS_TEST_MYSQL_URL,
 * HISOPS_TEST_PG_URL override) and, for the Skeema column, the `skeema` binary (Debian package
 * `skeema`); without it that column says so.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type Db } from '../src/core/db/index.js';
import { execStatement } from '../src/core/schema/exec.js';
import { diffModels, introspect, makePlan, parseSnapshot, renderScript, serializeSnapshot, snapshotDb, type Snapshot } from '../src/core/schema/index.js';
import { median, printTable } from './_util.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MYSQL_URL = process.env.HISOPS_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const PG_URL = process.env.HISOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = [path.resolve(here, '../../shared/fixtures/his-schemas'), path.resolve(here, '../../../shared/fixtures/his-schemas')].find((p) => fs.existsSync(p)) ?? '';

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

/** Peak resident memory while `fn` runs, sampled every 10 ms. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 1048576 };
  } finally {
    clearInterval(timer);
  }
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** Split a mysqldump file into statements (quotes, comments and DELIMITER handled). */
function splitDump(text: string): string[] {
  const out: string[] = [];
  let delim = ';';
  let cur = '';
  for (const line of text.split('\n')) {
    const d = /^DELIMITER\s+(\S+)/i.exec(line);
    if (d) {
      delim = d[1]!;
      continue;
    }
    if (/^--( |$)/.test(line)) continue;
    cur += line + '\n';
    if (line.trimEnd().endsWith(delim)) {
      out.push(cur.trimEnd().slice(0, -delim.length));
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur);
  return out.filter((s) => s.trim());
}

async function loadMysql(name: string, file: string): Promise<void> {
  const admin = await connect(MYSQL_URL, { poolMax: 1 });
  await admin.knex.raw(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.knex.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8 COLLATE utf8_general_ci`);
  await admin.close();
  const db = await connect(withDb(MYSQL_URL, name), { poolMax: 1 });
  await db.knex.raw("SET SESSION sql_mode = ''");
  for (const s of splitDump(fs.readFileSync(file, 'utf8'))) await execStatement(db, s).catch(() => undefined);
  await db.close();
}

async function openemrVsSkeema(): Promise<void> {
  const tag = crypto.randomBytes(3).toString('hex');
  const oldDb = `hisops_b_oe502_${tag}`;
  const newDb = `hisops_b_oe820_${tag}`;
  await loadMysql(oldDb, path.join(FIXTURES, 'openemr-5.0.2', 'schema-only.mariadb.sql'));
  await loadMysql(newDb, path.join(FIXTURES, 'openemr-8.2.0-dev', 'schema-only.mariadb.sql'));
  try {
    const hisops: number[] = [];
    let statements = 0;
    let review = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const { ms } = await time(async () => {
        const a = await connect(withDb(MYSQL_URL, oldDb));
        const b = await connect(withDb(MYSQL_URL, newDb));
        try {
          const [ca, cb] = await Promise.all([introspect(a), introspect(b)]);
          const plan = makePlan(ca.model, cb.model, { now: new Date(), hisopsVersion: 'bench' });
          renderScript(plan);
          statements = plan.counts.safeStatements;
          review = plan.counts.reviewItems;
        } finally {
          await a.close();
          await b.close();
        }
      });
      hisops.push(ms);
    }
    let skeemaMs: number | undefined;
    let skeemaNote = '';
    const has = spawnSync('skeema', ['version'], { stdio: 'ignore' });
    if (has.status === 0) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-skeema-'));
      const u = new URL(MYSQL_URL);
      const init = spawnSync('skeema', ['init', '--host', u.hostname, '--port', u.port || '3306', '--user', decodeURIComponent(u.username || 'root'), '--schema', newDb, '-d', 'target'], { cwd: dir, stdio: 'ignore' });
      if (init.status === 0) {
        const cfg = path.join(dir, 'target', '.skeema');
        fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace(/^schema=.*$/m, `schema=${oldDb}`));
        const times: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          const t0 = process.hrtime.bigint();
          const r = spawnSync('skeema', ['diff', 'production', '--allow-unsafe'], { cwd: path.join(dir, 'target'), stdio: 'ignore' });
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          if (r.status !== 0 && r.status !== 1) skeemaNote = `skeema diff exited ${r.status}`;
        }
        skeemaMs = median(times);
      } else skeemaNote = 'skeema init failed';
      fs.rmSync(dir, { recursive: true, force: true });
    } else skeemaNote = 'skeema not installed (apt-get install skeema)';
    const h = median(hisops);
    printTable(
      ['openemr 5.0.2 → 8.2.0-dev (MariaDB)', 'median', 'ratio skeema/hisops', 'notes'],
      [
        ['hisops: read both, diff, write script', `${h.toFixed(0)} ms`, skeemaMs ? (skeemaMs / h).toFixed(2) + '×' : '–', `${statements} safe statements, ${review} for review`],
        ['skeema diff', skeemaMs ? `${skeemaMs.toFixed(0)} ms` : 'n/a', '', skeemaNote || 'reads the target from its .sql files, runs them in a temporary schema'],
      ],
    );
  } finally {
    const admin = await connect(MYSQL_URL, { poolMax: 1 });
    await admin.knex.raw(`DROP DATABASE IF EXISTS \`${oldDb}\``);
    await admin.knex.raw(`DROP DATABASE IF EXISTS \`${newDb}\``);
    await admin.close();
  }
}

const TYPES = ['integer', 'bigint', 'varchar(50)', 'varchar(200)', 'numeric(16,2)', 'timestamp(0)', 'date', 'text', 'boolean', 'char(18)'];

/** 5,000 tables × 20 columns, a primary key and two indexes each, a foreign key on every tenth. */
async function generate(db: Db, tables: number): Promise<void> {
  const batch: string[] = [];
  const flush = async () => {
    if (batch.length) await execStatement(db, batch.join(';\n'));
    batch.length = 0;
  };
  for (let t = 0; t < tables; t++) {
    const name = `t${String(t).padStart(5, '0')}`;
    const cols = ['id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY'];
    for (let c = 1; c < 20; c++) {
      const type = TYPES[(t + c) % TYPES.length]!;
      const dflt = c % 7 === 0 ? (type.startsWith('varchar') || type.startsWith('char') || type === 'text' ? " DEFAULT ''" : type === 'boolean' ? ' DEFAULT false' : type.startsWith('timestamp') || type === 'date' ? ' DEFAULT now()' : ' DEFAULT 0') : '';
      cols.push(`c${c} ${type}${c % 5 === 0 ? ' NOT NULL' : ''}${c % 5 === 0 && !dflt ? (type === 'boolean' ? ' DEFAULT false' : type.startsWith('timestamp') || type === 'date' ? ' DEFAULT now()' : type.includes('char') || type === 'text' ? " DEFAULT ''" : ' DEFAULT 0') : dflt}`);
    }
    if (t % 10 === 9) cols.push(`parent_id bigint REFERENCES t${String(t - 1).padStart(5, '0')} (id)`);
    batch.push(`CREATE TABLE ${name} (${cols.join(', ')})`, `CREATE INDEX ${name}_c1 ON ${name} (c1)`, `CREATE INDEX ${name}_c2_c3 ON ${name} (c2, c3)`);
    if (batch.length >= 300) await flush();
  }
  await flush();
}

async function bigPostgres(): Promise<void> {
  const name = `hisops_b_big_${crypto.randomBytes(3).toString('hex')}`;
  const admin = await connect(PG_URL, { poolMax: 1 });
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  await admin.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-schema-'));
  try {
    const db = await connect(withDb(PG_URL, name));
    const gen = await time(() => generate(db, 5000));
    const snaps: number[] = [];
    let snap!: Snapshot;
    let snapPeak = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await peakRss(() => time(() => snapshotDb(db, { now: new Date(), hisopsVersion: 'bench' })));
      snaps.push(r.value.ms);
      snap = r.value.value;
      snapPeak = Math.max(snapPeak, r.peakMb);
    }
    await db.close();
    const columns = snap.tables.reduce((a, t) => a + t.columns.length, 0);
    // The second snapshot: a new version with 1% of the columns widened, 50 new tables, 10 dropped, 200 new columns.
    let next = JSON.parse(serializeSnapshot(snap, true)) as Snapshot;
    next.tables.forEach((t, i) => {
      if (i % 25 === 0) for (const c of t.columns) if (c.type.base === 'varchar') c.type = { ...c.type, length: (c.type.length ?? 1) * 2, native: `character varying(${(c.type.length ?? 1) * 2})` };
      if (i % 25 === 1) t.columns.push({ name: 'added_col', type: { base: 'varchar', length: 30, lengthUnit: 'char', native: 'character varying(30)' }, nullable: true });
    });
    for (let i = 0; i < 50; i++) next.tables.push({ ...next.tables[i]!, name: `new_${i}`, foreignKeys: [] });
    next.tables.splice(100, 10);
    const fa = path.join(dir, 'a.json');
    const fb = path.join(dir, 'b.json');
    fs.writeFileSync(fa, serializeSnapshot(snap, true));
    fs.writeFileSync(fb, serializeSnapshot(next, true));
    const tableCount = snap.tables.length;
    const planMs = median(await Promise.all([0, 1, 2].map(async () => (await time(async () => renderScript(makePlan(snap, next, { now: new Date(), hisopsVersion: 'bench' })))).ms)));
    // Let go of the in-memory snapshots so the diff's memory is measured on its own.
    snap = undefined as unknown as Snapshot;
    next = undefined as unknown as Snapshot;
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 200));
    const baseMb = process.memoryUsage().rss / 1048576;
    const diffs: number[] = [];
    let changes = 0;
    let diffPeak = 0;
    for (let i = 0; i < ROUNDS + 2; i++) {
      const r = await peakRss(() =>
        time(async () => {
          const a = parseSnapshot(fs.readFileSync(fa, 'utf8'), fa);
          const b = parseSnapshot(fs.readFileSync(fb, 'utf8'), fb);
          return diffModels(a, b).changes.length;
        }),
      );
      diffs.push(r.value.ms);
      changes = r.value.value;
      diffPeak = Math.max(diffPeak, r.peakMb);
    }
    const s = median(snaps);
    const d = median(diffs);
    printTable(
      [`PostgreSQL, ${tableCount} tables / ${columns} columns`, 'median', 'target', 'ratio target/measured', 'peak RSS'],
      [
        ['generate the schema (setup, once)', `${(gen.ms / 1000).toFixed(1)} s`, '', '', ''],
        ['snapshot (introspect + fingerprint)', `${(s / 1000).toFixed(2)} s`, '15 s', (15000 / s).toFixed(1) + '×', `${snapPeak.toFixed(0)} MB`],
        [`diff two snapshot files (${changes} changes)`, `${(d / 1000).toFixed(2)} s`, '2 s', (2000 / d).toFixed(1) + '×', `${diffPeak.toFixed(0)} MB (process at ${baseMb.toFixed(0)} MB before)`],
        ['plan + script from the two snapshots', `${(planMs / 1000).toFixed(2)} s`, '', '', ''],
        ['snapshot file size', `${(fs.statSync(fa).size / 1048576).toFixed(1)} MB`, '', '', ''],
      ],
    );
  } finally {
    if (process.env.BENCH_KEEP) console.log('kept', dir);
    else fs.rmSync(dir, { recursive: true, force: true });
    const a = await connect(PG_URL, { poolMax: 1 });
    await a.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await a.close();
  }
}

export async function run(): Promise<void> {
  if (FIXTURES) await openemrVsSkeema();
  else console.log('(shared/fixtures/his-schemas not found beside the repository: the OpenEMR comparison is skipped)');
  await bigPostgres();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
