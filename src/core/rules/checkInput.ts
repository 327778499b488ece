/**
 * Checks a settlement input against its policy before the engine runs. Callers that build the
 * input in code (the sandbox center) get the same precise errors as a bill file: field path, and
 * the file line when the input came from parseBill.
 */
import { cmpD, D } from '../money.js';
import { categoryZh } from './billFromTree.js';
import { Issues } from './issues.js';
import { covers } from './policySet.js';
import { VISIT_TYPES, type Policy, type SettleInput } from './types.js';

const CATEGORIES = new Set(['01', '02', '03', null]);
const ONE = new D(1);

/** How the checks name the policy in a message, in English and in Chinese. */
interface Named {
  pname: string;
  pnameZh: string;
}

/** A settlement input; a bill settled from its category totals has no lines. */
type Checked = Omit<SettleInput, 'lines'> & { lines?: SettleInput['lines'] };

export function checkSettleInput(input: Checked, policy: Policy): void {
  const file = input.source?.file ?? 'bill';
  const issues = new Issues(file, input.source?.lines ?? new Map());
  const named: Named = {
    pname: `policy ${policy.source.file} (${policy.name} ${policy.version})`,
    pnameZh: `政策文件 ${policy.source.file}（${policy.name} ${policy.version}）`,
  };
  checkPolicyFits(input, policy, named, issues);
  checkPerson(input, policy, named, issues);
  checkVisit(input, policy, named, issues);
  checkInterim(input, issues);
  // Per fee line only cheap tests; the field path is written when a line has a problem.
  input.lines?.forEach((l, i) => {
    if (lineLooksRight(l)) return;
    checkLine(l, `lines[${i}]`, issues);
  });
  issues.throwIfAny('BILL_INVALID', `bill ${file} cannot be settled with ${policy.source.file}`);
}

/** The policy is the one for this insutype, date and hospital level. */
function checkPolicyFits(input: Checked, policy: Policy, { pname, pnameZh }: Named, issues: Issues): void {
  if (!policy.insutypes.includes(input.insutype))
    issues.add(
      'insutype',
      `${pname} is for insutype ${policy.insutypes.join('/')}, not ${input.insutype}`,
      'use the policy of this insutype (selectPolicy) or correct insutype',
      {
        message: `${pnameZh} 适用于险种 ${policy.insutypes.join('/')}，而不是 ${input.insutype}`,
        fix: '请使用该险种的政策文件，或更正 insutype',
      },
    );
  if (!covers(policy, input.setl_time))
    issues.add(
      'setl_time',
      `${pname} is in force ${policy.effective.from}..${policy.effective.to ?? 'open'}, not on ${input.setl_time}`,
      'load the policy in force on the settlement date, or correct setl_time',
      {
        message: `${pnameZh} 的有效期为 ${policy.effective.from}..${policy.effective.to ?? '长期'}，不含 ${input.setl_time}`,
        fix: '请加载结算日期有效的政策文件，或更正 setl_time',
      },
    );
  if (!policy.levels.includes(input.hosp_lv))
    issues.add(
      'hosp_lv',
      `hospital level '${input.hosp_lv}' is not one of the policy's levels (${policy.levels.join(', ')})`,
      `use one of ${policy.levels.join(', ')}, or add the level to the policy`,
      {
        message: `医院等级 '${input.hosp_lv}' 不在政策文件的等级中（${policy.levels.join('、')}）`,
        fix: `请使用 ${policy.levels.join('、')} 之一，或在政策文件中添加该等级`,
      },
    );
}

function checkPerson(input: Checked, policy: Policy, { pname, pnameZh }: Named, issues: Issues): void {
  const p = input.person;
  p.psn_groups.forEach((g, i) => {
    if (!policy.person_groups.includes(g))
      issues.add(
        `person.psn_groups[${i}]`,
        `person group '${g}' is unknown to ${pname}`,
        `use one of ${policy.person_groups.join(', ') || '(none declared)'}, or declare it in the policy's person_groups`,
        {
          message: `${pnameZh} 中没有人员类别 '${g}'`,
          fix: `请使用 ${policy.person_groups.join('、') || '（未声明任何类别）'} 之一，或在政策文件的 person_groups 中声明它`,
        },
      );
  });
  if (!Number.isFinite(p.age) || p.age < 0 || p.age > 150)
    issues.add('person.age', `age ${p.age} is not plausible`, 'give the age in years at the settlement date', {
      message: `年龄 ${p.age} 不合理`,
      fix: '请填写结算日的周岁年龄',
    });
  if (p.acct_balc.isNeg())
    issues.add(
      'person.acct_balc',
      `account balance ${p.acct_balc.toFixed(2)} is negative`,
      'give the balance before the settlement (0 when there is none)',
      { message: `个人账户余额 ${p.acct_balc.toFixed(2)} 为负`, fix: '请填写结算前的余额（没有时填 0）' },
    );
  if (p.mulaid_balc?.isNeg())
    issues.add('person.mulaid_balc', 'mutual-aid balance is negative', 'give 0 when there is none', {
      message: '共济账户余额为负',
      fix: '没有时请填 0',
    });
  for (const [k, v] of Object.entries(p.ytd))
    if (v.isNeg())
      issues.add(
        `person.ytd.${k}`,
        `accumulator ${k} is negative`,
        'give year-to-date amounts as the center reports them (5206), 0 when none',
        { message: `年度累计 ${k} 为负`, fix: '请按医保中心（5206）给出的年度累计填写，没有时填 0' },
      );
}

