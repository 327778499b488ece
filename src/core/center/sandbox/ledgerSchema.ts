/**
 * The sandbox ledger's tables (SQLite). Amounts are TEXT holding exact two-decimal amounts
 * ("12.30"), never REAL; sums are exact (decimal.js, or integer fen in SQL for 3201 totals). Times are `yyyy-MM-dd HH:mm:ss`
 * strings in the center's clock, so a period is a string range.
 */

import { SETTLEMENT_AMOUNTS } from '../protocol/transactions.js';

/** Amount columns of a settlement row (num 16,2), in the order of the reference's §5.S. */
export const LEDGER_AMOUNTS = SETTLEMENT_AMOUNTS;
export type LedgerAmount = (typeof LEDGER_AMOUNTS)[number];

export const SCHEMA_VERSION = 1;

export const LEDGER_DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS signins (
  sign_no TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  opter TEXT NOT NULL,
  opter_no TEXT,
  ip TEXT,
  mac TEXT,
  sign_time TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  signed_out_at TEXT
);

CREATE TABLE IF NOT EXISTS messages (
  msgid TEXT PRIMARY KEY,
  infno TEXT NOT NULL,
  fixmedins_code TEXT NOT NULL,
  psn_no TEXT,
  digest TEXT NOT NULL,
  received_at TEXT NOT NULL,
  output TEXT,
  created TEXT,
  reversed_by TEXT,
  reversed_at TEXT,
  source TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS persons (
  psn_no TEXT PRIMARY KEY,
  certno TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS persons_certno ON persons(certno);

CREATE TABLE IF NOT EXISTS accounts (
  psn_no TEXT PRIMARY KEY,
  balc TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS settlements (
  setl_id TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  fixmedins_name TEXT,
  infno TEXT NOT NULL,
  medins_setl_id TEXT,
  mdtrt_id TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  psn_name TEXT,
  psn_cert_type TEXT,
  certno TEXT,
  gend TEXT,
  naty TEXT,
  brdy TEXT,
  age INTEGER,
  insutype TEXT NOT NULL,
  psn_type TEXT,
  cvlserv_flag TEXT,
  med_type TEXT,
  mdtrt_cert_type TEXT,
  psn_setlway TEXT,
  chrg_bchno TEXT,
  mid_setl_flag TEXT,
  invono TEXT,
  clr_type TEXT NOT NULL,
  clr_way TEXT NOT NULL,
  clr_optins TEXT NOT NULL,
  setl_time TEXT NOT NULL,
  refd_setl_flag TEXT NOT NULL,
  orig_setl_id TEXT,
  cancelled_by TEXT,
  reversed_by TEXT,
  reversed_at TEXT,
  ${LEDGER_AMOUNTS.map((a) => `${a} TEXT NOT NULL`).join(',\n  ')},
  pool_prop_selfpay TEXT NOT NULL,
  setldetail TEXT NOT NULL,
  opter TEXT,
  opter_name TEXT,
  source TEXT NOT NULL,
  memo TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS settlements_period ON settlements(fixmedins_code, setl_time);
-- 3201 totals: one group's rows of a period, read from the index alone (no table rows).
-- 3202 details: a clearing type's rows of a period in setl_time order, with what the comparison reads.
CREATE INDEX IF NOT EXISTS settlements_brief ON settlements(fixmedins_code, clr_optins, clr_type, setl_time, setl_id, refd_setl_flag, reversed_by, reversed_at, psn_no, mdtrt_id, medins_setl_id, insutype, medfee_sumamt, fund_pay_sumamt, acct_pay);
-- (The 3201 index holds each amount as the integer fen Ledger.totals adds — the same expressions,
-- so SQLite reads them from the index instead of converting the text of every row per call. It
-- replaces the first 3201 index, which held the amounts as text.)
DROP INDEX IF EXISTS settlements_totals;
CREATE INDEX IF NOT EXISTS settlements_fen_totals ON settlements(fixmedins_code, clr_optins, insutype, clr_type, setl_time, refd_setl_flag, reversed_by, CAST(ROUND(medfee_sumamt * 100) AS INTEGER), CAST(ROUND(fund_pay_sumamt * 100) AS INTEGER), CAST(ROUND(acct_pay * 100) AS INTEGER), CAST(ROUND(psn_cash_pay * 100) AS INTEGER));
CREATE INDEX IF NOT EXISTS settlements_mdtrt ON settlements(mdtrt_id);
CREATE INDEX IF NOT EXISTS settlements_msgid ON settlements(medins_setl_id);
CREATE INDEX IF NOT EXISTS settlements_psn ON settlements(psn_no);

CREATE TABLE IF NOT EXISTS files (
  file_qury_no TEXT PRIMARY KEY,
  filename TEXT NOT NULL,
  fixmedins_code TEXT NOT NULL,
  kind TEXT NOT NULL,
  bytes BLOB NOT NULL,
  msgid TEXT,
  created_at TEXT NOT NULL,
  dld_endtime TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS mappings (
  fixmedins_code TEXT NOT NULL,
  fixmedins_hilist_id TEXT NOT NULL,
  list_type TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  fixmedins_hilist_name TEXT NOT NULL,
  begndate TEXT NOT NULL,
  enddate TEXT NOT NULL,
  record TEXT NOT NULL,
  msgid TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_msgid TEXT,
  PRIMARY KEY (fixmedins_code, fixmedins_hilist_id, list_type, med_list_codg)
);

CREATE TABLE IF NOT EXISTS trace_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  fixmedins_code TEXT NOT NULL,
  infno TEXT NOT NULL,
  msgid TEXT NOT NULL,
  record_key TEXT NOT NULL,
  content_digest TEXT NOT NULL,
  med_list_codg TEXT,
  fixmedins_hilist_id TEXT,
  fixmedins_bchno TEXT,
  mdtrt_sn TEXT,
  setl_id TEXT,
  psn_no TEXT,
  cnt TEXT,
  opt_time TEXT,
  ret_rslt TEXT NOT NULL,
  msg_rslt TEXT,
  record TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (fixmedins_code, infno, record_key)
);

CREATE TABLE IF NOT EXISTS trace_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  drug_trac_codg TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  fixmedins_code TEXT NOT NULL,
  infno TEXT NOT NULL,
  movement TEXT NOT NULL,
  trdn_flag TEXT,
  accepted INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trace_codes_code ON trace_codes(drug_trac_codg);
CREATE INDEX IF NOT EXISTS trace_codes_record ON trace_codes(record_id);

-- The visit flow before settlement (visits.ts): a registration (2201) or admission (2401) and the
-- fee lines uploaded for it (2204/2301). A settlement of a registered visit books its unsettled
-- lines (fee_lines.setl_id); a cancellation or reversal gives them back.
CREATE TABLE IF NOT EXISTS visits (
  mdtrt_id TEXT PRIMARY KEY,
  fixmedins_code TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  insutype TEXT NOT NULL,
  inpatient INTEGER NOT NULL,
  ipt_otp_no TEXT NOT NULL,
  med_type TEXT,
  begntime TEXT NOT NULL,
  endtime TEXT,
  dise_codg TEXT,
  dise_name TEXT,
  status TEXT NOT NULL,
  info TEXT NOT NULL,
  msgid TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  closed_msgid TEXT
);
CREATE INDEX IF NOT EXISTS visits_psn ON visits(fixmedins_code, psn_no);
CREATE INDEX IF NOT EXISTS visits_ipt_otp_no ON visits(fixmedins_code, ipt_otp_no);

CREATE TABLE IF NOT EXISTS fee_lines (
  mdtrt_id TEXT NOT NULL,
  feedetl_sn TEXT NOT NULL,
  psn_no TEXT NOT NULL,
  chrg_bchno TEXT,
  med_type TEXT,
  fee_ocur_time TEXT NOT NULL,
  med_list_codg TEXT NOT NULL,
  medins_list_codg TEXT NOT NULL,
  det_item_fee_sumamt TEXT NOT NULL,
  cnt TEXT NOT NULL,
  pric TEXT NOT NULL,
  fulamt_ownpay_amt TEXT NOT NULL,
  overlmt_amt TEXT NOT NULL,
  preselfpay_amt TEXT NOT NULL,
  inscp_scp_amt TEXT NOT NULL,
  selfpay_prop TEXT NOT NULL,
  chrgitm_lv TEXT NOT NULL,
  digest TEXT NOT NULL,
  record TEXT NOT NULL,
  setl_id TEXT,
  msgid TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (mdtrt_id, feedetl_sn)
);
CREATE INDEX IF NOT EXISTS fee_lines_setl ON fee_lines(setl_id);
`;
