/**
 * Year-to-date accumulators. Keys (all yuan):
 *   ip_dedc / op_dedc           deductible paid this year, inpatient / outpatient pool
 *   ip_hifp_pay / op_hifp_pay   basic-pool payments this year (annual ceiling / outpatient cap)
 *   <fund>                      a supplement's payments this year (hifmi_pay, hifob_pay, cvlserv_pay, …)
 *   <fund>_base                 the base counted toward that supplement's threshold this year
 * A settlement contributes its own amounts; earlier interim settlements of a stay are taken out
 * of the year's figures before the stay is computed as a whole.
 */
import { D, type Decimal } from '../money.js';
import type { Accumulators, Amounts, Policy, VisitType } from './types.js';

const ZERO = new D(0);

export function contribution(amounts: Amounts, bases: Record<string, Decimal>, visit: VisitType, policy: Policy): Accumulators {
  const pfx = visit === 'inpatient' ? 'ip' : 'op';
  const out: Accumulators = {
    [`${pfx}_dedc`]: amounts.act_pay_dedc,
    [`${pfx}_hifp_pay`]: amounts.hifp_pay,
  };
  for (const s of policy.supplements) {
    out[s.fund] = amounts[s.fund];
    out[`${s.fund}_base`] = bases[s.fund] ?? ZERO;
  }
  return out;
}

export function addAcc(a: Accumulators, b: Accumulators, sign: 1 | -1 = 1): Accumulators {
  const out: Accumulators = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k] ?? ZERO;
    out[k] = sign === 1 ? cur.plus(v) : cur.minus(v);
  }
  return out;
}
