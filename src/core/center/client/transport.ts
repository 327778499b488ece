/**
 * HTTP POST over one keep-alive undici Agent, with certificate verification on and a per-call
 * timeout. Failures are classified by whether the request could have reached the center:
 * refused connections, DNS and TLS failures certainly did not; timeouts and resets may have.
 */
import type { Agent } from 'undici';
import { TransportFailure, type TransportKind, type Delivery } from './errors.js';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const NOT_SENT =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ERR_INVALID_URL)$/;
const TLS =
  /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|ERR_OSSL)/;
const TIMEOUT = /^(UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|ETIMEDOUT)$/;

function codesOf(e: unknown): string[] {
  const out: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') out.push(c);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

function messageOf(e: unknown): string {
  const parts: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur; i++) {
    if (cur instanceof Error)
      parts.push(`${(cur as { code?: string }).code ? `${(cur as { code?: string }).code}: ` : ''}${cur.message}`);
    cur = (cur as { cause?: unknown }).cause;
  }
  return parts.join(' ← ') || String(e);
}

export function classifyTransportError(e: unknown, timedOut: boolean): TransportFailure {
  const codes = codesOf(e);
  const reason = messageOf(e);
  let kind: TransportKind = 'reset';
  let delivery: Delivery = 'maybe';
  if (timedOut || codes.some((c) => TIMEOUT.test(c))) kind = 'timeout';
  else if (codes.some((c) => TLS.test(c))) {
    kind = 'tls';
    delivery = 'no';
  } else if (codes.some((c) => NOT_SENT.test(c))) {
    kind = 'unreachable';
    delivery = 'no';
  }
  return new TransportFailure(kind, delivery, reason);
}

interface TransportOptions {
  tlsCa?: string;
  /** Connections kept open per origin (default 32). */
  connections?: number;
}

/**
 * undici is loaded on the first call, not at import: commands that never talk to the center
 * (and `hisops --help`) do not pay for it.
 */
interface Undici {
  Agent: typeof import('undici').Agent;
  request: typeof import('undici').request;
}
let undiciP: Promise<Undici> | undefined;
const loadUndici = (): Promise<Undici> =>
  (undiciP ??= import('undici').then((u) => ({ Agent: u.Agent, request: u.request })));

export class Transport {
  private agent: Agent | undefined;
  private request: Undici['request'] | undefined;
  private closed = false;

  constructor(private readonly opts: TransportOptions = {}) {}

  /**
   * Load the HTTP library now, while the caller waits for something else (a job's first database
   * read): the first call does not pay for it then. Never rejects; a failure shows at that call.
   */
  warm(): Promise<void> {
    return this.ready().then(
      () => undefined,
      () => undefined,
    );
  }

  private async ready(): Promise<{ agent: Agent; request: Undici['request'] }> {
    if (!this.agent || !this.request) {
      const u = await loadUndici();
      this.request = u.request;
      this.agent ??= new u.Agent({
        connect: { rejectUnauthorized: true, ...(this.opts.tlsCa ? { ca: this.opts.tlsCa } : {}) },
        connections: this.opts.connections ?? 32,
        keepAliveTimeout: 4_000,
      });
    }
    return { agent: this.agent, request: this.request };
  }

  /** POST a body; resolves with any HTTP status, rejects with a TransportFailure. */
  async post(
    url: string,
    headers: Record<string, string>,
    body: string | Buffer,
    timeoutMs: number,
  ): Promise<HttpReply> {
    if (this.closed) throw new TransportFailure('unreachable', 'no', 'the center client is closed');
    const { agent, request } =
      this.agent && this.request ? { agent: this.agent, request: this.request } : await this.ready();
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    try {
      const res = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: agent,
        signal: ac.signal,
        headersTimeout: timeoutMs + 1_000,
        bodyTimeout: timeoutMs + 1_000,
      });
      const buf = Buffer.from(await res.body.arrayBuffer());
      return { status: res.statusCode, headers: res.headers, body: buf };
    } catch (e) {
      throw classifyTransportError(e, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const a = this.agent;
    if (a) await a.close().catch(() => a.destroy());
  }
}
