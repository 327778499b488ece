/**
 * Per-transaction input and output specifications, from the interface reference (§5). One table
 * serves both sides: the client checks its own requests before sending a state-changing call, and
 * the sandbox validates what it receives and answers with these shapes.
 */
import { arrayNode, field, fields, objectNode, type FieldSpec, type NodeSpec } from './fieldSpec.js';
import { catalogTransactions } from './catalogTransactions.js';
import { traceTransactions } from './traceTransactions.js';
import { SETTLE_HEAD, visitTransactions } from './visitTransactions.js';
import { SETTLEMENT_AMOUNTS } from './settlementAmounts.js';

export { SETTLEMENT_AMOUNTS, SETTLEMENT_TOTALS } from './settlementAmounts.js';

/**
 * session: sign-in/out. query: reads (retried with backoff on transport failures).
 * change: state-changing (journaled before sending, never retried blindly).
 */
export type TransactionKind = 'session' | 'query' | 'change';

export interface TransactionSpec {
  infno: string;
  name: string;
  kind: TransactionKind;
  input: readonly NodeSpec[];
  output: readonly NodeSpec[];
  /** 9102 answers with the file's bytes instead of an envelope. */
  binaryOutput?: boolean;
  /** Output carries `result.retRslt` (1 ok / 0 rejected) under infcode 0. */
  retRslt?: boolean;
  /** A 2601 reversal may name this transaction as `oinfno`. */
  reversible?: boolean;
  /** Conditional requirements that a field table cannot say; returns problems as text. */
  check?: (input: Record<string, unknown>) => { path: string; message: string }[];
}

// ---- shared blocks -------------------------------------------------------------------------

/** 2207/2304 input amounts echoed from pre-settlement. */
const SETTLE_ECHO = [
  'fulamt_ownpay_amt num 16,2 Y',
  'overlmt_selfpay num 16,2 Y',
  'preselfpay_amt num 16,2 Y',
  'inscp_scp_amt num 16,2 Y',
];

/** Settlement amounts of §5.S (all num 16,2 except pool_prop_selfpay): the stored ones without hifdm_pay. */
export const SETL_AMOUNT_FIELDS = SETTLEMENT_AMOUNTS.filter(
  (f): f is Exclude<(typeof SETTLEMENT_AMOUNTS)[number], 'hifdm_pay'> => f !== 'hifdm_pay',
);

const REQUIRED_AMOUNTS = new Set([
  'medfee_sumamt',
  'fund_pay_sumamt',
  'psn_part_amt',
  'acct_pay',
  'psn_cash_pay',
  'hifp_pay',
]);

const SETLINFO_FIELDS: FieldSpec[] = [
  ...fields(
    'mdtrt_id str 30 Y',
    'setl_id str 30 Y',
    'psn_no str 30 Y',
    'psn_name str 50',
    'psn_cert_type str 6 @psn_cert_type',
    'certno str 50',
    'gend str 6',
    'naty str 3',
    'brdy date',
    'age num 4,1',
    'insutype str 6 Y @insutype',
    'psn_type str 6',
    'cvlserv_flag str 3 @flag',
    'setl_time dt Y',
    'mdtrt_cert_type str 3 @mdtrt_cert_type',
    'med_type str 6 @med_type',
  ),
  ...SETL_AMOUNT_FIELDS.map((n) => field(`${n} num 16,2${REQUIRED_AMOUNTS.has(n) ? ' Y' : ''}`)),
  ...fields(
    'pool_prop_selfpay num 5,4',
    'medins_setl_id str 30 Y',
    'clr_optins str 6 Y',
    'clr_way str 6',
    'clr_type str 6 Y @clr_type',
  ),
];

const SETLDETAIL_FIELDS = fields(
  'fund_pay_type str 6 Y',
  'inscp_scp_amt num 16,2 Y',
  'crt_payb_lmt_amt num 16,2',
  'fund_payamt num 16,2 Y',
  'fund_pay_type_name str 200',
  'setl_proc_info str 4000',
);

/** 5203 adds these to the settlement block. */
const SETLINFO_5203_EXTRA = fields(
  'flxempe_flag str 3',
  'nwb_flag str 3',
  'insu_optins str 6',
  'emp_name str 200',
  'pay_loc str 6',
  'fixmedins_code str 30',
  'fixmedins_name str 200',
  'hosp_lv str 6',
  'fixmedins_poolarea str 6',
  'lmtpric_hosp_lv str 6',
  'dedc_hosp_lv str 6',
  'begndate date',
  'enddate date',
  'psn_pay num 16,2',
  'cash_payamt num 16,2',
  'refd_setl_flag str 3 @flag',
  'year str 4',
  'dise_codg str 30',
  'dise_name str 500',
  'invono str 20',
  'opter_id str 30',
  'opter_name str 50',
  'opt_time dt',
);

