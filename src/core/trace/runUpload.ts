/**
 * `trace upload`: send every due record to the center, safely.
 *
 *   0. Records an earlier run left without an outcome (killed, or the center never answered) are
 *      settled first: the center client's write-ahead row for their request (same request digest)
 *      says whether the center answered; if it did, its answer is taken. What is still uncertain
 *      is sent again, unchanged — the center identifies a 35xx record by its own keys (document
 *      number, time, item, batch), so a record it already holds is answered as before and not
 *      stored twice. (The interface's 3508 stock query would be the other way to ask; neither the
 *      sandbox nor the client offers it.)
 *   1. Day by day: read the records through the profile, check them (findings hold a record back
 *      whole), skip what the center accepted already and what it rejected unless the record has
 *      changed since (or `force`, for `trace retry`).
 *      A day is checked in parts; each part is planned and sent as soon as it is checked.
 *   2. Plan requests in waves (planBatches.ts) and send them through one stream over all parts and
 *      days (sendQueue.ts: a request waits only for the earlier ones carrying one of its codes),
 *      with at most `concurrency` requests in flight and at most `rate` starts per second. Each record is written `sending`
 *      with its request's digest before the request leaves, and gets its outcome after: accepted,
 *      rejected with the center's message, or — after `retries` attempts with exponential back-off
 *      on transient failures — retry (certainly not delivered) or unknown (maybe delivered).
 *
 * A dry run (apply false) does steps 1–2 without writing or sending and reports the plan.
 */
import { CENTER_CALLS_TABLE, DEFAULT_TIMEOUT_MS, leftOverCalls, leftOverText, noteLeftOver, resolveCenterConfig, resolveLeftOver, timeoutFor, withCenter, type Center, type CenterConfig, type CenterDeps, type CenterEvent, type CenterReply, type JournalLike, type LeftOverCall, type Output } from '../center/index.js';
import { isHisopsError, type HisopsError } from '../errors.js';
import { daysOf, type Window } from './days.js';
import { makeBatch, planWaves, type PlannedBatch } from './planBatches.js';
import { Gate, RateLimiter } from './rateLimiter.js';
import { SendQueue } from './sendQueue.js';
import { failureClass, mayHaveArrived, recordResults, rejectionReason } from './readResults.js';
import { scanDays, type ScanDay } from './scanDays.js';
import { sortFindings } from './runCheck.js';
import type { TraceSettings } from './settings.js';
import { TraceChecker } from './traceChecker.js';
import { TraceJournal, type Outcome, type UploadRow } from './traceJournal.js';
import type { TraceSource } from './traceSource.js';
import { TRACE_INFNOS, TRACE_KINDS, type CheckedRecord, type Finding, type TraceKind, type UploadStatus } from './types.js';
import { backoffDelay } from '../shared/index.js';

export type UploadEvent =
  | { type: 'resolve'; unresolved: number; accepted: number; rejected: number; resend: number }
  | { type: 'day'; day: string; index: number; days: number; records: number; due: number; codes: number }
  | { type: 'sent'; day: string; infno: string; records: number; codes: number; accepted: number; rejected: number; pending: number }
  | { type: 'retry'; infno: string; attempt: number; delayMs: number; code: string };

export interface UploadOptions {
  source: TraceSource;
  journal: JournalLike;
  fixmedins_code: string;
  center: CenterConfig;
  /** Extra center-client dependencies (tests: clock, sleep). The journal and run id are passed by the run. */
  centerDeps?: Omit<CenterDeps, 'journal' | 'runId'>;
  /** Days to upload. */
  window?: Window;
  /** Days with only some records wanted (trace retry): day → record keys. */
  targets?: ReadonlyMap<string, ReadonlySet<string>>;
  kinds: readonly TraceKind[];
  apply: boolean;
  /** Send rejected records again even when unchanged (trace retry). */
  force?: boolean;
  settings: TraceSettings;
  runId: string;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onEvent?: (e: UploadEvent) => void;
}

