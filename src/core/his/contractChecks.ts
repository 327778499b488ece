/**
 * The contract checks of one statement's rows (pure): types of the canonical columns, allowed
 * values of coded columns, values that must be there, one row per key where promised, the sums
 * of settlement amounts and the sign of refund rows. Rows are as the driver returned them (keys
 * lower-cased), so a value that would not even convert is reported instead of failing the run.
 */
import { D, type Decimal } from '../money.js';
import { columnKind, FUND_FIELDS, SETTLEMENT_TOTALS, type ColumnKind } from './canonical.js';
import { columnContract, STATEMENT_CONTRACTS } from './contract.js';
import { STATEMENTS } from './statements.js';

export interface ContractProblem {
  statement: string;
  column?: string;
  /** error: exit 3; warning: shown (a local code, for instance). */
  severity: 'error' | 'warning';
  check:
    | 'missing_column'
    | 'type'
    | 'value'
    | 'not_null'
    | 'unique'
    | 'at_most_one'
    | 'sum'
    | 'sign'
    | 'effect'
    | 'failed';
  message: string;
  /** Up to three values seen (as text). */
  values?: string[];
  /** Rows with the problem. */
  rows?: number;
  fix: string;
  /** What goes wrong if it is left as it is. */
  consequence?: string;
  /** Chinese words of a failed statement (from the error); other checks have theirs in contractZh.ts. */
  zh?: { message: string; fix?: string };
}

type Row = Record<string, unknown>;

const NUMERIC = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})( 00:00(:00(\.0+)?)?)?$/;

/** Why a raw value does not fit a column kind, or undefined when it does. */
export function typeProblem(kind: ColumnKind, v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (kind === 'text') return undefined;
  if (kind === 'datetime' || kind === 'date') {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'is not a valid time' : undefined;
    if (typeof v !== 'string') return `is ${typeof v}, not a ${kind === 'date' ? 'date' : 'time'}`;
    const m = (kind === 'date' ? DATE : DATETIME).exec(v.trim()) ?? (kind === 'date' ? undefined : DATE.exec(v.trim()));
    if (!m) return kind === 'date' ? 'is not yyyy-MM-dd' : 'is not yyyy-MM-dd HH:mm:ss';
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > 31) return 'is not a calendar date';
    return undefined;
  }
  const text =
    typeof v === 'number' || typeof v === 'bigint' ? String(v) : typeof v === 'string' ? v.trim() : undefined;
  if (text === undefined || !NUMERIC.test(text)) return 'is not a number';
  if (kind === 'int' && !Number.isInteger(Number(text))) return 'is not a whole number';
  // A binary float from the driver (SQLite's SUM) carries noise past the cents; a text value is exact.
  const cents =
    typeof v === 'number' ? Math.abs(v * 100 - Math.round(v * 100)) < 1e-6 : new D(text).decimalPlaces() <= 2;
  if (kind === 'money' && !cents) return 'has more than two decimals (money is yuan with two decimals)';
  return undefined;
}

const FIX_BY_KIND: Record<ColumnKind, string> = {
  text: 'select the column as text',
  money: 'select the amount in yuan as a number with two decimals (CAST(x AS DECIMAL(16,2)); divide fen by 100)',
  decimal: 'select the value as a number',
  int: 'select the value as a whole number',
  datetime:
    "convert the HIS's time to yyyy-MM-dd HH:mm:ss in the SQL (for example TO_CHAR / DATE_FORMAT / strftime, or a timestamp column)",
  date: "convert the HIS's date to yyyy-MM-dd in the SQL",
};

class Tally {
  private readonly by = new Map<string, ContractProblem>();
  constructor(readonly out: ContractProblem[]) {}
  /** `value` is shown JSON-quoted (a value seen); a `{ text }` is shown as it is (a description). */
  add(key: string, p: Omit<ContractProblem, 'rows' | 'values'>, value?: unknown): void {
    let t = this.by.get(key);
    if (!t) {
      t = { ...p, rows: 0, values: [] };
      this.by.set(key, t);
      this.out.push(t);
    }
    t.rows! += 1;
    const shown =
      value === undefined
        ? undefined
        : value === null
          ? 'NULL'
          : value instanceof Date
            ? value.toISOString()
            : isText(value)
              ? value.text
              : JSON.stringify(value);
    if (shown !== undefined && t.values!.length < 3 && !t.values!.includes(shown)) t.values!.push(shown);
  }
}

