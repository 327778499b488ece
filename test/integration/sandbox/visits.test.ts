/**
 * The visit flow over HTTP against a strict sandbox: a settlement is checked against the visit
 * registered with 2201/2401 and the fee lines uploaded for it, and 5203/5204/3202 reflect them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate, parseStmtResultFile, writeStmtUploadFile } from '../../../src/core/center/protocol/index.js';
import { decodeText, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import { D } from '../../../src/core/money.js';
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { call, CODE, envelope, openSandbox, signIn, type Answer } from './helpers.js';
import {
  admission,
  line,
  ok,
  partsOf,
  register,
  registration,
  send,
  settleData,
  visitInfo,
  type FlowCtx,
} from './visitFlow.js';

let sb: Sandbox;
let c: FlowCtx;
const roster = sandboxRoster(60).filter((p) => p.insuplc_admdvs === '430100');
const employees = roster.filter((p) => p.insutype === '310');
let next = 0;
const person = () => employees[next++ % employees.length]!;

beforeAll(async () => {
  const o = await openSandbox({ lenientVisits: false });
  sb = o.sb;
  c = { url: sb.url, sign_no: o.sign_no };
});
afterAll(async () => {
  await sb.close();
});

/** infcode -1 with a whole Chinese err_msg matching `pattern`. */
function refused(a: Answer, pattern: RegExp): string {
  expect(a.body.infcode).toBe(-1);
  const msg = String(a.body.err_msg);
  expect(msg).toMatch(pattern);
  expect(msg).toMatch(/[\u4e00-\u9fff]/);
  expect(msg.endsWith('…')).toBe(false);
  expect(a.body.output).toBeNull();
  return msg;
}

type Setl = Record<string, unknown> & { setl_id: string };

/** The echo of a bill wholly within scope. */
const inScope = (total: number) => ({
  fulamt_ownpay_amt: 0,
  overlmt_selfpay: 0,
  preselfpay_amt: 0,
  inscp_scp_amt: total,
});

/** Register, describe, upload two lines (one refused approval: 丙类), pre-settle and settle. */
async function outpatientVisit(
  p = person(),
): Promise<{ mdtrt_id: string; pre: Record<string, unknown>; setl: Setl; p: typeof p }> {
  const mdtrt_id = await register(c, p);
  await ok(c, '2203', visitInfo(p, mdtrt_id), p);
  await ok(
    c,
    '2204',
    {
      feedetail: [line(p, mdtrt_id, 'L1', 2, 25.5), line(p, mdtrt_id, 'L2', 1, 30, { over: { hosp_appr_flag: '2' } })],
    },
    p,
  );
  const pre = (await ok(c, '2206', settleData(p, mdtrt_id, 81), p)).setlinfo as Record<string, unknown>;
  const setl = (await ok(c, '2207', settleData(p, mdtrt_id, 81, { parts: partsOf(pre) }), p)).setlinfo as Setl;
  return { mdtrt_id, pre, setl, p };
}

