/**
 * What the HIS's rows were, beyond what was counted: how many each rule left out and with which
 * values, and the values of settlements_for_reconcile outside the documented set (his_status not
 * pending · settled · cancelled · void, refd_setl_flag not 0/1, in_area_flag not 0/1/empty). A run
 * whose rows were all left out, or that read such values, must not look balanced: each becomes an
 * `unknown` finding that names the counts, the values, the statement column and the fix.
 *
 * The census is fed from the run's count of each row (or of each group the database summed), so it
 * costs a map update only for rows that are left out or odd. Pure.
 */
import type { ReconcileRules } from './rules.js';
import type { ExclusionReason, Finding, HisRowResult, OddValue } from './types.js';

/** The statuses a profile's settlements_for_reconcile may return (docs/profile.md). */
export const DOCUMENTED_STATUSES: readonly string[] = ['pending', 'settled', 'cancelled', 'void'];

const STATEMENT = 'settlements_for_reconcile';

/** The column each exclusion reads. */
const REASON_COLUMN: Record<ExclusionReason, string> = {
  status: 'his_status',
  refund: 'refd_setl_flag',
  out_of_area: 'in_area_flag',
};

type Tally = Map<string, number>;

const bump = (t: Tally, k: string, n: number) => t.set(k, (t.get(k) ?? 0) + n);

interface Span {
  begndate: string;
  enddate: string;
}

export class HisValueCensus {
  /** Rows read that could be counted or were left out by a rule (problems are findings of their own). */
  rows = 0;
  counted = 0;
  readonly excluded: Record<ExclusionReason, number> = { status: 0, refund: 0, out_of_area: 0 };
  /** Values that excluded rows, per reason. */
  readonly excludedValues: Record<ExclusionReason, Tally> = {
    status: new Map(),
    refund: new Map(),
    out_of_area: new Map(),
  };
  /** Undocumented values per column. */
  readonly odd: Record<OddValue['column'], Tally> = { refd_setl_flag: new Map(), in_area_flag: new Map() };
  /** The periods rows were read in, and those with odd values. */
  private readonly periods: Span[] = [];
  private readonly oddPeriods: Span[] = [];

  /** One reading of the run (`n` rows when the database summed a group). */
  add(res: HisRowResult, n: number, period: Span): void {
    if (res.kind === 'problem') return;
    this.rows += n;
    const last = this.periods[this.periods.length - 1];
    if (!last || last.begndate !== period.begndate)
      this.periods.push({ begndate: period.begndate, enddate: period.enddate });
    if (res.kind === 'counted') this.counted += n;
    else {
      this.excluded[res.reason] += n;
      bump(this.excludedValues[res.reason], res.value, n);
      if (res.reason === 'status' && !DOCUMENTED_STATUSES.includes(res.value)) this.notePeriod(period);
    }
    if (res.odd) {
      for (const o of res.odd) bump(this.odd[o.column], o.value, n);
      this.notePeriod(period);
    }
  }

  private notePeriod(p: Span): void {
    const last = this.oddPeriods[this.oddPeriods.length - 1];
    if (!last || last.begndate !== p.begndate) this.oddPeriods.push({ begndate: p.begndate, enddate: p.enddate });
  }

  /** his_status values that are not documented and were left out (a configured one counts and is meant). */
  undocumentedStatuses(): Tally {
    const t: Tally = new Map();
    for (const [v, n] of this.excludedValues.status) if (!DOCUMENTED_STATUSES.includes(v)) t.set(v, n);
    return t;
  }

  /**
   * The findings: `his_rows_excluded` when rows were read and the rules left every one of them
   * out, and `his_unexpected_value` per column with undocumented values.
   */
  findings(rules: Pick<ReconcileRules, 'statuses' | 'refunds' | 'outOfArea'>): Finding[] {
    const out: Finding[] = [];
    if (this.rows > 0 && this.counted === 0) out.push(this.allExcluded(rules));
    out.push(...this.unexpectedValues(rules));
    return out;
  }

