/**
 * The periods of a run, in three overlapping stages (runPipeline), so that the HIS and the center
 * work at the same time instead of in turn: periods are read (and summed) up to READ_AHEAD ahead
 * of the one whose 3201 totals are being asked; a period's totals go out while the period
 * before's last answers are awaited (the run's 3201 slots are shared, taken in the periods'
 * order); and the 3202 details of unbalanced periods run behind, AT_CENTER periods at the center
 * at once, while later periods are read and totalled (the totals never wait for the details). A
 * run of several periods keeps only each period's sums; the rows of a scope that needs details
 * are read again then. While periods are at the center, the next PREPARED_AHEAD unbalanced
 * periods' rows are read and their files made, and the periods compared are classified one after
 * another in order (their evidence gathered, so the findings keep their order): the center is not
 * left waiting for either. A failure anywhere stops the run at the next step; nothing still
 * running outlives it.
 *
 * Then the late-groups pass: groups first met on a later day are asked about for the earlier days
 * too (the center may hold settlements there the HIS does not).
 */
import { runPipeline, Slots } from '../shared/index.js';
import { problemFinding } from './classify.js';
import type { PreparedScope } from './detailCompare.js';
import { classifyDetails, compareDetails, detailPeriod, prepareDetails, type ComparedScope } from './detailPeriod.js';
import { groupAllowed, groupOfKey, groupsToSend } from './groups.js';
import type { Period } from './period.js';
import type { PeriodRead, ReconcileRun } from './reconcileRun.js';
import { detailScopesFor, sendTotals } from './sendTotals.js';
import type { GroupResult } from './summary.js';

/** Periods read ahead of the one being totalled (each keeps only its sums). */
const READ_AHEAD = 5;
/**
 * Unbalanced periods whose rows are read while another is at the center: each holds a day's rows
 * of its scopes (tens of megabytes for a large hospital), and two keep the center busy once the
 * month's first reads are over, when the details are all that is left.
 */
const PREPARED_AHEAD = 2;
/**
 * Unbalanced periods at the center at once (9101 → 3202 → 9102, then matched). One period's round
 * trip is mostly waiting for the center's comparison; while it waits, the next period's goes out,
 * so the periods left when the totals end (the run's tail) take half the time. At most the run's
 * concurrency; classification stays one period at a time, in order.
 */
const AT_CENTER = 2;

export async function reconcilePeriods(run: ReconcileRun): Promise<void> {
  const periods = run.plan.periods;
  // A one-day run keeps its rows for the details; a longer one reads a scope's rows again.
  const keepRows = periods.length === 1 && periods[0]!.days.length === 1 && run.detail !== 'never';
  const flow = new PeriodFlow(run);
  try {
    await runPipeline(periods, {
      depth: READ_AHEAD,
      ahead: (period, pi) => run.readPeriod(period, keepRows ? 'all' : 'none', true, pi > 0),
      main: (period, read, pi) => flow.totals(period, read, pi),
      behind: (period, read, { decision }) => flow.details(period, read, decision),
    });
    await flow.classifying;
  } finally {
    // A read started ahead for a period the run stopped before is over when the run is.
    await flow.settled();
  }
}

/** What the stages of a run share: the queue of unbalanced periods, the center's turns, the chains kept in order. */
class PeriodFlow {
  /**
   * Unbalanced periods waiting for their turn at the center, in order. While periods are at the
   * center, the first PREPARED_AHEAD of them are read and their files made.
   */
  private readonly waiting: DetailJob[] = [];
  /** Turns at the center: AT_CENTER periods at once (at most the run's concurrency), in order. */
  private readonly center: Slots;
  /** Reads, preparations and comparisons under way (each leaves the set when it ends). */
  private readonly running = new Set<Promise<unknown>>();
  /** Each period's totals answered and its details decided, one after another in the periods' order. */
  private decided: Promise<unknown> = Promise.resolve();
  /** The compared periods' classification, one after another in the periods' order. */
  classifying: Promise<void> = Promise.resolve();
  private failure: { e: unknown } | undefined;

  constructor(private readonly run: ReconcileRun) {
    this.center = new Slots(Math.min(AT_CENTER, run.rules.concurrency));
  }

  /**
   * A period's totals sent: its calls take the run's slots after the period before's, whose
   * answers are awaited next, so that the calls of the two fill the slots.
   */
  async totals(period: Period, read: PeriodRead, pi: number): Promise<{ decision: Promise<Decided> }> {
    this.stopIfFailed();
    const totals = totalsOfPeriod(this.run, pi, period, read);
    track(totals, this.running);
    const before = this.decided;
    const decision = before.then(() => this.decide(period, read, totals));
    this.decided = decision;
    track(decision, this.running);
    decision.catch(this.fail);
    await before;
    return { decision };
  }

