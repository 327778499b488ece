/**
 * Small real HTTP servers that play a center with crafted, real-world answers, and a journal in
 * a temporary SQLite file. No fetch mocks: the client under test talks HTTP to 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import type { CenterConfig } from '../../../src/core/center/index.js';

export interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: Record<string, unknown> | undefined;
  infno: string | undefined;
}

export type Answer =
  | { json: unknown; status?: number }
  | { text: string; status?: number; contentType?: string }
  | { bytes: Buffer; status?: number }
  | { reset: true }
  | { hang: true };

export interface FakeCenter {
  url: string;
  port: number;
  received: Received[];
  close(): Promise<void>;
}

export async function startFakeCenter(
  handler: (r: Received, n: number) => Answer | Promise<Answer>,
): Promise<FakeCenter> {
  const received: Received[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      const r: Received = {
        url: req.url ?? '',
        headers: req.headers,
        raw,
        body,
        infno: typeof body?.infno === 'string' ? body.infno : undefined,
      };
      received.push(r);
      const a = await handler(r, received.length);
      if ('reset' in a) {
        req.socket.destroy();
        return;
      }
      if ('hang' in a) return;
      if ('json' in a) {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(a.json));
      } else if ('text' in a) {
        res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? 'text/html' });
        res.end(a.text);
      } else {
        res.writeHead(a.status ?? 200, { 'content-type': 'application/octet-stream' });
        res.end(a.bytes);
      }
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A success envelope. */
export function ok(output: unknown, extra: Record<string, unknown> = {}): { json: unknown } {
  return {
    json: {
      infcode: 0,
      inf_refmsgid: '430000202401010000000000000001',
      refmsg_time: '20240101000000000',
      respond_time: '20240101000000001',
      err_msg: null,
      output,
      ...extra,
    },
  };
}

export function fail(err_msg: string, infcode: unknown = -1): { json: unknown } {
  return { json: { infcode, inf_refmsgid: '430000202401010000000000000002', err_msg, output: null } };
}

export const SIGNIN_OK = ok({ signinoutb: { sign_time: '2024-01-01 08:00:00', sign_no: '430000000000000000001' } });

export function baseConfig(url: string, over: Partial<CenterConfig> = {}): CenterConfig {
  return {
    baseUrl: url,
    fixmedins_code: 'H43011100001',
    fixmedins_name: '测试医院',
    mdtrtarea_admvs: '430100',
    insuplc_admdvs: '430100',
    recer_sys_code: 'YBXT',
    infver: 'V1.0',
    opter: 'op01',
    opter_name: '张三',
    opter_type: '1',
    setl_optins: '430100',
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    timeouts: { defaultMs: 2000 },
    ...over,
  };
}

export function tmpDir(prefix = 'hisops-center-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function tmpJournal(): Promise<{ journal: Journal; file: string; dir: string }> {
  const dir = tmpDir();
  const file = path.join(dir, 'journal.db');
  const journal = await openJournal(`sqlite:${file}`);
  return { journal, file, dir };
}

/** A 2207 input that passes the field tables. */
export function settleInput(over: Record<string, unknown> = {}) {
  return {
    psn_no: '43000000000000000001',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: '430102199001011234',
    med_type: '11',
    medfee_sumamt: '120.50',
    psn_setlway: '01',
    mdtrt_id: 'MD0001',
    chrg_bchno: 'B0001',
    insutype: '310',
    acct_used_flag: '1',
    fulamt_ownpay_amt: 0,
    overlmt_selfpay: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: '120.50',
    ...over,
  };
}

/** A settlement answer with the quirks real centers send. */
export function settleOutput(over: Record<string, unknown> = {}) {
  return {
    setlinfo: {
      mdtrt_id: 'MD0001',
      setl_id: 'S0001',
      psn_no: '43000000000000000001',
      psn_name: '李四',
      insutype: 310,
      setl_time: '2024-01-01 10:00:00',
      medfee_sumamt: '120.50',
      fund_pay_sumamt: 80.3,
      acct_pay: '20.00',
      psn_cash_pay: '20.2',
      hifp_pay: 80.3,
      psn_part_amt: '40.20',
      medins_setl_id: 'H430111000012024010110000000001',
      clr_optins: '430100',
      clr_type: '11',
      unknown_province_field: { nested: true },
      ...over,
    },
    setldetail: { fund_pay_type: '310100', inscp_scp_amt: '120.50', fund_payamt: '80.30', fund_pay_type_name: null },
  };
}
