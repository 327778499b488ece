/**
 * The statements a HIS profile must provide: what each is for, which named binds it may use
 * (and which it must use), and the canonical columns a read must return. The loader checks a
 * profile against this table; the runner converts bind values by their type.
 */
import { SETTLEMENT_AMOUNTS } from './canonical.js';

export type BindType = 'text' | 'datetime' | 'date' | 'money' | 'decimal';

export interface BindSpec {
  type: BindType;
  /** A statement that leaves this bind out is rejected (a write without its key would touch every row). */
  required?: boolean;
  doc: string;
}

export interface StatementSpec {
  kind: 'read' | 'write';
  doc: string;
  binds: Record<string, BindSpec>;
  /** Canonical columns a read must return (probed by `hisops doctor`). */
  columns?: string[];
  /**
   * A profile may leave this statement out (profiles written before it existed keep loading); the
   * job that needs it stops with PROFILE_NO_STATEMENT, naming it.
   */
  optional?: boolean;
}

/** Columns of a settlement row, as every settlement read returns them. */
export const SETTLEMENT_COLUMNS = [
  'his_setl_no',
  'setl_id',
  'mdtrt_id',
  'ipt_otp_no',
  'psn_no',
  'psn_name',
  'psn_cert_type',
  'certno',
  'gend',
  'naty',
  'brdy',
  'age',
  'insutype',
  'psn_type',
  'cvlserv_flag',
  'setl_time',
  'mdtrt_cert_type',
  'med_type',
  ...SETTLEMENT_AMOUNTS,
  'pool_prop_selfpay',
  'medins_setl_id',
  'clr_optins',
  'setl_optins',
  'clr_way',
  'clr_type',
  'insuplc_admdvs',
  'in_area_flag',
  'his_status',
  'refd_setl_flag',
  'init_setl_id',
  'msgid',
  'infno',
  'created_at',
  'updated_at',
];

export const FEE_LINE_COLUMNS = [
  'feedetl_sn',
  'his_setl_no',
  'setl_id',
  'mdtrt_id',
  'psn_no',
  'chrg_bchno',
  'med_type',
  'fee_ocur_time',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'med_list_codg',
  'list_type',
  'med_chrgitm_type',
  'chrgitm_lv',
  'cnt',
  'pric',
  'det_item_fee_sumamt',
  'pric_uplmt_amt',
  'selfpay_prop',
  'fulamt_ownpay_amt',
  'overlmt_amt',
  'preselfpay_amt',
  'inscp_scp_amt',
];

export const DISPENSE_COLUMNS = [
  'disp_id',
  'disp_type',
  'orig_disp_id',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'med_list_codg',
  'map_cnt',
  'fixmedins_bchno',
  'setl_id',
  'mdtrt_sn',
  'psn_no',
  'psn_cert_type',
  'certno',
  'psn_name',
  'mdtrt_setl_type',
  'manu_lotnum',
  'manu_date',
  'expy_end',
  'rx_flag',
  'trdn_flag',
  'finl_trns_pric',
  'sel_retn_cnt',
  'sel_retn_time',
  'sel_retn_opter_name',
  'prsc_dr_name',
  'phar_name',
  'phar_prac_cert_no',
  'rxno',
  'trac_seq',
  'drug_trac_codg',
];

export const STOCK_COLUMNS = [
  'stock_id',
  'inv_chg_type',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'med_list_codg',
  'map_cnt',
  'fixmedins_bchno',
  'pric',
  'cnt',
  'rx_flag',
  'trdn_flag',
  'inv_chg_time',
  'inv_chg_opter_name',
  'manu_lotnum',
  'manu_date',
  'expy_end',
  'memo',
  'trac_seq',
  'drug_trac_codg',
];

/** Stock-take (盘存) rows for 3501/3501A: one row per code, like the stock changes. */
const STOCK_COUNT_COLUMNS = [
  'count_id',
  'invdate',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'med_list_codg',
  'map_cnt',
  'rx_flag',
  'inv_cnt',
  'manu_lotnum',
  'fixmedins_bchno',
  'manu_date',
  'expy_end',
  'memo',
  'trac_seq',
  'drug_trac_codg',
];

/** A stock-in line of an invoice with the codes the HIS holds for it (one row per code, or one with a null code). */
const INVOICE_LINE_COLUMNS = [
  'stock_id',
  'invc_no',
  'inv_chg_type',
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'fixmedins_bchno',
  'manu_lotnum',
  'expy_end',
  'cnt',
  'inv_chg_time',
  'trac_seq',
  'drug_trac_codg',
];

