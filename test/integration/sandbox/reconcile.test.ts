/**
 * 3201 totals and 3202 details against a ledger seeded with known history: balanced and
 * unbalanced groups, refunds, a reversal, a cross-midnight settlement, a center-side duplicate,
 * rows on one side only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseStmtResultFile,
  writeStmtUploadFile,
  type StmtUploadRow,
} from '../../../src/core/center/protocol/index.js';
import { decodeText, unzipOne, zipOne } from '../../../src/core/shared/index.js';
import { D, sum, type Decimal } from '../../../src/core/money.js';
import { sandboxRoster, type Sandbox, type SettlementRow } from '../../../src/core/center/sandbox/index.js';
import { call, CODE, envelope, openSandbox, post } from './helpers.js';

let sb: Sandbox;
let sign_no: string;
const roster = sandboxRoster(30);
const emp = roster.filter((p) => p.insutype === '310' && p.insuplc_admdvs === '430100');
const res = roster.find((p) => p.insutype === '390' && p.insuplc_admdvs === '430100')!;
const far = roster.find((p) => p.insuplc_admdvs === '440300')!;
const DAY = '2026-01-10';
const s: Record<string, SettlementRow> = {};

beforeAll(async () => {
  ({ sb, sign_no } = await openSandbox());
  const L = sb.ledger;
  const seed = (
    name: string,
    at: string,
    psn: (typeof roster)[number],
    medfee: number,
    over: Record<string, unknown> = {},
  ) =>
    (s[name] = L.insertSettlement({
      setl_time: at,
      mdtrt_id: `V-${name}`,
      psn_no: psn.psn_no,
      medfee_sumamt: medfee,
      fixmedins_code: CODE,
      ...over,
    }));
  seed('s1', `${DAY} 08:00:00`, emp[0]!, 100);
  seed('s2', `${DAY} 09:30:00`, emp[1]!, 250.4);
  seed('s3', `${DAY} 10:00:00`, res, 80);
  seed('s4', `${DAY} 11:00:00`, emp[2]!, 3000, { clr_type: '21', med_type: '21' });
  seed('s5', `${DAY} 23:59:58`, emp[0]!, 60);
  seed('s6', '2026-01-11 00:00:01', emp[1]!, 45);
  seed('s7', `${DAY} 12:00:00`, emp[2]!, 120);
  s.s7c = L.insertCancellation({ setl_id: s.s7!.setl_id, setl_time: `${DAY} 15:00:00` });
  seed('s8', `${DAY} 13:00:00`, emp[3]!, 70);
  L.reverseSettlement(s.s8!.setl_id, `${DAY} 13:05:00`);
  seed('s9', `${DAY} 14:00:00`, far, 90);
  seed('s10', `${DAY} 16:00:00`, emp[3]!, 33, { mdtrt_id: 'V-dup' });
  seed('s10b', `${DAY} 16:00:05`, emp[3]!, 33, { mdtrt_id: 'V-dup' });
  seed('s11', `${DAY} 17:00:00`, emp[4]!, 40);
  seed('other', `${DAY} 17:30:00`, emp[4]!, 999, { fixmedins_code: 'H43010000002' });
});
afterAll(async () => {
  await sb.close();
});

/** The rows of the 310 / 11 / 430100 group on DAY, as the center holds them (computed here, not by the ledger). */
const group = () => ['s1', 's2', 's5', 's7', 's7c', 's10', 's10b', 's11'].map((k) => s[k]!);

function totalsOf(rows: SettlementRow[]) {
  return {
    medfee_sumamt: sum(rows.map((r) => r.medfee_sumamt)),
    fund_pay_sumamt: sum(rows.map((r) => r.fund_pay_sumamt)),
    acct_pay: sum(rows.map((r) => r.acct_pay)),
    cnt: rows.length,
  };
}

async function stmt3201(
  t: { medfee_sumamt: Decimal; fund_pay_sumamt: Decimal; acct_pay: Decimal; cnt: number },
  over: Record<string, unknown> = {},
) {
  const out = await call(
    sb.url,
    envelope(
      '3201',
      {
        data: {
          insutype: '310',
          clr_type: '11',
          setl_optins: '430100',
          stmt_begndate: DAY,
          stmt_enddate: DAY,
          medfee_sumamt: Number(t.medfee_sumamt.toFixed(2)),
          fund_pay_sumamt: Number(t.fund_pay_sumamt.toFixed(2)),
          acct_pay: Number(t.acct_pay.toFixed(2)),
          fixmedins_setl_cnt: t.cnt,
          ...over,
        },
      },
      sign_no,
    ),
  );
  return out.stmtinfo as { setl_optins: string; stmt_rslt: string; stmt_rslt_dscr: string };
}

