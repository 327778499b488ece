/**
 * The interface test's validator alone: good messages give no violation; each kind of bad
 * message gives the violation that names its field, in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import {
  checkMessage,
  newConformanceState,
  noteMessage,
  conformanceHtml,
  ConformanceCollector,
  type ConformanceState,
} from '../../../src/core/center/sandbox/index.js';

const CODE = 'H43010000001';
const AT = '2025-03-04 10:00:00';
let seq = 0;

function env(
  infno: string,
  input: Record<string, unknown>,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    infno,
    msgid: `${CODE}20250304100000${String(seq++).padStart(4, '0')}`,
    mdtrtarea_admvs: '430100',
    insuplc_admdvs: '430100',
    recer_sys_code: 'YBXT',
    dev_no: '',
    dev_safe_info: '',
    cainfo: '',
    signtype: '',
    infver: 'V1.0',
    opter_type: '1',
    opter: 'op01',
    opter_name: '收费员甲',
    inf_time: AT,
    fixmedins_code: CODE,
    fixmedins_name: '示例医院',
    sign_no: infno === '9001' ? '' : 'S0001',
    input,
    ...over,
  };
}

const settle = (over: Record<string, unknown> = {}) => ({
  data: {
    psn_no: '430100430101199001011234',
    mdtrt_cert_type: '02',
    mdtrt_cert_no: '430101199001011234',
    med_type: '11',
    medfee_sumamt: '200.00',
    psn_setlway: '01',
    mdtrt_id: 'MD0001',
    chrg_bchno: 'B001',
    insutype: '310',
    acct_used_flag: '1',
    fulamt_ownpay_amt: '20.00',
    overlmt_selfpay: '0.00',
    preselfpay_amt: '10.00',
    inscp_scp_amt: '170.00',
    ...over,
  },
});

function signedIn(): ConformanceState {
  const s = newConformanceState();
  const m = env('9001', { signIn: { opter_no: 'op01', ip: '127.0.0.1' } });
  expect(checkMessage(m, s, { receivedAt: AT })).toEqual([]);
  noteMessage(s, m, { infcode: 0, output: { signinoutb: { sign_time: AT, sign_no: 'S0001' } } });
  return s;
}

const paths = (vs: { path: string; kind: string }[]) => vs.map((v) => `${v.kind} ${v.path}`);

describe('checkMessage', () => {
  it('passes a good sign-in and a good settlement', () => {
    const s = signedIn();
    expect(checkMessage(env('2207', settle()), s, { receivedAt: AT })).toEqual([]);
  });

  it('names missing, coded, long and badly typed fields', () => {
    const s = signedIn();
    const vs = checkMessage(
      env('2207', settle({ insutype: '999', psn_setlway: undefined, mdtrt_id: 'M'.repeat(31), medfee_sumamt: 'abc' }), {
        opter_type: '9',
      }),
      s,
      { receivedAt: AT },
    );
    expect(paths(vs)).toEqual(
      expect.arrayContaining([
        'code opter_type',
        'code input.data.insutype',
        'missing input.data.psn_setlway',
        'length input.data.mdtrt_id',
        'type input.data.medfee_sumamt',
      ]),
    );
    const ins = vs.find((v) => v.path === 'input.data.insutype')!;
    expect(ins.message).toContain('"999" is not a known insutype code');
    expect(ins.message_zh).toBe('代码值不在代码表中：input.data.insutype，值 "999" 不在 insutype 代码表中');
  });

  it('checks the msgid shape, its institution, its time, and reuse with another message', () => {
    const s = signedIn();
    expect(
      paths(checkMessage(env('1101', { data: {} }, { msgid: 'H43010000001202503041000' }), s, { receivedAt: AT })),
    ).toContain('format msgid');
    expect(
      paths(checkMessage(env('2207', settle(), { msgid: `H43010000002202503041000000001` }), s, { receivedAt: AT })),
    ).toContain('format msgid');
    expect(
      paths(checkMessage(env('2207', settle(), { msgid: `${CODE}202502301000000001` }), s, { receivedAt: AT })),
    ).toContain('format msgid');
    const first = env('2207', settle());
    noteMessage(s, first, { infcode: 0 });
    // The same message again (a retry) is fine; another message under its msgid is not.
    expect(checkMessage(first, s, { receivedAt: AT })).toEqual([]);
    const vs = checkMessage({ ...first, input: settle({ mdtrt_id: 'MD0002' }) }, s, { receivedAt: AT });
    expect(vs.map((v) => v.kind)).toEqual(['duplicate']);
    expect(vs[0]!.message_zh).toContain('报文ID重复');
  });

  it('flags a HIS clock in UTC (8 hours behind the center) and msgid/inf_time from different clocks', () => {
    const s = signedIn();
    const vs = checkMessage(env('2207', settle(), { inf_time: '2025-03-04 02:00:00' }), s, { receivedAt: AT });
    expect(vs.find((v) => v.path === 'inf_time')).toMatchObject({
      kind: 'clock',
      message: expect.stringContaining('-28800 s'),
    });
    expect(vs.find((v) => v.path === 'msgid')?.kind).toBe('clock');
  });

  it('wants a sign_no issued by 9001, and envelope fields required by the reference', () => {
    const s = newConformanceState();
    const vs = checkMessage(
      env('2207', settle(), { sign_no: 'NOT-ISSUED', recer_sys_code: '', infver: undefined, mdtrtarea_admvs: '4301' }),
      s,
      { receivedAt: AT },
    );
    expect(paths(vs)).toEqual(
      expect.arrayContaining(['session sign_no', 'missing recer_sys_code', 'missing infver', 'format mdtrtarea_admvs']),
    );
    expect(paths(checkMessage(env('2207', settle(), { sign_no: '' }), s, { receivedAt: AT }))).toContain(
      'missing sign_no',
    );
  });

  it('checks that the bill parts add up and that the total equals the uploaded fee lines', () => {
    const s = signedIn();
    expect(
      checkMessage(env('2207', settle({ inscp_scp_amt: '160.00' })), s, { receivedAt: AT }).map((v) => v.kind),
    ).toEqual(['sum']);
    const lines = env('2204', {
      feedetail: [
        { mdtrt_id: 'MD0001', chrg_bchno: 'B001', cnt: 2, pric: 50, det_item_fee_sumamt: '100.00' },
        { mdtrt_id: 'MD0001', chrg_bchno: 'B001', cnt: 1, pric: 90, det_item_fee_sumamt: '80.00' },
      ],
    });
    const lineVs = checkMessage(lines, s, { receivedAt: AT }).filter((v) => v.kind === 'sum');
    expect(lineVs.map((v) => v.path)).toEqual(['input.feedetail[1].det_item_fee_sumamt']);
    noteMessage(s, lines, { infcode: 0 });
    const vs = checkMessage(env('2207', settle()), s, { receivedAt: AT });
    expect(vs).toHaveLength(1);
    expect(vs[0]).toMatchObject({
      kind: 'sum',
      path: 'input.data.medfee_sumamt',
      message: expect.stringContaining('180.00'),
    });
    // Revoking the lines (2205) leaves nothing to compare with.
    noteMessage(s, env('2205', { data: { mdtrt_id: 'MD0001', chrg_bchno: 'B001', psn_no: 'x' } }), { infcode: 0 });
    expect(checkMessage(env('2207', settle()), s, { receivedAt: AT })).toEqual([]);
  });

  it('collects per transaction, masks secrets and renders both languages in the HTML', () => {
    const s = signedIn();
    const c = new ConformanceCollector(AT);
    const bad = env('2207', settle({ insutype: '999' }), { cainfo: 'SECRET-SIGNATURE', sign_no: 'S0001' });
    c.add('2207', {
      msgid: bad.msgid as string,
      at: AT,
      infcode: -1,
      violations: checkMessage(bad, s, { receivedAt: AT }),
      message: bad,
    });
    c.add('2207', { msgid: 'x', at: AT, infcode: 0, violations: [], message: env('2207', settle()) });
    const r = c.report();
    expect(r.transactions[0]).toMatchObject({
      infno: '2207',
      name: '门诊结算',
      messages: 2,
      violating: 1,
      by_path: { 'input.data.insutype': 1 },
    });
    const text = JSON.stringify(r);
    expect(text).not.toContain('SECRET-SIGNATURE');
    expect(text).toContain('"mdtrt_cert_no":"**************1234"');
    const labels = Object.fromEntries(
      [
        'title',
        'summary',
        'infno',
        'name',
        'messages',
        'violating',
        'violations',
        'path',
        'kind',
        'problem',
        'message',
        'none',
        'more',
        'started',
        'updated',
      ].map((k) => [k, k]),
    ) as never;
    const html = conformanceHtml(r, labels, 'zh-CN');
    expect(html).toContain('代码值不在代码表中：input.data.insutype');
    expect(html).toContain('is not a known insutype code');
    expect(html).not.toContain('SECRET-SIGNATURE');
  });
});

describe('the interface test in Chinese', () => {
  it('gives every violation Chinese words with no English sentence, transport refusals included', async () => {
    const { englishSentences } = await import('../../helpers/englishSentence.js');
    const { transportViolation } = await import('../../../src/core/center/sandbox/conformance/checkMessage.js');
    const s = signedIn();
    const vs = checkMessage(
      env('2207', settle({ insutype: '999', psn_setlway: undefined, mdtrt_id: 'M'.repeat(31), medfee_sumamt: 'abc' }), {
        opter_type: '9',
        msgid: `${CODE}2025030410000`,
        inf_time: '2025-03-04 12:00:00',
      }),
      s,
      { receivedAt: AT },
    );
    vs.push(transportViolation('请求头 Content-Type 错误：text/plain (send application/json;charset=utf-8)'));
    expect(vs.length).toBeGreaterThan(5);
    for (const v of vs) {
      expect(v.message_zh, v.message).toMatch(/[\u4e00-\u9fff]/);
      expect(englishSentences(v.message_zh), v.message_zh).toEqual([]);
    }
    expect(vs.at(-1)!.message_zh).toBe('请求不是有效的接口报文：请求头 Content-Type 错误：text/plain');
  });
});
