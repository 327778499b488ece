/**
 * `hisops schema snapshot|diff|sync|clone`: HIS version sync and test-database building. Parse →
 * call core/schema → render. Core is imported inside each action so `hisops --help` stays fast.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { App } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import type { Out } from '../cli/output.js';
import type { Db, DbTarget, Dialect } from '../core/db/index.js';
import { EXIT, HisopsError, externalError, inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';

defineMessages({
  'schema.progress': { en: 'applying', zh: '正在执行' },
  'schema.describe': { en: 'HIS version sync: snapshot, diff, sync script, apply, test-database clone (版本结构同步)', zh: 'HIS 版本结构同步：快照、比对、同步脚本、执行、测试库克隆' },
  'schema.snapshot.describe': { en: 'read a database schema into a JSON snapshot', zh: '把数据库结构读成 JSON 快照' },
  'schema.diff.describe': { en: 'compare two schemas (databases or snapshots); exit 3 when they differ', zh: '比对两个结构（数据库或快照）；不同时退出码 3' },
  'schema.sync.describe': { en: 'write (and with --apply run) the script that brings current up to target', zh: '生成（加 --apply 则执行）把当前库升级到目标结构的脚本' },
  'schema.clone.describe': { en: 'build a test database: structure, dictionaries, named tables, masked patients', zh: '构建测试库：结构、字典表、指定表、病人信息脱敏' },
  'clone.col.table': { en: 'table', zh: '表' },
  'clone.col.rows': { en: 'rows', zh: '行数' },
  'clone.col.copy': { en: 'copy', zh: '复制' },
  'clone.col.why': { en: 'why', zh: '原因' },
  'clone.col.masked': { en: 'masked', zh: '脱敏列' },
  'clone.col.result': { en: 'result', zh: '结果' },
  'clone.copy.rows': { en: 'rows', zh: '数据' },
  'clone.copy.structure': { en: 'structure', zh: '仅结构' },
  'clone.plan': { en: '{tables} table(s); rows of {copied} ({rows} rows) would be copied.', zh: '共 {tables} 张表；将复制其中 {copied} 张表的数据（{rows} 行）。' },
  'clone.planMasked': { en: '{tables} table(s); rows of {copied} ({rows} rows) would be copied, masked.', zh: '共 {tables} 张表；将复制其中 {copied} 张表的数据（{rows} 行），并脱敏。' },
  'clone.status.copied': { en: 'copied', zh: '已复制' },
  'clone.status.structure_only': { en: 'structure only', zh: '仅结构' },
  'clone.status.failed': { en: 'failed', zh: '失败' },
  'clone.k.tables': { en: 'tables', zh: '表' },
  'clone.k.rowsCopied': { en: 'rows copied', zh: '已复制行数' },
  'clone.leftovers': { en: '{n} object(s) could not be carried over (see the warnings).', zh: '{n} 个对象未能复制过去（见警告）。' },
  'clone.why.named': { en: 'named with --tables', zh: '由 --tables 指定' },
  'clone.why.small': { en: '{total} rows < {max}', zh: '{total} 行 < {max}' },
  'clone.why.large': { en: '{total} rows ≥ {max} (name it with --tables to copy it)', zh: '{total} 行 ≥ {max}（要复制请用 --tables 指定）' },
  'clone.why.earlier': { en: 'skipped by the earlier run', zh: '上次运行已跳过' },
  'schema.renameQ': { en: 'Is {what} a rename ({why})? Otherwise it is a drop and an add.', zh: '{what} 是改名吗（{why}）？否则按删除后新增处理。' },
  'schema.k.current': { en: 'current', zh: '当前库' },
  'schema.k.target': { en: 'target', zh: '目标' },
  'schema.k.changes': { en: 'changes', zh: '差异' },
  'schema.k.safe': { en: 'safe', zh: '安全部分' },
  'schema.k.review': { en: 'needs review', zh: '需人工审核' },
  'schema.v.safe': { en: '{statements} statement(s) for {items} change(s)', zh: '{statements} 条语句，对应 {items} 处差异' },
  'schema.v.review': { en: '{n} change(s)', zh: '{n} 处差异' },
  'schema.col.change': { en: 'change', zh: '差异' },
  'schema.col.why': { en: 'why', zh: '原因' },
  'schema.reviewMore': { en: '… and {n} more (all in the script)', zh: '……另有 {n} 项（均在脚本中）' },
  'schema.wrote': { en: 'wrote {file}', zh: '已写入 {file}' },
  'schema.equal': { en: 'The schemas are the same.', zh: '两个结构相同。' },
  'schema.nothing': { en: 'Nothing to do: the current database already matches the target.', zh: '无需变更：当前库已与目标一致。' },
  'schema.applyQ': { en: 'Apply {n} statement(s) to {db}?', zh: '对 {db} 执行 {n} 条语句？' },
  'schema.cloneQ': { en: 'Write {n} table(s) into {db}?', zh: '向 {db} 写入 {n} 张表？' },
  'schema.leftovers': { en: '{n} difference(s) remain, all in the needs-review part of the script.', zh: '仍有 {n} 处差异，均在脚本的“需人工审核”部分。' },
  'schema.applied': { en: 'applied {n} statement(s) to {db}', zh: '已对 {db} 执行 {n} 条语句' },
  'schema.before': { en: '{n} done by earlier runs of this apply', zh: '此前的运行已完成 {n} 条' },
  'schema.already': { en: 'the script was already applied to {db}, and the database is as that apply left it', zh: '该脚本此前已在 {db} 上执行完毕，数据库仍是执行后的状态' },
  'schema.afresh': { en: 'The database is back in the state the script was planned against (recreated or restored): applying it afresh; attempt {n} is set aside.', zh: '数据库已回到脚本规划时的状态（重建或恢复）：重新执行；第 {n} 次执行记录已作废。' },
  'schema.found': { en: 'found in effect in the live schema (the previous run stopped during them): statement(s) {list}', zh: '在数据库中已生效（上次运行在其执行中停止）：第 {list} 条' },
  'schema.leftoversSafe': { en: '{n} difference(s) remain; a new plan would still have {safe} safe statement(s).', zh: '仍有 {n} 处差异；重新规划仍会有 {safe} 条安全语句。' },
});

const DIALECTS: Dialect[] = ['mysql', 'postgres', 'sqlite', 'oracle', 'mssql'];

function hisopsVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `schema.session` from the configuration: statements separated by semicolons. */
function splitSession(v: string | undefined): string[] {
  return (v ?? '').split(';').map((x) => x.trim()).filter(Boolean);
}

