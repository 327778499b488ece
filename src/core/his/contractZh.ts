/**
 * The Simplified Chinese words of the statement contract (contract.ts), keyed by the English text
 * they stand beside, so the contract stays one table of English data with its Chinese here and a
 * test (contractZh.test.ts) fails when any contract text lacks its Chinese. Texts that are already
 * Chinese (code-table meanings such as 310 职工基本医疗保险) need no entry.
 */
import { columnKind, type ColumnKind } from './canonical.js';
import { COLUMN_CONTRACT, columnContract, STATEMENT_CONTRACTS } from './contract.js';
import type { ContractProblem } from './contractChecks.js';

export const CONTRACT_ZH: Readonly<Record<string, string>> = {
  "the HIS's own settlement number, present before the center answers": 'HIS 自己的结算号，中心应答前即已存在',
  'stuck repairs and reconciliation cannot name the HIS row': '单边账修复和对账无法指明 HIS 中的那一行',
  "the center's settlement id (null while pending or void)": '中心的结算 ID（待确认或作废时为空）',
  'reconciliation matches HIS and center rows by it: a wrong column makes every settlement a one-sided entry (单边账)':
    '对账按它匹配 HIS 与中心的记录：列选错会使每笔结算都成为单边账',
  "the center's visit id": '中心的就诊 ID',
  'fee lines and cancellations of a visit are not found': '找不到某次就诊的费用明细和撤销',
  'the insured person number': '参保人员编号',
  'stuck settlements are asked for with the wrong person (5203 finds nothing)':
    '单边账用错误的人员去查询（5203 查不到）',
  'msgid of the 2207/2304 (or 2208/2305) request that made the row': '产生该行的 2207/2304（或 2208/2305）请求的 msgid',
  'stuck settlements cannot be asked for or repaired; a repair may change another row':
    '单边账无法查询或修复；修复可能改到别的行',
  'the call that made the row': '产生该行的交易',
  'cancellations are taken for settlements and the other way round': '撤销被当成结算，或反过来',
  'outpatient settlement': '门诊结算',
  'outpatient cancellation': '门诊撤销',
  'inpatient settlement': '住院结算',
  'inpatient cancellation': '住院撤销',
  'where the HIS stands with the settlement': 'HIS 中该笔结算所处的状态',
  'reconcile leaves out rows whose status it does not count ("nothing to reconcile", every row excluded); stuck treats settled rows as pending and asks the center again, or never finds the pending ones':
    '对账会漏掉它不计入的状态的行（"没有可对账的记录"，每行都被排除）；单边账会把已结算的行当作待确认再去问中心，或永远找不到待确认的行',
  'sent to the center, no answer recorded yet': '已发往中心，尚未记录应答',
  'the center answered; the row counts': '中心已应答；该行计入',
  'an original the center later cancelled (its refund row is a separate row)':
    '原结算，后被中心撤销（其退费行另为一行）',
  'the center has no such settlement (refused, or never reached it)': '中心没有这笔结算（被拒绝，或请求未到达）',
  'whether the row is a cancellation (refund) row': '该行是否为撤销（退费）行',
  'refunds are counted as settlements: the day is off by twice the refunded amount':
    '退费被当成结算：当天差额为退费金额的两倍',
  'a settlement': '结算',
  'a cancellation row, amounts negative': '撤销行，金额为负',
  'on a cancellation row: the setl_id it cancels': '撤销行上：被撤销的 setl_id',
  'a refund is not paired with its original and both show as one-sided': '退费与原结算配不上对，两者都显示为单边账',
  'whether the insured person belongs to this area': '参保人是否属于本统筹区',
  'out-of-area settlements are counted under the local agency (or left out), and their group totals do not match the 3201 answers':
    '异地结算被计入本地经办机构（或被漏掉），其分组合计与 3201 应答不一致',
  'out-of-area (异地), cleared by the insured area': '异地（就医地以外参保），由参保地清算',
  'insured locally': '本地参保',
  'the settlement agency (结算经办机构) the row is reconciled under': '该行对账所归属的结算经办机构',
  'rows land in the wrong 3201 group: two groups off by the same amount; for out-of-area patients use the agency the center books them under, not clr_optins':
    '记录落入错误的 3201 分组：两个分组差同一金额；异地患者应使用中心记账所用的经办机构，而不是 clr_optins',
  "the clearing agency (清算经办机构) from the center's answer; for out-of-area patients the insured area":
    '中心应答中的清算经办机构；异地患者为参保地',
  'out-of-area patients are grouped under the wrong agency when setl_optins is missing':
    '缺少 setl_optins 时，异地患者被归入错误的经办机构',
  'insurance type (险种)': '险种',
  'the 3201 totals are asked for the wrong insurance type: every group differs':
    '按错误的险种请求 3201 合计：每个分组都有差异',
  'clearing type (清算类别)': '清算类别',
  'rows are reconciled in the wrong group (outpatient vs inpatient): two groups off by the same amount':
    '记录在错误的分组中对账（门诊与住院）：两个分组差同一金额',
  'clearing way (清算方式)': '清算方式',
  'fixed-amount clearing is audited as per-item and shows false differences': '定额清算被当作按项目审核，出现虚假差异',
  'medical type (医疗类别)': '医疗类别',
  'the rules engine applies the wrong policy (deductible, ratios)': '规则引擎套用错误的政策（起付线、比例）',
  'visit credential type (就诊凭证类型)': '就诊凭证类型',
  'stuck queries are sent with a credential the center rejects': '单边账查询使用了中心拒绝的凭证',
  "the center's settlement time (yyyy-MM-dd HH:mm:ss)": '中心的结算时间（yyyy-MM-dd HH:mm:ss）',
  'settlements fall on the wrong day: near midnight the day totals differ (cross-midnight findings)':
    '结算落在错误的日期：午夜前后的日合计有差异（跨日问题）',
  "the HIS's write-ahead log state of a center call": 'HIS 对一次中心调用所记的预写日志状态',
  'mapping a timeout to failed makes the stuck job treat a call as never made and void a settlement the center holds; mapping a refusal to sent makes it ask the center again for nothing':
    '把超时映射为 failed，单边账会当作从未调用过，并作废中心持有的结算；把拒绝映射为 sent，会为无事再问中心',
  'written before the call; no answer recorded (a timeout stays sent)': '调用前写入；尚未记录应答（超时仍为 sent）',
  'the center answered with success': '中心应答成功',
  'the center answered with an error (infcode ≠ 0): it holds nothing': '中心应答错误（infcode ≠ 0）：中心没有这笔',
  'when the call was sent': '请求发出的时间',
  'stuck candidates are picked at the wrong age (too early, while the call may still be answered)':
    '单边账候选按错误的时长选取（过早，调用可能仍会有应答）',
  'when the answer came (null when none came)': '应答到达的时间（无应答时为空）',
  'shown only': '仅用于显示',
  "the center's result code: 0 success, anything else an error (null when no answer)":
    '中心的结果代码：0 成功，其他为错误（无应答时为空）',
  'a refusal is taken for success or the other way round': '拒绝被当作成功，或反过来',
  'fee line number, unique in the HIS': '费用明细流水号，在 HIS 中唯一',
  'fee lines are merged or counted twice when recomputing a settlement': '重算结算时费用明细被合并或重复计算',
  'catalog type (目录类别)': '目录类别',
  'items are compared with the wrong national catalog; mappings are uploaded under the wrong type (3301 refused)':
    '与错误的国家目录比对；对照按错误的类别上传（3301 拒收）',
  'charge item level (收费项目等级)': '收费项目等级',
  'the rules engine pays self-pay items from the fund or the other way round': '规则引擎把自费项目由基金支付，或反过来',
  'medical charge item type (医疗收费项目类别)': '医疗收费项目类别',
  'audit explanations name the wrong fee class': '审核说明给出错误的费用类别',
  'the pharmacy document (sale or return) number': '药房单据（销售或退货）号',
  'uploads are resumed for the wrong record or sent twice': '上传对错误的记录续传，或重复上传',
  'sale or return': '销售或退货',
  'returns are uploaded as sales: the center counts the codes as sold twice':
    '退货被当作销售上传：中心把追溯码算作售出两次',
  'a sale (3505)': '销售（3505）',
  'a return (3506)': '退货（3506）',
  'stock change type (库存变更类型)': '库存变更类型',
  '3502 stock changes are refused or booked as the wrong movement': '3502 库存变更被拒收，或记成错误的变动',
  'prescription drug': '处方药',
  '3505 uploads are refused': '3505 上传被拒收',
  no: '否',
  yes: '是',
  'both (双跨)': '双跨',
  'split package (拆零)': '拆零',
  '3505 uploads are refused or counted by the wrong unit': '3505 上传被拒收，或按错误的单位计数',
  'how the sale was paid': '销售的支付方式',
  'self-pay sales are uploaded as insured ones': '自费销售被当作医保销售上传',
  insured: '医保',
  'self-pay': '自费',
  'one traceability code (追溯码), 20 digits, one row per code': '一个追溯码（20 位数字），每个码一行',
  'codes are checked or uploaded wrongly; a concatenated list reads as one invalid code':
    '追溯码校验或上传出错；拼接在一起的列表会被读成一个无效码',
  'whether dispensing the item must scan traceability codes': '发药时是否必须扫追溯码',
  'drugs that need codes are not checked for them': '需要追溯码的药品不做检查',
  "the hospital's own item code": '医院自己的项目编码',
  'items, mappings and sales do not match each other': '项目、对照和销售彼此对不上',
  'the national code the item is mapped to (valid on the day)': '项目对照到的国家编码（当日有效）',
  'uploads are refused (unknown code) or booked as another drug': '上传被拒收（编码未知），或记成另一种药',
  'first valid day of the mapping': '对照的生效日期',
  'the mapping valid on a day is not found': '找不到某日有效的对照',
  'time of the sale or return': '销售或退货的时间',
  'records are uploaded on the wrong day or not at all': '记录在错误的日期上传，或根本不上传',
  'time of the stock change': '库存变更的时间',
  'position of the code within its record (1, 2, …)': '该码在其记录中的位置（1、2、…）',
  'codes of one record are taken for duplicates': '同一记录的多个码被当作重复',
  'seeding, audits and reports miss settlements or count some twice': '造数、审核和报表漏掉结算或重复计算',
  'reconciliation evidence and repairs look at the wrong row': '对账证据和修复看的是错误的行',
  'a cancellation or resettlement of the visit is not seen': '看不到该次就诊的撤销或重新结算',
  'the stuck job decides about the wrong settlement': '单边账处理对错误的结算做出处理',
  'stuck settlements are not found (every his_status must be pending here) or settled ones are asked for again':
    '找不到单边账（此处每行 his_status 都应为 pending），或对已结算的再次查询',
  'a settlement the HIS rolled back after the center committed it is never found: the center keeps money the HIS does not know':
    'HIS 回滚但中心已提交的结算永远找不到：中心留着 HIS 不知道的钱',
  "the day's totals differ from the center's: every 3201 group reports a difference":
    '当天合计与中心不一致：每个 3201 分组都报差异',
  'the stuck job reads the wrong call state and may void a settlement the center holds':
    '单边账处理读到错误的调用状态，可能作废中心持有的结算',
  'audits recompute the settlement from the wrong lines': '审核用错误的明细重算结算',
  'catalog checks ask about items not used or miss used ones': '目录检查问了未使用的项目，或漏掉已使用的',
  'catalog checks miss items or report them twice': '目录检查漏掉项目或重复报告',
  'valid codes are reported as belonging to another drug': '有效的追溯码被报为属于另一种药',
  'sales and returns are uploaded wrongly or not at all': '销售和退货上传出错或根本不上传',
  'stock changes are uploaded wrongly or not at all': '库存变更上传出错或根本不上传',
  'mapping checks compare the wrong rows': '对照检查比对了错误的行',
  'mapping uploads and checks use the wrong rows': '对照上传和检查使用了错误的行',
  'a settlement the center does not have stays counted, or a wrong row is voided':
    '中心没有的结算仍被计入，或作废了错误的行',
  'a settlement the center holds stays pending in the HIS: the day shows it as one-sided':
    '中心持有的结算在 HIS 中仍为待确认：当天显示为单边账',
  'a cancellation the center made is not recorded: the original stays counted': '中心做的撤销没有记录：原结算仍被计入',
  'the refund row of a cancellation is missing or counts as a settlement: the day differs by the refund':
    '撤销的退费行缺失或被计为结算：当天差额为退费金额',
  'a mapping is written into the wrong table or period': '对照写入了错误的表或期间',
  'a mapping stays valid after its end, or another mapping is closed': '对照过期后仍有效，或关闭了另一条对照',
  'the stock-take (盘存) record number': '盘存记录编号',
  'stock-take uploads are resumed for the wrong record or sent twice': '盘存上传续传到错误的记录，或重复上传',
  'day of the stock-take': '盘存日期',
  'stock-takes are uploaded on the wrong day or not at all': '盘存按错误的日期上传，或根本不上传',
  "the supplier's invoice number (入库发票号) the goods came with": '供应商随货发票号（入库发票号）',
  "the supplier's code lists are matched to the wrong stock-in lines (or to none)":
    '供应商追溯码清单匹配到错误的入库明细（或匹配不上）',
  'stock-takes (3501) are uploaded wrongly or not at all': '盘存（3501）上传出错或根本不上传',
  "the supplier's codes are written to the wrong stock-in lines, or lines are reported short":
    '供应商追溯码写入错误的入库明细，或明细被误报为追溯码不足',
  "a supplier's code is written to the wrong stock-in record, or not at all":
    '供应商追溯码写入错误的入库记录，或没有写入',
};

