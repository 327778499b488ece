/**
 * The sandbox ledger's prepared statements, by the books they serve (LedgerBooks keeps them as
 * `st`; LedgerSettlements and Ledger read them by name).
 */
import type Database from 'better-sqlite3';
import { SETTLEMENT_COLUMNS } from './ledgerRows.js';

type Statements = Record<string, Database.Statement>;

/** Every statement the ledger reuses, prepared once on its connection. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    ...settlementStatements(db),
    ...personStatements(db),
    ...signinAndFileStatements(db),
    ...mappingStatements(db),
    ...traceStatements(db),
  };
}

/** The settlements table, and the counters its ids are drawn from. */
function settlementStatements(db: Database.Database): Statements {
  const cols = SETTLEMENT_COLUMNS.join(', ');
  const binds = SETTLEMENT_COLUMNS.map((c) => `@${c}`).join(', ');
  return {
    serial: db.prepare(
      'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    ),
    insertSettlement: db.prepare(`INSERT INTO settlements (${cols}) VALUES (${binds})`),
    getSettlement: db.prepare('SELECT * FROM settlements WHERE setl_id = ?'),
    settlementsByMsgid: db.prepare('SELECT * FROM settlements WHERE medins_setl_id = ? ORDER BY setl_time, setl_id'),
    markCancelled: db.prepare('UPDATE settlements SET cancelled_by = ? WHERE setl_id = ?'),
    markReversed: db.prepare('UPDATE settlements SET reversed_by = ?, reversed_at = ? WHERE setl_id = ?'),
  };
}

/** Messages, persons and their account balances. */
function personStatements(db: Database.Database): Statements {
  return {
    getMessage: db.prepare('SELECT * FROM messages WHERE msgid = ?'),
    insertMessage: db.prepare(
      'INSERT INTO messages (msgid, infno, fixmedins_code, psn_no, digest, received_at, output, created, source) VALUES (@msgid, @infno, @fixmedins_code, @psn_no, @digest, @received_at, @output, @created, @source)',
    ),
    markMessageReversed: db.prepare('UPDATE messages SET reversed_by = ?, reversed_at = ? WHERE msgid = ?'),
    getPerson: db.prepare('SELECT data FROM persons WHERE psn_no = ?'),
    personByCertno: db.prepare('SELECT data FROM persons WHERE certno = ? ORDER BY rowid LIMIT 1'),
    putPerson: db.prepare('INSERT OR IGNORE INTO persons (psn_no, certno, data) VALUES (?, ?, ?)'),
    replacePerson: db.prepare('INSERT OR REPLACE INTO persons (psn_no, certno, data) VALUES (?, ?, ?)'),
    getBalance: db.prepare('SELECT balc FROM accounts WHERE psn_no = ?'),
    putBalance: db.prepare(
      'INSERT INTO accounts (psn_no, balc) VALUES (?, ?) ON CONFLICT(psn_no) DO UPDATE SET balc = excluded.balc',
    ),
  };
}

/** Sign-ins and files. */
function signinAndFileStatements(db: Database.Database): Statements {
  return {
    insertSignin: db.prepare(
      'INSERT INTO signins (sign_no, fixmedins_code, opter, opter_no, ip, mac, sign_time, expires_at) VALUES (@sign_no, @fixmedins_code, @opter, @opter_no, @ip, @mac, @sign_time, @expires_at)',
    ),
    getSignin: db.prepare('SELECT * FROM signins WHERE sign_no = ?'),
    signOut: db.prepare('UPDATE signins SET signed_out_at = ? WHERE sign_no = ?'),
    insertFile: db.prepare(
      'INSERT INTO files (file_qury_no, filename, fixmedins_code, kind, bytes, msgid, created_at, dld_endtime) VALUES (@file_qury_no, @filename, @fixmedins_code, @kind, @bytes, @msgid, @created_at, @dld_endtime)',
    ),
    getFile: db.prepare('SELECT * FROM files WHERE file_qury_no = ?'),
  };
}

/** Catalog mappings (3301/3302). */
function mappingStatements(db: Database.Database): Statements {
  return {
    getMapping: db.prepare(
      'SELECT * FROM mappings WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND list_type = ? AND med_list_codg = ?',
    ),
    activeMappingsOf: db.prepare(
      'SELECT * FROM mappings WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND revoked_at IS NULL',
    ),
    upsertMapping: db.prepare(
      `INSERT INTO mappings (fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg, fixmedins_hilist_name, begndate, enddate, record, msgid, uploaded_at)
       VALUES (@fixmedins_code, @fixmedins_hilist_id, @list_type, @med_list_codg, @fixmedins_hilist_name, @begndate, @enddate, @record, @msgid, @uploaded_at)
       ON CONFLICT(fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg) DO UPDATE SET
         fixmedins_hilist_name = excluded.fixmedins_hilist_name, begndate = excluded.begndate, enddate = excluded.enddate,
         record = excluded.record, msgid = excluded.msgid, uploaded_at = excluded.uploaded_at, revoked_at = NULL, revoked_msgid = NULL`,
    ),
    revokeMapping: db.prepare(
      'UPDATE mappings SET revoked_at = ?, revoked_msgid = ? WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND list_type = ? AND med_list_codg = ?',
    ),
  };
}

/** Trace records and their codes (35xx). */
function traceStatements(db: Database.Database): Statements {
  return {
    getTraceRecord: db.prepare('SELECT * FROM trace_records WHERE fixmedins_code = ? AND infno = ? AND record_key = ?'),
    insertTraceRecord: db.prepare(
      `INSERT INTO trace_records (fixmedins_code, infno, msgid, record_key, content_digest, med_list_codg, fixmedins_hilist_id, fixmedins_bchno, mdtrt_sn, setl_id, psn_no, cnt, opt_time, ret_rslt, msg_rslt, record, created_at)
       VALUES (@fixmedins_code, @infno, @msgid, @record_key, @content_digest, @med_list_codg, @fixmedins_hilist_id, @fixmedins_bchno, @mdtrt_sn, @setl_id, @psn_no, @cnt, @opt_time, @ret_rslt, @msg_rslt, @record, @created_at)`,
    ),
    updateTraceRecord: db.prepare(
      'UPDATE trace_records SET msgid = @msgid, content_digest = @content_digest, ret_rslt = @ret_rslt, msg_rslt = @msg_rslt, record = @record, created_at = @created_at WHERE id = @id',
    ),
    deleteTraceCodes: db.prepare('DELETE FROM trace_codes WHERE record_id = ?'),
    insertTraceCode: db.prepare(
      'INSERT INTO trace_codes (drug_trac_codg, record_id, fixmedins_code, infno, movement, trdn_flag, accepted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    codeMovements: db.prepare(
      `SELECT c.movement, c.trdn_flag, r.record_key, r.msgid, r.created_at, r.fixmedins_code FROM trace_codes c JOIN trace_records r ON r.id = c.record_id
        WHERE c.drug_trac_codg = ? AND c.accepted = 1 AND c.movement IN ('sale', 'return') ORDER BY c.id`,
    ),
  };
}
