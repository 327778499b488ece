/**
 * Each transaction's happy path over HTTP, and the state it leaves in the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalogFile, catalogNextVersion } from '../../../src/core/center/protocol/index.js';
import { decodeText, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import { D } from '../../../src/core/money.js';
import { sandboxRoster, SERVICE_PATH, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { call, CODE, envelope, openSandbox, post, postRaw, settleInput } from './helpers.js';

let sb: Sandbox;
let sign_no: string;
const roster = sandboxRoster(40);
const employee = roster.find((p) => p.insutype === '310' && p.insuplc_admdvs === '430100')!;
const resident = roster.find((p) => p.insutype === '390' && p.insuplc_admdvs === '430100')!;
const farAway = roster.find((p) => p.insuplc_admdvs === '440300')!;

beforeAll(async () => {
  ({ sb, sign_no } = await openSandbox());
});
afterAll(async () => {
  await sb.close();
});

type Setl = Record<string, unknown> & { setl_id: string; medins_setl_id: string };

async function settle(
  p = employee,
  over: Record<string, unknown> = {},
  infno = '2207',
): Promise<{ env: Record<string, unknown>; setl: Setl; detail: Record<string, unknown>[] }> {
  const input = settleInput(p, over);
  if (infno === '2304') {
    const d = input.data as Record<string, unknown>;
    delete d.med_type;
    delete d.chrg_bchno;
    d.mid_setl_flag = '0';
  }
  const env = envelope(infno, input, sign_no, { insuplc_admdvs: p.insuplc_admdvs });
  const out = await call(sb.url, env);
  return { env, setl: out.setlinfo as Setl, detail: out.setldetail as Record<string, unknown>[] };
}

describe('9001 / 1101', () => {
  it('issues a 30-character sign_no with the sign-in time', async () => {
    const out = await call(
      sb.url,
      envelope('9001', { signIn: { opter_no: 'op07', ip: '10.0.0.7' } }, '', { opter: 'op07' }),
    );
    const s = out.signinoutb as { sign_no: string; sign_time: string };
    expect(s.sign_no).toMatch(/^430100\d{24}$/);
    expect(sb.ledger.getSignin(s.sign_no)?.opter).toBe('op07');
  });

  it('answers 1101 from the roster, with balance and insured place', async () => {
    const out = await call(
      sb.url,
      envelope(
        '1101',
        { data: { mdtrt_cert_type: '02', mdtrt_cert_no: farAway.certno, psn_cert_type: '01' } },
        sign_no,
      ),
    );
    const base = out.baseinfo as Record<string, unknown>;
    const insu = (out.insuinfo as Record<string, unknown>[])[0]!;
    expect(base.psn_no).toBe(farAway.psn_no);
    expect(base.psn_name).toBe(farAway.psn_name);
    expect(base.certno).toBe(farAway.certno);
    expect(insu.insutype).toBe(farAway.insutype);
    expect(insu.insuplc_admdvs).toBe('440300');
    expect(insu.balc).toBe(Number(farAway.initial_balc.toFixed(2)));
  });

  it('refuses an invalid ID, an uninsured person and a wrong name', async () => {
    const bad = await post(
      sb.url,
      envelope(
        '1101',
        { data: { mdtrt_cert_type: '02', mdtrt_cert_no: '430100199001011230', psn_cert_type: '01' } },
        sign_no,
      ),
    );
    expect(bad.body.err_msg).toMatch(/不是有效的居民身份证号/);
    // Sequence 000 marks a person without insurance (docs/sandbox.md).
    const first17 = '43010019900101000';
    const { idCheckChar } = await import('../../../src/core/center/sandbox/index.js');
    const uninsured = await post(
      sb.url,
      envelope(
        '1101',
        { data: { mdtrt_cert_type: '02', mdtrt_cert_no: first17 + idCheckChar(first17), psn_cert_type: '01' } },
        sign_no,
      ),
    );
    expect(uninsured.body.err_msg).toMatch(/无参保记录/);
    const named = await post(
      sb.url,
      envelope(
        '1101',
        { data: { mdtrt_cert_type: '02', mdtrt_cert_no: employee.certno, psn_cert_type: '01', psn_name: '某某某' } },
        sign_no,
      ),
    );
    expect(named.body.err_msg).toMatch(/姓名与证件号码不符/);
  });

  it('answers at /<infno> and at the national single path too', async () => {
    const e = envelope(
      '1101',
      { data: { mdtrt_cert_type: '02', mdtrt_cert_no: employee.certno, psn_cert_type: '01' } },
      sign_no,
    );
    expect((await post(sb.url, e, '/1101')).body.infcode).toBe(0);
    expect(
      (await post(sb.url, envelope('1101', e.input as Record<string, unknown>, sign_no), SERVICE_PATH)).body.infcode,
    ).toBe(0);
    expect(
      (await post(sb.url, envelope('1101', e.input as Record<string, unknown>, sign_no), `${SERVICE_PATH}/1101`)).body
        .infcode,
    ).toBe(0);
  });
});

describe('2207 / 2304 settlement', () => {
  it('settles a bill: invariants hold, medins_setl_id echoes the msgid, the ledger and the balance follow', async () => {
    const before = sb.ledger.balance(employee.psn_no, '2026-01-01');
    const { env, setl, detail } = await settle(employee);
    const n = (k: string) => new D(String(setl[k]));
    expect(setl.medins_setl_id).toBe(env.msgid);
    expect(setl.setl_id).toMatch(/^430100\d{18}$/);
    expect(n('medfee_sumamt').eq(200)).toBe(true);
    expect(n('medfee_sumamt').eq(n('fund_pay_sumamt').plus(n('psn_part_amt')).plus(n('hosp_part_amt')))).toBe(true);
    expect(n('psn_part_amt').eq(n('acct_pay').plus(n('psn_cash_pay')))).toBe(true);
    expect(n('hifp_pay').eq(new D(170).times(employee.psn_type === '12' ? '0.70' : '0.60'))).toBe(true);
    expect(setl.clr_type).toBe('11');
    expect(setl.clr_optins).toBe('430100');
    expect(detail[0]!.fund_pay_type).toBe('310100');
    const row = sb.ledger.getSettlement(setl.setl_id)!;
    expect(row.status).toBe('settled');
    expect(row.medins_setl_id).toBe(env.msgid);
    expect(row.source).toBe('wire');
    expect(row.acct_pay.eq(n('acct_pay'))).toBe(true);
    expect(sb.ledger.balance(employee.psn_no, '2026-01-01').eq(before.minus(row.acct_pay))).toBe(true);
    expect(n('balc').eq(before.minus(row.acct_pay))).toBe(true);
  });

  it('settles an inpatient stay with 2304 (deductible, clr_type 21) and an out-of-area person under their agency', async () => {
    const { setl } = await settle(
      farAway,
      { medfee_sumamt: 5000, fulamt_ownpay_amt: 0, preselfpay_amt: 0, inscp_scp_amt: 5000 },
      '2304',
    );
    expect(setl.clr_type).toBe('21');
    expect(setl.clr_optins).toBe('440300');
    expect(Number(setl.act_pay_dedc)).toBe(farAway.insutype === '310' ? 800 : 600);
  });

  it('refuses parts that do not add up, a negative amount, and an inpatient med_type on 2207', async () => {
    const a = await post(sb.url, envelope('2207', settleInput(employee, { inscp_scp_amt: 160 }), sign_no));
    expect(a.body.err_msg).toMatch(/medfee_sumamt 200\.00 ≠ .* = 190\.00/);
    const b = await post(sb.url, envelope('2207', settleInput(employee, { medfee_sumamt: -1 }), sign_no));
    expect(b.body.err_msg).toMatch(/不能为负数/);
    const c = await post(sb.url, envelope('2207', settleInput(employee, { med_type: '21' }), sign_no));
    expect(c.body.err_msg).toMatch(/settle it with 2304/);
  });

  it('refuses an insurance type the known person does not have', async () => {
    const a = await post(sb.url, envelope('2207', settleInput(resident, { insutype: '310' }), sign_no));
    expect(a.body.err_msg).toMatch(/insured under 390/);
  });

  it('refuses to settle the same visit and batch twice, naming the first settlement', async () => {
    const { setl, env } = await settle(resident, { mdtrt_id: 'MDDUP1' });
    const again = await post(sb.url, envelope('2207', settleInput(resident, { mdtrt_id: 'MDDUP1' }), sign_no));
    expect(again.body.infcode).toBe(-1);
    expect(String(again.body.err_msg)).toContain(setl.setl_id);
    expect(String(again.body.err_msg)).toContain(String(env.msgid));
    expect(sb.ledger.listSettlements({ mdtrt_id: 'MDDUP1' })).toHaveLength(1);
  });

  it('answers the same msgid and input again with the first answer and no new row', async () => {
    const { env, setl } = await settle(resident);
    const again = await post(sb.url, env);
    expect(again.body.infcode).toBe(0);
    expect((again.body.output as { setlinfo: Setl }).setlinfo.setl_id).toBe(setl.setl_id);
    expect(sb.ledger.settlementsByMsgid(String(env.msgid))).toHaveLength(1);
  });
});

describe('2208 / 2305 cancellation', () => {
  it('writes a negative settlement with a new setl_id, refd_setl_flag 1, and gives the account back', async () => {
    const { setl } = await settle(employee);
    const balBefore = sb.ledger.balance(employee.psn_no, '2026-01-01');
    const out = await call(
      sb.url,
      envelope('2208', { data: { setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id, psn_no: employee.psn_no } }, sign_no, {
        insuplc_admdvs: employee.insuplc_admdvs,
      }),
    );
    const neg = out.setlinfo as Setl;
    expect(neg.setl_id).not.toBe(setl.setl_id);
    expect(Number(neg.medfee_sumamt)).toBe(-200);
    expect(Number(neg.fund_pay_sumamt)).toBe(-Number(setl.fund_pay_sumamt));
    const orig = sb.ledger.getSettlement(setl.setl_id)!;
    const cancel = sb.ledger.getSettlement(neg.setl_id)!;
    expect(orig.status).toBe('cancelled');
    expect(orig.cancelled_by).toBe(neg.setl_id);
    expect(cancel.status).toBe('cancellation');
    expect(cancel.refd_setl_flag).toBe('1');
    expect(cancel.orig_setl_id).toBe(setl.setl_id);
    expect(sb.ledger.balance(employee.psn_no, '2026-01-01').eq(balBefore.plus(orig.acct_pay))).toBe(true);
  });

  it('refuses cancelling twice, cancelling a cancellation, a wrong visit, and 2305 for an outpatient settlement', async () => {
    const { setl } = await settle(employee);
    const d = { setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id, psn_no: employee.psn_no };
    const neg = (await call(sb.url, envelope('2208', { data: d }, sign_no))).setlinfo as Setl;
    expect((await post(sb.url, envelope('2208', { data: d }, sign_no))).body.err_msg).toMatch(/已撤销，不能重复撤销/);
    expect(
      (await post(sb.url, envelope('2208', { data: { ...d, setl_id: neg.setl_id } }, sign_no))).body.err_msg,
    ).toMatch(/是撤销结算记录/);
    const other = (await settle(employee)).setl;
    expect(
      (await post(sb.url, envelope('2208', { data: { ...d, setl_id: other.setl_id } }, sign_no))).body.err_msg,
    ).toMatch(/就诊ID与结算信息不符/);
    expect(
      (
        await post(
          sb.url,
          envelope(
            '2305',
            { data: { setl_id: other.setl_id, mdtrt_id: other.mdtrt_id, psn_no: employee.psn_no } },
            sign_no,
          ),
        )
      ).body.err_msg,
    ).toMatch(/请使用 2208 撤销/);
    expect((await post(sb.url, envelope('2208', { data: { ...d, setl_id: 'NOSUCH' } }, sign_no))).body.err_msg).toMatch(
      /结算信息不存在/,
    );
  });
});

describe('2601 reversal', () => {
  const rev = (omsgid: unknown, oinfno: string, psn_no = employee.psn_no) =>
    envelope('2601', { data: { psn_no, omsgid, oinfno } }, sign_no, { insuplc_admdvs: employee.insuplc_admdvs });

  it('reverses what a 2207 msgid created: the row stops counting and the account is restored', async () => {
    const { env, setl } = await settle(employee);
    const bal = sb.ledger.balance(employee.psn_no, '2026-01-01');
    const out = await call(sb.url, rev(env.msgid, '2207'));
    expect(out).toEqual({});
    const row = sb.ledger.getSettlement(setl.setl_id)!;
    expect(row.status).toBe('reversed');
    expect(sb.ledger.listSettlements({ mdtrt_id: String(setl.mdtrt_id) })).toHaveLength(0);
    expect(sb.ledger.listSettlements({ mdtrt_id: String(setl.mdtrt_id), includeReversed: true })).toHaveLength(1);
    expect(sb.ledger.balance(employee.psn_no, '2026-01-01').eq(bal.plus(row.acct_pay))).toBe(true);
    const q = await post(
      sb.url,
      envelope('5203', { data: { psn_no: employee.psn_no, setl_id: setl.setl_id } }, sign_no, {
        insuplc_admdvs: '430100',
      }),
    );
    expect(q.body.err_msg).toMatch(/已冲正/);
  });

  it('refuses reversing twice, naming the first reversal', async () => {
    const { env } = await settle(employee);
    const first = rev(env.msgid, '2207');
    await call(sb.url, first);
    const second = await post(sb.url, rev(env.msgid, '2207'));
    expect(second.body.infcode).toBe(-1);
    expect(String(second.body.err_msg)).toMatch(/不能重复冲正/);
    expect(String(second.body.err_msg)).toContain(String(first.msgid));
  });

  it('allows only 2102, 2207, 2304 and 2401', async () => {
    const { setl } = await settle(employee);
    const c = envelope(
      '2208',
      { data: { setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id, psn_no: employee.psn_no } },
      sign_no,
    );
    await call(sb.url, c);
    for (const oinfno of ['2208', '2305', '1101', '3505']) {
      expect((await post(sb.url, rev(c.msgid, oinfno))).body.err_msg).toMatch(new RegExp(`交易 ${oinfno} 不允许冲正`));
    }
  });

  it('refuses an unknown msgid, a wrong oinfno, another person and a cancelled settlement', async () => {
    expect((await post(sb.url, rev(`${CODE}202001010000000001`, '2207'))).body.err_msg).toMatch(/原交易不存在/);
    const { env, setl } = await settle(employee);
    expect((await post(sb.url, rev(env.msgid, '2304'))).body.err_msg).toMatch(/was a 2207, not a 2304/);
    expect((await post(sb.url, rev(env.msgid, '2207', resident.psn_no))).body.err_msg).toMatch(/人员编号与原交易不符/);
    await call(
      sb.url,
      envelope('2208', { data: { setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id, psn_no: employee.psn_no } }, sign_no),
    );
    expect((await post(sb.url, rev(env.msgid, '2207'))).body.err_msg).toMatch(/已撤销，不能冲正/);
    expect(sb.ledger.getSettlement(setl.setl_id)!.status).toBe('cancelled');
  });

  it('reverses a 2304 and a seeded settlement by its msgid', async () => {
    const { env, setl } = await settle(
      employee,
      { medfee_sumamt: 3000, fulamt_ownpay_amt: 0, preselfpay_amt: 0, inscp_scp_amt: 3000 },
      '2304',
    );
    await call(sb.url, rev(env.msgid, '2304'));
    expect(sb.ledger.getSettlement(setl.setl_id)!.status).toBe('reversed');
    const seeded = sb.ledger.insertSettlement({
      setl_time: '2026-01-05 10:00:00',
      mdtrt_id: 'SEEDREV',
      psn_no: employee.psn_no,
      medfee_sumamt: 80,
      fixmedins_code: CODE,
    });
    await call(sb.url, rev(seeded.medins_setl_id, '2207'));
    expect(sb.ledger.getSettlement(seeded.setl_id)!.status).toBe('reversed');
  });
});

describe('5203 query', () => {
  it('answers the settlement with the 5203 extras, and refuses the wrong person or visit', async () => {
    const { setl } = await settle(employee);
    const out = await call(
      sb.url,
      envelope('5203', { data: { psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id } }, sign_no, {
        insuplc_admdvs: '430100',
      }),
    );
    const s = out.setlinfo as Record<string, unknown>;
    expect(s.setl_id).toBe(setl.setl_id);
    expect(s.medfee_sumamt).toBe(setl.medfee_sumamt);
    expect(s.fixmedins_code).toBe(CODE);
    expect(s.refd_setl_flag).toBe('0');
    expect(s.cash_payamt).toBe(setl.psn_cash_pay);
    expect(
      (await post(sb.url, envelope('5203', { data: { psn_no: resident.psn_no, setl_id: setl.setl_id } }, sign_no))).body
        .err_msg,
    ).toMatch(/does not belong to psn_no/);
    expect(
      (
        await post(
          sb.url,
          envelope('5203', { data: { psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: 'X' } }, sign_no),
        )
      ).body.err_msg,
    ).toMatch(/does not belong to mdtrt_id X/);
  });
});

describe('3301 / 3302 mappings', () => {
  const m = (over: Record<string, unknown> = {}) => ({
    data: {
      fixmedins_hilist_id: 'HIS-0001',
      fixmedins_hilist_name: '阿莫西林胶囊',
      list_type: '101',
      med_list_codg: 'XJ01CAA040A001010100883',
      begndate: '2024-01-01',
      enddate: '2099-12-31',
      ...over,
    },
  });
  it('stores a mapping, updates it on a second upload, refuses a clash, revokes it', async () => {
    await call(sb.url, envelope('3301', m(), sign_no));
    await call(sb.url, envelope('3301', m({ fixmedins_hilist_name: '阿莫西林胶囊(0.25g)' }), sign_no));
    const rows = sb.ledger.listMappings({ fixmedins_code: CODE });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.fixmedins_hilist_name).toBe('阿莫西林胶囊(0.25g)');
    const clash = await post(sb.url, envelope('3301', m({ med_list_codg: 'XJ01CAA040A001010100999' }), sign_no));
    expect(clash.body.err_msg).toMatch(/已对照 XJ01CAA040A001010100883/);
    const revoke = {
      data: {
        fixmedins_code: CODE,
        fixmedins_hilist_id: 'HIS-0001',
        list_type: '101',
        med_list_codg: 'XJ01CAA040A001010100883',
      },
    };
    await call(sb.url, envelope('3302', revoke, sign_no));
    expect(sb.ledger.listMappings({ fixmedins_code: CODE })).toHaveLength(0);
    expect(sb.ledger.listMappings({ fixmedins_code: CODE, includeRevoked: true })[0]!.revoked_at).not.toBeNull();
    expect((await post(sb.url, envelope('3302', revoke, sign_no))).body.err_msg).toMatch(/对照信息已撤销/);
    await call(sb.url, envelope('3301', m({ med_list_codg: 'XJ01CAA040A001010100999' }), sign_no));
  });
  it('refuses begndate after enddate', async () => {
    expect(
      (
        await post(
          sb.url,
          envelope(
            '3301',
            m({ fixmedins_hilist_id: 'HIS-0002', begndate: '2025-01-01', enddate: '2024-01-01' }),
            sign_no,
          ),
        )
      ).body.err_msg,
    ).toMatch(/开始日期晚于结束日期/);
  });
});

describe('9101 / 9102 files and 13xx catalogs', () => {
  it('stores an upload and hands the bytes back with 9102; refuses a wrong name and an unknown number', async () => {
    const zip = zipOne('a.txt', 'hello\tworld\n');
    const up = await call(
      sb.url,
      envelope(
        '9101',
        { fsUploadIn: { in: zip.toString('base64'), filename: 'a.zip', fixmedins_code: CODE } },
        sign_no,
      ),
    );
    expect(String(up.file_qury_no)).toHaveLength(30);
    const r = await fetch(sb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        envelope(
          '9102',
          { fsDownloadIn: { file_qury_no: up.file_qury_no, filename: 'a.zip', fixmedins_code: CODE } },
          sign_no,
        ),
      ),
    });
    expect(r.headers.get('content-type')).toBe('application/octet-stream');
    const bytes = Buffer.from(await r.arrayBuffer());
    expect(bytes.equals(zip)).toBe(true);
    const wrong = await post(
      sb.url,
      envelope(
        '9102',
        { fsDownloadIn: { file_qury_no: up.file_qury_no, filename: 'b.zip', fixmedins_code: CODE } },
        sign_no,
      ),
    );
    expect(wrong.body.err_msg).toMatch(/文件名不符/);
    const none = await post(
      sb.url,
      envelope(
        '9102',
        { fsDownloadIn: { file_qury_no: '0'.repeat(30), filename: 'a.zip', fixmedins_code: CODE } },
        sign_no,
      ),
    );
    expect(none.body.err_msg).toMatch(/文件不存在/);
    const notMine = await post(
      sb.url,
      envelope(
        '9101',
        { fsUploadIn: { in: zip.toString('base64'), filename: 'a.zip', fixmedins_code: 'H43010000002' } },
        sign_no,
      ),
    );
    expect(notMine.body.err_msg).toMatch(/文件上传机构编号不符/);
  });

  it('pages 1301 by version until a download comes back empty, with the documented columns', async () => {
    let ver = '0';
    const seen: string[] = [];
    let rounds = 0;
    for (;;) {
      const out = await call(sb.url, envelope('1301', { data: { ver } }, sign_no));
      const r = await fetch(sb.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(
          envelope(
            '9102',
            { fsDownloadIn: { file_qury_no: out.file_qury_no, filename: out.filename, fixmedins_code: 'plc' } },
            sign_no,
          ),
        ),
      });
      const text = decodeText(unzipOne(Buffer.from(await r.arrayBuffer()), '.txt').data);
      const recs = parseCatalogFile('1301', text);
      expect(recs).toHaveLength(Number(out.data_cnt));
      if (recs.length === 0) break;
      for (const rec of recs) {
        expect(text.split('\n')[0]!.split('\t')).toHaveLength(92);
        seen.push(`${rec.med_list_codg}:${rec.vali_flag}`);
      }
      ver = catalogNextVersion(recs)!;
      rounds++;
      expect(rounds).toBeLessThan(10);
    }
    expect(rounds).toBe(3);
    expect(seen.filter((s) => s.endsWith(':0'))).toHaveLength(1);
    expect((await post(sb.url, envelope('1301', { data: { ver: 'nonsense' } }, sign_no))).body.err_msg).toMatch(
      /目录版本号不存在/,
    );
  });
});

describe('3501 / 3502 / 3505 / 3506 trace codes', () => {
  const sale = (codes: string[], over: Record<string, unknown> = {}) => ({
    selinfo: {
      med_list_codg: 'XA01ABA0001',
      fixmedins_hilist_id: 'D001',
      fixmedins_hilist_name: '阿莫西林胶囊',
      fixmedins_bchno: 'BCH01',
      prsc_dr_name: '李医生',
      phar_name: '王药师',
      phar_prac_cert_no: 'PH0001',
      hi_feesetl_type: '1',
      mdtrt_sn: 'MD0001',
      psn_cert_type: '01',
      manu_lotnum: 'L2401',
      manu_date: '2024-01-01',
      expy_end: '2026-12-31',
      rx_flag: '1',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: 'R0001',
      sel_retn_cnt: codes.length,
      sel_retn_time: '2026-01-10 09:00:00',
      sel_retn_opter_name: '王药师',
      drugtracinfo: codes.map((c) => ({ drug_trac_codg: c })),
      ...over,
    },
  });
  const result = (out: Record<string, unknown>) => out.result as { retRslt: string; msgRslt: string };

  it('keeps every code of an accepted sale', async () => {
    const out = await call(sb.url, envelope('3505', sale(['81000000000000000001', '81000000000000000002']), sign_no));
    expect(result(out)).toEqual({ retRslt: '1', msgRslt: '成功' });
    expect(sb.ledger.countTraceCodes({ fixmedins_code: CODE, movement: 'sale' })).toBe(2);
  });

  it('rejects a code sold twice with retRslt 0 (infcode 0), naming the first sale', async () => {
    const out = await call(sb.url, envelope('3505', sale(['81000000000000000001'], { rtal_docno: 'R0002' }), sign_no));
    expect(result(out).retRslt).toBe('0');
    expect(result(out).msgRslt).toMatch(/追溯码 81000000000000000001 已于 .* 销售/);
    expect(sb.ledger.countTraceCodes({ drug_trac_codg: '81000000000000000001' })).toBe(1);
    expect(sb.ledger.countTraceCodes({ drug_trac_codg: '81000000000000000001', accepted: false })).toBe(2);
  });

  it('answers the same record again (new msgid) as before and adds nothing', async () => {
    const before = sb.ledger.countTraceCodes({ accepted: false });
    const out = await call(sb.url, envelope('3505', sale(['81000000000000000001', '81000000000000000002']), sign_no));
    expect(result(out).retRslt).toBe('1');
    expect(sb.ledger.countTraceCodes({ accepted: false })).toBe(before);
    const changed = await call(sb.url, envelope('3505', sale(['81000000000000000009']), sign_no));
    expect(result(changed).msgRslt).toMatch(/记录已上传且内容不同/);
  });

  it('frees a code on return (3506) so it can be sold again; split-package sales may share a code', async () => {
    const ret = await call(
      sb.url,
      envelope(
        '3506',
        {
          selinfo: {
            med_list_codg: 'XA01ABA0001',
            fixmedins_hilist_id: 'D001',
            fixmedins_hilist_name: '阿莫西林胶囊',
            fixmedins_bchno: 'BCH01',
            psn_cert_type: '01',
            manu_lotnum: 'L2401',
            manu_date: '2024-01-01',
            expy_end: '2026-12-31',
            rx_flag: '1',
            trdn_flag: '0',
            sel_retn_cnt: 1,
            sel_retn_time: '2026-01-11 09:00:00',
            sel_retn_opter_name: '王药师',
            medins_prod_sel_no: 'SEL-R1',
            mdtrt_sn: 'MD0001',
            drugtracinfo: [{ drug_trac_codg: '81000000000000000001' }],
          },
        },
        sign_no,
      ),
    );
    expect(result(ret).retRslt).toBe('1');
    const resold = await call(
      sb.url,
      envelope('3505', sale(['81000000000000000001'], { rtal_docno: 'R0003' }), sign_no),
    );
    expect(result(resold).retRslt).toBe('1');
    const split1 = await call(
      sb.url,
      envelope('3505', sale(['82000000000000000001'], { rtal_docno: 'R0004', trdn_flag: '1' }), sign_no),
    );
    const split2 = await call(
      sb.url,
      envelope('3505', sale(['82000000000000000001'], { rtal_docno: 'R0005', trdn_flag: '1' }), sign_no),
    );
    expect([result(split1).retRslt, result(split2).retRslt]).toEqual(['1', '1']);
  });

  it('judges each record of a 3505A batch and reports the rejected ones; stock changes keep their codes', async () => {
    const batch = {
      selinfoDetail: [
        sale(['83000000000000000001'], { rtal_docno: 'B1' }).selinfo,
        sale(['83000000000000000001'], { rtal_docno: 'B2' }).selinfo,
        sale(['83000000000000000002'], { rtal_docno: 'B3' }).selinfo,
      ],
    };
    const out = await call(sb.url, envelope('3505A', batch, sign_no));
    expect(result(out).retRslt).toBe('0');
    expect(result(out).msgRslt).toMatch(/2 条成功，1 条失败：\[1\]/);
    expect((out.resultDetail as { retRslt: string }[]).map((r) => r.retRslt)).toEqual(['1', '0', '1']);
    const stock = {
      invinfo: {
        med_list_codg: 'XA01ABA0001',
        inv_chg_type: '108',
        fixmedins_hilist_id: 'D001',
        fixmedins_hilist_name: '阿莫西林胶囊',
        fixmedins_bchno: 'BCH02',
        pric: 12.5,
        cnt: 2,
        rx_flag: '1',
        inv_chg_time: '2026-01-09 08:00:00',
        trdn_flag: '0',
        drugtracinfo: [{ drug_trac_codg: '84000000000000000001' }, { drug_trac_codg: '84000000000000000002' }],
      },
    };
    expect(result(await call(sb.url, envelope('3502', stock, sign_no))).retRslt).toBe('1');
    expect(sb.ledger.countTraceCodes({ movement: 'stock' })).toBe(2);
    const dupInRecord = await call(
      sb.url,
      envelope('3505', sale(['85000000000000000001', '85000000000000000001'], { rtal_docno: 'R0009' }), sign_no),
    );
    expect(result(dupInRecord).msgRslt).toMatch(/在同一条记录中重复/);
  });
});

describe('robustness', () => {
  it('treats a JSON null input node as missing rather than crashing', async () => {
    const a = await postRaw(sb.url, JSON.stringify({ ...envelope('2207', {}, sign_no), input: { data: null } }));
    expect(a.body.infcode).toBe(-1);
    expect(String(a.body.err_msg)).toMatch(/node data is required/);
  });
});