/** A contract text in the run's language: Chinese when there is one, else as written. */
export function contractText(lang: 'en' | 'zh-CN', en: string | undefined): string {
  if (en === undefined) return '';
  return lang === 'zh-CN' ? (CONTRACT_ZH[en] ?? en) : en;
}

/** Every contract text with latin words and no Chinese (a test keeps this empty). */
export function contractTextsWithoutZh(): string[] {
  const texts = new Set<string>();
  for (const c of Object.values(COLUMN_CONTRACT)) {
    texts.add(c.meaning).add(c.wrong);
    for (const v of Object.values(c.values ?? {})) texts.add(v);
  }
  for (const s of Object.values(STATEMENT_CONTRACTS)) texts.add(s.wrong);
  return [...texts].filter((t) => /[a-z]{2}/.test(t) && !CONTRACT_ZH[t]);
}

const FIX_BY_KIND_ZH: Record<ColumnKind, string> = {
  text: '把该列作为文本选出',
  money: '把金额以元为单位、两位小数选出（CAST(x AS DECIMAL(16,2))；以分存储的除以 100）',
  decimal: '把该值作为数字选出',
  int: '把该值作为整数选出',
  datetime: '在 SQL 中把 HIS 的时间转换为 yyyy-MM-dd HH:mm:ss（如 TO_CHAR / DATE_FORMAT / strftime，或时间戳列）',
  date: '在 SQL 中把 HIS 的日期转换为 yyyy-MM-dd',
};

