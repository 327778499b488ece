/**
 * What `profile draft` recognises: for each canonical column, the pinyin abbreviations and English
 * names HIS vendors use for it and the words of its Chinese comment; for each kind of table (a
 * role), the columns that identify it and the words of its name and comment. The canonical name
 * itself always matches. Data, not code: adding a vendor's spelling is one word in a list.
 */

/** canonical column → [names (pinyin abbreviations, English), Chinese comment words]. */
export const COLUMN_WORDS: Readonly<Record<string, readonly [readonly string[], readonly string[]]>> = {
  his_setl_no: [['JSLSH', 'JSDH', 'SFDH', 'settle_no'], ['结算流水号', '结算单号', '收费单号']],
  setl_id: [['JSID', 'YBJSID', 'JSBH', 'settle_id'], ['结算ID', '结算编号', '中心结算号']],
  mdtrt_id: [['JZID', 'YBJZID', 'JZBH', 'visit_id'], ['就诊ID', '就诊编号']],
  ipt_otp_no: [['MZZYH', 'MZH', 'ZYH', 'GHH'], ['门诊住院号', '门诊号', '住院号', '挂号号']],
  psn_no: [['RYBH', 'GRBH', 'person_no'], ['人员编号', '个人编号']],
  psn_name: [['XM', 'HZXM', 'BRXM'], ['姓名', '患者姓名']],
  psn_cert_type: [['ZJLX'], ['证件类型']],
  certno: [['ZJHM', 'SFZH'], ['证件号码', '身份证号']],
  gend: [['XB'], ['性别']],
  naty: [['MZ'], ['民族']],
  brdy: [['CSRQ'], ['出生日期']],
  age: [['NL'], ['年龄']],
  insutype: [['XZLX', 'XZ'], ['险种类型', '险种']],
  psn_type: [['RYLB'], ['人员类别']],
  cvlserv_flag: [['GWYBZ'], ['公务员标志']],
  setl_time: [['JSSJ', 'settle_time'], ['结算时间']],
  mdtrt_cert_type: [['JZPZLX'], ['就诊凭证类型']],
  med_type: [['YLLB'], ['医疗类别']],
  medfee_sumamt: [['YLFZE', 'FYZE', 'ZFY', 'total_amount'], ['医疗费总额', '费用总额', '总费用']],
  fulamt_ownpay_amt: [['QZFJE'], ['全自费金额', '全自费']],
  overlmt_selfpay: [['CXJZFJE'], ['超限价自费']],
  preselfpay_amt: [['XXZFJE'], ['先行自付']],
  inscp_scp_amt: [['FHZCFWJE', 'FHFWJE'], ['符合政策范围', '符合范围']],
  act_pay_dedc: [['SJZFQFX', 'QFX'], ['实际支付起付线', '起付线']],
  hifp_pay: [['TCJJZF', 'TCZF', 'JBTCZF'], ['统筹基金支付', '统筹基金支出', '统筹支付']],
  cvlserv_pay: [['GWYBZZF'], ['公务员医疗补助']],
  hifes_pay: [['QYBCZF'], ['企业补充']],
  hifmi_pay: [['DBBXZF'], ['大病保险']],
  hifob_pay: [['DEBZZF'], ['大额医疗', '大额补助']],
  maf_pay: [['YLJZZF'], ['医疗救助']],
  oth_pay: [['QTZF'], ['其他支付', '其他支出']],
  hifdm_pay: [['SCRYZF'], ['伤残人员']],
  fund_pay_sumamt: [['JJZFZE', 'fund_total'], ['基金支付总额', '基金支付合计']],
  psn_part_amt: [['GRFDZE'], ['个人负担总金额', '个人负担']],
  acct_pay: [['GRZHZF', 'ZHZF', 'account_pay'], ['个人账户支付', '个人账户支出', '账户支付']],
  psn_cash_pay: [['GRXJZF', 'XJZF', 'cash_pay'], ['个人现金支付', '个人现金支出', '现金支付']],
  hosp_part_amt: [['YYFDJE'], ['医院负担']],
  balc: [['ZHYE'], ['账户余额', '余额']],
  acct_mulaid_pay: [['GJZHZF'], ['共济支付', '共济']],
  pool_prop_selfpay: [['JJZFBL', 'TCZFBL'], ['支付比例']],
  medins_setl_id: [['YYJSID'], ['医药机构结算ID', '机构结算ID']],
  clr_optins: [['QSJG'], ['清算经办机构', '清算机构']],
  setl_optins: [['JSJG'], ['结算经办机构']],
  clr_way: [['QSFS'], ['清算方式']],
  clr_type: [['QSLB'], ['清算类别']],
  insuplc_admdvs: [['CBDQH', 'CBD'], ['参保地']],
  in_area_flag: [['BDBZ'], ['本地标志']],
  his_status: [['JSZT', 'status'], ['结算状态']],
  refd_setl_flag: [['THBZ', 'CXBZ'], ['退费标志', '撤销标志', '冲正标志']],
  init_setl_id: [['YJSID'], ['原结算ID']],
  msgid: [['BWID', 'msg_id'], ['报文ID', '报文编号']],
  infno: [['JYBH', 'JYDM'], ['交易编号', '交易代码']],
  created_at: [['CJSJ', 'create_time'], ['创建时间']],
  updated_at: [['XGSJ', 'GXSJ', 'update_time'], ['修改时间', '更新时间']],
  void_reason: [['ZFYY'], ['作废原因']],
  feedetl_sn: [['MXLSH', 'MXID'], ['费用明细流水号', '明细流水号']],
  chrg_bchno: [['SFPCH'], ['收费批次号']],
  fee_ocur_time: [['FYFSSJ'], ['费用发生时间']],
  fixmedins_hilist_id: [['YYXMBM', 'XMBM', 'item_code'], ['医院项目编码', '项目编码']],
  fixmedins_hilist_name: [['YYXMMC', 'XMMC', 'item_name'], ['医院项目名称', '项目名称']],
  med_list_codg: [['YBMLBM', 'YBBM'], ['医保目录编码', '医保编码']],
  list_type: [['MLLB'], ['目录类别']],
  med_chrgitm_type: [['SFXMLB'], ['收费项目类别']],
  chrgitm_lv: [['SFXMDJ'], ['收费项目等级']],
  cnt: [['SL'], ['数量']],
  pric: [['DJ'], ['单价']],
  det_item_fee_sumamt: [['JE', 'MXJE'], ['明细项目费用总额', '明细金额']],
  pric_uplmt_amt: [['XJ'], ['定价上限', '限价']],
  selfpay_prop: [['ZFBL'], ['自付比例']],
  overlmt_amt: [['CXJJE'], ['超限价金额']],
  begntime: [['KSSJ'], ['开始时间', '入院时间', '挂号时间']],
  request_time: [['QQSJ'], ['请求时间']],
  response_time: [['XYSJ'], ['响应时间']],
  log_status: [['JYZT'], ['交易状态']],
  infcode: [['XYDM'], ['响应代码']],
  err_msg: [['CWXX'], ['错误信息']],
  begndate: [['KSRQ'], ['开始日期']],
  enddate: [['ZZRQ'], ['终止日期', '结束日期']],
  prcunt: [['JJDW'], ['计价单位']],
  spec: [['GG'], ['规格']],
  trac_flag: [['ZSMBZ'], ['追溯码标志']],
  trac_prefix: [['ZSMQZ'], ['追溯码前缀', '药品标识码']],
  disp_id: [['FYDH', 'YWDH'], ['发药单号', '业务单号']],
  disp_type: [['FYLX'], ['发药类型']],
  orig_disp_id: [['YFYDH'], ['原发药单号']],
  fixmedins_bchno: [['PCH'], ['批次号']],
  mdtrt_sn: [['JZXH'], ['就诊序号']],
  mdtrt_setl_type: [['JZJSLX'], ['就诊结算类型']],
  manu_lotnum: [['SCPH'], ['生产批号']],
  manu_date: [['SCRQ'], ['生产日期']],
  expy_end: [['YXQZ'], ['有效期止', '有效期']],
  rx_flag: [['CFYBZ'], ['处方药标志']],
  trdn_flag: [['CLBZ'], ['拆零标志']],
  finl_trns_pric: [['ZZCJJ'], ['成交单价']],
  sel_retn_cnt: [['SL'], ['销售退货数量', '数量']],
  sel_retn_time: [['FYSJ'], ['发药退药时间', '发药时间']],
  sel_retn_opter_name: [['FYRXM'], ['发药人']],
  prsc_dr_name: [['KFYS'], ['开方医生']],
  phar_name: [['YSXM'], ['药师姓名']],
  phar_prac_cert_no: [['YSZYZSH'], ['执业资格证号']],
  rxno: [['CFH'], ['处方号']],
  stock_id: [['BDDH', 'YWDH'], ['变动单号', '业务单号']],
  inv_chg_type: [['BDLX'], ['库存变更类型', '变更类型']],
  inv_chg_time: [['BDSJ'], ['库存变更时间', '变动时间']],
  inv_chg_opter_name: [['CZRXM'], ['操作人']],
  memo: [['BZ'], ['备注']],
  trac_seq: [['XH'], ['序号']],
  drug_trac_codg: [['ZSM'], ['追溯码']],
  /** Not canonical: the hospital code of a multi-tenant HIS, and the kind column of a shared trace-code table. */
  tenant: [['YYBM', 'JGBM', 'YLJGBM', 'hosp_code', 'org_code', 'fixmedins_code'], ['医院编码', '机构编码', '医疗机构编码', '医院代码']],
  trace_kind: [['YWLX'], ['业务类型']],
};

