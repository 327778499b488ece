/**
 * The sandbox ledger's connection and the books besides settlements: the messages that created
 * rows, sign-ins, files, catalog mappings and drug trace codes. `LedgerSettlements`
 * (ledgerSettlements.ts) adds settlements, persons and balances; `Ledger` (ledger.ts) the seeding API.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { inputError } from '../../errors.js';
import { reviveMapping, reviveTrace, type DbRow } from './ledgerRows.js';
import { LEDGER_DDL, SCHEMA_VERSION } from './ledgerSchema.js';
import { prepareStatements } from './ledgerStatements.js';
import { traceFilterSql } from './ledgerSql.js';
import type {
  FileRow,
  MappingRow,
  MessageRow,
  SigninRow,
  TraceCodeFilter,
  TraceCodeRow,
  TraceMovement,
  TraceRecordRow,
} from './ledgerTypes.js';

/** A ledger written by a newer hisops is refused (closed first). */
function checkSchemaVersion(db: Database.Database, file: string): void {
  const v = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as { value: string } | undefined;
  if (!v) db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
  else if (Number(v.value) > SCHEMA_VERSION) {
    db.close();
    throw inputError(
      'SANDBOX_LEDGER_VERSION',
      `The sandbox ledger ${file} was written by a newer hisops (schema ${v.value})`,
      'Use the hisops version that wrote it, or start the sandbox with a new --data file.',
    ).zh(
      `沙箱账本 ${file} 由更新版本的 hisops 写入（结构版本 ${v.value}）`,
      '请使用写入它的 hisops 版本，或用新的 --data 文件启动沙箱。',
    );
  }
}

