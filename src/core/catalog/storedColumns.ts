/**
 * The columns hisops stores for every catalog entry (catalogRow.ts says why these), in the
 * order of every catalog table, and each one's position in a row's values. Pure.
 */
/** The columns of every catalog table, in order. */
export const CATALOG_COLUMNS_STORED = [
  'med_list_codg',
  'begndate',
  'enddate',
  'vali_flag',
  'hilist_name',
  'hilist_spec',
  'chrgitm_lv',
  'pric_uplmt_amt',
  'selfpay_prop',
  'prodentp_name',
  'aprvno',
  'prcunt',
  'rid',
  'ver',
  'ver_name',
  'updt_time',
  'extra',
  'row_fp',
  'src_file',
  'src_line',
  'added_import',
  'import_id',
] as const;
export type StoredColumn = (typeof CATALOG_COLUMNS_STORED)[number];
/** Stored column → its position in a row's values. */
export const COL = Object.fromEntries(CATALOG_COLUMNS_STORED.map((c, i) => [c, i])) as Record<StoredColumn, number>;
