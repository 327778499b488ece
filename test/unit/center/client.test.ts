import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { HisopsError } from '../../../src/core/errors.js';
import { caught } from '../../helpers/caught.js';
import {
  Center,
  withCenter,
  CenterCallJournal,
  CENTER_CALLS_TABLE,
  MSGID_RE,
  tifSignature,
  writeStmtResultFile,
  parseStmtUploadFile,
  writeCatalogFile,
  describeConfig,
  urlFor,
  resolveCenterConfig,
  type CenterConfig,
} from '../../../src/core/center/index.js';
import { decodeText, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import {
  baseConfig,
  fail,
  ok,
  settleInput,
  settleOutput,
  SIGNIN_OK,
  startFakeCenter,
  tmpJournal,
  type Answer,
  type FakeCenter,
  type Received,
} from './helpers.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fake(handler: (r: Received, n: number) => Answer | Promise<Answer>): Promise<FakeCenter> {
  const f = await startFakeCenter(handler);
  cleanups.push(() => f.close());
  return f;
}

function center(config: CenterConfig, deps: ConstructorParameters<typeof Center>[1] = {}): Center {
  const c = new Center(config, deps);
  cleanups.push(() => c.close());
  return c;
}

async function journal() {
  const j = await tmpJournal();
  cleanups.push(() => j.journal.close());
  return j.journal;
}

/** Answer 9001 with a sign-in, everything else with `rest`. */
function withSignIn(rest: (r: Received, n: number) => Answer | Promise<Answer>) {
  return (r: Received, n: number) => (r.infno === '9001' ? SIGNIN_OK : rest(r, n));
}

describe('envelope building and sign-in', () => {
  it('sends every common field, a rule-conforming msgid, inf_time and the sign_no from 9001', async () => {
    const f = await fake(withSignIn(() => ok({ setlinfo: { setl_id: 'S9', psn_no: 'P1' } })));
    const c = center(baseConfig(f.url, { dev_no: 'DEV-1', utcOffsetMinutes: 480 }), {
      clock: () => new Date(Date.UTC(2024, 2, 1, 1, 2, 3)),
    });
    const r = await c.querySettlement({ psn_no: 'P1', setl_id: 'S9' }, { insuplc_admdvs: '440300' });
    expect(r.result.setlinfo.setl_id).toBe('S9');
    expect(f.received.map((x) => x.infno)).toEqual(['9001', '5203']);
    const [si, q] = f.received.map((x) => x.body!) as [Record<string, unknown>, Record<string, unknown>];
    expect(si).toMatchObject({ infno: '9001', sign_no: '', input: { signIn: { opter_no: 'op01', ip: '127.0.0.1' } } });
    expect(q).toMatchObject({
      infno: '5203',
      mdtrtarea_admvs: '430100',
      insuplc_admdvs: '440300',
      recer_sys_code: 'YBXT',
      dev_no: 'DEV-1',
      infver: 'V1.0',
      opter_type: '1',
      opter: 'op01',
      opter_name: '张三',
      inf_time: '2024-03-01 09:02:03',
      fixmedins_code: 'H43011100001',
      fixmedins_name: '测试医院',
      sign_no: '430000000000000000001',
      input: { data: { psn_no: 'P1', setl_id: 'S9' } },
    });
    for (const k of ['dev_safe_info', 'cainfo', 'signtype']) expect(q).toHaveProperty(k);
    expect(q.msgid).toMatch(MSGID_RE);
    expect(String(q.msgid).slice(0, 26)).toBe('H4301110000120240301090203');
    expect(q.msgid).not.toBe(si.msgid);
    expect(r.msgid).toBe(q.msgid);
    expect(f.received[1]!.headers['content-type']).toMatch(/application\/json/);
  });

  it('signs in once per operator per day, shared by processes through the journal', async () => {
    const j = await journal();
    let day = Date.UTC(2024, 2, 1, 1);
    const f = await fake((r) =>
      r.infno === '9001'
        ? ok({ signinoutb: { sign_no: `SN-${String(r.body!.msgid).slice(-12)}`, sign_time: '2024-03-01 09:00:00' } })
        : ok({ stmtinfo: { stmt_rslt: 0 } }),
    );
    const clock = () => new Date(day);
    const a = center(baseConfig(f.url, { utcOffsetMinutes: 480 }), { journal: j, clock });
    const b = center(baseConfig(f.url, { utcOffsetMinutes: 480 }), { journal: j, clock });
    const total = {
      insutype: '310',
      clr_type: '11',
      stmt_begndate: '2024-03-01',
      stmt_enddate: '2024-03-01',
      medfee_sumamt: 1,
      fund_pay_sumamt: 1,
      acct_pay: 0,
      fixmedins_setl_cnt: 1,
    };
    await Promise.all([a.stmtTotal(total), a.stmtTotal(total), a.stmtTotal(total)]);
    await b.stmtTotal(total);
    const signs = f.received.filter((r) => r.infno === '9001');
    expect(signs).toHaveLength(1);
    const sn = `SN-${String(signs[0]!.body!.msgid).slice(-12)}`;
    for (const r of f.received.filter((x) => x.infno === '3201')) expect(r.body!.sign_no).toBe(sn);
    day += 24 * 3600 * 1000; // next day: a fresh sign-in
    await b.stmtTotal({ ...total, stmt_begndate: '2024-03-02', stmt_enddate: '2024-03-02' });
    expect(f.received.filter((r) => r.infno === '9001')).toHaveLength(2);
    // Sign-out marks the day's row; the next call signs in again.
    const out = await b.signOut();
    expect(out).toBeDefined();
    expect(f.received.at(-1)!.body).toMatchObject({ infno: '9002', input: { signOut: { opter_no: 'op01' } } });
    await b.stmtTotal({ ...total, stmt_begndate: '2024-03-02', stmt_enddate: '2024-03-02' });
    expect(f.received.filter((r) => r.infno === '9001')).toHaveLength(3);
  });

  it('signs in again and resends once when the center has lost the sign-in', async () => {
    let refused = 0;
    const f = await fake(
      withSignIn((r) => {
        if (r.infno === '5203' && refused === 0) {
          refused++;
          return fail('签到信息不存在，请先签到');
        }
        return ok(settleOutput());
      }),
    );
    const c = center(baseConfig(f.url));
    const r = await c.querySettlement({ psn_no: 'P', setl_id: 'S0001' });
    expect(r.result.setlinfo.setl_id).toBe('S0001');
    expect(f.received.map((x) => x.infno)).toEqual(['9001', '5203', '9001', '5203']);
  });

  it('sends no sign-in when signIn is off', async () => {
    const f = await fake(() => ok({ stmtinfo: { stmt_rslt: '0' } }));
    const c = center(baseConfig(f.url, { signIn: 'off' }));
    await c.stmtTotal({
      insutype: '310',
      clr_type: '11',
      stmt_begndate: '2024-03-01',
      stmt_enddate: '2024-03-01',
      medfee_sumamt: 1,
      fund_pay_sumamt: 1,
      acct_pay: 0,
      fixmedins_setl_cnt: 1,
    });
    expect(f.received.map((r) => r.infno)).toEqual(['3201']);
    expect(f.received[0]!.body!.sign_no).toBe('');
  });
});