export class LedgerBooks {
  readonly db: Database.Database;
  protected readonly st: Record<string, Database.Statement>;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(LEDGER_DDL);
    checkSchemaVersion(this.db, file);
    this.st = prepareStatements(this.db);
  }

  protected readonly cache = new Map<string, Database.Statement>();

  /** A prepared statement, kept for reuse (filters produce a handful of distinct texts). */
  protected stmt(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      if (this.cache.size < 500) this.cache.set(sql, st);
    }
    return st;
  }

  /** A per-name serial number that survives restarts. */
  nextSerial(name: string): number {
    return (this.st.serial!.get(name) as { value: number }).value;
  }

  close(): void {
    this.cache.clear();
    if (this.db.open) this.db.close();
  }

  // ---------------------------------------------------------------- messages

  getMessage(msgid: string): MessageRow | undefined {
    const r = this.st.getMessage!.get(msgid) as DbRow | undefined;
    if (!r) return undefined;
    return {
      ...(r as unknown as MessageRow),
      output: r.output ? JSON.parse(r.output as string) : null,
      created: r.created ? JSON.parse(r.created as string) : null,
    };
  }

  recordMessage(m: Omit<MessageRow, 'reversed_by' | 'reversed_at'>): void {
    this.st.insertMessage!.run({
      ...m,
      output: m.output === null ? null : JSON.stringify(m.output),
      created: m.created ? JSON.stringify(m.created) : null,
    });
  }

  markMessageReversed(msgid: string, by: string, at: string): void {
    this.st.markMessageReversed!.run(by, at, msgid);
  }

  // ---------------------------------------------------------------- sign-ins

  putSignin(s: Omit<SigninRow, 'signed_out_at'>): void {
    this.st.insertSignin!.run(s);
  }

  getSignin(sign_no: string): SigninRow | undefined {
    return this.st.getSignin!.get(sign_no) as SigninRow | undefined;
  }

  signOut(sign_no: string, at: string): void {
    this.st.signOut!.run(at, sign_no);
  }

  // ---------------------------------------------------------------- files

  putFile(f: FileRow): void {
    this.st.insertFile!.run(f);
  }

  getFile(file_qury_no: string): FileRow | undefined {
    return this.st.getFile!.get(file_qury_no) as FileRow | undefined;
  }

  // ---------------------------------------------------------------- mappings

  getMapping(
    fixmedins_code: string,
    fixmedins_hilist_id: string,
    list_type: string,
    med_list_codg: string,
  ): MappingRow | undefined {
    const r = this.st.getMapping!.get(fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg) as
      | DbRow
      | undefined;
    return r ? reviveMapping(r) : undefined;
  }

  activeMappingsOf(fixmedins_code: string, fixmedins_hilist_id: string): MappingRow[] {
    return (this.st.activeMappingsOf!.all(fixmedins_code, fixmedins_hilist_id) as DbRow[]).map(reviveMapping);
  }

  upsertMapping(m: Omit<MappingRow, 'revoked_at' | 'revoked_msgid'>): void {
    this.st.upsertMapping!.run({ ...m, record: JSON.stringify(m.record) });
  }

  revokeMapping(
    fixmedins_code: string,
    fixmedins_hilist_id: string,
    list_type: string,
    med_list_codg: string,
    at: string,
    msgid: string,
  ): void {
    this.st.revokeMapping!.run(at, msgid, fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg);
  }

  listMappings(opts: { fixmedins_code?: string; includeRevoked?: boolean } = {}): MappingRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.fixmedins_code) {
      where.push('fixmedins_code = ?');
      args.push(opts.fixmedins_code);
    }
    if (!opts.includeRevoked) where.push('revoked_at IS NULL');
    const sql = `SELECT * FROM mappings ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg`;
    return (this.db.prepare(sql).all(...args) as DbRow[]).map(reviveMapping);
  }

  // ---------------------------------------------------------------- trace codes

  getTraceRecord(fixmedins_code: string, infno: string, record_key: string): TraceRecordRow | undefined {
    const r = this.st.getTraceRecord!.get(fixmedins_code, infno, record_key) as DbRow | undefined;
    return r ? reviveTrace(r) : undefined;
  }

  /** Insert (or, for a record rejected before, replace) a trace record with its codes. */
  putTraceRecord(
    r: Omit<TraceRecordRow, 'id'>,
    codes: readonly string[],
    movement: TraceMovement,
    trdn_flag: string | null,
    replaceId?: number,
  ): number {
    let id: number;
    if (replaceId !== undefined) {
      this.st.updateTraceRecord!.run({
        id: replaceId,
        msgid: r.msgid,
        content_digest: r.content_digest,
        ret_rslt: r.ret_rslt,
        msg_rslt: r.msg_rslt,
        record: JSON.stringify(r.record),
        created_at: r.created_at,
      });
      this.st.deleteTraceCodes!.run(replaceId);
      id = replaceId;
    } else {
      id = Number(this.st.insertTraceRecord!.run({ ...r, record: JSON.stringify(r.record) }).lastInsertRowid);
    }
    const accepted = r.ret_rslt === '1' ? 1 : 0;
    for (const c of codes)
      this.st.insertTraceCode!.run(c, id, r.fixmedins_code, r.infno, movement, trdn_flag, accepted, r.created_at);
    return id;
  }

  /** Accepted sales and returns of one code, oldest first (for the sold-twice check). */
  codeMovements(drug_trac_codg: string): {
    movement: TraceMovement;
    trdn_flag: string | null;
    record_key: string;
    msgid: string;
    created_at: string;
    fixmedins_code: string;
  }[] {
    return this.st.codeMovements!.all(drug_trac_codg) as {
      movement: TraceMovement;
      trdn_flag: string | null;
      record_key: string;
      msgid: string;
      created_at: string;
      fixmedins_code: string;
    }[];
  }

  countTraceCodes(f: TraceCodeFilter = {}): number {
    const { sql, args } = traceFilterSql(f);
    return (this.stmt(`SELECT COUNT(*) AS n FROM trace_codes ${sql}`).get(...args) as { n: number }).n;
  }

  listTraceCodes(f: TraceCodeFilter = {}): TraceCodeRow[] {
    const { sql, args } = traceFilterSql(f);
    return (this.stmt(`SELECT * FROM trace_codes ${sql} ORDER BY id`).all(...args) as DbRow[]).map((r) => ({
      ...(r as unknown as TraceCodeRow),
      accepted: r.accepted === 1,
    }));
  }

  listTraceRecords(opts: { fixmedins_code?: string; infno?: string } = {}): TraceRecordRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (opts.fixmedins_code) {
      where.push('fixmedins_code = ?');
      args.push(opts.fixmedins_code);
    }
    if (opts.infno) {
      where.push('infno = ?');
      args.push(opts.infno);
    }
    return (
      this.db
        .prepare(`SELECT * FROM trace_records ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id`)
        .all(...args) as DbRow[]
    ).map(reviveTrace);
  }

  /** Row counts per table (for reports and tests). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of [
      'settlements',
      'messages',
      'signins',
      'files',
      'mappings',
      'trace_records',
      'trace_codes',
      'persons',
      'visits',
      'fee_lines',
    ]) {
      out[t] = (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    }
    return out;
  }
}