const SETTLE_OUTPUT: NodeSpec[] = [
  objectNode('setlinfo', SETLINFO_FIELDS),
  arrayNode('setldetail', SETLDETAIL_FIELDS, { required: false }),
];

/** 2206/2303: the settlement block without a real setl_id and setl_time (nothing is booked). */
const NOT_BOOKED = new Set(['setl_id', 'setl_time']);
const PRESETTLE_OUTPUT: NodeSpec[] = [
  objectNode(
    'setlinfo',
    SETLINFO_FIELDS.map((f) => (NOT_BOOKED.has(f.name) ? { ...f, req: 'N' as const } : f)),
  ),
  arrayNode('setldetail', SETLDETAIL_FIELDS, { required: false }),
];

const FILE_INFO_FIELDS = fields('file_qury_no str 30 Y', 'filename str 200 Y', 'dld_endtime dt');

const RESULT_OUTPUT: NodeSpec[] = [objectNode('result', fields('retRslt str 1 Y', 'msgRslt str 500'))];

function cardSnCheck(input: Record<string, unknown>): { path: string; message: string }[] {
  const d = input.data as Record<string, unknown> | undefined;
  if (d && d.mdtrt_cert_type === '03' && (d.card_sn === undefined || d.card_sn === null || d.card_sn === '')) {
    return [{ path: 'data.card_sn', message: 'card_sn is required when mdtrt_cert_type is 03 (social security card)' }];
  }
  return [];
}

