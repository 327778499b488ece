/**
 * The catalog kinds hisops imports, in one table: the download transaction (1301–1306), the
 * list_type a mapping to it carries (3301), the documented column order of the center's file,
 * where its display name lives, the shape of its national codes and the hisops table that holds
 * it. Pure.
 */
// The one module that defines the columns, not the protocol's index: the import's reading thread
// loads this module, and the whole protocol (signing, envelopes…) would double its start-up.
import { CATALOG_COLUMNS } from '../center/protocol/catalogFile.js';

export type CatalogKind = '1301' | '1302' | '1303' | '1305' | '1306';

export interface KindSpec {
  kind: CatalogKind;
  /** list_type of mappings to this catalog (§6). */
  list_type: string;
  /** Short English name used on the command line. */
  alias: string;
  label: { en: string; zh: string };
  /** Documented column order of the download file (position → national field name). */
  columns: readonly string[];
  /** The columns holding the validity period (1303 files call them begntime/endtime). */
  beginField: string;
  endField: string;
  /** Fields holding the display name, first present wins. */
  nameFields: readonly string[];
  /** Fields holding a specification, first present wins. */
  specFields: readonly string[];
  /** Fields feeding hisops's prodentp_name / aprvno / prcunt columns, first present wins. */
  entpFields: readonly string[];
  aprvFields: readonly string[];
  unitFields: readonly string[];
  /** The shape of a national code of this catalog. */
  codeShape: RegExp;
  codeShapeText: string;
  /** File-name hints (center file names and what hospitals call them). */
  fileHints: RegExp;
  /** hisops's table for this catalog. */
  table: string;
}

const spec = (s: Omit<KindSpec, 'columns' | 'beginField' | 'endField'>): KindSpec => {
  const columns = CATALOG_COLUMNS[s.kind]!;
  const has = (c: string) => columns.includes(c);
  return {
    ...s,
    columns,
    beginField: has('begndate') ? 'begndate' : 'begntime',
    endField: has('enddate') ? 'enddate' : 'endtime',
  };
};

export const KINDS: Readonly<Record<CatalogKind, KindSpec>> = {
  '1301': spec({
    kind: '1301',
    list_type: '101',
    alias: 'drugs',
    label: { en: 'western and patent medicines', zh: '西药中成药' },
    nameFields: ['drug_genname', 'drug_prodname', 'reg_name'],
    specFields: ['drug_spec', 'reg_spec'],
    entpFields: ['prodentp_name'],
    aprvFields: ['aprvno', 'drug_regno'],
    unitFields: ['min_salunt', 'min_useunt'],
    codeShape: /^[XZ][A-Z0-9]{9,29}$/,
    codeShapeText: 'X or Z followed by 9–29 capital letters or digits (e.g. XA01ABA0000000000000001)',
    fileHints: /1301|西药|中成药|drug/i,
    table: 'hisops_catalog_drug',
  }),
  '1302': spec({
    kind: '1302',
    list_type: '102',
    alias: 'herbs',
    label: { en: 'herbal pieces', zh: '中药饮片' },
    nameFields: ['tcmherb_name', 'mlms_name'],
    specFields: [],
    entpFields: [],
    aprvFields: [],
    unitFields: [],
    codeShape: /^T[0-9A-Z]{6,29}$/,
    codeShapeText: 'T followed by 6–29 capital letters or digits (e.g. T000100001)',
    fileHints: /1302|饮片|herb/i,
    table: 'hisops_catalog_herb',
  }),
  '1303': spec({
    kind: '1303',
    list_type: '103',
    alias: 'preparations',
    label: { en: 'in-house preparations', zh: '医疗机构制剂' },
    nameFields: ['drug_prodname', 'reg_name'],
    specFields: ['drug_spec', 'reg_spec'],
    entpFields: ['prodentp_name'],
    aprvFields: ['aprvno', 'drug_regno'],
    unitFields: ['min_salunt', 'min_useunt'],
    codeShape: /^[A-Z][A-Z0-9]{5,29}$/,
    codeShapeText: 'a capital letter followed by 5–29 capital letters or digits (e.g. ZHN0000000001)',
    fileHints: /1303|制剂|prep/i,
    table: 'hisops_catalog_prep',
  }),
  '1305': spec({
    kind: '1305',
    list_type: '201',
    alias: 'services',
    label: { en: 'medical service items', zh: '医疗服务项目' },
    nameFields: ['servitem_name'],
    specFields: [],
    entpFields: [],
    aprvFields: [],
    unitFields: ['prcunt_name', 'prcunt'],
    codeShape: /^[0-9][0-9A-Za-z-]{5,29}$/,
    codeShapeText: 'a digit followed by 5–29 letters, digits or "-" (e.g. 001101000010000)',
    fileHints: /1305|服务|service/i,
    table: 'hisops_catalog_service',
  }),
  '1306': spec({
    kind: '1306',
    list_type: '301',
    alias: 'consumables',
    label: { en: 'medical consumables', zh: '医用耗材' },
    nameFields: ['mcs_name', 'hi_genname', 'reg_fil_prod_name'],
    specFields: ['spec', 'prod_mol'],
    entpFields: ['prodentp_name', 'reger_name'],
    aprvFields: ['reg_fil_no'],
    unitFields: ['min_salunt', 'min_useunt'],
    codeShape: /^C[0-9A-Z]{10,29}$/,
    codeShapeText: 'C followed by 10–29 digits or capital letters (e.g. C0101010010100100001)',
    fileHints: /1306|耗材|consumable|mcs/i,
    table: 'hisops_catalog_consumable',
  }),
};

