/**
 * Schema sync speed.
 *
 *   1. openemr-5.0.2 → 8.2.0-dev loaded into MariaDB: `hisops schema diff` (read both databases,
 *      compare, write the sync script) beside `skeema diff` on the same pair (Skeema reads one side
 *      from .sql files it dumped with `skeema init`). Target: hisops at least as fast.
 *   2. A generated PostgreSQL schema of 5,000 tables and 100,000 columns: snapshot (< 15 s), and
 *      `hisops schema diff a.json b.json` of two such snapshot files as a user runs it, a separate
 *      process (< 2 s), peak memory (< 500 MB): sealed files (format 2, stored fingerprints used)
 *      beside the same snapshots as format-1 files (fingerprints recomputed, as before the seal).
 *
 * Honest figures on a shared machine: the variants compared run interleaved (A, B, B, A, for
 * BENCH_ROUNDS rounds, default 3, at least 3), each table reports medians of wall time and CPU
 * time and the largest peak RSS, and the machine's load average is printed beside them. Needs the
 * local servers (HISOPS_TEST_MYSQL_URL, HISOPS_TEST_PG_URL override) and, for the Skeema column,
 * the `skeema` binary (Debian package `skeema`); without it that column says so.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { connect, type Db } from '../src/core/db/index.js';
import { execStatement } from '../src/core/schema/exec.js';
import {
  diffModels,
  introspect,
  makePlan,
  renderScript,
  serializeSnapshot,
  snapshotDb,
  toSnapshot,
  type Snapshot,
} from '../src/core/schema/index.js';
import { median, printTable, isQuick } from './_util.js';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const MYSQL_URL = process.env.HISOPS_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const PG_URL = process.env.HISOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES =
  [
    path.resolve(here, '../../shared/fixtures/his-schemas'),
    path.resolve(here, '../../../shared/fixtures/his-schemas'),
  ].find((p) => fs.existsSync(p)) ?? '';

const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = '/' + name;
  return u.toString();
};

/** The machine's load averages (1, 5, 15 min) and cores: printed beside every table. */
function load(): string {
  return `load ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${os.cpus().length} core(s)`;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

/** A, B, B, A for `rounds` rounds: each variant runs as often first as second, so drift in the load hits both alike. */
async function interleaved(
  rounds: number,
  a: () => Promise<Sample>,
  b: () => Promise<Sample>,
): Promise<[Sample[], Sample[]]> {
  const sa: Sample[] = [];
  const sb: Sample[] = [];
  for (let i = 0; i < rounds; i++) {
    sa.push(await a());
    sb.push(await b());
    sb.push(await b());
    sa.push(await a());
  }
  return [sa, sb];
}

const summary = (xs: Sample[]) => ({
  wall: median(xs.map((x) => x.wallMs)),
  cpu: median(xs.map((x) => x.cpuMs)),
  rss: Math.max(...xs.map((x) => x.rssMb)),
});

/**
 * One run of a node script as its own process: wall time from here, CPU time and peak RSS from the
 * child's own process.resourceUsage() (written at exit by a preloaded hook), since a spawned
 * process's resource use is not reported to its parent by Node.
 */
function nodeRun(hook: string, args: string[], okCodes: number[] = [0]): Sample {
  const out = path.join(path.dirname(hook), `usage-${process.pid}.json`);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HISOPS_BENCH_USAGE: out },
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status === null || !okCodes.includes(r.status))
    throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  const u = JSON.parse(fs.readFileSync(out, 'utf8')) as NodeJS.ResourceUsage;
  return { wallMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssMb: u.maxRSS / 1024 };
}

