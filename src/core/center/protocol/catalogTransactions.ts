/**
 * The catalog family: the catalog files (1301–1315, downloaded as ZIPs through 9101/9102), the
 * paged 1312 query, and the mapping upload and its cancellation (3301/3302). transactions.ts adds
 * these to its table; the shared file-information fields come in as an argument so that this
 * module does not import back from there.
 */
import { arrayNode, field, fields, objectNode, type FieldSpec, type NodeSpec } from './fieldSpec.js';
import type { TransactionSpec } from './transactions.js';

/** Catalog file downloads (1301–1321 of kind "file"): input `data.ver`, output flat file info. */
const CATALOG_FILE_INPUT: NodeSpec[] = [objectNode('data', fields('ver str 50 Y'))];

/** Catalog codes delivered as files, with their names. 1304/1312/1316–1319 are paged queries. */
export const CATALOG_FILE_INFNOS = {
  '1301': '西药中成药目录下载',
  '1302': '中药饮片目录下载',
  '1303': '医疗机构制剂目录下载',
  '1305': '医疗服务项目目录下载',
  '1306': '医用耗材目录下载',
  '1307': '疾病与诊断目录下载',
  '1308': '手术操作目录下载',
  '1309': '门诊慢特病种目录下载',
  '1310': '按病种付费病种目录下载',
  '1311': '日间手术治疗病种目录下载',
  '1313': '肿瘤形态学目录下载',
  '1314': '中医疾病目录下载',
  '1315': '中医证候目录下载',
} as const;
export type CatalogFileInfno = keyof typeof CATALOG_FILE_INFNOS;

/** 1312: the insurance catalog, paged (what 1301–1315 deliver as files). */
const CATALOG_QUERY_1312: TransactionSpec = {
  infno: '1312',
  name: '医保目录信息查询',
  kind: 'query',
  input: [
    objectNode(
      'data',
      fields(
        'query_date date',
        'hilist_code str 30',
        'insu_admdvs str 6',
        'begndate date',
        'hilist_name str 200',
        'wubi str 30',
        'pinyin str 30',
        'med_chrgitm_type str 6 @med_chrgitm_type',
        'chrgitm_lv str 3 @chrgitm_lv',
        'lmt_used_flag str 3 @flag',
        'list_type str 30 @list_type',
        'med_use_flag str 3',
        'matn_used_flag str 3',
        'hilist_use_type str 6',
        'lmt_cpnd_type str 6',
        'vali_flag str 3 @flag',
        'updt_time dt Y',
        'page_num num 6 Y',
        'page_size num 6 Y',
      ),
    ),
  ],
  // Output shape inferred from common responses (the reference lists only inputs):
  // `output.data` is the page of rows, beside paging counters.
  output: [
    objectNode(null, fields('recordCounts num 10', 'pageNum num 6', 'pageSize num 6', 'pages num 6'), {
      required: false,
    }),
    arrayNode(
      'data',
      fields(
        'hilist_code str 30 Y',
        'hilist_name str 200 Y',
        'insu_admdvs str 6',
        'begndate date',
        'enddate date',
        'med_chrgitm_type str 6',
        'chrgitm_lv str 3',
        'lmt_used_flag str 3',
        'list_type str 30',
        'med_use_flag str 3',
        'matn_used_flag str 3',
        'hilist_use_type str 6',
        'lmt_cpnd_type str 6',
        'wubi str 30',
        'pinyin str 30',
        'memo str 500',
        'vali_flag str 3',
        'rid str 40',
        'updt_time dt',
      ),
      { required: false },
    ),
  ],
};

export function catalogTransactions(fileInfoFields: readonly FieldSpec[]): TransactionSpec[] {
  const fileOutput: NodeSpec[] = [objectNode(null, [...fileInfoFields, field('data_cnt num 10')])];
  return [
    {
      infno: '3301',
      name: '目录对照上传',
      kind: 'change',
      input: [
        objectNode(
          'data',
          fields(
            'fixmedins_hilist_id str 30 Y',
            'fixmedins_hilist_name str 200 Y',
            'list_type str 30 Y @list_type',
            'med_list_codg str 30 Y',
            'begndate date Y',
            'enddate date Y',
            'aprvno str 30',
            'dosform str 200',
            'exct_cont str 2000',
            'item_cont str 2000',
            'prcunt str 100',
            'spec str 200',
            'pacspec str 100',
            'memo str 500',
          ),
        ),
      ],
      output: [],
    },
    {
      infno: '3302',
      name: '目录对照撤销',
      kind: 'change',
      input: [
        objectNode(
          'data',
          fields(
            'fixmedins_code str 30 Y',
            'fixmedins_hilist_id str 30 Y',
            'list_type str 30 Y @list_type',
            'med_list_codg str 30 Y',
          ),
        ),
      ],
      output: [],
    },
    CATALOG_QUERY_1312,
    ...Object.entries(CATALOG_FILE_INFNOS).map(
      ([infno, name]): TransactionSpec => ({
        infno,
        name,
        kind: 'query',
        input: CATALOG_FILE_INPUT,
        output: fileOutput,
      }),
    ),
  ];
}
