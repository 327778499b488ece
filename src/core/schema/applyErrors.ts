/**
 * Why an apply refuses to run, as bilingual errors: a script for another dialect, an override
 * naming no statement or one already completed, a database changed since the plan, and a resume
 * that would pass over work done, a statement that took effect in part or a state it cannot explain.
 */
import type { Db } from '../db/index.js';
import { EXIT, HisopsError, inputError } from '../errors.js';
import type { ApplicablePlan, StepOverride } from './apply.js';
import type { ApplyRow } from './applyJournal.js';
import { label, type Position } from './applyLocate.js';
import { shortFingerprint } from './fingerprint.js';

/** The script must be for this database's dialect, and every override must name one of its statements. */
export function checkRequest(db: Db, plan: ApplicablePlan, overrides: readonly StepOverride[]): void {
  if (plan.dialect !== db.dialect) {
    throw inputError(
      'SCHEMA_APPLY_DIALECT',
      `The script is written for ${plan.dialect}, the database is ${db.info.label}`,
      `Plan again with --dialect ${db.dialect}, or apply it to a ${plan.dialect} database.`,
    ).zh(
      `脚本是为 ${plan.dialect} 编写的，而数据库是 ${db.info.label}`,
      `请用 --dialect ${db.dialect} 重新生成计划，或在 ${plan.dialect} 数据库上执行。`,
    );
  }
  for (const o of overrides) {
    if (!plan.statements.some((s) => s.seq === o.seq)) {
      throw inputError(
        'SCHEMA_NO_SUCH_STEP',
        `--${o.action} ${o.seq}: the script has no safe statement ${o.seq}`,
        `Give the number of a statement of the script's safe part (its "-- hisops:stmt <n>" line): ${plan.statements[0]?.seq ?? 1}…${plan.statements.at(-1)?.seq ?? 1}.`,
      ).zh(
        `--${o.action} ${o.seq}：脚本中没有第 ${o.seq} 条安全语句`,
        `请给出脚本安全部分中某条语句的编号（见其 "-- hisops:stmt <n>" 行）：${plan.statements[0]?.seq ?? 1}…${plan.statements.at(-1)?.seq ?? 1}。`,
      );
    }
  }
}

export function partialRunError(
  db: Db,
  plan: ApplicablePlan,
  attempt: ApplyRow,
  done: number,
  total: number,
): HisopsError {
  return new HisopsError({
    code: 'SCHEMA_APPLY_PARTIAL',
    summary: `A previous run applied ${done} of ${total} statements of this plan to ${db.target.display}`,
    why: 'Running the script from the top again would repeat statements that already ran.',
    fix: "Fix what stopped it (the failed statement is in the previous run's message and the journal) and run the same command with --resume.",
    details: { planId: plan.planId, applyId: attempt.apply_id, applied: done },
    exit: EXIT.needsConfirmation,
  }).zh(
    `上一次运行已在 ${db.target.display} 上执行了本计划 ${total} 条语句中的 ${done} 条`,
    '请先处理使其中止的问题（失败的语句见上一次运行的消息和日志），然后用相同命令加 --resume 运行。',
    '从头再执行脚本会重复已执行过的语句。',
  );
}

export function stepPartialError(
  db: Db,
  attempt: ApplyRow,
  position: Extract<Position, { kind: 'partial' }>,
): HisopsError {
  return new HisopsError({
    code: 'SCHEMA_STEP_PARTIAL',
    summary: `Statement ${position.seq} took effect only in part on ${db.target.display}; nothing more was applied`,
    why: `It was running when the previous run stopped. Changed since: ${position.changed.map(label).join(', ')}; not changed: ${position.unchanged.map(label).join(', ')}.`,
    fix: `Finish it by hand (or undo what it did), then run the same command with --resume --mark-done ${position.seq} --reason "…" (or, after undoing it, --resume).`,
    details: { seq: position.seq, changed: position.changed, unchanged: position.unchanged, applyId: attempt.apply_id },
    exit: EXIT.usage,
  }).zh(
    `第 ${position.seq} 条语句在 ${db.target.display} 上只部分生效；未再执行其他语句`,
    `请手工完成（或撤回其已做的更改），然后用相同命令加 --resume --mark-done ${position.seq} --reason "…" 运行（撤回后则只加 --resume）。`,
    `上一次运行中止时它正在执行。此后已变化：${position.changed.map(label).join('、')}；未变化：${position.unchanged.map(label).join('、')}。`,
  );
}

