/**
 * The sandbox's HTTP front: POST JSON envelopes at `/`, at the national single path
 * (`/fsi/api/rsfComIfsService/callService`) or at either followed by `/<infno>`. It checks the
 * transport (method, path, optional x-tif gateway headers, body size, content type, UTF-8, JSON),
 * applies the fault plan, and hands the envelope to the service. It never crashes on a request:
 * every failure is an answer (an infcode -1 envelope, or the gateway-style body a real gateway
 * would send) or, when a fault says so, a dropped connection.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { signaturesEqual, tifSignature, type ValidateOptions } from '../protocol/index.js';
import { ChannelError, isSealedNode, openRequest, sealResponse, type ChannelKeys } from '../protocol/channel.js';
import { FaultPlan, parseFaults, type FaultKind, type FaultRule, type FaultSpecInput } from './faults.js';
import type { ServiceOptions } from './handlers/context.js';
import { openLedger, type Ledger } from './ledger.js';
import { CenterService, type ResponseBody } from './service.js';
import { rulesSplit } from './rulesSplit.js';
import { simpleSplit, type SplitFn } from './simpleSplit.js';
import type { Policy } from '../../rules/index.js';
import type { CatalogOptions } from './catalogGen.js';

export const SERVICE_PATH = '/fsi/api/rsfComIfsService/callService';

export interface TifCheck {
  paasid: string;
  /** The token issued with the paasid (what the client signs with). */
  secret: string;
  /** Accepted clock difference in seconds (default 300). */
  maxSkewSeconds?: number;
}

export interface SandboxOptions {
  /** The ledger's SQLite file (`:memory:` for a throwaway sandbox). Ignored when `ledger` is given. */
  dataFile?: string;
  /** An open ledger to serve (the caller keeps ownership: close() leaves it open). */
  ledger?: Ledger;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: FaultSpecInput;
  /** Seeds the fault draws and the generated catalogs (default 1). */
  seed?: number;
  /**
   * Settlement policies for the rules engine (templates/policies/*.yaml, parsed): a settlement
   * uses the one in force for its insurance type and date, else the simple split.
   */
  policies?: readonly Policy[];
  /** One policy or several (the same as `policies`; both may be given). */
  policy?: Policy | readonly Policy[];
  /** Replaces the split altogether (wins over `policies`). */
  split?: SplitFn;
  /** The center's clock (default: the host clock). */
  clock?: () => Date;
  /** The center's clock as minutes east of UTC (default 480, China time, whatever the host's zone). */
  utcOffsetMinutes?: number;
  /** The center's division: the only mdtrtarea_admvs it serves (default 430100). */
  admdvs?: string;
  /** Check x-tif-* gateway headers. */
  tif?: TifCheck;
  /**
   * Run the 国密 channel (protocol/channel.ts): sealed requests are opened (and their signature
   * checked when `peerPublicKey`, the institution's key, is given), successful answers sealed
   * and signed with `signKey`, the center's own key. Refusals stay plain.
   */
  crypto?: ChannelKeys;
  /**
   * Institution codes registered at this center. Also known, always: the demo's H43010000001,
   * the ledger's own institution and every institution the ledger holds rows of. Any other
   * fixmedins_code is refused (9001 included).
   */
  institutions?: readonly string[];
  /** Default true: business calls need a valid sign_no from 9001. */
  requireSignIn?: boolean;
  /** 'day' (default): a sign_no is valid until 23:59:59 of its day; a number: milliseconds. */
  signInValidity?: 'day' | number;
  /** Accept a second live settlement of the same visit and charge batch (reproduces center-side duplicates). */
  allowDuplicateSettlements?: boolean;
  /**
   * Default false: 2206/2207/2303/2304 need a visit registered with 2201/2401 and its uploaded fee
   * lines. true: a visit the sandbox never registered is settled from the request's own amounts
   * (registered visits are still checked against their lines).
   */
  lenientVisits?: boolean;
  /** Download deadline of files, in hours (default 24). */
  fileTtlHours?: number;
  catalog?: CatalogOptions;
  /** Province codes on top of the national tables. */
  validate?: ValidateOptions;
  /** Largest request body in bytes (default 32 MiB). */
  maxBodyBytes?: number;
  /** Called after every request (the serve command prints these). */
  onEvent?: (e: SandboxEvent) => void;
  /**
   * Called with every parsed request body the service answered and its answer envelope (undefined
   * for a file answer): the interface test (conformance/) checks what the HIS sends here.
   */
  onMessage?: (body: unknown, answer: ResponseBody | undefined, received: Date) => void;
  /** Called when a request is refused before its body is an envelope (bad path, method, content type, UTF-8, JSON). */
  onTransportRefusal?: (err_msg: string, received: Date) => void;
}

