/**
 * The sandbox's answer to one HTTP request: transport checks (transport.ts), the 国密 channel,
 * the fault plan, then the service. It never throws an answer away: every failure is an answer
 * (an infcode -1 envelope, or the gateway-style body a real gateway would send) or, when a fault
 * says so, a dropped or held connection. The counters and the per-request event are kept here.
 */
import type http from 'node:http';
import { ChannelError, isSealedNode, openRequest, sealResponse } from '../protocol/channel.js';
import type { FaultDecision, FaultPlan } from './faults.js';
import type { SandboxEvent, SandboxOptions, SandboxStats } from './sandboxOptions.js';
import type { CenterService, ResponseBody } from './service.js';
import { readJsonBody, routeOf, SERVICE_PATH, tifGate } from './transport.js';

const JSON_TYPE = 'application/json;charset=utf-8';

type Outcome = 'ok' | 'refused' | 'other';

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One request in flight: its event, and the ways it can be answered (each records the outcome). */
interface Reply {
  ev: SandboxEvent;
  received: Date;
  finish(outcome: Outcome): void;
  envelope(status: number, body: ResponseBody): void;
  /** A refusal before the body became an envelope (path, method, size, content type, UTF-8, JSON). */
  refuse(status: number, msg: string): void;
  /** Drop the connection (`reset`) or hold it open unanswered. */
  drop(how: 'hold' | 'reset' | undefined): void;
}

export class SandboxFront {
  readonly stats: SandboxStats = {
    requests: 0,
    ok: 0,
    refused: 0,
    files: 0,
    replayed: 0,
    sealed: 0,
    faults: {},
    byInfno: {},
  };
  /** Responses held open by a timeout fault (destroyed on close). */
  readonly held = new Set<http.ServerResponse>();
  closed = false;
  private readonly tif?: ReturnType<typeof tifGate>;
  private readonly maxBody: number;

  constructor(
    private readonly opts: SandboxOptions,
    private readonly service: CenterService,
    private readonly clock: () => Date,
    public plan: FaultPlan,
  ) {
    this.tif = opts.tif ? tifGate(opts.tif) : undefined;
    this.maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  }

  private count(infno: string | null, outcome: Outcome): void {
    const stats = this.stats;
    stats.requests++;
    const s = (stats.byInfno[infno ?? '?'] ??= { requests: 0, ok: 0, refused: 0 });
    s.requests++;
    if (outcome === 'ok') {
      stats.ok++;
      s.ok++;
    } else if (outcome === 'refused') {
      stats.refused++;
      s.refused++;
    }
  }

  private reply(req: http.IncomingMessage, res: http.ServerResponse, path: string): Reply {
    const started = Date.now();
    const received = this.clock();
    const ev: SandboxEvent = {
      at: received,
      method: req.method ?? '',
      path,
      infno: null,
      msgid: null,
      status: 200,
      infcode: null,
      err_msg: null,
      fault: null,
      replayed: false,
      sealed: false,
      ms: 0,
    };
    const { opts, service, clock } = this;
    const r: Reply = {
      ev,
      received,
      finish: (outcome) => {
        ev.ms = Date.now() - started;
        this.count(ev.infno, outcome);
        opts.onEvent?.(ev);
      },
      envelope: (status, body) => {
        ev.status = status;
        ev.infcode = body.infcode;
        ev.err_msg = body.err_msg;
        sendJson(res, status, opts.crypto ? sealResponse(body, opts.crypto) : body);
        r.finish(body.infcode === 0 ? 'ok' : 'refused');
      },
      refuse: (status, msg) => {
        opts.onTransportRefusal?.(msg, received);
        r.envelope(status, service.envelope(received, clock(), -1, msg, null));
      },
      drop: (how) => {
        ev.status = 0;
        if (how === 'reset') req.socket.destroy();
        else {
          this.held.add(res);
          res.on('close', () => this.held.delete(res));
        }
        r.finish('other');
      },
    };
    return r;
  }

