/**
 * The 3202 detail file and the center's result file. The upload holds every HIS settlement of a
 * scope (clearing type × agency × period, all insurance types — 3202 has no insutype), one line
 * each; a refunded settlement is its original (positive) line plus its refund (negative) line.
 * The result is read strictly against the configured column order: a line that does not fit keeps
 * its raw text and becomes an "unknown" finding. Pure.
 */
import { externalError } from '../errors.js';
import { Utf8Buffer } from '../shared/index.js';
import { fenOfText } from '../money.js';
import { fenText, parseFen } from './fen.js';
import { DETAIL_AMOUNTS, DETAIL_FIGURES } from './detailFigures.js';
import { refdFlag, type ReconcileRules } from './rules.js';
import type { BalancedLine, DetailScope, HisSettlement, ResultRow } from './types.js';

export interface DetailRequest {
  scope: DetailScope;
  /** Lines in the file. */
  count: number;
  /** The UTF-8 inside the uploaded ZIP (7 tab-separated columns, see protocol/stmtFile.ts). */
  bytes: Buffer;
  /** The 3202 `data` besides file_qury_no. */
  data: {
    setl_optins: string;
    stmt_begndate: string;
    stmt_enddate: string;
    medfee_sumamt: string;
    fund_pay_sumamt: string;
    cash_payamt: string;
    fixmedins_setl_cnt: number;
    clr_type: string;
    refd_setl_flag: string;
  };
}

const BREAK = /[\t\r\n]/;

/** A cell of the file: a tab or a line break inside a value would break the format (tested before anything is replaced). */
const cell = (v: string) => (BREAK.test(v) ? v.replace(/[\t\r\n]+/g, ' ') : v);

const uploadOrder = (a: HisSettlement, b: HisSettlement): number =>
  a.setl_time === b.setl_time
    ? a.setl_id < b.setl_id
      ? -1
      : a.setl_id > b.setl_id
        ? 1
        : 0
    : a.setl_time < b.setl_time
      ? -1
      : 1;

/**
 * The rows in upload order. The database gives them in setl_time order as a rule (its index), the
 * settlements of one second in no particular order: a few dozen rows a day out of place, each
 * moved back to where it belongs. A sort of the day found the runs and merged them, about six
 * comparisons a row; rows far out of order (more moves than rows) are sorted after all. Stable,
 * as the sort is: the same order either way.
 */
function inUploadOrder(his: readonly HisSettlement[]): readonly HisSettlement[] {
  let out: HisSettlement[] | undefined;
  let moves = 0;
  for (let i = 1; i < his.length; i++) {
    const rows = out ?? his;
    const s = rows[i]!;
    if (uploadOrder(rows[i - 1]!, s) <= 0) continue;
    out ??= [...his];
    let j = i - 1;
    for (; j >= 0 && uploadOrder(out[j]!, s) > 0; j--) {
      out[j + 1] = out[j]!;
      if (++moves > his.length) return [...his].sort(uploadOrder);
    }
    out[j + 1] = s;
  }
  return out ?? his;
}

/**
 * Upload lines in a stable order: by setl_time, then setl_id (a refund follows its original). The
 * text is written straight from the fen figures, in the protocol's column order and number form.
 */
export function detailRequest(
  scope: DetailScope,
  his: readonly HisSettlement[],
  rules: Pick<ReconcileRules, 'refunds'>,
): DetailRequest {
  const sorted = inUploadOrder(his);
  let medfee = 0n;
  let fund = 0n;
  let acct = 0n;
  // Written as UTF-8 as each line is made: a scope is tens of thousands of lines, and held as
  // strings until joined they cost the collector more than writing them did.
  const out = new Utf8Buffer(sorted.length * 96 + 64);
  const put = (v: string, end: number) => {
    out.text(v);
    out.byte(end);
  };
  for (const s of sorted) {
    medfee += s.medfee;
    fund += s.fund;
    acct += s.acct;
    put(cell(s.setl_id), TAB);
    put(cell(s.mdtrt_id), TAB);
    put(cell(s.psn_no), TAB);
    put(fenText(s.medfee), TAB);
    put(fenText(s.fund), TAB);
    put(fenText(s.acct), TAB);
    put(s.refd_setl_flag, LF);
  }
  return {
    scope,
    count: sorted.length,
    bytes: out.done(),
    data: {
      setl_optins: scope.setl_optins,
      stmt_begndate: scope.begndate,
      stmt_enddate: scope.enddate,
      medfee_sumamt: fenText(medfee),
      fund_pay_sumamt: fenText(fund),
      // What the patients paid otherwise (3202 names it cash_payamt where 3201 sends acct_pay).
      cash_payamt: fenText(medfee - fund - acct),
      fixmedins_setl_cnt: sorted.length,
      clr_type: scope.clr_type,
      refd_setl_flag: refdFlag(rules),
    },
  };
}

