/**
 * One `trace upload` run: its counts, timings and findings, and each phase a method (runUpload.ts
 * describes the steps). Step 0 is in settleOpen.ts, steps 1–2 in uploadStream.ts, one request in
 * batchSender.ts.
 */
import { leftOverCalls, leftOverText, resolveLeftOver, withCenter, type LeftOverCall } from '../center/index.js';
import { BatchSender } from './batchSender.js';
import { DayEvents } from './dayEvents.js';
import { daysOf } from './days.js';
import { sortFindings } from './runCheck.js';
import type { ScanDay } from './scanDays.js';
import { longestTimeout, resolveFromCalls, settleLeftOverCalls, type Answered } from './settleOpen.js';
import { TraceChecker } from './traceChecker.js';
import { TraceJournal, type UploadRow } from './traceJournal.js';
import { TRACE_INFNOS, TRACE_KINDS, type CheckedRecord, type TraceKind, type UploadStatus } from './types.js';
import {
  emptyStats,
  type KindStats,
  type PlanLine,
  type RecordNote,
  type UploadEvent,
  type UploadOptions,
  type UploadResult,
} from './uploadTypes.js';
import { UploadStream } from './uploadStream.js';

export class UploadRun {
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly tj: TraceJournal;
  readonly kinds: ReadonlySet<TraceKind>;
  readonly result: UploadResult;
  readonly plan = new Map<string, PlanLine>();
  readonly events: DayEvents;
  private readonly stats = new Map<TraceKind, KindStats>(TRACE_KINDS.map((k) => [k, emptyStats(k)]));
  /**
   * The last word on records that end rejected, to retry or unknown (the report lists them), and
   * on every record to send again (a left-over request's resolution counts them): an accepted
   * record is only counted, so a run holds no note per record it sent.
   */
  private readonly final = new Map<string, RecordNote>();
  /** Records to send again (of the kinds of this run), to tell afterwards which the HIS still holds. */
  private readonly resendKeys = new Map<string, UploadRow>();
  /** Records to send again that the HIS still holds (the scan met them). */
  private readonly seenAgain = new Set<string>();
  /** Days outside the window with records to send again: day → record keys. */
  private readonly extra = new Map<string, Set<string>>();
  private resendCalls: Array<{ call: LeftOverCall; keys: string[] }> = [];
  private readonly t0 = performance.now();

  constructor(readonly o: UploadOptions) {
    this.now = o.now ?? (() => new Date());
    this.sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    this.random = o.random ?? Math.random;
    // A dry run reads the journal and writes nothing to it, tables included.
    this.tj = new TraceJournal(o.journal, o.fixmedins_code, { readOnly: !o.apply });
    this.kinds = new Set(o.kinds);
    this.events = new DayEvents(o.onEvent);
    this.result = {
      runId: o.runId,
      apply: o.apply,
      window: o.window ?? null,
      kinds: [...o.kinds],
      days: [],
      emptyDays: [],
      records: 0,
      codes: 0,
      findings: [],
      byKind: [],
      plan: [],
      rejected: [],
      pending: [],
      resolved: { unresolved: 0, accepted: 0, rejected: 0, resend: 0, otherKinds: 0, notInHis: 0 },
      calls: { leftOver: 0, resolved: [] },
      stopped: null,
      requests: { sent: 0, attempts: 0, retries: 0, split: 0 },
      timing: { startedAt: this.now().toISOString(), durationMs: 0, sendMs: 0 },
    };
  }

  async run(): Promise<UploadResult> {
    await this.settleOpen();
    const days = this.daysToRead();
    this.result.days = days.map((d) => d.day);
    if (days.length === 0) return this.finish();
    const o = this.o;
    const checker = new TraceChecker({
      mapping: await o.source.mapping(),
      prefixes: await o.source.prefixes(),
      defaults: o.settings.defaults,
    });
    if (!o.apply) {
      await new UploadStream(this, days, checker).run();
      return this.finish();
    }
    const sender = new BatchSender(this);
    await withCenter(
      o.center,
      { ...(o.centerDeps ?? {}), journal: o.journal, runId: o.runId, onEvent: sender.onCenterEvent },
      async (center) => {
        let failed = true;
        try {
          await new UploadStream(this, days, checker, center, (c, day, batch) => sender.send(c, day, batch)).run();
          failed = false;
        } finally {
          await sender.written(failed);
        }
      },
    );
    await this.settleGone();
    await this.finishLeftOverCalls();
    return this.finish();
  }

  stat(c: CheckedRecord): KindStats {
    return this.stats.get(c.record.kind)!;
  }

  note(c: CheckedRecord, status: UploadStatus, reason: string | null, message: string | null): void {
    const key = c.record.key;
    if (status === 'accepted' && !this.resendKeys.has(key)) this.final.delete(key);
    else
      this.final.set(key, { record_id: c.record.id, kind: c.record.kind, day: c.record.day, status, reason, message });
  }

  sent(e: UploadEvent & { type: 'sent' }): void {
    this.events.sent(e);
  }

  seen(key: string): void {
    if (this.resendKeys.has(key)) this.seenAgain.add(key);
  }

