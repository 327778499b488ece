/**
 * Where the planted anomalies go: which day, and from which position in the day a target may be
 * taken. Decided up front from the seed alone, so the same seed plants the same anomalies.
 */
import { Rng } from './prng.js';

export type TargetRole = 'his_only' | 'mismatch_rounding' | 'mismatch_fee' | 'center_duplicate' | 'refund_pair';

export interface DayPlan {
  /** Settlement positions (in time order) that become pending; true = the center settled it (timeout). */
  pending: Map<number, boolean>;
  /** A settlement position whose settlement row the HIS rolled back after the center answered. */
  rollback: number | undefined;
  /** Roles wanting a plain settled row on this day, with the first position they may take. */
  targets: Array<{ role: TargetRole; from: number }>;
  /** Plant an emergency settlement at 23:59:5x that the center books after midnight. */
  crossMidnight: boolean;
  /** A center row with no HIS counterpart at all (test data at the center). */
  centerTestRow: boolean;
  /** Planted trace-code records (standalone pharmacy sales/returns) on this day. */
  trace: Array<
    | 'invalid_length'
    | 'invalid_chars'
    | 'duplicate'
    | 'sold_twice_first'
    | 'sold_twice_second'
    | 'return_never_sold'
    | 'no_mapping_sale'
  >;
  /** Stock-in of the drug whose mapping ends on the first day (day 0 only). */
  noMappingStock: boolean;
}

export function planDays(seed: number, counts: number[]): DayPlan[] {
  const days = counts.length;
  const rng = new Rng(seed, 'plan');
  const plans: DayPlan[] = counts.map(() => ({
    pending: new Map(),
    rollback: undefined,
    targets: [],
    crossMidnight: false,
    centerTestRow: false,
    trace: [],
    noMappingStock: false,
  }));
  const anyDay = () => rng.int(days);
  const position = (d: number) => rng.int(Math.max(1, counts[d]! - 1));

  // Stuck settlements: two the center settled (timeouts), two it never saw.
  for (const centerHasIt of [true, true, false, false]) {
    for (;;) {
      const d = anyDay();
      const p = position(d);
      if (!plans[d]!.pending.has(p) && plans[d]!.rollback !== p) {
        plans[d]!.pending.set(p, centerHasIt);
        break;
      }
    }
  }
  for (;;) {
    const d = anyDay();
    const p = position(d);
    if (!plans[d]!.pending.has(p)) {
      plans[d]!.rollback = p;
      break;
    }
  }
  const roles: TargetRole[] = [
    'his_only',
    'his_only',
    'mismatch_rounding',
    'mismatch_fee',
    'center_duplicate',
    'refund_pair',
  ];
  for (const role of roles) {
    const d = anyDay();
    plans[d]!.targets.push({ role, from: position(d) });
  }
  plans[rng.int(days - 1)]!.crossMidnight = true;
  plans[anyDay()]!.centerTestRow = true;

  plans[anyDay()]!.trace.push('invalid_length');
  plans[anyDay()]!.trace.push('invalid_chars');
  plans[anyDay()]!.trace.push('duplicate');
  const first = rng.int(days - 1);
  plans[first]!.trace.push('sold_twice_first');
  plans[first + 1 + rng.int(days - 1 - first)]!.trace.push('sold_twice_second');
  plans[anyDay()]!.trace.push('return_never_sold');
  plans[1 + rng.int(days - 1)]!.trace.push('no_mapping_sale');
  plans[0]!.noMappingStock = true;
  return plans;
}

/**
 * Settlements per day: a weekday profile (Sunday quietest) with some noise, allocated so that
 * the days add up to `total` exactly.
 */
export function dayCounts(seed: number, _days: number, total: number, weekdays: number[]): number[] {
  const rng = new Rng(seed, 'counts');
  const FACTOR = [0.55, 1.15, 1.05, 1.0, 1.0, 0.95, 0.7];
  const w = weekdays.map((wd) => FACTOR[wd]! * (0.9 + 0.2 * rng.next()));
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (x / sum) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]! += 1;
  return out;
}
