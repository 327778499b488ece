/**
 * The reference HIS: the tables a hospital's HIS holds for the jobs hisops runs, described once
 * and rendered into `templates/sql/reference-his.<dialect>.sql`. The rendered files are what ships
 * and what `loadReferenceSchema` runs; a golden test keeps them equal to this model, and the demo
 * generator takes its column orders from here.
 *
 * Column names are the national field names wherever the center has one. Fields the HIS adds of
 * its own: his_setl_no (the HIS's key for a settlement, present before the center answers),
 * his_status, init_setl_id, msgid, infno, in_area_flag, void_reason, the dispensing/stock ids.
 */
import type { Dialect } from '../db/index.js';
import { SETTLEMENT_AMOUNTS } from './canonical.js';

export type RefType =
  | { t: 'text'; n: number }
  | { t: 'money' }
  | { t: 'dec'; p: number; s: number }
  | { t: 'int' }
  | { t: 'datetime' }
  | { t: 'date' }
  | { t: 'clob' };

export interface RefColumn {
  name: string;
  type: RefType;
  notNull?: boolean;
  doc?: string;
}

export interface RefTable {
  name: string;
  doc: string;
  columns: RefColumn[];
  primaryKey: string[];
  unique?: Array<{ name: string; columns: string[] }>;
  indexes?: Array<{ name: string; columns: string[] }>;
}

const txt = (n: number): RefType => ({ t: 'text', n });
const money: RefType = { t: 'money' };
const dec = (p: number, s: number): RefType => ({ t: 'dec', p, s });
const int: RefType = { t: 'int' };
const dt: RefType = { t: 'datetime' };
const date: RefType = { t: 'date' };
const clob: RefType = { t: 'clob' };

const col = (name: string, type: RefType, notNull = false, doc?: string): RefColumn => ({ name, type, notNull, doc });
const amounts = (names: readonly string[]) => names.map((n) => col(n, money));

/** The stored amounts (SETTLEMENT_AMOUNTS), split where pool_prop_selfpay sits between them. */
const POOL_PROP_AFTER = SETTLEMENT_AMOUNTS.indexOf('hifp_pay') + 1;
const SETTLEMENT_MONEY = SETTLEMENT_AMOUNTS.slice(0, POOL_PROP_AFTER);
const SETTLEMENT_MONEY_2 = SETTLEMENT_AMOUNTS.slice(POOL_PROP_AFTER);

