/**
 * End-to-end: the client against the sandbox center over real HTTP, every typed transaction,
 * plus the write-ahead journal under the sandbox's timeout-after-commit fault.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D, sum } from '../../../src/core/money.js';
import { caught } from '../../helpers/caught.js';
import {
  Center,
  CenterCallJournal,
  MSGID_RE,
  type SetlInfo,
  type StmtUploadRow,
} from '../../../src/core/center/index.js';
import { startSandbox, sandboxRoster, type Sandbox, type Person } from '../../../src/core/center/sandbox/index.js';
import { parseFileInfo, STMT_UPLOAD_FILENAME } from '../../../src/core/center/protocol/index.js';
import { zipOne } from '../../../src/core/shared/index.js';
import type { Journal } from '../../../src/core/journal/index.js';
import { baseConfig, tmpJournal } from './helpers.js';

let sandbox: Sandbox;
let journal: Journal;
let center: Center;
let people: Person[];
const OFFSET = 480;
/** The institution of baseConfig, registered at the sandbox. */
const INSTITUTION = 'H43011100001';

beforeAll(async () => {
  sandbox = await startSandbox({ lenientVisits: true, utcOffsetMinutes: OFFSET, seed: 7, institutions: [INSTITUTION] });
  journal = (await tmpJournal()).journal;
  center = new Center(baseConfig(sandbox.url, { utcOffsetMinutes: OFFSET, timeouts: { defaultMs: 5000 } }), {
    journal,
    runId: 'E2E',
  });
  people = sandboxRoster(20, { seed: 3 }).filter((p) => p.insuplc_admdvs === '430100');
});

afterAll(async () => {
  await center?.close();
  await sandbox?.close();
  await journal?.close();
});

const today = () => new Date(Date.now() + OFFSET * 60_000).toISOString().slice(0, 10);
const nowText = () => new Date(Date.now() + OFFSET * 60_000).toISOString().slice(0, 19).replace('T', ' ');

function settleData(p: Person, mdtrt_id: string, medfee: string) {
  return {
    psn_no: p.psn_no,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: p.certno,
    med_type: '11',
    medfee_sumamt: medfee,
    psn_setlway: '01',
    mdtrt_id,
    chrg_bchno: `${mdtrt_id}-B1`,
    insutype: p.insutype,
    acct_used_flag: '1',
    fulamt_ownpay_amt: '10.00',
    overlmt_selfpay: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: D(medfee).minus(10),
  };
}

function sale(code: string, doc: string) {
  return {
    med_list_codg: 'XJ01CAA040A001010100483',
    fixmedins_hilist_id: 'H-AMX',
    fixmedins_hilist_name: '阿莫西林胶囊',
    fixmedins_bchno: 'BCH1',
    prsc_dr_name: '赵医生',
    phar_name: '钱药师',
    phar_prac_cert_no: 'PH001',
    hi_feesetl_type: '1',
    mdtrt_sn: 'MDT-TRACE',
    psn_cert_type: '01',
    manu_lotnum: 'L2401',
    manu_date: '2024-01-01',
    expy_end: '2027-01-01',
    rx_flag: '1',
    trdn_flag: '0',
    rx_circ_flag: '0',
    rtal_docno: doc,
    sel_retn_cnt: 1,
    sel_retn_time: nowText(),
    sel_retn_opter_name: '钱药师',
    drugtracinfo: [{ drug_trac_codg: code }],
  };
}

