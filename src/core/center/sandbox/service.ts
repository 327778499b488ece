/**
 * The center's protocol logic without HTTP: take a parsed request body, check it like a strict
 * center (envelope, msgid, area, sign-in, input fields), run the transaction in one ledger
 * transaction and build the response envelope. The HTTP server (server.ts) adds transport checks
 * and faults around it; tests can call it directly too.
 *
 * State-changing calls are remembered by msgid: the same msgid with the same infno and input
 * answers again with the first answer (no new rows); the same msgid with anything else is refused.
 */
import {
  describeProblems,
  formatDate,
  formatDateTime,
  isDateTime,
  isStateChanging,
  stamp17,
  transactionSpec,
  validateInput,
  validateRequestEnvelope,
  buildRefmsgid,
  type Problem,
} from '../protocol/index.js';
import { digestOf } from './canonical.js';
import { HANDLERS, NOT_OFFERED, notOfferedMessage, PREPARERS } from './dispatch.js';
import { Refusal, text, type Handler, type HandlerCtx, type ServiceOptions } from './handlers/context.js';
import { signInProblem } from './handlers/session.js';
import type { Ledger } from './ledger.js';

export interface ResponseBody {
  infcode: number;
  inf_refmsgid: string;
  refmsg_time: string;
  respond_time: string;
  err_msg: string | null;
  warn_msg: string | null;
  output: Record<string, unknown> | null;
  cainfo: string | null;
  signtype: string | null;
  /** The answer's encryption: '' for plain JSON (encrypted variants name theirs, e.g. SM4). */
  enctype: string;
}

/** The institution the demo and the examples use: always known. */
const DEMO_INSTITUTION = 'H43010000001';

export type ServiceAnswer =
  | { kind: 'envelope'; body: ResponseBody; infno: string | null; msgid: string | null; replayed?: boolean }
  | { kind: 'file'; bytes: Buffer; filename: string; infno: string; msgid: string };

/** err_msg is str 200 in the interface. */
const ERR_MAX = 200;

/**
 * An err_msg within ERR_MAX characters. Messages are written to fit (lists are compacted, see
 * notOfferedMessage); a longer one — a long list of field problems — is cut after its last whole
 * item (at "; " or a space), never inside a code or a word, and marked with "…".
 */
export function fitErrMsg(msg: string): string {
  const chars = Array.from(msg);
  if (chars.length <= ERR_MAX) return msg;
  const head = chars.slice(0, ERR_MAX - 1).join('');
  let cut = Math.max(head.lastIndexOf('; '), head.lastIndexOf('；'));
  if (cut <= ERR_MAX / 2) cut = head.lastIndexOf(' ');
  return `${cut > ERR_MAX / 2 ? head.slice(0, cut) : head}…`;
}

/** The sender msgid rule: the sender's fixmedins_code + yyyyMMddHHmmss + 4-digit sequence. */
export function msgidProblem(msgid: unknown, fixmedins_code: unknown): Problem | undefined {
  if (typeof msgid !== 'string' || msgid === '')
    return { path: 'msgid', kind: 'missing', message: 'msgid is required' };
  if (typeof fixmedins_code !== 'string' || fixmedins_code === '') return undefined;
  const rest = msgid.startsWith(fixmedins_code) ? msgid.slice(fixmedins_code.length) : null;
  if (rest === null)
    return {
      path: 'msgid',
      kind: 'format',
      message: `msgid must start with the sender's fixmedins_code ${fixmedins_code}`,
    };
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{4})$/.exec(rest);
  if (!m || !isDateTime(`${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]}`)) {
    return {
      path: 'msgid',
      kind: 'format',
      message: 'msgid must be fixmedins_code + yyyyMMddHHmmss (a real time) + a 4-digit sequence',
    };
  }
  return undefined;
}

export class CenterService {
  private serial = 0;

  constructor(
    readonly ledger: Ledger,
    readonly opts: ServiceOptions,
  ) {}

