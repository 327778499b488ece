/**
 * The vendor-style HIS: a second reference schema shaped like a commercial Chinese HIS, for
 * proving that the jobs meet a HIS only through its profile (templates/profiles/vendor.yaml).
 * What differs from the reference HIS, on purpose:
 *
 * - upper-case pinyin-abbreviation names (YB_JSXX 医保结算信息, JSID 结算ID, GRZHZF 个人账户支付 …)
 *   with a Chinese comment on every table and column;
 * - a hospital-code column YYBM on every table: one database serves several hospitals of a group
 *   (the seed adds a second hospital's rows that no statement may read);
 * - status codes as digits (JSZT 0 待确认, 1 已结算, 2 已作废, 3 已撤销; JYZT 0 已发送, 1 成功,
 *   2 失败; FYLX 1 发药, 2 退药);
 * - amounts DECIMAL(12,4);
 * - one traceability-code table (YP_ZSM) for dispensing and stock alike, told apart by YWLX.
 *
 * Each column names the reference column (or expression over it, alias `r`) its value is copied
 * from: `vendorCopyStatements` turns a seeded reference HIS into this shape with INSERT … SELECT,
 * which is how `hisops demo seed --his-schema vendor` and the tests make one.
 */
import type { Dialect } from '../db/index.js';
import { DDL_FORMS, TYPE_NAMES, type RefType } from './referenceSchema.js';

export interface VendorColumn {
  name: string;
  type: RefType;
  notNull: boolean;
  /** The Chinese comment (COMMENT on MySQL/PostgreSQL, a trailing -- comment on SQLite). */
  comment: string;
  /** Reference column, or an SQL expression over the reference row `r`; YYBM takes the hospital code. */
  from: string;
}

export interface VendorTable {
  name: string;
  comment: string;
  /** The reference table copied from (with an optional WHERE over `r`). */
  source: string;
  where?: string;
  columns: VendorColumn[];
  primaryKey: string[];
  indexes?: Array<{ name: string; columns: string[]; unique?: boolean }>;
}

const txt = (n: number): RefType => ({ t: 'text', n });
const amt: RefType = { t: 'dec', p: 12, s: 4 };
const dec = (p: number, s: number): RefType => ({ t: 'dec', p, s });
const int: RefType = { t: 'int' };
const dt: RefType = { t: 'datetime' };
const date: RefType = { t: 'date' };

const c = (name: string, type: RefType, comment: string, from: string, notNull = false): VendorColumn => ({
  name,
  type,
  notNull,
  comment,
  from,
});
const yybm = (): VendorColumn => c('YYBM', txt(20), '医院编码', ':yybm', true);

/** Reference status words → the vendor's digits (and back, in the profile). */
export const VENDOR_CODES = {
  JSZT: { pending: '0', settled: '1', void: '2', cancelled: '3' },
  JYZT: { sent: '0', answered: '1', failed: '2' },
  FYLX: { sale: '1', return: '2' },
} as const;

const caseOf = (col: string, codes: Record<string, string>) =>
  `CASE ${col} ${Object.entries(codes)
    .map(([w, d]) => `WHEN '${w}' THEN '${d}'`)
    .join(' ')} END`;