export const REFERENCE_TABLES: RefTable[] = [
  {
    name: 'his_item',
    doc: 'HIS items (drugs, services, materials) as the hospital bills them',
    columns: [
      col('fixmedins_hilist_id', txt(30), true, 'hospital item code'),
      col('fixmedins_hilist_name', txt(200), true),
      col('list_type', txt(30), true, '101 西药中成药, 102 中药饮片, 201 医疗服务项目, 301 医用耗材'),
      col('med_chrgitm_type', txt(6)),
      col('chrgitm_lv', txt(3), false, '01 甲类, 02 乙类, 03 丙类 as the HIS last learned it'),
      col('pric', dec(16, 6), true),
      col('prcunt', txt(100)),
      col('spec', txt(200)),
      col('dosform', txt(200)),
      col('prodentp_name', txt(200)),
      col('aprvno', txt(100)),
      col('rx_flag', txt(3)),
      col('trac_flag', txt(3), true, '1 = dispensing must scan traceability codes'),
      col('vali_flag', txt(3), true),
      col('created_at', dt, true),
      col('updated_at', dt, true),
    ],
    primaryKey: ['fixmedins_hilist_id'],
  },
  {
    name: 'his_item_trac_prefix',
    doc: 'product-identification codes (first 7 digits of a 20-digit traceability code) of a drug',
    columns: [
      col('fixmedins_hilist_id', txt(30), true),
      col('trac_prefix', txt(20), true),
      col('pack_lv', txt(3), false, '1 small, 2 middle, 3 large package'),
    ],
    primaryKey: ['fixmedins_hilist_id', 'trac_prefix'],
  },
  {
    name: 'his_mapping',
    doc: "the HIS's own mapping (对照) of its items to national codes, by validity period",
    columns: [
      col('fixmedins_hilist_id', txt(30), true),
      col('fixmedins_hilist_name', txt(200)),
      col('list_type', txt(30), true),
      col('med_list_codg', txt(50), true),
      col('begndate', date, true),
      col('enddate', date, true),
      col('memo', txt(500)),
      col('created_at', dt, true),
      col('updated_at', dt, true),
    ],
    primaryKey: ['fixmedins_hilist_id', 'med_list_codg', 'begndate'],
  },
  {
    name: 'his_visit',
    doc: 'outpatient and inpatient visits (就诊); mdtrt_id is the center visit id',
    columns: [
      col('ipt_otp_no', txt(30), true, 'HIS visit number'),
      col('mdtrt_id', txt(30)),
      col('psn_no', txt(30)),
      col('psn_name', txt(50)),
      col('psn_cert_type', txt(6)),
      col('certno', txt(50)),
      col('insutype', txt(6)),
      col('med_type', txt(6), true),
      col('begntime', dt, true),
      col('endtime', dt),
      col('dept_code', txt(30)),
      col('dept_name', txt(100)),
      col('caty', txt(6)),
      col('atddr_no', txt(30)),
      col('dr_name', txt(50)),
      col('dise_codg', txt(30)),
      col('dise_name', txt(500)),
      col('created_at', dt, true),
    ],
    primaryKey: ['ipt_otp_no'],
    indexes: [{ name: 'his_visit_mdtrt', columns: ['mdtrt_id'] }],
  },
  {
    name: 'his_settlement',
    doc: 'settlements: every 2207/2304 setlinfo field plus the HIS status and the request msgid',
    columns: [
      col('his_setl_no', txt(40), true, 'HIS settlement number (exists before the center answers)'),
      col('ipt_otp_no', txt(30)),
      col('setl_id', txt(30), false, 'center settlement id; null while pending'),
      col('mdtrt_id', txt(30)),
      col('psn_no', txt(30)),
      col('psn_name', txt(50)),
      col('psn_cert_type', txt(6)),
      col('certno', txt(50)),
      col('gend', txt(6)),
      col('naty', txt(3)),
      col('brdy', date),
      col('age', dec(4, 1)),
      col('insutype', txt(6), true),
      col('psn_type', txt(6)),
      col('cvlserv_flag', txt(3)),
      col('setl_time', dt, false, "the center's settlement time"),
      col('mdtrt_cert_type', txt(3)),
      col('med_type', txt(6)),
      col('psn_setlway', txt(6)),
      col('acct_used_flag', txt(3)),
      ...amounts(SETTLEMENT_MONEY),
      col('pool_prop_selfpay', dec(5, 4)),
      ...amounts(SETTLEMENT_MONEY_2),
      col('medins_setl_id', txt(30), false, 'the request msgid as the center echoes it'),
      col('clr_optins', txt(6)),
      col('setl_optins', txt(6)),
      col('clr_way', txt(6)),
      col('clr_type', txt(6), true),
      col('insuplc_admdvs', txt(6)),
      col('in_area_flag', txt(3), false, '1 insured locally, 0 out-of-area (异地)'),
      col('his_status', txt(10), true, 'pending, settled, cancelled, void'),
      col('refd_setl_flag', txt(3), true, '1 = this row is a cancellation (negative amounts)'),
      col('init_setl_id', txt(30), false, 'for a cancellation: the setl_id it cancels'),
      col('msgid', txt(30), true, 'msgid of the 2207/2304/2208/2305 request'),
      col('infno', txt(4), true),
      col('void_reason', txt(200)),
      col('opter_id', txt(30)),
      col('created_at', dt, true),
      col('updated_at', dt, true),
    ],
    primaryKey: ['his_setl_no'],
    unique: [
      { name: 'his_settlement_setl_id', columns: ['setl_id'] },
      { name: 'his_settlement_msgid', columns: ['msgid'] },
    ],
    indexes: [
      { name: 'his_settlement_time', columns: ['setl_time'] },
      { name: 'his_settlement_mdtrt', columns: ['mdtrt_id'] },
    ],
  },
  {
    name: 'his_fee_detail',
    doc: 'fee lines (费用明细) with the split the center returned for each',
    columns: [
      col('feedetl_sn', txt(30), true),
      col('his_setl_no', txt(40)),
      col('setl_id', txt(30)),
      col('mdtrt_id', txt(30)),
      col('psn_no', txt(30)),
      col('chrg_bchno', txt(30)),
      col('med_type', txt(6)),
      col('fee_ocur_time', dt, true),
      col('fixmedins_hilist_id', txt(30), true),
      col('fixmedins_hilist_name', txt(200)),
      col('med_list_codg', txt(50)),
      col('list_type', txt(30)),
      col('med_chrgitm_type', txt(6)),
      col('chrgitm_lv', txt(3)),
      col('cnt', dec(16, 4), true),
      col('pric', dec(16, 6), true),
      col('det_item_fee_sumamt', money, true),
      col('pric_uplmt_amt', dec(16, 6)),
      col('selfpay_prop', dec(5, 4)),
      col('fulamt_ownpay_amt', money),
      col('overlmt_amt', money),
      col('preselfpay_amt', money),
      col('inscp_scp_amt', money),
      col('rxno', txt(30)),
      col('bilg_dept_codg', txt(30)),
      col('bilg_dept_name', txt(100)),
      col('bilg_dr_codg', txt(30)),
      col('bilg_dr_name', txt(50)),
      col('created_at', dt, true),
    ],
    primaryKey: ['feedetl_sn'],
    indexes: [
      { name: 'his_fee_detail_setl', columns: ['his_setl_no'] },
      { name: 'his_fee_detail_time', columns: ['fee_ocur_time'] },
    ],
  },
  {
    name: 'his_dispense',
    doc: 'pharmacy sales and sale returns (3505/3506); codes in his_dispense_trac',
    columns: [
      col('disp_id', txt(40), true, 'retail document no. (rtal_docno / medins_prod_sel_no)'),
      col('disp_type', txt(10), true, 'sale or return'),
      col('orig_disp_id', txt(40), false, 'for a return: the sale it returns'),
      col('fixmedins_hilist_id', txt(30), true),
      col('fixmedins_hilist_name', txt(200)),
      col('fixmedins_bchno', txt(30)),
      col('setl_id', txt(30)),
      col('mdtrt_sn', txt(30), false, 'center mdtrt_id for insured visits, HIS visit no. for self-pay'),
      col('psn_no', txt(30)),
      col('psn_cert_type', txt(6)),
      col('certno', txt(50)),
      col('psn_name', txt(50)),
      col('mdtrt_setl_type', txt(6), false, '1 insured, 2 self-pay'),
      col('manu_lotnum', txt(30)),
      col('manu_date', date),
      col('expy_end', date),
      col('rx_flag', txt(3)),
      col('trdn_flag', txt(3)),
      col('finl_trns_pric', dec(16, 6)),
      col('sel_retn_cnt', dec(16, 4), true),
      col('sel_retn_time', dt, true),
      col('sel_retn_opter_name', txt(50)),
      col('prsc_dr_name', txt(50)),
      col('phar_name', txt(50)),
      col('phar_prac_cert_no', txt(50)),
      col('rxno', txt(40)),
      col('created_at', dt, true),
    ],
    primaryKey: ['disp_id'],
    indexes: [{ name: 'his_dispense_time', columns: ['sel_retn_time'] }],
  },
  {
    name: 'his_dispense_trac',
    doc: 'traceability codes scanned for a sale or return, one row per code',
    columns: [col('disp_id', txt(40), true), col('trac_seq', int, true), col('drug_trac_codg', txt(100), true)],
    primaryKey: ['disp_id', 'trac_seq'],
  },
  {
    name: 'his_stock',
    doc: 'stock-in and stock changes (3502); codes in his_stock_trac',
    columns: [
      col('stock_id', txt(40), true),
      col('inv_chg_type', txt(6), true, '101 调拨入库 … 108 商品采购入库 …'),
      col('fixmedins_hilist_id', txt(30), true),
      col('fixmedins_hilist_name', txt(200)),
      col('fixmedins_bchno', txt(30), true),
      col('pric', dec(16, 6)),
      col('cnt', dec(16, 4), true),
      col('rx_flag', txt(3)),
      col('trdn_flag', txt(3)),
      col('inv_chg_time', dt, true),
      col('inv_chg_opter_name', txt(50)),
      col('manu_lotnum', txt(30)),
      col('manu_date', date),
      col('expy_end', date),
      col('spler_name', txt(200)),
      col('memo', txt(500)),
      col('created_at', dt, true),
      col('invc_no', txt(50), false, "supplier's invoice number (入库发票号)"),
    ],
    primaryKey: ['stock_id'],
    indexes: [
      { name: 'his_stock_time', columns: ['inv_chg_time'] },
      { name: 'his_stock_invc', columns: ['invc_no'] },
    ],
  },
  {
    name: 'his_stock_trac',
    doc: 'traceability codes received with a stock record, one row per code',
    columns: [col('stock_id', txt(40), true), col('trac_seq', int, true), col('drug_trac_codg', txt(100), true)],
    primaryKey: ['stock_id', 'trac_seq'],
  },
  {
    name: 'his_stock_count',
    doc: 'stock-takes (盘存, 3501): the counted stock of a drug batch on a day; codes in his_stock_count_trac',
    columns: [
      col('count_id', txt(40), true),
      col('invdate', date, true),
      col('fixmedins_hilist_id', txt(30), true),
      col('fixmedins_hilist_name', txt(200)),
      col('rx_flag', txt(3)),
      col('inv_cnt', dec(16, 2), true),
      col('manu_lotnum', txt(30)),
      col('fixmedins_bchno', txt(30), true),
      col('manu_date', date),
      col('expy_end', date),
      col('memo', txt(500)),
      col('created_at', dt, true),
    ],
    primaryKey: ['count_id'],
    indexes: [{ name: 'his_stock_count_day', columns: ['invdate'] }],
  },
  {
    name: 'his_stock_count_trac',
    doc: 'traceability codes counted in a stock-take, one row per code',
    columns: [col('count_id', txt(40), true), col('trac_seq', int, true), col('drug_trac_codg', txt(100), true)],
    primaryKey: ['count_id', 'trac_seq'],
  },
  {
    name: 'his_center_log',
    doc: 'write-ahead log the HIS keeps of its calls to the center (written before the call)',
    columns: [
      col('msgid', txt(30), true),
      col('infno', txt(4), true),
      col('his_setl_no', txt(40)),
      col('mdtrt_id', txt(30)),
      col('psn_no', txt(30)),
      col('setl_id', txt(30), false, 'from the answer, when one came'),
      col('request_time', dt, true),
      col('response_time', dt),
      col('log_status', txt(10), true, 'sent (no answer yet), answered, failed'),
      col('infcode', txt(10)),
      col('err_msg', txt(500)),
      col('request_body', clob),
      col('response_body', clob),
    ],
    primaryKey: ['msgid'],
    indexes: [{ name: 'his_center_log_time', columns: ['request_time'] }],
  },
];