/** The visit's type, category, chronic disease, fixed-amount item, admission count and carry. */
function checkVisit(input: Checked, policy: Policy, { pname, pnameZh }: Named, issues: Issues): void {
  const v = input.visit;
  if (!VISIT_TYPES.includes(v.type))
    issues.add('visit.type', `'${String(v.type)}' is not a visit type`, `use one of ${VISIT_TYPES.join(', ')}`, {
      message: `'${String(v.type)}' 不是就诊类型`,
      fix: '请使用 inpatient（住院）、outpatient（门诊）、chronic（门诊慢特病）、home_ward（家庭病床）、maternity（生育）或 injury（意外伤害）',
    });
  if (v.category !== undefined && v.category !== 'in_area' && !policy.patient_categories.includes(v.category)) {
    issues.add(
      'visit.category',
      `patient category '${v.category}' is unknown to ${pname}`,
      `use in_area or one of ${policy.patient_categories.join(', ') || '(none declared)'}, or declare it in the policy's patient_categories`,
      {
        message: `${pnameZh} 中没有就医类别 '${v.category}'`,
        fix: `请使用 in_area 或 ${policy.patient_categories.join('、') || '（未声明任何类别）'} 之一，或在政策文件的 patient_categories 中声明它`,
      },
    );
  }
  if (v.type === 'chronic' && policy.chronic) {
    const known = [...policy.chronic.diseases.keys()];
    if (v.disease === undefined || !policy.chronic.diseases.has(v.disease))
      issues.add(
        'visit.disease',
        v.disease === undefined
          ? 'a chronic-disease visit (门诊慢特病) names no disease'
          : `disease '${v.disease}' is not in the policy's chronic.diseases`,
        `give visit.disease, one of ${known.join(', ')}`,
        {
          message:
            v.disease === undefined
              ? '门诊慢特病就诊没有写病种'
              : `病种 '${v.disease}' 不在政策文件的 chronic.diseases 中`,
          fix: `请填写 visit.disease，取 ${known.join('、')} 之一`,
        },
      );
  }
  const fixed = v.type === 'chronic' ? null : (policy.pools[v.type]?.fixed ?? null);
  if (fixed && (v.fixed_item === undefined || !fixed.has(v.fixed_item))) {
    const items = [...fixed.keys()];
    issues.add(
      'visit.fixed_item',
      v.fixed_item === undefined
        ? `a ${v.type} visit is paid a fixed amount by item, and the bill names none`
        : `item '${v.fixed_item}' has no fixed amount in ${v.type}.fixed`,
      `give visit.fixed_item, one of ${items.join(', ')}`,
      {
        message:
          v.fixed_item === undefined
            ? `${v.type} 按项目定额支付，但账单没有写项目`
            : `项目 '${v.fixed_item}' 在 ${v.type}.fixed 中没有定额`,
        fix: `请填写 visit.fixed_item，取 ${items.join('、')} 之一`,
      },
    );
  }
  if (!Number.isInteger(v.admission_count) || v.admission_count < 1)
    issues.add(
      'visit.admission_count',
      `admission count ${v.admission_count} is not a whole number ≥ 1`,
      'give the n-th admission of the year (1 for the first)',
      { message: `住院次数 ${v.admission_count} 不是不小于 1 的整数`, fix: '请填写本年度第几次住院（第一次为 1）' },
    );
  if (v.carry && v.type !== 'inpatient')
    issues.add(
      'visit.carry',
      'only inpatient stays have interim settlements',
      'remove carry, or set visit.type to inpatient',
      { message: '只有住院才有中途结算', fix: '请删除 carry，或把 visit.type 设为 inpatient' },
    );
}

