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
  'clone.planSampled': { en: '{sampled} table(s) over --max-rows {max} would get a sample of {n} rows each, with the rows related to them.', zh: '另有 {sampled} 张表超过 --max-rows {max}，将各取 {n} 行样本及与之关联的行。' },
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
  'clone.why.sample': { en: '{total} rows ≥ {max}: a sample of {n} rows and the rows related to them', zh: '{total} 行 ≥ {max}：抽取 {n} 行样本及与之关联的行' },
  'clone.copy.sample': { en: 'sample', zh: '样本' },
  'clone.status.sampled': { en: 'sampled', zh: '已抽样' },
  'clone.col.column': { en: 'column', zh: '列' },
  'clone.col.kind': { en: 'masked as', zh: '脱敏为' },
  'clone.columns': { en: 'Text columns: {masked} masked, {kept} kept', zh: '文本列：脱敏 {masked} 列，保留 {kept} 列' },
  'clone.kept': { en: 'kept', zh: '保留' },
  'clone.by.rule': { en: 'rule {detail}', zh: '规则 {detail}' },
  'clone.by.name': { en: 'name matches {detail}', zh: '列名匹配 {detail}' },
  'clone.by.comment': { en: 'comment says {detail}', zh: '注释含“{detail}”' },
  'clone.by.values': { en: '{hits} of {sampled} sampled values {what}', zh: '抽查的 {sampled} 个值中有 {hits} 个{what}' },
  'clone.what.id': { en: 'are ID numbers', zh: '是身份证号' },
  'clone.what.embedded-id': { en: 'embed an ID number', zh: '内含身份证号' },
  'clone.what.mobile': { en: 'are mobile numbers', zh: '是手机号' },
  'clone.what.email': { en: 'are e-mail addresses', zh: '是电子邮箱' },
  'clone.what.original': { en: 'are original values of masked columns', zh: '是脱敏列的原始值' },
  'clone.what.in-text': { en: 'hold ID numbers, mobiles or e-mails in their text', zh: '在文本中含身份证号、手机号或电子邮箱' },
  'clone.skip.flag': { en: 'flag values ({detail})', zh: '标志值（{detail}）' },
  'clone.skip.ip': { en: 'IP addresses, not a postal address', zh: 'IP 地址，不是住址' },
  'clone.skip.not-personal': { en: 'not personal by name ({detail})', zh: '按列名不是个人信息（{detail}）' },
  'clone.skip.too-short': { en: 'too short to hold it ({detail})', zh: '长度不足以存放（{detail}）' },
  'clone.skip.none': { en: 'no personal name, comment or values', zh: '列名、注释和取值都不像个人信息' },
  'clone.np.ip': { en: 'IP', zh: 'IP' },
  'clone.np.flag': { en: 'flag', zh: '标志' },
  'clone.np.code': { en: 'code', zh: '代码' },
  'clone.np.message': { en: 'text about a message', zh: '消息的主题或格式' },
  'clone.kind.name': { en: 'name', zh: '姓名' },
  'clone.kind.idcard': { en: 'ID number', zh: '证件号' },
  'clone.kind.phone': { en: 'phone', zh: '电话' },
  'clone.kind.address': { en: 'address', zh: '地址' },
  'clone.kind.email': { en: 'e-mail', zh: '电子邮箱' },
  'clone.kind.birthdate': { en: 'birth date', zh: '出生日期' },
  'clone.kind.tokens': { en: 'identities in text', zh: '文本中的身份信息' },
  'clone.kind.text': { en: 'text', zh: '文本' },
  'clone.verified': { en: 'Verified: none of {originals} original values of the masked columns is in the copy ({values} values in {columns} text columns read).', zh: '已核验：副本中没有脱敏列的 {originals} 个原始值中的任何一个（读取了 {columns} 个文本列的 {values} 个值）。' },
  'clone.leak': { en: 'The copy still holds original values of masked columns:', zh: '副本中仍有脱敏列的原始值：' },
  'clone.leakCol': { en: 'values', zh: '个值' },
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
  /** Read from DDL files. */
  ddl?: boolean;
}

interface SideOptions {
  schema?: string;
  include?: string[];
  exclude?: string[];
  ddlDialect?: string;
  scratch?: string;
}

/** --scratch, else schema.scratch (HISOPS_SCHEMA_SCRATCH or hisops.yaml): a URL or a connection name. */
function scratchServer(ctx: Ctx, o: SideOptions): SchemaModule.ScratchServer | undefined {
  const spec = o.scratch ?? ctx.get<string | undefined>('schema.scratch');
  if (!spec) return undefined;
  const ref = ctx.resolveDb(spec);
  return { url: ref.url, password: ref.password, display: ref.display };
}