  /** The 国密 framing: a sealed request opened, or the refusal to send (plain, like a real center). */
  private openChannel(env: Record<string, unknown>): { body: Record<string, unknown>; sealed: boolean } | string {
    const keys = this.opts.crypto;
    if (!keys) {
      return isSealedNode(env.input, env)
        ? '本中心未启用国密通道：input 为密文 (this center runs plain JSON; send input as an object, or start it with --crypto sm4)'
        : { body: env, sealed: false };
    }
    try {
      return openRequest(env, keys);
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      return e.kind === 'decrypt' ? `报文解密失败：${e.message}` : `签名验证失败：${e.message}`;
    }
  }

  async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const r = this.reply(req, res, path);
    const route = routeOf(path);
    if (!route.ok)
      return r.refuse(
        404,
        `服务地址不存在：${path} (post envelopes to / or ${SERVICE_PATH}, optionally followed by /<infno>)`,
      );
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return r.refuse(405, `请求方法错误：${req.method} (the center accepts POST only)`);
    }
    const gateProblem = this.tif?.(req, r.received);
    if (gateProblem) {
      r.ev.status = 401;
      sendJson(res, 401, { success: false, code: 401, message: `gateway refused the call: ${gateProblem}` });
      return r.finish('refused');
    }
    const read = await readJsonBody(req, this.maxBody);
    if (!read.ok) return r.refuse(read.status, read.message);
    let body = read.body;
    const env = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    r.ev.infno = typeof env.infno === 'string' || typeof env.infno === 'number' ? String(env.infno) : null;
    r.ev.msgid = typeof env.msgid === 'string' ? env.msgid : null;
    const opened = this.openChannel(env);
    if (typeof opened === 'string') return r.refuse(200, opened);
    if (opened.sealed) {
      r.ev.sealed = true;
      this.stats.sealed++;
      body = opened.body;
    }
    return this.serve(r, res, body, route.urlInfno);
  }

  /** The fault plan's draw for this request (latency waited out here), counted. */
  private async drawFault(r: Reply): Promise<FaultDecision['outcome'] | 'closed'> {
    const decision = this.plan.decide(r.ev.infno ?? '');
    if (decision.latencyMs > 0) {
      this.stats.faults.latency = (this.stats.faults.latency ?? 0) + 1;
      await new Promise((done) => setTimeout(done, decision.latencyMs));
      if (this.closed) return 'closed';
    }
    const fault = decision.outcome;
    if (fault) {
      r.ev.fault = fault.kind;
      this.stats.faults[fault.kind] = (this.stats.faults[fault.kind] ?? 0) + 1;
    }
    return fault;
  }

  /** An envelope past the transport: faults first, then the service's answer (an envelope or a file). */
  private async serve(r: Reply, res: http.ServerResponse, body: unknown, urlInfno: string | undefined): Promise<void> {
    const fault = await this.drawFault(r);
    if (fault === 'closed') return;
    if (fault?.kind === 'reset') return r.drop('reset');
    if (fault?.kind === 'timeout') return r.drop(fault.socket);
    if (fault?.kind === 'gateway') {
      r.ev.status = fault.status ?? 500;
      sendJson(res, r.ev.status, { success: false, code: 500159, message: fault.message });
      return r.finish('other');
    }
    if (fault?.kind === 'error')
      return r.envelope(
        200,
        this.service.envelope(r.received, this.clock(), -1, fault.message ?? 'sandbox fault', null),
      );

    const answer = await this.service.handle(body, this.clock, urlInfno);
    this.opts.onMessage?.(body, answer.kind === 'envelope' ? answer.body : undefined, r.received);
    if (fault?.kind === 'timeout-after-commit') {
      if (answer.kind === 'envelope') {
        r.ev.infcode = answer.body.infcode;
        r.ev.err_msg = answer.body.err_msg;
      }
      return r.drop(fault.socket);
    }
    if (answer.kind === 'file') {
      this.stats.files++;
      if (!res.destroyed) {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': answer.bytes.length,
          'content-disposition': `attachment; filename="${encodeURIComponent(answer.filename)}"`,
        });
        res.end(answer.bytes);
      }
      return r.finish('ok');
    }
    if (answer.replayed) {
      this.stats.replayed++;
      r.ev.replayed = true;
    }
    r.envelope(200, answer.body);
  }
}
