/**
 * The sandbox refuses bad requests like a strict center: every check answers infcode -1 with an
 * err_msg that names the problem, and the server keeps serving afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tifHeaders } from '../../../src/core/center/protocol/index.js';
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { CODE, envelope, openSandbox, post, postRaw, settleInput, signIn } from './helpers.js';

let sb: Sandbox;
let sign_no: string;
const person = sandboxRoster(5)[0]!;

beforeAll(async () => {
  ({ sb, sign_no } = await openSandbox({ institutions: ['H43010000002'] }));
});
afterAll(async () => {
  await sb.close();
});

function refused(a: { status: number; body: Record<string, unknown> }, pattern: RegExp, status = 200) {
  expect(a.status).toBe(status);
  expect(a.body.infcode).toBe(-1);
  expect(String(a.body.err_msg)).toMatch(pattern);
  expect(a.body.output).toBeNull();
  expect(String(a.body.inf_refmsgid)).toMatch(/^430100\d{24}$/);
  expect(String(a.body.respond_time)).toMatch(/^\d{17}$/);
}

describe('transport checks', () => {
  it('refuses a body that is not JSON', async () => {
    refused(await postRaw(sb.url, '{"infno": "9001",'), /不是有效的 JSON/);
  });
  it('refuses an empty body', async () => {
    refused(await postRaw(sb.url, ''), /请求报文为空/);
  });
  it('refuses a JSON array or scalar as the envelope', async () => {
    refused(await postRaw(sb.url, '[1,2]'), /must be a JSON object/);
    refused(await postRaw(sb.url, '"9001"'), /must be a JSON object/);
  });
  it('refuses a wrong content type, naming it', async () => {
    refused(
      await postRaw(sb.url, JSON.stringify(envelope('9001', {})), { 'content-type': 'text/plain' }),
      /Content-Type 错误：text\/plain/,
    );
    refused(await postRaw(sb.url, JSON.stringify(envelope('9001', {})), {}), /Content-Type 错误/);
  });
  it('refuses a charset other than UTF-8 and bytes that are not UTF-8', async () => {
    refused(await postRaw(sb.url, '{}', { 'content-type': 'application/json; charset=GBK' }), /charset=GBK/);
    refused(
      await postRaw(sb.url, new Uint8Array([0x7b, 0xc4, 0xe3, 0x7d]), { 'content-type': 'application/json' }),
      /UTF-8/,
    );
  });
  it('refuses GET and unknown paths with the envelope shape', async () => {
    const g = await fetch(sb.url);
    expect(g.status).toBe(405);
    expect(((await g.json()) as { infcode: number }).infcode).toBe(-1);
    refused(await post(sb.url, envelope('9001', {}), '/no/such/path'), /服务地址不存在：\/no\/such\/path/, 404);
  });
  it('refuses an infno in the URL that differs from the envelope', async () => {
    refused(
      await post(sb.url, envelope('1101', { data: {} }, sign_no), '/5203'),
      /URL names 5203 but the envelope's infno is 1101/,
    );
  });
  it('refuses a body above the size limit', async () => {
    const small = await startSandbox({ lenientVisits: true, maxBodyBytes: 1000 });
    try {
      refused(await postRaw(small.url, JSON.stringify({ pad: 'x'.repeat(5000) })), /请求报文过大/, 413);
    } finally {
      await small.close();
    }
  });
});

describe('envelope checks', () => {
  const required = [
    'infno',
    'msgid',
    'mdtrtarea_admvs',
    'recer_sys_code',
    'infver',
    'opter_type',
    'opter',
    'opter_name',
    'inf_time',
    'fixmedins_code',
    'fixmedins_name',
  ];
  for (const f of required) {
    it(`refuses an envelope without ${f}`, async () => {
      const e = envelope(
        '1101',
        { data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' } },
        sign_no,
      );
      delete e[f];
      refused(await post(sb.url, e), new RegExp(`${f}(: | is required)`));
    });
  }
  it('refuses an envelope without input', async () => {
    const e = envelope('1101', {}, sign_no);
    delete e.input;
    refused(await post(sb.url, e), /input/);
  });
  it('refuses values that are too long or not in the code table', async () => {
    refused(
      await post(sb.url, envelope('1101', { data: {} }, sign_no, { opter: 'x'.repeat(31) })),
      /opter: opter is longer than 30/,
    );
    refused(
      await post(sb.url, envelope('1101', { data: {} }, sign_no, { opter_type: '9' })),
      /opter_type "9" is not a known opter_type code/,
    );
    const e = envelope('1101', { data: {} }, sign_no);
    e.inf_time = '2024-02-30 10:00:00';
    refused(await post(sb.url, e), /inf_time must be a date-time/);
  });
  it('checks the msgid rule: institution prefix, a real time, a 4-digit sequence', async () => {
    const bad = [
      `H99999999999${'20240101120000'}0001`,
      `${CODE}202401011200000001X`,
      `${CODE}20241301120000` + '0001',
      `${CODE}2024010112000000011`,
    ];
    for (const msgid of bad) {
      refused(await post(sb.url, envelope('1101', { data: {} }, sign_no, { msgid })), /msgid/);
    }
  });
  it('refuses an unknown infno and one the sandbox does not offer', async () => {
    refused(await post(sb.url, envelope('7777', { data: {} }, sign_no)), /交易编号 7777 不存在/);
    refused(
      await post(sb.url, envelope('3203', { data: {} }, sign_no)),
      /交易 3203 未开放 \(offered: .*1101.*2201-2208.*2401.*5204.*9102.*3505A 3506A ZSMCJ003\)$/,
    );
  });
  it('serves only its own division', async () => {
    refused(
      await post(sb.url, envelope('1101', { data: {} }, sign_no, { mdtrtarea_admvs: '440300' })),
      /this center serves 430100/,
    );
  });
  it('requires insuplc_admdvs when the input names a person', async () => {
    const e = envelope('2207', settleInput(person), sign_no);
    e.insuplc_admdvs = '';
    refused(await post(sb.url, e), /insuplc_admdvs is required when the input carries a psn_no/);
  });
});

describe('sign-in', () => {
  const q = () => ({ data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' } });
  it('refuses a business call without sign_no', async () => {
    refused(await post(sb.url, envelope('1101', q(), '')), /sign_no is required: sign in with 9001 first/);
  });
  it('refuses a sign_no that was never issued', async () => {
    refused(await post(sb.url, envelope('1101', q(), '430100209901010000009999999999')), /never issued/);
  });
  it('refuses a sign_no of another institution', async () => {
    const other = await signIn(sb.url, 'op09', { fixmedins_code: 'H43010000002' });
    refused(await post(sb.url, envelope('1101', q(), other)), /another institution/);
  });
  it('refuses a sign_no after sign-out, and signing out twice', async () => {
    const s = await signIn(sb.url, 'op02');
    const out = await post(sb.url, envelope('9002', { signOut: { sign_no: s, opter_no: 'op02' } }, s));
    expect(out.body.infcode).toBe(0);
    expect((out.body.output as { signoutoutb: { sign_time: string } }).signoutoutb.sign_time).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/,
    );
    refused(await post(sb.url, envelope('1101', q(), s)), /已签退/);
  });
  it('refuses an expired sign_no', async () => {
    let now = new Date('2026-03-01T10:00:00');
    const timed = await startSandbox({ lenientVisits: true, clock: () => now });
    try {
      const s = await signIn(timed.url);
      expect((await post(timed.url, envelope('1101', q(), s))).body.infcode).toBe(0);
      now = new Date('2026-03-02T08:00:00');
      refused(await post(timed.url, envelope('1101', q(), s)), /已过期 \(expired at 2026-03-01 23:59:59/);
    } finally {
      await timed.close();
    }
  });
});

describe('input checks', () => {
  it('names a missing required field with its path', async () => {
    const input = settleInput(person);
    delete (input.data as Record<string, unknown>).mdtrt_id;
    refused(await post(sb.url, envelope('2207', input, sign_no)), /input\.data\.mdtrt_id: mdtrt_id is required/);
  });
  it('refuses a code value that is not in its table', async () => {
    refused(
      await post(sb.url, envelope('2207', settleInput(person, { med_type: '99x' }), sign_no)),
      /med_type "99x" is not a known med_type code/,
    );
    refused(await post(sb.url, envelope('2207', settleInput(person, { insutype: '311' }), sign_no)), /insutype "311"/);
  });
  it('refuses a string longer than its field and an amount with three decimals', async () => {
    refused(
      await post(sb.url, envelope('2207', settleInput(person, { mdtrt_id: 'M'.repeat(31) }), sign_no)),
      /mdtrt_id is longer than 30/,
    );
    refused(
      await post(sb.url, envelope('2207', settleInput(person, { medfee_sumamt: 200.001 }), sign_no)),
      /medfee_sumamt has more than 2 decimals/,
    );
  });
  it('refuses a missing node and a list where an object belongs', async () => {
    refused(await post(sb.url, envelope('2207', {}, sign_no)), /node data is required/);
    refused(
      await post(sb.url, envelope('3505', { selinfo: [{}, {}] }, sign_no)),
      /selinfo must be an object, not a list/,
    );
  });
  it('refuses a card without card_sn (a conditional field)', async () => {
    refused(
      await post(
        sb.url,
        envelope('1101', { data: { mdtrt_cert_type: '03', mdtrt_cert_no: 'C123', psn_cert_type: '01' } }, sign_no),
      ),
      /card_sn is required/,
    );
  });
  it('refuses a msgid reused for a different request', async () => {
    const e = envelope('2207', settleInput(person), sign_no);
    expect((await post(sb.url, e)).body.infcode).toBe(0);
    const again = envelope('2207', settleInput(person, { chrg_bchno: 'B999' }), sign_no, { msgid: String(e.msgid) });
    refused(await post(sb.url, again), /报文ID重复/);
  });
  it('keeps serving after all of that', async () => {
    const a = await post(
      sb.url,
      envelope('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' } }, sign_no),
    );
    expect(a.body.infcode).toBe(0);
  });
});

describe('x-tif gateway check', () => {
  let gw: Sandbox;
  beforeAll(async () => {
    gw = await startSandbox({
      lenientVisits: true,
      tif: { paasid: 'hisops_test', secret: 's3cret' },
      requireSignIn: false,
    });
  });
  afterAll(async () => {
    await gw.close();
  });
  const body = () =>
    JSON.stringify(
      envelope('1101', { data: { mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' } }),
    );
  it('answers a well-signed call', async () => {
    const h = tifHeaders({ paasid: 'hisops_test', token: 's3cret', now: new Date(), nonce: 'n-1' });
    const a = await postRaw(gw.url, body(), { 'content-type': 'application/json', ...h });
    expect(a.status).toBe(200);
    expect(a.body.infcode).toBe(0);
  });
  it('refuses missing headers, a wrong signature, a stale timestamp and a reused nonce, gateway-style', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /missing x-tif/],
      [
        { ...tifHeaders({ paasid: 'hisops_test', token: 'wrong', now: new Date(), nonce: 'n-2' }) },
        /signature does not match/,
      ],
      [
        { ...tifHeaders({ paasid: 'other', token: 's3cret', now: new Date(), nonce: 'n-3' }) },
        /unknown x-tif-paasid other/,
      ],
      [
        {
          ...tifHeaders({ paasid: 'hisops_test', token: 's3cret', now: new Date(Date.now() - 3600_000), nonce: 'n-4' }),
        },
        /away from the gateway clock/,
      ],
    ];
    for (const [h, re] of cases) {
      const a = await postRaw(gw.url, body(), { 'content-type': 'application/json', ...h });
      expect(a.status).toBe(401);
      expect(a.body.infcode).toBeUndefined();
      expect(a.body.success).toBe(false);
      expect(String(a.body.message)).toMatch(re);
    }
    const h = tifHeaders({ paasid: 'hisops_test', token: 's3cret', now: new Date(), nonce: 'n-5' });
    expect((await postRaw(gw.url, body(), { 'content-type': 'application/json', ...h })).status).toBe(200);
    const again = await postRaw(gw.url, body(), { 'content-type': 'application/json', ...h });
    expect(again.status).toBe(401);
    expect(String(again.body.message)).toMatch(/nonce was already used/);
  });
});
