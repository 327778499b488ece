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
 */
import type { Db } from '../db/index.js';
import { runStatementEach, type Profile } from '../his/index.js';
import { columnIndex, readHisValues, SUMMED_COLUMNS, type ColumnIndex } from './hisRows.js';
import { addDays } from './period.js';
import type { ReconcileRules } from './rules.js';
import type { HisRowResult } from './types.js';

export class HisReader {
  private lean = true;
  private leanWorked = false;

  constructor(
    private readonly db: Db,
    private readonly profile: Profile,
    private readonly rules: ReconcileRules,
  ) {}

  /**
   * Every settlement row of `day` (its setl_time in the day), handed to `onRow` as read; resolves
   * to the milliseconds spent waiting for and reading the rows.
   */
  async day(day: string, onRow: (res: HisRowResult) => void, o: { lean?: boolean } = {}): Promise<number> {
    if (!o.lean) return this.slices(day, false, onRow);
    let problems = 0;
    let ms = await this.slices(day, true, (res) => {
      if (res.kind === 'problem') problems++;
      else onRow(res);
    });
    if (problems > 0) {
      ms += await this.slices(day, false, (res) => {
        if (res.kind === 'problem') onRow(res);
      });
    }
    return ms;
  }

  private async slices(day: string, lean: boolean, onRow: (res: HisRowResult) => void): Promise<number> {
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
      else await runStatementEach(this.db, this.profile, 'settlements_for_reconcile', binds, each, { timesAsText: true });
      ms += performance.now() - t0;
      await yieldToIo();
    }
    return ms;
  }

  private async leanRead(binds: { from: string; to: string }, each: (values: unknown[], cols: readonly string[]) => void): Promise<void> {
    let delivered = false;
    try {
      await runStatementEach(this.db, this.profile, 'settlements_for_reconcile', binds, (v, c) => ((delivered = true), each(v, c)), { timesAsText: true, only: SUMMED_COLUMNS });
      this.leanWorked = true;
    } catch (e) {
      if (this.leanWorked || delivered) throw e;
      this.lean = false;
      await runStatementEach(this.db, this.profile, 'settlements_for_reconcile', binds, each, { timesAsText: true });
    }
  }
}

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A day as [from, to) in slices of `hours`. */
function sliceBinds(day: string, hours: number): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (let h = 0; h < 24; h += hours) {
    const to = h + hours >= 24 ? `${addDays(day, 1)} 00:00:00` : `${day} ${String(h + hours).padStart(2, '0')}:00:00`;
    out.push({ from: `${day} ${String(h).padStart(2, '0')}:00:00`, to });
  }
  return out;
}
