import { describe, expect, it } from 'vitest';
import { HisopsError } from '../../../src/core/errors.js';
import type { Issue } from '../../../src/core/rules/index.js';
import { parseBill, resultToJson, settleBill, splitBill } from '../../../src/core/rules/index.js';
import { testPolicy } from './fixtures.js';

const JSON_BILL = `{
  "insutype": "310",
  "setl_time": "2024-05-02",
  "hosp_lv": "3",
  "person": { "age": 40, "acct_balc": "100.00", "psn_groups": ["civil_servant"] },
  "visit": { "type": "inpatient", "acct_used_flag": "1" },
  "lines": [
    { "feedetl_sn": "1", "med_list_codg": "X1", "chrgitm_lv": "01", "cnt": 2, "pric": "15.50", "fee_ocur_time": "2024-05-01" },
    { "feedetl_sn": "2", "med_list_codg": "X2", "chrgitm_lv": "02", "cnt": 1, "pric": 1000, "selfpay_prop": 0.2, "fee_ocur_time": "2024-05-01" }
  ]
}`;

const CSV_BILL = [
  '# insutype: 310', //                                          1
  '# setl_time: 2024-05-02', //                                  2
  '# hosp_lv: 3', //                                             3
  '# person.age: 4', //                                          4
  '# person.psn_groups: civil_servant, poverty', //              5
  '# person.ytd: {ip_hifp_pay: 1200.50}', //                     6
  '# visit.type: inpatient', //                                  7
  'feedetl_sn,med_list_codg,chrgitm_lv,cnt,pric,fee_ocur_time,list_type,medins_list_name', // 8
  '1,S100,01,1,50,2024-05-01,201,"诊查费, 儿童"', //             9
  '2,X2,2,1,100,2024-05-01 10:00:00,101,药品', //                10
].join('\n');

function issuesOf(f: () => unknown): Issue[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HisopsError);
    expect((e as HisopsError).exit).toBe(2);
    return (e as HisopsError).details.issues as Issue[];
  }
  throw new Error('accepted');
}

