/**
 * Where a killed apply stands, decided from the live schema (SQLite, in-process): the journal is
 * put exactly in the state a SIGKILL leaves (the statement in flight recorded `started`), and the
 * database in each of the states the server may have left: the statement committed (found in
 * effect, marked done), not committed (run again), in part (stop, naming what changed and what
 * did not), or the database changed elsewhere (stop, naming the object).
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type Db } from '../../../src/core/db/index.js';
import { HisopsError } from '../../../src/core/errors.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import {
  APPLIES_TABLE,
  APPLY_STEPS_TABLE,
  applyPlan,
  introspect,
  makePlan,
  objectDigests,
  planProgress,
  type ApplicablePlan,
  type SchemaModel,
} from '../../../src/core/schema/index.js';
import { tmpSqlite } from './helpers.js';

const cleanups: Array<() => void> = [];
const clock = () => new Date();
let db: Db;
let journal: Journal;
let target: SchemaModel;
let plan: ApplicablePlan;

afterAll(() => {
  for (const c of cleanups) c();
});

beforeEach(async () => {
  const t = tmpSqlite();
  cleanups.push(t.cleanup);
  const tgt = await connect(t.url);
  for (const s of [
    'CREATE TABLE a (id integer PRIMARY KEY)',
    'CREATE TABLE b (id integer PRIMARY KEY, x varchar(10))',
    'CREATE TABLE c (id integer PRIMARY KEY, y varchar(10))',
  ])
    await tgt.knex.raw(s);
  target = (await introspect(tgt)).model;
  await tgt.close();
  const f = tmpSqlite();
  cleanups.push(f.cleanup);
  db = await connect(f.url);
  await db.knex.raw('CREATE TABLE a (id integer PRIMARY KEY)');
  const j = tmpSqlite();
  cleanups.push(j.cleanup);
  journal = await openJournal(j.url);
  const p = makePlan((await introspect(db)).model, target, { now: clock(), hisopsVersion: 'test' });
  plan = {
    planId: p.planId,
    dialect: p.dialect,
    currentFingerprint: p.current.fingerprint,
    targetFingerprint: p.target.fingerprint,
    targetDisplay: 'target',
    statements: p.statements
      .filter((s) => s.section === 'safe')
      .map((s) => ({ seq: s.seq, sql: s.sql, objects: s.objects })),
  };
  expect(plan.statements.map((s) => s.objects)).toEqual([['table:b'], ['table:c']]);
});

/** The journal as SIGKILL leaves it just after the last statement ran: recorded `started`, never `done`. */
async function killedDuringLast(): Promise<void> {
  const last = plan.statements.at(-1)!.seq;
  await journal.knex(APPLY_STEPS_TABLE.name).where({ seq: last }).update({ status: 'started', ended_at: null });
  await journal.knex(APPLIES_TABLE.name).update({ status: 'running', end_state: null });
}

const opts = (runId: string) => ({ journal, runId, clock, resume: true });

