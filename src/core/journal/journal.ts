/**
 * hisops's own bookkeeping: a run table plus the per-job tables other modules declare. It lives in
 * a SQLite file (.hisops/journal.db) by default; the config key `journal.url` moves it into any
 * database hisops can reach. Tables are created idempotently on first use, and a table an earlier
 * release created is brought to the current shape by its migrations (migrations.ts) at that moment.
 */
import os from 'node:os';
import { connect, type Db, type Knex } from '../db/index.js';
import { redactUrlsInText } from '../shared/index.js';
import { buildMigrationsTable, MIGRATIONS_TABLE, addColumns, type JournalMigration } from './migrations.js';
import { applyMigrations } from './migrateTable.js';
import { tagJournalErrors, sqliteJournalSettings } from './journalErrors.js';

export { newRunId } from './runId.js';

export type TableBuilder = (t: Knex.CreateTableBuilder) => void;

export interface JournalTable {
  name: string;
  /** The current shape (what a new journal gets). */
  build: TableBuilder;
  /** Ordered changes that bring a table of an earlier release to `build`'s shape. */
  migrations?: readonly JournalMigration[];
}

/** The version table: which migrations each table has had. */
export const MIGRATIONS: JournalTable = { name: MIGRATIONS_TABLE, build: buildMigrationsTable };

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
  pid: number | null;
  host: string | null;
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
    t.integer('pid').nullable();
    t.string('host', 255).nullable();
  },
  migrations: [
    addColumns('001-runs-pid-host', 'hisops_runs', [
      { name: 'pid', add: (t) => void t.integer('pid').nullable() },
      { name: 'host', add: (t) => void t.string('host', 255).nullable() },
    ]),
  ],
};

export class Journal {
  private ensured = new Set<string>();
  /** The run this process records (migrations applied are recorded with it). */
  runId: string | null = null;
  constructor(readonly db: Db) {}

  get knex(): Knex {
    return this.db.knex;
  }

  /**
   * Make a table ready (once per process per table): create it in its current shape when it is
   * missing, or apply the migrations it has not had yet.
   */
  async ensure(table: JournalTable): Promise<void> {
    if (this.ensured.has(table.name)) return;
    const exists = await this.knex.schema.hasTable(table.name);
    if (!exists) {
      let created = true;
      try {
        await this.knex.schema.createTable(table.name, table.build);
      } catch (e) {
        // Two processes may race to create the same table; the loser sees it exists afterwards.
        if (!(await this.knex.schema.hasTable(table.name))) throw e;
        created = false;
      }
      // A table made in the current shape has every migration already.
      if (created && table.migrations?.length)
        await this.recordMigrations(
          table.name,
          table.migrations.map((m) => m.id),
        );
      else if (table.migrations?.length) await applyMigrations(this, table);
    } else if (table.migrations?.length) {
      await applyMigrations(this, table);
    }
    this.ensured.add(table.name);
  }

  /** Migration ids a table has had. */
  async appliedMigrations(tableName: string): Promise<Set<string>> {
    await this.ensure(MIGRATIONS);
    const rows = (await this.knex(MIGRATIONS_TABLE).where({ table_name: tableName }).select('migration_id')) as Array<{
      migration_id: string;
    }>;
    return new Set(rows.map((r) => r.migration_id));
  }

  async recordMigrations(tableName: string, ids: readonly string[]): Promise<void> {
    await this.ensure(MIGRATIONS);
    const at = new Date().toISOString();
    for (const id of ids) {
      try {
        await this.knex(MIGRATIONS_TABLE).insert({
          table_name: tableName,
          migration_id: id,
          applied_at: at,
          run_id: this.runId,
        });
      } catch (e) {
        // Recorded by another process meanwhile: the same fact.
        if ((await this.appliedMigrations(tableName)).has(id)) continue;
        throw e;
      }
    }
  }

  async startRun(run: {
    runId: string;
    command: string;
    args: string[];
    institution?: string;
    now: Date;
  }): Promise<void> {
    await this.ensure(RUNS_TABLE);
    await this.knex(RUNS_TABLE.name).insert({
      run_id: run.runId,
      command: run.command,
      args: JSON.stringify(run.args),
      institution: run.institution ?? null,
      started_at: run.now.toISOString(),
      pid: process.pid,
      host: os.hostname().slice(0, 255),
    });
  }

  async finishRun(runId: string, outcome: string, exitCode: number, now: Date, summary?: unknown): Promise<void> {
    await this.ensure(RUNS_TABLE);
    await this.knex(RUNS_TABLE.name)
      .where({ run_id: runId })
      .update({
        ended_at: now.toISOString(),
        outcome,
        exit_code: exitCode,
        summary: summary === undefined ? null : JSON.stringify(summary),
      });
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

export async function openJournal(
  url: string,
  opts: { baseDir?: string; password?: string; busyTimeoutMs?: number } = {},
): Promise<Journal> {
  const db = await connect(url, { baseDir: opts.baseDir, password: opts.password, create: true });
  if (db.dialect === 'sqlite') await sqliteJournalSettings(db, opts.busyTimeoutMs);
  tagJournalErrors(db);
  return new Journal(db);
}

export async function withJournal<T>(
  url: string,
  fn: (j: Journal) => Promise<T>,
  opts: { baseDir?: string; password?: string } = {},
): Promise<T> {
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
    } else out.push(redactUrlsInText(a));
  }
  return out;
}
