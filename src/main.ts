/**
 * The entry: buildProgram() assembles every command group; main(argv, io) runs one command and
 * returns its exit code. This is the only place that decides how the process ends.
 */
import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { createApp, type App, type RunOutcome } from './cli/app.js';
import { exitTableText } from './cli/exitCodes.js';
import { configFileLang } from './cli/config.js';
import { localizeHelp, usageErrorZh } from './cli/helpText.js';
import { detectLang, translate, defineMessages, type Lang } from './cli/i18n.js';
import { processIo, type Io } from './cli/io.js';
import { newRunId } from './core/journal/runId.js';
import { EXIT } from './core/errors.js';
import { institutionsToRun, runEach } from './cli/eachInstitution.js';
import { isHisopsError } from './core/errors.js';
import type { Ctx } from './cli/context.js';

defineMessages({
  'main.description': {
    en: 'hisops — toolkit for hospital information departments: HIS schema sync, catalogs and mappings, settlement rules, reconciliation with the medical-insurance center, stuck settlements, drug traceability codes.',
    zh: 'hisops — 医院信息科工具箱：HIS 版本结构同步、三目录与对照、结算规则、医保对账、单边账处理、药品追溯码上传。',
  },
  'opt.config': {
    en: 'configuration file (default: hisops.yaml found upward from here)',
    zh: '配置文件（默认：从当前目录向上查找 hisops.yaml）',
  },
  'opt.json': {
    en: 'print one JSON document on stdout (for scripts)',
    zh: '在标准输出打印一个 JSON 文档（供脚本使用）',
  },
  'opt.noColor': { en: 'no colour (also NO_COLOR)', zh: '不使用颜色（也可设置 NO_COLOR）' },
  'opt.quiet': { en: 'only results and errors', zh: '只输出结果和错误' },
  'opt.verbose': {
    en: 'more detail on stderr: each step with its time, each call to the center',
    zh: '在标准错误输出更多细节：每个步骤及用时、每次调用医保中心',
  },
  'opt.yes': {
    en: 'consent to steps that need confirmation (for cron and scripts)',
    zh: '同意需要确认的步骤（用于定时任务和脚本）',
  },
  'opt.lang': {
    en: 'language of human output: en or zh-CN (also HISOPS_LANG)',
    zh: '人读输出的语言：en 或 zh-CN（也可设置 HISOPS_LANG）',
  },
  'opt.institution': {
    en: 'which institution of hisops.yaml to use; all, or a,b: run for each in turn (the worst exit code)',
    zh: '使用 hisops.yaml 中的哪家机构；all 或 a,b：依次为每家运行（取最差的退出码）',
  },
  'opt.notify': {
    en: 'cron jobs: notify the result by the rules of notify: in hisops.yaml, on every channel or those named (wecom,dingtalk,feishu,email,webhook)',
    zh: '定时作业：按 hisops.yaml 中 notify: 的规则通知结果，发往所有渠道或指定渠道（wecom,dingtalk,feishu,email,webhook）',
  },
  'opt.metricsFile': {
    en: 'cron jobs: write the last result of every job to this file in Prometheus text format, atomically (also metrics.file, HISOPS_METRICS_FILE)',
    zh: '定时作业：将各作业最近一次结果以 Prometheus 文本格式原子写入此文件（也可用 metrics.file、HISOPS_METRICS_FILE）',
  },
  'opt.wait': {
    en: 'when another run of the same job holds its lock, wait for it (at most the duration: 90s, 10m) instead of exiting 5',
    zh: '同一作业的另一次运行持有锁时等待它结束（最多等待指定时长：90s、10m），而不是以退出码 5 结束',
  },
});

type Register = (program: Command, app: App) => void;

/**
 * Command groups, in the order `hisops --help` lists them, each module loaded when a run needs it.
 * A group that names its top-level commands registers those and nothing else adds to them, so a
 * run whose first word is one of them loads that group alone: a batch `settle calc` or a
 * `catalog import` does not pay for loading every other command's modules. Any other run (help,
 * global options first, `help <command>`) loads them all.
 */
const GROUPS: ReadonlyArray<readonly [readonly string[], () => Promise<Register>]> = [
  [[], async () => (await import('./commands/setup.js')).registerSetup],
  [[], async () => (await import('./commands/profile.js')).registerProfile],
  [[], async () => (await import('./commands/profileDraft.js')).registerProfileDraft],
  [[], async () => (await import('./commands/demo.js')).registerDemo],
  [['schema'], async () => (await import('./commands/schema.js')).registerSchema],
  [['catalog', 'mapping'], async () => (await import('./commands/catalog.js')).registerCatalog],
  [['center'], async () => (await import('./commands/center.js')).registerCenter],
  [['reconcile'], async () => (await import('./commands/reconcile.js')).registerReconcile],
  [['settle'], async () => (await import('./commands/settle.js')).registerSettle],
  [['policy'], async () => (await import('./commands/policy.js')).registerPolicy],
  [['trace'], async () => (await import('./commands/trace.js')).registerTrace],
  [[], async () => (await import('./commands/notify.js')).registerNotify],
  [[], async () => (await import('./commands/notifyStatus.js')).registerStatus],
];

/**
 * The groups a run needs: none to print the version, the one its first word names (see GROUPS), else
 * all of them. `settle calc` registers that command alone (settleCalc.ts): a batch of bills would
 * otherwise load the stuck and audit commands' modules (the center's protocol tables, the journal)
 * for nothing, about a tenth of its fixed cost.
 */
