/**
 * One entry of the four-code library (四码合一库): the product-identification code (药品标识码,
 * the first 7 digits of a 20-digit 码上放心 traceability code, `trac_prefix`) of one package level
 * of one drug, with the drug's national catalog code (`med_list_codg`), 本位码 (`drugstdcode`),
 * approval number (`aprvno`) and the package level and ratio. No specification of the library
 * (nor of ZSMCJ003) was published: the columns below are what hisops assumes and accepts, each
 * under its national field name where one exists (1301's drugstdcode, aprvno, drug_spec, pacspec,
 * prodentp_name) and under the Chinese headers exports commonly carry. docs/trace.md lists them.
 * Pure.
 */
import { cellText, issue, layoutOf, type FileIssue } from './fileIssues.js';

export interface LibraryEntry {
  /** 药品标识码: 7 digits. */
  trac_prefix: string;
  med_list_codg: string;
  /** 药品本位码. */
  drugstdcode: string | null;
  /** 批准文号. */
  aprvno: string | null;
  drug_name: string | null;
  drug_spec: string | null;
  pacspec: string | null;
  prodentp_name: string | null;
  /** Package level: 1 small (the sales unit), 2 medium, 3 large. */
  pac_lv: string | null;
  /** The package ratio as the platform writes it (e.g. 1:10:100). */
  pac_ratio: string | null;
}

export const LIBRARY_FIELDS = [
  'trac_prefix',
  'med_list_codg',
  'drugstdcode',
  'aprvno',
  'drug_name',
  'drug_spec',
  'pacspec',
  'prodentp_name',
  'pac_lv',
  'pac_ratio',
] as const;
export type LibraryField = (typeof LIBRARY_FIELDS)[number];

/** The header names accepted for each field (besides the field's own name). */
export const LIBRARY_HEADERS: Readonly<Record<LibraryField, readonly string[]>> = {
  trac_prefix: ['药品标识码', '产品标识码', '标识码', '追溯码前缀', '追溯码前7位', 'prefix', 'drug_idf_code'],
  med_list_codg: [
    '医保编码',
    '国家医保编码',
    '医保药品编码',
    '国家医保药品编码',
    '医保目录编码',
    '医疗目录编码',
    '国家药品编码',
    'hilist_code',
  ],
  drugstdcode: ['本位码', '药品本位码', '药监本位码', 'drug_std_code'],
  aprvno: ['批准文号', '批准文号/注册证号', '注册证号'],
  drug_name: ['药品名称', '通用名', '通用名称', '商品名', '商品名称', '产品名称', 'drug_genname', 'drug_prodname'],
  drug_spec: ['规格', '制剂规格', '药品规格'],
  pacspec: ['包装规格'],
  prodentp_name: ['生产企业', '生产厂家', '生产企业名称', '企业名称'],
  pac_lv: ['包装级别', '包装层级', '级别', '层级', 'level'],
  pac_ratio: ['包装比例', '包装转换比', '包装比', 'ratio'],
};

export type LibraryLayout = Partial<Record<LibraryField, number>>;

export function libraryLayout(header: readonly string[]): LibraryLayout {
  return layoutOf(header, LIBRARY_HEADERS);
}

/** The required columns a header lacks. */
export function missingLibraryColumns(layout: LibraryLayout): LibraryField[] {
  return (['trac_prefix', 'med_list_codg'] as const).filter((f) => layout[f] === undefined);
}

const LEVELS: Record<string, string> = {
  '1': '1',
  '2': '2',
  '3': '3',
  小: '1',
  中: '2',
  大: '3',
  小包装: '1',
  中包装: '2',
  大包装: '3',
  一级: '1',
  二级: '2',
  三级: '3',
  小码: '1',
  中码: '2',
  大码: '3',
};

/** A package level as 1/2/3 (also 小/中/大, 一级/二级/三级, 小码/中码/大码), or undefined when it is none. */
export function packageLevel(v: string): string | undefined {
  return LEVELS[v.replace(/\s/g, '')];
}

/** A product-identification code from a cell: 7 digits, or the first 7 of a whole 20-digit code. */
export function prefixOf(v: string): string | undefined {
  if (/^\d{7}$/.test(v)) return v;
  if (/^\d{20}$/.test(v)) return v.slice(0, 7);
  return undefined;
}