export function referenceTable(name: string): RefTable {
  const t = REFERENCE_TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`no reference table ${name}`);
  return t;
}

/** Type names of the reference schema per dialect (money is exact everywhere; SQLite by affinity). */
export const TYPE_NAMES: Record<Dialect, (ty: RefType) => string> = {
  sqlite: (ty) =>
    ({
      text: `varchar(${'n' in ty ? ty.n : 0})`,
      money: 'numeric(16,2)',
      dec: 'p' in ty ? `numeric(${ty.p},${ty.s})` : '',
      int: 'integer',
      datetime: 'datetime',
      date: 'date',
      clob: 'text',
    })[ty.t],
  postgres: (ty) =>
    ({
      text: `varchar(${'n' in ty ? ty.n : 0})`,
      money: 'numeric(16,2)',
      dec: 'p' in ty ? `numeric(${ty.p},${ty.s})` : '',
      int: 'integer',
      datetime: 'timestamp(0)',
      date: 'date',
      clob: 'text',
    })[ty.t],
  mysql: (ty) =>
    ({
      text: `varchar(${'n' in ty ? ty.n : 0})`,
      money: 'decimal(16,2)',
      dec: 'p' in ty ? `decimal(${ty.p},${ty.s})` : '',
      int: 'int',
      datetime: 'datetime',
      date: 'date',
      clob: 'longtext',
    })[ty.t],
  oracle: (ty) =>
    ({
      text: `VARCHAR2(${'n' in ty ? ty.n : 0} CHAR)`,
      money: 'NUMBER(16,2)',
      dec: 'p' in ty ? `NUMBER(${ty.p},${ty.s})` : '',
      int: 'NUMBER(10)',
      datetime: 'TIMESTAMP(0)',
      date: 'DATE',
      clob: 'CLOB',
    })[ty.t],
  mssql: (ty) =>
    ({
      text: `nvarchar(${'n' in ty ? ty.n : 0})`,
      money: 'decimal(16,2)',
      dec: 'p' in ty ? `decimal(${ty.p},${ty.s})` : '',
      int: 'int',
      datetime: 'datetime2(0)',
      date: 'date',
      clob: 'nvarchar(max)',
    })[ty.t],
};

