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
import { nullable, parseTsv, trimmed, tsvLine, writeTsv } from './tsv.js';

export const STMT_UPLOAD_COLUMNS = [
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'refd_setl_flag',
] as const;
export const STMT_RESULT_COLUMNS = [
  'psn_no',
  'mdtrt_id',
  'setl_id',
  'msgid',
  'stmt_rslt',
  'refd_setl_flag',
  'memo',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
] as const;

/** The name of the text file inside the uploaded ZIP (what [A] calls its file) and of the result. */
export const STMT_UPLOAD_FILENAME = 'scmxdz.txt';
export const STMT_RESULT_FILENAME = 'result.txt';

/** One line of an upload file; amounts as the reader made them (Decimal, or fen in a hot loop). */
export interface StmtUploadLine<A> {
  setl_id: string;
  mdtrt_id: string;
  psn_no: string;
  medfee_sumamt: A;
  fund_pay_sumamt: A;
  acct_pay: A;
  /** '1' = this row is a refund (reversal) settlement, '0' = a normal one. */
  refd_setl_flag: string;
}

export type StmtUploadRow = StmtUploadLine<Decimal>;

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

interface LineProblem {
  line: number;
  message: string;
}

export function writeStmtUploadFile(rows: readonly StmtUploadRow[]): string {
  return writeTsv(
    rows.map((r) => [
      r.setl_id,
      r.mdtrt_id,
      r.psn_no,
      fmt(r.medfee_sumamt),
      fmt(r.fund_pay_sumamt),
      fmt(r.acct_pay),
      r.refd_setl_flag,
    ]),
  );
}

/** Parse an upload file (the sandbox's side); bad lines are reported, not fatal. */
export function parseStmtUploadFile(text: string): { rows: StmtUploadRow[]; problems: LineProblem[] } {
  return scanStmtUploadFile(text, parseMoney);
}

/** The same, with amounts read by `amount` (undefined = not an amount; the line is reported). */
export function scanStmtUploadFile<A>(
  text: string,
  amount: (s: string) => A | undefined,
): { rows: Array<StmtUploadLine<A>>; problems: LineProblem[] } {
  const rows: Array<StmtUploadLine<A>> = [];
  const problems: LineProblem[] = [];
  parseTsv(text).forEach((cells, i) => {
    const line = i + 1;
    if (cells.length < STMT_UPLOAD_COLUMNS.length) {
      problems.push({
        line,
        message: `expected ${STMT_UPLOAD_COLUMNS.length} tab-separated columns, found ${cells.length}`,
      });
      return;
    }
    const [setl_id, mdtrt_id, psn_no, a, b, c, flag] = cells.map(trimmed) as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const medfee = amount(a);
    const fund = amount(b);
    const acct = amount(c);
    if (!setl_id) problems.push({ line, message: 'setl_id is empty' });
    else if (medfee === undefined || fund === undefined || acct === undefined)
      problems.push({
        line,
        message: 'medfee_sumamt, fund_pay_sumamt and acct_pay must be amounts (at most two decimals)',
      });
    else
      rows.push({
        setl_id,
        mdtrt_id: mdtrt_id ?? '',
        psn_no: psn_no ?? '',
        medfee_sumamt: medfee,
        fund_pay_sumamt: fund,
        acct_pay: acct,
        refd_setl_flag: flag || '0',
      });
  });
  return { rows, problems };
}

/** A result line to write: amounts as Decimal, or already as two-decimal text. */
export type StmtResultLine = Omit<StmtResultRow, 'medfee_sumamt' | 'fund_pay_sumamt' | 'acct_pay'> & {
  medfee_sumamt: Decimal | string | null;
  fund_pay_sumamt: Decimal | string | null;
  acct_pay: Decimal | string | null;
};

const amountCell = (v: Decimal | string | null) => (v === null ? '' : typeof v === 'string' ? v : fmt(v));

/** Write a result file (the sandbox's side). */
export function writeStmtResultFile(rows: readonly StmtResultLine[]): string {
  return writeTsv(rows.map(resultCells));
}

/** One line of a result file, without its line end. */
export function stmtResultLine(r: StmtResultLine): string {
  return tsvLine(resultCells(r));
}

function resultCells(r: StmtResultLine): unknown[] {
  return [
    r.psn_no,
    r.mdtrt_id,
    r.setl_id,
    r.msgid,
    r.stmt_rslt,
    r.refd_setl_flag,
    r.memo,
    amountCell(r.medfee_sumamt),
    amountCell(r.fund_pay_sumamt),
    amountCell(r.acct_pay),
  ];
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