export interface KindStats {
  kind: TraceKind;
  /** Records of the kind in the days read. */
  records: number;
  codes: number;
  /** Accepted by the center in an earlier run: not sent. */
  already: number;
  /** Held back by findings. */
  held: number;
  /** Rejected earlier and unchanged since: waiting for a fix (trace retry sends them). */
  waiting: number;
  /** Due this run (what a dry run would send). */
  due: number;
  dueCodes: number;
  accepted: number;
  acceptedCodes: number;
  rejected: number;
  retry: number;
  unknown: number;
}

export interface PlanLine {
  infno: string;
  requests: number;
  records: number;
  codes: number;
}

export interface RecordNote {
  record_id: string;
  kind: TraceKind;
  day: string;
  status: UploadStatus;
  reason: string | null;
  message: string | null;
}

export interface ResolvedCall {
  msgid: string;
  infno: string;
  run_id: string | null;
  created_at: string;
  /** What the row said before: pending (its run stopped) or unknown (no answer came). */
  was: string;
  resolution: string;
  /** Resolved (resolution and resolved_at written), or only noted: left to a later run (its records were not settled in this one). */
  done: boolean;
}

export interface UploadResult {
  runId: string;
  apply: boolean;
  window: Window | null;
  kinds: TraceKind[];
  days: string[];
  emptyDays: string[];
  records: number;
  codes: number;
  findings: Finding[];
  byKind: KindStats[];
  plan: PlanLine[];
  /** Records the center rejected (this run), and rejected ones still waiting for a fix. */
  rejected: RecordNote[];
  /** Records left to retry or with an unknown outcome at the end. */
  pending: RecordNote[];
  resolved: { unresolved: number; accepted: number; rejected: number; resend: number; otherKinds: number; notInHis: number };
  /**
   * The center client's write-ahead rows (hisops_center_calls) of 35xx requests that earlier runs
   * left without an outcome: how many there were, and how each was resolved (dry run: none is).
   */
  calls: { leftOver: number; resolved: ResolvedCall[] };
  /** Why sending stopped early (the center kept failing), or null. */
  stopped: string | null;
  requests: { sent: number; attempts: number; retries: number; split: number };
  timing: { startedAt: string; durationMs: number; sendMs: number };
}

const emptyStats = (kind: TraceKind): KindStats => ({ kind, records: 0, codes: 0, already: 0, held: 0, waiting: 0, due: 0, dueCodes: 0, accepted: 0, acceptedCodes: 0, rejected: 0, retry: 0, unknown: 0 });

interface CenterCallRow {
  msgid: string;
  status: string;
  output: string | null;
  request: string;
  err_msg: string | null;
  created_at: string;
}

/** The center client's latest write-ahead row for a request, sent at or after `since`. */
async function centerCallFor(journal: JournalLike, infno: string | null, digest: string, since: string | null): Promise<CenterCallRow | undefined> {
  const q = journal.knex(CENTER_CALLS_TABLE.name).where({ request_digest: digest });
  if (infno) q.where({ infno });
  if (since) q.where('created_at', '>=', since);
  return (await q.orderBy('created_at', 'desc').first()) as CenterCallRow | undefined;
}

function requestSize(call: CenterCallRow, fallback: number): number {
  try {
    const input = JSON.parse(call.request) as Record<string, unknown>;
    for (const v of Object.values(input)) if (Array.isArray(v)) return v.length;
    return 1;
  } catch {
    return fallback;
  }
}

