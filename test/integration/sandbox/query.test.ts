/**
 * 5203 over HTTP: what a cancelled, a cancellation and a reversed settlement answer; the query by
 * psn_no + mdtrt_id without setl_id; and that the stuck-settlement job's default patterns read
 * the refusals as meant (absent, reversed), through the real client.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCenter, type Center, type CenterConfig } from '../../../src/core/center/index.js';
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { isHisopsError } from '../../../src/core/errors.js';
import { openJournal, type Journal } from '../../../src/core/journal/index.js';
import { D } from '../../../src/core/money.js';
import {
  askOne,
  centerView,
  classifyStuck,
  DEFAULT_PATTERNS,
  refusalKind,
  toCenterSetl,
  type Candidate,
  type SetlinfoLike,
} from '../../../src/core/settle/index.js';
import { call, CODE, envelope, openSandbox, post, settleInput } from './helpers.js';

let sb: Sandbox;
let sign_no: string;
const roster = sandboxRoster(40);
const employee = roster.find((p) => p.insutype === '310' && p.insuplc_admdvs === '430100')!;
const resident = roster.find((p) => p.insutype === '390' && p.insuplc_admdvs === '430100')!;

beforeAll(async () => {
  ({ sb, sign_no } = await openSandbox());
});
afterAll(async () => {
  await sb.close();
});

type Setl = Record<string, unknown> & { setl_id: string; mdtrt_id: string; medins_setl_id: string };

async function settle(
  over: Record<string, unknown> = {},
  infno = '2207',
  p = employee,
): Promise<{ env: Record<string, unknown>; setl: Setl }> {
  const input = settleInput(p, over);
  if (infno === '2304') {
    const d = input.data as Record<string, unknown>;
    delete d.med_type;
    delete d.chrg_bchno;
    d.mid_setl_flag = '0';
  }
  const env = envelope(infno, input, sign_no, { insuplc_admdvs: p.insuplc_admdvs });
  return { env, setl: (await call(sb.url, env)).setlinfo as Setl };
}

const query = (data: Record<string, unknown>) =>
  post(sb.url, envelope('5203', { data }, sign_no, { insuplc_admdvs: '430100' }));

async function found(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const a = await query(data);
  expect(a.body.err_msg ?? null, `5203 ${JSON.stringify(data)}`).toBeNull();
  expect(a.body.infcode).toBe(0);
  return (a.body.output as { setlinfo: Record<string, unknown> }).setlinfo;
}

async function refused(data: Record<string, unknown>): Promise<string> {
  const a = await query(data);
  expect(a.body.infcode).toBe(-1);
  expect(a.body.output ?? null).toBeNull();
  return String(a.body.err_msg);
}

const cancel = (infno: '2208' | '2305', s: Setl, p = employee) =>
  call(sb.url, envelope(infno, { data: { setl_id: s.setl_id, mdtrt_id: s.mdtrt_id, psn_no: p.psn_no } }, sign_no));
const reverse = (env: Record<string, unknown>, oinfno = '2207', p = employee) =>
  call(sb.url, envelope('2601', { data: { psn_no: p.psn_no, omsgid: env.msgid, oinfno } }, sign_no));

describe('5203 by setl_id: cancelled, cancellation and reversed settlements', () => {
  it('answers a live settlement with refd_setl_flag 0', async () => {
    const { setl } = await settle();
    const s = await found({ psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id });
    expect(s.refd_setl_flag).toBe('0');
    expect(s.medfee_sumamt).toBe(setl.medfee_sumamt);
  });

  it('flags a settlement cancelled with 2208 as refunded, and answers the cancellation row by its own setl_id', async () => {
    const { setl } = await settle({ medfee_sumamt: 300, inscp_scp_amt: 270 });
    const c = (await cancel('2208', setl)).setlinfo as Setl;
    expect(c.setl_id).not.toBe(setl.setl_id);

    const orig = await found({ psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id });
    expect(orig.refd_setl_flag).toBe('1');
    expect(orig.setl_id).toBe(setl.setl_id);
    // The original record keeps its own figures and time; only the flag says it was refunded.
    expect(orig.medfee_sumamt).toBe(300);
    expect(orig.fund_pay_sumamt).toBe(setl.fund_pay_sumamt);
    expect(orig.setl_time).toBe(setl.setl_time);

    const row = await found({ psn_no: employee.psn_no, setl_id: c.setl_id });
    expect(row.refd_setl_flag).toBe('1');
    expect(row.setl_id).toBe(c.setl_id);
    expect(row.mdtrt_id).toBe(setl.mdtrt_id);
    expect(row.medfee_sumamt).toBe(-300);
    expect(row.fund_pay_sumamt).toBe(-Number(setl.fund_pay_sumamt));
    expect(row.acct_pay).toBe(-Number(setl.acct_pay));
    expect(row.medins_setl_id).toBe(c.medins_setl_id);
  });

  it('does the same for an inpatient settlement cancelled with 2305 and for a seeded cancellation', async () => {
    const { setl } = await settle(
      { medfee_sumamt: 3000, fulamt_ownpay_amt: 0, preselfpay_amt: 0, inscp_scp_amt: 3000 },
      '2304',
    );
    const c = (await cancel('2305', setl)).setlinfo as Setl;
    expect((await found({ psn_no: employee.psn_no, setl_id: setl.setl_id })).refd_setl_flag).toBe('1');
    const neg = await found({ psn_no: employee.psn_no, setl_id: c.setl_id });
    expect([neg.refd_setl_flag, neg.medfee_sumamt, neg.clr_type]).toEqual(['1', -3000, '21']);

    const seeded = sb.ledger.insertSettlement({
      setl_time: '2026-01-05 10:00:00',
      mdtrt_id: 'QSEEDCAN',
      psn_no: employee.psn_no,
      medfee_sumamt: 80,
      fixmedins_code: CODE,
    });
    const seededCancel = sb.ledger.insertCancellation({ setl_id: seeded.setl_id, setl_time: '2026-01-06 09:00:00' });
    expect((await found({ psn_no: employee.psn_no, setl_id: seeded.setl_id })).refd_setl_flag).toBe('1');
    const sc = await found({ psn_no: employee.psn_no, setl_id: seededCancel.setl_id });
    expect([sc.refd_setl_flag, sc.medfee_sumamt, sc.setl_time]).toEqual(['1', -80, '2026-01-06 09:00:00']);
  });

  it('answers a reversed settlement with infcode -1 saying 已冲正, which the stuck job reads as reversed', async () => {
    const { env, setl } = await settle();
    const rev = envelope('2601', { data: { psn_no: employee.psn_no, omsgid: env.msgid, oinfno: '2207' } }, sign_no);
    await call(sb.url, rev);
    const msg = await refused({ psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: setl.mdtrt_id });
    expect(msg).toMatch(/已冲正/);
    expect(msg).toContain(setl.setl_id);
    expect(msg).toContain(String(rev.msgid));
    expect(refusalKind(msg, DEFAULT_PATTERNS)).toBe('reversed');
    // A seeded reversal (the demo's HIS-only settlements) answers the same way.
    const seeded = sb.ledger.insertSettlement({
      setl_time: '2026-01-05 11:00:00',
      mdtrt_id: 'QSEEDREV',
      psn_no: employee.psn_no,
      medfee_sumamt: 50,
      fixmedins_code: CODE,
    });
    sb.ledger.reverseSettlement(seeded.setl_id, '2026-01-05 11:05:00');
    expect(refusalKind(await refused({ psn_no: employee.psn_no, setl_id: seeded.setl_id }), DEFAULT_PATTERNS)).toBe(
      'reversed',
    );
  });

  it('answers an unknown id, another person and another visit with 未查询到结算信息 (absent)', async () => {
    const { setl } = await settle();
    for (const data of [
      { psn_no: employee.psn_no, setl_id: '430100202601010000000000' },
      { psn_no: resident.psn_no, setl_id: setl.setl_id },
      { psn_no: employee.psn_no, setl_id: setl.setl_id, mdtrt_id: 'OTHERVISIT' },
    ]) {
      const msg = await refused(data);
      expect(msg).toMatch(/^未查询到结算信息/);
      expect(refusalKind(msg, DEFAULT_PATTERNS)).toBe('absent');
    }
  });
});

describe('5203 by psn_no + mdtrt_id, without setl_id', () => {
  it("answers the visit's live settlement", async () => {
    const { env, setl } = await settle();
    const s = await found({ psn_no: employee.psn_no, mdtrt_id: setl.mdtrt_id });
    expect(s.setl_id).toBe(setl.setl_id);
    expect(s.medins_setl_id).toBe(env.msgid);
    expect(s.refd_setl_flag).toBe('0');
  });

  it('answers the latest of several live settlements of one visit (two charge batches)', async () => {
    const { setl: first } = await settle({ chrg_bchno: 'B1' });
    const { setl: second } = await settle({
      chrg_bchno: 'B2',
      mdtrt_id: first.mdtrt_id,
      medfee_sumamt: 120,
      inscp_scp_amt: 90,
    });
    expect(second.setl_id > first.setl_id).toBe(true);
    const s = await found({ psn_no: employee.psn_no, mdtrt_id: first.mdtrt_id });
    expect(s.setl_id).toBe(second.setl_id);
    expect(s.medfee_sumamt).toBe(120);
  });

  it('prefers the live settlement over a cancelled one and its cancellation row, whatever their order', async () => {
    const { setl: old } = await settle({ medfee_sumamt: 250, inscp_scp_amt: 220 });
    const c = (await cancel('2208', old)).setlinfo as Setl;
    const { setl: again } = await settle({ mdtrt_id: old.mdtrt_id, medfee_sumamt: 240, inscp_scp_amt: 210 });
    const s = await found({ psn_no: employee.psn_no, mdtrt_id: old.mdtrt_id });
    expect(s.setl_id).toBe(again.setl_id);
    expect(s.refd_setl_flag).toBe('0');
    expect([old.setl_id, c.setl_id]).not.toContain(s.setl_id);
  });

  it('answers a visit whose only settlement was cancelled with that settlement, flagged refunded (not the cancellation row)', async () => {
    const { setl } = await settle();
    const c = (await cancel('2208', setl)).setlinfo as Setl;
    const s = await found({ psn_no: employee.psn_no, mdtrt_id: setl.mdtrt_id });
    expect(s.setl_id).toBe(setl.setl_id);
    expect(s.setl_id).not.toBe(c.setl_id);
    expect(s.refd_setl_flag).toBe('1');
    expect(s.medfee_sumamt).toBe(setl.medfee_sumamt);
  });

  it('never answers a reversed settlement: the visit then has none (absent), and the text names the reversed one', async () => {
    const { env, setl } = await settle();
    await reverse(env);
    const msg = await refused({ psn_no: employee.psn_no, mdtrt_id: setl.mdtrt_id });
    expect(msg).toMatch(/^未查询到结算信息/);
    expect(msg).toContain(setl.setl_id);
    expect(msg).toContain(String(env.msgid));
    expect(refusalKind(msg, DEFAULT_PATTERNS)).toBe('absent');
    // Two reversed: the latest is named (err_msg holds 200 characters), the other counted.
    const second = await settle({ mdtrt_id: setl.mdtrt_id });
    await reverse(second.env);
    const msg2 = await refused({ psn_no: employee.psn_no, mdtrt_id: setl.mdtrt_id });
    expect(msg2).toContain(second.setl.setl_id);
    expect(msg2).toContain(String(second.env.msgid));
    expect(msg2).toMatch(/\(\+1\)$/);
    // A new settlement of the same visit after the reversal is the answer.
    const { setl: next } = await settle({ mdtrt_id: setl.mdtrt_id });
    expect((await found({ psn_no: employee.psn_no, mdtrt_id: setl.mdtrt_id })).setl_id).toBe(next.setl_id);
  });

  it("answers 未查询到结算信息 for an unknown visit, another person's visit and another institution's settlement", async () => {
    const { setl } = await settle();
    expect(await refused({ psn_no: employee.psn_no, mdtrt_id: 'NOSUCHVISIT' })).toMatch(/^未查询到结算信息/);
    expect(await refused({ psn_no: resident.psn_no, mdtrt_id: setl.mdtrt_id })).toMatch(/^未查询到结算信息/);
    sb.ledger.insertSettlement({
      setl_time: '2026-01-07 10:00:00',
      mdtrt_id: 'QOTHERINST',
      psn_no: employee.psn_no,
      medfee_sumamt: 60,
      fixmedins_code: 'H43010000999',
    });
    const msg = await refused({ psn_no: employee.psn_no, mdtrt_id: 'QOTHERINST' });
    expect(msg).toMatch(/^未查询到结算信息/);
    expect(refusalKind(msg, DEFAULT_PATTERNS)).toBe('absent');
  });

  it('refuses a query with neither setl_id nor mdtrt_id, in words the stuck job does not take for "absent"', async () => {
    const msg = await refused({ psn_no: employee.psn_no });
    expect(msg).toMatch(/不能同时为空/);
    expect(refusalKind(msg, DEFAULT_PATTERNS)).toBe('other');
    // psn_no stays required by the field table.
    const a = await query({ mdtrt_id: 'X' });
    expect(a.body.infcode).toBe(-1);
    expect(String(a.body.err_msg)).toMatch(/psn_no/);
  });
});

describe('through the center client, as the stuck-settlement job sees it', () => {
  let dir: string;
  let journal: Journal;
  let center: Center;
  const person = employee;
  const config = (url: string, over: Partial<CenterConfig> = {}): CenterConfig => ({
    baseUrl: url,
    fixmedins_code: CODE,
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
  const settleData = (mdtrt_id: string) => ({
    psn_no: person.psn_no,
    mdtrt_cert_type: '02',
    mdtrt_cert_no: person.certno,
    med_type: '11',
    medfee_sumamt: new D('180.00'),
    psn_setlway: '01',
    mdtrt_id,
    chrg_bchno: 'B1',
    insutype: person.insutype,
    acct_used_flag: '1',
    fulamt_ownpay_amt: 0,
    overlmt_selfpay: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: new D('180.00'),
  });
  const candidate = (over: Partial<Candidate>): Candidate => ({
    id: 'x',
    msgid: null,
    setl_id: null,
    infno: '2207',
    psn_no: person.psn_no,
    mdtrt_id: null,
    his_setl_no: null,
    at: null,
    sources: ['his_pending'],
    his: { his_status: 'pending', medfee_sumamt: '180.00', psn_no: person.psn_no },
    call: null,
    log: null,
    finding: null,
    prior: [],
    ...over,
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hisops-sandbox-query-'));
    journal = await openJournal(`sqlite:${path.join(dir, 'journal.db')}`);
    center = openCenter(config(sb.url), { journal });
  });
  afterAll(async () => {
    await center.close();
    await journal.db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds a settlement whose answer was lost by its visit, with the msgid of the lost call', async () => {
    const faulty = await startSandbox({ lenientVisits: true, ledger: sb.ledger, faults: '2207:timeout-after-commit' });
    const c = openCenter(config(faulty.url, { timeouts: { defaultMs: 3000, byInfno: { '2207': 300 } } }), { journal });
    let msgid = '';
    try {
      let err: unknown;
      try {
        await c.outpatientSettle(settleData('QLOST0001'));
      } catch (e) {
        err = e;
      }
      expect(isHisopsError(err)).toBe(true);
      msgid = String((err as { details: { msgid: string } }).details.msgid);
      expect((await journal.knex('hisops_center_calls').where({ msgid }).first()).status).toBe('unknown');
    } finally {
      await c.close();
      await faulty.close();
    }
    // No setl_id came back; the visit is known. The client's validation lets the query through.
    const r = await center.call('5203', { data: { psn_no: person.psn_no, mdtrt_id: 'QLOST0001' } });
    const s = (r.result as { setlinfo: Record<string, unknown> }).setlinfo;
    expect(s.medins_setl_id).toBe(msgid);
    expect(s.setl_id).toBe(sb.ledger.settlementsByMsgid(msgid)[0]!.setl_id);
    // What the job would conclude from it: the center settled the pending HIS row's call.
    const setl = toCenterSetl(s as unknown as SetlinfoLike);
    const c0 = candidate({ id: msgid, msgid, mdtrt_id: 'QLOST0001' });
    const view = centerView(c0, { kind: 'setlinfo', setl, msgid: r.msgid }, DEFAULT_PATTERNS);
    expect(view.state).toBe('settled');
    expect(classifyStuck(c0, view).classification).toBe('center_only');
  });

  it('askOne by setl_id: a cancelled settlement is "cancelled", a reversed one "reversed", an unknown one "absent"', async () => {
    const live = await center.outpatientSettle(settleData('QASK0001'));
    const cancelled = await center.outpatientSettle(settleData('QASK0002'));
    await center.outpatientCancel({
      setl_id: cancelled.result.setlinfo.setl_id,
      mdtrt_id: 'QASK0002',
      psn_no: person.psn_no,
    });
    const reversed = await center.outpatientSettle(settleData('QASK0003'));
    await center.reverse({ psn_no: person.psn_no, omsgid: reversed.msgid, oinfno: '2207' });

    const stateOf = async (setl_id: string, mdtrt_id: string) => {
      const c = candidate({
        setl_id,
        mdtrt_id,
        his: { his_status: 'settled', medfee_sumamt: '180.00', psn_no: person.psn_no },
      });
      return centerView(c, await askOne(center, c), DEFAULT_PATTERNS).state;
    };
    expect(await stateOf(live.result.setlinfo.setl_id, 'QASK0001')).toBe('settled');
    expect(await stateOf(cancelled.result.setlinfo.setl_id, 'QASK0002')).toBe('cancelled');
    expect(await stateOf(reversed.result.setlinfo.setl_id, 'QASK0003')).toBe('reversed');
    expect(await stateOf('430100202601010000000000', 'QASK0004')).toBe('absent');
  });
});
