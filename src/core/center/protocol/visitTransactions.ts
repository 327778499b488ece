/**
 * The visit flow before settlement (interface reference §5, 2201–2206 and 2301–2303; 2401–2405
 * from the national interface document, whose field tables the reference file does not copy):
 * registration and admission, visit information, fee lines and pre-settlement. transactions.ts
 * adds these to its table; the shared settlement blocks come in as arguments so that this module
 * does not import back from there.
 */
import { arrayNode, fields, objectNode, type FieldSpec, type NodeSpec } from './fieldSpec.js';
import type { TransactionSpec } from './transactions.js';

interface SharedBlocks {
  /** 2206 / 2303 output: the same without a real setl_id and setl_time. */
  presettleOutput: readonly NodeSpec[];
}

/** The center's pricing of a fee line, as 2204/2301 answer it and 5204 lists it. */
const LINE_PRICING = [
  'pric_uplmt_amt num 16,6',
  'selfpay_prop num 5,4',
  'fulamt_ownpay_amt num 16,2',
  'overlmt_amt num 16,2',
  'preselfpay_amt num 16,2',
  'inscp_scp_amt num 16,2',
  'chrgitm_lv str 3',
  'med_chrgitm_type str 6',
];

/** One 2204 line (the 2301 line differs, below). */
const FEE_LINE_COMMON = [
  'feedetl_sn str 30 Y',
  'mdtrt_id str 30 Y',
  'psn_no str 30 Y',
  'fee_ocur_time dt Y',
  'med_list_codg str 50 Y',
  'medins_list_codg str 150 Y',
  'det_item_fee_sumamt num 16,2 Y',
  'cnt num 16,4 Y',
  'pric num 16,6 Y',
  'sin_dos_dscr str 200',
  'used_frqu_dscr str 200',
  'prd_days num 4,2',
  'medc_way_dscr str 200',
  'bilg_dept_codg str 30 Y',
  'bilg_dept_name str 100 Y',
  'bilg_dr_codg str 30 Y',
  'bilg_dr_name str 50 Y',
  'acord_dept_codg str 30',
  'acord_dept_name str 100',
  'orders_dr_code str 30',
  'orders_dr_name str 50',
  'hosp_appr_flag str 3 Y @hosp_appr_flag',
  'tcmdrug_used_way str 6',
  'etip_flag str 3',
  'etip_hosp_code str 30',
  'dscg_tkdrug_flag str 3',
  'matn_fee_flag str 6',
  'exp_content str 4000',
];

const FEE_LINE_2204: FieldSpec[] = fields(
  ...FEE_LINE_COMMON,
  'chrg_bchno str 30 Y',
  'dise_codg str 30',
  'rxno str 30',
  'rx_circ_flag str 3 Y @flag',
);

// cnt may be negative on a refund line (init_feedetl_sn names the line it refunds).
const FEE_LINE_2301: FieldSpec[] = fields(
  ...FEE_LINE_COMMON,
  'init_feedetl_sn str 30',
  'drord_no str 30',
  'med_type str 6 Y @med_type',
  'memo str 500',
);

/** 2204 / 2301 output: the center's pricing of each line. */
const FEE_RESULT = arrayNode(
  'result',
  fields(
    'feedetl_sn str 30 Y',
    'det_item_fee_sumamt num 16,2 Y',
    'cnt num 16,4 Y',
    'pric num 16,6 Y',
    ...LINE_PRICING,
    'bas_medn_flag str 3',
    'hi_nego_drug_flag str 3',
    'chld_medc_flag str 3',
    'list_sp_item_flag str 3',
    'lmt_used_flag str 3',
    'drt_reim_flag str 3',
    'memo str 500',
  ),
);

const DISEINFO_2203 = arrayNode(
  'diseinfo',
  fields(
    'diag_type str 3 Y @diag_type',
    'diag_srt_no num 2 Y',
    'diag_code str 20 Y',
    'diag_name str 100 Y',
    'diag_dept str 50 Y',
    'dise_dor_no str 30 Y',
    'dise_dor_name str 50 Y',
    'diag_time dt Y',
    'vali_flag str 3 Y @flag',
  ),
);

const MDTRTINFO_2203 = objectNode(
  'mdtrtinfo',
  fields(
    'mdtrt_id str 30 Y',
    'psn_no str 30 Y',
    'med_type str 6 Y @med_type',
    'begntime dt Y',
    'main_cond_dscr str 1000',
    'dise_codg str 30',
    'dise_name str 500',
    'birctrl_type str 6',
    'birctrl_matn_date date',
    'matn_type str 6',
    'geso_val num 2',
  ),
);