describe('the client against the sandbox', () => {
  it('signs in, reads a person, settles, queries, cancels (outpatient and inpatient)', async () => {
    const si = await center.signIn();
    expect(si.result.sign_no).toHaveLength(30);
    const p = people[0]!;
    const info = await center.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01' });
    expect(info.result.baseinfo.psn_no).toBe(p.psn_no);
    const admdvs = info.result.insuinfo[0]!.insuplc_admdvs!;

    const s = await center.outpatientSettle(settleData(p, 'E2E-OP-1', '150.40'), { insuplc_admdvs: admdvs });
    const si1 = s.result.setlinfo;
    expect(si1.medins_setl_id).toBe(s.msgid);
    expect(si1.medfee_sumamt.toFixed(2)).toBe('150.40');
    // The settlement's parts add up: fund + personal share = total.
    expect(si1.fund_pay_sumamt.plus(si1.psn_part_amt).plus(si1.hosp_part_amt).toFixed(2)).toBe('150.40');
    expect(si1.psn_part_amt.toFixed(2)).toBe(si1.acct_pay.plus(si1.psn_cash_pay).toFixed(2));

    const q = await center.querySettlement(
      { psn_no: p.psn_no, setl_id: si1.setl_id, mdtrt_id: 'E2E-OP-1' },
      { insuplc_admdvs: admdvs },
    );
    expect(q.result.setlinfo.setl_id).toBe(si1.setl_id);
    expect(q.result.setlinfo.fund_pay_sumamt.equals(si1.fund_pay_sumamt)).toBe(true);

    const c = await center.outpatientCancel(
      { setl_id: si1.setl_id, mdtrt_id: 'E2E-OP-1', psn_no: p.psn_no },
      { insuplc_admdvs: admdvs },
    );
    expect(c.result.setlinfo.setl_id).not.toBe(si1.setl_id);
    expect(c.result.setlinfo.medfee_sumamt.toFixed(2)).toBe('-150.40');

    const ip = await center.inpatientSettle(
      { ...settleData(p, 'E2E-IP-1', '2000.00'), mid_setl_flag: '0' },
      { insuplc_admdvs: admdvs },
    );
    expect(ip.result.setlinfo.clr_type).toBe('21');
    const ipc = await center.inpatientCancel(
      { setl_id: ip.result.setlinfo.setl_id, mdtrt_id: 'E2E-IP-1', psn_no: p.psn_no },
      { insuplc_admdvs: admdvs },
    );
    expect(ipc.result.setlinfo.fund_pay_sumamt.negated().equals(ip.result.setlinfo.fund_pay_sumamt)).toBe(true);

    const rows = await new CenterCallJournal(journal).list();
    expect(rows.map((r) => `${r.infno}:${r.status}:${r.run_id}`)).toEqual([
      '2207:ok:E2E',
      '2208:ok:E2E',
      '2304:ok:E2E',
      '2305:ok:E2E',
    ]);
    expect(rows[0]!.setl_id).toBe(si1.setl_id);
  });

  it('reverses a settlement by msgid (2601); a second reversal is refused', async () => {
    const p = people[1]!;
    const s = await center.outpatientSettle(settleData(p, 'E2E-OP-REV', '88.00'), { insuplc_admdvs: p.insuplc_admdvs });
    const r = await center.reverse(
      { psn_no: p.psn_no, omsgid: s.msgid, oinfno: '2207' },
      { insuplc_admdvs: p.insuplc_admdvs },
    );
    expect(r.msgid).toMatch(MSGID_RE);
    const row = await new CenterCallJournal(journal).get(r.msgid);
    expect(row).toMatchObject({ status: 'ok', ref_msgid: s.msgid });
    const again = await caught(
      center.reverse({ psn_no: p.psn_no, omsgid: s.msgid, oinfno: '2207' }, { insuplc_admdvs: p.insuplc_admdvs }),
    );
    expect(again.code).toBe('CENTER_REFUSED');
    expect(again.summary).toContain('冲正');
  });

  it('reconciles totals (3201) and details (3202 via 9101/9102) against its own ledger', async () => {
    const p = people[2]!;
    const settled: SetlInfo[] = [];
    for (const [i, amt] of ['30.00', '45.50', '120.25'].entries()) {
      settled.push(
        (await center.outpatientSettle(settleData(p, `E2E-RC-${i}`, amt), { insuplc_admdvs: p.insuplc_admdvs })).result
          .setlinfo,
      );
    }
    // All of today's outpatient settlements of this insutype and agency, as the center keeps them.
    const mine = (await new CenterCallJournal(journal).list({ status: 'ok', infno: ['2207', '2208'] }))
      .map((r) => JSON.parse(r.output!).setlinfo as Record<string, unknown>)
      .filter((s) => s.insutype === p.insutype && s.clr_optins === settled[0]!.clr_optins);
    const reversed = new Set(
      (await new CenterCallJournal(journal).list({ infno: '2601', status: 'ok' })).map((r) => r.ref_msgid),
    );
    const live = mine.filter((s) => !reversed.has(String(s.medins_setl_id)));
    const totals = {
      insutype: p.insutype,
      clr_type: '11',
      setl_optins: String(settled[0]!.clr_optins),
      stmt_begndate: today(),
      stmt_enddate: today(),
      medfee_sumamt: sum(live.map((s) => String(s.medfee_sumamt))),
      fund_pay_sumamt: sum(live.map((s) => String(s.fund_pay_sumamt))),
      acct_pay: sum(live.map((s) => String(s.acct_pay))),
      fixmedins_setl_cnt: live.length,
    };
    const t = await center.stmtTotal(totals);
    expect(t.result.stmt_rslt_dscr).toBe('平');
    expect(t.result.balanced).toBe(true);
    const off = await center.stmtTotal({ ...totals, medfee_sumamt: D(totals.medfee_sumamt).plus('0.01') });
    expect(off.result.balanced).toBe(false);

    // Details: send two of the three, one with a wrong amount.
    const rows: StmtUploadRow[] = [
      {
        setl_id: settled[0]!.setl_id,
        mdtrt_id: 'E2E-RC-0',
        psn_no: p.psn_no,
        medfee_sumamt: settled[0]!.medfee_sumamt,
        fund_pay_sumamt: settled[0]!.fund_pay_sumamt,
        acct_pay: settled[0]!.acct_pay,
        refd_setl_flag: '0',
      },
      {
        setl_id: settled[1]!.setl_id,
        mdtrt_id: 'E2E-RC-1',
        psn_no: p.psn_no,
        medfee_sumamt: settled[1]!.medfee_sumamt.plus(1),
        fund_pay_sumamt: settled[1]!.fund_pay_sumamt,
        acct_pay: settled[1]!.acct_pay,
        refd_setl_flag: '0',
      },
    ];
    const d = await center.stmtDetail({
      setl_optins: totals.setl_optins,
      stmt_begndate: today(),
      stmt_enddate: today(),
      clr_type: '11',
      rows,
    });
    const bySetl = new Map(d.result.rows.map((r) => [r.setl_id, r]));
    expect(bySetl.get(settled[0]!.setl_id)?.stmt_rslt).toBe('0');
    expect(bySetl.get(settled[1]!.setl_id)?.stmt_rslt).not.toBe('0');
    expect(bySetl.get(settled[2]!.setl_id)?.stmt_rslt).not.toBe('0'); // center-only
    expect(d.result.msgids.upload).not.toBe(d.result.msgids.download);
  });

  it('answers other calls while it compares a large 3202 upload', async () => {
    // 30,000 lines it does not hold: the comparison is tens of milliseconds at least.
    const n = 30_000;
    const lines = Array.from({ length: n }, (_, i) => `E2E-BIG-${i}\tE2E-BIG-M${i}\tE2E-P${i}\t1.00\t0.50\t0.00\t0\n`);
    const up = await center.uploadFile('big_3202.zip', zipOne(STMT_UPLOAD_FILENAME, lines.join('')));
    const answered: string[] = [];
    const detail = center
      .request(
        '3202',
        {
          data: {
            setl_optins: '430100',
            stmt_begndate: today(),
            stmt_enddate: today(),
            medfee_sumamt: `${n}.00`,
            fund_pay_sumamt: `${n / 2}.00`,
            cash_payamt: `${n / 2}.00`,
            fixmedins_setl_cnt: n,
            clr_type: '11',
            refd_setl_flag: '1',
            file_qury_no: up.result.file_qury_no,
          },
        },
        (o) => parseFileInfo(o, '3202'),
      )
      .then(() => answered.push('3202'));
    // Sent once the 3202 is at the sandbox (same process: a sandbox busy with it fires no timer).
    await new Promise((r) => setTimeout(r, 5));
    const total = center
      .stmtTotal({
        insutype: '310',
        clr_type: '11',
        setl_optins: '430100',
        stmt_begndate: today(),
        stmt_enddate: today(),
        medfee_sumamt: '0.00',
        fund_pay_sumamt: '0.00',
        acct_pay: '0.00',
        fixmedins_setl_cnt: 0,
      })
      .then(() => answered.push('3201'));
    await Promise.all([detail, total]);
    expect(answered).toEqual(['3201', '3202']);
  });

  it('uploads and withdraws a mapping (3301/3302)', async () => {
    const m = {
      fixmedins_hilist_id: 'HIS-0001',
      fixmedins_hilist_name: '阿莫西林胶囊',
      list_type: '101',
      med_list_codg: 'XJ01CAA040A001010100483',
      begndate: '2024-01-01',
      enddate: '2099-12-31',
    };
    await center.mappingUpload(m);
    await center.mappingWithdraw({
      fixmedins_hilist_id: m.fixmedins_hilist_id,
      list_type: m.list_type,
      med_list_codg: m.med_list_codg,
    });
    const e = await caught(
      center.mappingWithdraw({
        fixmedins_hilist_id: m.fixmedins_hilist_id,
        list_type: m.list_type,
        med_list_codg: m.med_list_codg,
      }),
    );
    expect(e.code).toBe('CENTER_REFUSED');
  });

  it('downloads a file catalog page by page (1305 via 9102)', async () => {
    const r = await center.catalogDownload('1305', { ver: '0' });
    expect(r.result.pages.length).toBeGreaterThan(1);
    expect(r.result.records.length).toBe(r.result.pages.reduce((n, p) => n + p.count, 0));
    expect(r.result.records.every((x) => typeof x.med_list_codg === 'string' && x.med_list_codg.length > 0)).toBe(true);
    // Each page asked for the version the previous one ended with.
    for (let i = 1; i < r.result.pages.length; i++) expect(r.result.pages[i]!.ver).toBe(r.result.pages[i - 1]!.nextVer);
    // Asking again from the last version brings nothing new.
    const again = await center.catalogDownload('1305', { ver: r.result.lastVer });
    expect(again.result.records).toEqual([]);
    expect(again.result.lastVer).toBe(r.result.lastVer);
  });

  it('uploads stock and sales with trace codes; a code sold twice is rejected (3501/3502/3505/3506 and A variants)', async () => {
    const code = `8${String(Date.now()).padStart(19, '0')}`.slice(0, 20);
    const take = {
      med_list_codg: 'XJ01CAA040A001010100483',
      fixmedins_hilist_id: 'H-AMX',
      fixmedins_hilist_name: '阿莫西林胶囊',
      rx_flag: '1',
      invdate: today(),
      inv_cnt: 100,
      fixmedins_bchno: 'BCH1',
      manu_date: '2024-01-01',
      expy_end: '2027-01-01',
    };
    expect((await center.goodsUpload(take)).result.ok).toBe(true);
    const change = {
      med_list_codg: take.med_list_codg,
      inv_chg_type: '101',
      fixmedins_hilist_id: 'H-AMX',
      fixmedins_hilist_name: '阿莫西林胶囊',
      fixmedins_bchno: 'BCH1',
      pric: D('12.345678'),
      cnt: 10,
      rx_flag: '1',
      inv_chg_time: nowText(),
      trdn_flag: '0',
      drugtracinfo: [{ drug_trac_codg: code }],
    };
    expect((await center.goodsChange(change)).result.ok).toBe(true);
    expect((await center.goodsSell(sale(code, 'DOC-1'))).result.ok).toBe(true);
    const dup = await caught(center.goodsSell(sale(code, 'DOC-2')));
    expect(dup.code).toBe('CENTER_REJECTED');
    expect(dup.summary).toContain(code);
    const ret = await center.goodsSellReturn({
      ...sale(code, 'DOC-1'),
      medins_prod_sel_no: 'SEL-1',
      sel_retn_time: nowText(),
    });
    expect(ret.result.ok).toBe(true);
    expect((await center.goodsSell(sale(code, 'DOC-3'))).result.ok).toBe(true);

    const code2 = code.slice(0, 19) + (code.endsWith('9') ? '8' : '9');
    expect(
      (
        await center.goodsUploadBatch([
          { ...take, fixmedins_bchno: 'BCH2' },
          { ...take, fixmedins_bchno: 'BCH3' },
        ])
      ).result.ok,
    ).toBe(true);
    expect(
      (
        await center.goodsChangeBatch([
          { ...change, fixmedins_bchno: 'BCH2', drugtracinfo: [{ drug_trac_codg: code2 }] },
        ])
      ).result.ok,
    ).toBe(true);
    const batch = await center.goodsSellBatch([sale(code2, 'DOC-B1'), sale(code2, 'DOC-B2')], {
      acceptRejection: true,
    });
    expect(batch.result.ok).toBe(false);
    const rows = await new CenterCallJournal(journal).list({ infno: ['3505', '3505A'] });
    expect(rows.map((r) => r.status)).toEqual(['ok', 'failed', 'ok', 'ok']);
  });

  it('a timeout after the center committed leaves an unknown journal row that 5203 and 2601 can resolve by msgid', async () => {
    const p = people[3]!;
    sandbox.setFaults('2207:timeout-after-commit');
    const c2 = new Center(
      baseConfig(sandbox.url, { utcOffsetMinutes: OFFSET, timeouts: { defaultMs: 5000, byInfno: { '2207': 400 } } }),
      { journal },
    );
    try {
      const e = await caught(
        c2.outpatientSettle(settleData(p, 'E2E-STUCK', '66.60'), { insuplc_admdvs: p.insuplc_admdvs }),
      );
      expect(e.code).toBe('CENTER_TIMEOUT');
      const msgid = String(e.details.msgid);
      const row = (await new CenterCallJournal(journal).get(msgid))!;
      expect(row).toMatchObject({ status: 'unknown', mdtrt_id: 'E2E-STUCK', psn_no: p.psn_no, setl_id: null });
      sandbox.setFaults('');
      // The center did settle: reversing by the saved msgid succeeds.
      const r = await c2.reverse(
        { psn_no: p.psn_no, omsgid: msgid, oinfno: '2207' },
        { insuplc_admdvs: p.insuplc_admdvs },
      );
      expect(r.msgid).toMatch(MSGID_RE);
      await new CenterCallJournal(journal).resolve(msgid, {
        resolution: `reversed by 2601 msgid ${r.msgid}`,
        now: new Date(),
        status: 'failed',
      });
      expect(
        (await new CenterCallJournal(journal).list({ status: ['unknown', 'pending'], unresolved: true })).map(
          (x) => x.msgid,
        ),
      ).not.toContain(msgid);
    } finally {
      sandbox.setFaults('');
      await c2.close();
    }
  });

  it('signs out (9002); the next business call signs in again', async () => {
    const before = sandbox.stats().byInfno['9001']?.requests ?? 0;
    await center.signOut();
    await center.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: people[0]!.certno, psn_cert_type: '01' });
    expect(sandbox.stats().byInfno['9001']!.requests).toBe(before + 1);
  });
});