describe('outpatient flow', () => {
  it('register → visit info → lines → pre-settle → settle, then 5203, 5204 and 3202 reflect it', async () => {
    const p = person();
    const before = sb.ledger.counts().settlements;
    const reg = await ok(c, '2201', registration(p), p);
    const mdtrt_id = (reg.data as { mdtrt_id: string }).mdtrt_id;
    expect(mdtrt_id).toMatch(/^430100\d{18}$/);
    expect((reg.data as Record<string, unknown>).psn_no).toBe(p.psn_no);
    await ok(c, '2203', visitInfo(p, mdtrt_id), p);

    const up = await ok(
      c,
      '2204',
      {
        feedetail: [
          line(p, mdtrt_id, 'L1', 2, 25.5),
          line(p, mdtrt_id, 'L2', 1, 30, { over: { hosp_appr_flag: '2' } }),
        ],
      },
      p,
    );
    const result = up.result as Record<string, unknown>[];
    expect(
      result.map((r) => [r.feedetl_sn, r.det_item_fee_sumamt, r.inscp_scp_amt, r.fulamt_ownpay_amt, r.chrgitm_lv]),
    ).toEqual([
      ['L1', 51, 51, 0, '01'],
      ['L2', 30, 0, 30, '03'],
    ]);

    const pre = (await ok(c, '2206', settleData(p, mdtrt_id, 81), p)).setlinfo as Record<string, unknown>;
    expect(pre.setl_id).toBeUndefined();
    expect(pre.setl_time).toBeUndefined();
    expect([pre.medfee_sumamt, pre.inscp_scp_amt, pre.fulamt_ownpay_amt]).toEqual([81, 51, 30]);
    expect(sb.ledger.counts().settlements).toBe(before); // nothing booked

    const setl = (await ok(c, '2207', settleData(p, mdtrt_id, 81, { parts: partsOf(pre) }), p)).setlinfo as Setl;
    expect(setl.medfee_sumamt).toBe(81);
    expect(setl.fund_pay_sumamt).toBe(pre.fund_pay_sumamt);
    expect(new D(String(setl.fund_pay_sumamt)).plus(String(setl.psn_part_amt)).eq(81)).toBe(true);
    expect(sb.ledger.visits.lines(mdtrt_id).map((l) => l.setl_id)).toEqual([setl.setl_id, setl.setl_id]);

    const q = await ok(c, '5203', { data: { psn_no: p.psn_no, setl_id: setl.setl_id } }, p);
    const info = q.setlinfo as Record<string, unknown>;
    expect([info.medfee_sumamt, info.dise_codg, info.dise_name, info.refd_setl_flag]).toEqual([
      81,
      'J06.900',
      '急性上呼吸道感染',
      '0',
    ]);

    const fee = (await ok(c, '5204', { data: { psn_no: p.psn_no, mdtrt_id, setl_id: setl.setl_id } }, p))
      .feedetail as Record<string, unknown>[];
    expect(fee.map((f) => [f.feedetl_sn, f.setl_id, f.det_item_fee_sumamt, f.cnt, f.pric])).toEqual([
      ['L1', setl.setl_id, 51, 2, 25.5],
      ['L2', setl.setl_id, 30, 1, 30],
    ]);

    // 3202: the HIS's row of this settlement balances; the center knows it with its own figures.
    const day = formatDate(new Date(), 480);
    const row = {
      setl_id: setl.setl_id,
      mdtrt_id,
      psn_no: p.psn_no,
      medfee_sumamt: new D(81),
      fund_pay_sumamt: new D(String(setl.fund_pay_sumamt)),
      acct_pay: new D(String(setl.acct_pay)),
      refd_setl_flag: '0',
    };
    const file = await call(
      c.url,
      envelope(
        '9101',
        {
          fsUploadIn: {
            in: zipOne('scmxdz.txt', writeStmtUploadFile([row])).toString('base64'),
            filename: 'scmxdz.zip',
            fixmedins_code: CODE,
          },
        },
        c.sign_no,
      ),
    );
    const out = await call(
      c.url,
      envelope(
        '3202',
        {
          data: {
            setl_optins: '430100',
            file_qury_no: file.file_qury_no,
            stmt_begndate: day,
            stmt_enddate: day,
            medfee_sumamt: 81,
            fund_pay_sumamt: setl.fund_pay_sumamt,
            cash_payamt: 0,
            fixmedins_setl_cnt: 1,
            clr_type: '11',
          },
        },
        c.sign_no,
      ),
    );
    const info3202 = out.fileinfo as { file_qury_no: string; filename: string };
    const r = await fetch(c.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        envelope(
          '9102',
          { fsDownloadIn: { file_qury_no: info3202.file_qury_no, filename: info3202.filename, fixmedins_code: CODE } },
          c.sign_no,
        ),
      ),
    });
    const rows = parseStmtResultFile(decodeText(unzipOne(Buffer.from(await r.arrayBuffer())).data));
    const mine = rows.find((x) => x.setl_id === setl.setl_id);
    expect(mine?.memo).toBe('平');
    expect(mine?.msgid).toBe(sb.ledger.getSettlement(setl.setl_id)!.medins_setl_id);
  });

  it('refuses a total that differs from the uploaded lines, and an echo that differs from the pre-settlement', async () => {
    const p = person();
    const mdtrt_id = await register(c, p);
    await ok(c, '2204', { feedetail: [line(p, mdtrt_id, 'A', 3, 10)] }, p);
    refused(
      await send(c, '2206', settleData(p, mdtrt_id, 31), p),
      /^医疗费总额与上传的费用明细合计不符：medfee_sumamt 31.00 ≠ 1 条明细合计 30.00，收费批次 B1 \(send the lines' total or correct them: 2205\/2204\)$/,
    );
    const parts = { fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 31 };
    refused(await send(c, '2207', settleData(p, mdtrt_id, 31, { parts }), p), /医疗费总额与上传的费用明细合计不符/);
    const wrongEcho = { fulamt_ownpay_amt: 10, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 20 };
    refused(
      await send(c, '2207', settleData(p, mdtrt_id, 30, { parts: wrongEcho }), p),
      /^fulamt_ownpay_amt 与预结算结果不符：10.00 ≠ 0.00/,
    );
    expect(sb.ledger.settlementsOfVisit(mdtrt_id)).toHaveLength(0);
    refused(
      await send(
        c,
        '2207',
        settleData(p, mdtrt_id, 30, { chrg_bchno: 'B9', parts: { ...parts, inscp_scp_amt: 30 } }),
        p,
      ),
      /^无待结算的费用明细：mdtrt_id \S+，收费批次 B9/,
    );
    // Long keys and amounts still give a whole message (err_msg is str 200).
    const long = 'B'.repeat(30);
    await ok(c, '2204', { feedetail: [line(p, mdtrt_id, 'S'.repeat(30), 1, 12345678.9, { chrg_bchno: long })] }, p);
    const msg = refused(
      // biome-ignore lint/correctness/noPrecisionLoss: the largest amount the field allows, as a number on the wire
      await send(c, '2206', settleData(p, mdtrt_id, 99999999999999.99, { chrg_bchno: long }), p),
      /^医疗费总额与上传的费用明细合计不符：.*\)$/,
    );
    expect(Array.from(msg).length).toBeLessThanOrEqual(200);
  });

  it('refuses a visit never registered; a lenient sandbox settles it from the request', async () => {
    const p = person();
    const parts = { fulamt_ownpay_amt: 0, overlmt_selfpay: 0, preselfpay_amt: 0, inscp_scp_amt: 50 };
    refused(
      await send(c, '2207', settleData(p, 'HIS-ONLY-1', 50, { parts }), p),
      /^就诊信息不存在：mdtrt_id HIS-ONLY-1 \(no visit registered for institution H43010000001: register with 2201 first\)$/,
    );
    refused(
      await send(c, '2204', { feedetail: [line(p, 'HIS-ONLY-1', 'X', 1, 5)] }, p),
      /^第 1 条明细（feedetl_sn X）|^就诊信息不存在/,
    );
    const lenient = await startSandbox({ ledger: sb.ledger, lenientVisits: true });
    try {
      const l: FlowCtx = { url: lenient.url, sign_no: await signIn(lenient.url) };
      const out = await ok(l, '2207', settleData(p, 'HIS-ONLY-1', 50, { parts }), p);
      expect((out.setlinfo as Setl).medfee_sumamt).toBe(50);
    } finally {
      await lenient.close();
    }
  });

  it('refuses settling twice, deleting settled lines and cancelling a settled registration', async () => {
    const { mdtrt_id, pre, setl, p } = await outpatientVisit();
    refused(
      await send(c, '2207', settleData(p, mdtrt_id, 81, { parts: partsOf(pre) }), p),
      new RegExp(`^该收费批次已结算，不能重复结算：setl_id ${setl.setl_id}`),
    );
    refused(
      await send(c, '2205', { data: { mdtrt_id, chrg_bchno: 'B1', psn_no: p.psn_no } }, p),
      new RegExp(
        `^费用明细已结算，不能撤销：mdtrt_id ${mdtrt_id}，chrg_bchno B1，setl_id ${setl.setl_id} \\(cancel the settlement with 2208 first\\)$`,
      ),
    );
    refused(
      await send(
        c,
        '2202',
        { data: { psn_no: p.psn_no, mdtrt_id, ipt_otp_no: String(sb.ledger.visits.get(mdtrt_id)!.ipt_otp_no) } },
        p,
      ),
      /^该就诊已结算，不能撤销：/,
    );
    refused(
      await send(c, '2204', { feedetail: [line(p, mdtrt_id, 'L3', 1, 1)] }, p),
      /^第 1 条明细（feedetl_sn L3）|^收费批次 B1 已结算/,
    );
  });

  it('checks each line: amount = cnt × pric, the same line again is no change, another under its sn is refused', async () => {
    const p = person();
    const mdtrt_id = await register(c, p);
    refused(
      await send(
        c,
        '2204',
        { feedetail: [line(p, mdtrt_id, 'G1', 2, 3), { ...line(p, mdtrt_id, 'G2', 2, 3), det_item_fee_sumamt: 7 }] },
        p,
      ),
      /^第 2 条明细（feedetl_sn G2）明细金额与数量×单价不符：det_item_fee_sumamt 7.00 ≠ 2 × 3 = 6.00$/,
    );
    expect(sb.ledger.visits.lines(mdtrt_id)).toHaveLength(0); // nothing of the refused call was kept
    const first = line(p, mdtrt_id, 'G1', 2, 3);
    await ok(c, '2204', { feedetail: [first] }, p);
    await ok(c, '2204', { feedetail: [first] }, p);
    expect(sb.ledger.visits.lines(mdtrt_id)).toHaveLength(1);
    refused(
      await send(c, '2204', { feedetail: [{ ...first, cnt: 3, det_item_fee_sumamt: 9 }] }, p),
      /^第 1 条明细（feedetl_sn G1）已上传且内容不同/,
    );
    await ok(c, '2205', { data: { mdtrt_id, chrg_bchno: '0000', psn_no: p.psn_no } }, p);
    expect(sb.ledger.visits.lines(mdtrt_id)).toHaveLength(0);
    await ok(
      c,
      '2202',
      { data: { psn_no: p.psn_no, mdtrt_id, ipt_otp_no: sb.ledger.visits.get(mdtrt_id)!.ipt_otp_no } },
      p,
    );
    refused(await send(c, '2204', { feedetail: [first] }, p), /^就诊 \S+ 已撤销/);
  });

  it('2201 replayed under its msgid answers the same mdtrt_id; a taken ipt_otp_no is refused', async () => {
    const p = person();
    const input = registration(p);
    const e = envelope('2201', input, c.sign_no, { insuplc_admdvs: p.insuplc_admdvs });
    const a = (await call(c.url, e)).data as { mdtrt_id: string };
    const b = (await call(c.url, e)).data as { mdtrt_id: string };
    expect(b.mdtrt_id).toBe(a.mdtrt_id);
    refused(
      await send(c, '2201', input, p),
      new RegExp(
        `^门诊号 ${String((input.data as Record<string, unknown>).ipt_otp_no)} 已登记：mdtrt_id ${a.mdtrt_id}`,
      ),
    );
  });

  it('2208 gives the lines back: 5203 says refunded, 5204 shows them unsettled, 2205 and 2202 then succeed', async () => {
    const { mdtrt_id, setl, p } = await outpatientVisit();
    const cancel = (await ok(c, '2208', { data: { setl_id: setl.setl_id, mdtrt_id, psn_no: p.psn_no } }, p))
      .setlinfo as Setl;
    expect(cancel.medfee_sumamt).toBe(-81);
    const q = (await ok(c, '5203', { data: { psn_no: p.psn_no, setl_id: setl.setl_id } }, p)).setlinfo as Record<
      string,
      unknown
    >;
    expect(q.refd_setl_flag).toBe('1');
    const fee = (await ok(c, '5204', { data: { psn_no: p.psn_no, mdtrt_id } }, p)).feedetail as Record<
      string,
      unknown
    >[];
    expect(fee.map((f) => f.setl_id)).toEqual(['', '']);
    await ok(c, '2205', { data: { mdtrt_id, chrg_bchno: 'B1', psn_no: p.psn_no } }, p);
    await ok(
      c,
      '2202',
      { data: { psn_no: p.psn_no, mdtrt_id, ipt_otp_no: sb.ledger.visits.get(mdtrt_id)!.ipt_otp_no } },
      p,
    );
    expect(sb.ledger.visits.get(mdtrt_id)!.status).toBe('cancelled');
  });

  it('2601 of a 2207 gives the lines back, so the batch settles again', async () => {
    const { mdtrt_id, pre, setl, p } = await outpatientVisit();
    const msgid = sb.ledger.getSettlement(setl.setl_id)!.medins_setl_id;
    await ok(c, '2601', { data: { psn_no: p.psn_no, omsgid: msgid, oinfno: '2207' } }, p);
    expect(sb.ledger.visits.lines(mdtrt_id, { unsettled: true })).toHaveLength(2);
    const again = (await ok(c, '2207', settleData(p, mdtrt_id, 81, { parts: partsOf(pre) }), p)).setlinfo as Setl;
    expect(again.setl_id).not.toBe(setl.setl_id);
  });
});