/** 2401/2402 diagnoses: as 2203's, with the inpatient flags. */
const DISEINFO_IPT = arrayNode(
  'diseinfo',
  fields(
    'psn_no str 30',
    'diag_type str 3 Y @diag_type',
    'maindiag_flag str 3 Y @flag',
    'diag_srt_no num 2 Y',
    'diag_code str 20 Y',
    'diag_name str 100 Y',
    'adm_cond str 500',
    'diag_dept str 50 Y',
    'dise_dor_no str 30 Y',
    'dise_dor_name str 50 Y',
    'diag_time dt Y',
  ),
  { required: false },
);

/** The head that pre-settlement (2206/2303) and inpatient settlement (2304) send alike. */
export const SETTLE_HEAD = [
  'psn_no str 30 Y',
  'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
  'mdtrt_cert_no str 50 Y',
  'medfee_sumamt num 16,2 Y',
  'psn_setlway str 6 Y @psn_setlway',
  'mdtrt_id str 30 Y',
  'insutype str 6 Y @insutype',
  'acct_used_flag str 1 Y @flag',
];

function presettleInput(inpatient: boolean): NodeSpec[] {
  const common = [...SETTLE_HEAD, 'exp_content str 4000'];
  const own = inpatient
    ? ['mid_setl_flag str 3 Y @flag', 'med_type str 6 @med_type']
    : ['med_type str 6 Y @med_type', 'chrg_bchno str 30 Y'];
  return [objectNode('data', fields(...common, ...own))];
}

/** A cancelling call: its keys (and exp_content) in `data`, nothing in the answer. */
function undoCall(infno: string, name: string, ...keys: string[]): TransactionSpec {
  return {
    infno,
    name,
    kind: 'change',
    input: [objectNode('data', fields(...keys, 'exp_content str 4000'))],
    output: [],
  };
}

/** 2201 input: the outpatient registration. */
const REGISTER_2201 = objectNode(
  'data',
  fields(
    'psn_no str 30 Y',
    'insutype str 6 Y @insutype',
    'begntime dt Y',
    'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
    'mdtrt_cert_no str 50 Y',
    'ipt_otp_no str 30 Y',
    'atddr_no str 30 Y',
    'dr_name str 50 Y',
    'dept_code str 30 Y',
    'dept_name str 100 Y',
    'caty str 6 Y',
    'psn_cert_type str 6 @psn_cert_type',
    'certno str 50',
    'psn_type str 6',
    'psn_name str 50',
    'exp_content str 4000',
  ),
);

/** 2401 input: the admission. */
const ADMIT_2401 = objectNode(
  'mdtrtinfo',
  fields(
    'psn_no str 30 Y',
    'insutype str 6 Y @insutype',
    'coner_name str 50',
    'tel str 50',
    'begntime dt Y',
    'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
    'mdtrt_cert_no str 50 Y',
    'med_type str 6 Y @med_type',
    'ipt_no str 30 Y',
    'medrcdno str 30',
    'atddr_no str 30 Y',
    'chfpdr_name str 50 Y',
    'adm_diag_dscr str 200',
    'adm_dept_codg str 30 Y',
    'adm_dept_name str 100 Y',
    'adm_bed str 30',
    'dscg_maindiag_code str 30 Y',
    'dscg_maindiag_name str 300 Y',
    'main_cond_dscr str 1000',
    'dise_codg str 30',
    'dise_name str 500',
    'insuplc_admdvs str 6',
    'mdtrtarea_admvs str 6',
    'exp_content str 4000',
  ),
);

/** 2402 input: the discharge. */
const DISCHARGE_2402 = objectNode(
  'dscginfo',
  fields(
    'mdtrt_id str 30 Y',
    'psn_no str 30 Y',
    'insutype str 6 Y @insutype',
    'endtime dt Y',
    'dise_codg str 30',
    'dise_name str 500',
    'oprn_oprt_code str 30',
    'oprn_oprt_name str 500',
    'dscg_way str 6 Y',
    'dscg_dept_codg str 30 Y',
    'dscg_dept_name str 100 Y',
    'exp_content str 4000',
  ),
);

