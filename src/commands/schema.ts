/**
 * `hisops schema snapshot|diff|sync|clone`: HIS version sync and test-database building. Parse →
 * call core/schema → render. Core is imported inside each action so `hisops --help` stays fast.
 * sync and clone live in schemaSync.ts and schemaClone.ts; what they share in schemaSides.ts.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import { defineMessages } from '../cli/i18n.js';
import { EXIT, inputError } from '../core/errors.js';
import { registerClone } from './schemaClone.js';
import {
  ddlOptions,
  dialectOpt,
  hisopsVersion,
  loadSide,
  oracleMaxIdentifier,
  readDecisions,
  type SideOptions,
} from './schemaSides.js';
import { registerSync } from './schemaSync.js';

defineMessages({
  'schema.progress': { en: 'applying', zh: '正在执行' },
  'schema.describe': {
    en: 'HIS version sync: snapshot, diff, sync script, apply, test-database clone (版本结构同步)',
    zh: 'HIS 版本结构同步：快照、比对、同步脚本、执行、测试库克隆',
  },
  'schema.snapshot.describe': { en: 'read a database schema into a JSON snapshot', zh: '把数据库结构读成 JSON 快照' },
  'schema.diff.describe': {
    en: 'compare two schemas (databases or snapshots); exit 3 when they differ',
    zh: '比对两个结构（数据库或快照）；不同时退出码 3',
  },
  'schema.sync.describe': {
    en: 'write (and with --apply run) the script that brings current up to target',
    zh: '生成（加 --apply 则执行）把当前库升级到目标结构的脚本',
  },
  'schema.clone.describe': {
    en: 'build a test database: structure, dictionaries, named tables, masked patients',
    zh: '构建测试库：结构、字典表、指定表、病人信息脱敏',
  },
  'schema.renameQ': {
    en: 'Is {what} a rename ({why})? Otherwise it is a drop and an add.',
    zh: '{what} 是改名吗（{why}）？否则按删除后新增处理。',
  },
  'schema.k.current': { en: 'current', zh: '当前库' },
  'schema.k.target': { en: 'target', zh: '目标' },
  'schema.k.changes': { en: 'changes', zh: '差异' },
  'schema.k.safe': { en: 'safe', zh: '安全部分' },
  'schema.k.review': { en: 'needs review', zh: '需人工审核' },
  'schema.v.safe': {
    en: '{statements} statement(s) for {items} change(s)',
    zh: '{statements} 条语句，对应 {items} 处差异',
  },
  'schema.v.review': { en: '{n} change(s)', zh: '{n} 处差异' },
  'schema.col.change': { en: 'change', zh: '差异' },
  'schema.col.why': { en: 'why', zh: '原因' },
  'schema.reviewMore': { en: '… and {n} more (all in the script)', zh: '……另有 {n} 项（均在脚本中）' },
  'schema.wrote': { en: 'wrote {file}', zh: '已写入 {file}' },
  'schema.equal': { en: 'The schemas are the same.', zh: '两个结构相同。' },
  'schema.nothing': {
    en: 'Nothing to do: the current database already matches the target.',
    zh: '无需变更：当前库已与目标一致。',
  },
  'schema.applyQ': { en: 'Apply {n} statement(s) to {db}?', zh: '对 {db} 执行 {n} 条语句？' },
  'schema.cloneQ': { en: 'Write {n} table(s) into {db}?', zh: '向 {db} 写入 {n} 张表？' },
  'schema.leftovers': {
    en: '{n} difference(s) remain, all in the needs-review part of the script.',
    zh: '仍有 {n} 处差异，均在脚本的“需人工审核”部分。',
  },
  'schema.applied': { en: 'applied {n} statement(s) to {db}', zh: '已对 {db} 执行 {n} 条语句' },
  'schema.before': { en: '{n} done by earlier runs of this apply', zh: '此前的运行已完成 {n} 条' },
  'schema.already': {
    en: 'the script was already applied to {db}, and the database is as that apply left it',
    zh: '该脚本此前已在 {db} 上执行完毕，数据库仍是执行后的状态',
  },
  'schema.afresh': {
    en: 'The database is back in the state the script was planned against (recreated or restored): applying it afresh; attempt {n} is set aside.',
    zh: '数据库已回到脚本规划时的状态（重建或恢复）：重新执行；第 {n} 次执行记录已作废。',
  },
  'schema.found': {
    en: 'found in effect in the live schema (the previous run stopped during them): statement(s) {list}',
    zh: '在数据库中已生效（上次运行在其执行中停止）：第 {list} 条',
  },
  'schema.leftoversSafe': {
    en: '{n} difference(s) remain; a new plan would still have {safe} safe statement(s).',
    zh: '仍有 {n} 处差异；重新规划仍会有 {safe} 条安全语句。',
  },
});

interface SnapshotOpts extends SideOptions {
  output?: string;
  compact?: boolean;
}

interface DiffOpts extends SideOptions {
  format: string;
  dialect?: string;
  decisions?: string;
}

export function registerSchema(program: Command, app: App): Command {
  const group = program.command('schema').description(app.t('schema.describe'));
  registerSnapshot(group, app);
  registerDiff(group, app);
  registerSync(group, app);
  registerClone(group, app);
  app.examples(group, [
    'hisops schema diff prod new-version.json',
    'hisops schema sync prod new-version.json -o upgrade.sql',
    'hisops schema sync prod new-version.json --script upgrade.sql --apply',
    'hisops schema clone prod sqlite:test.db --mask --apply',
  ]);
  return group;
}

function registerSnapshot(group: Command, app: App): void {
  const snapshot = ddlOptions(
    group
      .command('snapshot')
      .description(app.t('schema.snapshot.describe'))
      .argument('<db>', 'database URL or connection name, or DDL file or folder'),
  )
    .option('-o, --output <file>', 'write the snapshot here (default: print it)')
    .option('--compact', 'no indentation (big schemas)')
    .action(app.action(runSnapshot));
  app.examples(snapshot, [
    'hisops schema snapshot mysql://root@127.0.0.1:3306/his -o his-v5.json',
    'hisops schema snapshot oracle://his@10.0.0.5:1521/ORCL --schema HIS --exclude "TMP_*" -o prod.json',
  ]);
}

async function runSnapshot(ctx: Ctx, args: unknown[], o: SnapshotOpts): Promise<CommandResult> {
  const schema = await import('../core/schema/index.js');
  const side = await loadSide(ctx, schema, args[0] as string, o);
  if (!side.db && !side.ddl)
    throw inputError(
      'SCHEMA_SNAPSHOT_OF_FILE',
      `${String(args[0])} is already a snapshot`,
      'Give a database URL or connection name.',
    ).zh(`${String(args[0])} 已经是快照文件`, '请给出数据库 URL 或连接名。');
  const snap = schema.toSnapshot(side.model, {
    hisopsVersion: hisopsVersion(),
    now: ctx.now(),
    warnings: side.warnings,
    filters: { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) },
  });
  if (!side.ddl) for (const w of side.warnings) ctx.warn(w);
  const summary = {
    file: o.output ? path.resolve(ctx.cwd, o.output) : null,
    fingerprint: snap.fingerprint,
    dialect: snap.source.dialect,
    tables: snap.tables.length,
    columns: snap.tables.reduce((a, t) => a + t.columns.length, 0),
    views: snap.views.length,
    routines: snap.routines.length,
    sequences: snap.sequences.length,
    others: snap.others.length,
  };
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
}

function registerDiff(group: Command, app: App): void {
  const diff = ddlOptions(
    group
      .command('diff')
      .description(app.t('schema.diff.describe'))
      .argument('<current>', 'database, snapshot file, or DDL file or folder')
      .argument('<target>', 'database, snapshot file, or DDL file or folder'),
  )
    .option('--format <format>', 'text, sql or json', 'text')
    .option('--dialect <dialect>', 'render for this database kind (mysql, postgres, sqlite, oracle, mssql)')
    .option('--decisions <file>', 'rename decisions (YAML)')
    .action(app.action(runDiff));
  app.examples(diff, [
    'hisops schema diff his v8.json',
    'hisops schema diff prod.json new.json --format sql --dialect oracle',
    'hisops schema diff mysql://root@db/his_test mysql://root@db/his_new --json',
  ]);
}

async function runDiff(ctx: Ctx, args: unknown[], o: DiffOpts): Promise<CommandResult> {
  const schema = await import('../core/schema/index.js');
  if (!['text', 'sql', 'json'].includes(o.format))
    throw inputError(
      'SCHEMA_BAD_FORMAT',
      `--format ${String(o.format)} is not known`,
      'Use --format text, sql or json.',
    ).zh(`--format ${String(o.format)} 不是已知格式`, '请使用 --format text、sql 或 json。');
  const cur = await loadSide(ctx, schema, args[0] as string, o);
  const tgt = await loadSide(ctx, schema, args[1] as string, o);
  const renames = readDecisions(ctx, schema, o.decisions);
  const dialect = dialectOpt(o.dialect);
  const plan = schema.makePlan(cur.model, tgt.model, {
    now: ctx.now(),
    hisopsVersion: hisopsVersion(),
    dialect,
    renames,
    oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS),
  });
  for (const w of plan.warnings) ctx.debug(w);
  const exit = plan.diff.equal ? EXIT.ok : EXIT.findings;
  return {
    data: {
      equal: plan.diff.equal,
      counts: plan.diff.counts,
      current: plan.current,
      target: plan.target,
      changes: plan.diff.changes,
      ...(o.format === 'sql' ? { script: schema.renderScript(plan, ctx.lang) } : {}),
    },
    exit,
    human: (out) => {
      if (o.format === 'sql') out.line(schema.renderScript(plan, ctx.lang).trimEnd());
      else if (o.format === 'json')
        out.line(
          JSON.stringify({ equal: plan.diff.equal, counts: plan.diff.counts, changes: plan.diff.changes }, null, 1),
        );
      else for (const l of schema.formatDiffText(plan.diff, ctx.lang)) out.line(l);
    },
  };
}
