/**
 * Which column of a catalog file holds which field. The center's text files have no header and
 * are read by the documented position of each kind; files hospitals receive or export as CSV or
 * xlsx have a header row in national field names or in Chinese. This module decides between the
 * two from the first row and builds the column layout. Pure.
 */
import { kindFromColumnCount, kindFromFileName, KINDS, KIND_LIST, type CatalogKind, type KindSpec } from './kinds.js';

/** Fields hisops keeps beside the documented columns (all kinds). */
const EXTRA_FIELDS = ['hilist_name', 'hilist_spec', 'chrgitm_lv', 'pric_uplmt_amt', 'selfpay_prop'] as const;

/** Chinese (and a few alternative English) headers → national field names. `@name`/`@spec` = the kind's own name/spec field. */
const HEADER_ALIASES: Record<string, string> = {
  医疗目录编码: 'med_list_codg',
  医保目录编码: 'med_list_codg',
  医保编码: 'med_list_codg',
  医保代码: 'med_list_codg',
  国家编码: 'med_list_codg',
  国家医保编码: 'med_list_codg',
  目录编码: 'med_list_codg',
  国家代码: 'med_list_codg',
  hilist_code: 'med_list_codg',
  开始日期: 'begndate',
  生效日期: 'begndate',
  开始时间: 'begndate',
  起始日期: 'begndate',
  结束日期: 'enddate',
  失效日期: 'enddate',
  终止日期: 'enddate',
  结束时间: 'enddate',
  有效标志: 'vali_flag',
  版本号: 'ver',
  版本名称: 'ver_name',
  唯一记录号: 'rid',
  创建时间: 'crte_time',
  更新时间: 'updt_time',
  备注: 'memo',
  收费项目等级: 'chrgitm_lv',
  甲乙类: 'chrgitm_lv',
  甲乙类标识: 'chrgitm_lv',
  医保等级: 'chrgitm_lv',
  收费等级: 'chrgitm_lv',
  目录等级: 'chrgitm_lv',
  限价: 'pric_uplmt_amt',
  最高限价: 'pric_uplmt_amt',
  支付限价: 'pric_uplmt_amt',
  医保限价: 'pric_uplmt_amt',
  价格上限: 'pric_uplmt_amt',
  限价金额: 'pric_uplmt_amt',
  hilist_pric_uplmt_amt: 'pric_uplmt_amt',
  自付比例: 'selfpay_prop',
  先自付比例: 'selfpay_prop',
  个人自付比例: 'selfpay_prop',
  名称: '@name',
  目录名称: '@name',
  医保名称: '@name',
  医保目录名称: '@name',
  hilist_name: 'hilist_name',
  规格: '@spec',
  注册名称: 'reg_name',
  商品名: 'drug_prodname',
  商品名称: 'drug_prodname',
  通用名: 'drug_genname',
  通用名称: 'drug_genname',
  药品名称: 'drug_genname',
  单味药名称: 'tcmherb_name',
  中药饮片名称: 'tcmherb_name',
  项目名称: 'servitem_name',
  服务项目名称: 'servitem_name',
  耗材名称: 'mcs_name',
  剂型: 'drug_dosform_name',
  批准文号: 'aprvno',
  生产企业名称: 'prodentp_name',
  生产企业: 'prodentp_name',
  计价单位: 'prcunt',
  包装规格: 'pacspec',
  项目内涵: 'trt_item_cont',
  除外内容: 'trt_exct_cont',
  项目说明: 'trt_item_dscr',
  限制使用范围: 'lmt_usescp',
  国家医保药品目录甲乙类标识: 'nat_hi_druglist_chrgitm_lv',
};

function normHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, '')
    .replace(/[（(].*?[）)]$/, '');
}

/** A header cell → national field name for a kind, or undefined when unknown. */
function headerField(h: string, k: KindSpec): string | undefined {
  const n = normHeader(h);
  const lower = n.toLowerCase();
  if (k.columns.includes(lower) || (EXTRA_FIELDS as readonly string[]).includes(lower)) return lower;
  const a = HEADER_ALIASES[n] ?? HEADER_ALIASES[lower];
  if (a === '@name') return k.nameFields[0] ?? 'hilist_name';
  if (a === '@spec') return k.specFields[0] ?? 'hilist_spec';
  if (a === 'nat_hi_druglist_chrgitm_lv' && k.kind !== '1301') return 'chrgitm_lv';
  return a;
}

