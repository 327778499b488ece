/**
 * One run of applyPlan as named phases: read the database and find where the plan stands on it
 * (`findAttempt`), refuse a resume that is not safe or start a fresh attempt, settle the step the
 * last run stopped in and the steps passed by hand, run the remaining statements one journal
 * commit each, and read the database again for the summary. apply.ts explains the states.
 */
import type { Db } from '../db/index.js';
import type { Knex } from '../db/index.js';
import type { ApplicablePlan, ApplyOptions, ApplyResult, StepOverride } from './apply.js';
import { adaptModel } from './adapt.js';
import {
  changedSincePlanError,
  checkRequest,
  partialRunError,
  stateUnknownError,
  stepCompletedError,
  stepPartialError,
} from './applyErrors.js';
import {
  APPLIES_TABLE,
  APPLY_STEPS_TABLE,
  applyIdOf,
  type ApplyRow,
  COMPLETED,
  overriddenOf,
  type StepRow,
} from './applyJournal.js';
import { locate, type Position } from './applyLocate.js';
import { diffModels } from './diff.js';
import { execStatement, SessionStatementError } from './exec.js';
import { fingerprint, objectDigests } from './fingerprint.js';
import { introspect } from './introspect/index.js';
import type { SchemaModel } from './model.js';
import { makePlan } from './plan.js';
import { LiveState, stateDigest } from './state.js';

type Summary = Omit<ApplyResult, 'leftovers' | 'safeLeft' | 'fingerprintAfter'>;

export class ApplyRun {
  private readonly k: Knex;
  private readonly target: SchemaModel;
  private readonly read: { schema?: string; filter?: ApplyOptions['filter'] };
  private readonly total: number;
  private readonly overrides: Map<number, StepOverride>;
  private live!: LiveState;
  private liveFp = '';
  /** The plan's latest attempt on this database, as the journal has it. */
  private latest: ApplyRow | undefined;
  /** The attempt this run continues or starts. */
  private attempt: ApplyRow | undefined;
  private steps = new Map<number, StepRow>();
  private position: Position | undefined;
  /** An earlier attempt set aside: the database is back where the plan started. */
  private superseded: number | undefined;
  private before = 0;
  private readonly found: number[] = [];
  private applied = 0;
  /** The statement that ran last, journaled done in the same commit as the next one's start. */
  private pendingDone: { seq: number; sql: string; at: string } | undefined;

  constructor(
    private readonly db: Db,
    private readonly plan: ApplicablePlan,
    targetIn: SchemaModel,
    private readonly opts: ApplyOptions,
  ) {
    this.target = adaptModel(targetIn, db.dialect, { oracleMaxIdentifier: opts.oracleMaxIdentifier }).model;
    this.k = opts.journal.knex;
    this.read = { schema: opts.schema, filter: opts.filter };
    this.total = plan.statements.length;
    this.overrides = new Map((opts.overrides ?? []).map((o) => [o.seq, o]));
  }

  async run(): Promise<ApplyResult> {
    checkRequest(this.db, this.plan, this.opts.overrides ?? []);
    await this.opts.journal.ensure(APPLIES_TABLE);
    await this.opts.journal.ensure(APPLY_STEPS_TABLE);
    const model = await this.readAll();
    this.live = new LiveState(model, this.read);
    this.liveFp = fingerprint(model);
    this.latest = (await this.k(APPLIES_TABLE.name)
      .where({ plan_id: this.plan.planId, db: this.db.target.display })
      .orderBy('attempt', 'desc')
      .first()) as ApplyRow | undefined;
    const already = await this.findAttempt(model);
    if (already) return already;
    if (this.attempt && this.position) this.refuseUnsafeResume(this.attempt, this.position);
    else await this.startAttempt();
    const attempt = this.attempt!;
    this.before = [...this.steps.values()].filter((r) => COMPLETED.has(r.status)).length;
    const first = await this.settleStopped();
    await this.applyOverrides();
    await this.k(APPLIES_TABLE.name)
      .where({ apply_id: attempt.apply_id })
      .update({ status: 'running', updated_at: this.now(), run_id: this.opts.runId });
    const failed = await this.runStatements(first);
    if (failed) return failed;
    const after = await this.readAll();
    const endState = stateDigest(objectDigests(after));
    await this.k(APPLIES_TABLE.name)
      .where({ apply_id: attempt.apply_id })
      .update({ status: 'done', end_state: endState, updated_at: this.now() });
    return this.finish(
      { ...this.summary('done'), ...(this.superseded !== undefined ? { supersededAttempt: this.superseded } : {}) },
      after,
    );
  }