export type Role = 'settlement' | 'fee' | 'visit' | 'log' | 'mapping' | 'item' | 'trace_prefix' | 'dispense' | 'stock' | 'dispense_trace' | 'stock_trace';

interface RoleSpec {
  /** Columns that make a table this kind of table. */
  keys: readonly string[];
  /** Every canonical column the statements read from or write to this table. */
  columns: readonly string[];
  /** Words of the table's name or comment. */
  words: RegExp;
  /** Words that say it is not this kind of table. */
  not?: RegExp;
  what: string;
}

const SETTLEMENT = ['his_setl_no', 'setl_id', 'mdtrt_id', 'ipt_otp_no', 'psn_no', 'psn_name', 'psn_cert_type', 'certno', 'gend', 'naty', 'brdy', 'age', 'insutype', 'psn_type', 'cvlserv_flag', 'setl_time', 'mdtrt_cert_type', 'med_type', 'medfee_sumamt', 'fulamt_ownpay_amt', 'overlmt_selfpay', 'preselfpay_amt', 'inscp_scp_amt', 'act_pay_dedc', 'hifp_pay', 'cvlserv_pay', 'hifes_pay', 'hifmi_pay', 'hifob_pay', 'maf_pay', 'oth_pay', 'hifdm_pay', 'fund_pay_sumamt', 'psn_part_amt', 'acct_pay', 'psn_cash_pay', 'hosp_part_amt', 'balc', 'acct_mulaid_pay', 'pool_prop_selfpay', 'medins_setl_id', 'clr_optins', 'setl_optins', 'clr_way', 'clr_type', 'insuplc_admdvs', 'in_area_flag', 'his_status', 'refd_setl_flag', 'init_setl_id', 'msgid', 'infno', 'void_reason', 'created_at', 'updated_at'];