export interface Layout {
  kind: CatalogKind;
  mode: 'header' | 'position';
  /** For each cell index: the documented column index it fills, or -1 (an extra field or unknown). */
  toDocumented: number[];
  /** For each cell index: the extra field it fills (hilist_name, chrgitm_lv…), if any. */
  toExtra: (string | undefined)[];
  /** Header text per cell index (header mode), for messages and the `extra` column. */
  header?: string[];
  /** Where the kind came from, for the report. */
  kindFrom: 'given' | 'file name' | 'column count' | 'header';
}

type LayoutResult =
  | { ok: true; layout: Layout }
  | { ok: false; problem: 'UNKNOWN_KIND' | 'MISSING_COLUMN'; message: string; fix: string };

function looksLikeHeader(cells: readonly string[]): boolean {
  let known = 0;
  for (const c of cells) {
    const n = normHeader(c);
    if (!n) continue;
    if (
      HEADER_ALIASES[n] ||
      HEADER_ALIASES[n.toLowerCase()] ||
      KIND_LIST.some((k) => k.columns.includes(n.toLowerCase()))
    )
      known++;
  }
  return (
    known >= 1 &&
    cells.some(
      (c) =>
        ['med_list_codg'].includes(normHeader(c).toLowerCase()) || HEADER_ALIASES[normHeader(c)] === 'med_list_codg',
    )
  );
}

/** The kind a header names best: the kind whose own fields it mentions most. */
function kindFromHeader(cells: readonly string[]): CatalogKind | undefined {
  let best: CatalogKind | undefined;
  let bestScore = 0;
  let tie = false;
  for (const k of KIND_LIST) {
    const own = new Set(k.columns.filter((c) => !KIND_LIST.every((o) => o.columns.includes(c))));
    let score = 0;
    for (const c of cells) {
      const n = normHeader(c);
      const f = own.has(n.toLowerCase()) ? n.toLowerCase() : HEADER_ALIASES[n];
      if (f && own.has(f)) score++;
    }
    if (score > bestScore) {
      best = k.kind;
      bestScore = score;
      tie = false;
    } else if (score === bestScore && score > 0) tie = true;
  }
  return tie ? undefined : best;
}

/** Decide the layout of a table from its first row, the file name and an optional --kind. */
export function layoutFor(firstRow: readonly string[], fileName: string, given?: CatalogKind): LayoutResult {
  const header = looksLikeHeader(firstRow);
  let kind = given;
  let kindFrom: Layout['kindFrom'] = 'given';
  if (!kind) {
    const byName = kindFromFileName(fileName);
    const byShape = header ? kindFromHeader(firstRow) : kindFromColumnCount(firstRow.length);
    kind = byName ?? byShape;
    kindFrom = byName ? 'file name' : header ? 'header' : 'column count';
  }
  if (!kind) {
    return {
      ok: false,
      problem: 'UNKNOWN_KIND',
      message: header
        ? 'cannot tell which catalog this file holds from its name or its header'
        : `cannot tell which catalog this file holds: its name says nothing and ${firstRow.length} columns match no documented layout (1301: 92, 1302: 28, 1303: 78, 1305: 16, 1306: 71)`,
      fix: 'Name the catalog with --kind (1301 drugs, 1302 herbs, 1303 preparations, 1305 services, 1306 consumables).',
    };
  }
  const k = KINDS[kind];
  if (!header) {
    return {
      ok: true,
      layout: { kind, mode: 'position', toDocumented: k.columns.map((_, i) => i), toExtra: [], kindFrom },
    };
  }
  const toDocumented: number[] = [];
  const toExtra: (string | undefined)[] = [];
  for (const h of firstRow) {
    const f = headerField(h, k);
    const i = f ? k.columns.indexOf(f) : -1;
    toDocumented.push(i);
    toExtra.push(i < 0 && f && (EXTRA_FIELDS as readonly string[]).includes(f) ? f : undefined);
  }
  if (!toDocumented.includes(0)) {
    return {
      ok: false,
      problem: 'MISSING_COLUMN',
      message: 'the header has no column for the national code (med_list_codg / 医疗目录编码 / 医保编码)',
      fix: 'Add or rename the code column to med_list_codg (or 医保编码), then import again.',
    };
  }
  return {
    ok: true,
    layout: { kind, mode: 'header', toDocumented, toExtra, header: firstRow.map((h) => normHeader(h)), kindFrom },
  };
}
