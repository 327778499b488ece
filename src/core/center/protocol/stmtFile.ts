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

/**
 * The same, with amounts read by `amount` (undefined = not an amount; the line is reported). The
 * lines and cells are those parseTsv gives (a BOM dropped, "\r\n" or "\n", blank lines skipped
 * and not counted), found by searching for the breaks and tabs: a day of a large hospital is tens
 * of thousands of lines, and only the first seven cells of each are made.
 */
export function scanStmtUploadFile<A>(
  text: string,
  amount: (s: string) => A | undefined,
): { rows: Array<StmtUploadLine<A>>; problems: LineProblem[] } {
  const rows: Array<StmtUploadLine<A>> = [];
  const problems: LineProblem[] = [];
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const want = STMT_UPLOAD_COLUMNS.length;
  // Where each of the first `want` cells starts, then one past the last one's end.
  const at = new Int32Array(want + 1);
  let line = 0;
  for (let pos = 0; ; ) {
    const br = t.indexOf('\n', pos);
    const end = br === -1 ? t.length : br;
    // split('\n') keeps a final "\r"; every other line loses the one before its break.
    const e = br !== -1 && end > pos && t.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (isVisible(t.charCodeAt(pos)) || t.slice(pos, e).trim() !== '') {
      line++;
      let cells = 1;
      at[0] = pos;
      while (cells < want) {
        const tab = t.indexOf('\t', at[cells - 1]!);
        if (tab === -1 || tab >= e) break;
        at[cells++] = tab + 1;
      }
      if (cells < want) {
        // As many cells as split('\t') would give: those found and no more (the line ended).
        problems.push({ line, message: `expected ${want} tab-separated columns, found ${cells}` });
      } else {
        const tab = t.indexOf('\t', at[want - 1]!);
        at[want] = (tab === -1 || tab >= e ? e : tab) + 1;
        const cell = (k: number) => trimmed(t.slice(at[k]!, at[k + 1]! - 1));
        const setl_id = cell(0);
        const medfee = amount(cell(3));
        const fund = amount(cell(4));
        const acct = amount(cell(5));
        if (!setl_id) problems.push({ line, message: 'setl_id is empty' });
        else if (medfee === undefined || fund === undefined || acct === undefined)
          problems.push({
            line,
            message: 'medfee_sumamt, fund_pay_sumamt and acct_pay must be amounts (at most two decimals)',
          });
        else
          rows.push({
            setl_id,
            mdtrt_id: cell(1),
            psn_no: cell(2),
            medfee_sumamt: medfee,
            fund_pay_sumamt: fund,
            acct_pay: acct,
            refd_setl_flag: cell(6) || '0',
          });
      }
    }
    if (br === -1) break;
    pos = br + 1;
  }
  return { rows, problems };
}

/** A visible ASCII character (a line that starts with one is not blank). */
const isVisible = (c: number) => c > 32 && c < 127;

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
