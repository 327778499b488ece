/**
 * One `catalog import` run: its options, its problems and whether they stop the write, the
 * transaction rows are written in, and per catalog kind the state the phases share (the key
 * table, the writer, the changed rows waiting to be compared with what is stored, the counts).
 * The phases (import/*.ts) read and update it; importCatalog.ts runs them in order.
 */
import type { Db, Knex } from '../../db/index.js';
import { rowPlan, type RowPlan } from '../catalogRow.js';
import { CATALOG_COLUMNS_STORED } from '../storedColumns.js';
import { dayOf, type Day } from '../day.js';
import { KeyTable } from '../keyTable.js';
import { KINDS, type CatalogKind } from '../kinds.js';
import { ProblemList, type Problem } from '../problems.js';
import { RejectWriter } from '../rejectFile.js';
import { bulkWriter, type BulkWriter } from '../store/bulkWriter.js';
import { loadKeys } from '../store/keyScan.js';
import { insertReturningId } from '../store/sql.js';
import { CATALOG_IMPORT_TABLE, ensureCatalogTables, presentTables } from '../store/tables.js';
import type { ArchivedSource, CatalogImportOptions, FileSummary, KindImportSummary } from './importTypes.js';
import type { RowMode } from './tableRows.js';

/** File-level problems stop the whole import even with skipInvalid: the file cannot be trusted. */
const FATAL = new Set([
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'ZIP_TRUNCATED',
  'ZIP_UNSUPPORTED',
  'ZIP_EMPTY',
  'MOJIBAKE',
  'UNKNOWN_KIND',
  'MISSING_COLUMN',
  'UNCLOSED_QUOTE',
  'NO_HEADER',
]);

/** A row seen again with another fingerprint: compared with the stored entry in batches. */
export interface PendingChange {
  code: string;
  begndate: string;
  values: (string | number | null)[];
  line: number;
  file: string;
}

export interface KindState {
  plan: RowPlan;
  summary: KindImportSummary;
  /** Every key stored or seen: its fingerprint, the line it was seen on, flags. */
  keys: KeyTable;
  writer?: BulkWriter;
  pending: PendingChange[];
  maxVer: string | null;
  sources: ArchivedSource[];
  /**
   * Dry runs over several files: the tracked fields of rows seen in earlier files, which the
   * database does not have yet (capped, for the usual small incremental files).
   */
  earlier: Map<string, Record<string, string | null>>;
}

export class ImportRun {
  readonly problems: ProblemList;
  /** A file-level problem: nothing is written. */
  fatal = false;
  /** A row was refused: nothing is written unless bad rows are set aside. */
  rowProblems = false;
  readonly apply: boolean;
  readonly nSamples: number;
  readonly today: Day;
  readonly reject?: RejectWriter;
  readonly states = new Map<CatalogKind, KindState>();
  readonly files: FileSummary[] = [];
  rowsRead = 0;
  /** More than one table to read (a dry run then remembers rows for the later ones). */
  multiSource = false;
  present: ReadonlySet<string> = new Set();
  trx?: Knex.Transaction;

  constructor(
    readonly db: Db,
    readonly o: CatalogImportOptions,
  ) {
    this.problems = new ProblemList(o.problemLimit ?? 50);
    this.apply = !!o.apply;
    this.nSamples = o.samples ?? 5;
    this.today = dayOf(o.now);
    this.reject = o.skipInvalid ? new RejectWriter(o.rejectFile ?? 'hisops-rejects.csv') : undefined;
  }

  readonly report = (p: Problem): void => {
    this.problems.add(p);
    if (FATAL.has(p.code)) this.fatal = true;
    else this.rowProblems = true;
  };

  /**
   * Tables are created only for a run that writes; a dry run reads what is there (a catalog table
   * hisops has not created yet is empty) and leaves the database as it was.
   */
  async begin(): Promise<void> {
    const writes = this.apply && !this.fatal;
    if (writes) await ensureCatalogTables(this.db);
    this.present = await presentTables(this.db);
    if (writes) this.trx = await this.db.knex.transaction();
  }

  /**
   * How rows are packed for this run (tableRows.ts): PostgreSQL takes new rows as COPY text. Known
   * before `begin`, so that reading can start while the database is made ready.
   */
  get mode(): RowMode {
    return this.apply && !this.fatal && this.db.dialect === 'postgres' ? 'copy' : 'values';
  }

  q(): Knex {
    return this.trx ?? this.db.knex;
  }

  /** Rows are written only while nothing has gone wrong (or bad rows are being set aside). */
  writing(): boolean {
    return !!this.trx && !this.fatal && (!!this.o.skipInvalid || !this.rowProblems);
  }

  get blocked(): boolean {
    return this.fatal || (this.rowProblems && !this.o.skipInvalid);
  }

  async stateFor(kind: CatalogKind): Promise<KindState> {
    let st = this.states.get(kind);
    if (st) return st;
    const k = KINDS[kind];
    st = {
      plan: rowPlan(kind),
      keys: this.present.has(k.table) ? await loadKeys(this.q(), k.table) : new KeyTable(1024),
      pending: [],
      maxVer: null,
      sources: [],
      earlier: new Map(),
      summary: {
        kind,
        list_type: k.list_type,
        label: k.label,
        table: k.table,
        files: [],
        rowsRead: 0,
        added: 0,
        changed: 0,
        ended: 0,
        unchanged: 0,
        rejected: 0,
        changedFields: {},
        ver: null,
        ver_name: null,
        importId: null,
        samples: { added: [], changed: [], ended: [] },
      },
    };
    if (this.trx) {
      st.summary.importId = await insertReturningId(this.trx, this.db.dialect, CATALOG_IMPORT_TABLE.name, 'import_id', {
        kind,
        files: '',
        rows_read: 0,
        added: 0,
        changed: 0,
        ended: 0,
        unchanged: 0,
        rejected: 0,
        full_catalog: this.o.full ? 1 : 0,
        started_at: this.o.now.toISOString(),
        run_id: this.o.runId ?? null,
      });
      st.writer = await bulkWriter(this.trx, this.db.dialect, k.table, CATALOG_COLUMNS_STORED);
    }
    this.states.set(kind, st);
    return st;
  }
}