/** Every contract problem of a statement's rows (`columns`: what the statement returned). */
export function checkRows(
  statement: string,
  rows: readonly Row[],
  columns: readonly string[] | undefined,
): ContractProblem[] {
  const out: ContractProblem[] = [];
  const spec = STATEMENTS[statement]!;
  const contract = STATEMENT_CONTRACTS[statement] ?? { wrong: '' };
  const expected = spec.columns ?? [];
  const returned = columns ?? (rows[0] ? Object.keys(rows[0]) : undefined);
  const present = expected.filter((c) => !returned || returned.includes(c));
  if (returned) {
    for (const c of expected.filter((x) => !returned.includes(x))) {
      out.push({
        statement,
        column: c,
        severity: 'error',
        check: 'missing_column',
        message: `returns no column ${c}`,
        fix: `Alias your HIS's field AS ${c}, or select NULL AS ${c} when the HIS has none.`,
        consequence: columnContract(statement, c)?.wrong,
      });
    }
  }
  const tally = new Tally(out);
  for (const row of rows) {
    for (const c of present) checkValue(tally, statement, c, row[c]);
  }
  for (const [c, want] of Object.entries(contract.rowsHave ?? {})) {
    for (const row of rows) {
      if (present.includes(c) && String(row[c] ?? '') !== want)
        tally.add(
          `have:${c}`,
          {
            statement,
            column: c,
            severity: 'error',
            check: 'value',
            message: `${c} must be ${want} on every row of this statement`,
            fix: `Select only rows whose ${c} means ${want} (the WHERE clause), or map the value.`,
            consequence: contract.wrong,
          },
          row[c],
        );
    }
  }
  checkKeys(out, statement, rows, contract.unique ?? [], contract.atMostOne === true, contract.wrong);
  if (contract.settlementSums) checkSettlementSums(tally, statement, rows, present);
  return out;
}

function checkValue(tally: Tally, statement: string, c: string, v: unknown): void {
  const cc = columnContract(statement, c);
  const kind = columnKind(c);
  const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  if (empty) {
    if (cc?.notNull)
      tally.add(
        `null:${c}`,
        {
          statement,
          column: c,
          severity: 'error',
          check: 'not_null',
          message: `${c} is empty`,
          fix: `Every row must have ${c} (${cc.meaning}); select the HIS field that holds it.`,
          consequence: cc.wrong,
        },
        v,
      );
    return;
  }
  const bad = typeProblem(kind, v);
  if (bad) {
    tally.add(
      `type:${c}`,
      {
        statement,
        column: c,
        severity: 'error',
        check: 'type',
        message: `${c} ${bad}`,
        fix: `In the statement, ${FIX_BY_KIND[kind]}.`,
        consequence: cc?.wrong,
      },
      v,
    );
    return;
  }
  if (!cc?.values) return;
  const text = String(v instanceof Date ? '' : v);
  if (text in cc.values) return;
  const allowed =
    Object.entries(cc.values)
      .slice(0, 8)
      .map(([k, m]) => `${k} (${m})`)
      .join(', ') + (Object.keys(cc.values).length > 8 ? ', …' : '');
  const local = cc.localCodes?.test(text);
  tally.add(
    `value:${c}:${local ? 'local' : 'bad'}`,
    {
      statement,
      column: c,
      severity: local ? 'warning' : 'error',
      check: 'value',
      message: local
        ? `${c} has codes outside the national table (local codes?)`
        : `${c} has values outside ${Object.keys(cc.values).join(' · ')}`,
      fix: local
        ? `Make sure these are your province's own codes for ${c} (${cc.meaning}); otherwise map them to the national ones.`
        : `Map the HIS's values to the documented ones in the statement, e.g. CASE x WHEN '<HIS value>' THEN '<canonical>' … END AS ${c}. Allowed: ${allowed}.`,
      consequence: cc.wrong,
    },
    v,
  );
}

function checkKeys(
  out: ContractProblem[],
  statement: string,
  rows: readonly Row[],
  unique: readonly string[],
  atMostOne: boolean,
  wrong: string,
): void {
  if (atMostOne && rows.length > 1) {
    out.push({
      statement,
      severity: 'error',
      check: 'at_most_one',
      message: `returned ${rows.length} rows for one key`,
      rows: rows.length,
      fix: 'The statement must return at most one row for its key: join the log or detail tables so that they do not multiply the row, or pick one row.',
      consequence: wrong,
    });
  }
  for (const c of unique) {
    const seen = new Map<string, number>();
    for (const r of rows) {
      const v = r[c];
      if (v === null || v === undefined || v === '') continue;
      const k = String(v);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    const dup = [...seen].filter(([, n]) => n > 1);
    if (dup.length) {
      out.push({
        statement,
        column: c,
        severity: 'error',
        check: 'unique',
        message: `${dup.length} value(s) of ${c} appear on more than one row`,
        values: dup.slice(0, 3).map(([k, n]) => `${JSON.stringify(k)} ×${n}`),
        rows: dup.reduce((a, [, n]) => a + n, 0),
        fix: `One row per ${c}: a join (fee lines, log rows, codes) multiplies the rows — aggregate or join on the full key.`,
        consequence: wrong,
      });
    }
  }
}

const isText = (v: unknown): v is { text: string } =>
  typeof v === 'object' && v !== null && typeof (v as { text?: unknown }).text === 'string';

const num = (v: unknown): Decimal | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  const t = typeof v === 'string' ? v.trim() : String(v);
  return NUMERIC.test(t) ? new D(t) : undefined;
};

