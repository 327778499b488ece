/**
 * Journaled apply of a sync plan. Before anything runs, the database must still have the
 * fingerprint the plan was made against. Each statement is recorded before and after it runs
 * (Oracle and MySQL commit DDL on their own, so a half-applied script must be resumable); the
 * first failure stops the run with the statement and the server's error; `resume` continues
 * after the last statement that completed. Afterwards the database is read again and compared
 * with the target: what is still different is reported (normally exactly the needs-review part).
 */
import type { Db } from '../db/index.js';
import { EXIT, HisopsError, inputError } from '../errors.js';
import type { Journal, JournalTable } from '../journal/index.js';
import { adaptModel } from './adapt.js';
import { diffModels, type DiffResult } from './diff.js';
import type { NameFilter } from './filter.js';
import { sha256 } from './digest.js';
import { execStatement } from './exec.js';
import { fingerprint, shortFingerprint } from './fingerprint.js';
import { introspect } from './introspect/index.js';
import type { SchemaModel } from './model.js';

export const PLANS_TABLE: JournalTable = {
  name: 'hisops_schema_plans',
  build: (t) => {
    t.string('apply_id', 40).primary();
    t.string('plan_id', 40).notNullable();
    t.string('dialect', 20).notNullable();
    t.string('db', 300).notNullable();
    t.string('target', 300).notNullable();
    t.string('current_fp', 64).notNullable();
    t.string('target_fp', 64).notNullable();
    t.integer('statements').notNullable();
    t.string('status', 20).notNullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('run_id', 40).nullable();
  },
};

