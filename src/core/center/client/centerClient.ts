/**
 * The center client: one object per configuration, holding the HTTP agent, the msgid allocator
 * and the sign-in. `exchange` is the one path every call takes:
 *
 *   validate input → (sign in) → msgid → envelope → [journal: pending] → POST → classify →
 *   [journal: ok | failed | unknown] → typed result or HisopsError
 *
 * Queries are retried with exponential back-off on transport failures (a fresh msgid per
 * attempt); state-changing calls are sent once and never repeated by the client.
 */
import { performance } from 'node:perf_hooks';
import { HisopsError, EXIT, inputError } from '../../errors.js';
import {
  ChannelError,
  channelWords,
  openResponseOutput,
  sealRequest,
  verifyPlainOutput,
  type ChannelKeys,
} from '../protocol/channel.js';
import {
  buildRequestEnvelope,
  classifyResponseBody,
  sniffFileBody,
  type ClassifiedBody,
  type EnvelopeCommon,
  type Input,
  type Output,
} from '../protocol/envelope.js';
import { asObject, asStr, outputNode, parseGoodsResult, parseSignIn, pick } from '../protocol/records.js';
import { formatDate } from '../protocol/time.js';
import { transactionSpec, type TransactionKind } from '../protocol/transactions.js';
import { decodeText } from '../../shared/index.js';
import { describeProblems, validateInput } from '../protocol/validate.js';
import { toWireInput } from '../protocol/wire.js';
import {
  CenterCallJournal,
  CENTER_SIGNINS_TABLE,
  isUniqueViolation,
  type CallOutcome,
  type JournalLike,
} from './callJournal.js';
import {
  redactUrl,
  resolveCenterConfig,
  timeoutFor,
  urlFor,
  type CenterConfig,
  type ResolvedCenterConfig,
} from './config.js';
import {
  badResponseError,
  bodyHead,
  channelError,
  encryptedNoKeyError,
  gatewayError,
  httpError,
  notJsonError,
  refusedError,
  rejectedError,
  transportError,
  TransportFailure,
  type CallContext,
} from './errors.js';
import { makeSigner, type GatewaySigner } from './gateway.js';
import { LatencyJournal } from './latencyJournal.js';
import { MsgidAllocator } from './msgidAllocator.js';
import { redactInput, requestDigest } from './redact.js';
import { Transport, type HttpReply } from './transport.js';
import type { CallOptions, CenterReply } from './types.js';
import { backoffDelay } from '../../shared/index.js';

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

type Interpreted =
  | { kind: 'ok'; output: Output; inf_refmsgid: string | null; warn_msg: string | null }
  | { kind: 'file'; bytes: Buffer }
  | {
      kind: 'error';
      error: HisopsError;
      status: 'failed' | 'unknown';
      retryable: boolean;
      extra?: Partial<CallOutcome>;
    };

interface Exchange<T> {
  reply: CenterReply<T>;
}

/** What every attempt of one call shares. */
interface SendPlan {
  infno: string;
  name: string;
  wire: Input;
  url: string;
  /** The address as errors show it (credentials hidden). */
  shownUrl: string;
  stateChanging: boolean;
  mode: 'json' | 'file';
  timeoutMs: number;
  common: EnvelopeCommon;
  retRslt: boolean;
}

/** One attempt's outcome, timed. */
interface Sent {
  ctx: CallContext;
  attempt: number;
  interpreted: Interpreted;
  http: HttpReply | undefined;
  durationMs: number;
  finishedAt: string;
}

/** err_msg of a refusal caused by a missing or stale sign-in. */
const SIGN_IN_REFUSAL = /签到|sign_no|sign-in|signin|sign in/i;

const HEADERS = {
  'content-type': 'application/json;charset=utf-8',
  accept: 'application/json, application/octet-stream, */*',
};

