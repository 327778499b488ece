/**
 * One reconciliation run as a record: what it was asked (deps, options, the resolved periods and
 * rules), and what it has found so far — counts, timings, the groups asked about with their HIS
 * sums, each period's book, the findings and the error that stopped it. The phases (runPeriods.ts,
 * sendTotals.ts, detailPeriod.ts, finishRun.ts) read and fill it; the small helpers every phase
 * uses (progress, timing a center call, reading a period) are its methods.
 */
import { performance } from 'node:perf_hooks';
import { Slots } from '../shared/index.js';
import type { HisopsError } from '../errors.js';
import { GroupBook, scopeKey, type FenTotals, type GroupFilter } from './groups.js';
import { HisValueCensus } from './hisValues.js';
import { HisReader } from './hisReader.js';
import type { Period, PeriodPlan } from './period.js';
import type { DetailMode, ReconcileRules } from './rules.js';
import type { GroupSighting } from './knownGroups.js';
import type { GroupResult } from './summary.js';
import type { Finding, HisRowProblem, HisSettlement } from './types.js';
import type { ReconcileDeps, ReconcileOptions, ReconcileProgress, ReconcileResult } from './runTypes.js';

/** A period as read: its groups' sums, its rows when kept (details), the rows that cannot be counted. */
export interface PeriodRead {
  book: GroupBook;
  rows: HisSettlement[] | null;
  problems: HisRowProblem[];
}

/** Which rows a read keeps: all, none (only summed), or those of some scopes (clr_type|setl_optins). */
type KeepRows = 'all' | 'none' | ReadonlySet<string>;

export class ReconcileRun {
  readonly t0 = performance.now();
  readonly rules: ReconcileRules;
  readonly detail: DetailMode;
  readonly filter: GroupFilter;
  readonly counts: ReconcileResult['counts'] = {
    his_rows: 0,
    counted: 0,
    excluded: { status: 0, refund: 0, out_of_area: 0 },
    problems: 0,
    result_rows: 0,
  };
  readonly census = new HisValueCensus();
  readonly calls: ReconcileResult['calls'] = { '3201': 0, '3202': 0, '5203': 0 };
  readonly timings: ReconcileResult['timings'] = {
    read_ms: 0,
    center_ms: 0,
    center_by: { '3201': 0, '3202': 0, '5203': 0 },
    classify_ms: 0,
    total_ms: 0,
    classify_rows: 0,
  };
  /** Every group asked about (3201), in the order asked. */
  readonly groups: GroupResult[] = [];
  /** The HIS sums each group was asked with. */
  readonly hisTotals = new Map<GroupResult, FenTotals>();
  readonly findings: Finding[] = [];
  /** Rows that cannot be counted, as findings; one that evidence of a center-side finding uses is not reported again. */
  readonly problemFindings: Array<{ p: HisRowProblem; f: Finding }> = [];
  readonly consumedProblems = new Set<HisRowProblem>();
  /** Groups met so far in the run (HIS or known), and those asked about per period. */
  readonly seen = new Set<string>();
  readonly sentPerPeriod: Array<Set<string>>;
  /** Each period's book, once read. */
  readonly books: GroupBook[] = [];
  /** Groups seen (HIS, calls, the center's answers), recorded at the end. */
  readonly sightings: GroupSighting[] = [];
  /** Known groups (reconcile.knownGroupDays) asked about every day. */
  known: string[] = [];
  /** 5203 queries made (bounded by reconcile.queryLimit). */
  queries = 0;
  error: HisopsError | null = null;
  readonly his: HisReader;
  /**
   * The run's 3201 calls in flight (reconcile.concurrency), over every period: a period's totals
   * go out as the period before's last answers come in, in the periods' order.
   */
  readonly asking: Slots;

  constructor(
    readonly deps: ReconcileDeps,
    readonly opts: ReconcileOptions,
    readonly plan: PeriodPlan,
  ) {
    this.rules = opts.rules;
    this.detail = opts.detail ?? opts.rules.detail;
    this.filter = { insutypes: opts.insutypes, clrTypes: opts.clrTypes };
    this.sentPerPeriod = plan.periods.map(() => new Set());
    this.his = new HisReader(deps.db, deps.profile, opts.rules);
    this.asking = new Slots(opts.rules.concurrency);
  }

  progress(phase: ReconcileProgress['phase'], period: Period, done: number, total: number): void {
    this.deps.onProgress?.({
      phase,
      period: period.begndate === period.enddate ? period.begndate : `${period.begndate}…${period.enddate}`,
      done,
      total,
    });
  }

  /** A center call, its time counted in all and per transaction. */
  async centerCall<T>(infno: '3201' | '3202' | '5203', fn: () => Promise<T>): Promise<T> {
    const c0 = performance.now();
    try {
      return await fn();
    } finally {
      const ms = performance.now() - c0;
      this.timings.center_ms += ms;
      this.timings.center_by[infno] += ms;
    }
  }

  /**
   * A period's settlements, day by day; `first` (the period's first read) sums them into its book
   * as they come, counts them and takes the census — a later read (a scope's rows again, for its
   * details) only keeps rows, and its book stays empty. Rows are kept per `keep` (for details); a
   * read that keeps some scopes' rows need not read the others.
   */
  async readPeriod(period: Period, keep: KeepRows, first: boolean, quiet = false): Promise<PeriodRead> {
    const book = new GroupBook();
    const rows: HisSettlement[] | null = keep === 'none' ? null : [];
    const problems: HisRowProblem[] = [];
    const { counts, census } = this;
    for (const [d, day] of period.days.entries()) {
      if (!quiet) this.progress('read', period, d, period.days.length);
      // Each row is counted as it comes and (unless kept) is garbage at once.
      const ms = await this.his.day(
        day,
        (res, n) => {
          if (first) {
            counts.his_rows += n;
            census.add(res, n, period);
          }
          if (res.kind === 'counted') {
            if (first) {
              book.add(res.s, n);
              counts.counted += n;
            }
            // (Kept rows are read one by one: a read that keeps rows is never lean.)
            if (rows && (keep === 'all' || (keep as ReadonlySet<string>).has(scopeKey(res.s)))) rows.push(res.s);
          } else if (res.kind === 'excluded') {
            if (first) counts.excluded[res.reason] += n;
          } else problems.push(res.problem);
        },
        { lean: keep === 'none', scopes: typeof keep === 'string' ? undefined : keep },
      );
      this.timings.read_ms += ms;
    }
    return { book, rows, problems };
  }
}
