/**
 * Setting hisops up: `init` (write hisops.yaml and a HIS profile), `config show`, `doctor`.
 * The demo lives in demo.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages, detectLang, translate, type Lang } from '../cli/i18n.js';
import { templatesDir } from '../cli/templates.js';
import { describeConfig, envName, KEY_BY_NAME, redactPassword } from '../core/config/index.js';
import { EXIT, HisopsError, inputError, isHisopsError, type ErrorCode, type ExitCode } from '../core/errors.js';
import { writeFileAtomicSync } from '../core/files/index.js';

defineMessages({
  'init.describe': {
    en: 'write a commented hisops.yaml and a HIS profile (初始化配置)',
    zh: '生成带注释的 hisops.yaml 和 HIS 接口配置（初始化配置）',
  },
  'init.exists': { en: '{file} exists. Overwrite it?', zh: '{file} 已存在，是否覆盖？' },
  'init.existsFix': {
    en: 'Add --force to overwrite it (the old file is kept as {file}.bak), or choose another --dir.',
    zh: '加 --force 覆盖（旧文件保存为 {file}.bak），或用 --dir 指定其他目录。',
  },
  'init.wrote': { en: 'wrote {file}', zh: '已写入 {file}' },
  'init.kept': { en: 'kept {file} (not overwritten)', zh: '保留 {file}（未覆盖）' },
  'init.ask.code': {
    en: 'fixmedins_code (institution code issued by the center)',
    zh: '定点医药机构编号（fixmedins_code）',
  },
  'init.ask.codeRule': { en: 'letters and digits, 6–30', zh: '6–30 位字母或数字' },
  'init.ask.name': { en: 'fixmedins_name (institution name)', zh: '机构名称（fixmedins_name）' },
  'init.ask.his': { en: 'HIS database (URL or connection name)', zh: 'HIS 数据库（URL 或连接名）' },
  'init.ask.center': { en: "the center's URL", zh: '医保中心地址（URL）' },
  'init.ask.admvs': { en: 'mdtrtarea_admvs (admin division, six digits)', zh: '医保区划（mdtrtarea_admvs，六位数字）' },
  'init.ask.admvsRule': { en: 'six digits', zh: '六位数字' },
  'init.askLang': { en: 'Language of hisops output (界面语言)', zh: 'hisops 输出的语言（language）' },
  'init.next': {
    en: 'Next: hisops config show, then hisops doctor.',
    zh: '下一步：hisops config show，然后 hisops doctor。',
  },
  'config.describe': {
    en: 'show the configuration and where each value comes from (配置)',
    zh: '显示配置及每个值的来源（配置）',
  },
  'config.show.describe': {
    en: 'print every value with its source, secrets redacted',
    zh: '打印每个值及来源，密钥已隐藏',
  },
  'config.file': { en: 'configuration file', zh: '配置文件' },
  'config.noFile': { en: '(none: built-in defaults)', zh: '（无：使用内置默认值）' },
  'config.institution': { en: 'institution', zh: '机构' },
  'col.key': { en: 'key', zh: '键' },
  'col.value': { en: 'value', zh: '值' },
  'col.source': { en: 'source', zh: '来源' },
  'config.src.flag': { en: 'flag', zh: '命令行参数' },
  'config.src.default': { en: 'default', zh: '默认值' },
  'config.src.unset': { en: 'not set', zh: '未设置' },
  'config.src.env': { en: 'env {name}', zh: '环境变量 {name}' },
  'config.src.file': { en: 'file {name}', zh: '文件 {name}' },
  'col.env': { en: 'environment', zh: '环境变量' },
  'doctor.describe': {
    en: 'check configuration, HIS profile, HIS database, journal and center (自检)',
    zh: '检查配置、HIS 接口配置、HIS 数据库、日志库和医保中心（自检）',
  },
  'doctor.check': { en: 'check', zh: '检查项' },
  'doctor.result': { en: 'result', zh: '结果' },
  'doctor.detail': { en: 'detail', zh: '详情' },
  'doctor.allGood': { en: 'All checks passed.', zh: '全部检查通过。' },
  'doctor.someFailed': {
    en: '{n} check(s) failed; each ✗ says what to do.',
    zh: '{n} 项检查未通过；每个 ✗ 都给出了处理办法。',
  },
  'doctor.config': { en: 'configuration', zh: '配置' },
  'doctor.profile': { en: 'HIS profile', zh: 'HIS 接口配置' },
  'doctor.his': { en: 'HIS database', zh: 'HIS 数据库' },
  'doctor.statements': { en: 'profile statements', zh: '接口配置语句' },
  'doctor.statement': { en: 'profile statement {name}', zh: '接口配置语句 {name}' },
  'doctor.statementsOk': {
    en: '{n} statements: reads run for {date} and keep the contract, writes compile',
    zh: '{n} 条语句：读语句按 {date} 运行且符合约定，写语句可编译',
  },
  'doctor.unsupported': { en: 'unsupported: {names}', zh: '不支持：{names}' },
  'doctor.statementFix': {
    en: 'hisops profile check --date <a day with settlements> shows every problem with sample rows.',
    zh: 'hisops profile check --date <有结算的日期> 会列出全部问题和示例行。',
  },
  'doctor.journal': { en: 'journal', zh: '日志库' },
  'doctor.center': { en: 'center', zh: '医保中心' },
});

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => vars[k] ?? '');
}

interface InitOptions {
  dir?: string;
  force?: boolean;
  name?: string;
  fixmedinsCode?: string;
  fixmedinsName?: string;
  hisUrl?: string;
  centerUrl?: string;
  admvs?: string;
  opter?: string;
}

function promptStreams(ctx: Ctx): { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } {
  const out = ctx.io.stdout as Partial<NodeJS.WritableStream>;
  return { input: ctx.io.stdin, output: typeof out.on === 'function' ? (out as NodeJS.WritableStream) : undefined };
}

/**
 * The `lang:` init writes: the one asked for (--lang, HISOPS_LANG), else Chinese — hisops's users
 * are Chinese hospitals, whatever locale the server was installed with.
 */