function idsFrom(
  input: Input,
  output?: Output,
): { psn_no: string | null; mdtrt_id: string | null; setl_id: string | null; ref_msgid: string | null } {
  let psn_no: string | null = null;
  let mdtrt_id: string | null = null;
  let setl_id: string | null = null;
  let ref_msgid: string | null = null;
  for (const v of Object.values(input)) {
    const o = asObject(v);
    if (!o || Array.isArray(v)) continue;
    psn_no ??= asStr(o.psn_no);
    mdtrt_id ??= asStr(o.mdtrt_id) ?? asStr(o.mdtrt_sn);
    setl_id ??= asStr(o.setl_id);
    ref_msgid ??= asStr(o.omsgid);
  }
  if (output) {
    const s = asObject(outputNode(output, 'setlinfo'));
    if (s) {
      setl_id = asStr(pick(s, 'setl_id')) ?? setl_id;
      mdtrt_id ??= asStr(pick(s, 'mdtrt_id'));
      psn_no ??= asStr(pick(s, 'psn_no'));
    }
  }
  return { psn_no, mdtrt_id, setl_id, ref_msgid };
}

export class CenterClient {
  readonly config: ResolvedCenterConfig;
  readonly calls: CenterCallJournal | undefined;
  /** Every attempt's duration and outcome (queries too), for center stats and center watch. */
  private readonly latency: LatencyJournal | undefined;
  private readonly transport: Transport;
  private readonly signer: GatewaySigner;
  private readonly msgids: MsgidAllocator;
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly common: EnvelopeCommon;
  /** The 国密 channel's keys when center.crypto is sm4 (memory only). */
  private readonly channel: ChannelKeys | undefined;
  private sign: { day: string; sign_no: string } | undefined;
  private signing: Promise<string> | undefined;
  private signinsEnsured = false;

