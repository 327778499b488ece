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
 *
 * The run itself is applyRun.ts (one phase per method); the journal tables are applyJournal.ts,
 * finding where a database stands is applyLocate.ts, the refusals applyErrors.ts.
 */
import type { Db } from '../db/index.js';
import type { Journal } from '../journal/index.js';
import { ApplyRun } from './applyRun.js';
import type { DiffResult } from './diff.js';
import type { NameFilter } from './filter.js';
import type { SchemaModel } from './model.js';

export { APPLIES_TABLE, APPLY_STEPS_TABLE, planProgress } from './applyJournal.js';

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

export async function applyPlan(
  db: Db,
  plan: ApplicablePlan,
  targetIn: SchemaModel,
  opts: ApplyOptions,
): Promise<ApplyResult> {
  return new ApplyRun(db, plan, targetIn, opts).run();
}