/** Read one data row; returns the entry, or the row's problems. An empty row gives neither. */
export function libraryEntry(
  cells: readonly string[],
  layout: LibraryLayout,
  file: string,
  line: number,
): { entry?: LibraryEntry; issues: FileIssue[] } {
  const v = (f: LibraryField) => cellText(cells, layout[f]);
  if (cells.every((c) => c.trim() === '')) return { issues: [] };
  const issues: FileIssue[] = [];
  const rawPrefix = v('trac_prefix');
  const trac_prefix = prefixOf(rawPrefix);
  if (!trac_prefix) issues.push(prefixIssue(file, line, rawPrefix));
  const med_list_codg = v('med_list_codg');
  if (!NATIONAL_CODE.test(med_list_codg)) issues.push(nationalCodeIssue(file, line, med_list_codg));
  const lvRaw = v('pac_lv');
  const pac_lv = lvRaw === '' ? null : packageLevel(lvRaw);
  if (pac_lv === undefined)
    issues.push(
      issue(
        file,
        line,
        'pac_lv',
        [`"${lvRaw}" is not a package level`, 'Write 1 (small, the sales unit), 2 (medium) or 3 (large), or 小/中/大.'],
        [`"${lvRaw}" 不是包装级别`, '请写 1（小包装，即销售单位）、2（中包装）或 3（大包装），或 小/中/大。'],
      ),
    );
  if (issues.length) return { issues };
  const opt = (f: LibraryField) => v(f) || null;
  return {
    entry: {
      trac_prefix: trac_prefix!,
      med_list_codg,
      drugstdcode: opt('drugstdcode'),
      aprvno: opt('aprvno'),
      drug_name: opt('drug_name'),
      drug_spec: opt('drug_spec'),
      pacspec: opt('pacspec'),
      prodentp_name: opt('prodentp_name'),
      pac_lv: pac_lv ?? null,
      pac_ratio: opt('pac_ratio'),
    },
    issues,
  };
}

/** Why a cell is no product-identification code: empty, or not 7 (or 20) digits. */
function prefixIssue(file: string, line: number, rawPrefix: string): FileIssue {
  if (rawPrefix === '')
    return issue(
      file,
      line,
      'trac_prefix',
      [
        'the product-identification code (药品标识码) is empty',
        "Fill in the first 7 digits of the drug's traceability code, or remove the row.",
      ],
      ['药品标识码为空', '请填写该药品追溯码的前 7 位，或删除该行。'],
    );
  const sci = /E\+\d+$/i.test(rawPrefix);
  return issue(
    file,
    line,
    'trac_prefix',
    [
      `"${rawPrefix}" is not a product-identification code (7 digits, or a whole 20-digit code)`,
      sci
        ? 'Excel turned the code into a number in scientific notation: format the column as text and export again.'
        : 'Write the first 7 digits of the traceability code (digits only).',
    ],
    [
      `"${rawPrefix}" 不是药品标识码（7 位数字，或完整的 20 位追溯码）`,
      sci ? 'Excel 把编码变成了科学计数法：请将该列设为文本后重新导出。' : '请填写追溯码的前 7 位（只含数字）。',
    ],
  );
}

const NATIONAL_CODE = /^[\x21-\x7e]{1,50}$/;

/** Why a cell is no national catalog code: empty, or not 1–50 visible ASCII characters. */
function nationalCodeIssue(file: string, line: number, med_list_codg: string): FileIssue {
  if (med_list_codg === '')
    return issue(
      file,
      line,
      'med_list_codg',
      [
        'the national catalog code (med_list_codg) is empty',
        "Fill in the drug's national catalog code (医保编码), or remove the row.",
      ],
      ['医保编码（med_list_codg）为空', '请填写该药品的国家医保编码，或删除该行。'],
    );
  return issue(
    file,
    line,
    'med_list_codg',
    [
      `"${med_list_codg}" is not a national catalog code (1–50 visible ASCII characters, no spaces)`,
      'Check the code against the national catalog (hisops catalog lookup).',
    ],
    [`"${med_list_codg}" 不是医保编码（1–50 个可见 ASCII 字符，不含空格）`, '请对照国家目录核对编码。'],
  );
}

/** The key of an entry: a product code may belong to more than one national code (listed separately). */
export const entryKey = (e: Pick<LibraryEntry, 'trac_prefix' | 'med_list_codg'>): string =>
  `${e.trac_prefix}|${e.med_list_codg}`;

/** Do two entries say the same thing? */
export function sameEntry(a: LibraryEntry, b: LibraryEntry): boolean {
  return LIBRARY_FIELDS.every((f) => (a[f] ?? null) === (b[f] ?? null));
}

/** The drug a library entry names, for messages: name (med_list_codg). */
export function entryLabel(e: Pick<LibraryEntry, 'drug_name' | 'med_list_codg'>): string {
  return e.drug_name ? `${e.drug_name} (${e.med_list_codg})` : e.med_list_codg;
}