/** An interim settlement's number follows the earlier settlements the carry (or state) holds. */
function checkInterim(input: Checked, issues: Issues): void {
  const v = input.visit;
  const done = v.carry?.settlements ?? 0;
  if (v.interim_no !== undefined && v.interim_no !== done + 1) {
    // With a carried state the earlier settlements come from state.stay: the fix names state, not the older visit.carry.
    const later = v.interim_no > done + 1;
    const en =
      input.state != null
        ? {
            message: `interim settlement #${v.interim_no} but state.stay holds ${done} earlier settlement(s)`,
            fix: later
              ? `pass the state of settlement #${v.interim_no - 1}'s result as state:, or give visit.interim_no ${done + 1}`
              : `give visit.interim_no ${done + 1}, or a new visit.mdtrt_id when this is another stay`,
          }
        : {
            message: `interim settlement #${v.interim_no} but carry holds ${done} earlier settlement(s)`,
            fix: later
              ? `pass the stay totals of settlement #${v.interim_no - 1} (its result's stay) as visit.carry`
              : 'remove visit.carry for the first settlement of a stay',
          };
    const zh =
      input.state != null
        ? {
            message: `第 ${v.interim_no} 次中途结算，但 state.stay 中只有 ${done} 次此前的结算`,
            fix: later
              ? `请把第 ${v.interim_no - 1} 次结算结果中的 state 作为 state: 传入，或把 visit.interim_no 改为 ${done + 1}`
              : `请把 visit.interim_no 改为 ${done + 1}；若是另一次住院，请填写新的 visit.mdtrt_id`,
          }
        : {
            message: `第 ${v.interim_no} 次中途结算，但 carry 中只有 ${done} 次此前的结算`,
            fix: later
              ? `请把第 ${v.interim_no - 1} 次结算的本次住院合计（其结果中的 stay）作为 visit.carry 传入`
              : '本次住院的第一次结算请删除 visit.carry',
          };
    issues.add('visit.interim_no', en.message, en.fix, zh);
  }
}

type Line = SettleInput['lines'][number];

/** The cheap test every line passes through; only a line that fails it is looked at field by field. */
function lineLooksRight(l: Line): boolean {
  return !(
    l.cnt.isNeg() ||
    l.pric.isNeg() ||
    !CATEGORIES.has(l.chrgitm_lv) ||
    (l.selfpay_prop != null && (l.selfpay_prop.isNeg() || cmpD(l.selfpay_prop, ONE) > 0)) ||
    (l.pric_uplmt_amt != null && l.pric_uplmt_amt.isNeg())
  );
}

function checkLine(l: Line, at: string, issues: Issues): void {
  if (l.cnt.isNeg() && !l.init_feedetl_sn)
    issues.add(
      `${at}.cnt`,
      `negative quantity ${l.cnt.toString()} on a line that is not a refund`,
      'make cnt positive, or give init_feedetl_sn (the line it refunds)',
      {
        message: `数量 ${l.cnt.toString()} 为负，但该行不是退费`,
        fix: '请把 cnt 改为正数，或填写 init_feedetl_sn（所退费的原明细）',
      },
    );
  if (l.pric.isNeg())
    issues.add(`${at}.pric`, `negative price ${l.pric.toString()}`, 'give the unit price; refunds use a negative cnt', {
      message: `单价 ${l.pric.toString()} 为负`,
      fix: '请填写单价；退费用负的 cnt 表示',
    });
  if (!CATEGORIES.has(l.chrgitm_lv))
    issues.add(
      `${at}.chrgitm_lv`,
      `unknown category '${String(l.chrgitm_lv)}'`,
      'use 01 (甲类), 02 (乙类), 03 (丙类), or leave it empty when the item has no valid mapping',
      categoryZh(String(l.chrgitm_lv)),
    );
  if (l.selfpay_prop != null && (l.selfpay_prop.isNeg() || cmpD(l.selfpay_prop, ONE) > 0))
    issues.add(
      `${at}.selfpay_prop`,
      `self-pay ratio ${l.selfpay_prop.toString()} is outside 0…1`,
      'write it as a fraction of 1 (0.10 for 10%)',
      { message: `自付比例 ${l.selfpay_prop.toString()} 不在 0…1 之间`, fix: '请写成小数（10% 写作 0.10）' },
    );
  if (l.pric_uplmt_amt != null && l.pric_uplmt_amt.isNeg())
    issues.add(`${at}.pric_uplmt_amt`, 'negative price limit', 'give the limit from 1318, or leave it empty for none', {
      message: '限价为负',
      fix: '请填写 1318 给出的限价，没有限价时留空',
    });
}
