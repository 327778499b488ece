/**
 * `hisops init`: write a commented hisops.yaml and the reference HIS profile, asking for the
 * institution's values at a terminal (--yes and the flags otherwise). Registered by setup.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages, detectLang, translate, type Lang } from '../cli/i18n.js';
import { templatesDir } from '../cli/templates.js';
import { EXIT, HisopsError, inputError } from '../core/errors.js';
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

/** The values hisops.yaml is filled with. */
interface Answers {
  name: string;
  fixmedins_code: string;
  fixmedins_name: string;
  his_url: string;
  center_url: string;
  admvs: string;
  opter: string;
}

function promptStreams(ctx: Ctx): { input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } {
  const out = ctx.io.stdout as Partial<NodeJS.WritableStream>;
  return { input: ctx.io.stdin, output: typeof out.on === 'function' ? (out as NodeJS.WritableStream) : undefined };
}

/**
 * The `lang:` init writes: the one asked for (--lang, HISOPS_LANG), else Chinese — hisops's users
 * are Chinese hospitals, whatever locale the server was installed with.
 */
function initLang(ctx: Ctx): Lang {
  const asked = ctx.flags.lang || ctx.env.HISOPS_LANG;
  return asked ? detectLang(asked, {}) : 'zh-CN';
}

export function registerInit(program: Command, app: App): void {
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
    .action(app.action(runInit));
  app.examples(init, [
    'hisops init',
    'hisops init --yes --fixmedins-code H43010000001 --fixmedins-name 某某医院 --his-url oracle://his@10.0.0.5:1521/HIS',
  ]);
}

async function runInit(ctx: Ctx, _a: unknown[], o: InitOptions): Promise<CommandResult> {
  const dir = path.resolve(ctx.cwd, o.dir ?? '.');
  const file = path.join(dir, 'hisops.yaml');
  const profileSrc = path.join(templatesDir(), 'profiles', 'reference.yaml');
  const profileDst = path.join(dir, 'profiles', 'reference.yaml');
  const answers = givenAnswers(o);
  let lang = initLang(ctx);
  if (!ctx.yes) lang = await askAnswers(ctx, answers, lang);
  checkAnswers(answers);
  const files = new InitFiles(ctx, !!o.force);
  const profileRel = path.relative(dir, profileDst).split(path.sep).join('/');
  const yaml = fill(fs.readFileSync(path.join(templatesDir(), 'hisops.yaml'), 'utf8'), {
    ...answers,
    lang,
    profile: './' + profileRel,
  });
  await files.write(file, yaml);
  if (fs.existsSync(profileSrc)) await files.write(profileDst, fs.readFileSync(profileSrc, 'utf8'));
  const { written, kept } = files;
  return {
    data: { dir, written, kept, lang, institution: answers },
    human: (out) => {
      for (const f of written) out.ok(ctx.t('init.wrote', { file: path.relative(ctx.cwd, f) || f }));
      for (const f of kept) out.note(ctx.t('init.kept', { file: path.relative(ctx.cwd, f) || f }));
      out.line(ctx.t('init.next'));
    },
  };
}

/** The flags' values, else the example institution's. */
function givenAnswers(o: InitOptions): Answers {
  return {
    name: o.name ?? 'main',
    fixmedins_code: o.fixmedinsCode ?? 'H43010000001',
    fixmedins_name: o.fixmedinsName ?? '示例医院',
    his_url: o.hisUrl ?? 'sqlite:.hisops/his.db',
    center_url: o.centerUrl ?? 'http://127.0.0.1:8700',
    admvs: o.admvs ?? '430100',
    opter: o.opter ?? 'hisops',
  };
}

/** Without --yes: ask at the terminal (the language first), each answer defaulting to the given value. */
async function askAnswers(ctx: Ctx, answers: Answers, lang: Lang): Promise<Lang> {
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
  const chosen = await select<Lang>(
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
  const t = (k: string) => translate(chosen, k);
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
  return chosen;
}

/** The institution code and the admin division, whether given or answered. */
function checkAnswers(answers: Answers): void {
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
}

/** Writes init's files: an existing one is overwritten only with consent (--force, or yes at a prompt), kept as .bak. */
class InitFiles {
  readonly written: string[] = [];
  readonly kept: string[] = [];
  constructor(
    private readonly ctx: Ctx,
    private readonly force: boolean,
  ) {}

  async write(target: string, content: string): Promise<void> {
    const ctx = this.ctx;
    if (fs.existsSync(target)) {
      const consent =
        this.force || (ctx.interactive && !ctx.yes && (await ctx.confirm(ctx.t('init.exists', { file: target }))));
      if (!consent) {
        if (!ctx.interactive) {
          throw new HisopsError({
            code: 'INIT_EXISTS',
            summary: `${target} exists`,
            fix: ctx.t('init.existsFix', { file: target }),
            exit: EXIT.needsConfirmation,
          }).zh(`${target} 已存在`);
        }
        this.kept.push(target);
        return;
      }
      fs.copyFileSync(target, target + '.bak');
    }
    // Whole or not at all: a full disk must not leave an empty hisops.yaml behind.
    writeFileAtomicSync(target, content, 'the configuration');
    this.written.push(target);
  }
}
