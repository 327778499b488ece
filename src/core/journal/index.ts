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
export {
  acquireRunLock,
  runLockKey,
  parseWait,
  lockHeldError,
  deadHolderReason,
  pidState,
  RUN_LOCKS_TABLE,
  RUN_LOCK_EVENTS_TABLE,
  DEFAULT_LEASE_MS,
  type RunLock,
  type RunLockOptions,
  type LockHolder,
} from './runLock.js';
export { journalErrorOf, BUSY_TIMEOUT_MS } from './journalErrors.js';
