/**
 * `hisops schema sync --apply`: run the safe part of a script against the database, journaled and
 * resumable step by step, with the operator's --skip / --mark-done overrides; then report what the
 * database, read again, still lacks.
 */
import os from 'node:os';
import type { CommandResult } from '../cli/app.js';
import type { Ctx } from '../cli/context.js';
import type { Out } from '../cli/output.js';
import { EXIT, HisopsError, externalError, inputError } from '../core/errors.js';
import type * as SchemaModule from '../core/schema/index.js';
import { oracleMaxIdentifier, type Side, sessionSetting } from './schemaSides.js';

type Schema = typeof SchemaModule;
export type Filter = { include: string[]; exclude: string[] };

/** The script to run: a saved one (--script), or one planned now and written to a file. */
export interface Script {
  applicable: SchemaModule.ApplicablePlan;
  plan?: SchemaModule.Plan;
  scriptFile: string;
}

/** The options of `schema sync` an apply reads. */
interface ApplyOpts {
  schema?: string;
  resume?: boolean;
  session?: string[];
  skip?: string;
  markDone?: string;
  reason?: string;
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
export function stepOverrides(o: ApplyOpts, env: NodeJS.ProcessEnv): SchemaModule.StepOverride[] {
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

interface ApplyInput {
  args: unknown[];
  o: ApplyOpts;
  cur: Side;
  tgt: Side;
  filter: Filter;
  overrides: SchemaModule.StepOverride[];
  script: Script;
  shownScript: string;
}

export async function applyScript(ctx: Ctx, schema: Schema, input: ApplyInput): Promise<CommandResult> {
  const { o, cur, tgt, filter, overrides, script, shownScript } = input;
  const { applicable, scriptFile } = script;
  const db = await confirmApply(ctx, input);
  const journal = await ctx.journal();
  const bar = ctx.progress(ctx.t('schema.progress'), applicable.statements.length);
  const session = o.session?.length ? o.session : sessionSetting(ctx);
  const res = await schema.applyPlan(db, applicable, tgt.model, {
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
  if (res.status === 'failed') throw applyFailed(input, res);
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

/** <current> must be a database, and the operator must say yes (when there is anything to run). */
async function confirmApply(
  ctx: Ctx,
  { args, cur, script: { applicable }, shownScript }: ApplyInput,
): Promise<NonNullable<Side['db']>> {
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
  return cur.db;
}

/** The failed statement, with the ways to go on (resume, a session setting, skip, mark done). */
function applyFailed(
  { args, cur, script: { scriptFile }, shownScript }: ApplyInput,
  res: SchemaModule.ApplyResult,
): HisopsError {
  const left = res.leftovers;
  const again = `hisops schema sync ${String(args[0])} ${String(args[1])} --script ${shownScript} --apply --resume`;
  const f = res.failed!;
  const ways = `Fix the cause and continue with: ${again}. If the server needs a session setting, add --session "SET SESSION …"; to pass the statement: --skip ${f.seq} --reason "…"; if you ran it by hand: --mark-done ${f.seq} --reason "…"`;
  return externalError(
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