export interface SandboxEvent {
  at: Date;
  method: string;
  path: string;
  infno: string | null;
  msgid: string | null;
  status: number;
  /** null when no envelope was sent (file, dropped connection, gateway body). */
  infcode: number | null;
  err_msg: string | null;
  fault: FaultKind | null;
  replayed: boolean;
  /** The request came sealed (国密 channel). */
  sealed: boolean;
  ms: number;
}

export interface SandboxStats {
  requests: number;
  ok: number;
  refused: number;
  files: number;
  replayed: number;
  /** Requests that came sealed and were opened (国密 channel). */
  sealed: number;
  faults: Partial<Record<FaultKind, number>>;
  byInfno: Record<string, { requests: number; ok: number; refused: number }>;
}

export interface Sandbox {
  url: string;
  port: number;
  host: string;
  ledger: Ledger;
  service: CenterService;
  /** Replace the fault rules (and optionally the seed) while running. */
  setFaults(spec: FaultSpecInput, seed?: number): void;
  faults(): readonly FaultRule[];
  stats(): SandboxStats;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json;charset=utf-8';
const URL_INFNO = /^\d{4}[A-Z]?$/;

function routeOf(pathname: string): { ok: true; urlInfno?: string } | { ok: false } {
  const p = pathname.replace(/\/+$/, '');
  if (p === '' || p === SERVICE_PATH) return { ok: true };
  const cut = p.lastIndexOf('/');
  const base = p.slice(0, cut);
  const last = decodeURIComponent(p.slice(cut + 1));
  if ((base === '' || base === SERVICE_PATH) && URL_INFNO.test(last)) return { ok: true, urlInfno: last };
  return { ok: false };
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const clock = opts.clock ?? (() => new Date());
  const admdvs = opts.admdvs ?? '430100';
  const ownsLedger = !opts.ledger;
  const policies = [...(opts.policies ?? []), ...(opts.policy === undefined ? [] : Array.isArray(opts.policy) ? opts.policy : [opts.policy as Policy])];
  const split = opts.split ?? (policies.length ? rulesSplit(policies) : simpleSplit);
  const ledger = opts.ledger ?? openLedger(opts.dataFile ?? ':memory:', { admdvs, split });
  const seed = opts.seed ?? 1;
  const serviceOptions: ServiceOptions = {
    admdvs,
    seed,
    split,
    utcOffsetMinutes: opts.utcOffsetMinutes ?? 480,
    signInValidity: opts.signInValidity ?? 'day',
    requireSignIn: opts.requireSignIn ?? true,
    allowDuplicateSettlements: opts.allowDuplicateSettlements ?? false,
    lenientVisits: opts.lenientVisits ?? false,
    fileTtlHours: opts.fileTtlHours ?? 24,
    catalog: opts.catalog ?? {},
    validate: opts.validate ?? {},
    institutions: new Set(opts.institutions ?? []),
  };
  const service = new CenterService(ledger, serviceOptions);
  let plan = new FaultPlan(parseFaults(opts.faults), seed);
  const maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  const held = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  const seenNonces = new Map<string, number>();
  let closed = false;

  const stats: SandboxStats = { requests: 0, ok: 0, refused: 0, files: 0, replayed: 0, sealed: 0, faults: {}, byInfno: {} };
  const count = (infno: string | null, outcome: 'ok' | 'refused' | 'other') => {
    stats.requests++;
    const k = infno ?? '?';
    const s = (stats.byInfno[k] ??= { requests: 0, ok: 0, refused: 0 });
    s.requests++;
    if (outcome === 'ok') {
      stats.ok++;
      s.ok++;
    } else if (outcome === 'refused') {
      stats.refused++;
      s.refused++;
    }
  };

  function send(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.destroyed || res.writableEnded) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  }

