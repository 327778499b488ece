/**
 * The contract of every profile statement, as data: what each canonical column holds, the values a
 * coded column may take and what each means, what goes wrong when a column or a statement is mapped
 * wrongly, and the promises a statement's rows keep (one row per setl_id, sums that hold, the sign
 * of refund amounts). `hisops profile check` and `doctor` check a HIS against it, and
 * docs/profile.md is generated from it (`npm run docs:profile`), so the two cannot drift apart.
 * Types come from canonical.ts (COLUMN_KINDS); the statements and their columns from statements.ts.
 */
import { STATEMENTS } from './statements.js';

export interface ColumnContract {
  meaning: string;
  /** The values allowed, each with its meaning; any other value is a problem. */
  values?: Readonly<Record<string, string>>;
  /**
   * Values from a national code table that provinces extend (local codes): a value outside
   * `values` but of this shape is a warning, any other value a problem.
   */
  localCodes?: RegExp;
  /** A row must have a value (null or empty is a problem). */
  notNull?: boolean;
  /** What a job does wrongly when the column is mapped wrongly. */
  wrong: string;
}

/** A write's effect, read back inside the rolled-back transaction of `profile check`. */
export interface WriteEffect {
  /** The read statement that shows the changed row. */
  read: string;
  /** The bind of `read`, taken from the write's binds of the same name. */
  key: string;
  /** Canonical columns and the value each must have afterwards. */
  expect: Readonly<Record<string, string>>;
}

export interface StatementContract {
  /** What goes wrong when the statement returns or changes the wrong rows. */
  wrong: string;
  /** A column whose non-null values no two rows share (at most one row per setl_id …). */
  unique?: readonly string[];
  /** At most one row for its key. */
  atMostOne?: boolean;
  /** Settlement rows: amounts must add up, refund rows negative, originals not. */
  settlementSums?: boolean;
  /** Columns that must have a value in this statement's rows (besides the columns' own notNull). */
  notNull?: readonly string[];
  /** Every row must have this value in the column. */
  rowsHave?: Readonly<Record<string, string>>;
  /** For a write: what it must change, read back in `profile check`. */
  effect?: WriteEffect;
}

const digits = (min: number, max: number) => new RegExp(`^\\d{${min},${max}}$`);

