/**
 * `hisops schema sync`: plan the script that brings a database up to a target (or read a saved
 * one), and with --apply run its safe part, journaled, resumable step by step.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { App, CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { EXIT, HisopsError, externalError, inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';
import {
  askRenames,
  collect,
  ddlOptions,
  dialectOpt,
  hisopsVersion,
  loadSide,
  oracleMaxIdentifier,
  readDecisions,
  sessionSetting,
  type Side,
  type SideOptions,
} from './schemaSides.js';

interface SyncOpts extends SideOptions {
  output?: string;
  dialect?: string;
  decisions?: string;
  script?: string;
  apply?: boolean;
  resume?: boolean;
  session?: string[];
  skip?: string;
  markDone?: string;
  reason?: string;
}

type Schema = typeof SchemaModule;
type Filter = { include: string[]; exclude: string[] };

/** The script to run: a saved one (--script), or one planned now and written to a file. */
interface Script {
  applicable: SchemaModule.ApplicablePlan;
  plan?: SchemaModule.Plan;
  scriptFile: string;
}

function stepNumber(v: unknown, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw inputError(
      'SCHEMA_BAD_STEP',
      `${flag} ${String(v)} is not a statement number`,
      `Give the number of a safe statement of the script (its "-- hisops:stmt <n>" line), e.g. ${flag} 17.`,
    ).zh(
      `${flag} ${String(v)} 不是语句编号`,
      `请给出脚本中某条安全语句的编号（见其 "-- hisops:stmt <n>" 行），例如 ${flag} 17。`,
    );
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
function stepOverrides(o: SyncOpts, env: NodeJS.ProcessEnv): SchemaModule.StepOverride[] {
  const out: SchemaModule.StepOverride[] = [];
  const actor = operatingUser(env);
  if (o.skip !== undefined)
    out.push({ action: 'skip', seq: stepNumber(o.skip, '--skip'), reason: o.reason ?? '', actor });
  if (o.markDone !== undefined)
    out.push({ action: 'mark-done', seq: stepNumber(o.markDone, '--mark-done'), reason: o.reason ?? '', actor });
  if (out.length === 2 && out[0]!.seq === out[1]!.seq)
    throw inputError(
      'SCHEMA_SKIP_AND_MARK',
      `Statement ${out[0]!.seq} cannot be both skipped and marked done`,
      'Choose one: --skip when it should not run, --mark-done when it was done by hand.',
    ).zh(`语句 ${out[0]!.seq} 不能同时跳过和标记为已完成`, '二选一：不应执行时用 --skip，已手工执行时用 --mark-done。');
  if (out.length && !o.reason?.trim())
    throw inputError(
      'SCHEMA_REASON_MISSING',
      `--${out[0]!.action} needs --reason`,
      'Say why, e.g. --reason "row size too large; column added by hand with innodb_strict_mode=0". The reason is kept in the journal with your user name.',
    ).zh(
      `--${out[0]!.action} 需要 --reason`,
      '请说明原因，例如 --reason "行太长；已在 innodb_strict_mode=0 下手工加列"。原因连同您的用户名记入日志。',
    );
  if (!out.length && o.reason !== undefined)
    throw inputError(
      'SCHEMA_REASON_ALONE',
      '--reason goes with --skip or --mark-done',
      'Add --skip <step> or --mark-done <step>, or leave --reason out.',
    ).zh(
      '--reason 只能与 --skip 或 --mark-done 一起使用',
      '请加上 --skip <step> 或 --mark-done <step>，或去掉 --reason。',
    );
  return out;
}

function summaryRows(ctx: Ctx, plan: SchemaModule.Plan): Array<[string, string | number]> {
  return [
    [ctx.t('schema.k.current'), `${plan.current.display}  ${plan.current.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.target'), `${plan.target.display}  ${plan.target.fingerprint.slice(0, 16)}`],
    [ctx.t('schema.k.changes'), plan.counts.changes],
    [
      ctx.t('schema.k.safe'),
      ctx.t('schema.v.safe', { statements: plan.counts.safeStatements, items: plan.counts.safeItems }),
    ],
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
  out.table(
    [ctx.t('schema.col.change'), ctx.t('schema.col.why')],
    review
      .slice(0, 40)
      .map((i) => [title(i.title.length > 70 ? i.title.slice(0, 69) + '…' : i.title), reason(i.reasons[0] ?? '')]),
  );
  if (review.length > 40) out.note(ctx.t('schema.reviewMore', { n: review.length - 40 }));
}

export function registerSync(group: Command, app: App): void {
  const sync = ddlOptions(
    group
      .command('sync')
      .description(app.t('schema.sync.describe'))
      .argument('<current>', 'the database to upgrade (or a snapshot, for a script only)')
      .argument('<target>', 'the new version: database, snapshot file, or DDL file or folder'),
  )
    .option('-o, --output <file>', 'where to save the script (default .hisops/scripts/sync-<run>.sql)')
    .option('--dialect <dialect>', 'write the script for this database kind')
    .option('--decisions <file>', 'rename decisions (YAML): renames: { tables: {old: new}, columns: {"t.old": new} }')
    .option('--script <file>', 'apply this saved script instead of planning again (checks its fingerprint)')
    .option('--apply', 'run the safe part against <current> (journaled)')
    .option('--resume', 'continue a run that stopped (with --script and --apply)')
    .option(
      '--session <sql>',
      'run this statement on the connection before each step, e.g. "SET SESSION innodb_strict_mode=0" (repeatable; default: schema.session)',
      collect,
    )
    .option('--skip <step>', 'pass over safe statement <step> of the script (with --reason; journaled)')
    .option('--mark-done <step>', 'record safe statement <step> as done by hand (with --reason; journaled)')
    .option('--reason <text>', 'why a step is skipped or marked done')
    .action(app.action(runSync, { record: true, lock: (o) => !!o.apply && 'schema sync' }));
  app.examples(sync, [
    'hisops schema sync his_test new-version.json -o upgrade-v8.sql',
    'hisops schema sync his_test new-version.json --script upgrade-v8.sql --apply --yes',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --session "SET SESSION innodb_strict_mode=0"',
    'hisops schema sync his_prod new-version.json --script upgrade-v8.sql --apply --resume --mark-done 17 --reason "added by hand"',
    'hisops schema sync prod.json new.json --dialect oracle -o upgrade.oracle.sql',
  ]);
}

async function runSync(ctx: Ctx, args: unknown[], o: SyncOpts): Promise<CommandResult> {
  const schema = await import('../core/schema/index.js');
  const cur = await loadSide(ctx, schema, args[0] as string, o);
  const tgt = await loadSide(ctx, schema, args[1] as string, o);
  const filter = { include: schema.splitPatterns(o.include), exclude: schema.splitPatterns(o.exclude) };
  const overrides = stepOverrides(o, ctx.env);
  if ((o.resume || overrides.length) && !o.script)
    throw inputError(
      'SCHEMA_RESUME_NEEDS_SCRIPT',
      `${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} continues a saved script`,
      'Run the same command with --script <the script it saved> --apply --resume.',
    ).zh(
      `${o.resume ? '--resume' : overrides[0]!.action === 'skip' ? '--skip' : '--mark-done'} 用于继续执行已保存的脚本`,
      '请用相同命令加 --script <已保存的脚本> --apply --resume 运行。',
    );
  if (overrides.length && !o.apply)
    throw inputError(
      'SCHEMA_OVERRIDE_NEEDS_APPLY',
      '--skip and --mark-done take effect in an apply',
      'Add --apply (and --resume) to the command.',
    ).zh('--skip 和 --mark-done 只在执行（--apply）时生效', '请在命令中加上 --apply（以及 --resume）。');
  const s = o.script ? readSavedScript(ctx, schema, o.script, tgt) : await planScript(ctx, schema, o, cur, tgt, filter);
  const shownScript = path.relative(ctx.cwd, s.scriptFile) || s.scriptFile;
  if (!o.apply) return dryRun(ctx, schema, s, shownScript);
  return applyScript(ctx, schema, { args, o, cur, tgt, filter, overrides, script: s, shownScript });
}

function readSavedScript(ctx: Ctx, schema: Schema, script: string, tgt: Side): Script {
  const scriptFile = path.resolve(ctx.cwd, script);
  let text: string;
  try {
    text = fs.readFileSync(scriptFile, 'utf8');
  } catch {
    throw inputError('SCRIPT_UNREADABLE', `Cannot read the script ${scriptFile}`, 'Check the path.').zh(
      `无法读取脚本 ${scriptFile}`,
      '请检查路径。',
    );
  }
  const saved = schema.parseScript(text, scriptFile);
  const applicable: SchemaModule.ApplicablePlan = {
    planId: saved.header.planId,
    dialect: saved.header.dialect,
    currentFingerprint: saved.header.current,
    targetFingerprint: saved.header.target,
    targetDisplay: tgt.display,
    statements: saved.statements,
  };
  return { applicable, scriptFile };
}

async function planScript(
  ctx: Ctx,
  schema: Schema,
  o: SyncOpts,
  cur: Side,
  tgt: Side,
  filter: Filter,
): Promise<Script> {
  const decided = readDecisions(ctx, schema, o.decisions);
  const renames = await askRenames(ctx, schema, cur.model, tgt.model, decided, !!o.decisions);
  const plan = schema.makePlan(cur.model, tgt.model, {
    now: ctx.now(),
    hisopsVersion: hisopsVersion(),
    dialect: dialectOpt(o.dialect),
    renames,
    filter,
    oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS),
  });
  for (const w of plan.warnings) ctx.warn(w);
  const scriptFile = path.resolve(
    o.output ? ctx.cwd : ctx.config().baseDir,
    o.output ?? path.join('.hisops', 'scripts', `sync-${ctx.runId}.sql`),
  );
  schema.writeFileAtomic(scriptFile, schema.renderScript(plan, ctx.lang), {
    what: 'the sync script',
    mkdir: !o.output,
  });
  const applicable: SchemaModule.ApplicablePlan = {
    planId: plan.planId,
    dialect: plan.dialect,
    currentFingerprint: plan.current.fingerprint,
    targetFingerprint: plan.target.fingerprint,
    targetDisplay: plan.target.display,
    statements: plan.statements
      .filter((s) => s.section === 'safe')
      .map((s) => ({ seq: s.seq, sql: s.sql, objects: s.objects })),
  };
  return { applicable, plan, scriptFile };
}

function dryRun(
  ctx: Ctx,
  schema: Schema,
  { applicable, plan, scriptFile }: Script,
  shownScript: string,
): CommandResult {
  return {
    data: {
      script: scriptFile,
      planId: applicable.planId,
      applied: false,
      counts: plan?.counts,
      diff: plan ? { equal: plan.diff.equal, counts: plan.diff.counts } : undefined,
      review: plan?.items.filter((i) => i.section === 'review').map((i) => ({ change: i.title, reasons: i.reasons })),
    },
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

interface ApplyInput {
  args: unknown[];
  o: SyncOpts;
  cur: Side;
  tgt: Side;
  filter: Filter;
  overrides: SchemaModule.StepOverride[];
  script: Script;
  shownScript: string;
}

async function applyScript(
  ctx: Ctx,
  schema: Schema,
  { args, o, cur, tgt, filter, overrides, script: { applicable, scriptFile }, shownScript }: ApplyInput,
): Promise<CommandResult> {
  if (!cur.db)
    throw inputError(
      'SCHEMA_APPLY_TO_SNAPSHOT',
      `${String(args[0])} is a snapshot or DDL file; a script can only be applied to a database`,
      'Give the database URL or connection name as <current>.',
    ).zh(
      `${String(args[0])} 是快照或 DDL 文件；脚本只能在数据库上执行`,
      '请将数据库 URL 或连接名作为 <current> 给出。',
    );
  if (
    applicable.statements.length &&
    !(await ctx.confirm(ctx.t('schema.applyQ', { n: applicable.statements.length, db: cur.display })))
  )
    throw new HisopsError({
      code: 'CANCELLED',
      summary: 'Nothing was applied',
      fix: `The script is saved as ${shownScript}.`,
      exit: EXIT.needsConfirmation,
    }).zh('未执行任何内容', `脚本已保存为 ${shownScript}。`);
  const journal = await ctx.journal();
  const bar = ctx.progress(ctx.t('schema.progress'), applicable.statements.length);
  const session = o.session?.length ? o.session : sessionSetting(ctx);
  const res = await schema.applyPlan(cur.db, applicable, tgt.model, {
    journal,
    runId: ctx.runId,
    clock: () => ctx.now(),
    resume: !!o.resume,
    schema: o.schema,
    filter,
    session,
    overrides,
    onStatement: () => bar.tick(),
    oracleMaxIdentifier: oracleMaxIdentifier(ctx, schema.ORACLE_MAX_IDENTIFIERS),
  });
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
      {
        seq: f.seq,
        statement: f.sql,
        code: f.code,
        script: scriptFile,
        applyId: res.applyId,
        attempt: res.attempt,
        differences: left.changes.length,
        safeLeft: res.safeLeft,
      },
    ).zh(
      `${shownScript} 的第 ${f.seq} 条语句在 ${cur.display} 上执行失败；本次已完成 ${res.before + res.applied}/${res.total} 条语句，数据库现与目标有 ${left.changes.length} 处不同`,
    );
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
      leftovers: {
        equal: left.equal,
        counts: left.counts,
        safeLeft: res.safeLeft,
        changes: left.changes.map((c) => schema.changeTitle(c)),
      },
    },
    exit: left.equal ? EXIT.ok : EXIT.findings,
    human: (out) => appliedHuman(ctx, out, schema, res, cur.display, shownScript),
  };
}

/** The closing lines come from reading the database again, never from the journal. */
function appliedHuman(
  ctx: Ctx,
  out: Out,
  schema: Schema,
  res: SchemaModule.ApplyResult,
  db: string,
  shownScript: string,
): void {
  const left = res.leftovers;
  if (res.supersededAttempt !== undefined) out.note(ctx.t('schema.afresh', { n: res.supersededAttempt }));
  if (res.status === 'already-applied') out.ok(ctx.t('schema.already', { db }));
  else
    out.ok(
      ctx.t('schema.applied', { n: res.applied, db }) +
        (res.before ? ` (${ctx.t('schema.before', { n: res.before })})` : ''),
    );
  if (res.found.length) out.note(ctx.t('schema.found', { list: res.found.join(', ') }));
  for (const v of res.overridden)
    out.note(`${v.action === 'skip' ? 'skipped' : 'marked done'}: statement ${v.seq} by ${v.actor}: ${v.reason}`);
  out.note(ctx.t('schema.wrote', { file: shownScript }));
  if (left.equal) out.ok(ctx.t('schema.equal'));
  else {
    out.line(
      res.safeLeft === 0
        ? ctx.t('schema.leftovers', { n: left.changes.length })
        : ctx.t('schema.leftoversSafe', { n: left.changes.length, safe: res.safeLeft }),
    );
    for (const l of schema.formatDiffText(left, ctx.lang).slice(3)) out.line(l);
  }
}