  /** Step 0: what an earlier run left open. */
  private async settleOpen(): Promise<void> {
    const { o, tj, result, now } = this;
    const unresolved = await tj.unresolved();
    result.resolved.unresolved = unresolved.length;
    // The runs that left records `sending` are over (an upload settles what it finds open at its
    // start): their write-ahead rows still `pending` will never get an outcome from them.
    const deadRuns = new Set(
      unresolved.filter((r) => r.status === 'sending' && r.run_id && r.run_id !== o.runId).map((r) => r.run_id!),
    );
    const leftOver = await leftOverCalls(o.journal, {
      infnos: TRACE_INFNOS,
      fixmedins_code: o.fixmedins_code,
      runId: o.runId,
      now: now(),
      timeoutMs: longestTimeout(o),
      deadRuns,
    });
    result.calls.leftOver = leftOver.length;
    if (!unresolved.length && !leftOver.length) return;
    const settled = o.apply
      ? await resolveFromCalls(o.journal, tj, unresolved, now, result)
      : { still: unresolved, answered: new Map<string, Answered>() };
    if (o.apply)
      this.resendCalls = await settleLeftOverCalls(
        o.journal,
        tj,
        leftOver,
        unresolved,
        settled.answered,
        this.kinds,
        o.runId,
        now,
        result,
      );
    for (const r of settled.still) {
      if (!this.kinds.has(r.kind)) {
        result.resolved.otherKinds++;
        continue;
      }
      result.resolved.resend++;
      this.resendKeys.set(r.record_key, r);
      if (!o.window || r.day < o.window.from || r.day > o.window.to) {
        const set = this.extra.get(r.day) ?? new Set<string>();
        set.add(r.record_key);
        this.extra.set(r.day, set);
      }
    }
    o.onEvent?.({
      type: 'resolve',
      unresolved: unresolved.length,
      accepted: result.resolved.accepted,
      rejected: result.resolved.rejected,
      resend: result.resolved.resend,
    });
  }

  /** The days to read: the window in full, plus days with only some records wanted. */
  private daysToRead(): ScanDay[] {
    const o = this.o;
    const dayMap = new Map<string, ScanDay>();
    for (const day of o.window ? daysOf(o.window) : []) dayMap.set(day, { day });
    for (const [day, keys] of [...(o.targets ?? new Map<string, ReadonlySet<string>>()), ...this.extra]) {
      const d = dayMap.get(day);
      if (d && !d.only) continue;
      const only = new Set<string>(d?.only ?? []);
      for (const k of keys) only.add(k);
      dayMap.set(day, { day, only });
    }
    return [...dayMap.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  /**
   * Records to send again that the HIS no longer holds (deleted, or their key changed): nothing
   * can be sent, and no transaction of the interface tells whether the center holds a record
   * (3508 answers stock levels, not uploads). They stay `unknown`, with the reason, and are shown.
   */
  private async settleGone(): Promise<void> {
    const gone = [...this.resendKeys.values()].filter((r) => !this.seenAgain.has(r.record_key));
    if (!gone.length) return;
    const message =
      'the record is no longer in the HIS (deleted, or its key changed) and no answer was recorded for its last request: the center may or may not hold it, and the interface has no query of uploaded records. Restore the record in the HIS and run trace upload again (the center answers a record it holds as before), or ask the center';
    await this.tj.outcomes(
      gone.map((r) => ({ record_key: r.record_key, status: 'unknown' as const, reason: 'not_in_his', message })),
      this.now(),
    );
    this.result.resolved.notInHis = gone.length;
    for (const r of gone)
      this.final.set(r.record_key, {
        record_id: r.record_id,
        kind: r.kind,
        day: r.day,
        status: 'unknown',
        reason: 'not_in_his',
        message,
      });
  }

  /** The left-over 35xx rows whose records this run sent again: their resolution, with the outcome. */
  private async finishLeftOverCalls(): Promise<void> {
    for (const { call, keys } of this.resendCalls) {
      const tally = new Map<string, number>();
      for (const k of keys) {
        const st = this.final.get(k)?.status ?? (this.seenAgain.has(k) ? 'held' : 'unknown');
        tally.set(st, (tally.get(st) ?? 0) + 1);
      }
      const parts = ['accepted', 'rejected', 'held', 'retry', 'unknown']
        .filter((st) => tally.get(st))
        .map(
          (st) =>
            `${tally.get(st)} ${st === 'retry' || st === 'unknown' ? `${st} (sent again by the next upload)` : st}`,
        );
      const text = `${leftOverText(call)}; its ${keys.length} record(s) were sent again by run ${this.o.runId}: ${parts.join(', ')}`;
      await resolveLeftOver(this.o.journal, call, text, this.now());
      const shown = this.result.calls.resolved.find((x) => x.msgid === call.msgid);
      if (shown) Object.assign(shown, { resolution: text, done: true });
    }
  }

  private finish(): UploadResult {
    const result = this.result;
    result.byKind = [...this.stats.values()].filter(
      (s) => this.kinds.has(s.kind) && (s.records > 0 || s.kind !== 'stock-count'),
    );
    result.plan = [...this.plan.values()].sort((a, b) => a.infno.localeCompare(b.infno));
    for (const n of this.final.values()) {
      if (n.status === 'rejected') result.rejected.push(n);
      else if (n.status === 'retry' || n.status === 'unknown') result.pending.push(n);
    }
    sortFindings(result.findings);
    result.timing.durationMs = Math.round(performance.now() - this.t0);
    result.timing.sendMs = Math.round(result.timing.sendMs);
    return result;
  }
}