/** DDL forms that differ: "if not exists", the table suffix. */
export const DDL_FORMS: Record<
  Dialect,
  { ifNotExists: string; tableSuffix: string; indexIfNotExists: string; inlineIndexes: boolean }
> = {
  sqlite: { ifNotExists: 'IF NOT EXISTS ', tableSuffix: '', indexIfNotExists: 'IF NOT EXISTS ', inlineIndexes: false },
  postgres: {
    ifNotExists: 'IF NOT EXISTS ',
    tableSuffix: '',
    indexIfNotExists: 'IF NOT EXISTS ',
    inlineIndexes: false,
  },
  // MySQL 8 has no CREATE INDEX IF NOT EXISTS: indexes go inside CREATE TABLE IF NOT EXISTS.
  mysql: {
    ifNotExists: 'IF NOT EXISTS ',
    tableSuffix: ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4',
    indexIfNotExists: '',
    inlineIndexes: true,
  },
  // Oracle before 23c has no IF NOT EXISTS; loadReferenceSchema treats ORA-00955 as "already there".
  oracle: { ifNotExists: '', tableSuffix: '', indexIfNotExists: '', inlineIndexes: false },
  mssql: { ifNotExists: '', tableSuffix: '', indexIfNotExists: '', inlineIndexes: false },
};

