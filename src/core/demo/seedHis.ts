/**
 * `seedHis`: build a reference HIS full of realistic, deterministic demo data (see
 * generateHis.ts for what is in it) and describe it in a manifest (`seed.json`): counts, date
 * range, totals per day × insutype × clr_type × setl_optins, and every planted anomaly.
 *
 * SQLite files are written by a writer thread (sqliteWorkerSink.ts), an in-memory SQLite on this
 * thread, other databases through knex batch inserts; always one transaction per day.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import iconv from 'iconv-lite';
import type { Db } from '../db/index.js';
import { inputError } from '../errors.js';
import { writeFileAtomicSync } from '../files/index.js';
import { loadReferenceSchema, referenceSchemaPath, splitSqlScript } from '../his/index.js';
import { demoNationalCatalog, type NationalEntry } from './catalog.js';
import { isIsoDay } from './dates.js';
import { HisGenerator } from './generateHis.js';
import { openCenterSide, type CenterSide } from './centerSide.js';
import { DayTee } from './dayTee.js';
import type { CenterLedgerTarget } from './seedCenter.js';
import { demoRulesSplit } from './rulesSplit.js';
import type { Policy } from '../rules/index.js';
import { buildManifest, type SeedManifest } from './manifest.js';
import { KnexBatchSink, SqliteBulkSink, type CountingSink } from './sinks.js';
import { SqliteWorkerSink } from './sqliteWorkerSink.js';
import { isSeedSize, SIZES, totalFor, type SeedSize } from './sizes.js';
import { SEED_HEAP_GROWING_PERCENT, withHeapGrowing } from '../heapGrowth.js';

export interface SeedHisOptions {
  db: Db;
  size?: SeedSize;
  seed?: number;
  /** Days of data (default: the size's; at least 2). */
  days?: number;
  /** First day, yyyy-MM-dd (default 2025-03-03). */
  startDate?: string;
  /** Folder for seed.json and catalog.json (not written when absent). */
  out?: string;
  fixmedins_code?: string;
  admdvs?: string;
  /** Policies the settlements are split with (the shipped ones); without: the stand-in split. */
  policies?: Policy[];
  /**
   * Also write the center's side into this ledger while the HIS is generated (the seed's
   * default): each day's settlements go to the center as they are made, nothing is read back.
   * The manifest then carries the center summary, as after seedCenter.
   */
  ledger?: CenterLedgerTarget;
  /** Called after each day is written. */
  /** After each day: settlements written so far, of `total` (known before the first day). */
  onProgress?: (p: { day: string; done: number; days: number; settlements: number; total: number }) => void;
}

export interface SeedHisResult {
  manifest: SeedManifest;
  /** Files written into `out`. */
  files: string[];
  /** The supplier's code list of the delivery after the seeded days (header first), as written to supplier-codes.csv. */
  supplierRows: string[][];
}

export const DEFAULT_START_DATE = '2025-03-03';
export const DEFAULT_FIXMEDINS_CODE = 'H43010000001';
export const DEFAULT_ADMDVS = '430100';

export async function seedHis(opts: SeedHisOptions): Promise<SeedHisResult> {
  const { size, seed, days, startDate, fixmedins_code, admdvs } = checkedOptions(opts);
  const db = opts.db;
  await loadReferenceSchema(db);
  await checkEmpty(db);

  const total = totalFor(size, days);
  // The heap's growth is held from the generator's making on: its person pool is the seed's first
  // large allocation, and V8 sets the old generation's next limit at the full collection that
  // follows it. Held only from writeRows on, that limit was V8's own (about four times what was
  // live), and a large seed's generator heap first grew to about 200 MB: the run's peak RSS.
  const { gen, counts, summary } = await withHeapGrowing(SEED_HEAP_GROWING_PERCENT, async () => {
    const gen = new HisGenerator({
      seed,
      days,
      total,
      persons: Math.min(SIZES[size].persons, Math.max(200, Math.round(total / 3))),
      startDate,
      fixmedins_code,
      admdvs,
      ...(opts.policies?.length ? { split: demoRulesSplit(opts.policies) } : {}),
    });
    return { gen, ...(await writeRows(db, gen, opts, fixmedins_code)) };
  });

  const built = buildManifest({ gen, size, seed, fixmedins_code, admdvs, dialect: db.dialect, counts });
  const manifest: SeedManifest = summary ? { ...built, center: summary } : built;
  const files: string[] = [];
  if (opts.out) files.push(...writeSeedFiles(opts.out, manifest, demoNationalCatalog(), gen.supplierRows));
  return { manifest, files, supplierRows: gen.supplierRows };
}