/** `--session` absent: HISOPS_SCHEMA_SESSION, then `schema: session:` in hisops.yaml (a string or a list). */
function sessionSetting(ctx: Ctx): string[] {
  const fromEnv = ctx.get<string | undefined>('schema.session');
  if (fromEnv) return splitSession(fromEnv);
  const file = (ctx.config().sections['schema'] as { session?: unknown } | undefined)?.session;
  if (Array.isArray(file)) return file.map((x) => String(x).trim()).filter(Boolean);
  return typeof file === 'string' ? splitSession(file) : [];
}

/**
 * `schema.oracle.maxIdentifier` (30 or 128): HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER, then
 * `schema: oracle: maxIdentifier:` in hisops.yaml; the default (30) runs on every Oracle version.
 */
function oracleMaxIdentifier(ctx: Ctx, allowed: readonly number[]): number | undefined {
  const fromEnv = ctx.get<string | undefined>('schema.oracle.maxIdentifier');
  const oracle = (ctx.config().sections['schema'] as { oracle?: { maxIdentifier?: unknown } } | undefined)?.oracle;
  const v = fromEnv !== undefined && fromEnv !== '' ? fromEnv : oracle?.maxIdentifier;
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  if (!allowed.includes(n)) {
    throw inputError('SCHEMA_ORACLE_MAX_IDENTIFIER', `schema.oracle.maxIdentifier is ${String(v)}: Oracle takes names of 30 characters (before 12.2) or 128 (12.2 and later)`, 'Set schema.oracle.maxIdentifier to 30 or 128 (in hisops.yaml under schema: oracle:, or HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER).').zh(
      `schema.oracle.maxIdentifier 为 ${String(v)}：Oracle 的名称最长 30 个字符（12.2 之前）或 128 个字符（12.2 及以后）`,
      '请把 schema.oracle.maxIdentifier 设为 30 或 128（写在 hisops.yaml 的 schema: oracle: 下，或设环境变量 HISOPS_SCHEMA_ORACLE_MAX_IDENTIFIER）。',
    );
  }
  return n;
}

function stepNumber(v: unknown, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw inputError('SCHEMA_BAD_STEP', `${flag} ${String(v)} is not a statement number`, `Give the number of a safe statement of the script (its "-- hisops:stmt <n>" line), e.g. ${flag} 17.`).zh(`${flag} ${String(v)} 不是语句编号`, `请给出脚本中某条安全语句的编号（见其 "-- hisops:stmt <n>" 行），例如 ${flag} 17。`);
  return n;
}

function operatingUser(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}