describe('inpatient flow', () => {
  it('admission → lines (with a refund line) → pre-settle → settle → discharge; 5203 and 5204 reflect it', async () => {
    const p = person();
    const adm = (await ok(c, '2401', admission(p), p)).result as { mdtrt_id: string; ipt_otp_no: string };
    const mdtrt_id = adm.mdtrt_id;
    refused(
      await send(c, '2401', admission(p), p),
      new RegExp(`^参保人已在院，不能重复办理入院：mdtrt_id ${mdtrt_id}`),
    );
    const lines = [
      line(p, mdtrt_id, 'Z1', 1, 1500, { inpatient: true }),
      line(p, mdtrt_id, 'Z2', 4, 125.25, { inpatient: true }),
      line(p, mdtrt_id, 'Z3', -1, 125.25, { inpatient: true, over: { init_feedetl_sn: 'Z2' } }),
    ];
    await ok(c, '2301', { feedetail: lines }, p);
    const total = 1500 + 501 - 125.25; // 1875.75
    refused(
      await send(c, '2303', settleData(p, mdtrt_id, 2001, { inpatient: true }), p),
      /^医疗费总额与上传的费用明细合计不符：medfee_sumamt 2001.00 ≠ 3 条明细合计 1875.75 \(send the lines' total or correct them: 2302\/2301\)$/,
    );
    const pre = (await ok(c, '2303', settleData(p, mdtrt_id, total, { inpatient: true }), p)).setlinfo as Record<
      string,
      unknown
    >;
    const setl = (await ok(c, '2304', settleData(p, mdtrt_id, total, { inpatient: true, parts: partsOf(pre) }), p))
      .setlinfo as Setl;
    expect([setl.medfee_sumamt, setl.clr_type]).toEqual([1875.75, '21']);
    refused(
      await send(c, '2301', { feedetail: [line(p, mdtrt_id, 'Z4', 1, 1, { inpatient: true })] }, p),
      /^第 1 条明细（feedetl_sn Z4）|^该就诊已结算，不能再上传费用明细/,
    );
    refused(
      await send(c, '2302', { data: { feedetl_sn: 'Z1', mdtrt_id, psn_no: p.psn_no } }, p),
      /^费用明细已结算，不能撤销/,
    );

    const end = formatDate(new Date(), 480) + ' 23:59:00';
    await ok(
      c,
      '2402',
      {
        dscginfo: {
          mdtrt_id,
          psn_no: p.psn_no,
          insutype: p.insutype,
          endtime: end,
          dscg_way: '1',
          dscg_dept_codg: 'WK01',
          dscg_dept_name: '外科',
        },
        diseinfo: [],
      },
      p,
    );
    refused(
      await send(
        c,
        '2402',
        {
          dscginfo: {
            mdtrt_id,
            psn_no: p.psn_no,
            insutype: p.insutype,
            endtime: end,
            dscg_way: '1',
            dscg_dept_codg: 'WK01',
            dscg_dept_name: '外科',
          },
          diseinfo: [],
        },
        p,
      ),
      /已出院/,
    );
    refused(await send(c, '2405', { data: { mdtrt_id, psn_no: p.psn_no } }, p), /^该就诊已结算，不能撤销出院/);
    const q = (await ok(c, '5203', { data: { psn_no: p.psn_no, mdtrt_id } }, p)).setlinfo as Record<string, unknown>;
    expect([q.setl_id, q.dise_codg, q.enddate]).toEqual([setl.setl_id, 'K35.800', end.slice(0, 10)]);
    const fee = (await ok(c, '5204', { data: { psn_no: p.psn_no, mdtrt_id } }, p)).feedetail as Record<
      string,
      unknown
    >[];
    expect(fee.map((f) => [f.feedetl_sn, f.det_item_fee_sumamt, f.setl_id])).toEqual([
      ['Z1', 1500, setl.setl_id],
      ['Z2', 501, setl.setl_id],
      ['Z3', -125.25, setl.setl_id],
    ]);
    // A 2207 on an inpatient visit is refused.
    refused(
      await send(c, '2207', settleData(p, mdtrt_id, total, { parts: partsOf(pre) }), p),
      /^就诊 \S+ 是住院就诊，不能办理门诊业务/,
    );
  });

  it('2305 gives the lines back: a line is deleted, 2403 corrects the diagnosis, the stay settles again with the new total', async () => {
    const p = person();
    const mdtrt_id = ((await ok(c, '2401', admission(p), p)).result as { mdtrt_id: string }).mdtrt_id;
    await ok(
      c,
      '2301',
      {
        feedetail: [
          line(p, mdtrt_id, 'Y1', 1, 800, { inpatient: true }),
          line(p, mdtrt_id, 'Y2', 2, 100, { inpatient: true }),
        ],
      },
      p,
    );
    const setl = (await ok(c, '2304', settleData(p, mdtrt_id, 1000, { inpatient: true, parts: inScope(1000) }), p))
      .setlinfo as Setl;
    await ok(c, '2305', { data: { mdtrt_id, setl_id: setl.setl_id, psn_no: p.psn_no } }, p);
    const q = (await ok(c, '5203', { data: { psn_no: p.psn_no, setl_id: setl.setl_id } }, p)).setlinfo as Record<
      string,
      unknown
    >;
    expect([q.refd_setl_flag, q.dise_codg]).toEqual(['1', 'K35.800']);
    // 2403 corrects the stay's diagnosis; an outpatient med_type is refused.
    const adminfo = {
      mdtrt_id,
      psn_no: p.psn_no,
      begntime: sb.ledger.visits.get(mdtrt_id)!.begntime,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: p.certno,
      med_type: '21',
      dise_codg: 'K80.000',
      dise_name: '胆囊结石',
    };
    refused(
      await send(c, '2403', { adminfo: { ...adminfo, med_type: '11' }, diseinfo: [] }, p),
      /^医疗类别 11 不是住院类别/,
    );
    await ok(c, '2403', { adminfo, diseinfo: [] }, p);
    expect(sb.ledger.visits.get(mdtrt_id)!.dise_name).toBe('胆囊结石');
    await ok(c, '2302', { data: { feedetl_sn: 'Y2', mdtrt_id, psn_no: p.psn_no } }, p);
    refused(
      await send(c, '2304', settleData(p, mdtrt_id, 1000, { inpatient: true, parts: inScope(1000) }), p),
      /≠ 1 条明细合计 800.00/,
    );
    const again = (await ok(c, '2304', settleData(p, mdtrt_id, 800, { inpatient: true, parts: inScope(800) }), p))
      .setlinfo as Setl;
    expect(again.medfee_sumamt).toBe(800);
    const fee = (await ok(c, '5204', { data: { psn_no: p.psn_no, mdtrt_id, setl_id: again.setl_id } }, p))
      .feedetail as Record<string, unknown>[];
    expect(fee.map((f) => f.feedetl_sn)).toEqual(['Y1']);
    expect(
      (
        (await ok(c, '5203', { data: { psn_no: p.psn_no, setl_id: again.setl_id } }, p)).setlinfo as Record<
          string,
          unknown
        >
      ).dise_codg,
    ).toBe('K80.000');
  });

  it('2404 cancels an admission without lines; 2601 reverses one, and is refused once it is settled', async () => {
    const p = person();
    const a = ((await ok(c, '2401', admission(p), p)).result as { mdtrt_id: string }).mdtrt_id;
    await ok(c, '2301', { feedetail: [line(p, a, 'W1', 1, 10, { inpatient: true })] }, p);
    refused(
      await send(c, '2404', { data: { mdtrt_id: a, psn_no: p.psn_no } }, p),
      /^该就诊存在未撤销的费用明细：mdtrt_id \S+，1 条 \(delete them with 2302 first\)$/,
    );
    await ok(c, '2302', { data: { feedetl_sn: '0000', mdtrt_id: a, psn_no: p.psn_no } }, p);
    await ok(c, '2404', { data: { mdtrt_id: a, psn_no: p.psn_no } }, p);
    expect(sb.ledger.visits.get(a)!.status).toBe('cancelled');

    const e = envelope('2401', admission(p), c.sign_no, { insuplc_admdvs: p.insuplc_admdvs });
    const b = ((await call(c.url, e)).result as { mdtrt_id: string }).mdtrt_id;
    await ok(c, '2601', { data: { psn_no: p.psn_no, omsgid: e.msgid, oinfno: '2401' } }, p);
    expect(sb.ledger.visits.get(b)!.status).toBe('reversed');
    refused(
      await send(c, '2301', { feedetail: [line(p, b, 'V1', 1, 10, { inpatient: true })] }, p),
      /^第 1 条明细（feedetl_sn V1）|^就诊 \S+ 已冲正/,
    );

    const e2 = envelope('2401', admission(p), c.sign_no, { insuplc_admdvs: p.insuplc_admdvs });
    const d = ((await call(c.url, e2)).result as { mdtrt_id: string }).mdtrt_id;
    await ok(c, '2301', { feedetail: [line(p, d, 'U1', 1, 10, { inpatient: true })] }, p);
    await ok(c, '2304', settleData(p, d, 10, { inpatient: true, parts: inScope(10) }), p);
    refused(
      await send(c, '2601', { data: { psn_no: p.psn_no, omsgid: e2.msgid, oinfno: '2401' } }, p),
      /^原交易的就诊 \S+ 已结算，不能冲正/,
    );
  });
});