/** The options with their defaults, each checked (the first wrong one is the error). */
function checkedOptions(opts: SeedHisOptions) {
  const size = opts.size ?? 'small';
  if (!isSeedSize(size))
    throw inputError('DEMO_SIZE', `Unknown seed size "${String(size)}"`, 'Use --size small, medium or large.').zh(
      `未知的演示数据规模 "${String(size)}"`,
      '请使用 --size small、medium 或 large。',
    );
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw inputError(
      'DEMO_SEED',
      `The seed must be a whole number from 0 to 4294967295, not ${seed}`,
      'Pass --seed with a whole number (e.g. --seed 42).',
    ).zh(`随机种子必须是 0 到 4294967295 之间的整数，而不是 ${seed}`, '请用 --seed 给出整数（例如 --seed 42）。');
  const days = opts.days ?? SIZES[size].days;
  if (!Number.isInteger(days) || days < 2 || days > 366)
    throw inputError(
      'DEMO_DAYS',
      `Cannot seed ${days} days`,
      'Use from 2 to 366 days (two at least, so that cross-day anomalies have a next day).',
    ).zh(`无法生成 ${days} 天的数据`, '请使用 2 到 366 天（至少两天，跨日异常才有次日）。');
  const startDate = opts.startDate ?? DEFAULT_START_DATE;
  if (!isIsoDay(startDate))
    throw inputError(
      'DEMO_START',
      `"${startDate}" is not a date`,
      'Write the start date as yyyy-MM-dd (e.g. 2025-03-03).',
    ).zh(`"${startDate}" 不是日期`, '请将开始日期写成 yyyy-MM-dd（例如 2025-03-03）。');
  const fixmedins_code = opts.fixmedins_code ?? DEFAULT_FIXMEDINS_CODE;
  const admdvs = opts.admdvs ?? DEFAULT_ADMDVS;
  if (!/^[A-Za-z0-9]{12}$/.test(fixmedins_code))
    throw inputError(
      'DEMO_FIXMEDINS',
      `"${fixmedins_code}" is not a 12-character institution code`,
      'Use the institution code the center issued (12 letters/digits, e.g. H43010000001).',
    ).zh(
      `"${fixmedins_code}" 不是 12 位定点医药机构编号`,
      '请使用医保中心分配的机构编号（12 位字母/数字，例如 H43010000001）。',
    );
  if (!/^\d{6}$/.test(admdvs))
    throw inputError(
      'DEMO_ADMDVS',
      `"${admdvs}" is not a 6-digit admin division`,
      'Use a 6-digit division code such as 430100.',
    ).zh(`"${admdvs}" 不是 6 位行政区划代码`, '请使用 6 位区划代码，例如 430100。');
  return { size, seed, days, startDate, fixmedins_code, admdvs };
}

/** The seed writes into an empty HIS only. */
async function checkEmpty(db: Db): Promise<void> {
  for (const table of ['his_settlement', 'his_item']) {
    const existing = await db.knex(table).count({ n: '*' });
    if (Number((existing[0] as { n: unknown }).n) > 0) {
      throw inputError(
        'DEMO_NOT_EMPTY',
        `The database ${db.target.display} already holds HIS data (${table})`,
        'Seed into a new, empty database (or a new --out folder).',
      ).zh(
        `数据库 ${db.target.display} 中已有 HIS 数据（${table}）`,
        '请写入一个新的空数据库（或新的 --out 文件夹）。',
      );
    }
  }
}

/**
 * Stream every day through the sink that suits the database: a writer thread for SQLite files,
 * this thread for an in-memory SQLite, knex batches for servers.
 */