export const STEPS_TABLE: JournalTable = {
  name: 'hisops_schema_steps',
  build: (t) => {
    t.string('apply_id', 40).notNullable();
    t.integer('seq').notNullable();
    t.text('statement').notNullable();
    t.string('status', 20).notNullable();
    t.text('error').nullable();
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
  statements: Array<{ seq: number; sql: string }>;
}

export interface ApplyOptions {
  journal: Journal;
  runId: string;
  clock: () => Date;
  /** Continue a run that stopped. */
  resume?: boolean;
  schema?: string;
  filter?: Partial<NameFilter>;
  onStatement?: (e: { seq: number; index: number; total: number; sql: string }) => void;
}

export interface ApplyFailure {
  seq: number;
  sql: string;
  error: string;
  code?: string;
}

export interface ApplyResult {
  planId: string;
  /** The plan applied to this database: the journal's key (the same script on a test copy and on production are two applies). */
  applyId: string;
  status: 'done' | 'failed' | 'already-applied';
  total: number;
  applied: number;
  /** Statements a previous run had completed (resume). */
  skipped: number;
  failed?: ApplyFailure;
  /** The database compared with the target after the run. */
  leftovers?: DiffResult;
  fingerprintAfter?: string;
}

export async function applyPlan(db: Db, plan: ApplicablePlan, targetIn: SchemaModel, opts: ApplyOptions): Promise<ApplyResult> {
  const { journal } = opts;
  const target = adaptModel(targetIn, db.dialect).model;
  if (plan.dialect !== db.dialect) {
    throw inputError('SCHEMA_APPLY_DIALECT', `The script is written for ${plan.dialect}, the database is ${db.info.label}`, `Plan again with --dialect ${db.dialect}, or apply it to a ${plan.dialect} database.`);
  }
  await journal.ensure(PLANS_TABLE);
  await journal.ensure(STEPS_TABLE);
  const k = journal.knex;
  const now = () => opts.clock().toISOString();
  const applyId = applyIdOf(plan.planId, db.target.display);
  const existing = (await k(PLANS_TABLE.name).where({ apply_id: applyId }).first()) as { status: string; db: string } | undefined;
  const doneRows = (await k(STEPS_TABLE.name).where({ apply_id: applyId, status: 'done' }).select('seq')) as Array<{ seq: number }>;
  const done = new Set(doneRows.map((r) => Number(r.seq)));

  if (existing?.status === 'done' && done.size >= plan.statements.length) {
    const after = await introspect(db, { schema: opts.schema, filter: opts.filter });
    return { planId: plan.planId, applyId, status: 'already-applied', total: plan.statements.length, applied: 0, skipped: done.size, leftovers: diffModels(after.model, target, { filter: opts.filter }), fingerprintAfter: fingerprint(after.model) };
  }
  if (done.size > 0 && !opts.resume) {
    throw new HisopsError({
      code: 'SCHEMA_APPLY_PARTIAL',
      summary: `A previous run applied ${done.size} of ${plan.statements.length} statements of this plan to ${existing?.db ?? db.target.display}`,
      why: 'Running the script from the top again would repeat statements that already ran.',
      fix: 'Fix what stopped it (see the journal: hisops schema sync … --resume shows the failed statement) and run again with --resume.',
      details: { planId: plan.planId, applied: done.size },
      exit: EXIT.needsConfirmation,
    });
  }
  if (done.size === 0) {
    // Nothing of this plan ran yet: the database must be exactly what the plan was made against.
    const before = await introspect(db, { schema: opts.schema, filter: opts.filter });
    const fp = fingerprint(before.model);
    if (fp !== plan.currentFingerprint) {
      throw new HisopsError({
        code: 'SCHEMA_CHANGED_SINCE_PLAN',
        summary: `${db.target.display} has changed since the script was planned; nothing was applied`,
        why: `The script was planned against fingerprint ${shortFingerprint(plan.currentFingerprint)}, the database now has ${shortFingerprint(fp)}.`,
        fix: 'Plan the sync again against the database as it is now (hisops schema sync <db> <target> -o new-script.sql) and review the new script.',
        details: { expected: plan.currentFingerprint, actual: fp },
        exit: EXIT.usage,
      });
    }
  }

  const stamp = now();
  if (existing) await k(PLANS_TABLE.name).where({ apply_id: applyId }).update({ status: 'running', updated_at: stamp, run_id: opts.runId });
  else
    await k(PLANS_TABLE.name).insert({
      apply_id: applyId,
      plan_id: plan.planId,
      dialect: plan.dialect,
      db: db.target.display,
      target: plan.targetDisplay.slice(0, 300),
      current_fp: plan.currentFingerprint,
      target_fp: plan.targetFingerprint,
      statements: plan.statements.length,
      status: 'running',
      created_at: stamp,
      updated_at: stamp,
      run_id: opts.runId,
    });

  let applied = 0;
  const total = plan.statements.length;
  for (let i = 0; i < total; i++) {
    const s = plan.statements[i]!;
    if (done.has(s.seq)) continue;
    opts.onStatement?.({ seq: s.seq, index: i, total, sql: s.sql });
    const key = { apply_id: applyId, seq: s.seq };
    const row = await k(STEPS_TABLE.name).where(key).first();
    const startedRec = { statement: s.sql, status: 'started', error: null, started_at: now(), ended_at: null, run_id: opts.runId };
    if (row) await k(STEPS_TABLE.name).where(key).update(startedRec);
    else await k(STEPS_TABLE.name).insert({ ...key, ...startedRec });
    try {
      await execStatement(db, s.sql);
    } catch (e) {
      const err = e as { message?: string; sqlMessage?: string; code?: string };
      const message = String(err.sqlMessage ?? err.message ?? e);
      await k(STEPS_TABLE.name).where(key).update({ status: 'failed', error: message, ended_at: now() });
      await k(PLANS_TABLE.name).where({ apply_id: applyId }).update({ status: 'failed', updated_at: now() });
      return { planId: plan.planId, applyId, status: 'failed', total, applied, skipped: done.size, failed: { seq: s.seq, sql: s.sql, error: message, ...(err.code ? { code: String(err.code) } : {}) } };
    }
    await k(STEPS_TABLE.name).where(key).update({ status: 'done', ended_at: now() });
    applied++;
  }
  await k(PLANS_TABLE.name).where({ apply_id: applyId }).update({ status: 'done', updated_at: now() });
  const after = await introspect(db, { schema: opts.schema, filter: opts.filter });
  return { planId: plan.planId, applyId, status: 'done', total, applied, skipped: done.size, leftovers: diffModels(after.model, target, { filter: opts.filter }), fingerprintAfter: fingerprint(after.model) };
}

export function applyIdOf(planId: string, dbDisplay: string): string {
  return sha256(`${planId}\n${dbDisplay}`).slice(0, 32);
}

/** The journal's record of a plan's steps on one database (for `--resume` messages and reports). */
export async function planProgress(journal: Journal, planId: string, dbDisplay: string): Promise<Array<{ seq: number; status: string; error: string | null }>> {
  await journal.ensure(STEPS_TABLE);
  return (await journal.knex(STEPS_TABLE.name).where({ apply_id: applyIdOf(planId, dbDisplay) }).orderBy('seq').select('seq', 'status', 'error')) as Array<{ seq: number; status: string; error: string | null }>;
}
