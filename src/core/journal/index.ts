export {
  Journal,
  openJournal,
  withJournal,
  newRunId,
  redactArgs,
  RUNS_TABLE,
  MIGRATIONS,
  type JournalTable,
  type TableBuilder,
  type RunRecord,
} from './journal.js';
export { widenColumns, addColumns, MIGRATIONS_TABLE, type JournalMigration, type WidenColumn } from './migrations.js';
export { applyMigrations } from './migrateTable.js';
export { acquireRunLock, runLockKey, type RunLock, type RunLockOptions } from './runLock.js';
export { lockHeldError, deadHolderReason, pidState, DEFAULT_LEASE_MS, type LockHolder } from './lockHolder.js';
export { RUN_LOCKS_TABLE, RUN_LOCK_EVENTS_TABLE } from './runLockTables.js';
export { parseWait } from './parseWait.js';
export { journalErrorOf, BUSY_TIMEOUT_MS } from './journalErrors.js';