export const VENDOR_TABLES: VendorTable[] = [
  {
    name: 'YY_XMZD',
    comment: '医院收费项目字典',
    source: 'his_item',
    columns: [
      yybm(),
      c('XMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('XMMC', txt(200), '医院项目名称', 'r.fixmedins_hilist_name', true),
      c('MLLB', txt(30), '目录类别', 'r.list_type', true),
      c('SFXMLB', txt(6), '收费项目类别', 'r.med_chrgitm_type'),
      c('SFXMDJ', txt(3), '收费项目等级', 'r.chrgitm_lv'),
      c('DJ', dec(12, 4), '单价', 'r.pric', true),
      c('JJDW', txt(100), '计价单位', 'r.prcunt'),
      c('GG', txt(200), '规格', 'r.spec'),
      c('CFYBZ', txt(3), '处方药标志', 'r.rx_flag'),
      c('ZSMBZ', txt(3), '追溯码标志', 'r.trac_flag', true),
      c('YXBZ', txt(3), '有效标志', 'r.vali_flag', true),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
    ],
    primaryKey: ['YYBM', 'XMBM'],
  },
  {
    name: 'YP_ZSMQZ',
    comment: '药品追溯码前缀（药品标识码）',
    source: 'his_item_trac_prefix',
    columns: [
      yybm(),
      c('XMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('ZSMQZ', txt(20), '追溯码前缀', 'r.trac_prefix', true),
      c('BZJB', txt(3), '包装级别', 'r.pack_lv'),
    ],
    primaryKey: ['YYBM', 'XMBM', 'ZSMQZ'],
  },
  {
    name: 'YB_MLDZ',
    comment: '医保目录对照',
    source: 'his_mapping',
    columns: [
      yybm(),
      c('YYXMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('YYXMMC', txt(200), '医院项目名称', 'r.fixmedins_hilist_name'),
      c('MLLB', txt(30), '目录类别', 'r.list_type', true),
      c('YBMLBM', txt(50), '医保目录编码', 'r.med_list_codg', true),
      c('KSRQ', date, '开始日期', 'r.begndate', true),
      c('ZZRQ', date, '终止日期', 'r.enddate', true),
      c('BZ', txt(500), '备注', 'r.memo'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
      c('XGSJ', dt, '修改时间', 'r.updated_at', true),
    ],
    primaryKey: ['YYBM', 'YYXMBM', 'YBMLBM', 'KSRQ'],
  },
  {
    name: 'MZ_GHXX',
    comment: '门诊挂号及住院登记（就诊信息）',
    source: 'his_visit',
    columns: [
      yybm(),
      c('MZZYH', txt(30), '门诊住院号', 'r.ipt_otp_no', true),
      c('JZID', txt(30), '就诊ID', 'r.mdtrt_id'),
      c('RYBH', txt(30), '人员编号', 'r.psn_no'),
      c('XM', txt(50), '姓名', 'r.psn_name'),
      c('ZJLX', txt(6), '证件类型', 'r.psn_cert_type'),
      c('ZJHM', txt(50), '证件号码', 'r.certno'),
      c('XZLX', txt(6), '险种类型', 'r.insutype'),
      c('YLLB', txt(6), '医疗类别', 'r.med_type', true),
      c('KSSJ', dt, '开始时间', 'r.begntime', true),
      c('JSSJ', dt, '结束时间', 'r.endtime'),
      c('KSBM', txt(30), '科室编码', 'r.dept_code'),
      c('KSMC', txt(100), '科室名称', 'r.dept_name'),
      c('YSXM', txt(50), '医生姓名', 'r.dr_name'),
      c('ZDBM', txt(30), '诊断编码', 'r.dise_codg'),
      c('ZDMC', txt(500), '诊断名称', 'r.dise_name'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
    ],
    primaryKey: ['YYBM', 'MZZYH'],
    indexes: [{ name: 'MZ_GHXX_JZID', columns: ['YYBM', 'JZID'] }],
  },
  {
    name: 'YB_JSXX',
    comment: '医保结算信息（结算主表，退费为负数的单独一行）',
    source: 'his_settlement',
    columns: [
      yybm(),
      c('JSLSH', txt(40), '结算流水号', 'r.his_setl_no', true),
      c('MZZYH', txt(30), '门诊住院号', 'r.ipt_otp_no'),
      c('JSID', txt(30), '结算ID', 'r.setl_id'),
      c('JZID', txt(30), '就诊ID', 'r.mdtrt_id'),
      c('RYBH', txt(30), '人员编号', 'r.psn_no'),
      c('XM', txt(50), '姓名', 'r.psn_name'),
      c('ZJLX', txt(6), '证件类型', 'r.psn_cert_type'),
      c('ZJHM', txt(50), '证件号码', 'r.certno'),
      c('XB', txt(6), '性别', 'r.gend'),
      c('MZ', txt(3), '民族', 'r.naty'),
      c('CSRQ', date, '出生日期', 'r.brdy'),
      c('NL', dec(4, 1), '年龄', 'r.age'),
      c('XZLX', txt(6), '险种类型', 'r.insutype', true),
      c('RYLB', txt(6), '人员类别', 'r.psn_type'),
      c('GWYBZ', txt(3), '公务员标志', 'r.cvlserv_flag'),
      c('JSSJ', dt, '结算时间', 'r.setl_time'),
      c('JZPZLX', txt(3), '就诊凭证类型', 'r.mdtrt_cert_type'),
      c('YLLB', txt(6), '医疗类别', 'r.med_type'),
      c('YLFZE', amt, '医疗费总额', 'r.medfee_sumamt'),
      c('QZFJE', amt, '全自费金额', 'r.fulamt_ownpay_amt'),
      c('CXJZFJE', amt, '超限价自费费用', 'r.overlmt_selfpay'),
      c('XXZFJE', amt, '先行自付金额', 'r.preselfpay_amt'),
      c('FHZCFWJE', amt, '符合政策范围金额', 'r.inscp_scp_amt'),
      c('SJZFQFX', amt, '实际支付起付线', 'r.act_pay_dedc'),
      c('TCJJZF', amt, '统筹基金支付', 'r.hifp_pay'),
      c('JJZFBL', dec(5, 4), '统筹基金支付比例', 'r.pool_prop_selfpay'),
      c('GWYBZZF', amt, '公务员医疗补助资金支付', 'r.cvlserv_pay'),
      c('QYBCZF', amt, '企业补充医疗保险基金支付', 'r.hifes_pay'),
      c('DBBXZF', amt, '居民大病保险资金支付', 'r.hifmi_pay'),
      c('DEBZZF', amt, '职工大额医疗费用补助基金支付', 'r.hifob_pay'),
      c('YLJZZF', amt, '医疗救助基金支付', 'r.maf_pay'),
      c('QTZF', amt, '其他支付', 'r.oth_pay'),
      c('SCRYZF', amt, '伤残人员医疗保障基金支付', 'r.hifdm_pay'),
      c('JJZFZE', amt, '基金支付总额', 'r.fund_pay_sumamt'),
      c('GRFDZE', amt, '个人负担总金额', 'r.psn_part_amt'),
      c('GRZHZF', amt, '个人账户支付', 'r.acct_pay'),
      c('GRXJZF', amt, '个人现金支付', 'r.psn_cash_pay'),
      c('YYFDJE', amt, '医院负担金额', 'r.hosp_part_amt'),
      c('ZHYE', amt, '个人账户余额', 'r.balc'),
      c('GJZHZF', amt, '个人账户共济支付金额', 'r.acct_mulaid_pay'),
      c('YYJSID', txt(30), '医药机构结算ID', 'r.medins_setl_id'),
      c('QSJG', txt(6), '清算经办机构', 'r.clr_optins'),
      c('JSJG', txt(6), '结算经办机构', 'r.setl_optins'),
      c('QSFS', txt(6), '清算方式', 'r.clr_way'),
      c('QSLB', txt(6), '清算类别', 'r.clr_type', true),
      c('CBDQH', txt(6), '参保地医保区划', 'r.insuplc_admdvs'),
      c('BDBZ', txt(3), '本地标志（1本地 0异地）', 'r.in_area_flag'),
      c('JSZT', txt(1), '结算状态（0待确认 1已结算 2已作废 3已撤销）', caseOf('r.his_status', VENDOR_CODES.JSZT), true),
      c('THBZ', txt(1), '退费标志（1为撤销结算的负数行）', 'r.refd_setl_flag', true),
      c('YJSID', txt(30), '原结算ID', 'r.init_setl_id'),
      c('BWID', txt(30), '报文ID', 'r.msgid', true),
      c('JYBH', txt(4), '交易编号', 'r.infno', true),
      c('ZFYY', txt(200), '作废原因', 'r.void_reason'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
      c('XGSJ', dt, '修改时间', 'r.updated_at', true),
    ],
    primaryKey: ['YYBM', 'JSLSH'],
    indexes: [
      { name: 'YB_JSXX_JSID', columns: ['YYBM', 'JSID'], unique: true },
      { name: 'YB_JSXX_BWID', columns: ['YYBM', 'BWID'], unique: true },
      { name: 'YB_JSXX_JSSJ', columns: ['JSSJ'] },
      { name: 'YB_JSXX_JZID', columns: ['JZID'] },
    ],
  },
  {
    name: 'YB_JSMX',
    comment: '医保结算明细（费用明细）',
    source: 'his_fee_detail',
    columns: [
      yybm(),
      c('MXLSH', txt(30), '费用明细流水号', 'r.feedetl_sn', true),
      c('JSLSH', txt(40), '结算流水号', 'r.his_setl_no'),
      c('JSID', txt(30), '结算ID', 'r.setl_id'),
      c('JZID', txt(30), '就诊ID', 'r.mdtrt_id'),
      c('RYBH', txt(30), '人员编号', 'r.psn_no'),
      c('SFPCH', txt(30), '收费批次号', 'r.chrg_bchno'),
      c('YLLB', txt(6), '医疗类别', 'r.med_type'),
      c('FYFSSJ', dt, '费用发生时间', 'r.fee_ocur_time', true),
      c('YYXMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('YYXMMC', txt(200), '医院项目名称', 'r.fixmedins_hilist_name'),
      c('YBMLBM', txt(50), '医保目录编码', 'r.med_list_codg'),
      c('MLLB', txt(30), '目录类别', 'r.list_type'),
      c('SFXMLB', txt(6), '收费项目类别', 'r.med_chrgitm_type'),
      c('SFXMDJ', txt(3), '收费项目等级', 'r.chrgitm_lv'),
      c('SL', dec(16, 4), '数量', 'r.cnt', true),
      c('DJ', dec(16, 6), '单价', 'r.pric', true),
      c('JE', amt, '明细项目费用总额', 'r.det_item_fee_sumamt', true),
      c('XJ', dec(16, 6), '定价上限金额', 'r.pric_uplmt_amt'),
      c('ZFBL', dec(5, 4), '自付比例', 'r.selfpay_prop'),
      c('QZFJE', amt, '全自费金额', 'r.fulamt_ownpay_amt'),
      c('CXJJE', amt, '超限价金额', 'r.overlmt_amt'),
      c('XXZFJE', amt, '先行自付金额', 'r.preselfpay_amt'),
      c('FHZCFWJE', amt, '符合政策范围金额', 'r.inscp_scp_amt'),
      c('CFH', txt(30), '处方号', 'r.rxno'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
    ],
    primaryKey: ['YYBM', 'MXLSH'],
    indexes: [
      { name: 'YB_JSMX_JSLSH', columns: ['YYBM', 'JSLSH'] },
      { name: 'YB_JSMX_FYFSSJ', columns: ['FYFSSJ'] },
    ],
  },
  {
    name: 'YF_FYJL',
    comment: '药房发药及退药记录',
    source: 'his_dispense',
    columns: [
      yybm(),
      c('FYDH', txt(40), '发药单号', 'r.disp_id', true),
      c('FYLX', txt(1), '发药类型（1发药 2退药）', caseOf('r.disp_type', VENDOR_CODES.FYLX), true),
      c('YFYDH', txt(40), '原发药单号', 'r.orig_disp_id'),
      c('XMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('XMMC', txt(200), '医院项目名称', 'r.fixmedins_hilist_name'),
      c('PCH', txt(30), '批次号', 'r.fixmedins_bchno'),
      c('JSID', txt(30), '结算ID', 'r.setl_id'),
      c('JZXH', txt(30), '就诊序号', 'r.mdtrt_sn'),
      c('RYBH', txt(30), '人员编号', 'r.psn_no'),
      c('ZJLX', txt(6), '证件类型', 'r.psn_cert_type'),
      c('ZJHM', txt(50), '证件号码', 'r.certno'),
      c('XM', txt(50), '姓名', 'r.psn_name'),
      c('JZJSLX', txt(6), '就诊结算类型', 'r.mdtrt_setl_type'),
      c('SCPH', txt(30), '生产批号', 'r.manu_lotnum'),
      c('SCRQ', date, '生产日期', 'r.manu_date'),
      c('YXQZ', date, '有效期止', 'r.expy_end'),
      c('CFYBZ', txt(3), '处方药标志', 'r.rx_flag'),
      c('CLBZ', txt(3), '拆零标志', 'r.trdn_flag'),
      c('ZZCJJ', dec(16, 6), '最终成交单价', 'r.finl_trns_pric'),
      c('SL', dec(16, 4), '销售退货数量', 'r.sel_retn_cnt', true),
      c('FYSJ', dt, '发药退药时间', 'r.sel_retn_time', true),
      c('FYRXM', txt(50), '发药人姓名', 'r.sel_retn_opter_name'),
      c('KFYS', txt(50), '开方医生姓名', 'r.prsc_dr_name'),
      c('YSXM', txt(50), '药师姓名', 'r.phar_name'),
      c('YSZYZSH', txt(50), '药师执业资格证号', 'r.phar_prac_cert_no'),
      c('CFH', txt(40), '处方号', 'r.rxno'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
    ],
    primaryKey: ['YYBM', 'FYDH'],
    indexes: [{ name: 'YF_FYJL_FYSJ', columns: ['FYSJ'] }],
  },
  {
    name: 'YK_KCBD',
    comment: '药库库存变动（入库）记录',
    source: 'his_stock',
    columns: [
      yybm(),
      c('BDDH', txt(40), '变动单号', 'r.stock_id', true),
      c('BDLX', txt(6), '库存变更类型', 'r.inv_chg_type', true),
      c('XMBM', txt(30), '医院项目编码', 'r.fixmedins_hilist_id', true),
      c('XMMC', txt(200), '医院项目名称', 'r.fixmedins_hilist_name'),
      c('PCH', txt(30), '批次号', 'r.fixmedins_bchno', true),
      c('DJ', dec(16, 6), '单价', 'r.pric'),
      c('SL', dec(16, 4), '数量', 'r.cnt', true),
      c('CFYBZ', txt(3), '处方药标志', 'r.rx_flag'),
      c('CLBZ', txt(3), '拆零标志', 'r.trdn_flag'),
      c('BDSJ', dt, '库存变更时间', 'r.inv_chg_time', true),
      c('CZRXM', txt(50), '操作人姓名', 'r.inv_chg_opter_name'),
      c('SCPH', txt(30), '生产批号', 'r.manu_lotnum'),
      c('SCRQ', date, '生产日期', 'r.manu_date'),
      c('YXQZ', date, '有效期止', 'r.expy_end'),
      c('BZ', txt(500), '备注', 'r.memo'),
      c('CJSJ', dt, '创建时间', 'r.created_at', true),
    ],
    primaryKey: ['YYBM', 'BDDH'],
    indexes: [{ name: 'YK_KCBD_BDSJ', columns: ['BDSJ'] }],
  },
  {
    name: 'YP_ZSM',
    comment: '药品追溯码（发药与入库共用，YWLX区分）',
    source: 'his_dispense_trac',
    columns: [
      yybm(),
      c('YWLX', txt(1), '业务类型（1发药退药 2库存）', "'1'", true),
      c('YWDH', txt(40), '业务单号', 'r.disp_id', true),
      c('XH', int, '序号', 'r.trac_seq', true),
      c('ZSM', txt(100), '追溯码', 'r.drug_trac_codg', true),
    ],
    primaryKey: ['YYBM', 'YWLX', 'YWDH', 'XH'],
  },
  {
    name: 'YB_JYRZ',
    comment: '医保交易日志（调用中心前写入）',
    source: 'his_center_log',
    columns: [
      yybm(),
      c('BWID', txt(30), '报文ID', 'r.msgid', true),
      c('JYBH', txt(4), '交易编号', 'r.infno', true),
      c('JSLSH', txt(40), '结算流水号', 'r.his_setl_no'),
      c('JZID', txt(30), '就诊ID', 'r.mdtrt_id'),
      c('RYBH', txt(30), '人员编号', 'r.psn_no'),
      c('JSID', txt(30), '结算ID', 'r.setl_id'),
      c('QQSJ', dt, '请求时间', 'r.request_time', true),
      c('XYSJ', dt, '响应时间', 'r.response_time'),
      c('JYZT', txt(1), '交易状态（0已发送未应答 1成功 2失败）', caseOf('r.log_status', VENDOR_CODES.JYZT), true),
      c('XYDM', txt(10), '响应代码', 'r.infcode'),
      c('CWXX', txt(500), '错误信息', 'r.err_msg'),
    ],
    primaryKey: ['YYBM', 'BWID'],
    indexes: [{ name: 'YB_JYRZ_QQSJ', columns: ['QQSJ'] }],
  },
];

/** The stock codes go into YP_ZSM too (YWLX 2): a second copy into the same table. */
const STOCK_TRACE_COPY = {
  target: 'YP_ZSM',
  source: 'his_stock_trac',
  columns: { YYBM: ':yybm', YWLX: "'2'", YWDH: 'r.stock_id', XH: 'r.trac_seq', ZSM: 'r.drug_trac_codg' },
};

export const VENDOR_DIALECTS: Dialect[] = ['sqlite', 'postgres', 'mysql'];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The SQL text of `templates/sql/vendor-his.<dialect>.sql`: one statement per `;`-ended line. */
export function renderVendorSchema(dialect: Dialect): string {
  const typeName = TYPE_NAMES[dialect];
  const f = DDL_FORMS[dialect];
  const out: string[] = [
    `-- Vendor-style HIS schema for hisops (${dialect}): pinyin-abbreviation names, Chinese comments,`,
    '-- a hospital code (YYBM) on every table, digit status codes, DECIMAL(12,4) amounts.',
    '-- Generated from src/core/his/vendorSchema.ts; the golden test keeps the two equal.',
    '',
  ];
  for (const t of VENDOR_TABLES) {
    out.push(`-- ${t.name}: ${t.comment}`);
    out.push(`CREATE TABLE ${f.ifNotExists}${t.name} (`);
    const w = Math.max(...t.columns.map((col) => col.name.length));
    const defs = t.columns.map((col) => {
      const d = `  ${col.name.padEnd(w)} ${typeName(col.type)}${col.notNull ? ' NOT NULL' : ''}`;
      return dialect === 'mysql' ? `${d} COMMENT ${quote(col.comment)}` : d;
    });
    defs.push(`  CONSTRAINT ${t.name}_PK PRIMARY KEY (${t.primaryKey.join(', ')})`);
    if (f.inlineIndexes)
      for (const i of t.indexes ?? [])
        defs.push(`  ${i.unique ? 'UNIQUE KEY' : 'KEY'} ${i.name} (${i.columns.join(', ')})`);
    // SQLite keeps the CREATE TABLE text: a trailing comment per column is where its comment lives.
    const lines =
      dialect === 'sqlite'
        ? defs.map((d, k) => (k < t.columns.length ? `${d}, -- ${t.columns[k]!.comment}` : d))
        : defs.map((d, k) => (k < defs.length - 1 ? `${d},` : d));
    out.push(lines.join('\n'));
    out.push(`)${f.tableSuffix}${dialect === 'mysql' ? ` COMMENT=${quote(t.comment)}` : ''};`);
    if (!f.inlineIndexes)
      for (const i of t.indexes ?? [])
        out.push(
          `CREATE ${i.unique ? 'UNIQUE ' : ''}INDEX ${f.indexIfNotExists}${i.name} ON ${t.name} (${i.columns.join(', ')});`,
        );
    if (dialect === 'postgres') {
      out.push(`COMMENT ON TABLE ${t.name} IS ${quote(t.comment)};`);
      for (const col of t.columns) out.push(`COMMENT ON COLUMN ${t.name}.${col.name} IS ${quote(col.comment)};`);
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * INSERT … SELECT statements that copy a seeded reference HIS (same database) into the vendor
 * tables for hospital `yybm`. Every statement is portable SQL (CASE, string literals).
 */
export function vendorCopyStatements(yybm: string): string[] {
  if (!/^[A-Za-z0-9]{1,20}$/.test(yybm)) throw new Error(`not a hospital code: ${yybm}`);
  const lit = (from: string) => (from === ':yybm' ? quote(yybm) : from);
  const copy = (target: string, source: string, cols: Array<[string, string]>, where?: string) =>
    `INSERT INTO ${target} (${cols.map(([n]) => n).join(', ')}) SELECT ${cols.map(([, e]) => lit(e)).join(', ')} FROM ${source} r${where ? ` WHERE ${where}` : ''}`;
  const out = VENDOR_TABLES.map((t) =>
    copy(
      t.name,
      t.source,
      t.columns.map((col) => [col.name, col.from]),
      t.where,
    ),
  );
  out.push(copy(STOCK_TRACE_COPY.target, STOCK_TRACE_COPY.source, Object.entries(STOCK_TRACE_COPY.columns)));
  return out;
}

/**
 * A second hospital's rows in the same tables (multi-tenancy): the first settlements and log rows
 * of hospital `yybm`, copied under `other` with the same center ids. A statement that forgets its
 * `YYBM = :fixmedins_code` reads them twice and the jobs find differences that are not there.
 */
export function vendorOtherTenantStatements(yybm: string, other: string): string[] {
  for (const code of [yybm, other])
    if (!/^[A-Za-z0-9]{1,20}$/.test(code)) throw new Error(`not a hospital code: ${code}`);
  const cols = (t: string) => VENDOR_TABLES.find((x) => x.name === t)!.columns.map((col) => col.name);
  const copyAs = (t: string) => {
    const names = cols(t);
    return `INSERT INTO ${t} (${names.join(', ')}) SELECT ${names.map((n) => (n === 'YYBM' ? quote(other) : n)).join(', ')} FROM ${t} WHERE YYBM = ${quote(yybm)}`;
  };
  return [copyAs('YB_JSXX'), copyAs('YB_JYRZ'), copyAs('YB_MLDZ'), copyAs('YF_FYJL'), copyAs('YP_ZSM')];
}

/** The reference tables, dropped once copied so that nothing can read them by mistake. */
export const REFERENCE_TABLES_TO_DROP = [
  'his_stock_count_trac',
  'his_stock_count',
  'his_stock_trac',
  'his_stock',
  'his_dispense_trac',
  'his_dispense',
  'his_fee_detail',
  'his_settlement',
  'his_center_log',
  'his_visit',
  'his_mapping',
  'his_item_trac_prefix',
  'his_item',
];
