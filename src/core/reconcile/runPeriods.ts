/**
 * The periods of a run, in three overlapping stages (runPipeline), so that the HIS and the center
 * work at the same time instead of in turn: periods are read (and summed) up to READ_AHEAD ahead
 * of the one whose 3201 totals are being asked, and the 3202 details of unbalanced periods run
 * behind, one period at a time in order, while later periods are read and totalled (the totals
 * never wait for the details). A run of several periods keeps only each period's sums; the rows
 * of a scope that needs details are read again then. While a period's details are at the center,
 * the next PREPARED_AHEAD unbalanced periods' rows are read and their files made, and the period
 * before is classified (its evidence gathered, in order, so the findings keep their order): the
 * center is not left waiting for either. A failure anywhere stops the run at the next step;
 * nothing still running outlives it.
 *
 * Then the late-groups pass: groups first met on a later day are asked about for the earlier days
 * too (the center may hold settlements there the HIS does not).
 */
import { runPipeline } from '../shared/index.js';
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

export async function reconcilePeriods(run: ReconcileRun): Promise<void> {
  const periods = run.plan.periods;
  // A one-day run keeps its rows for the details; a longer one reads a scope's rows again.
  const keepRows = periods.length === 1 && periods[0]!.days.length === 1 && run.detail !== 'never';
  // Unbalanced periods waiting for their turn at the center, in order. While one period is at the
  // center, the first PREPARED_AHEAD of them are read and their files made.
  const waiting: DetailJob[] = [];
  let atCenter = false;
  const prepareAhead = () => {
    for (const job of waiting.slice(0, PREPARED_AHEAD)) job.prepare();
  };
  // Preparations under way (each leaves the set when it ends: a finished one's rows are not held here).
  const running = new Set<Promise<unknown>>();
  // The compared periods' classification, one after another in the periods' order.
  let classifying: Promise<void> = Promise.resolve();
  let classifyFailure: { e: unknown } | undefined;
  const stopIfFailed = () => {
    if (classifyFailure) throw classifyFailure.e;
  };
  try {
    await runPipeline(periods, {
      depth: READ_AHEAD,
      ahead: (period, pi) => run.readPeriod(period, keepRows ? 'all' : 'none', true, pi > 0),
      main: async (period, read, pi) => {
        stopIfFailed();
        const results = await totalsOfPeriod(run, pi, period, read);
        const scopes = detailScopesFor(run, results, read.book);
        if (scopes.length > 0) {
          const job = detailJob(run, period, read, scopes, running);
          waiting.push(job);
          if (atCenter) prepareAhead();
          return { results, job };
        }
        await detailPeriod(run, period, results, read, scopes);
        read.rows = null;
        return undefined;
      },
      behind: async (period, read, { results, job }) => {
        stopIfFailed();
        let compared: ComparedScope[];
        try {
          const prepared = await job.prepare();
          waiting.shift();
          atCenter = true;
          prepareAhead();
          compared = await compareDetails(run, period, prepared);
        } finally {
          atCenter = false;
          read.rows = null;
        }
        // Classified after the period before, while the next period is at the center.
        classifying = classifying.then(() => classifyDetails(run, period, results, read, compared));
        classifying.catch((e: unknown) => void (classifyFailure ??= { e }));
      },
    });
    await classifying;
  } finally {
    // A read started ahead for a period the run stopped before is over when the run is.
    await Promise.allSettled([...running, classifying]);
  }
}

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
        // Awaited by the period's own turn; a run stopped before it must not leave it unhandled.
        const ended = p.then(
          () => undefined,
          () => undefined,
        );
        running.add(ended);
        void ended.then(() => running.delete(ended));
      }
      return p;
    },
  };
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