/** Where a value comes from, in the run's language (the JSON keeps resolve.ts's words). */
function sourceWords(ctx: Ctx, source: string): string {
  if (source === 'flag' || source === 'default') return ctx.t(`config.src.${source}`);
  if (source === 'not set') return ctx.t('config.src.unset');
  const m = /^(env|file) (.+)$/.exec(source);
  return m ? ctx.t(`config.src.${m[1]}`, { name: m[2] }) : source;
}

function initLang(ctx: Ctx): Lang {
  const asked = ctx.flags.lang || ctx.env.HISOPS_LANG;
  return asked ? detectLang(asked, {}) : 'zh-CN';
}

async function runInit(ctx: Ctx, o: InitOptions) {
  const dir = path.resolve(ctx.cwd, o.dir ?? '.');
  const file = path.join(dir, 'hisops.yaml');
  const profileSrc = path.join(templatesDir(), 'profiles', 'reference.yaml');
  const profileDst = path.join(dir, 'profiles', 'reference.yaml');
  const answers = {
    name: o.name ?? 'main',
    fixmedins_code: o.fixmedinsCode ?? 'H43010000001',
    fixmedins_name: o.fixmedinsName ?? '示例医院',
    his_url: o.hisUrl ?? 'sqlite:.hisops/his.db',
    center_url: o.centerUrl ?? 'http://127.0.0.1:8700',
    admvs: o.admvs ?? '430100',
    opter: o.opter ?? 'hisops',
  };
  let lang = initLang(ctx);
  if (!ctx.yes) {
    if (!ctx.interactive) {
      throw new HisopsError({
        code: 'NEEDS_CONFIRMATION',
        summary: ctx.t('common.needsYes'),
        fix: 'Run hisops init --yes with --fixmedins-code, --fixmedins-name, --his-url and --center-url as needed.',
        exit: EXIT.needsConfirmation,
      }).zh(
        ctx.t('common.needsYes'),
        '请运行 hisops init --yes，并按需加上 --fixmedins-code、--fixmedins-name、--his-url 和 --center-url。',
      );
    }
    const { input: ask, select } = await import('@inquirer/prompts');
    // The run's own streams (process's in the binary, a test's otherwise).
    const streams = promptStreams(ctx);
    const input = (q: Parameters<typeof ask>[0]) => ask(q, streams);
    lang = await select<Lang>(
      {
        message: ctx.t('init.askLang'),
        choices: [
          { name: '中文 (zh-CN)', value: 'zh-CN' },
          { name: 'English (en)', value: 'en' },
        ],
        default: lang,
      },
      streams,
    );
    // The questions follow the language just chosen.
    const t = (k: string) => translate(lang, k);
    answers.fixmedins_code = await input({
      message: t('init.ask.code'),
      default: answers.fixmedins_code,
      validate: (v) => /^[A-Z0-9]{6,30}$/.test(v) || t('init.ask.codeRule'),
    });
    answers.fixmedins_name = await input({ message: t('init.ask.name'), default: answers.fixmedins_name });
    answers.his_url = await input({ message: t('init.ask.his'), default: answers.his_url });
    answers.center_url = await input({ message: t('init.ask.center'), default: answers.center_url });
    answers.admvs = await input({
      message: t('init.ask.admvs'),
      default: answers.admvs,
      validate: (v) => /^\d{6}$/.test(v) || t('init.ask.admvsRule'),
    });
  }
  if (!/^[A-Za-z0-9]{1,30}$/.test(answers.fixmedins_code)) {
    throw inputError(
      'INIT_BAD_CODE',
      `"${answers.fixmedins_code}" is not an institution code`,
      'Give the code the center issued (letters and digits, up to 30), e.g. --fixmedins-code H43010000001.',
    ).zh(
      `"${answers.fixmedins_code}" 不是定点医药机构编号`,
      '请给出医保中心分配的编号（字母和数字，最多 30 位），例如 --fixmedins-code H43010000001。',
    );
  }
  if (!/^\d{6}$/.test(answers.admvs))
    throw inputError(
      'INIT_BAD_ADMVS',
      `"${answers.admvs}" is not an admin-division code`,
      'Give six digits, e.g. --admvs 430100.',
    ).zh(`"${answers.admvs}" 不是行政区划代码`, '请给出六位数字，例如 --admvs 430100。');
  const written: string[] = [];
  const kept: string[] = [];
  const writeFile = async (target: string, content: string) => {
    if (fs.existsSync(target)) {
      const consent =
        o.force || (ctx.interactive && !ctx.yes && (await ctx.confirm(ctx.t('init.exists', { file: target }))));
      if (!consent) {
        if (!ctx.interactive) {
          throw new HisopsError({
            code: 'INIT_EXISTS',
            summary: `${target} exists`,
            fix: ctx.t('init.existsFix', { file: target }),
            exit: EXIT.needsConfirmation,
          }).zh(`${target} 已存在`);
        }
        kept.push(target);
        return;
      }
      fs.copyFileSync(target, target + '.bak');
    }
    // Whole or not at all: a full disk must not leave an empty hisops.yaml behind.
    writeFileAtomicSync(target, content, 'the configuration');
    written.push(target);
  };
  const profileRel = path.relative(dir, profileDst).split(path.sep).join('/');
  const yaml = fill(fs.readFileSync(path.join(templatesDir(), 'hisops.yaml'), 'utf8'), {
    ...answers,
    lang,
    profile: './' + profileRel,
  });
  await writeFile(file, yaml);
  if (fs.existsSync(profileSrc)) await writeFile(profileDst, fs.readFileSync(profileSrc, 'utf8'));
  return {
    data: { dir, written, kept, lang, institution: answers },
    human: (out: import('../cli/output.js').Out) => {
      for (const f of written) out.ok(ctx.t('init.wrote', { file: path.relative(ctx.cwd, f) || f }));
      for (const f of kept) out.note(ctx.t('init.kept', { file: path.relative(ctx.cwd, f) || f }));
      out.line(ctx.t('init.next'));
    },
  };
}

