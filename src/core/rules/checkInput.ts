/**
 * Checks a settlement input against its policy before the engine runs. Callers that build the
 * input in code (the sandbox center) get the same precise errors as a bill file: field path, and
 * the file line when the input came from parseBill.
 */
import { Issues } from './issues.js';
import { covers } from './policySet.js';
import type { Policy, SettleInput } from './types.js';

const CATEGORIES = new Set(['01', '02', '03', null]);

export function checkSettleInput(input: SettleInput, policy: Policy): void {
  const file = input.source?.file ?? 'bill';
  const issues = new Issues(file, input.source?.lines ?? new Map());
  const pname = `policy ${policy.source.file} (${policy.name} ${policy.version})`;
  if (!policy.insutypes.includes(input.insutype)) issues.add('insutype', `${pname} is for insutype ${policy.insutypes.join('/')}, not ${input.insutype}`, 'use the policy of this insutype (selectPolicy) or correct insutype');
  if (!covers(policy, input.setl_time)) issues.add('setl_time', `${pname} is in force ${policy.effective.from}..${policy.effective.to ?? 'open'}, not on ${input.setl_time}`, 'load the policy in force on the settlement date, or correct setl_time');
  if (!policy.levels.includes(input.hosp_lv)) issues.add('hosp_lv', `hospital level '${input.hosp_lv}' is not one of the policy's levels (${policy.levels.join(', ')})`, `use one of ${policy.levels.join(', ')}, or add the level to the policy`);
  const p = input.person;
  p.psn_groups.forEach((g, i) => {
    if (!policy.person_groups.includes(g)) issues.add(`person.psn_groups[${i}]`, `person group '${g}' is unknown to ${pname}`, `use one of ${policy.person_groups.join(', ') || '(none declared)'}, or declare it in the policy's person_groups`);
  });
  if (!Number.isFinite(p.age) || p.age < 0 || p.age > 150) issues.add('person.age', `age ${p.age} is not plausible`, 'give the age in years at the settlement date');
  if (p.acct_balc.isNeg()) issues.add('person.acct_balc', `account balance ${p.acct_balc.toFixed(2)} is negative`, 'give the balance before the settlement (0 when there is none)');
  if (p.mulaid_balc?.isNeg()) issues.add('person.mulaid_balc', 'mutual-aid balance is negative', 'give 0 when there is none');
  for (const [k, v] of Object.entries(p.ytd)) if (v.isNeg()) issues.add(`person.ytd.${k}`, `accumulator ${k} is negative`, 'give year-to-date amounts as the center reports them (5206), 0 when none');
  const v = input.visit;
  if (v.type !== 'inpatient' && v.type !== 'outpatient') issues.add('visit.type', `'${String(v.type)}' is not a visit type`, 'use inpatient or outpatient');
  if (!Number.isInteger(v.admission_count) || v.admission_count < 1) issues.add('visit.admission_count', `admission count ${v.admission_count} is not a whole number ≥ 1`, 'give the n-th admission of the year (1 for the first)');
  const done = v.carry?.settlements ?? 0;
  if (v.carry && v.type !== 'inpatient') issues.add('visit.carry', 'only inpatient stays have interim settlements', 'remove carry, or set visit.type to inpatient');
  if (v.interim_no !== undefined && v.interim_no !== done + 1) {
    issues.add('visit.interim_no', `interim settlement #${v.interim_no} but carry holds ${done} earlier settlement(s)`, v.interim_no > done + 1 ? `pass the stay totals of settlement #${v.interim_no - 1} (its result's stay) as visit.carry` : 'remove visit.carry for the first settlement of a stay');
  }
  input.lines.forEach((l, i) => {
    const at = `lines[${i}]`;
    if (l.cnt.isNeg() && !l.init_feedetl_sn) issues.add(`${at}.cnt`, `negative quantity ${l.cnt.toString()} on a line that is not a refund`, 'make cnt positive, or give init_feedetl_sn (the line it refunds)');
    if (l.pric.isNeg()) issues.add(`${at}.pric`, `negative price ${l.pric.toString()}`, 'give the unit price; refunds use a negative cnt');
    if (!CATEGORIES.has(l.chrgitm_lv)) issues.add(`${at}.chrgitm_lv`, `unknown category '${String(l.chrgitm_lv)}'`, 'use 01 (甲类), 02 (乙类), 03 (丙类), or leave it empty when the item has no valid mapping');
    if (l.selfpay_prop != null && (l.selfpay_prop.isNeg() || l.selfpay_prop.gt(1))) issues.add(`${at}.selfpay_prop`, `self-pay ratio ${l.selfpay_prop.toString()} is outside 0…1`, 'write it as a fraction of 1 (0.10 for 10%)');
    if (l.pric_uplmt_amt != null && l.pric_uplmt_amt.isNeg()) issues.add(`${at}.pric_uplmt_amt`, 'negative price limit', 'give the limit from 1318, or leave it empty for none');
  });
  issues.throwIfAny('BILL_INVALID', `bill ${file} cannot be settled with ${policy.source.file}`);
}