  constructor(
    config: CenterConfig,
    private readonly deps: CenterDeps = {},
  ) {
    this.config = resolveCenterConfig(config);
    this.clock = deps.clock ?? (() => new Date());
    this.sleep = deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = deps.random ?? Math.random;
    this.calls = deps.journal ? new CenterCallJournal(deps.journal) : undefined;
    this.latency = deps.journal ? new LatencyJournal(deps.journal) : undefined;
    this.transport = new Transport({ tlsCa: this.config.tlsCa });
    this.signer = makeSigner(this.config.gateway, deps.nonce);
    this.channel = this.config.crypto.kind === 'sm4' ? this.config.crypto.keys : undefined;
    this.msgids = new MsgidAllocator({
      fixmedins_code: this.config.fixmedins_code,
      clock: this.clock,
      utcOffsetMinutes: this.config.utcOffsetMinutes,
      journal: deps.journal,
      sleep: deps.sleep,
    });
    const c = this.config;
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

  /** Refuse before sending: an input that fails its field table, or a state change with no journal to record it. */
  private checkBeforeSend(infno: string, name: string, wire: Input, validate: boolean, stateChanging: boolean): void {
    if (validate) {
      const problems = validateInput(infno, wire, { extraCodes: this.config.extraCodes });
      if (problems.length) {
        throw inputError(
          'CENTER_INPUT_INVALID',
          `The ${infno} ${name} request was not sent: ${describeProblems(problems)}`,
          'Correct the record named above (or the HIS profile statement that produced it) and run again.',
          undefined,
          { infno, problems },
        ).zh(
          `${infno} ${name} 请求未发送：${describeProblems(problems)}`,
          '请更正上面指出的记录（或生成它的 HIS 接口配置语句）后再次运行。',
        );
      }
    }
    if (stateChanging && !this.calls && !this.deps.allowUnjournaled) {
      throw inputError(
        'CENTER_NO_JOURNAL',
        `${infno} ${name} changes state at the center and needs the journal to record it first`,
        'Open the journal (journal.url) and pass it to the center client; hisops never sends a settlement it has not recorded.',
        undefined,
        { infno },
      ).zh(
        `${infno} ${name} 会改变医保中心的状态，须先记入日志`,
        '请打开日志库（journal.url）并传给中心客户端；hisops 不会发送未记入日志的结算。',
      );
    }
  }

  private async exchange<T>(
    infno: string,
    input: Input,
    opts: CallOptions,
    mode: 'json' | 'file',
    parse: (output: Output) => T,
  ): Promise<Exchange<T>> {
    const spec = transactionSpec(infno);
    const kind: TransactionKind = opts.kind ?? spec?.kind ?? 'change';
    const stateChanging = kind === 'change';
    const name = spec?.name ?? `transaction ${infno}`;
    const wire = opts.wireReady ? input : toWireInput(infno, input);
    this.checkBeforeSend(
      infno,
      name,
      wire,
      this.config.validateRequests && spec !== undefined && !opts.skipValidation,
      stateChanging,
    );
    let sign_no = infno === '9001' ? '' : await this.signNo();
    let resigned = false;
    const url = urlFor(this.config, infno);
    const plan: SendPlan = {
      infno,
      name,
      wire,
      url,
      shownUrl: redactUrl(url),
      stateChanging,
      mode,
      timeoutMs: opts.timeoutMs ?? timeoutFor(this.config, infno),
      common: opts.recer_sys_code ? { ...this.common, recer_sys_code: opts.recer_sys_code } : this.common,
      retRslt: spec?.retRslt === true,
    };
    const maxAttempts = stateChanging ? 1 : this.config.retry.attempts;

    for (let attempt = 1; ; attempt++) {
      const sent = await this.send(plan, opts, attempt, sign_no);
      const { ctx, interpreted, durationMs } = sent;
      const { msgid } = ctx;
      if (interpreted.kind === 'error') {
        const { error } = interpreted;
        this.deps.onEvent?.({
          type: 'answer',
          infno,
          msgid,
          attempt,
          status: interpreted.status,
          code: error.code,
          durationMs,
        });
        if (ctx.journaled) await this.journalFailure(sent, interpreted);
        // A center that lost our sign-in (restarted, or the day rolled over on its side) refuses
        // with a sign-in message; a refusal means nothing was done, so sign in again and resend once.
        if (
          error.code === 'CENTER_REFUSED' &&
          !resigned &&
          infno !== '9001' &&
          infno !== '9002' &&
          this.config.signIn === 'auto' &&
          SIGN_IN_REFUSAL.test(String(error.details.err_msg ?? ''))
        ) {
          resigned = true;
          sign_no = (await this.signIn()).result.sign_no;
          continue;
        }
        if (!stateChanging && interpreted.retryable && attempt < maxAttempts) {
          const delayMs = this.backoff(attempt);
          this.deps.onEvent?.({ type: 'retry', infno, msgid, attempt, code: error.code, delayMs });
          await this.sleep(delayMs);
          continue;
        }
        throw error;
      }
      if (interpreted.kind === 'file') {
        this.deps.onEvent?.({ type: 'answer', infno, msgid, attempt, status: 'ok', durationMs });
        return {
          reply: {
            infno,
            msgid,
            inf_refmsgid: null,
            warn_msg: null,
            attempts: attempt,
            durationMs,
            result: interpreted.bytes as unknown as T,
          },
        };
      }
      return this.succeed(sent, interpreted, wire, parse);
    }
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
    const env = buildRequestEnvelope(plan.common, {
      infno,
      msgid,
      input: wire,
      now,
      sign_no,
      insuplc_admdvs: opts.insuplc_admdvs,
      utcOffsetMinutes: this.config.utcOffsetMinutes,
    });
    const body = JSON.stringify(this.channel ? sealRequest(env, this.channel) : env);
    if (journaled) await this.begin(ctx, wire, now, opts.requestDigest);
    const headers = { ...HEADERS, ...this.signer.headers({ infno, now }) };
    this.deps.onEvent?.({ type: 'send', infno, msgid, attempt });
    const t0 = performance.now();
    let interpreted: Interpreted;
    let http: HttpReply | undefined;
    try {
      http = await this.transport.post(plan.url, headers, body, plan.timeoutMs);
      interpreted = this.interpret(ctx, http, plan.mode, plan.retRslt, opts.acceptRejection === true);
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

  /** A failed attempt's journal row (a journal that cannot be updated is noted on the error, not thrown). */
  private async journalFailure(sent: Sent, interpreted: Extract<Interpreted, { kind: 'error' }>): Promise<void> {
    const { error } = interpreted;
    await this.finish(sent.ctx, {
      status: interpreted.status,
      finished_at: sent.finishedAt,
      duration_ms: sent.durationMs,
      http_status: sent.http?.status ?? null,
      error: JSON.stringify({ code: error.code, summary: error.summary, why: error.why ?? null }),
      infcode:
        (error.details.infcode as number | null | undefined) === undefined ? null : String(error.details.infcode),
      err_msg: (error.details.err_msg as string | undefined) ?? (error.details.msgRslt as string | undefined) ?? null,
      inf_refmsgid: (error.details.inf_refmsgid as string | undefined) ?? null,
      ...interpreted.extra,
    }).catch((je) => {
      error.details.journal = `not updated: ${je instanceof Error ? je.message : String(je)}`;
    });
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
    if (ctx.journaled) {
      const ids = idsFrom(wire, output);
      await this.finish(ctx, {
        status: 'ok',
        finished_at: sent.finishedAt,
        duration_ms: durationMs,
        http_status: sent.http?.status ?? null,
        infcode: '0',
        output: JSON.stringify(output),
        inf_refmsgid: interpreted.inf_refmsgid,
        err_msg: null,
        setl_id: ids.setl_id,
        mdtrt_id: ids.mdtrt_id,
        psn_no: ids.psn_no,
      });
    }
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

  /** Turn an HTTP reply into a result or a classified failure. */
  private interpret(
    ctx: CallContext,
    http: HttpReply,
    mode: 'json' | 'file',
    retRslt: boolean,
    acceptRejection: boolean,
  ): Interpreted {
    const transient = http.status === 429 || http.status === 502 || http.status === 503 || http.status === 504;
    if (mode === 'file' && http.status >= 200 && http.status < 300) {
      const sniff = sniffFileBody(http.body);
      if (sniff !== 'json') return { kind: 'file', bytes: http.body };
    }
    const text = decodeText(http.body);
    const c = classifyResponseBody(text);
    if (c.kind === 'not-json') {
      const seen = {
        head: bodyHead(text, [this.config.gateway.secret]),
        bytes: http.body.length,
        contentType: headerText(http.headers['content-type']),
      };
      const error =
        http.status >= 200 && http.status < 300
          ? notJsonError(ctx, http.status, seen)
          : httpError(ctx, http.status, seen);
      const definite = error.details.delivery === 'no';
      return {
        kind: 'error',
        error,
        status: definite ? 'failed' : 'unknown',
        retryable: transient || http.status >= 500,
      };
    }
    if (c.kind === 'gateway') {
      const definite = http.status === 401 || http.status === 403;
      const error = gatewayError(ctx, http.status, c.message, c.code);
      if (definite) error.details.delivery = 'no';
      return { kind: 'error', error, status: definite ? 'failed' : 'unknown', retryable: transient };
    }
    const inf_refmsgid = asStr(c.envelope.inf_refmsgid);
    if (c.infcode !== 0) {
      return {
        kind: 'error',
        error: refusedError(ctx, c.infcode, c.err_msg, inf_refmsgid, c.envelope.infcode),
        status: 'failed',
        retryable: false,
      };
    }
    const opened = this.openOutput(ctx, c, text, inf_refmsgid);
    if (opened.kind === 'error') return opened;
    const output = opened.output;
    if (mode === 'file') {
      // infcode 0 but no file: the center had nothing to send or sent it in a shape we do not know.
      const error = badResponseError(ctx, new Error('the download answered with a JSON envelope instead of the file'));
      return { kind: 'error', error, status: 'failed', retryable: false };
    }
    if (retRslt) {
      const g = parseGoodsResult(output);
      if (!g.ok && !acceptRejection) {
        return {
          kind: 'error',
          error: rejectedError(ctx, g.retRslt, g.msgRslt, inf_refmsgid),
          status: 'failed',
          retryable: false,
          extra: { output: JSON.stringify(output) },
        };
      }
    }
    return { kind: 'ok', output, inf_refmsgid, warn_msg: c.warn_msg };
  }

  /**
   * A success answer's output, opened when it is sealed (国密 channel) and verified when the
   * center's key is configured. A sealed answer that cannot be opened is an error whose journal
   * row keeps the raw body — never an empty success. Status `unknown`: the center carried the
   * call out, and what it decided has not been read.
   */
  private openOutput(
    ctx: CallContext,
    c: Extract<ClassifiedBody, { kind: 'envelope' }>,
    raw: string,
    inf_refmsgid: string | null,
  ): { kind: 'ok'; output: Output } | Extract<Interpreted, { kind: 'error' }> {
    const env = c.envelope as unknown as Record<string, unknown>;
    const fail = (error: HisopsError): Extract<Interpreted, { kind: 'error' }> => ({
      kind: 'error',
      error,
      status: 'unknown',
      retryable: false,
      extra: { output: raw, infcode: '0' },
    });
    if (c.sealed && !this.channel) return fail(encryptedNoKeyError(ctx, channelWords(env), inf_refmsgid));
    if (!this.channel) return { kind: 'ok', output: c.output };
    try {
      if (!c.sealed) {
        verifyPlainOutput(env, this.channel);
        return { kind: 'ok', output: c.output };
      }
      const v = openResponseOutput(env, this.channel);
      if (Array.isArray(v)) return { kind: 'ok', output: { data: v } };
      if (v === null || typeof v !== 'object')
        throw new ChannelError('decrypt', 'the decrypted output is not a JSON object');
      return { kind: 'ok', output: v as Output };
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      return fail(channelError(ctx, e.kind, e.message, inf_refmsgid));
    }
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.config.retry;
    return backoffDelay(attempt, baseDelayMs, maxDelayMs, this.random);
  }

  private async begin(ctx: CallContext, wire: Input, now: Date, digest: string | undefined): Promise<void> {
    const ids = idsFrom(wire);
    try {
      await this.calls!.begin({
        msgid: ctx.msgid,
        infno: ctx.infno,
        fixmedins_code: this.config.fixmedins_code,
        opter: this.config.opter,
        run_id: this.deps.runId ?? null,
        request_digest: digest ?? requestDigest(ctx.infno, wire),
        request: JSON.stringify(redactInput(wire)),
        ...ids,
        created_at: now.toISOString(),
      });
    } catch (e) {
      throw new HisopsError({
        code: 'CENTER_JOURNAL',
        summary: `Could not record ${ctx.infno} ${ctx.name} (msgid ${ctx.msgid}) in the journal, so it was not sent`,
        why: e instanceof Error ? e.message : String(e),
        fix: 'Check the journal database (journal.url) and run again; nothing was sent to the center.',
        details: { infno: ctx.infno, msgid: ctx.msgid, delivery: 'no' },
        exit: EXIT.external,
        cause: e,
      }).zh(
        `无法将 ${ctx.infno} ${ctx.name}（msgid ${ctx.msgid}）记入日志，因此未发送`,
        '请检查日志库（journal.url）后再次运行；没有向医保中心发送任何内容。',
      );
    }
  }

  private async finish(ctx: CallContext, outcome: CallOutcome): Promise<void> {
    let last: unknown;
    for (let i = 0; i < 3; i++) {
      try {
        await this.calls!.finish(ctx.msgid, outcome);
        return;
      } catch (e) {
        last = e;
        await this.sleep(50 * (i + 1));
      }
    }
    throw new HisopsError({
      code: 'CENTER_JOURNAL_UPDATE',
      summary: `The center answered ${ctx.infno} ${ctx.name} (msgid ${ctx.msgid}: ${outcome.status}) but the journal could not be updated`,
      why: last instanceof Error ? last.message : String(last),
      fix: `The journal still shows msgid ${ctx.msgid} as pending; the stuck-settlement job (hisops settle) will query the center and resolve it. Check the journal database.`,
      details: { infno: ctx.infno, msgid: ctx.msgid, outcome: outcome.status, delivery: 'yes' },
      exit: EXIT.external,
      cause: last,
    }).zh(
      `医保中心已应答 ${ctx.infno} ${ctx.name}（msgid ${ctx.msgid}：${outcome.status}），但日志未能更新`,
      `日志中 msgid ${ctx.msgid} 仍为待确认；单边账处理（hisops settle）会向医保中心查询并处理。请检查日志库。`,
    );
  }

  // ---- sign-in -------------------------------------------------------------------------------

  /** The sign_no to send: from memory, from the journal (another process signed in today), or a fresh 9001. */
  async signNo(): Promise<string> {
    if (this.config.signIn === 'off') return '';
    const day = formatDate(this.clock(), this.config.utcOffsetMinutes);
    if (this.sign && this.sign.day === day) return this.sign.sign_no;
    if (!this.signing) {
      this.signing = (async () => {
        const stored = await this.storedSignIn(day);
        if (stored) {
          this.sign = { day, sign_no: stored };
          return stored;
        }
        const r = await this.signInCall();
        const sign_no = await this.storeSignIn(day, r.sign_no, r.sign_time, false);
        this.sign = { day, sign_no };
        return sign_no;
      })().finally(() => {
        this.signing = undefined;
      });
    }
    return this.signing;
  }

  /** Sign in now with 9001 (even when today's sign_no is known) and share it through the journal. */
  async signIn(): Promise<CenterReply<{ sign_no: string; sign_time: string | null }>> {
    const reply = await this.request(
      '9001',
      { signIn: { opter_no: this.config.opter, mac: this.config.mac ?? '', ip: this.config.ip ?? '127.0.0.1' } },
      parseSignIn,
    );
    const day = formatDate(this.clock(), this.config.utcOffsetMinutes);
    await this.storeSignIn(day, reply.result.sign_no, reply.result.sign_time, true);
    this.sign = { day, sign_no: reply.result.sign_no };
    this.deps.onEvent?.({ type: 'signin', infno: '9001', msgid: reply.msgid, status: 'ok' });
    return reply;
  }

  private async signInCall(): Promise<{ sign_no: string; sign_time: string | null }> {
    const reply = await this.request(
      '9001',
      { signIn: { opter_no: this.config.opter, mac: this.config.mac ?? '', ip: this.config.ip ?? '127.0.0.1' } },
      parseSignIn,
    );
    this.deps.onEvent?.({ type: 'signin', infno: '9001', msgid: reply.msgid, status: 'ok' });
    return reply.result;
  }

  /** Sign out (9002) and forget today's sign_no. Nothing to do when not signed in. */
  async signOut(): Promise<CenterReply<{ sign_time: string | null }> | undefined> {
    if (this.config.signIn === 'off') return undefined;
    const day = formatDate(this.clock(), this.config.utcOffsetMinutes);
    const sign_no = this.sign?.day === day ? this.sign.sign_no : await this.storedSignIn(day);
    if (!sign_no) return undefined;
    this.sign = { day, sign_no };
    const reply = await this.request('9002', { signOut: { sign_no, opter_no: this.config.opter } }, (o) => ({
      sign_time: asStr(pick(asObject(outputNode(o, 'signoutoutb', 'sign_time')) ?? {}, 'sign_time')),
    }));
    this.sign = undefined;
    if (this.deps.journal) {
      await this.ensureSignins();
      await this.deps.journal
        .knex(CENTER_SIGNINS_TABLE.name)
        .where({ fixmedins_code: this.config.fixmedins_code, opter: this.config.opter, sign_day: day })
        .update({ signed_out_at: this.clock().toISOString() });
    }
    return reply;
  }

  private async ensureSignins(): Promise<void> {
    if (this.signinsEnsured || !this.deps.journal) return;
    await this.deps.journal.ensure(CENTER_SIGNINS_TABLE);
    this.signinsEnsured = true;
  }

  private async storedSignIn(day: string): Promise<string | undefined> {
    if (!this.deps.journal) return undefined;
    await this.ensureSignins();
    const row = await this.deps.journal
      .knex(CENTER_SIGNINS_TABLE.name)
      .where({ fixmedins_code: this.config.fixmedins_code, opter: this.config.opter, sign_day: day })
      .whereNull('signed_out_at')
      .first();
    return row ? String(row.sign_no) : undefined;
  }

  /**
   * Record a sign-in. When another process recorded one for today first, its sign_no is used
   * (unless `overwrite`), so that every process shares one; returns the sign_no to use.
   */
  private async storeSignIn(
    day: string,
    sign_no: string,
    sign_time: string | null,
    overwrite: boolean,
  ): Promise<string> {
    const j = this.deps.journal;
    if (!j) return sign_no;
    await this.ensureSignins();
    const key = { fixmedins_code: this.config.fixmedins_code, opter: this.config.opter, sign_day: day };
    const row = { sign_no, sign_time, signed_in_at: this.clock().toISOString(), signed_out_at: null };
    try {
      await j.knex(CENTER_SIGNINS_TABLE.name).insert({ ...key, ...row });
      return sign_no;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const q = j.knex(CENTER_SIGNINS_TABLE.name).where(key);
    if (!overwrite) q.whereNotNull('signed_out_at');
    await q.update(row);
    const current = await j.knex(CENTER_SIGNINS_TABLE.name).where(key).first();
    return current ? String(current.sign_no) : sign_no;
  }
}

function headerText(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 80) : undefined;
}
