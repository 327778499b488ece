/**
 * The sandbox: a local center speaking the protocol over HTTP. `startSandbox` opens (or takes)
 * the ledger, builds the service and the HTTP front (front.ts: POST JSON envelopes at `/`, at
 * the national single path `/fsi/api/rsfComIfsService/callService` or at either followed by
 * `/<infno>`; transport checks, the 国密 channel, fault injection) and listens. It never crashes
 * on a request: a failure while answering is a 500 envelope or a closed socket.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultPlan, parseFaults } from './faults.js';
import { SandboxFront, sendJson } from './front.js';
import type { ServiceOptions } from './handlers/context.js';
import { openLedger } from './ledger.js';
import type { Sandbox, SandboxOptions } from './sandboxOptions.js';
import { CenterService } from './service.js';
import { rulesSplit } from './rulesSplit.js';
import { simpleSplit, type SplitFn } from './simpleSplit.js';
import type { Policy } from '../../rules/index.js';

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const clock = opts.clock ?? (() => new Date());
  const admdvs = opts.admdvs ?? '430100';
  const ownsLedger = !opts.ledger;
  const policies = [
    ...(opts.policies ?? []),
    ...(opts.policy === undefined ? [] : Array.isArray(opts.policy) ? opts.policy : [opts.policy as Policy]),
  ];
  const split = opts.split ?? (policies.length ? rulesSplit(policies) : simpleSplit);
  const ledger = opts.ledger ?? openLedger(opts.dataFile ?? ':memory:', { admdvs, split });
  const service = new CenterService(ledger, serviceOptions(opts, split));
  const front = new SandboxFront(opts, service, clock, new FaultPlan(parseFaults(opts.faults), opts.seed ?? 1));
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    front.onRequest(req, res).catch((e: unknown) => {
      // A transport failure while reading (client went away) or a sandbox bug: never take the server down.
      try {
        if (!res.headersSent && !res.destroyed)
          sendJson(
            res,
            500,
            service.envelope(clock(), clock(), -1, `中心内部错误：${(e as Error)?.message ?? String(e)}`, null),
          );
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
      front.plan = new FaultPlan(parseFaults(spec), newSeed ?? front.plan.seed);
    },
    faults: () => front.plan.rules,
    stats: () => structuredClone(front.stats),
    async close() {
      if (front.closed) return;
      front.closed = true;
      for (const r of front.held) r.destroy();
      front.held.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await done;
      if (ownsLedger) ledger.close();
    },
  };
}

/** The service's settings: the options given, with the sandbox's defaults. */
function serviceOptions(opts: SandboxOptions, split: SplitFn): ServiceOptions {
  return {
    admdvs: opts.admdvs ?? '430100',
    seed: opts.seed ?? 1,
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
}
