/**
 * The center client: one object per configuration, holding the HTTP agent, the msgid allocator
 * and the sign-in. `exchange` is the one path every call takes:
 *
 *   validate input → (sign in) → msgid → envelope → [journal: pending] → POST → classify →
 *   [journal: ok | failed | unknown] → typed result or HisopsError
 *
 * Queries are retried with exponential back-off on transport failures (a fresh msgid per
 * attempt); state-changing calls are sent once and never repeated by the client.
 *
 * The steps live beside it: the checks and what every attempt shares (sendPlan.ts), reading a
 * reply (interpretReply.ts), the write-ahead rows (callRecorder.ts) and the sign-in (signIns.ts).
 */
import { performance } from 'node:perf_hooks';
import { backoffDelay } from '../../shared/index.js';
import { sealRequest, type ChannelKeys } from '../protocol/channel.js';
import {
  buildRequestEnvelope,
  requestEnvelopeText,
  type EnvelopeCommon,
  type Input,
  type Output,
} from '../protocol/envelope.js';
import { CenterCallJournal, type JournalLike } from './callJournal.js';
import { CallRecorder, type Sent } from './callRecorder.js';
import { resolveCenterConfig, type CenterConfig, type ResolvedCenterConfig } from './config.js';
import { badResponseError, transportError, TransportFailure, type CallContext } from './errors.js';
import { makeSigner, type GatewaySigner } from './gateway.js';
import { interpretReply, type Failed, type Interpreted } from './interpretReply.js';
import { LatencyJournal } from './latencyJournal.js';
import { MsgidAllocator } from './msgidAllocator.js';
import { planCall, wireText, type SendPlan } from './sendPlan.js';
import { SignIns } from './signIns.js';
import { Transport, type HttpReply } from './transport.js';
import type { CallOptions, CenterReply } from './types.js';

export interface CenterEvent {
  type: 'send' | 'answer' | 'retry' | 'signin';
  infno: string;
  msgid?: string;
  attempt?: number;
  /** ok | failed | unknown (answer), delay before the next attempt (retry). */
  status?: string;
  code?: string;
  delayMs?: number;
  durationMs?: number;
}

export interface CenterDeps {
  /** hisops's journal: write-ahead rows, shared sign-in, msgid blocks. */
  journal?: JournalLike;
  /** Allow state-changing calls without a journal. Only for throwaway contexts; must be explicit. */
  allowUnjournaled?: boolean;
  clock?: () => Date;
  runId?: string;
  sleep?: (ms: number) => Promise<void>;
  nonce?: () => string;
  random?: () => number;
  /** Progress hook (no secrets, no personal data: infno, msgid, status, timings). */
  onEvent?: (e: CenterEvent) => void;
}

interface Exchange<T> {
  reply: CenterReply<T>;
}

/** err_msg of a refusal caused by a missing or stale sign-in. */
const SIGN_IN_REFUSAL = /签到|sign_no|sign-in|signin|sign in/i;

const HEADERS = {
  'content-type': 'application/json;charset=utf-8',
  accept: 'application/json, application/octet-stream, */*',
};

export class CenterClient {
  readonly config: ResolvedCenterConfig;
  readonly calls: CenterCallJournal | undefined;
  /** The write-ahead rows of state-changing calls (when the journal is open). */
  private readonly recorder: CallRecorder | undefined;
  /** Every attempt's duration and outcome (queries too), for center stats and center watch. */
  private readonly latency: LatencyJournal | undefined;
  private readonly transport: Transport;
  private readonly signer: GatewaySigner;
  private readonly msgids: MsgidAllocator;
  private readonly signIns: SignIns;
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly common: EnvelopeCommon;
  /** The 国密 channel's keys when center.crypto is sm4 (memory only). */
  private readonly channel: ChannelKeys | undefined;

  constructor(
    config: CenterConfig,
    private readonly deps: CenterDeps = {},
  ) {
    this.config = resolveCenterConfig(config);
    const c = this.config;
    this.clock = deps.clock ?? (() => new Date());
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = deps.random ?? Math.random;
    this.calls = deps.journal ? new CenterCallJournal(deps.journal) : undefined;
    this.recorder = this.calls
      ? new CallRecorder(
          this.calls,
          { fixmedins_code: c.fixmedins_code, opter: c.opter, runId: deps.runId },
          this.sleep,
        )
      : undefined;
    this.latency = deps.journal ? new LatencyJournal(deps.journal) : undefined;
    this.transport = new Transport({ tlsCa: c.tlsCa });
    this.signer = makeSigner(c.gateway, deps.nonce);
    this.channel = c.crypto.kind === 'sm4' ? c.crypto.keys : undefined;
    this.msgids = new MsgidAllocator({
      fixmedins_code: c.fixmedins_code,
      clock: this.clock,
      utcOffsetMinutes: c.utcOffsetMinutes,
      journal: deps.journal,
      sleep: deps.sleep,
    });
    this.signIns = new SignIns(c, this, this.clock, deps.journal, deps.onEvent);
    this.common = {
      fixmedins_code: c.fixmedins_code,
      fixmedins_name: c.fixmedins_name,
      mdtrtarea_admvs: c.mdtrtarea_admvs,
      insuplc_admdvs: c.insuplc_admdvs,
      recer_sys_code: c.recer_sys_code,
      infver: c.infver,
      opter: c.opter,
      opter_name: c.opter_name,
      opter_type: c.opter_type,
      dev_no: c.dev_no,
    };
  }

