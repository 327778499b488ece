/**
 * Work waiting per institution — traceability records pending / rejected / held, settlements
 * whose outcome at the center is unknown, mappings about to expire — as last counted, kept in the
 * journal so the metrics file can list every institution's, whichever ran last.
 */
import type { Journal, JournalTable } from '../journal/index.js';

export const PENDING_COUNTS_TABLE: JournalTable = {
  name: 'hisops_pending_counts',
  build: (t) => {
    t.string('institution', 100).notNullable();
    t.string('kind', 40).notNullable();
    t.integer('count').notNullable();
    t.string('counted_at', 30).notNullable();
    t.primary(['institution', 'kind']);
  },
};

export interface PendingCount {
  institution: string;
  /** trace_pending | trace_rejected | trace_held | stuck_open | mappings_expiring */
  kind: string;
  count: number;
  counted_at: string;
}

export async function savePendingCounts(
  j: Journal,
  institution: string,
  counts: Record<string, number | null>,
  now: Date,
): Promise<void> {
  await j.ensure(PENDING_COUNTS_TABLE);
  for (const [kind, count] of Object.entries(counts)) {
    // null: not counted this time (the store was not reachable); the last count stays.
    if (count === null) continue;
    const row = { count, counted_at: now.toISOString() };
    const n = await j.knex(PENDING_COUNTS_TABLE.name).where({ institution, kind }).update(row);
    if (n === 0) await j.knex(PENDING_COUNTS_TABLE.name).insert({ institution, kind, ...row });
  }
}

export async function loadPendingCounts(j: Journal): Promise<PendingCount[]> {
  await j.ensure(PENDING_COUNTS_TABLE);
  const rows = (await j
    .knex(PENDING_COUNTS_TABLE.name)
    .orderBy([{ column: 'institution' }, { column: 'kind' }])) as PendingCount[];
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}