/** What each canonical column holds; coded columns list their values. Columns not listed are free text. */
export const COLUMN_CONTRACT: Readonly<Record<string, ColumnContract>> = {
  his_setl_no: {
    meaning: "the HIS's own settlement number, present before the center answers",
    notNull: true,
    wrong: 'stuck repairs and reconciliation cannot name the HIS row',
  },
  setl_id: {
    meaning: "the center's settlement id (null while pending or void)",
    wrong:
      'reconciliation matches HIS and center rows by it: a wrong column makes every settlement a one-sided entry (单边账)',
  },
  mdtrt_id: { meaning: "the center's visit id", wrong: 'fee lines and cancellations of a visit are not found' },
  psn_no: {
    meaning: 'the insured person number',
    wrong: 'stuck settlements are asked for with the wrong person (5203 finds nothing)',
  },
  msgid: {
    meaning: 'msgid of the 2207/2304 (or 2208/2305) request that made the row',
    notNull: true,
    wrong: 'stuck settlements cannot be asked for or repaired; a repair may change another row',
  },
  infno: {
    meaning: 'the call that made the row',
    values: {
      '2207': 'outpatient settlement',
      '2304': 'inpatient settlement',
      '2208': 'outpatient cancellation',
      '2305': 'inpatient cancellation',
    },
    wrong: 'cancellations are taken for settlements and the other way round',
  },
  his_status: {
    meaning: 'where the HIS stands with the settlement',
    values: {
      pending: 'sent to the center, no answer recorded yet',
      settled: 'the center answered; the row counts',
      cancelled: 'an original the center later cancelled (its refund row is a separate row)',
      void: 'the center has no such settlement (refused, or never reached it)',
    },
    notNull: true,
    wrong:
      'reconcile leaves out rows whose status it does not count ("nothing to reconcile", every row excluded); stuck treats settled rows as pending and asks the center again, or never finds the pending ones',
  },
  refd_setl_flag: {
    meaning: 'whether the row is a cancellation (refund) row',
    values: { '0': 'a settlement', '1': 'a cancellation row, amounts negative' },
    notNull: true,
    wrong: 'refunds are counted as settlements: the day is off by twice the refunded amount',
  },
  init_setl_id: {
    meaning: 'on a cancellation row: the setl_id it cancels',
    wrong: 'a refund is not paired with its original and both show as one-sided',
  },
  in_area_flag: {
    meaning: 'whether the insured person belongs to this area',
    values: { '1': 'insured locally', '0': 'out-of-area (异地), cleared by the insured area' },
    wrong:
      'out-of-area settlements are counted under the local agency (or left out), and their group totals do not match the 3201 answers',
  },
  setl_optins: {
    meaning: 'the settlement agency (结算经办机构) the row is reconciled under',
    wrong:
      'rows land in the wrong 3201 group: two groups off by the same amount; for out-of-area patients use the agency the center books them under, not clr_optins',
  },
  clr_optins: {
    meaning: "the clearing agency (清算经办机构) from the center's answer; for out-of-area patients the insured area",
    wrong: 'out-of-area patients are grouped under the wrong agency when setl_optins is missing',
  },
  insutype: {
    meaning: 'insurance type (险种)',
    values: {
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
    },
    localCodes: digits(3, 6),
    wrong: 'the 3201 totals are asked for the wrong insurance type: every group differs',
  },
  clr_type: {
    meaning: 'clearing type (清算类别)',
    values: {
      '11': '门诊',
      '12': '门诊挂号',
      '13': '急诊',
      '14': '门诊慢特病',
      '21': '住院',
      '41': '药店购药',
      '99': '其他',
    },
    localCodes: digits(2, 6),
    wrong: 'rows are reconciled in the wrong group (outpatient vs inpatient): two groups off by the same amount',
  },
  clr_way: {
    meaning: 'clearing way (清算方式)',
    values: {
      '01': '按项目',
      '02': '单病种',
      '03': '按床日',
      '04': '按人头',
      '05': 'DRGs点数法',
      '1': '按项目',
      '2': '单病种',
      '3': '按床日',
      '4': '按人头',
      '40': 'DRG',
      '50': 'DIP',
      '8': '月定额',
      '9': '其他',
      '99': '其他',
    },
    localCodes: digits(1, 6),
    wrong: 'fixed-amount clearing is audited as per-item and shows false differences',
  },
  med_type: {
    meaning: 'medical type (医疗类别)',
    values: {
      '11': '普通门诊',
      '12': '门诊挂号',
      '13': '急诊',
      '14': '门诊慢特病',
      '21': '普通住院',
      '22': '外伤住院',
      '23': '转外诊治住院',
      '24': '急诊转住院',
      '28': '日间手术',
      '41': '定点药店购药',
      '51': '生育门诊',
      '52': '生育住院',
    },
    localCodes: digits(2, 6),
    wrong: 'the rules engine applies the wrong policy (deductible, ratios)',
  },
  mdtrt_cert_type: {
    meaning: 'visit credential type (就诊凭证类型)',
    values: { '01': '医保电子凭证', '02': '居民身份证', '03': '社会保障卡' },
    localCodes: digits(2, 3),
    wrong: 'stuck queries are sent with a credential the center rejects',
  },
  setl_time: {
    meaning: "the center's settlement time (yyyy-MM-dd HH:mm:ss)",
    wrong: 'settlements fall on the wrong day: near midnight the day totals differ (cross-midnight findings)',
  },
  log_status: {
    meaning: "the HIS's write-ahead log state of a center call",
    values: {
      sent: 'written before the call; no answer recorded (a timeout stays sent)',
      answered: 'the center answered with success',
      failed: 'the center answered with an error (infcode ≠ 0): it holds nothing',
    },
    notNull: true,
    wrong:
      'mapping a timeout to failed makes the stuck job treat a call as never made and void a settlement the center holds; mapping a refusal to sent makes it ask the center again for nothing',
  },
  request_time: {
    meaning: 'when the call was sent',
    notNull: true,
    wrong: 'stuck candidates are picked at the wrong age (too early, while the call may still be answered)',
  },
  response_time: { meaning: 'when the answer came (null when none came)', wrong: 'shown only' },
  infcode: {
    meaning: "the center's result code: 0 success, anything else an error (null when no answer)",
    wrong: 'a refusal is taken for success or the other way round',
  },
  feedetl_sn: {
    meaning: 'fee line number, unique in the HIS',
    notNull: true,
    wrong: 'fee lines are merged or counted twice when recomputing a settlement',
  },
  list_type: {
    meaning: 'catalog type (目录类别)',
    values: {
      '101': '西药中成药',
      '102': '中药饮片',
      '103': '医疗机构制剂',
      '104': '民族药',
      '105': '其他',
      '106': '中药配方颗粒',
      '201': '医疗服务项目',
      '301': '医用耗材',
    },
    localCodes: digits(3, 3),
    wrong:
      'items are compared with the wrong national catalog; mappings are uploaded under the wrong type (3301 refused)',
  },
  chrgitm_lv: {
    meaning: 'charge item level (收费项目等级)',
    values: { '01': '甲类', '02': '乙类', '03': '丙类' },
    wrong: 'the rules engine pays self-pay items from the fund or the other way round',
  },
  med_chrgitm_type: {
    meaning: 'medical charge item type (医疗收费项目类别)',
    values: Object.fromEntries(
      [
        '床位费',
        '诊察费',
        '检查费',
        '化验费',
        '治疗费',
        '手术费',
        '护理费',
        '卫生材料费',
        '西药费',
        '中药饮片费',
        '中成药费',
        '一般诊疗费',
        '挂号费',
        '其他费',
      ].map((m, i) => [String(i + 1).padStart(2, '0'), m]),
    ),
    localCodes: digits(2, 6),
    wrong: 'audit explanations name the wrong fee class',
  },
  disp_id: {
    meaning: 'the pharmacy document (sale or return) number',
    notNull: true,
    wrong: 'uploads are resumed for the wrong record or sent twice',
  },
  disp_type: {
    meaning: 'sale or return',
    values: { sale: 'a sale (3505)', return: 'a return (3506)' },
    notNull: true,
    wrong: 'returns are uploaded as sales: the center counts the codes as sold twice',
  },
  inv_chg_type: {
    meaning: 'stock change type (库存变更类型)',
    values: {
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
    },
    notNull: true,
    wrong: '3502 stock changes are refused or booked as the wrong movement',
  },
  rx_flag: {
    meaning: 'prescription drug',
    values: { '0': 'no', '1': 'yes', '2': 'both (双跨)' },
    wrong: '3505 uploads are refused',
  },
  trdn_flag: {
    meaning: 'split package (拆零)',
    values: { '0': 'no', '1': 'yes' },
    wrong: '3505 uploads are refused or counted by the wrong unit',
  },
  mdtrt_setl_type: {
    meaning: 'how the sale was paid',
    values: { '1': 'insured', '2': 'self-pay' },
    wrong: 'self-pay sales are uploaded as insured ones',
  },
  drug_trac_codg: {
    meaning: 'one traceability code (追溯码), 20 digits, one row per code',
    wrong: 'codes are checked or uploaded wrongly; a concatenated list reads as one invalid code',
  },
  trac_flag: {
    meaning: 'whether dispensing the item must scan traceability codes',
    values: { '0': 'no', '1': 'yes' },
    wrong: 'drugs that need codes are not checked for them',
  },
  fixmedins_hilist_id: {
    meaning: "the hospital's own item code",
    notNull: true,
    wrong: 'items, mappings and sales do not match each other',
  },
  med_list_codg: {
    meaning: 'the national code the item is mapped to (valid on the day)',
    wrong: 'uploads are refused (unknown code) or booked as another drug',
  },
  begndate: {
    meaning: 'first valid day of the mapping',
    notNull: true,
    wrong: 'the mapping valid on a day is not found',
  },
  sel_retn_time: {
    meaning: 'time of the sale or return',
    notNull: true,
    wrong: 'records are uploaded on the wrong day or not at all',
  },
  inv_chg_time: {
    meaning: 'time of the stock change',
    notNull: true,
    wrong: 'records are uploaded on the wrong day or not at all',
  },
  trac_seq: {
    meaning: 'position of the code within its record (1, 2, …)',
    wrong: 'codes of one record are taken for duplicates',
  },
  count_id: {
    meaning: 'the stock-take (盘存) record number',
    notNull: true,
    wrong: 'stock-take uploads are resumed for the wrong record or sent twice',
  },
  invdate: {
    meaning: 'day of the stock-take',
    notNull: true,
    wrong: 'stock-takes are uploaded on the wrong day or not at all',
  },
  invc_no: {
    meaning: "the supplier's invoice number (入库发票号) the goods came with",
    wrong: "the supplier's code lists are matched to the wrong stock-in lines (or to none)",
  },
};

