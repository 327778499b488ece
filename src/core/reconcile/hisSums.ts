/**
 * A day of settlements summed by the database (PostgreSQL, SQLite), for the rows a reconciliation
 * only sums: the profile's statement becomes a derived table grouped by every column the row rules
 * read (status, refund flag, insurance and clearing type, agencies, out-of-area flag, whether
 * setl_id is null), so that a day of a large hospital comes back as a few dozen sums instead of
 * forty thousand rows. Each group is then read by the same rules as a row (readHisValues), its
 * amounts being the group's sums — the rules are linear in the amounts — and counts as many
 * settlements as it has rows.
 *
 * The result must be exactly what reading the rows one by one gives, so a group is taken only
 * when every one of its rows would be read the same way; otherwise the day is read row by row:
 * - setl_id: null in the whole group, or every value starting with a visible ASCII character
 *   (then it is a setl_id after trimming, as readHisValues trims);
 * - setl_time: on PostgreSQL a timestamp column (every value printed alike) whose earliest and
 *   latest values read as times; on SQLite (times are text) every value of the group is text
 *   that starts like a time (GLOB, the pattern readHisValues tests);
 * - amounts: on PostgreSQL numbers (an integer or numeric column; a float or text column makes the
 *   query fail, and the run reads rows) with at most two decimals, summed exactly as numeric — a
 *   numeric sum keeps the largest scale of the values summed (12.3000 + 1.00 is 13.3000), so the
 *   decimals the sum is printed with tell, without a function called on every row; on SQLite
 *   integers, or reals that are the double nearest a two-decimal amount (the test parseFen makes:
 *   round(x × 100) / 100 gives x back), summed as integers of fen; and medfee_sumamt and
 *   fund_pay_sumamt in every row;
 * - and no group the rules would report as a problem (those need the row itself as evidence).
 * A group excluded by its status or refund flag needs none of this: the rules decide those first.
 * Grouping compares values as the database does (on SQLite with the binary collation); hisops
 * reads each group's value as it reads a row.
 */
import type { Db } from '../db/index.js';
import { runStatementEach, SETTLEMENT_TOTALS, type Binds, type Profile } from '../his/index.js';
import { fenText } from './fen.js';
import { columnIndex, isHisTime, READ, readHisValues, type ReconcileColumn } from './hisRows.js';
import type { ReconcileRules } from './rules.js';
import type { HisRowResult } from './types.js';

/** The grouped columns, in the order of the query and of the row a group is read as. */
const GROUPED = [
  'his_status',
  'refd_setl_flag',
  'insutype',
  'clr_type',
  'setl_optins',
  'clr_optins',
  'in_area_flag',
] as const satisfies readonly ReconcileColumn[];
const AMOUNTS = [...SETTLEMENT_TOTALS, 'hosp_part_amt'] as const satisfies readonly ReconcileColumn[];
/** Amounts a counted row must have (readHisValues); a null among the others is zero. */
const REQUIRED = ['medfee_sumamt', 'fund_pay_sumamt'] as const satisfies readonly ReconcileColumn[];

/** A group read as one row: the grouped values, a setl_id (or null), a time, the sums. */
const AS_ROW: readonly ReconcileColumn[] = [...GROUPED, 'setl_id', 'setl_time', ...AMOUNTS];
const AS_ROW_INDEX = columnIndex(AS_ROW);
const ANY_SETL_ID = '(summed)';

/** Time types whose values all print in one form (PostgreSQL's pg_typeof names). */
const TIME_TYPES = new Set(['timestamp without time zone', 'timestamp with time zone']);

/** The grouping query around the statement (`from` is the statement as a derived table). */
function sumsSql(from: string): string {
  const g = GROUPED.join(', ');
  return [
    `SELECT ${g}, setl_id IS NULL AS no_setl_id, COUNT(*) AS n,`,
    '  MIN(ascii(setl_id)) AS id_first_min, MAX(ascii(setl_id)) AS id_first_max,',
    '  MIN(setl_time) AS time_min, MAX(setl_time) AS time_max, CAST(pg_typeof(MIN(setl_time)) AS text) AS time_type,',
    `  ${AMOUNTS.map((a) => `SUM(${a}) AS ${a}`).join(', ')},`,
    `  ${REQUIRED.map((a) => `COUNT(${a}) AS ${a}_n`).join(', ')}`,
    `FROM ${from}`,
    `GROUP BY ${g}, setl_id IS NULL`,
  ].join('\n');
}