const TAB = 9;
const LF = 10;

const nullable = (v: string | undefined): string | null => {
  if (v === undefined) return null;
  const t = v.trim();
  // (Only a text of four characters lower-cases to "null".)
  return t === '' || (t.length === 4 && t.toLowerCase() === 'null') ? null : t;
};

export interface ParsedResult {
  /** Lines not balanced, and lines that do not fit (with `problem`). */
  rows: ResultRow[];
  /** Lines balanced by the center that fit: only their keys. */
  balanced: BalancedLine[];
  /** Lines that did not fit. */
  bad: number;
}

/** One line read against `columns`, with the problems it has (if any). */
export function parseResultLine(raw: string, line: number, columns: readonly string[]): ResultRow {
  const cells = raw.split('\t');
  const rec: Record<string, string | null> = {};
  columns.forEach((c, k) => {
    if (c !== '-') rec[c] = nullable(cells[k]);
  });
  const r: ResultRow = {
    line,
    raw,
    psn_no: rec.psn_no ?? null,
    mdtrt_id: rec.mdtrt_id ?? null,
    setl_id: rec.setl_id ?? null,
    msgid: rec.msgid ?? null,
    stmt_rslt: rec.stmt_rslt ?? null,
    refd_setl_flag: rec.refd_setl_flag ?? null,
    memo: rec.memo ?? null,
    medfee: null,
    fund: null,
    acct: null,
  };
  const problems: string[] = [];
  if (cells.length !== columns.length)
    problems.push(`expected ${columns.length} tab-separated columns, found ${cells.length}`);
  for (const { key, field } of DETAIL_FIGURES) {
    const v = rec[field];
    const f = v === null || v === undefined ? undefined : parseFen(v);
    if (f === undefined) problems.push(`${field} "${v ?? ''}" is not an amount`);
    else r[key] = f;
  }
  if (r.stmt_rslt === null || !/^\d{1,6}$/.test(r.stmt_rslt))
    problems.push(`stmt_rslt "${r.stmt_rslt ?? ''}" is not a result code`);
  if (r.refd_setl_flag !== null && r.refd_setl_flag !== '0' && r.refd_setl_flag !== '1')
    problems.push(`refd_setl_flag "${r.refd_setl_flag}" is neither 0 nor 1`);
  if (problems.length) r.problem = problems.join('; ');
  return r;
}

/**
 * Parse the result text against `columns` (reconcile.resultColumns; "-" marks a column to
 * ignore). Throws RECONCILE_RESULT_MALFORMED when no line at all fits: then the file is not a
 * 3202 result in the expected layout (or not text), and guessing would misclassify every row.
 */
export function parseResultText(text: string, columns: readonly string[]): ParsedResult {
  const reader = new ResultReader(columns);
  const lines = resultLines(text);
  for (let i = 0; i < lines.length; i++) reader.line(lines[i]!, i + 1);
  return reader.done();
}

/** The lines of a result, one after another, sorted into rows and balanced lines (parseResultText, parseResultBytes). */
export class ResultReader {
  readonly rows: ResultRow[] = [];
  readonly balanced: BalancedLine[] = [];
  private bad = 0;
  private first: ResultRow | undefined;
  private readonly quick: (raw: string) => string | null;
  constructor(private readonly columns: readonly string[]) {
    this.quick = balancedKey(columns);
  }

  line(raw: string, line: number): void {
    if (raw.trim() === '') return;
    // Most lines of a result are balanced: their key is all that is kept, so it is all that is read.
    const setl_id = this.quick(raw);
    if (setl_id !== null) {
      this.balanced.push({ line, raw, setl_id });
      return;
    }
    const r = parseResultLine(raw, line, this.columns);
    this.first ??= r;
    if (r.problem) this.bad++;
    if (!r.problem && r.setl_id !== null && rowBalanced(r))
      this.balanced.push({ line: r.line, raw: r.raw, setl_id: r.setl_id });
    else this.rows.push(r);
  }

