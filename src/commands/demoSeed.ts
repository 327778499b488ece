/**
 * `hisops demo seed`: the data generator alone — a reference HIS (or the vendor-shaped one) with
 * realistic, reproducible data, and the center's side in a sandbox ledger. Registered by demo.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx, Progress } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import type { Db } from '../core/db/index.js';
import type { SeedHisOptions, SeedManifest, SeedSize } from '../core/demo/index.js';

defineMessages({
  'demo.seed.describe': {
    en: 'generate a reference HIS with realistic, reproducible data (and the center side)',
    zh: '生成带有真实感、可复现数据的参考 HIS（及医保中心一侧）',
  },
  'demo.seeded': {
    en: 'Seeded {settlements} settlements over {days} days ({from} … {to}) into {db}',
    zh: '已在 {db} 生成 {days} 天（{from} … {to}）共 {settlements} 笔结算',
  },
  'demo.anomalies': { en: 'planted anomalies', zh: '预埋异常' },
  'demo.seed.hisSchema': {
    en: 'shape of the HIS: reference (his_settlement …) or vendor (YB_JSXX … with a hospital code, digit status codes; profile templates/profiles/vendor.yaml)',
    zh: 'HIS 的表结构：reference（his_settlement 等）或 vendor（YB_JSXX 等，带医院编码、数字状态码；配置文件 templates/profiles/vendor.yaml）',
  },
  'demo.vendorShaped': {
    en: 'Reshaped into the vendor-style HIS (YB_JSXX …); read it with the profile {profile}',
    zh: '已转换为厂商风格 HIS（YB_JSXX 等）；请用配置文件 {profile} 读取',
  },
  'col.table': { en: 'table', zh: '表' },
  'col.rows': { en: 'rows', zh: '行数' },
});

interface SeedOptions {
  size: SeedSize;
  seed: string;
  out: string;
  db?: string;
  days?: string;
  start?: string;
  center: boolean;
  hisSchema?: string;
}

/** The ledger seedHis writes the center's side into, closed by the caller. */
type SeedLedger = NonNullable<SeedHisOptions['ledger']> & { close(): void };

async function runSeed(ctx: Ctx, o: SeedOptions): Promise<CommandResult> {
  const out = path.resolve(ctx.cwd, o.out);
  fs.mkdirSync(out, { recursive: true });
  const demo = await import('../core/demo/index.js');
  const { connect } = await import('../core/db/index.js');
  const ref = o.db
    ? ctx.resolveDb(o.db)
    : {
        url: `sqlite:${path.join(out, 'his.db')}`,
        password: undefined,
        baseDir: out,
        display: path.join(out, 'his.db'),
      };
  const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir, create: true });
  // The center's side is written while the HIS is generated (one pass, nothing read back).
  let ledger: SeedLedger | undefined;
  try {
    if (o.center) ledger = await openSeedLedger(ctx, out);
    const progress = seedProgress(ctx);
    const rules = await import('../core/rules/index.js');
    const { readText, shippedPolicyPaths } = await import('../cli/policyFiles.js');
    const seeded = await demo.seedHis({
      db,
      // Split with the shipped policies, as the sandbox and settle audit do.
      policies: await rules.loadPolicyFiles(shippedPolicyPaths(), readText),
      ledger,
      size: o.size,
      seed: Number(o.seed),
      days: o.days ? Number(o.days) : undefined,
      startDate: o.start,
      out,
      fixmedins_code: ctx.get('fixmedins_code') === 'H00000000001' ? undefined : ctx.get('fixmedins_code'),
      onProgress: progress.onProgress,
    });
    progress.done();
    ledger?.close();
    ledger = undefined;
    const manifest = seeded.manifest;
    // The vendor shape is the seeded reference HIS copied with SQL (core/his/vendorHis.ts): same ids, same anomalies.
    const profile = o.hisSchema === 'vendor' ? await reshapeToVendor(db, manifest, out) : undefined;
    return {
      data: { out, db: ref.display, his_schema: o.hisSchema ?? 'reference', profile: profile ?? null, manifest },
      human: (h) => renderSeed(h, ctx, manifest, { out, db: ref.display, profile }),
    };
  } finally {
    ledger?.close();
    await db.close();
  }
}

