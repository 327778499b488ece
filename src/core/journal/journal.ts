/**
 * hisops's own bookkeeping: a run table plus the per-job tables other modules declare. It lives in
 * a SQLite file (.hisops/journal.db) by default; the config key `journal.url` moves it into any
 * database hisops can reach. Tables are created idempotently on first use.
 */
import crypto from 'node:crypto';
import { connect, type Db, type Knex } from '../db/index.js';

export type TableBuilder = (t: Knex.CreateTableBuilder) => void;

export interface JournalTable {
  name: string;
  build: TableBuilder;
}

export interface RunRecord {
  run_id: string;
  command: string;
  args: string;
  institution: string | null;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  exit_code: number | null;
  summary: string | null;
}

export const RUNS_TABLE: JournalTable = {
  name: 'hisops_runs',
  build: (t) => {
    t.string('run_id', 40).primary();
    t.string('command', 100).notNullable();
    t.text('args').notNullable();
    t.string('institution', 100).nullable();
    t.string('started_at', 30).notNullable();
    t.string('ended_at', 30).nullable();
    t.string('outcome', 20).nullable();
    t.integer('exit_code').nullable();
    t.text('summary').nullable();
  },
};

/** A run id that sorts by time and is unique across concurrent processes. */
export function newRunId(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

export class Journal {
  private ensured = new Set<string>();
  constructor(readonly db: Db) {}

  get knex(): Knex {
    return this.db.knex;
  }

  /** Create a table if it is not there yet (once per process per table). */
  async ensure(table: JournalTable): Promise<void> {
    if (this.ensured.has(table.name)) return;
    const exists = await this.knex.schema.hasTable(table.name);
    if (!exists) {
      try {
        await this.knex.schema.createTable(table.name, table.build);
      } catch (e) {
        // Two processes may race to create the same table; the loser sees it exists afterwards.
        if (!(await this.knex.schema.hasTable(table.name))) throw e;
      }
    }
    this.ensured.add(table.name);
  }

  async startRun(run: { runId: string; command: string; args: string[]; institution?: string; now: Date }): Promise<void> {
    await this.ensure(RUNS_TABLE);
    await this.knex(RUNS_TABLE.name).insert({
      run_id: run.runId,
      command: run.command,
      args: JSON.stringify(run.args),
      institution: run.institution ?? null,
      started_at: run.now.toISOString(),
    });
  }

  async finishRun(runId: string, outcome: string, exitCode: number, now: Date, summary?: unknown): Promise<void> {
    await this.ensure(RUNS_TABLE);
    await this.knex(RUNS_TABLE.name)
      .where({ run_id: runId })
      .update({ ended_at: now.toISOString(), outcome, exit_code: exitCode, summary: summary === undefined ? null : JSON.stringify(summary) });
  }

  async recentRuns(limit = 20, command?: string): Promise<RunRecord[]> {
    await this.ensure(RUNS_TABLE);
    const q = this.knex<RunRecord>(RUNS_TABLE.name).orderBy('started_at', 'desc').limit(limit);
    if (command) q.where({ command });
    return q;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export async function openJournal(url: string, opts: { baseDir?: string; password?: string } = {}): Promise<Journal> {
  const db = await connect(url, { baseDir: opts.baseDir, password: opts.password, create: true });
  return new Journal(db);
}

export async function withJournal<T>(url: string, fn: (j: Journal) => Promise<T>, opts: { baseDir?: string; password?: string } = {}): Promise<T> {
  const j = await openJournal(url, opts);
  try {
    return await fn(j);
  } finally {
    await j.close().catch(() => undefined);
  }
}

/** Remove secrets from argument lists before they are recorded. */
export function redactArgs(args: string[]): string[] {
  const secretFlag = /^--?(password|secret|token|app-secret|key)(=|$)/i;
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (secretFlag.test(a)) {
      out.push(a.includes('=') ? a.replace(/=.*/, '=***') : a);
      if (!a.includes('=') && i + 1 < args.length) {
        out.push('***');
        i++;
      }
    } else out.push(a.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:***@'));
  }
  return out;
}
