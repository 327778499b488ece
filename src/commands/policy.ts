/**
 * `hisops policy check <file...>` and `hisops policy show`: validate and print settlement policies.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { localDate } from '../core/time/index.js';
import type * as RulesModule from '../core/rules/index.js';
import { collect, policyPaths, readText } from '../cli/policyFiles.js';

defineMessages({
  'policy.describe': { en: 'settlement policies: check and show (结算政策)', zh: '结算政策：校验与查看（结算政策）' },
  'policy.check.describe': {
    en: 'validate policy files; every problem with file, line and fix',
    zh: '校验政策文件；每个问题都给出文件、行号和处理办法',
  },
  'policy.show.describe': {
    en: 'print the policy in force for an insurance type on a date',
    zh: '打印某险种在某日生效的政策',
  },
  'policy.ok': {
    en: '{file}: {name} {version}, insutype {insutype}, effective {from} … {to}',
    zh: '{file}：{name} {version}，险种 {insutype}，有效期 {from} … {to}',
  },
  'policy.allOk': { en: '{n} policy file(s) valid; no overlapping periods.', zh: '{n} 个政策文件有效；有效期无重叠。' },
  'policy.gaps': {
    en: '{n} gap(s) between policy versions: bills dated then have no policy',
    zh: '政策版本之间有 {n} 处空档：这些日期的账单没有适用的政策',
  },
  'policy.gap': { en: '{file}:{line} {message}. Fix: {fix}', zh: '{file}:{line} {message}。处理：{fix}' },
  'col.setting': { en: 'setting', zh: '设置' },
  'col.where': { en: 'where', zh: '位置' },
  'col.settingValue': { en: 'value', zh: '值' },
  'policy.insutype': { en: 'insutype', zh: '险种' },
  'policy.none': { en: 'none', zh: '无' },
  'policy.default': { en: 'default', zh: '默认值' },
});

interface ShowOpts {
  insutype: string;
  on?: string;
  policy?: string[];
}

/** One valid policy file as `policy check` lists it. */
interface CheckedPolicy {
  file: string;
  name: string;
  version: string;
  insutype: string;
  from: string;
  to: string;
}

export function registerPolicy(program: Command, app: App): void {
  const policy = program.command('policy').description(app.t('policy.describe'));
  registerPolicyCheck(policy, app);
  registerPolicyShow(policy, app);
  app.examples(policy, ['hisops policy check templates/policies/*.yaml', 'hisops policy show --insutype 310']);
}

function registerPolicyCheck(policy: Command, app: App): void {
  const check = policy
    .command('check')
    .description(app.t('policy.check.describe'))
    .argument('<file...>', 'policy YAML files')
    .action(app.action((ctx, args) => runCheck(ctx, args[0] as string[])));
  app.examples(check, [
    'hisops policy check templates/policies/employee.yaml',
    'hisops policy check policies/*.yaml --json',
  ]);
}

async function runCheck(ctx: Ctx, given: string[]) {
  const files = given.map((f) => path.resolve(ctx.cwd, f));
  const rules = await import('../core/rules/index.js');
  const policies = await rules.loadPolicyFiles(files, readText);
  // Overlaps stop above (exit 2, each with a fix that is itself valid); gaps are findings.
  const gaps = rules.policyGaps(policies).map((g) => ({
    insutype: g.insutype,
    from: g.from,
    to: g.to,
    ...g.issue,
    file: path.relative(ctx.cwd, g.issue.file) || g.issue.file,
  }));
  const rows = policies.map((p, i) => ({
    file: path.relative(ctx.cwd, files[i]!) || files[i]!,
    name: p.name,
    version: p.version,
    insutype: p.insutypes.join(','),
    from: p.effective.from,
    to: p.effective.to ?? '',
  }));
  return {
    data: { valid: true, policies: rows, gaps },
    ...(gaps.length > 0
      ? { exit: 3 as const, findings: { summary: ctx.t('policy.gaps', { n: gaps.length }), count: gaps.length } }
      : {}),
    human: (out: Out) => renderCheck(out, ctx, rows, gaps),
  };
}

function renderCheck(
  out: Out,
  ctx: Ctx,
  rows: readonly CheckedPolicy[],
  gaps: ReadonlyArray<{ file: string } & RulesModule.PolicyGap['issue']>,
): void {
  const zh = ctx.lang === 'zh-CN';
  for (const r of rows) out.ok(ctx.t('policy.ok', { ...r, to: r.to || '—' }));
  for (const g of gaps)
    out.bad(
      ctx.t('policy.gap', {
        file: g.file,
        line: g.line ?? '',
        message: zh ? g.zh!.message : g.message,
        fix: zh ? g.zh!.fix : g.fix,
      }),
    );
  if (gaps.length === 0) out.line(ctx.t('policy.allOk', { n: rows.length }));
}

function registerPolicyShow(policy: Command, app: App): void {
  const show = policy
    .command('show')
    .description(app.t('policy.show.describe'))
    .option('--insutype <code>', 'insurance type (险种), e.g. 310 or 390', '310')
    .option('--on <date>', 'the date (yyyy-MM-dd); default today')
    .option(
      '--policy <file>',
      'policy file (repeatable); default: rules.policies in hisops.yaml, else the shipped examples',
      collect,
    )
    .action(app.action((ctx, _a, o: ShowOpts) => runShow(ctx, o)));
  app.examples(show, [
    'hisops policy show --insutype 390 --on 2026-11-23',
    'hisops policy show --policy city-2026.yaml --json',
  ]);
}

async function runShow(ctx: Ctx, o: ShowOpts) {
  const rules = await import('../core/rules/index.js');
  const { inputError } = await import('../core/errors.js');
  // Today as the institution counts days (before 08:00 in China the UTC date is still yesterday).
  const on = o.on ?? localDate(ctx.now(), String(ctx.get('timezone')));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on))
    throw inputError('BAD_DATE', `--on ${on} is not a date`, 'Write the date as yyyy-MM-dd, e.g. --on 2026-11-23.').zh(
      `--on ${on} 不是日期`,
      '请将日期写成 yyyy-MM-dd，例如 --on 2026-11-23。',
    );
  const policies = await rules.loadPolicyFiles(policyPaths(ctx, o.policy), readText);
  const p = rules.selectPolicy(policies, o.insutype, on);
  const rows = rules.policyRows(p);
  return {
    data: { insutype: o.insutype, on, policy: rules.policyToJson(p), settings: rows },
    human: (out: Out) => renderShow(out, ctx, p, rows),
  };
}

function renderShow(out: Out, ctx: Ctx, p: RulesModule.Policy, rows: ReturnType<typeof RulesModule.policyRows>): void {
  out.heading(
    `${p.name} ${p.version} · ${ctx.t('policy.insutype')} ${p.insutypes.join(',')} · ${p.effective.from} … ${p.effective.to ?? '—'}`,
  );
  out.table(
    [ctx.t('col.setting'), ctx.t('col.settingValue'), ctx.t('col.where')],
    rows.map((r) => [
      r.field,
      r.value === 'none' ? ctx.t('policy.none') : r.value,
      r.source || ctx.t('policy.default'),
    ]),
  );
}
