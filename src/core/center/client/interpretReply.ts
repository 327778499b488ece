/**
 * One HTTP reply of the center read as a result or a classified failure (pure): the file of a
 * download, a gateway or HTTP failure, a refusal, a sealed output opened (国密 channel), a 35xx
 * rejection. The client journals and retries on what this says.
 */
import type { HisopsError } from '../../errors.js';
import { decodeText } from '../../shared/index.js';
import {
  ChannelError,
  channelWords,
  openResponseOutput,
  verifyPlainOutput,
  type ChannelKeys,
} from '../protocol/channel.js';
import { classifyResponseBody, sniffFileBody, type ClassifiedBody, type Output } from '../protocol/envelope.js';
import { asStr, parseGoodsResult } from '../protocol/records.js';
import type { CallOutcome } from './callJournal.js';
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
  type CallContext,
} from './errors.js';
import type { HttpReply } from './transport.js';

export type Interpreted =
  | { kind: 'ok'; output: Output; inf_refmsgid: string | null; warn_msg: string | null }
  | { kind: 'file'; bytes: Buffer }
  | Failed;

/** A failed attempt: the error to throw, the journal status, whether a query may be sent again. */
export interface Failed {
  kind: 'error';
  error: HisopsError;
  status: 'failed' | 'unknown';
  retryable: boolean;
  extra?: Partial<CallOutcome>;
}

/** How one call's reply is to be read. */
interface ReadAs {
  mode: 'json' | 'file';
  /** A 35xx answer: ret_rslt says whether the center took the records. */
  retRslt: boolean;
  acceptRejection: boolean;
  /** The 国密 channel's keys when center.crypto is sm4. */
  channel: ChannelKeys | undefined;
  /** The gateway secret, hidden from the body quoted in an error. */
  secret: string | undefined;
}

type Envelope = Extract<ClassifiedBody, { kind: 'envelope' }>;

/** Turn an HTTP reply into a result or a classified failure. */
export function interpretReply(ctx: CallContext, http: HttpReply, as: ReadAs): Interpreted {
  const transient = http.status === 429 || http.status === 502 || http.status === 503 || http.status === 504;
  if (as.mode === 'file' && http.status >= 200 && http.status < 300) {
    const sniff = sniffFileBody(http.body);
    if (sniff !== 'json') return { kind: 'file', bytes: http.body };
  }
  const text = decodeText(http.body);
  const c = classifyResponseBody(text);
  if (c.kind === 'not-json') return notJson(ctx, http, text, as, transient);
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
  const opened = openOutput(ctx, c, text, inf_refmsgid, as.channel);
  if (opened.kind === 'error') return opened;
  return answered(ctx, c, opened.output, inf_refmsgid, as);
}

/** A body that is not JSON: the center's (or a proxy's) page, as an HTTP or not-JSON error. */
function notJson(ctx: CallContext, http: HttpReply, text: string, as: ReadAs, transient: boolean): Failed {
  const seen = {
    head: bodyHead(text, [as.secret]),
    bytes: http.body.length,
    contentType: headerText(http.headers['content-type']),
  };
  const error =
    http.status >= 200 && http.status < 300 ? notJsonError(ctx, http.status, seen) : httpError(ctx, http.status, seen);
  const definite = error.details.delivery === 'no';
  return {
    kind: 'error',
    error,
    status: definite ? 'failed' : 'unknown',
    retryable: transient || http.status >= 500,
  };
}

/** An answer with infcode 0, its output opened: a result, unless a download or a 35xx rejection. */
function answered(ctx: CallContext, c: Envelope, output: Output, inf_refmsgid: string | null, as: ReadAs): Interpreted {
  if (as.mode === 'file') {
    // infcode 0 but no file: the center had nothing to send or sent it in a shape we do not know.
    const error = badResponseError(ctx, new Error('the download answered with a JSON envelope instead of the file'));
    return { kind: 'error', error, status: 'failed', retryable: false };
  }
  if (as.retRslt) {
    const g = parseGoodsResult(output);
    if (!g.ok && !as.acceptRejection) {
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
function openOutput(
  ctx: CallContext,
  c: Envelope,
  raw: string,
  inf_refmsgid: string | null,
  channel: ChannelKeys | undefined,
): { kind: 'ok'; output: Output } | Failed {
  const env = c.envelope as unknown as Record<string, unknown>;
  const fail = (error: HisopsError): Failed => ({
    kind: 'error',
    error,
    status: 'unknown',
    retryable: false,
    extra: { output: raw, infcode: '0' },
  });
  if (c.sealed && !channel) return fail(encryptedNoKeyError(ctx, channelWords(env), inf_refmsgid));
  if (!channel) return { kind: 'ok', output: c.output };
  try {
    if (!c.sealed) {
      verifyPlainOutput(env, channel);
      return { kind: 'ok', output: c.output };
    }
    const v = openResponseOutput(env, channel);
    if (Array.isArray(v)) return { kind: 'ok', output: { data: v } };
    if (v === null || typeof v !== 'object')
      throw new ChannelError('decrypt', 'the decrypted output is not a JSON object');
    return { kind: 'ok', output: v as Output };
  } catch (e) {
    if (!(e instanceof ChannelError)) throw e;
    return fail(channelError(ctx, e.kind, e.message, inf_refmsgid));
  }
}

function headerText(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s.slice(0, 80) : undefined;
}
