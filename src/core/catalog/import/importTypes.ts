/**
 * What `catalog import` is asked and what it answers: the options, the per-kind and per-file
 * summaries and the result. The import itself is `importCatalog` (importCatalog.ts), its phases in
 * import/.
 */
import type { CatalogKind } from '../kinds.js';
import type { ProblemReport } from '../problems.js';
import type { EncodingChoice } from '../read/encoding.js';
import type { ReadAhead } from './rowThread.js';

/** Fields whose change is reported by name; any other difference counts as "other". */
export const TRACKED_FIELDS = [
  'hilist_name',
  'hilist_spec',
  'chrgitm_lv',
  'pric_uplmt_amt',
  'selfpay_prop',
  'begndate',
  'enddate',
  'vali_flag',
] as const;

export interface CatalogImportOptions {
  files: string[];
  kind?: CatalogKind;
  encoding?: EncodingChoice;
  sheet?: string;
  /** Write (default: dry run). */
  apply?: boolean;
  /** The files are the whole catalog of their kind: stored entries missing from them are ended. */
  full?: boolean;
  /** Set bad rows aside (into `rejectFile`) and import the rest. */
  skipInvalid?: boolean;
  rejectFile?: string;
  now: Date;
  runId?: string;
  /** Folder that keeps a copy of every applied file, so full records can be read again later. */
  archiveDir?: string;
  samples?: number;
  problemLimit?: number;
  onProgress?: (rowsRead: number) => void;
  /**
   * The first file's reading thread, started by the caller before the import (readAhead); taken
   * over when it reads the first table as the import would, stopped otherwise.
   */
  readAhead?: ReadAhead;
}

export interface EntrySample {
  med_list_codg: string;
  begndate: string;
  enddate: string | null;
  hilist_name: string | null;
  chrgitm_lv: string | null;
  pric_uplmt_amt: string | null;
  selfpay_prop: string | null;
  vali_flag: string | null;
  line?: number;
}

export interface ChangeSample {
  med_list_codg: string;
  begndate: string;
  hilist_name: string | null;
  fields: Record<string, [string | null, string | null]>;
  line?: number;
  reason?: string;
}

export interface KindImportSummary {
  kind: CatalogKind;
  list_type: string;
  label: { en: string; zh: string };
  table: string;
  files: string[];
  rowsRead: number;
  added: number;
  changed: number;
  ended: number;
  unchanged: number;
  rejected: number;
  /** How many changed (or ended) entries changed each tracked field. */
  changedFields: Record<string, number>;
  ver: string | null;
  ver_name: string | null;
  importId: number | null;
  samples: { added: EntrySample[]; changed: ChangeSample[]; ended: ChangeSample[] };
}

export interface FileSummary {
  file: string;
  format: string;
  encoding: string | null;
  encodingHow: string | null;
  kind: CatalogKind | null;
  kindFrom: string | null;
  layout: 'header' | 'position' | null;
  rows: number;
}

export interface CatalogImportResult {
  applied: boolean;
  /** Problems stopped the write (or would have, for a dry run). */
  blocked: boolean;
  files: FileSummary[];
  kinds: KindImportSummary[];
  problems: ProblemReport;
  rejectFile: string | null;
  rejectedRows: number;
}

/** One file of an import as recorded in hisops_catalog_import.files. */
export interface ArchivedSource {
  file: string;
  path: string;
  entry: string | null;
  encoding: string | null;
  /** The copy kept in the archive folder, if any. */
  archived: string | null;
}
