/**
 * Steps 1–2 of an upload: the days, an hour at a time, read and checked one step ahead of the
 * step being planned and queued (runPipeline), and every request in one stream over all steps and
 * days (SendQueue: a request waits only for the earlier ones carrying one of its codes, so neither
 * a wave's nor a day's tail holds up the next). The queue's back-pressure bounds what is held:
 * the step being checked, the step being queued, and at most `backlog` requests ahead of the wire.
 */
import type { Center } from '../center/index.js';
import { runPipeline } from '../shared/index.js';
import type { DayEvents } from './dayEvents.js';
import { planWaves, type PlannedBatch } from './planBatches.js';
import { DayScanner, type ScanDay, type ScannedDay } from './scanDays.js';
import { SendQueue } from './sendQueue.js';
import type { TraceChecker } from './traceChecker.js';
import type { RecordWrite, TraceJournal } from './traceJournal.js';
import { sendingRows } from './batchSender.js';
import type { CheckedRecord, Finding, TraceKind } from './types.js';
import type { KindStats, PlanLine, UploadEvent, UploadOptions, UploadResult } from './uploadTypes.js';

/** What the stream needs of its run. */
interface StreamRun {
  readonly o: UploadOptions;
  readonly tj: TraceJournal;
  readonly kinds: ReadonlySet<TraceKind>;
  readonly result: UploadResult;
  readonly plan: Map<string, PlanLine>;
  readonly events: DayEvents;
  readonly now: () => Date;
  stat(c: CheckedRecord): KindStats;
  /** A record to send again met in the HIS (it is still there). */
  seen(key: string): void;
}

/** A step's records sorted into what is sent, held back and skipped. */
interface Sorted {
  due: CheckedRecord[];
  held: CheckedRecord[];
}

type Send = (center: Center, day: string, batch: PlannedBatch) => Promise<void>;

export class UploadStream {
  private readonly queue: SendQueue<{ day: string; batch: PlannedBatch }> | undefined;
  private readonly backlog: number;
  /** The day being read: its totals so far, and how many days are done. */
  private day = { records: 0, due: 0, codes: 0 };
  private index = 0;
  private sendStart: number | undefined;

  constructor(
    private readonly up: StreamRun,
    private readonly days: readonly ScanDay[],
    private readonly checker: TraceChecker,
    center?: Center,
    send?: Send,
  ) {
    const s = up.o.settings;
    // Requests queued ahead of the wire: four rounds of `concurrency`, which covers the read of
    // the next step from the HIS. Every queued record keeps its row, built item and text alive, so
    // a deeper queue only raises the memory held.
    this.backlog = Math.max(4 * s.concurrency, Math.ceil(2000 / Math.max(1, s.batchSize)));
    this.queue =
      center && send
        ? new SendQueue(s.concurrency, async (j) => {
            try {
              await send(center, j.day, j.batch);
            } finally {
              up.events.finished(j.day);
            }
          })
        : undefined;
  }

  async run(): Promise<void> {
    const { o, tj, kinds, result } = this.up;
    const scanner = new DayScanner({
      source: o.source,
      journal: tj,
      checker: this.checker,
      days: this.days,
      kinds,
      historyBefore: `${this.days[0]!.day} 00:00:00`,
    });
    try {
      // Read and check the next step while this one is being sent: its checks depend only on the
      // records before it, which are checked already, and on the journal before the first day.
      await runPipeline(scanner.steps(true), {
        depth: 1,
        ahead: (step) => scanner.scan(step),
        main: (_step, d) => this.take(d),
      });
    } finally {
      // Whatever happened, nothing may still be sending when the run returns (or throws).
      if (this.queue) {
        try {
          await this.queue.drain();
        } finally {
          if (this.sendStart !== undefined) result.timing.sendMs += performance.now() - this.sendStart;
        }
      }
    }
  }