  private now(): string {
    return this.opts.clock().toISOString();
  }

  private async readAll(): Promise<SchemaModel> {
    return (await introspect(this.db, this.read)).model;
  }

  private summary(status: 'done' | 'failed'): Summary {
    const attempt = this.attempt!;
    return {
      planId: this.plan.planId,
      applyId: attempt.apply_id,
      attempt: attempt.attempt,
      status,
      total: this.total,
      applied: this.applied,
      before: this.before,
      found: this.found,
      overridden: overriddenOf(this.steps),
    };
  }

  /** The summary with what a fresh reading of the database says is left to do. */
  private async finish(r: Summary, model?: SchemaModel): Promise<ApplyResult> {
    const after = model ?? (await this.readAll());
    const leftovers = diffModels(after, this.target, { filter: this.opts.filter });
    const again = makePlan(after, this.target, {
      now: this.opts.clock(),
      hisopsVersion: 'apply',
      dialect: this.db.dialect,
      filter: this.opts.filter,
      oracleMaxIdentifier: this.opts.oracleMaxIdentifier,
    });
    return { ...r, leftovers, safeLeft: again.counts.safeStatements, fingerprintAfter: fingerprint(after) };
  }

  private async stepsOf(applyId: string): Promise<Map<number, StepRow>> {
    return new Map(
      ((await this.k(APPLY_STEPS_TABLE.name).where({ apply_id: applyId })) as StepRow[]).map((r) => [
        Number(r.seq),
        { ...r, seq: Number(r.seq) },
      ]),
    );
  }

  /**
   * Which attempt the database is in: the result at once when the plan is already applied;
   * otherwise the attempt to continue (with its position), or none (a fresh one), noting an
   * earlier attempt the database was recreated or restored past.
   */
  private async findAttempt(model: SchemaModel): Promise<ApplyResult | undefined> {
    const latest = this.latest;
    if (latest?.status === 'done') {
      if (this.live.state === latest.end_state) {
        const st = await this.stepsOf(latest.apply_id);
        return this.finish(
          {
            planId: this.plan.planId,
            applyId: latest.apply_id,
            attempt: latest.attempt,
            status: 'already-applied',
            total: this.total,
            applied: 0,
            before: [...st.values()].filter((r) => COMPLETED.has(r.status)).length,
            found: [],
            overridden: overriddenOf(st),
          },
          model,
        );
      }
      if (this.liveFp === this.plan.currentFingerprint) this.superseded = latest.attempt; // recreated after a complete apply
    } else if (latest) {
      this.steps = await this.stepsOf(latest.apply_id);
      this.position = locate(this.plan, latest, this.steps, this.live.digests);
      // Back where the attempt started although statements of it completed: recreated or restored.
      const progressed = [...this.steps.values()].some((r) => r.status === 'done');
      if (this.live.state === latest.start_state && progressed) {
        this.superseded = latest.attempt; // recreated or restored to where the plan started
        this.position = undefined;
      } else this.attempt = latest;
    }
    return undefined;
  }

