/**
 * `hisops profile …`: the HIS profile itself. `profile check` runs every statement on the HIS with
 * real binds for one day and checks the rows against the statement contract (exit 3 on problems).
 */
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import { EXIT, inputError } from '../core/errors.js';
import { calendarDay } from '../core/time/index.js';
import type * as His from '../core/his/index.js';

defineMessages({
  'profile.describe': {
    en: 'the HIS profile: check it against the HIS (配置文件)',
    zh: 'HIS 配置文件：对照 HIS 校验（配置文件）',
  },
  'profile.check.describe': {
    en: 'run every profile statement on the HIS for one day and check the rows against the statement contract; writes are rolled back',
    zh: '在 HIS 上按某一天运行配置文件的每条语句，并按语句约定校验返回结果；写语句一律回滚',
  },
  'profile.opt.profile': {
    en: 'profile file to check instead of his.profile (path or builtin:reference)',
    zh: '要校验的配置文件（路径或 builtin:reference），代替 his.profile',
  },
  'profile.opt.date': {
    en: 'day whose rows are read: yyyy-MM-dd, today or yesterday (default: yesterday)',
    zh: '读取哪一天的数据：yyyy-MM-dd、today 或 yesterday（默认 yesterday）',
  },
  'profile.opt.noWrites': {
    en: 'do not run write statements: only have the database compile them (EXPLAIN)',
    zh: '不执行写语句，只让数据库编译（EXPLAIN）',
  },
  'profile.opt.db': {
    en: 'HIS database to check instead of the configured one (URL or connection name)',
    zh: '要校验的 HIS 数据库（URL 或连接名），代替配置中的',
  },
  'profile.check.heading': { en: 'Profile {file} on {db}, {date}', zh: '配置文件 {file}，数据库 {db}，日期 {date}' },
  'profile.col.statement': { en: 'statement', zh: '语句' },
  'profile.col.kind': { en: 'kind', zh: '类型' },
  'profile.col.result': { en: 'result', zh: '结果' },
  'profile.col.rows': { en: 'rows', zh: '行数' },
  'profile.col.note': { en: 'note', zh: '说明' },
  'profile.col.column': { en: 'column', zh: '列' },
  'profile.col.seen': { en: 'value seen', zh: '实际值' },
  'profile.col.problem': { en: 'problem', zh: '问题' },
  'profile.col.fix': { en: 'fix', zh: '处理' },
  'profile.kind.read': { en: 'read', zh: '读' },
  'profile.kind.write': { en: 'write', zh: '写' },
  'profile.res.ok': { en: '✓', zh: '✓' },
  'profile.res.unsupported': { en: 'unsupported', zh: '不支持' },
  'profile.res.prepared': { en: '✓ compiled', zh: '✓ 已编译' },
  'profile.res.notChecked': { en: 'not checked', zh: '未校验' },
  'profile.res.problems': { en: '✗ {n}', zh: '✗ {n}' },
  'profile.res.warnings': { en: '! {n}', zh: '! {n}' },
  'profile.note.affected': { en: '{n} row(s) changed, rolled back', zh: '改动 {n} 行，已回滚' },
  'profile.note.noRows': {
    en: 'No settlement on {date}: values were not checked. Pass --date with a day that has settlements.',
    zh: '{date} 没有结算：未能校验取值。请用 --date 指定一个有结算的日期。',
  },
  'profile.problems.heading': { en: 'Problems', zh: '问题' },
  'profile.samples.heading': { en: 'Sample rows', zh: '示例行' },
  'profile.check.ok': {
    en: 'The profile keeps the statement contract on this HIS ({n} statements).',
    zh: '配置文件在此 HIS 上符合语句约定（{n} 条语句）。',
  },
  'profile.check.bad': {
    en: '{errors} problem(s) in {statements} statement(s): each row above says what to change.',
    zh: '{statements} 条语句中有 {errors} 个问题：上表每行给出了修改办法。',
  },
  'profile.check.warn': {
    en: '{n} warning(s): values to confirm (local codes).',
    zh: '{n} 个提醒：需确认的取值（地方代码）。',
  },
  'profile.consequence': { en: 'if left', zh: '若不处理' },
  'profile.statementCount': { en: '{n} statements', zh: '{n} 条语句' },
  // Notes of checkProfile (its English words are the keys' en).
  'profile.n.notInProfile': { en: 'not in the profile (optional)', zh: '配置文件中没有（可选）' },
  'profile.n.noRowChanged': {
    en: 'ran; changed no row for the sample key (rolled back)',
    zh: '已执行；示例键没有改动任何行（已回滚）',
  },
  'profile.n.rolledBack': { en: 'ran and rolled back', zh: '已执行并回滚' },
  'profile.n.compiled': { en: 'compiled by the database (not run)', zh: '已由数据库编译（未执行）' },
  'profile.n.cannotCompile': {
    en: '{db} cannot compile a write without running it; run profile check without --no-writes',
    zh: '{db} 无法不执行就编译写语句；请去掉 --no-writes 再运行 profile check',
  },
});

