/**
 * `hisops demo`: on a fresh clone, seed a small reference HIS and the center sandbox's ledger in a
 * temporary folder and run every job on them, printing what each found. `hisops demo seed` is
 * the data generator alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { templatesDir } from '../cli/templates.js';
import { EXIT, HisopsError } from '../core/errors.js';
import type { DemoContext, DemoStep } from './demoSteps.js';

defineMessages({
  'demo.describe': {
    en: 'run every job on a generated HIS and the built-in center sandbox (演示)',
    zh: '在生成的 HIS 和内置医保中心沙箱上运行全部作业（演示）',
  },
  'demo.seed.describe': {
    en: 'generate a reference HIS with realistic, reproducible data (and the center side)',
    zh: '生成带有真实感、可复现数据的参考 HIS（及医保中心一侧）',
  },
  'demo.folder': { en: 'working folder', zh: '工作目录' },
  'demo.step': { en: 'step', zh: '步骤' },
  'demo.did': { en: 'what it did', zh: '做了什么' },
  'demo.stepFailed': { en: 'failed: {why}', zh: '失败：{why}' },
  'demo.progress': { en: 'seed', zh: '生成演示数据' },
  'demo.found': { en: 'what it found', zh: '发现' },
  'demo.expected': { en: 'as planted', zh: '与预埋一致' },
  'demo.allGood': {
    en: 'Every job ran and found exactly what the seed planted.',
    zh: '所有作业均已运行，发现与预埋的异常完全一致。',
  },
  'demo.someBad': {
    en: '{n} step(s) did not find what the seed planted: this is a bug in hisops.',
    zh: '{n} 个步骤的发现与预埋不符：这是 hisops 的缺陷。',
  },
  'demo.kept': {
    en: 'The demo files are kept in {dir} (HIS: his.db, center: center.db, manifest: seed.json).',
    zh: '演示文件保存在 {dir}（HIS：his.db，医保中心：center.db，清单：seed.json）。',
  },
  'demo.byHand': {
    en: 'To go on by hand: cd {dir} && hisops center serve --data center.db &  then  hisops reconcile --from {from} --to {to}',
    zh: '手动继续：cd {dir} && hisops center serve --data center.db &  然后  hisops reconcile --from {from} --to {to}',
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

interface DemoOptions {
  dir?: string;
  size: string;
  seed: string;
  keep?: boolean;
  centerOnly?: string;
}

async function runDemo(ctx: Ctx, o: DemoOptions, app: App) {
  const dir = o.dir ? path.resolve(ctx.cwd, o.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-demo-'));
  fs.mkdirSync(dir, { recursive: true });
  if (fs.existsSync(path.join(dir, 'his.db')) || fs.existsSync(path.join(dir, 'hisops.yaml'))) {
    const { inputError } = await import('../core/errors.js');
    throw inputError(
      'DEMO_DIR_USED',
      `${dir} already holds a demo or a hisops.yaml`,
      'Give a new or empty folder with --dir, or leave --dir out for a temporary one.',
    ).zh(`${dir} 中已有演示数据或 hisops.yaml`, '请用 --dir 指定一个新的或空的文件夹，或不加 --dir 使用临时文件夹。');
  }
  const centerOnly = o.centerOnly ?? 'complete';
  if (centerOnly !== 'complete' && centerOnly !== 'cancel') {
    const { inputError } = await import('../core/errors.js');
    throw inputError(
      'BAD_CENTER_ONLY',
      `--center-only ${centerOnly} is not complete or cancel`,
      'Use --center-only complete (fill the HIS row from the center) or --center-only cancel.',
    ).zh(
      `--center-only ${centerOnly} 既不是 complete 也不是 cancel`,
      '请使用 --center-only complete（按医保中心补记 HIS 记录）或 --center-only cancel。',
    );
  }
  const { DEMO_STEPS, openDemo, writeDemoConfig } = await import('./demoSteps.js');
  writeDemoConfig(dir, templatesDir());
  const demo: DemoContext = await openDemo(ctx, {
    dir,
    size: o.size,
    seed: Number(o.seed),
    templates: templatesDir(),
    centerOnly,
  });
  const results: Array<{ step: string; did: string; found: string; ok: boolean; data?: unknown }> = [];
  try {
    for (const step of DEMO_STEPS as DemoStep[]) {
      ctx.log(ctx.c.dim(`… ${ctx.t(`demo.step.${step.name}`)}`));
      const t0 = Date.now();
      try {
        const r = await step.run(demo);
        results.push({
          step: step.name,
          did: r.did,
          found: r.found,
          ok: r.ok,
          data: { ...((r.data as object) ?? {}), ms: Date.now() - t0 },
        });
      } catch (e) {
        const he = e as { summary?: string; message?: string; fix?: string };
        const words = e instanceof HisopsError ? e.text(ctx.lang).summary : (he.summary ?? he.message ?? String(e));
        results.push({ step: step.name, did: '', found: ctx.t('demo.stepFailed', { why: words }), ok: false });
      }
    }
  } finally {
    await demo.close();
    if (!o.keep && !o.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  const bad = results.filter((r) => !r.ok);
  // --notify: what the reconciliation left after the repairs goes out as the reconcile job would
  // send it from cron (不平, the findings), to the channels of notify: or HISOPS_NOTIFY_*_URL.
  const again = results.find((r) => r.step === 'reconcile again');
  if (ctx.flags.notify && again?.data) {
    const left = ((again.data as { findings?: unknown[] }).findings ?? []).length;
    await app.hooks?.notify(
      ctx,
      'reconcile',
      {
        exit: left ? EXIT.findings : EXIT.ok,
        data: again.data,
        opts: { from: demo.manifest.startDate, to: demo.manifest.endDate },
        startedAt: ctx.now(),
      },
      ctx.flags.notify,
    );
  }
  return {
    data: { dir: o.keep || o.dir ? dir : null, steps: results, anomalies: demo.manifest.anomalies.length },
    exit: bad.length ? EXIT.internal : EXIT.ok,
    error: bad.length
      ? new HisopsError({
          code: 'DEMO_MISMATCH',
          summary: `${bad.length} demo step(s) did not find what the seed planted: ${bad.map((r) => r.step).join(', ')}`,
          fix: 'This is a bug in hisops: report it with `hisops --version` and the output of hisops demo --json.',
          exit: EXIT.internal,
        }).zh(
          `${bad.length} 个演示步骤没有找到演示数据中预置的问题：${bad.map((r) => r.step).join('、')}`,
          '这是 hisops 的程序缺陷：请连同 `hisops --version` 和 hisops demo --json 的输出一起报告。',
        )
      : undefined,
    human: (out: import('../cli/output.js').Out) => {
      out.table(
        [ctx.t('demo.step'), ctx.t('demo.did'), ctx.t('demo.found'), ctx.t('demo.expected')],
        results.map((r) => [ctx.t(`demo.step.${r.step}`), r.did, r.found, r.ok ? out.c.green('✓') : out.c.red('✗')]),
      );
      if (bad.length) out.bad(ctx.t('demo.someBad', { n: bad.length }));
      else out.ok(ctx.t('demo.allGood'));
      if (o.keep || o.dir) {
        out.note(ctx.t('demo.kept', { dir }));
        out.note(ctx.t('demo.byHand', { dir, from: demo.manifest.startDate, to: demo.manifest.endDate }));
      }
    },
  };
}

async function runSeed(
  ctx: Ctx,
  o: {
    size: string;
    seed: string;
    out: string;
    db?: string;
    days?: string;
    start?: string;
    center: boolean;
    hisSchema?: string;
  },
) {
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
  let ledger: (NonNullable<import('../core/demo/index.js').SeedHisOptions['ledger']> & { close(): void }) | undefined;
  try {
    if (o.center) {
      const { loadSandbox } = await import('../core/center/index.js');
      ledger = (await loadSandbox()).openLedger(path.join(out, 'center.db'), {
        fixmedins_code:
          ctx.get('fixmedins_code') === 'H00000000001' ? demo.DEFAULT_FIXMEDINS_CODE : ctx.get('fixmedins_code'),
        admdvs: demo.DEFAULT_ADMDVS,
      });
    }
    // The total is known once the generator has planned the days, i.e. at the first report.
    let progress: ReturnType<Ctx['progress']> | undefined;
    const rules = await import('../core/rules/index.js');
    const { readText, shippedPolicyPaths } = await import('../cli/policyFiles.js');
    const seeded = await demo.seedHis({
      db,
      // Split with the shipped policies, as the sandbox and settle audit do.
      policies: await rules.loadPolicyFiles(shippedPolicyPaths(), readText),
      ledger,
      size: o.size as 'small' | 'medium' | 'large',
      seed: Number(o.seed),
      days: o.days ? Number(o.days) : undefined,
      startDate: o.start,
      out,
      fixmedins_code: ctx.get('fixmedins_code') === 'H00000000001' ? undefined : ctx.get('fixmedins_code'),
      onProgress: (p) => {
        progress ??= ctx.progress(ctx.t('progress.seeding'), p.total, ctx.t('progress.settlements'));
        progress.update(p.settlements);
        ctx.debug(
          ctx.t('verbose.seedDay', { day: p.day, done: p.done, days: p.days, n: p.settlements, total: p.total }),
        );
      },
    });
    progress?.done();
    ledger?.close();
    ledger = undefined;
    const manifest = seeded.manifest;
    // The vendor shape is the seeded reference HIS copied with SQL (core/his/vendorHis.ts): same ids, same anomalies.
    let profile: string | undefined;
    if (o.hisSchema === 'vendor') {
      const his = await import('../core/his/index.js');
      await his.convertToVendor(db, manifest.institution.fixmedins_code);
      profile = path.join(out, 'vendor.yaml');
      fs.copyFileSync(his.vendorProfilePath(), profile);
    }
    const settlements = manifest.counts['his_settlement'] ?? manifest.totals.count;
    return {
      data: { out, db: ref.display, his_schema: o.hisSchema ?? 'reference', profile: profile ?? null, manifest },
      human: (h: import('../cli/output.js').Out) => {
        h.ok(
          ctx.t('demo.seeded', {
            settlements,
            days: manifest.days,
            from: manifest.startDate,
            to: manifest.endDate,
            db: ref.display,
          }),
        );
        h.table(
          [ctx.t('col.table'), ctx.t('col.rows')],
          Object.entries(manifest.counts).map(([k, v]) => [k, v]),
          { align: ['left', 'right'] },
        );
        h.line(`${ctx.t('demo.anomalies')}: ${manifest.anomalies.length} (${path.join(out, 'seed.json')})`);
        if (profile) h.line(ctx.t('demo.vendorShaped', { profile }));
      },
    };
  } finally {
    ledger?.close();
    await db.close();
  }
}

const SIZES = ['small', 'medium', 'large'];

/**
 * Options the parent command took from the command line although they were written after
 * "seed" (commander lets a parent read its options anywhere: `demo seed --size medium` sets
 * demo's --size). They belong to the subcommand unless it was given its own.
 */
