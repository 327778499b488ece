/**
 * One request of an upload until it has an outcome. Its records are written `sending` with the
 * request's digest (committed) before it leaves; it leaves through the rate limiter, one request
 * at a time from the rate slot to the wire; transient failures are retried with back-off, a batch
 * rejected without per-record results is sent again one record at a time, and two requests in a
 * row that end without an answer stop the sending (the rest stays due for the next run).
 */
import type { Center, CenterEvent, CenterReply, Output } from '../center/index.js';
import { isHisopsError, type HisopsError } from '../errors.js';
import { backoffDelay } from '../shared/index.js';
import { makeBatch, type PlannedBatch } from './planBatches.js';
import { Gate, RateLimiter } from './rateLimiter.js';
import { failureClass, mayHaveArrived, recordResults, rejectionReason } from './readResults.js';
import type { Outcome, RecordWrite, TraceJournal } from './traceJournal.js';
import type { CheckedRecord, UploadStatus } from './types.js';
import type { KindStats, UploadEvent, UploadOptions, UploadResult } from './uploadTypes.js';

/** What the sender needs of its run: the options, the journal, the counts and where outcomes go. */
interface SenderRun {
  readonly o: UploadOptions;
  readonly tj: TraceJournal;
  readonly result: UploadResult;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  stat(c: CheckedRecord): KindStats;
  note(c: CheckedRecord, status: UploadStatus, reason: string | null, message: string | null): void;
  sent(e: UploadEvent & { type: 'sent' }): void;
}

/** An attempt's end: outcomes to record, or the request is sent again (after a back-off), or split. */
type Attempt = { outcomes: Outcome[] } | { again: true } | { split: true };

export class BatchSender {
  private readonly limiter: RateLimiter;
  private readonly gate = new Gate();
  /** The request holding the gate, told by the center client when it puts the request on the wire. */
  private sending: { infno: string; resolve: () => void } | undefined;
  /** Requests in a row that ended without an answer after all their attempts; any answer resets it. */
  private failStreak = 0;
  /** Answers' outcome writes not yet committed (see settle), and the first of them that failed. */
  private readonly writing = new Set<Promise<void>>();
  private writeFailed: { e: unknown } | undefined;

  constructor(private readonly run: SenderRun) {
    this.limiter = new RateLimiter(run.o.settings.rate, undefined, run.sleep);
  }

  /** The center client's events: a request on the wire frees the gate for the next. */
  readonly onCenterEvent = (e: CenterEvent): void => {
    if (e.type === 'send' && this.sending && e.infno === this.sending.infno) this.sending.resolve();
    this.run.o.centerDeps?.onEvent?.(e);
  };

  /** Send one request until it has an outcome; returns when every record of it has one. */
  async send(center: Center, day: string, batch: PlannedBatch): Promise<void> {
    const { result, tj, o } = this.run;
    // An answer's outcomes could not be written: the journal is failing, send nothing more.
    if (this.writeFailed) throw this.writeFailed.e;
    for (let attempt = 1; ; attempt++) {
      if (attempt === 1 && result.stopped) return this.leave(batch, result.stopped);
      // The step wrote its requests' records `sending` before queueing them (one commit for many
      // requests); a retry, or a record sent alone after a split, is written here.
      if (attempt > 1 || !batch.written) await tj.write(sendingRows(batch), o.runId, this.run.now());
      const { call } = await this.putOnWire(center, batch);
      result.requests.attempts++;
      if (attempt === 1) result.requests.sent++;
      const end = await this.answer(call, batch, attempt);
      if ('again' in end) continue;
      if ('split' in end) {
        for (const c of batch.records) await this.send(center, day, makeBatch([c], false));
        return;
      }
      return this.settle(day, batch, end.outcomes);
    }
  }

