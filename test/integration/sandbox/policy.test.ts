/**
 * 2207/2304 computed by the settlement-rules engine with the shipped example policies: the
 * sandbox answers what splitBill says for the same bill, and falls back to the simple split on a
 * date no loaded policy covers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { D } from '../../../src/core/money.js';
import { parsePolicy, splitBill, type Policy } from '../../../src/core/rules/index.js';
import { sandboxRoster, startSandbox, type Sandbox } from '../../../src/core/center/sandbox/index.js';
import { call, envelope, settleInput, signIn } from './helpers.js';

const root = path.resolve(__dirname, '../../..');
const policies: Policy[] = ['employee.yaml', 'resident.yaml'].map((f) =>
  parsePolicy(fs.readFileSync(path.join(root, 'templates/policies', f), 'utf8'), f),
);
const employee = policies[0]!;
let now = new Date(`${employee.effective.from}T10:00:00`);
let sb: Sandbox;
let sign_no: string;
const person = sandboxRoster(40).find(
  (p) => p.insutype === '310' && p.insuplc_admdvs === '430100' && p.psn_type === '11' && p.cvlserv_flag === '0',
)!;

beforeAll(async () => {
  sb = await startSandbox({ lenientVisits: true, policies, clock: () => now });
  sign_no = await signIn(sb.url);
});
afterAll(async () => {
  await sb.close();
});

describe('settlement with the rules engine', () => {
  it('answers an inpatient settlement as splitBill computes it', async () => {
    const input = settleInput(person, {
      medfee_sumamt: 12000,
      fulamt_ownpay_amt: 500,
      preselfpay_amt: 300,
      overlmt_selfpay: 200,
      inscp_scp_amt: 11000,
    });
    const d = input.data as Record<string, unknown>;
    delete d.med_type;
    delete d.chrg_bchno;
    d.mid_setl_flag = '0';
    const balc = sb.ledger.balance(person.psn_no, employee.effective.from);
    const out = await call(sb.url, envelope('2304', input, sign_no));
    const s = out.setlinfo as Record<string, number>;
    const expected = splitBill(
      {
        insutype: '310',
        setl_time: employee.effective.from,
        hosp_lv: '3',
        person: {
          age:
            Number(employee.effective.from.slice(0, 4)) -
            Number(person.brdy.slice(0, 4)) -
            (employee.effective.from.slice(5) < person.brdy.slice(5) ? 1 : 0),
          retired: false,
          psn_groups: [],
          acct_balc: balc,
          ytd: {},
        },
        visit: { type: 'inpatient', admission_count: 1, in_area: true, acct_used_flag: true },
        lines: [
          {
            feedetl_sn: '1',
            med_list_codg: 'X',
            chrgitm_lv: '01',
            cnt: new D(1),
            pric: new D(11000),
            fee_ocur_time: employee.effective.from,
          },
          {
            feedetl_sn: '2',
            med_list_codg: 'X',
            chrgitm_lv: '03',
            cnt: new D(1),
            pric: new D(500),
            fee_ocur_time: employee.effective.from,
          },
          {
            feedetl_sn: '3',
            med_list_codg: 'X',
            chrgitm_lv: '02',
            cnt: new D(1),
            pric: new D(300),
            selfpay_prop: new D(1),
            fee_ocur_time: employee.effective.from,
          },
          {
            feedetl_sn: '4',
            med_list_codg: 'X',
            chrgitm_lv: '01',
            cnt: new D(1),
            pric: new D(200),
            pric_uplmt_amt: new D(0),
            fee_ocur_time: employee.effective.from,
          },
        ],
      },
      employee,
      { explain: false },
    ).setlinfo;
    for (const k of [
      'act_pay_dedc',
      'hifp_pay',
      'fund_pay_sumamt',
      'psn_part_amt',
      'acct_pay',
      'psn_cash_pay',
      'overlmt_selfpay',
      'preselfpay_amt',
    ] as const) {
      expect(s[k], k).toBe(Number(expected[k].toFixed(2)));
    }
    expect(s.act_pay_dedc).toBe(900);
    const detail = out.setldetail as { setl_proc_info: string }[];
    expect(detail[0]!.setl_proc_info).toBe(`${employee.name} ${employee.version}`);
  });

  it('falls back to the simple split when no policy covers the date', async () => {
    // A day before any loaded policy is in force.
    now = new Date(`${Number(employee.effective.from.slice(0, 4)) - 1}-06-01T10:00:00`);
    const s2 = await signIn(sb.url);
    const out = await call(sb.url, envelope('2207', settleInput(person), s2));
    expect((out.setldetail as { setl_proc_info: string }[])[0]!.setl_proc_info).toMatch(/起付线0\.00/);
  });

  it('takes a single policy as `policy` too', async () => {
    const one = await startSandbox({
      lenientVisits: true,
      policy: employee,
      clock: () => new Date(`${employee.effective.from}T09:00:00`),
    });
    try {
      const s1 = await signIn(one.url);
      const out = await call(one.url, envelope('2207', settleInput(person), s1));
      expect((out.setldetail as { setl_proc_info: string }[])[0]!.setl_proc_info).toBe(
        `${employee.name} ${employee.version}`,
      );
    } finally {
      await one.close();
    }
  });
});