function givenToParent(parent: Command, sub: Command, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of names)
    if (parent.getOptionValueSource(n) === 'cli' && sub.getOptionValueSource(n) !== 'cli')
      out[n] = parent.getOptionValue(n);
  return out;
}

export function registerDemo(program: Command, app: App): void {
  const demo = program
    .command('demo')
    .description(app.t('demo.describe'))
    .option('--dir <dir>', 'keep the demo in this folder (default: a temporary folder, removed afterwards)')
    .option('--keep', 'keep the temporary folder')
    .addOption(new Option('--size <size>', 'small | medium | large').choices(SIZES).default('small'))
    .option('--seed <n>', 'seed of the data generator', '1')
    .option(
      '--center-only <how>',
      'how the stuck step repairs a settlement the center holds and the HIS does not: complete | cancel',
      'complete',
    )
    .action(app.action((ctx, _a, o) => runDemo(ctx, o as DemoOptions, app), { record: false }));
  app.examples(demo, [
    'hisops demo',
    'hisops demo --dir ./demo --lang zh-CN',
    'hisops demo --center-only cancel',
    'hisops demo --json',
  ]);

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
    .action(
      app.action((ctx, _a, o) =>
        runSeed(ctx, { ...(o as Parameters<typeof runSeed>[1]), ...givenToParent(demo, seed, ['size', 'seed']) }),
      ),
    );
  app.examples(seed, [
    'hisops demo seed --out ./demo',
    'hisops demo seed --size large --seed 7 --out /data/bench',
    'hisops demo seed --db postgres://postgres@127.0.0.1:5432/his_demo --out ./demo',
    'hisops demo seed --his-schema vendor --out ./vendor-demo',
  ]);
}
