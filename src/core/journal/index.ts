export { Journal, openJournal, withJournal, newRunId, redactArgs, RUNS_TABLE, type JournalTable, type TableBuilder, type RunRecord } from './journal.js';