function writeUsageHook(dir: string): string {
  const hook = path.join(dir, 'usage-hook.mjs');
  fs.writeFileSync(
    hook,
    "import fs from 'node:fs';\nprocess.on('exit', () => fs.writeFileSync(process.env.HISOPS_BENCH_USAGE, JSON.stringify(process.resourceUsage())));\n",
  );
  return hook;
}

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
    let statements = 0;
    let review = 0;
    const hisopsRun = async (): Promise<Sample> => {
      const cpu0 = process.cpuUsage();
      const r = await peakRss(() =>
        time(async () => {
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
        }),
      );
      const c = process.cpuUsage(cpu0);
      // CPU of this process only: the servers' own work is not in it.
      return { wallMs: r.value.ms, cpuMs: (c.user + c.system) / 1000, rssMb: r.peakMb };
    };
    let skeema: (() => Promise<Sample>) | undefined;
    let skeemaNote = '';
    let skeemaDir: string | undefined;
    const has = spawnSync('skeema', ['version'], { stdio: 'ignore' });
    if (has.status === 0) {
      const dir = (skeemaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-bench-skeema-')));
      const u = new URL(MYSQL_URL);
      const init = spawnSync(
        'skeema',
        [
          'init',
          '--host',
          u.hostname,
          '--port',
          u.port || '3306',
          '--user',
          decodeURIComponent(u.username || 'root'),
          '--schema',
          newDb,
          '-d',
          'target',
        ],
        { cwd: dir, stdio: 'ignore' },
      );
      if (init.status === 0) {
        const cfg = path.join(dir, 'target', '.skeema');
        fs.writeFileSync(cfg, fs.readFileSync(cfg, 'utf8').replace(/^schema=.*$/m, `schema=${oldDb}`));
        skeema = async () => {
          const t0 = process.hrtime.bigint();
          const r = spawnSync('skeema', ['diff', 'production', '--allow-unsafe'], {
            cwd: path.join(dir, 'target'),
            stdio: 'ignore',
          });
          if (r.status !== 0 && r.status !== 1) skeemaNote = `skeema diff exited ${r.status}`;
          return { wallMs: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: NaN, rssMb: NaN };
        };
      } else skeemaNote = 'skeema init failed';
    } else skeemaNote = 'skeema not installed (apt-get install skeema)';
    const loadBefore = load();
    const alone = async () => {
      const xs: Sample[] = [];
      for (let i = 0; i < 2 * ROUNDS; i++) xs.push(await hisopsRun());
      return xs;
    };
    const [hs, ss] = skeema ? await interleaved(ROUNDS, hisopsRun, skeema) : [await alone(), [] as Sample[]];
    if (skeemaDir) fs.rmSync(skeemaDir, { recursive: true, force: true });
    const h = summary(hs);
    const k = ss.length ? summary(ss) : undefined;
    printTable(
      [
        'openemr 5.0.2 → 8.2.0-dev (MariaDB)',
        'runs',
        'wall (median)',
        'CPU (median)',
        'peak RSS',
        'ratio skeema/hisops',
        'notes',
      ],
      [
        [
          'hisops: read both, diff, write script',
          hs.length,
          `${h.wall.toFixed(0)} ms`,
          `${h.cpu.toFixed(0)} ms`,
          `${h.rss.toFixed(0)} MB`,
          k ? (k.wall / h.wall).toFixed(2) + '×' : '–',
          `${statements} safe statements, ${review} for review`,
        ],
        [
          'skeema diff',
          ss.length || '–',
          k ? `${k.wall.toFixed(0)} ms` : 'n/a',
          'n/a',
          'n/a',
          '',
          skeemaNote || 'reads the target from its .sql files, runs them in a temporary schema',
        ],
      ],
    );
    console.log(
      `${skeema ? 'runs interleaved hisops, skeema, skeema, hisops' : 'hisops runs only'}; ${loadBefore} before, ${load()} after`,
    );
  } finally {
    const admin = await connect(MYSQL_URL, { poolMax: 1 });
    await admin.knex.raw(`DROP DATABASE IF EXISTS \`${oldDb}\``);
    await admin.knex.raw(`DROP DATABASE IF EXISTS \`${newDb}\``);
    await admin.close();
  }
}