export async function runUpload(o: UploadOptions): Promise<UploadResult> {
  const now = o.now ?? (() => new Date());
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = o.random ?? Math.random;
  const t0 = performance.now();
  const startedAt = now().toISOString();
  // A dry run reads the journal and writes nothing to it, tables included.
  const tj = new TraceJournal(o.journal, o.fixmedins_code, { readOnly: !o.apply });
  const kinds = new Set(o.kinds);
  const stats = new Map<TraceKind, KindStats>(TRACE_KINDS.map((k) => [k, emptyStats(k)]));
  const plan = new Map<string, PlanLine>();
  const result: UploadResult = {
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
    timing: { startedAt, durationMs: 0, sendMs: 0 },
  };
  const final = new Map<string, RecordNote>();

  // 0. What an earlier run left open.
  const extra = new Map<string, Set<string>>();
  const unresolved = await tj.unresolved();
  result.resolved.unresolved = unresolved.length;
  // The runs that left records `sending` are over (an upload settles what it finds open at its
  // start): their write-ahead rows still `pending` will never get an outcome from them.
  const deadRuns = new Set(unresolved.filter((r) => r.status === 'sending' && r.run_id && r.run_id !== o.runId).map((r) => r.run_id!));
  const leftOver = await leftOverCalls(o.journal, { infnos: TRACE_INFNOS, fixmedins_code: o.fixmedins_code, runId: o.runId, now: now(), timeoutMs: longestTimeout(o), deadRuns });
  result.calls.leftOver = leftOver.length;
  /** Records to send again (of the kinds of this run), to tell afterwards which the HIS still holds. */
  const resendKeys = new Map<string, UploadRow>();
  let resendCalls: Array<{ call: LeftOverCall; keys: string[] }> = [];
  if (unresolved.length || leftOver.length) {
    const settled = o.apply ? await resolveFromCalls(o.journal, tj, unresolved, now, result) : { still: unresolved, answered: new Map<string, Answered>() };
    const still = settled.still;
    if (o.apply) resendCalls = await settleLeftOverCalls(o.journal, tj, leftOver, unresolved, settled.answered, kinds, o.runId, now, result);
    for (const r of still) {
      if (!kinds.has(r.kind)) {
        result.resolved.otherKinds++;
        continue;
      }
      result.resolved.resend++;
      resendKeys.set(r.record_key, r);
      if (!o.window || r.day < o.window.from || r.day > o.window.to) {
        const set = extra.get(r.day) ?? new Set<string>();
        set.add(r.record_key);
        extra.set(r.day, set);
      }
    }
    o.onEvent?.({ type: 'resolve', unresolved: unresolved.length, accepted: result.resolved.accepted, rejected: result.resolved.rejected, resend: result.resolved.resend });
  }

  // The days to read: the window in full, plus days with only some records wanted.
  const dayMap = new Map<string, ScanDay>();
  for (const day of o.window ? daysOf(o.window) : []) dayMap.set(day, { day });
  for (const [day, keys] of [...(o.targets ?? new Map<string, ReadonlySet<string>>()), ...extra]) {
    const d = dayMap.get(day);
    if (d && !d.only) continue;
    const only = new Set<string>(d?.only ?? []);
    for (const k of keys) only.add(k);
    dayMap.set(day, { day, only });
  }
  const days = [...dayMap.values()].sort((a, b) => a.day.localeCompare(b.day));
  result.days = days.map((d) => d.day);
  if (days.length === 0) return finish();

  const checker = new TraceChecker({ mapping: await o.source.mapping(), prefixes: await o.source.prefixes(), defaults: o.settings.defaults });
  const limiter = new RateLimiter(o.settings.rate, undefined, sleep);
  const gate = new Gate();
  /** The request holding the gate, told by the center client when it puts the request on the wire. */
  let sending: { infno: string; resolve: () => void } | undefined;
  const onCenterEvent = (e: CenterEvent) => {
    if (e.type === 'send' && sending && e.infno === sending.infno) sending.resolve();
    o.centerDeps?.onEvent?.(e);
  };

  const backoff = (attempt: number) => backoffDelay(attempt, o.settings.backoffMs, o.settings.maxBackoffMs, random);

  const note = (c: CheckedRecord, status: UploadStatus, reason: string | null, message: string | null) => {
    const n: RecordNote = { record_id: c.record.id, kind: c.record.kind, day: c.record.day, status, reason, message };
    final.set(c.record.key, n);
  };

  const events = new DayEvents(o.onEvent);

  /** Requests in a row that ended without an answer after all their attempts; any answer resets it. */
  let failStreak = 0;

  /** Send one request until it has an outcome; returns when every record of it has one. */
  const send = async (center: Center, day: string, batch: PlannedBatch): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if (attempt === 1 && result.stopped) {
        // The center is down: leave the rest for the next run (nothing of it was written or sent).
        for (const c of batch.records) {
          stats.get(c.record.kind)!.retry++;
          note(c, 'retry', 'not_sent', result.stopped);
        }
        return;
      }
      await tj.write(
        batch.records.map((c, i) => ({ checked: c, status: 'sending' as const, infno: batch.infno, request_digest: batch.request_digest, batch_pos: i })),
        o.runId,
        now(),
      );
      // From the rate slot to the wire one request at a time, and the next slot counted from the
      // moment this request actually left: the center sees the requests spaced as the limiter
      // spaces them, not bunched by the client's own write-ahead row waiting for the journal.
      const leave = await gate.enter();
      let call: Promise<CenterReply<Output>>;
      try {
        await limiter.take();
        const onWire = new Promise<void>((resolve) => (sending = { infno: batch.infno, resolve }));
        // Every item was validated on its own when it was built (a bad one is held back as a
        // finding), so the client need not walk the whole batch again.
        call = center.request(batch.infno, batch.input, (out) => out, { acceptRejection: true, skipValidation: true, wireReady: true, requestDigest: batch.request_digest, ...(o.settings.timeoutMs ? { timeoutMs: o.settings.timeoutMs } : {}) });
        await Promise.race([onWire, call.then(noop, noop)]);
        limiter.sent();
      } finally {
        sending = undefined;
        leave();
      }
      result.requests.attempts++;
      if (attempt === 1) result.requests.sent++;
      let outcomes: Outcome[];
      try {
        const reply = await call;
        const results = recordResults(reply.result, batch.records.length);
        if (!results) {
          // Rejected as a whole with no word on which record: send them one by one to find out.
          result.requests.split++;
          await tj.outcomes(batch.records.map((c) => ({ record_key: c.record.key, status: 'retry' as const, reason: 'batch_rejected', message: 'the batch was rejected without per-record results; sent again one by one', msgid: reply.msgid })), now());
          for (const c of batch.records) await send(center, day, makeBatch([c], false));
          return;
        }
        outcomes = results.map((r, i) =>
          r.accepted
            ? { record_key: batch.records[i]!.record.key, status: 'accepted' as const, reason: null, message: null, msgid: reply.msgid }
            : { record_key: batch.records[i]!.record.key, status: 'rejected' as const, reason: rejectionReason(r.message), message: r.message, msgid: reply.msgid },
        );
      } catch (e) {
        if (!isHisopsError(e)) throw e;
        const cls = failureClass(e);
        if (cls === 'fatal') throw e;
        const msgid = (e.details.msgid as string | undefined) ?? null;
        const message = errorText(e);
        if (cls === 'final') {
          outcomes = batch.records.map((c) => ({ record_key: c.record.key, status: 'rejected' as const, reason: e.code === 'CENTER_INPUT_INVALID' ? 'input_invalid' : 'center_refused', message, msgid }));
        } else {
          const status: UploadStatus = mayHaveArrived(e) ? 'unknown' : 'retry';
          const list = batch.records.map((c) => ({ record_key: c.record.key, status, reason: e.code.toLowerCase(), message, msgid }));
          await tj.outcomes(list, now());
          if (attempt <= o.settings.retries && !result.stopped) {
            const delayMs = backoff(attempt);
            result.requests.retries++;
            o.onEvent?.({ type: 'retry', infno: batch.infno, attempt, delayMs, code: e.code });
            await sleep(delayMs);
            continue;
          }
          outcomes = list;
          // Two requests in a row gave up with no answer accepted or rejected in between: the
          // center is down or unreachable, and every further request would only wait through its
          // back-off too. What is left stays due for the next run.
          if (++failStreak >= 2 && !result.stopped) result.stopped = `${failStreak} requests in a row failed ${attempt} time(s) each (last: ${message})`;
        }
      }
      if (outcomes.some((x) => x.status === 'accepted' || x.status === 'rejected')) failStreak = 0;
      if (outcomes.some((x) => x.status !== 'retry' && x.status !== 'unknown')) await tj.outcomes(outcomes, now());
      let accepted = 0;
      let rejected = 0;
      let pending = 0;
      batch.records.forEach((c, i) => {
        const oc = outcomes[i]!;
        const s = stats.get(c.record.kind)!;
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
        note(c, oc.status, oc.reason ?? null, oc.message ?? null);
      });
      events.sent({ type: 'sent', day, infno: batch.infno, records: batch.records.length, codes: batch.codes, accepted, rejected, pending });
      return;
    }
  };

  /** Records to send again that the HIS still holds (the scan met them). */
  const seenAgain = new Set<string>();

  const loop = async (center: Center | undefined) => {
    let index = 0;
    // A day comes in parts: the first requests leave as soon as the first part is checked, and
    // the rest of the day is checked while they are being sent.
    const chunk = Math.max(1000, o.settings.batchSize * o.settings.concurrency);
    // Requests queued ahead of the wire: four rounds of `concurrency` (at least two parts), which
    // covers the read of the next six-hour slice from the HIS. Every queued record keeps its row,
    // built item and text alive, so a deeper queue only raises the memory held: ten parts (a whole
    // bench day, 10,000 records) kept about 170 MB live on a 100k-code upload.
    const backlog = Math.max(4 * o.settings.concurrency, Math.ceil((2 * chunk) / Math.max(1, o.settings.batchSize)));
    const scan = scanDays({ source: o.source, journal: tj, checker, days, kinds, historyBefore: `${days[0]!.day} 00:00:00`, chunk });
    // One stream of requests over all parts and days: a request waits only for the earlier ones
    // carrying one of its codes (sendQueue.ts), so neither a wave's nor a day's tail holds up the next.
    const queue = center
      ? new SendQueue<{ day: string; batch: PlannedBatch }>(o.settings.concurrency, async (j) => {
          try {
            await send(center, j.day, j.batch);
          } finally {
            events.finished(j.day);
          }
        })
      : undefined;
    let s0: number | undefined;
    let day = { records: 0, due: 0, codes: 0 };
    let next = scan.next();
    try {
      for (;;) {
        const step = await next;
        if (step.done || queue?.broken) break;
        const d = step.value;
        // Read and check what comes next while this part is being sent: its checks depend only on
        // the records before it, which are checked already, and on the journal before the first day.
        next = scan.next();
        next.catch(noop);
        const due: CheckedRecord[] = [];
        const held: CheckedRecord[] = [];
        for (const c of d.checked) {
          const s = stats.get(c.record.kind)!;
          const k = d.known.get(c.record.key);
          if (resendKeys.has(c.record.key)) seenAgain.add(c.record.key);
          s.records++;
          s.codes += c.record.codes.length;
          result.records++;
          result.codes += c.record.codes.length;
          day.records++;
          if (k?.status === 'accepted') {
            s.already++;
            result.findings.push(...c.findings);
            continue;
          }
          if (c.findings.length) {
            s.held++;
            held.push(c);
            result.findings.push(...c.findings);
            continue;
          }
          if (k?.status === 'rejected' && k.content_digest === c.digest && !o.force) {
            s.waiting++;
            result.rejected.push({ record_id: c.record.id, kind: c.record.kind, day: c.record.day, status: 'rejected', reason: k.row.reason, message: k.row.message });
            continue;
          }
          s.due++;
          s.dueCodes += c.codes.length;
          day.due++;
          day.codes += c.codes.length;
          due.push(c);
        }
        const waves = planWaves(due, o.settings.batchSize, o.settings);
        for (const w of waves) {
          for (const b of w) {
            const p = plan.get(b.infno) ?? { infno: b.infno, requests: 0, records: 0, codes: 0 };
            p.requests++;
            p.records += b.records.length;
            p.codes += b.codes;
            plan.set(b.infno, p);
          }
        }
        let dayDone: (UploadEvent & { type: 'day' }) | undefined;
        if (d.last) {
          index++;
          if (day.records === 0) result.emptyDays.push(d.day);
          dayDone = { type: 'day', day: d.day, index, days: days.length, records: day.records, due: day.due, codes: day.codes };
          day = { records: 0, due: 0, codes: 0 };
        }
        if (!queue) {
          if (dayDone) events.day(dayDone);
          continue;
        }
        if (held.length) {
          await tj.write(
            held.map((c) => ({ checked: c, status: 'held' as const, reason: [...new Set(c.findings.map((f) => f.kind))].join(','), message: c.findings[0]!.message })),
            o.runId,
            now(),
          );
        }
        for (const w of waves) {
          for (const b of w) {
            s0 ??= performance.now();
            events.added(d.day);
            queue.add({ day: d.day, batch: b }, b.records.flatMap((c) => c.codes));
          }
        }
        // Told only now, with every request of the day queued: the day's events end when they have finished.
        if (dayDone) events.day(dayDone);
        // Back-pressure: at most `backlog` requests ahead of the wire (the next part is being
        // checked meanwhile), so memory stays bounded however long the window.
        await queue.room(backlog);
      }
    } finally {
      // Whatever happened, nothing may still be sending when the run returns (or throws).
      if (queue) {
        const drained = queue.drain();
        try {
          await drained;
        } finally {
          if (s0 !== undefined) result.timing.sendMs += performance.now() - s0;
        }
      }
    }
  };

  if (o.apply) {
    await withCenter(o.center, { ...(o.centerDeps ?? {}), journal: o.journal, runId: o.runId, onEvent: onCenterEvent }, loop);
    await settleGone();
    await finishLeftOverCalls();
  } else await loop(undefined);
  return finish();

  /**
   * Records to send again that the HIS no longer holds (deleted, or their key changed): nothing
   * can be sent, and no transaction of the interface tells whether the center holds a record
   * (3508 answers stock levels, not uploads). They stay `unknown`, with the reason, and are shown.
   */
  async function settleGone(): Promise<void> {
    const gone = [...resendKeys.values()].filter((r) => !seenAgain.has(r.record_key));
    if (!gone.length) return;
    const message = 'the record is no longer in the HIS (deleted, or its key changed) and no answer was recorded for its last request: the center may or may not hold it, and the interface has no query of uploaded records. Restore the record in the HIS and run trace upload again (the center answers a record it holds as before), or ask the center';
    await tj.outcomes(gone.map((r) => ({ record_key: r.record_key, status: 'unknown' as const, reason: 'not_in_his', message })), now());
    result.resolved.notInHis = gone.length;
    for (const r of gone) final.set(r.record_key, { record_id: r.record_id, kind: r.kind, day: r.day, status: 'unknown', reason: 'not_in_his', message });
  }

  /** The left-over 35xx rows whose records this run sent again: their resolution, with the outcome. */
  async function finishLeftOverCalls(): Promise<void> {
    for (const { call, keys } of resendCalls) {
      const tally = new Map<string, number>();
      for (const k of keys) {
        const st = final.get(k)?.status ?? (seenAgain.has(k) ? 'held' : 'unknown');
        tally.set(st, (tally.get(st) ?? 0) + 1);
      }
      const parts = ['accepted', 'rejected', 'held', 'retry', 'unknown'].filter((st) => tally.get(st)).map((st) => `${tally.get(st)} ${st === 'retry' || st === 'unknown' ? `${st} (sent again by the next upload)` : st}`);
      const text = `${leftOverText(call)}; its ${keys.length} record(s) were sent again by run ${o.runId}: ${parts.join(', ')}`;
      await resolveLeftOver(o.journal, call, text, now());
      const shown = result.calls.resolved.find((x) => x.msgid === call.msgid);
      if (shown) Object.assign(shown, { resolution: text, done: true });
    }
  }

  function finish(): UploadResult {
    result.byKind = [...stats.values()].filter((s) => kinds.has(s.kind) && (s.records > 0 || s.kind !== 'stock-count'));
    result.plan = [...plan.values()].sort((a, b) => a.infno.localeCompare(b.infno));
    for (const n of final.values()) {
      if (n.status === 'rejected') result.rejected.push(n);
      else if (n.status === 'retry' || n.status === 'unknown') result.pending.push(n);
    }
    sortFindings(result.findings);
    result.timing.durationMs = Math.round(performance.now() - t0);
    result.timing.sendMs = Math.round(result.timing.sendMs);
    return result;
  }
}

