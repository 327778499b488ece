/**
 * The rows of the unbalanced periods' scopes, read one period ahead of the details: while one
 * period's detail file is at the center (3202) and its result is matched, the next unbalanced
 * period's rows are read and its detail files written, so that its details start at once.
 *
 * Reads run one at a time, in the order the periods were queued; a period's read starts once the
 * previous one's is done and the details of the period two before it are finished, so at most two
 * periods' rows are held (the one at the center and the next). The rows and files are those the
 * details would make themselves (readPeriod of the period's scopes, prepareScopes), so nothing
 * found changes.
 */
import { prepareScopes, type PreparedScope } from './detailPeriod.js';
import type { Period } from './period.js';
import type { ReconcileRun } from './reconcileRun.js';

/** One queued period: its scopes made ready (null once the run has stopped), and the call that says its details are over. */
export interface DetailTicket {
  prepared: Promise<PreparedScope[] | null>;
  finished: () => void;
}

export class DetailRowsAhead {
  /** The last queued read, settled either way. */
  private last: Promise<void> = Promise.resolve();
  /** Per queued period: resolves when its details are over. */
  private readonly over: Array<{ done: Promise<void>; resolve: () => void }> = [];
  private readonly reads: Array<Promise<void>> = [];
  private stopped = false;

  constructor(private readonly run: ReconcileRun) {}

  queue(period: Period, scopes: readonly string[]): DetailTicket {
    const k = this.over.length;
    let resolve!: () => void;
    const done = new Promise<void>((ok) => (resolve = ok));
    this.over.push({ done, resolve });
    const twoBefore = k >= 2 ? this.over[k - 2]!.done : undefined;
    const rows = Promise.all([this.last, twoBefore]).then(async () =>
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
    return { prepared: rows, finished: resolve };
  }

  /** No read starts from now on; resolves when the ones running are over (before the databases close). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const o of this.over) o.resolve();
    await Promise.all(this.reads);
  }
}
