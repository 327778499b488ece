/**
 * `hisops profile draft --his URL [-o FILE]`: propose a profile from a live HIS schema. The
 * matcher (core/his/draft) finds the settlement, fee, log, mapping, dispensing and trace-code
 * tables and their columns from names and comments; every statement carries its confidence and
 * TODOs; the result is then run by `profile check` (every statement with real binds on one day,
 * writes rolled back, rows checked against the contract). Exit 3 when anything is left to decide
 * or the check finds a problem.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import type { Db } from '../core/db/index.js';
import { EXIT, inputError } from '../core/errors.js';
import type * as HisModule from '../core/his/index.js';
import { checkDay } from './profile.js';

defineMessages({
  'profile.draft.describe': {
    en: 'propose a profile from a live HIS schema (tables and columns found from names and comments)',
    zh: '根据实际 HIS 表结构（表名、列名及注释）起草配置文件',
  },
  'profile.draft.his': {
    en: 'HIS database to read (URL or connection name; default: the configured HIS)',
    zh: '要读取的 HIS 数据库（URL 或连接名；默认：已配置的 HIS）',
  },
  'profile.draft.out': {
    en: 'write the profile to this file (default: print it)',
    zh: '将配置文件写入此文件（默认：打印出来）',
  },
  'profile.draft.force': { en: 'overwrite the file', zh: '覆盖已有文件' },
  'profile.draft.role': { en: 'kind of table', zh: '表类别' },
  'profile.draft.table': { en: 'table', zh: '表' },
  'profile.draft.confidence': { en: 'confidence', zh: '可信度' },
  'profile.draft.why': { en: 'why', zh: '依据' },
  'profile.draft.none': { en: 'not found', zh: '未找到' },
  'profile.draft.evidence': {
    en: '{found} of {keys} key columns ({list}){named}; {cols} of {total} columns found',
    zh: '{keys} 个关键列中找到 {found} 个（{list}）{named}；共 {total} 列，找到 {cols} 列',
  },
  'profile.draft.named': { en: ', and its name or comment says so', zh: '，表名或注释亦相符' },
  'profile.draft.conf.high': { en: 'high', zh: '高' },
  'profile.draft.conf.medium': { en: 'medium', zh: '中' },
  'profile.draft.conf.low': { en: 'low', zh: '低' },
  'profile.draft.role.settlement': { en: 'settlements', zh: '结算' },
  'profile.draft.role.fee': { en: 'fee lines', zh: '费用明细' },
  'profile.draft.role.visit': { en: 'visits', zh: '就诊' },
  'profile.draft.role.log': { en: 'center-call log', zh: '交易日志' },
  'profile.draft.role.mapping': { en: 'mappings', zh: '目录对照' },
  'profile.draft.role.item': { en: 'HIS items', zh: '收费项目' },
  'profile.draft.role.trace_prefix': { en: 'trace-code prefixes', zh: '药品标识码' },
  'profile.draft.role.dispense': { en: 'dispensing', zh: '发药' },
  'profile.draft.role.stock': { en: 'stock changes', zh: '库存变动' },
  'profile.draft.role.dispense_trace': { en: 'trace codes of dispensing', zh: '发药追溯码' },
  'profile.draft.role.stock_trace': { en: 'trace codes of stock', zh: '库存追溯码' },
  'profile.draft.wrote': { en: 'Wrote the drafted profile to {file}', zh: '已将起草的配置文件写入 {file}' },
  'profile.draft.clean': {
    en: 'Every statement was drafted and runs on the HIS; read it once, then use it.',
    zh: '所有语句均已起草并可在 HIS 上运行；请通读一遍后再使用。',
  },
  'profile.draft.attention': {
    en: '{todos} TODO(s) to decide, {failed} statement(s) with problems in profile check: read the comments in the profile.',
    zh: '有 {todos} 处待确认（TODO），{failed} 条语句在 profile check 中有问题：请阅读配置文件中的注释。',
  },
  'profile.draft.failed': { en: 'profile check', zh: '配置文件校验' },
  'profile.draft.date': {
    en: 'day whose rows profile check reads: yyyy-MM-dd, today or yesterday (default: yesterday)',
    zh: 'profile check 读取哪一天的数据：yyyy-MM-dd、today 或 yesterday（默认 yesterday）',
  },
  'profile.draft.noRows': {
    en: 'No settlement on {date}: the values were not checked. Pass --date with a day that has settlements.',
    zh: '{date} 没有结算：未能校验取值。请用 --date 指定一个有结算的日期。',
  },
});

interface DraftOptions {
  his?: string;
  date?: string;
  out?: string;
  force?: boolean;
}

type His = typeof HisModule;
type Role = keyof His['DRAFT_ROLES'];

/** A drafted profile and what `profile check` found when it ran it on the HIS. */
interface CheckedDraft {
  draft: Awaited<ReturnType<His['draftProfile']>>;
  date: string;
  check: Awaited<ReturnType<His['checkProfile']>>;
  failed: Awaited<ReturnType<His['checkProfile']>>['statements'];
  noRows: boolean;
}

