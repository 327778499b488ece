/**
 * Journaled apply of a sync plan, keyed to the live database's state rather than to a plan or a
 * URL. An apply (one attempt of one plan on one database) records the state it started from and,
 * for every statement, the state before and after it plus the digests of the objects it changes
 * as they were before (state.ts). Each run first reads the database and finds where it stands:
 *
 * - the state after the last completed statement: continue with the next one;
 * - in the middle of the statement that was running when the process died (DDL commits on its
 *   own in MySQL and Oracle): if only that statement's objects differ from before it and all of
 *   them changed, it took effect and is marked done ("found in the live schema"); if none did it
 *   runs again; if some did, the run stops and says which;
 * - the state the plan started from although statements were recorded: the database was
 *   recreated or restored, so the plan is applied afresh (a new attempt);
 * - anything else: stop, applying nothing.
 *
 * Before each statement the objects it changes are read again and must still be as recorded
 * (nobody else changed them meanwhile); after it they are read again for the next state. A
 * statement the server refuses can be passed with `skip` or `markDone` (journaled with who and
 * why); session statements run before each step on its connection. Whatever happens, the
 * closing summary comes from reading the database again and comparing it with the target.
 */
import type { Db } from '../db/index.js';
import { EXIT, HisopsError } from '../errors.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { inputError } from '../errors.js';
import { adaptModel } from './adapt.js';
import { diffModels, type DiffResult } from './diff.js';
import type { NameFilter } from './filter.js';
import { sha256 } from './digest.js';
import { execStatement, SessionStatementError } from './exec.js';
import { fingerprint, objectDigests, shortFingerprint } from './fingerprint.js';
import { introspect } from './introspect/index.js';
import type { SchemaModel } from './model.js';
import { makePlan } from './plan.js';
import { LiveState, stateDigest, type ObjectsBefore } from './state.js';

export const APPLIES_TABLE: JournalTable = {
  name: 'hisops_schema_applies',
  build: (t) => {
    t.string('apply_id', 40).primary();
    t.string('plan_id', 40).notNullable();
    t.integer('attempt').notNullable();
    t.string('dialect', 20).notNullable();
    t.string('db', 300).notNullable();
    t.string('target', 300).notNullable();
    t.string('current_fp', 64).notNullable();
    t.string('target_fp', 64).notNullable();
    t.integer('statements').notNullable();
    t.string('start_state', 64).notNullable();
    /** The digest of every object when the attempt started (JSON): what the database must still show where no step has been. */
    t.text('start_objects').notNullable();
    t.string('end_state', 64).nullable();
    t.string('status', 20).notNullable();
    t.text('note').nullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('run_id', 40).nullable();
  },
};

export const APPLY_STEPS_TABLE: JournalTable = {
  name: 'hisops_schema_apply_steps',
  build: (t) => {
    t.string('apply_id', 40).notNullable();
    t.integer('seq').notNullable();
    t.text('statement').notNullable();
    /** started | done | failed | skipped | marked-done */
    t.string('status', 20).notNullable();
    /** how a step came to be done: ran | found in the live schema | by hand (marked) */
    t.string('how', 40).nullable();
    t.text('error').nullable();
    /** The digests of the objects the statement changes, read just before it ran (JSON). */
    t.text('objects_before').nullable();
    t.string('actor', 100).nullable();
    t.text('reason').nullable();
    t.string('started_at', 30).nullable();
    t.string('ended_at', 30).nullable();
    t.string('run_id', 40).nullable();
    t.primary(['apply_id', 'seq']);
  },
};

/** What apply needs: a fresh plan or a script read back from a file both give this. */
export interface ApplicablePlan {
  planId: string;
  dialect: string;
  currentFingerprint: string;
  targetFingerprint: string;
  targetDisplay: string;
  /** `objects`: what each statement changes (plan.ts); without it a step re-reads the whole schema. */
  statements: Array<{ seq: number; sql: string; objects?: string[] }>;
}

