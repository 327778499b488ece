/**
 * The HIS rows the center's side reads, taken as the generator makes them: `DayTee` passes every
 * row to the HIS sink and keeps, of a day's his_settlement rows, the columns the center reads, as
 * arrays (a day of a large seed is 33,000 rows; whole rows held for the day doubled the seed's
 * memory). Arrays also cross to the center's writer thread as they are (centerSide.ts).
 */
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import { textOfFen } from '../money.js';
import type { Row, RowSink } from './rowSink.js';

/** The his_settlement columns the center's side reads (settlements_in_period's, as CenterSeeder uses them). */
const CENTER_FIELDS = [
  'his_setl_no',
  'setl_id',
  'init_setl_id',
  'refd_setl_flag',
  'setl_time',
  'msgid',
  'infno',
  'mdtrt_id',
  'psn_no',
  'psn_name',
  'certno',
  'insutype',
  'clr_type',
  'med_type',
  'setl_optins',
  'clr_optins',
  'clr_way',
  'pool_prop_selfpay',
  ...SETTLEMENT_AMOUNTS,
] as const;

/** A day of the center's side: its settlement rows in order, and the rows its center-only anomalies copy. */
export interface CenterDay {
  rows: unknown[][];
  byMsgid: Array<[string, unknown[]]>;
}

/**
 * Passes rows to the sink and keeps, of the day's his_settlement rows, the columns the center's
 * side reads. `take` gives them as settlements_in_period would read them back: the day's rows by
 * setl_time (pending ones have none), in (setl_time, his_setl_no) order; `rowOf` makes one a row
 * with amounts as two-decimal text and no column that statement does not select (acct_used_flag).
 */
export class DayTee implements RowSink {
  private rows: unknown[][] = [];

  constructor(private readonly sink: RowSink) {}

  add(table: string, row: Row): void {
    this.sink.add(table, row);
    if (table === 'his_settlement') this.rows.push(CENTER_FIELDS.map((k) => row[k]));
  }

  take(day: string, msgids: string[]): CenterDay {
    const all = this.rows;
    this.rows = [];
    const wanted = new Set(msgids);
    const byMsgid = new Map<string, unknown[]>();
    const inDay: unknown[][] = [];
    for (const v of all) {
      const t = v[T];
      if (typeof t === 'string' && t.startsWith(day)) inDay.push(v);
      if (wanted.has(v[M] as string)) byMsgid.set(v[M] as string, v);
    }
    inDay.sort((a, b) => cmp(a[T] as string, b[T] as string) || cmp(String(a[H]), String(b[H])));
    return { rows: inDay, byMsgid: [...byMsgid] };
  }
}

const T = CENTER_FIELDS.indexOf('setl_time');
const H = CENTER_FIELDS.indexOf('his_setl_no');
const M = CENTER_FIELDS.indexOf('msgid');

/** A kept row as the center's side reads it. */
export function rowOf(v: unknown[]): Row {
  const out: Row = {};
  CENTER_FIELDS.forEach((k, i) => (out[k] = v[i]));
  for (const k of SETTLEMENT_AMOUNTS) {
    const x = out[k];
    if (typeof x === 'number') out[k] = textOfFen(x);
  }
  return out;
}

/** A day's kept rows one row object at a time (a day's rows as objects, all alive at once, were most of a large seed's memory). */
export function* rowsOf(rows: unknown[][]): Iterable<Row> {
  for (const v of rows) yield rowOf(v);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
