/**
 * `hisops demo`: on a fresh clone, seed a small reference HIS and the center sandbox's ledger in a
 * temporary folder and run every job on them, printing what each found. `hisops demo seed` is
 * the data generator alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { templatesDir } from '../cli/templates.js';
import type { SeedSize } from '../core/demo/index.js';
import { EXIT, HisopsError } from '../core/errors.js';
import { registerSeed, SIZES } from './demoSeed.js';
import type { DemoContext, DemoStep } from './demoContext.js';

defineMessages({
  'demo.describe': {
    en: 'run every job on a generated HIS and the built-in center sandbox (演示)',
    zh: '在生成的 HIS 和内置医保中心沙箱上运行全部作业（演示）',
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
});

interface DemoOptions {
  dir?: string;
  size: SeedSize;
  seed: string;
  keep?: boolean;
  centerOnly?: string;
}

/** What one step of the demo did and found, as the table and the JSON show it. */
interface StepRecord {
  step: string;
  did: string;
  found: string;
  ok: boolean;
  data?: unknown;
}

async function runDemo(ctx: Ctx, o: DemoOptions, app: App): Promise<CommandResult> {
  const dir = await demoDir(ctx, o);
  const centerOnly = await centerOnlyOf(o);
  const { DEMO_STEPS } = await import('./demoSteps.js');
  const { openDemo, writeDemoConfig } = await import('./demoContext.js');
  writeDemoConfig(dir, templatesDir());
  const demo: DemoContext = await openDemo(ctx, {
    dir,
    size: o.size,
    seed: Number(o.seed),
    templates: templatesDir(),
    centerOnly,
  });
  let results: StepRecord[];
  try {
    results = await runSteps(ctx, demo, DEMO_STEPS);
  } finally {
    await demo.close();
    if (!o.keep && !o.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
  await notifyReconcile(ctx, app, demo, results);
  const bad = results.filter((r) => !r.ok);
  const kept = !!(o.keep || o.dir);
  return {
    data: { dir: kept ? dir : null, steps: results, anomalies: demo.manifest.anomalies.length },
    exit: bad.length ? EXIT.internal : EXIT.ok,
    error: bad.length ? mismatchError(bad) : undefined,
    human: (out) => renderDemo(out, ctx, results, kept ? dir : undefined, demo),
  };
}

/** The working folder: --dir (created), else a temporary one; never one that holds a demo or a hisops.yaml. */
async function demoDir(ctx: Ctx, o: DemoOptions): Promise<string> {
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
  return dir;
}

async function centerOnlyOf(o: DemoOptions): Promise<'complete' | 'cancel'> {
  const { centerOnlyMode } = await import('../core/settle/index.js');
  return centerOnlyMode(o.centerOnly ?? 'complete');
}

/** Every step in turn; a step that throws is recorded as failed and the next one runs. */
async function runSteps(ctx: Ctx, demo: DemoContext, steps: DemoStep[]): Promise<StepRecord[]> {
  const results: StepRecord[] = [];
  for (const step of steps) {
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
  return results;
}

/**
 * --notify: what the reconciliation left after the repairs goes out as the reconcile job would
 * send it from cron (不平, the findings), to the channels of notify: or HISOPS_NOTIFY_*_URL.
 */
async function notifyReconcile(ctx: Ctx, app: App, demo: DemoContext, results: StepRecord[]): Promise<void> {
  const again = results.find((r) => r.step === 'reconcile again');
  if (!ctx.flags.notify || !again?.data) return;
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

function mismatchError(bad: StepRecord[]): HisopsError {
  return new HisopsError({
    code: 'DEMO_MISMATCH',
    summary: `${bad.length} demo step(s) did not find what the seed planted: ${bad.map((r) => r.step).join(', ')}`,
    fix: 'This is a bug in hisops: report it with `hisops --version` and the output of hisops demo --json.',
    exit: EXIT.internal,
  }).zh(
    `${bad.length} 个演示步骤没有找到演示数据中预置的问题：${bad.map((r) => r.step).join('、')}`,
    '这是 hisops 的程序缺陷：请连同 `hisops --version` 和 hisops demo --json 的输出一起报告。',
  );
}

/** The steps' table, the verdict, and (when the folder is kept) how to go on by hand. */
function renderDemo(out: Out, ctx: Ctx, results: StepRecord[], keptDir: string | undefined, demo: DemoContext): void {
  const bad = results.filter((r) => !r.ok);
  out.table(
    [ctx.t('demo.step'), ctx.t('demo.did'), ctx.t('demo.found'), ctx.t('demo.expected')],
    results.map((r) => [ctx.t(`demo.step.${r.step}`), r.did, r.found, r.ok ? out.c.green('✓') : out.c.red('✗')]),
  );
  if (bad.length) out.bad(ctx.t('demo.someBad', { n: bad.length }));
  else out.ok(ctx.t('demo.allGood'));
  if (keptDir !== undefined) {
    out.note(ctx.t('demo.kept', { dir: keptDir }));
    out.note(ctx.t('demo.byHand', { dir: keptDir, from: demo.manifest.startDate, to: demo.manifest.endDate }));
  }
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
    .action(app.action<DemoOptions>((ctx, _a, o) => runDemo(ctx, o, app), { record: false }));
  app.examples(demo, [
    'hisops demo',
    'hisops demo --dir ./demo --lang zh-CN',
    'hisops demo --center-only cancel',
    'hisops demo --json',
  ]);

  registerSeed(demo, app);
}