describe('bill files', () => {
  it('reads a JSON bill into the engine input', () => {
    const b = parseBill(JSON_BILL, 'bill.json');
    expect(b.person).toMatchObject({ age: 40, psn_groups: ['civil_servant'] });
    expect(b.person.acct_balc.toFixed(2)).toBe('100.00');
    expect(b.visit).toMatchObject({ type: 'inpatient', acct_used_flag: true, admission_count: 1, in_area: true });
    expect(
      b.lines.map((l) => [
        l.feedetl_sn,
        l.chrgitm_lv,
        l.cnt.toString(),
        l.pric.toString(),
        l.selfpay_prop?.toString() ?? null,
      ]),
    ).toEqual([
      ['1', '01', '2', '15.5', null],
      ['2', '02', '1', '1000', '0.2'],
    ]);
    // 31 + 1000 = 1031; 乙类 pre 200; in scope 831 < deductible 900 → no fund
    const r = splitBill(b, testPolicy);
    expect(r.setlinfo.medfee_sumamt.toFixed(2)).toBe('1031.00');
    expect(r.setlinfo.hifp_pay.toFixed(2)).toBe('0.00');
  });

  it('reads a CSV bill: context in # lines, one row per fee line, extra columns ignored', () => {
    const b = parseBill(CSV_BILL, 'bill.csv');
    expect(b.person.age).toBe(4);
    expect(b.person.psn_groups).toEqual(['civil_servant', 'poverty']);
    expect(b.person.ytd.ip_hifp_pay!.toFixed(2)).toBe('1200.50');
    expect(b.lines.map((l) => [l.chrgitm_lv, l.list_type, l.fee_ocur_time])).toEqual([
      ['01', '201', '2024-05-01'],
      ['02', '101', '2024-05-01 10:00:00'],
    ]);
    // age 4, S100 listed: 50 × 1.2 = 60; 乙类 100 at poverty's 0.05: pre 5 → medfee 160, in scope 155
    const r = splitBill(b, testPolicy);
    expect(
      [r.setlinfo.medfee_sumamt, r.setlinfo.preselfpay_amt, r.setlinfo.inscp_scp_amt].map((x) => x.toFixed(2)),
    ).toEqual(['160.00', '5.00', '155.00']);
  });

  it('names file, line and field for bad lines (JSON)', () => {
    const bad = JSON_BILL.replace('"chrgitm_lv": "02", "cnt": 1', '"chrgitm_lv": "04", "cnt": -1');
    const issues = issuesOf(() => parseBill(bad, 'bill.json'));
    expect(issues.map((i) => `${i.file}:${i.line} ${i.field}`).sort()).toEqual([
      'bill.json:9 lines[1].chrgitm_lv',
      'bill.json:9 lines[1].cnt',
    ]);
    expect(issues.find((i) => i.field === 'lines[1].cnt')!.fix).toMatch(/init_feedetl_sn/);
    expect(issues.find((i) => i.field === 'lines[1].chrgitm_lv')!.message).toBe("unknown category '04'");
  });

  it('requires the age (it decides the child markup and age bands)', () => {
    const issues = issuesOf(() => parseBill(JSON_BILL.replace('"age": 40, ', ''), 'bill.json'));
    expect(issues).toEqual([expect.objectContaining({ line: 5, field: 'person.age', message: "missing field 'age'" })]);
  });

  it('rejects a CSV without a header row', () => {
    const issues = issuesOf(() => parseBill('# insutype: 310\n# hosp_lv: 3\n# person.age: 30\n', 'empty.csv'));
    expect(issues[0]!.fix).toMatch(/add a header row/);
  });

  it('accepts a negative quantity on a refund line', () => {
    const refund = JSON_BILL.replace(
      '"chrgitm_lv": "02", "cnt": 1,',
      '"chrgitm_lv": "01", "cnt": -1, "init_feedetl_sn": "1",',
    ).replace('"pric": 1000', '"pric": "15.50"');
    const r = splitBill(parseBill(refund, 'bill.json'), testPolicy);
    expect(r.setlinfo.medfee_sumamt.toFixed(2)).toBe('15.50');
  });

  it('names file, line and field for bad rows (CSV), and a misspelt column once', () => {
    const bad = CSV_BILL.replace(
      'feedetl_sn,med_list_codg,chrgitm_lv,cnt,pric',
      'feedetl_sn,med_list_codg,chrgitm_lv,cnt,pric,prce',
    ).replace('2,X2,2,1,100,', '2,X2,A,-2,100,');
    const issues = issuesOf(() => parseBill(bad, 'bill.csv'));
    const at = (f: string): Issue | undefined => issues.find((i) => i.field === f);
    expect(at('lines[1].cnt')).toMatchObject({ file: 'bill.csv', line: 10 });
    expect(at('lines[1].chrgitm_lv')).toMatchObject({ line: 10, message: "unknown category 'A'" });
    expect(issues.filter((i) => i.message === "unknown key 'prce'")).toHaveLength(1);
    expect(at('lines[0].prce')!.fix).toMatch(/did you mean 'pric'/);
  });

  it('rejects dates outside every loaded policy', () => {
    const early = JSON_BILL.replace('"fee_ocur_time": "2024-05-01" }\n  ]', '"fee_ocur_time": "2023-12-30" }\n  ]');
    const issues = issuesOf(() => parseBill(early, 'bill.json', { policies: [testPolicy] }));
    expect(issues[0]).toMatchObject({ line: 9, field: 'lines[1].fee_ocur_time' });
    expect(issues[0]!.message).toMatch(
      /date 2023-12-30 is outside every policy for insutype 310 \(loaded: 2024-01-01\.\.2024-12-31 \(test-policy\.yaml\)\)/,
    );
    const late = JSON_BILL.replace('"setl_time": "2024-05-02"', '"setl_time": "2025-01-05"');
    const lateIssues = issuesOf(() => parseBill(late, 'bill.json', { policies: [testPolicy] }));
    expect(lateIssues[0]).toMatchObject({ line: 3, field: 'setl_time' });
    try {
      settleBill(parseBill(late, 'bill.json'), [testPolicy]);
      throw new Error('settled');
    } catch (e) {
      expect((e as HisopsError).summary).toBe('bill.json:3 setl_time: no policy for insutype 310 on 2025-01-05');
    }
  });

  it('settles on the latest line date when setl_time is missing', () => {
    const b = parseBill(JSON_BILL.replace('  "setl_time": "2024-05-02",\n', ''), 'bill.json');
    expect(b.setl_time).toBe('2024-05-01');
  });

  it('checks the bill against the policy with the bill lines: unknown level and group', () => {
    const bad = JSON_BILL.replace('"hosp_lv": "3"', '"hosp_lv": "4"').replace('["civil_servant"]', '["civil_servent"]');
    const issues = issuesOf(() => settleBill(parseBill(bad, 'bill.json'), [testPolicy]));
    expect(issues.map((i) => [i.line, i.field])).toEqual([
      [4, 'hosp_lv'],
      [5, 'person.psn_groups[0]'],
    ]);
    expect(issues[0]!.fix).toBe('use one of 1, 2, 3, or add the level to the policy');
  });

  it('reads an earlier result back as the carry of the next interim settlement', () => {
    const first = splitBill(parseBill(JSON_BILL, 'bill.json'), testPolicy);
    const out = resultToJson(first) as Record<string, unknown>;
    const bill2 = JSON.stringify(
      {
        insutype: '310',
        setl_time: '2024-05-02',
        hosp_lv: '3',
        person: {
          age: 40,
          acct_balc: (out.setlinfo as Record<string, string>).balc,
          psn_groups: ['civil_servant'],
          ytd: out.accumulators,
        },
        visit: { type: 'inpatient', acct_used_flag: true, interim_no: 2, carry: out.stay },
        lines: [
          { feedetl_sn: '3', med_list_codg: 'X1', chrgitm_lv: '01', cnt: 1, pric: '3000', fee_ocur_time: '2024-05-02' },
        ],
      },
      null,
      2,
    );
    const second = splitBill(parseBill(bill2, 'bill2.json'), testPolicy);
    // stay in scope 831 + 3000 = 3831: deductible 900 (831 paid at #1 → 69 now); fund (3831 − 900) × 0.80 = 2344.80
    expect(second.setlinfo.act_pay_dedc.toFixed(2)).toBe('69.00');
    expect(second.setlinfo.hifp_pay.toFixed(2)).toBe('2344.80');
  });
});