export const MAPPING_COLUMNS = [
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'list_type',
  'med_list_codg',
  'begndate',
  'enddate',
];

export const ITEM_COLUMNS = [
  'fixmedins_hilist_id',
  'fixmedins_hilist_name',
  'list_type',
  'med_chrgitm_type',
  'chrgitm_lv',
  'pric',
  'prcunt',
  'spec',
  'trac_flag',
];

const period = (what: string): Record<string, BindSpec> => ({
  from: { type: 'datetime', required: true, doc: `start of the period (inclusive), ${what}` },
  to: { type: 'datetime', required: true, doc: `end of the period (exclusive), ${what}` },
});

const NOW: BindSpec = { type: 'datetime', doc: 'the time hisops writes (for updated_at/created_at)' };

/** Binds of complete_settlement: the center's answer. */
const COMPLETE_BINDS: Record<string, BindSpec> = {
  msgid: { type: 'text', required: true, doc: 'msgid of the request the center answered' },
  setl_id: { type: 'text', required: true, doc: "the center's settlement id" },
  setl_time: { type: 'datetime', required: true, doc: "the center's settlement time" },
  mdtrt_id: { type: 'text', doc: 'center visit id' },
  ...Object.fromEntries(
    SETTLEMENT_AMOUNTS.map((a) => [a, { type: 'money', doc: `${a} from the center's answer` } as BindSpec]),
  ),
  pool_prop_selfpay: { type: 'decimal', doc: 'pool ratio from the answer' },
  medins_setl_id: { type: 'text', doc: 'the msgid echoed by the center' },
  clr_optins: { type: 'text', doc: 'clearing agency' },
  clr_way: { type: 'text', doc: 'clearing way' },
  clr_type: { type: 'text', doc: 'clearing type' },
  now: NOW,
};