/** The fix of a problem in Chinese, by the kind of check (the English one is written where it is found). */
export function problemFixZh(p: ContractProblem): string {
  const c = p.column ?? '';
  const cc = c ? columnContract(p.statement, c) : undefined;
  const meaning = contractText('zh-CN', cc?.meaning);
  switch (p.check) {
    case 'missing_column':
      return `把 HIS 的字段选为 AS ${c}；HIS 没有该字段时写 NULL AS ${c}。`;
    case 'type':
      return `在语句中${FIX_BY_KIND_ZH[columnKind(c)]}。`;
    case 'value':
      if (p.severity === 'warning') return `确认这些是本省自己的 ${c}（${meaning}）代码；否则映射为国家代码。`;
      if (!cc?.values) return `只选出 ${c} 符合约定的行（WHERE 条件），或在语句中映射取值。`;
      return `在语句中把 HIS 的取值映射为约定值，如 CASE x WHEN '<HIS 值>' THEN '<约定值>' … END AS ${c}。允许：${Object.entries(
        cc.values,
      )
        .slice(0, 8)
        .map(([k, m]) => `${k}（${contractText('zh-CN', m)}）`)
        .join('、')}${Object.keys(cc.values).length > 8 ? '、…' : ''}。`;
    case 'not_null':
      return `每行都必须有 ${c}（${meaning}）：选出 HIS 中保存它的字段。`;
    case 'unique':
      return `每个 ${c} 一行：连接（费用明细、日志行、追溯码）会使行数翻倍，请聚合或按完整的键连接。`;
    case 'at_most_one':
      return '该语句对一个键最多返回一行：连接日志或明细表时不要使行数翻倍，或只取一行。';
    case 'sum':
      return c === 'medfee_sumamt'
        ? '把总额及其组成映射到国家字段：fund_pay_sumamt 为基金支付总额，acct_pay 为个人账户，psn_cash_pay 为个人现金，hosp_part_amt 为医院负担；金额以元为单位。'
        : '把每个基金字段（统筹 hifp_pay、公务员 cvlserv_pay、大额 hifob_pay …）映射到 HIS 各自的列；HIS 不记录的基金选 0。';
    case 'sign':
      return p.message.includes('positive')
        ? `撤销行按中心记账为负金额：HIS 存为正数时，退费行选 -${c}（CASE WHEN <退费> THEN -x ELSE x END）。`
        : '负金额的行就是撤销：把 HIS 的退费标志映射为 refd_setl_flag 1。';
    case 'effect':
      return `写语句执行后，该行应使读语句读出约定的 ${c}：把 HIS 中对应的值设成读语句映射为约定值的那个值。`;
    default:
      return p.zh?.fix ?? '请按此 HIS 修改该语句的 SQL。';
  }
}