/** --skip / --mark-done with their --reason, journaled with the operating-system user. */
function stepOverrides(o: { skip?: string; markDone?: string; reason?: string }, env: NodeJS.ProcessEnv): SchemaModule.StepOverride[] {
  const out: SchemaModule.StepOverride[] = [];
  const actor = operatingUser(env);
  if (o.skip !== undefined) out.push({ action: 'skip', seq: stepNumber(o.skip, '--skip'), reason: o.reason ?? '', actor });
  if (o.markDone !== undefined) out.push({ action: 'mark-done', seq: stepNumber(o.markDone, '--mark-done'), reason: o.reason ?? '', actor });
  if (out.length === 2 && out[0]!.seq === out[1]!.seq) throw inputError('SCHEMA_SKIP_AND_MARK', `Statement ${out[0]!.seq} cannot be both skipped and marked done`, 'Choose one: --skip when it should not run, --mark-done when it was done by hand.').zh(`语句 ${out[0]!.seq} 不能同时跳过和标记为已完成`, '二选一：不应执行时用 --skip，已手工执行时用 --mark-done。');
  if (out.length && !o.reason?.trim()) throw inputError('SCHEMA_REASON_MISSING', `--${out[0]!.action} needs --reason`, 'Say why, e.g. --reason "row size too large; column added by hand with innodb_strict_mode=0". The reason is kept in the journal with your user name.').zh(`--${out[0]!.action} 需要 --reason`, '请说明原因，例如 --reason "行太长；已在 innodb_strict_mode=0 下手工加列"。原因连同您的用户名记入日志。');
  if (!out.length && o.reason !== undefined) throw inputError('SCHEMA_REASON_ALONE', '--reason goes with --skip or --mark-done', 'Add --skip <step> or --mark-done <step>, or leave --reason out.').zh('--reason 只能与 --skip 或 --mark-done 一起使用', '请加上 --skip <step> 或 --mark-done <step>，或去掉 --reason。');
  return out;
}

interface Side {
  model: SchemaModule.SchemaModel;
  display: string;
  db?: Db;
  warnings: string[];
}

async function loadSide(ctx: Ctx, schema: typeof SchemaModule, spec: string, o: { schema?: string; include?: string[]; exclude?: string[] }): Promise<Side> {
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  if (schema.looksLikeSnapshotFile(path.resolve(ctx.cwd, spec)) || /\.json$/i.test(spec)) {
    const file = path.resolve(ctx.cwd, spec);
    const snap = schema.readSnapshotFile(file);
    const model = schema.filterModel(snap, filter);
    return { model: { ...model, source: { ...model.source, display: `${path.relative(ctx.cwd, file) || file} (snapshot of ${snap.source.display})` } }, display: spec, warnings: [] };
  }
  const { connect, parseDbUrl } = await import('../core/db/index.js');
  const ref = ctx.resolveDb(spec);
  sqliteFileCheck(parseDbUrl(ref.url), ref.baseDir, spec);
  const db = await connect(ref.url, { password: ref.password, baseDir: ref.baseDir });
  ctx.onClose(() => db.close());
  const { model, warnings } = await schema.introspect(db, { schema: o.schema, filter });
  return { model: { ...model, source: { ...model.source, display: ref.display } }, display: ref.display, db, warnings };
}

/** A SQLite "database" that is a folder (or missing) is a usage error naming the path, not a crash. */
function sqliteFileCheck(t: DbTarget, baseDir: string, spec: string): void {
  if (t.dialect !== 'sqlite' || !t.file || t.file === ':memory:') return;
  const file = path.resolve(baseDir, t.file);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(file);
  } catch {
    throw inputError('SCHEMA_SQLITE_MISSING', `There is no SQLite database at ${file}`, 'Check the path in the URL (sqlite:path/to/his.db).', undefined, { file, spec }).zh(`${file} 处没有 SQLite 数据库`, '请检查 URL 中的路径（sqlite:path/to/his.db）。');
  }
  if (!st.isFile()) throw inputError('SCHEMA_SQLITE_NOT_FILE', `${file} is a folder, not a SQLite database file`, `Name the database file inside it, e.g. sqlite:${path.join(t.file, 'his.db')}.`, undefined, { file, spec }).zh(`${file} 是文件夹，不是 SQLite 数据库文件`, `请写出其中的数据库文件名，例如 sqlite:${path.join(t.file, 'his.db')}。`);
}

function dialectOpt(v: string | undefined): Dialect | undefined {
  if (v === undefined) return undefined;
  const d = (v === 'mariadb' ? 'mysql' : v === 'pg' || v === 'postgresql' ? 'postgres' : v === 'sqlserver' ? 'mssql' : v) as Dialect;
  if (!DIALECTS.includes(d)) throw inputError('SCHEMA_BAD_DIALECT', `"${v}" is not a dialect hisops writes`, `Use one of ${DIALECTS.join(', ')}.`).zh(`"${v}" 不是 hisops 支持的数据库方言`, `请使用 ${DIALECTS.join('、')} 之一。`);
  return d;
}

function readDecisions(ctx: Ctx, schema: typeof SchemaModule, file: string | undefined): SchemaModule.RenameMap {
  if (!file) return {};
  const full = path.resolve(ctx.cwd, file);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    throw inputError('DECISIONS_UNREADABLE', `Cannot read the decisions file ${full}`, 'Check the path (see docs/schema.md, "Renames").').zh(`无法读取决定文件 ${full}`, '请检查路径（见 docs/schema.md 的 "Renames" 一节）。');
  }
  return schema.parseRenames(text, full);
}

