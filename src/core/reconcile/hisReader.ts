/**
 * Reading the hospital's settlements of a day through the profile (statement
 * settlements_for_reconcile), each row read by readHisValues as it comes from the database: a
 * month is a million rows and none of them is held here.
 *
 * A server HIS (PostgreSQL, MySQL…) sends a day's rows while they are read. SQLite answers
 * in-process and synchronously: there a day is asked for an hour at a time, and whatever else is
 * waiting (the center's answers) is let in between.
 *
 * Rows that are only summed (`lean`) are asked for the summed columns alone — the identity
 * columns are most of the bytes — and a day where a row cannot be counted is read again in full
 * for its problems, so that each problem carries the whole row. A statement that cannot be a
 * derived table (its first lean read fails before any row) is read whole from then on.
 *
 * PostgreSQL and SQLite sum such rows themselves (hisSums.ts): a day is a few dozen groups, each
 * counted as its rows would be; a day where that cannot be exact is read row by row, and a HIS
 * whose columns never allow it (its first summing query fails, or on PostgreSQL its times are not
 * timestamps) is read row by row from then on. (A day summed by SQLite is one query of a few tens
 * of milliseconds: the rows never cross into JavaScript.)
 */
import type { Db } from '../db/index.js';
import { runStatementEach, type Profile } from '../his/index.js';
import { yieldToIo } from '../shared/index.js';
import { columnIndex, READ, readHisValues, SUMMED_COLUMNS, type ColumnIndex } from './hisRows.js';
import { scopeFilterSql, sumDay, type SummedGroup } from './hisSums.js';
import { addDays } from './period.js';
import type { ReconcileRules } from './rules.js';
import type { HisRowResult } from './types.js';

/** Called with each row's reading, or a group's with the number of rows it counts for. */
type HisRowSink = (res: HisRowResult, rows: number) => void;

export class HisReader {
  private lean = true;
  private leanWorked = false;
  private sums: boolean;
  private sumsWorked = false;
  /** Each summed day's groups: a later read of the day's rows of some scopes asks for their groups' rows only. */
  private readonly summedDays = new Map<string, readonly SummedGroup[]>();

  constructor(
    private readonly db: Db,
    private readonly profile: Profile,
    private readonly rules: ReconcileRules,
  ) {
    this.sums = db.dialect === 'postgres' || db.dialect === 'sqlite';
  }

  /**
   * Every settlement row of `day` (its setl_time in the day), handed to `onRow` as read — with
   * `lean`, rows only summed may come as groups (`rows` > 1, the amounts summed); resolves to the
   * milliseconds spent waiting for and reading the rows. With `scopes` (clr_type|setl_optins), the
   * caller keeps only rows counted in those scopes: on a day the database has summed, only the rows
   * of the groups counted there are read (the 3202 details of a month's unbalanced days).
   */
  async day(day: string, onRow: HisRowSink, o: { lean?: boolean; scopes?: ReadonlySet<string> } = {}): Promise<number> {
    if (!o.lean) {
      const summed = o.scopes && this.summedDays.get(day);
      const outer = summed
        ? scopeFilterSql(summed, o.scopes!, this.db.dialect === 'sqlite' ? 'sqlite' : 'postgres')
        : undefined;
      return this.slices(day, false, (res) => onRow(res, 1), outer);
    }
    let ms = 0;
    if (this.sums) {
      const t0 = performance.now();
      const groups = await this.summed(day);
      ms += performance.now() - t0;
      if (groups) {
        this.summedDays.set(day, groups);
        for (const g of groups) onRow(g.res, g.rows);
        return ms;
      }
    }
    let problems = 0;
    ms += await this.slices(day, true, (res) => {
      if (res.kind === 'problem') problems++;
      else onRow(res, 1);
    });
    if (problems > 0) {
      ms += await this.slices(day, false, (res) => {
        if (res.kind === 'problem') onRow(res, 1);
      });
    }
    return ms;
  }

  /** The day's groups summed by the database, or null when its rows must be read. */
  private async summed(day: string): Promise<SummedGroup[] | null> {
    let got: Awaited<ReturnType<typeof sumDay>>;
    try {
      got = await sumDay(this.db, this.profile, this.rules, {
        from: `${day} 00:00:00`,
        to: `${addDays(day, 1)} 00:00:00`,
      });
    } catch (e) {
      // A HIS whose amounts are text or floats cannot be summed exactly: its first query fails.
      if (this.sumsWorked) throw e;
      this.sums = false;
      return null;
    }
    if (got === 'unsuitable') {
      this.sums = false;
      return null;
    }
    this.sumsWorked = true;
    return got === 'rows' ? null : got;
  }

  private async slices(
    day: string,
    lean: boolean,
    onRow: (res: HisRowResult) => void,
    outer?: (from: string) => string,
  ): Promise<number> {
    let ms = 0;
    let columns: readonly string[] | undefined;
    let ix: ColumnIndex | undefined;
    const each = (values: unknown[], cols: readonly string[]) => {
      if (cols !== columns) {
        columns = cols;
        ix = columnIndex(cols);
      }
      onRow(readHisValues(values, ix!, this.rules, cols));
    };
    for (const binds of sliceBinds(day, this.db.dialect === 'sqlite' ? 1 : 24)) {
      const t0 = performance.now();
      if (lean && this.lean) await this.leanRead(binds, each);
      else
        await runStatementEach(
          this.db,
          this.profile,
          'settlements_for_reconcile',
          binds,
          each,
          outer ? { ...READ, outer } : READ,
        );
      ms += performance.now() - t0;
      await yieldToIo();
    }
    return ms;
  }

  private async leanRead(
    binds: { from: string; to: string },
    each: (values: unknown[], cols: readonly string[]) => void,
  ): Promise<void> {
    let delivered = false;
    try {
      await runStatementEach(
        this.db,
        this.profile,
        'settlements_for_reconcile',
        binds,
        (v, c) => ((delivered = true), each(v, c)),
        { ...READ, only: SUMMED_COLUMNS },
      );
      this.leanWorked = true;
    } catch (e) {
      if (this.leanWorked || delivered) throw e;
      this.lean = false;
      await runStatementEach(this.db, this.profile, 'settlements_for_reconcile', binds, each, READ);
    }
  }
}

/** A day as [from, to) in slices of `hours`. */
function sliceBinds(day: string, hours: number): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (let h = 0; h < 24; h += hours) {
    const to = h + hours >= 24 ? `${addDays(day, 1)} 00:00:00` : `${day} ${String(h + hours).padStart(2, '0')}:00:00`;
    out.push({ from: `${day} ${String(h).padStart(2, '0')}:00:00`, to });
  }
  return out;
}