async function runDraft(ctx: Ctx, o: DraftOptions) {
  const file = o.out ? path.resolve(ctx.cwd, o.out) : undefined;
  if (file && fs.existsSync(file) && !o.force) {
    throw inputError(
      'PROFILE_DRAFT_EXISTS',
      `${file} already exists`,
      'Name another file with -o, or pass --force to overwrite it.',
      'A profile someone has edited must not be replaced by a draft unasked.',
      { file },
    ).zh(
      `${file} 已存在`,
      '请用 -o 指定另一个文件，或加 --force 覆盖。',
      '已被修改过的配置文件不应在未经要求时被草稿覆盖。',
    );
  }
  const his = await import('../core/his/index.js');
  const { connect } = await import('../core/db/index.js');
  const { writeFileAtomicSync } = await import('../core/files/index.js');
  const ref = ctx.resolveDb();
  const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir });
  try {
    const d = await draftAndCheck(ctx, his, db, ref.display, file, o.date);
    if (file) writeFileAtomicSync(file, d.draft.text, 'the drafted profile');
    return draftResult(ctx, his, d, file);
  } finally {
    await db.close();
  }
}

/** Draft the profile from the schema, then run it as `profile check` does (writes rolled back). */
async function draftAndCheck(
  ctx: Ctx,
  his: His,
  db: Db,
  source: string,
  file: string | undefined,
  day: string | undefined,
): Promise<CheckedDraft> {
  const draft = await his.draftProfile(db, { source, lang: ctx.lang });
  const profile = his.parseProfile(draft.text, file ?? 'drafted.yaml');
  const date = checkDay(day, ctx.now());
  const check = await his.checkProfile(
    db,
    { ...profile, bindValues: { fixmedins_code: String(ctx.hisBinds().fixmedins_code ?? '') } },
    { date, writes: 'run', now: ctx.now() },
  );
  const failed = check.statements.filter((s) => s.status === 'problems');
  const noRows = check.statements.find((s) => s.name === 'settlements_in_period')?.rows === 0;
  return { draft, date, check, failed, noRows };
}