const TYPES = [
  'integer',
  'bigint',
  'varchar(50)',
  'varchar(200)',
  'numeric(16,2)',
  'timestamp(0)',
  'date',
  'text',
  'boolean',
  'char(18)',
];

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
      const dflt =
        c % 7 === 0
          ? type.startsWith('varchar') || type.startsWith('char') || type === 'text'
            ? " DEFAULT ''"
            : type === 'boolean'
              ? ' DEFAULT false'
              : type.startsWith('timestamp') || type === 'date'
                ? ' DEFAULT now()'
                : ' DEFAULT 0'
          : '';
      cols.push(
        `c${c} ${type}${c % 5 === 0 ? ' NOT NULL' : ''}${c % 5 === 0 && !dflt ? (type === 'boolean' ? ' DEFAULT false' : type.startsWith('timestamp') || type === 'date' ? ' DEFAULT now()' : type.includes('char') || type === 'text' ? " DEFAULT ''" : ' DEFAULT 0') : dflt}`,
      );
    }
    if (t % 10 === 9) cols.push(`parent_id bigint REFERENCES t${String(t - 1).padStart(5, '0')} (id)`);
    batch.push(
      `CREATE TABLE ${name} (${cols.join(', ')})`,
      `CREATE INDEX ${name}_c1 ON ${name} (c1)`,
      `CREATE INDEX ${name}_c2_c3 ON ${name} (c2, c3)`,
    );
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
    // --quick checks that the bench runs, at a tenth of the size.
    const gen = await time(() => generate(db, isQuick() ? 500 : 5000));
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
      if (i % 25 === 0)
        for (const c of t.columns)
          if (c.type.base === 'varchar')
            c.type = {
              ...c.type,
              length: (c.type.length ?? 1) * 2,
              native: `character varying(${(c.type.length ?? 1) * 2})`,
            };
      if (i % 25 === 1)
        t.columns.push({
          name: 'added_col',
          type: { base: 'varchar', length: 30, lengthUnit: 'char', native: 'character varying(30)' },
          nullable: true,
        });
    });
    for (let i = 0; i < 50; i++) next.tables.push({ ...next.tables[i]!, name: `new_${i}`, foreignKeys: [] });
    next.tables.splice(100, 10);
    // Its own fingerprint: a file is sealed with the fingerprint it carries.
    next = toSnapshot(next, { hisopsVersion: 'bench', now: new Date() });
    const fa = path.join(dir, 'a.json');
    const fb = path.join(dir, 'b.json');
    fs.writeFileSync(fa, serializeSnapshot(snap, true));
    fs.writeFileSync(fb, serializeSnapshot(next, true));
    // The same snapshots as format-1 files (no seal): their fingerprints are recomputed on reading, as all were before.
    const v1 = (f: string) => {
      const doc = JSON.parse(fs.readFileSync(f, 'utf8')) as Record<string, unknown>;
      delete doc.seal;
      const out = f.replace(/\.json$/, '.v1.json');
      fs.writeFileSync(out, JSON.stringify({ ...doc, formatVersion: 1 }) + '\n');
      return out;
    };
    const [fa1, fb1] = [v1(fa), v1(fb)];
    const tableCount = snap.tables.length;
    const changes = diffModels(snap, next).changes.length;
    const planMs = median(
      await Promise.all(
        [0, 1, 2].map(
          async () =>
            (await time(async () => renderScript(makePlan(snap, next, { now: new Date(), hisopsVersion: 'bench' }))))
              .ms,
        ),
      ),
    );
    snap = undefined as unknown as Snapshot;
    next = undefined as unknown as Snapshot;
    // `hisops schema diff` as a user runs it: a process of its own, exit 3 (the schemas differ).
    const hook = writeUsageHook(dir);
    const cli = path.resolve(here, '../../bin/hisops.js');
    const diffRun = (a: string, b: string) => async () => nodeRun(hook, [cli, 'schema', 'diff', a, b], [3]);
    const loadBefore = load();
    const [sealed, old] = await interleaved(ROUNDS, diffRun(fa, fb), diffRun(fa1, fb1));
    const loadAfter = load();
    const s = median(snaps);
    const d = summary(sealed);
    const o = summary(old);
    printTable(
      [
        `PostgreSQL, ${tableCount} tables / ${columns} columns`,
        'runs',
        'wall (median)',
        'CPU (median)',
        'peak RSS',
        'target',
        'ratio target/measured',
      ],
      [
        ['generate the schema (setup, once)', 1, `${(gen.ms / 1000).toFixed(1)} s`, '', '', '', ''],
        [
          'snapshot (introspect + fingerprint)',
          snaps.length,
          `${(s / 1000).toFixed(2)} s`,
          '',
          `${snapPeak.toFixed(0)} MB`,
          '15 s',
          (15000 / s).toFixed(1) + '×',
        ],
        [
          `hisops schema diff a.json b.json, sealed files (${changes} changes)`,
          sealed.length,
          `${(d.wall / 1000).toFixed(2)} s`,
          `${(d.cpu / 1000).toFixed(2)} s`,
          `${d.rss.toFixed(0)} MB`,
          '2 s',
          (2000 / d.wall).toFixed(1) + '×',
        ],
        [
          'the same, format-1 files (fingerprints recomputed)',
          old.length,
          `${(o.wall / 1000).toFixed(2)} s`,
          `${(o.cpu / 1000).toFixed(2)} s`,
          `${o.rss.toFixed(0)} MB`,
          '2 s',
          (2000 / o.wall).toFixed(1) + '×',
        ],
        ['plan + script from the two snapshots (in process)', 3, `${(planMs / 1000).toFixed(2)} s`, '', '', '', ''],
        ['snapshot file size', '', `${(fs.statSync(fa).size / 1048576).toFixed(1)} MB`, '', '', '', ''],
      ],
    );
    console.log(
      `diff runs interleaved sealed, format 1, format 1, sealed × ${ROUNDS}; ${loadBefore} before, ${loadAfter} after`,
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
