/**
 * The batch path over generated NDJSON bills: each bill line read by parseBillLine (with its
 * shortcuts: Decimals shared by text, well-formed fee lines read directly) must give the same
 * result or error as the general reader and the bill-file reader, and resultJsonBody (with its writer for splitLine's lines) the same text as
 * JSON.stringify(resultToJson) — with and without the explanation, for employee and resident
 * (child markup) bills, and for odd lines the shortcuts leave to the general way.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseBill,
  parseBillLine,
  parsePolicy,
  resultJsonBody,
  resultToJson,
  settleBill,
} from '../../../src/core/rules/index.js';

const policies = ['employee', 'resident'].map((n) =>
  parsePolicy(readFileSync(`templates/policies/${n}.yaml`, 'utf8'), `${n}.yaml`),
);

let seed = 7;
const rnd = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  // The high bits: the low bits of this generator repeat with a short period.
  return Math.floor((seed / 2147483648) * n);
};
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const BAD: Record<string, unknown>[] = [
  { pric: 'abc' },
  { cnt: '1.23456' },
  { cnt: -2 },
  { pric: '-1' },
  { selfpay_prop: '1.5' },
  { pric_uplmt_amt: '-3' },
  { chrgitm_lv: '7' },
  { fee_ocur_time: '2024-02-30' },
  { prc: '1' },
  { service_item: 'x' },
];

/** A bill as a HIS would export it: numbers as numbers or text, optional fields present or not. */
function genBill(): Record<string, unknown> {
  const resident = rnd(2) === 0;
  const lines = Array.from({ length: 1 + rnd(8) }, (_, i) => {
    const l: Record<string, unknown> = {
      feedetl_sn: pick([String(i + 1), '', `F${i}`]),
      medins_list_codg: pick(['H1', 'YP02', '']),
      med_list_codg: pick(['X1', 'C0301', '', null, ' XA01 ']),
      chrgitm_lv: pick(['01', '02', '03', '1', '', null, 2]),
      cnt: pick([1, 2, 10, '3', '0.5', '1.2500', -1, 0]),
      pric: pick(['60.00', '45.5', 320, '0.01', '18000.00', '12.345678', 99.99]),
      fee_ocur_time: pick(['2024-09-19', '2024-09-20', '2024-09-20 08:00:00']),
    };
    if (rnd(3) === 0) l.pric_uplmt_amt = pick(['300.00', 50, '0', null]);
    if (rnd(3) === 0) l.selfpay_prop = pick(['0.20', 0.1, '0', null]);
    if (rnd(2) === 0) l.list_type = pick(['101', '201', '301']);
    if (rnd(5) === 0) l.service_item = pick([true, false, '1', '0']);
    if (l.cnt === -1) l.init_feedetl_sn = '1';
    if (rnd(9) === 0) delete l.medins_list_codg;
    if (rnd(11) === 0) l.dept = 'ward 3';
    // Now and then a value the reader reports (or the misspelt key it warns about).
    if (rnd(12) === 0) Object.assign(l, pick(BAD));
    return l;
  });
  return {
    insutype: resident ? '390' : '310',
    setl_time: '2024-09-20',
    hosp_lv: pick(['1', '2', '3']),
    person: {
      psn_no: `P${rnd(1000)}`,
      age: resident ? pick([3, 5, 40, '4.5']) : pick([30, 72]),
      retired: pick([true, false, '1']),
      psn_groups: resident ? pick([[], ['poverty'], 'student']) : pick([[], ['civil_servant']]),
      acct_balc: pick(['3000.00', 0, '12.5']),
      ...(rnd(2) === 0 ? { ytd: { ip_hifp_pay: pick(['140000.00', 0, 5000]) } } : {}),
    },
    visit: {
      type: pick(['inpatient', 'outpatient']),
      admission_count: pick([1, 2, '3']),
      in_area: pick([true, false]),
      acct_used_flag: pick(['1', '0', true]),
    },
    lines,
  };
}

function outcome(read: () => ReturnType<typeof parseBill>, explain: boolean): string {
  try {
    const r = settleBill(read(), policies, { explain });
    const text = `{${resultJsonBody(r)}}`;
    expect(text).toBe(JSON.stringify(resultToJson(r)));
    return text;
  } catch (e) {
    const err = e as { code?: string; message: string; details?: unknown };
    return JSON.stringify({ code: err.code, message: err.message, details: err.details });
  }
}

/** The members of a person, a visit and a fee line in the order of their types; the reader sets them in it. */
const ORDER = {
  person: ['psn_no', 'age', 'retired', 'psn_groups', 'acct_balc', 'mulaid_balc', 'ytd'],
  visit: [
    'type',
    'admission_count',
    'interim_no',
    'in_area',
    'category',
    'disease',
    'fixed_item',
    'acct_used_flag',
    'carry',
    'mdtrt_id',
  ],
  line: [
    'feedetl_sn',
    'medins_list_codg',
    'med_list_codg',
    'chrgitm_lv',
    'cnt',
    'pric',
    'fee_ocur_time',
    'pric_uplmt_amt',
    'selfpay_prop',
    'list_type',
    'service_item',
    'init_feedetl_sn',
  ],
};
const inOrder = (o: object, order: string[]): void => {
  expect(Object.keys(o)).toEqual(order.filter((k) => Object.hasOwn(o, k)));
};

describe('batch bill lines', () => {
  it('read person, visit and fee lines with their members in the order of their types, optional ones only when given', () => {
    let read = 0;
    for (let i = 0; i < 300; i++) {
      const bill = genBill();
      const person = bill.person as Record<string, unknown>;
      const visit = bill.visit as Record<string, unknown>;
      if (i % 3 === 0) delete person.psn_no;
      if (i % 4 === 0) person.mulaid_balc = pick(['20.00', 0]);
      if (i % 5 === 0) visit.mdtrt_id = `M${i}`;
      if (i % 6 === 0) visit.interim_no = 1;
      if (i % 7 === 0) delete visit.in_area;
      let b: ReturnType<typeof parseBillLine>;
      try {
        b = parseBillLine(JSON.stringify(bill), 'b.ndjson', 1, { policies });
      } catch {
        continue;
      }
      read++;
      inOrder(b.person, ORDER.person);
      inOrder(b.visit, ORDER.visit);
      for (const l of b.lines) inOrder(l, ORDER.line);
    }
    expect(read).toBeGreaterThan(100);
  });

  it('read and written as the general way does, over generated bills', () => {
    let settled = 0;
    for (let i = 0; i < 600; i++) {
      const bill = genBill();
      const text = JSON.stringify(bill);
      const explain = i % 3 === 0;
      const line = outcome(() => parseBillLine(text, 'b.ndjson', 1, { policies }), explain);
      // An extra column the reader ignores (and names no key) keeps every line off the direct way.
      const lines = bill.lines as Record<string, unknown>[];
      const general = JSON.stringify({ ...bill, lines: lines.map((l) => ({ ...l, ward_name_zh: '内科' })) });
      expect(line).toBe(outcome(() => parseBillLine(general, 'b.ndjson', 1, { policies }), explain));
      // The bill-file reader (YAML, a superset of JSON) reads it as the line reader does.
      expect(line).toBe(outcome(() => parseBill(text, 'b.ndjson', { policies }), explain));
      if (line.startsWith('{"policy"')) settled++;
    }
    // Both ways taken: bills that settle and bills with an issue.
    expect(settled).toBeGreaterThan(100);
    expect(settled).toBeLessThan(580);
  });
});
