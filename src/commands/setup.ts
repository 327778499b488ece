/**
 * Setting hisops up: `init` (write hisops.yaml and a HIS profile; setupInit.ts), `config show`,
 * `doctor` (its checks in setupDoctor.ts). The demo lives in demo.ts.
 */
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages, translate } from '../cli/i18n.js';
import { describeConfig, envName, KEY_BY_NAME, redactPassword } from '../core/config/index.js';
import { EXIT, HisopsError, isHisopsError, type ErrorCode, type ExitCode } from '../core/errors.js';
import { registerInit } from './setupInit.js';

defineMessages({
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

/** Where a value comes from, in the run's language (the JSON keeps resolve.ts's words). */
function sourceWords(ctx: Ctx, source: string): string {
  if (source === 'flag' || source === 'default') return ctx.t(`config.src.${source}`);
  if (source === 'not set') return ctx.t('config.src.unset');
  const m = /^(env|file) (.+)$/.exec(source);
  return m ? ctx.t(`config.src.${m[1]}`, { name: m[2] }) : source;
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
  registerInit(program, app);

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