const noop = () => undefined;

/**
 * Days overlap on the wire (the next day's first requests leave while the last ones of the day
 * before are still out), but a listener sees them one after the other, as a progress bar per day
 * needs: a day's `day` event (sent once the whole day is checked, with its totals), then its
 * `sent` events, then the next day's. Events that come early wait their turn.
 */
interface DayState {
  day: string;
  head?: UploadEvent;
  shown: boolean;
  early: UploadEvent[];
  /** Requests queued and not finished. */
  open: number;
}

class DayEvents {
  private readonly days: DayState[] = [];
  private cur = 0;

  constructor(private readonly listener: ((e: UploadEvent) => void) | undefined) {}

  private of(day: string): DayState {
    for (let i = this.days.length - 1; i >= this.cur; i--) if (this.days[i]!.day === day) return this.days[i]!;
    const d: DayState = { day, shown: false, early: [], open: 0 };
    this.days.push(d);
    return d;
  }

  /** A request of the day was queued. */
  added(day: string): void {
    this.of(day).open++;
  }

  /** A queued request of the day has its outcome (its `sent` events are out). */
  finished(day: string): void {
    this.of(day).open--;
    this.flush();
  }

  /** The day is fully checked and planned: every request of it has been queued. */
  day(e: UploadEvent & { type: 'day' }): void {
    this.of(e.day).head = e;
    this.flush();
  }

