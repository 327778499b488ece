/**
 * A trace finding's message and fix in Chinese, made from its stable fields (kind, code, record,
 * related record, day) so that JSON and the journal keep the English `message` / `fix`. Pure.
 */
import type { Finding, FindingKind } from './types.js';

export const FINDING_FIX_ZH: Readonly<Record<FindingKind, string>> = {
  no_code: '请在 HIS 记录中扫入每一盒的追溯码，然后再次运行。',
  bad_length: '请从药盒上重新扫码：码上放心追溯码为 20 位数字。',
  bad_chars: '请从药盒上重新扫码（检查扫码枪是否经过输入法输入）。',
  prefix_mismatch:
    '请确认该盒属于此药品（前 7 位标识产品）；重新扫码，或在 HIS 中把该产品标识码加入药品的前缀（drug_trace_prefixes）。',
  drug_mismatch:
    '请核对药盒与所发药品：四码合一库中该追溯码属于另一种药品。请扫描正确的药盒；如果库中的药品才是对的，请更正该项目的对照。',
  not_in_library:
    '不暂缓上传。请更新四码合一库（hisops trace library download，或导入更新的文件）；如果仍查不到，请核对药盒。',
  duplicate_in_record: '每盒都有自己的追溯码：请重新扫描此记录中的其他药盒。',
  duplicate_in_batch: '同一盒被入库两次：请从其中一条出入库记录中删除重复扫码。',
  sold_again: '一个追溯码在退货前只能销售一次。请核对药盒（是否退回或回收的药品？）和此前的销售；本记录不会上传。',
  return_never_sold: '请核对退货：hisops 不知道该追溯码的任何销售。请更正记录，或先上传原销售当天的数据。',
  return_over_quantity: '退货数量超过销售数量：请更正退货的 sel_retn_cnt。',
  no_mapping: '请将该项目对照到当日有效的国家编码（HIS 的对照表），然后再次运行。',
  mapping_ambiguous: '请关闭重叠的对照行之一，使当日只有一个有效的国家编码。',
  missing_field: '请在 HIS 记录中填写这些字段，或在 hisops.yaml 的 trace.defaults 下给出默认值。',
  changed_after_upload: '医保中心保存的是早先的版本：请恢复 HIS 记录，或在中心删除该记录（3507）后重新上传。',
  stock_other_drug:
    '该盒入库时是另一种药品：请核对药盒和入库记录（药品或追溯码扫错），在 HIS 中更正错误的一条；本记录不会上传。',
  returned_to_supplier: '该盒在本次发药前已退回供应商：请核对药盒和退库记录，在 HIS 中更正错误的一条；本记录不会上传。',
};

const RECORD_ZH: Record<string, string> = {
  sale: '销售',
  return: '退货',
  'stock-in': '入库',
  'stock-change': '库存变更',
  'stock-count': '盘存',
};

function positions(code: string, test: (c: string) => boolean): string {
  const at = [...code].map((c, i) => (test(c) ? i + 1 : 0)).filter((i) => i > 0);
  return at.length <= 4 ? at.join('、') : `${at.slice(0, 4).join('、')} …`;
}

/** What is wrong with a code that is not 20 digits, the way a pharmacist checks it on the box. */
function badCodeZh(code: string): string {
  const chars = [...code.trim()];
  if (/^[0-9]+$/.test(code.trim())) {
    const n = chars.length;
    const hint =
      n === 19
        ? '（扫码时丢了一位）'
        : n === 13 && code.startsWith('69')
          ? '（这是 69 开头的商品条码，不是追溯码）'
          : '';
    return `${n} 位数字，不是 20 位${hint}`;
  }
  const parts: string[] = [];
  const s = code.trim();
  if (/[\s\u3000]/.test(s)) parts.push(`第 ${positions(s, (c) => /[\s\u3000]/.test(c))} 位有空格`);
  if (/[\uFF10-\uFF19]/.test(s))
    parts.push(`第 ${positions(s, (c) => /[\uFF10-\uFF19]/.test(c))} 位是全角数字（经输入法输入）`);
  const letter = (c: string) => /[A-Za-z\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c);
  if (chars.some(letter)) parts.push(`第 ${positions(s, letter)} 位是字母 ${chars.filter(letter).join('')}`);
  const other = (c: string) => !/[0-9A-Za-z\s\u3000\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c);
  if (chars.some(other)) parts.push(`第 ${positions(s, other)} 位是符号`);
  return `不全是数字：${parts.join('；')}（共 ${chars.length} 个字符）`;
}

