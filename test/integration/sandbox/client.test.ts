/**
 * The center client against the sandbox over HTTP: every transaction group, the write-ahead
 * journal under a timeout after commit, reversal by the journaled msgid, and the client's
 * classification of each fault kind.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenter, type Center, type CenterConfig } from '../../../src/core/center/index.js';
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { D } from '../../../src/core/money.js';
import { isHisopsError } from '../../../src/core/errors.js';

let dir: string;
let sb: Sandbox;
let journal: Journal;
let center: Center;
const person = sandboxRoster(20).find((p) => p.insutype === '310' && p.insuplc_admdvs === '430100')!;
const config = (url: string, over: Partial<CenterConfig> = {}): CenterConfig => ({
  baseUrl: url,
  fixmedins_code: 'H43010000001',
  fixmedins_name: '示例医院',
  mdtrtarea_admvs: '430100',
  insuplc_admdvs: '430100',
  recer_sys_code: 'YBXT',
  infver: 'V1.0',
  opter: 'op01',
  opter_name: '收费员甲',
  opter_type: '1',
  setl_optins: '430100',
  retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
  ...over,
});
let visit = 0;
const settleData = (over: Record<string, unknown> = {}) => ({
  psn_no: person.psn_no,
  mdtrt_cert_type: '02',
  mdtrt_cert_no: person.certno,
  med_type: '11',
  medfee_sumamt: new D('150.00'),
  psn_setlway: '01',
  mdtrt_id: `CL${++visit}`,
  chrg_bchno: 'B1',
  insutype: person.insutype,
  acct_used_flag: '1',
  fulamt_ownpay_amt: 0,
  overlmt_selfpay: 0,
  preselfpay_amt: 0,
  inscp_scp_amt: new D('150.00'),
  ...over,
});

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-sandbox-client-'));
  sb = await startSandbox({ lenientVisits: true, dataFile: path.join(dir, 'center.db') });
  journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
  center = openCenter(config(sb.url, { appendInfno: true }), { journal });
});
afterAll(async () => {
  await center.close();
  await journal.db.close();
  await sb.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('client ↔ sandbox', () => {
  it("runs the visit flow through typed calls: 2201, 2204, 2206, 2207, 5204; a wrong total is refused with the center's words", async () => {
    const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
    const reg = await center.outpatientRegister({
      psn_no: person.psn_no,
      insutype: person.insutype,
      begntime: at,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: person.certno,
      ipt_otp_no: 'CLV1',
      atddr_no: 'D1',
      dr_name: '王医生',
      dept_code: 'K1',
      dept_name: '内科',
      caty: 'A03',
    });
    const mdtrt_id = reg.result.mdtrt_id;
    expect(sb.ledger.visits.get(mdtrt_id)?.ipt_otp_no).toBe('CLV1');
    const lineOf = (sn: string, amt: string) => ({
      feedetl_sn: sn,
      mdtrt_id,
      psn_no: person.psn_no,
      chrg_bchno: 'B1',
      rx_circ_flag: '0',
      fee_ocur_time: at,
      med_list_codg: 'X1',
      medins_list_codg: `H${sn}`,
      det_item_fee_sumamt: new D(amt),
      cnt: 1,
      pric: new D(amt),
      bilg_dept_codg: 'K1',
      bilg_dept_name: '内科',
      bilg_dr_codg: 'D1',
      bilg_dr_name: '王医生',
      hosp_appr_flag: '0',
    });
    const up = await center.outpatientFeeUpload([lineOf('1', '40.10'), lineOf('2', '9.90')]);
    expect(up.result.map((r) => r.feedetl_sn)).toEqual(['1', '2']);
    const base = {
      psn_no: person.psn_no,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: person.certno,
      psn_setlway: '01',
      mdtrt_id,
      insutype: person.insutype,
      acct_used_flag: '1',
      med_type: '11',
      chrg_bchno: 'B1',
    };
    const pre = await center.outpatientPresettle({ ...base, medfee_sumamt: new D('50.00') });
    expect(pre.result.setlinfo.setl_id).toBe('');
    expect(pre.result.setlinfo.inscp_scp_amt.toFixed(2)).toBe('50.00');
    const parts = {
      fulamt_ownpay_amt: pre.result.setlinfo.fulamt_ownpay_amt,
      overlmt_selfpay: pre.result.setlinfo.overlmt_selfpay,
      preselfpay_amt: pre.result.setlinfo.preselfpay_amt,
      inscp_scp_amt: pre.result.setlinfo.inscp_scp_amt,
    };
    const wrong = await center
      .outpatientSettle({ ...base, medfee_sumamt: new D('55.00'), ...parts })
      .catch((e: unknown) => e);
    expect(isHisopsError(wrong) && wrong.summary).toMatch(
      /医疗费总额与上传的费用明细合计不符：medfee_sumamt 55.00 ≠ 2 条明细合计 50.00/,
    );
    const s = await center.outpatientSettle({ ...base, medfee_sumamt: new D('50.00'), ...parts });
    const lines = await center.feeDetailQuery({ psn_no: person.psn_no, mdtrt_id, setl_id: s.result.setlinfo.setl_id });
    expect(lines.result.map((l) => [l.feedetl_sn, l.det_item_fee_sumamt])).toEqual([
      ['1', 40.1],
      ['2', 9.9],
    ]);
  });

  it('signs in on its own, reads the person, settles, queries, cancels', async () => {
    const info = await center.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' });
    expect(info.result.baseinfo.psn_no).toBe(person.psn_no);
    const s = await center.outpatientSettle(settleData());
    expect(s.result.setlinfo.medfee_sumamt.toFixed(2)).toBe('150.00');
    expect(s.result.setlinfo.medins_setl_id).toBe(s.msgid);
    const row = sb.ledger.getSettlement(s.result.setlinfo.setl_id)!;
    expect(row.fund_pay_sumamt.eq(s.result.setlinfo.fund_pay_sumamt)).toBe(true);
    expect((await journal.knex('hisops_center_calls').where({ msgid: s.msgid }).first()).status).toBe('ok');
    const q = await center.querySettlement({ psn_no: person.psn_no, setl_id: row.setl_id });
    expect(q.result.setlinfo.setl_id).toBe(row.setl_id);
    const c = await center.outpatientCancel({ setl_id: row.setl_id, mdtrt_id: row.mdtrt_id, psn_no: person.psn_no });
    expect(c.result.setlinfo.medfee_sumamt.toFixed(2)).toBe('-150.00');
    expect(sb.ledger.getSettlement(row.setl_id)!.status).toBe('cancelled');
  });

  it('turns a refusal into an error carrying the center message, infno and msgid', async () => {
    let err: unknown;
    try {
      await center.outpatientSettle(settleData({ inscp_scp_amt: 1 }));
    } catch (e) {
      err = e;
    }
    expect(isHisopsError(err)).toBe(true);
    const e = err as { code: string; exit: number; details: Record<string, unknown>; summary: string };
    expect(e.exit).toBe(5);
    expect(String(e.details.err_msg)).toMatch(/医疗费总额与明细合计不符/);
    expect(e.details.infno).toBe('2207');
    expect(String(e.details.msgid)).toMatch(/^H43010000001\d{18}$/);
  });

  it('reconciles: 3201 balanced and 3202 through 9101/9102', async () => {
    const day = sb.ledger.listSettlements()[0]!.setl_time.slice(0, 10);
    const rows = sb.ledger.listSettlements({
      from: day,
      to: day,
      insutype: person.insutype,
      clr_type: '11',
      setl_optins: '430100',
    });
    const sumOf = (k: 'medfee_sumamt' | 'fund_pay_sumamt' | 'acct_pay') =>
      rows.reduce((a, r) => a.plus(r[k]), new D(0));
    const t = await center.stmtTotal({
      insutype: person.insutype,
      clr_type: '11',
      stmt_begndate: day,
      stmt_enddate: day,
      medfee_sumamt: sumOf('medfee_sumamt'),
      fund_pay_sumamt: sumOf('fund_pay_sumamt'),
      acct_pay: sumOf('acct_pay'),
      fixmedins_setl_cnt: rows.length,
    });
    expect(t.result.stmt_rslt).toBe('0');
    const d = await center.stmtDetail({
      stmt_begndate: day,
      stmt_enddate: day,
      clr_type: '11',
      rows: rows.slice(1).map((r) => ({
        setl_id: r.setl_id,
        mdtrt_id: r.mdtrt_id,
        psn_no: r.psn_no,
        medfee_sumamt: r.medfee_sumamt,
        fund_pay_sumamt: r.fund_pay_sumamt,
        acct_pay: r.acct_pay,
        refd_setl_flag: r.refd_setl_flag,
      })),
    });
    expect(d.result.rows.filter((r) => r.stmt_rslt === '1').map((r) => r.setl_id)).toEqual([rows[0]!.setl_id]);
  });

  it('downloads a catalog by version and uploads mappings and trace codes', async () => {
    const cat = await center.catalogDownload('1305', { ver: '0' });
    expect(cat.result.pages.map((p) => p.count)).toEqual([6, 7, 7]);
    expect(cat.result.records.filter((r) => r.vali_flag === '0')).toHaveLength(1);
    expect(cat.result.lastVer).toMatch(/^1305_/);
    const page = await center.hilistQuery({
      updt_time: '2024-01-01 00:00:00',
      page_num: 2,
      page_size: 5,
      list_type: '201',
    });
    expect(page.result.rows).toHaveLength(5);
    expect(page.result.recordCounts).toBe(18);
    expect(page.result.pages).toBe(4);
    await center.mappingUpload({
      fixmedins_hilist_id: 'S-1',
      fixmedins_hilist_name: '血常规',
      list_type: '201',
      med_list_codg: '001203000010000',
      begndate: '2024-01-01',
      enddate: '2099-12-31',
    });
    expect(sb.ledger.listMappings()).toHaveLength(1);
    const sale = {
      med_list_codg: 'XA01',
      fixmedins_hilist_id: 'D1',
      fixmedins_hilist_name: '药',
      fixmedins_bchno: 'B1',
      prsc_dr_name: '医',
      phar_name: '师',
      phar_prac_cert_no: 'P1',
      hi_feesetl_type: '1',
      mdtrt_sn: 'CL1',
      psn_cert_type: '01',
      manu_lotnum: 'L',
      manu_date: '2025-01-01',
      expy_end: '2027-01-01',
      rx_flag: '1',
      trdn_flag: '0',
      rx_circ_flag: '0',
      rtal_docno: 'R1',
      sel_retn_cnt: 1,
      sel_retn_time: '2026-01-10 10:00:00',
      sel_retn_opter_name: '师',
      drugtracinfo: [{ drug_trac_codg: '87000000000000000001' }],
    };
    expect((await center.goodsSell(sale)).result.ok).toBe(true);
    const again = await center.goodsSell({ ...sale, rtal_docno: 'R2' }, { acceptRejection: true });
    expect(again.result.ok).toBe(false);
    expect(again.result.msgRslt).toMatch(/不能重复销售/);
  });
});

describe('client under faults', () => {
  it('timeout after commit: the journal keeps the call as unknown, the center has the settlement, 2601 by that msgid reverses it', async () => {
    const faulty = await startSandbox({ lenientVisits: true, ledger: sb.ledger, faults: '2207:timeout-after-commit' });
    const c = openCenter(config(faulty.url, { timeouts: { defaultMs: 3000, byInfno: { '2207': 300 } } }), { journal });
    try {
      let err: unknown;
      try {
        await c.outpatientSettle(settleData());
      } catch (e) {
        err = e;
      }
      expect(isHisopsError(err)).toBe(true);
      const msgid = String((err as { details: { msgid: string } }).details.msgid);
      const rec = await journal.knex('hisops_center_calls').where({ msgid }).first();
      expect(rec.status).toBe('unknown');
      expect(rec.infno).toBe('2207');
      const rows = sb.ledger.settlementsByMsgid(msgid);
      expect(rows).toHaveLength(1);
      faulty.setFaults('');
      await c.reverse({ psn_no: person.psn_no, omsgid: msgid, oinfno: '2207' });
      expect(sb.ledger.getSettlement(rows[0]!.setl_id)!.status).toBe('reversed');
    } finally {
      await c.close();
      await faulty.close();
    }
  });

  it('classifies reset, gateway and error faults, and retries a query through a reset', async () => {
    const faulty = await startSandbox({
      lenientVisits: true,
      ledger: sb.ledger,
      faults: '2207:reset,2304:gateway=503,3201:error=对账服务维护中',
      seed: 3,
    });
    const c = openCenter(config(faulty.url), { journal });
    const codeOf = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'ok';
      } catch (e) {
        return isHisopsError(e) ? `${e.code}:${e.exit}` : String(e);
      }
    };
    try {
      const reset = await codeOf(c.outpatientSettle(settleData()));
      const gw = await codeOf(c.inpatientSettle({ ...settleData(), mid_setl_flag: '0' } as never));
      const err = await codeOf(
        c.stmtTotal({
          insutype: '310',
          clr_type: '11',
          stmt_begndate: '2026-01-01',
          stmt_enddate: '2026-01-01',
          medfee_sumamt: 0,
          fund_pay_sumamt: 0,
          acct_pay: 0,
          fixmedins_setl_cnt: 0,
        }),
      );
      expect(reset).toMatch(/:5$/);
      expect(gw).toMatch(/:5$/);
      expect(err).toBe('CENTER_REFUSED:5');
      faulty.setFaults('1101:reset@0.5', 11);
      const attempts: number[] = [];
      for (let i = 0; i < 6; i++) {
        try {
          attempts.push(
            (await c.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: person.certno, psn_cert_type: '01' })).attempts,
          );
        } catch {
          attempts.push(-1);
        }
      }
      expect(attempts.some((a) => a === 2)).toBe(true);
    } finally {
      await c.close();
      await faulty.close();
    }
  });
});
