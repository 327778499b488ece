/**
 * Turn the HIS's settlement rows (canonical columns from the profile) into what the job counts,
 * applying the province's rules: which statuses count, refunds in or out, how out-of-area
 * settlements are cleared, hospital-borne amounts, local clearing-type codes. A row the job cannot
 * count (null setl_id, unknown insurance type, an amount that is not an amount) is returned as a
 * problem — it becomes an "unknown" finding with the raw row, never a silent skip. Pure.
 *
 * The rows arrive as arrays (runStatementEach: a month is a million rows, and an object per row
 * costs more than the query); `readHisValues` reads one through a column index, and `readHisRow`
 * is the same for a row object. The raw row object is built only for a problem.
 */
import { formatDateTime, SETTLEMENT_TOTALS, type Row } from '../his/index.js';
import { parseFen } from './fen.js';
import { isClrType, isInsutype, type ReconcileRules } from './rules.js';
import type { HisRowProblem, HisRowResult, HisSettlement, OddValue } from './types.js';

/** Columns the reconciliation reads (statement settlements_for_reconcile). */
export const RECONCILE_COLUMNS = [
  'his_setl_no',
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'insutype',
  'clr_type',
  'setl_optins',
  'clr_optins',
  'in_area_flag',
  'setl_time',
  'medfee_sumamt',
  'fund_pay_sumamt',
  'acct_pay',
  'psn_cash_pay',
  'hosp_part_amt',
  'refd_setl_flag',
  'init_setl_id',
  'msgid',
  'infno',
  'his_status',
] as const;

export type ReconcileColumn = (typeof RECONCILE_COLUMNS)[number];

/**
 * The columns a row is checked and summed by: enough for readHisValues to count it or exclude it
 * and to tell a problem, not to carry the settlement's identity (kept rows and problems need all).
 */
export const SUMMED_COLUMNS: readonly ReconcileColumn[] = RECONCILE_COLUMNS.filter(
  (c) => !['his_setl_no', 'mdtrt_id', 'psn_no', 'init_setl_id', 'msgid', 'infno'].includes(c),
);

/**
 * How the day's rows are asked for: times as the database prints them, and on PostgreSQL without
 * parallel workers — a run reads several days at once (runPeriods), so a parallel plan for each
 * would only cost the server more CPU for the same rows.
 */
export const READ = { timesAsText: true, serialPlan: true } as const;

/** Where each column is in a row array (-1: the statement does not return it). */
export type ColumnIndex = Readonly<Record<ReconcileColumn, number>>;

export function columnIndex(columns: readonly string[]): ColumnIndex {
  const ix = {} as Record<ReconcileColumn, number>;
  for (const c of RECONCILE_COLUMNS) ix[c] = columns.indexOf(c);
  return ix;
}

const OWN_INDEX = columnIndex(RECONCILE_COLUMNS);

/** Would readHisValues read this value of setl_time as a time? */
export function isHisTime(v: unknown): boolean {
  const t = text(v);
  return t !== null && isDateTime(t);
}

/**
 * Does `t` start like a time, /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/ — tested by the characters'
 * codes (once per HIS row: no match made)?
 */
function isDateTime(t: string): boolean {
  if (t.length < 19) return false;
  for (let i = 0; i < 19; i++) {
    const c = t.charCodeAt(i);
    const want = DATETIME_SHAPE.charCodeAt(i);
    if (want === 48 /* 0: a digit */ ? c < 48 || c > 57 : want === 32 ? c !== 32 && c !== 84 : c !== want) return false;
  }
  return true;
}
/** yyyy-MM-dd HH:mm:ss: 0 for a digit, the space for a space or T, else the character itself. */
const DATETIME_SHAPE = '0000-00-00 00:00:00';

const text = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' && visibleEnds(v)) return v;
  const s = typeof v === 'string' ? v.trim() : v instanceof Date ? formatDateTime(v) : String(v).trim();
  return s === '' ? null : s;
};

/** Does the text begin and end with a visible ASCII character (nothing to trim)? The common case, checked without trim(). */
function visibleEnds(s: string): boolean {
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  return a > 32 && a < 127 && b > 32 && b < 127;
}