/** The JSON document, and findings (exit 3) when a TODO is left or a statement has problems. */
function draftResult(ctx: Ctx, his: His, d: CheckedDraft, file: string | undefined) {
  const { draft, check, failed, date } = d;
  const roles = Object.keys(his.DRAFT_ROLES) as Role[];
  const tables = roles.map((r) => ({
    role: r,
    table: draft.mapping[r]?.table ?? null,
    confidence: draft.mapping[r]?.confidence ?? null,
    why: draft.mapping[r]?.why ?? null,
    tenant: draft.mapping[r]?.tenant?.column ?? null,
  }));
  const attention = draft.todos > 0 || failed.length > 0;
  const summary = ctx.t('profile.draft.attention', { todos: draft.todos, failed: failed.length });
  return {
    data: {
      file: file ?? null,
      tables,
      todos: draft.todos,
      unsupported: draft.unsupported,
      check: { date, errors: check.errors, warnings: check.warnings, problems: failed.flatMap((s) => s.problems) },
      profile: file ? undefined : draft.text,
    },
    exit: attention ? EXIT.findings : EXIT.ok,
    findings: attention ? { summary, count: draft.todos + failed.length } : undefined,
    human: (h: Out) => renderDraft(h, ctx, his, d, roles, file, attention ? summary : undefined),
  };
}

function renderDraft(
  h: Out,
  ctx: Ctx,
  his: His,
  d: CheckedDraft,
  roles: readonly Role[],
  file: string | undefined,
  attentionSummary: string | undefined,
): void {
  if (!file) h.line(d.draft.text);
  renderTables(h, ctx, d.draft, roles);
  for (const p of d.failed.flatMap((s) => s.problems.filter((x) => x.severity === 'error')))
    h.bad(
      `${p.statement}${p.column ? `.${p.column}` : ''}: ${ctx.t('profile.draft.failed')} — ${his.problemWords(ctx.lang, p).problem}`,
    );
  if (d.noRows) h.note(ctx.t('profile.draft.noRows', { date: d.date }));
  if (file) h.ok(ctx.t('profile.draft.wrote', { file }));
  if (attentionSummary) h.bad(attentionSummary);
  else h.ok(ctx.t('profile.draft.clean'));
}

/** One line per kind of table: the table found (and its tenant column), the confidence and why. */
function renderTables(h: Out, ctx: Ctx, draft: CheckedDraft['draft'], roles: readonly Role[]): void {
  h.table(
    [
      ctx.t('profile.draft.role'),
      ctx.t('profile.draft.table'),
      ctx.t('profile.draft.confidence'),
      ctx.t('profile.draft.why'),
    ],
    roles.map((r) => {
      const t = draft.mapping[r];
      const e = t?.evidence;
      const why = e
        ? ctx.t('profile.draft.evidence', {
            found: e.keysFound.length,
            keys: e.keys.length,
            list: e.keys.join(', '),
            named: e.named ? ctx.t('profile.draft.named') : '',
            cols: e.found,
            total: e.total,
          })
        : '';
      return [
        `${ctx.t(`profile.draft.role.${r}`)} (${r})`,
        t ? `${t.table}${t.tenant ? ` · ${t.tenant.column}` : ''}` : ctx.t('profile.draft.none'),
        t ? ctx.t(`profile.draft.conf.${t.confidence}`) : '',
        why,
      ];
    }),
  );
}

/** The `profile` group may be declared by another file of the group too: add to it if it is there. */
export function registerProfileDraft(program: Command, app: App): void {
  let group = program.commands.find((c) => c.name() === 'profile');
  if (!group) {
    group = program.command('profile').description(app.t('profile.describe'));
    app.examples(group, ['hisops profile draft --his mysql://reader@10.0.0.5:3306/his -o his-profile.yaml']);
  }
  const draft = group
    .command('draft')
    .description(app.t('profile.draft.describe'))
    .option('--his <db>', app.t('profile.draft.his'))
    .option('--date <day>', app.t('profile.draft.date'))
    .option('-o, --out <file>', app.t('profile.draft.out'))
    .option('--force', app.t('profile.draft.force'))
    .action(app.action<DraftOptions>((ctx, _a, o) => runDraft(ctx, o), { keyFlags: (o) => ({ 'his.url': o.his }) }));
  app.examples(draft, [
    'hisops profile draft --his mysql://reader@10.0.0.5:3306/his -o his-profile.yaml --date 2025-03-03',
    'hisops profile draft --json',
  ]);
}
