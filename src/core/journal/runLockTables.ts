/** The run locks' tables: the holder of each lock (`hisops_run_locks`) and the takeovers (`hisops_run_lock_events`). */
import type { JournalTable } from './journal.js';

export const RUN_LOCKS_TABLE: JournalTable = {
  name: 'hisops_run_locks',
  build: (t) => {
    t.string('lock_key', 200).primary();
    t.string('run_id', 40).notNullable();
    t.string('command', 200).notNullable();
    t.integer('pid').notNullable();
    t.string('host', 255).notNullable();
    t.string('started_at', 30).notNullable();
    t.string('heartbeat_at', 30).notNullable();
    t.integer('lease_ms').notNullable();
  },
};

export const RUN_LOCK_EVENTS_TABLE: JournalTable = {
  name: 'hisops_run_lock_events',
  build: (t) => {
    t.increments('id');
    t.string('lock_key', 200).notNullable();
    t.string('event', 20).notNullable();
    t.string('run_id', 40).notNullable();
    t.string('at', 30).notNullable();
    t.string('prev_run_id', 40).nullable();
    t.string('prev_command', 200).nullable();
    t.integer('prev_pid').nullable();
    t.string('prev_host', 255).nullable();
    t.string('prev_started_at', 30).nullable();
    t.string('prev_heartbeat_at', 30).nullable();
    t.text('reason').nullable();
    t.index(['lock_key'], 'hisops_run_lock_events_key');
  },
};