  /** Running again without --resume is refused only when it would pass over work already done or in flight. */
  private refuseUnsafeResume(attempt: ApplyRow, position: Position): void {
    const steps = this.steps;
    const inFlightOrDone = [...steps.values()].some((r) => COMPLETED.has(r.status) || r.status === 'started');
    const remaining = this.plan.statements.some((x) => !COMPLETED.has(steps.get(x.seq)?.status ?? ''));
    if (inFlightOrDone && remaining && !this.opts.resume && this.overrides.size === 0) {
      const done = [...steps.values()].filter((r) => COMPLETED.has(r.status)).length;
      throw partialRunError(this.db, this.plan, attempt, done, this.total);
    }
    const stoppedSeq = this.plan.statements[position.next]?.seq;
    const forced = stoppedSeq !== undefined ? this.overrides.get(stoppedSeq) : undefined;
    if (position.kind === 'partial' && !forced) throw stepPartialError(this.db, attempt, position);
    if (position.kind === 'unknown' && !forced)
      throw stateUnknownError(this.db, this.plan, attempt, position, this.liveFp);
  }

  /** A fresh attempt: the database must be exactly what the plan was made against. */
  private async startAttempt(): Promise<void> {
    const { plan, db, latest, superseded, live } = this;
    if (this.liveFp !== plan.currentFingerprint) throw changedSincePlanError(db, plan, this.liveFp, latest);
    const n = (latest?.attempt ?? 0) + 1;
    const stamp = this.now();
    if (latest && superseded !== undefined && latest.status !== 'done')
      await this.k(APPLIES_TABLE.name)
        .where({ apply_id: latest.apply_id })
        .update({
          status: 'superseded',
          note: `the database was back in the state the plan started from at ${stamp}: applied afresh as attempt ${n}`,
          updated_at: stamp,
        });
    const startObjects = JSON.stringify(Object.fromEntries(live.digests));
    this.attempt = {
      apply_id: applyIdOf(plan.planId, db.target.display, n),
      attempt: n,
      start_state: live.state,
      start_objects: startObjects,
      end_state: null,
      status: 'running',
    };
    await this.k(APPLIES_TABLE.name).insert({
      apply_id: this.attempt.apply_id,
      plan_id: plan.planId,
      attempt: n,
      dialect: plan.dialect,
      db: db.target.display,
      target: plan.targetDisplay.slice(0, 300),
      current_fp: plan.currentFingerprint,
      target_fp: plan.targetFingerprint,
      statements: this.total,
      start_state: live.state,
      start_objects: startObjects,
      end_state: null,
      status: 'running',
      note:
        superseded !== undefined
          ? `attempt ${superseded} was recorded on this database before it was recreated or restored`
          : null,
      created_at: stamp,
      updated_at: stamp,
      run_id: this.opts.runId,
    });
    this.steps = new Map();
    this.position = { kind: 'continue', next: 0 };
  }

  private async writeStep(seq: number, sql: string, rec: Record<string, unknown>, trx: Knex = this.k): Promise<void> {
    const key = { apply_id: this.attempt!.apply_id, seq };
    const prev = this.steps.get(seq);
    if (prev) await trx(APPLY_STEPS_TABLE.name).where(key).update(rec);
    else await trx(APPLY_STEPS_TABLE.name).insert({ ...key, statement: sql, ...rec });
    this.steps.set(seq, {
      seq,
      status: String(rec.status ?? prev?.status),
      objects_before:
        rec.objects_before === undefined ? (prev?.objects_before ?? null) : (rec.objects_before as string | null),
      actor: (rec.actor as string) ?? prev?.actor ?? null,
      reason: (rec.reason as string) ?? prev?.reason ?? null,
    });
  }

  /** The step the last run stopped in: found in effect, or passed by the person who decided. Returns the index to run from. */
  private async settleStopped(): Promise<number> {
    const position = this.position!;
    let first = position.next;
    const stopped = this.plan.statements[first];
    if (stopped && position.kind === 'continue' && position.found === first && !this.overrides.has(stopped.seq)) {
      await this.writeStep(stopped.seq, stopped.sql, {
        status: 'done',
        how: 'found in the live schema',
        ended_at: this.now(),
        run_id: this.opts.runId,
      });
      this.found.push(stopped.seq);
      first++;
    }
    return first;
  }