  /** The clock the client uses (injectable for tests). */
  now(): Date {
    return this.clock();
  }

  /** Load the HTTP client ahead of the first call (see Transport.warm); never rejects. */
  warm(): Promise<void> {
    return this.transport.warm();
  }

  /** Close the HTTP agent (open connections are ended). */
  close(): Promise<void> {
    return this.transport.close();
  }

  // ---- the one path ------------------------------------------------------------------------

  /** Any transaction, raw output. Known transactions are validated; unknown ones are treated as state-changing unless `opts.kind` says otherwise. */
  async call(infno: string, input: Input, opts: CallOptions = {}): Promise<CenterReply<Output>> {
    return (await this.exchange(infno, input, opts, 'json', (o) => o)).reply;
  }

  /** 9102-style call whose success answer is the file's bytes. */
  async callForFile(infno: string, input: Input, opts: CallOptions = {}): Promise<CenterReply<Buffer>> {
    return (await this.exchange(infno, input, opts, 'file', () => Buffer.alloc(0))).reply;
  }

  /** Call and parse the output into a typed record. */
  async request<T>(
    infno: string,
    input: Input,
    parse: (output: Output) => T,
    opts: CallOptions = {},
  ): Promise<CenterReply<T>> {
    return (await this.exchange(infno, input, opts, 'json', parse)).reply;
  }

  /** One call: checked, then attempt after attempt until an answer, a failure to throw, or no attempt left. */
  private async exchange<T>(
    infno: string,
    input: Input,
    opts: CallOptions,
    mode: 'json' | 'file',
    parse: (output: Output) => T,
  ): Promise<Exchange<T>> {
    const plan = planCall(
      this.config,
      this.common,
      { infno, input, opts, mode },
      this.calls !== undefined || this.deps.allowUnjournaled === true,
    );
    let sign_no = infno === '9001' ? '' : await this.signNo();
    let resigned = false;
    for (let attempt = 1; ; attempt++) {
      const sent = await this.send(plan, opts, attempt, sign_no);
      const { interpreted } = sent;
      if (interpreted.kind === 'file') return this.fileReply<T>(sent, interpreted.bytes);
      if (interpreted.kind === 'ok') return this.succeed(sent, interpreted, plan.wire, parse);
      await this.noteFailure(sent, interpreted);
      // A center that lost our sign-in (restarted, or the day rolled over on its side) refuses
      // with a sign-in message; a refusal means nothing was done, so sign in again and resend once.
      if (!resigned && this.lostSignIn(infno, interpreted)) {
        resigned = true;
        sign_no = (await this.signIn()).result.sign_no;
        continue;
      }
      if (!plan.stateChanging && interpreted.retryable && attempt < this.maxAttempts(plan)) {
        await this.waitToRetry(sent, interpreted);
        continue;
      }
      throw interpreted.error;
    }
  }

  private maxAttempts(plan: SendPlan): number {
    return plan.stateChanging ? 1 : this.config.retry.attempts;
  }

  /** A failed attempt: told to the progress hook, and its journal row finished. */
  private async noteFailure(sent: Sent, interpreted: Failed): Promise<void> {
    const { ctx, attempt, durationMs } = sent;
    const { error } = interpreted;
    this.deps.onEvent?.({
      type: 'answer',
      infno: ctx.infno,
      msgid: ctx.msgid,
      attempt,
      status: interpreted.status,
      code: error.code,
      durationMs,
    });
    if (ctx.journaled) await this.recorder!.failed(sent, interpreted);
  }

  /** A refusal that says the center has no sign-in of ours (only when the client signs in itself). */
  private lostSignIn(infno: string, interpreted: Failed): boolean {
    const { error } = interpreted;
    return (
      error.code === 'CENTER_REFUSED' &&
      infno !== '9001' &&
      infno !== '9002' &&
      this.config.signIn === 'auto' &&
      SIGN_IN_REFUSAL.test(String(error.details.err_msg ?? ''))
    );
  }

  private async waitToRetry(sent: Sent, interpreted: Failed): Promise<void> {
    const { ctx, attempt } = sent;
    const delayMs = this.backoff(attempt);
    this.deps.onEvent?.({
      type: 'retry',
      infno: ctx.infno,
      msgid: ctx.msgid,
      attempt,
      code: interpreted.error.code,
      delayMs,
    });
    await this.sleep(delayMs);
  }