describe('resuming a killed apply from the live schema', () => {
  it('the statement in flight committed: found in effect and marked done, nothing runs twice', async () => {
    expect((await applyPlan(db, plan, target, { journal, runId: 'r1', clock })).status).toBe('done');
    await killedDuringLast();
    const r = await applyPlan(db, plan, target, opts('r2'));
    expect(r.status).toBe('done');
    expect(r.found).toEqual([plan.statements.at(-1)!.seq]);
    expect(r.applied).toBe(0);
    expect(r.leftovers.equal).toBe(true);
    const steps = await planProgress(journal, plan.planId, db.target.display);
    expect(steps.map((s) => `${s.seq}:${s.status}:${s.how}`)).toEqual([
      `${plan.statements[0]!.seq}:done:ran`,
      `${plan.statements[1]!.seq}:done:found in the live schema`,
    ]);
  });

  it('the statement in flight did not commit: it runs again', async () => {
    await applyPlan(db, plan, target, { journal, runId: 'r1', clock });
    await killedDuringLast();
    await db.knex.raw('DROP TABLE c'); // as if the server never ran it
    const r = await applyPlan(db, plan, target, opts('r2'));
    expect(r.found).toEqual([]);
    expect(r.applied).toBe(1);
    expect(r.leftovers.equal).toBe(true);
  });

  it('the statement in flight took effect only in part: stop and say what changed and what did not', async () => {
    await applyPlan(db, plan, target, { journal, runId: 'r1', clock });
    await killedDuringLast();
    // The statement is recorded as changing table a too, which it left as it was.
    const last = plan.statements.at(-1)!;
    const row = (await journal.knex(APPLY_STEPS_TABLE.name).where({ seq: last.seq }).first()) as {
      objects_before: string;
    };
    const a = objectDigests((await introspect(db)).model).get('table:a')!;
    await journal
      .knex(APPLY_STEPS_TABLE.name)
      .where({ seq: last.seq })
      .update({ objects_before: JSON.stringify({ ...JSON.parse(row.objects_before), 'table:a': a }) });
    const two = {
      ...plan,
      statements: plan.statements.map((s) => (s.seq === last.seq ? { ...s, objects: ['table:a', 'table:c'] } : s)),
    };
    const e = await applyPlan(db, two, target, opts('r2')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HisopsError);
    expect((e as HisopsError).code).toBe('SCHEMA_STEP_PARTIAL');
    expect((e as HisopsError).why).toMatch(/Changed since: table c; not changed: table a/);
    expect((e as HisopsError).fix).toMatch(new RegExp(`--mark-done ${last.seq}`));
    // the person finishes it by hand and says so: the apply completes, and the journal keeps who and why
    const done = await applyPlan(db, two, target, {
      ...opts('r3'),
      overrides: [{ action: 'mark-done', seq: last.seq, reason: 'finished by hand', actor: 'dba' }],
    });
    expect(done.status).toBe('done');
    expect(done.overridden).toEqual([{ seq: last.seq, action: 'mark-done', reason: 'finished by hand', actor: 'dba' }]);
  });

  it('a statement the server refused is never taken as done, whatever its objects show now: it runs again', async () => {
    await applyPlan(db, plan, target, { journal, runId: 'r1', clock });
    await killedDuringLast();
    const last = plan.statements.at(-1)!.seq;
    await journal.knex(APPLY_STEPS_TABLE.name).where({ seq: last }).update({ status: 'failed', error: 'refused' });
    await db.knex.raw('DROP TABLE c');
    await db.knex.raw('CREATE TABLE c (id integer PRIMARY KEY)'); // someone's half fix
    const r = await applyPlan(db, plan, target, opts('r2'));
    expect(r.status).toBe('failed');
    expect(r.found).toEqual([]);
    expect(r.failed).toMatchObject({ seq: last, error: expect.stringMatching(/already exists/) });
  });

  it('the database was changed elsewhere meanwhile: stop, naming the object, applying nothing', async () => {
    await applyPlan(db, plan, target, { journal, runId: 'r1', clock });
    await killedDuringLast();
    await db.knex.raw('ALTER TABLE a ADD COLUMN z integer');
    const e = await applyPlan(db, plan, target, opts('r2')).catch((x: unknown) => x);
    expect((e as HisopsError).code).toBe('SCHEMA_STATE_UNKNOWN');
    expect((e as HisopsError).why).toMatch(/changed by something else: table a/);
  });

  it('a database restored to where the plan started is applied afresh, the old attempt set aside', async () => {
    await applyPlan(db, plan, target, { journal, runId: 'r1', clock });
    await killedDuringLast();
    await db.knex.raw('DROP TABLE b');
    await db.knex.raw('DROP TABLE c');
    const r = await applyPlan(db, plan, target, { journal, runId: 'r2', clock });
    expect(r.status).toBe('done');
    expect(r.attempt).toBe(2);
    expect(r.applied).toBe(2);
    const attempts = (await journal.knex(APPLIES_TABLE.name).orderBy('attempt').select('attempt', 'status')) as Array<{
      attempt: number;
      status: string;
    }>;
    expect(attempts).toEqual([
      { attempt: 1, status: 'superseded' },
      { attempt: 2, status: 'done' },
    ]);
  });
});
