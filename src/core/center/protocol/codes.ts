/**
 * National code tables (code → name) as far as the reference documents them. Provinces add local
 * codes, so validation takes extra codes per table (`ValidateOptions.extraCodes`) and a province
 * can fetch its own dictionaries with 1901. Codes are strings on the wire, always.
 */

export const INSUTYPE = {
  '310': '职工基本医疗保险',
  '320': '公务员医疗补助',
  '330': '大额医疗费用补助',
  '340': '离休人员医疗保障',
  '350': '一至六级残废军人医疗补助',
  '360': '老红军医疗保障',
  '370': '企业补充医疗保险',
  '380': '新型农村合作医疗',
  '390': '城乡居民基本医疗保险',
  '391': '城镇居民基本医疗保险',
  '392': '城乡居民大病医疗保险',
  '399': '其他特殊人员医疗保障',
  '410': '长期照护保险',
  '510': '生育保险',
} as const;

export const CLR_TYPE = {
  '11': '门诊',
  '21': '住院',
  '41': '药店购药',
  '99': '其他',
} as const;

const CLR_WAY = {
  '01': '按项目',
  '02': '单病种',
  '03': '按床日',
  '04': '按人头',
  '05': 'DRGs点数法',
  '99': '其他',
} as const;

export const MED_TYPE = {
  '11': '普通门诊',
  '12': '门诊挂号',
  '13': '急诊',
  '14': '门诊慢特病',
  '15': '特药',
  '16': '中医特色门诊',
  '21': '普通住院',
  '22': '外伤住院',
  '23': '转外诊治住院',
  '24': '急诊转住院',
  '25': '异地住院',
  '26': '单病种住院',
  '27': '自主就医',
  '28': '日间手术',
  '29': '起付线治疗',
  '41': '定点药店购药',
  '51': '生育门诊',
  '52': '生育住院',
  '5212': '生育新生儿费用',
  '61': '照护保险',
  '81': '意外伤害门诊',
  '9107': '体检',
  '140104': '门诊慢病',
  '140201': '门诊特病',
} as const;

const MDTRT_CERT_TYPE = {
  '01': '医保电子凭证',
  '02': '居民身份证',
  '03': '社会保障卡',
} as const;

const PSN_CERT_TYPE = {
  '01': '居民身份证(户口簿)',
  '02': '军官证',
  '03': '武警警官证',
  '04': '港澳通行证',
  '05': '护照',
  '06': '台胞证',
  '07': '外国人永久居留证',
  '08': '外国人护照',
  '09': '残疾人证',
  '10': '军烈属证明',
  '11': '外国人就业证',
  '12': '外国专家证',
  '13': '外国人常驻记者证',
  '14': '台港澳人员就业证',
  '15': '回国(来华)定居专家证',
  '16': '中国护照',
  '17': '港澳台居民居住证',
  '90': '社会保障卡',
  '99': '其他',
} as const;

export const PSN_SETLWAY = {
  '01': '按项目结算',
  '02': '按定额结算',
} as const;

export const CHRGITM_LV = {
  '01': '甲类',
  '02': '乙类',
  '03': '丙类/自费',
} as const;

const MED_CHRGITM_TYPE = {
  '01': '床位费',
  '02': '诊察费',
  '03': '检查费',
  '04': '化验费',
  '05': '治疗费',
  '06': '手术费',
  '07': '护理费',
  '08': '卫生材料费',
  '09': '西药费',
  '10': '中药饮片费',
  '11': '中成药费',
  '12': '一般诊疗费',
  '13': '挂号费',
  '14': '其他费',
} as const;

const LIST_TYPE = {
  '101': '西药中成药',
  '102': '中药饮片',
  '103': '医疗机构制剂',
  '104': '民族药',
  '201': '医疗服务项目',
  '301': '医用耗材',
} as const;

const INV_CHG_TYPE = {
  '101': '调拨入库',
  '102': '调拨出库',
  '103': '盘盈',
  '104': '盘损',
  '105': '销毁',
  '106': '其他入库',
  '107': '其他出库',
  '108': '商品采购入库',
  '109': '商品退货出库',
  '110': '赠药入库',
  '111': '赠药退回出库',
} as const;

const INV_DATA_TYPE = {
  '1': '盘存',
  '2': '库存变更',
  '3': '采购',
  '4': '销售',
} as const;

const RX_FLAG = {
  '0': '否',
  '1': '是',
  '2': '双跨',
} as const;

const HOSP_APPR_FLAG = {
  '0': '无须审批',
  '1': '审批通过',
  '2': '审批不通过',
} as const;

const DIAG_TYPE = {
  '1': '西医诊断',
  '2': '中医主病诊断',
  '3': '中医主证诊断',
} as const;

const OPTER_TYPE = {
  '1': '经办人',
  '2': '自助终端',
  '3': '移动终端',
} as const;

/** Yes/no flags (`*_flag`, vali_flag, acct_used_flag, trdn_flag, refd_setl_flag …). */
export const FLAG = {
  '0': '否',
  '1': '是',
} as const;

/** 3201/3202 result. Only 0 (balanced) is documented; anything else means not balanced. */
const STMT_RSLT = {
  '0': '平',
  '1': '不平',
} as const;

const CLR_STAS = {
  '10': '已申请',
  '20': '已受理',
  '50': '已清算',
} as const;

const MDTRT_SETL_TYPE = {
  '1': '医保结算',
  '2': '自费',
} as const;

const CODE_TABLES = {
  insutype: INSUTYPE,
  clr_type: CLR_TYPE,
  clr_way: CLR_WAY,
  med_type: MED_TYPE,
  mdtrt_cert_type: MDTRT_CERT_TYPE,
  psn_cert_type: PSN_CERT_TYPE,
  psn_setlway: PSN_SETLWAY,
  chrgitm_lv: CHRGITM_LV,
  med_chrgitm_type: MED_CHRGITM_TYPE,
  list_type: LIST_TYPE,
  inv_chg_type: INV_CHG_TYPE,
  inv_data_type: INV_DATA_TYPE,
  rx_flag: RX_FLAG,
  hosp_appr_flag: HOSP_APPR_FLAG,
  diag_type: DIAG_TYPE,
  opter_type: OPTER_TYPE,
  flag: FLAG,
  stmt_rslt: STMT_RSLT,
  clr_stas: CLR_STAS,
  mdtrt_setl_type: MDTRT_SETL_TYPE,
} as const;

export type CodeTableName = keyof typeof CODE_TABLES;

/** Is `value` a known code of `table` (or one of the province's extra codes)? */
export function isCode(table: CodeTableName, value: string, extra?: readonly string[]): boolean {
  return Object.hasOwn(CODE_TABLES[table], value) || (extra?.includes(value) ?? false);
}

/** The name of a code, or undefined for a local code the table does not know. */
export function codeName(table: CodeTableName, value: string): string | undefined {
  const t = CODE_TABLES[table] as Record<string, string>;
  return Object.hasOwn(t, value) ? t[value] : undefined;
}