/** The row as an object with text times (the evidence of a problem). */
function rowObject(columns: readonly string[], v: readonly unknown[]): Row {
  const row: Row = {};
  for (let i = 0; i < columns.length; i++)
    row[columns[i]!] = v[i] instanceof Date ? formatDateTime(v[i] as Date) : v[i];
  return row;
}

export function readHisRow(row: Row, rules: ReconcileRules): HisRowResult {
  return readHisValues(
    RECONCILE_COLUMNS.map((c) => row[c]),
    OWN_INDEX,
    rules,
    () => row,
  );
}

/**
 * One row array read through `ix`; `rawRow` gives the row object for a problem (by default built
 * from `columns`).
 */
export function readHisValues(
  v: readonly unknown[],
  ix: ColumnIndex,
  rules: ReconcileRules,
  rawRow: (() => Row) | readonly string[],
): HisRowResult {
  // Runs once per HIS row (a million a month): plain reads, no closures made per row.
  const status = same(0, text(at(v, ix.his_status)) ?? '');
  if (!rules.statuses.includes(status)) return { kind: 'excluded', reason: 'status', value: status };
  const refdText = text(at(v, ix.refd_setl_flag));
  const refd = refdText === '1' ? '1' : '0';
  if (refd === '1' && rules.refunds === 'exclude') return { kind: 'excluded', reason: 'refund', value: '1' };
  // Values outside the documented ones are read as before (refund flag 0; the agency decides) and reported.
  const flag = text(at(v, ix.in_area_flag));
  let odd: OddValue[] | undefined;
  if (refdText !== '0' && refd !== '1') (odd ??= []).push({ column: 'refd_setl_flag', value: refdText ?? '' });
  if (flag !== null && flag !== '0' && flag !== '1') (odd ??= []).push({ column: 'in_area_flag', value: flag });
  const setl_id = text(at(v, ix.setl_id));
  if (!setl_id)
    return problem(
      v,
      rawRow,
      'HIS_NO_SETL_ID',
      `the HIS settlement ${text(at(v, ix.his_setl_no)) ?? '(no number)'} counts as ${status} but has no setl_id, so it cannot be matched with the center`,
    );
  const time = text(at(v, ix.setl_time));
  if (time === null || !isDateTime(time))
    return problem(v, rawRow, 'HIS_BAD_TIME', `setl_time "${time ?? ''}" of settlement ${setl_id} is not a time`);
  const insutype = same(1, text(at(v, ix.insutype)) ?? '');
  const hisClr = same(2, text(at(v, ix.clr_type)) ?? '');
  const clr_type = rules.clrTypeMap[hisClr] ?? hisClr;
  const unknown = unknownCode(v, rawRow, rules, setl_id, insutype, hisClr, clr_type);
  if (unknown) return unknown;
  // medfee_sumamt and fund_pay_sumamt must be there; the others are zero when the HIS has none.
  const medfee = amount(v, ix.medfee_sumamt, true);
  const fundRaw = amount(v, ix.fund_pay_sumamt, true);
  const acct = amount(v, ix.acct_pay, false);
  const cash = amount(v, ix.psn_cash_pay, false);
  const hosp = amount(v, ix.hosp_part_amt, false);
  if (medfee === undefined || fundRaw === undefined || acct === undefined || cash === undefined || hosp === undefined) {
    return badAmount(v, ix, rawRow, setl_id);
  }
  const agency = same(3, text(at(v, ix.setl_optins)) ?? text(at(v, ix.clr_optins)) ?? rules.setl_optins);
  let setl_optins = agency;
  if (outOfArea(flag, agency, rules.setl_optins)) {
    if (rules.outOfArea === 'exclude')
      return odd
        ? { kind: 'excluded', reason: 'out_of_area', value: flag ?? agency, odd }
        : { kind: 'excluded', reason: 'out_of_area', value: flag ?? agency };
    if (rules.outOfArea === 'local_agency') setl_optins = rules.setl_optins;
  }
  const fund =
    rules.hospitalBorne === 'subtract' ? fundRaw - hosp : rules.hospitalBorne === 'add' ? fundRaw + hosp : fundRaw;
  const s: HisSettlement = {
    his_setl_no: text(at(v, ix.his_setl_no)),
    setl_id,
    mdtrt_id: text(at(v, ix.mdtrt_id)) ?? '',
    psn_no: text(at(v, ix.psn_no)) ?? '',
    insutype,
    clr_type,
    setl_optins,
    setl_time: time.length === 19 && time[10] === ' ' ? time : time.replace('T', ' ').slice(0, 19),
    day: same(4, time.slice(0, 10)),
    refd_setl_flag: refd,
    init_setl_id: text(at(v, ix.init_setl_id)),
    msgid: text(at(v, ix.msgid)),
    infno: sameOrNull(5, text(at(v, ix.infno))),
    his_status: status,
    medfee,
    fund,
    acct,
    cash,
  };
  return odd ? { kind: 'counted', s, odd } : { kind: 'counted', s };
}

