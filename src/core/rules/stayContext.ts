/**
 * What the cumulative (whole-stay) computation needs besides the category sums.
 */
import type { Decimal } from '../money.js';
import type { Explainer } from './explainer.js';
import type { Accumulators, Person, Policy, Visit } from './types.js';

export interface StayContext {
  policy: Policy;
  person: Person;
  visit: Visit;
  hosp_lv: string;
  /** Accumulators of the year before this stay (earlier interim settlements taken out). */
  yBefore: Accumulators;
  /** Account balances before this stay (earlier interim payments added back). */
  balanceBefore: Decimal;
  mulaidBefore: Decimal;
  ex: Explainer | null;
}

/** Category sums of the lines of the stay so far (earlier interim settlements included). */
export interface CategorySums {
  medfee: Decimal;
  fulamt: Decimal;
  overlmt: Decimal;
  pre: Decimal;
  inscp: Decimal;
  hospOver: Decimal;
  hospFul: Decimal;
}