async function groupsFor(argv: string[]): Promise<Register[]> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  if (argv[0] === 'settle' && argv[1] === 'calc')
    return [(await import('./commands/settleCalc.js')).registerSettleCalc];
  const one = GROUPS.find(([names]) => argv[0] !== undefined && names.includes(argv[0]));
  return Promise.all((one ? [one] : GROUPS).map(([, load]) => load()));
}

/** What runs after a cron job (metrics, notifications): its modules loaded only when a job needs them. */
const jobHooks = {
  afterRun: async (ctx: Ctx, job: string, r: RunOutcome, flag: string | boolean | undefined): Promise<void> =>
    (await import('./commands/notifyRun.js')).afterJob(ctx, job, r, flag),
  notify: async (ctx: Ctx, job: string, r: RunOutcome, flag: string | boolean | undefined): Promise<void> =>
    (await import('./commands/notifyRun.js')).notifyAfterRun(ctx, job, r, flag),
  metrics: async (ctx: Ctx, job: string, r: RunOutcome): Promise<void> =>
    (await import('./commands/notifyRun.js')).recordJobMetrics(ctx, job, r),
};

function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** The value of a global option before commander has parsed anything (--name v or --name=v). */
function preScan(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(name.length + 1) : argv[i + 1];
}

/** --lang > HISOPS_LANG > `lang:` in hisops.yaml > the system locale; known before help is built. */
function startLang(io: Io, argv: string[]): Lang {
  const flag = preScan(argv, '--lang');
  const fromFile =
    flag || io.env.HISOPS_LANG
      ? undefined
      : configFileLang({ explicit: preScan(argv, '--config'), cwd: io.cwd, env: io.env });
  return detectLang(flag, io.env, fromFile);
}

/** The program for a run: the command groups it needs (groupsFor), with the global options and help. */
export async function buildProgram(io: Io, argv: string[] = []): Promise<{ program: Command; app: App }> {
  const groups = await groupsFor(argv);
  const lang = startLang(io, argv);
  const app = createApp(io, lang, argv, newRunId, jobHooks);
  const t = (k: string) => translate(lang, k);
  const json = argv.includes('--json');
  const program = new Command('hisops');
  program
    .description(t('main.description'))
    .version(packageVersion(), '-V, --version')
    .option('--config <file>', t('opt.config'))
    .option('--json', t('opt.json'))
    .option('--no-color', t('opt.noColor'))
    .option('-q, --quiet', t('opt.quiet'))
    .option('-v, --verbose', t('opt.verbose'))
    .option('-y, --yes', t('opt.yes'))
    .addOption(new Option('--lang <lang>', t('opt.lang')).choices(['en', 'zh-CN', 'zh']))
    .option('-i, --institution <name>', t('opt.institution'))
    .option('--wait [duration]', t('opt.wait'))
    .option('--notify [channels]', t('opt.notify'))
    .option('--metrics-file <path>', t('opt.metricsFile'))
    .showSuggestionAfterError(true)
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => {
        if (json) {
          const msg = s.replace(/^error: /, '').trim();
          io.stdout.write(
            JSON.stringify(
              {
                ok: false,
                command: argv
                  .filter((a) => !a.startsWith('-'))
                  .slice(0, 2)
                  .join(' '),
                runId: '',
                error: {
                  code: 'USAGE',
                  summary: msg,
                  fix: 'Run hisops --help (or hisops <command> --help) for the commands and options.',
                  details: {},
                },
              },
              null,
              2,
            ) + '\n',
          );
        } else write(lang === 'zh-CN' ? usageErrorZh(s) : s);
      },
    })
    .addHelpText('after', `\n${t('help.exitCodes')}\n${exitTableText(lang)}\n`);
  for (const register of groups) register(program, app);
  localizeHelp(program, lang);
  app.examples(program, ['hisops demo', 'hisops init --yes', 'hisops doctor', 'hisops --lang zh-CN --help']);
  return { program, app };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const { program, app } = await buildProgram(io, argv);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    const each = institutionsToRun(argv, io);
    if (each) return await runEach(argv, io, app.lang, each.names, each.at, main);
  } catch (e) {
    return renderLoneError(io, argv, e);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return app.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
        return EXIT.ok;
      return EXIT.usage;
    }
    io.stderr.write(`hisops: internal failure: ${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT.internal;
  }
}

/** An error before any command ran (the configuration of --institution all): the usual rendering. */
function renderLoneError(io: Io, argv: string[], e: unknown): number {
  if (!isHisopsError(e)) {
    io.stderr.write(`hisops: internal failure: ${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT.internal;
  }
  const lang = startLang(io, argv);
  if (argv.includes('--json'))
    io.stdout.write(
      JSON.stringify(
        {
          ok: false,
          command: argv
            .filter((a) => !a.startsWith('-'))
            .slice(0, 2)
            .join(' '),
          runId: '',
          error: e.toJSON(),
        },
        null,
        2,
      ) + '\n',
    );
  else {
    const w = e.text(lang);
    io.stderr.write(`✗ ${w.summary} [${e.code}]\n${w.fix ? `  ${translate(lang, 'common.fix')}: ${w.fix}\n` : ''}`);
  }
  return e.exit;
}