  /**
   * The center is down: the rest is left for the next run (nothing of it was sent; records its
   * step wrote `sending` are set back to retry, so the next run sends them as due).
   */
  private async leave(batch: PlannedBatch, why: string): Promise<void> {
    if (batch.written)
      await this.run.tj.outcomes(
        batch.records.map((c) => ({
          record_key: c.record.key,
          status: 'retry' as const,
          reason: 'not_sent',
          message: why,
        })),
        this.run.now(),
      );
    for (const c of batch.records) {
      this.run.stat(c).retry++;
      this.run.note(c, 'retry', 'not_sent', why);
    }
  }

  /**
   * From the rate slot to the wire one request at a time, and the next slot counted from the
   * moment this request actually left: the center sees the requests spaced as the limiter spaces
   * them, not bunched by the client's own write-ahead row waiting for the journal.
   */
  private async putOnWire(center: Center, batch: PlannedBatch): Promise<{ call: Promise<CenterReply<Output>> }> {
    // Without a rate limit there is no spacing to keep: requests leave side by side, and their
    // write-ahead rows in the center client's journal are committed together.
    if (!(this.run.o.settings.rate > 0)) return { call: this.request(center, batch) };
    const leave = await this.gate.enter();
    try {
      await this.limiter.take();
      const onWire = new Promise<void>((resolve) => (this.sending = { infno: batch.infno, resolve }));
      const call = this.request(center, batch);
      await Promise.race([onWire, call.then(noop, noop)]);
      this.limiter.sent();
      // Wrapped: an async function would otherwise wait for the answer itself, holding the gate.
      return { call };
    } finally {
      this.sending = undefined;
      leave();
    }
  }

  private request(center: Center, batch: PlannedBatch): Promise<CenterReply<Output>> {
    // Every item was validated on its own when it was built (a bad one is held back as a
    // finding), so the client need not walk the whole batch again.
    const timeout = this.run.o.settings.timeoutMs ? { timeoutMs: this.run.o.settings.timeoutMs } : {};
    return center.request(batch.infno, batch.input, (out) => out, {
      acceptRejection: true,
      skipValidation: true,
      wireReady: true,
      requestDigest: batch.request_digest,
      ...timeout,
    });
  }

  /** The center's answer (or the failure) as the records' outcomes. */
  private async answer(call: Promise<CenterReply<Output>>, batch: PlannedBatch, attempt: number): Promise<Attempt> {
    const { tj, now } = this.run;
    try {
      const reply = await call;
      const results = recordResults(reply.result, batch.records.length);
      if (!results) {
        // Rejected as a whole with no word on which record: send them one by one to find out.
        this.run.result.requests.split++;
        await tj.outcomes(
          batch.records.map((c) => ({
            record_key: c.record.key,
            status: 'retry' as const,
            reason: 'batch_rejected',
            message: 'the batch was rejected without per-record results; sent again one by one',
            msgid: reply.msgid,
          })),
          now(),
        );
        return { split: true };
      }
      const outcomes = results.map((r, i): Outcome => {
        const record_key = batch.records[i]!.record.key;
        return r.accepted
          ? { record_key, status: 'accepted', reason: null, message: null, msgid: reply.msgid }
          : {
              record_key,
              status: 'rejected',
              reason: rejectionReason(r.message),
              message: r.message,
              msgid: reply.msgid,
            };
      });
      return { outcomes };
    } catch (e) {
      if (!isHisopsError(e)) throw e;
      return this.failed(e, batch, attempt);
    }
  }

