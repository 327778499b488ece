/**
 * `hisops_center_latency`: one row per attempt of every call to the center — queries, sign-ins and
 * state-changing calls alike — with how long it took and whether the center answered. The call
 * journal keeps only state-changing calls; this table is what `hisops center stats` and
 * `hisops center watch` read to show when and how slow the center was. Writing it is best effort:
 * a call never fails because its timing could not be kept.
 */
import { isNativeSqlite, sqliteInsert, withSqliteGrouped } from '../../db/index.js';
import type { JournalTable } from '../../journal/index.js';
import type { JournalLike } from './callJournal.js';

export const CENTER_LATENCY_TABLE: JournalTable = {
  name: 'hisops_center_latency',
  build: (t) => {
    t.increments('id');
    t.string('at', 30).notNullable();
    t.string('infno', 10).notNullable();
    t.string('fixmedins_code', 30).notNullable();
    t.string('run_id', 40).nullable();
    t.integer('duration_ms').notNullable();
    // ok | refused (the center answered infcode -1) | failed | unknown (no usable answer).
    t.string('status', 10).notNullable();
    t.string('code', 40).nullable();
    t.index(['at'], 'hisops_center_latency_at');
  },
};

export interface LatencyRow {
  at: string;
  infno: string;
  fixmedins_code: string;
  run_id: string | null;
  duration_ms: number;
  status: string;
  code: string | null;
}

/**
 * How long timings are kept: a year and a little (one row per call would otherwise grow without
 * end; `center stats` compares months, not years).
 */
export const LATENCY_KEEP_DAYS = 400;

/** Records attempts; ensures the table, and drops rows past LATENCY_KEEP_DAYS, once per journal. */
export class LatencyJournal {
  private ensured = false;
  constructor(private readonly journal: JournalLike) {}

  async note(row: LatencyRow): Promise<void> {
    try {
      if (!this.ensured) {
        await this.journal.ensure(CENTER_LATENCY_TABLE);
        // `at` is ISO text in UTC, so text order is time order.
        const cutoff = new Date(Date.parse(row.at) - LATENCY_KEEP_DAYS * 86_400_000).toISOString();
        await this.journal.knex(CENTER_LATENCY_TABLE.name).where('at', '<', cutoff).delete();
      }
      this.ensured = true;
      if (isNativeSqlite(this.journal.knex))
        await withSqliteGrouped(this.journal.knex, (conn) => sqliteInsert(conn, CENTER_LATENCY_TABLE.name, { ...row }));
      else await this.journal.knex(CENTER_LATENCY_TABLE.name).insert(row);
    } catch {
      // Best effort by design (see the header): the call's own outcome matters, its timing does not.
    }
  }
}

/** Rows with at in [since, until), oldest first. */
export async function loadLatency(
  journal: JournalLike,
  q: { since: string; until: string; fixmedins_code?: string },
): Promise<LatencyRow[]> {
  await journal.ensure(CENTER_LATENCY_TABLE);
  const b = journal
    .knex(CENTER_LATENCY_TABLE.name)
    .select('at', 'infno', 'fixmedins_code', 'run_id', 'duration_ms', 'status', 'code')
    .where('at', '>=', q.since)
    .where('at', '<', q.until);
  if (q.fixmedins_code) b.where('fixmedins_code', q.fixmedins_code);
  return ((await b.orderBy('at', 'asc')) as LatencyRow[]).map((r) => ({ ...r, duration_ms: Number(r.duration_ms) }));
}