export interface StepOverride {
  action: 'skip' | 'mark-done';
  seq: number;
  reason: string;
  /** Who decided (the operating-system user). */
  actor: string;
}

export interface ApplyOptions {
  journal: Journal;
  runId: string;
  clock: () => Date;
  /** Continue a run that stopped. */
  resume?: boolean;
  schema?: string;
  filter?: Partial<NameFilter>;
  /** Statements run on the step's connection before each step (`SET SESSION …`). */
  session?: readonly string[];
  /** Steps passed over (`skip`) or done by hand (`mark-done`); each implies resume. */
  overrides?: readonly StepOverride[];
  onStatement?: (e: { seq: number; index: number; total: number; sql: string }) => void;
  /** Longest Oracle identifier the plan was made for (schema.oracle.maxIdentifier). */
  oracleMaxIdentifier?: number;
}

export interface ApplyFailure {
  seq: number;
  sql: string;
  error: string;
  code?: string;
  /** The server refused the statement (or a session statement before it). */
  kind: 'server';
}

export interface ApplyResult {
  planId: string;
  /** One attempt of the plan on this database: the journal's key. */
  applyId: string;
  attempt: number;
  status: 'done' | 'failed' | 'already-applied';
  total: number;
  /** Statements this run executed. */
  applied: number;
  /** Steps completed by earlier runs of this attempt (ran, found, skipped or marked). */
  before: number;
  /** Steps this run found already in effect in the live schema (the process had died during them). */
  found: number[];
  /** Steps passed over or done by hand, in this attempt. */
  overridden: Array<{ seq: number; action: 'skip' | 'mark-done'; reason: string; actor: string }>;
  /** An earlier attempt this run set aside because the database is back in the state the plan started from. */
  supersededAttempt?: number;
  failed?: ApplyFailure;
  /** The database compared with the target after the run (always read again). */
  leftovers: DiffResult;
  /** Safe statements a new plan from the database as it is now would still contain (0: only review items remain). */
  safeLeft: number;
  fingerprintAfter: string;
}

interface ApplyRow {
  apply_id: string;
  attempt: number;
  start_state: string;
  start_objects: string;
  end_state: string | null;
  status: string;
}

interface StepRow {
  seq: number;
  status: string;
  objects_before: string | null;
  actor: string | null;
  reason: string | null;
}

const COMPLETED = new Set(['done', 'skipped', 'marked-done']);

export function applyIdOf(planId: string, dbDisplay: string, attempt: number): string {
  return sha256(`${planId}\n${dbDisplay}\n${attempt}`).slice(0, 32);
}

type Position =
  | { kind: 'continue'; next: number; found?: number }
  | { kind: 'partial'; next: number; seq: number; changed: string[]; unchanged: string[] }
  | { kind: 'unknown'; next: number; after: number | null; differing: string[] };

/**
 * Where the live database stands in an unfinished attempt (pure). What the database must show is
 * known object by object: the digests at the start of the attempt, replaced by each step's
 * reading just before it ran; an object a completed step changed is not known until a later
 * step read it again. Every known object must match; then the statement the last run stopped in
 * took effect if all its objects changed, did not if none did, and did in part otherwise.
 */