describe('the client against a sandbox behind an x-tif gateway', () => {
  it('passes with the right token and is turned away with a wrong one', async () => {
    const gw = await startSandbox({
      lenientVisits: true,
      utcOffsetMinutes: OFFSET,
      institutions: [INSTITUTION],
      tif: { paasid: 'mbs_fsi_auth', secret: 'right-token' },
    });
    const good = new Center(
      baseConfig(gw.url, {
        utcOffsetMinutes: OFFSET,
        gateway: { scheme: 'tif', paasid: 'mbs_fsi_auth', secret: 'right-token' },
      }),
    );
    const bad = new Center(
      baseConfig(gw.url, {
        utcOffsetMinutes: OFFSET,
        retry: { attempts: 1 },
        gateway: { scheme: 'tif', paasid: 'mbs_fsi_auth', secret: 'wrong-token' },
      }),
    );
    try {
      const p = people[0]!;
      const r = await good.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01' });
      expect(r.result.baseinfo.psn_no).toBe(p.psn_no);
      const e = await caught(bad.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, psn_cert_type: '01' }));
      expect(e.code).toBe('CENTER_GATEWAY');
      expect(e.details).toMatchObject({ http_status: 401, delivery: 'no' });
      expect(e.summary).toContain('x-tif-signature');
      expect(JSON.stringify(e.toJSON())).not.toContain('wrong-token');
    } finally {
      await good.close();
      await bad.close();
      await gw.close();
    }
  });
});