describe('3201 totals', () => {
  it('balances when the institution sends the center-side sums of its group', async () => {
    const r = await stmt3201(totalsOf(group()));
    expect(r).toEqual({ setl_optins: '430100', stmt_rslt: '0', stmt_rslt_dscr: '平' });
  });

  it('does not balance when one figure is off by a cent, and says both sides', async () => {
    const t = totalsOf(group());
    const r = await stmt3201({ ...t, acct_pay: t.acct_pay.plus('0.01') });
    expect(r.stmt_rslt).toBe('1');
    expect(r.stmt_rslt_dscr).toContain(`中心 medfee_sumamt=${t.medfee_sumamt.toFixed(2)}`);
    expect(r.stmt_rslt_dscr).toContain(`acct_pay=${t.acct_pay.plus('0.01').toFixed(2)}`);
  });

  it('uses the center setl_time: the cross-midnight settlement belongs to the next day', async () => {
    const withS6 = totalsOf([...group(), s.s6!]);
    expect((await stmt3201(withS6)).stmt_rslt).toBe('1');
    const next = totalsOf([s.s6!]);
    expect((await stmt3201(next, { stmt_begndate: '2026-01-11', stmt_enddate: '2026-01-11' })).stmt_rslt).toBe('0');
  });

  it('refd_setl_flag 0 leaves the cancellation row out; 1 and absent keep it', async () => {
    const noRefunds = group().filter((r) => r.refd_setl_flag === '0');
    expect((await stmt3201(totalsOf(noRefunds), { refd_setl_flag: '0' })).stmt_rslt).toBe('0');
    expect((await stmt3201(totalsOf(noRefunds), { refd_setl_flag: '1' })).stmt_rslt).toBe('1');
    expect((await stmt3201(totalsOf(group()), { refd_setl_flag: '1' })).stmt_rslt).toBe('0');
  });

  it('keys groups by insutype, clr_type and setl_optins', async () => {
    expect((await stmt3201(totalsOf([s.s3!]), { insutype: '390' })).stmt_rslt).toBe('0');
    expect((await stmt3201(totalsOf([s.s4!]), { clr_type: '21' })).stmt_rslt).toBe('0');
    expect((await stmt3201(totalsOf([s.s9!]), { setl_optins: '440300', insutype: far.insutype })).stmt_rslt).toBe('0');
  });

  it('refuses a period that ends before it starts', async () => {
    const a = await post(
      sb.url,
      envelope(
        '3201',
        {
          data: {
            insutype: '310',
            clr_type: '11',
            setl_optins: '430100',
            stmt_begndate: '2026-01-11',
            stmt_enddate: DAY,
            medfee_sumamt: 0,
            fund_pay_sumamt: 0,
            acct_pay: 0,
            fixmedins_setl_cnt: 0,
          },
        },
        sign_no,
      ),
    );
    expect(a.body.err_msg).toMatch(/开始日期晚于结束日期/);
  });
});

const up = (r: SettlementRow, over: Partial<StmtUploadRow> = {}): StmtUploadRow => ({
  setl_id: r.setl_id,
  mdtrt_id: r.mdtrt_id,
  psn_no: r.psn_no,
  medfee_sumamt: r.medfee_sumamt,
  fund_pay_sumamt: r.fund_pay_sumamt,
  acct_pay: r.acct_pay,
  refd_setl_flag: r.refd_setl_flag,
  ...over,
});

async function stmt3202(
  rows: StmtUploadRow[],
  over: Record<string, unknown> = {},
  content?: Buffer,
): Promise<{ text: string; status: number; err?: string }> {
  const zip = content ?? zipOne('scmxdz.txt', writeStmtUploadFile(rows));
  const upOut = await call(
    sb.url,
    envelope(
      '9101',
      { fsUploadIn: { in: zip.toString('base64'), filename: 'scmxdz.zip', fixmedins_code: CODE } },
      sign_no,
    ),
  );
  const a = await post(
    sb.url,
    envelope(
      '3202',
      {
        data: {
          setl_optins: '430100',
          file_qury_no: upOut.file_qury_no,
          stmt_begndate: DAY,
          stmt_enddate: DAY,
          medfee_sumamt: Number(sum(rows.map((r) => r.medfee_sumamt)).toFixed(2)),
          fund_pay_sumamt: Number(sum(rows.map((r) => r.fund_pay_sumamt)).toFixed(2)),
          cash_payamt: 0,
          fixmedins_setl_cnt: rows.length,
          clr_type: '11',
          ...over,
        },
      },
      sign_no,
    ),
  );
  if (a.body.infcode !== 0) return { text: '', status: -1, err: String(a.body.err_msg) };
  const info = (a.body.output as { fileinfo: { file_qury_no: string; filename: string } }).fileinfo;
  const r = await fetch(sb.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      envelope(
        '9102',
        { fsDownloadIn: { file_qury_no: info.file_qury_no, filename: info.filename, fixmedins_code: CODE } },
        sign_no,
      ),
    ),
  });
  const entry = unzipOne(Buffer.from(await r.arrayBuffer()));
  expect(entry.name).toBe('result.txt');
  return { text: decodeText(entry.data), status: 0 };
}