async function writeRows(
  db: Db,
  gen: HisGenerator,
  opts: SeedHisOptions,
  fixmedins_code: string,
): Promise<{ counts: Record<string, number>; summary?: SeedManifest['center'] }> {
  const file =
    db.target.file === ':memory:'
      ? undefined
      : (db.knex.client as unknown as { connectionSettings: { filename: string } }).connectionSettings.filename;
  let indexSql: string[] = [];
  let sink: CountingSink;
  let release = async () => {};
  if (db.dialect === 'sqlite') {
    indexSql = splitSqlScript(fs.readFileSync(referenceSchemaPath('sqlite'), 'utf8')).filter((q) =>
      /^CREATE (UNIQUE )?INDEX/i.test(q),
    );
    if (file) {
      // The file is new and nobody else writes it: the load takes it out of WAL mode (pages are
      // written once instead of twice through the WAL); WAL comes back afterwards. journal_mode
      // MEMORY holds for this connection only: the writer thread's own connection keeps SQLite's
      // default rollback journal file, which for pages appended to a new file stays small.
      await db.knex.raw('PRAGMA journal_mode = MEMORY');
      sink = new SqliteWorkerSink(file);
      release = async () => void (await db.knex.raw('PRAGMA journal_mode = WAL'));
    } else {
      const client = db.knex.client as unknown as RawClient;
      const conn = (await client.acquireConnection()) as Database;
      sink = new SqliteBulkSink(conn);
      release = async () => void (await client.releaseConnection(conn));
    }
  } else sink = new KnexBatchSink(db);
  let center: CenterSide | undefined;
  let summary: SeedManifest['center'];
  try {
    center = opts.ledger ? openCenterSide(opts.ledger, fixmedins_code) : undefined;
    gen.staticRows(sink);
    await sink.flush();
    let settlements = 0;
    const total = gen.counts.reduce((a, b) => a + b, 0);
    const toCenter = center;
    const tee = toCenter ? new DayTee(sink, (rows) => toCenter.rows(rows)) : undefined;
    let planned = 0;
    for (let d = 0; d < gen.days.length; d++) {
      for (const _ of gen.dayChunks(d, tee ?? sink)) await sink.drain();
      await sink.flush();
      if (center) {
        // The day's anomalies are planted by now; the center gets the day while the writer
        // thread is still storing the HIS's rows.
        tee!.flush();
        center.plan(gen.anomalies.slice(planned));
        planned = gen.anomalies.length;
        await center.day(gen.days[d]!);
      }
      settlements += gen.counts[d]!;
      opts.onProgress?.({ day: gen.days[d]!, done: d + 1, days: gen.days.length, settlements, total });
    }
    gen.invoiceDelivery(sink);
    await sink.flush();
    // Both files build their indexes at once (the center's on its own thread when it has one).
    const centerDone = center?.end();
    centerDone?.catch(() => undefined);
    await sink.finish(indexSql);
    summary = await centerDone;
  } catch (e) {
    await center?.abort().catch(() => undefined);
    if (sink instanceof SqliteWorkerSink) await sink.abort().catch(() => undefined);
    if (sink instanceof SqliteBulkSink) sink.abort();
    throw e;
  } finally {
    await release();
  }
  return { counts: { ...sink.counts }, summary };
}

interface RawClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(c: unknown): Promise<unknown>;
}

/** The supplier's code list the demo writes beside seed.json (GBK, as suppliers' Windows tools write it). */
export const SUPPLIER_CODES_FILE = 'supplier-codes.csv';

export function writeSeedFiles(
  out: string,
  manifest: SeedManifest,
  catalog: NationalEntry[],
  supplierRows?: readonly string[][],
): string[] {
  fs.mkdirSync(out, { recursive: true });
  const seedFile = path.join(out, 'seed.json');
  const catalogFile = path.join(out, 'catalog.json');
  const extra: string[] = [];
  if (supplierRows && supplierRows.length > 1) {
    const supplierFile = path.join(out, SUPPLIER_CODES_FILE);
    fs.writeFileSync(supplierFile, iconv.encode(supplierRows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'gbk'));
    extra.push(supplierFile);
  }
  writeFileAtomicSync(seedFile, JSON.stringify(manifest, null, 2) + '\n', 'the seed manifest');
  writeFileAtomicSync(
    catalogFile,
    JSON.stringify({ format: 'hisops-demo-catalog/1', national: catalog }, null, 2) + '\n',
    'the demo catalog',
  );
  return [seedFile, catalogFile, ...extra];
}
