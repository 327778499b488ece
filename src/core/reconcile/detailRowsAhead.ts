/**
 * The rows of the unbalanced periods' scopes, read one period ahead of the details: while one
 * period's detail file is at the center (3202), the next unbalanced period's rows are read and its
 * detail files written, so that its details start as soon as the one before is classified.
 *
 * Reads run one at a time, in the order the periods were queued; a period's read starts once the
 * previous period's comparison has gone to the center (its files are sent; the center works while
 * this one reads), so at most two periods' rows are held (the one at the center and the next), and
 * the read is mostly over before the answer of the one before is parsed and matched. The rows and files are those the
 * details would make themselves (readPeriod of the period's scopes, prepareScopes), so nothing
 * found changes.
 */
import { prepareScopes, type PreparedScope } from './detailPeriod.js';
import type { Period } from './period.js';
import type { ReconcileRun } from './reconcileRun.js';

/**
 * One queued period: its scopes made ready (null once the run has stopped), and the call that says
 * its comparison has gone to the center (or its details are over), which lets the next read start.
 */
export interface DetailTicket {
  prepared: Promise<PreparedScope[] | null>;
  atCenter: () => void;
}

export class DetailRowsAhead {
  /** The last queued read, settled either way. */
  private last: Promise<void> = Promise.resolve();
  /** Per queued period: resolves when its comparison has gone to the center. */
  private readonly sent: Array<{ done: Promise<void>; resolve: () => void }> = [];
  private readonly reads: Array<Promise<void>> = [];
  private stopped = false;

  constructor(private readonly run: ReconcileRun) {}

  queue(period: Period, scopes: readonly string[]): DetailTicket {
    const before = this.sent.at(-1)?.done;
    let resolve!: () => void;
    const done = new Promise<void>((ok) => (resolve = ok));
    this.sent.push({ done, resolve });
    const rows = Promise.all([this.last, before]).then(async () =>
      this.stopped
        ? null
        : prepareScopes(this.run, period, (await this.run.readPeriod(period, new Set(scopes), false)).rows!, scopes),
    );
    this.last = rows.then(
      () => undefined,
      () => undefined,
    );
    this.reads.push(this.last);
    // A read that fails is the details' error when they run; never an unhandled rejection meanwhile.
    rows.catch(() => undefined);
    return { prepared: rows, atCenter: resolve };
  }

  /** No read starts from now on; resolves when the ones running are over (before the databases close). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const o of this.sent) o.resolve();
    await Promise.all(this.reads);
  }
}