  function tifProblem(req: http.IncomingMessage, now: Date): string | undefined {
    const t = opts.tif!;
    const h = (k: string) => {
      const v = req.headers[k];
      return Array.isArray(v) ? v[0] : v;
    };
    const paasid = h('x-tif-paasid');
    const ts = h('x-tif-timestamp');
    const nonce = h('x-tif-nonce');
    const sig = h('x-tif-signature');
    if (!paasid || !ts || !nonce || !sig) return 'missing x-tif-paasid, x-tif-timestamp, x-tif-nonce or x-tif-signature';
    if (paasid !== t.paasid) return `unknown x-tif-paasid ${paasid}`;
    if (!/^\d{9,11}$/.test(ts)) return 'x-tif-timestamp must be Unix time in seconds';
    const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(ts));
    if (skew > (t.maxSkewSeconds ?? 300)) return `x-tif-timestamp is ${skew} s away from the gateway clock`;
    if (!signaturesEqual(sig.toLowerCase(), tifSignature(ts, t.secret, nonce))) return 'x-tif-signature does not match sha256(timestamp + token + nonce + timestamp)';
    const key = `${ts}:${nonce}`;
    if (seenNonces.has(key)) return 'x-tif-nonce was already used';
    seenNonces.set(key, now.getTime());
    if (seenNonces.size > 100_000) {
      const limit = now.getTime() - 2 * 1000 * (t.maxSkewSeconds ?? 300);
      for (const [k, at] of seenNonces) if (at < limit) seenNonces.delete(k);
    }
    return undefined;
  }

  /** The 国密 framing: a sealed request opened, or the refusal to send (plain, like a real center). */
  function openChannel(env: Record<string, unknown>): { body: Record<string, unknown>; sealed: boolean } | string {
    if (!opts.crypto) {
      return isSealedNode(env.input, env) ? '本中心未启用国密通道：input 为密文 (this center runs plain JSON; send input as an object, or start it with --crypto sm4)' : { body: env, sealed: false };
    }
    try {
      return openRequest(env, opts.crypto);
    } catch (e) {
      if (!(e instanceof ChannelError)) throw e;
      return e.kind === 'decrypt' ? `报文解密失败：${e.message}` : `签名验证失败：${e.message}`;
    }
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const received = clock();
    const path = (req.url ?? '/').split('?')[0]!;
    const ev: SandboxEvent = { at: received, method: req.method ?? '', path, infno: null, msgid: null, status: 200, infcode: null, err_msg: null, fault: null, replayed: false, sealed: false, ms: 0 };
    const finish = (outcome: 'ok' | 'refused' | 'other') => {
      ev.ms = Date.now() - started;
      count(ev.infno, outcome);
      opts.onEvent?.(ev);
    };
    const answerEnvelope = (status: number, body: ResponseBody) => {
      ev.status = status;
      ev.infcode = body.infcode;
      ev.err_msg = body.err_msg;
      send(res, status, opts.crypto ? sealResponse(body, opts.crypto) : body);
      finish(body.infcode === 0 ? 'ok' : 'refused');
    };
    // A request refused before it became an envelope (path, method, size, content type, UTF-8, JSON).
    const refuse = (status: number, msg: string) => {
      opts.onTransportRefusal?.(msg, received);
      answerEnvelope(status, service.envelope(received, clock(), -1, msg, null));
    };

    const route = routeOf(path);
    if (!route.ok) return refuse(404, `服务地址不存在：${path} (post envelopes to / or ${SERVICE_PATH}, optionally followed by /<infno>)`);
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return refuse(405, `请求方法错误：${req.method} (the center accepts POST only)`);
    }
    if (opts.tif) {
      const p = tifProblem(req, received);
      if (p) {
        ev.status = 401;
        send(res, 401, { success: false, code: 401, message: `gateway refused the call: ${p}` });
        return finish('refused');
      }
    }

    // Read the body (bounded).
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    await new Promise<void>((resolve, reject) => {
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) tooBig = true;
        else chunks.push(c);
      });
      req.on('end', resolve);
      req.on('error', reject);
    });
    if (tooBig) return refuse(413, `请求报文过大：${size} bytes (the limit is ${maxBody} bytes)`);
    const ctype = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\s*(;|$)/i.test(ctype.trim())) return refuse(200, `请求头 Content-Type 错误：${ctype || '(none)'} (send application/json;charset=utf-8)`);
    const charset = /charset\s*=\s*"?([\w-]+)/i.exec(ctype)?.[1];
    if (charset && !/^utf-?8$/i.test(charset)) return refuse(200, `请求报文字符集错误：charset=${charset} (send UTF-8)`);
    let textBody: string;
    try {
      textBody = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      return refuse(200, '请求报文不是有效的 UTF-8 文本 (encode the JSON body in UTF-8)');
    }
    if (textBody.trim() === '') return refuse(200, '请求报文为空 (send the JSON envelope in the body)');
    let body: unknown;
    try {
      body = JSON.parse(textBody.replace(/^\uFEFF/, ''));
    } catch (e) {
      return refuse(200, `请求报文不是有效的 JSON：${(e as Error).message}`);
    }
    let env = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    ev.infno = typeof env.infno === 'string' || typeof env.infno === 'number' ? String(env.infno) : null;
    ev.msgid = typeof env.msgid === 'string' ? env.msgid : null;
    const opened = openChannel(env);
    if (typeof opened === 'string') return refuse(200, opened);
    if (opened.sealed) {
      ev.sealed = true;
      stats.sealed++;
      body = env = opened.body;
    }

    // Faults.
    const decision = plan.decide(ev.infno ?? '');
    if (decision.latencyMs > 0) {
      stats.faults.latency = (stats.faults.latency ?? 0) + 1;
      await new Promise((r) => setTimeout(r, decision.latencyMs));
      if (closed) return;
    }
    const fault = decision.outcome;
    if (fault) {
      ev.fault = fault.kind;
      stats.faults[fault.kind] = (stats.faults[fault.kind] ?? 0) + 1;
    }
    const dropOrHold = (how: 'hold' | 'reset' | undefined) => {
      ev.status = 0;
      if (how === 'reset') req.socket.destroy();
      else {
        held.add(res);
        res.on('close', () => held.delete(res));
      }
      finish('other');
    };
    if (fault?.kind === 'reset') return dropOrHold('reset');
    if (fault?.kind === 'timeout') return dropOrHold(fault.socket);
    if (fault?.kind === 'gateway') {
      ev.status = fault.status ?? 500;
      send(res, ev.status, { success: false, code: 500159, message: fault.message });
      return finish('other');
    }
    if (fault?.kind === 'error') return answerEnvelope(200, service.envelope(received, clock(), -1, fault.message ?? 'sandbox fault', null));

    const answer = service.handle(body, clock, route.urlInfno);
    opts.onMessage?.(body, answer.kind === 'envelope' ? answer.body : undefined, received);
    if (fault?.kind === 'timeout-after-commit') {
      if (answer.kind === 'envelope') {
        ev.infcode = answer.body.infcode;
        ev.err_msg = answer.body.err_msg;
      }
      return dropOrHold(fault.socket);
    }
    if (answer.kind === 'file') {
      stats.files++;
      if (!res.destroyed) {
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': answer.bytes.length,
          'content-disposition': `attachment; filename="${encodeURIComponent(answer.filename)}"`,
        });
        res.end(answer.bytes);
      }
      return finish('ok');
    }
    if (answer.replayed) {
      stats.replayed++;
      ev.replayed = true;
    }
    answerEnvelope(200, answer.body);
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      // A transport failure while reading (client went away) or a sandbox bug: never take the server down.
      try {
        if (!res.headersSent && !res.destroyed) send(res, 500, service.envelope(clock(), clock(), -1, `中心内部错误：${(e as Error)?.message ?? String(e)}`, null));
        else res.destroy();
      } catch {
        /* the socket is gone */
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    ledger,
    service,
    setFaults(spec, newSeed) {
      plan = new FaultPlan(parseFaults(spec), newSeed ?? plan.seed);
    },
    faults: () => plan.rules,
    stats: () => structuredClone(stats),
    async close() {
      if (closed) return;
      closed = true;
      for (const r of held) r.destroy();
      held.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await done;
      if (ownsLedger) ledger.close();
    },
  };
}