/** The sandbox ledger (center.db) beside the HIS, for the institution of the configuration or the demo's. */
async function openSeedLedger(ctx: Ctx, out: string): Promise<SeedLedger> {
  const demo = await import('../core/demo/index.js');
  const { loadSandbox } = await import('../core/center/index.js');
  return (await loadSandbox()).openLedger(path.join(out, 'center.db'), {
    fixmedins_code:
      ctx.get('fixmedins_code') === 'H00000000001' ? demo.DEFAULT_FIXMEDINS_CODE : ctx.get('fixmedins_code'),
    admdvs: demo.DEFAULT_ADMDVS,
  });
}

/** The progress bar of the seeding; the total is known once the generator has planned the days, i.e. at the first report. */
function seedProgress(ctx: Ctx): { onProgress: NonNullable<SeedHisOptions['onProgress']>; done: () => void } {
  let progress: Progress | undefined;
  return {
    onProgress: (p) => {
      progress ??= ctx.progress(ctx.t('progress.seeding'), p.total, ctx.t('progress.settlements'));
      progress.update(p.settlements);
      ctx.debug(ctx.t('verbose.seedDay', { day: p.day, done: p.done, days: p.days, n: p.settlements, total: p.total }));
    },
    done: () => progress?.done(),
  };
}

/** The seeded reference HIS reshaped into the vendor-style one, with its profile copied beside it. */
async function reshapeToVendor(db: Db, manifest: SeedManifest, out: string): Promise<string> {
  const his = await import('../core/his/index.js');
  await his.convertToVendor(db, manifest.institution.fixmedins_code);
  const profile = path.join(out, 'vendor.yaml');
  fs.copyFileSync(his.vendorProfilePath(), profile);
  return profile;
}

function renderSeed(
  h: Out,
  ctx: Ctx,
  manifest: SeedManifest,
  where: { out: string; db: string; profile: string | undefined },
): void {
  const settlements = manifest.counts['his_settlement'] ?? manifest.totals.count;
  h.ok(
    ctx.t('demo.seeded', {
      settlements,
      days: manifest.days,
      from: manifest.startDate,
      to: manifest.endDate,
      db: where.db,
    }),
  );
  h.table(
    [ctx.t('col.table'), ctx.t('col.rows')],
    Object.entries(manifest.counts).map(([k, v]) => [k, v]),
    { align: ['left', 'right'] },
  );
  h.line(`${ctx.t('demo.anomalies')}: ${manifest.anomalies.length} (${path.join(where.out, 'seed.json')})`);
  if (where.profile) h.line(ctx.t('demo.vendorShaped', { profile: where.profile }));
}

/** The sizes of `demo --size` and `demo seed --size`. */
export const SIZES = ['small', 'medium', 'large'];

/**
 * Options the parent command took from the command line although they were written after
 * "seed" (commander lets a parent read its options anywhere: `demo seed --size medium` sets
 * demo's --size). They belong to the subcommand unless it was given its own.
 */
function withParentOptions<O extends object, K extends keyof O & string>(
  o: O,
  parent: Command,
  sub: Command,
  names: K[],
): O {
  const out = { ...o };
  for (const n of names)
    if (parent.getOptionValueSource(n) === 'cli' && sub.getOptionValueSource(n) !== 'cli')
      out[n] = parent.getOptionValue(n);
  return out;
}

export function registerSeed(demo: Command, app: App): void {
  const seed = demo
    .command('seed')
    .description(app.t('demo.seed.describe'))
    .addOption(
      new Option('--size <size>', 'small | medium | large (one million settlements)').choices(SIZES).default('small'),
    )
    .option('--seed <n>', 'seed: the same seed gives the same data', '1')
    .requiredOption('--out <dir>', 'folder for his.db (unless --db), center.db and seed.json')
    .option('--db <db>', 'seed into this database instead (URL or connection name; it must be empty)')
    .option('--days <n>', 'days of data (default by size)')
    .option('--start <date>', 'first day, yyyy-MM-dd')
    .option('--no-center', 'skip the center side (the sandbox ledger with planted anomalies)')
    .addOption(
      new Option('--his-schema <shape>', app.t('demo.seed.hisSchema'))
        .choices(['reference', 'vendor'])
        .default('reference'),
    )
    .action(app.action<SeedOptions>((ctx, _a, o) => runSeed(ctx, withParentOptions(o, demo, seed, ['size', 'seed']))));
  app.examples(seed, [
    'hisops demo seed --out ./demo',
    'hisops demo seed --size large --seed 7 --out /data/bench',
    'hisops demo seed --db postgres://postgres@127.0.0.1:5432/his_demo --out ./demo',
    'hisops demo seed --his-schema vendor --out ./vendor-demo',
  ]);
}