  /** Steps passed over (`skip`) or done by hand (`mark-done`), journaled with who and why. */
  private async applyOverrides(): Promise<void> {
    for (const o of this.overrides.values()) {
      const s = this.plan.statements.find((x) => x.seq === o.seq)!;
      const row = this.steps.get(o.seq);
      if (row && COMPLETED.has(row.status)) throw stepCompletedError(o, row.status);
      await this.writeStep(o.seq, s.sql, {
        status: o.action === 'skip' ? 'skipped' : 'marked-done',
        how: o.action === 'skip' ? 'skipped' : 'by hand (marked)',
        actor: o.actor.slice(0, 100),
        reason: o.reason,
        ended_at: this.now(),
        run_id: this.opts.runId,
      });
    }
  }

  /** The remaining statements in order; the failed run's result when the server refuses one. */
  private async runStatements(first: number): Promise<ApplyResult | undefined> {
    const { plan, total, live, db } = this;
    const session = this.opts.session ?? [];
    for (let i = Math.max(0, first); i < total; i++) {
      const s = plan.statements[i]!;
      const row = this.steps.get(s.seq);
      if (row && COMPLETED.has(row.status)) {
        // done by hand or passed over: what it changed is not known until read again
        live.changed(s.objects);
        continue;
      }
      this.opts.onStatement?.({ seq: s.seq, index: i, total, sql: s.sql });
      await live.freshen(db, s.objects);
      await this.journalStarted(s);
      try {
        await execStatement(db, s.sql, session);
      } catch (e) {
        return this.failed(s, e);
      }
      live.changed(s.objects);
      this.pendingDone = { seq: s.seq, sql: s.sql, at: this.now() };
      this.applied++;
    }
    await this.flushDone(this.k);
    return undefined;
  }

  /**
   * One journal commit per statement: the previous one done, this one started. A run killed
   * between a statement and this commit leaves it `started`, and the next run finds it in effect.
   */
  private async journalStarted(s: { seq: number; sql: string; objects?: string[] }): Promise<void> {
    const { live } = this;
    const objectsBefore = JSON.stringify(s.objects ? live.subset(s.objects) : Object.fromEntries(live.digests));
    await this.k.transaction(async (trx) => {
      await this.flushDone(trx);
      await this.writeStep(
        s.seq,
        s.sql,
        {
          statement: s.sql,
          status: 'started',
          how: null,
          error: null,
          objects_before: objectsBefore,
          started_at: this.now(),
          ended_at: null,
          run_id: this.opts.runId,
        },
        trx,
      );
    });
  }

  /** The statement that last ran, journaled done (with the next one's start, or at the end). */
  private async flushDone(trx: Knex): Promise<void> {
    const done = this.pendingDone;
    if (done) await this.writeStep(done.seq, done.sql, { status: 'done', how: 'ran', ended_at: done.at }, trx);
    this.pendingDone = undefined;
  }

  /** A statement the server refused: journaled as failed, and the run ends there. */
  private async failed(s: { seq: number; sql: string }, e: unknown): Promise<ApplyResult> {
    const err = (e instanceof SessionStatementError ? e.failure : e) as {
      message?: string;
      sqlMessage?: string;
      code?: string;
    };
    const message = e instanceof SessionStatementError ? e.message : String(err.sqlMessage ?? err.message ?? e);
    await this.writeStep(s.seq, s.sql, { status: 'failed', error: message, ended_at: this.now() });
    await this.k(APPLIES_TABLE.name)
      .where({ apply_id: this.attempt!.apply_id })
      .update({ status: 'failed', updated_at: this.now() });
    return this.finish({
      ...this.summary('failed'),
      failed: {
        seq: s.seq,
        sql: s.sql,
        error: message,
        kind: 'server',
        ...(err.code ? { code: String(err.code) } : {}),
      },
    });
  }
}