/** 2403 input: a change to the admission. */
const ADMISSION_CHANGE_2403 = objectNode(
  'adminfo',
  fields(
    'mdtrt_id str 30 Y',
    'psn_no str 30 Y',
    'coner_name str 50',
    'tel str 50',
    'begntime dt Y',
    'endtime dt',
    'mdtrt_cert_type str 3 Y @mdtrt_cert_type',
    'mdtrt_cert_no str 50 Y',
    'med_type str 6 Y @med_type',
    'ipt_otp_no str 30',
    'medrcdno str 30',
    'atddr_no str 30',
    'chfpdr_name str 50',
    'adm_diag_dscr str 200',
    'adm_dept_codg str 30',
    'adm_dept_name str 100',
    'adm_bed str 30',
    'dscg_maindiag_code str 30',
    'dscg_maindiag_name str 300',
    'main_cond_dscr str 1000',
    'dise_codg str 30',
    'dise_name str 500',
    'exp_content str 4000',
  ),
);

/** 5204 output: a visit's fee lines. The reference says "Output (array)" without naming the node: the sandbox's choice is `feedetail`. */
const FEE_LINES_5204 = arrayNode(
  'feedetail',
  fields(
    'mdtrt_id str 30 Y',
    'setl_id str 30',
    'feedetl_sn str 30 Y',
    'rx_drord_no str 30',
    'med_type str 6',
    'fee_ocur_time dt',
    'cnt num 16,4 Y',
    'pric num 16,6 Y',
    'det_item_fee_sumamt num 16,2 Y',
    ...LINE_PRICING,
    'med_list_codg str 50',
    'medins_list_codg str 150',
  ),
  { required: false },
);

export function visitTransactions(b: SharedBlocks): TransactionSpec[] {
  return [
    {
      infno: '2201',
      name: '门诊挂号',
      kind: 'change',
      input: [REGISTER_2201],
      output: [
        objectNode(
          'data',
          fields('mdtrt_id str 30 Y', 'psn_no str 30 Y', 'ipt_otp_no str 30 Y', 'exp_content str 4000'),
        ),
      ],
    },
    undoCall('2202', '门诊挂号撤销', 'psn_no str 30 Y', 'mdtrt_id str 30 Y', 'ipt_otp_no str 30 Y'),
    { infno: '2203', name: '门诊就诊信息上传', kind: 'change', input: [MDTRTINFO_2203, DISEINFO_2203], output: [] },
    { infno: '2203A', name: '门诊就诊信息上传', kind: 'change', input: [MDTRTINFO_2203, DISEINFO_2203], output: [] },
    {
      infno: '2204',
      name: '门诊费用明细上传',
      kind: 'change',
      input: [arrayNode('feedetail', FEE_LINE_2204)],
      output: [FEE_RESULT],
    },
    undoCall('2205', '门诊费用明细撤销', 'mdtrt_id str 30 Y', 'chrg_bchno str 30 Y', 'psn_no str 30 Y'),
    { infno: '2206', name: '门诊预结算', kind: 'query', input: presettleInput(false), output: b.presettleOutput },
    {
      infno: '2301',
      name: '住院费用明细上传',
      kind: 'change',
      input: [arrayNode('feedetail', FEE_LINE_2301)],
      output: [FEE_RESULT],
    },
    undoCall('2302', '住院费用明细撤销', 'feedetl_sn str 30 Y', 'mdtrt_id str 30 Y', 'psn_no str 30 Y'),
    { infno: '2303', name: '住院预结算', kind: 'query', input: presettleInput(true), output: b.presettleOutput },
    {
      infno: '2401',
      name: '入院办理',
      kind: 'change',
      reversible: true,
      input: [ADMIT_2401, DISEINFO_IPT],
      output: [objectNode('result', fields('mdtrt_id str 30 Y', 'psn_no str 30 Y', 'ipt_otp_no str 30 Y'))],
    },
    {
      infno: '2402',
      name: '出院办理',
      kind: 'change',
      input: [DISCHARGE_2402, DISEINFO_IPT],
      output: [],
    },
    {
      infno: '2403',
      name: '在院信息变更',
      kind: 'change',
      input: [ADMISSION_CHANGE_2403, DISEINFO_IPT],
      output: [],
    },
    undoCall('2404', '入院办理撤销', 'mdtrt_id str 30 Y', 'psn_no str 30 Y'),
    undoCall('2405', '出院办理撤销', 'mdtrt_id str 30 Y', 'psn_no str 30 Y'),
    {
      infno: '5204',
      name: '费用明细查询',
      kind: 'query',
      input: [objectNode('data', fields('psn_no str 30 Y', 'setl_id str 30', 'mdtrt_id str 30 Y'))],
      output: [FEE_LINES_5204],
    },
  ];
}