function locate(plan: ApplicablePlan, a: ApplyRow, steps: Map<number, StepRow>, live: ReadonlyMap<string, string>): Position {
  const known = new Map<string, string | null>(Object.entries(JSON.parse(a.start_objects) as ObjectsBefore));
  const unknown = new Set<string>();
  let anything = false; // a step without a list of objects: everything it may have changed is unknown
  let next = plan.statements.length;
  let after: number | null = null;
  const learn = (row: StepRow | undefined) => {
    if (!row?.objects_before) return;
    for (const [o, d] of Object.entries(JSON.parse(row.objects_before) as ObjectsBefore)) {
      known.set(o, d);
      unknown.delete(o);
    }
  };
  for (let i = 0; i < plan.statements.length; i++) {
    const s = plan.statements[i]!;
    const row = steps.get(s.seq);
    if (!row || !COMPLETED.has(row.status)) {
      next = i;
      break;
    }
    learn(row);
    if (s.objects) for (const o of s.objects) unknown.add(o);
    else anything = true;
    after = s.seq;
  }
  const s = plan.statements[next];
  const stopped = s ? steps.get(s.seq) : undefined;
  const before = stopped?.objects_before ? (JSON.parse(stopped.objects_before) as ObjectsBefore) : undefined;
  learn(stopped);
  const own = new Set(before ? Object.keys(before) : []);
  const differing = anything ? [] : [...new Set([...known.keys(), ...live.keys()])].filter((o) => !unknown.has(o) && !own.has(o) && (live.get(o) ?? null) !== (known.get(o) ?? null));
  if (differing.length) return { kind: 'unknown', next, after, differing: differing.sort() };
  // A statement the server refused did nothing (one DDL statement is all or nothing); what its
  // objects show now is the fix someone made for it, and it runs again.
  if (!stopped || !before || stopped.status === 'failed') return { kind: 'continue', next };
  const changed = Object.keys(before).filter((o) => (live.get(o) ?? null) !== before[o]);
  const unchanged = Object.keys(before).filter((o) => (live.get(o) ?? null) === before[o]);
  if (changed.length === 0) return { kind: 'continue', next };
  if (unchanged.length === 0) return { kind: 'continue', next, found: next };
  return { kind: 'partial', next, seq: stopped.seq, changed, unchanged };
}

const label = (k: string) => k.replace(/^(table|view|sequence):/, '$1 ').replace(/^routine:([^:]+):/, '$1 ').replace(/^other:([^:]+):/, '$1 ');