/** medfee = fund + account + cash + hospital (I1 with I4); fund = Σ fund fields (I2); refund rows ≤ 0, others ≥ 0. */
function checkSettlementSums(tally: Tally, statement: string, rows: readonly Row[], present: readonly string[]): void {
  const has = (...cs: string[]) => cs.every((c) => present.includes(c));
  const tol = new D('0.01');
  for (const r of rows) {
    const medfee = num(r.medfee_sumamt);
    if (medfee === undefined) continue;
    const g = (c: string) => num(r[c]) ?? new D(0);
    const id = String(r.setl_id ?? r.his_setl_no ?? '');
    if (has('fund_pay_sumamt', 'acct_pay', 'psn_cash_pay', 'hosp_part_amt')) {
      const parts = g('fund_pay_sumamt').plus(g('acct_pay')).plus(g('psn_cash_pay')).plus(g('hosp_part_amt'));
      if (parts.minus(medfee).abs().gt(tol)) {
        tally.add(
          'sum:total',
          {
            statement,
            column: 'medfee_sumamt',
            severity: 'error',
            check: 'sum',
            message: 'medfee_sumamt ≠ fund_pay_sumamt + acct_pay + psn_cash_pay + hosp_part_amt',
            fix: "Map the total and its parts to the national fields: fund_pay_sumamt is every fund's payment (基金支付总额), acct_pay the personal account (个人账户), psn_cash_pay the cash part (个人现金), hosp_part_amt what the hospital bears; amounts in yuan.",
            consequence: 'reconciliation compares the wrong amounts: every day differs',
          },
          { text: `${id}: ${medfee.toFixed(2)} ≠ ${parts.toFixed(2)}` },
        );
      }
    }
    if (has('fund_pay_sumamt', ...FUND_FIELDS)) {
      const b = FUND_FIELDS.filter((f) => f !== 'hifdm_pay').reduce((a, f) => a.plus(g(f)), new D(0));
      const a = b.plus(g('hifdm_pay'));
      const fund = g('fund_pay_sumamt');
      if (fund.minus(a).abs().gt(tol) && fund.minus(b).abs().gt(tol)) {
        tally.add(
          'sum:fund',
          {
            statement,
            column: 'fund_pay_sumamt',
            severity: 'error',
            check: 'sum',
            message:
              'fund_pay_sumamt ≠ the sum of the fund fields (hifp_pay, cvlserv_pay, hifes_pay, hifmi_pay, hifob_pay, maf_pay, oth_pay, hifdm_pay)',
            fix: 'Map each fund field (统筹 hifp_pay, 公务员 cvlserv_pay, 大额 hifob_pay …) to its own HIS column; select 0 for a fund the HIS does not record.',
            consequence: 'audits and repairs read the wrong fund amounts',
          },
          { text: `${id}: ${fund.toFixed(2)} ≠ ${a.toFixed(2)}` },
        );
      }
    }
    checkSign(tally, statement, r, present, id);
  }
}

const SIGNED: readonly string[] = SETTLEMENT_TOTALS;

function checkSign(tally: Tally, statement: string, r: Row, present: readonly string[], id: string): void {
  if (!present.includes('refd_setl_flag')) return;
  const flag = String(r.refd_setl_flag ?? '');
  if (flag !== '0' && flag !== '1') return;
  for (const c of SIGNED.filter((x) => present.includes(x))) {
    const v = num(r[c]);
    if (v === undefined) continue;
    if (flag === '1' && v.gt(0)) {
      tally.add(
        `sign:refund:${c}`,
        {
          statement,
          column: c,
          severity: 'error',
          check: 'sign',
          message: `${c} is positive on a cancellation row (refd_setl_flag 1)`,
          fix: `A cancellation row carries negative amounts, as the center books it: select -${c} for refund rows when the HIS stores them positive (CASE WHEN <refund> THEN -x ELSE x END).`,
          consequence: 'a cancellation adds to the day instead of taking away: the day differs by twice the refund',
        },
        { text: `${id}: ${v.toFixed(2)}` },
      );
    } else if (flag === '0' && v.lt(0)) {
      tally.add(
        `sign:original:${c}`,
        {
          statement,
          column: c,
          severity: 'error',
          check: 'sign',
          message: `${c} is negative on a row that is not a cancellation (refd_setl_flag 0)`,
          fix: "A negative row is a cancellation: map the HIS's refund marker to refd_setl_flag 1 for it.",
          consequence: 'refunds are counted as settlements: the day is off by twice the refunded amount',
        },
        { text: `${id}: ${v.toFixed(2)}` },
      );
    }
  }
}