export function checkDay(v: string | undefined, now: Date): string {
  if (v === undefined || v === 'yesterday') return calendarDay(new Date(now.getTime() - 86_400_000));
  if (v === 'today') return calendarDay(now);
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v.trim());
  if (!m || Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`))) {
    throw inputError('BAD_DATE', `--date "${v}" is not a date`, 'Write --date as yyyy-MM-dd, today or yesterday.').zh(
      `--date "${v}" 不是日期`,
      '请把 --date 写成 yyyy-MM-dd、today 或 yesterday。',
    );
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

interface CheckOpts {
  profile?: string;
  date?: string;
  writes?: boolean;
  /** --db: the HIS database, read as the key his.url. */
  db?: string;
}

async function runProfileCheck(ctx: Ctx, o: CheckOpts): Promise<CommandResult> {
  const date = checkDay(o.date, ctx.now());
  const his = await import('../core/his/index.js');
  const { connect } = await import('../core/db/index.js');
  const ref = o.profile ?? String(ctx.get('his.profile'));
  const file =
    o.profile && o.profile !== his.BUILTIN_REFERENCE
      ? his.profilePathOf(o.profile, ctx.cwd)
      : his.profilePathOf(ref, ctx.config().baseDir);
  const profile = await his.loadProfile(file, { binds: ctx.hisBinds() });
  const dbRef = ctx.resolveDb();
  const db = await connect(dbRef.url, { password: dbRef.password, baseDir: dbRef.baseDir });
  ctx.onClose(() => db.close());
  const report = await his.checkProfile(db, profile, {
    date,
    writes: o.writes === false ? 'prepare' : 'run',
    now: ctx.now(),
  });
  const bad = report.statements.filter((s) => s.status === 'problems');
  return {
    data: report,
    exit: report.errors ? EXIT.findings : EXIT.ok,
    findings: report.errors
      ? { summary: ctx.t('profile.check.bad', { errors: report.errors, statements: bad.length }), count: report.errors }
      : undefined,
    human: (out) => renderCheck(out, ctx, report, dbRef.display, his),
  };
}

function resultText(ctx: Ctx, s: His.StatementCheck): string {
  const n = s.problems.length;
  switch (s.status) {
    case 'problems':
      return ctx.t('profile.res.problems', { n });
    case 'warnings':
      return ctx.t('profile.res.warnings', { n });
    case 'unsupported':
      return ctx.t('profile.res.unsupported');
    case 'prepared':
      return ctx.t('profile.res.prepared');
    case 'not_checked':
      return ctx.t('profile.res.notChecked');
    default:
      return ctx.t('profile.res.ok');
  }
}

/** checkProfile's notes are English data; under zh-CN each is shown by its catalogue key. */
const NOTE_KEYS: Array<[RegExp, string]> = [
  [/^not in the profile/, 'profile.n.notInProfile'],
  [/^ran; changed no row/, 'profile.n.noRowChanged'],
  [/^ran and rolled back/, 'profile.n.rolledBack'],
  [/^compiled by the database/, 'profile.n.compiled'],
  [/^(.*) cannot compile a write/, 'profile.n.cannotCompile'],
];

function noteOf(ctx: Ctx, s: His.StatementCheck): string {
  if (s.unsupported) return s.unsupported;
  if (s.affected !== undefined) return ctx.t('profile.note.affected', { n: s.affected });
  const note = s.note ?? '';
  for (const [re, key] of NOTE_KEYS) {
    const m = re.exec(note);
    if (m) return ctx.t(key, { db: m[1] ?? '' });
  }
  return note;
}

function problemRow(ctx: Ctx, his: HisWords, p: His.ContractProblem): string[] {
  const w = his.problemWords(ctx.lang, p);
  return [w.problem, w.fix + (w.consequence ? ` — ${ctx.t('profile.consequence')}: ${w.consequence}` : '')];
}

/** The contract's Chinese words, from the lazily loaded HIS module. */
type HisWords = Pick<typeof His, 'problemWords'>;

function renderCheck(out: Out, ctx: Ctx, r: His.CheckReport, db: string, his: HisWords): void {
  out.heading(ctx.t('profile.check.heading', { file: r.file, db: `${db} · ${r.dialect}`, date: r.date }));
  out.table(
    [
      ctx.t('profile.col.statement'),
      ctx.t('profile.col.kind'),
      ctx.t('profile.col.result'),
      ctx.t('profile.col.rows'),
      ctx.t('profile.col.note'),
    ],
    r.statements.map((s) => [
      s.name,
      ctx.t(`profile.kind.${s.kind}`),
      resultText(ctx, s),
      s.rows ?? '',
      noteOf(ctx, s),
    ]),
  );
  const problems = r.statements.flatMap((s) => s.problems);
  if (problems.length) {
    out.heading(ctx.t('profile.problems.heading'));
    out.table(
      [
        ctx.t('profile.col.statement'),
        ctx.t('profile.col.column'),
        ctx.t('profile.col.seen'),
        ctx.t('profile.col.problem'),
        ctx.t('profile.col.fix'),
      ],
      problems.map((p) => [
        p.statement,
        p.column ?? '',
        (p.values ?? []).join(', ') + (p.rows && p.rows > 1 ? ` (${p.rows})` : ''),
        ...problemRow(ctx, his, p),
      ]),
    );
  }
  const samples = r.statements.filter((s) => s.sample.length);
  if (samples.length) {
    out.heading(ctx.t('profile.samples.heading'));
    for (const s of samples) out.line(`${s.name}: ${sampleText(s.sample[0]!)}`);
  }
  if (r.statements.find((s) => s.name === 'settlements_in_period')?.rows === 0)
    out.note(ctx.t('profile.note.noRows', { date: r.date }));
  if (r.warnings) out.note(ctx.t('profile.check.warn', { n: r.warnings }));
  if (r.errors)
    out.bad(
      ctx.t('profile.check.bad', {
        errors: r.errors,
        statements: r.statements.filter((s) => s.status === 'problems').length,
      }),
    );
  else out.ok(ctx.t('profile.check.ok', { n: r.statements.length }));
}

/** The first columns of a row, `k=v · k=v`, short enough for one line. */
function sampleText(row: Record<string, unknown>): string {
  const parts = Object.entries(row)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .slice(0, 8)
    .map(([k, v]) => `${k}=${String(v)}`);
  return parts.join(' · ');
}

export function registerProfile(program: Command, app: App): void {
  const profile = program.command('profile').description(app.t('profile.describe'));
  const check = profile
    .command('check')
    .description(app.t('profile.check.describe'))
    .option('--profile <file>', app.t('profile.opt.profile'))
    .option('--date <day>', app.t('profile.opt.date'))
    .option('--no-writes', app.t('profile.opt.noWrites'))
    .option('--db <db>', app.t('profile.opt.db'))
    .action(app.action<CheckOpts>((ctx, _a, o) => runProfileCheck(ctx, o), { keyFlags: (o) => ({ 'his.url': o.db }) }));
  app.examples(check, [
    'hisops profile check --date 2025-03-03',
    'hisops profile check --profile his-profile.yaml --no-writes --json',
  ]);
  app.examples(profile, ['hisops profile check']);
}