export async function applyPlan(db: Db, plan: ApplicablePlan, targetIn: SchemaModel, opts: ApplyOptions): Promise<ApplyResult> {
  const { journal } = opts;
  const target = adaptModel(targetIn, db.dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier }).model;
  if (plan.dialect !== db.dialect) {
    throw inputError('SCHEMA_APPLY_DIALECT', `The script is written for ${plan.dialect}, the database is ${db.info.label}`, `Plan again with --dialect ${db.dialect}, or apply it to a ${plan.dialect} database.`).zh(`脚本是为 ${plan.dialect} 编写的，而数据库是 ${db.info.label}`, `请用 --dialect ${db.dialect} 重新生成计划，或在 ${plan.dialect} 数据库上执行。`);
  }
  for (const o of opts.overrides ?? []) {
    if (!plan.statements.some((s) => s.seq === o.seq)) {
      throw inputError('SCHEMA_NO_SUCH_STEP', `--${o.action} ${o.seq}: the script has no safe statement ${o.seq}`, `Give the number of a statement of the script's safe part (its "-- hisops:stmt <n>" line): ${plan.statements[0]?.seq ?? 1}…${plan.statements.at(-1)?.seq ?? 1}.`).zh(`--${o.action} ${o.seq}：脚本中没有第 ${o.seq} 条安全语句`, `请给出脚本安全部分中某条语句的编号（见其 "-- hisops:stmt <n>" 行）：${plan.statements[0]?.seq ?? 1}…${plan.statements.at(-1)?.seq ?? 1}。`);
    }
  }
  await journal.ensure(APPLIES_TABLE);
  await journal.ensure(APPLY_STEPS_TABLE);
  const k = journal.knex;
  const now = () => opts.clock().toISOString();
  const read = { schema: opts.schema, filter: opts.filter };
  const session = opts.session ?? [];
  const total = plan.statements.length;

  const readAll = async () => (await introspect(db, read)).model;
  const finish = async (r: Omit<ApplyResult, 'leftovers' | 'safeLeft' | 'fingerprintAfter'>, model?: SchemaModel): Promise<ApplyResult> => {
    const after = model ?? (await readAll());
    const leftovers = diffModels(after, target, { filter: opts.filter });
    const again = makePlan(after, target, { now: opts.clock(), hisopsVersion: 'apply', dialect: db.dialect, filter: opts.filter, oracleMaxIdentifier: opts.oracleMaxIdentifier });
    return { ...r, leftovers, safeLeft: again.counts.safeStatements, fingerprintAfter: fingerprint(after) };
  };

  const model = await readAll();
  const live = new LiveState(model, read);
  const liveFp = fingerprint(model);
  const latest = (await k(APPLIES_TABLE.name).where({ plan_id: plan.planId, db: db.target.display }).orderBy('attempt', 'desc').first()) as ApplyRow | undefined;
  const stepsOf = async (applyId: string) => new Map(((await k(APPLY_STEPS_TABLE.name).where({ apply_id: applyId })) as StepRow[]).map((r) => [Number(r.seq), { ...r, seq: Number(r.seq) }]));

  let attempt: ApplyRow | undefined;
  let steps = new Map<number, StepRow>();
  let position: Position | undefined;
  let superseded: number | undefined;
  if (latest?.status === 'done') {
    if (live.state === latest.end_state) {
      const st = await stepsOf(latest.apply_id);
      return finish({ planId: plan.planId, applyId: latest.apply_id, attempt: latest.attempt, status: 'already-applied', total, applied: 0, before: [...st.values()].filter((r) => COMPLETED.has(r.status)).length, found: [], overridden: overriddenOf(st) }, model);
    }
    if (liveFp === plan.currentFingerprint) superseded = latest.attempt; // recreated after a complete apply
  } else if (latest) {
    steps = await stepsOf(latest.apply_id);
    position = locate(plan, latest, steps, live.digests);
    // Back where the attempt started although statements of it completed: recreated or restored.
    const progressed = [...steps.values()].some((r) => r.status === 'done');
    if (live.state === latest.start_state && progressed) {
      superseded = latest.attempt; // recreated or restored to where the plan started
      position = undefined;
    } else attempt = latest;
  }
  const overrides = new Map((opts.overrides ?? []).map((o) => [o.seq, o]));

  if (attempt && position) {
    // Running again without --resume is refused only when it would pass over work already done or in flight.
    const inFlightOrDone = [...steps.values()].some((r) => COMPLETED.has(r.status) || r.status === 'started');
    const remaining = plan.statements.some((x) => !COMPLETED.has(steps.get(x.seq)?.status ?? ''));
    if (inFlightOrDone && remaining && !opts.resume && overrides.size === 0) {
      const done = [...steps.values()].filter((r) => COMPLETED.has(r.status)).length;
      throw new HisopsError({
        code: 'SCHEMA_APPLY_PARTIAL',
        summary: `A previous run applied ${done} of ${total} statements of this plan to ${db.target.display}`,
        why: 'Running the script from the top again would repeat statements that already ran.',
        fix: 'Fix what stopped it (the failed statement is in the previous run\'s message and the journal) and run the same command with --resume.',
        details: { planId: plan.planId, applyId: attempt.apply_id, applied: done },
        exit: EXIT.needsConfirmation,
      }).zh(`上一次运行已在 ${db.target.display} 上执行了本计划 ${total} 条语句中的 ${done} 条`, '请先处理使其中止的问题（失败的语句见上一次运行的消息和日志），然后用相同命令加 --resume 运行。', '从头再执行脚本会重复已执行过的语句。');
    }
    const stoppedSeq = plan.statements[position.next]?.seq;
    const forced = stoppedSeq !== undefined ? overrides.get(stoppedSeq) : undefined;
    if (position.kind === 'partial' && !forced) {
      throw new HisopsError({
        code: 'SCHEMA_STEP_PARTIAL',
        summary: `Statement ${position.seq} took effect only in part on ${db.target.display}; nothing more was applied`,
        why: `It was running when the previous run stopped. Changed since: ${position.changed.map(label).join(', ')}; not changed: ${position.unchanged.map(label).join(', ')}.`,
        fix: `Finish it by hand (or undo what it did), then run the same command with --resume --mark-done ${position.seq} --reason "…" (or, after undoing it, --resume).`,
        details: { seq: position.seq, changed: position.changed, unchanged: position.unchanged, applyId: attempt.apply_id },
        exit: EXIT.usage,
      }).zh(`第 ${position.seq} 条语句在 ${db.target.display} 上只部分生效；未再执行其他语句`, `请手工完成（或撤回其已做的更改），然后用相同命令加 --resume --mark-done ${position.seq} --reason "…" 运行（撤回后则只加 --resume）。`, `上一次运行中止时它正在执行。此后已变化：${position.changed.map(label).join('、')}；未变化：${position.unchanged.map(label).join('、')}。`);
    }
    if (position.kind === 'unknown' && !forced) {
      const where = position.after === null ? 'the state the plan started from' : `the state after statement ${position.after}`;
      throw new HisopsError({
        code: 'SCHEMA_STATE_UNKNOWN',
        summary: `${db.target.display} is not in a state this apply knows; nothing was applied`,
        why: `The journal left it in ${where} (attempt ${attempt.attempt}), and it is neither that nor the state the plan started from; changed by something else: ${position.differing.slice(0, 8).map(label).join(', ')}${position.differing.length > 8 ? ` and ${position.differing.length - 8} more` : ''}.`,
        fix: 'Restore the database to where the plan started and run again, or plan afresh against it as it is now (hisops schema sync <db> <target> -o new-script.sql).',
        details: { applyId: attempt.apply_id, after: position.after, differing: position.differing, expectedFingerprint: plan.currentFingerprint, fingerprint: liveFp },
        exit: EXIT.usage,
      }).zh(`${db.target.display} 处于本次执行无法识别的状态；未执行任何内容`, '请将数据库恢复到计划开始时的状态后再运行，或按其现状重新生成计划（hisops schema sync <db> <target> -o new-script.sql）。', `日志记录它停在 ${where}（第 ${attempt.attempt} 次尝试），但它既不是该状态，也不是计划开始时的状态；被其他操作改动：${position.differing.slice(0, 8).map(label).join('、')}${position.differing.length > 8 ? ` 等另外 ${position.differing.length - 8} 处` : ''}。`);
    }
  } else {
    // A fresh attempt: the database must be exactly what the plan was made against.
    if (liveFp !== plan.currentFingerprint) {
      throw new HisopsError({
        code: 'SCHEMA_CHANGED_SINCE_PLAN',
        summary: `${db.target.display} has changed since the script was planned; nothing was applied`,
        why: `The script was planned against fingerprint ${shortFingerprint(plan.currentFingerprint)}, the database now has ${shortFingerprint(liveFp)}.` + (latest?.status === 'done' ? ` The plan was applied to it before (attempt ${latest.attempt}) and it has been changed since.` : ''),
        fix: 'Plan the sync again against the database as it is now (hisops schema sync <db> <target> -o new-script.sql) and review the new script.',
        details: { expected: plan.currentFingerprint, actual: liveFp },
        exit: EXIT.usage,
      }).zh(`${db.target.display} 在生成脚本后已发生变化；未执行任何内容`, '请按数据库现状重新生成同步计划（hisops schema sync <db> <target> -o new-script.sql）并审阅新脚本。', `脚本按指纹 ${shortFingerprint(plan.currentFingerprint)} 生成，数据库现在的指纹为 ${shortFingerprint(liveFp)}。` + (latest?.status === 'done' ? `该计划此前已在其上执行过（第 ${latest.attempt} 次尝试），此后又被改动。` : ''));
    }
    const n = (latest?.attempt ?? 0) + 1;
    const stamp = now();
    if (latest && superseded !== undefined && latest.status !== 'done') await k(APPLIES_TABLE.name).where({ apply_id: latest.apply_id }).update({ status: 'superseded', note: `the database was back in the state the plan started from at ${stamp}: applied afresh as attempt ${n}`, updated_at: stamp });
    const startObjects = JSON.stringify(Object.fromEntries(live.digests));
    attempt = { apply_id: applyIdOf(plan.planId, db.target.display, n), attempt: n, start_state: live.state, start_objects: startObjects, end_state: null, status: 'running' };
    await k(APPLIES_TABLE.name).insert({
      apply_id: attempt.apply_id,
      plan_id: plan.planId,
      attempt: n,
      dialect: plan.dialect,
      db: db.target.display,
      target: plan.targetDisplay.slice(0, 300),
      current_fp: plan.currentFingerprint,
      target_fp: plan.targetFingerprint,
      statements: total,
      start_state: live.state,
      start_objects: startObjects,
      end_state: null,
      status: 'running',
      note: superseded !== undefined ? `attempt ${superseded} was recorded on this database before it was recreated or restored` : null,
      created_at: stamp,
      updated_at: stamp,
      run_id: opts.runId,
    });
    steps = new Map();
    position = { kind: 'continue', next: 0 };
  }

  const applyId = attempt.apply_id;
  const before = [...steps.values()].filter((r) => COMPLETED.has(r.status)).length;
  const found: number[] = [];
  const stepKey = (seq: number) => ({ apply_id: applyId, seq });
  const writeStep = async (seq: number, sql: string, rec: Record<string, unknown>, trx: typeof k = k) => {
    const prev = steps.get(seq);
    if (prev) await trx(APPLY_STEPS_TABLE.name).where(stepKey(seq)).update(rec);
    else await trx(APPLY_STEPS_TABLE.name).insert({ ...stepKey(seq), statement: sql, ...rec });
    steps.set(seq, { seq, status: String(rec.status ?? prev?.status), objects_before: rec.objects_before === undefined ? (prev?.objects_before ?? null) : (rec.objects_before as string | null), actor: (rec.actor as string) ?? prev?.actor ?? null, reason: (rec.reason as string) ?? prev?.reason ?? null });
  };

  // The step the last run stopped in: found in effect, or passed by the person who decided.
  let first = position.next;
  const stopped = plan.statements[first];
  if (stopped && position.kind === 'continue' && position.found === first && !overrides.has(stopped.seq)) {
    await writeStep(stopped.seq, stopped.sql, { status: 'done', how: 'found in the live schema', ended_at: now(), run_id: opts.runId });
    found.push(stopped.seq);
    first++;
  }
  for (const o of overrides.values()) {
    const s = plan.statements.find((x) => x.seq === o.seq)!;
    const row = steps.get(o.seq);
    if (row && COMPLETED.has(row.status)) {
      throw inputError('SCHEMA_STEP_COMPLETED', `--${o.action} ${o.seq}: statement ${o.seq} is already ${row.status} in this apply`, 'Leave the option out and run with --resume.').zh(`--${o.action} ${o.seq}：第 ${o.seq} 条语句在本次执行中已是 ${row.status}`, '请去掉该选项，用 --resume 运行。');
    }
    await writeStep(o.seq, s.sql, { status: o.action === 'skip' ? 'skipped' : 'marked-done', how: o.action === 'skip' ? 'skipped' : 'by hand (marked)', actor: o.actor.slice(0, 100), reason: o.reason, ended_at: now(), run_id: opts.runId });
  }
  await k(APPLIES_TABLE.name).where({ apply_id: applyId }).update({ status: 'running', updated_at: now(), run_id: opts.runId });

  // Objects an earlier statement of this run changed: read again before a statement that changes them.
  const dirty = new Set<string>();
  let allDirty = false;
  let applied = 0;
  let pendingDone: { seq: number; sql: string; at: string } | undefined;
  const flushDone = async (trx: typeof k) => {
    if (pendingDone) await writeStep(pendingDone.seq, pendingDone.sql, { status: 'done', how: 'ran', ended_at: pendingDone.at }, trx);
    pendingDone = undefined;
  };
  for (let i = Math.max(0, first); i < total; i++) {
    const s = plan.statements[i]!;
    const row = steps.get(s.seq);
    if (row && COMPLETED.has(row.status)) {
      // done by hand or passed over: what it changed is not known until read again
      if (s.objects) for (const o of s.objects) dirty.add(o);
      else allDirty = true;
      continue;
    }
    opts.onStatement?.({ seq: s.seq, index: i, total, sql: s.sql });
    if (!s.objects || allDirty) {
      await live.reread(db, undefined);
      dirty.clear();
      allDirty = false;
    } else if (s.objects.some((o) => dirty.has(o))) {
      const stale = s.objects.filter((o) => dirty.has(o));
      await live.reread(db, stale);
      for (const o of stale) dirty.delete(o);
    }
    const objectsBefore = JSON.stringify(s.objects ? live.subset(s.objects) : Object.fromEntries(live.digests));
    // One journal commit per statement: the previous one done, this one started. A run killed
    // between a statement and this commit leaves it `started`, and the next run finds it in effect.
    await k.transaction(async (trx) => {
      await flushDone(trx);
      await writeStep(s.seq, s.sql, { statement: s.sql, status: 'started', how: null, error: null, objects_before: objectsBefore, started_at: now(), ended_at: null, run_id: opts.runId }, trx);
    });
    try {
      await execStatement(db, s.sql, session);
    } catch (e) {
      const err = (e instanceof SessionStatementError ? e.failure : e) as { message?: string; sqlMessage?: string; code?: string };
      const message = e instanceof SessionStatementError ? e.message : String(err.sqlMessage ?? err.message ?? e);
      await writeStep(s.seq, s.sql, { status: 'failed', error: message, ended_at: now() });
      await k(APPLIES_TABLE.name).where({ apply_id: applyId }).update({ status: 'failed', updated_at: now() });
      return finish({ planId: plan.planId, applyId, attempt: attempt.attempt, status: 'failed', total, applied, before, found, overridden: overriddenOf(steps), failed: { seq: s.seq, sql: s.sql, error: message, kind: 'server', ...(err.code ? { code: String(err.code) } : {}) } });
    }
    if (s.objects) for (const o of s.objects) dirty.add(o);
    else allDirty = true;
    pendingDone = { seq: s.seq, sql: s.sql, at: now() };
    applied++;
  }
  await flushDone(k);
  const after = await readAll();
  const endState = stateDigest(objectDigests(after));
  await k(APPLIES_TABLE.name).where({ apply_id: applyId }).update({ status: 'done', end_state: endState, updated_at: now() });
  return finish({ planId: plan.planId, applyId, attempt: attempt.attempt, status: 'done', total, applied, before, found, overridden: overriddenOf(steps), ...(superseded !== undefined ? { supersededAttempt: superseded } : {}) }, after);
}