/** The finding's message in Chinese. */
export function findingMessageZh(f: Finding): string {
  const code = f.drug_trac_codg ?? '';
  const rec = `${f.record_kind ? (RECORD_ZH[f.record_kind] ?? f.record_kind) : '记录'} ${f.record_id}`;
  const rel = f.related_id ?? '?';
  switch (f.kind) {
    case 'no_code':
      return code === '' && f.record_kind === null ? '追溯码为空' : `${rec} 没有追溯码`;
    case 'bad_length':
    case 'bad_chars':
      return badCodeZh(code);
    case 'prefix_mismatch':
      return `${code} 的产品标识码 ${code.slice(0, 7)} 与 ${f.fixmedins_hilist_id} 已知的不符`;
    case 'drug_mismatch': {
      const lib = f.library;
      const named = lib
        ? lib.drug_name
          ? `${lib.drug_name}（${lib.med_list_codg}）`
          : lib.med_list_codg
        : '另一种药品';
      const item = / but \S+ is (\S+)$/.exec(f.message)?.[1];
      return `四码合一库中 ${code} 属于 ${named}，而 ${f.fixmedins_hilist_id} 对照的是 ${item ?? '另一个医保编码'}`;
    }
    case 'not_in_library':
      return `${code} 的药品标识码 ${code.slice(0, 7)} 在四码合一库中没有条目`;
    case 'duplicate_in_record':
      return `${code} 在 ${f.record_id} 中被扫描了多次`;
    case 'duplicate_in_batch':
      if (f.record_kind === null)
        return `${code} 在${rel.replace(/^line (\d+)$/, '第 $1 行')}出现，又在第 ${f.line ?? '?'} 行出现`;
      // Received inside a package (a case received whole, then one of its boxes again, or the reverse).
      if (/ inside package (\d+) /.test(f.message))
        return `${code} 已随包装 ${/ inside package (\d+) /.exec(f.message)![1]} 在 ${rel} 入库，又在 ${f.record_id} 入库`;
      if (/ holds (\d+), /.test(f.message))
        return `${code} 中的 ${/ holds (\d+), /.exec(f.message)![1]} 已在 ${rel} 入库；${code} 又在 ${f.record_id} 入库`;
      return `${code} 已在 ${rel} 入库，又在 ${f.record_id} 入库`;
    case 'sold_again':
      return `${code} 已在 ${rel} 售出且未退回；又在 ${f.record_id} 售出`;
    case 'return_never_sold':
      return `${code} 在 ${f.record_id} 退货，但 hisops 不知道它的任何销售${f.related_id ? `（不在 ${f.related_id} 中）` : ''}`;
    case 'return_over_quantity':
      return `${f.record_id} 的退货使 ${rel} 的退货数量超过了销售数量`;
    case 'no_mapping':
      return `${f.fixmedins_hilist_id} 在 ${f.day} 没有有效的国家编码对照`;
    case 'mapping_ambiguous':
      return `${f.fixmedins_hilist_id} 在 ${f.day} 对照到多个国家编码`;
    case 'missing_field':
      return `${rec} 缺少必填字段：${f.message.replace(/^.*?:\s*/, '')}`;
    case 'changed_after_upload':
      return `${f.record_id} 已被医保中心以其他内容接收；此后 HIS 记录有改动`;
    case 'stock_other_drug':
      return `${code} 已在 ${rel} 作为另一种药品入库；又在 ${f.record_id} 作为 ${f.fixmedins_hilist_id} 发药`;
    case 'returned_to_supplier':
      return `${code} 已在 ${rel} 退回供应商；之后又在 ${f.record_id} 发药`;
  }
}

/** The finding's fix in Chinese (a bare list of codes has its own words for a double scan). */
export function findingFixZh(f: Finding): string {
  if (f.kind === 'duplicate_in_batch' && f.record_kind === null) return '每盒都有自己的追溯码：请删除重复的扫码。';
  return FINDING_FIX_ZH[f.kind];
}

/** What a check left out (report.skipped), in Chinese; an unknown text is shown as it is. */
export function skippedZh(s: string): string {
  const known: Record<string, string> = {
    'a list of codes is checked for format and repeats only (no drugs, mappings or movements)':
      '追溯码清单只校验格式和重复（不校验药品、对照和出入库）',
    'mapping: the file has no med_list_codg/map_cnt columns': '对照：文件中没有 med_list_codg/map_cnt 列',
    'product-identification prefixes: not read for a file': '产品标识码前缀：文件校验时不读取',
    'four-code library: none imported (hisops trace library import FILE, or trace library download)':
      '四码合一库：尚未导入（hisops trace library import FILE，或 trace library download）',
  };
  return known[s] ?? s;
}
