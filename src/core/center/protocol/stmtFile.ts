/**
 * The 3202 detail-reconciliation files (reference §5 3202; practice §1.2).
 *
 * Upload (hospital → center), one settlement per line, no header, 7 columns:
 *   setl_id, mdtrt_id, psn_no, medfee_sumamt, fund_pay_sumamt, acct_pay, refd_setl_flag
 * A refunded settlement appears twice: the original and the (negative) reversal.
 *
 * Result (center → hospital, `result.txt` in a ZIP), 10 columns:
 *   psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo,
 *   medfee_sumamt, fund_pay_sumamt, acct_pay
 * Duplicates on the center side come back with empty setl_id and mdtrt_id.
 */
import type { Decimal } from 'decimal.js';
import { fmt, parseMoney } from '../../money.js';
import { nullable, parseTsv, writeTsv } from './tsv.js';

export const STMT_UPLOAD_COLUMNS = ['setl_id', 'mdtrt_id', 'psn_no', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay', 'refd_setl_flag'] as const;
export const STMT_RESULT_COLUMNS = ['psn_no', 'mdtrt_id', 'setl_id', 'msgid', 'stmt_rslt', 'refd_setl_flag', 'memo', 'medfee_sumamt', 'fund_pay_sumamt', 'acct_pay'] as const;

/** The name of the text file inside the uploaded ZIP (what [A] calls its file) and of the result. */
export const STMT_UPLOAD_FILENAME = 'scmxdz.txt';
export const STMT_RESULT_FILENAME = 'result.txt';

export interface StmtUploadRow {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  medfee_sumamt: Decimal;
  fund_pay_sumamt: Decimal;
  acct_pay: Decimal;
  /** '1' = this row is a refund (reversal) settlement, '0' = a normal one. */
  refd_setl_flag: string;
}

export interface StmtResultRow {
  psn_no: string | null;
  mdtrt_id: string | null;
  setl_id: string | null;
  msgid: string | null;
  stmt_rslt: string | null;
  refd_setl_flag: string | null;
  memo: string | null;
  medfee_sumamt: Decimal | null;
  fund_pay_sumamt: Decimal | null;
  acct_pay: Decimal | null;
}

export interface LineProblem {
  line: number;
  message: string;
}

export function writeStmtUploadFile(rows: readonly StmtUploadRow[]): string {
  return writeTsv(rows.map((r) => [r.setl_id, r.mdtrt_id, r.psn_no, fmt(r.medfee_sumamt), fmt(r.fund_pay_sumamt), fmt(r.acct_pay), r.refd_setl_flag]));
}

/** Parse an upload file (the sandbox's side); bad lines are reported, not fatal. */
export function parseStmtUploadFile(text: string): { rows: StmtUploadRow[]; problems: LineProblem[] } {
  const rows: StmtUploadRow[] = [];
  const problems: LineProblem[] = [];
  parseTsv(text).forEach((cells, i) => {
    const line = i + 1;
    if (cells.length < STMT_UPLOAD_COLUMNS.length) {
      problems.push({ line, message: `expected ${STMT_UPLOAD_COLUMNS.length} tab-separated columns, found ${cells.length}` });
      return;
    }
    const [setl_id, mdtrt_id, psn_no, a, b, c, flag] = cells.map((x) => x.trim());
    const medfee = parseMoney(a);
    const fund = parseMoney(b);
    const acct = parseMoney(c);
    if (!setl_id) problems.push({ line, message: 'setl_id is empty' });
    else if (!medfee || !fund || !acct) problems.push({ line, message: 'medfee_sumamt, fund_pay_sumamt and acct_pay must be numbers' });
    else rows.push({ setl_id, mdtrt_id: mdtrt_id ?? '', psn_no: psn_no ?? '', medfee_sumamt: medfee, fund_pay_sumamt: fund, acct_pay: acct, refd_setl_flag: flag || '0' });
  });
  return { rows, problems };
}

/** Write a result file (the sandbox's side). */
export function writeStmtResultFile(rows: readonly StmtResultRow[]): string {
  return writeTsv(
    rows.map((r) => [
      r.psn_no,
      r.mdtrt_id,
      r.setl_id,
      r.msgid,
      r.stmt_rslt,
      r.refd_setl_flag,
      r.memo,
      r.medfee_sumamt === null ? '' : fmt(r.medfee_sumamt),
      r.fund_pay_sumamt === null ? '' : fmt(r.fund_pay_sumamt),
      r.acct_pay === null ? '' : fmt(r.acct_pay),
    ]),
  );
}

/** Parse a result file; tolerant of `null`, empty keys, missing trailing columns and unparsable amounts (→ null). */
export function parseStmtResultFile(text: string): StmtResultRow[] {
  return parseTsv(text).map((c) => ({
    psn_no: nullable(c[0]),
    mdtrt_id: nullable(c[1]),
    setl_id: nullable(c[2]),
    msgid: nullable(c[3]),
    stmt_rslt: nullable(c[4]),
    refd_setl_flag: nullable(c[5]),
    memo: nullable(c[6]),
    medfee_sumamt: parseMoney(nullable(c[7])) ?? null,
    fund_pay_sumamt: parseMoney(nullable(c[8])) ?? null,
    acct_pay: parseMoney(nullable(c[9])) ?? null,
  }));
}
