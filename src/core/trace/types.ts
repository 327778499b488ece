/**
 * The shapes the trace job passes around: a record (one sale, return or stock movement with its
 * scanned codes), a finding (why a record is held back), and the kinds of both.
 */

/** What a record is, and through which transaction it goes to the center. */
export type TraceKind = 'sale' | 'return' | 'stock-in' | 'stock-change' | 'stock-count';

export const TRACE_KINDS: readonly TraceKind[] = ['sale', 'return', 'stock-in', 'stock-change', 'stock-count'];

/** The trace transactions, whose write-ahead rows (hisops_center_calls) the upload resolves when a run left them open. */
export const TRACE_INFNOS = ['3501', '3501A', '3502', '3502A', '3505', '3505A', '3506', '3506A'] as const;

/** The single-record transaction of each kind (3501 stock count, 3502 stock change, 3505 sale, 3506 return). */
export const KIND_INFNO: Readonly<Record<TraceKind, '3501' | '3502' | '3505' | '3506'>> = {
  sale: '3505',
  return: '3506',
  'stock-in': '3502',
  'stock-change': '3502',
  'stock-count': '3501',
};

/** inv_chg_type values that bring goods in (入库): 调拨入库, 盘盈, 其他入库, 采购入库, 赠药入库. */
export const STOCK_IN_TYPES: ReadonlySet<string> = new Set(['101', '103', '106', '108', '110']);

/**
 * inv_chg_type values that send goods back to the supplier (退库): 商品退货出库, 赠药退回出库. A code
 * that left this way is no longer the hospital's to dispense.
 */
export const SUPPLIER_RETURN_TYPES: ReadonlySet<string> = new Set(['109', '111']);

export interface TraceRecord {
  /** Identity across runs: `disp:<disp_id>`, `stock:<stock_id>` or `count:<count_id>` (stock-take). */
  key: string;
  kind: TraceKind;
  /** disp_id / stock_id. */
  id: string;
  /** sel_retn_time / inv_chg_time, `yyyy-MM-dd HH:mm:ss`. */
  time: string;
  day: string;
  fixmedins_hilist_id: string;
  /** For a return: the sale it returns (orig_disp_id), when the HIS knows it. */
  origId: string | null;
  /** sel_retn_cnt / cnt as a decimal string. */
  cnt: string | null;
  /** Scanned codes as the HIS holds them, in scan order (null: a row without a code). */
  codes: Array<string | null>;
  /** The record's canonical fields: its first row (trac_seq/drug_trac_codg there are not the record's). */
  fields: Record<string, unknown>;
  /** Where it came from in a file (line of its first row), for `trace check <file>`. */
  line?: number;
}

export type FindingKind =
  | 'no_code'
  | 'bad_length'
  | 'bad_chars'
  | 'prefix_mismatch'
  | 'drug_mismatch'
  | 'not_in_library'
  | 'duplicate_in_record'
  | 'duplicate_in_batch'
  | 'sold_again'
  | 'return_never_sold'
  | 'return_over_quantity'
  | 'no_mapping'
  | 'mapping_ambiguous'
  | 'missing_field'
  | 'changed_after_upload'
  | 'stock_other_drug'
  | 'returned_to_supplier';

export const FINDING_KINDS: readonly FindingKind[] = [
  'no_code',
  'bad_length',
  'bad_chars',
  'prefix_mismatch',
  'drug_mismatch',
  'not_in_library',
  'duplicate_in_record',
  'duplicate_in_batch',
  'sold_again',
  'return_never_sold',
  'return_over_quantity',
  'no_mapping',
  'mapping_ambiguous',
  'missing_field',
  'changed_after_upload',
  'stock_other_drug',
  'returned_to_supplier',
];

export interface Finding {
  kind: FindingKind;
  record_key: string;
  record_id: string;
  /** null for a bare list of codes (trace check codes.txt), which says nothing of records. */
  record_kind: TraceKind | null;
  day: string;
  fixmedins_hilist_id: string;
  /** The code concerned (as scanned), when the finding is about one code. */
  drug_trac_codg: string | null;
  /** The other record involved (the earlier sale of a code sold again, the sale a return exceeds …). */
  related_id: string | null;
  message: string;
  fix: string;
  line?: number;
  /** drug_mismatch: the drug the four-code library gives the code's product code (its first entry). */
  library?: LibraryDrug;
}

/** What the four-code library says a product code is (see libraryRow.ts). */
export interface LibraryDrug {
  trac_prefix: string;
  med_list_codg: string;
  drug_name: string | null;
  drugstdcode: string | null;
  aprvno: string | null;
  pac_lv: string | null;
}

/**
 * Finding kinds that do not hold a record back: reported by `trace check` as notes beside the
 * findings, without exit 3 (a code missing from the four-code library says more about the
 * library than about the box).
 */
export const NOTE_KINDS: ReadonlySet<FindingKind> = new Set<FindingKind>(['not_in_library']);

/** A record after checking: its findings and, when it can be sent, the item for its transaction. */
export interface CheckedRecord {
  record: TraceRecord;
  findings: Finding[];
  /** The national code valid on the record's day (null when there is none or more than one). */
  med_list_codg: string | null;
  /** Notes that do not hold the record back (NOTE_KINDS). */
  notes?: Finding[];
  /** The usable codes (trimmed, valid, without repeats), in scan order. */
  codes: string[];
  /** selinfo / invinfo item with drugtracinfo, ready for toWireInput (absent when findings block it). */
  item?: Record<string, unknown>;
  /** SHA-256 of the item: the same record with the same content always gives the same digest. */
  digest?: string;
}

/** What the journal knows of a record (from an earlier run). */
export interface KnownRecord {
  status: UploadStatus;
  content_digest: string | null;
}

/**
 * A record's state in hisops_trace_uploads:
 * held (a finding kept it back), sending (written before the request left; outcome unknown if it
 * stays), accepted, rejected (the center said no), retry (certainly not carried out: send again),
 * unknown (may have been carried out: checked with the center before anything else).
 */
export type UploadStatus = 'held' | 'sending' | 'accepted' | 'rejected' | 'retry' | 'unknown';