  sent(e: UploadEvent & { type: 'sent' }): void {
    const d = this.of(e.day);
    if (d.shown && this.days[this.cur] === d) this.listener?.(e);
    else d.early.push(e);
  }

  private flush(): void {
    for (;;) {
      const d = this.days[this.cur];
      if (!d?.head) return;
      if (!d.shown) {
        d.shown = true;
        this.listener?.(d.head);
        for (const e of d.early) this.listener?.(e);
        d.early = [];
      }
      if (d.open > 0) return;
      this.cur++;
    }
  }
}

function errorText(e: HisopsError): string {
  const m = (e.details.err_msg as string | undefined) ?? (e.details.msgRslt as string | undefined);
  return m ? `${e.summary}: ${m}` : e.summary;
}

/**
 * Settle records left `sending`/`unknown` from the center client's write-ahead rows. Returns the
 * records whose outcome is still not known (to be sent again).
 */
async function resolveFromCalls(journal: JournalLike, tj: TraceJournal, rows: readonly UploadRow[], now: () => Date, result: UploadResult): Promise<{ still: UploadRow[]; answered: Map<string, Answered> }> {
  const answered = new Map<string, Answered>();
  const hasCalls = await journal.knex.schema.hasTable(CENTER_CALLS_TABLE.name);
  const byRequest = new Map<string, UploadRow[]>();
  const still: UploadRow[] = [];
  for (const r of rows) {
    if (!r.request_digest) {
      still.push(r);
      continue;
    }
    const list = byRequest.get(r.request_digest) ?? [];
    list.push(r);
    byRequest.set(r.request_digest, list);
  }
  const outcomes: Outcome[] = [];
  for (const [digest, list] of byRequest) {
    const since = list.reduce<string | null>((m, r) => (r.sent_at && (!m || r.sent_at < m) ? r.sent_at : m), null);
    const call = hasCalls ? await centerCallFor(journal, list[0]!.infno, digest, since) : undefined;
    if (call?.status === 'ok') {
      const results = recordResults(call.output === null ? null : safeJson(call.output), requestSize(call, list.length));
      if (results) {
        for (const r of list) {
          const rr = r.batch_pos !== null ? results[r.batch_pos] : undefined;
          if (!rr) {
            still.push(r);
            continue;
          }
          const a = answered.get(digest) ?? { msgid: call.msgid, accepted: 0, rejected: 0 };
          answered.set(digest, a);
          if (rr.accepted) a.accepted++;
          else a.rejected++;
          if (rr.accepted) result.resolved.accepted++;
          else result.resolved.rejected++;
          outcomes.push(rr.accepted ? { record_key: r.record_key, status: 'accepted', reason: null, message: null, msgid: call.msgid } : { record_key: r.record_key, status: 'rejected', reason: rejectionReason(rr.message), message: rr.message, msgid: call.msgid });
        }
        continue;
      }
    }
    // Never left (no write-ahead row), refused, or no answer: what the center holds is unknown or
    // nothing; the record is sent again unchanged and the center's answer settles it.
    const status: UploadStatus = call?.status === 'failed' ? 'retry' : 'unknown';
    for (const r of list) {
      outcomes.push({ record_key: r.record_key, status, reason: r.reason, message: r.message, msgid: call?.msgid ?? r.msgid });
      still.push(r);
    }
  }
  await tj.outcomes(outcomes, now());
  return { still, answered };
}