const SETTLEMENT_READ: Pick<StatementContract, 'settlementSums'> = { settlementSums: true };

/** One declaration per statement. */
export const STATEMENT_CONTRACTS: Readonly<Record<string, StatementContract>> = {
  settlements_in_period: {
    ...SETTLEMENT_READ,
    unique: ['setl_id', 'his_setl_no'],
    wrong: 'seeding, audits and reports miss settlements or count some twice',
  },
  settlement_by_setl_id: {
    ...SETTLEMENT_READ,
    atMostOne: true,
    wrong: 'reconciliation evidence and repairs look at the wrong row',
  },
  settlements_by_mdtrt_id: {
    ...SETTLEMENT_READ,
    unique: ['his_setl_no'],
    wrong: 'a cancellation or resettlement of the visit is not seen',
  },
  settlement_by_msgid: {
    ...SETTLEMENT_READ,
    atMostOne: true,
    wrong: 'the stuck job decides about the wrong settlement',
  },
  pending_settlements: {
    ...SETTLEMENT_READ,
    unique: ['his_setl_no'],
    rowsHave: { his_status: 'pending' },
    wrong:
      'stuck settlements are not found (every his_status must be pending here) or settled ones are asked for again',
  },
  orphan_center_calls: {
    unique: ['msgid'],
    wrong:
      'a settlement the HIS rolled back after the center committed it is never found: the center keeps money the HIS does not know',
  },
  settlements_for_reconcile: {
    ...SETTLEMENT_READ,
    unique: ['setl_id', 'his_setl_no'],
    notNull: ['setl_time'],
    wrong: "the day's totals differ from the center's: every 3201 group reports a difference",
  },
  center_log_by_msgid: {
    atMostOne: true,
    wrong: 'the stuck job reads the wrong call state and may void a settlement the center holds',
  },
  fee_lines_of_settlement: { unique: ['feedetl_sn'], wrong: 'audits recompute the settlement from the wrong lines' },
  fee_lines_of_visit: { unique: ['feedetl_sn'], wrong: 'audits recompute the settlement from the wrong lines' },
  items_billed_since: {
    unique: ['fixmedins_hilist_id'],
    wrong: 'catalog checks ask about items not used or miss used ones',
  },
  his_items: { unique: ['fixmedins_hilist_id'], wrong: 'catalog checks miss items or report them twice' },
  drug_trace_prefixes: { wrong: 'valid codes are reported as belonging to another drug' },
  dispensing_for_upload: { notNull: ['disp_type'], wrong: 'sales and returns are uploaded wrongly or not at all' },
  stock_for_upload: { wrong: 'stock changes are uploaded wrongly or not at all' },
  stock_count_for_upload: { wrong: 'stock-takes (3501) are uploaded wrongly or not at all' },
  stock_in_by_invoice: {
    notNull: ['stock_id', 'invc_no', 'cnt'],
    wrong: "the supplier's codes are written to the wrong stock-in lines, or lines are reported short",
  },
  insert_stock_code: { wrong: "a supplier's code is written to the wrong stock-in record, or not at all" },
  mappings: { wrong: 'mapping checks compare the wrong rows' },
  mappings_of_item: { wrong: 'mapping uploads and checks use the wrong rows' },
  mark_settlement_void: {
    effect: { read: 'settlement_by_msgid', key: 'msgid', expect: { his_status: 'void' } },
    wrong: 'a settlement the center does not have stays counted, or a wrong row is voided',
  },
  complete_settlement: {
    effect: { read: 'settlement_by_msgid', key: 'msgid', expect: { his_status: 'settled' } },
    wrong: 'a settlement the center holds stays pending in the HIS: the day shows it as one-sided',
  },
  mark_settlement_cancelled: {
    effect: { read: 'settlement_by_msgid', key: 'msgid', expect: { his_status: 'cancelled' } },
    wrong: 'a cancellation the center made is not recorded: the original stays counted',
  },
  insert_settlement: {
    effect: { read: 'settlement_by_setl_id', key: 'setl_id', expect: { refd_setl_flag: '1', his_status: 'settled' } },
    wrong: 'the refund row of a cancellation is missing or counts as a settlement: the day differs by the refund',
  },
  insert_mapping: { wrong: 'a mapping is written into the wrong table or period' },
  end_mapping: { wrong: 'a mapping stays valid after its end, or another mapping is closed' },
};

/** The contract of a column in a statement: the column's own, with the statement's notNull. */
export function columnContract(statement: string, column: string): ColumnContract | undefined {
  const own = COLUMN_CONTRACT[column];
  if (!STATEMENT_CONTRACTS[statement]?.notNull?.includes(column)) return own;
  return { ...(own ?? { meaning: column, wrong: '' }), notNull: true };
}

/** Every statement has a contract (a test keeps this true). */
export function statementsWithoutContract(): string[] {
  return Object.keys(STATEMENTS).filter((n) => !STATEMENT_CONTRACTS[n]);
}