describe('URLs and gateway headers', () => {
  it('appends the infno, uses per-transaction paths and {infno} templates', async () => {
    const f = await fake(withSignIn(() => ok({ stmtinfo: { stmt_rslt: '0' } })));
    const total = {
      insutype: '310',
      clr_type: '11',
      stmt_begndate: '2024-03-01',
      stmt_enddate: '2024-03-01',
      medfee_sumamt: 1,
      fund_pay_sumamt: 1,
      acct_pay: 0,
      fixmedins_setl_cnt: 1,
    };
    await center(baseConfig(`${f.url}/power-csb/powercsb/`, { appendInfno: true })).stmtTotal(total);
    await center(
      baseConfig(`${f.url}/fsi/api`, {
        pathByInfno: { '9001': 'signInSignOutService/signIn', '3201': '/ybSettlementStmtService/stmtTotal' },
      }),
    ).stmtTotal(total);
    await center(baseConfig(`${f.url}/ebus/H43/poc-hsa-hgs-{infno}`)).stmtTotal(total);
    expect(f.received.map((r) => r.url)).toEqual([
      '/power-csb/powercsb/9001',
      '/power-csb/powercsb/3201',
      '/fsi/api/signInSignOutService/signIn',
      '/fsi/api/ybSettlementStmtService/stmtTotal',
      '/ebus/H43/poc-hsa-hgs-9001',
      '/ebus/H43/poc-hsa-hgs-3201',
    ]);
    expect(urlFor(resolveCenterConfig(baseConfig('http://h:1/fsi/api/rsfComIfsService/callService')), '2207')).toBe(
      'http://h:1/fsi/api/rsfComIfsService/callService',
    );
  });

  it('x-tif headers carry a signature the server can verify with the shared token', async () => {
    const f = await fake(withSignIn(() => ok({ setlinfo: { setl_id: 'S' } })));
    const c = center(baseConfig(f.url, { gateway: { scheme: 'tif', paasid: 'mbs_fsi_auth', secret: 'tok-SECRET-1' } }));
    await c.querySettlement({ psn_no: 'P', setl_id: 'S' });
    const nonces = new Set<string>();
    for (const r of f.received) {
      const h = r.headers;
      expect(h['x-tif-paasid']).toBe('mbs_fsi_auth');
      expect(String(h['x-tif-timestamp'])).toMatch(/^\d{10}$/);
      expect(Math.abs(Number(h['x-tif-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
      expect(h['x-tif-signature']).toBe(
        tifSignature(String(h['x-tif-timestamp']), 'tok-SECRET-1', String(h['x-tif-nonce'])),
      );
      nonces.add(String(h['x-tif-nonce']));
      expect(r.raw).not.toContain('tok-SECRET-1');
    }
    expect(nonces.size).toBe(2);
  });

  it('_api_* headers carry an HMAC-SHA1 the server can verify; none sends no gateway headers', async () => {
    const f = await fake(withSignIn(() => ok({ setlinfo: { setl_id: 'S' } })));
    await center(
      baseConfig(f.url, { gateway: { scheme: 'hsaf', accessKey: 'ak1', secret: 'sk-SECRET-2' } }),
    ).querySettlement({ psn_no: 'P', setl_id: 'S' });
    const h = f.received[1]!.headers;
    const msg = `_api_access_key=ak1&_api_name=5203&_api_timestamp=${h._api_timestamp}&_api_version=1.0.0`;
    expect(h._api_signature).toBe(crypto.createHmac('sha1', 'sk-SECRET-2').update(msg).digest('base64'));
    expect(h._api_name).toBe('5203');
    await center(baseConfig(f.url)).querySettlement({ psn_no: 'P', setl_id: 'S' });
    const plain = f.received.at(-1)!.headers;
    expect(Object.keys(plain).filter((k) => k.startsWith('x-tif') || k.startsWith('_api'))).toEqual([]);
  });

  it('refuses a gateway without its secret and never shows the secret in descriptions', () => {
    expect(() => new Center(baseConfig('http://127.0.0.1:1', { gateway: { scheme: 'tif', paasid: 'x' } }))).toThrow(
      /secret/,
    );
    const d = JSON.stringify(
      describeConfig(
        baseConfig('http://u:pw@127.0.0.1:1', { gateway: { scheme: 'tif', paasid: 'x', secret: 'TOPSECRET' } }),
      ),
    );
    expect(d).not.toContain('TOPSECRET');
    expect(d).not.toContain(':pw@');
  });
});

describe('parsing real-world answers', () => {
  it('infcode as string, null err_msg, arrays for objects, string amounts, output as a JSON string', async () => {
    const f = await fake(
      withSignIn(() => ({
        json: {
          infcode: '0',
          err_msg: null,
          warn_msg: '余额不足提醒',
          output: JSON.stringify({ setlinfo: [settleOutput().setlinfo], setldetail: settleOutput().setldetail }),
        },
      })),
    );
    const r = await center(baseConfig(f.url)).querySettlement({ psn_no: 'P', setl_id: 'S0001' });
    expect(r.warn_msg).toBe('余额不足提醒');
    expect(r.result.setlinfo.medfee_sumamt.equals(D('120.50'))).toBe(true);
    expect(r.result.setlinfo.fund_pay_sumamt.toFixed(2)).toBe('80.30');
    expect(r.result.setlinfo.insutype).toBe('310');
    expect(r.result.setldetail[0]!.fund_payamt.toFixed(2)).toBe('80.30');
  });

  it('person info (1101) with quirky shapes', async () => {
    const f = await fake(
      withSignIn(() =>
        ok({
          baseinfo: { psn_no: 'P1', psn_name: '王五', age: 40 },
          insuinfo: { balc: '88.8', insutype: 310, insuplc_admdvs: '430102' },
          idetinfo: null,
          newField: 1,
        }),
      ),
    );
    const r = await center(baseConfig(f.url)).personInfo({
      mdtrt_cert_type: '02',
      mdtrt_cert_no: '430102199001011234',
      psn_cert_type: '01',
    });
    expect(r.result.baseinfo.psn_no).toBe('P1');
    expect(r.result.insuinfo[0]!.insuplc_admdvs).toBe('430102');
    expect(r.result.insuinfo[0]!.balc.toFixed(2)).toBe('88.80');
  });
});

describe('failure classes', () => {
  it("infcode ≠ 0 → CENTER_REFUSED with the center's message, infno and msgid (exit 5)", async () => {
    const f = await fake(withSignIn(() => fail('参保人不存在', '-1')));
    const e = await caught(center(baseConfig(f.url)).querySettlement({ psn_no: 'P', setl_id: 'S' }));
    expect(e.code).toBe('CENTER_REFUSED');
    expect(e.exit).toBe(5);
    expect(e.summary).toContain('参保人不存在');
    expect(e.summary).toContain('5203');
    expect(e.details).toMatchObject({ infno: '5203', infcode: -1, err_msg: '参保人不存在' });
    expect(e.details.msgid).toBe(f.received[1]!.body!.msgid);
    expect(e.summary).toContain(String(e.details.msgid));
    expect(e.fix).toBeTruthy();
    expect(f.received).toHaveLength(2); // refusals are not retried
  });

  it('a non-envelope gateway answer → CENTER_GATEWAY', async () => {
    const f = await fake(
      withSignIn(() => ({ json: { message: '签名验证失败', success: false, code: 500159 }, status: 200 })),
    );
    const e = await caught(center(baseConfig(f.url)).querySettlement({ psn_no: 'P', setl_id: 'S' }));
    expect(e.code).toBe('CENTER_GATEWAY');
    expect(e.summary).toContain('签名验证失败');
    expect(e.details).toMatchObject({ gateway_code: '500159', infno: '5203' });
  });

  it('HTTP 500 with an HTML page → CENTER_HTTP after the query retries', async () => {
    const f = await fake(withSignIn(() => ({ text: '<html>Internal Server Error</html>', status: 500 })));
    const e = await caught(center(baseConfig(f.url)).querySettlement({ psn_no: 'P', setl_id: 'S' }));
    expect(e.code).toBe('CENTER_HTTP');
    expect(e.details.http_status).toBe(500);
    expect(e.details.attempts).toBe(3);
    expect(f.received.filter((r) => r.infno === '5203')).toHaveLength(3);
    const msgids = new Set(f.received.filter((r) => r.infno === '5203').map((r) => r.body!.msgid));
    expect(msgids.size).toBe(3); // a fresh msgid per attempt
  });

  it('a 200 that is not JSON → CENTER_NOT_JSON', async () => {
    const f = await fake(withSignIn(() => ({ text: 'OK', status: 200 })));
    const e = await caught(
      center(baseConfig(f.url, { retry: { attempts: 1 } })).querySettlement({ psn_no: 'P', setl_id: 'S' }),
    );
    expect(e.code).toBe('CENTER_NOT_JSON');
  });

  it('connection reset → retried for a query, then succeeds', async () => {
    let resets = 0;
    const f = await fake(withSignIn(() => (resets++ < 2 ? { reset: true } : ok(settleOutput()))));
    const events: string[] = [];
    const r = await center(baseConfig(f.url), {
      onEvent: (e) => events.push(`${e.type}:${e.code ?? e.status ?? ''}`),
    }).querySettlement({ psn_no: 'P', setl_id: 'S0001' });
    expect(r.attempts).toBe(3);
    expect(r.result.setlinfo.setl_id).toBe('S0001');
    expect(events.filter((e) => e.startsWith('retry'))).toEqual([
      'retry:CENTER_CONNECTION_RESET',
      'retry:CENTER_CONNECTION_RESET',
    ]);
  });

  it('hanging center → CENTER_TIMEOUT within the per-transaction timeout', async () => {
    const f = await fake(withSignIn(() => ({ hang: true })));
    const t0 = Date.now();
    const e = await caught(
      center(
        baseConfig(f.url, { retry: { attempts: 1 }, timeouts: { defaultMs: 5000, byInfno: { '5203': 300 } } }),
      ).querySettlement({ psn_no: 'P', setl_id: 'S' }),
    );
    expect(e.code).toBe('CENTER_TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(e.details.transport).toBe('timeout');
  });

  it('nobody listening → CENTER_UNREACHABLE, delivery no', async () => {
    const f = await fake(() => ok({}));
    const url = f.url;
    await f.close();
    const e = await caught(
      center(baseConfig(url, { signIn: 'off', retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 } })).querySettlement(
        { psn_no: 'P', setl_id: 'S' },
      ),
    );
    expect(e.code).toBe('CENTER_UNREACHABLE');
    expect(e.details.delivery).toBe('no');
    expect(e.details.attempts).toBe(2);
  });

  it('TLS verification is on: a self-signed center is refused before anything is sent, accepted with its CA in tlsCa', async () => {
    // A throwaway certificate for 127.0.0.1 (test/unit/center/fixtures, not a secret).
    const cert = fs.readFileSync(path.join(__dirname, 'fixtures/selfsigned.crt'), 'utf8');
    const key = fs.readFileSync(path.join(__dirname, 'fixtures/selfsigned.key'), 'utf8');
    let hits = 0;
    const server = https.createServer({ cert, key }, (req, res) => {
      hits++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ infcode: 0, output: settleOutput() }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const e = await caught(
      center(baseConfig(url, { signIn: 'off', retry: { attempts: 1 } })).querySettlement({ psn_no: 'P', setl_id: 'S' }),
    );
    expect(e.code).toBe('CENTER_TLS');
    expect(e.details.delivery).toBe('no');
    expect(hits).toBe(0);
    const r = await center(baseConfig(url, { signIn: 'off', tlsCa: cert })).querySettlement({
      psn_no: 'P',
      setl_id: 'S',
    });
    expect(r.result.setlinfo.setl_id).toBe('S0001');
    expect(hits).toBe(1);
  });

  it('retRslt 0 → CENTER_REJECTED, or a result with ok false when accepted', async () => {
    const j = await journal();
    const f = await fake(withSignIn(() => ok({ result: { retRslt: '0', msgRslt: '追溯码已销售' } })));
    const c = center(baseConfig(f.url), { journal: j });
    const sale = saleInfo();
    const e = await caught(c.goodsSell(sale));
    expect(e.code).toBe('CENTER_REJECTED');
    expect(e.summary).toContain('追溯码已销售');
    const r = await c.goodsSell(sale, { acceptRejection: true });
    expect(r.result).toEqual({ retRslt: '0', msgRslt: '追溯码已销售', ok: false });
    const rows = await new CenterCallJournal(j).list({ infno: '3505' });
    expect(rows.map((x) => x.status)).toEqual(['failed', 'ok']);
    expect(rows[0]!.err_msg).toBe('追溯码已销售');
  });

  it('refuses invalid input before sending (exit 2)', async () => {
    const f = await fake(withSignIn(() => ok({})));
    const e = await caught(
      center(baseConfig(f.url), { allowUnjournaled: true }).outpatientSettle({
        ...settleInput({ insutype: '999', medfee_sumamt: 'abc' }),
      } as never),
    );
    expect(e.code).toBe('CENTER_INPUT_INVALID');
    expect(e.exit).toBe(2);
    expect(e.summary).toMatch(/insutype|medfee_sumamt/);
    expect(f.received).toHaveLength(0);
  });
});

function saleInfo() {
  return {
    med_list_codg: 'XJ01CAA040A001010100483',
    fixmedins_hilist_id: 'H-AMX',
    fixmedins_hilist_name: '阿莫西林胶囊',
    fixmedins_bchno: 'BCH1',
    prsc_dr_name: '赵医生',
    phar_name: '钱药师',
    phar_prac_cert_no: 'PH001',
    hi_feesetl_type: '1',
    mdtrt_sn: 'MD0001',
    psn_cert_type: '01',
    manu_lotnum: 'L2401',
    manu_date: '2024-01-01',
    expy_end: '2026-01-01',
    rx_flag: '1',
    trdn_flag: '0',
    rx_circ_flag: '0',
    rtal_docno: 'RT1',
    sel_retn_cnt: 1,
    sel_retn_time: '2024-05-01 10:00:00',
    sel_retn_opter_name: '钱药师',
    drugtracinfo: [{ drug_trac_codg: '81234567890123456789' }],
  };
}

describe('write-ahead journal', () => {
  it('records the call as pending before it is sent, ok after, with ids and a redacted request', async () => {
    const j = await journal();
    const cj = new CenterCallJournal(j);
    const seenDuringCall: (string | undefined)[] = [];
    const f = await fake(
      withSignIn(async (r) => {
        seenDuringCall.push((await cj.get(String(r.body!.msgid)))?.status);
        return ok(settleOutput());
      }),
    );
    const c = center(baseConfig(f.url), { journal: j, runId: 'RUN-1' });
    const r = await c.outpatientSettle(settleInput());
    expect(seenDuringCall).toEqual(['pending']);
    const row = (await cj.get(r.msgid))!;
    expect(row).toMatchObject({
      infno: '2207',
      status: 'ok',
      setl_id: 'S0001',
      mdtrt_id: 'MD0001',
      psn_no: '43000000000000000001',
      infcode: '0',
      run_id: 'RUN-1',
      http_status: 200,
    });
    expect(row.request_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(row.request).not.toContain('430102199001011234');
    expect(JSON.parse(row.request).data.mdtrt_cert_no).toBe('**************1234');
    expect(JSON.parse(row.output!).setlinfo.setl_id).toBe('S0001');
    expect(r.result.setlinfo.psn_cash_pay.toFixed(2)).toBe('20.20');
    // The 9001 sign-in is not a state-changing call: only the 2207 row exists.
    expect((await cj.list()).map((x) => x.infno)).toEqual(['2207']);
  });

  it('a timeout leaves status unknown with the msgid saved, and is never retried', async () => {
    const j = await journal();
    const f = await fake(withSignIn(() => ({ hang: true })));
    const c = center(baseConfig(f.url, { timeouts: { defaultMs: 5000, byInfno: { '2207': 300 } } }), { journal: j });
    const e = await caught(c.outpatientSettle(settleInput()));
    expect(e.code).toBe('CENTER_TIMEOUT');
    expect(e.fix).toMatch(/Do not repeat/);
    const msgid = String(e.details.msgid);
    expect(f.received.filter((r) => r.infno === '2207')).toHaveLength(1);
    expect(f.received.find((r) => r.infno === '2207')!.body!.msgid).toBe(msgid);
    const row = (await new CenterCallJournal(j).get(msgid))!;
    expect(row.status).toBe('unknown');
    expect(row.mdtrt_id).toBe('MD0001');
    expect(JSON.parse(row.error!).code).toBe('CENTER_TIMEOUT');
    const unknown = await new CenterCallJournal(j).list({ status: ['unknown', 'pending'], unresolved: true });
    expect(unknown.map((x) => x.msgid)).toEqual([msgid]);
    await new CenterCallJournal(j).resolve(msgid, {
      resolution: 'reversed by 2601',
      now: new Date(),
      status: 'failed',
    });
    expect(await new CenterCallJournal(j).list({ unresolved: true })).toEqual([]);
  });

  it('a reset after sending is unknown; a refusal is failed; an unreachable center is failed', async () => {
    const j = await journal();
    const cj = new CenterCallJournal(j);
    let n = 0;
    const f = await fake(withSignIn(() => (n++ === 0 ? { reset: true } : fail('结算失败：费用明细不一致'))));
    const c = center(baseConfig(f.url), { journal: j });
    const e1 = await caught(c.outpatientSettle(settleInput()));
    const e2 = await caught(c.outpatientSettle(settleInput({ mdtrt_id: 'MD0002' })));
    expect([e1.code, e2.code]).toEqual(['CENTER_CONNECTION_RESET', 'CENTER_REFUSED']);
    expect((await cj.get(String(e1.details.msgid)))!.status).toBe('unknown');
    const refused = (await cj.get(String(e2.details.msgid)))!;
    expect(refused).toMatchObject({ status: 'failed', infcode: '-1', err_msg: '结算失败：费用明细不一致' });
    const url = f.url;
    await f.close();
    const e3 = await caught(
      center(baseConfig(url, { signIn: 'off' }), { journal: j }).outpatientSettle(settleInput({ mdtrt_id: 'MD0003' })),
    );
    expect(e3.code).toBe('CENTER_UNREACHABLE');
    expect((await cj.get(String(e3.details.msgid)))!.status).toBe('failed');
  });

  it('refuses state-changing calls without a journal unless explicitly allowed', async () => {
    const f = await fake(withSignIn(() => ok(settleOutput())));
    const e = await caught(center(baseConfig(f.url)).outpatientSettle(settleInput()));
    expect(e.code).toBe('CENTER_NO_JOURNAL');
    expect(f.received).toHaveLength(0);
    const r = await center(baseConfig(f.url), { allowUnjournaled: true }).outpatientSettle(settleInput());
    expect(r.result.setlinfo.setl_id).toBe('S0001');
  });

  it('reversal (2601) journals the original msgid as ref_msgid; only reversible transactions', async () => {
    const j = await journal();
    const f = await fake(withSignIn(() => ok(null)));
    const c = center(baseConfig(f.url), { journal: j });
    const r = await c.reverse({ psn_no: 'P1', omsgid: 'H43011100001202403010900000001', oinfno: '2207' });
    const row = (await new CenterCallJournal(j).get(r.msgid))!;
    expect(row).toMatchObject({
      infno: '2601',
      status: 'ok',
      ref_msgid: 'H43011100001202403010900000001',
      psn_no: 'P1',
    });
    expect(() => c.reverse({ psn_no: 'P1', omsgid: 'H43011100001202403010900000001', oinfno: '3505' })).toThrow(
      /cannot be reversed/,
    );
  });

  it('never writes the gateway secret into errors or journal rows', async () => {
    const j = await journal();
    const f = await fake(withSignIn(() => ({ hang: true })));
    const secret = 'S3CRET-never-show-me';
    const c = center(
      baseConfig(f.url, { gateway: { scheme: 'tif', paasid: 'p', secret }, timeouts: { defaultMs: 200 } }),
      { journal: j },
    );
    const e = await caught(c.outpatientSettle(settleInput()));
    expect(JSON.stringify({ ...e.toJSON(), message: e.message, stack: e.stack })).not.toContain(secret);
    const rows = await j.knex(CENTER_CALLS_TABLE.name).select('*');
    expect(JSON.stringify(rows)).not.toContain(secret);
  });
});

describe('files: 9101/9102, 3202 and catalog downloads', () => {
  it('9102 returns the ZIP bytes; a JSON answer is the center refusing', async () => {
    const zip = zipOne('result.txt', 'x\ty\n');
    const f = await fake(
      withSignIn((r) => {
        const q = (r.body!.input as { fsDownloadIn: { file_qury_no: string } }).fsDownloadIn;
        return q.file_qury_no === 'GOOD' ? { bytes: zip } : fail('文件不存在或已过期');
      }),
    );
    const c = center(baseConfig(f.url));
    const good = await c.downloadFile({ file_qury_no: 'GOOD', filename: 'r.zip' });
    expect(Buffer.compare(good.result, zip)).toBe(0);
    const e = await caught(c.downloadFile({ file_qury_no: 'GONE', filename: 'r.zip' }));
    expect(e.code).toBe('CENTER_REFUSED');
    expect(e.summary).toContain('文件不存在');
  });

  it('stmtDetail runs 9101 → 3202 → 9102 and parses the result file', async () => {
    let uploaded: ReturnType<typeof parseStmtUploadFile> | undefined;
    let detailInput: Record<string, unknown> | undefined;
    const f = await fake(
      withSignIn((r) => {
        const input = r.body!.input as Record<string, Record<string, unknown>>;
        if (r.infno === '9101') {
          const bytes = Buffer.from(String(input.fsUploadIn!.in), 'base64');
          uploaded = parseStmtUploadFile(decodeText(unzipOne(bytes, '.txt').data));
          return ok({
            file_qury_no: 'UP1',
            filename: String(input.fsUploadIn!.filename),
            dld_endtime: '2024-03-02 00:00:00',
          });
        }
        if (r.infno === '3202') {
          detailInput = input.data;
          return ok({ fileinfo: { file_qury_no: 'RES1', filename: 'result.zip', dld_endtime: '2024-03-02 00:00:00' } });
        }
        if (r.infno === '9102') {
          const text = writeStmtResultFile([
            {
              psn_no: 'P1',
              mdtrt_id: 'M1',
              setl_id: 'S1',
              msgid: 'H43011100001202403010900000001',
              stmt_rslt: '0',
              refd_setl_flag: '0',
              memo: null,
              medfee_sumamt: D('100'),
              fund_pay_sumamt: D('60'),
              acct_pay: D('20'),
            },
            {
              psn_no: 'P9',
              mdtrt_id: null,
              setl_id: null,
              msgid: null,
              stmt_rslt: '1',
              refd_setl_flag: '0',
              memo: '中心端有多条明细',
              medfee_sumamt: D('50'),
              fund_pay_sumamt: D('30'),
              acct_pay: D('0'),
            },
          ]);
          return { bytes: zipOne('result.txt', text) };
        }
        return fail('unexpected');
      }),
    );
    const c = center(baseConfig(f.url));
    const rows = [
      {
        setl_id: 'S1',
        mdtrt_id: 'M1',
        psn_no: 'P1',
        medfee_sumamt: D('100'),
        fund_pay_sumamt: D('60'),
        acct_pay: D('20'),
        refd_setl_flag: '0',
      },
      {
        setl_id: 'S2',
        mdtrt_id: 'M2',
        psn_no: 'P2',
        medfee_sumamt: D('30.5'),
        fund_pay_sumamt: D('10'),
        acct_pay: D('0.5'),
        refd_setl_flag: '0',
      },
    ];
    const r = await c.stmtDetail({ stmt_begndate: '2024-03-01', stmt_enddate: '2024-03-01', clr_type: '11', rows });
    expect(f.received.map((x) => x.infno)).toEqual(['9001', '9101', '3202', '9102']);
    expect(uploaded!.rows.map((x) => x.setl_id)).toEqual(['S1', 'S2']);
    expect(detailInput).toEqual({
      setl_optins: '430100',
      file_qury_no: 'UP1',
      stmt_begndate: '2024-03-01',
      stmt_enddate: '2024-03-01',
      medfee_sumamt: 130.5,
      fund_pay_sumamt: 70,
      cash_payamt: 40,
      fixmedins_setl_cnt: 2,
      clr_type: '11',
    });
    expect(f.received[3]!.body!.input).toEqual({
      fsDownloadIn: { file_qury_no: 'RES1', filename: 'result.zip', fixmedins_code: 'H43011100001' },
    });
    expect(r.result.rows).toHaveLength(2);
    expect(r.result.rows[1]).toMatchObject({ setl_id: null, memo: '中心端有多条明细', stmt_rslt: '1' });
    expect(r.result.resultFilename).toBe('result.txt');
    expect(r.result.msgids.detail).toBe(r.msgid);
  });

  it('catalogDownload pages by version through 9102 and stops on an empty file', async () => {
    const versions: string[] = [];
    const pages: Record<string, Record<string, unknown>[]> = {
      '0': [
        { med_list_codg: 'A1', servitem_name: '挂号', ver: '1', ver_name: 'V1' },
        { med_list_codg: 'A2', servitem_name: '诊查', ver: '1', ver_name: 'V2' },
      ],
      V2: [{ med_list_codg: 'A3', servitem_name: '护理', ver: '2', ver_name: 'V3' }],
      V3: [],
    };
    const f = await fake(
      withSignIn((r) => {
        const input = r.body!.input as Record<string, Record<string, string>>;
        if (r.infno === '1305') {
          versions.push(input.data!.ver!);
          return ok({
            file_qury_no: `Q-${input.data!.ver}`,
            filename: `1305-${input.data!.ver}.zip`,
            dld_endtime: '2024-03-02 00:00:00',
            data_cnt: pages[input.data!.ver!]!.length,
          });
        }
        const ver = String(input.fsDownloadIn!.file_qury_no).slice(2);
        expect(input.fsDownloadIn!.fixmedins_code).toBe('plc');
        return { bytes: zipOne(`1305-${ver}.txt`, writeCatalogFile('1305', pages[ver]!)) };
      }),
    );
    const c = center(baseConfig(f.url, { catalogFileOwner: 'plc' }));
    const seen: number[] = [];
    const r = await c.catalogDownload('1305', { ver: '0', onPage: (p) => void seen.push(p.count) });
    expect(versions).toEqual(['0', 'V2', 'V3']);
    expect(seen).toEqual([2, 1]);
    expect(r.result.records.map((x) => x.med_list_codg)).toEqual(['A1', 'A2', 'A3']);
    expect(r.result.lastVer).toBe('V3');
    await expect(c.catalogDownload('1312' as never, { ver: '0' })).rejects.toThrow(/not a file catalog/);
  });
});

describe('scoping', () => {
  it('withCenter closes the agent: the client refuses calls afterwards', async () => {
    const f = await fake(withSignIn(() => ok(settleOutput())));
    let kept: Center | undefined;
    const r = await withCenter(baseConfig(f.url), async (c) => {
      kept = c;
      return (await c.querySettlement({ psn_no: 'P', setl_id: 'S' })).result.setlinfo.setl_id;
    });
    expect(r).toBe('S0001');
    const e = await caught(kept!.querySettlement({ psn_no: 'P', setl_id: 'S' }));
    expect(e.code).toBe('CENTER_UNREACHABLE');
    const e2 = await caught(
      withCenter(baseConfig(f.url), {}, async () => {
        throw new HisopsError({ code: 'PROFILE_UNSUPPORTED', summary: 'inner' });
      }),
    );
    expect(e2.code).toBe('PROFILE_UNSUPPORTED');
  });
});