  private async failed(e: HisopsError, batch: PlannedBatch, attempt: number): Promise<Attempt> {
    const { o, result } = this.run;
    const cls = failureClass(e);
    if (cls === 'fatal') throw e;
    const msgid = (e.details.msgid as string | undefined) ?? null;
    const message = errorText(e);
    if (cls === 'final')
      return {
        outcomes: batch.records.map((c) => ({
          record_key: c.record.key,
          status: 'rejected' as const,
          reason: e.code === 'CENTER_INPUT_INVALID' ? 'input_invalid' : 'center_refused',
          message,
          msgid,
        })),
      };
    const status: UploadStatus = mayHaveArrived(e) ? 'unknown' : 'retry';
    const list = batch.records.map((c) => ({
      record_key: c.record.key,
      status,
      reason: e.code.toLowerCase(),
      message,
      msgid,
    }));
    await this.run.tj.outcomes(list, this.run.now());
    if (attempt <= o.settings.retries && !result.stopped) {
      const delayMs = backoffDelay(attempt, o.settings.backoffMs, o.settings.maxBackoffMs, this.run.random);
      result.requests.retries++;
      o.onEvent?.({ type: 'retry', infno: batch.infno, attempt, delayMs, code: e.code });
      await this.run.sleep(delayMs);
      return { again: true };
    }
    // Two requests in a row gave up with no answer accepted or rejected in between: the center is
    // down or unreachable, and every further request would only wait through its back-off too.
    // What is left stays due for the next run.
    if (++this.failStreak >= 2 && !result.stopped)
      result.stopped = `${this.failStreak} requests in a row failed ${attempt} time(s) each (last: ${message})`;
    return { outcomes: list };
  }

  /**
   * Every answer's outcomes committed, or the first failure to write one rethrown (unless `quiet`:
   * the run is failing already and that error stands).
   */
  async written(quiet = false): Promise<void> {
    while (this.writing.size) await Promise.all([...this.writing]);
    if (this.writeFailed && !quiet) throw this.writeFailed.e;
  }

  /**
   * Record the outcomes (retry/unknown ones are written already) and count them. The write is not
   * waited for: the center client committed the answer in its write-ahead row before handing it
   * over, so a run killed before this commit finds the records `sending` and takes their outcome
   * from that row (nothing is sent again); meanwhile the next request's write-ahead row shares the
   * commit with these outcomes instead of waiting for one of its own. `written` waits for them all.
   */
  private settle(day: string, batch: PlannedBatch, outcomes: Outcome[]): void {
    if (outcomes.some((x) => x.status === 'accepted' || x.status === 'rejected')) this.failStreak = 0;
    if (outcomes.some((x) => x.status !== 'retry' && x.status !== 'unknown')) {
      const w: Promise<void> = this.run.tj
        .outcomes(outcomes, this.run.now())
        .catch((e: unknown) => void (this.writeFailed ??= { e }))
        .finally(() => this.writing.delete(w));
      this.writing.add(w);
    }
    let accepted = 0;
    let rejected = 0;
    let pending = 0;
    batch.records.forEach((c, i) => {
      const oc = outcomes[i]!;
      const s = this.run.stat(c);
      if (oc.status === 'accepted') {
        accepted++;
        s.accepted++;
        s.acceptedCodes += c.codes.length;
      } else if (oc.status === 'rejected') {
        rejected++;
        s.rejected++;
      } else {
        pending++;
        if (oc.status === 'retry') s.retry++;
        else s.unknown++;
      }
      this.run.note(c, oc.status, oc.reason ?? null, oc.message ?? null);
    });
    this.run.sent({
      type: 'sent',
      day,
      infno: batch.infno,
      records: batch.records.length,
      codes: batch.codes,
      accepted,
      rejected,
      pending,
    });
  }
}

const noop = () => undefined;

/** A request's records as written `sending` before it leaves, with its digest and their places in it. */
export function sendingRows(batch: PlannedBatch): RecordWrite[] {
  return batch.records.map((c, i) => ({
    checked: c,
    status: 'sending' as const,
    infno: batch.infno,
    request_digest: batch.request_digest,
    batch_pos: i,
  }));
}

function errorText(e: HisopsError): string {
  const m = (e.details.err_msg as string | undefined) ?? (e.details.msgRslt as string | undefined);
  return m ? `${e.summary}: ${m}` : e.summary;
}