  /** One checked step: counted, planned, its held records written, its requests queued. */
  private async take(d: ScannedDay): Promise<void> {
    // A request failed for good: drain rethrows its error, which ends the pipeline.
    if (this.queue?.broken) await this.queue.drain();
    const { due, held } = this.sort(d);
    const waves = planWaves(due, this.up.o.settings.batchSize, this.up.o.settings);
    for (const w of waves) for (const b of w) this.planned(b);
    const dayDone = d.last ? this.dayDone(d.day) : undefined;
    if (!this.queue) {
      if (dayDone) this.up.events.day(dayDone);
      return;
    }
    // The step's held records, and the write-ahead rows of all its requests, in one commit
    // before any of them is queued: every record is `sending`, with its request's digest, before
    // its request can leave. A run stopped with some still queued sets them back to retry.
    const { tj, o, now } = this.up;
    const writes: RecordWrite[] = held.map((c) => ({
      checked: c,
      status: 'held' as const,
      reason: [...new Set(c.findings.map((f) => f.kind))].join(','),
      message: c.findings[0]!.message,
    }));
    for (const w of waves)
      for (const b of w) if (!this.up.result.stopped) for (const r of sendingRows(b)) writes.push(r);
    await tj.write(writes, o.runId, now());
    const written = !this.up.result.stopped;
    for (const w of waves) {
      for (const b of w) {
        this.sendStart ??= performance.now();
        this.up.events.added(d.day);
        this.queue.add({ day: d.day, batch: written ? { ...b, written } : b }, codesOf(b));
      }
    }
    // Told only now, with every request of the day queued: the day's events end when they have finished.
    if (dayDone) this.up.events.day(dayDone);
    // Back-pressure: at most `backlog` requests ahead of the wire (the next step is being checked
    // meanwhile), so memory stays bounded however long the window.
    await this.queue.room(this.backlog);
  }

  /**
   * Skip what the center accepted already and what it rejected unless the record has changed
   * since (or `force`); hold back what has findings; the rest is due.
   */
  private sort(d: ScannedDay): Sorted {
    const { o, result } = this.up;
    const out: Sorted = { due: [], held: [] };
    for (const c of d.checked) {
      const s = this.up.stat(c);
      const k = d.known.get(c.record.key);
      this.up.seen(c.record.key);
      s.records++;
      s.codes += c.record.codes.length;
      result.records++;
      result.codes += c.record.codes.length;
      this.day.records++;
      if (k?.status === 'accepted') {
        s.already++;
        pushAll(result.findings, c.findings);
      } else if (c.findings.length) {
        s.held++;
        out.held.push(c);
        pushAll(result.findings, c.findings);
      } else if (k?.status === 'rejected' && k.content_digest === c.digest && !o.force) {
        s.waiting++;
        result.rejected.push({
          record_id: c.record.id,
          kind: c.record.kind,
          day: c.record.day,
          status: 'rejected',
          reason: k.row.reason,
          message: k.row.message,
        });
      } else {
        s.due++;
        s.dueCodes += c.codes.length;
        this.day.due++;
        this.day.codes += c.codes.length;
        out.due.push(c);
      }
    }
    return out;
  }

  private planned(b: PlannedBatch): void {
    const p = this.up.plan.get(b.infno) ?? { infno: b.infno, requests: 0, records: 0, codes: 0 };
    p.requests++;
    p.records += b.records.length;
    p.codes += b.codes;
    this.up.plan.set(b.infno, p);
  }

  private dayDone(day: string): UploadEvent & { type: 'day' } {
    this.index++;
    if (this.day.records === 0) this.up.result.emptyDays.push(day);
    const e = { type: 'day' as const, day, index: this.index, days: this.days.length, ...this.day };
    this.day = { records: 0, due: 0, codes: 0 };
    return e;
  }
}

function* codesOf(b: PlannedBatch): Iterable<string> {
  for (const c of b.records) yield* c.codes;
}

function pushAll(to: Finding[], from: readonly Finding[]): void {
  for (const f of from) to.push(f);
}