/** A request of records left open that the center had answered (its write-ahead row says so). */
interface Answered {
  msgid: string;
  accepted: number;
  rejected: number;
}

/** The longest wait for a 35xx answer: a pending row older than that (plus a margin) was abandoned. */
function longestTimeout(o: Pick<UploadOptions, 'center' | 'settings'>): number {
  let ms = o.settings.timeoutMs ?? 0;
  try {
    const c = resolveCenterConfig(o.center);
    for (const i of TRACE_INFNOS) ms = Math.max(ms, timeoutFor(c, i));
  } catch {
    ms = Math.max(ms, DEFAULT_TIMEOUT_MS);
  }
  return ms;
}

/**
 * Resolve the write-ahead rows of 35xx requests that earlier runs left pending or unknown. The
 * records they carried are settled in hisops_trace_uploads (from another answer to the same
 * request, or by sending them again, unchanged); each row says which. Returns the rows whose
 * records this run sends again: their resolution is completed with the outcome at the end.
 */
async function settleLeftOverCalls(
  journal: JournalLike,
  tj: TraceJournal,
  calls: readonly LeftOverCall[],
  open: readonly UploadRow[],
  answered: ReadonlyMap<string, Answered>,
  kinds: ReadonlySet<TraceKind>,
  runId: string,
  now: () => Date,
  result: UploadResult,
): Promise<Array<{ call: LeftOverCall; keys: string[] }>> {
  const resend: Array<{ call: LeftOverCall; keys: string[] }> = [];
  const byDigest = new Map<string, UploadRow[]>();
  for (const r of open) {
    if (!r.request_digest) continue;
    const list = byDigest.get(r.request_digest) ?? [];
    list.push(r);
    byDigest.set(r.request_digest, list);
  }
  for (const c of calls) {
    const a = answered.get(c.request_digest);
    const group = byDigest.get(c.request_digest) ?? [];
    let text: string;
    if (a && a.msgid !== c.msgid) {
      text = `${leftOverText(c)}; the same request was answered in msgid ${a.msgid}: ${a.accepted} accepted, ${a.rejected} rejected`;
    } else if (group.length && !a && group.some((r) => !kinds.has(r.kind))) {
      // Records of kinds this run does not upload (--kind): the next upload of those kinds settles them.
      text = `${leftOverText(c)}; its records are of a kind this run (${runId}) does not upload: the next upload of ${[...new Set(group.map((r) => r.kind))].join(', ')} sends them again`;
      await noteLeftOver(journal, c, text);
      result.calls.resolved.push({ msgid: c.msgid, infno: c.infno, run_id: c.run_id, created_at: c.created_at, was: c.status, resolution: text, done: false });
      continue;
    } else if (group.length && !a) {
      resend.push({ call: c, keys: group.map((r) => r.record_key) });
      text = `${leftOverText(c)}; its ${group.length} record(s) are being sent again by run ${runId} (the center answers a record it holds as before and does not store it twice)`;
      // Resolved when their outcome is known, at the end of this run; a run that stops before
      // leaves the row to the next one.
      await noteLeftOver(journal, c, text);
      result.calls.resolved.push({ msgid: c.msgid, infno: c.infno, run_id: c.run_id, created_at: c.created_at, was: c.status, resolution: text, done: false });
      continue;
    } else {
      const later = await tj.byRequest(c.request_digest);
      const counts = new Map<string, number>();
      for (const r of later) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
      text = later.length
        ? `${leftOverText(c)}; its records have outcomes since: ${[...counts].map(([st, n]) => `${n} ${st}`).join(', ')}`
        : `${leftOverText(c)}; its records have since gone in other requests (hisops_trace_uploads holds their outcome)`;
    }
    await resolveLeftOver(journal, c, text, now());
    result.calls.resolved.push({ msgid: c.msgid, infno: c.infno, run_id: c.run_id, created_at: c.created_at, was: c.status, resolution: text, done: true });
  }
  return resend;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
