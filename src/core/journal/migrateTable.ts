/**
 * Apply a table's pending migrations, one process at a time: two processes opening an old journal
 * at once must not both alter the same table, so the work runs under the run lock
 * `journal migrations` (the second process waits, then finds nothing left to do).
 */
import type { Journal, JournalTable } from './journal.js';
import { acquireRunLock, runLockKey } from './runLock.js';

/** How long a process waits for another one's migrations (a widened column on a big table takes a while). */
const MIGRATION_WAIT_MS = 10 * 60_000;

export async function applyMigrations(journal: Journal, table: JournalTable): Promise<string[]> {
  const all = [...(table.migrations ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const pending = async () => {
    const done = await journal.appliedMigrations(table.name);
    return all.filter((m) => !done.has(m.id));
  };
  if (!(await pending()).length) return [];
  const lock = await acquireRunLock(journal, {
    key: runLockKey('journal migrations', undefined),
    runId: journal.runId ?? `migrations-${process.pid}-${Date.now().toString(36)}`,
    command: `journal migrations (${table.name})`,
    waitMs: MIGRATION_WAIT_MS,
  });
  const applied: string[] = [];
  try {
    for (const m of await pending()) {
      await m.up(journal.db);
      await journal.recordMigrations(table.name, [m.id]);
      applied.push(m.id);
    }
  } finally {
    await lock.release();
  }
  return applied;
}
