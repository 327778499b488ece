/**
 * What a refusal or an unreadable answer tells the user: every field the center sent (infcode,
 * err_msg or "(no message)", inf_refmsgid), or the first, sanitized characters of a body that is
 * not an envelope. Answers are the shapes the interface reference (§3) documents, served over
 * real HTTP by a small local server.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { caught } from '../../helpers/caught.js';
import { Center, type CenterConfig } from '../../../src/core/center/index.js';
import { bodyHead } from '../../../src/core/center/client/errors.js';
import { baseConfig, startFakeCenter, type Answer, type FakeCenter, type Received } from './helpers.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function fake(handler: (r: Received, n: number) => Answer | Promise<Answer>): Promise<FakeCenter> {
  const f = await startFakeCenter(handler);
  cleanups.push(() => f.close());
  return f;
}

function center(config: CenterConfig): Center {
  const c = new Center(config);
  cleanups.push(() => c.close());
  return c;
}

const REF = '430000202401010800000000000007';
const SIGNIN_OUTPUT = { signinoutb: { sign_time: '2024-01-01 08:00:00', sign_no: '430100202401010800000000000001' } };

/** A response envelope as §3 lists its keys. */
function envelope(over: Record<string, unknown>): { json: unknown } {
  return {
    json: {
      infcode: -1,
      inf_refmsgid: REF,
      refmsg_time: '20240101080000000',
      respond_time: '20240101080000012',
      err_msg: null,
      warn_msg: null,
      output: null,
      cainfo: null,
      signtype: null,
      enctype: null,
      ...over,
    },
  };
}

async function signInAgainst(answer: Answer, over: Partial<CenterConfig> = {}) {
  const f = await fake(() => answer);
  return center(baseConfig(f.url, { retry: { attempts: 1 }, ...over })).signIn();
}

describe('successful envelopes', () => {
  it('infcode 0 and "0" are both success', async () => {
    expect((await signInAgainst(envelope({ infcode: 0, err_msg: '成功', output: SIGNIN_OUTPUT }))).result.sign_no).toBe(
      SIGNIN_OUTPUT.signinoutb.sign_no,
    );
    expect((await signInAgainst(envelope({ infcode: '0', err_msg: '', output: SIGNIN_OUTPUT }))).result.sign_no).toBe(
      SIGNIN_OUTPUT.signinoutb.sign_no,
    );
  });

  it('output as a list is read as the data node (1312)', async () => {
    const f = await fake((r) =>
      r.infno === '9001'
        ? envelope({ infcode: 0, output: SIGNIN_OUTPUT })
        : envelope({ infcode: '0', output: [{ hilist_code: 'X01', hilist_name: '甲' }] }),
    );
    const r = await center(baseConfig(f.url)).hilistQuery({
      updt_time: '2024-01-01 00:00:00',
      page_num: 1,
      page_size: 10,
    });
    expect(r.result.rows.map((x) => x.hilist_code)).toEqual(['X01']);
  });
});

describe('refusals say what the center said', () => {
  it('infcode -1 with an empty err_msg: "(no message)", the infcode and inf_refmsgid in the summary and details', async () => {
    const e = await caught(signInAgainst(envelope({ infcode: -1, err_msg: '' })));
    expect(e.code).toBe('CENTER_REFUSED');
    expect(e.summary).toMatch(
      /^The center refused 9001 签到 \(msgid H43011100001\d{18}\): \(no message\) — infcode -1, inf_refmsgid 430000202401010800000000000007$/,
    );
    expect(e.details).toMatchObject({ infno: '9001', infcode: -1, err_msg: '', inf_refmsgid: REF, delivery: 'yes' });
    expect(e.fix).toContain(REF);
  });

  it('a null err_msg and a blank one read the same', async () => {
    for (const err_msg of [null, '   ', undefined]) {
      const e = await caught(signInAgainst(envelope({ infcode: '-1', err_msg })));
      expect(e.summary).toContain(': (no message) — infcode -1, inf_refmsgid ' + REF);
      expect(e.details.infcode).toBe(-1);
    }
  });

  it('a message is shown whole with infcode and inf_refmsgid, whatever shape output has', async () => {
    for (const output of [{ signinoutb: {} }, [{ a: 1 }], null, '']) {
      const e = await caught(signInAgainst(envelope({ infcode: -1, err_msg: '机构编号不存在', output })));
      expect(e.summary).toContain(': 机构编号不存在 — infcode -1, inf_refmsgid ' + REF);
      expect(e.details).toMatchObject({ err_msg: '机构编号不存在', infcode: -1, inf_refmsgid: REF });
    }
  });

  it('an infcode that is not a number is shown as sent; a missing inf_refmsgid says (none)', async () => {
    const e = await caught(signInAgainst({ json: { infcode: 'E01', err_msg: null } }));
    expect(e.summary).toContain(': (no message) — infcode "E01", inf_refmsgid (none)');
    expect(e.details).toMatchObject({ infcode: null, infcode_raw: 'E01', inf_refmsgid: null });
  });
});

describe('answers that are not JSON', () => {
  it('an HTML error page with HTTP 200: the first 200 characters, one line, in the summary and details', async () => {
    const page = `<html>\r\n<head><title>系统维护</title></head>\n<body>\t${'维护中 '.repeat(80)}</body></html>`;
    const e = await caught(signInAgainst({ text: page, status: 200 }));
    expect(e.code).toBe('CENTER_NOT_JSON');
    expect(e.summary).toContain('(HTTP 200)');
    expect(e.summary).toContain('starts with: <html> <head><title>系统维护</title></head> <body> 维护中');
    const head = String(e.details.body_head);
    expect(Array.from(head).length).toBe(201); // 200 characters and the ellipsis
    expect(head.endsWith('…')).toBe(true);
    expect(head).not.toMatch(/[\r\n\t]/);
    expect(e.details).toMatchObject({
      http_status: 200,
      body_bytes: Buffer.byteLength(page),
      content_type: 'text/html',
    });
  });

  it('an empty body says so', async () => {
    const e = await caught(signInAgainst({ text: '', status: 200 }));
    expect(e.code).toBe('CENTER_NOT_JSON');
    expect(e.summary).toContain('the body is empty');
    expect(e.details).toMatchObject({ body_head: '', body_bytes: 0 });
  });

  it('an HTTP 502 page is quoted, with secrets masked', async () => {
    const e = await caught(
      signInAgainst(
        { text: '<h1>502 Bad Gateway</h1> upstream=http://10.1.1.1/?token=abc123&x=1 key s3cr3t-value', status: 502 },
        { gateway: { scheme: 'tif', paasid: 'p1', secret: 's3cr3t-value' } },
      ),
    );
    expect(e.code).toBe('CENTER_HTTP');
    expect(e.summary).toContain('HTTP 502');
    expect(e.summary).toContain('<h1>502 Bad Gateway</h1>');
    expect(e.summary).not.toContain('abc123');
    expect(e.summary).not.toContain('s3cr3t-value');
    expect(JSON.stringify(e.details)).not.toContain('s3cr3t-value');
    expect(e.details.body_head).toContain('token=***');
  });

  it('bodyHead never splits a character and keeps short bodies whole', () => {
    expect(bodyHead('\uFEFF  ok \n')).toBe('ok');
    expect(Array.from(bodyHead('😀'.repeat(300))).length).toBe(201);
  });
});
