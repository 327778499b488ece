/**
 * What importing supplier code lists (planInvoiceCodes.ts) can find wrong: the kinds, a finding's
 * fields, the fix of each kind in English and Chinese, and a finding's message in Chinese. Pure.
 */
export type InvoiceFindingKind =
  | 'bad_length'
  | 'bad_chars'
  | 'duplicate_in_file'
  | 'code_on_two_invoices'
  | 'code_other_drug'
  | 'code_on_other_line'
  | 'unknown_invoice'
  | 'drug_not_on_invoice'
  | 'codes_short'
  | 'codes_over';

export const INVOICE_FINDING_KINDS: readonly InvoiceFindingKind[] = [
  'bad_length',
  'bad_chars',
  'duplicate_in_file',
  'code_on_two_invoices',
  'code_other_drug',
  'code_on_other_line',
  'unknown_invoice',
  'drug_not_on_invoice',
  'codes_short',
  'codes_over',
];

export interface InvoiceFinding {
  kind: InvoiceFindingKind;
  file: string;
  line: number;
  invc_no: string;
  drug: string;
  drug_trac_codg: string | null;
  stock_id: string | null;
  /** The other place involved: `file:line` of the code's other copy, or the drug the code belongs to. */
  related: string | null;
  /** Numbers of a short/over line: quantity and codes. */
  cnt?: string;
  codes?: number;
  message: string;
  fix: string;
}

export const INVOICE_FINDING_FIX: Readonly<Record<InvoiceFindingKind, string>> = {
  bad_length:
    'Ask the supplier for the correct code, or scan the box at stock-in: a 码上放心 traceability code has 20 digits.',
  bad_chars: 'Ask the supplier for the correct code, or scan the box at stock-in (digits only).',
  duplicate_in_file:
    'The same code is listed twice for one line: ask the supplier for the missing box code, or scan the boxes.',
  code_on_two_invoices:
    'One box cannot come on two invoices: ask the supplier which invoice the box belongs to and correct the list; none of the copies is written.',
  code_other_drug:
    "The code's product prefix belongs to another drug: check the box against the invoice (a wrong code in the list, or the wrong drug delivered); the code is not written.",
  code_on_other_line:
    'The HIS already holds this code on another stock-in line: check both lines; the code is not written again.',
  unknown_invoice:
    'The HIS has no stock-in with this invoice number: record the stock-in first (or correct the invoice number in the file), then import again.',
  drug_not_on_invoice:
    'The invoice has no stock-in line of this drug: check the drug code or name in the file against the stock-in record.',
  codes_short:
    'The supplier sent fewer codes than boxes received: scan the missing boxes into the stock-in record at the counter.',
  codes_over:
    'The list has more codes than the quantity received: check the quantity of the stock-in line and the boxes delivered.',
};

export const INVOICE_FINDING_FIX_ZH: Readonly<Record<InvoiceFindingKind, string>> = {
  bad_length: '请向供应商索取正确的追溯码，或在入库时扫描药盒：码上放心追溯码为 20 位数字。',
  bad_chars: '请向供应商索取正确的追溯码，或在入库时扫描药盒（只能是数字）。',
  duplicate_in_file: '同一明细中同一追溯码列了两次：请向供应商索取缺少的药盒追溯码，或扫描药盒。',
  code_on_two_invoices: '一盒药不能出现在两张发票上：请向供应商确认该盒属于哪张发票并更正清单；各处都不写入。',
  code_other_drug:
    '该追溯码的产品标识码属于另一种药品：请对照发票核对药盒（清单中追溯码有误，或送错了药品）；该码不写入。',
  code_on_other_line: 'HIS 中另一条入库明细已有该追溯码：请核对两条明细；不再重复写入。',
  unknown_invoice: 'HIS 中没有该发票号的入库记录：请先登记入库（或更正文件中的发票号），再导入。',
  drug_not_on_invoice: '该发票没有此药品的入库明细：请对照入库记录核对文件中的药品编码或名称。',
  codes_short: '供应商提供的追溯码少于入库数量：请在窗口把缺少的药盒扫入入库记录。',
  codes_over: '清单中的追溯码多于入库数量：请核对入库明细的数量和实际到货。',
};

/** A finding's message in Chinese, from its stable fields. */
export function invoiceFindingMessageZh(f: InvoiceFinding): string {
  const code = f.drug_trac_codg ?? '';
  switch (f.kind) {
    case 'bad_length':
    case 'bad_chars':
      return `追溯码 ${code} 格式错误（应为 20 位数字）`;
    case 'duplicate_in_file':
      return `${code} 重复列出（首次在 ${f.related ?? '?'}）`;
    case 'code_on_two_invoices':
      return `${code} 同时列在发票 ${f.invc_no} 和另一张发票上（${f.related ?? '?'}）`;
    case 'code_other_drug':
      return `${code} 的产品标识码 ${code.slice(0, 7)} ${f.related ? `属于 ${f.related}` : '不属于该药品'}，与发票明细的药品不符`;
    case 'code_on_other_line':
      return `${code} 已在 HIS 的入库记录 ${f.related ?? '?'} 中`;
    case 'unknown_invoice':
      return `HIS 中没有发票号为 ${f.invc_no} 的入库记录`;
    case 'drug_not_on_invoice':
      return `发票 ${f.invc_no} 没有药品 ${f.drug || '（未填写）'} 的入库明细`;
    case 'codes_short':
      return `入库记录 ${f.stock_id ?? '?'} 数量 ${f.cnt ?? '?'}，HIS 和清单共 ${f.codes ?? '?'} 个追溯码，缺少追溯码`;
    case 'codes_over':
      return `入库记录 ${f.stock_id ?? '?'} 数量 ${f.cnt ?? '?'}，HIS 和清单共 ${f.codes ?? '?'} 个追溯码，多于入库数量`;
  }
}
