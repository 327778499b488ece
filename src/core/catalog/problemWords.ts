/**
 * The Simplified Chinese words of a catalog or mapping file problem, by its code. The problem's
 * own message and fix stay English (JSON and logs keep them); a run in zh-CN shows these instead.
 * The details a message carries (the value, the column) come from the problem's fields, so one
 * sentence per code is enough.
 */
import type { Problem, ProblemCode } from './problems.js';

interface ProblemWords {
  message: string;
  fix: string;
}

const DAYS = 'yyyy-MM-dd（也接受 yyyyMMdd、yyyy/M/d）';

const quoted = (p: Problem): string => (p.value !== undefined && p.value !== '' ? `"${p.value}" ` : '');

const WORDS: Record<ProblemCode, (p: Problem) => ProblemWords> = {
  FILE_UNREADABLE: () => ({
    message: '无法读取该文件',
    fix: '请检查路径和文件权限；旧版 Excel .xls 文件请另存为 .xlsx 或 UTF-8 编码的 CSV 后再导入。',
  }),
  FILE_EMPTY: () => ({ message: '文件中没有数据行', fix: '请重新下载或导出目录；空文件不会导入任何内容。' }),
  ZIP_TRUNCATED: () => ({ message: 'ZIP 文件不完整', fix: '请重新下载该文件。' }),
  ZIP_UNSUPPORTED: () => ({
    message: 'ZIP 文件使用了不支持的压缩方式',
    fix: '请用解压工具解开，再导入其中的文本文件。',
  }),
  ZIP_EMPTY: () => ({ message: 'ZIP 文件中没有文件', fix: '请重新下载目录；空应答表示没有比所请求版本更新的内容。' }),
  MOJIBAKE: () => ({
    message: '文本是乱码（编码不对），文件未继续读取',
    fix: '请用 --encoding 指定文件的编码（如 gbk、utf8）后再导入，或将文件另存为 UTF-8。',
  }),
  BAD_ENCODING: () => ({
    message: '含有不符合该编码的字节（显示为 �）',
    fix: '请用 --encoding 指定文件的真实编码，或将文件另存为 UTF-8。',
  }),
  NO_HEADER: () => ({
    message: '文件为空：没有表头行',
    fix: '请导出带表头行的文件（院内编码、项目名称、目录类别、医保编码、开始日期、结束日期）。',
  }),
  UNKNOWN_KIND: () => ({
    message: '无法从表头判断这是哪一类目录',
    fix: '请用 --kind 指明目录类别，或使用中心下载的原始表头。',
  }),
  MISSING_COLUMN: () => ({
    message: '表头中缺少必需的列',
    fix: '请添加或改名该列（如 医保编码 / med_list_codg），或用 --columns 指明各列，然后再次导入。',
  }),
  COLUMN_COUNT: (p) => ({
    message: `该行的列数不对（${p.column ?? ''}）`,
    fix: '请检查该行的分隔符和引号；列可以多，但不能少。',
  }),
  MISSING_VALUE: () => ({ message: '必填的值为空', fix: '请填写该值，或删除该行。' }),
  BAD_DATE: (p) => ({ message: `${quoted(p)}不是日期`, fix: `请将日期写成 ${DAYS}；结束日期可留空，表示长期有效。` }),
  BAD_INTERVAL: () => ({ message: '结束日期早于开始日期', fix: '结束日期须不早于开始日期：请更正其中一个。' }),
  BAD_NUMBER: (p) => ({
    message: `${quoted(p)}不是有效的数字`,
    fix: '请写成不带单位的普通数字，如 12.50；比例写成 0.10 或 10%。',
  }),
  BAD_CODE: (p) => ({
    message: `${quoted(p)}不是有效的代码值`,
    fix: '请使用国家代码表中的值（如目录类别 101、102、103、201、301，收费类别 01 甲类、02 乙类、03 丙类）。',
  }),
  CODE_SHAPE: (p) => ({
    message: `${quoted(p)}的编码格式不对`,
    fix:
      p.value && /E\+\d+$/i.test(p.value)
        ? 'Excel 把编码变成了科学计数法：请将该列设为文本后重新导出。'
        : '请核对编码：医保编码应与国家目录中的格式一致，院内编码为 1–30 个可见 ASCII 字符、不含空格。',
  }),
  DUPLICATE_KEY: () => ({ message: '与前面某行重复（同一编码、同一开始日期）', fix: '请保留其中一行，删除另一行。' }),
  UNCLOSED_QUOTE: () => ({
    message: '此处开始的带引号单元格没有闭合，其后的内容都被读成了一个单元格',
    fix: '请在该行补上闭合的引号（"），或去掉多余的引号。',
  }),
  OVERLAP: () => ({ message: '有效期与另一条对照重叠', fix: '请保留其中一条，或让两条的有效期首尾相接、不重叠。' }),
  UNKNOWN_NATIONAL_CODE: (p) => ({
    message: `医保编码 ${quoted(p)}不在已导入的国家目录中`,
    fix: '请核对医保编码；若是新编码，请先导入最新目录（hisops catalog download）。',
  }),
  WRONG_LIST_TYPE: (p) => ({
    message: `医保编码 ${quoted(p)}属于另一类目录，与填写的目录类别不符`,
    fix: '请更正目录类别，或改为该类目录中的编码。',
  }),
  UNCOVERED_DAYS: (p) => ({
    message: `医保编码 ${quoted(p)}在对照有效期内的部分日期不在目录有效期内`,
    fix: '请把对照的有效期缩短到编码有效的日期，或改对照到这些日期有效的编码。',
  }),
};

/** The problem in Simplified Chinese. */
export function problemWordsZh(p: Problem): ProblemWords {
  // A code read back from an older journal may have no words: its English is better than nothing.
  const words = WORDS[p.code] as ((p: Problem) => ProblemWords) | undefined;
  return words ? words(p) : { message: p.message, fix: p.fix };
}

/** The problem in the run's language. */
export function problemWords(lang: 'en' | 'zh-CN', p: Problem): ProblemWords {
  return lang === 'zh-CN' ? problemWordsZh(p) : { message: p.message, fix: p.fix };
}