  /** A period's details, once its totals are decided, at its turn at the center. */
  async details(period: Period, read: PeriodRead, decision: Promise<Decided>): Promise<void> {
    const d = await decision;
    if (!d) return;
    this.stopIfFailed();
    const compared = this.center.run(async (): Promise<ComparedScope[]> => {
      // Turns are taken in the periods' order: this one's job is the first waiting.
      this.waiting.shift();
      try {
        const prepared = await d.job.prepare();
        this.prepareAhead();
        return await compareDetails(this.run, period, prepared);
      } finally {
        read.rows = null;
      }
    });
    track(compared, this.running);
    // Classified after the period before, while the next periods are at the center.
    this.classifying = this.classifying.then(async () =>
      classifyDetails(this.run, period, d.results, read, await compared),
    );
    this.classifying.catch(this.fail);
  }

  /** Everything started is over (whatever its outcome). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running, this.decided, this.classifying]);
  }

  /** A period's answered totals: balanced, or its details' job queued (in the periods' order). */
  private async decide(period: Period, read: PeriodRead, totals: Promise<GroupResult[]>): Promise<Decided> {
    const results = await totals;
    const scopes = detailScopesFor(this.run, results, read.book);
    if (scopes.length === 0) {
      await detailPeriod(this.run, period, results, read, scopes);
      read.rows = null;
      return undefined;
    }
    const job = detailJob(this.run, period, read, scopes, this.running);
    this.waiting.push(job);
    // Made now when periods are at the center; else its turn is now, and the same happens there.
    this.prepareAhead();
    return { results, job };
  }

  private prepareAhead(): void {
    for (const job of this.waiting.slice(0, PREPARED_AHEAD)) job.prepare();
  }

  /** The first failure stops the run at its next step, and no period takes a turn at the center after it. */
  private readonly fail = (e: unknown): void => {
    this.failure ??= { e };
    this.center.stop(e);
  };

  private stopIfFailed(): void {
    if (this.failure) throw this.failure.e;
  }
}

/** A period's totals answered: nothing more to do (balanced), or its details to fetch. */
type Decided = { results: GroupResult[]; job: DetailJob } | undefined;

/** A period's details made once, when first asked for (a failure is seen by the one who waits). */
interface DetailJob {
  prepare(): Promise<PreparedScope[]>;
}

function detailJob(
  run: ReconcileRun,
  period: Period,
  read: PeriodRead,
  scopes: readonly string[],
  running: Set<Promise<unknown>>,
): DetailJob {
  let p: Promise<PreparedScope[]> | undefined;
  return {
    prepare: () => {
      if (!p) {
        p = prepareDetails(run, period, read, scopes);
        track(p, running);
      }
      return p;
    },
  };
}

/**
 * `p` held in `running` until it settles, so that the run outlives it; awaited by its own period's
 * turn, so a run stopped before that must not leave it unhandled.
 */
function track(p: Promise<unknown>, running: Set<Promise<unknown>>): void {
  const ended = p.then(
    () => undefined,
    () => undefined,
  );
  running.add(ended);
  void ended.then(() => running.delete(ended));
}

/** A period read: its book and problems recorded, its groups asked about (3201). */
async function totalsOfPeriod(run: ReconcileRun, pi: number, period: Period, read: PeriodRead): Promise<GroupResult[]> {
  run.books[pi] = read.book;
  for (const p of read.problems) {
    run.counts.problems++;
    run.problemFindings.push({
      p,
      f: problemFinding(p, {
        begndate: period.begndate,
        enddate: period.enddate,
        clr_type: String(p.row.clr_type ?? ''),
        setl_optins: String(p.row.setl_optins ?? ''),
      }),
    });
  }
  const asks = groupsToSend(read.book, run.seen, run.rules, run.filter, run.known);
  for (const k of read.book.keys()) run.seen.add(k);
  return sendTotals(run, pi, period, asks, read.book);
}

/** Groups first met on a later day, asked about for the earlier days too (with their details). */
export async function askLateGroups(run: ReconcileRun): Promise<void> {
  for (const [pi, period] of run.plan.periods.entries()) {
    const missing = [...run.seen]
      .filter((k) => !run.sentPerPeriod[pi]!.has(k) && groupAllowed(groupOfKey(k), run.filter))
      .sort();
    if (missing.length === 0) continue;
    const book = run.books[pi]!;
    const results = await sendTotals(
      run,
      pi,
      period,
      missing.map((key) => ({ key, because: ['run' as const] })),
      book,
    );
    const scopes = detailScopesFor(run, results, book);
    if (scopes.length) await detailPeriod(run, period, results, { book, rows: null, problems: [] }, scopes);
  }
}