export const ROLES: Readonly<Record<Role, RoleSpec>> = {
  settlement: { keys: ['setl_id', 'medfee_sumamt', 'fund_pay_sumamt', 'setl_time', 'msgid'], columns: SETTLEMENT, words: /settle|setl|jsxx|结算/i, not: /明细|detail|mx/i, what: 'settlements (结算)' },
  fee: { keys: ['det_item_fee_sumamt', 'fee_ocur_time', 'fixmedins_hilist_id', 'feedetl_sn'], columns: ['feedetl_sn', 'his_setl_no', 'setl_id', 'mdtrt_id', 'psn_no', 'chrg_bchno', 'med_type', 'fee_ocur_time', 'fixmedins_hilist_id', 'fixmedins_hilist_name', 'med_list_codg', 'list_type', 'med_chrgitm_type', 'chrgitm_lv', 'cnt', 'pric', 'det_item_fee_sumamt', 'pric_uplmt_amt', 'selfpay_prop', 'fulamt_ownpay_amt', 'overlmt_amt', 'preselfpay_amt', 'inscp_scp_amt'], words: /fee|jsmx|fymx|明细/i, what: 'fee lines (费用明细)' },
  visit: { keys: ['ipt_otp_no', 'begntime', 'med_type'], columns: ['ipt_otp_no', 'mdtrt_id', 'psn_no', 'med_type', 'begntime'], words: /visit|ghxx|jzxx|mdtrt|就诊|挂号/i, what: 'visits (就诊)' },
  log: { keys: ['msgid', 'infno', 'request_time', 'log_status'], columns: ['msgid', 'infno', 'his_setl_no', 'mdtrt_id', 'psn_no', 'setl_id', 'request_time', 'response_time', 'log_status', 'infcode', 'err_msg'], words: /log|rz|日志/i, what: 'the center-call log (交易日志)' },
  mapping: { keys: ['fixmedins_hilist_id', 'med_list_codg', 'begndate', 'enddate'], columns: ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_list_codg', 'begndate', 'enddate', 'created_at', 'updated_at'], words: /mapping|mldz|dz|对照/i, what: 'mappings (目录对照)' },
  item: { keys: ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'pric', 'trac_flag'], columns: ['fixmedins_hilist_id', 'fixmedins_hilist_name', 'list_type', 'med_chrgitm_type', 'chrgitm_lv', 'pric', 'prcunt', 'spec', 'trac_flag'], words: /item|xmzd|字典|项目/i, not: /明细|对照/, what: 'HIS items (收费项目)' },
  trace_prefix: { keys: ['fixmedins_hilist_id', 'trac_prefix'], columns: ['fixmedins_hilist_id', 'trac_prefix'], words: /prefix|qz|前缀|标识码/i, what: 'trace-code prefixes (药品标识码)' },
  dispense: { keys: ['disp_id', 'sel_retn_time', 'sel_retn_cnt', 'disp_type'], columns: ['disp_id', 'disp_type', 'orig_disp_id', 'fixmedins_hilist_id', 'fixmedins_hilist_name', 'fixmedins_bchno', 'setl_id', 'mdtrt_sn', 'psn_no', 'psn_cert_type', 'certno', 'psn_name', 'mdtrt_setl_type', 'manu_lotnum', 'manu_date', 'expy_end', 'rx_flag', 'trdn_flag', 'finl_trns_pric', 'sel_retn_cnt', 'sel_retn_time', 'sel_retn_opter_name', 'prsc_dr_name', 'phar_name', 'phar_prac_cert_no', 'rxno'], words: /dispens|fyjl|发药/i, not: /追溯|trac/i, what: 'dispensing (发药)' },
  stock: { keys: ['stock_id', 'inv_chg_time', 'inv_chg_type'], columns: ['stock_id', 'inv_chg_type', 'fixmedins_hilist_id', 'fixmedins_hilist_name', 'fixmedins_bchno', 'pric', 'cnt', 'rx_flag', 'trdn_flag', 'inv_chg_time', 'inv_chg_opter_name', 'manu_lotnum', 'manu_date', 'expy_end', 'memo'], words: /stock|kcbd|库存|入库/i, not: /追溯|trac/i, what: 'stock changes (库存变动)' },
  dispense_trace: { keys: ['disp_id', 'trac_seq', 'drug_trac_codg'], columns: ['disp_id', 'trac_seq', 'drug_trac_codg', 'trace_kind'], words: /trac|zsm|追溯/i, what: 'traceability codes of dispensing (追溯码)' },
  stock_trace: { keys: ['stock_id', 'trac_seq', 'drug_trac_codg'], columns: ['stock_id', 'trac_seq', 'drug_trac_codg', 'trace_kind'], words: /trac|zsm|追溯/i, what: 'traceability codes of stock (追溯码)' },
};

/** Canonical words of coded columns, recognised in a comment such as "0待确认 1已结算 2已作废 3已撤销". */
export const CODE_WORDS: Readonly<Record<string, ReadonlyArray<readonly [string, RegExp]>>> = {
  his_status: [
    ['void', /作废/],
    ['cancelled', /撤销|冲正|退费|已退/],
    ['pending', /待|未确认|未应答|处理中/],
    ['settled', /已结算|结算成功|正常/],
  ],
  log_status: [
    ['sent', /已发送|未应答|发送中|处理中/],
    ['failed', /失败/],
    ['answered', /成功|已应答/],
  ],
  disp_type: [
    ['return', /退/],
    ['sale', /发药|销售/],
  ],
  dispense_trace: [['kind', /发药|销售|退药/]],
  stock_trace: [['kind', /库存|入库/]],
};
