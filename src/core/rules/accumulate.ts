/**
 * Year-to-date accumulators. Keys (all yuan):
 *   ip_dedc / op_dedc           deductible paid this year, inpatient / outpatient pool
 *   ip_hifp_pay / op_hifp_pay   basic-pool payments this year (annual ceiling / outpatient cap)
 *   <fund>                      a supplement's payments this year (hifmi_pay, hifob_pay, cvlserv_pay, …)
 *   <fund>_base                 the base counted toward that supplement's threshold this year
 *   <section>_dedc / _hifp_pay  the same for home_ward, maternity, injury, chronic_<disease>
 *   cap_<name>                  fund payments of every pool sharing the annual cap <name>
 * A settlement contributes its own amounts; earlier interim settlements of a stay are taken out
 * of the year's figures before the stay is computed as a whole.
 */
import { D, minusD, plusD, type Decimal } from '../money.js';
import { poolOf } from './pool.js';
import type { Accumulators, Amounts, Policy, Visit } from './types.js';

const ZERO = new D(0);

export function contribution(
  amounts: Amounts,
  bases: Record<string, Decimal>,
  visit: Visit,
  policy: Policy,
): Accumulators {
  const pool = poolOf(policy, visit);
  const pfx = pool?.acc ?? (visit.type === 'inpatient' ? 'ip' : visit.type === 'outpatient' ? 'op' : visit.type);
  const out: Accumulators = {
    [`${pfx}_dedc`]: amounts.act_pay_dedc,
    [`${pfx}_hifp_pay`]: amounts.hifp_pay,
  };
  // A cap shared by several pools counts what each of them paid (cap_<name>).
  if (pool?.shared_cap) out[`cap_${pool.shared_cap}`] = amounts.hifp_pay;
  for (const s of policy.supplements) {
    out[s.fund] = amounts[s.fund];
    out[`${s.fund}_base`] = bases[s.fund] ?? ZERO;
  }
  return out;
}

export function addAcc(a: Accumulators, b: Accumulators, sign: 1 | -1 = 1): Accumulators {
  // a's keys in a's order, then b's new keys in b's order (as spreading a and assigning b's would),
  // built in one pass without a copy and a second write per key: twice per bill.
  const out: Accumulators = {};
  for (const k of Object.keys(a)) {
    const cur = a[k]!;
    const v = Object.hasOwn(b, k) ? b[k] : undefined;
    out[k] = v === undefined ? cur : sign === 1 ? plusD(cur, v) : minusD(cur, v);
  }
  for (const k of Object.keys(b)) {
    if (Object.hasOwn(a, k)) continue;
    const v = b[k]!;
    out[k] = sign === 1 ? plusD(ZERO, v) : minusD(ZERO, v);
  }
  return out;
}