const list: TransactionSpec[] = [
  {
    infno: '9001',
    name: '签到',
    kind: 'session',
    input: [objectNode('signIn', fields('opter_no str 20 Y', 'mac str 20', 'ip str 20 Y'))],
    output: [objectNode('signinoutb', fields('sign_time dt Y', 'sign_no str 30 Y'))],
  },
  {
    infno: '9002',
    name: '签退',
    kind: 'session',
    input: [objectNode('signOut', fields('sign_no str 30 Y', 'opter_no str 20 Y'))],
    output: [objectNode('signoutoutb', fields('sign_time dt Y'), { required: false })],
  },
  {
    infno: '1101',
    name: '人员信息获取',
    kind: 'query',
    input: [
      objectNode(
        'data',
        fields(
          'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
          'mdtrt_cert_no str 50 Y',
          'card_sn str 32 C',
          'begntime dt',
          'psn_cert_type str 6 Y @psn_cert_type',
          'certno str 50',
          'psn_name str 50',
        ),
      ),
    ],
    output: [
      objectNode(
        'baseinfo',
        fields(
          'psn_no str 30 Y',
          'psn_cert_type str 6 Y',
          'certno str 50 Y',
          'psn_name str 50 Y',
          'gend str 6 Y',
          'naty str 3',
          'brdy date',
          'age num 4,1 Y',
          'exp_content str 4000',
        ),
      ),
      arrayNode(
        'insuinfo',
        fields(
          'balc num 16,2 Y',
          'insutype str 6 Y @insutype',
          'psn_type str 6 Y',
          'psn_insu_stas str 6',
          'psn_insu_date date',
          'paus_insu_date date',
          'cvlserv_flag str 3 Y @flag',
          'insuplc_admdvs str 6 Y',
          'emp_name str 200',
        ),
      ),
      arrayNode(
        'idetinfo',
        fields('psn_idet_type str 3', 'psn_type_lv str 3', 'memo str 500', 'begntime dt Y', 'endtime dt'),
        { required: false },
      ),
    ],
    check: cardSnCheck,
  },
  {
    infno: '2207',
    name: '门诊结算',
    kind: 'change',
    reversible: true,
    input: [
      objectNode(
        'data',
        fields(
          'psn_no str 30 Y',
          'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
          'mdtrt_cert_no str 50 Y',
          'med_type str 6 Y @med_type',
          'medfee_sumamt num 16,2 Y',
          'psn_setlway str 6 Y @psn_setlway',
          'mdtrt_id str 30 Y',
          'chrg_bchno str 30 Y',
          'insutype str 6 Y @insutype',
          'acct_used_flag str 1 Y @flag',
          'invono str 20',
          ...SETTLE_ECHO,
          'exp_content str 4000',
        ),
      ),
    ],
    output: SETTLE_OUTPUT,
  },
  {
    infno: '2208',
    name: '门诊结算撤销',
    kind: 'change',
    input: [
      objectNode('data', fields('setl_id str 30 Y', 'mdtrt_id str 30 Y', 'psn_no str 30 Y', 'exp_content str 4000')),
    ],
    output: SETTLE_OUTPUT,
  },
  {
    infno: '2304',
    name: '住院结算',
    kind: 'change',
    reversible: true,
    input: [
      objectNode(
        'data',
        fields(...SETTLE_HEAD, 'invono str 20', 'mid_setl_flag str 3 Y @flag', ...SETTLE_ECHO, 'exp_content str 4000'),
      ),
    ],
    output: SETTLE_OUTPUT,
  },
  {
    infno: '2305',
    name: '住院结算撤销',
    kind: 'change',
    input: [
      objectNode('data', fields('mdtrt_id str 30 Y', 'setl_id str 30 Y', 'psn_no str 30 Y', 'exp_content str 4000')),
    ],
    output: SETTLE_OUTPUT,
  },
  {
    infno: '2601',
    name: '冲正交易',
    kind: 'change',
    input: [objectNode('data', fields('psn_no str 30 Y', 'omsgid str 30 Y', 'oinfno str 4 Y'))],
    output: [],
  },
  {
    infno: '5203',
    name: '结算信息查询',
    kind: 'query',
    input: [objectNode('data', fields('psn_no str 30 Y', 'setl_id str 30 C', 'mdtrt_id str 30 C'))],
    output: [
      objectNode('setlinfo', [...SETLINFO_FIELDS, ...SETLINFO_5203_EXTRA]),
      arrayNode('setldetail', SETLDETAIL_FIELDS, { required: false }),
    ],
  },
  {
    infno: '3201',
    name: '医药机构费用结算对总账',
    kind: 'query',
    input: [
      objectNode(
        'data',
        fields(
          'insutype str 6 Y @insutype',
          'clr_type str 6 Y @clr_type',
          'setl_optins str 6 Y',
          'stmt_begndate date Y',
          'stmt_enddate date Y',
          'medfee_sumamt num 16,2 Y',
          'fund_pay_sumamt num 16,2 Y',
          'acct_pay num 16,2 Y',
          'fixmedins_setl_cnt num 10 Y',
          'refd_setl_flag str 3 @flag',
          'exp_content str 4000',
        ),
      ),
    ],
    output: [objectNode('stmtinfo', fields('setl_optins str 6 Y', 'stmt_rslt str 6 Y', 'stmt_rslt_dscr str 200'))],
  },
  {
    infno: '3202',
    name: '医药机构费用结算对明细账',
    kind: 'query',
    input: [
      objectNode(
        'data',
        fields(
          'setl_optins str 6 Y',
          'file_qury_no str 30 Y',
          'stmt_begndate date Y',
          'stmt_enddate date Y',
          'medfee_sumamt num 16,2 Y',
          'fund_pay_sumamt num 16,2 Y',
          'cash_payamt num 16,2 Y',
          'fixmedins_setl_cnt num 10 Y',
          'clr_type str 6 @clr_type',
          'refd_setl_flag str 3 @flag',
        ),
      ),
    ],
    output: [objectNode('fileinfo', FILE_INFO_FIELDS)],
  },
  {
    infno: '9101',
    name: '文件上传',
    kind: 'query',
    // `in` is the file's bytes in Base64 (how Java and C# clients serialise byte arrays).
    input: [objectNode('fsUploadIn', fields('in str Y', 'filename str 200 Y', 'fixmedins_code str 30 Y'))],
    output: [objectNode(null, FILE_INFO_FIELDS)],
  },
  {
    infno: '9102',
    name: '文件下载',
    kind: 'query',
    binaryOutput: true,
    input: [
      objectNode('fsDownloadIn', fields('file_qury_no str 30 Y', 'filename str 200 Y', 'fixmedins_code str 30 Y')),
    ],
    output: [],
  },
  ...catalogTransactions(FILE_INFO_FIELDS),
  ...traceTransactions(RESULT_OUTPUT),
  ...visitTransactions({ presettleOutput: PRESETTLE_OUTPUT }),
];

export const TRANSACTIONS: Readonly<Record<string, TransactionSpec>> = Object.freeze(
  Object.fromEntries(list.map((t) => [t.infno, t])),
);

export function transactionSpec(infno: string): TransactionSpec | undefined {
  return Object.hasOwn(TRANSACTIONS, infno) ? TRANSACTIONS[infno] : undefined;
}

export function isStateChanging(infno: string): boolean {
  return transactionSpec(infno)?.kind === 'change';
}

/** Transactions 2601 may reverse (2102 pharmacy settlement and 2401 admission included per the practice notes). */
export const REVERSIBLE_INFNOS: readonly string[] = ['2102', '2207', '2304', '2401'];