/** The Chinese problem line of each kind of check ({column}; the English line is the problem's own message). */
const PROBLEM_ZH: Readonly<Record<string, string>> = {
  missing_column: '未返回列 {column}',
  type: '{column} 的类型或格式不符合约定',
  value: '{column} 有约定之外的取值',
  'value.local': '{column} 有国家代码表之外的代码（地方代码？）',
  not_null: '{column} 为空',
  unique: '{column} 有重复值：应每行一个',
  at_most_one: '同一键返回了多行',
  sum: '{column} 与其组成之和不相等',
  sign: '{column} 的正负号不对（退费行应为负）',
  effect: '写语句执行后读回的 {column} 不符合约定',
  failed: '语句执行失败：{zh}',
};

/** The problem, fix and consequence of one contract problem in a language (profile check, doctor, draft). */
export function problemWords(
  lang: 'en' | 'zh-CN',
  p: ContractProblem,
): { problem: string; fix: string; consequence: string } {
  const consequence = p.consequence ? contractText(lang, p.consequence) : '';
  if (lang !== 'zh-CN') return { problem: p.message, fix: p.fix, consequence };
  const key = p.check === 'value' && p.severity === 'warning' ? 'value.local' : p.check;
  const template = PROBLEM_ZH[key] ?? '{message}';
  const problem = template
    .replace('{column}', p.column ?? '')
    .replace('{zh}', p.zh?.message ?? p.message)
    .replace('{message}', p.message);
  return { problem, fix: problemFixZh(p), consequence };
}