  private stamp(now: Date): string {
    return stamp17(now, this.opts.utcOffsetMinutes);
  }

  /** A response envelope. `received` is when the request arrived. */
  envelope(
    received: Date,
    now: Date,
    infcode: number,
    err_msg: string | null,
    output: Record<string, unknown> | null,
  ): ResponseBody {
    this.serial = (this.serial + 1) % 1e10;
    const msg = err_msg === null ? null : fitErrMsg(err_msg);
    return {
      infcode,
      inf_refmsgid: buildRefmsgid(this.opts.admdvs, now, this.serial, this.opts.utcOffsetMinutes),
      refmsg_time: this.stamp(received),
      respond_time: this.stamp(now),
      err_msg: msg,
      warn_msg: null,
      output,
      cainfo: null,
      signtype: null,
      enctype: '',
    };
  }

  private readonly known = new Set<string>();

  /** Is the institution registered here: given in the options, the demo's, or in the ledger? */
  knowsInstitution(fixmedins_code: string): boolean {
    if (
      this.known.has(fixmedins_code) ||
      fixmedins_code === DEMO_INSTITUTION ||
      this.opts.institutions.has(fixmedins_code)
    )
      return true;
    if (!this.ledger.hasInstitution(fixmedins_code)) return false;
    this.known.add(fixmedins_code);
    return true;
  }

  /** A refusal envelope (infcode -1). */
  refuse(
    received: Date,
    now: Date,
    err_msg: string,
    infno: string | null = null,
    msgid: string | null = null,
  ): ServiceAnswer {
    return { kind: 'envelope', body: this.envelope(received, now, -1, err_msg, null), infno, msgid };
  }

  /**
   * Answer one request body. `urlInfno` is the infno taken from the URL path when the client
   * appended it; `clock` gives the time (called at receipt and at the answer).
   */
  async handle(body: unknown, clock: () => Date, urlInfno?: string): Promise<ServiceAnswer> {
    const received = clock();
    const refuse = (msg: string, infno: string | null = null, msgid: string | null = null) =>
      this.refuse(received, clock(), msg, infno, msgid);
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      return refuse('请求报文格式错误：the request body must be a JSON object (the envelope)');
    const env = body as Record<string, unknown>;
    const infno = typeof env.infno === 'string' || typeof env.infno === 'number' ? String(env.infno).trim() : null;
    const msgid = typeof env.msgid === 'string' ? env.msgid : null;
    const problem = this.envelopeProblem(env, infno, urlInfno);
    if (problem !== undefined) return refuse(problem, infno, msgid);
    const ctx: HandlerCtx = {
      ledger: this.ledger,
      opts: this.opts,
      infno: infno!,
      msgid: msgid!,
      env,
      input: env.input as Record<string, unknown>,
      fixmedins_code: text(env, 'fixmedins_code'),
      fixmedins_name: text(env, 'fixmedins_name'),
      now: received,
      nowText: formatDateTime(received, this.opts.utcOffsetMinutes),
      today: formatDate(received, this.opts.utcOffsetMinutes),
    };
    if (this.opts.requireSignIn && infno !== '9001') {
      const p = signInProblem(ctx);
      if (p) return refuse(p, infno, msgid);
    }
    const inputProblems = validateInput(infno!, env.input, this.opts.validate);
    if (inputProblems.length) return refuse(`输入参数校验失败：${describeProblems(inputProblems)}`, infno, msgid);
    const prepare = PREPARERS[infno!];
    // (A call answered again from the ledger by its msgid needs nothing made.)
    if (prepare && !(isStateChanging(infno!) && this.ledger.getMessage(msgid!))) {
      try {
        ctx.prepared = await prepare(ctx);
      } catch (e) {
        return refuse(e instanceof Refusal ? e.err_msg : internalError(e), infno, msgid);
      }
    }
    return this.answer(ctx, HANDLERS[infno!]!, clock);
  }

