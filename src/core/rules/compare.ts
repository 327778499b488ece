/**
 * Compare a recorded settlement (the HIS's or the center's setlinfo) with the policy's result:
 * the fields that differ by more than the tolerance, each with the explanation of the computed
 * amount — what `settle audit` lists.
 */
import { D, type Decimal } from '../money.js';
import type { SetlinfoLike } from './invariants.js';
import { AMOUNT_FIELDS, type AmountField, type ExplainEntry, type SettleResult } from './types.js';

export interface FieldDifference {
  field: AmountField;
  recorded: Decimal;
  computed: Decimal;
  difference: Decimal;
  explanation: ExplainEntry | null;
}

export function compareSettlement(
  recorded: SetlinfoLike,
  result: SettleResult,
  tolerance: Decimal.Value = '0.01',
): FieldDifference[] {
  const tol = new D(tolerance);
  const out: FieldDifference[] = [];
  for (const f of AMOUNT_FIELDS) {
    const rec = recorded[f];
    if (rec === undefined) continue;
    const comp = result.setlinfo[f];
    const diff = rec.minus(comp);
    if (diff.abs().gt(tol))
      out.push({
        field: f,
        recorded: rec,
        computed: comp,
        difference: diff,
        explanation: result.explanation?.find((e) => e.field === f) ?? null,
      });
  }
  return out;
}