function overriddenOf(steps: Map<number, StepRow>): ApplyResult['overridden'] {
  return [...steps.values()]
    .filter((r) => r.status === 'skipped' || r.status === 'marked-done')
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({ seq: r.seq, action: r.status === 'skipped' ? ('skip' as const) : ('mark-done' as const), reason: r.reason ?? '', actor: r.actor ?? '' }));
}

/** The journal's record of a plan's latest attempt on one database (for messages and reports). */
export async function planProgress(journal: Journal, planId: string, dbDisplay: string): Promise<Array<{ seq: number; status: string; how: string | null; error: string | null; actor: string | null; reason: string | null; attempt: number }>> {
  await journal.ensure(APPLIES_TABLE);
  await journal.ensure(APPLY_STEPS_TABLE);
  const a = (await journal.knex(APPLIES_TABLE.name).where({ plan_id: planId, db: dbDisplay }).orderBy('attempt', 'desc').first()) as ApplyRow | undefined;
  if (!a) return [];
  const rows = (await journal.knex(APPLY_STEPS_TABLE.name).where({ apply_id: a.apply_id }).orderBy('seq').select('seq', 'status', 'how', 'error', 'actor', 'reason')) as Array<{ seq: number; status: string; how: string | null; error: string | null; actor: string | null; reason: string | null }>;
  return rows.map((r) => ({ ...r, seq: Number(r.seq), attempt: a.attempt }));
}