  /** `his_rows_excluded`: rows were read and the rules left every one out, by reason and value. */
  private allExcluded(rules: Pick<ReconcileRules, 'statuses' | 'refunds' | 'outOfArea'>): Finding {
    const reasons = (Object.keys(this.excluded) as ExclusionReason[]).filter((r) => this.excluded[r] > 0);
    const by = reasons
      .map(
        (r) =>
          `${this.excluded[r]} by ${r === 'status' ? 'status' : r === 'refund' ? 'refund flag' : 'out-of-area'} (${REASON_COLUMN[r]} ${valuesText(this.excludedValues[r])})`,
      )
      .join(', ');
    const rule = {
      status: `reconcile.statuses: ${rules.statuses.join(', ')}`,
      refund: `reconcile.refunds: ${rules.refunds}`,
      out_of_area: `reconcile.outOfArea: ${rules.outOfArea}`,
    };
    return censusFinding('his_rows_excluded', this.periods[0]!, {
      detail: `The HIS returned ${this.rows} settlement row(s) (${spanText(this.periods)}) and the reconcile rules left out every one: ${by}. Nothing was counted: the HIS side of every total is zero (${reasons.map((r) => rule[r]).join('; ')}).`,
      fields: reasons.flatMap((r) =>
        [...this.excludedValues[r]].map(([v, n]) => ({
          field: `${STATEMENT}.${REASON_COLUMN[r]}`,
          his: `${v === '' ? '(empty)' : v} ×${n}`,
          center: null,
          diff: null,
        })),
      ),
      evidence: {
        statement: STATEMENT,
        rows: this.rows,
        counted: 0,
        excluded: { ...this.excluded },
        values: Object.fromEntries(
          reasons.map((r) => [`${STATEMENT}.${REASON_COLUMN[r]}`, Object.fromEntries(this.excludedValues[r])]),
        ),
        periods: this.periods.map((p) => p.begndate),
      },
      how: `Check what the HIS's values mean: map them in the profile statement ${STATEMENT} (his_status to ${DOCUMENTED_STATUSES.join(' · ')}, refd_setl_flag to 0/1, in_area_flag to 0/1), or change reconcile.statuses / refunds / outOfArea in hisops.yaml; then reconcile again.`,
    });
  }

  /** `his_unexpected_value`, one per column with values outside the documented ones. */
  private unexpectedValues(rules: Pick<ReconcileRules, 'statuses'>): Finding[] {
    const out: Finding[] = [];
    const oddCols: Array<[string, Tally, string, string]> = [
      [
        'his_status',
        this.undocumentedStatuses(),
        DOCUMENTED_STATUSES.join(', '),
        `those rows were left out (reconcile.statuses counts ${rules.statuses.join(', ')})`,
      ],
      [
        'refd_setl_flag',
        this.odd.refd_setl_flag,
        '0 or 1',
        'those rows were read as 0 (not a cancellation) and counted',
      ],
      [
        'in_area_flag',
        this.odd.in_area_flag,
        '0, 1 or empty',
        'for those rows the agency decided whether they are out-of-area',
      ],
    ];
    const first = this.oddPeriods[0];
    for (const [column, values, allowed, effect] of oddCols) {
      if (values.size === 0 || !first) continue;
      const rows = sum(values);
      out.push(
        censusFinding('his_unexpected_value', first, {
          detail: `The profile statement ${STATEMENT} returned ${column} ${valuesText(values)} (${rows} row(s) in ${spanText(this.oddPeriods)}), which is not ${allowed}: ${effect}.`,
          fields: [...values].map(([v, n]) => ({
            field: `${STATEMENT}.${column}`,
            his: `${v === '' ? '(empty)' : v} ×${n}`,
            center: null,
            diff: null,
          })),
          evidence: {
            statement: STATEMENT,
            column: `${STATEMENT}.${column}`,
            allowed,
            values: Object.fromEntries(values),
            rows,
            periods: this.oddPeriods.map((p) => p.begndate),
          },
          how:
            column === 'his_status'
              ? `Map the HIS's status values to ${DOCUMENTED_STATUSES.join(' · ')} in the profile statement ${STATEMENT} (e.g. CASE his_status WHEN 'S' THEN 'settled' … END AS his_status), or list them in reconcile.statuses in hisops.yaml; then reconcile again.`
              : `Map the HIS's values of ${column} to ${allowed} in the profile statement ${STATEMENT}; then reconcile again.`,
        }),
      );
    }
    return out;
  }
}

const sum = (t: Tally) => [...t.values()].reduce((a, b) => a + b, 0);

/** "S" ×153, "X" ×2 — most frequent first, at most 10. */
function valuesText(t: Tally): string {
  const all = [...t].sort((a, b) => b[1] - a[1]);
  const shown = all.slice(0, 10).map(([v, n]) => `"${v}" ×${n}`);
  return shown.join(', ') + (all.length > 10 ? ` and ${all.length - 10} more` : '');
}

function spanText(ps: readonly Span[]): string {
  if (ps.length === 0) return '';
  const a = ps[0]!.begndate;
  const b = ps[ps.length - 1]!.enddate;
  return a === b ? a : `${ps.length === 1 ? '' : `${ps.length} period(s) `}${a} … ${b}`;
}

function censusFinding(
  cause: 'his_rows_excluded' | 'his_unexpected_value',
  p: Span,
  o: { detail: string; fields: Finding['fields']; evidence: Record<string, unknown>; how: string },
): Finding {
  return {
    kind: 'unknown',
    cause,
    begndate: p.begndate,
    enddate: p.enddate,
    insutype: null,
    clr_type: null,
    setl_optins: null,
    setl_id: null,
    mdtrt_id: null,
    psn_no: null,
    msgid: null,
    related_setl_id: null,
    refd_setl_flag: null,
    his_setl_time: null,
    center_setl_time: null,
    fields: o.fields,
    effects: [],
    detail: o.detail,
    evidence: { his: o.evidence, center_row: null, center_query: null, his_log: null, call: null },
    repair: { action: 'manual', certain: false, how: o.how, command: null, status: 'suggested', infno: null },
  };
}