  /**
   * What is wrong with an envelope before its input is read: its common fields and msgid, an infno
   * the URL contradicts or the sandbox does not offer, another division, an unknown institution.
   */
  private envelopeProblem(
    env: Record<string, unknown>,
    infno: string | null,
    urlInfno: string | undefined,
  ): string | undefined {
    const problems = validateRequestEnvelope(env, this.opts.validate).filter(
      (p) => p.path !== 'msgid' && !(p.path === 'sign_no' && !this.opts.requireSignIn),
    );
    const mp = msgidProblem(env.msgid, env.fixmedins_code);
    if (mp) problems.unshift(mp);
    if (problems.length) return `请求报文校验失败：${describeProblems(problems)}`;
    if (urlInfno !== undefined && urlInfno !== infno)
      return `交易编号不一致：the URL names ${urlInfno} but the envelope's infno is ${infno}`;
    if (!HANDLERS[infno!])
      return transactionSpec(infno!) || NOT_OFFERED.has(infno!)
        ? notOfferedMessage(infno!)
        : `交易编号 ${infno} 不存在 (unknown infno ${infno})`;
    const admvs = text(env, 'mdtrtarea_admvs');
    if (admvs !== this.opts.admdvs)
      return `就医地医保区划 ${admvs} 不属于本中心 (this center serves ${this.opts.admdvs}: set mdtrtarea_admvs to it)`;
    const fixmedins_code = text(env, 'fixmedins_code');
    if (!this.knowsInstitution(fixmedins_code))
      return `机构编号 ${fixmedins_code} 未在本中心登记 (the sandbox does not know institution ${fixmedins_code}: add it with hisops center serve --institution ${fixmedins_code})`;
    return undefined;
  }

  /**
   * Run the handler in one ledger transaction. A state-changing call is kept by msgid: the same
   * msgid and input again is answered from the ledger (replayed), another input with it refused.
   */
  private answer(ctx: HandlerCtx, handler: Handler, clock: () => Date): ServiceAnswer {
    const { infno, msgid, now: received } = ctx;
    const refuse = (msg: string) => this.refuse(received, clock(), msg, infno, msgid);
    const changing = isStateChanging(infno);
    // The input's record texts are kept for the handler (a 35xx record's own digest): the input is not changed meanwhile.
    if (changing) ctx.texts = new WeakMap<object, string>();
    const digest = changing ? digestOf({ infno, input: ctx.env.input }, ctx.texts) : '';
    if (changing) {
      const prior = this.ledger.getMessage(msgid);
      if (prior) {
        if (prior.infno === infno && prior.digest === digest && prior.fixmedins_code === ctx.fixmedins_code) {
          return {
            kind: 'envelope',
            body: this.envelope(received, clock(), 0, null, (prior.output as Record<string, unknown>) ?? {}),
            infno,
            msgid,
            replayed: true,
          };
        }
        return refuse(
          `报文ID重复：msgid ${msgid} 已用于 ${prior.infno} 交易 (${prior.received_at})；每次调用须使用新的报文ID`,
        );
      }
    }
    try {
      const result = this.ledger.transaction(() => {
        const r = handler(ctx);
        if (changing && 'output' in r) {
          this.ledger.recordMessage({
            msgid,
            infno,
            fixmedins_code: ctx.fixmedins_code,
            psn_no: r.psn_no ?? null,
            digest,
            received_at: ctx.nowText,
            output: r.output,
            created: r.created ?? null,
            source: 'wire',
          });
        }
        return r;
      });
      if ('file' in result) return { kind: 'file', bytes: result.file, filename: result.filename, infno, msgid };
      return { kind: 'envelope', body: this.envelope(received, clock(), 0, null, result.output), infno, msgid };
    } catch (e) {
      return refuse(e instanceof Refusal ? e.err_msg : internalError(e));
    }
  }
}

/** The refusal text of a failure that is not a refusal (a sandbox bug). */
function internalError(e: unknown): string {
  return `中心内部错误：${(e as Error)?.message ?? String(e)} (a sandbox bug: report it with the request)`;
}