export function stateUnknownError(
  db: Db,
  plan: ApplicablePlan,
  attempt: ApplyRow,
  position: Extract<Position, { kind: 'unknown' }>,
  liveFp: string,
): HisopsError {
  const where =
    position.after === null ? 'the state the plan started from' : `the state after statement ${position.after}`;
  return new HisopsError({
    code: 'SCHEMA_STATE_UNKNOWN',
    summary: `${db.target.display} is not in a state this apply knows; nothing was applied`,
    why: `The journal left it in ${where} (attempt ${attempt.attempt}), and it is neither that nor the state the plan started from; changed by something else: ${position.differing.slice(0, 8).map(label).join(', ')}${position.differing.length > 8 ? ` and ${position.differing.length - 8} more` : ''}.`,
    fix: 'Restore the database to where the plan started and run again, or plan afresh against it as it is now (hisops schema sync <db> <target> -o new-script.sql).',
    details: {
      applyId: attempt.apply_id,
      after: position.after,
      differing: position.differing,
      expectedFingerprint: plan.currentFingerprint,
      fingerprint: liveFp,
    },
    exit: EXIT.usage,
  }).zh(
    `${db.target.display} 处于本次执行无法识别的状态；未执行任何内容`,
    '请将数据库恢复到计划开始时的状态后再运行，或按其现状重新生成计划（hisops schema sync <db> <target> -o new-script.sql）。',
    `日志记录它停在 ${where}（第 ${attempt.attempt} 次尝试），但它既不是该状态，也不是计划开始时的状态；被其他操作改动：${position.differing.slice(0, 8).map(label).join('、')}${position.differing.length > 8 ? ` 等另外 ${position.differing.length - 8} 处` : ''}。`,
  );
}

export function changedSincePlanError(
  db: Db,
  plan: ApplicablePlan,
  liveFp: string,
  latest: ApplyRow | undefined,
): HisopsError {
  return new HisopsError({
    code: 'SCHEMA_CHANGED_SINCE_PLAN',
    summary: `${db.target.display} has changed since the script was planned; nothing was applied`,
    why:
      `The script was planned against fingerprint ${shortFingerprint(plan.currentFingerprint)}, the database now has ${shortFingerprint(liveFp)}.` +
      (latest?.status === 'done'
        ? ` The plan was applied to it before (attempt ${latest.attempt}) and it has been changed since.`
        : ''),
    fix: 'Plan the sync again against the database as it is now (hisops schema sync <db> <target> -o new-script.sql) and review the new script.',
    details: { expected: plan.currentFingerprint, actual: liveFp },
    exit: EXIT.usage,
  }).zh(
    `${db.target.display} 在生成脚本后已发生变化；未执行任何内容`,
    '请按数据库现状重新生成同步计划（hisops schema sync <db> <target> -o new-script.sql）并审阅新脚本。',
    `脚本按指纹 ${shortFingerprint(plan.currentFingerprint)} 生成，数据库现在的指纹为 ${shortFingerprint(liveFp)}。` +
      (latest?.status === 'done' ? `该计划此前已在其上执行过（第 ${latest.attempt} 次尝试），此后又被改动。` : ''),
  );
}

export function stepCompletedError(o: StepOverride, status: string): HisopsError {
  return inputError(
    'SCHEMA_STEP_COMPLETED',
    `--${o.action} ${o.seq}: statement ${o.seq} is already ${status} in this apply`,
    'Leave the option out and run with --resume.',
  ).zh(`--${o.action} ${o.seq}：第 ${o.seq} 条语句在本次执行中已是 ${status}`, '请去掉该选项，用 --resume 运行。');
}