export const KIND_LIST: readonly KindSpec[] = Object.values(KINDS);

/** list_type values (§6) and their names, including those hisops has no catalog for. */
export const LIST_TYPES: Readonly<Record<string, { en: string; zh: string; kind?: CatalogKind }>> = {
  '101': { en: 'western and patent medicines', zh: '西药中成药', kind: '1301' },
  '102': { en: 'herbal pieces', zh: '中药饮片', kind: '1302' },
  '103': { en: 'in-house preparations', zh: '医疗机构制剂', kind: '1303' },
  '104': { en: 'ethnic medicines', zh: '民族药' },
  '201': { en: 'medical service items', zh: '医疗服务项目', kind: '1305' },
  '301': { en: 'medical consumables', zh: '医用耗材', kind: '1306' },
};

const LIST_TYPE_NAMES: Record<string, string> = {
  西药中成药: '101',
  西药: '101',
  中成药: '101',
  药品: '101',
  中药饮片: '102',
  饮片: '102',
  医疗机构制剂: '103',
  自制剂: '103',
  院内制剂: '103',
  制剂: '103',
  民族药: '104',
  民族药品: '104',
  医疗服务项目: '201',
  诊疗项目: '201',
  服务项目: '201',
  医疗服务: '201',
  医用耗材: '301',
  耗材: '301',
  医用材料: '301',
  卫生材料: '301',
};

/** A list_type written as its code or its Chinese name → the code; undefined if unknown. */
export function normalizeListType(raw: string): string | undefined {
  const s = raw.trim();
  if (LIST_TYPES[s]) return s;
  return LIST_TYPE_NAMES[s.replace(/\s+/g, '')];
}

/** `1306`, `consumables`, `耗材`, `301` → the kind; undefined if unknown. */
export function resolveKind(raw: string): CatalogKind | undefined {
  const s = raw.trim().toLowerCase();
  for (const k of KIND_LIST) {
    if (
      s === k.kind ||
      s === k.alias ||
      s === k.alias.replace(/s$/, '') ||
      s === k.list_type ||
      k.label.zh === raw.trim()
    )
      return k.kind;
  }
  const lt = normalizeListType(raw);
  return lt ? LIST_TYPES[lt]?.kind : undefined;
}

export function kindOfListType(listType: string): CatalogKind | undefined {
  return LIST_TYPES[listType]?.kind;
}

/** Which kind a file holds, judged by its name; undefined when the name says nothing or is ambiguous. */
export function kindFromFileName(name: string): CatalogKind | undefined {
  const base = name.split(/[\\/]/).pop() ?? name;
  const hits = KIND_LIST.filter((k) => k.fileHints.test(base));
  return hits.length === 1 ? hits[0]!.kind : undefined;
}

/** Which kind a header-less file holds, judged by its number of columns (the documented counts differ). */
export function kindFromColumnCount(n: number): CatalogKind | undefined {
  const exact = KIND_LIST.find((k) => k.columns.length === n);
  return exact?.kind;
}

/** chrgitm_lv 收费项目等级: 01 甲类 (A), 02 乙类 (B), 03 丙类/自费 (C). */
export const CHRGITM_LV: Readonly<Record<string, { en: string; zh: string }>> = {
  '01': { en: 'A (甲类)', zh: '甲类' },
  '02': { en: 'B (乙类)', zh: '乙类' },
  '03': { en: 'C (丙类/自费)', zh: '丙类' },
};

const LV_ALIASES: Record<string, string> = {
  '01': '01',
  '1': '01',
  甲: '01',
  甲类: '01',
  a: '01',
  '02': '02',
  '2': '02',
  乙: '02',
  乙类: '02',
  b: '02',
  '03': '03',
  '3': '03',
  丙: '03',
  丙类: '03',
  自费: '03',
  c: '03',
};

/** `01`/`1`/`甲类`/`A` → `01`, and so on; undefined when it is none of them. */
export function normalizeChrgitmLv(raw: string): string | undefined {
  return LV_ALIASES[raw.trim().toLowerCase()];
}