export const STATEMENTS: Record<string, StatementSpec> = {
  settlements_in_period: {
    kind: 'read',
    doc: 'settlements (including cancellations) whose center setl_time is in [from, to)',
    binds: period("by the center's setl_time"),
    columns: SETTLEMENT_COLUMNS,
  },
  settlement_by_setl_id: {
    kind: 'read',
    doc: 'the settlement with this center setl_id',
    binds: { setl_id: { type: 'text', required: true, doc: 'center settlement id' } },
    columns: SETTLEMENT_COLUMNS,
  },
  settlements_by_mdtrt_id: {
    kind: 'read',
    doc: 'every settlement of a visit (original, cancellation, resettlement)',
    binds: { mdtrt_id: { type: 'text', required: true, doc: 'center visit id' } },
    columns: SETTLEMENT_COLUMNS,
  },
  settlement_by_msgid: {
    kind: 'read',
    doc: 'the settlement whose 2207/2304 request carried this msgid',
    binds: { msgid: { type: 'text', required: true, doc: 'request msgid' } },
    columns: SETTLEMENT_COLUMNS,
  },
  pending_settlements: {
    kind: 'read',
    doc: 'settlements sent to the center with no answer recorded, created before a time',
    binds: { before: { type: 'datetime', required: true, doc: 'only settlements created before this time' } },
    columns: [...SETTLEMENT_COLUMNS, 'request_time', 'log_status'],
  },
  orphan_center_calls: {
    kind: 'read',
    doc: 'settlement calls in the write-ahead log with no settlement row (the HIS rolled back after the call)',
    binds: { before: { type: 'datetime', required: true, doc: 'only calls made before this time' } },
    columns: [
      'msgid',
      'infno',
      'his_setl_no',
      'mdtrt_id',
      'psn_no',
      'setl_id',
      'request_time',
      'response_time',
      'log_status',
      'infcode',
    ],
  },
  settlements_for_reconcile: {
    kind: 'read',
    doc: 'the columns reconciliation sums, for settlements (cancellations included) whose center setl_time is in [from, to)',
    binds: period("by the center's setl_time"),
    columns: [
      'his_setl_no',
      'setl_id',
      'mdtrt_id',
      'psn_no',
      'insutype',
      'clr_type',
      'setl_optins',
      'clr_optins',
      'in_area_flag',
      'setl_time',
      'medfee_sumamt',
      'fund_pay_sumamt',
      'acct_pay',
      'psn_cash_pay',
      'hosp_part_amt',
      'refd_setl_flag',
      'init_setl_id',
      'msgid',
      'infno',
      'his_status',
    ],
  },
  center_log_by_msgid: {
    kind: 'read',
    doc: "the HIS's own write-ahead log row of a center call, by msgid",
    binds: { msgid: { type: 'text', required: true, doc: 'request msgid' } },
    columns: [
      'msgid',
      'infno',
      'his_setl_no',
      'mdtrt_id',
      'psn_no',
      'setl_id',
      'request_time',
      'response_time',
      'log_status',
      'infcode',
      'err_msg',
    ],
  },
  fee_lines_of_settlement: {
    kind: 'read',
    doc: 'fee lines of the settlement with this setl_id',
    binds: { setl_id: { type: 'text', required: true, doc: 'center settlement id' } },
    columns: FEE_LINE_COLUMNS,
  },
  fee_lines_of_visit: {
    kind: 'read',
    doc: 'fee lines of a visit (also before it is settled)',
    binds: { mdtrt_id: { type: 'text', required: true, doc: 'center visit id' } },
    columns: FEE_LINE_COLUMNS,
  },
  items_billed_since: {
    kind: 'read',
    doc: 'HIS items billed since a time, with how often and when last',
    binds: { since: { type: 'datetime', required: true, doc: 'start of the window (now minus N days)' } },
    columns: [...ITEM_COLUMNS, 'bill_cnt', 'bill_amt', 'last_billed_time'],
  },
  his_items: {
    kind: 'read',
    doc: 'every HIS item',
    binds: {},
    columns: ITEM_COLUMNS,
  },
  drug_trace_prefixes: {
    kind: 'read',
    doc: 'product-identification codes (first 7 digits of a traceability code) per drug',
    binds: {},
    columns: ['fixmedins_hilist_id', 'trac_prefix'],
  },
  dispensing_for_upload: {
    kind: 'read',
    doc: 'sales and returns in [from, to), one row per traceability code (a record without codes once, with a null code)',
    binds: period('by sel_retn_time'),
    columns: DISPENSE_COLUMNS,
  },
  stock_for_upload: {
    kind: 'read',
    doc: 'stock-in and stock changes in [from, to), one row per traceability code',
    binds: period('by inv_chg_time'),
    columns: STOCK_COLUMNS,
  },
  stock_count_for_upload: {
    kind: 'read',
    optional: true,
    doc: 'stock-take (盘存) records with invdate in [from, to), one row per traceability code (3501/3501A)',
    binds: period('by invdate'),
    columns: STOCK_COUNT_COLUMNS,
  },
  stock_in_by_invoice: {
    kind: 'read',
    optional: true,
    doc: 'the stock-in lines of one supplier invoice (入库发票号), one row per code the HIS holds for a line (a line without codes once, with a null code)',
    binds: { invc_no: { type: 'text', required: true, doc: 'the invoice number (发票号) as the supplier wrote it' } },
    columns: INVOICE_LINE_COLUMNS,
  },
  insert_stock_code: {
    kind: 'write',
    optional: true,
    doc: "add one traceability code to a stock-in record (the supplier's code list, trace import-invoice)",
    binds: {
      stock_id: { type: 'text', required: true, doc: 'the stock record' },
      trac_seq: {
        type: 'decimal',
        required: true,
        doc: 'position of the code within the record (after the codes it has), a whole number',
      },
      drug_trac_codg: { type: 'text', required: true, doc: 'the 20-digit traceability code' },
    },
  },
  mappings: {
    kind: 'read',
    doc: "every row of the HIS's own mapping table",
    binds: {},
    columns: MAPPING_COLUMNS,
  },
  mappings_of_item: {
    kind: 'read',
    doc: 'mapping rows of one HIS item',
    binds: { fixmedins_hilist_id: { type: 'text', required: true, doc: 'hospital item code' } },
    columns: MAPPING_COLUMNS,
  },
  mark_settlement_void: {
    kind: 'write',
    doc: 'mark a settlement void (the center has none): HIS status becomes void',
    binds: {
      msgid: { type: 'text', required: true, doc: 'msgid of the settlement request' },
      reason: { type: 'text', doc: 'why (kept in the HIS row)' },
      now: NOW,
    },
  },
  complete_settlement: {
    kind: 'write',
    doc: "complete a pending settlement from the center's answer (5203): HIS status becomes settled",
    binds: COMPLETE_BINDS,
  },
  mark_settlement_cancelled: {
    kind: 'write',
    optional: true,
    doc: 'record that the center cancelled a settlement (2208/2305): the original row counts as cancelled (its refund row is written by insert_settlement)',
    binds: {
      msgid: { type: 'text', required: true, doc: 'msgid of the original settlement request' },
      setl_id: { type: 'text', doc: "the center's setl_id of the original (for a row that lacks it)" },
      reason: { type: 'text', doc: 'why (kept in the HIS row)' },
      now: NOW,
    },
  },
  insert_settlement: {
    kind: 'write',
    optional: true,
    doc: "write a settlement row as the center's books hold it: the refund row of a cancellation, or an original the HIS lost (rolled back) before it was cancelled",
    binds: {
      his_setl_no: {
        type: 'text',
        required: true,
        doc: "the HIS settlement number hisops gives the new row (HO + the call's msgid)",
      },
      setl_id: { type: 'text', required: true, doc: "the center's setl_id of the row" },
      msgid: {
        type: 'text',
        required: true,
        doc: 'msgid of the call that made the row at the center (2207/2304, or the 2208/2305 of a refund row)',
      },
      infno: { type: 'text', required: true, doc: 'that call: 2207, 2304, 2208 or 2305' },
      setl_time: { type: 'datetime', required: true, doc: "the center's setl_time of the row" },
      his_status: {
        type: 'text',
        required: true,
        doc: 'settled (a refund row, or an original still live) or cancelled (an original with its refund row)',
      },
      refd_setl_flag: { type: 'text', required: true, doc: '1 on a refund row, 0 otherwise' },
      init_setl_id: { type: 'text', doc: 'on a refund row: the setl_id it cancels' },
      mdtrt_id: { type: 'text', doc: 'center visit id' },
      psn_no: { type: 'text', doc: 'insured person' },
      insutype: { type: 'text', doc: 'insurance type' },
      med_type: { type: 'text', doc: 'medical type' },
      clr_type: { type: 'text', doc: 'clearing type' },
      clr_way: { type: 'text', doc: 'clearing way' },
      clr_optins: { type: 'text', doc: 'clearing agency' },
      setl_optins: { type: 'text', doc: 'settlement agency' },
      in_area_flag: { type: 'text', doc: "in-area flag, as the HIS's original has it" },
      insuplc_admdvs: { type: 'text', doc: "insured area, as the HIS's original has it" },
      medins_setl_id: { type: 'text', doc: 'the msgid the center echoed' },
      ...Object.fromEntries(
        SETTLEMENT_AMOUNTS.map((a) => [
          a,
          { type: 'money', doc: `${a} as the center holds it (negative on a refund row)` } as BindSpec,
        ]),
      ),
      pool_prop_selfpay: { type: 'decimal', doc: 'pool ratio' },
      now: NOW,
    },
  },
  insert_mapping: {
    kind: 'write',
    doc: 'add a mapping row',
    binds: {
      fixmedins_hilist_id: { type: 'text', required: true, doc: 'hospital item code' },
      fixmedins_hilist_name: { type: 'text', doc: 'hospital item name' },
      list_type: { type: 'text', required: true, doc: 'list type' },
      med_list_codg: { type: 'text', required: true, doc: 'national code' },
      begndate: { type: 'date', required: true, doc: 'first valid day' },
      enddate: { type: 'date', required: true, doc: 'last valid day' },
      now: NOW,
    },
  },
  end_mapping: {
    kind: 'write',
    doc: 'close a mapping row: set its last valid day',
    binds: {
      fixmedins_hilist_id: { type: 'text', required: true, doc: 'hospital item code' },
      med_list_codg: { type: 'text', required: true, doc: 'national code' },
      begndate: { type: 'date', required: true, doc: 'first valid day of the row to close' },
      enddate: { type: 'date', required: true, doc: 'new last valid day' },
      now: NOW,
    },
  },
};

export const STATEMENT_NAMES = Object.keys(STATEMENTS);
/** Statements every profile must have. */
export const REQUIRED_STATEMENTS = STATEMENT_NAMES.filter((n) => !STATEMENTS[n]!.optional);
export const READ_STATEMENTS = STATEMENT_NAMES.filter((n) => STATEMENTS[n]!.kind === 'read');
