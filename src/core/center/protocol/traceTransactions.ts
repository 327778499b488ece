/**
 * The drug traceability family (3501–3506 and their batch forms 3501A–3506A: stock and sale
 * uploads with their scanned codes; ZSMCJ003, the four-code library query). transactions.ts adds
 * these to its table; the shared `result` answer comes in as an argument so that this module does
 * not import back from there.
 */
import { arrayNode, fields, objectNode, type NodeSpec } from './fieldSpec.js';
import type { TransactionSpec } from './transactions.js';

/** One scanned code per entry. */
const DRUGTRACINFO_NODE: NodeSpec = arrayNode('drugtracinfo', fields('drug_trac_codg str 100 Y'), { required: false });

const INVINFO_3501 = fields(
  'med_list_codg str 50 Y',
  'fixmedins_hilist_id str 30 Y',
  'fixmedins_hilist_name str 200 Y',
  'rx_flag str 3 Y @rx_flag',
  'invdate date Y',
  'inv_cnt num 16,2 Y',
  'manu_lotnum str 30',
  'fixmedins_bchno str 30 Y',
  'manu_date date Y',
  'expy_end date Y',
  'memo str 500',
);

const INVINFO_3502 = fields(
  'med_list_codg str 50 Y',
  'inv_chg_type str 6 Y @inv_chg_type',
  'fixmedins_hilist_id str 30 Y',
  'fixmedins_hilist_name str 200 Y',
  'fixmedins_bchno str 30 Y',
  'pric num 16,6 Y',
  'cnt num 16,4 Y',
  'rx_flag str 3 Y @rx_flag',
  'inv_chg_time dt Y',
  'inv_chg_opter_name str 50',
  'memo str 500',
  'trdn_flag str 3 Y @flag',
);

const SELINFO_3505 = fields(
  'med_list_codg str 50 Y',
  'fixmedins_hilist_id str 30 Y',
  'fixmedins_hilist_name str 200 Y',
  'fixmedins_bchno str 30 Y',
  'prsc_dr_cert_type str 6',
  'prsc_dr_certno str 50',
  'prsc_dr_name str 50 Y',
  'phar_cert_type str 6',
  'phar_certno str 50',
  'phar_name str 50 Y',
  'phar_prac_cert_no str 50 Y',
  'hi_feesetl_type str 6 Y',
  'setl_id str 30',
  'mdtrt_sn str 30 Y',
  'psn_no str 30',
  'psn_cert_type str 6 Y @psn_cert_type',
  'certno str 50',
  'psn_name str 50',
  'manu_lotnum str 30 Y',
  'manu_date date Y',
  'expy_end date Y',
  'rx_flag str 3 Y @rx_flag',
  'trdn_flag str 3 Y @flag',
  'finl_trns_pric num 16,6',
  'rxno str 40',
  'rx_circ_flag str 3 Y @flag',
  'rtal_docno str 40 Y',
  'stoout_no str 40',
  'bchno str 30',
  'drug_trac_codg str 100',
  'drug_prod_barc str 30',
  'shelf_posi str 20',
  'sel_retn_cnt num 16,4 Y',
  'sel_retn_time dt Y',
  'sel_retn_opter_name str 50 Y',
  'memo str 500',
  'mdtrt_setl_type str 6 @mdtrt_setl_type',
);

const SELINFO_3506 = fields(
  'med_list_codg str 50 Y',
  'fixmedins_hilist_id str 30 Y',
  'fixmedins_hilist_name str 200 Y',
  'fixmedins_bchno str 30 Y',
  'setl_id str 30',
  'psn_no str 30',
  'psn_cert_type str 6 Y @psn_cert_type',
  'certno str 50',
  'psn_name str 50',
  'manu_lotnum str 30 Y',
  'manu_date date Y',
  'expy_end date Y',
  'rx_flag str 3 Y @rx_flag',
  'trdn_flag str 3 Y @flag',
  'finl_trns_pric num 16,6',
  'sel_retn_cnt num 16,4 Y',
  'sel_retn_time dt Y',
  'sel_retn_opter_name str 50 Y',
  'memo str 500',
  'medins_prod_sel_no str 50',
  'mdtrt_sn str 30 Y',
);

const WITH_TRACE = { children: [DRUGTRACINFO_NODE] };

export function traceTransactions(resultOutput: readonly NodeSpec[]): TransactionSpec[] {
  return [...stockAndSaleUploads(resultOutput), ...batchUploads(resultOutput), fourCodeQuery()];
}

/** A 35xx upload: it changes the center's books and answers with ret_rslt (the shared `result`). */
function upload(infno: string, name: string, input: NodeSpec, resultOutput: readonly NodeSpec[]): TransactionSpec {
  return { infno, name, kind: 'change', retRslt: true, input: [input], output: resultOutput };
}

/** 3501, 3502, 3505, 3506: one record each, with its scanned codes. */
function stockAndSaleUploads(resultOutput: readonly NodeSpec[]): TransactionSpec[] {
  return [
    upload('3501', '商品盘存上传', objectNode('invinfo', INVINFO_3501, WITH_TRACE), resultOutput),
    upload('3502', '商品库存变更', objectNode('invinfo', INVINFO_3502, WITH_TRACE), resultOutput),
    upload('3505', '商品销售', objectNode('selinfo', SELINFO_3505, WITH_TRACE), resultOutput),
    upload('3506', '商品销售退货', objectNode('selinfo', SELINFO_3506, WITH_TRACE), resultOutput),
  ];
}

/** 3501A–3506A: the same records, many per call. */
function batchUploads(resultOutput: readonly NodeSpec[]): TransactionSpec[] {
  return [
    upload('3501A', '商品盘存上传(批量)', arrayNode('invinfoDetail', INVINFO_3501, WITH_TRACE), resultOutput),
    upload('3502A', '商品库存变更(批量)', arrayNode('invinfoDetail', INVINFO_3502, WITH_TRACE), resultOutput),
    upload('3505A', '商品销售(批量)', arrayNode('selinfoDetail', SELINFO_3505, WITH_TRACE), resultOutput),
    // Not in the interface reference; named by the hospitals' operation plans. Assumed to take 3505A's
    // node (selinfoDetail) with 3506's fields (docs/trace.md).
    upload('3506A', '商品销售退货(批量)', arrayNode('selinfoDetail', SELINFO_3506, WITH_TRACE), resultOutput),
  ];
}

/**
 * ZSMCJ003, the four-code library. No specification was published (docs/trace.md, "The four-code
 * library"): paged like 1312; the field names are hisops's defaults, which trace.library in
 * hisops.yaml can change.
 */
function fourCodeQuery(): TransactionSpec {
  return {
    infno: 'ZSMCJ003',
    name: '四码合一查询',
    kind: 'query',
    input: [
      objectNode('data', fields('page_num num 6 Y', 'page_size num 6 Y', 'trac_prefix str 7', 'med_list_codg str 50')),
    ],
    output: [
      objectNode(null, fields('recordCounts num 10', 'pageNum num 6', 'pageSize num 6', 'pages num 6'), {
        required: false,
      }),
      arrayNode(
        'data',
        fields(
          'trac_prefix str 7 Y',
          'med_list_codg str 50 Y',
          'drugstdcode str 50',
          'aprvno str 100',
          'drug_name str 200',
          'drug_spec str 200',
          'pacspec str 200',
          'prodentp_name str 200',
          'pac_lv str 3',
          'pac_ratio str 50',
        ),
        { required: false },
      ),
    ],
  };
}
