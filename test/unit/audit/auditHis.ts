/**
 * A small reference HIS in SQLite for the audit tests: settlements whose recorded split is the
 * engine's own result for the same inputs (so they agree), plus a cancellation, a fixed-amount
 * settlement and a maternity (510) one no shipped policy covers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { connect, type Db } from '../../../src/core/db/index.js';
import { loadReferenceSchema } from '../../../src/core/his/index.js';
import { D } from '../../../src/core/money.js';
import {
  loadPolicyFiles,
  selectPolicy,
  splitBill,
  splitTotals,
  type FeeLine,
  type Policy,
  type SettleInput,
  type SettleResult,
} from '../../../src/core/rules/index.js';

export const root = path.resolve(__dirname, '../../..');
export const POLICY_FILES = ['employee.yaml', 'resident.yaml'].map((f) => path.join(root, 'templates/policies', f));
export const HOSP_LV = '2';
export const DAY = '2024-09-20';

export async function policies(): Promise<Policy[]> {
  return loadPolicyFiles(POLICY_FILES, (p) => fs.promises.readFile(p, 'utf8'));
}

const STAMP = `${DAY} 18:00:00`;

interface Planned {
  no: string;
  setl_id: string;
  insutype: string;
  clr_type: '11' | '21';
  age: number;
  psn_type: string;
  balance: string;
  lines: Array<
    Omit<FeeLine, 'cnt' | 'pric' | 'pric_uplmt_amt' | 'selfpay_prop'> & {
      cnt: string;
      pric: string;
      limit?: string;
      prop?: string;
    }
  >;
  /** Store no fee lines: the audit must fall back to the category totals. */
  noLines?: boolean;
}

const PLANNED: Planned[] = [
  {
    no: 'H1',
    setl_id: 'S001',
    insutype: '310',
    clr_type: '11',
    age: 45,
    psn_type: '11',
    balance: '500.00',
    lines: [
      {
        feedetl_sn: 'F101',
        medins_list_codg: 'X1',
        med_list_codg: '001102000010000',
        chrgitm_lv: '01',
        cnt: '1',
        pric: '30.00',
        fee_ocur_time: DAY,
        list_type: '201',
      },
      {
        feedetl_sn: 'F102',
        medins_list_codg: 'X2',
        med_list_codg: 'XA01BAD001A001010101234',
        chrgitm_lv: '02',
        cnt: '2',
        pric: '85.50',
        fee_ocur_time: DAY,
        list_type: '101',
        prop: '0.10',
      },
      {
        feedetl_sn: 'F103',
        medins_list_codg: 'X3',
        med_list_codg: null,
        chrgitm_lv: null,
        cnt: '1',
        pric: '12.00',
        fee_ocur_time: DAY,
        list_type: '201',
      },
    ],
  },
  {
    no: 'H2',
    setl_id: 'S002',
    insutype: '310',
    clr_type: '21',
    age: 72,
    psn_type: '12',
    balance: '3000.00',
    lines: [
      {
        feedetl_sn: 'F201',
        medins_list_codg: 'Y1',
        med_list_codg: '001201000010000',
        chrgitm_lv: '01',
        cnt: '6',
        pric: '60.00',
        fee_ocur_time: '2024-09-15',
        list_type: '201',
      },
      {
        feedetl_sn: 'F202',
        medins_list_codg: 'Y2',
        med_list_codg: '003301000010000',
        chrgitm_lv: '01',
        cnt: '1',
        pric: '4200.00',
        fee_ocur_time: '2024-09-16',
        list_type: '201',
        limit: '3800.00',
      },
      {
        feedetl_sn: 'F203',
        medins_list_codg: 'Y3',
        med_list_codg: 'XB01AB001A001010101234',
        chrgitm_lv: '02',
        cnt: '10',
        pric: '38.20',
        fee_ocur_time: '2024-09-17',
        list_type: '101',
      },
      {
        feedetl_sn: 'F204',
        medins_list_codg: 'Y4',
        med_list_codg: 'C0000000001',
        chrgitm_lv: '03',
        cnt: '1',
        pric: '260.00',
        fee_ocur_time: '2024-09-18',
        list_type: '301',
      },
    ],
  },
  {
    no: 'H3',
    setl_id: 'S003',
    insutype: '390',
    clr_type: '21',
    age: 30,
    psn_type: '15',
    balance: '0.00',
    noLines: true,
    lines: [
      {
        feedetl_sn: 'F301',
        medins_list_codg: 'Z1',
        med_list_codg: '001201000010000',
        chrgitm_lv: '01',
        cnt: '5',
        pric: '45.00',
        fee_ocur_time: '2024-09-18',
        list_type: '201',
      },
      {
        feedetl_sn: 'F302',
        medins_list_codg: 'Z2',
        med_list_codg: 'XB01AB001A001010101234',
        chrgitm_lv: '02',
        cnt: '20',
        pric: '52.35',
        fee_ocur_time: '2024-09-19',
        list_type: '101',
      },
    ],
  },
];

function inputOf(p: Planned): SettleInput {
  return {
    insutype: p.insutype,
    setl_time: DAY,
    hosp_lv: HOSP_LV,
    person: {
      age: p.age,
      retired: p.psn_type === '12',
      psn_groups: [],
      acct_balc: new D(p.balance),
      mulaid_balc: new D(0),
      ytd: {},
    },
    visit: {
      type: p.clr_type === '21' ? 'inpatient' : 'outpatient',
      admission_count: 1,
      in_area: true,
      acct_used_flag: true,
    },
    lines: p.lines.map(({ limit, prop, cnt, pric, ...l }) => ({
      ...l,
      cnt: new D(cnt),
      pric: new D(pric),
      pric_uplmt_amt: limit ? new D(limit) : null,
      selfpay_prop: prop ? new D(prop) : null,
    })),
  };
}

