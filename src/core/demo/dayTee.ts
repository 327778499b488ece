/**
 * The HIS rows the center's side reads, taken as the generator makes them: `DayTee` passes every
 * row to the HIS sink and hands on, of the his_settlement rows, the columns the center reads, as
 * arrays in chunks (whole rows held for the day doubled the seed's memory, and a day held on the
 * generator's thread grew its heap by a day of a large seed, 33,000 rows). The chunks cross to the
 * center's writer thread as they are, where `DayRows` gathers the day (centerSide.ts).
 */
import { SETTLEMENT_AMOUNTS } from '../his/index.js';
import { textOfFen } from '../money.js';
import type { Row, RowSink } from './rowSink.js';
import type { CenterSeeder } from './seedCenter.js';

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
interface CenterDay {
  rows: unknown[][];
  byMsgid: Map<string, unknown[]>;
}

/**
 * Kept rows handed on in chunks of this many (a day of a large seed is 33,000 rows): a chunk held
 * on the generator's thread outlives young-generation collections, so it is kept short.
 */
const TEE_CHUNK = 250;

/** The kept columns of a his_settlement row, in CENTER_FIELDS order (each property read is a fixed one). */
const pick = new Function('r', `return [${CENTER_FIELDS.map((k) => `r[${JSON.stringify(k)}]`).join(', ')}];`) as (
  row: Row,
) => unknown[];

/**
 * Passes rows to the sink and hands on, of the his_settlement rows, the columns the center's side
 * reads, a chunk at a time: the generator's thread keeps no day of them (the center's side gathers
 * the day, DayRows, on its own thread when it has one).
 */
export class DayTee implements RowSink {
  private rows: unknown[][] = [];

  constructor(
    private readonly sink: RowSink,
    private readonly onRows: (rows: unknown[][]) => void,
  ) {}

  add(table: string, row: Row): void {
    this.sink.add(table, row);
    if (table === 'his_settlement' && this.rows.push(pick(row)) >= TEE_CHUNK) this.flush();
  }

  /** Hand on the rows kept so far (at the end of a day). */
  flush(): void {
    if (!this.rows.length) return;
    this.onRows(this.rows);
    this.rows = [];
  }
}

/**
 * The kept rows of a day, gathered from DayTee's chunks. `take` gives them as settlements_in_period
 * would read them back: the day's rows by setl_time (pending ones have none), in (setl_time,
 * his_setl_no) order; `rowOf` makes one a row with amounts as two-decimal text and no column that
 * statement does not select (acct_used_flag).
 */
export class DayRows {
  private rows: unknown[][] = [];

  push(rows: unknown[][]): void {
    for (const r of rows) this.rows.push(r);
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
    return { rows: inDay, byMsgid };
  }
}

const T = CENTER_FIELDS.indexOf('setl_time');
const H = CENTER_FIELDS.indexOf('his_setl_no');
const M = CENTER_FIELDS.indexOf('msgid');

/**
 * A kept row as the center's side reads it: amounts as two-decimal text. Compiled with the column
 * names written out, so each property is a fixed one (a keyed store per column of a million rows
 * was a tenth of the center thread's time).
 */
const rowOf = new Function(
  'v',
  'textOfFen',
  `return { ${CENTER_FIELDS.map((k, i) => {
    const v = `v[${i}]`;
    const value = (SETTLEMENT_AMOUNTS as readonly string[]).includes(k)
      ? `typeof ${v} === 'number' ? textOfFen(${v}) : ${v}`
      : v;
    return `${JSON.stringify(k)}: ${value}`;
  }).join(', ')} };`,
) as (v: unknown[], toText: typeof textOfFen) => Row;

/** A day's kept rows one row object at a time (a day's rows as objects, all alive at once, were most of a large seed's memory). */
function* rowsOf(rows: unknown[][]): Iterable<Row> {
  for (const v of rows) yield rowOf(v, textOfFen);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Write a day from the rows gathered for it (on whichever thread the CenterSeeder runs). */
export function seedDay(seeder: CenterSeeder, gathered: DayRows, day: string): void {
  const d = gathered.take(day, seeder.msgidsWanted(day));
  const byMsgid = new Map<string, Row>();
  for (const [k, v] of d.byMsgid) byMsgid.set(k, rowOf(v, textOfFen));
  seeder.day(day, rowsOf(d.rows), byMsgid);
}