  /** A download's answer: the file's bytes. */
  private fileReply<T>(sent: Sent, bytes: Buffer): Exchange<T> {
    const { ctx, attempt, durationMs } = sent;
    const { infno, msgid } = ctx;
    this.deps.onEvent?.({ type: 'answer', infno, msgid, attempt, status: 'ok', durationMs });
    return {
      reply: {
        infno,
        msgid,
        inf_refmsgid: null,
        warn_msg: null,
        attempts: attempt,
        durationMs,
        result: bytes as unknown as T,
      },
    };
  }

  /** One attempt: a fresh msgid and envelope, journaled first when state-changing, sent, interpreted, its latency noted. */
  private async send(plan: SendPlan, opts: CallOptions, attempt: number, sign_no: string): Promise<Sent> {
    const { infno, wire } = plan;
    const { msgid, now } = await this.msgids.next();
    const journaled = plan.stateChanging && this.calls !== undefined;
    const ctx: CallContext = {
      infno,
      name: plan.name,
      msgid,
      url: plan.shownUrl,
      stateChanging: plan.stateChanging,
      attempts: attempt,
      journaled,
    };
    const args = {
      infno,
      msgid,
      now,
      sign_no,
      insuplc_admdvs: opts.insuplc_admdvs,
      utcOffsetMinutes: this.config.utcOffsetMinutes,
    };
    const text = wireText(plan);
    const body = this.channel
      ? JSON.stringify(sealRequest(buildRequestEnvelope(plan.common, { ...args, input: wire }), this.channel))
      : requestEnvelopeText(plan.common, args, text.text);
    if (journaled) await this.recorder!.begin(ctx, wire, now, opts.requestDigest, text.whole ? text.text : undefined);
    const headers = { ...HEADERS, ...this.signer.headers({ infno, now }) };
    this.deps.onEvent?.({ type: 'send', infno, msgid, attempt });
    const t0 = performance.now();
    let interpreted: Interpreted;
    let http: HttpReply | undefined;
    try {
      http = await this.transport.post(plan.url, headers, body, plan.timeoutMs);
      interpreted = interpretReply(ctx, http, {
        mode: plan.mode,
        retRslt: plan.retRslt,
        acceptRejection: opts.acceptRejection === true,
        channel: this.channel,
        secret: this.config.gateway.secret,
      });
    } catch (e) {
      if (!(e instanceof TransportFailure)) throw e;
      const error = transportError(ctx, e, plan.timeoutMs);
      interpreted = { kind: 'error', error, status: e.delivery === 'no' ? 'failed' : 'unknown', retryable: true };
    }
    const durationMs = Math.round(performance.now() - t0);
    const finishedAt = this.clock().toISOString();
    await this.latency?.note({
      at: finishedAt,
      infno,
      fixmedins_code: this.config.fixmedins_code,
      run_id: this.deps.runId ?? null,
      duration_ms: durationMs,
      // A refusal (infcode -1) is the center answering: `refused`, not a failure of the center.
      status:
        interpreted.kind !== 'error'
          ? 'ok'
          : interpreted.error.code === 'CENTER_REFUSED' || interpreted.error.code === 'CENTER_REJECTED'
            ? 'refused'
            : interpreted.status,
      code: interpreted.kind === 'error' ? interpreted.error.code : null,
    });
    return { ctx, attempt, interpreted, http, durationMs, finishedAt };
  }

  /** An answered attempt: journaled as done, then parsed (a parse failure is a bad response). */
  private async succeed<T>(
    sent: Sent,
    interpreted: Extract<Interpreted, { kind: 'ok' }>,
    wire: Input,
    parse: (output: Output) => T,
  ): Promise<Exchange<T>> {
    const { ctx, durationMs, attempt } = sent;
    const { output } = interpreted;
    if (ctx.journaled) await this.recorder!.answered(sent, interpreted.inf_refmsgid, wire, output);
    this.deps.onEvent?.({ type: 'answer', infno: ctx.infno, msgid: ctx.msgid, attempt, status: 'ok', durationMs });
    let result: T;
    try {
      result = parse(output);
    } catch (e) {
      throw badResponseError(ctx, e);
    }
    return {
      reply: {
        infno: ctx.infno,
        msgid: ctx.msgid,
        inf_refmsgid: interpreted.inf_refmsgid,
        warn_msg: interpreted.warn_msg,
        attempts: attempt,
        durationMs,
        result,
      },
    };
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.config.retry;
    return backoffDelay(attempt, baseDelayMs, maxDelayMs, this.random);
  }

  // ---- sign-in (signIns.ts) ------------------------------------------------------------------

  /** The sign_no to send: from memory, from the journal (another process signed in today), or a fresh 9001. */
  signNo(): Promise<string> {
    return this.signIns.signNo();
  }

  /** Sign in now with 9001 (even when today's sign_no is known) and share it through the journal. */
  signIn(): Promise<CenterReply<{ sign_no: string; sign_time: string | null }>> {
    return this.signIns.signIn();
  }

  /** Sign out (9002) and forget today's sign_no. Nothing to do when not signed in. */
  signOut(): Promise<CenterReply<{ sign_time: string | null }> | undefined> {
    return this.signIns.signOut();
  }
}