const money = (r: SettleResult) => {
  const s = r.setlinfo as unknown as Record<string, InstanceType<typeof D>>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'pool_prop_selfpay' ? v.toFixed(4) : v.toFixed(2);
  return out;
};

function settlementRow(
  p: { no: string; setl_id: string | null; insutype: string; clr_type: string; age: number; psn_type: string },
  amounts: Record<string, string>,
  extra: Record<string, unknown> = {},
) {
  return {
    his_setl_no: p.no,
    setl_id: p.setl_id,
    mdtrt_id: `M${p.no}`,
    psn_no: `P${p.no}`,
    psn_name: '测试',
    age: p.age,
    insutype: p.insutype,
    psn_type: p.psn_type,
    cvlserv_flag: '0',
    setl_time: `${DAY} 10:00:00`,
    med_type: p.clr_type,
    ...amounts,
    clr_optins: '430100',
    setl_optins: '430100',
    clr_way: '1',
    clr_type: p.clr_type,
    insuplc_admdvs: '430100',
    in_area_flag: '1',
    his_status: 'settled',
    refd_setl_flag: '0',
    msgid: `MSG${p.no}`,
    infno: '2207',
    created_at: STAMP,
    updated_at: STAMP,
    ...extra,
  };
}

export interface AuditHis {
  db: Db;
  results: Map<string, SettleResult>;
  close(): Promise<void>;
}

/** Create the reference HIS at `file` and fill it. */
export async function buildAuditHis(file: string): Promise<AuditHis> {
  const pols = await policies();
  const db = await connect(`sqlite:${file}`, { create: true });
  await loadReferenceSchema(db);
  const results = new Map<string, SettleResult>();
  for (const p of PLANNED) {
    const input = inputOf(p);
    const policy = selectPolicy(pols, p.insutype, DAY);
    const byLines = splitBill(input, policy, { explain: false });
    // Without fee lines the record is what the center answered to the category totals.
    const r = p.noLines ? splitTotals({ ...input, totals: byLines.setlinfo }, policy, { explain: false }) : byLines;
    results.set(p.setl_id, r);
    await db.knex('his_settlement').insert(settlementRow(p, money(r)));
    if (p.noLines) continue;
    await db.knex('his_fee_detail').insert(
      r.lines.map((l, i) => ({
        feedetl_sn: l.feedetl_sn,
        his_setl_no: p.no,
        setl_id: p.setl_id,
        mdtrt_id: `M${p.no}`,
        psn_no: `P${p.no}`,
        fee_ocur_time: `${p.lines[i]!.fee_ocur_time} 09:00:00`,
        fixmedins_hilist_id: l.medins_list_codg,
        med_list_codg: l.med_list_codg,
        list_type: p.lines[i]!.list_type,
        chrgitm_lv: l.chrgitm_lv,
        cnt: l.cnt.toString(),
        pric: l.pric.toString(),
        det_item_fee_sumamt: l.det_item_fee_sumamt.toFixed(2),
        pric_uplmt_amt: l.pric_uplmt_amt?.toString() ?? null,
        selfpay_prop: p.lines[i]!.prop ?? null,
        fulamt_ownpay_amt: l.fulamt_ownpay_amt.toFixed(2),
        overlmt_amt: l.overlmt_amt.toFixed(2),
        preselfpay_amt: l.preselfpay_amt.toFixed(2),
        inscp_scp_amt: l.inscp_scp_amt.toFixed(2),
        created_at: STAMP,
      })),
    );
  }
  // A cancellation of S001 (negative amounts), a fixed-amount (DRG) settlement, and maternity.
  const s1 = money(results.get('S001')!);
  const neg = Object.fromEntries(
    Object.entries(s1).map(([k, v]) => [k, k === 'balc' || k === 'pool_prop_selfpay' ? v : new D(v).neg().toFixed(2)]),
  );
  await db.knex('his_settlement').insert(
    settlementRow({ no: 'H4', setl_id: 'S004', insutype: '310', clr_type: '11', age: 45, psn_type: '11' }, neg, {
      refd_setl_flag: '1',
      init_setl_id: 'S001',
      infno: '2208',
      setl_time: `${DAY} 11:00:00`,
    }),
  );
  await db.knex('his_settlement').insert(
    settlementRow({ no: 'H5', setl_id: 'S005', insutype: '310', clr_type: '21', age: 50, psn_type: '11' }, s1, {
      clr_way: '2',
    }),
  );
  await db
    .knex('his_settlement')
    .insert(settlementRow({ no: 'H6', setl_id: 'S006', insutype: '510', clr_type: '21', age: 28, psn_type: '11' }, s1));
  return { db, results, close: () => db.close() };
}

/** Add 5.00 to the recorded hifp_pay of S002: the one settlement the audit must list. */
export async function tamper(db: Db): Promise<void> {
  const row = await db.knex('his_settlement').where({ setl_id: 'S002' }).first();
  await db
    .knex('his_settlement')
    .where({ setl_id: 'S002' })
    .update({ hifp_pay: new D(String(row.hifp_pay)).plus(5).toFixed(2) });
}