/** Renames are asked about only at a terminal and only without a decisions file; never guessed. */
async function askRenames(ctx: Ctx, schema: typeof SchemaModule, current: SchemaModule.SchemaModel, target: SchemaModule.SchemaModel, decided: SchemaModule.RenameMap, hadFile: boolean): Promise<SchemaModule.RenameMap> {
  if (hadFile || !ctx.interactive || ctx.yes) return decided;
  let map = decided;
  for (const c of schema.renameCandidates(schema.diffModels(current, target, { renames: decided }))) {
    const what = c.kind === 'table' ? `table ${c.from} → ${c.to}` : `column ${c.table}.${c.from} → ${c.to}`;
    const shown = ctx.lang === 'zh-CN' ? schema.titleZh(what) : what;
    if (await ctx.confirm(ctx.t('schema.renameQ', { what: shown, why: c.why }), false)) map = schema.addRename(map, c);
  }
  return map;
}

function summaryRows(ctx: Ctx, plan: SchemaModule.Plan): Array<[string, string | number]> {
  return [
    [ctx.t('schema.k.current'), `${plan.current.display}  ${plan.current.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.target'), `${plan.target.display}  ${plan.target.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.changes'), plan.counts.changes],
    [ctx.t('schema.k.safe'), ctx.t('schema.v.safe', { statements: plan.counts.safeStatements, items: plan.counts.safeItems })],
    [ctx.t('schema.k.review'), ctx.t('schema.v.review', { n: plan.counts.reviewItems })],
  ];
}

/** The needs-review items; titles and reasons in the run's language (the JSON keeps the English). */
function reviewTable(ctx: Ctx, out: Out, schema: typeof SchemaModule, plan: SchemaModule.Plan): void {
  const review = plan.items.filter((i) => i.section === 'review');
  if (!review.length) return;
  const zh = ctx.lang === 'zh-CN';
  const title = (t: string) => (zh ? schema.titleZh(t) : t);
  const reason = (t: string) => (zh ? schema.reasonZh(t) : t);
  out.heading(ctx.t('schema.k.review'));
  out.table([ctx.t('schema.col.change'), ctx.t('schema.col.why')], review.slice(0, 40).map((i) => [title(i.title.length > 70 ? i.title.slice(0, 69) + '…' : i.title), reason(i.reasons[0] ?? '')]));
  if (review.length > 40) out.note(ctx.t('schema.reviewMore', { n: review.length - 40 }));
}

/** Why a table is copied or not (core/schema/clone.ts's words), in the run's language. */
function cloneReason(ctx: Ctx, reason: string): string {
  if (ctx.lang !== 'zh-CN') return reason;
  if (reason === 'named with --tables') return ctx.t('clone.why.named');
  if (reason === 'skipped by the earlier run') return ctx.t('clone.why.earlier');
  const m = /^(\d+) rows (<|≥) (\d+)/.exec(reason);
  if (m) return ctx.t(m[2] === '<' ? 'clone.why.small' : 'clone.why.large', { total: m[1], max: m[3] });
  return reason;
}

export function registerSchema(program: Command, app: App): Command {
  const group = program.command('schema').description(app.t('schema.describe'));
  const common = (c: Command) =>
    c
      .option('--include <patterns>', 'only objects whose names match (comma-separated, * and ?)', collect)
      .option('--exclude <patterns>', 'leave out objects whose names match', collect)
      .option('--schema <name>', 'PostgreSQL schema / Oracle owner (default: public / the user)');

  const snapshot = common(group.command('snapshot').description(app.t('schema.snapshot.describe')).argument('<db>', 'database URL or connection name'))
    .option('-o, --output <file>', 'write the snapshot here (default: print it)')
    .option('--compact', 'no indentation (big schemas)')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        const side = await loadSide(ctx, schema, args[0] as string, o);
        if (!side.db) throw inputError('SCHEMA_SNAPSHOT_OF_FILE', `${String(args[0])} is already a snapshot`, 'Give a database URL or connection name.').zh(`${String(args[0])} 已经是快照文件`, '请给出数据库 URL 或连接名。');
        const snap = schema.toSnapshot(side.model, { hisopsVersion: hisopsVersion(), now: ctx.now(), warnings: side.warnings, filters: { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) } });
        for (const w of side.warnings) ctx.warn(w);
        const summary = { file: o.output ? path.resolve(ctx.cwd, o.output) : null, fingerprint: snap.fingerprint, dialect: snap.source.dialect, tables: snap.tables.length, columns: snap.tables.reduce((a, t) => a + t.columns.length, 0), views: snap.views.length, routines: snap.routines.length, sequences: snap.sequences.length, others: snap.others.length };
        if (o.output) schema.writeSnapshotFile(summary.file!, snap, !!o.compact);
        return {
          data: o.output ? summary : snap,
          human: (out) => {
            if (!o.output) {
              out.line(schema.serializeSnapshot(snap, !!o.compact).trimEnd());
              return;
            }
            out.ok(ctx.t('schema.wrote', { file: o.output }));
            out.kv(Object.entries(summary).filter(([k]) => k !== 'file') as Array<[string, string | number]>);
          },
        };
      }),
    );
  app.examples(snapshot, ['hisops schema snapshot mysql://root@127.0.0.1:3306/his -o his-v5.json', 'hisops schema snapshot oracle://his@10.0.0.5:1521/ORCL --schema HIS --exclude "TMP_*" -o prod.json']);

  const diff = common(group.command('diff').description(app.t('schema.diff.describe')).argument('<current>', 'database or snapshot file').argument('<target>', 'database or snapshot file'))
    .option('--format <format>', 'text, sql or json', 'text')
    .option('--dialect <dialect>', 'render for this database kind (mysql, postgres, sqlite, oracle, mssql)')
    .option('--decisions <file>', 'rename decisions (YAML)')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        if (!['text', 'sql', 'json'].includes(o.format)) throw inputError('SCHEMA_BAD_FORMAT', `--format ${String(o.format)} is not known`, 'Use --format text, sql or json.').zh(`--format ${String(o.format)} 不是已知格式`, '请使用 --format text、sql 或 json。');
        const cur = await loadSide(ctx, schema, args[0] as string, o);
        const tgt = await loadSide(ctx, schema, args[1] as string, o);
        const renames = readDecisions(ctx, schema, o.decisions);
        const dialect = dialectOpt(o.dialect);
        const plan = schema.makePlan(cur.model, tgt.model, { now: ctx.now(), hisopsVersion: hisopsVersion(), dialect, renames, oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS) });
        for (const w of plan.warnings) ctx.debug(w);
        const exit = plan.diff.equal ? EXIT.ok : EXIT.findings;
        return {
          data: { equal: plan.diff.equal, counts: plan.diff.counts, current: plan.current, target: plan.target, changes: plan.diff.changes, ...(o.format === 'sql' ? { script: schema.renderScript(plan, ctx.lang) } : {}) },
          exit,
          human: (out) => {
            if (o.format === 'sql') out.line(schema.renderScript(plan, ctx.lang).trimEnd());
            else if (o.format === 'json') out.line(JSON.stringify({ equal: plan.diff.equal, counts: plan.diff.counts, changes: plan.diff.changes }, null, 1));
            else for (const l of schema.formatDiffText(plan.diff, ctx.lang)) out.line(l);
          },
        };
      }),
    );
  app.examples(diff, ['hisops schema diff his v8.json', 'hisops schema diff prod.json new.json --format sql --dialect oracle', 'hisops schema diff mysql://root@db/his_test mysql://root@db/his_new --json']);

  const sync = common(group.command('sync').description(app.t('schema.sync.describe')).argument('<current>', 'the database to upgrade (or a snapshot, for a script only)').argument('<target>', 'the new version: database or snapshot file'))
    .option('-o, --output <file>', 'where to save the script (default .hisops/scripts/sync-<run>.sql)')
    .option('--dialect <dialect>', 'write the script for this database kind')
    .option('--decisions <file>', 'rename decisions (YAML): renames: { tables: {old: new}, columns: {"t.old": new} }')
    .option('--script <file>', 'apply this saved script instead of planning again (checks its fingerprint)')
    .option('--apply', 'run the safe part against <current> (journaled)')
    .option('--resume', 'continue a run that stopped (with --script and --apply)')
    .option('--session <sql>', 'run this statement on the connection before each step, e.g. "SET SESSION innodb_strict_mode=0" (repeatable; default: schema.session)', collect)
    .option('--skip <step>', 'pass over safe statement <step> of the script (with --reason; journaled)')
    .option('--mark-done <step>', 'record safe statement <step> as done by hand (with --reason; journaled)')
    .option('--reason <text>', 'why a step is skipped or marked done')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        const cur = await loadSide(ctx, schema, args[0] as string, o);
        const tgt = await loadSide(ctx, schema, args[1] as string, o);
        const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
        const overrides = stepOverrides(o, ctx.env);
        if ((o.resume || overrides.length) && !o.script) throw inputError('SCHEMA_RESUME_NEEDS_SCRIPT', `${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} continues a saved script`, 'Run the same command with --script <the script it saved> --apply --resume.').zh(`${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} 用于继续执行已保存的脚本`, '请用相同命令加 --script <已保存的脚本> --apply --resume 运行。');
        if (overrides.length && !o.apply) throw inputError('SCHEMA_OVERRIDE_NEEDS_APPLY', '--skip and --mark-done take effect in an apply', 'Add --apply (and --resume) to the command.').zh('--skip 和 --mark-done 只在执行（--apply）时生效', '请在命令中加上 --apply（以及 --resume）。');
        let applicable: SchemaModule.ApplicablePlan;
        let plan: SchemaModule.Plan | undefined;
        let scriptFile: string;
        if (o.script) {
          scriptFile = path.resolve(ctx.cwd, o.script);
          let text: string;
          try {
            text = fs.readFileSync(scriptFile, 'utf8');
          } catch {
            throw inputError('SCRIPT_UNREADABLE', `Cannot read the script ${scriptFile}`, 'Check the path.').zh(`无法读取脚本 ${scriptFile}`, '请检查路径。');
          }
          const saved = schema.parseScript(text, scriptFile);
          applicable = { planId: saved.header.planId, dialect: saved.header.dialect, currentFingerprint: saved.header.current, targetFingerprint: saved.header.target, targetDisplay: tgt.display, statements: saved.statements };
        } else {
          const decided = readDecisions(ctx, schema, o.decisions);
          const renames = await askRenames(ctx, schema, cur.model, tgt.model, decided, !!o.decisions);
          plan = schema.makePlan(cur.model, tgt.model, { now: ctx.now(), hisopsVersion: hisopsVersion(), dialect: dialectOpt(o.dialect), renames, filter, oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS) });
          for (const w of plan.warnings) ctx.warn(w);
          scriptFile = path.resolve(o.output ? ctx.cwd : ctx.config().baseDir, o.output ?? path.join('.hisops', 'scripts', `sync-${ctx.runId}.sql`));
          schema.writeFileAtomic(scriptFile, schema.renderScript(plan, ctx.lang), { what: 'the sync script', mkdir: !o.output });
          applicable = { planId: plan.planId, dialect: plan.dialect, currentFingerprint: plan.current.fingerprint, targetFingerprint: plan.target.fingerprint, targetDisplay: plan.target.display, statements: plan.statements.filter((s) => s.section === 'safe').map((s) => ({ seq: s.seq, sql: s.sql, objects: s.objects })) };
        }
        const shownScript = path.relative(ctx.cwd, scriptFile) || scriptFile;
        if (!o.apply) {
          return {
            data: { script: scriptFile, planId: applicable.planId, applied: false, counts: plan?.counts, diff: plan ? { equal: plan.diff.equal, counts: plan.diff.counts } : undefined, review: plan?.items.filter((i) => i.section === 'review').map((i) => ({ change: i.title, reasons: i.reasons })) },
            exit: plan && plan.diff.equal ? EXIT.ok : EXIT.findings,
            human: (out) => {
              if (plan) {
                if (plan.diff.equal) return out.ok(ctx.t('schema.nothing'));
                out.kv(summaryRows(ctx, plan));
                reviewTable(ctx, out, schema, plan);
              }
              out.ok(ctx.t('schema.wrote', { file: shownScript }));
              out.note(ctx.t('common.dryRun'));
            },
          };
        }
        if (!cur.db) throw inputError('SCHEMA_APPLY_TO_SNAPSHOT', `${String(args[0])} is a snapshot file; a script can only be applied to a database`, 'Give the database URL or connection name as <current>.').zh(`${String(args[0])} 是快照文件；脚本只能在数据库上执行`, '请将数据库 URL 或连接名作为 <current> 给出。');
        if (applicable.statements.length && !(await ctx.confirm(ctx.t('schema.applyQ', { n: applicable.statements.length, db: cur.display })))) throw new HisopsError({ code: 'CANCELLED', summary: 'Nothing was applied', fix: `The script is saved as ${shownScript}.`, exit: EXIT.needsConfirmation }).zh('未执行任何内容', `脚本已保存为 ${shownScript}。`);
        const journal = await ctx.journal();
        const bar = ctx.progress(ctx.t('schema.progress'), applicable.statements.length);
        const session = o.session?.length ? (o.session as string[]) : sessionSetting(ctx);
        const res = await schema.applyPlan(cur.db, applicable, tgt.model, { journal, runId: ctx.runId, clock: () => ctx.now(), resume: !!o.resume, schema: o.schema, filter, session, overrides, onStatement: () => bar.tick(), oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS) });
        bar.done();
        const left = res.leftovers;
        const again = `hisops schema sync ${String(args[0])} ${String(args[1])} --script ${shownScript} --apply --resume`;
        if (res.status === 'failed') {
          const f = res.failed!;
          const ways = `Fix the cause and continue with: ${again}. If the server needs a session setting, add --session "SET SESSION …"; to pass the statement: --skip ${f.seq} --reason "…"; if you ran it by hand: --mark-done ${f.seq} --reason "…"`;
          throw externalError(
            'SCHEMA_APPLY_FAILED',
            `Statement ${f.seq} of ${shownScript} failed on ${cur.display}; ${res.before + res.applied} of ${res.total} statements are done in this apply, and the database now differs from the target in ${left.changes.length} place(s)`,
            ways,
            f.error,
            { seq: f.seq, statement: f.sql, code: f.code, script: scriptFile, applyId: res.applyId, attempt: res.attempt, differences: left.changes.length, safeLeft: res.safeLeft },
          ).zh(`${shownScript} 的第 ${f.seq} 条语句在 ${cur.display} 上执行失败；本次已完成 ${res.before + res.applied}/${res.total} 条语句，数据库现与目标有 ${left.changes.length} 处不同`);
        }
        return {
          data: {
            script: scriptFile,
            applied: true,
            applyId: res.applyId,
            attempt: res.attempt,
            status: res.status,
            statements: res.total,
            appliedNow: res.applied,
            appliedBefore: res.before,
            foundInEffect: res.found,
            overridden: res.overridden,
            supersededAttempt: res.supersededAttempt ?? null,
            leftovers: { equal: left.equal, counts: left.counts, safeLeft: res.safeLeft, changes: left.changes.map((c) => schema.changeTitle(c)) },
          },
          exit: left.equal ? EXIT.ok : EXIT.findings,
          human: (out) => {
            if (res.supersededAttempt !== undefined) out.note(ctx.t('schema.afresh', { n: res.supersededAttempt }));
            if (res.status === 'already-applied') out.ok(ctx.t('schema.already', { db: cur.display }));
            else out.ok(ctx.t('schema.applied', { n: res.applied, db: cur.display }) + (res.before ? ` (${ctx.t('schema.before', { n: res.before })})` : ''));
            if (res.found.length) out.note(ctx.t('schema.found', { list: res.found.join(', ') }));
            for (const v of res.overridden) out.note(`${v.action === 'skip' ? 'skipped' : 'marked done'}: statement ${v.seq} by ${v.actor}: ${v.reason}`);
            out.note(ctx.t('schema.wrote', { file: shownScript }));
            // The closing lines come from reading the database again, never from the journal.
            if (left.equal) out.ok(ctx.t('schema.equal'));
            else {
              out.line(res.safeLeft === 0 ? ctx.t('schema.leftovers', { n: left.changes.length }) : ctx.t('schema.leftoversSafe', { n: left.changes.length, safe: res.safeLeft }));
              for (const l of schema.formatDiffText(left, ctx.lang).slice(3)) out.line(l);
            }
          },
        };
      }, { record: true, lock: (o) => !!o.apply && 'schema sync' }),
    );
  app.examples(sync, [
    'hisops schema sync his_test new-version.json -o upgrade-v8.sql',
    'hisops schema sync his_test new-version.json --script upgrade-v8.sql --apply --yes',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --session "SET SESSION innodb_strict_mode=0"',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --mark-done 17 --reason "added by hand"',
    'hisops schema sync prod.json new.json --dialect oracle -o upgrade.oracle.sql',
  ]);

  const clone = common(group.command('clone').description(app.t('schema.clone.describe')).argument('<source>', 'production database (read only)').argument('<dest>', 'an empty database for the test copy'))
    .option('--max-rows <n>', 'copy tables with fewer rows than this', '20000')
    .option('--tables <patterns>', 'large tables to copy anyway (ICD-10, price lists), comma-separated', collect)
    .option('--mask', 'mask patient names, ID numbers, phones, addresses (key from HISOPS_MASK_KEY)')
    .option('--mask-rules <file>', 'extra masking rules (YAML): mask: [{ column: "pat_*name", kind: name }]')
    .option('--batch-size <n>', 'rows per batch', '1000')
    .option('--apply', 'write the copy (without it: show what would be copied)')
    .option('--resume', 'continue a clone that stopped')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        const { connect } = await import('../core/db/index.js');
        const maxRows = Number(o.maxRows);
        const batchSize = Number(o.batchSize);
        if (!Number.isInteger(maxRows) || maxRows < 0) throw inputError('CLONE_BAD_MAX_ROWS', `--max-rows ${String(o.maxRows)} is not a row count`, 'Give a whole number, e.g. --max-rows 20000.').zh(`--max-rows ${String(o.maxRows)} 不是有效的行数`, '请给出整数，例如 --max-rows 20000。');
        if (!Number.isInteger(batchSize) || batchSize < 1) throw inputError('CLONE_BAD_BATCH', `--batch-size ${String(o.batchSize)} is not a row count`, 'Give a whole number, e.g. --batch-size 1000.').zh(`--batch-size ${String(o.batchSize)} 不是有效的行数`, '请给出整数，例如 --batch-size 1000。');
        let mask: { rules: SchemaModule.CompiledRules; key: string } | undefined;
        if (o.mask || o.maskRules) {
          let custom: SchemaModule.MaskRule[] = [];
          let replace = false;
          if (o.maskRules) {
            const file = path.resolve(ctx.cwd, o.maskRules);
            let text: string;
            try {
              text = fs.readFileSync(file, 'utf8');
            } catch {
              throw inputError('MASK_RULES_UNREADABLE', `Cannot read ${file}`, 'Check the path of --mask-rules.').zh(`无法读取 ${file}`, '请检查 --mask-rules 的路径。');
            }
            ({ rules: custom, replaceDefaults: replace } = schema.parseMaskRules(text, file));
          }
          let key = ctx.env.HISOPS_MASK_KEY;
          if (!key) {
            const { randomBytes } = await import('node:crypto');
            key = randomBytes(16).toString('hex');
            ctx.warn('HISOPS_MASK_KEY is not set: masking uses a key made for this run only, so another clone (or a resume) masks differently. Set HISOPS_MASK_KEY to a secret to keep masks stable.');
          }
          mask = { rules: schema.compileRules(custom, replace), key };
        }
        const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
        const tables = schema.splitPatterns(o.tables);
        const srcRef = ctx.resolveDb(args[0] as string);
        const src = await connect(srcRef.url, { password: srcRef.password, baseDir: srcRef.baseDir });
        ctx.onClose(() => src.close());
        if (!o.apply) {
          const p = await schema.planClone(src, { maxRows, tables, mask, schema: o.schema, filter });
          const copy = p.tables.filter((t) => t.copy);
          return {
            data: { applied: false, tables: p.tables },
            human: (out) => {
              out.table([ctx.t('clone.col.table'), ctx.t('clone.col.rows'), ctx.t('clone.col.copy'), ctx.t('clone.col.why'), ctx.t('clone.col.masked')], p.tables.map((t) => [t.table, t.rows, ctx.t(t.copy ? 'clone.copy.rows' : 'clone.copy.structure'), cloneReason(ctx, t.reason), t.masked.map((m) => `${m.column}:${m.kind}`).join(' ')]));
              out.line(ctx.t(mask ? 'clone.planMasked' : 'clone.plan', { tables: p.tables.length, copied: copy.length, rows: copy.reduce((a, t) => a + t.rows, 0) }));
              out.note(ctx.t('common.dryRun'));
            },
          };
        }
        const destRef = ctx.resolveDb(args[1] as string);
        const dest = await connect(destRef.url, { password: destRef.password, baseDir: destRef.baseDir, create: true });
        ctx.onClose(() => dest.close());
        if (!(await ctx.confirm(ctx.t('schema.cloneQ', { n: 'all', db: destRef.display })))) throw new HisopsError({ code: 'CANCELLED', summary: 'Nothing was written', exit: EXIT.needsConfirmation }).zh('未写入任何内容');
        let bar: ReturnType<Ctx['progress']> | undefined;
        let current = '';
        let seen = 0;
        const res = await schema.cloneDatabase(src, dest, {
          journal: await ctx.journal(),
          clock: () => ctx.now(),
          maxRows,
          tables,
          mask,
          batchSize,
          schema: o.schema,
          filter,
          resume: !!o.resume,
          onProgress: (p) => {
            if (p.table !== current) {
              bar?.done();
              bar = ctx.progress(`${p.table} (${p.tableIndex + 1}/${p.tables})`, p.total);
              current = p.table;
              seen = 0;
            }
            bar!.tick(p.copied - seen);
            seen = p.copied;
          },
        });
        bar?.done();
        for (const w of res.warnings) ctx.warn(w);
        const failed = res.tables.filter((t) => t.status === 'failed');
        return {
          data: res,
          exit: failed.length ? EXIT.findings : EXIT.ok,
          human: (out) => {
            out.table([ctx.t('clone.col.table'), ctx.t('clone.col.rows'), ctx.t('clone.col.result'), ctx.t('clone.col.masked')], res.tables.filter((t) => t.status !== 'structure only' || t.rows).map((t) => [t.table, t.rows, ctx.t(`clone.status.${t.status.replace(' ', '_')}`) + (t.reason ? `${ctx.lang === 'zh-CN' ? '：' : ': '}${cloneReason(ctx, t.reason)}` : ''), t.masked.map((m) => `${m.column}:${m.kind}`).join(' ')]));
            out.kv([
              [ctx.t('clone.k.tables'), res.tables.length],
              [ctx.t('clone.k.rowsCopied'), res.copiedRows],
              [ctx.t('clone.status.structure_only'), res.tables.filter((t) => t.status === 'structure only').length],
              [ctx.t('clone.status.failed'), failed.length],
            ]);
            if (!res.leftovers.equal) out.note(ctx.t('clone.leftovers', { n: res.leftovers.changes.length }));
          },
        };
      }, { record: true, lock: (o) => !!o.apply && 'schema clone' }),
    );
  app.examples(clone, [
    'hisops schema clone his_prod mysql://root@127.0.0.1:3306/his_test --tables icd10,price_list',
    'HISOPS_MASK_KEY=… hisops schema clone his_prod sqlite:test.db --mask --apply --yes',
    'hisops schema clone his_prod postgres://his@127.0.0.1:5432/his_test --mask --apply --resume',
  ]);
  app.examples(group, ['hisops schema diff prod new-version.json', 'hisops schema sync prod new-version.json -o upgrade.sql', 'hisops schema sync prod new-version.json --script upgrade.sql --apply', 'hisops schema clone prod sqlite:test.db --mask --apply']);
  return group;
}