describe('3202 details', () => {
  it('answers every row balanced for a balanced ledger (all insutypes of the agency and clearing type)', async () => {
    const rows = [...group(), s.s3!].map((r) => up(r));
    const { text } = await stmt3202(rows);
    const res = parseStmtResultFile(text);
    expect(res).toHaveLength(rows.length);
    expect(res.every((r) => r.stmt_rslt === '0' && r.memo === '平')).toBe(true);
    expect(new Set(res.map((r) => r.setl_id))).toEqual(new Set(rows.map((r) => r.setl_id)));
  });

  it('classifies every kind of difference, in the documented column order', async () => {
    const hisOnly: StmtUploadRow = {
      setl_id: '430100202601100000099999',
      mdtrt_id: 'V-his',
      psn_no: emp[0]!.psn_no,
      medfee_sumamt: new D(15),
      fund_pay_sumamt: new D(9),
      acct_pay: new D(6),
      refd_setl_flag: '0',
    };
    const rows = [
      up(s.s1!),
      up(s.s2!, { fund_pay_sumamt: s.s2!.fund_pay_sumamt.plus(1) }),
      up(s.s5!),
      up(s.s6!),
      up(s.s7!),
      up(s.s7c!),
      up(s.s8!),
      up(s.s10!),
      hisOnly,
      up(s.s3!),
    ];
    const { text } = await stmt3202(rows);
    const lines = text
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.every((l) => l.length === 10)).toBe(true);
    const byId = new Map(lines.filter((l) => l[2]).map((l) => [l[2]!, l]));
    // psn_no, mdtrt_id, setl_id, msgid, stmt_rslt, refd_setl_flag, memo, medfee, fund, acct
    expect(byId.get(s.s1!.setl_id)).toEqual([
      s.s1!.psn_no,
      s.s1!.mdtrt_id,
      s.s1!.setl_id,
      s.s1!.medins_setl_id,
      '0',
      '0',
      '平',
      s.s1!.medfee_sumamt.toFixed(2),
      s.s1!.fund_pay_sumamt.toFixed(2),
      s.s1!.acct_pay.toFixed(2),
    ]);
    const s2 = byId.get(s.s2!.setl_id)!;
    expect(s2[4]).toBe('1');
    expect(s2[6]).toMatch(/^金额不符：机构 .*fund_pay_sumamt=/);
    expect(s2[8]).toBe(s.s2!.fund_pay_sumamt.toFixed(2));
    expect(byId.get(s.s6!.setl_id)![6]).toBe('结算时间不在对账期内：中心结算时间 2026-01-11 00:00:01');
    expect(byId.get(s.s7c!.setl_id)!.slice(4, 7)).toEqual(['0', '1', '平']);
    expect(byId.get(s.s8!.setl_id)![6]).toMatch(/^中心已冲正/);
    expect(byId.get(hisOnly.setl_id)!.slice(3, 7)).toEqual(['', '1', '0', '中心无此结算']);
    expect(byId.get(s.s11!.setl_id)!.slice(3, 7)).toEqual([s.s11!.medins_setl_id, '1', '0', '医药机构无此结算']);
    // The duplicate comes back without keys, but with the msgid to reverse it by.
    const dup = lines.filter((l) => l[6] === '中心端有多条明细');
    expect(dup).toEqual([
      [
        s.s10b!.psn_no,
        '',
        '',
        s.s10b!.medins_setl_id,
        '1',
        '0',
        '中心端有多条明细',
        '33.00',
        s.s10b!.fund_pay_sumamt.toFixed(2),
        s.s10b!.acct_pay.toFixed(2),
      ],
    ]);
    // Nothing of another institution or another clearing type leaks in.
    expect(lines.some((l) => l[2] === s.other!.setl_id || l[2] === s.s4!.setl_id)).toBe(false);
    expect(lines).toHaveLength(rows.length + 2);
  });

  it('refuses a file whose sums differ from the request, a bad line, a missing file and a file that is not a ZIP', async () => {
    const rows = [up(s.s1!)];
    expect((await stmt3202(rows, { fixmedins_setl_cnt: 2 })).err).toMatch(/文件合计与入参不符：文件 1 条/);
    expect((await stmt3202(rows, {}, zipOne('x.txt', 'only\ttwo\n'))).err).toMatch(
      /第1行 expected 7 tab-separated columns/,
    );
    expect((await stmt3202(rows, {}, Buffer.from('not a zip'))).err).toMatch(/不是 ZIP/);
    const a = await post(
      sb.url,
      envelope(
        '3202',
        {
          data: {
            setl_optins: '430100',
            file_qury_no: 'NOPE',
            stmt_begndate: DAY,
            stmt_enddate: DAY,
            medfee_sumamt: 0,
            fund_pay_sumamt: 0,
            cash_payamt: 0,
            fixmedins_setl_cnt: 0,
          },
        },
        sign_no,
      ),
    );
    expect(a.body.err_msg).toMatch(/对账明细文件不存在/);
  });
});