/** The environment variable of a key; the sections of other jobs are read from the file only. */
const envOf = (key: string): string | null => (KEY_BY_NAME.has(key) ? envName(key) : null);

async function runConfigShow(ctx: Ctx) {
  const cfg = ctx.config();
  const rows = describeConfig(cfg);
  return {
    data: {
      file: cfg.file ?? null,
      institution: cfg.institution,
      institutions: cfg.institutionNames,
      connections: Object.values(cfg.connections).map((c) => ({
        name: c.name,
        url: redactPassword(c.url),
        passwordEnv: c.passwordEnv ?? null,
        passwordFile: c.passwordFile ?? null,
      })),
      values: Object.fromEntries(
        rows.map((r) => [r.key, { value: r.value === '' ? null : r.value, source: r.source, env: envOf(r.key) }]),
      ),
    },
    human: (out: import('../cli/output.js').Out) => {
      out.kv([
        [ctx.t('config.file'), cfg.file ?? ctx.t('config.noFile')],
        [ctx.t('config.institution'), `${cfg.institution}  (${cfg.institutionNames.join(', ')})`],
      ]);
      out.table(
        [ctx.t('col.key'), ctx.t('col.value'), ctx.t('col.source'), ctx.t('col.env')],
        rows.map((r) => [r.key, r.value, sourceWords(ctx, r.source), envOf(r.key) ?? '']),
      );
    },
  };
}

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
  fix?: string;
  code?: ErrorCode;
  /** The exit code this failure stands for (2: configuration or input, 5: an external system). */
  exit?: number;
}

const DOCTOR_CHECKS = [
  'doctor.config',
  'doctor.profile',
  'doctor.his',
  'doctor.statements',
  'doctor.journal',
  'doctor.center',
];

/** --json names a check in English whatever the language: scripts match on it. */
function stableCheckName(ctx: Ctx, label: string): string {
  const key = DOCTOR_CHECKS.find((k) => ctx.t(k) === label);
  if (key) return translate('en', key);
  // One row per failing profile statement: "接口配置语句 X" → "profile statement X".
  const [before, after] = ctx.t('doctor.statement', { name: '\u0000' }).split('\u0000') as [string, string];
  if (label.startsWith(before) && label.endsWith(after) && label.length > before.length + after.length) {
    return translate('en', 'doctor.statement', { name: label.slice(before.length, label.length - after.length) });
  }
  return label;
}