export const REFERENCE_DIALECTS: Dialect[] = ['sqlite', 'postgres', 'mysql', 'oracle'];

/** The SQL text of `templates/sql/reference-his.<dialect>.sql`: one statement per `;`-ended line. */
export function renderReferenceSchema(dialect: Dialect): string {
  const typeName = TYPE_NAMES[dialect];
  const f = DDL_FORMS[dialect];
  const out: string[] = [
    `-- Reference HIS schema for hisops (${dialect}).`,
    '-- Generated from src/core/his/referenceSchema.ts; the golden test keeps the two equal.',
    '-- A statement ends at a line that ends with ";". Money columns are exact decimals (16,2).',
    '',
  ];
  for (const t of REFERENCE_TABLES) {
    out.push(`-- ${t.name}: ${t.doc}`);
    out.push(`CREATE TABLE ${f.ifNotExists}${t.name} (`);
    const w = Math.max(...t.columns.map((c) => c.name.length));
    const lines = t.columns.map((c) => `  ${c.name.padEnd(w)} ${typeName(c.type)}${c.notNull ? ' NOT NULL' : ''}`);
    lines.push(`  CONSTRAINT ${t.name}_pk PRIMARY KEY (${t.primaryKey.join(', ')})`);
    if (f.inlineIndexes) {
      for (const u of t.unique ?? []) lines.push(`  UNIQUE KEY ${u.name} (${u.columns.join(', ')})`);
      for (const i of t.indexes ?? []) lines.push(`  KEY ${i.name} (${i.columns.join(', ')})`);
    }
    out.push(lines.join(',\n'));
    out.push(`)${f.tableSuffix};`);
    if (!f.inlineIndexes) {
      for (const u of t.unique ?? [])
        out.push(`CREATE UNIQUE INDEX ${f.indexIfNotExists}${u.name} ON ${t.name} (${u.columns.join(', ')});`);
      for (const i of t.indexes ?? [])
        out.push(`CREATE INDEX ${f.indexIfNotExists}${i.name} ON ${t.name} (${i.columns.join(', ')});`);
    }
    out.push('');
  }
  return out.join('\n');
}