  done(): ParsedResult {
    const { rows, balanced, bad, first, columns } = this;
    if (first && bad === rows.length + balanced.length) {
      throw externalError(
        'RECONCILE_RESULT_MALFORMED',
        `No line of the center's 3202 result file has the expected columns (line ${first.line}: ${first.problem})`,
        `Compare the file with reconcile.resultColumns (now ${columns.join(', ')}); if the province orders the columns differently, set reconcile.resultColumns to its order.`,
        `First line as received: ${JSON.stringify(first.raw.slice(0, 300))}`,
        { lines: rows.length + balanced.length, columns: [...columns] },
      ).zh(
        `医保中心 3202 结果文件中没有一行符合预期的列（第 ${first.line} 行：${first.problem}）`,
        `请将文件与 reconcile.resultColumns（当前为 ${columns.join('、')}）比对；如本省列顺序不同，请将 reconcile.resultColumns 设为本省的顺序。`,
        `收到的第一行：${JSON.stringify(first.raw.slice(0, 300))}`,
      );
    }
    return { rows, balanced, bad };
  }
}

/** The text's lines as split(/\r?\n/) gives them after a BOM (split on "\n", then the "\r" before each cut). */
function resultLines(text: string): string[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/**
 * A reader of a line's setl_id when the line is a balanced one that fits (null otherwise): the
 * same verdict parseResultLine + rowBalanced would give, for the common case, without building the
 * row. Any doubt (a missing column, a null-like value) returns null and the line is read in full.
 */
function balancedKey(columns: readonly string[]): (raw: string) => string | null {
  const places = keyPlaces(columns);
  if (!places) return () => null;
  const { iSetl, iRslt, iRefd, iAmounts } = places;
  const n = columns.length;
  // Where each cell starts, then one past the line's end: the cells as raw.split('\t') cuts them,
  // found by searching for tabs, and only the cells looked at are made (a result is tens of
  // thousands of lines of ten cells).
  const starts = new Int32Array(n + 1);
  const cell = (raw: string, k: number) => raw.slice(starts[k]!, starts[k + 1]! - 1);
  return (raw) => {
    let from = 0;
    for (let k = 1; k < n; k++) {
      const t = raw.indexOf('\t', from);
      if (t === -1) return null;
      from = t + 1;
      starts[k] = from;
    }
    if (raw.indexOf('\t', from) !== -1) return null;
    starts[n] = raw.length + 1;
    // stmt_rslt "0" (nearly every line) without the pattern.
    if (!(starts[iRslt + 1]! - starts[iRslt]! === 2 && raw.charCodeAt(starts[iRslt]!) === 48)) {
      if (!ZEROS.test(cell(raw, iRslt))) return null;
    }
    const setl_id = nullable(cell(raw, iSetl));
    if (setl_id === null) return null;
    if (iRefd >= 0) {
      const f = nullable(cell(raw, iRefd));
      if (f !== null && f !== '0' && f !== '1') return null;
    }
    // (fenOfText reads a subset of what parseFen reads, and never a null-like value: what it
    // refuses, such as 12.3000 or more than 13 digits, is read in full.)
    for (const k of iAmounts) if (fenOfText(cell(raw, k)) === undefined) return null;
    return setl_id;
  };
}
const ZEROS = /^\s*0{1,6}\s*$/;

/**
 * Where a balanced line's key cells are among `columns` (setl_id, stmt_rslt, refd_setl_flag: -1
 * when absent, the amounts); null when a column a balanced line needs is not there.
 */
export function keyPlaces(
  columns: readonly string[],
): { iSetl: number; iRslt: number; iRefd: number; iAmounts: number[] } | null {
  const at = (name: string) => columns.indexOf(name);
  const [iSetl, iRslt, iRefd] = ['setl_id', 'stmt_rslt', 'refd_setl_flag'].map(at) as [number, number, number];
  const iAmounts = DETAIL_AMOUNTS.map(at);
  return iSetl < 0 || iRslt < 0 || iAmounts.some((k) => k < 0) ? null : { iSetl, iRslt, iRefd, iAmounts };
}

/** Is a result row balanced by the center's verdict? (0 and 000000 both seen.) */
export function rowBalanced(r: ResultRow): boolean {
  return r.stmt_rslt !== null && /^0+$/.test(r.stmt_rslt);
}