async function runDoctor(ctx: Ctx) {
  const checks: DoctorCheck[] = [];
  const fail = (check: string, e: unknown): DoctorCheck => {
    const he = isHisopsError(e) ? e : undefined;
    const words = he?.text(ctx.lang);
    return {
      check,
      ok: false,
      detail: words ? words.summary + (words.why ? ` (${words.why})` : '') : String(e),
      fix: words?.fix,
      code: he?.code ?? 'INTERNAL',
      exit: he?.exit ?? EXIT.internal,
    };
  };
  let configOk = true;
  try {
    const cfg = ctx.config();
    checks.push({
      check: ctx.t('doctor.config'),
      ok: true,
      detail: `${cfg.file ?? ctx.t('config.noFile')} · ${cfg.institution}`,
    });
  } catch (e) {
    configOk = false;
    checks.push(fail(ctx.t('doctor.config'), e));
  }
  if (configOk) {
    const { doctorChecks } = await import('./setupDoctor.js');
    checks.push(...(await doctorChecks(ctx, fail)));
  }
  const failed = checks.filter((c) => !c.ok);
  // A setting or file to correct (exit 2) comes before a system that is down (exit 5): fixing it
  // may be what makes the system reachable.
  const exitOf = (c: DoctorCheck) => (c.exit === EXIT.usage || c.exit === EXIT.internal ? c.exit : EXIT.external);
  const exit: ExitCode =
    failed.length === 0
      ? EXIT.ok
      : failed.some((c) => exitOf(c) === EXIT.internal)
        ? EXIT.internal
        : failed.some((c) => exitOf(c) === EXIT.usage)
          ? EXIT.usage
          : EXIT.external;
  const first = failed.find((c) => exitOf(c) === exit);
  return {
    data: {
      ok: failed.length === 0,
      checks: checks.map(({ exit: _exit, ...c }) => ({ ...c, check: stableCheckName(ctx, c.check) })),
    },
    exit,
    error: first
      ? new HisopsError({
          code: first.code ?? 'INTERNAL',
          summary: `${first.check}: ${first.detail}`,
          fix: first.fix,
          details: { failed: failed.length },
          exit,
        }).zh(`${first.check}：${first.detail}`)
      : undefined,
    human: (out: import('../cli/output.js').Out) => {
      out.table(
        [ctx.t('doctor.check'), ctx.t('doctor.result'), ctx.t('doctor.detail')],
        checks.map((c) => [
          c.check,
          c.ok ? out.c.green('✓') : out.c.red('✗'),
          c.ok ? c.detail : `${c.detail}\n→ ${c.fix ?? ''}`,
        ]),
      );
      out.line(failed.length === 0 ? ctx.t('doctor.allGood') : ctx.t('doctor.someFailed', { n: failed.length }));
    },
  };
}

/** doctor's one option, read as the key his.url. */
interface DoctorOpts {
  db?: string;
}

export function registerSetup(program: Command, app: App): void {
  const init = program
    .command('init')
    .description(app.t('init.describe'))
    .option('--dir <dir>', 'folder to write into', '.')
    .option('--force', 'overwrite existing files (keeps a .bak copy)')
    .option('--name <name>', 'short name of the institution', 'main')
    .option('--fixmedins-code <code>', 'institution code issued by the center (定点医药机构编号)')
    .option('--fixmedins-name <name>', 'institution name')
    .option('--his-url <url>', 'HIS database URL or connection name')
    .option('--center-url <url>', "the center's base URL")
    .option('--admvs <code>', 'admin division (医保区划), six digits')
    .option('--opter <id>', 'operator id sent to the center')
    .action(app.action<InitOptions>((ctx, _a, o) => runInit(ctx, o)));
  app.examples(init, [
    'hisops init',
    'hisops init --yes --fixmedins-code H43010000001 --fixmedins-name 某某医院 --his-url oracle://his@10.0.0.5:1521/HIS',
  ]);

  const config = program.command('config').description(app.t('config.describe'));
  const show = config
    .command('show')
    .description(app.t('config.show.describe'))
    .action(app.action((ctx) => runConfigShow(ctx)));
  app.examples(show, ['hisops config show', 'hisops config show --institution east --json']);
  app.examples(config, ['hisops config show']);

  const doctor = program
    .command('doctor')
    .description(app.t('doctor.describe'))
    .option('--db <db>', 'HIS database to check instead of the configured one (URL or connection name)')
    .action(app.action<DoctorOpts>((ctx) => runDoctor(ctx), { keyFlags: (o) => ({ 'his.url': o.db }) }));
  app.examples(doctor, ['hisops doctor', 'hisops doctor --db postgres://his@127.0.0.1:5432/his --json']);
}