async function loadSide(ctx: Ctx, schema: typeof SchemaModule, spec: string, o: SideOptions): Promise<Side> {
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  const full = path.resolve(ctx.cwd, spec);
  // A folder, a .sql file, or any file that is not JSON: DDL (a script, a dump, Flyway migrations).
  // A connection named in hisops.yaml wins over a folder of the same name.
  if (!/\.json$/i.test(spec) && !ctx.config().connections[spec] && schema.looksLikeDdlSource(full)) {
    const shown = path.relative(ctx.cwd, full) || full;
    const res = await schema.readDdlSource(full, { dialect: o.ddlDialect, scratch: scratchServer(ctx, o), schema: o.schema, filter, display: shown });
    ctx.debug(`${shown}: ${res.statements} statement(s) in ${res.files} file(s), ${res.dialect}, read by ${res.reader}`);
    // What the reader left out is said on every command (a skipped PL/SQL block may hide a change).
    const warnings = ctx.lang === 'zh-CN' ? res.warnings.map(schema.ddlWarningZh) : res.warnings;
    for (const w of warnings) ctx.warn(`${shown}: ${w}`);
    return { model: res.model, display: res.model.source.display, warnings: res.warnings, ddl: true };
  }
  if (schema.looksLikeSnapshotFile(full) || /\.json$/i.test(spec)) {
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
  const s = /^sample of (\d+) rows/.exec(reason);
  if (s) return `${ctx.t('clone.copy.sample')}（${s[1]} 行）`;
  if (reason === 'named with --tables') return ctx.t('clone.why.named');
  if (reason === 'skipped by the earlier run') return ctx.t('clone.why.earlier');
  const m = /^(\d+) rows (<|≥) (\d+)/.exec(reason);
  if (m) return ctx.t(m[2] === '<' ? 'clone.why.small' : 'clone.why.large', { total: m[1], max: m[3] });
  return reason;
}

/** Why a column is masked or kept (core/schema/maskChoice.ts's decision), in the run's language. */
function choiceWhy(ctx: Ctx, c: SchemaModule.ColumnChoice): string {
  if (c.by === 'values') return ctx.t('clone.by.values', { hits: c.hits, sampled: c.sampled, what: ctx.t(`clone.what.${c.what}`) });
  if (c.by) return ctx.t(`clone.by.${c.by}`, { detail: c.detail ?? '' });
  const detail = c.skip === 'not-personal' ? ctx.t(`clone.np.${c.detail}`) : c.detail ?? '';
  return ctx.t(`clone.skip.${c.skip ?? 'none'}`, { detail });
}

/** Every text column of the copied tables: masked as what, or kept, and why. */
function columnTable(ctx: Ctx, out: Out, tables: Array<{ table: string; columns?: SchemaModule.ColumnChoice[] }>): void {
  const rows = tables.flatMap((t) => (t.columns ?? []).map((c) => [t.table, c.column, c.kind ? ctx.t(`clone.kind.${c.kind}`) : ctx.t('clone.kept'), choiceWhy(ctx, c)]));
  if (!rows.length) return;
  out.table([ctx.t('clone.col.table'), ctx.t('clone.col.column'), ctx.t('clone.col.kind'), ctx.t('clone.col.why')], rows);
  const masked = rows.filter((r) => r[2] !== ctx.t('clone.kept')).length;
  out.line(ctx.t('clone.columns', { masked, kept: rows.length - masked }));
}

/** `schema: cloneJoins: [child.col=parent.col, …]` in hisops.yaml: joins for --sample besides the foreign keys. */
function cloneJoinsSetting(ctx: Ctx): string[] {
  const v = (ctx.config().sections['schema'] as { cloneJoins?: unknown } | undefined)?.cloneJoins;
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  return typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : [];
}

export function registerSchema(program: Command, app: App): Command {
  const group = program.command('schema').description(app.t('schema.describe'));
  const common = (c: Command) =>
    c
      .option('--include <patterns>', 'only objects whose names match (comma-separated, * and ?)', collect)
      .option('--exclude <patterns>', 'leave out objects whose names match', collect)
      .option('--schema <name>', 'PostgreSQL schema / Oracle owner (default: public / the user)');
  // Sides that may be DDL files (a script, a dump, a Flyway folder): docs/schema.md, "DDL files".
  const ddlOptions = (c: Command) =>
    common(c)
      .option('--ddl-dialect <dialect>', 'the dialect DDL files are written in: mysql, postgres, oracle, sqlite (default: detected)')
      .option('--scratch <db>', 'server where MySQL/PostgreSQL DDL files are loaded into a temporary database to be read (default: schema.scratch)');

  const snapshot = ddlOptions(group.command('snapshot').description(app.t('schema.snapshot.describe')).argument('<db>', 'database URL or connection name, or DDL file or folder'))
    .option('-o, --output <file>', 'write the snapshot here (default: print it)')
    .option('--compact', 'no indentation (big schemas)')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        const side = await loadSide(ctx, schema, args[0] as string, o);
        if (!side.db && !side.ddl) throw inputError('SCHEMA_SNAPSHOT_OF_FILE', `${String(args[0])} is already a snapshot`, 'Give a database URL or connection name.').zh(`${String(args[0])} 已经是快照文件`, '请给出数据库 URL 或连接名。');
        const snap = schema.toSnapshot(side.model, { hisopsVersion: hisopsVersion(), now: ctx.now(), warnings: side.warnings, filters: { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) } });
        if (!side.ddl) for (const w of side.warnings) ctx.warn(w);
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

  const diff = ddlOptions(group.command('diff').description(app.t('schema.diff.describe')).argument('<current>', 'database, snapshot file, or DDL file or folder').argument('<target>', 'database, snapshot file, or DDL file or folder'))
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

  const sync = ddlOptions(group.command('sync').description(app.t('schema.sync.describe')).argument('<current>', 'the database to upgrade (or a snapshot, for a script only)').argument('<target>', 'the new version: database, snapshot file, or DDL file or folder'))
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
        if (!cur.db) throw inputError('SCHEMA_APPLY_TO_SNAPSHOT', `${String(args[0])} is a snapshot or DDL file; a script can only be applied to a database`, 'Give the database URL or connection name as <current>.').zh(`${String(args[0])} 是快照或 DDL 文件；脚本只能在数据库上执行`, '请将数据库 URL 或连接名作为 <current> 给出。');
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
    .option('--sample <n>', 'copy a consistent sample of the tables over --max-rows: n rows, their children and parents')
    .option('--sample-join <join>', 'keep these rows together in the sample besides the foreign keys: child.col=parent.col (repeatable; default: schema.cloneJoins)', collect)
    .option('--apply', 'write the copy (without it: show what would be copied)')
    .option('--resume', 'continue a clone that stopped')
    .action(
      app.action(async (ctx, args, o) => {
        const schema = await import('../core/schema/index.js');
        const { connect } = await import('../core/db/index.js');
        const maxRows = Number(o.maxRows);
        const batchSize = Number(o.batchSize);
        if (!Number.isInteger(maxRows) || maxRows < 0) throw inputError('CLONE_BAD_MAX_ROWS', `--max-rows ${String(o.maxRows)} is not a row count`, 'Give a whole number, e.g. --max-rows 20000.').zh(`--max-rows ${String(o.maxRows)} 不是有效的行数`, '请给出整数，例如 --max-rows 20000。');
        const sample = o.sample === undefined ? undefined : Number(o.sample);
        if (sample !== undefined && (!Number.isInteger(sample) || sample < 1)) throw inputError('CLONE_BAD_SAMPLE', `--sample ${String(o.sample)} is not a row count`, 'Give a whole number of rows, e.g. --sample 1000.').zh(`--sample ${String(o.sample)} 不是有效的行数`, '请给出整数行数，例如 --sample 1000。');
        const joins = (o.sampleJoin && o.sampleJoin.length ? (o.sampleJoin as string[]) : cloneJoinsSetting(ctx)).map((j) => schema.parseJoin(j));
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
          const p = await schema.planClone(src, { maxRows, tables, mask, schema: o.schema, filter, sample, joins });
          const copy = p.tables.filter((t) => t.copy);
          const why = (t: SchemaModule.ClonePlanTable) => (t.sample ? ctx.t('clone.why.sample', { total: t.rows, max: maxRows, n: t.sample }) : cloneReason(ctx, t.reason));
          return {
            data: { applied: false, tables: p.tables },
            human: (out) => {
              out.table([ctx.t('clone.col.table'), ctx.t('clone.col.rows'), ctx.t('clone.col.copy'), ctx.t('clone.col.why'), ctx.t('clone.col.masked')], p.tables.map((t) => [t.table, t.rows, ctx.t(t.copy ? 'clone.copy.rows' : t.sample ? 'clone.copy.sample' : 'clone.copy.structure'), why(t), t.masked.map((m) => `${m.column}:${m.kind}`).join(' ')]));
              if (mask) columnTable(ctx, out, p.tables);
              out.line(ctx.t(mask ? 'clone.planMasked' : 'clone.plan', { tables: p.tables.length, copied: copy.length, rows: copy.reduce((a, t) => a + t.rows, 0) }));
              // the line above counts whole tables only; sampled ones are sized at copy time
              const sampled = p.tables.filter((t) => !t.copy && t.sample);
              if (sampled.length) out.line(ctx.t('clone.planSampled', { sampled: sampled.length, max: maxRows, n: sample }));
              out.note(ctx.t('common.dryRun'));
            },
          };
        }
        const destRef = ctx.resolveDb(args[1] as string);
        // asked before connecting: connecting creates a SQLite file, which a refusal must not leave behind
        if (!(await ctx.confirm(ctx.t('schema.cloneQ', { n: 'all', db: destRef.display })))) throw new HisopsError({ code: 'CANCELLED', summary: 'Nothing was written', exit: EXIT.needsConfirmation }).zh('未写入任何内容');
        const dest = await connect(destRef.url, { password: destRef.password, baseDir: destRef.baseDir, create: true });
        ctx.onClose(() => dest.close());
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
          sample,
          joins,
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
        const leaks = res.verification?.findings ?? [];
        const leakError = leaks.length
          ? new HisopsError({
              code: 'CLONE_LEAK',
              summary: `The masked copy ${destRef.display} still holds original values of masked columns in ${leaks.length} column(s): ${leaks.slice(0, 5).map((f) => `${f.table}.${f.column} (${f.values} value(s), ${f.kinds.join('/')})`).join(', ')}${leaks.length > 5 ? ', …' : ''}`,
              fix: `Do not hand this copy out: drop it. Add a rule for each column named (--mask-rules, e.g. mask: [{ table: ${leaks[0]!.table}, column: ${leaks[0]!.column}, kind: tokens }]) and clone again.`,
              why: 'After a masked clone hisops reads every text column of the copy and looks for each original value of a masked column (whole values, words of free text, ID numbers inside longer numbers); the values themselves are never shown.',
              details: { findings: leaks },
              exit: EXIT.usage,
            }).zh(
              `脱敏后的副本 ${destRef.display} 中仍有 ${leaks.length} 列含有脱敏列的原始值：${leaks.slice(0, 5).map((f) => `${f.table}.${f.column}（${f.values} 个值）`).join('、')}${leaks.length > 5 ? '、…' : ''}`,
              `请勿交付此副本，先删除它。为列出的每一列加一条规则（--mask-rules，例如 mask: [{ table: ${leaks[0]!.table}, column: ${leaks[0]!.column}, kind: tokens }]）后重新克隆。`,
              '脱敏克隆之后，hisops 会读取副本的每个文本列，查找脱敏列的每个原始值（整值、自由文本中的词、长数字中的身份证号）；不会显示这些值本身。',
            )
          : undefined;
        return {
          data: res,
          exit: leakError ? EXIT.usage : failed.length ? EXIT.findings : EXIT.ok,
          error: leakError,
          human: (out) => {
            out.table([ctx.t('clone.col.table'), ctx.t('clone.col.rows'), ctx.t('clone.col.result'), ctx.t('clone.col.masked')], res.tables.filter((t) => t.status !== 'structure only' || t.rows).map((t) => [t.table, t.rows, ctx.t(`clone.status.${t.status.replace(' ', '_')}`) + (t.reason ? `${ctx.lang === 'zh-CN' ? '：' : ': '}${cloneReason(ctx, t.reason)}` : ''), t.masked.map((m) => `${m.column}:${m.kind}`).join(' ')]));
            out.kv([
              [ctx.t('clone.k.tables'), res.tables.length],
              [ctx.t('clone.k.rowsCopied'), res.copiedRows],
              [ctx.t('clone.status.structure_only'), res.tables.filter((t) => t.status === 'structure only').length],
              [ctx.t('clone.status.failed'), failed.length],
            ]);
            if (!res.leftovers.equal) out.note(ctx.t('clone.leftovers', { n: res.leftovers.changes.length }));
            if (mask) columnTable(ctx, out, res.tables);
            const v = res.verification;
            if (v && !v.findings.length) out.ok(ctx.t('clone.verified', { originals: v.originals, values: v.values, columns: v.columns }));
            if (v && v.findings.length) {
              out.bad(ctx.t('clone.leak'));
              out.table([ctx.t('clone.col.table'), ctx.t('clone.col.column'), ctx.t('clone.leakCol')], v.findings.map((f) => [f.table, f.column, f.values]));
            }
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
