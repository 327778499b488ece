/**
 * The apply journal: one row per attempt of a plan on a database (hisops_schema_applies) and one
 * per statement of it (hisops_schema_apply_steps), and what is read back from them.
 */
import type { Journal, JournalTable } from '../journal/index.js';
import type { ApplyResult } from './apply.js';
import { sha256 } from './digest.js';

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
export interface ApplyRow {
  apply_id: string;
  attempt: number;
  start_state: string;
  start_objects: string;
  end_state: string | null;
  status: string;
}

export interface StepRow {
  seq: number;
  status: string;
  objects_before: string | null;
  actor: string | null;
  reason: string | null;
}

/** Step states that count as done: the run goes on after them. */
export const COMPLETED = new Set(['done', 'skipped', 'marked-done']);

export function applyIdOf(planId: string, dbDisplay: string, attempt: number): string {
  return sha256(`${planId}\n${dbDisplay}\n${attempt}`).slice(0, 32);
}

export function overriddenOf(steps: Map<number, StepRow>): ApplyResult['overridden'] {
  return [...steps.values()]
    .filter((r) => r.status === 'skipped' || r.status === 'marked-done')
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      seq: r.seq,
      action: r.status === 'skipped' ? ('skip' as const) : ('mark-done' as const),
      reason: r.reason ?? '',
      actor: r.actor ?? '',
    }));
}

/** The journal's record of a plan's latest attempt on one database (for messages and reports). */
export async function planProgress(
  journal: Journal,
  planId: string,
  dbDisplay: string,
): Promise<
  Array<{
    seq: number;
    status: string;
    how: string | null;
    error: string | null;
    actor: string | null;
    reason: string | null;
    attempt: number;
  }>
> {
  await journal.ensure(APPLIES_TABLE);
  await journal.ensure(APPLY_STEPS_TABLE);
  const a = (await journal
    .knex(APPLIES_TABLE.name)
    .where({ plan_id: planId, db: dbDisplay })
    .orderBy('attempt', 'desc')
    .first()) as ApplyRow | undefined;
  if (!a) return [];
  const rows = (await journal
    .knex(APPLY_STEPS_TABLE.name)
    .where({ apply_id: a.apply_id })
    .orderBy('seq')
    .select('seq', 'status', 'how', 'error', 'actor', 'reason')) as Array<{
    seq: number;
    status: string;
    how: string | null;
    error: string | null;
    actor: string | null;
    reason: string | null;
  }>;
  return rows.map((r) => ({ ...r, seq: Number(r.seq), attempt: a.attempt }));
}