/** A settlement whose insutype or (mapped) clr_type the center does not know; null when both are known. */
function unknownCode(
  v: readonly unknown[],
  rawRow: (() => Row) | readonly string[],
  rules: ReconcileRules,
  setl_id: string,
  insutype: string,
  hisClr: string,
  clr_type: string,
): HisRowResult | null {
  if (!isInsutype(rules, insutype))
    return problem(
      v,
      rawRow,
      'HIS_UNKNOWN_INSUTYPE',
      `settlement ${setl_id} has insutype "${insutype}", which is neither a national code nor in reconcile.extraInsutypes`,
    );
  if (!isClrType(rules, clr_type))
    return problem(
      v,
      rawRow,
      'HIS_UNKNOWN_CLR_TYPE',
      `settlement ${setl_id} has clr_type "${hisClr}", which is not a clearing type the center knows (map it in reconcile.clrTypeMap or add it to reconcile.extraClrTypes)`,
    );
  return null;
}

/** The problem of a settlement with an amount that is not one (named: each column that fails). */
function badAmount(
  v: readonly unknown[],
  ix: ColumnIndex,
  rawRow: (() => Row) | readonly string[],
  setl_id: string,
): HisRowResult {
  const bad = AMOUNT_COLUMNS.filter((k, i) => amount(v, ix[k], i < 2) === undefined);
  return problem(
    v,
    rawRow,
    'HIS_BAD_AMOUNT',
    `settlement ${setl_id} has ${bad.join(', ')} that is not an amount with at most two decimals`,
  );
}

const AMOUNT_COLUMNS = [...SETTLEMENT_TOTALS, 'hosp_part_amt'] as const;

/**
 * One string for each of the values that repeat on every row (codes, statuses, the day): a day's
 * kept rows live until its 3202 is matched, and a copy of "310" or "settled" per row is bytes the
 * collector copies with them. Bounded, since a HIS may put anything in these columns.
 */
const SHARED = new Map<string, string>();
const SHARED_MAX = 4096;
/** The value of the row before, per place (0 status, 1 insutype, 2 clr_type, 3 agency, 4 day, 5 infno): most rows repeat it, and a comparison is cheaper than the map. */
const LAST = ['', '', '', '', '', ''];
function same(place: number, s: string): string {
  const last = LAST[place]!;
  if (s === last) return last;
  let t = SHARED.get(s);
  if (t === undefined) {
    t = s;
    if (SHARED.size < SHARED_MAX) SHARED.set(s, s);
  }
  LAST[place] = t;
  return t;
}
const sameOrNull = (place: number, s: string | null): string | null => (s === null ? null : same(place, s));

function at(v: readonly unknown[], i: number): unknown {
  return i < 0 ? undefined : v[i];
}

/** An amount in fen; a missing optional one is zero, a missing required one or a non-amount is undefined. */
function amount(v: readonly unknown[], i: number, required: boolean): bigint | undefined {
  const x = at(v, i);
  return x === null || x === undefined ? (required ? undefined : 0n) : parseFen(x);
}

function problem(
  v: readonly unknown[],
  rawRow: (() => Row) | readonly string[],
  code: HisRowProblem['code'],
  message: string,
): HisRowResult {
  return {
    kind: 'problem',
    problem: { code, message, row: typeof rawRow === 'function' ? rawRow() : rowObject(rawRow, v) },
  };
}

/** Is the row an out-of-area (异地) settlement: flagged so, or cleared by another agency? */
function outOfArea(flag: string | null, agency: string, local: string): boolean {
  if (flag === '0') return true;
  if (flag === '1') return false;
  return agency !== local;
}
