/**
 * The trace job's tables in hisops's journal (traceJournal.ts describes them).
 */
import { widenColumns, type JournalTable } from '../journal/index.js';

export const TRACE_UPLOADS_TABLE: JournalTable = {
  name: 'hisops_trace_uploads',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('record_key', 60).notNullable();
    t.string('kind', 15).notNullable();
    t.string('record_id', 40).notNullable();
    t.string('day', 10).notNullable();
    t.string('op_time', 19).notNullable();
    t.string('fixmedins_hilist_id', 30).nullable();
    t.string('med_list_codg', 50).nullable();
    t.string('cnt', 24).nullable();
    t.string('orig_record_id', 40).nullable();
    t.string('trdn_flag', 3).nullable();
    t.integer('code_cnt').notNullable();
    t.string('content_digest', 64).nullable();
    t.string('status', 10).notNullable();
    // A held record's reason lists its finding kinds (all of them: 197 characters).
    t.string('reason', 250).nullable();
    t.text('message').nullable();
    t.string('infno', 6).nullable();
    t.string('msgid', 30).nullable();
    t.string('request_digest', 64).nullable();
    t.integer('batch_pos').nullable();
    t.integer('attempts').notNullable();
    t.string('run_id', 40).nullable();
    t.string('created_at', 30).notNullable();
    t.string('updated_at', 30).notNullable();
    t.string('sent_at', 30).nullable();
    t.string('accepted_at', 30).nullable();
    t.primary(['fixmedins_code', 'record_key']);
    t.index(['status'], 'hisops_trace_uploads_status');
    t.index(['day', 'kind'], 'hisops_trace_uploads_day');
    t.index(['request_digest'], 'hisops_trace_uploads_request');
    t.index(['fixmedins_code', 'record_id'], 'hisops_trace_uploads_record');
    t.index(['orig_record_id'], 'hisops_trace_uploads_orig');
  },
  migrations: [
    widenColumns('001-widen-reason', 'hisops_trace_uploads', [{ name: 'reason', length: 250, nullable: true }]),
  ],
};

export const TRACE_CODES_TABLE: JournalTable = {
  name: 'hisops_trace_upload_codes',
  build: (t) => {
    t.string('fixmedins_code', 30).notNullable();
    t.string('record_key', 60).notNullable();
    t.integer('seq').notNullable();
    t.string('drug_trac_codg', 100).notNullable();
    t.string('kind', 15).notNullable();
    t.string('op_time', 19).notNullable();
    t.primary(['fixmedins_code', 'record_key', 'seq']);
    t.index(['drug_trac_codg'], 'hisops_trace_upload_codes_code');
  },
};