/** Would readHisValues read a text value as a time (its DATETIME pattern, as a GLOB)? */
const TIME_GLOB = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9][ T][0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'";

/**
 * The grouping on SQLite. SQLite groups by sorting every row, and each row costs by the values
 * and expressions it carries, so the checks are folded into few aggregates:
 * - amounts come as sums of fen, `round(a × 100)` summed (integral doubles: exact below 2^53);
 *   `exact` is 0 when some value of the group is not an amount parseFen reads to that same fen:
 *   beyond 10^12 yuan, a third decimal, text that is not its own number's text ('12.30' becomes
 *   12.3 and no longer equals it: read row by row), a blob — a null leaves it 1 or null;
 * - setl_id: its least and greatest values by bytes, whose first characters bound every value's
 *   (a number sorts before any text, a blob after: neither is text, and the day is read by rows);
 * - setl_time: `times_ok` is 0 when some value does not start like a time, and a null is counted.
 */
function sumsSqlSqlite(from: string): string {
  const exact = (a: string) => `abs(${a}) < 1e12 AND round(${a} * 100) / 100.0 = ${a}`;
  return [
    `SELECT ${GROUPED.join(', ')}, setl_id IS NULL AS no_setl_id, COUNT(*) AS n,`,
    '  MIN(setl_id COLLATE BINARY) AS id_min, MAX(setl_id COLLATE BINARY) AS id_max,',
    `  MIN(setl_time) AS time_min, MIN(setl_time GLOB ${TIME_GLOB}) AS times_ok, COUNT(setl_time) AS time_n,`,
    `  ${AMOUNTS.map((a) => `SUM(round(${a} * 100)) AS ${a}`).join(', ')},`,
    `  MIN(${AMOUNTS.map(exact).join(' AND ')}) AS exact,`,
    `  ${REQUIRED.map((a) => `COUNT(${a}) AS ${a}_n`).join(', ')}`,
    `FROM ${from}`,
    `GROUP BY ${GROUPED.map((c) => `${c} COLLATE BINARY`).join(', ')}, setl_id IS NULL`,
  ].join('\n');
}

/** A sum of fen from SQLite as the amount text readHisValues reads (undefined: not an exact integer). */
function fenSum(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return fenText(v);
  return typeof v === 'number' && Number.isSafeInteger(v) ? fenText(BigInt(v)) : undefined;
}

/** The decimals a numeric sum is printed with, its scale (0 for null, an integer, a bigint). */
function decimalsOf(v: unknown): number {
  if (typeof v !== 'string') return 0;
  const dot = v.indexOf('.');
  return dot < 0 ? 0 : v.length - dot - 1;
}

/** The first character's code of a least or greatest setl_id (0: not text, or empty). */
const firstCode = (v: unknown): number => (typeof v === 'string' && v.length > 0 ? v.charCodeAt(0) : 0);

/** Each group's reading and how many settlements it counts for. */
export interface SummedGroup {
  res: Exclude<HisRowResult, { kind: 'problem' }>;
  rows: number;
  /** The grouped columns' values as the database gave them (GROUPED order). */
  values: readonly unknown[];
}

/** A value as an SQL literal (undefined: one that cannot be written as one, such as bytes). */
function literal(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * A day's rows narrowed to those of the groups whose rows count in one of `scopes`
 * (clr_type|setl_optins as read by the rules): an `outer` for runStatementEach, or undefined when
 * some value cannot be written in SQL (then read the whole day). Taken from the day's summed
 * groups, which held every row of the day: a row of another group is one the rules exclude or
 * count in another scope. Null-safe (SQLite IS, PostgreSQL IS NOT DISTINCT FROM) under the
 * columns' own comparison, the one the grouping used (on SQLite never stricter than its binary
 * grouping), so no row of these groups is left out.
 */
export function scopeFilterSql(
  groups: readonly SummedGroup[],
  scopes: ReadonlySet<string>,
  dialect: 'sqlite' | 'postgres',
): ((from: string) => string) | undefined {
  const is = dialect === 'sqlite' ? 'IS' : 'IS NOT DISTINCT FROM';
  const terms: string[] = [];
  for (const g of groups) {
    if (g.res.kind !== 'counted' || !scopes.has(`${g.res.s.clr_type}|${g.res.s.setl_optins}`)) continue;
    const eq: string[] = [];
    for (const [i, c] of GROUPED.entries()) {
      const l = literal(g.values[i]);
      if (l === undefined) return undefined;
      eq.push(`${c} ${is} ${l}`);
    }
    terms.push(`(${eq.join(' AND ')})`);
  }
  const where = terms.length ? terms.join(' OR ') : '1 = 0';
  return (from) => `SELECT * FROM ${from} WHERE ${where}`;
}

/**
 * The day's groups (statement settlements_for_reconcile over `binds`); `rows` when some group
 * cannot be taken (the day must be read row by row), `unsuitable` when the columns' types never
 * allow it (read rows from now on). A failing query rejects (e.g. amounts held as text).
 */
export async function sumDay(
  db: Db,
  profile: Profile,
  rules: ReconcileRules,
  binds: Binds,
): Promise<SummedGroup[] | 'rows' | 'unsuitable'> {
  if (db.dialect === 'sqlite') return sumDaySqlite(db, profile, rules, binds);
  const found: unknown[][] = [];
  await runStatementEach(db, profile, 'settlements_for_reconcile', binds, (v) => void found.push(v), {
    ...READ,
    outer: sumsSql,
  });
  const out: SummedGroup[] = [];
  const k = GROUPED.length;
  for (const v of found) {
    const noSetlId = v[k] === true;
    const rows = Number(v[k + 1]);
    const [idMin, idMax, tMin, tMax, tType] = v.slice(k + 2, k + 7) as [
      number | null,
      number | null,
      unknown,
      unknown,
      string,
    ];
    const sums = v.slice(k + 7, k + 7 + AMOUNTS.length);
    const present = v.slice(k + 7 + AMOUNTS.length).map(Number);
    if (!TIME_TYPES.has(tType)) return 'unsuitable';
    const res = readHisValues(
      [...v.slice(0, k), noSetlId ? null : ANY_SETL_ID, tMin, ...sums],
      AS_ROW_INDEX,
      rules,
      AS_ROW,
    );
    // Excluded by status or refund flag: decided by grouped values alone, before anything else is read.
    if (res.kind === 'excluded' && res.reason !== 'out_of_area') {
      out.push({ res, rows, values: v.slice(0, k) });
      continue;
    }
    if (res.kind === 'problem') return 'rows';
    if (!noSetlId && (idMin === null || idMin < 33 || idMax === null || idMax > 126)) return 'rows';
    // (The earliest time is the group's own row's: readHisValues has read it above.)
    if (!isHisTime(tMax)) return 'rows';
    if (sums.some((x) => decimalsOf(x) > 2) || present.some((n) => n < rows)) return 'rows';
    out.push({ res, rows, values: v.slice(0, k) });
  }
  return out;
}

/** sumDay on SQLite (sumsSqlSqlite): the same decisions, from its columns. */
async function sumDaySqlite(
  db: Db,
  profile: Profile,
  rules: ReconcileRules,
  binds: Binds,
): Promise<SummedGroup[] | 'rows'> {
  const found: unknown[][] = [];
  // On a thread of its own: the day's grouping is most of a large month's reading, and meanwhile
  // this thread talks to the center and writes the detail files.
  await runStatementEach(db, profile, 'settlements_for_reconcile', binds, (v) => void found.push(v), {
    timesAsText: true,
    outer: sumsSqlSqlite,
    onThread: true,
  });
  const out: SummedGroup[] = [];
  const k = GROUPED.length;
  for (const v of found) {
    const noSetlId = v[k] === 1 || v[k] === 1n;
    const rows = Number(v[k + 1]);
    const [idMin, idMax, tMin, timesOk, timeN] = v.slice(k + 2, k + 7);
    const sums = v.slice(k + 7, k + 7 + AMOUNTS.length).map(fenSum);
    const [exact, ...present] = v.slice(k + 7 + AMOUNTS.length).map((x) => (x === null ? null : Number(x)));
    if (sums.includes(undefined)) return 'rows';
    const res = readHisValues(
      [...v.slice(0, k), noSetlId ? null : ANY_SETL_ID, tMin, ...sums],
      AS_ROW_INDEX,
      rules,
      AS_ROW,
    );
    if (res.kind === 'excluded' && res.reason !== 'out_of_area') {
      out.push({ res, rows, values: v.slice(0, k) });
      continue;
    }
    if (res.kind === 'problem') return 'rows';
    if (!noSetlId && (firstCode(idMin) < 33 || firstCode(idMax) > 126)) return 'rows';
    if (Number(timesOk) !== 1 || Number(timeN) < rows) return 'rows';
    if (exact === 0 || present.some((n) => n === null || n < rows)) return 'rows';
    out.push({ res, rows, values: v.slice(0, k) });
  }
  return out;
}
